import type { Help, MentorLanguage, Occupation, VolunteerPublic } from '../../intake/volunteerVocabulary';
import { matchPhrases, type PhraseTable } from '../matchPhrases';
import { cleanText, normalize, tokenize } from '../text';
import { GENERIC_OCCUPATION_PHRASES, HELP_TABLE, OPENS_ITSELF, LANGUAGE_TABLE, MENTEE_SIDE, OCCUPATION_TABLE, PUBLIC_TABLE, VOLUNTEER_SIDE } from './lexicon';

/**
 * Readers of what a volunteer says about themselves: pure, linear in the text, never
 * throwing (messages come from strangers). Each returns null when the text says nothing
 * about it.
 */

const wordsOf = (text: string) => tokenize(normalize(text));

/** Every value a table finds, not negated ("pas le soutien scolaire"), each once, in order. */
function allOf<T>(text: string, table: PhraseTable<T>): T[] {
  const found: T[] = [];
  for (const m of matchPhrases(wordsOf(text), table)) if (!m.negated && !found.includes(m.value)) found.push(m.value);
  return found;
}

/** Verbs of giving help, as said by someone who offers it ("aider", "accompagner", "to help"). */
const HELP_VERBS = new Set([
  'aider', 'accompagner', 'parrainer', 'marrainer', 'soutenir', 'epauler', 'encadrer', 'guider', 'coacher', 'mentorer', 'tutorer', 'transmettre', 'conseiller',
  'motiver', 'encourager', 'inspirer', 'sensibiliser',
  'help', 'support', 'mentor', 'coach', 'tutor', 'guide', 'assist', 'motivate', 'encourage', 'inspire',
]);
/** The young people a volunteer offers to help (plural or with an article: never the speaker). */
const YOUTH_WORDS = new Set([
  'jeunes', 'jeune', 'lyceens', 'lyceennes', 'collegiens', 'collegiennes', 'etudiants', 'etudiantes', 'eleves', 'ados', 'adolescents', 'adolescentes', 'enfants',
  'gamins', 'apprentis', 'alternants', 'decrocheurs', 'mineurs', 'refugies', 'autres', 'young', 'youngsters', 'youth', 'teens', 'teenagers', 'students', 'pupils',
  'kids', 'children', 'apprentices', 'others', 'juniors', 'graduates', 'filles', 'garcons', 'girls', 'boys',
  'ado', 'adolescent', 'adolescente', 'lyceen', 'lyceenne', 'collegien', 'collegienne', 'eleve', 'enfant', 'apprenti', 'apprentie', 'alternant', 'alternante',
  'teen', 'teenager', 'kid', 'child', 'pupil', 'youngster', 'apprentice',
]);
/** Wanting to ("je voudrais", "j'aimerais", "I'd like to", "wanna"). */
const WISH_WORDS = new Set([
  'veux', 'voudrais', 'voudrai', 'aimerais', 'aimerai', 'souhaite', 'souhaiterais', 'envie', 'pret', 'prete', 'jveux', 'jveu', 'jvoudrais', 'jaimerais', 'pourrais',
  'want', 'wanna', 'like', 'love', 'keen', 'happy', 'willing', 'ready', 'glad', 'hoping', 'hope', 'motive', 'motivee', 'disponible', 'dispo', 'available',
]);
/** Words after the verb that make the help the speaker's own need or a relative's ("m'aider", "help my son"). */
const NOT_OFFER_AFTER = new Set(['me', 'm', 'moi', 'my', 'mon', 'ma', 'mes', 'son', 'sa', 'ses', 'his', 'her', 'our', 'notre', 'nos', 'him', 'us', 'myself']);
/** What may follow a wanted help for it to be an offer ("j'aimerais aider, je suis retraité", "I want to help out"). */
const WISH_THEN = new Set(['et', 'and', 'out', 'but', 'mais', 'if', 'si', 'as', 'comme', 'in', 'with', 'avec', 'en', 'a', 'pour', 'where', 'how', 'je', 'j', 'i', 'im', 'jsuis']);
const SECOND_PERSON = new Set(['vous', 'tu', 'you', 'u', 'pouvez', 'peux', 'pourriez', 'can', 'could']);

