import crypto from 'node:crypto';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { silentLogger } from '../bots/log';
import type { Database } from '../db/createDatabase';
import type { IntakeState } from '../dialogs/IntakeState';
import { createBotStack } from '../index';
import type { Lang } from '../intake/vocabulary';
import { useReadingModel, type ReadingModel } from '../understanding/readingModel';

/** One simulated young person of test/fixtures/understanding/conversations.json (see its README). */
export interface SimulatedConversation {
  id: string;
  lang: Lang;
  style: 'standard' | 'texting';
  opening: string;
  openingStates: string[];
  answers: Record<string, string | string[]>;
  interjections?: { before: string; text: string; faq?: string }[];
  corrections?: { before: string; text: string; slot: string }[];
  expected: Record<string, unknown>;
  /** People corpus only: the programmes a coordinator would accept for this young person (routing acceptability). */
  acceptable?: string[];
  tags?: string[];
}

export interface ConversationResult {
  id: string;
  /** The stored request matched `expected` in every field. */
  exact: boolean;
  /** Fields that differ, with what was stored. */
  differences: { field: string; expected: unknown; stored: unknown }[];
  /** Messages the young person sent until the summary was first shown (the request complete). */
  turnsToComplete: number | null;
  /** Messages until their situation was told: age, situation, needs and place all answered (consent included). */
  turnsToSituation: number | null;
  /** Every message sent, until the request was stored or the simulation gave up. */
  turns: number;
  /** Why the simulation stopped without a stored request. */
  stuck?: string;
  /** Questions the corpus wrote no reply for, answered "je sais pas" / "I don't know" (see UNSCRIPTED). */
  unscripted: string[];
  transcript: string[];
  /** Programme the request was sent to (the coordinator's programme when it fell back), null when none was stored. */
  routedTo: string | null;
  /** `acceptable` holds the programme it was sent to (undefined without labels). */
  routedOk?: boolean;
  /** Yes/no checks the bot asked (an age outside the range, a doubtful reading). */
  confirmations: number;
  /**
   * Yes/no checks of a reading model's guess (situation, needs): `early` when the guess came
   * before its question was ever asked (read in the opening), `right` when the reply was yes.
   */
  modelChecks: { slot: string; early: boolean; right: boolean }[];
  /** Questions asked again for facts the opening had stated (`openingStates`). */
  reasked: string[];
  /** Free-text fields of the stored request that hold the opening (a privacy defect: must be none). */
  openingStored: string[];
  /** Proposals that showed two buttons with the same association name. */
  duplicateButtons: number;
  /** Language of the stored request. */
  locale: string | null;
}

export interface ConversationReport {
  count: number;
  exact: number;
  medianTurnsToComplete: number | null;
  medianTurnsToSituation: number | null;
  results: ConversationResult[];
}

const MAX_TURNS = 60;
/** The answer keys of conversations.json for each question of the dialog. */
/** What a simulated person says to a question the corpus has no reply for. */
export const UNSCRIPTED = { fr: 'je sais pas', en: "I don't know" } as const;

function answerKeyFor(state: IntakeState, answers: Record<string, unknown>): string | null {
  if (state.confirming === 'side') return 'role';
  if (state.confirming) return state.confirming === 'tooYoung' || state.confirming === 'tooOld' ? 'ageConfirm' : null;
  // A yes/no check of the reading model's guess: answered from the labels (checkReply).
  if (state.phase === 'asking' && (state.checking === 'situation' || state.checking === 'needs')) return 'check';
  switch (state.phase) {
    case 'consent': return 'consent';
    case 'summary': return 'confirm';
    case 'proposal': return 'proposal';
    case 'asking': break;
    default: return null;
  }
  const slot = state.current;
  // "Which one?" among namesakes: a person without a prepared choice answers with their town again.
  // "Which commune of that département?" after a département alone is a choice too.
  if (slot === 'place' && (state.pendingPlaces?.length || state.placeIn)) return 'placeChoice' in answers ? 'placeChoice' : 'place';
  if (slot === 'level') return 'schoolYear' in answers ? 'schoolYear' : 'diplomaLevel';
  return slot;
}

/**
 * Plays each simulated young person against the real bot stack (understanding, dialog,
 * routing, storage on `db`): the opening, then the reply the corpus gives for whatever the
 * bot asks, with the FAQ questions and corrections sent where the corpus says. Scores the
 * stored request against the expected one.
 */
