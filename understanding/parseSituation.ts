import {
  DIPLOMA_LEVELS, OUT_OF_EDUCATION_KINDS, SCHOOL_YEARS, SITUATIONS,
  type DiplomaLevel, type Lang, type SchoolYear, type Situation,
} from '../intake/vocabulary';
import lexicon from './lexicons/situations.json';
import { compilePhrases, matchPhrases } from './matchPhrases';
import { cleanText, fail, normalize, ok, tokenize, type ParseResult } from './text';
import { expandTexting } from './texting';

export type SituationFailure = 'not_understood' | 'ambiguous';
export interface ParsedSituation {
  kind: Situation;
  schoolYear: SchoolYear | null;
  /**
   * Students and apprentices in higher education: the level of the year being studied
   * ("1ère année de licence" = bac_plus_1, "M2" = bac_plus_5_or_more), null when the
   * year is not said. Out of education: the highest level obtained ("au chômage avec un
   * BTS" = bac_plus_2). Pupils (collège, lycée): null, their schoolYear says it.
   */
  diplomaLevel: DiplomaLevel | null;
  /** The young person's own words for "autre" (max 200 characters). */
  detail: string | null;
}

const MAX_DETAIL_LENGTH = 200;

type Track = 'general' | 'techno' | 'pro';
type DiplomaId = keyof typeof lexicon.diplomas;
type Tag =
  | { t: 'kind'; v: Situation | 'lycee' }
  | { t: 'year'; v: SchoolYear }
  | { t: 'nth'; v: number }
  | { t: 'diploma'; v: DiplomaId }
  | { t: 'study'; v: DiplomaLevel }
  | { t: 'level'; v: DiplomaLevel }
  | { t: 'track'; v: Track }
  /** Looking for an apprenticeship: a need, and a situation only as the answer to the situation question. */
  | { t: 'seek' }
  /** Looking for work: a job seeker, unless another activity is said ("en M2, je cherche mon premier emploi"). */
  | { t: 'seekwork' }
  /** "cherche", "trouver", "looking for": an apprenticeship right after it is sought, not held. */
  | { t: 'seekverb' }
  /** "de temps en temps", "des petits boulots", "rien de stable": occasional work is not employment. */
  | { t: 'occasional' }
  /** "je veux faire", "want to study": what follows is a plan, not the present. */
  | { t: 'aim' }
  /** "j'ai eu mon", "diplômé d'un", "I have a": the diploma that follows is obtained. */
  | { t: 'obtained' }
  /** No longer in school ("plus au lycée", "not a student anymore"): the new situation is not said. */
  | { t: 'left' }
  /** "j'ai arrêté", "I quit": with `left`, out of education. */
  | { t: 'quit' }
  /** A UK school year ("year 12"): does not map onto French classes. */
  | { t: 'ukyear' }
  /** "j'ai arrêté", "il a quitté", "dropped out of", "failed": the course named next is left behind. */
  | { t: 'dropout' }
  /** A course named generically ("l'école", "my studies"): read only as what a dropout left. */
  | { t: 'course' }
  | { t: 'ignore' };

interface DiplomaInfo { kind: Situation | null; obtained: DiplomaLevel; yearBase: number | null }
const DIPLOMAS = lexicon.diplomas as Record<DiplomaId, DiplomaInfo>;

const includes = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

function toTag(key: string): Tag | null {
  if (key === 'ignore' || key === 'seek' || key === 'seekwork' || key === 'seekverb' || key === 'occasional' || key === 'aim' || key === 'obtained' || key === 'left' || key === 'quit' || key === 'ukyear' || key === 'dropout' || key === 'course') return { t: key };
  const [t, v = ''] = key.split(':');
  switch (t) {
    case 'kind': return v === 'lycee' || includes(SITUATIONS, v) ? { t, v } : null;
    case 'year': return includes(SCHOOL_YEARS, v) ? { t, v } : null;
    case 'nth': return /^\d$/.test(v) ? { t, v: Number(v) } : null;
    case 'diploma': return v in DIPLOMAS ? { t, v: v as DiplomaId } : null;
    case 'study':
    case 'level': return includes(DIPLOMA_LEVELS, v) ? { t, v } : null;
    case 'track': return v === 'pro' || v === 'techno' || v === 'general' ? { t, v } : null;
    default: return null;
  }
}

