import { Culture, recognizeAge, recognizeNumber } from '@microsoft/recognizers-text-suite';
import { MAX_AGE, MIN_AGE, type Lang } from '../intake/vocabulary';
import { fail, normalize, ok, tokenize, type ParseResult } from './text';

export type AgeFailure = 'not_understood' | 'too_young' | 'too_old';

/** Past this an answer is a typo or a joke, not an age to refuse politely. */
const MAX_PLAUSIBLE_AGE = 120;
/**
 * The recognizers are regex engines that take seconds on a few thousand characters;
 * an age answer is short, so longer text only gets our own linear parsing.
 */
const RECOGNIZER_MAX_LENGTH = 100;
/** A bare number counts as an age only in a message this short: "17", "euh 17 !". */
const BARE_NUMBER_MAX_WORDS = 3;

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1, january: 1,
  fevrier: 2, fevr: 2, fev: 2, feb: 2, february: 2,
  mars: 3, mar: 3, march: 3,
  avril: 4, avr: 4, apr: 4, april: 4,
  mai: 5, may: 5,
  juin: 6, jun: 6, june: 6,
  juillet: 7, juil: 7, jul: 7, july: 7,
  aout: 8, aug: 8, august: 8,
  septembre: 9, sept: 9, sep: 9, september: 9,
  octobre: 10, oct: 10, october: 10,
  novembre: 11, nov: 11, november: 11,
  decembre: 12, dec: 12, december: 12,
};

/** Words that put the number right after them in age position: "j'ai 17", "I'm 17", "âge : 17". */
const AGE_LEAD_INS = [
  ['j', 'ai'], ['jai'], ['g'], ['j', 'aurai'], ['i', 'm'], ['im'], ['i', 'am'], ['age'], ['agee'], ['aged'], ['ai'], ['am'],
];
/** Words that mark the number before them as an age: "17 ans", "17yo", "17 years old". */
const AGE_UNITS = new Set(['ans', 'an', 'a', 'yo', 'y', 'years', 'year', 'yrs', 'yr', 'ys', 'yrs']);

function ageFromBirthDate(year: number, month: number, day: number, today: Date): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const birth = new Date(year, month - 1, day);
  // Rejects 31/02 and friends, which Date would roll over to March.
  if (birth.getFullYear() !== year || birth.getMonth() !== month - 1 || birth.getDate() !== day) return null;
  if (birth.getTime() > today.getTime()) return null;
  let age = today.getFullYear() - year;
  const beforeBirthday = today.getMonth() < month - 1 || (today.getMonth() === month - 1 && today.getDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

function expandYear(y: string, today: Date): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  const century = Math.floor(today.getFullYear() / 100) * 100;
  // "03/03/08": a two-digit year in the future can only be last century.
  return century + n > today.getFullYear() ? century - 100 + n : century + n;
}

/** Finds a full birth date; year-only answers ("né en 2008") are left unanswered on purpose. */
function findBirthDate(t: string, today: Date): number | null {
  let m = /(?:^|[^\d])(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4}|\d{2})(?!\d)/.exec(t);
  if (m) {
    const a = Number(m[1]), b = Number(m[2]);
    const year = expandYear(m[3]!, today);
    // French order first (day/month); month/day only when day/month is impossible.
    return ageFromBirthDate(year, b, a, today) ?? (a <= 12 ? ageFromBirthDate(year, a, b, today) : null);
  }
  m = /(?:^|[^\d])(\d{4})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{1,2})(?!\d)/.exec(t);
  if (m) return ageFromBirthDate(Number(m[1]), Number(m[2]), Number(m[3]), today);

  const words = tokenize(t);
  for (let i = 0; i < words.length; i++) {
    const month = MONTHS[words[i]!];
    if (month === undefined) continue;
    // "3 mars 2008", "1er mars 2008", "3rd of March 2008"
    const prev = words[i - 1] === 'of' ? words[i - 2] : words[i - 1];
    const next = words[i + 1];
    const dayBefore = prev ? /^(\d{1,2})(?:er|st|nd|rd|th)?$/.exec(prev) : null;
    if (prev === 'premier' && next && /^\d{4}$/.test(next)) return ageFromBirthDate(Number(next), month, 1, today);
    if (dayBefore && next && /^\d{4}$/.test(next)) return ageFromBirthDate(Number(next), month, Number(dayBefore[1]), today);
    // "March 3, 2008", "March 3rd 2008"
    const dayAfter = next ? /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(next) : null;
    const yearAfter = words[i + 2];
    if (dayAfter && yearAfter && /^\d{4}$/.test(yearAfter)) return ageFromBirthDate(Number(yearAfter), month, Number(dayAfter[1]), today);
  }
  return null;
}

function startsWithSeq(words: readonly string[], at: number, seq: readonly string[]): boolean {
  for (let k = 0; k < seq.length; k++) if (words[at + k] !== seq[k]) return false;
  return true;
}

