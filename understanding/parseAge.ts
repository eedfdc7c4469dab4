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
/** A number set off by commas is an age in a sentence of this many words, within these bounds. */
const SET_OFF_MIN_WORDS = 4;
const SET_OFF_MIN = 13;
const SET_OFF_MAX = 30;
/** Cities whose arrondissements are said as a number after their name. */
const ARRONDISSEMENTS: Readonly<Record<string, number>> = { paris: 20, marseille: 16, lyon: 9 };

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
  ['j', 'ai'], ['jai'], ['g'], ['i', 'm'], ['et', 'moi'], ['and', 'me'],
  // A parent writing: "my son is 15", "she is 14" (other people's clauses are set aside before).
  ['he', 'is'], ['she', 'is'], ['he', 's'], ['she', 's'], ['son', 'is'], ['daughter', 'is'], ['im'], ['i', 'am'], ['age'], ['agee'], ['aged'], ['ai'], ['am'],
  ['age', 'c', 'est'], ['age', 'est'], ['age', 'c'], ['i', 'meant'], ['i', 'mean'], ['je', 'voulais', 'dire'], ['je', 'veux', 'dire'],
  // A parent writing for their child: "He is 13", "she's 12" (whose clause it is, clauses.ts decides).
  ['he', 'is'], ['she', 'is'], ['he', 's'], ['she', 's'], ['hes'], ['shes'],
];
/** Adverbs that may stand between a lead-in and the age: "I'm actually 28", "j'ai vraiment 17". */
const AGE_ADVERBS = new Set(['actually', 'really', 'only', 'just', 'now', 'vraiment', 'seulement', 'deja', 'juste', 'maintenant', 'plutot']);
const ADVERB_PAIRS: readonly [string, string][] = [['en', 'fait'], ['in', 'fact']];
/** Words that mark the number before them as an age: "17 ans", "17yo", "17 years old", "18 piges". */
const AGE_UNITS = new Set(['ans', 'an', 'a', 'yo', 'y', 'years', 'year', 'yrs', 'yr', 'ys', 'piges', 'balais', 'berges', 'printemps']);
/** A number after these is a duration or a condition, not the age: "depuis 2 ans", "for 3 years", "si j'ai 29 ans". */
const NOT_AGE_BEFORE = new Set([
  'depuis', 'pendant', 'since', 'for', 'dans', 'within', 'ya', 'si', 'if', 'not', 'pas', 'bac', 'plus', 'over', 'under', 'above', 'below', 'than',
  // "j'ai passé 3 ans en Italie", "j'ai bossé 2 ans", "I spent 2 years", "at 16 I left school": a duration or a past age.
  'passe', 'vecu', 'travaille', 'bosse', 'reste', 'habite', 'durant', 'spent', 'lived', 'worked', 'stayed', 'during', 'at',
]);
/** "bientôt 16", "turning 18": the age is one less. */
const SOON = [
  ['bientot'], ['presque'], ['soon'], ['almost'], ['nearly'], ['turning'], ['turn'], ['vais', 'avoir'], ['going', 'to', 'be'], ['will', 'be'],
  ['bientot', 'mes'], ['j', 'aurai'], ['jaurai'], ['aurai'], ['ll', 'be'], ['fais', 'mes'], ['fete', 'mes'],
];
/** "mon fils de 4 ans", "un enfant de 3 ans", "ma petite sœur de 12 ans": someone else's age. */
const KIN = new Set(['fils', 'enfant', 'enfants', 'bebe', 'frere', 'freres', 'soeur', 'soeurs', 'neveu', 'niece', 'cousin', 'cousine', 'petit', 'petite', 'gosse', 'gosses', 'mere', 'pere', 'maman', 'papa']);
/** "my 4 year old son", "a two-year-old daughter". */
const KIN_EN = new Set(['son', 'daughter', 'kid', 'kids', 'child', 'children', 'baby', 'brother', 'sister', 'nephew', 'niece', 'boy', 'girl', 'sons', 'daughters']);
/** "j'ai 2 enfants", "j'ai 3 frères", "j'ai 35 heures": a count after "j'ai", not an age. */
const COUNTED = new Set([
  'enfant', 'enfants', 'gosses', 'fils', 'filles', 'freres', 'soeurs', 'frere', 'soeur', 'heures', 'heure', 'h', 'euros', 'eur', 'mois', 'jours',
  'jour', 'semaines', 'semaine', 'kids', 'children', 'brothers', 'sisters', 'siblings', 'hours', 'months', 'weeks', 'days', 'diplomes', 'chats',
  'chiens', 'cours', 'matieres', 'notes', 'points', 'absences', 'fois', 'times', 'minutes', 'min', 'km', 'personnes', 'people', 'entretiens',
]);
/** Words that do not count toward the length of a bare answer to the age question ("jsp 17 je crois"). */
const HEDGES = new Set(['jsp', 'je', 'crois', 'pense', 'genre', 'environ', 'euh', 'heu', 'bah', 'ben', 'i', 'think', 'like', 'um', 'uh', 'about', 'around', 'bientot']);
/** "depuis mes 16 ans", "pour mes 18 ans": an age of the past or a birthday, not the age now. */
const BEFORE_MES = new Set(['depuis', 'since', 'pour', 'avant', 'jusqu', 'a', 'vers', 'des', 'apres']);
/** "16 ans euh non 17", "sorry 18": the number after replaces the one before. */
const SELF_CORRECTIONS = new Set(['non', 'no', 'nan', 'pardon', 'sorry', 'oups', 'oops', 'sry', 'dsl']);
/**
 * Words that take back what was just said when they come shortly before a second age ("17 ans
 * non attends 16", "19 ans enfin 20", "12 ans, pardon elle a 13 ans", "17… wait I'm 18 actually"):
 * the last value is the one meant.
 */
