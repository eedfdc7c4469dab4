import type { Help, MentorLanguage, Occupation, VolunteerPublic } from '../../intake/volunteerVocabulary';
import { matchPhrases, type PhraseTable } from '../matchPhrases';
import { cleanText, normalize, tokenize } from '../text';
import { HELP_TABLE, LANGUAGE_TABLE, MENTEE_SIDE, OCCUPATION_TABLE, PUBLIC_TABLE, VOLUNTEER_SIDE } from './lexicon';

/**
 * Readers of what a volunteer says about themselves: pure, linear in the text, never
 * throwing (messages come from strangers). Each returns null when the text says nothing
 * about it.
 */

const wordsOf = (text: string) => tokenize(normalize(text));

/** Every value a table finds, not negated ("pas le soutien scolaire"), each once, in order. */
function allOf<T>(text: string, table: PhraseTable<T>): T[] {
  const found: T[] = [];
  for (const m of matchPhrases(wordsOf(text), table)) if (!m.negated && !found.includes(m.value)) found.push(m.value);
  return found;
}

/** Which conversation a message asks for: to mentor (volunteer), or to be mentored. */
export function readSide(text: string): 'volunteer' | 'mentee' | null {
  const volunteer = allOf(text, VOLUNTEER_SIDE).length > 0;
  const mentee = allOf(text, MENTEE_SIDE).length > 0;
  if (volunteer === mentee) return null;
  return volunteer ? 'volunteer' : 'mentee';
}

export interface OccupationReading {
  kind: Occupation;
  /** Their own words about it: the field and year of study, the trade or sector. */
  detail: string | null;
  /** The company they come through, when said ("je travaille chez Orange"). */
  company: string | null;
}

