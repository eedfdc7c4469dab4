/**
 * A small statistical second opinion for the safety check: one logistic regression per
 * label ("any crisis" and each category) over hashed word and character n-grams of the
 * canonical words (the same words the lexicon reads). Trained on the tuning part of the
 * safety corpus only (scripts/trainSafetyModel.ts), consulted only when the lexicon finds
 * nothing, so it can catch a new phrasing the rules miss; its thresholds were chosen by
 * cross-validation inside the tuning part. Plain arithmetic, no dependency, no text kept.
 */
import type { CrisisCategory } from './detectCrisis';

export const MODEL_BUCKETS = 1 << 14;
/** Character pieces are read from the first characters only: a long message costs no more. */
const MAX_PIECES_CHARS = 1000;

export interface CrisisModelJson {
  buckets: number;
  labels: string[];
  bias: number[];
  /** Per label, int8 weights (base64) and the scale that turns them back into floats. */
  weights: { scale: number; data: string }[];
  /** p(any) at or above: the lines at once; at or above ask: the gentle question. */
  thresholds: { clear: number; ask: number; category: number };
  trainedOn: string;
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// FNV state after "c:", so in-place character pieces hash as fnv(`c:${piece}`) would.
const C_SEED = (() => {
  let h = 0x811c9dc5;
  for (const ch of 'c:') {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h;
})();

/** Hashed features of canonical words: words, word pairs, and 3- to 5-letter pieces across word boundaries. */
export function featuresOf(tokens: readonly string[], buckets = MODEL_BUCKETS): number[] {
  const out = new Set<number>();
  const words = tokens.slice(0, 200);
  for (let i = 0; i < words.length; i++) {
    out.add(fnv(`w:${words[i]}`) % buckets);
    if (i + 1 < words.length) out.add(fnv(`b:${words[i]} ${words[i + 1]}`) % buckets);
  }
  // Character pieces hashed in place (no substring per piece): this runs on every message
  // the lexicon has nothing to say about.
  const joined = ` ${words.join(' ')} `.slice(0, MAX_PIECES_CHARS);
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= joined.length; i++) {
      let h = C_SEED;
      for (let k = i; k < i + n; k++) {
        h ^= joined.charCodeAt(k);
        h = Math.imul(h, 0x01000193);
      }
      out.add((h >>> 0) % buckets);
    }
  }
  return [...out];
}

export interface LoadedModel {
  labels: string[];
  bias: Float64Array;
  weights: Float32Array[];
  buckets: number;
  thresholds: CrisisModelJson['thresholds'];
}

export function loadModel(json: CrisisModelJson): LoadedModel {
  if (json.labels[0] !== 'any' || json.weights.length !== json.labels.length) throw new Error('crisis model: malformed');
  const weights = json.weights.map(({ scale, data }) => {
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length !== json.buckets) throw new Error('crisis model: wrong size');
    const w = new Float32Array(json.buckets);
    for (let i = 0; i < bytes.length; i++) w[i] = ((bytes[i]! << 24) >> 24) * scale;
    return w;
  });
  return { labels: json.labels, bias: Float64Array.from(json.bias), weights, buckets: json.buckets, thresholds: json.thresholds };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Probabilities per label for a message already turned into canonical words. */
export function scoreTokens(model: LoadedModel, tokens: readonly string[]): number[] {
  const f = featuresOf(tokens, model.buckets);
  return model.labels.map((_, l) => {
    let z = model.bias[l]!;
    const w = model.weights[l]!;
    for (const i of f) z += w[i]!;
    return sigmoid(z);
  });
}

export interface TrainingItem { tokens: readonly string[]; labels: readonly string[] }

/** Logistic regression by stochastic gradient descent with L2, one model per label. */
export function train(items: TrainingItem[], labels: string[], opts = { epochs: 8, rate: 0.05, l2: 1e-3, seed: 7 }): { bias: number[]; weights: Float32Array[] } {
  const feats = items.map((it) => featuresOf(it.tokens));
  const bias = labels.map(() => 0);
  const weights = labels.map(() => new Float32Array(MODEL_BUCKETS));
  let seed = opts.seed;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const order = items.map((_, i) => i);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
    const rate = opts.rate / (1 + epoch * 0.2);
    for (const k of order) {
      const f = feats[k]!;
      labels.forEach((label, l) => {
        const y = label === 'any' ? (items[k]!.labels.length > 0 ? 1 : 0) : items[k]!.labels.includes(label) ? 1 : 0;
        const w = weights[l]!;
        let z = bias[l]!;
        for (const i of f) z += w[i]!;
        const g = sigmoid(z) - y;
        bias[l] = bias[l]! - rate * g;
        for (const i of f) w[i] = w[i]! - rate * (g + opts.l2 * w[i]!);
      });
    }
  }
  return { bias, weights };
}

/** Int8 quantisation for a small file. */
export function toJson(trained: { bias: number[]; weights: Float32Array[] }, labels: string[], thresholds: CrisisModelJson['thresholds'], trainedOn: string): CrisisModelJson {
  return {
    buckets: MODEL_BUCKETS,
    labels,
    bias: trained.bias.map((b) => Math.round(b * 1e4) / 1e4),
    weights: trained.weights.map((w) => {
      let max = 0;
      for (const x of w) max = Math.max(max, Math.abs(x));
      const scale = max / 127 || 1;
      const bytes = Buffer.alloc(w.length);
      for (let i = 0; i < w.length; i++) bytes.writeInt8(Math.max(-127, Math.min(127, Math.round(w[i]! / scale))), i);
      return { scale, data: bytes.toString('base64') };
    }),
    thresholds,
    trainedOn,
  };
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
