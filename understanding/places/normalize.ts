/**
 * Text normalisation shared by the commune index and the place parser.
 *
 * Both sides (the names in the data and what a young person types) go through the same
 * functions, so "Saint-Étienne", "st etienne" and "ST-ETIENNE" all become "saint etienne".
 * Everything here is linear in the input length: no regex with nested quantifiers.
 */

/** One word of the user's message, kept with enough of its original form to judge intent. */
export interface Token {
  /** Lowercase, accent-free, with "st"/"ste" expanded: the form compared with the index. */
  readonly norm: string;
  /** True when the word was typed with an uppercase first letter (a hint that it is a proper noun). */
  readonly capitalised: boolean;
  /** True when a hyphen joins it to the word before ("Paris-Saclay"): one name with it. */
  readonly hyphenated?: boolean;
}

/** Abbreviations users type for the saints that fill the French map. */
const TOKEN_EXPANSIONS: ReadonlyMap<string, string> = new Map([
  ['st', 'saint'],
  ['ste', 'sainte'],
  ['sts', 'saints'],
  ['stes', 'saintes'],
]);

/** Leading articles that French commune names carry ("Le Havre", "L'Haÿ-les-Roses"). */
export const LEADING_ARTICLES: ReadonlySet<string> = new Set(['le', 'la', 'les', 'l']);

// Matches runs of letters or digits; everything else (punctuation, emoji, hyphens,
// apostrophes, control characters) is a separator. A single character class with "+" cannot
// backtrack catastrophically.
const WORD_RUN = /[\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const COMMON_MARKS = /[\u0300-\u036f]+/g;

/**
 * Removes accents and folds compatibility forms (full-width letters, ligatures such as "ﬁ")
 * while keeping case, so capitalisation can still be inspected afterwards.
 */
function foldKeepingCase(text: string): string {
  // The common Latin accents first, with a plain character class: this is the index build's
  // hot path (35,000 names), and most names are ASCII after it.
  const folded = text.normalize('NFKD').replace(COMMON_MARKS, '');
  if (ASCII_ONLY.test(folded)) return folded;
  return (
    folded
      .replace(COMBINING_MARKS, '')
      // NFKD leaves these ligatures alone because they are letters in their own right.
      .replace(/œ/g, 'oe')
      .replace(/Œ/g, 'Oe')
      .replace(/æ/g, 'ae')
      .replace(/Æ/g, 'Ae')
      .replace(/ß/g, 'ss')
  );
}

function expand(word: string): string {
  return TOKEN_EXPANSIONS.get(word) ?? word;
}

/**
 * Splits free text into normalised tokens. `maxTokens` bounds the work on pathological
 * input (a pasted essay); a place is always said near the start of a short answer.
 */
export function tokenize(text: string, maxTokens = 400): Token[] {
  const folded = foldKeepingCase(text);
  const tokens: Token[] = [];
  for (const match of folded.matchAll(WORD_RUN)) {
    const raw = match[0];
    const lower = raw.toLowerCase();
    const first = raw.charAt(0);
    const at = match.index ?? 0;
    const hyphenated = at > 0 && folded.charAt(at - 1) === '-' && /[\p{L}\p{N}]/u.test(folded.charAt(at - 2));
    tokens.push({ norm: expand(lower), capitalised: first !== first.toLowerCase(), ...(hyphenated ? { hyphenated } : {}) });
    if (tokens.length >= maxTokens) break;
  }
  return tokens;
}

/** Normalised key of a name: "L'Haÿ-les-Roses" -> "l hay les roses", "Ste-Marie" -> "sainte marie". */
export function normalizeName(text: string): string {
  const folded = foldKeepingCase(text);
  if (ASCII_ONLY.test(folded)) {
    // Same result as tokenize() for ASCII text (letters and digits are [a-z0-9] there), faster.
    const words: string[] = [];
    for (const word of folded.toLowerCase().split(/[^a-z0-9]+/)) if (word) words.push(expand(word));
    return words.join(' ');
  }
  return tokenize(folded, 1000)
    .map((t) => t.norm)
    .join(' ');
}

/** The same key without its leading article, or null when there is none to drop. */
export function withoutLeadingArticle(key: string): string | null {
  const space = key.indexOf(' ');
  if (space <= 0) return null;
  return LEADING_ARTICLES.has(key.slice(0, space)) ? key.slice(space + 1) : null;
}