/** "… en master de droit", "… as a nurse", "ingénieur chez Airbus": the words after the occupation, to a comma. */
const DETAIL_AFTER = /(?:^|[\s,])(?:en|de|d'|dans l[ae']?|dans|in|as an?|as|at)\s+([^,.;!?\n]{2,60})/iu;
const COMPANY = /(?:^|[\s,])(?:chez|pour|at|for|avec mon entreprise|via mon entreprise|through my company|par mon entreprise|via|through)\s+([\p{Lu}\d][\p{L}\d&' -]{1,40})/u;
const COMPANY_STOP = /\s+(?:et|and|depuis|since|en|in|a|à|comme|as|mais|but)\b.*$/iu;

/** Student, employed, retired, job seeker, with their own words about it. */
export function readOccupation(text: string): OccupationReading | null {
  const kinds = allOf(text, OCCUPATION_TABLE);
  if (kinds.length === 0) return null;
  // "retraité, ancien ingénieur": retired; "étudiant et je travaille à côté": student.
  const kind = kinds.includes('retired') ? 'retired' : kinds.includes('student') ? 'student' : kinds.includes('job_seeker') ? 'job_seeker' : kinds[0]!;
  const cleaned = cleanText(text);
  const company = kind === 'employed' ? readCompany(cleaned) : null;
  const afterKind = DETAIL_AFTER.exec(cleaned)?.[1]?.trim() ?? null;
  return { kind, detail: afterKind && afterKind !== company ? afterKind : null, company };
}

/** The company a volunteer comes through, capitalised as written ("chez Orange", "at Airbus"). */
export function readCompany(text: string): string | null {
  const m = COMPANY.exec(cleanText(text));
  if (!m) return null;
  const name = m[1]!.replace(COMPANY_STOP, '').trim();
  return name.length >= 2 ? name : null;
}

const NUMBER_WORDS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, douze: 12, quinze: 15, vingt: 20,
  one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six_: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20,
};
const numberOf = (w: string): number | null => (/^\d{1,3}$/.test(w) ? Number(w) : NUMBER_WORDS[w] ?? null);
const HOUR_WORDS = new Set(['h', 'heure', 'heures', 'hour', 'hours', 'hr', 'hrs', 'hrs', 'hour s']);
const PER_WORDS = new Set(['par', 'per', 'a', 'each', 'every', 'chaque', 'tous', 'toutes', 'les', 'le', 'la', 'l', 'an']);
const WEEK_WORDS = new Set(['semaine', 'semaines', 'sem', 'week', 'weeks', 'hebdo']);
const MONTH_WORDS = new Set(['mois', 'month', 'months']);
const YEAR_WORDS = new Set(['an', 'ans', 'annee', 'annees', 'year', 'years']);
const SCHOOL_YEAR = /\b(?:annee scolaire|school year|academic year|annee universitaire)\b/u;
const WHOLE_YEAR = /\b(?:toute l annee|all year|the whole year|un an|one year|a year|1 an)\b/u;

export interface TimeReading { hoursPerMonth: number | null; months: number | null }

/**
 * Time a volunteer can give: hours a month ("3h par mois", "une heure par semaine" = 4 a
 * month, "2 hours a week") and for how many months ("pendant 6 mois", "un an", "l'année
 * scolaire" = 9). `bare`: a number alone is hours a month (the answer to that question).
 */
export function readTime(text: string, bare = false): TimeReading | null {
  const w = wordsOf(text);
  let hours: number | null = null;
  let months: number | null = null;
  for (let i = 0; i < w.length; i++) {
    const n = numberOf(w[i]!);
    // "3h" is one token for the tokenizer: "3h", "2hrs".
    const glued = /^(\d{1,3})(h|hrs?|heures?)$/.exec(w[i]!);
    const value = glued ? Number(glued[1]) : n;
    if (value === null) continue;
    const unitAt = glued ? i : i + 1;
    const unit = glued ? 'h' : w[unitAt];
    if (unit && HOUR_WORDS.has(unit)) {
      let j = unitAt + 1;
      while (j < w.length && PER_WORDS.has(w[j]!) && j < unitAt + 3) j++;
      const per = w[j];
      if (per && WEEK_WORDS.has(per)) hours = value * 4;
      else if (per && MONTH_WORDS.has(per)) hours = value;
      else if (per && YEAR_WORDS.has(per) && j > unitAt + 1) hours = Math.max(1, Math.round(value / 12));
      else hours ??= value;
      continue;
    }
    if (unit && MONTH_WORDS.has(unit) && !(i > 0 && PER_WORDS.has(w[i - 1]!) && value === 1)) { months = value; continue; }
    if (unit && YEAR_WORDS.has(unit) && !['a', 'an', 'par', 'per'].includes(w[i]!)) { months = value * 12; continue; }
  }
  const t = w.join(' ');
  if (months === null && SCHOOL_YEAR.test(t)) months = 9;
  if (months === null && WHOLE_YEAR.test(t)) months = 12;
  if (hours === null && bare && w.length <= 3) {
    const only = w.map(numberOf).filter((x): x is number => x !== null);
    if (only.length === 1 && only[0]! > 0 && only[0]! <= 60) hours = only[0]!;
  }
  if (hours !== null && (hours <= 0 || hours > 120)) hours = null;
  if (months !== null && (months <= 0 || months > 120)) months = null;
  return hours === null && months === null ? null : { hoursPerMonth: hours, months };
}

/** Kinds of help offered ("soutien scolaire et orientation", "CV and interviews"). */
export function readHelps(text: string): Help[] | null {
  const found = allOf(text, HELP_TABLE);
  return found.length > 0 ? found : null;
}

const ANY = new Set(['peu importe', 'tous', 'toutes', 'tout le monde', 'n importe', 'any', 'anyone', 'all', 'no preference', 'pas de preference', 'aucune preference', 'non', 'no', 'aucun', 'none', 'egal']);

/** Publics they would like to help; [] when any (`asked`: "peu importe" answers it). */
export function readPublics(text: string, asked = false): VolunteerPublic[] | null {
  const found = allOf(text, PUBLIC_TABLE);
  if (found.length > 0) return found;
  return asked && ANY.has(wordsOf(text).join(' ')) ? [] : null;
}

const ONLY_FRENCH = new Set(['non', 'no', 'juste le francais', 'que le francais', 'seulement le francais', 'only french', 'just french', 'french only', 'francais', 'french', 'aucune', 'none', 'aucun']);

/** Languages they can help in; French alone when they say no other (`asked`). */
export function readLanguages(text: string, asked = false): MentorLanguage[] | null {
  const found = allOf(text, LANGUAGE_TABLE);
  if (found.length > 0) return found.includes('fr') ? found : ['fr', ...found];
  return asked && ONLY_FRENCH.has(wordsOf(text).join(' ')) ? ['fr'] : null;
}
