import { normalize, tokenize } from './text';

/** Words that may surround button numbers: "le 2", "1 et 3", "2 and 5", "options 1, 4". */
const LINK_WORDS = new Set([
  'et', 'and', 'ou', 'or', 'le', 'la', 'les', 'l', 'the', 'numero', 'num', 'no', 'n', 'number', 'choix', 'choice', 'option', 'options',
  'puis', 'then', 'plus', 'aussi', 'also', 'too', 'with', 'avec', 'reponse', 'answer',
]);

/**
 * The button numbers a message picks when it says nothing else ("1 et 3", "le 2", "2 and
 * 5"): 1-based positions within `count`, in order, without repeats; null when the message
 * holds anything else or a number out of range.
 */
export function parseNumberedChoices(text: string, count: number): number[] | null {
  const words = tokenize(normalize(text));
  if (words.length === 0 || words.length > 12) return null;
  const picked: number[] = [];
  for (const w of words) {
    if (LINK_WORDS.has(w)) continue;
    if (!/^\d{1,2}$/.test(w)) return null;
    const n = Number(w);
    if (n < 1 || n > count) return null;
    if (!picked.includes(n)) picked.push(n);
  }
  return picked.length > 0 ? picked : null;
}
