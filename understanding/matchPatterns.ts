/**
 * Small token patterns for questions and noise, written in data files:
 *
 *   "c est payant|gratuit"      one token per step, "a|b" alternatives
 *   "@data"                     any word of a class defined next to the patterns
 *   "rappel*"                   a prefix ("rappelle", "rappeler")
 *   "un?"                       an optional token
 *   "~"                         a gap of 0 to 3 arbitrary tokens
 *   "=..." / "^..."             the pattern is the whole segment / starts it
 *   "?..."                      only in a question (the caller knows whether it ended with "?")
 *
 * Matching is bounded: at most 2 gaps and 3 optional steps per pattern, so the work per
 * start position is a small constant and a scan is linear in the number of tokens.
 */

export interface Step {
  gap: boolean;
  words: Set<string>;
  prefixes: string[];
  optional: boolean;
}

export interface Pattern<T> {
  steps: Step[];
  value: T;
  whole: boolean;
  start: boolean;
  /** Only when the sentence is a question ("c'est tous les jours ?" but not "c'est tous les jours après 17 h"). */
  question: boolean;
  /** Number of word steps: a longer pattern is more specific. */
  weight: number;
}

export interface PatternMatch<T> {
  value: T;
  start: number;
  end: number;
  weight: number;
  question: boolean;
}

export const MAX_GAP = 3;
const MAX_GAPS = 2;
const MAX_OPTIONALS = 3;

/** Compiles one pattern string; null when it is empty or breaks the bounds above. */
export function compilePattern<T>(raw: string, value: T, classes: Record<string, readonly string[]> = {}): Pattern<T> | null {
  let text = raw.trim();
  let whole = false;
  let start = false;
  let question = false;
  if (text.startsWith('?')) { question = true; text = text.slice(1).trim(); }
  if (text.startsWith('=')) { whole = true; text = text.slice(1); } else if (text.startsWith('^')) { start = true; text = text.slice(1); }
  const steps: Step[] = [];
  let gaps = 0;
  let optionals = 0;
  for (const part of text.split(/\s+/).filter(Boolean)) {
    if (part === '~') { gaps++; steps.push({ gap: true, words: new Set(), prefixes: [], optional: false }); continue; }
    const optional = part.endsWith('?') && part.length > 1;
    if (optional) optionals++;
    const body = optional ? part.slice(0, -1) : part;
    const words = new Set<string>();
    const prefixes: string[] = [];
    for (const alt of body.split('|')) {
      if (alt.startsWith('@')) { for (const w of classes[alt.slice(1)] ?? []) addAlt(w, words, prefixes); continue; }
      addAlt(alt, words, prefixes);
    }
    if (words.size === 0 && prefixes.length === 0) return null;
    steps.push({ gap: false, words, prefixes, optional });
  }
  const weight = steps.filter((s) => !s.gap).length;
  if (weight === 0 || gaps > MAX_GAPS || optionals > MAX_OPTIONALS || steps[0]!.gap || steps[steps.length - 1]!.gap) return null;
  return { steps, value, whole, start, question, weight };
}

function addAlt(alt: string, words: Set<string>, prefixes: string[]): void {
  if (alt === '') return;
  if (alt.endsWith('*') && alt.length > 1) prefixes.push(alt.slice(0, -1));
  else words.add(alt);
}

function stepAccepts(step: Step, word: string): boolean {
  if (step.words.has(word)) return true;
  for (const p of step.prefixes) if (word.startsWith(p)) return true;
  return false;
}

/** End index of a match of steps[k..] at tokens[i..], or -1 (first found, bounded backtracking). */
function matchFrom(steps: readonly Step[], k: number, tokens: readonly string[], i: number, mustEnd: boolean): number {
  if (k === steps.length) return !mustEnd || i === tokens.length ? i : -1;
  const step = steps[k]!;
  if (step.gap) {
    for (let skip = 0; skip <= MAX_GAP && i + skip <= tokens.length; skip++) {
      const end = matchFrom(steps, k + 1, tokens, i + skip, mustEnd);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (i < tokens.length && stepAccepts(step, tokens[i]!)) {
    const end = matchFrom(steps, k + 1, tokens, i + 1, mustEnd);
    if (end >= 0) return end;
  }
  return step.optional ? matchFrom(steps, k + 1, tokens, i, mustEnd) : -1;
}

/**
 * Patterns indexed by the words their first step accepts, so a scan only tries the few
 * patterns that can start at each word. `order` is the position in the list given.
 */
export interface PatternSet<T> {
  byFirst: Map<string, Pattern<T>[]>;
  /** First step with a prefix or optional: tried everywhere. */
  others: Pattern<T>[];
  order: Map<Pattern<T>, number>;
  size: number;
}

export function patternSet<T>(patterns: readonly Pattern<T>[]): PatternSet<T> {
  const byFirst = new Map<string, Pattern<T>[]>();
  const others: Pattern<T>[] = [];
  const order = new Map<Pattern<T>, number>();
  patterns.forEach((p, i) => {
    order.set(p, i);
    const first = p.steps[0]!;
    if (first.optional || first.prefixes.length > 0) { others.push(p); return; }
    for (const w of first.words) {
      const list = byFirst.get(w) ?? [];
      list.push(p);
      byFirst.set(w, list);
    }
  });
  return { byFirst, others, order, size: patterns.length };
}

/** Every pattern that matches somewhere in the tokens (its first position), in the set's order. */
export function findPatterns<T>(tokens: readonly string[], set: PatternSet<T> | readonly Pattern<T>[]): PatternMatch<T>[] {
  const ps = Array.isArray(set) ? patternSet(set as readonly Pattern<T>[]) : (set as PatternSet<T>);
  const found = new Map<Pattern<T>, PatternMatch<T>>();
  for (let i = 0; i < tokens.length; i++) {
    const here = ps.byFirst.get(tokens[i]!);
    for (const list of [here, ps.others]) {
      if (!list) continue;
      for (const p of list) {
        if (found.has(p) || ((p.whole || p.start) && i > 0)) continue;
        const end = matchFrom(p.steps, 0, tokens, i, p.whole);
        if (end > i) found.set(p, { value: p.value, start: i, end, weight: p.weight, question: p.question });
      }
    }
  }
  return [...found.entries()].sort((a, b) => ps.order.get(a[0])! - ps.order.get(b[0])!).map(([, m]) => m);
}

/** The most specific match (most word steps), the earliest pattern on a tie. */
export function bestPattern<T>(tokens: readonly string[], set: PatternSet<T> | readonly Pattern<T>[]): PatternMatch<T> | null {
  let best: PatternMatch<T> | null = null;
  for (const m of findPatterns(tokens, set)) if (!best || m.weight > best.weight) best = m;
  return best;
}

/** Compiles { value: [patterns] } groups in order. */
export function compileGroups<T extends string>(groups: Record<string, readonly string[]>, accept: (k: string) => k is T, classes: Record<string, readonly string[]> = {}): Pattern<T>[] {
  const out: Pattern<T>[] = [];
  for (const [key, list] of Object.entries(groups)) {
    if (!accept(key)) continue;
    for (const raw of list) {
      const p = compilePattern(raw, key, classes);
      if (p) out.push(p);
    }
  }
  return out;
}

/** End index of a match of the pattern starting exactly at tokens[i] (anchors ignored), or -1. */
export function matchAt<T>(p: Pattern<T>, tokens: readonly string[], i: number): number {
  const end = matchFrom(p.steps, 0, tokens, i, false);
  return end > i ? end : -1;
}
