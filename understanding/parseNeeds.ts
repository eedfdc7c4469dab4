import { NEEDS, type Lang, type Need } from '../intake/vocabulary';
import lexicon from './lexicons/needs.json';
import { compilePhrases, lexiconGroups, matchPhrases } from './matchPhrases';
import { cleanText, fail, normalize, ok, tokenize, type ParseResult } from './text';

export interface ParsedNeeds {
  /** In the order they were mentioned, without repeats; never empty. */
  needs: Need[];
  /** What follows "autre :" (max 300 characters), when needs includes 'other'. */
  other: string | null;
}

/** Same limit as needsOther in MentoringRequest. */
const MAX_OTHER_LENGTH = 300;

const TABLE = compilePhrases<Need | 'ignore'>([
  ...lexiconGroups(lexicon.phrases, NEEDS),
  ['ignore', lexicon.phrases.ignore],
]);

// Finds "autre : xxx" anywhere ("orientation, autre : apprendre le japonais"). The label
// must be followed by a colon or dash so "une autre école" is not mistaken for it.
const OTHER_LABEL = /(?:^|[\s,;(])(?:autres?|others?)(?:\s+chose|\s+thing)?\s{0,3}[:\-–—=]\s{0,3}/iu;
const OTHER_FIRST = /^(?:autres?|others?)(?:\s+chose|\s+thing)?(?![\p{L}\p{N}])[\s:,;.\-–—=]*/iu;

/** The "autre : xxx" label: where the young person's own words start, and those words. */
function findOther(cleaned: string): { labelStart: number; text: string | null } | null {
  const label = OTHER_FIRST.exec(cleaned) ?? OTHER_LABEL.exec(cleaned);
  if (!label) return null;
  const rest = cleaned.slice(label.index + label[0].length).trim();
  return { labelStart: label.index, text: rest === '' ? null : rest.slice(0, MAX_OTHER_LENGTH) };
}

/**
 * Reads one or several needs: "orientation et confiance en moi", "jsp quoi faire après le
 * bac", "en galère pour trouver un stage", a NEEDS code, "autre : xxx". Numbered list
 * answers ("1,2") belong to the dialog's choice handling, not here.
 */
export function parseNeeds(text: string, lang: Lang): ParseResult<ParsedNeeds, 'not_understood'> {
  void lang; // Both languages' words are accepted whatever the conversation language.
  try {
    const cleaned = cleanText(text);
    const words = tokenize(normalize(cleaned));
    if (words.length === 0) return fail('not_understood');

    const other = findOther(cleaned);
    // Words after "autre :" are the young person's own, not more needs to detect.
    const scanned = other ? tokenize(normalize(cleaned.slice(0, other.labelStart))) : words;
    const needs: Need[] = [];
    const add = (n: Need) => { if (!needs.includes(n)) needs.push(n); };
    for (const m of matchPhrases(scanned, TABLE)) {
      if (m.value !== 'ignore') add(m.value);
    }
    if (other) add('other');
    if (needs.length === 0) return fail('not_understood');
    return ok({ needs, other: other?.text ?? null });
  } catch {
    return fail('not_understood');
  }
}
