import type { Storage, TurnContext } from 'botbuilder';
import type { IntakeState } from '../dialogs/IntakeState';

export interface LoadedState { state: IntakeState | null; eTag: string | undefined }

/**
 * Conversation state with optimistic concurrency. BotState.saveChanges always writes
 * eTag "*" (last writer wins); here the eTag read at the start of a turn goes back with
 * the write, so a turn that raced another one is rejected instead of erasing its answers.
 */
export class ConversationStore {
  constructor(private readonly storage: Storage) {}

  static keyOf(context: TurnContext): string {
    const a = context.activity;
    return `${a.channelId}/conversations/${a.conversation.id}`;
  }

  async load(key: string): Promise<LoadedState> {
    const items = await this.storage.read([key]);
    const item = items[key] as (IntakeState & { eTag?: string }) | undefined;
    if (!item) return { state: null, eTag: undefined };
    const { eTag, ...state } = item;
    return { state: state as IntakeState, eTag };
  }

  async save(key: string, state: IntakeState, eTag: string | undefined): Promise<void> {
    await this.storage.write({ [key]: { ...state, eTag: eTag ?? '*' } });
  }

  async delete(key: string): Promise<void> {
    await this.storage.delete([key]);
  }
}
