/**
 * The levels the CI gate holds the safety check to (test/understanding/safety/gate.test.ts),
 * set at what `npm run eval:safety` measured when they were written (rules + model), rounded
 * down (recall) or up (alarms, questions) to the percent. Raise them when the check improves;
 * never lower them to let a lexicon edit through.
 *
 * Measured 2026-12-03, session 6 (corpus batches 1-6, 1,641 messages; model trained on the
 * tuning part of batches 1-5: retrained with batch 6 it asked one more plain held-out answer,
 * over the plain gate, so it was not kept): tuning part 100% recall, 100% clear at once, 0%
 * full alerts, 0.2% questions; held-out part (539 lines) 95.7% recall, 89.3% clear at once,
 * 2.4% full alerts, 5.7% questions; plain answers (understanding held-out file) 0% full
 * alerts, 0.7% questions. The held-out part grew with batches 4-6 (93 fresh lines nobody
 * tuned on), which is why recall and clear-at-once are set below session 5's levels (97%,
 * 92%): on the batches 1-3 held-out lines alone they are 97.0% and 92.3% (2.8% full alerts,
 * 6.6% questions); the fresh lines score lower (batch 4: 91.2% recall, 89.7% clear; batch 5:
 * 88.9%, 66.7%; batch 6: 90.9%, 55.6%), the same gap as every earlier batch. The issue's
 * goals on the held-out part (100% clear, >= 98% overall, <= 2% full alerts) are not met: see
 * docs/safety.md.
 *
 * Session 7 (model and rules stacked, model trained on the tuning part of batches 1-6): tuning
 * 100% / 100% / 0% / 0.2% (recall / clear at once / full alerts / questions); tuning
 * cross-validated (eval/safetyCv.ts) 99.6% / 100% / 0% / 1.9%; held-out 95.4% / 89.7% / 2.4%
 * / 3.8%; plain held-out answers 0% / 0.7%. Questions on held-out ordinary lines tightened to
 * 4%; the cross-validated levels are gated too (crossValidated).
 */
export const SAFETY_TARGETS = {
  /** Crisis lines caught with the right categories (either level), per part. */
  recall: { tuning: 1, heldout: 0.95 },
  /** Clear danger answered with the lines at once. */
  clearRecall: { tuning: 1, heldout: 0.89 },
  /** Ordinary lines given a full alert, at most. */
  falseAlarms: { tuning: 0, heldout: 0.03 },
  /** Ordinary lines given the gentle question, at most. */
  questions: { tuning: 0.01, heldout: 0.04 },
  /** The tuning part cross-validated (rules + a model trained without the fold): recall and clear at once at least, full alerts and questions at most. */
  crossValidated: { recall: 0.99, clearRecall: 0.99, falseAlarms: 0.01, questions: 0.02 },
  /** Plain form answers (understanding corpus, held-out file): full alerts and questions, at most. */
  plain: { alarms: 0, questions: 0.01 },
};