/**
 * An opening that offers help without the lexicon's words: a help verb with young people
 * after it ("aider des lycéens", "help young ppl"), or wanted for its own sake ("j'aimerais
 * aider", "I'm retired and want to help"). Not when the help is for the speaker or theirs
 * ("m'aider", "help my son"), nor when it is asked of the bot ("vous pouvez aider les jeunes ?").
 */
function offersHelp(w: readonly string[]): boolean {
  // "j'aimerais aider les autres plus tard": a young person's plans, not an offer.
  if (/\b(?:plus tard|later|quand je serai|when i grow up|when i m older|mon futur metier|my future job)\b/u.test(w.join(' '))) return false;
  for (let i = 0; i < w.length; i++) {
    // "donner envie à des collégiennes de…": giving the wish is giving help.
    if (!HELP_VERBS.has(w[i]!) && !(w[i] === 'envie' && w[i - 1] === 'donner')) continue;
    const before = w.slice(Math.max(0, i - 3), i);
    const after = w.slice(i + 1, i + 5);
    if (before.some((b) => b === 'm' || b === 'me') || NOT_OFFER_AFTER.has(after[0] ?? '')) continue;
    // "vous pouvez aider les jeunes ?": asked of the bot, not offered. ("can I help" stays an offer.)
    if (before.some((b) => SECOND_PERSON.has(b)) && !before.includes('i') && !before.includes('je')) continue;
    // English "help" is also a noun ("I'd like help"): the verb comes after "to" or "wanna".
    const english = /^(?:help|support|mentor|coach|tutor|guide|assist|motivate|encourage|inspire)$/.test(w[i]!);
    if (english && !['to', 'wanna', 'can', 'could', 'll', 'd'].includes(w[i - 1] ?? '')) continue;
    const youth = after.findIndex((a) => YOUTH_WORDS.has(a));
    const likeMe = after.join(' ').includes('comme moi') || after.join(' ').includes('like me');
    if (youth >= 0 && !likeMe && !after.slice(0, youth).some((a) => NOT_OFFER_AFTER.has(a))) return true;
    // Wanted for its own sake: nothing, or no one in particular, after it.
    if (before.some((b) => WISH_WORDS.has(b)) && (after.length === 0 || WISH_THEN.has(after[0]!))) return true;
  }
  return false;
}

/**
 * Which conversation a message asks for: to mentor (volunteer), or to be mentored.
 * `opening`: before any question, an offer of help in other words counts too (`offersHelp`).
 */
export function readSide(text: string, opening = false): 'volunteer' | 'mentee' | null {
  const mentee = allOf(text, MENTEE_SIDE).length > 0;
  const volunteer = allOf(text, VOLUNTEER_SIDE).length > 0 || (opening && !mentee && offersHelp(wordsOf(text)));
  if (volunteer === mentee) return null;
  return volunteer ? 'volunteer' : 'mentee';
}

export interface OccupationReading {
  kind: Occupation;
  /** Their own words about it: the field and year of study, the trade or sector. */
  detail: string | null;
  /** The company they come through, when said ("je travaille chez Orange"). */
  company: string | null;
}

