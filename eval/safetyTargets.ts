/**
 * The levels the CI gate holds the safety check to (test/understanding/safety/gate.test.ts).
 * Set at what was measured when the gate was written, never above it: raise them when the
 * check improves, never lower them to let a lexicon edit through.
 */
export const SAFETY_TARGETS = {
  /** Crisis lines caught with the right categories (either level), per part. */
  recall: { tuning: 1, heldout: 0.98 },
  /** Clear danger answered with the lines at once. */
  clearRecall: { tuning: 1, heldout: 1 },
  /** Ordinary lines given a full alert, at most. */
  falseAlarms: { tuning: 0, heldout: 0.02 },
  /** Ordinary lines given the gentle question, at most. */
  questions: { tuning: 0.05, heldout: 0.05 },
};
