import type { Command } from '../../understanding/parseCommand';
import type { IntakeState, SlotName } from '../IntakeState';
import { forgetWhatNoLongerApplies } from '../progress';
import { msg, type Msg } from '../Msg';
import { plainYesNo } from '../questions';
import { confirmationAsk } from '../prompts';
import type { FlowId } from './Flow';
import type { TurnResult } from './FlowEngine';
import { ageIn, choiceOf, flowOf, readerOf, type EngineContext } from './context';
import { welcomeStep } from './consent';
import { answerStep, askNextStep } from './answering';
import { askConfirmation, commandStep } from './commands';

/** Changing sides: a message that asks for the other flow, and the "rather become a mentor?" reply. */

/** A young person's situation that is also a volunteer's occupation (the others are a young person's only). */
const SITUATION_TO_OCCUPATION: Record<string, 'student' | 'employed' | 'job_seeker' | undefined> = { etudiant: 'student', en_emploi: 'employed', recherche_emploi: 'job_seeker' };

/** The other flow a message asks for ("je voudrais devenir mentor", "en fait je cherche un mentor"), if any. */
export function claimedFlow(cx: EngineContext, state: IntakeState, text: string): FlowId | null {
  const current = flowOf(cx, state);
  const opening = state.phase === 'new' || state.phase === 'consent';
  const other = Object.values(cx.flows).find((f) => f !== current && f.claims(text, opening));
  return other?.id ?? null;
}

/**
 * Moves the conversation to another flow. What both flows ask (first name, age where the
 * other flow takes it, place, meeting, contact) carries over; the rest is forgotten.
 */
export function enterFlow(cx: EngineContext, state: IntakeState, to: FlowId): void {
  const from = flowOf(cx, state);
  if (to === 'mentee') delete state.flow;
  else state.flow = to;
  const target = flowOf(cx, state);
  const asks = (slot: SlotName) => target.questions.some((q) => q.slot === slot);
  // "I'm a software developer" read as a young person's situation is what a volunteer does: not asked again.
  const occupation = to === 'volunteer' && !state.draft.occupation ? SITUATION_TO_OCCUPATION[state.draft.situation?.kind ?? ''] : undefined;
  for (const q of from.questions) {
    if (asks(q.slot)) continue;
    q.clear(state.draft);
    delete (state.draft as Record<string, unknown>)[q.slot];
    delete state.answered[q.slot];
  }
  const { min, max } = target.reader.rules.ages;
  if (state.draft.age !== undefined && (state.draft.age < min || state.draft.age > max)) {
    delete state.draft.age;
    delete state.answered.age;
  }
  if (occupation && asks('occupation')) {
    state.draft.occupation = { kind: occupation, detail: null };
    state.answered.occupation = true;
  }
  state.history = state.history.filter(asks);
  state.current = null;
  state.retries = 0;
  state.editing = false;
  delete state.proposal;
  forgetWhatNoLongerApplies(state);
}

/** Someone on the wrong side: the other flow, keeping what fits it, then on where it stands. */
export function switchStep(cx: EngineContext, state: IntakeState, to: FlowId, text: string, out: Msg[]): TurnResult | void {
  enterFlow(cx, state, to);
  out.push(msg(`flow.switched.${to}`));
  const reader = readerOf(cx, state);
  const u = reader.read(state, text, null);
  if (state.phase === 'consent') {
    reader.hold(state, u);
    out.push(...welcomeStep(state));
    return;
  }
  const applied = reader.applyReadings(state, u.slots, { force: false, except: null });
  out.push(...reader.understoodMsgs(state, applied));
  if (applied.outOfRange) return askConfirmation(cx, state, applied.outOfRange, out, u.slots.age);
  out.push(...askNextStep(cx, state));
}

/** The reply to "tu veux plutôt devenir mentor ?": the volunteer's conversation, or the over-30 check. */
export function sideStep(cx: EngineContext, state: IntakeState, text: string, cmd: Command | null, out: Msg[]): TurnResult | void {
  const choice = choiceOf(cx, state, text, confirmationAsk(state).choices!);
  const yn = plainYesNo(text, state.lang);
  // "être mentor, pas avoir un mentor": the side said first is the answer, the rest sets the other aside.
  const sideOf = (t: string) => (cx.flows.volunteer?.claims(t, true) ? 'volunteer' : cx.flows.mentee?.claims(t, true) ? 'mentee' : null);
  const side = sideOf(text.split(/[,;.!?]|\s(?:pas|not|plutôt que|rather than)\s/iu)[0] ?? '') ?? sideOf(text);
  const volunteer = choice === 'volunteer' || side === 'volunteer' || (yn === true && side === null);
  const mentee = choice === 'no' || side === 'mentee' || (yn === false && side === null);
  if (!volunteer && !mentee) {
    if (cmd?.kind === 'help' || cmd?.kind === 'switchLang') return commandStep(cx, state, cmd, out);
    if (cmd) { delete state.confirming; delete state.sideAge; out.push(msg('intake.confirm.kept')); return commandStep(cx, state, cmd, out); }
    // Another age typed instead ("pardon, 17"): the answer to the age question.
    if (ageIn(cx, state, text) !== undefined) { delete state.confirming; delete state.sideAge; return answerStep(cx, state, text, out); }
    out.push(msg('intake.confirm.retry'), confirmationAsk(state));
    return;
  }
  const age = state.sideAge;
  delete state.sideAge;
  if (mentee) {
    // Looking for a mentor at over 30 (or a slip of the thumb): the usual check.
    state.confirming = 'tooOld';
    out.push(confirmationAsk(state));
    return;
  }
  delete state.confirming;
  enterFlow(cx, state, 'volunteer');
  // The age they told is theirs in the volunteer's conversation too: never asked again.
  const { min, max } = readerOf(cx, state).rules.ages;
  if (age !== undefined && age >= min && age <= max) {
    state.draft.age = age;
    state.answered.age = true;
    if (!state.history.includes('age')) state.history.push('age');
  }
  state.phase = 'asking';
  out.push(msg('flow.switched.volunteer'), ...askNextStep(cx, state));
}
