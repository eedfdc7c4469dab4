import { commandText, parseCommand, type Command } from '../../understanding/parseCommand';
import { newState, type Confirmation, type IntakeState } from '../IntakeState';
import { placeChoiceAsk } from '../readings';
import { isAnswered } from '../progress';
import { msg, type Msg } from '../Msg';
import { plainYesNo } from '../questions';
import { confirmationAsk, consentAsk, editPickAsk, proposalAsk } from '../prompts';
import { questionOf } from './registry';
import type { TurnInput, TurnResult } from './FlowEngine';
import { choiceOf, flowOf, type EngineContext } from './context';
import { sideStep } from './switching';
import { welcomeStep } from './consent';
import { answerStep, askNextStep, askSlotStep, questionMsg } from './answering';
import { editStep, summaryStep } from './summary';

/** Commands (help, language, back, edit, restart, stop, delete), their confirmations, and asking again what is pending. */

/** The command a message is, unless it answers the question asked ("anglais" to "which languages do you speak?"). */
export function commandIn(state: IntakeState, text: string): Command | null {
  const cmd = parseCommand(text);
  if (cmd?.kind !== 'switchLang' || state.phase !== 'asking' || !state.current) return cmd;
  return questionOf(state, state.current).namesLanguages ? null : cmd;
}

export function commandStep(cx: EngineContext, state: IntakeState, cmd: Command, out: Msg[]): TurnResult | void {
  switch (cmd.kind) {
    case 'help':
      out.push(msg('intake.help'), ...reaskStep(cx, state));
      return;
    case 'switchLang':
      state.lang = cmd.lang;
      state.langChosen = true;
      out.push(msg('intake.language.switched'), ...reaskStep(cx, state));
      return;
    case 'back':
      out.push(...backStep(cx, state));
      return;
    case 'edit':
      if (state.phase === 'submitted' || state.phase === 'consent') { out.push(msg('intake.edit.notNow'), ...reaskStep(cx, state)); return; }
      if (cmd.field === null) { state.phase = 'editPick'; out.push(editPickAsk(state)); return; }
    {
      const slot = flowOf(cx, state).editSlot(cmd.field);
      if (!slot || !questionOf(state, slot).applies(state.draft)) { out.push(msg('intake.edit.notApplicable'), ...reaskStep(cx, state)); return; }
      if (!isAnswered(state, slot)) { out.push(msg('intake.edit.notAnswered'), ...reaskStep(cx, state)); return; }
      out.push(...editStep(cx, state, slot));
      return;
    }
    case 'restart':
      if (Object.keys(state.answered).length === 0 && state.phase !== 'submitted') { out.push(...restartStep(cx, state)); return; }
      return askConfirmation(cx, state, 'restart', out);
    case 'stop':
      return askConfirmation(cx, state, 'stop', out);
    case 'deleteData':
      return askConfirmation(cx, state, 'delete', out);
  }
}

export function askConfirmation(cx: EngineContext, state: IntakeState, what: Confirmation, out: Msg[], age?: number): void {
  // An adult in a young person's conversation is most often someone who came to help ("je viens
  // pour le mentorat", then "35"): asked first whether they want to become a mentor, their
  // answers so far kept; the over-30 check comes only if they say no.
  if (what === 'tooOld' && (state.flow ?? 'mentee') === 'mentee' && 'volunteer' in cx.flows) {
    what = 'side';
    if (age !== undefined) state.sideAge = age;
  }
  state.confirming = what;
  out.push(confirmationAsk(state));
}

