import type { IntakeState, SlotName } from '../IntakeState';
import { answerCheck, checkAsk, forgetUnsure, placeChoiceAsk, setAsideDoubtful, unsureFor } from '../readings';
import { forgetWhatNoLongerApplies, isAnswered, nextMissing } from '../progress';
import { msg, type Msg } from '../Msg';
import { plainYesNo, type Question } from '../questions';
import { questionOf } from './registry';
import type { TurnResult } from './FlowEngine';
import { ageIn, askContext, readerOf, type EngineContext } from './context';
import { summaryStep } from './summary';
import { askConfirmation, reaskStep } from './commands';

/** Asking the questions and understanding their answers: retries, records, the next question. */

const MAX_RETRIES = 3;
/** The miss after which a required question takes the young person's own words (Question.lastResort). */
const LAST_RESORT_AFTER = 2;

/** Understands the answer to the current question, then asks the next missing one. */
export function answerStep(cx: EngineContext, state: IntakeState, text: string, out: Msg[]): TurnResult | void {
  const reader = readerOf(cx, state);
  const slot = state.current;
  if (!slot) { out.push(...askNextStep(cx, state)); return; }
  const q = questionOf(state, slot);
  // The reply to "Tu habites bien à Plaisir ?": yes stores it, no asks the question, anything else is the answer.
  if (state.checking === slot) {
    const checked = answerCheck(state, plainYesNo(text, state.lang), reader.rules.applySlot);
    if (checked === 'yes') { out.push(...afterAnswer(cx, state)); return; }
    if (checked === 'no') { out.push(questionMsg(cx, state, q)); return; }
  }
  const policy = reader.rules.policy(state);
  const u = reader.read(state, text, policy.asked);
  if (q.skippable && u.skip) {
    // Part of the answer told earlier (a priority public read in passing) is kept; "skip" adds nothing.
    const partly = (state.draft as Record<string, unknown>)[slot] !== undefined && !state.answered[slot];
    const told = partly ? reader.ownAnswer(state, q, u, text, (st, qq) => questionMsg(cx, st, qq)) : null;
    record(state, q, told?.kind === 'ok' ? told.apply : (d) => { q.clear(d); (d as Record<string, unknown>)[slot] = null; });
    out.push(...afterAnswer(cx, state));
    return;
  }
  reader.followLanguage(state, u, out);
  // "Can we continue in English?" and nothing else: the question again, in that language, no retry counted.
  if (u.langRequested && reader.slotsRead(u.slots).length === 0 && !u.faq) {
    out.push(questionMsg(cx, state, q));
    return;
  }
  // The text the answer is read from: without what a correction says is wrong ("pas Lyon").
  // A question about the service ("gratuit ?" is no first name) or a correction of another answer
  // ("non pas Lyon, Villeurbanne" is no "non" to this question): only what the reading found counts.
  // ("en fait c'est lea@example.fr" at the contact question corrects this very answer: read as usual.)
  const correctsOther = u.correction && !reader.slotsRead(u.slots).includes(slot) && !slot.startsWith('guardian');
  const answer = reader.ownAnswer(state, q, u, text, (st, qq) => questionMsg(cx, st, qq))
    ?? (u.faq || correctsOther ? { kind: 'retry' as const } : q.understand(u.source ?? text, askContext(cx, state)));
  // Other answers given on the way; in free-text answers only when said to be corrections.
  const applied = !policy.extrasOnlyIfCorrection || u.correction
    ? reader.applyReadings(state, setAsideDoubtful(state, u), { force: !!u.correction, except: slot, adds: u.adds })
    : { noted: [], corrected: [] };
  out.push(...reader.understoodMsgs(state, applied));
  if (applied.outOfRange) return askConfirmation(cx, state, applied.outOfRange, out, u.slots.age);
  if (u.faq) {
    out.push(reader.faqMsg(state, u));
    if (answer.kind === 'ok') { record(state, q, answer.apply); out.push(...afterAnswer(cx, state)); return; }
    out.push(...reaskStep(cx, state));
    return;
  }
  const movedOn = applied.noted.length > 0 || applied.corrected.length > 0;
  switch (answer.kind) {
    case 'ok':
      record(state, q, answer.apply);
      if (answer.ack) out.push(answer.ack);
      out.push(...afterAnswer(cx, state));
      return;
    case 'clarify':
      state.pendingPlaces = answer.pendingPlaces;
      out.push(answer.ask);
      return;
    case 'outOfRange':
      return askConfirmation(cx, state, answer.which, out, ageIn(cx, state, u.source ?? text));
    case 'end':
      // Cannot go on: nothing the young person said is kept.
      out.push(...answer.msgs);
      return { state: null, out };
    case 'retry':
      // Something else was answered instead: no reproach, the question (or the next) comes again.
      if (movedOn) { out.push(...afterAnswer(cx, state)); return; }
      // The rules missed and the reading model has a guess (dialogs/readings.ts): one yes/no
      // check, on the first miss only; after a "no" the question is asked as usual.
      if (unsureFor(state, slot) && state.retries === 0) { state.retries = 1; out.push(questionMsg(cx, state, q)); return; }
      forgetUnsure(state, slot);
      if (u.clarify === slot || (u.clarify && !u.correction)) { out.push(msg('intake.clarify'), questionMsg(cx, state, q)); state.retries += 1; return; }
      // A required question missed a second time: the young person's words, when they can stand as the answer.
      if (state.retries + 1 >= LAST_RESORT_AFTER && !u.noise && !u.faq && q.lastResort) {
        const kept = q.lastResort(text);
        if (kept?.kind === 'ok') {
          record(state, q, kept.apply);
          if (kept.ack) out.push(kept.ack);
          out.push(...afterAnswer(cx, state));
          return;
        }
      }
      // Nonsense, an insult, a keyboard mash: the same calm re-ask with its hint, never a reproach.
      out.push(...retryStep(cx, state, q, answer.hint));
  }
}