/** "je suis caissière", "I work as a waiter": a trade said as what one is, in employment. */
const TRADE_PHRASES = lexicon.trade_leads.flatMap((lead) => lexicon.trades.flatMap((trade) =>
  /(?:^| )(?:a|an)$/u.test(lead) ? [`${lead} ${trade}`] : [`${lead} ${trade}`, `${lead} un ${trade}`, `${lead} une ${trade}`]));

const TABLE = compilePhrases<Tag>([
  ...Object.entries(lexicon.phrases).flatMap(([key, phrases]) => {
    const tag = toTag(key);
    return tag ? [[tag, phrases] as const] : [];
  }),
  [{ t: 'kind', v: 'en_emploi' }, TRADE_PHRASES],
]);
/** Words of a neet phrase that say a course was quit ("j'ai arrêté la fac", "dropped out of uni"). */
const QUIT_WORDS = new Set(['arrete', 'arreter', 'quitte', 'lache', 'abandonne', 'dropped', 'quit', 'left', 'stopped', 'stop', 'sorti', 'sortie']);
/** What a quit course may be named with: a kind, a class, a diploma, a year of study. */
const COURSE_TAGS = new Set<Tag['t']>(['kind', 'year', 'nth', 'diploma', 'study', 'track', 'course']);

const COLLEGE_YEARS: readonly SchoolYear[] = ['6e', '5e', '4e', '3e'];
const LYCEE_YEARS: readonly SchoolYear[] = ['seconde', 'premiere', 'terminale'];
const LYCEE_KINDS: Record<Track, Situation> = { general: 'lycee_general', techno: 'lycee_techno', pro: 'lycee_pro' };
const SCHOOL_AND_APPRENTICE_KINDS: readonly Situation[] = ['lycee_general', 'lycee_techno', 'lycee_pro', 'apprenti'];
const OTHER_WORDS = new Set(['autre', 'autres', 'other', 'others']);

function levelFromYears(n: number): DiplomaLevel | null {
  if (n <= 0) return null;
  return n >= 5 ? 'bac_plus_5_or_more' : (`bac_plus_${n}` as DiplomaLevel);
}

function highest(levels: Iterable<DiplomaLevel>): DiplomaLevel | null {
  let best: DiplomaLevel | null = null;
  for (const l of levels) if (best === null || DIPLOMA_LEVELS.indexOf(l) > DIPLOMA_LEVELS.indexOf(best)) best = l;
  return best;
}

function single<T>(set: Set<T>): T | null | 'many' {
  if (set.size === 0) return null;
  if (set.size > 1) return 'many';
  return set.values().next().value as T;
}

interface Collected {
  kinds: Set<Situation>;
  lyceeSaid: boolean;
  years: Set<SchoolYear>;
  nths: Set<number>;
  diplomas: Set<DiplomaId>;
  studies: Set<DiplomaLevel>;
  levels: Set<DiplomaLevel>;
  tracks: Set<Track>;
  seek: boolean;
  seekWork: boolean;
  occasional: boolean;
  left: boolean;
  quit: boolean;
  ukYear: boolean;
  /** A course was quit: not in education, unless a present activity is said. */
  dropout: boolean;
}

/** Cities whose arrondissements are said with an ordinal: "Lyon 3e" is a place, not a class. */
const ARRONDISSEMENT_CITIES = new Set(['paris', 'lyon', 'marseille']);
const ORDINAL = /^\d{1,2}(?:e|eme|em|er|ieme)?$/;
/** Closing words that do not change a one-word answer ("nothing tbh", "rien mdr"). */
const TRAILING_FILLERS = new Set(['tbh', 'lol', 'mdr', 'ptdr', 'xd', 'honestly', 'rn', 'atm', 'really', 'frankly', 'haha', 'enfait', 'quoi', 'bref']);
/** How many words after "je veux faire" / "j'ai eu mon" the marker applies to. */
const MARKER_REACH = 4;
/** How far a quit course's name runs on after each of its words. */
const QUIT_CHAIN = 2;

