import { tokenize, normalize } from './text';

/**
 * Phrase lexicons: each phrase is written naturally in a data file ("confiance en moi",
 * "j'ai des mauvaises notes") and compared word by word on tokenized text.
 *
 * Phrase syntax:
 * - "=rien": only when it is the whole message ("je comprends rien" must not match);
 * - "entrepren*": the last word is a prefix ("entreprendre", "entrepreneuriat").
 */
export interface PhraseEntry<T> {
  words: string[];
  value: T;
  wholeMessage: boolean;
  lastIsPrefix: boolean;
}

export interface PhraseMatch<T> {
  value: T;
  /** Index of the first word matched and one past the last. */
  start: number;
  end: number;
  /** A negation word sits just before ("pas de handicap") or just after ("je travaille pas"). */
  negated: boolean;
}

export interface PhraseTable<T> {
  byFirstWord: Map<string, PhraseEntry<T>[]>;
  /** Single-word prefix entries cannot be indexed by their first word. */
  prefixOnly: PhraseEntry<T>[];
}

export function compilePhrases<T>(groups: Iterable<readonly [T, readonly string[]]>): PhraseTable<T> {
  const byFirstWord = new Map<string, PhraseEntry<T>[]>();
  const prefixOnly: PhraseEntry<T>[] = [];
  for (const [value, phrases] of groups) {
    for (const raw of phrases) {
      const wholeMessage = raw.startsWith('=');
      const lastIsPrefix = raw.endsWith('*');
      const words = tokenize(normalize(raw.replace(/^=/, '').replace(/\*$/, '')));
      if (words.length === 0) continue;
      const entry: PhraseEntry<T> = { words, value, wholeMessage, lastIsPrefix };
      if (lastIsPrefix && words.length === 1) {
        prefixOnly.push(entry);
        continue;
      }
      const first = words[0]!;
      const list = byFirstWord.get(first) ?? [];
      list.push(entry);
      byFirstWord.set(first, list);
    }
  }
  // Longest first so "bac pro" wins over "bac" and "pas d'accord" over "d'accord".
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  prefixOnly.sort((a, b) => b.words[0]!.length - a.words[0]!.length);
  return { byFirstWord, prefixOnly };
}

const NEGATORS_BEFORE = new Set(['ne', 'n', 'pas', 'jamais', 'sans', 'aucun', 'aucune', 'not', 'never', 't', 'nor', 'ni', 'non', 'no']);
const NEGATORS_AFTER = new Set(['pas', 'plus', 'not', 'jamais']);

function entryMatches<T>(entry: PhraseEntry<T>, words: readonly string[], at: number): boolean {
  const n = entry.words.length;
  if (at + n > words.length) return false;
  if (entry.wholeMessage && (at !== 0 || n !== words.length)) return false;
  for (let k = 0; k < n; k++) {
    const w = words[at + k]!;
    const p = entry.words[k]!;
    if (k === n - 1 && entry.lastIsPrefix ? !w.startsWith(p) : w !== p) return false;
  }
  return true;
}

/**
 * Scans left to right and keeps, at each position, the longest phrase that matches;
 * matched words are consumed. Cost is words x phrases sharing a first word.
 */
export function matchPhrases<T>(words: readonly string[], table: PhraseTable<T>): PhraseMatch<T>[] {
  const out: PhraseMatch<T>[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    let best: PhraseEntry<T> | undefined;
    for (const e of table.byFirstWord.get(w) ?? []) {
      if (entryMatches(e, words, i)) { best = e; break; }
    }
    if (!best) {
      for (const e of table.prefixOnly) {
        if (entryMatches(e, words, i)) { best = e; break; }
      }
    }
    if (!best) { i++; continue; }
    const end = i + best.words.length;
    const before = [words[i - 1], words[i - 2]];
    const negated =
      before.some((b) => b !== undefined && NEGATORS_BEFORE.has(b)) ||
      (words[end] !== undefined && NEGATORS_AFTER.has(words[end]!));
    out.push({ value: best.value, start: i, end, negated });
    i = end;
  }
  return out;
}

/** Groups a JSON lexicon { code: [phrases] } for compilePhrases, keeping only known codes. */
export function lexiconGroups<C extends string>(json: Record<string, readonly string[]>, codes: readonly C[]): [C, readonly string[]][] {
  const out: [C, readonly string[]][] = [];
  for (const [code, phrases] of Object.entries(json)) {
    if ((codes as readonly string[]).includes(code)) out.push([code as C, phrases]);
  }
  return out;
}