/** Yes/no after "stop", "effacer mes données", "recommencer", or an age outside 13–30. */
export async function confirmationStep(cx: EngineContext, state: IntakeState, text: string, cmd: Command | null, input: TurnInput, out: Msg[]): Promise<TurnResult | void> {
  const what = state.confirming!;
  if (what === 'side') return sideStep(cx, state, text, cmd, out);
  const yn = plainYesNo(text, state.lang);
  const choice = choiceOf(cx, state, text, confirmationAsk(state).choices!);
  const yes = choice === 'yes' || yn === true;
  const no = choice === 'no' || yn === false;
  if (!yes && !no) {
    // Help and language keep the question open; any other command means "no, do this instead".
    if (cmd?.kind === 'help' || cmd?.kind === 'switchLang') return commandStep(cx, state, cmd, out);
    if (cmd) { delete state.confirming; out.push(msg('intake.confirm.kept')); return commandStep(cx, state, cmd, out); }
    if (what === 'tooYoung' || what === 'tooOld') {
      // Another age typed instead of yes/no: take it as the answer.
      delete state.confirming;
      return answerStep(cx, state, text, out);
    }
    out.push(msg('intake.confirm.retry'), confirmationAsk(state));
    return;
  }
  delete state.confirming;
  if (what === 'tooYoung' || what === 'tooOld') {
    // "No, I'm not under 13": the age question comes now, whatever question the age was read beside.
    if (no) { out.push(msg('intake.age.retry'), ...askSlotStep(cx, state, 'age')); return; }
    // Outside the programme: nothing the young person said is kept.
    const elsewhere = msg(what === 'tooYoung' ? 'intake.age.otherServices' : 'intake.age.otherServicesAdult');
    // An adult who came to the wrong door (often someone who wants to help, read as asking for
    // help) gets one button: its words open the volunteer conversation, from nothing kept.
    const toVolunteers = what === 'tooOld' && (state.flow ?? 'mentee') === 'mentee' && 'volunteer' in cx.flows;
    out.push(msg(`intake.age.${what}`), toVolunteers ? { ...elsewhere, choices: [{ code: 'becomeVolunteer', label: msg('intake.age.becomeVolunteer') }] } : elsewhere);
    return { state: null, out };
  }
  if (no) { out.push(msg('intake.confirm.kept'), ...reaskStep(cx, state)); return; }
  if (what === 'restart') { out.push(...restartStep(cx, state)); return; }
  if (what === 'stop') {
    // Stopping keeps nothing of an unfinished form; a sent request stays until deleted.
    if (state.phase === 'submitted') { out.push(msg('intake.stop.doneSubmitted')); return { state, out }; }
    out.push(msg(state.requestId ? 'intake.stop.doneKeptRequest' : 'intake.stop.done'));
    return { state: null, out };
  }
  const erased = await cx.deps.erase(input.conversationKey);
  out.push(msg(erased > 0 ? 'intake.delete.doneWithRequest' : 'intake.delete.done'));
  return { state: null, out };
}

/** Starts the questions again from the first one (consent stays given). */
function restartStep(cx: EngineContext, state: IntakeState): Msg[] {
  const { lang, consentAt, lastActivityAt, requestId, associationName } = state;
  // A request already sent stays; remembering it keeps "stop" and "recommencer" honest about it.
  for (const key of Object.keys(state)) delete (state as unknown as Record<string, unknown>)[key];
  Object.assign(state, newState(lang), { consentAt, lastActivityAt, requestId, associationName });
  if (!consentAt) return welcomeStep(state);
  state.phase = 'asking';
  return [msg('intake.restart.done'), ...askNextStep(cx, state)];
}

/** Goes back to the previous question. */
function backStep(cx: EngineContext, state: IntakeState): Msg[] {
  if (state.phase === 'consent' || state.phase === 'submitted') return [msg('intake.back.nothing'), ...reaskStep(cx, state)];
  const history = state.current ? state.history.filter((s) => s !== state.current) : state.history;
  const previous = history[history.length - 1];
  if (!previous) return [msg('intake.back.nothing'), ...reaskStep(cx, state)];
  state.history = history.slice(0, -1);
  delete state.answered[previous];
  state.editing = false;
  state.phase = 'asking';
  state.current = previous;
  state.retries = 0;
  delete state.pendingPlaces;
  delete state.proposal;
  return [questionMsg(cx, state, questionOf(state, previous))];
}

/** Asks again whatever is pending: the question, the summary, the consent. */
export function reaskStep(cx: EngineContext, state: IntakeState): Msg[] {
  if (state.confirming) return [confirmationAsk(state)];
  switch (state.phase) {
    case 'new':
      return welcomeStep(state);
    case 'consent':
      return [consentAsk()];
    case 'asking': {
      if (state.current === 'place' && state.pendingPlaces?.length) {
        return [placeChoiceAsk(state.pendingPlaces)];
      }
      const q = state.current ? questionOf(state, state.current) : null;
      return q ? [questionMsg(cx, state, q)] : askNextStep(cx, state);
    }
    case 'summary':
      return summaryStep(state);
    case 'editPick':
      return [editPickAsk(state)];
    case 'proposal':
      return [proposalAsk(state)];
    case 'submitted':
      return [msg('intake.submitted.already', { association: state.associationName ?? '' })];
  }
}

/** After the help lines: the button, its number, "continuer", or a plain yes. */
export function isContinue(cx: EngineContext, state: IntakeState, text: string): boolean {
  if (choiceOf(cx, state, text, [{ code: 'continue', label: msg('safety.continue') }]) === 'continue') return true;
  const typed = commandText(text);
  return ['continuer', 'continue', 'reprendre', 'on continue', 'go on', 'carry on'].includes(typed) || plainYesNo(text, state.lang) === true;
}