/** Tokens of a message as the situation lexicon reads them: texting expanded, arrondissements dropped. */
function situationWords(text: string): string[] {
  const words = expandTexting(tokenize(normalize(text)));
  for (let i = 1; i < words.length; i++) {
    if (ARRONDISSEMENT_CITIES.has(words[i - 1]!) && ORDINAL.test(words[i]!)) words[i] = '_';
  }
  while (words.length > 1 && TRAILING_FILLERS.has(words[words.length - 1]!)) words.pop();
  return words;
}

function collect(words: readonly string[]): Collected {
  const c: Collected = {
    kinds: new Set(), lyceeSaid: false, years: new Set(), nths: new Set(), diplomas: new Set(), studies: new Set(), levels: new Set(), tracks: new Set(),
    seek: false, seekWork: false, occasional: false, left: false, quit: false, ukYear: false, dropout: false,
  };
  let aimUntil = -1;
  let seekingUntil = -1;
  let obtainedUntil = -1;
  let quitUntil = -1;
  for (const m of matchPhrases(words, TABLE)) {
    if (m.negated) continue;
    const tag = m.value;
    // "j'ai arrêté en première", "he dropped out of his BTS": the course quit is not the present.
    if (m.start <= quitUntil && COURSE_TAGS.has(tag.t) && !(tag.t === 'kind' && OUT_OF_EDUCATION_KINDS.includes(tag.v as Situation))) {
      // A course is named over a few words ("ma première année à la fac"): the reach runs on.
      c.dropout = true; quitUntil = Math.max(quitUntil, m.end - 1 + QUIT_CHAIN); continue;
    }
    if (tag.t === 'dropout' || tag.t === 'quit') quitUntil = m.end - 1 + MARKER_REACH;
    if (tag.t === 'dropout' || tag.t === 'course') continue;
    if (tag.t === 'kind' && tag.v === 'neet' && words.slice(m.start, m.end).some((w) => QUIT_WORDS.has(w))) { c.dropout = true; quitUntil = m.end - 1 + MARKER_REACH; continue; }
    // A plan ("je veux faire médecine") or a target ("cherche une alternance en BTS") is not the present.
    if (m.start <= aimUntil && tag.t !== 'obtained' && tag.t !== 'ignore') continue;
    if (m.start <= obtainedUntil && (tag.t === 'diploma' || tag.t === 'study' || tag.t === 'level')) {
      c.levels.add(tag.t === 'diploma' ? DIPLOMAS[tag.v].obtained : tag.v);
      continue;
    }
    switch (tag.t) {
      case 'seek': c.seek = true; aimUntil = m.end - 1 + MARKER_REACH; break;
      case 'seekverb': seekingUntil = m.end - 1 + MARKER_REACH + 1; break;
      case 'occasional': c.occasional = true; break;
      case 'aim': aimUntil = m.end - 1 + MARKER_REACH; break;
      case 'obtained': obtainedUntil = m.end - 1 + MARKER_REACH; break;
      case 'seekwork': c.seekWork = true; seekingUntil = m.end - 1 + MARKER_REACH + 1; break;
      case 'left': c.left = true; break;
      case 'quit': c.quit = true; break;
      case 'ukyear': c.ukYear = true; break;
      case 'kind':
        // "je cherche un emploi ou une alternance", "need to find a work-study contract": sought, not held.
        if (tag.v === 'apprenti' && m.start <= seekingUntil) { c.seek = true; break; }
        if (tag.v === 'lycee') c.lyceeSaid = true; else c.kinds.add(tag.v);
        break;
      case 'year': c.years.add(tag.v); if (tag.v === 'cap_1' || tag.v === 'cap_2') c.diplomas.add('cap'); break;
      case 'nth': c.nths.add(tag.v); break;
      case 'diploma': c.diplomas.add(tag.v); break;
      case 'study': c.studies.add(tag.v); break;
      case 'level': c.levels.add(tag.v); break;
      case 'track': c.tracks.add(tag.v); break;
      case 'ignore': break;
    }
  }
  return c;
}


