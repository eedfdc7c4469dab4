/**
 * A small statistical second opinion for the safety check: one logistic regression per
 * label ("any crisis", "clear danger" and each category) over hashed word and character
 * n-grams of the canonical words (the same words the lexicon reads) and markers of the
 * message (negation before a word, context the lexicon found: past, studies, laughter...).
 * Trained on the tuning part of the safety corpus only (scripts/trainSafetyModel.ts); its
 * thresholds were chosen on out-of-fold predictions inside the tuning part. `stack` combines
 * it with the rules' verdict. Plain arithmetic, no dependency, no text kept.
 */
import type { CrisisCategory, CrisisSignal } from './detectCrisis';

export const MODEL_BUCKETS = 1 << 14;
/** Character pieces are read from the first characters only: a long message costs no more. */
const MAX_PIECES_CHARS = 1000;

export interface CrisisModelJson {
  buckets: number;
  labels: string[];
  bias: number[];
  /** Per label, int8 weights (base64) and the scale that turns them back into floats. */
  weights: { scale: number; data: string }[];
  thresholds: StackThresholds;
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

/**
 * Hashed features of canonical words: words, word pairs, 3- to 5-letter pieces across word
 * boundaries, and markers (strings the caller derives from the message: "n:<word>" for a
 * word after a negation, "ctx:<name>" for a context the lexicon found).
 */
export function featuresOf(tokens: readonly string[], buckets = MODEL_BUCKETS, markers: readonly string[] = []): number[] {
  // Each bucket once, in the order first seen (as a Set would), without a Set per message:
  // a stamp per bucket, reused from call to call (this runs on nearly every message).
  if (stamp.length !== buckets) stamp = new Uint32Array(buckets);
  if (++generation === 0xffffffff) { stamp.fill(0); generation = 1; }
  const out: number[] = [];
  const add = (b: number) => { if (stamp[b] !== generation) { stamp[b] = generation; out.push(b); } };
  for (const m of markers) add(fnv(`m:${m}`) % buckets);
  const words = tokens.slice(0, 200);
  for (let i = 0; i < words.length; i++) {
    add(fnv(`w:${words[i]}`) % buckets);
    if (i + 1 < words.length) add(fnv(`b:${words[i]} ${words[i + 1]}`) % buckets);
  }
  // Character pieces hashed in place (no substring per piece).
  const joined = ` ${words.join(' ')} `.slice(0, MAX_PIECES_CHARS);
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= joined.length; i++) {
      let h = C_SEED;
      for (let k = i; k < i + n; k++) {
        h ^= joined.charCodeAt(k);
        h = Math.imul(h, 0x01000193);
      }
      add((h >>> 0) % buckets);
    }
  }
  return out;
}

let stamp = new Uint32Array(MODEL_BUCKETS);
let generation = 0;

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

/** Probabilities per label for a message already turned into canonical words (and its markers). */
export function scoreTokens(model: LoadedModel, tokens: readonly string[], markers: readonly string[] = []): number[] {
  const f = featuresOf(tokens, model.buckets, markers);
  return model.labels.map((_, l) => {
    let z = model.bias[l]!;
    const w = model.weights[l]!;
    for (const i of f) z += w[i]!;
    return sigmoid(z);
  });
}

export interface TrainingItem { tokens: readonly string[]; markers?: readonly string[]; labels: readonly string[]; clear?: boolean }

/** Logistic regression by stochastic gradient descent with L2, one model per label. */
export function train(items: TrainingItem[], labels: string[], opts = { epochs: 8, rate: 0.05, l2: 1e-3, seed: 7 }): { bias: number[]; weights: Float32Array[] } {
  const feats = items.map((it) => featuresOf(it.tokens, MODEL_BUCKETS, it.markers ?? []));
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
        const it = items[k]!;
        const y = label === 'any' ? (it.labels.length > 0 ? 1 : 0) : label === 'clear' ? (it.clear ? 1 : 0) : it.labels.includes(label) ? 1 : 0;
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
export function toJson(trained: { bias: number[]; weights: Float32Array[] }, labels: string[], thresholds: StackThresholds, trainedOn: string): CrisisModelJson {
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
