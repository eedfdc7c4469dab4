import lexicon from './lexicons/texting.json';

const FRENCH_NEGATIONS = new Set(['pas', 'pa', 'plus', 'jamais', 'rien', 'personne', 'aucun', 'aucune', 'que', 'guere', 'ni']);
const WORDS = new Map<string, string[]>(Object.entries(lexicon.words).map(([k, v]) => [k, v.split(' ')]));

/**
 * Expands SMS spellings word by word ("jsuis" -> "je suis", "g" -> "j ai", "o" -> "au") so
 * the phrase lexicons, written in plain words, read texting too. Linear; for the situation
 * and needs parsers only (names and places are never expanded).
 */
export function expandTexting(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // "n" is the French "n'" only before pas/plus/jamais…; elsewhere it is the texting "and" ("19 n unemployed").
    if (w === 'n' && !words.slice(i + 1, i + 4).some((x) => FRENCH_NEGATIONS.has(x))) { out.push('and'); continue; }
    const e = WORDS.get(w);
    if (e) out.push(...e);
    else out.push(w);
  }
  return out;
}