export async function evaluateConversations(items: readonly SimulatedConversation[], db: Database, today: Date, opts: EvalOptions = {}): Promise<ConversationReport> {
  try {
    return await playConversations(items, db, today, opts);
  } finally {
    if (opts.modelFor) useReadingModel(undefined);
  }
}

/** `modelFor`: the reading model each conversation is read with (cross-validation: the folds it was not trained on; null: rules alone). */
export interface EvalOptions { modelFor?: (id: string) => ReadingModel | null }

async function playConversations(items: readonly SimulatedConversation[], db: Database, today: Date, opts: EvalOptions): Promise<ConversationReport> {
  let now = today;
  const { bot } = createBotStack({ db, log: silentLogger, now: () => now, resumeAfterMs: 30 * 60_000 });
  const results: ConversationResult[] = [];
  for (const conv of items) {
    if (opts.modelFor) useReadingModel(opts.modelFor(conv.id));
    const locale = conv.lang === 'en' ? 'en-US' : 'fr-FR';
    const conversationId = `eval-${crypto.randomUUID()}`;
    const key = `webchat/conversations/${conversationId}`;
    const adapter = new TestAdapter((ctx) => bot.run(ctx), {
      channelId: 'webchat',
      conversation: { id: conversationId, isGroup: false, name: '', conversationType: 'personal' },
      locale,
    } as Partial<Activity>);
    const transcript: string[] = [];
    let duplicateButtons = 0;
    const send = async (text: string) => {
      transcript.push(`> ${text}`);
      await adapter.receiveActivity({ type: ActivityTypes.Message, text, locale });
      for (const a of adapter.activeQueue.splice(0)) {
        if (a.type !== ActivityTypes.Message) continue;
        transcript.push(`< ${a.text ?? ''}`);
        const titles = (a.suggestedActions?.actions ?? []).map((b) => String(b.title ?? '').trim().toLowerCase());
        if (new Set(titles).size !== titles.length) duplicateButtons += 1;
      }
      now = new Date(now.getTime() + 20_000);
    };
    const readState = async (): Promise<IntakeState | null> => {
      const row = await db.prisma.botState.findUnique({ where: { key } });
      return row ? (row.data as unknown as IntakeState) : null;
    };

    const tries = new Map<string, number>();
    const sentBefore = new Set<string>();
    let turns = 0;
    let turnsToComplete: number | null = null;
    let turnsToSituation: number | null = null;
    let stuck: string | undefined;
    const unscripted: string[] = [];
    let confirmations = 0;
    const modelChecks: ConversationResult['modelChecks'] = [];
    const askedSlots = new Set<string>();
    const reasked: string[] = [];
    const stated = new Set(conv.openingStates.map((s) => (s === 'schoolYear' || s === 'diplomaLevel' ? 'level' : s)));
    let lastAsked: string | null = null;
    await send(conv.opening);
    turns += 1;
    for (;;) {
      const state = await readState();
      if (!state) { stuck = 'conversation state erased'; break; }
      const asking = state.confirming ? `confirm:${state.confirming}:${state.current ?? ''}`
        : state.checking ? `check:${state.checking}` : state.phase === 'asking' ? `ask:${state.current ?? ''}` : state.phase;
      if (asking !== lastAsked) {
        if (state.confirming === 'tooYoung' || state.confirming === 'tooOld' || state.confirming === 'side' || state.checking) confirmations += 1;
        if (state.phase === 'asking' && (state.checking === 'situation' || state.checking === 'needs')) {
          modelChecks.push({ slot: state.checking, early: !askedSlots.has(state.checking), right: /^(?:oui|yes)$/.test(checkReply(state, conv)) });
        }
        if (state.phase === 'asking' && !state.confirming && !state.checking && state.current) askedSlots.add(state.current);
        // A yes/no check of a doubtful reading is a confirmation, not a fact asked again.
        if (state.phase === 'asking' && !state.confirming && !state.checking && state.current && stated.has(state.current) && !reasked.includes(state.current)) reasked.push(state.current);
        lastAsked = asking;
      }
      if (state.phase === 'summary' && turnsToComplete === null) turnsToComplete = turns;
      const told = (['age', 'situation', 'needs', 'place'] as const).every((slot) => state.answered[slot]);
      if (turnsToSituation === null && (told || state.phase === 'summary' || state.phase === 'submitted')) turnsToSituation = turns;
      if (state.phase === 'submitted') break;
      if (turns >= MAX_TURNS) { stuck = `no request after ${MAX_TURNS} messages (phase ${state.phase}, question ${state.current ?? '-'})`; break; }
      const answerKey = answerKeyFor(state, conv.answers);
      // FAQ questions and corrections go right before the reply they are attached to, once;
      // those whose question never came (the opening answered it) are said at the summary.
      for (const extra of [...(conv.interjections ?? []), ...(conv.corrections ?? [])]) {
        const id = `${extra.before}:${extra.text}`;
        if ((extra.before === answerKey || answerKey === 'confirm') && !sentBefore.has(id)) {
          sentBefore.add(id);
          await send(extra.text);
          turns += 1;
        }
      }
      let reply = answerKey === 'check' ? checkReply(state, conv) : answerKey === 'role' && !('role' in conv.answers) ? roleReply(conv) : answerKey ? conv.answers[answerKey] : undefined;
      // A question its writer did not foresee (a follow-up on the diploma, the detail of "other"):
      // a person who has nothing more to say answers so. The request is then scored as usual, so a
      // question asked because of a misreading still costs a message and leaves the field wrong.
      if (reply === undefined && answerKey && state.phase === 'asking' && !state.confirming && answerKey !== 'check') {
        reply = UNSCRIPTED[conv.lang === 'en' ? 'en' : 'fr'];
        if (!unscripted.includes(answerKey)) unscripted.push(answerKey);
      }
      if (reply === undefined) { stuck = `no reply in the corpus for ${answerKey ?? `phase ${state.phase}`}`; break; }
      const n = tries.get(answerKey!) ?? 0;
      tries.set(answerKey!, n + 1);
      let text = Array.isArray(reply) ? reply[Math.min(n, reply.length - 1)]! : reply;
      // The meeting question also asks when they are free: a person answers both ("en vrai, le lundi soir").
      const free = conv.answers.availability;
      if (answerKey === 'meeting' && n === 0 && !state.answered.availability && !state.editing && typeof free === 'string' && free.trim() !== '') text = `${text}, ${free}`;
      await send(text);
      turns += 1;
      if ((tries.get(answerKey!) ?? 0) > 6) { stuck = `asked ${answerKey} more than 6 times`; break; }
    }

    const stored = await db.prisma.mentoringRequest.findMany({ where: { conversationKey: key } });
    const row = stored.length === 1 ? stored[0]! : null;
    const payload = row ? (row.payload as Record<string, unknown>) : null;
    const differences = payload ? compareRequest(conv.expected, payload) : [{ field: '(request)', expected: 'one stored request', stored: stored.length }];
    const routedTo = row ? row.programmeId ?? (row.status === 'fallback' ? COORDINATOR_PROGRAMME : null) : null;
    results.push({
      id: conv.id, exact: differences.length === 0, differences, turnsToComplete, turnsToSituation, turns, stuck, unscripted, transcript,
      routedTo, routedOk: conv.acceptable ? routedTo !== null && conv.acceptable.includes(routedTo) : undefined,
      confirmations, modelChecks, reasked, openingStored: payload ? openingFields(conv.opening, payload) : [], duplicateButtons,
      locale: payload ? String(payload.locale) : null,
    });
  }
  const medianOf = (values: (number | null)[]) => {
    const known = values.filter((n): n is number => n !== null).sort((a, b) => a - b);
    return known.length === 0 ? null : median(known);
  };
  return {
    count: items.length,
    exact: results.filter((r) => r.exact).length,
    medianTurnsToComplete: medianOf(results.map((r) => r.turnsToComplete)),
    medianTurnsToSituation: medianOf(results.map((r) => r.turnsToSituation)),
    results,
  };
}

