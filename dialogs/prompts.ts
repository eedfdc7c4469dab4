import { msg, type ChoiceOption, type Msg } from './Msg';
import type { IntakeState } from './IntakeState';
import type { ProposalOption } from '../intake/submitRequest';
import { summaryLines } from './summary';

/** The questions the dialog asks outside the questionnaire: pure functions of the state. */

/** The consent question, with its three answers. */
export function consentAsk(): Msg {
  return { key: 'intake.consent.ask', choices: [{ code: 'yes', label: msg('intake.consent.yes') }, { code: 'more', label: msg('intake.consent.more') }, { code: 'no', label: msg('intake.consent.no') }] };
}

/** "Which answer do you want to change?", one button per answered line. */
export function editPickAsk(state: IntakeState): Msg {
  const lines = summaryLines(state);
  return { key: 'intake.summary.whichField', choices: lines.map((l) => ({ code: l.slot, label: msg(`intake.field.${l.slot}`) })) };
}

/** One alternative association: its name and, when known, a short description. */
export function alternativeLine(state: IntakeState, a: ProposalOption): Msg {
  const description = (state.lang === 'en' ? a.descriptionEn : a.descriptionFr).trim();
  if (description === '') return msg('intake.proposal.alternativeLineShort', { association: a.associationName });
  return msg('intake.proposal.alternativeLine', { association: a.associationName, description: description.length > 160 ? `${description.slice(0, 157)}…` : description });
}

/** Where to send: the proposal first, then each alternative, then back to editing. */
export function proposalAsk(state: IntakeState): Msg {
  const [chosen, ...others] = state.proposal?.options ?? [];
  const choices: ChoiceOption[] = [];
  if (chosen) choices.push({ code: chosen.programmeId, label: msg('intake.proposal.sendTo', { association: chosen.associationName }) });
  for (const o of others) choices.push({ code: o.programmeId, label: msg('intake.proposal.chooseOther', { association: o.associationName }) });
  choices.push({ code: 'edit', label: msg('intake.summary.edit') });
  return { key: 'intake.proposal.ask', choices };
}

/** The yes/no question pending in `state.confirming`. */
export function confirmationAsk(state: IntakeState): Msg {
  const what = state.confirming!;
  // An adult in a young person's conversation: are they here to become a mentor?
  if (what === 'side') return { key: 'intake.side.confirm', choices: [{ code: 'volunteer', label: msg('intake.age.becomeVolunteer') }, { code: 'no', label: msg('common.no') }] };
  const key =
    what === 'tooYoung' ? 'intake.age.confirmTooYoung'
      : what === 'tooOld' ? 'intake.age.confirmTooOld'
        : what === 'stop' && state.phase === 'submitted' ? 'intake.stop.confirmSubmitted'
          : what === 'stop' && state.requestId ? 'intake.stop.confirmKeepsRequest'
            : what === 'restart' && state.requestId ? 'intake.restart.confirmNew'
              : `intake.${what}.confirm`;
  return { key, choices: [{ code: 'yes', label: msg('common.yes') }, { code: 'no', label: msg('common.no') }] };
}

/** After a long silence: what was already said, before going on. */
export function recallMsg(state: IntakeState): Msg {
  const lines = summaryLines(state).slice(0, 6);
  return lines.length === 0
    ? msg('intake.resume.nothingYet')
    : msg('intake.resume.recall', { lines: lines.map((l) => msg('intake.resume.line', { label: msg(`intake.field.${l.slot}`), value: l.value })) });
}