/** The diploma level that goes with `kind`, following ParsedSituation.diplomaLevel's rules. */
function levelFor(kind: Situation | null, c: Collected): DiplomaLevel | null {
  const higherEd = [...c.diplomas].filter((d) => DIPLOMAS[d].yearBase !== null);
  const nth = single(c.nths);
  const studied = (): DiplomaLevel | null => {
    const base = higherEd.length === 1 ? DIPLOMAS[higherEd[0]!].yearBase! : higherEd.length === 0 ? 0 : null;
    return highest(c.studies) ?? highest(c.levels) ?? (typeof nth === 'number' && base !== null ? levelFromYears(base + nth) : null);
  };
  const obtained = () => highest([...c.levels, ...c.studies, ...[...c.diplomas].map((d) => DIPLOMAS[d].obtained)]);
  if (kind === 'etudiant') return studied();
  // An apprentice in CAP or bac pro is described by the school year instead.
  if (kind === 'apprenti') return higherEd.length > 0 || c.studies.size > 0 || c.levels.size > 0 ? studied() : null;
  if (kind !== null && OUT_OF_EDUCATION_KINDS.includes(kind)) return obtained();
  if (kind === null) return c.studies.size > 0 || c.nths.size > 0 ? studied() : obtained();
  return null;
}

/** What the young person studies in: a CAP year, else the school year said. */
function schoolYearOf(c: Collected, allowed: readonly SchoolYear[], inLyceePro = false): SchoolYear | null | 'many' {
  const said = new Set([...c.years].filter((y) => allowed.includes(y)));
  const y = single(said);
  if (y !== null) return y;
  const nth = single(c.nths);
  // In a lycée pro, "première année" is a CAP's year: the bac pro's classes are said by name ("en première").
  const studyingCap = c.diplomas.has('cap') || c.diplomas.has('bep') || inLyceePro;
  return studyingCap && (nth === 1 || nth === 2) ? (nth === 1 ? 'cap_1' : 'cap_2') : null;
}

/** "autre : je fais du sport-études" -> the words after the label. */
function otherDetail(cleaned: string): string | null {
  const rest = cleaned.replace(/^\s*(?:autres?|others?)(?:\s+chose|\s+thing)?\s*[:,;.\-–—)]*\s*/iu, '').trim();
  return rest === '' ? null : rest.slice(0, MAX_DETAIL_LENGTH);
}

/**
 * Reads what the young person does now: "en 3eme", "1ère pro", "terminale STMG", "en
 * BTS", "2e année de licence", "chui o chomage", "je bosse", "rien", a SITUATIONS code.
 * Two incompatible situations ("je travaille et je suis étudiant") are 'ambiguous':
 * the dialog asks again with buttons rather than guess.
 */
