import { parseYesNo } from '../../understanding/parseYesNo';
import type { IntakeState } from '../IntakeState';
import { msg, type Msg } from '../Msg';
import { consentAsk } from '../prompts';
import type { TurnResult } from './FlowEngine';
import { choiceOf, readerOf, type EngineContext } from './context';
import { askNextStep } from './answering';
import { askConfirmation } from './commands';

/** The welcome and the consent that comes before any question. */

/** Says what Binôme is, what it asks and why, who receives it, and asks for consent. */
export function welcomeStep(state: IntakeState, told = false): Msg[] {
  state.phase = 'consent';
  state.retries = 0;
  // An opening that told their story is acknowledged: it will be used once they agree.
  const noted = told ? [msg('intake.welcome.noted')] : [];
  return [msg('intake.welcome.hello'), ...noted, msg('intake.welcome.what'), msg('intake.welcome.privacy'), consentAsk()];
}

/** Consent given: start the questions; refused: keep nothing. */
export function consentStep(cx: EngineContext, state: IntakeState, text: string, out: Msg[]): TurnResult | void {
  const reader = readerOf(cx, state);
  const choice = choiceOf(cx, state, text, consentAsk().choices!);
  const yn = parseYesNo(text, state.lang);
  if (choice === 'more') { out.push(msg('intake.consent.details', { days: cx.deps.retentionDays }), consentAsk()); return; }
  if (choice === 'no' || (yn.ok && !yn.value)) {
    // Nothing is kept, including what the opening told.
    out.push(msg('intake.consent.declined'));
    return { state: null, out };
  }
  const u = reader.read(state, text, null);
  reader.followLanguage(state, u, out);
  reader.hold(state, u);
  if (choice === 'yes' || (yn.ok && yn.value)) {
    state.consentAt = cx.deps.now().toISOString();
    state.phase = 'asking';
    out.push(msg('intake.consent.thanks'));
    const pending = state.pending;
    delete state.pending;
    if (pending) {
      const applied = reader.applyReadings(state, pending, { force: false, except: null });
      out.push(...reader.understoodMsgs(state, applied, true));
      if (applied.outOfRange) return askConfirmation(cx, state, applied.outOfRange, out, pending.age);
    }
    out.push(...askNextStep(cx, state));
    return;
  }
  if (u.faq) { out.push(reader.faqMsg(state, u), consentAsk()); return; }
  // A story sent before answering (a long message typed while the welcome came): noted, not "not understood".
  if (Object.keys(u.slots).length > 0) { out.push(msg('intake.welcome.noted'), consentAsk()); return; }
  out.push(msg('intake.consent.retry'), consentAsk());
}