const CORRECTION_CUES = new Set([...SELF_CORRECTIONS, 'attends', 'attend', 'enfin', 'plutot', 'wait', 'actually', 'mean', 'euh', 'correction', 'rectif']);
/** How many words before a number a correction cue may stand ("pardon elle a 13"). */
const CORRECTION_REACH = 3;
/** Words that end an age phrase in a list: "17 ans et demi", "fifteen and a half". */
const HALF = [['et', 'demi'], ['and', 'a', 'half'], ['half']];

const FR_UNITS: Record<string, number> = { un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9 };
const EN_UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Record<string, number> = {
  dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60, septante: 70, huitante: 80, octante: 80, nonante: 90,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const unitOf = (w: string | undefined): number | undefined => (w === undefined ? undefined : FR_UNITS[w] ?? EN_UNITS[w]);

/** A number written in words at `i` ("dix-sept", "vingt et un", "twenty-one", "quatre-vingts"): value and length. */
function numberWordAt(words: readonly string[], i: number): { value: number; length: number } | null {
  let w = words[i]!;
  let j = i;
  let value: number;
  if (w === 'quatre' && (words[i + 1] === 'vingt' || words[i + 1] === 'vingts')) { value = 80; j = i + 2; }
  else if (TENS[w] !== undefined) { value = TENS[w]!; j = i + 1; }
  else if (TEENS[w] !== undefined) {
    // "dix-sept", "dix huit": 10 + unit.
    const u = w === 'dix' ? FR_UNITS[words[i + 1] ?? ''] : undefined;
    return u !== undefined && u >= 7 ? { value: 10 + u, length: 2 } : { value: TEENS[w]!, length: 1 };
  } else return null;
  w = words[j] ?? '';
  // "soixante-dix", "quatre-vingt-douze": a teen after 60 and 80.
  if ((value === 60 || value === 80) && TEENS[w] !== undefined && FR_UNITS[words[j + 1] ?? ''] === undefined) {
    return { value: value + TEENS[w]!, length: j - i + 1 };
  }
  if ((value === 60 || value === 80) && w === 'dix' && (FR_UNITS[words[j + 1] ?? ''] ?? 0) >= 7) {
    return { value: value + 10 + FR_UNITS[words[j + 1]!]!, length: j - i + 2 };
  }
  const linked = (w === 'et' || w === 'and') && unitOf(words[j + 1]) === 1;
  if (linked) return { value: value + 1, length: j - i + 2 };
  const u = unitOf(w);
  if (u !== undefined && w !== 'une') return { value: value + u, length: j - i + 1 };
  return { value, length: j - i };
}

/** The words with numbers in words turned into digits; lone units ("un", "neuf", "sept") stay words. */
function numbersInWords(words: readonly string[]): { words: string[]; converted: boolean } {
  const out: string[] = [];
  let converted = false;
  for (let i = 0; i < words.length;) {
    const n = numberWordAt(words, i);
    if (n) { out.push(String(n.value)); i += n.length; converted = true; } else { out.push(words[i]!); i++; }
  }
  return { words: out, converted };
}

/** A number word the table above does not read ("cent", "hundred"): only then the recognizers are asked. */
const OTHER_NUMBER_WORD = /(?:^|[^\p{L}])(?:cent|cents|mille|hundred|thousand|zero|douzaine|dozen)(?![\p{L}])/u;

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
  // "06.11.22.33.44" is a phone number, not the 6th of November 2022.
  if (m && (/^\s?[/.-]?\s?\d/.test(t.slice(m.index + m[0].length)) || /\d\s?[/.-]\s?$/.test(t.slice(Math.max(0, m.index - 3), m.index + 1)))) m = null;
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

function endsAnyBefore(words: readonly string[], at: number, seqs: readonly (readonly string[])[]): boolean {
  return seqs.some((seq) => at - seq.length >= 0 && startsWithSeq(words, at - seq.length, seq));
}

interface DigitAges {
  led: number[];
  /** Numbers the context marks as an age. */
  ages: number[];
  /** "bientôt 16": ages about to be reached. */
  soon: number[];
  /** A number said after a self-correction ("16 ans euh non 17"). */
  corrected: number | null;
  bare: number[];
  /** Words in the first clause, when it is a number alone ("17. is it free?"). */
  leadingNumber: number | null;
  /** Numbers that are a clause alone ("…, 17, …"). */
  setOff: number[];
  wordCount: number;
  converted: boolean;
}

/** Numbers written in digits or words, with the context that makes them an age. */
function findDigitAge(t: string): DigitAges {
  // "17,5 ans" / "17.5" -> 17 before tokenizing splits the decimal into two numbers.
  const raw = tokenize(t.replace(/(\d+)[.,]\d+/g, '$1'));
  const { words: all, converted } = numbersInWords(raw);
  // "17 ans et demi", "fifteen and a half": the half is not another word of the answer.
  const words: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const half = HALF.find((seq) => startsWithSeq(all, i, seq));
    if (half) { i += half.length - 1; continue; }
    words.push(all[i]!);
  }
  const ages: number[] = [];
  /** Ages said after "j'ai", "I'm", "g": the ones a person gives as theirs. */
  const led: number[] = [];
  const soon: number[] = [];
  const bare: number[] = [];
  let corrected: number | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // "17yo", "17ans", "17y", "17a"
    const glued = /^(\d{1,3})(ans|an|yo|y|yrs|years|a)$/.exec(w);
    if (glued) {
      if (glued[2] !== 'a' || (Number(glued[1]) >= 10 && Number(glued[1]) <= 99)) ages.push(Number(glued[1]));
      continue;
    }
    if (!/^\d+$/.test(w)) continue;
    const n = w.length > 4 ? Number.POSITIVE_INFINITY : Number(w);
    const prev = words[i - 1];
    // "il y a 2 ans", "depuis 2 ans", "si j'ai 29 ans": not the age now.
    // "I'm actually 28", "j'ai en fait 17", "I'm only 16": an adverb between the lead-in and the number.
    const skip = ADVERB_PAIRS.some(([a, b]) => words[i - 2] === a && words[i - 1] === b) ? 2 : AGE_ADVERBS.has(prev ?? '') ? 1 : 0;
    const leadStart = AGE_LEAD_INS.find((seq) => i - seq.length >= 0 && startsWithSeq(words, i - seq.length, seq))
      ?? (skip > 0 ? AGE_LEAD_INS.find((seq) => i - skip - seq.length >= 0 && startsWithSeq(words, i - skip - seq.length, seq))?.concat(words.slice(i - skip, i)) : undefined);
    const condition = leadStart !== undefined && ['si', 'if'].includes(words[i - leadStart.length - 1] ?? '');
    // "plus de 18 ans", "moins de 16 ans": a bound, not the age.
    const bound = prev === 'de' && (words[i - 2] === 'plus' || words[i - 2] === 'moins');
    if ((prev !== undefined && NOT_AGE_BEFORE.has(prev)) || condition || bound || (prev === 'a' && words[i - 2] === 'y')) continue;
    // "depuis mes 16 ans", "à 16 ans j'ai arrêté": an age in the past. "mon fils de 4 ans", "a 2 year old daughter": someone else's.
    if (prev === 'mes' && BEFORE_MES.has(words[i - 2] ?? '')) continue;
    if (prev === 'a' && (i === 1 || ['et', 'mais', 'depuis', 'vers', 'jusqu', 'quand', 'puis', 'des'].includes(words[i - 2] ?? ''))) continue;
    if ((prev === 'de' || prev === 'd') && (KIN.has(words[i - 2] ?? '') || (['fille', 'garcon'].includes(words[i - 2] ?? '') && !['une', 'un'].includes(words[i - 3] ?? '')))) continue;
    if (['year', 'years', 'yr', 'y'].includes(words[i + 1] ?? '') && words[i + 2] === 'old' && KIN_EN.has(words[i + 3] ?? '')) continue;
    if (COUNTED.has(words[i + 1] ?? '')) continue;
    // "2 years ago", "3 ans auparavant": when, not how old.
    if (AGE_UNITS.has(words[i + 1] ?? '') && ['ago', 'auparavant', 'plus', 'plutot', 'before', 'earlier', 'later'].includes(words[i + 2] ?? '')) continue;
    // "2 ans de fac", "3 years of law": a duration; "6 de moyenne", "12 sur 20": a grade. Not the age.
    const after = words[i + 1];
    const duration = after !== undefined && AGE_UNITS.has(after) && ['de', 'd', 'of', 'in'].includes(words[i + 2] ?? '') && !['j', 'g', 'jai', 'ai', 'i', 'am', 'm', 'suis', 'have'].includes(prev ?? '');
    if (duration || (after === 'de' && words[i + 2] === 'moyenne') || (after === 'sur' && words[i + 2] === '20')) continue;
    if (endsAnyBefore(words, i, SOON) || (prev === 'mes' && endsAnyBefore(words, i - 1, SOON))) { soon.push(n); continue; }
    bare.push(n);
    const cued = prev !== undefined && SELF_CORRECTIONS.has(prev)
      || words.slice(Math.max(0, i - CORRECTION_REACH), i).some((w2) => CORRECTION_CUES.has(w2));
    if (cued && (ages.length > 0 || bare.length > 1)) corrected = n;
    const next = words[i + 1];
    if (next !== undefined && AGE_UNITS.has(next) && !(next === 'a' && words[i + 2] !== undefined)) { ages.push(n); if (leadStart) led.push(n); continue; }
    if (leadStart) { ages.push(n); led.push(n); }
  }
  // "graduated in june, 23, paris 19e", "in Annecy, 17, originally from Ireland": a clause that
  // is a number of the programme's ages alone, in a sentence, is the age. Not an arrondissement
  // said after its city ("Paris, 18") nor a number after a place question ("13": too short).
  const clauses = t.split(/[,.;!?\n()]+/).map((c) => tokenize(c));
  const setOff: number[] = [];
  clauses.forEach((c, k) => {
    if (c.length !== 1 || !/^\d{2}$/.test(c[0]!)) return;
    const n = Number(c[0]);
    const before = clauses[k - 1]?.at(-1) ?? '';
    if (n < SET_OFF_MIN || n > SET_OFF_MAX || (ARRONDISSEMENTS[before] ?? 0) >= n) return;
    setOff.push(n);
  });
  // "17. c'est payant ?": a first clause that is a number alone.
  const firstClause = tokenize(t.split(/[.!?,;:\n]/)[0] ?? '');
  const leadingNumber = firstClause.length === 1 && /^\d{1,3}$/.test(firstClause[0]!) ? Number(firstClause[0]) : null;
  return { ages, led, soon, corrected, bare, leadingNumber, setOff, wordCount: words.filter((w) => !HEDGES.has(w)).length, converted };
}