export function parseSituation(text: string, lang: Lang, options: SituationOptions = {}): ParseResult<ParsedSituation, SituationFailure> {
  void lang; // Both languages' words are accepted whatever the conversation language.
  try {
    const cleaned = cleanText(text);
    const words = situationWords(cleaned);
    if (words.length === 0) return fail('not_understood');

    const code = cleaned.toLowerCase();
    if (includes(SITUATIONS, code)) return ok({ kind: code, schoolYear: null, diplomaLevel: null, detail: null });
    if (OTHER_WORDS.has(words[0]!)) return ok({ kind: 'autre', schoolYear: null, diplomaLevel: null, detail: otherDetail(cleaned) });

    const c = collect(words);
    const { kinds, lyceeSaid, years, diplomas, studies, tracks } = c;
    const collegeYears = new Set([...years].filter((y) => COLLEGE_YEARS.includes(y)));
    const lyceeYears = new Set([...years].filter((y) => LYCEE_YEARS.includes(y)));

    // Apprentices also study and work: the other words describe their apprenticeship.
    if (kinds.has('apprenti')) {
      for (const k of ['etudiant', 'en_emploi', 'lycee_general', 'lycee_techno', 'lycee_pro', 'college'] as const) kinds.delete(k);
    } else {
      const explicitLycee = (Object.entries(LYCEE_KINDS) as [Track, Situation][]).filter(([, k]) => kinds.has(k));
      const lyceeContext = lyceeSaid || lyceeYears.size > 0 || explicitLycee.length > 0;
      if (lyceeContext) {
        // "terminale bac pro", "1ère année de CAP": the diploma prepared gives the track.
        const hinted = [...diplomas].flatMap((d) => {
          const k = DIPLOMAS[d].kind;
          return (Object.entries(LYCEE_KINDS) as [Track, Situation][]).filter(([, lk]) => lk === k).map(([t]) => t);
        });
        const trackSet = new Set<Track>([...tracks, ...explicitLycee.map(([t]) => t), ...hinted]);
        for (const [, k] of explicitLycee) kinds.delete(k);
        // Said twice differently ("1ère pro, avant en générale"): ask rather than pick.
        if (trackSet.size > 1) return fail('ambiguous');
        kinds.add(LYCEE_KINDS[single(trackSet) as Track | null ?? 'general']);
      }
      if (collegeYears.size > 0) kinds.add('college');
    }

    // With no situation word, what is being studied says it: "en BTS", "en L2", "en CAP";
    // not when it is the training an apprenticeship is sought for ("cherche une alternance en BTS").
    if (kinds.size === 0 && !c.seek && !c.dropout) {
      for (const d of diplomas) {
        const k = DIPLOMAS[d].kind;
        if (k) kinds.add(k);
      }
      if (studies.size > 0) kinds.add('etudiant');
    }
    // A course quit, then a present activity ("dropped out of uni, now I work in a warehouse"): the activity.
    if (c.dropout && kinds.size === 0 && !c.seek) kinds.add('neet');
    // Odd jobs now and then, nothing stable: not in employment ("des missions d'intérim de temps en temps").
    if (c.occasional && kinds.has('en_emploi')) { kinds.delete('en_emploi'); kinds.add('neet'); }
    if (c.occasional && kinds.size === 0 && !c.seek && !c.seekWork) kinds.add('neet');
    if (c.seekWork && [...kinds].every((k) => k === 'neet')) kinds.add('recherche_emploi');
    // Looking for work is the more useful half of "je fais rien, je cherche du travail".
    if (kinds.has('recherche_emploi')) kinds.delete('neet');
    if (kinds.size === 0) {
      // "Je cherche une alternance" answers the situation question; elsewhere it is a need.
      if (c.seek && (options.seekingIsSituation ?? true)) kinds.add('recherche_emploi');
      // "plus au lycée, j'ai arrêté" is out of education; "not a student anymore" alone says what it is not.
      else if (c.left && c.quit) kinds.add('neet');
      else if (c.left || (c.ukYear && c.years.size === 0)) return fail('ambiguous');
    }

    const kind = single(kinds);
    if (kind === null) return fail('not_understood');
    if (kind === 'many') return fail('ambiguous');

    let schoolYear: SchoolYear | null = null;
    if (kind === 'college' || SCHOOL_AND_APPRENTICE_KINDS.includes(kind)) {
      const y = schoolYearOf(c, kind === 'college' ? COLLEGE_YEARS : [...LYCEE_YEARS, 'cap_1', 'cap_2']);
      if (y === 'many') return fail('ambiguous');
      schoolYear = y;
      // "CAP électricité première année": the year of a CAP, not the lycée's première.
      if (kind === 'lycee_pro' && words.includes('cap') && (schoolYear === 'premiere' || schoolYear === null)) {
        const key = ` ${words.join(' ')} `;
        if (/ (?:premiere|1ere|1re|1er) annee /u.test(key)) schoolYear = 'cap_1';
        else if (/ (?:deuxieme|2eme|2e|2nde|seconde) annee /u.test(key)) schoolYear = 'cap_2';
      }
    }
    const diplomaLevel = levelFor(kind, c);

    const detail = kind === 'autre' ? cleaned.slice(0, MAX_DETAIL_LENGTH) : null;
    return ok({ kind, schoolYear, diplomaLevel, detail });
  } catch {
    return fail('not_understood');
  }
}

