import type { SlotName } from '../IntakeState';
import { QUESTIONS, type Question } from '../questions';
import { VOLUNTEER_QUESTIONS } from '../flows/volunteer/questions';
import type { FlowId } from './Flow';

/**
 * Each flow's questions, in the order they are asked: what the summary, progress and the
 * reader look up for a conversation (its state says which flow it is in).
 */
const QUESTIONS_OF: Record<FlowId, readonly Question[]> = {
  mentee: QUESTIONS,
  volunteer: VOLUNTEER_QUESTIONS,
};

export function questionsOf(state: { flow?: FlowId }): readonly Question[] {
  return QUESTIONS_OF[state.flow ?? 'mentee'];
}

export function questionOf(state: { flow?: FlowId }, slot: SlotName): Question {
  const q = questionsOf(state).find((x) => x.slot === slot);
  if (!q) throw new Error(`no question ${slot} in flow ${state.flow ?? 'mentee'}`);
  return q;
}

/** Whether a flow asks this question at all. */
export function flowHas(state: { flow?: FlowId }, slot: SlotName): boolean {
  return questionsOf(state).some((q) => q.slot === slot);
}
