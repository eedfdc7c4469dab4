import { CommuneIndex } from './places/CommuneIndex';
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
  "moi c'est", "moi cest", "moi ce", "moi c", "c'est", "cest", "je suis", "jsuis", "jsui", "moi", "c",
  "my name is", "my name's", "my first name is", "my first name's", "first name", "name is", "name",
  "call me", "you can call me", "i'm", "im", "i am", "it's", "its", "this is",
  // A parent answering for their child: "elle s'appelle Manon", "his name is Elias".
  "il s'appelle", "elle s'appelle", "il s'apelle", "elle s'apelle", "son prenom c'est", "son prenom est", "son prenom",
  "his name is", "her name is", "his first name is", "her first name is", "he's called", "she's called", "he is called", "she is called",
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
  'pk', 'pq', 'pkoi', 'pourkoi', 'koi', 'kwa', 'hein', 'quoi', 'huh', 'what', 'wsh', 'wesh', 'slt', 'stp', 'svp', 'ptdr', 'xd',
  'nan', 'nop', 'yep', 'euh', 'bah', 'sorry', 'desole', 'desolee', 'pardon', 'oups', 'oops', 'excuse', 'excusez', 'attends',
  'wait', 'hmm', 'bon', 'alors', 'enfin', 'voila', 'genre', 'bref', 'ah', 'oh', 'eh', 'hey', 'yo', 'azerty', 'qwerty', 'asdf',
  'speak', 'parle', 'english', 'anglais', 'francais', 'french',
  // Nationalities: "I'm British, 20", "je suis Marocaine, 17 ans".
  'british', 'irish', 'scottish', 'welsh', 'american', 'canadian', 'australian', 'spanish', 'italian', 'german', 'portuguese', 'polish',
  'romanian', 'ukrainian', 'russian', 'moroccan', 'algerian', 'tunisian', 'senegalese', 'malian', 'ivorian', 'congolese', 'cameroonian',
  'guinean', 'nigerian', 'afghan', 'syrian', 'sudanese', 'eritrean', 'chinese', 'indian', 'pakistani', 'brazilian', 'turkish', 'belgian', 'swiss',
  'anglaise', 'francaise', 'irlandais', 'irlandaise', 'ecossais', 'ecossaise', 'americain', 'americaine', 'canadien', 'canadienne', 'espagnol',
  'espagnole', 'italien', 'italienne', 'allemand', 'allemande', 'portugais', 'portugaise', 'polonais', 'polonaise', 'roumain', 'roumaine',
  'ukrainien', 'ukrainienne', 'russe', 'marocain', 'marocaine', 'algerien', 'algerienne', 'tunisien', 'tunisienne', 'senegalais', 'senegalaise',
  'malien', 'malienne', 'ivoirien', 'ivoirienne', 'congolais', 'congolaise', 'camerounais', 'camerounaise', 'guineen', 'guineenne', 'afghan',
  'afghane', 'syrien', 'syrienne', 'soudanais', 'soudanaise', 'erythreen', 'erythreenne', 'chinois', 'chinoise', 'indien', 'indienne', 'turc',
  'turque', 'belge', 'suisse', 'bresilien', 'bresilienne', 'comorien', 'comorienne', 'mahorais', 'mahoraise', 'reunionnais', 'reunionnaise',
  // "c'est pour ma fille", "un truc": words of a sentence, never a name.
  'pour', 'ma', 'mon', 'mes', 'ta', 'ton', 'sa', 'son', 'fille', 'fils', 'truc', 'machin', 'chose', 'something', 'thing', 'stuff', 'nothing',
  'deux', 'trois', 'quatre', 'two', 'three', 'famille', 'family', 'ado', 'ados', 'jeune', 'jeunes', 'enfant', 'enfants', 'eleve', 'eleves',
  'garcon', 'kid', 'kids', 'child', 'children', 'teen', 'teenager', 'girl', 'boy', 'lyceen', 'lyceenne', 'collegien', 'collegienne',
  // Brands and apps people name when they mean something else ("je travaille chez Orange").
  'orange', 'nike', 'adidas', 'apple', 'google', 'samsung', 'iphone', 'instagram', 'insta', 'snapchat', 'snap', 'tiktok', 'facebook',
  'whatsapp', 'youtube', 'netflix', 'carrefour', 'mcdo', 'mcdonalds', 'amazon', 'lidl', 'auchan', 'sfr', 'bouygues', 'decathlon',
]);

