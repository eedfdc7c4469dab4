import crypto from 'node:crypto';
import { commandText } from '../../understanding/parseCommand';
import type { IntakeState, SlotName } from '../IntakeState';
import { isAnswered, nextMissing } from '../progress';
import { msg, type Msg } from '../Msg';
import { plainYesNo } from '../questions';
import { editPickAsk } from '../prompts';
import { summaryLines } from '../summary';
import { questionOf } from './registry';
import type { TurnInput, TurnResult } from './FlowEngine';
import { choiceOf, readerOf, type EngineContext } from './context';
import { askNextStep, questionMsg } from './answering';
import { proposalStep } from './submission';
import { askConfirmation, reaskStep } from './commands';

/** The summary of the answers and the corrections made from it. */

/** Shows everything understood, numbered, and asks to confirm or change. */
export function summaryStep(state: IntakeState): Msg[] {
  state.phase = 'summary';
  state.current = null;
  state.editing = false;
  state.submissionId ??= crypto.randomUUID();
  const lines = summaryLines(state);
  return [
    msg('intake.summary.intro', { lines: lines.map((l, i) => msg('intake.summary.line', { n: i + 1, label: msg(`intake.field.${l.slot}`), value: l.value })) }),
    { key: 'intake.summary.ask', numberedChoices: false, choices: [{ code: 'confirm', label: msg('intake.summary.confirm') }, { code: 'edit', label: msg('intake.summary.edit') }] },
  ];
}

export async function summaryReplyStep(cx: EngineContext, state: IntakeState, text: string, input: TurnInput, out: Msg[]): Promise<TurnResult | void> {
  const reader = readerOf(cx, state);
  const lines = summaryLines(state);
  const typed = commandText(text);
  if (/^\d{1,2}$/.test(typed)) {
    const line = lines[Number(typed) - 1];
    if (line) { out.push(...editStep(cx, state, line.slot)); return; }
  }
  // "non l'âge c'est 18", "c pas Roubaix c Tourcoing": the summary changes, then shows again.
  const u = reader.read(state, text, 'confirm');
  const changes = reader.applyReadings(state, u.slots, { force: true, except: null, adds: u.adds });
  if (changes.noted.length + changes.corrected.length > 0 || changes.outOfRange || !isAnswered(state, 'place')) {
    out.push(...reader.understoodMsgs(state, changes));
    if (changes.outOfRange) return askConfirmation(cx, state, changes.outOfRange, out, u.slots.age);
    if (nextMissing(state)) { state.editing = true; out.push(...askNextStep(cx, state)); return; }
    out.push(...summaryStep(state));
    return;
  }
  if (u.faq) { out.push(reader.faqMsg(state, u), ...summaryStep(state)); return; }
  const choice = choiceOf(cx, state, text, [{ code: 'confirm', label: msg('intake.summary.confirm') }, { code: 'edit', label: msg('intake.summary.edit') }]);
  // Sending needs a plain yes: "oui mais change ma ville" is not one.
  const yn = plainYesNo(text, state.lang);
  if (choice === 'confirm' || yn === true) return proposalStep(cx, state, input, out);
  if (choice === 'edit' || yn === false) { out.push(editPickAsk(state)); state.phase = 'editPick'; return; }
  out.push(msg('intake.summary.retry'), ...summaryStep(state));
}

export function editPickStep(cx: EngineContext, state: IntakeState, text: string, out: Msg[]): void {
  const ask = editPickAsk(state);
  const slot = choiceOf(cx, state, text, ask.choices!) as SlotName | null;
  if (slot) { out.push(...editStep(cx, state, slot)); return; }
  out.push(msg('intake.summary.whichFieldRetry'), ask);
}

/** Re-asks one answer; once answered, back to the summary (or on, if the form is not done). */
export function editStep(cx: EngineContext, state: IntakeState, slot: SlotName): Msg[] {
  const q = questionOf(state, slot);
  if (!q.applies(state.draft)) return [msg('intake.edit.notApplicable'), ...reaskStep(cx, state)];
  state.editing = state.phase === 'summary' || state.phase === 'editPick' || state.phase === 'proposal' || state.editing;
  state.phase = 'asking';
  state.current = slot;
  state.retries = 0;
  delete state.pendingPlaces;
  delete state.proposal;
  return [questionMsg(cx, state, q)];
}