/** Re-asks with a hint; after three misses, offers buttons or moves on. */
function retryStep(cx: EngineContext, state: IntakeState, q: Question, hint?: Msg): Msg[] {
  state.retries += 1;
  if (state.retries >= MAX_RETRIES && q.skippable) {
    record(state, q, (d) => { q.clear(d); (d as Record<string, unknown>)[q.slot] = null; });
    return [msg('intake.retry.movingOn'), ...afterAnswer(cx, state)];
  }
  const retry = hint ?? msg(`intake.${q.slot}.retry`);
  if (state.retries >= MAX_RETRIES) return [retry, { ...questionMsg(cx, state, q), key: 'intake.retry.lastTry', params: { question: questionMsg(cx, state, q) } }];
  return [retry, questionMsg(cx, state, q)];
}

export function record(state: IntakeState, q: Question, apply: (d: IntakeState['draft']) => void): void {
  apply(state.draft);
  forgetUnsure(state, q.slot);
  for (const slot of q.resets ?? []) delete state.answered[slot];
  state.answered[q.slot] = true;
  state.history = [...state.history.filter((s) => s !== q.slot), q.slot];
  state.retries = 0;
  if (q.slot === 'place') { delete state.pendingPlaces; delete state.placeIn; }
  forgetWhatNoLongerApplies(state);
}

function afterAnswer(cx: EngineContext, state: IntakeState): Msg[] {
  if (state.editing && nextMissing(state) === null) return summaryStep(state);
  return askNextStep(cx, state);
}

/** Asks the first question still missing, or shows the summary. */
export function askNextStep(cx: EngineContext, state: IntakeState): Msg[] {
  // What an earlier message said for a question that now applies (a diploma told before the situation).
  const reader = readerOf(cx, state);
  const held = reader.understoodMsgs(state, reader.applyHeld(state));
  const q = nextMissing(state);
  if (!q) return [...held, ...summaryStep(state)];
  state.phase = 'asking';
  state.current = q.slot;
  state.retries = 0;
  // Namesakes read earlier ("à Saint-Denis" in the opening) wait for the place question, even
  // when other questions come first; they go once the place is answered (record, applyReadings).
  if (isAnswered(state, 'place')) delete state.pendingPlaces;
  return [...held, questionMsg(cx, state, q)];
}

/** Asks one question now (its answer was refused or doubted), the others after it. */
export function askSlotStep(cx: EngineContext, state: IntakeState, slot: SlotName): Msg[] {
  const q = questionOf(state, slot);
  if (!q.applies(state.draft)) return reaskStep(cx, state);
  state.phase = 'asking';
  state.current = slot;
  state.retries = 0;
  return [questionMsg(cx, state, q)];
}

export function questionMsg(cx: EngineContext, state: IntakeState, q: Question): Msg {
  // A doubtful reading of this answer is confirmed rather than asked for again (readings.ts).
  if (!state.editing && unsureFor(state, q.slot)) { state.checking = q.slot; return checkAsk(state, q.slot); }
  if (q.slot === 'place' && state.pendingPlaces?.length) return placeChoiceAsk(state.pendingPlaces);
  if (q.slot === 'place' && state.placeIn) {
    const name = cx.deps.places.territories.departementName(state.placeIn) ?? state.placeIn;
    return { key: 'intake.place.askIn', params: { departement: name }, choices: [{ code: 'skip', label: msg('common.skip') }] };
  }
  const ctx = askContext(cx, state);
  const choices = [...(q.choices?.(ctx) ?? [])];
  if (q.skippable) choices.push({ code: 'skip', label: msg('common.skip') });
  return { ...q.ask(ctx), choices };
}