function unique(values: readonly number[]): number[] {
  return [...new Set(values)];
}

function recognizerAges(t: string, lang: Lang): number[] {
  const cultures = lang === 'en' ? [Culture.English, Culture.French] : [Culture.French, Culture.English];
  for (const culture of cultures) {
    const found = recognizeAge(t, culture)
      // "un jour", "3 mois": durations the age recognizer also returns.
      .filter((r) => ['Year', 'Ans', 'An', 'Année'].includes(String((r.resolution as { unit?: unknown } | undefined)?.unit)))
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
    if (digits.corrected !== null) return plausible(digits.corrected);
    const contextual = unique(digits.ages);
    if (contextual.length === 1) return plausible(contextual[0]!);
    if (contextual.length > 1) return null;
    // "bientôt 16", "turning 18 next month": one less today.
    const soon = unique(digits.soon);
    if (soon.length === 1 && (digits.bare.length === 0 || options.bareNumber)) return plausible(soon[0]! - 1);
    if (digits.bare.length > 0) {
      const setOff = unique(digits.setOff);
      if (!options.bareNumber) return setOff.length === 1 && unique(digits.bare).length === 1 && digits.wordCount >= SET_OFF_MIN_WORDS ? plausible(setOff[0]!) : null;
      const bare = unique(digits.bare);
      if (bare.length === 1 && digits.wordCount <= BARE_NUMBER_MAX_WORDS) return plausible(bare[0]!);
      return digits.leadingNumber !== null && bare.length === 1 ? plausible(digits.leadingNumber) : null;
    }
    if (digits.converted || soon.length > 0) return null;

    // Number words the table does not read ("cent ans"): the recognizers, only then (they are slow).
    if (t.length > RECOGNIZER_MAX_LENGTH || !OTHER_NUMBER_WORD.test(t)) return null;
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

/**
 * Two ages a message gives as the young person's, neither correcting the other ("j'ai 17 ans,
 * j'ai arrêté l'école à 16 ans"): `readAge` reads none of them; the dialog confirms the one
 * said after "j'ai" / "I'm" (else the first) in one short question. [] otherwise.
 */
export function twoAges(text: string): number[] {
  try {
    const d = findDigitAge(normalize(text));
    const ages = unique(d.ages).filter((a) => plausible(a) !== null);
    if (d.corrected !== null || ages.length !== 2) return [];
    const led = unique(d.led).filter((a) => ages.includes(a));
    return led.length === 1 ? [led[0]!, ...ages.filter((a) => a !== led[0])] : ages;
  } catch {
    return [];
  }
}

function plausible(age: number): number | null {
  return Number.isInteger(age) && age > 0 && age <= MAX_PLAUSIBLE_AGE ? age : null;
}

/** "majeur", "over 18": an age class, not an age. */
const AGE_CLASS_WORDS = new Set(['majeur', 'majeure', 'mineur', 'mineure', 'adult', 'minor', 'underage']);
const AGE_CLASS = /(?:^|[^\p{L}])(?:plus de|moins de|over|under|above|below|older than|younger than)\s(?:18|dix[- ]huit|eighteen)(?!\d)/u;
/** "née en 2007", "born in 2010", "année de naissance 2008": a year without the day. */
const BIRTH_YEAR = /(?:^|[^\p{L}])(?:ne|nee|nes|born|naissance|birth year|year of birth)(?:\s(?:en|in|l'?annee|le|:|=|-)){0,2}\s?(?:19|20)\d\d(?!\d)/u;

/**
 * A message that answers the age question without an age: a year of birth alone (the age
 * depends on the day), "chui majeur", "over 18". The bot asks the age again, saying why.
 */
export function vagueAge(text: string): boolean {
  try {
    const t = normalize(text);
    if (BIRTH_YEAR.test(t) || AGE_CLASS.test(t)) return true;
    const words = tokenize(t);
    return words.length <= 6 && words.some((w) => AGE_CLASS_WORDS.has(w));
  } catch {
    return false;
  }
}

/**
 * A number right after an introduced name is the age: "I'm Jamal, 18, I…", "hiii im sofia,
 * 14, in 8th grade", "im max 17 from le havre". Only 10 to 35, and only followed by a clause
 * break or a word that cannot make it something else.
 */
export function ageAfterName(text: string, name: string): number | null {
  try {
    const t = normalize(text);
    const n = normalize(name);
    const at = t.indexOf(n);
    if (at < 0 || n === '') return null;
    const m = /^[\s,]+(\d{2})(?=\s*[,.!;]|\s+(?:ans|an|from|de|d'|and|et|in|en|a|i|je|j'|jsuis|chui|years|yo)(?![\p{L}])|\s*$)/u.exec(t.slice(at + n.length, at + n.length + 40));
    if (!m) return null;
    const age = Number(m[1]);
    return age >= 10 && age <= 35 ? age : null;
  } catch {
    return null;
  }
}
