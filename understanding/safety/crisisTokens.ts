/**
 * Text -> canonical words for the crisis detector, and a tiny word-pattern language
 * compiled from crisisLexicon.json.
 *
 * Deliberately separate from understanding/text.ts: that module cuts messages at 2000
 * characters, and a safety check must see the whole message. Everything here is linear
 * in the length of the input (no regex with nested quantifiers, no backtracking over the
 * text): messages come from strangers, and the safety check runs on every one of them.
 */

/** Canonical words, e.g. "J'veux mouriiir 😢" -> ["je", "veux", "mourir"]. */
export type Tokens = readonly string[];

/** SMS and spoken contractions, already canonical (see canonicalWord), to their expansion. */
export type Contractions = ReadonlyMap<string, readonly string[]>;

// Invisible characters someone may slip inside a word ("sui\u200bcide"): removing them
// keeps the word whole, where turning them into a space would split it.
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

// Letters that NFKD leaves whole but people type for plain ones.
const FOLD: Record<string, string> = { 'œ': 'oe', 'æ': 'ae', 'ß': 'ss', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i' };

// Digits inside a word are almost always look-alike letters ("su1c1de", "m0urir").
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };

/**
 * Lowercase, accents and marks removed, compatibility forms folded (full-width letters,
 * ligatures), repeated letters collapsed ("mouriiir" -> "mourir", and also "battu" ->
 * "batu": patterns go through the same function, so both sides agree).
 */
export function canonicalWord(word: string): string {
  let w = word;
  if (/[a-z]/.test(w) && /[0-9]/.test(w)) w = w.replace(/[013457]/g, (d) => LEET[d] ?? d);
  return w.replace(/([a-z])\1+/g, '$1');
}

/** Splits into canonical words without applying contractions (used for pattern stems too). */
export function rawWords(text: string): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const folded = text
    .replace(INVISIBLE, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œæßøłđðþı]/g, (c) => FOLD[c] ?? c)
    // "vi@l", "su!cide": look-alike symbols only count between letters.
    .replace(/([a-z])@(?=[a-z])/g, '$1a')
    .replace(/([a-z])[!|](?=[a-z])/g, '$1i')
    // Apostrophes, hyphens, punctuation, emoji, other scripts: all word breaks.
    .replace(/[^a-z0-9]+/g, ' ');
  const out: string[] = [];
  for (const piece of folded.split(' ')) {
    if (piece !== '') out.push(canonicalWord(piece));
  }
  return out;
}

/** rawWords, then each contraction expanded ("jveux" -> "je veux", "g" -> "je ai"). */
export function toTokens(text: string, contractions: Contractions): string[] {
  const out: string[] = [];
  for (const w of rawWords(text)) {
    const expansion = contractions.get(w);
    if (expansion) out.push(...expansion);
    else out.push(w);
  }
  return out;
}

/** Builds the contraction table from data, canonicalising both sides. */
export function compileContractions(table: Record<string, string>): Contractions {
  const map = new Map<string, readonly string[]>();
  for (const [from, to] of Object.entries(table)) {
    const key = rawWords(from);
    const value = rawWords(to);
    if (key.length !== 1 || value.length === 0) throw new Error(`crisis lexicon: bad contraction "${from}" -> "${to}"`);
    map.set(key[0]!, value);
  }
  return map;
}

/*
 * Pattern language (one pattern = a few words, compared word by word):
 *   word        the canonical word, after contractions ("j'ai" is "je ai")
 *   stem*       any word starting with stem ("harcel*": harcelé, harcèlement)
 *   (a|b c)     alternatives, each one or more words
 *   word? (..)? optional
 *   ~  ~2       any one word (or up to two) in between, possibly none
 *   ^  $        start / end of the message
 * Patterns are expanded into plain word sequences when the module loads, so matching is
 * one pass over the text with a lookup on each word: no backtracking over the text.
 */

type WordTest = { kind: 'exact'; word: string } | { kind: 'prefix'; stem: string } | { kind: 'any' };

export interface Sequence {
  tests: readonly WordTest[];
  atStart: boolean;
  atEnd: boolean;
  source: string;
}

const MAX_VARIANTS_PER_PATTERN = 4096;

function parseWord(raw: string, contractions: Contractions, source: string): WordTest[] {
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

/** Sequences indexed by what their first word must be. */
export interface SequenceIndex {
  byWord: Map<string, Sequence[]>;
  byStem: Map<string, Sequence[]>;
  longestStem: number;
}

export function indexSequences(sequences: Iterable<Sequence>): SequenceIndex {
  const byWord = new Map<string, Sequence[]>();
  const byStem = new Map<string, Sequence[]>();
  let longestStem = 0;
  for (const s of sequences) {
    const first = s.tests[0]!;
    if (first.kind === 'exact') push(byWord, first.word, s);
    else if (first.kind === 'prefix') {
      push(byStem, first.stem, s);
      longestStem = Math.max(longestStem, first.stem.length);
    }
  }
  return { byWord, byStem, longestStem };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function matchesAt(s: Sequence, tokens: Tokens, at: number): number {
  const n = s.tests.length;
  if (at + n > tokens.length) return -1;
  if (s.atStart && at !== 0) return -1;
  if (s.atEnd && at + n !== tokens.length) return -1;
  for (let k = 0; k < n; k++) {
    const t = s.tests[k]!;
    const w = tokens[at + k]!;
    if (t.kind === 'exact' ? w !== t.word : t.kind === 'prefix' ? !w.startsWith(t.stem) : false) return -1;
  }
  return at + n;
}

/** A matched run of tokens: [start, end). */
export interface Span {
  start: number;
  end: number;
}

/**
 * Every span where a sequence matches. Cost: tokens x (sequences sharing a first word
 * + stem lookups bounded by the longest stem), whatever the text looks like.
 */
export function findSpans(tokens: Tokens, index: SequenceIndex): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!;
    const candidates: Sequence[] = [];
    const exact = index.byWord.get(w);
    if (exact) candidates.push(...exact);
    const maxLen = Math.min(w.length, index.longestStem);
    for (let len = 3; len <= maxLen; len++) {
      const byStem = index.byStem.get(w.slice(0, len));
      if (byStem) candidates.push(...byStem);
    }
    for (const s of candidates) {
      const end = matchesAt(s, tokens, i);
      if (end >= 0) spans.push({ start: i, end });
    }
  }
  return spans;
}

/**
 * True when some span in `found` is not inside any span of `excluded`. An exception only
 * silences what it fully covers, so a longer, more specific pattern still wins:
 * "battu au foot" silences "battu", but not "il m'a battu" in "il m'a battu au visage".
 */
export function hasUncoveredSpan(found: readonly Span[], excluded: readonly Span[], tokenCount: number): boolean {
  if (found.length === 0) return false;
  if (excluded.length === 0) return true;
  // furthestEnd[i] = the furthest end of an exception starting at or before i: O(n).
  const furthestEnd = new Int32Array(tokenCount + 1).fill(-1);
  for (const e of excluded) furthestEnd[e.start] = Math.max(furthestEnd[e.start]!, e.end);
  for (let i = 1; i <= tokenCount; i++) furthestEnd[i] = Math.max(furthestEnd[i]!, furthestEnd[i - 1]!);
  return found.some((f) => furthestEnd[f.start]! < f.end);
}