const COMPANY = /(?:^|[\s,])(?:chez|pour|at|for|avec mon entreprise|via mon entreprise|through my company|par mon entreprise|via|through)\s+([\p{Lu}\d][\p{L}\d&' -]{1,40})/u;
// Where the name stops: a word that goes on with the sentence ("chez Orange à Nantes", "at Airbus since 2010").
const COMPANY_STOP = /\s+(?:et|and|depuis|since|en|in|a|à|au|aux|comme|as|mais|but|pour|for|dans|sur|on|with|avec|je|j|i|où|where|qui|who)(?=[\s,.;!?]|$).*$/iu;

/** Words that start what they say about their trade or studies ("… en master de droit", "… dans la logistique"). */
// (Not "de": "salariée d'une PME" names the employer, not the trade.)
const DETAIL_OPENERS = new Set(['en', 'dans', 'in', 'as', 'comme']);
/** After a named trade, only what qualifies it ("prof de maths", "ingénieur en informatique"). */
const TRADE_OPENERS = new Set(['en', 'de', 'd', 'in', 'of']);
/** Words that end it: the sentence goes on about something else. */
const DETAIL_STOP = new Set([
  'et', 'and', 'a', 'au', 'aux', 'je', 'j', 'jsuis', 'i', 'im', 'depuis', 'since', 'chez', 'at', 'for', 'pour', 'qui', 'who', 'mais', 'but', 'avec', 'with',
  'sur', 'on', 'ou', 'or', 'where', 'ici', 'here', 'donc', 'so', 'alors', 'car', 'because', 'parce', 'mon', 'ma', 'mes', 'my', 'et', 'depuis', 'il', 'elle', 'on',
  'ans', 'years', 'year', 'an', 'annees', 'bonjour', 'hello', 'hi', 'merci', 'thanks', 'with', 'pendant', 'during', 'while', 'pour', 'to',
]);
/** Leading words a detail does without ("dans l'informatique" -> "informatique"). */
const DETAIL_LEAD = new Set(['en', 'de', 'd', 'du', 'des', 'dans', 'le', 'la', 'l', 'les', 'un', 'une', 'in', 'of', 'as', 'a', 'an', 'the', 'comme', 'tant', 'que', 'i', 'm', 'im', 'je', 'j', 'suis']);
const DETAIL_MAX_WORDS = 6;
export const DETAIL_MAX_CHARS = 60;

/** Trade-looking endings, for a trade the lexicon does not know ("je suis ébéniste", "bus driver"). */
const TRADE_ENDINGS_FR = /(?:eur|euse|trice|ier|iere|iste|ologue|icien|icienne|aire|ien)$/u;
const TRADE_ENDINGS_EN = /(?:er|or|ist|ician|eer|ant|ic)$/u;
/** Words with those endings that are no trade (adjectives, family, nationalities, the volunteer role itself). */
const NOT_TRADES = new Set([
  'meilleur', 'majeur', 'mineur', 'menteur', 'ailleurs', 'plusieurs', 'leur', 'leurs', 'coeur', 'soeur', 'honneur', 'bonheur', 'malheur', 'peur', 'interieur',
  'exterieur', 'superieur', 'inferieur', 'fumeur', 'premier', 'dernier', 'fier', 'entier', 'particulier', 'regulier', 'singulier', 'optimiste', 'pessimiste',
  'realiste', 'idealiste', 'egoiste', 'altruiste', 'raciste', 'perfectionniste', 'celibataire', 'solidaire', 'volontaire', 'titulaire', 'proprietaire', 'locataire',
  'prioritaire', 'ancien', 'chretien', 'parisien', 'italien', 'algerien', 'tunisien', 'egyptien', 'syrien', 'indien', 'iranien', 'ivoirien', 'malien', 'haitien',
  'canadien', 'bresilien', 'colombien', 'norvegien', 'autrichien', 'australien', 'ukrainien', 'mauricien', 'bien', 'rien', 'combien', 'tuteur', 'parrain',
  'mentor', 'tutor', 'volunteer', 'mother', 'father', 'brother', 'sister', 'daughter', 'grandmother', 'grandfather', 'member', 'beginner', 'newcomer',
  'foreigner', 'other', 'user', 'reader', 'lover', 'believer', 'survivor', 'supporter', 'major', 'minor', 'junior', 'senior', 'immigrant', 'migrant', 'catholic',
  'muslim', 'single', 'mentee', 'person', 'native', 'speaker', 'fan', 'better', 'after', 'never', 'over', 'under', 'ever', 'either', 'neither', 'whether',
  'together', 'rather', 'number', 'order', 'matter', 'paper', 'water', 'later', 'sooner', 'september', 'october', 'november', 'december', 'winter', 'summer',
  'etranger', 'etrangere', 'leger', 'legere', 'career', 'changer', 'lectrice', 'lecteur',
  'retraite', 'retired', 'etudiant', 'student', 'jeune', 'young', 'adult', 'adulte', 'pere', 'mere', 'grand', 'maman', 'papa', 'dispo', 'disponible', 'motive',
  'motivee', 'benevole', 'interesse', 'interessee', 'heureux', 'heureuse', 'ravi', 'ravie', 'content', 'contente', 'curieux', 'curieuse', 'serieux', 'serieuse',
  'genre', 'super', 'hyper', 'plutot', 'vraiment', 'really', 'very', 'quite', 'just', 'also', 'aussi', 'deja', 'already', 'ici', 'here', 'de', 'en', 'la', 'le',
]);
/** What comes before a trade named in a sentence: "je suis (un/une)", "I'm a", "jsuis". */
const TRADE_INTROS: readonly string[][] = [['je', 'suis'], ['jsuis'], ['j', 'suis'], ['chui'], ['i', 'm'], ['im'], ['i', 'am'], ['work', 'as'], ['travaille', 'comme'], ['bosse', 'comme']];
const ARTICLES = new Set(['un', 'une', 'a', 'an']);

interface Span { start: number; end: number }

/** The words of a message and where each sits in the cleaned text (to quote them as written). */
function wordsWithSpans(text: string): { words: string[]; spans: Span[]; cleaned: string } {
  const cleaned = cleanText(text).normalize('NFC');
  const spans: Span[] = [];
  for (const m of cleaned.matchAll(/[\p{L}\p{N}]+/gu)) spans.push({ start: m.index, end: m.index + m[0].length });
  const words = wordsOf(cleaned);
  // A character normalize() splits or joins differently: no quoting, the words only.
  return words.length === spans.length ? { words, spans, cleaned } : { words, spans: [], cleaned };
}

/** The words from..to (exclusive) as written, or as read when they cannot be quoted. */
function quote(read: { words: string[]; spans: Span[]; cleaned: string }, from: number, to: number): string {
  if (to <= from) return '';
  const out = read.spans.length ? read.cleaned.slice(read.spans[from]!.start, read.spans[to - 1]!.end) : read.words.slice(from, to).join(' ');
  return out.length > DETAIL_MAX_CHARS ? out.slice(0, DETAIL_MAX_CHARS).replace(/\s+\S*$/u, '') : out;
}

/** Where what they say about it ends: a stop word, a clause's end, or the length cap. */
function detailEnd(read: { words: string[]; spans: Span[]; cleaned: string }, from: number): number {
  let to = from;
  while (to < read.words.length && to - from < DETAIL_MAX_WORDS) {
    if (to > from && DETAIL_STOP.has(read.words[to]!)) break;
    // A comma, full stop or line break between two words ends the clause.
    if (to > from && read.spans.length && /[,.;:!?\n()]/u.test(read.cleaned.slice(read.spans[to - 1]!.end, read.spans[to]!.start))) break;
    if (/^\d+$/.test(read.words[to]!)) break;
    // "engineer in Lyon": a capitalised name after "in" is where, not what.
    if (to > from && read.words[to - 1] === 'in' && read.spans.length && /^\p{Lu}\p{Ll}/u.test(read.cleaned.slice(read.spans[to]!.start))) { to--; break; }
    to++;
  }
  return to;
}

function withoutLead(read: { words: string[] }, from: number, to: number): number {
  let i = from;
  while (i < to && DETAIL_LEAD.has(read.words[i]!)) i++;
  return i;
}

/** Whether a word with a trade's ending is one ("plombière", "welder"), not an adjective or a relative. */
function looksLikeTrade(word: string): boolean {
  return word.length >= 4 && !NOT_TRADES.has(word) && (TRADE_ENDINGS_FR.test(word) || TRADE_ENDINGS_EN.test(word));
}

/** An occupation phrase about the young people they want to help, not about them ("aider des étudiants", "jeunes en alternance"). */
function aboutOthers(read: { words: string[]; spans: Span[]; cleaned: string }, start: number): boolean {
  const prev = read.words[start - 1];
  if (prev === undefined) return false;
  // "help young people, retired nurse here": a comma between, a new clause about them.
  if (read.spans.length && /[,.;:!?\n]/u.test(read.cleaned.slice(read.spans[start - 1]!.end, read.spans[start]!.start))) return false;
  // "I'm the CTO": about themselves.
  if (prev === 'the' && ['m', 'im', 'am'].includes(read.words[start - 2] ?? '')) return false;
  return ['des', 'les', 'aux', 'ces', 'the', 'some', 'other'].includes(prev) || HELP_VERBS.has(prev) || YOUTH_WORDS.has(prev);
}

/**
 * Student, employed, retired, job seeker, with their own words about it: the trade itself
 * when it is named ("plombier", "software engineer"), or the few words after the kind
 * ("étudiante en master de droit" -> "master de droit"), never the rest of the sentence.
 * `asked`: the answer to "what do you do?", where a trade alone is enough ("bus driver").
 */
/** Being, in the past ("j'étais", "I was"): what follows is what they were. */
const PAST_BE = new Set(['etais', 'etait', 'jetais', 'was', 'were']);

export function readOccupation(text: string, asked = false): OccupationReading | null {
  const read = wordsWithSpans(text);
  const { words } = read;
  // "ancien cuisinier", "ex-comptable", "former nurse": a trade they had, not what they do now.
  const former = (m: { value: Occupation; start: number }) => m.value === 'employed' && FORMER.has(words[m.start - 1] ?? '');
  // "quand j'étais en licence", "when I was a student": what they were, not what they are.
  const past = (m: { start: number }) => words.slice(Math.max(0, m.start - 3), m.start).some((x) => PAST_BE.has(x));
  const matches = matchPhrases(words, OCCUPATION_TABLE).filter((m) => !m.negated && !aboutOthers(read, m.start) && !former(m) && !past(m));
  const kinds = [...new Set(matches.map((m) => m.value))];
  if (kinds.length === 0) return readTrade(read, asked);
  // "retraité, ancien ingénieur": retired; "étudiant et je travaille à côté": student.
  const kind = kinds.includes('retired') ? 'retired' : kinds.includes('student') ? 'student' : kinds.includes('job_seeker') ? 'job_seeker' : kinds.find((k) => k !== 'other') ?? kinds[0]!;
  const company = kind === 'employed' ? readCompany(read.cleaned) : null;
  let detail: string | null = null;
  if (kind === 'student' || kind === 'employed') {
    for (const m of matches.filter((x) => x.value === kind)) {
      const generic = GENERIC_OCCUPATION_PHRASES.has(words.slice(m.start, m.end).join(' '));
      // After the phrase: its complement when one follows ("… en droit", "… dans la logistique", "… as a nurse").
      const next = words[m.end] ?? '';
      // "étudiante en …", "je travaille comme …" end with their opener; "je travaille dans …" has it next.
      const phrase = words.slice(m.start, m.end).join(' ');
      const opens = generic ? DETAIL_OPENERS.has(words[m.end - 1]!) || DETAIL_OPENERS.has(next) || OPENS_ITSELF.has(phrase) : TRADE_OPENERS.has(next);
      if (generic && !opens) continue;
      // "I'm a data analyst": the words between the article and the trade qualify it.
      const qualified = [m.start - 1, m.start - 2].find((k) => k >= 1 && ARTICLES.has(words[k - 1]!) && !words.slice(k, m.start).some((x) => DETAIL_STOP.has(x) || NOT_TRADES.has(x) || ARTICLES.has(x)));
      const from = generic ? m.end : qualified ?? m.start;
      // "en BTS compta", "en master droit": what follows a named course of study is its field.
      const to = opens || (!generic && kind === 'student') ? Math.max(m.end, detailEnd(read, m.end)) : m.end;
      const start = withoutLead(read, from, to);
      const said = quote(read, start, to);
      if (said && said !== company) { detail = said; break; }
    }
    // A trade the lexicon does not know, named after a generic phrase ("je suis salarié, ébéniste").
    if (!detail && kind === 'employed') detail = readTrade(read, asked)?.detail ?? null;
  }
  return { kind, detail, company };
}

/** A trade outside the lexicon: "je suis ébéniste", "I'm a welder"; when asked, a short answer with a trade's ending. */
function readTrade(read: { words: string[]; spans: Span[]; cleaned: string }, asked: boolean): OccupationReading | null {
  const { words } = read;
  let at = -1;
  for (let i = 0; i < words.length && at < 0; i++) {
    const intro = TRADE_INTROS.find((seq) => seq.every((x, k) => words[i + k] === x));
    if (!intro) continue;
    let j = i + intro.length;
    if (ARTICLES.has(words[j] ?? '')) j++;
    // "I'm a forklift operator": the trade word may come after a word that qualifies it.
    const trade = [j, j + 1].find((k) => k < words.length && looksLikeTrade(words[k]!) && !words.slice(j, k).some((x) => DETAIL_STOP.has(x) || NOT_TRADES.has(x)));
    if (trade !== undefined) at = j;
  }
  // The answer to "what do you do?": a few words, one of them a trade ("chauffeur de bus", "a welder"): all of it.
  if (at < 0 && asked && words.length <= 4 && words.some(looksLikeTrade)) at = withoutLead(read, 0, words.length);
  if (at < 0 || at >= words.length) return null;
  const detail = quote(read, at, Math.max(detailEnd(read, at), at + 1));
  return detail ? { kind: 'employed', detail, company: readCompany(read.cleaned) } : null;
}

const FORMER = new Set(['ancien', 'ancienne', 'ex', 'former', 'anciennement', 'formerly', 'retired']);
const WHERE_WORDS = new Set(['a', 'au', 'in', 'at', 'sur', 'near', 'pres', 'vers']);

/**
 * "fonctionnaire à Tours", "étudiante à Angers", "retired nurse in Lille": a commune named right
 * after what they do is where they are, not the everyday word it may also be ("tours").
 */
export function placeAfterOccupation(text: string, placeName: string): boolean {
  const words = wordsOf(text);
  const name = wordsOf(placeName);
  if (name.length === 0) return false;
  for (let i = 2; i + name.length <= words.length; i++) {
    if (!name.every((n, k) => words[i + k] === n) || !WHERE_WORDS.has(words[i - 1]!)) continue;
    const before = words.slice(0, i - 1);
    if (matchPhrases(before, OCCUPATION_TABLE).some((m) => m.end === before.length && !m.negated)) return true;
    const trade = readTrade({ words: before, spans: [], cleaned: before.join(' ') }, false);
    if (trade?.detail && trade.detail.split(' ').at(-1) === before.at(-1)) return true;
  }
  return false;
}

/** The company a volunteer comes through, capitalised as written ("chez Orange", "at Airbus"). */
export function readCompany(text: string): string | null {
  const m = COMPANY.exec(cleanText(text).normalize('NFC'));
  if (!m) return null;
  const name = m[1]!.replace(COMPANY_STOP, '').trim();
  return name.length >= 2 ? name : null;
}

const NUMBER_WORDS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, douze: 12, quinze: 15, vingt: 20,
  one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six_: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20,
};
const numberOf = (w: string): number | null => (/^\d{1,3}$/.test(w) ? Number(w) : NUMBER_WORDS[w] ?? null);
const HOUR_WORDS = new Set(['h', 'heure', 'heures', 'hour', 'hours', 'hr', 'hrs', 'hrs', 'hour s']);
const PER_WORDS = new Set(['par', 'per', 'a', 'each', 'every', 'chaque', 'tous', 'toutes', 'les', 'le', 'la', 'l', 'an']);
const WEEK_WORDS = new Set(['semaine', 'semaines', 'sem', 'week', 'weeks', 'hebdo']);
const MONTH_WORDS = new Set(['mois', 'month', 'months']);
const YEAR_WORDS = new Set(['an', 'ans', 'annee', 'annees', 'year', 'years']);
const SCHOOL_YEAR = /\b(?:annee scolaire|school year|academic year|annee universitaire)\b/u;
const WHOLE_YEAR = /\b(?:toute l annee|all year|the whole year|un an|one year|a year|1 an)\b/u;

export interface TimeReading { hoursPerMonth: number | null; months: number | null }

/** Words before a number of years that make it the past, not a commitment ("depuis 8 ans", "il y a 3 ans"). */
const PAST_BEFORE = new Set(['depuis', 'since', 'fait']);
/** Words after it that do ("3 years ago", "38 ans de métier", "10 years of experience", "20 ans d'expérience"). */
const PAST_AFTER = /^(?:ago|de metier|d experience|of experience|de carriere|in the|dans le|dans la|dans l|de maison|que je|que j|i ve|i have|since)\b/u;
/** A vague number of hours ("quelques heures par mois, disons 4"): the number said after it takes its rate. */
const SOME_WORDS = new Set(['quelques', 'plusieurs', 'few', 'some', 'several', 'couple']);
/** One meeting, counted by the rate it comes at ("une soirée par mois, 2h", "one afternoon a week, about 3 hours"). */
const SESSION_WORDS = new Set(['soiree', 'soirees', 'soir', 'soirs', 'apres', 'aprem', 'matinee', 'matinees', 'matin', 'fois', 'session', 'sessions', 'seance', 'seances',
  'evening', 'evenings', 'afternoon', 'afternoons', 'morning', 'mornings', 'time', 'times', 'rdv', 'rencontre']);
const DAY_WORDS = new Set(['jours', 'days']);

/** Months per unit of a rate: a week is a quarter of a month ("par semaine" = 4 a month). */
function perMonth(unit: string | undefined, count = 1): number | null {
  if (!unit) return null;
  if (WEEK_WORDS.has(unit)) return 4 / count;
  if (MONTH_WORDS.has(unit)) return 1 / count;
  // "tous les 15 jours", "every 14 days": twice a month.
  if (DAY_WORDS.has(unit) && count >= 14 && count <= 16) return 2;
  return null;
}

/**
 * Time a volunteer can give: hours a month ("3h par mois", "une heure par semaine" = 4 a
 * month, "2 hours a week", "2 hours every two weeks" = 4) and for how many months ("pendant
 * 6 mois", "un an", "un an et demi" = 18, "l'année scolaire" = 9). A time of their past is no
 * commitment ("chef depuis 8 ans", "moved here 3 years ago"). Hours of one meeting take the
 * meetings' rate ("une soirée par mois, 2h"). `bare`: a number alone is hours a month (the
 * answer to that question).
 */
export function readTime(text: string, bare = false): TimeReading | null {
  const w = wordsOf(text);
  let hours: number | null = null;
  /** Hours said without a rate ("about 3 hours"): a rate said elsewhere applies to them. */
  let unrated = false;
  let unratedValue = 0;
  let months: number | null = null;
  /** Meetings a month ("une soirée par mois" = 1, "one afternoon a week" = 4), and a vague number of hours with its rate. */
  let meetings: number | null = null;
  let someRate: number | null = null;
  for (let i = 0; i < w.length; i++) {
    // "quelques heures par mois", "one afternoon a week": a rate without a number of hours.
    if (SOME_WORDS.has(w[i]!) && HOUR_WORDS.has(w[i + 1] ?? '')) {
      let j = i + 2;
      while (j < w.length && PER_WORDS.has(w[j]!) && j < i + 4) j++;
      someRate = perMonth(w[j]);
    }
    if (SESSION_WORDS.has(w[i]!)) {
      const count = numberOf(w[i - 1] ?? '') ?? (w[i] === 'fois' || w[i] === 'time' || w[i] === 'times' ? null : 1);
      let j = i + 1;
      if (w[i] === 'apres' && w[j] === 'midi') j++;
      while (j < w.length && PER_WORDS.has(w[j]!) && j < i + 4) j++;
      const rate = perMonth(w[j]);
      if (count !== null && rate !== null) meetings = count * rate;
    }
    const n = numberOf(w[i]!);
    // "3h" is one token for the tokenizer: "3h", "2hrs".
    const glued = /^(\d{1,3})(?:h|hrs?|heures?)(30)?$/.exec(w[i]!);
    // "1h30": an hour and a half.
    const value = glued ? Number(glued[1]) + (glued[2] ? 0.5 : 0) : n;
    if (value === null) continue;
    const unitAt = glued ? i : i + 1;
    const unit = glued ? 'h' : w[unitAt];
    if (unit && HOUR_WORDS.has(unit)) {
      let j = unitAt + 1;
      while (j < w.length && PER_WORDS.has(w[j]!) && j < unitAt + 3) j++;
      let per = w[j];
      // "every two weeks", "toutes les deux semaines", "tous les 15 jours".
      const every = per !== undefined && numberOf(per) !== null && !YEAR_WORDS.has(per) ? numberOf(per)! : 1;
      if (every > 1) { j += 1; per = w[j]; }
      const rate = perMonth(per, every);
      if (rate !== null) hours = Math.round(value * rate);
      else if (per && YEAR_WORDS.has(per) && j > unitAt + 1) hours = Math.max(1, Math.round(value / 12));
      else if (hours === null) { hours = Math.round(value); unrated = true; unratedValue = value; }
      // "3 hours a month": the "a month" is the rate, not a duration of one month.
      if (per && (rate !== null || YEAR_WORDS.has(per))) i = j;
      continue;
    }
    const past = PAST_BEFORE.has(w[i - 1] ?? '') || (w[i - 2] === 'y' && w[i - 1] === 'a') || PAST_AFTER.test(w.slice(unitAt + 1, unitAt + 3).join(' '));
    // "par mois", "two evenings a month": a rate; "for a month", "pendant un mois": a duration.
    const rate = value === 1 && ((i > 0 && PER_WORDS.has(w[i - 1]!)) || (['a', 'an'].includes(w[i]!) && !['for', 'over'].includes(w[i - 1] ?? '')));
    if (unit && MONTH_WORDS.has(unit) && !rate) { if (!past) months = value; continue; }
    if (unit && YEAR_WORDS.has(unit) && !['a', 'an', 'par', 'per'].includes(w[i]!)) {
      // "un an et demi", "a year and a half": six months more.
      const half = ['et', 'and'].includes(w[unitAt + 1] ?? '') && ['demi', 'half'].includes(w[unitAt + 2] === 'a' ? w[unitAt + 3] ?? '' : w[unitAt + 2] ?? '');
      if (!past) months = value * 12 + (half ? 6 : 0);
      continue;
    }
    // "quelques heures par mois, disons 4": the number alone takes the rate said.
    if (someRate !== null && hours === null && !unit) hours = Math.round(value * someRate);
  }
  const t = w.join(' ');
  if (months === null && /\b(?:un an et demi|1 an et demi|a year and a half|one year and a half|18 months)\b/u.test(t)) months = 18;
  if (months === null && SCHOOL_YEAR.test(t)) months = 9;
  if (months === null && WHOLE_YEAR.test(t)) months = 12;
  // "une soirée par mois, 2h": two hours each time, once a month.
  if (hours !== null && unrated && meetings !== null) hours = Math.round(unratedValue * meetings);
  if (hours === null && bare && w.length <= 3) {
    const only = w.map(numberOf).filter((x): x is number => x !== null);
    if (only.length === 1 && only[0]! > 0 && only[0]! <= 60) hours = only[0]!;
  }
  if (hours !== null && (hours <= 0 || hours > 120)) hours = null;
  if (months !== null && (months <= 0 || months > 120)) months = null;
  return hours === null && months === null ? null : { hoursPerMonth: hours, months };
}

/** Kinds of help offered ("soutien scolaire et orientation", "CV and interviews"). */
export function readHelps(text: string): Help[] | null {
  const found = allOf(text, HELP_TABLE);
  return found.length > 0 ? found : null;
}

const ANY = new Set(['peu importe', 'tous', 'toutes', 'tout le monde', 'n importe', 'any', 'anyone', 'all', 'no preference', 'pas de preference', 'aucune preference', 'non', 'no', 'aucun', 'none', 'egal']);

/** Publics they would like to help; [] when any (`asked`: "peu importe" answers it). */
/** "I don't mind", "ça m'est égal", "whoever needs it": no preference, said in a sentence. */
const ANY_SAID = /\b(?:peu importe|peu m importe|n importe|nimporte|ca m est egal|m est egal|pas de preference|aucune preference|pas specialement|pas vraiment|je m en fiche|jmen fiche|don t mind|dont mind|do not mind|whatever|doesn t matter|does not matter|no preference|not really|anyone|anybody|everyone|whoever)\b/u;

export function readPublics(text: string, asked = false): VolunteerPublic[] | null {
  const found = allOf(text, PUBLIC_TABLE);
  if (found.length > 0) return found;
  const said = wordsOf(text).join(' ');
  return asked && (ANY.has(said) || ANY_SAID.test(said)) ? [] : null;
}

const ONLY_FRENCH = new Set(['non', 'no', 'juste le francais', 'que le francais', 'seulement le francais', 'only french', 'just french', 'french only', 'francais', 'french', 'aucune', 'none', 'aucun']);

/** Languages they can help in; French alone when they say no other (`asked`). */
export function readLanguages(text: string, asked = false): MentorLanguage[] | null {
  const found = allOf(text, LANGUAGE_TABLE);
  if (found.length > 0) return found.includes('fr') ? found : ['fr', ...found];
  return asked && ONLY_FRENCH.has(wordsOf(text).join(' ')) ? ['fr'] : null;
}