/**
 * The reply to "ta situation : en emploi, c'est bien ça ?": yes when the guess is what the
 * labels say (the kind of situation; the needs exactly), no otherwise.
 */
function checkReply(state: IntakeState, conv: SimulatedConversation): string {
  const guess = state.unsure ?? {};
  const right = state.checking === 'situation'
    ? guess.situation?.kind === (conv.expected.situation as { kind?: string } | null | undefined)?.kind
    : sameSet(guess.needs ?? [], conv.expected.needs);
  return conv.lang === 'en' ? (right ? 'yes' : 'no') : right ? 'oui' : 'non';
}

/**
 * The reply to "tu es là pour devenir mentor ?" (an adult's age in a young person's conversation)
 * when the corpus gives none (`role`): what the labels say they are, a volunteer's offer or not.
 */
function roleReply(conv: SimulatedConversation): string {
  const volunteer = 'helps' in conv.expected;
  return conv.lang === 'en' ? (volunteer ? 'yes' : 'no') : volunteer ? 'oui' : 'non';
}

/** The coordinator's programme in the seeded directory: where a request goes when nothing fits. */
export const COORDINATOR_PROGRAMME = 'collectif-mentorat';

/**
 * Free-text fields that hold the opening: the whole message, or any 60-character run of it
 * (an opening is a story; a field is an answer to one question).
 */
