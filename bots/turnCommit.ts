import type { Activity, TurnContext } from 'botbuilder';
import type { IntakeState } from '../dialogs/IntakeState';

/**
 * What a turn decided, handed to an adapter that stores it all at once: the state write
 * (or erasure) and the replies, instead of saving the state and then sending. A messaging
 * channel's adapter writes them in one transaction with "this message is processed", so a
 * crash leaves either nothing done (the message is processed again) or everything done
 * (the replies are in the outbox): never a reply without its state, nor twice.
 */
export interface TurnOutcome {
  key: string;
  /** The state to write with the eTag it was read with; undefined: unchanged. */
  state?: IntakeState;
  eTag: string | undefined;
  /** The stored state is to be deleted (the young person declined or erased their data). */
  erase: boolean;
  activities: Partial<Activity>[];
}

/** Stores a turn's outcome; throws StorageConflictError (db/PrismaStorage) when the eTag is stale. */
export type TurnCommit = (outcome: TurnOutcome) => Promise<void>;

const TURN_COMMIT = Symbol('binome.turnCommit');

/** The adapter asks for its turns to be committed this way. */
export function setTurnCommit(context: TurnContext, commit: TurnCommit): void {
  context.turnState.set(TURN_COMMIT, commit);
}

export function turnCommitOf(context: TurnContext): TurnCommit | undefined {
  return context.turnState.get(TURN_COMMIT) as TurnCommit | undefined;
}
