/**
 * A small statistical second opinion for the safety check: one logistic regression per
 * label ("any crisis", "clear danger" and each category) over hashed word and character
 * n-grams of the canonical words (the same words the lexicon reads) and markers of the
 * message (negation before a word, context the lexicon found: past, studies, laughter...).
 * Trained on the tuning part of the safety corpus only (scripts/trainSafetyModel.ts); its
 * thresholds were chosen on out-of-fold predictions inside the tuning part. `stack` combines
 * it with the rules' verdict. The arithmetic (features, scoring, training, int8 weights) is
 * ../linearModel.ts, shared with the reading model; what is the safety check's own is here.
 */
import { linearToJson, loadLinearModel, scoreLinear, trainLinear, type LinearModelJson, type LoadedLinearModel } from '../linearModel';
import type { CrisisCategory, CrisisSignal } from './detectCrisis';

export const MODEL_BUCKETS = 1 << 14;

export interface CrisisModelJson extends LinearModelJson {
  thresholds: StackThresholds;
  trainedOn: string;
}

/**
 * How the model's probabilities meet the rules' verdict (`stack`), each chosen on
 * out-of-fold predictions of the tuning part by scripts/trainSafetyModel.ts.
 */
export interface StackThresholds {
  /** Rules silent (and no pattern set aside): p(any) at or above asks the gentle question. */
  ask: number;
  /** Rules silent: p(clear) at or above shows the lines at once (> 1: never). */
  alone: number;
  /** Rules ambiguous: p(clear) at or above raises the verdict to a clear danger. */
  promote: number;
  /** Rules clear: p(any) below, for the message and for its clear clauses, lowers the verdict to the gentle question (0: never). */
  demote: number;
  /** A category the model gives at or above is added to a verdict (rules or model). */
  category: number;
}

export interface LoadedModel extends LoadedLinearModel { thresholds: StackThresholds }

export function loadModel(json: CrisisModelJson): LoadedModel {
  if (json.labels[0] !== 'any') throw new Error('crisis model: malformed');
  return { ...loadLinearModel(json, 'crisis model'), thresholds: json.thresholds };
}

/** Probabilities per label for a message already turned into canonical words (and its markers). */
export const scoreTokens: (model: LoadedModel, tokens: readonly string[], markers?: readonly string[]) => number[] = scoreLinear;

export interface TrainingItem { tokens: readonly string[]; markers?: readonly string[]; labels: readonly string[]; clear?: boolean }

export const TRAIN_OPTIONS = { epochs: 8, rate: 0.05, l2: 1e-3, seed: 7, buckets: MODEL_BUCKETS };

/** One logistic regression per label: "any" (a crisis), "clear" (a clear danger), each category. */
export function train(items: TrainingItem[], labels: string[]): { bias: number[]; weights: Float32Array[] } {
  const target = (k: number, label: string) => {
    const it = items[k]!;
    return label === 'any' ? (it.labels.length > 0 ? 1 : 0) : label === 'clear' ? (it.clear ? 1 : 0) : it.labels.includes(label) ? 1 : 0;
  };
  return trainLinear(items, labels, target, TRAIN_OPTIONS);
}

/** Int8 weights, with the thresholds of `stack`. */
export function toJson(trained: { bias: number[]; weights: Float32Array[] }, labels: string[], thresholds: StackThresholds, trainedOn: string): CrisisModelJson {
  return { ...linearToJson(trained, labels, MODEL_BUCKETS), thresholds, trainedOn };
}

/** The model's probabilities, by name. */
export interface ModelScores { any: number; clear: number; categories: { label: CrisisCategory; p: number }[] }

export function scoresOf(model: LoadedModel, p: readonly number[]): ModelScores {
  const categories: { label: CrisisCategory; p: number }[] = [];
  let any = 0;
  let clear = 0;
  model.labels.forEach((label, l) => {
    if (label === 'any') any = p[l]!;
    else if (label === 'clear') clear = p[l]!;
    else categories.push({ label: label as CrisisCategory, p: p[l]! });
  });
  categories.sort((a, b) => b.p - a.p);
  return { any, clear, categories };
}

/**
 * The combined verdict: the rules first, the model's probabilities where they are
 * decisive on out-of-fold predictions.
 * - rules silent, no pattern set aside: p(any) >= ask asks the gentle question, with the
 *   categories the model is fairly sure of (or its best one); p(clear) >= alone shows the lines;
 * - rules silent because a pattern was set aside by its context (negation, topic...): that
 *   was a decision, nothing is added;
 * - rules ambiguous and p(clear) >= promote: a clear danger;
 * - rules clear, p(any) < demote for the message and for the clauses where the clear match
 *   was read (`clearClausesAny`): the gentle question instead of the full alert (the young
 *   person's answer decides, and the lines come unless they say it is fine);
 * - categories the model gives at or above `category` are added to a rules verdict.
 */
export function stack(rules: CrisisSignal | null, touched: boolean, s: ModelScores, t: StackThresholds, clearClausesAny = s.any): CrisisSignal | null {
  const sure = s.categories.filter((c) => c.p >= t.category).map((c) => c.label);
  if (!rules) {
    if (touched || s.any < t.ask) return null;
    const categories = sure.length > 0 ? sure : [s.categories[0]!.label];
    return { level: s.clear >= t.alone ? 'clear' : 'ambiguous', categories: ordered(categories) };
  }
  let level = rules.level;
  if (level === 'ambiguous' && s.clear >= t.promote) level = 'clear';
  else if (level === 'clear' && s.any < t.demote && clearClausesAny < t.demote) level = 'ambiguous';
  const extra = sure.filter((c) => !rules.categories.includes(c));
  if (level === rules.level && extra.length === 0) return rules;
  return { level, categories: extra.length === 0 ? rules.categories : ordered([...rules.categories, ...extra]) };
}

// The order of CRISIS_CATEGORIES (detectCrisis.ts imports this module, so it is repeated here).
const ORDER: readonly CrisisCategory[] = [
  'suicide', 'self_harm', 'overdose', 'sexual_violence', 'partner_violence', 'abuse', 'violence',
  'homelessness', 'online_harassment', 'school_harassment',
];
const ordered = (cs: CrisisCategory[]): CrisisCategory[] => ORDER.filter((c) => cs.includes(c));