export function openingFields(opening: string, payload: Record<string, unknown>): string[] {
  const squash = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const o = squash(opening);
  const situation = payload.situation as { detail?: string | null } | null;
  const fields: [string, unknown][] = [
    ['firstName', payload.firstName], ['needsOther', payload.needsOther], ['situation.detail', situation?.detail],
    ['availability', payload.availability],
  ];
  const out: string[] = [];
  for (const [name, value] of fields) {
    if (typeof value !== 'string' || value.length === 0) continue;
    const v = squash(value);
    if (v === o || (o.length >= 60 && v.length >= 60 && (o.includes(v) || v.includes(o.slice(0, 60))))) out.push(name);
  }
  return out;
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const sameSet = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) && new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

/** Compares a stored request payload with the corpus's expected fields (README of the corpus). */
export function compareRequest(expected: Record<string, unknown>, stored: Record<string, unknown>): ConversationResult['differences'] {
  const diffs: ConversationResult['differences'] = [];
  const differ = (field: string, e: unknown, s: unknown) => diffs.push({ field, expected: e, stored: s });
  for (const [field, e] of Object.entries(expected)) {
    const s = stored[field === 'priorityPublics' ? 'priorityPublics' : field];
    switch (field) {
      case 'situation': {
        const es = e as Record<string, unknown> | null;
        const ss = s as Record<string, unknown> | null;
        const same = es === null ? ss === null
          : !!ss && es.kind === ss.kind && (es.schoolYear ?? null) === (ss.schoolYear ?? null) && (es.diplomaLevel ?? null) === (ss.diplomaLevel ?? null);
        if (!same) differ(field, e, s);
        break;
      }
      case 'needs':
        if (!sameSet(e, s)) differ(field, e, s);
        break;
      case 'priorityPublics':
        if (e === null ? s !== null : !sameSet(e, s)) differ(field, e, s);
        break;
      case 'place': {
        const ep = e as { commune: string; alsoAccept?: string[] } | null;
        const sp = s as { commune: string } | null;
        const same = ep === null ? sp === null : !!sp && [ep.commune, ...(ep.alsoAccept ?? [])].includes(sp.commune);
        if (!same) differ(field, e, sp && { commune: sp.commune });
        break;
      }
      case 'availability':
        if ((e === true) !== (typeof s === 'string' && s.length > 0)) differ(field, e, s);
        break;
      case 'guardian': {
        const eg = e as { name: string; email: string | null; phone: string | null } | null;
        const sg = s as { name: string; email: string | null; phone: string | null } | null;
        const same = eg === null ? sg === null : !!sg && eg.name === sg.name && eg.email === sg.email && eg.phone === sg.phone;
        if (!same) differ(field, e, sg && { name: sg.name, email: sg.email, phone: sg.phone });
        break;
      }
      case 'contact': {
        // The parts the corpus states (the people corpus states all three).
        const ec = e as Record<string, unknown>;
        const sc = s as Record<string, unknown>;
        if (!sc || Object.keys(ec).some((k) => ec[k] !== sc[k])) differ(field, e, s);
        break;
      }
      // A volunteer's offer (test/fixtures/understanding/volunteers).
      case 'helps': case 'publics': case 'languages':
        if (!sameSet(e, s)) differ(field, e, s);
        break;
      case 'occupation':
        if ((e as { kind: string }).kind !== (s as { kind?: string } | null)?.kind) differ(field, e, s);
        break;
      case 'time': {
        const et = e as Record<string, unknown>;
        const st = s as Record<string, unknown> | null;
        if (!st || Object.keys(et).some((k) => et[k] !== st[k])) differ(field, e, s);
        break;
      }
      default:
        if (e !== s) differ(field, e, s);
    }
  }
  return diffs;
}
