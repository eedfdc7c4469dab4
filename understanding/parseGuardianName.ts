import lexicon from './lexicons/guardians.json';
import { cleanText, fail, normalize, ok, type ParseResult } from './text';

const MAX_LENGTH = 120;

/** A word folded for comparison: lowercase, letters only ("Belle-Mère" -> "bellemere", "s'appelle" -> "sappelle"). */
const fold = (w: string): string => normalize(w).replace(/[^\p{L}\p{N}]+/gu, '');
const PHRASES = [...lexicon.relations, ...lexicon.leadIns].map((p) => p.split(' ').map(fold)).sort((a, b) => b.length - a.length);

/**
 * The name of the parent who consents, without the words around it: "ma mère Nadia
 * Benali" -> "Nadia Benali", "my dad, Paul Martin" -> "Paul Martin", "c'est mon père,
 * Karim" -> "Karim". Refuses what cannot be a name (digits, addresses, markup).
 */
export function parseGuardianName(text: string): ParseResult<string, 'not_a_name'> {
  try {
    if (typeof text !== 'string' || /<\/?[a-z!][^<>]{0,200}>/i.test(text.slice(0, 4000))) return fail('not_a_name');
    const cleaned = cleanText(text).slice(0, 1000);
    if (/[@\d<>]/.test(cleaned)) return fail('not_a_name');
    // Words as typed, each with its folded form, so the name keeps its accents and case.
    const words = cleaned.split(/[^\p{L}\p{M}'-]+/u).filter(Boolean);
    const folded = words.map(fold);
    let start = 0;
    for (let round = 0; round < 6 && start < words.length; round++) {
      const phrase = PHRASES.find((p) => p.every((w, i) => folded[start + i] === w));
      if (!phrase) break;
      start += phrase.length;
    }
    const name = words.slice(start).join(' ').trim().slice(0, MAX_LENGTH);
    if (!/\p{L}.*\p{L}/u.test(name)) return fail('not_a_name');
    return ok(name);
  } catch {
    return fail('not_a_name');
  }
}
