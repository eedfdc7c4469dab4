import type { Lang } from '../intake/vocabulary';
import { normalize, tokenize } from './text';

/**
 * Frequent words of one language that are not words of the other. Words both share
 * or that cross over in chat ("a", "on", "me", "ok", "no", "en", "or", "est") are left out.
 */
const FRENCH = new Set([
  'le', 'la', 'les', 'des', 'du', 'un', 'une', 'et', 'je', 'j', 'tu', 'il', 'elle', 'nous', 'vous', 'ils', 'elles', 'suis', 'es', 'sont',
  'ai', 'as', 'avons', 'avez', 'ont', 'pas', 'ne', 'que', 'qui', 'quoi', 'pour', 'avec', 'dans', 'sur', 'mon', 'ma', 'mes', 'ton', 'ta',
  'tes', 'ce', 'cette', 'ces', 'c', 'est', 'au', 'aux', 'mais', 'ou', 'donc', 'oui', 'non', 'merci', 'bonjour', 'bonsoir', 'salut',
  'coucou', 'veux', 'voudrais', 'besoin', 'aide', 'suis', 'fais', 'fait', 'comment', 'pourquoi', 'quand', 'aussi', 'tres', 'bien',
  'ans', 'moi', 'toi', 'mentor', 'mentore', 'cherche', 'chercher', 'trouver', 'travail', 'ecole', 'lycee', 'college', 'etudes', 'stage',
  'ouais', 'nan', 'jsp', 'stp', 'svp', 'mdr', 'chui', 'jai', 'cest', 'sais', 'peux', 'faire', 'apres', 'd', 'l', 'qu', 'n', 'y', 'de',
]);
const ENGLISH = new Set([
  'the', 'and', 'i', 'you', 'he', 'she', 'we', 'they', 'is', 'are', 'am', 'was', 'were', 'not', 'to', 'of', 'for', 'with', 'my', 'your',
  'this', 'that', 'it', 'its', 'yes', 'yeah', 'thanks', 'thank', 'hello', 'hi', 'hey', 'do', 'does', 'don', 'didn', 'what', 'how', 'why',
  'when', 'want', 'need', 'help', 'looking', 'find', 'job', 'school', 'work', 'have', 'has', 'can', 'could', 'would', 'please', 'be',
  'old', 'years', 'from', 'about', 'because', 'but', 'so', 'if', 'will', 'just', 'get', 'like', 'know', 'im', 'dont', 'there', 'some',
  'an', 'at', 'by', 'in', 'of', 'm', 's', 't', 'll', 've', 'mentoring', 'university', 'student', 'english',
]);
/** Greetings and answers that settle the question on their own. */
const STRONG_FRENCH = new Set(['bonjour', 'bonsoir', 'salut', 'coucou', 'merci', 'oui', 'ouais', 'francais', 'jsp', 'chui', 'stp', 'svp', 'bjr', 'slt', 'bsr', 'wesh', 'mrc', 'jsuis', 'jsais', 'chuis', 'tkt', 'ptdr', 'daccord']);
const STRONG_ENGLISH = new Set(['hello', 'thanks', 'yes', 'yeah', 'english', 'please', 'the', 'thx', 'pls', 'plz', 'idk', 'hiya', 'wanna', 'gonna']);

/** Each side needs this many hits more than the other, and twice as many. */
const MIN_LEAD = 2;
const WORDS_LOOKED_AT = 200;

/**
 * Guesses whether a message is French or English from common words and French accents.
 * Conservative: null for short, mixed or unknown text, so the conversation keeps its
 * current language unless the evidence is clear.
 */
export function detectLanguage(text: string): Lang | null {
  try {
    const lower = typeof text === 'string' ? text.slice(0, 4000).toLowerCase() : '';
    const words = tokenize(normalize(text)).slice(0, WORDS_LOOKED_AT);
    if (words.length === 0) return null;
    let fr = 0;
    let en = 0;
    for (const w of words) {
      if (STRONG_FRENCH.has(w)) fr += 2;
      else if (FRENCH.has(w)) fr += 1;
      if (STRONG_ENGLISH.has(w)) en += 2;
      else if (ENGLISH.has(w)) en += 1;
    }
    // Accented letters are French evidence English text rarely carries.
    if (/[éèêàùçœîôûë]/.test(lower)) fr += 1;
    if (fr >= MIN_LEAD && fr >= 2 * en && fr - en >= MIN_LEAD) return 'fr';
    if (en >= MIN_LEAD && en >= 2 * fr && en - fr >= MIN_LEAD) return 'en';
    return null;
  } catch {
    return null;
  }
}
