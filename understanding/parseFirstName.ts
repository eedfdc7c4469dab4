import { cleanText, fail, ok, type ParseResult } from './text';

export type FirstNameFailure = 'empty' | 'not_a_name' | 'too_long';

export const MAX_FIRST_NAME_LENGTH = 60;
/** "Marie Anne Sophie Louise" is a name; five words is a sentence. */
const MAX_NAME_WORDS = 4;

/**
 * Openings people type before their name. Matched on a folded copy of the message
 * (lowercase, no accents, apostrophe optional), so "Je m’apelle" works too.
 */
const GREETINGS = ['salut', 'bonjour', 'bonsoir', 'coucou', 'hello', 'hi', 'hey', 'yo', 'wesh', 'slt', 'bjr', 'cc', 'euh', 'alors', 'ok', 'okay', 'oui', 'yes', 'well', 'so'];
const LEAD_INS = [
  "je m'appelle", "je m'apelle", "je m'appel", "je m'apel", "jm'appelle", "jm'apelle", "jmappelle", "jmapelle", "j'm'appelle",
  "on m'appelle", "tu peux m'appeler", "vous pouvez m'appeler", "appelle-moi", "appelez-moi",
  "mon prenom c'est", "mon prenom est", "mon prenom", "prenom", "mon nom c'est", "mon nom est", "mon nom",
  "moi c'est", "moi cest", "c'est", "cest", "je suis", "moi",
  "my name is", "my name's", "my first name is", "my first name's", "first name", "name is", "name",
  "call me", "you can call me", "i'm", "im", "i am", "it's", "its", "this is",
];

/** Words that show the message is a sentence, not a name ("je sais pas", "ok merci"). */
const NOT_NAME_WORDS = new Set([
  'je', 'j', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'me', 'te', 'se', 'moi', 'toi',
  'le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'd', 'l', 'au', 'aux', 'et', 'ou', 'mais', 'donc',
  'est', 'suis', 'es', 'sont', 'ai', 'as', 'a', 'ont', 'veux', 'voudrais', 'sais', 'pas', 'ne', 'n', 'non', 'oui', 'ouais',
  'merci', 'bonjour', 'salut', 'coucou', 'ok', 'daccord', 'quoi', 'pourquoi', 'comment', 'qui', 'que', 'rien', 'aide', 'mentor',
  'prenom', 'nom', 'appelle', 'age', 'ans',
  'i', 'you', 'he', 'she', 'we', 'they', 'the', 'an', 'is', 'am', 'are', 'my', 'your', 'not', 'no', 'yes', 'want',
  'dont', 'don', 't', 'know', 'what', 'why', 'how', 'who', 'hello', 'hi', 'thanks', 'thank', 'please', 'name', 'help', 'idk', 'jsp', 'lol', 'mdr',
  'test', 'null', 'undefined', 'anonyme', 'anonymous',
]);

