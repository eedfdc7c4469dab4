import lexicon from './lexicons/noise.json';
import { compilePattern, findPatterns, patternSet, type Pattern } from './matchPatterns';
import { canonicalTokens } from './parseFaq';
import { cleanText, normalize, tokenize } from './text';

/**
 * Why a message carries nothing to read. The kinds in NOISE_WINS (markup with code, code,
 * attempts to give the bot orders, keyboard mash, "undefined") are noise whatever a parser
 * may read in them ("asdfghjkl" is not a first name); the others count only when nothing
 * else was understood (understand() decides).
 */
export type NoiseKind =
  | 'empty' | 'symbols' | 'markup' | 'code' | 'injection' | 'insult' | 'laughter' | 'mash' | 'placeholder' | 'rambling';

export const NOISE_WINS: ReadonlySet<NoiseKind> = new Set(['markup', 'code', 'injection', 'mash', 'placeholder']);

/** Patterns that did not compile (a test keeps this empty). */
export const NOISE_LEXICON_ERRORS: string[] = [];

function compileList(list: readonly string[], where: string): Pattern<true>[] {
  const out: Pattern<true>[] = [];
  for (const raw of list) {
    const p = compilePattern(raw, true as const);
    if (p) out.push(p);
    else NOISE_LEXICON_ERRORS.push(`${where}: ${raw}`);
  }
  return out;
}

const INSULTS = patternSet(compileList(lexicon.insults, 'insults'));
const INJECTION = patternSet(compileList(lexicon.injection, 'injection'));
const PLACEHOLDERS = new Set(lexicon.placeholders);

// Raw-text checks; every quantifier is bounded or over a class that cannot overlap.
const SCRIPT_MARKUP = /<\s{0,5}\/?\s{0,5}(?:script|iframe|img|svg|object|embed|style|link|meta|form|input|body|html|frame|video|audio|math|base)\b|\bon[a-z]{3,20}\s{0,5}=|javascript\s{0,5}:|data\s{0,5}:\s{0,5}text\/html/i;
const ANY_TAG = /<\/?[a-z][^<>]{0,200}>/i;
const SQL = /\b(?:drop|truncate|alter)\s{1,5}table\b|\bunion\s{1,5}(?:all\s{1,5})?select\b|\bselect\s{1,5}\*\s{0,5}from\b|\binsert\s{1,5}into\b|\bdelete\s{1,5}from\b|'\s{0,5}or\s{1,5}'?\d'?\s{0,5}=\s{0,5}'?\d|;\s{0,5}--/i;
const TEMPLATE = /\{\{[^{}]{0,100}\}\}|\$\{[^{}]{0,100}\}|<%[^%]{0,100}%>|\[object [a-z]{1,20}\]/i;
/** "f***", "sh*t": a censored swear word. */
const CENSORED = /\b[a-z]{1,3}[*#@$%]{2,}[a-z]{0,3}/i;
const LAUGHTER = /^(?:m+d+r+|p+t+d+r+|x?p+t+d+r+|l+o+l+|l+m+f?a+o+|(?:h+a+){2,}h*|(?:a+h+){2,}a*|(?:h+i+){2,}|(?:h+e+){2,}|x+d+|rofl|jpp)$/;
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'azertyuiop', 'qsdfghjklm', 'wxcvbn', 'poiuytrewq', 'lkjhgfdsa', 'mnbvcxz', 'poiuytreza', 'mlkjhgfdsq', 'nbvcxw'];
const VOWELS = /[aeiouy]/;
/** Longer than any real sentence a young person sends about something else entirely. */
const RAMBLING_WORDS = 30;

/** A letters-only word nobody writes on purpose: no vowel at all, or a run of one keyboard row. */
function isMash(word: string): boolean {
  if (!/^[a-z]+$/.test(word) || word.length < 5) return false;
  if (!VOWELS.test(word)) return true;
  for (let i = 0; i + 5 <= word.length; i++) {
    const piece = word.slice(i, i + 5);
    if (KEYBOARD_ROWS.some((row) => row.includes(piece))) return true;
  }
  return false;
}

/**
 * Says why a message is noise (see NoiseKind), or null. Short real answers ("17", "ok",
 * "non", "Lyon", "L2", "3e", "Zoé") are never noise. Pure, never throws, linear.
 */
export function detectNoise(text: string): NoiseKind | null {
  try {
    if (typeof text !== 'string') return 'empty';
    const raw = text.slice(0, 8000);
    if (SCRIPT_MARKUP.test(raw)) return 'markup';
    if (SQL.test(raw) || TEMPLATE.test(raw)) return 'code';
    const words = tokenize(normalize(raw));
    if (words.length === 0) {
      if (cleanText(raw) === '') return ANY_TAG.test(raw) ? 'markup' : 'empty';
      return 'symbols';
    }
    const fr = canonicalTokens(words.slice(0, 200), 'fr');
    const en = canonicalTokens(words.slice(0, 200), 'en');
    if (findPatterns(fr, INJECTION).length > 0 || findPatterns(en, INJECTION).length > 0) return 'injection';
    if (PLACEHOLDERS.has(words.join(' '))) return 'placeholder';
    if (words.length <= 12 && (CENSORED.test(raw) || findPatterns(fr, INSULTS).length > 0 || findPatterns(en, INSULTS).length > 0)) return 'insult';
    if (words.every((w) => LAUGHTER.test(w))) return 'laughter';
    if (words.every(isMash)) return 'mash';
    if (words.length >= RAMBLING_WORDS) return 'rambling';
    return null;
  } catch {
    return null;
  }
}
