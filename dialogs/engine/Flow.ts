import type { Proposal } from '../../intake/submitRequest';
import type { Lang } from '../../intake/vocabulary';
import type { EditableField } from '../../understanding/parseCommand';
import type { IntakeState, SlotName } from '../IntakeState';
import type { MessageReader } from '../readings';
import type { Question } from '../questions';
import type { Msg } from '../Msg';
import type { SubmitMeta, SubmitOutcome } from './FlowEngine';

/** The conversations the bot holds: a young person asking for a mentor, a volunteer offering to be one. */
export const FLOW_IDS = ['mentee', 'volunteer'] as const;
export type FlowId = (typeof FLOW_IDS)[number];

/** What a flow's answers become once checked: a validated record, or the questions to ask again. */
export type Built<R> = { ok: true; value: R } | { ok: false; missing: SlotName[] };

/**
 * One conversation as data, run by the engine (FlowEngine): its questions (in order, with
 * their conditions), how free text is read into them, what the answers become, where they
 * are routed and how they are handed over. Everything else (consent, retries, the summary
 * and its edits, commands, confirmations, the proposal, the submission) is the engine's.
 *
 * Texts: the engine says `intake.*` keys; a flow says its own where the locales have a
 * `<textPrefix>.*` key of the same name (`volunteer.welcome.what` for `intake.welcome.what`).
 */
export interface Flow<R = unknown> {
  id: FlowId;
  /** Locale prefix of the texts this flow says instead of the engine's (null: the engine's own). */
  textPrefix: string | null;
  questions: readonly Question[];
  /** Reads messages into this flow's answers. */
  reader: MessageReader;
  /**
   * Whether a message asks for this flow ("je voudrais devenir mentor"): the conversation moves
   * to it. `opening`: the message comes before any question (the opening or the consent), where
   * a broader reading is safe ("j'aimerais aider des lycéens" is no answer to a question then).
   */
  claims(text: string, opening: boolean): boolean;
  /** The question a "modifier mon âge" command reopens, null where the flow has none. */
  editSlot(field: EditableField): SlotName | null;
  /** The answers as the validated record, or which questions must be asked again. */
  build(state: IntakeState, meta: { lang: Lang; channel: string; now: Date }): Built<R>;
  /** What routing would choose and the alternatives, nothing stored. */
  propose(record: R): Promise<Proposal>;
  /** Stores, routes and queues the handoff. */
  submit(record: R, meta: SubmitMeta): Promise<SubmitOutcome>;
  /** The funnel step name of a step of this flow (the mentee flow's are the bare step names). */
  step(step: string): string;
}

/** The texts a flow says, with its own wording where it has one. */
export function flowMsgs(flow: Flow, exists: (key: string) => boolean, out: Msg[]): Msg[] {
  if (!flow.textPrefix) return out;
  const prefix = flow.textPrefix;
  const rewrite = (m: Msg): Msg => {
    const own = m.key.startsWith('intake.') ? `${prefix}.${m.key.slice('intake.'.length)}` : null;
    const params = m.params
      ? Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, Array.isArray(v) ? v.map(rewrite) : typeof v === 'object' ? rewrite(v) : v]))
      : undefined;
    const choices = m.choices?.map((c) => ({ ...c, label: rewrite(c.label) }));
    return { ...m, key: own && exists(own) ? own : m.key, ...(params ? { params } : {}), ...(choices ? { choices } : {}) };
  };
  return out.map(rewrite);
}
