/**
 * The crisis lexicon's word-pattern language: patterns compiled into plain word sequences,
 * merged into one trie, matched in one walk of the canonical words (crisisTokens.ts). Linear
 * in the length of the input: no regex with nested quantifiers, no backtracking over the text.
 * What a match means in its sentence (negation, topic, studies...) is crisisContext.ts.
 */
import { rawWords, type Contractions, type Tokens } from './crisisTokens';

/*
 * Pattern language (one pattern = a few words, compared word by word):
 *   word        the canonical word, after contractions ("j'ai" is "je ai")
 *   stem*       any word starting with stem ("harcel*": harcelé, harcèlement)
 *   (a|b c)     alternatives, each one or more words
 *   word? (..)? optional
 *   ~  ~2       any one word (or up to two) in between, possibly none
 *   #           a number written in digits ("j'ai pris 20 cachets")
 *   @name       any word of the word class "name" (lexicon "classes"): one trie edge
 *               instead of one path per word, so long lists cost nothing at load
 *   ^  $        start / end of the message
 *   Nested parentheses are not supported; "~N" takes one digit.
 * Patterns are expanded into plain word sequences when the module loads and merged into
 * one trie, so matching is one walk of the text: no backtracking over the text.
 */

type WordTest = { kind: 'exact'; word: string } | { kind: 'prefix'; stem: string } | { kind: 'any' } | { kind: 'number' } | { kind: 'class'; name: string };

export interface Sequence {
  tests: readonly WordTest[];
  atStart: boolean;
  atEnd: boolean;
  source: string;
}

const MAX_VARIANTS_PER_PATTERN = 16384;

function parseWord(raw: string, contractions: Contractions, source: string): WordTest[] {
  if (raw === '#') return [{ kind: 'number' }];
  if (raw.startsWith('@')) {
    if (!/^@[a-z]+$/.test(raw)) throw new Error(`crisis lexicon: bad class "${raw}" in "${source}"`);
    return [{ kind: 'class', name: raw.slice(1) }];
  }
  const isPrefix = raw.endsWith('*');
  const body = isPrefix ? raw.slice(0, -1) : raw;
  const words = rawWords(body);
  if (words.length === 0) throw new Error(`crisis lexicon: empty word in "${source}"`);
  const tests: WordTest[] = [];
  words.forEach((w, i) => {
    const last = i === words.length - 1;
    // A stem is not a word: "pa*" must stay "pa*", not become "pas*".
    if (last && isPrefix) {
      if (w.length < 3) throw new Error(`crisis lexicon: stem "${w}*" too short in "${source}"`);
      tests.push({ kind: 'prefix', stem: w });
      return;
    }
    for (const x of contractions.get(w) ?? [w]) tests.push({ kind: 'exact', word: x });
  });
  return tests;
}

/** Expands one pattern into its plain sequences. Throws on bad syntax (a lexicon bug). */
export function compilePattern(pattern: string, contractions: Contractions): Sequence[] {
  const pieces = pattern.match(/\([^()]*\)\??|[^\s()]+/g) ?? [];
  if (pieces.join('').replace(/\s/g, '') !== pattern.replace(/\s/g, '')) {
    throw new Error(`crisis lexicon: unbalanced parentheses in "${pattern}"`);
  }
  let atStart = false;
  let atEnd = false;
  // Each piece becomes a list of alternatives; the pattern is their product.
  const slots: WordTest[][][] = [];
  pieces.forEach((piece, index) => {
    if (piece === '^') {
      if (index !== 0) throw new Error(`crisis lexicon: ^ not first in "${pattern}"`);
      atStart = true;
      return;
    }
    if (piece === '$') {
      if (index !== pieces.length - 1) throw new Error(`crisis lexicon: $ not last in "${pattern}"`);
      atEnd = true;
      return;
    }
    const gap = /^~(\d)?$/.exec(piece);
    if (gap) {
      const n = Number(gap[1] ?? '1');
      const alternatives: WordTest[][] = [];
      for (let k = 0; k <= n; k++) alternatives.push(Array.from({ length: k }, () => ({ kind: 'any' }) as WordTest));
      slots.push(alternatives);
      return;
    }
    const optional = piece.endsWith('?');
    const body = optional ? piece.slice(0, -1) : piece;
    const inner = body.startsWith('(') ? body.slice(1, -1) : body;
    const alternatives = inner.split('|').map((alt) => {
      const words = alt.trim().split(/\s+/).filter((w) => w !== '');
      if (words.length === 0) throw new Error(`crisis lexicon: empty alternative in "${pattern}"`);
      return words.flatMap((w) => parseWord(w, contractions, pattern));
    });
    if (optional) alternatives.push([]);
    slots.push(alternatives);
  });

  let variants: WordTest[][] = [[]];
  for (const alternatives of slots) {
    const next: WordTest[][] = [];
    for (const v of variants) for (const a of alternatives) next.push([...v, ...a]);
    if (next.length > MAX_VARIANTS_PER_PATTERN) throw new Error(`crisis lexicon: "${pattern}" expands too much`);
    variants = next;
  }
  const out: Sequence[] = [];
  for (const tests of variants) {
    // A leading or trailing gap adds nothing but matches; an all-gap variant would match everywhere.
    let from = 0;
    let to = tests.length;
    while (from < to && tests[from]!.kind === 'any') from++;
    while (to > from && tests[to - 1]!.kind === 'any') to--;
    if (from === to) throw new Error(`crisis lexicon: "${pattern}" can match nothing`);
    out.push({ tests: tests.slice(from, to), atStart, atEnd, source: pattern });
  }
  return out;
}

