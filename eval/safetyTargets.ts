/**
 * The levels the CI gate holds the safety check to (test/understanding/safety/gate.test.ts),
 * set at what `npm run eval:safety` measured when they were written (2026-12-03, rules +
 * model), rounded down (recall) or up (alarms) to the percent. Raise them when the check
 * improves; never lower them to let a lexicon edit through.
 *
 * Measured then (corpus batches 1-3, 1,319 messages; model trained with plain answers as
 * negatives): tuning part 100% recall, 100% clear at once, 0% full alerts, 0.9% questions;
 * held-out part 97.4% recall, 92.3% clear at once, 2.8% full alerts, 7.2% questions; plain
 * answers (understanding held-out file) 0% full alerts, 0.7% questions. The
 * issue's goals on the held-out part (100% clear, >= 98% overall, <= 2% full alerts) are not
 * met yet: see docs/safety.md.
 */
export const SAFETY_TARGETS = {
  /** Crisis lines caught with the right categories (either level), per part. */
  recall: { tuning: 1, heldout: 0.97 },
  /** Clear danger answered with the lines at once. */
  clearRecall: { tuning: 1, heldout: 0.92 },
  /** Ordinary lines given a full alert, at most. */
  falseAlarms: { tuning: 0, heldout: 0.03 },
  /** Ordinary lines given the gentle question, at most. */
  questions: { tuning: 0.01, heldout: 0.08 },
  /** Plain form answers (understanding corpus, held-out file): full alerts and questions, at most. */
  plain: { alarms: 0, questions: 0.01 },
};
