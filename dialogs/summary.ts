import type { Reason } from '../routing/types';
import type { IntakeState, SlotName } from './IntakeState';
import { msg, type Msg, type MsgParam } from './Msg';
import { questionsOf } from './engine/registry';

export interface SummaryLine { slot: SlotName; value: MsgParam }

/** The answered questions, in questionnaire order, as the summary numbers them. */
export function summaryLines(state: IntakeState): SummaryLine[] {
  const lines: SummaryLine[] = [];
  for (const q of questionsOf(state)) {
    if (!(state.answered[q.slot] || q.filled?.(state.draft)) || !q.applies(state.draft)) continue;
    const value = q.show(state.draft);
    if (value !== null) lines.push({ slot: q.slot, value });
  }
  return lines;
}

// Reason params that are codes are shown through their vocabulary labels.
const CODE_PARAMS: Record<string, string> = {
  need: 'vocab.need', public: 'vocab.public', mode: 'vocab.meeting', situation: 'vocab.situation',
  help: 'vocab.help', occupation: 'vocab.occupation', vpublic: 'vocab.volunteerPublic',
};

/** A routing reason as a translatable message. */
export function reasonMsg(reason: Reason): Msg {
  const params: Record<string, MsgParam> = {};
  for (const [k, v] of Object.entries(reason.params ?? {})) {
    params[k] = CODE_PARAMS[k] && typeof v === 'string' ? msg(`${CODE_PARAMS[k]}.${v}`) : v;
  }
  return msg('intake.submitted.reasonLine', { reason: msg(`routing.reason.${reason.code}`, params) });
}
