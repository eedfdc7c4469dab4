/**
 * Text -> canonical words for the crisis detector (the pattern language that is matched on
 * them is in crisisPatterns.ts, the context rules in crisisContext.ts).
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
 * One word of [a-z0-9], made canonical: digits read as the letters they imitate when the
 * word also has letters ("su1c1de"), and repeated letters collapsed ("mouriiir" ->
 * "mourir", and also "battu" -> "batu": patterns go through the same function, so both
 * sides agree). A hand-written loop: this runs on every word of every message.
 */
export function canonicalWord(word: string): string {
  let hasLetter = false;
  let hasDigit = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) hasDigit = true;
    else hasLetter = true;
  }
  let out = '';
  let previous = '';
  for (let i = 0; i < word.length; i++) {
    let ch = word[i]!;
    if (hasDigit && hasLetter) ch = LEET[ch] ?? ch;
    if (ch === previous && ch >= 'a' && ch <= 'z') continue;
    out += ch;
    previous = ch;
  }
  return out;
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
    .replace(/([a-z])[!|](?=[a-z])/g, '$1i');
  // Apostrophes, hyphens, punctuation, emoji, other scripts: all word breaks.
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 32;
    const isWordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (isWordChar) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(canonicalWord(folded.slice(start, i)));
      start = -1;
    }
  }
  return out;
}

/** rawWords, then each contraction expanded ("jveux" -> "je veux", "g" -> "je ai"). */
export function toTokens(text: string, contractions: Contractions): string[] {
  return toTokenStream(text, contractions).tokens;
}

/** Canonical words and, for each, the clause it sits in (clauses end at . , ; : ! ? and line breaks). */
export interface TokenStream {
  tokens: string[];
  clause: number[];
}

// Characters that end a clause: context words ("pas", "prévention", "mdr") only reach
// across the words of their own clause, so "I'm not ok, I want to die" keeps its danger.
const CLAUSE_END = new Set([46, 44, 59, 58, 33, 63, 10, 13, 8230]);

/** toTokens with clause numbers, from one pass over the text. */
export function toTokenStream(text: string, contractions: Contractions): TokenStream {
  const tokens: string[] = [];
  const clause: number[] = [];
  if (typeof text !== 'string' || text.length === 0) return { tokens, clause };
  let current = 0;
  let sawWord = false;
  // Punctuation ends a clause only when followed by a space or the end: "su!cide" and
  // "m.o.u.r.i.r" stay one word for rawWords.
  for (const piece of text.split(/([.,;:!?\u2026]+(?=\s|$)|[\n\r]+)/)) {
    if (piece.length > 0 && CLAUSE_END.has(piece.charCodeAt(0))) {
      if (sawWord) current++;
      sawWord = false;
      continue;
    }
    for (const w of rawWords(piece)) {
      sawWord = true;
      const expansion = contractions.get(w) ?? elidedJe(w, contractions);
      if (expansion) for (const x of expansion) { tokens.push(x); clause.push(current); }
      else { tokens.push(w); clause.push(current); }
    }
  }
  return { tokens, clause };
}

/**
 * SMS French glues an elided "je" to any verb: "jviens", "jdors", "jpense", "jsais". A word
 * of "j", a consonant, then at least three letters with a vowel is no French or English word,
 * so it reads as "je" + the verb (itself expanded when it is a contraction). The table's own
 * entries ("jme", "jsp", "jvais") come first; short codes ("jpp", "jpr", "jtm") stay whole.
 */
function elidedJe(w: string, contractions: Contractions): readonly string[] | undefined {
  if (w.length < 5 || w.charCodeAt(0) !== 106) return undefined;
  const c = w[1]!;
  if (c < 'a' || c > 'z' || 'aeiouy'.includes(c)) return undefined;
  const rest = w.slice(1);
  if (!/[aeiouy]/.test(rest) || /[0-9]/.test(rest)) return undefined;
  return ['je', ...(contractions.get(rest) ?? [rest])];
}

/** Builds the contraction table from data, canonicalising both sides. */
export function compileContractions(table: Record<string, string>): Contractions {
  const map = new Map<string, readonly string[]>();
  for (const [from, to] of Object.entries(table)) {
    const key = rawWords(from);
    const value = rawWords(to);
    // An empty expansion drops the word ("vraiment", "just"): intensifiers between a verb
    // and its object ("je veux vraiment mourir") must not hide the pattern.
    if (key.length !== 1 || (value.length === 0 && to.trim() !== '')) throw new Error(`crisis lexicon: bad contraction "${from}" -> "${to}"`);
    map.set(key[0]!, value);
  }
  return map;
}

/**
 * One slip of the keyboard on a long crisis word ("suicder", "scarifer", "harcelment",
 * "ovedose"): every word one deleted letter or one swapped pair away from a word of the
 * lexicon's "typos" list reads as that word. Only words of 7 letters or more; a variant
 * never overrides a contraction, another listed word or a real word that happens to be that
 * close ("typoRealWords": "sacrifier" is one swap from "scarifier", "overdoes" from
 * "overdose", "extorsion" one letter from "sextorsion"). Built once at load (a few hundred entries in the contraction table),
 * so reading a message costs nothing more.
 */
export function withTypoVariants(contractions: Contractions, words: readonly string[], realWords: readonly string[] = []): Contractions {
  const out = new Map(contractions);
  const targets = new Set<string>();
  const real = new Set(realWords.flatMap((w) => rawWords(w)));
  for (const raw of words) {
    const ws = rawWords(raw);
    if (ws.length !== 1 || ws[0]!.length < 7) throw new Error(`crisis lexicon: typo word "${raw}" must be one word of 7 letters or more`);
    targets.add(ws[0]!);
  }
  for (const w of targets) {
    const variants = new Set<string>();
    for (let i = 0; i < w.length; i++) variants.add(w.slice(0, i) + w.slice(i + 1));
    for (let i = 0; i + 1 < w.length; i++) variants.add(w.slice(0, i) + w[i + 1]! + w[i]! + w.slice(i + 2));
    for (const v of variants) {
      const canonical = canonicalWord(v);
      if (canonical.length < 6 || targets.has(canonical) || real.has(canonical) || out.has(canonical)) continue;
      out.set(canonical, contractions.get(w) ?? [w]);
    }
  }
  return out;
}