/**
 * All sequences merged into one trie, so sequences sharing a beginning ("me frapp*",
 * "me tap*", "me tuer"...) are walked once and the whole lexicon costs one pass: the
 * work at each word of the text depends on how far the text agrees with some pattern,
 * not on how many patterns exist.
 */
export interface SequenceTrie {
  exact: Map<string, SequenceTrie>;
  stems: Map<string, SequenceTrie>;
  /** Distinct stem lengths at this node, so a word is cut only at lengths that exist. */
  stemLengths: number[];
  any: SequenceTrie | undefined;
  /** Next node for a word made of digits only. */
  number: SequenceTrie | undefined;
  /** Next nodes for words of a class, by class name. */
  classes: Map<string, SequenceTrie>;
  /** The sequences ending here (one may end inside another), by label and anchors. */
  ends: { label: number; atStart: boolean; atEnd: boolean }[];
}

function emptyNode(): SequenceTrie {
  return { exact: new Map(), stems: new Map(), stemLengths: [], any: undefined, number: undefined, classes: new Map(), ends: [] };
}

/** Adds sequences under a label (the caller's meaning: "group 2, exceptions"). */
export function addToTrie(root: SequenceTrie, sequences: Iterable<Sequence>, label: number): void {
  for (const s of sequences) {
    let node = root;
    for (const t of s.tests) {
      if (t.kind === 'any') {
        node.any ??= emptyNode();
        node = node.any;
        continue;
      }
      if (t.kind === 'number') {
        node.number ??= emptyNode();
        node = node.number;
        continue;
      }
      if (t.kind === 'class') {
        let next = node.classes.get(t.name);
        if (!next) {
          next = emptyNode();
          node.classes.set(t.name, next);
        }
        node = next;
        continue;
      }
      const map = t.kind === 'exact' ? node.exact : node.stems;
      const key = t.kind === 'exact' ? t.word : t.stem;
      let next = map.get(key);
      if (!next) {
        next = emptyNode();
        map.set(key, next);
        if (t.kind === 'prefix' && !node.stemLengths.includes(key.length)) node.stemLengths.push(key.length);
      }
      node = next;
    }
    const end = { label, atStart: s.atStart, atEnd: s.atEnd };
    if (!node.ends.some((e) => e.label === end.label && e.atStart === end.atStart && e.atEnd === end.atEnd)) node.ends.push(end);
  }
}

export function newTrie(): SequenceTrie {
  return emptyNode();
}

/**
 * For each label and each word, the end of the longest match starting at that word, or
 * -1: result[label * tokens.length + start]. The longest is the one an exception must
 * cover, so shorter ones add nothing. Each start walks the trie along the text, so the
 * cost is the number of words times the depth of the patterns (a dozen words), whatever
 * the text looks like.
 */
/** Word classes for "@name" in patterns: exact words and stems, canonical. */
export interface WordClasses {
  has(name: string): boolean;
  /** Whether the (canonical) word belongs to the class. */
  test(name: string, word: string): boolean;
}