/** Lowercase, no accents: one output code point per input code point, so indices line up. */
function foldCodePoints(points: readonly string[]): string[] {
  return points.map((p) => {
    const f = p.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    return f.length === 0 ? p : Array.from(f)[0]!;
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phraseSource(p: string): string {
  return p
    .split(/([' -])/)
    .map((part) => (part === "'" ? "'? ?" : part === ' ' || part === '-' ? '[ -]?' : escapeRegExp(part)))
    .join('');
}

const GREETING_RE = new RegExp(`^(?:${GREETINGS.map(phraseSource).join('|')})(?![\\p{L}\\p{N}])[ ,!.:;-]*`, 'u');
const LEAD_IN_RE = new RegExp(
  `^(?:${[...LEAD_INS].sort((a, b) => b.length - a.length).map(phraseSource).join('|')})(?![\\p{L}\\p{N}])[ ,!.:;=-]*`,
  'u',
);

/** Only letters (any script), with single spaces, hyphens or apostrophes between them. */
const NAME_SHAPE = /^[\p{L}\p{M}]+(?:[ '-][\p{L}\p{M}]+)*$/u;

function capitalizeWord(w: string): string {
  const [first = '', ...rest] = Array.from(w);
  return first.toLocaleUpperCase('fr') + rest.join('').toLocaleLowerCase('fr');
}

/** Title case only when the user did not choose a case ("inès", "KARIM"); "McKenzie" is kept. */
function capitalizeName(name: string): string {
  const lower = name.toLocaleLowerCase('fr');
  const upper = name.toLocaleUpperCase('fr');
  if (name !== lower && name !== upper) {
    const [first = '', ...rest] = Array.from(name);
    return first.toLocaleUpperCase('fr') + rest.join('');
  }
  return name
    .split(/([ '-])/)
    .map((part) => (part === ' ' || part === "'" || part === '-' ? part : capitalizeWord(part)))
    .join('');
}

/**
 * Extracts a first name from "Inès", "je m'appelle Inès", "moi c'est Karim", "my name is
 * Sam", "Jean-Baptiste", "N'Golo", "Zoé Marie". Refuses anything carrying more than a
 * name (digits, URLs, e-mails, markup, emoji only, sentences).
 */
export function parseFirstName(text: string): ParseResult<string, FirstNameFailure> {
  try {
    if (typeof text !== 'string' || text.trim() === '') return fail('empty');
    // Markup, links and addresses are never names, even once cleaned.
    if (/<\/?[a-z!][^<>]{0,200}>|&[a-z]{2,8};|&#/i.test(text.slice(0, 4000))) return fail('not_a_name');
    const cleaned = cleanText(text);
    if (cleaned === '') return fail('empty');
    if (/@|:\/\/|\bwww\.|\.(?:com|fr|net|org|io|be|ch)\b/i.test(cleaned)) return fail('not_a_name');

    const points = Array.from(cleaned);
    const folded = foldCodePoints(points).join('');
    // Folding keeps one character per code point, so a prefix length in `folded`
    // is also a prefix length in code points of the original.
    let skip = 0;
    for (let round = 0; round < 4; round++) {
      const rest = Array.from(folded).slice(skip).join('');
      const m = GREETING_RE.exec(rest) ?? LEAD_IN_RE.exec(rest);
      if (!m || m[0].length === 0) break;
      skip += Array.from(m[0]).length;
    }
    let candidate = points.slice(skip).join('');
    // "Inès, 17 ans", "Karim et toi ?", "Sam :)" -> stop at the first clause break.
    candidate = candidate.split(/[,.!?;:()[\]{}"\n]| (?:et|and|mais|but) /u)[0] ?? '';
    // Digits glued to the name ("Inès2008") are a handle, not a name; checked before trimming.
    if (/\p{N}/u.test(candidate)) return fail('not_a_name');
    candidate = candidate.replace(/[^\p{L}\p{M}]+$/u, '').replace(/^[^\p{L}\p{M}]+/u, '').replace(/ +/g, ' ').trim();

    if (candidate === '') return fail('not_a_name');
    if (/\p{N}/u.test(candidate)) return fail('not_a_name');
    if (!NAME_SHAPE.test(candidate)) return fail('not_a_name');
    if (Array.from(candidate).length > MAX_FIRST_NAME_LENGTH) return fail('too_long');
    const words = candidate.split(/[ ]/);
    if (words.length > MAX_NAME_WORDS) return fail('not_a_name');
    const foldedWords = foldCodePoints(Array.from(candidate)).join('').split(/[ -]/);
    if (foldedWords.some((w) => NOT_NAME_WORDS.has(w))) return fail('not_a_name');
    if (Array.from(candidate.replace(/[ '-]/g, '')).length < 2) return fail('not_a_name');
    return ok(capitalizeName(candidate));
  } catch {
    return fail('not_a_name');
  }
}

/** Introductions that say a name follows, wherever they are in a sentence. */
const INTRODUCTIONS = [
  "je m'appelle", "je m'apelle", "je m'appel", "je m'apel", "jm'appelle", "jm'apelle", "jmappelle", "jmapelle", "j'm'appelle",
  "on m'appelle", "mon prenom c'est", "mon prenom est", "mon prenom c", "moi c'est", "moi cest", "moi c",
  "my name is", "my name's", "my first name is", "call me", "names", "name's",
];
const INTRODUCTION_RE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:${[...INTRODUCTIONS].sort((a, b) => b.length - a.length).map(phraseSource).join('|')})[ ,:=-]+([\\p{L}\\p{M}]+(?:[-'][\\p{L}\\p{M}]+)*)`,
  'u',
);

/**
 * A first name introduced inside a longer message ("slt moi c yanis, 19 ans", "Hi, my name
 * is Sam and I'm 16"): the one word after an introduction, or null.
 */
export function findIntroducedName(text: string): string | null {
  try {
    const cleaned = cleanText(text);
    const points = Array.from(cleaned);
    const folded = foldCodePoints(points).join('');
    const m = INTRODUCTION_RE.exec(folded);
    if (!m || m[1] === undefined) return null;
    // Folding keeps one code point per code point: the same span in the original keeps accents.
    const start = Array.from(folded.slice(0, m.index + m[0].length - m[1].length)).length;
    const word = points.slice(start, start + Array.from(m[1]).length).join('');
    const r = parseFirstName(word);
    return r.ok ? r.value : null;
  } catch {
    return null;
  }
}