/** Closing words that are not part of the name: "cest emma mdr", "Sam stp". */
const TRAILING_FILLERS = /(?:[ ,.!]+(?:mdr|lol|ptdr|xd|haha|hihi|stp|svp|please|merci|thanks|thx|voila|quoi))+[ .!]*$/iu;
/** Five consonants in a row is a keyboard mash ("asdfghjkl"), not a name. */
const MASH = /[bcdfghjklmnpqrstvwxz]{5}/;

/** "… mais tout le monde m'appelle Mai": the name the young person goes by wins. */
const PREFERRED = [
  "tout le monde m'appelle", "on m'appelle", "appelle-moi", "appelez-moi", "tu peux m'appeler", "vous pouvez m'appeler",
  'everyone calls me', 'people call me', 'call me', 'you can call me', "mes potes m'appellent", "mes amis m'appellent",
];

/**
 * Names that settle the question wherever they stand: the real name after a nickname ("on
 * m'appelle Bébou mais mon vrai prénom c'est Fatoumata"), and the child's name when a parent
 * or a worker writes ("je suis la maman de Léa", "mon fils s'appelle Adam", "her name is Jade").
 */
const REAL_NAME = ["mon vrai prenom c'est", 'mon vrai prenom est', 'mon vrai prenom', "mon vrai nom c'est", 'my real name is', 'my actual name is', 'my real name'];
/** "elle s'appelle Jade": the child's name only in a message about one's child (not "ma sœur s'appelle Lina"). */
const CHILD_CALLED = [
  "elle s'appelle", "il s'appelle", "elle s'apelle", "il s'apelle", "son prenom c'est", 'son prenom est', 'her name is', 'his name is',
  "she's called", "he's called", 'she is called', 'he is called',
];
const ABOUT_A_CHILD = /(?:^|[^\p{L}])(?:mon fils|ma fille|my son|my daughter|notre fils|notre fille|our son|our daughter|mon enfant|my child|mon petit fils|ma petite fille)(?![\p{L}])/u;
const CHILD_NAME = [
  'je suis la maman de', 'je suis la mere de', 'je suis le papa de', 'je suis le pere de', "c'est moi la maman de", "c'est la maman de",
  "je suis la maman d'", "je suis la mere d'", "je suis le papa d'", "je suis le pere d'", "c'est la maman d'",
  'je suis la grand-mere de', 'je suis le grand-pere de', 'je suis la tante de', "je suis l'oncle de", 'je suis la tutrice de', 'je suis le tuteur de',
  "je suis l'educatrice de", "je suis l'educateur de", 'je suis la referente de', 'je suis le referent de',
  "j'accompagne", "j'accompagne le jeune", "j'accompagne la jeune", 'je suis la referente de', 'je suis le referent de',
  "i'm the mother of", "i'm the father of", 'i am the mother of', 'i am the father of', "i'm the mum of", "i'm the mom of",
];

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

