/**
 * A small statistical second opinion for the safety check: one logistic regression per
 * label ("any crisis" and each category) over hashed word and character n-grams of the
 * canonical words (the same words the lexicon reads). Trained on the tuning part of the
 * safety corpus only (scripts/trainSafetyModel.ts), consulted only when the lexicon finds
 * nothing, so it can catch a new phrasing the rules miss; its thresholds were chosen by
 * cross-validation inside the tuning part. Plain arithmetic, no dependency, no text kept.
 */
import type { CrisisCategory } from './detectCrisis';
import { featuresOf as linearFeatures, linearToJson, loadLinearModel, scoreLinear, trainLinear, type LinearModelJson, type LoadedLinearModel } from '../linearModel';

export const MODEL_BUCKETS = 1 << 14;

export interface CrisisModelJson extends LinearModelJson {
  /** p(any) at or above: the lines at once; at or above ask: the gentle question. */
  thresholds: { clear: number; ask: number; category: number };
  trainedOn: string;
}

/** Hashed features of canonical words (understanding/linearModel.ts). */
export const featuresOf = (tokens: readonly string[], buckets = MODEL_BUCKETS): number[] => linearFeatures(tokens, buckets);

export interface LoadedModel extends LoadedLinearModel {
  thresholds: CrisisModelJson['thresholds'];
}

export function loadModel(json: CrisisModelJson): LoadedModel {
  if (json.labels[0] !== 'any') throw new Error('crisis model: malformed');
  return { ...loadLinearModel(json, 'crisis model'), thresholds: json.thresholds };
}

/** Probabilities per label for a message already turned into canonical words. */
export const scoreTokens = (model: LoadedModel, tokens: readonly string[]): number[] => scoreLinear(model, tokens);

export interface TrainingItem { tokens: readonly string[]; labels: readonly string[] }

/** Logistic regression by stochastic gradient descent with L2, one model per label ("any": any crisis label). */
export function train(items: TrainingItem[], labels: string[], opts = { epochs: 8, rate: 0.05, l2: 1e-3, seed: 7 }): { bias: number[]; weights: Float32Array[] } {
  const target = (k: number, label: string) => (label === 'any' ? (items[k]!.labels.length > 0 ? 1 : 0) : items[k]!.labels.includes(label) ? 1 : 0);
  return trainLinear(items.map((i) => i.tokens), labels, target, { ...opts, buckets: MODEL_BUCKETS });
}

/** Int8 quantisation for a small file. */
export function toJson(trained: { bias: number[]; weights: Float32Array[] }, labels: string[], thresholds: CrisisModelJson['thresholds'], trainedOn: string): CrisisModelJson {
  return { ...linearToJson(trained, labels, MODEL_BUCKETS), thresholds, trainedOn };
}

export type ModelVerdict = { level: 'clear' | 'ambiguous'; categories: CrisisCategory[] } | null;

/** The model's verdict alone: the categories it is fairly sure of, or its best one. */
export function modelVerdict(model: LoadedModel, tokens: readonly string[]): ModelVerdict {
  const p = scoreTokens(model, tokens);
  const any = p[0]!;
  if (any < model.thresholds.ask) return null;
  const ranked = model.labels.slice(1).map((label, i) => ({ label, p: p[i + 1]! })).sort((a, b) => b.p - a.p);
  const sure = ranked.filter((r) => r.p >= model.thresholds.category).map((r) => r.label);
  const categories = (sure.length > 0 ? sure : [ranked[0]!.label]) as CrisisCategory[];
  // A statistical guess never shows the full alert on its own: it asks the gentle question,
  // and the young person's answer decides (thresholds.clear is kept for the record).
  return { level: 'ambiguous', categories };
}
