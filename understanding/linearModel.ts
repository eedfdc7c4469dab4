/**
 * Small one-vs-rest logistic regressions over hashed word and character n-grams (and
 * optional marker strings): the arithmetic shared by the safety check's second opinion
 * (safety/crisisModel.ts) and the reading model of situations and needs (readingModel.ts).
 * Plain arithmetic, no dependency, no text kept; trained by deterministic scripts, shipped
 * as int8 weights in base64.
 */

/** Character pieces are read from the first characters only: a long message costs no more. */
const MAX_PIECES_CHARS = 1000;

export interface LinearModelJson {
  buckets: number;
  labels: string[];
  bias: number[];
  /** Per label, int8 weights (base64) and the scale that turns them back into floats. */
  weights: { scale: number; data: string }[];
}

export interface LoadedLinearModel {
  labels: string[];
  bias: Float64Array;
  weights: Float32Array[];
  buckets: number;
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

// A stamp per bucket, reused from call to call (this runs on nearly every message), as large
// as the largest model seen: a bucket is taken when its stamp is the call's generation.
let stamp = new Uint32Array(0);
let generation = 0;

/**
 * Hashed features of canonical words: markers (strings the caller derives from the message,
 * e.g. "n:<word>" for a word after a negation), words, word pairs, and 3- to 5-letter pieces
 * across word boundaries. Each bucket once, in the order first seen (as a Set would).
 */
export function featuresOf(tokens: readonly string[], buckets: number, markers: readonly string[] = []): number[] {
  if (stamp.length < buckets) stamp = new Uint32Array(buckets);
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

export function loadLinearModel(json: LinearModelJson, name: string): LoadedLinearModel {
  if (json.weights.length !== json.labels.length || json.bias.length !== json.labels.length) throw new Error(`${name}: malformed`);
  const weights = json.weights.map(({ scale, data }) => {
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length !== json.buckets) throw new Error(`${name}: wrong size`);
    const w = new Float32Array(json.buckets);
    for (let i = 0; i < bytes.length; i++) w[i] = ((bytes[i]! << 24) >> 24) * scale;
    return w;
  });
  return { labels: json.labels, bias: Float64Array.from(json.bias), weights, buckets: json.buckets };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Probabilities per label for a message already turned into canonical words (and its markers). */
export function scoreLinear(model: LoadedLinearModel, tokens: readonly string[], markers: readonly string[] = []): number[] {
  const f = featuresOf(tokens, model.buckets, markers);
  return model.labels.map((_, l) => {
    let z = model.bias[l]!;
    const w = model.weights[l]!;
    for (const i of f) z += w[i]!;
    return sigmoid(z);
  });
}

export interface TrainOptions { epochs: number; rate: number; l2: number; seed: number; buckets: number }

/** A training message: its canonical words, and its markers if the model reads any. */
export interface LinearInput { tokens: readonly string[]; markers?: readonly string[] }

/**
 * Logistic regression by stochastic gradient descent with L2, one model per label;
 * `target(k, label)` is item k's 0/1 answer for that label. Deterministic for a seed.
 */
export function trainLinear(
  inputs: readonly LinearInput[],
  labels: readonly string[],
  target: (k: number, label: string) => number,
  opts: TrainOptions,
): { bias: number[]; weights: Float32Array[] } {
  const feats = inputs.map((it) => featuresOf(it.tokens, opts.buckets, it.markers ?? []));
  const bias = labels.map(() => 0);
  const weights = labels.map(() => new Float32Array(opts.buckets));
  let seed = opts.seed;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const order = inputs.map((_, i) => i);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
    const rate = opts.rate / (1 + epoch * 0.2);
    for (const k of order) {
      const f = feats[k]!;
      labels.forEach((label, l) => {
        const y = target(k, label);
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
export function linearToJson(trained: { bias: number[]; weights: Float32Array[] }, labels: string[], buckets: number): LinearModelJson {
  return {
    buckets,
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
  };
}