const REAL_NAME_RE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:${[...REAL_NAME].sort((a, b) => b.length - a.length).map(phraseSource).join('|')})[ ,:=-]+([\\p{L}\\p{M}]+(?:[-'][\\p{L}\\p{M}]+)*)`,
  'u',
);
/** "je suis la maman de Léa", "mon fils s'appelle Adam": the name of the young person a relative writes for. */
const CHILD_NAME_RE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:${[...CHILD_NAME].sort((a, b) => b.length - a.length).map(phraseSource).join('|')})[ ,:=-]*([\\p{L}\\p{M}]+(?:[-'][\\p{L}\\p{M}]+)*)`,
  'u',
);
const CHILD_CALLED_RE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:${[...CHILD_CALLED].sort((a, b) => b.length - a.length).map(phraseSource).join('|')})[ ,:=-]*([\\p{L}\\p{M}]+(?:[-'][\\p{L}\\p{M}]+)*)`,
  'u',
);
/** "mon fils Adam a 15 ans", "my daughter Jade is 14": a capitalised name right after the child. */
const CHILD_THEN_NAME_RE = /(?:^|[^\p{L}\p{N}])(?:mon fils|ma fille|my son|my daughter|notre fils|notre fille|our son|our daughter)[ ,]+(\p{Lu}[\p{L}\p{M}]+(?:[-'][\p{L}\p{M}]+)*)/u;

const PREFERRED_RE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:${[...PREFERRED].sort((a, b) => b.length - a.length).map(phraseSource).join('|')})[ ,:=-]+([\\p{L}\\p{M}]+(?:[-'][\\p{L}\\p{M}]+)*)`,
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
    // Answering the name question, "elle s'appelle Aya" is the name asked for.
    const settled = settledName(points, folded, true);
    if (settled) return ok(settled);
    // Folding keeps one character per code point, so a prefix length in `folded`
    // is also a prefix length in code points of the original.
    let skip = 0;
    for (let round = 0; round < 4; round++) {
      const rest = Array.from(folded).slice(skip).join('');
      const m = GREETING_RE.exec(rest) ?? LEAD_IN_RE.exec(rest);
      if (!m || m[0].length === 0) break;
      skip += Array.from(m[0]).length;
    }
    const preferred = PREFERRED_RE.exec(folded);
    if (preferred && preferred.index > 0) {
      const start = Array.from(folded.slice(0, preferred.index + preferred[0].length - preferred[1]!.length)).length;
      const r = parseFirstName(points.slice(start, start + Array.from(preferred[1]!).length).join(''));
      if (r.ok) return r;
    }
    let candidate = points.slice(skip).join('');
    // "Inès, 17 ans", "Karim et toi ?", "Sam :)", "Ayoub 17 ans" -> stop at the first clause break.
    candidate = candidate.split(/[,.!?;:()[\]{}"\n]| (?:et|and|mais|but) | (?=\p{N})/u)[0] ?? '';
    candidate = candidate.replace(TRAILING_FILLERS, '');
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
    if (foldedWords.some((w) => MASH.test(w))) return fail('not_a_name');
    return ok(capitalizeName(candidate));
  } catch {
    return fail('not_a_name');
  }
}

/** Introductions that say a name follows, wherever they are in a sentence. */
const INTRODUCTIONS = [
  "je m'appelle", "je m'apelle", "je m'appel", "je m'apel", "jm'appelle", "jm'apelle", "jmappelle", "jmapelle", "j'm'appelle",
  "on m'appelle", "mon prenom c'est", "mon prenom est", "mon prenom c", "moi c'est", "moi cest", "moi ce", "moi c", "prenom :", "prenom =",
  "my name is", "my name's", "my first name is", "call me", "names", "name's",
];
const INTRODUCTION_RE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:${[...INTRODUCTIONS].sort((a, b) => b.length - a.length).map(phraseSource).join('|')})[ ,:=-]+([\\p{L}\\p{M}]+(?:[-'][\\p{L}\\p{M}]+)*)`,
  'u',
);

/**
 * Introductions that also open other sentences ("je suis en terminale", "I'm 17", "c'est
 * bon"): the word after them is a name only when a clause break, a number or "j'ai" follows
 * ("je suis Mehdi j'ai 20 ans", "I'm Tom, 16"), and only when no lexicon knows the word.
 * "c", "c'est", "it's" only open the message (after a greeting): "Yo c Bilal", "hey its alex".
 */
const WEAK_INTRODUCTIONS = ['je suis', 'jsuis', 'jsui', 'chui', "i'm", 'im', 'i am'];
const OPENING_INTRODUCTIONS = ["c'est", 'cest', 'c', "it's", 'its', 'this is'];
const NAME_END = "(?=\\s*[,.!;]|\\s+\\p{N}|\\s+(?:j'?ai|g|and|et|from|de|d'|i'?m|im|je|jsuis|jsui|chui|here|ici)(?![\\p{L}])|\\s*$)";
const WORD = "([\\p{L}\\p{M}]+(?:[-'][\\p{L}\\p{M}]+)*)";
const alternatives = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length).map(phraseSource).join('|');
const WEAK_INTRODUCTION_RE = new RegExp(`(?:^|[^\\p{L}\\p{N}'])(?:${alternatives(WEAK_INTRODUCTIONS)})[ ,]+${WORD}${NAME_END}`, 'u');
const GREETING_ALTERNATIVES = GREETINGS.map(phraseSource).join('|');
/** "Yo c Bilal", "hey its alex", and after at least one greeting "Salut, Lucas, 17 ans" or "Bonjour, Marie, j'ai 17 ans" (a name listed before the age). */
const OPENING_INTRODUCTION_RE = new RegExp(
  `^(?:(?:${GREETING_ALTERNATIVES})[ ,!.]+)*(?:(?:${alternatives(OPENING_INTRODUCTIONS)})[ ,]+${WORD}${NAME_END}|(?<=[ ,!.])${WORD}(?=\\s*,\\s*(?:(?:j'?ai|g|i'?m|im|i am)\\s+)?\\p{N}))`, 'u',
);
/** Words that follow "je suis" / "I'm" and are not names. */
const NOT_AFTER_INTRODUCTION = new Set([
  'en', 'au', 'a', 'dans', 'sur', 'pas', 'plus', 'tres', 'trop', 'super', 'vraiment', 'actuellement', 'encore', 'toujours', 'ici', 'la',
  'bien', 'bon', 'cool', 'top', 'vrai', 'sur', 'sure', 'nul', 'nulle', 'perdu', 'perdue', 'motive', 'motivee', 'pret', 'prete', 'dispo',
  'content', 'contente', 'inscrit', 'inscrite', 'ne', 'nee', 'majeur', 'majeure', 'mineur', 'mineure', 'seul', 'seule', 'tout', 'toute',
  'in', 'at', 'from', 'the', 'so', 'really', 'very', 'currently', 'still', 'here', 'there', 'doing', 'looking', 'going', 'trying', 'ok',
  'fine', 'good', 'new', 'lost', 'bored', 'done', 'back', 'ready', 'free', 'busy', 'single', 'interested', 'also', 'just', 'from',
  'over', 'under', 'about', 'almost', 'nearly', 'turning', 'born', 'living', 'working', 'studying', 'sorry', 'glad', 'happy', 'moi', 'toi',
  'dys', 'dyslexique', 'dyspraxique', 'dyscalculique', 'tdah', 'adhd', 'autiste', 'autistic', 'hpi', 'hp', 'zebre', 'malade', 'enceinte',
  'francais', 'francaise', 'french', 'english', 'anglais', 'etranger', 'etrangere', 'foreign', 'arrive', 'arrivee', 'celibataire',
]);

/** Towns of this size named after "je suis" or listed before the age are the town ("Bonjour, Paris, 17 ans")… */
const TOWN_POPULATION = 20000;
/** …except the few that are also common first names ("je suis Nancy"). */
const FIRST_NAME_TOWNS: ReadonlySet<string> = new Set(['nancy', 'antony', 'vernon', 'florence']);

function townNotName(folded: string): boolean {
  const key = folded.replace(/['-]/g, ' ');
  if (FIRST_NAME_TOWNS.has(key)) return false;
  return CommuneIndex.load().lookupName(key, false).some((e) => e.population >= TOWN_POPULATION);
}

/** The real name after a nickname, or the child's name in a relative's message, or null. */
function settledName(points: readonly string[], folded: string, answer = false): string | null {
  const res = answer || ABOUT_A_CHILD.test(folded) ? [REAL_NAME_RE, CHILD_NAME_RE, CHILD_CALLED_RE] : [REAL_NAME_RE, CHILD_NAME_RE];
  const usesCapitals = /\p{Lu}/u.test(points.join(''));
  for (const re of res) {
    const m = re.exec(folded);
    if (!m || m[1] === undefined) continue;
    // Someone who types capitals capitalises names: "la maman de Léa", not "la maman de famille".
    const start = Array.from(folded.slice(0, m.index + m[0].length - m[1].length)).length;
    if (usesCapitals && !/\p{Lu}/u.test(points[start] ?? '')) continue;
    const name = nameAt(points, folded, m);
    if (name) return name;
  }
  // "ma fille Lina" in a story names the young person only when a relative writes for them:
  // understand.ts decides that (findChildName, by who writes); here, only as the answer to the name question.
  const child = answer ? CHILD_THEN_NAME_RE.exec(points.join('')) : null;
  if (child?.[1]) {
    const r = parseFirstName(child[1]);
    if (r.ok) return r.value;
  }
  return null;
}

function nameAt(points: readonly string[], folded: string, m: RegExpExecArray): string | null {
  if (m[1] === undefined) return null;
  // Folding keeps one code point per code point: the same span in the original keeps accents.
  const start = Array.from(folded.slice(0, m.index + m[0].length - m[1].length)).length;
  const word = points.slice(start, start + Array.from(m[1]).length).join('');
  const r = parseFirstName(word);
  return r.ok ? r.value : null;
}

/**
 * A first name introduced inside a longer message ("slt moi c yanis, 19 ans", "Hi, my name
 * is Sam and I'm 16", "hiii im sofia, 14"): the one word after an introduction, or null.
 * `isKnownWord` tells whether another lexicon reads the word ("je suis timide", "I'm unemployed").
 */
/**
 * Whether the message introduces a name as a name ("je m'appelle…", "moi c'est…", "my name
 * is…"): a name only listed ("Salut, Lucas, 17 ans") or after "je suis" may be another word,
 * and the dialog confirms it instead of storing it silently.
 */
/** "je suis Mehdi, 20 ans", "I'm Tom, 16": a capitalised word between "je suis" / "I'm" and the age is a name said as one. */
const NAME_THEN_AGE = /(?:^|[^\p{L}\p{N}'’])(?:[Jj]e suis|[Jj]suis|[Ii]['’]?m|[Ii] am)\s+\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?\s*,\s*\d{1,2}(?!\d)/u;

export function introducesName(text: string): boolean {
  try {
    const cleaned = cleanText(text);
    if (NAME_THEN_AGE.test(cleaned)) return true;
    const points = Array.from(cleaned);
    const folded = foldCodePoints(points).join('');
    return INTRODUCTION_RE.test(folded) || settledName(points, folded) !== null;
  } catch {
    return false;
  }
}

export function findIntroducedName(text: string, isKnownWord: (word: string) => boolean = () => false): string | null {
  try {
    const cleaned = cleanText(text);
    const points = Array.from(cleaned);
    const folded = foldCodePoints(points).join('');
    const settled = settledName(points, folded);
    if (settled) return settled;
    const m = INTRODUCTION_RE.exec(folded);
    if (m) return nameAt(points, folded, m);
    const opening = OPENING_INTRODUCTION_RE.exec(folded);
    // "Salut, Lucas, 17 ans": a name listed after the greeting, before the age.
    if (opening && opening[1] === undefined && opening[2] !== undefined) opening[1] = opening[2];
    const weak = opening ?? WEAK_INTRODUCTION_RE.exec(folded);
    if (!weak || weak[1] === undefined || NOT_AFTER_INTRODUCTION.has(weak[1]) || isKnownWord(weak[1]) || townNotName(weak[1])) return null;
    const name = nameAt(points, folded, weak);
    if (name === null) return null;
    // Someone who types capitals capitalises names ("Je suis Perdue" is unlikely); someone who
    // types none gives the name before a comma or the age ("im sofia, 14", "jsui kevin g 17 ans").
    const wordStart = Array.from(folded.slice(0, weak.index + weak[0].length - weak[1].length)).length;
    const after = points.slice(wordStart + Array.from(weak[1]).length).join('');
    const usesCapitals = /\p{Lu}/u.test(cleaned);
    if (usesCapitals ? !/^\p{Lu}/u.test(points[wordStart] ?? '') : !/^\s*,|^\s+(?:\p{N}|g\s+\p{N}|j'?ai\s+\p{N})/u.test(after)) return null;
    return name;
  } catch {
    return null;
  }
}

/**
 * How a parent or an educator writing for the young person names them: "je suis la maman de
 * Yanis", "ma fille Yousra a 12 ans", "I'm writing for my son Elias", "j'écris avec Mamadou",
 * "elle s'appelle Aya". Only for a message written by a relative (clauses.ts `byRelative`):
 * a young person's "mon frère Karim" is not their own name.
 */
const CHILD_FRAMES = [
  "maman de", "mere de", "papa de", "pere de", "mother of", "father of", "mum of", "mom of", "dad of", "parent de", "parent of",
  "tuteur de", "tutrice de", "grand-mere de", "grand-pere de", "tante de", "oncle de", "soeur de", "frere de", "cousine de", "cousin de",
  "aunt of", "uncle of", "sister of", "brother of", "educatrice de", "educateur de", "referente de", "referent de",
  "mon fils", "ma fille", "mon enfant", "mon petit-fils", "ma petite-fille", "notre fils", "notre fille", "mon neveu", "ma niece",
  "my son", "my daughter", "my child", "my kid", "our son", "our daughter", "my nephew", "my niece", "my grandson", "my granddaughter",
  "j'ecris avec", "j'ecris pour", "jecris avec", "jecris pour", "jecris pr", "writing for", "writing with", "writing on behalf of",
  "il s'appelle", "elle s'appelle", "il sapelle", "elle sapelle", "son prenom c'est", "son prenom est",
  "his name is", "her name is", "he's called", "she's called", "he is called", "she is called",
  // A teacher: "une de mes élèves, Lina", "mon élève Noé", "one of my students, Sam".
  "de mes eleves", "mon eleve", "mon etudiante", "mon etudiant", "of my students", "of my pupils", "my student", "my pupil",
];
/** The same frames before an elided "d'": "la tante d'Océane", "la maman d'Ilyes". */
const ELIDED_FRAMES = CHILD_FRAMES.filter((f) => f.endsWith(' de')).map((f) => `${f.slice(0, -3)} d'`);
const CHILD_RE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:(?:${alternatives(CHILD_FRAMES)})[ ,:]+|(?:${alternatives(ELIDED_FRAMES)}))${WORD}`,
  'gu',
);
/** What may follow a child's name in an all-lowercase message: a clause break, a number, "a 13 ans", "est en 3e". */
const AFTER_CHILD_NAME = /^(?:\s*[,.!;:]|\s+\p{N}|\s+(?:a|est|qui|il|elle|is|has|who|he|she|and|et|n'?a|ne|va|fait|does|doesn't|was|était|etait)(?![\p{L}])|\s*$)/u;

export function findChildName(text: string, isKnownWord: (word: string) => boolean = () => false): string | null {
  try {
    const cleaned = cleanText(text);
    const points = Array.from(cleaned);
    const folded = foldCodePoints(points).join('');
    const usesCapitals = /\p{Lu}/u.test(cleaned);
    CHILD_RE.lastIndex = 0;
    // Frames overlap ("writing for my son Elias"): each match is retried one character further.
    for (let m = CHILD_RE.exec(folded); m; CHILD_RE.lastIndex = m.index + 1, m = CHILD_RE.exec(folded)) {
      const word = m[1];
      if (word === undefined || NOT_AFTER_INTRODUCTION.has(word) || isKnownWord(word)) continue;
      const name = nameAt(points, folded, m);
      if (name === null) continue;
      const wordStart = Array.from(folded.slice(0, m.index + m[0].length - word.length)).length;
      const after = points.slice(wordStart + Array.from(word).length).join('');
      if (usesCapitals ? !/^\p{Lu}/u.test(points[wordStart] ?? '') : !AFTER_CHILD_NAME.test(after)) continue;
      return name;
    }
    return null;
  } catch {
    return null;
  }
}
