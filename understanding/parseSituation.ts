import {
  DIPLOMA_LEVELS, SCHOOL_YEARS, SITUATIONS,
  type DiplomaLevel, type Lang, type SchoolYear, type Situation,
} from '../intake/vocabulary';
import lexicon from './lexicons/situations.json';
import { compilePhrases, matchPhrases } from './matchPhrases';
import { cleanText, fail, normalize, ok, tokenize, type ParseResult } from './text';

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
  | { t: 'ignore' };

interface DiplomaInfo { kind: Situation | null; obtained: DiplomaLevel; yearBase: number | null }
const DIPLOMAS = lexicon.diplomas as Record<DiplomaId, DiplomaInfo>;

const includes = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

function toTag(key: string): Tag | null {
  if (key === 'ignore') return { t: 'ignore' };
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

const TABLE = compilePhrases(
  Object.entries(lexicon.phrases).flatMap(([key, phrases]) => {
    const tag = toTag(key);
    return tag ? [[tag, phrases] as const] : [];
  }),
);

const COLLEGE_YEARS: readonly SchoolYear[] = ['6e', '5e', '4e', '3e'];
const LYCEE_YEARS: readonly SchoolYear[] = ['seconde', 'premiere', 'terminale'];
const LYCEE_KINDS: Record<Track, Situation> = { general: 'lycee_general', techno: 'lycee_techno', pro: 'lycee_pro' };
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
export function parseSituation(text: string, lang: Lang): ParseResult<ParsedSituation, SituationFailure> {
  void lang; // Both languages' words are accepted whatever the conversation language.
  try {
    const cleaned = cleanText(text);
    const words = tokenize(normalize(cleaned));
    if (words.length === 0) return fail('not_understood');

    const code = cleaned.toLowerCase();
    if (includes(SITUATIONS, code)) return ok({ kind: code, schoolYear: null, diplomaLevel: null, detail: null });
    if (OTHER_WORDS.has(words[0]!)) return ok({ kind: 'autre', schoolYear: null, diplomaLevel: null, detail: otherDetail(cleaned) });

    const kinds = new Set<Situation>();
    let lyceeSaid = false;
    const years = new Set<SchoolYear>();
    const nths = new Set<number>();
    const diplomas = new Set<DiplomaId>();
    const studies = new Set<DiplomaLevel>();
    const levels = new Set<DiplomaLevel>();
    const tracks = new Set<Track>();
    for (const m of matchPhrases(words, TABLE)) {
      if (m.negated) continue;
      const tag = m.value;
      switch (tag.t) {
        case 'kind': if (tag.v === 'lycee') lyceeSaid = true; else kinds.add(tag.v); break;
        case 'year': years.add(tag.v); break;
        case 'nth': nths.add(tag.v); break;
        case 'diploma': diplomas.add(tag.v); break;
        case 'study': studies.add(tag.v); break;
        case 'level': levels.add(tag.v); break;
        case 'track': tracks.add(tag.v); break;
        case 'ignore': break;
      }
    }

    const collegeYears = new Set([...years].filter((y) => COLLEGE_YEARS.includes(y)));
    const lyceeYears = new Set([...years].filter((y) => LYCEE_YEARS.includes(y)));
    const nth = single(nths);
    const studyingCap = diplomas.has('cap') || diplomas.has('bep');

    // Apprentices also study and work: the other words describe their apprenticeship.
    if (kinds.has('apprenti')) {
      for (const k of ['etudiant', 'en_emploi', 'lycee_general', 'lycee_techno', 'lycee_pro', 'college'] as const) kinds.delete(k);
    } else {
      const explicitLycee = (Object.entries(LYCEE_KINDS) as [Track, Situation][]).filter(([, k]) => kinds.has(k));
      const lyceeContext = lyceeSaid || lyceeYears.size > 0 || explicitLycee.length > 0;
      if (lyceeContext || (kinds.size === 0 && studyingCap && collegeYears.size === 0)) {
        const trackSet = new Set<Track>([...tracks, ...explicitLycee.map(([t]) => t)]);
        if (studyingCap) trackSet.add('pro');
        for (const [, k] of explicitLycee) kinds.delete(k);
        // Said twice differently ("1ère pro, avant en générale"): ask rather than pick.
        if (trackSet.size > 1) return fail('ambiguous');
        kinds.add(LYCEE_KINDS[single(trackSet) as Track | null ?? 'general']);
      }
      if (collegeYears.size > 0) kinds.add('college');
    }

    // With no situation word, what is being studied says it: "en BTS", "en L2", "en CAP".
    if (kinds.size === 0) {
      for (const d of diplomas) {
        const k = DIPLOMAS[d].kind;
        if (k) kinds.add(k);
      }
      if (studies.size > 0) kinds.add('etudiant');
    }
    // Looking for work is the more useful half of "je fais rien, je cherche du travail".
    if (kinds.has('recherche_emploi')) kinds.delete('neet');

    const kind = single(kinds);
    if (kind === null) return fail('not_understood');
    if (kind === 'many') return fail('ambiguous');

    let schoolYear: SchoolYear | null = null;
    if (kind === 'college') {
      const y = single(collegeYears);
      if (y === 'many') return fail('ambiguous');
      schoolYear = y;
    } else if (kind === 'lycee_general' || kind === 'lycee_techno' || kind === 'lycee_pro' || kind === 'apprenti') {
      const y = single(lyceeYears);
      if (y === 'many') return fail('ambiguous');
      schoolYear = y;
      if (y === null && studyingCap && (nth === 1 || nth === 2)) schoolYear = nth === 1 ? 'cap_1' : 'cap_2';
    }

    const higherEd = [...diplomas].filter((d) => DIPLOMAS[d].yearBase !== null);
    let diplomaLevel: DiplomaLevel | null = null;
    if (kind === 'etudiant' || (kind === 'apprenti' && (higherEd.length > 0 || studies.size > 0 || levels.size > 0))) {
      const base = higherEd.length === 1 ? DIPLOMAS[higherEd[0]!].yearBase! : higherEd.length === 0 ? 0 : null;
      diplomaLevel =
        highest(studies) ??
        highest(levels) ??
        (typeof nth === 'number' && base !== null ? levelFromYears(base + nth) : null);
    } else if (kind === 'recherche_emploi' || kind === 'en_emploi' || kind === 'neet' || kind === 'autre') {
      diplomaLevel = highest([...levels, ...studies, ...[...diplomas].map((d) => DIPLOMAS[d].obtained)]);
    }

    const detail = kind === 'autre' ? cleaned.slice(0, MAX_DETAIL_LENGTH) : null;
    return ok({ kind, schoolYear, diplomaLevel, detail });
  } catch {
    return fail('not_understood');
  }
}
