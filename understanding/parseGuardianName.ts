import lexicon from './lexicons/guardians.json';
import { cleanText, fail, normalize, ok, type ParseResult } from './text';

const MAX_LENGTH = 120;

/** A word folded for comparison: lowercase, letters only ("Belle-Mère" -> "bellemere", "s'appelle" -> "sappelle"). */
const fold = (w: string): string => normalize(w).replace(/[^\p{L}\p{N}]+/gu, '');
const PHRASES = [...lexicon.relations, ...lexicon.leadIns].map((p) => p.split(' ').map(fold)).sort((a, b) => b.length - a.length);
/** The noun of each relation ("ma belle-mère" -> "bellemere", "my legal guardian" -> "guardian"). */
const RELATION_NOUNS = new Set(lexicon.relations.map((p) => fold(p.split(' ').at(-1)!)).filter((w) => w.length > 2));
/** Words that may stand between the name and the relation said after it: "Sandrine Lefort, sa mère", "Paul Martin (his dad)". */
const TAIL_LINKS = new Set(lexicon.tailLinks.map(fold));

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
    // The relation said after the name is not part of it: "Sandrine Lefort, sa mère",
    // "Karim Haddad c'est mon père", "Jane Doe my mum". Cut at the first word that begins it.
    let end = words.length;
    for (let i = start + 1; i < words.length; i++) {
      let j = i;
      while (j < words.length && j - i < 3 && TAIL_LINKS.has(folded[j]!)) j++;
      if (j < words.length && RELATION_NOUNS.has(folded[j]!)) { end = i; break; }
    }
    const name = words.slice(start, end).join(' ').trim().slice(0, MAX_LENGTH);
    if (!/\p{L}.*\p{L}/u.test(name)) return fail('not_a_name');
    return ok(name);
  } catch {
    return fail('not_a_name');
  }
}