/** Numbers written in digits, with the context that makes them an age. */
function findDigitAge(t: string): { ages: number[]; bare: number[]; wordCount: number } {
  // "17,5 ans" / "17.5" -> 17 before tokenizing splits the decimal into two numbers.
  const words = tokenize(t.replace(/(\d+)[.,]\d+/g, '$1'));
  const ages: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // "17yo", "17ans", "17y"
    const glued = /^(\d{1,3})(ans|an|yo|y|yrs|years)$/.exec(w);
    if (glued) { ages.push(Number(glued[1])); continue; }
    if (!/^\d+$/.test(w)) continue;
    const n = w.length > 4 ? Number.POSITIVE_INFINITY : Number(w);
    bare.push(n);
    const next = words[i + 1];
    if (next !== undefined && AGE_UNITS.has(next) && !(next === 'a' && words[i + 2] !== undefined)) { ages.push(n); continue; }
    if (AGE_LEAD_INS.some((seq) => i - seq.length >= 0 && startsWithSeq(words, i - seq.length, seq))) ages.push(n);
  }
  return { ages, bare, wordCount: words.length };
}

function unique(values: readonly number[]): number[] {
  return [...new Set(values)];
}

function recognizerAges(t: string, lang: Lang): number[] {
  const cultures = lang === 'en' ? [Culture.English, Culture.French] : [Culture.French, Culture.English];
  for (const culture of cultures) {
    const found = recognizeAge(t, culture)
      .map((r) => Number((r.resolution as { value?: unknown } | undefined)?.value))
      .filter((n) => Number.isFinite(n));
    if (found.length > 0) return unique(found.map(Math.floor));
  }
  return [];
}

function recognizerNumbers(t: string, lang: Lang): number[] {
  const cultures = lang === 'en' ? [Culture.English, Culture.French] : [Culture.French, Culture.English];
  for (const culture of cultures) {
    const found = recognizeNumber(t, culture)
      .map((r) => Number(String((r.resolution as { value?: unknown } | undefined)?.value ?? '').replace(',', '.')))
      .filter((n) => Number.isFinite(n));
    if (found.length > 0) return unique(found.map(Math.floor));
  }
  return [];
}

function verdict(age: number): ParseResult<number, AgeFailure> {
  if (age < MIN_AGE) return fail('too_young');
  if (age > MAX_AGE) return fail('too_old');
  return ok(age);
}

/**
 * Reads an age from "17", "j'ai 17 ans", "g 16 an", "dix-sept ans", "17yo", "I'm 17" or a
 * full birth date ("né le 3 mars 2008", "03/03/2008", "born 2008-03-03"), computed on
 * `today`. Out-of-range ages carry no value: the dialog must not store them.
 * Several different ages in one message are not understood rather than guessed.
 */
export function parseAge(text: string, lang: Lang, today: Date): ParseResult<number, AgeFailure> {
  const age = readAge(text, lang, today, { bareNumber: true });
  return age === null ? fail('not_understood') : verdict(age);
}

export interface ReadAgeOptions {
  /**
   * Whether a number alone in a short message is an age ("17", "euh 17 !"): only as the
   * answer to the age question. Elsewhere "dans le 93" is a place.
   */
  bareNumber: boolean;
}

/**
 * The age a message states, in or out of the programme's range (the dialog refuses those
 * politely), or null. Never throws.
 */
export function readAge(text: string, lang: Lang, today: Date, options: ReadAgeOptions): number | null {
  try {
    const t = normalize(text);
    if (t === '') return null;

    const fromDate = findBirthDate(t, today);
    if (fromDate !== null) return plausible(fromDate);

    const digits = findDigitAge(t);
    const contextual = unique(digits.ages);
    if (contextual.length === 1) return plausible(contextual[0]!);
    if (contextual.length > 1) return null;
    if (digits.bare.length > 0) {
      if (!options.bareNumber) return null;
      const bare = unique(digits.bare);
      return bare.length === 1 && digits.wordCount <= BARE_NUMBER_MAX_WORDS ? plausible(bare[0]!) : null;
    }

    // Numbers in words ("dix-sept ans", "seize", "I'm seventeen").
    if (t.length > RECOGNIZER_MAX_LENGTH || !/\p{L}/u.test(t)) return null;
    const ages = recognizerAges(t, lang);
    if (ages.length === 1) return plausible(ages[0]!);
    if (ages.length > 1 || !options.bareNumber) return null;
    if (tokenize(t).length > BARE_NUMBER_MAX_WORDS + 3) return null;
    const numbers = recognizerNumbers(t, lang);
    return numbers.length === 1 ? plausible(numbers[0]!) : null;
  } catch {
    return null;
  }
}

function plausible(age: number): number | null {
  return Number.isInteger(age) && age > 0 && age <= MAX_PLAUSIBLE_AGE ? age : null;
}
