import type { IntakeState, SlotName } from './IntakeState';
import type { Question } from './questions';
import { questionOf, questionsOf } from './engine/registry';

/** Where the questionnaire stands: what is answered, what comes next, what no longer applies. */

export function isAnswered(state: IntakeState, slot: SlotName): boolean {
  return !!state.answered[slot] || !!questionOf(state, slot).filled?.(state.draft);
}

export function nextMissing(state: IntakeState): Question | null {
  return questionsOf(state).find((q) => q.applies(state.draft) && !state.answered[q.slot] && !q.filled?.(state.draft)) ?? null;
}

/** An edit can make answers irrelevant (a new age of 16 drops the guardian): forget them. */
export function forgetWhatNoLongerApplies(state: IntakeState): void {
  for (const q of questionsOf(state)) {
    if (!q.applies(state.draft) && state.answered[q.slot]) {
      q.clear(state.draft);
      delete state.answered[q.slot];
      state.history = state.history.filter((s) => s !== q.slot);
    }
  }
}