export function compileWordClasses(table: Record<string, string[]>, contractions: Contractions): WordClasses {
  const classes = new Map<string, { exact: Set<string>; stems: string[] }>();
  for (const [name, words] of Object.entries(table)) {
    if (!/^[a-z]+$/.test(name)) throw new Error(`crisis lexicon: bad class name "${name}"`);
    const exact = new Set<string>();
    const stems: string[] = [];
    for (const raw of words) {
      const isPrefix = raw.endsWith('*');
      const ws = rawWords(isPrefix ? raw.slice(0, -1) : raw);
      if (ws.length !== 1) throw new Error(`crisis lexicon: class ${name}: "${raw}" must be one word`);
      if (isPrefix) {
        if (ws[0]!.length < 3) throw new Error(`crisis lexicon: class ${name}: stem "${raw}" too short`);
        stems.push(ws[0]!);
      } else for (const x of contractions.get(ws[0]!) ?? [ws[0]!]) exact.add(x);
    }
    classes.set(name, { exact, stems });
  }
  return {
    has: (name) => classes.has(name),
    test: (name, word) => {
      const c = classes.get(name);
      return !!c && (c.exact.has(word) || c.stems.some((st) => word.startsWith(st)));
    },
  };
}

const NO_CLASSES: WordClasses = { has: () => false, test: () => false };

export function longestMatches(tokens: Tokens, root: SequenceTrie, labelCount: number, seen?: Uint8Array, classes: WordClasses = NO_CLASSES): Int32Array {
  const n = tokens.length;
  const out = new Int32Array(labelCount * n).fill(-1);
  const nodes: SequenceTrie[] = [];
  const positions: number[] = [];
  for (let i = 0; i < n; i++) {
    nodes.length = 0;
    positions.length = 0;
    nodes.push(root);
    positions.push(i);
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const at = positions.pop()!;
      for (const e of node.ends) {
        if ((e.atStart && i !== 0) || (e.atEnd && at !== n)) continue;
        const k = e.label * n + i;
        if (at > out[k]!) out[k] = at;
        if (seen && at > i) seen[e.label] = 1;
      }
      if (at >= n) continue;
      const w = tokens[at]!;
      const exact = node.exact.get(w);
      if (exact) {
        nodes.push(exact);
        positions.push(at + 1);
      }
      for (const len of node.stemLengths) {
        if (len > w.length) continue;
        const next = node.stems.get(w.slice(0, len));
        if (next) {
          nodes.push(next);
          positions.push(at + 1);
        }
      }
      if (node.any) {
        nodes.push(node.any);
        positions.push(at + 1);
      }
      if (node.number && isDigits(w)) {
        nodes.push(node.number);
        positions.push(at + 1);
      }
      for (const [name, next] of node.classes) {
        if (classes.test(name, w)) {
          nodes.push(next);
          positions.push(at + 1);
        }
      }
    }
  }
  return out;
}

/**
 * True when some match of `found` is not inside any match of `excluded` (both as given
 * by longestMatches, offset into the array). An exception only silences what it fully
 * covers, so a longer, more specific pattern still wins: "battu au foot" silences
 * "battu", but not "il m'a battu" in "il m'a battu au visage".
 */
export function hasUncoveredMatch(ends: Int32Array, found: number, excluded: number, n: number): boolean {
  // furthest = the furthest end of an exception starting at or before i.
  let furthest = -1;
  for (let i = 0; i < n; i++) {
    const ex = ends[excluded * n + i]!;
    if (ex > furthest) furthest = ex;
    const f = ends[found * n + i]!;
    if (f > i && furthest < f) return true;
  }
  return false;
}

function isDigits(w: string): boolean {
  if (w.length === 0) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The matches of `found` that no match of `excluded` fully covers, as [start, end) pairs
 * (the longest match at each start). Same rule as hasUncoveredMatch, but the caller gets
 * each match to read its context.
 */
export function uncoveredMatches(ends: Int32Array, found: number, excluded: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  let furthest = -1;
  for (let i = 0; i < n; i++) {
    const ex = ends[excluded * n + i]!;
    if (ex > furthest) furthest = ex;
    const f = ends[found * n + i]!;
    if (f > i && furthest < f) out.push([i, f]);
  }
  return out;
}