const STATE_CUES = compilePhrases<true>([[true, lexicon.state_cues]]);

/**
 * Whether the message states what the young person does ("je suis…", "I work…", "en
 * fait…"), as needed to read a situation in the answer to another question: "alternance"
 * answering the needs question is a need, "je suis en alternance" a situation.
 */
export function statesSituation(text: string): boolean {
  try {
    return matchPhrases(situationWords(cleanText(text)), STATE_CUES).length > 0;
  } catch {
    return false;
  }
}

export interface SituationOptions {
  /**
   * Whether "je cherche une alternance" is a situation (job seeker, as the answer to the
   * situation question) or only a need (in an opening, next to another activity). Default true.
   */
  seekingIsSituation?: boolean;
}

/**
 * Whether the message names a kind of situation or a track ("pro", "fac", "au chômage",
 * "je bosse"), not only a class or a diploma ("première" alone is a lycée class of the
 * default track; "un BTS" answering the diploma question is a level).
 */
export function namesSituationKind(text: string): boolean {
  try {
    const c = collect(situationWords(cleanText(text)));
    return c.kinds.size > 0 || c.tracks.size > 0;
  } catch {
    return false;
  }
}

const NO_DIPLOMA = new Set(['aucun', 'aucune', 'rien', 'rien du tout', 'aucun diplome', 'none', 'nothing', 'no', 'non', 'pas de diplome', 'nada', 'zero']);

export interface ParsedLevel {
  schoolYear: SchoolYear | null;
  diplomaLevel: DiplomaLevel | null;
}

/**
 * Reads only a class or diploma level ("seconde", "3e", "L2", "bac+2", "2e année",
 * "sans diplôme", a SCHOOL_YEARS or DIPLOMA_LEVELS code), for the follow-up question once
 * the situation is known. `kind` decides whether "BTS" means the level being studied
 * (students: unknown year, null) or obtained (job seekers: bac_plus_2).
 */
export function parseLevel(text: string, kind: Situation | null = null): ParseResult<ParsedLevel, 'not_understood'> {
  try {
    const cleaned = cleanText(text);
    const code = cleaned.toLowerCase();
    if (includes(SCHOOL_YEARS, code)) return ok({ schoolYear: code, diplomaLevel: null });
    if (includes(DIPLOMA_LEVELS, code)) return ok({ schoolYear: null, diplomaLevel: code });
    const words = situationWords(cleaned);
    if (words.length === 0) return fail('not_understood');
    // "aucun", "rien du tout" answering the diploma question of someone out of school.
    if (kind !== null && OUT_OF_EDUCATION_KINDS.includes(kind) && NO_DIPLOMA.has(words.join(' '))) return ok({ schoolYear: null, diplomaLevel: 'none' });
    const c = collect(words);
    const inSchool = kind === null || kind === 'college' || SCHOOL_AND_APPRENTICE_KINDS.includes(kind);
    const y = inSchool ? schoolYearOf(c, SCHOOL_YEARS, kind === 'lycee_pro') : null;
    const schoolYear = y === 'many' ? null : y;
    const diplomaLevel = levelFor(kind, c);
    if (schoolYear === null && diplomaLevel === null) return fail('not_understood');
    return ok({ schoolYear, diplomaLevel });
  } catch {
    return fail('not_understood');
  }
}
