import { distance } from 'fastest-levenshtein';
import { NEEDS, type Lang, type Need } from '../intake/vocabulary';
import lexicon from './lexicons/needs.json';
import { compilePhrases, lexiconGroups, matchPhrases, type PhraseTable } from './matchPhrases';
import { cleanText, fail, normalize, ok, tokenize, type ParseResult } from './text';
import { afterSaidBut } from './saidBut';
import { expandTexting } from './texting';

export interface ParsedNeeds {
  /** In the order they were mentioned, without repeats; never empty. */
  needs: Need[];
  /** What follows "autre :" (max 300 characters), when needs includes 'other'. */
  other: string | null;
}

export interface NeedsOptions {
  /**
   * The message answers the needs question: a school subject alone ("les maths et le
   * français") is then a need for school support. Elsewhere it is only a subject.
   */
  answer?: boolean;
}

/** Same limit as needsOther in MentoringRequest. */
const MAX_OTHER_LENGTH = 300;

const TABLE = compilePhrases<Need | 'ignore'>([
  ...lexiconGroups(lexicon.phrases, NEEDS),
  ['ignore', lexicon.phrases.ignore],
]);

/** A word list of the lexicon as a phrase table (multi-word entries allowed). */
function wordTable(list: readonly string[]): PhraseTable<true> {
  return compilePhrases<true>([[true, list]]);
}
const SUBJECTS = wordTable(lexicon.subjects);
const HELP_CUES = new Set(lexicon.help_cues);
const DONT_KNOW = wordTable(lexicon.dont_know);
const WH_WORDS = wordTable(lexicon.wh_words);
const DO_VERBS = new Set(lexicon.do_verbs);
const AIM_VERBS = wordTable(lexicon.aim_verbs);
const STUDY_FIELDS = wordTable(lexicon.study_fields);
const OPEN_VERBS = wordTable(lexicon.open_verbs);
const BUSINESS_NOUNS = wordTable(lexicon.business_nouns);
const KNOW_VERBS = wordTable(lexicon.know_verbs);
const PROJECT_NOUNS = wordTable(lexicon.project_nouns);

/** Words around a subject that make it a need ("du mal en maths", "help w physics"). */
const CUE_WINDOW = 3;
/** Question words of a yes/no doubt: orientation only with a verb of doing or going after them. */
const IF_WORDS = new Set(['if i should', 'whether', 'si je dois', 'si je devrais', 'si je fais']);
/** How far after "je sais pas" the question word may come ("je sais pas trop dans quelle filière"). */
const WH_WINDOW = 4;
/** How far after "ouvrir" / "start" the business noun may come ("launch a clothing brand"). */
const NOUN_WINDOW = 4;
/** How far after "savoir" / "wondering" the course or trade may come ("savoir si je peux faire un BTS"). */
const KNOW_WINDOW = 6;
/** How far after "projet" / "idea" the business may come ("mon projet de resto", "une idée d'application"). */
const PROJECT_WINDOW = 3;

/**
 * Single lexicon words long enough to be matched with a typo ("orientasion", "entreprenariat"):
 * at distance 1 from 6 letters, 2 from 9. Shorter words ("stage"/"stade") are matched exactly only.
 */
const FUZZY_MIN_LENGTH = 6;
const FUZZY: { word: string; need: Need }[] = [];
for (const need of NEEDS) {
  for (const p of (lexicon.phrases as Record<string, string[]>)[need] ?? []) {
    const w = tokenize(normalize(p));
    if (w.length === 1 && w[0]!.length >= FUZZY_MIN_LENGTH) FUZZY.push({ word: w[0]!, need });
  }
}
const FUZZY_FIRST = new Set(FUZZY.map((f) => f.word[0]!));
const maxTypos = (n: number) => (n >= 9 ? 2 : 1);

/** The one need a misspelt word stands for, or null (several needs as close: no guess). */
function fuzzyNeed(word: string): Need | null {
  if (word.length < FUZZY_MIN_LENGTH || !FUZZY_FIRST.has(word[0]!)) return null;
  let best = Number.POSITIVE_INFINITY;
  const needs = new Set<Need>();
  for (const f of FUZZY) {
    // Same first letter and close length: the cheap filter before the distance.
    if (f.word[0] !== word[0] || Math.abs(f.word.length - word.length) > 2) continue;
    // An inflection or a cut ("travaille" / "travail", "bosse" / "bosser") is another word, not a typo.
    if (word.startsWith(f.word) || f.word.startsWith(word)) continue;
    const d = distance(word, f.word);
    if (d > maxTypos(Math.min(word.length, f.word.length))) continue;
    if (d < best) { best = d; needs.clear(); }
    if (d === best) needs.add(f.need);
  }
  return needs.size === 1 ? needs.values().next().value as Need : null;
}

/** Positions where a phrase of `table` starts, with where it ends. */
function spans(words: readonly string[], table: PhraseTable<true>): { start: number; end: number }[] {
  return matchPhrases(words, table).map((m) => ({ start: m.start, end: m.end }));
}

type Span = { start: number; end: number };

/** Whether some `a` is followed, `reach` words at most after its end, by the start of some `b`. Both in text order; linear. */
function followedWithin(a: readonly Span[], b: readonly Span[], reach: number): Span | null {
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]!.start < x.end) j++;
    if (j < b.length && b[j]!.start <= x.end + reach) return b[j]!;
  }
  return null;
}

/** Verbs of speaking a language: the language after them is not a school subject. */
const SPEAK = new Set(['speak', 'speaks', 'parle', 'parles', 'parler', 'parlons']);
/** How far before a language the verb of speaking may come ("I speak English better than French"). */
const SPEAK_WINDOW = 4;

/** Words that may come before a subject opening an answer ("le français et…", "the maths"). */
const LEADING = new Set(['le', 'la', 'les', 'l', 'du', 'de', 'des', 'en', 'the', 'my', 'mon', 'ma', 'mes', 'in']);

/** Needs said in free words rather than with a lexicon phrase. */
function patternNeeds(words: readonly string[], answer: boolean, found: Set<Need>): Need[] {
  const out: Need[] = [];
  // A school subject with a cue nearby: "besoin d'aide en maths", "my maths are meh".
  // "I speak English better than French": a language spoken, not a subject to work on.
  const subjects = spans(words, SUBJECTS).filter(({ start }) => !words.slice(Math.max(0, start - SPEAK_WINDOW), start).some((w) => SPEAK.has(w)));
  if (subjects.length > 0) {
    const cued = subjects.some(({ start, end }) => {
      for (let k = Math.max(0, start - CUE_WINDOW); k < Math.min(words.length, end + CUE_WINDOW); k++) {
        if ((k < start || k >= end) && HELP_CUES.has(words[k]!)) return true;
      }
      return false;
    });
    // In the answer, a subject alone, or listed first beside another need ("French and a training").
    const first = subjects.some(({ start }) => start === 0 || (start === 1 && LEADING.has(words[0]!)));
    if (cued || (answer && (found.size === 0 || first))) out.push('school_support');
  }
  // "je sais pas quoi faire", "jsp lequel", "idk what to do", "je sais pas dans quelle filière".
  const wh = spans(words, WH_WORDS);
  let j = 0;
  for (const dk of spans(words, DONT_KNOW)) {
    while (j < wh.length && wh[j]!.start < dk.end) j++;
    const w = j < wh.length && wh[j]!.start <= dk.end + WH_WINDOW ? wh[j]! : null;
    if (!w) continue;
    const word = words.slice(w.start, w.end).join(' ');
    // "quoi" / "what" needs a verb after ("quoi faire", "what to do"); "lequel", "which" stand alone.
    // So do "if I should", "whether", "si je dois" ("I don't know if I should go to a lycée pro", not "…tell you this").
    const needsVerb = word === 'quoi' || word === 'what' || word === 'ce que' || word === 'ce qu' || IF_WORDS.has(word);
    const tail = words.slice(w.end, w.end + 3);
    if (!needsVerb || tail.some((t) => DO_VERBS.has(t)) || w.end === words.length) { out.push('orientation'); break; }
  }
  // "je veux faire médecine", "wanna do nursing", "je veux devenir infirmière".
  if (followedWithin(spans(words, AIM_VERBS), spans(words, STUDY_FIELDS), 2)) out.push('orientation');
  // "ouvrir mon salon de coiffure", "launch a clothing brand", "start a small bakery".
  const business = spans(words, BUSINESS_NOUNS);
  if (followedWithin(spans(words, OPEN_VERBS), business, NOUN_WINDOW)) out.push('entrepreneurship');
  // "mon projet de resto africain", "une idée d'application mobile": a business planned.
  else if (followedWithin(spans(words, PROJECT_NOUNS), business, PROJECT_WINDOW)) out.push('entrepreneurship');
  // "je voudrais savoir si je peux faire un BTS", "I wonder which engineering schools…": asking about a course or a trade.
  if (!out.includes('orientation') && followedWithin(spans(words, KNOW_VERBS), spans(words, STUDY_FIELDS), KNOW_WINDOW)) out.push('orientation');
  return out;
}

/** Words after which "pas" starts a denial rather than a lack ("non pas le stage", "mais pas l'orientation"). */
const DENY_BEFORE_PAS = new Set(['non', 'mais', 'et', 'ou', 'plutot', 'surtout', 'no', 'nan']);

/** "c'est pas un stage que je cherche", "not a job": the need is denied. */
function denied(words: readonly string[], start: number): boolean {
  const before = words.slice(Math.max(0, start - 3), start);
  const i = before.lastIndexOf('pas');
  if (i >= 0 && (before[i - 1] === 'est' || before[i - 1] === 'c')) return true;
  // "pas l'orientation, plutôt la confiance": "pas" with no verb before it denies what follows;
  // after a verb it tells a lack, which is the need ("elle a pas confiance", "j'ose pas").
  const p = start - before.length + i;
  if (i >= 0 && (p === 0 || DENY_BEFORE_PAS.has(words[p - 1]!))) return true;
  return before.includes('not') || before.includes('sauf') || before.includes('except');
}

/** Words between "je suis" / "I'm" and what they are ("je suis déjà auto-entrepreneur"). */
const BEFORE_TRADE = new Set(['un', 'une', 'a', 'an', 'auto', 'micro', 'deja', 'already', 'actuellement', 'currently', 'now']);
/**
 * "je suis auto-entrepreneur", "I'm self-employed", "elle est micro-entrepreneuse": what they
 * are now (their situation), not a wish to start a business. Reading it as a need sent
 * delivery riders who want to retrain to entrepreneurship programmes.
 */
function isWhatTheyAre(words: readonly string[], start: number): boolean {
  let k = start - 1;
  while (k >= 0 && start - k <= 3 && BEFORE_TRADE.has(words[k]!)) k--;
  const verb = words[k];
  // ("livreur en auto-entrepreneur", "working as a freelancer": a status too.)
  return verb === 'suis' || verb === 'am' || verb === 'est' || verb === 'es' || verb === 'en' || verb === 'as' || (verb === 'm' && words[k - 1] === 'i');
}

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
 * bac", "en galère pour trouver un stage", "g besoin d'aide en anglais", "ouvrir mon resto",
 * a NEEDS code, "autre : xxx", one misspelt word ("orientasion"). Numbered list answers
 * ("1,2") belong to the choice handling, not here.
 */
export function parseNeeds(text: string, lang: Lang, options: NeedsOptions = {}): ParseResult<ParsedNeeds, 'not_understood'> {
  void lang; // Both languages' words are accepted whatever the conversation language.
  try {
    // "I said job but I mostly need help with my homework": only the new answer.
    const cleaned = afterSaidBut(cleanText(text));
    const words = tokenize(normalize(cleaned));
    if (words.length === 0) return fail('not_understood');

    const other = findOther(cleaned);
    // Words after "autre :" are the young person's own, not more needs to detect.
    const scanned = expandTexting(other ? tokenize(normalize(cleaned.slice(0, other.labelStart))) : words);
    const needs: Need[] = [];
    const add = (n: Need) => { if (!needs.includes(n)) needs.push(n); };
    const covered = new Array<boolean>(scanned.length).fill(false);
    let otherWord = false;
    for (const m of matchPhrases(scanned, TABLE)) {
      for (let k = m.start; k < m.end; k++) covered[k] = true;
      if (m.value === 'ignore' || denied(scanned, m.start)) continue;
      if (m.value === 'entrepreneurship' && isWhatTheyAre(scanned, m.start)) continue;
      if (m.value === 'other') otherWord = true;
      add(m.value);
    }
    for (const n of patternNeeds(scanned, options.answer ?? false, new Set(needs))) add(n);
    // One clear typo of a lexicon word, only on words no phrase has read.
    for (let k = 0; k < scanned.length; k++) {
      if (covered[k]) continue;
      const n = fuzzyNeed(scanned[k]!);
      if (n && !denied(scanned, k)) add(n);
    }
    if (other) add('other');
    if (needs.length === 0) return fail('not_understood');
    // "trouver un logement": the young person's words say what the other need is.
    const otherText = other?.text ?? (otherWord && !other ? otherOwnWords(cleaned) : null);
    return ok({ needs, other: otherText });
  } catch {
    return fail('not_understood');
  }
}

/**
 * Longest message taken whole as the description of an "other" need. A longer one is a story
 * (an opening, a paragraph): storing it in a short free-text field would keep far more than the
 * need, so the bot asks what the other need is instead (privacy: a field holds what was written
 * for it, never the opening).
 */
const MAX_OWN_WORDS = 80;

/** The message as the description of an "other" need, unless it is only the word "autre" or a story. */
function otherOwnWords(cleaned: string): string | null {
  const key = tokenize(normalize(cleaned)).join(' ');
  if (key === 'autre' || key === 'other' || key === 'autre chose' || key === 'something else') return null;
  if (cleaned.length > MAX_OWN_WORDS) return null;
  return cleaned.slice(0, MAX_OTHER_LENGTH);
}

const NEED_CUES = new Set(lexicon.need_cues);
const ALL_NEEDS = compilePhrases<true>([[true, lexicon.all_needs]]);
/** Closing words that do not change an answer ("all of them lol"). */
const TRAILING_FILLERS = new Set(['lol', 'mdr', 'ptdr', 'xd', 'haha', 'quoi', 'bref', 'enfait', 'really', 'tbh', 'please', 'stp', 'svp']);

/**
 * Whether the message says it wants something ("j'ai besoin", "I need", "je cherche"): a
 * need is read in the answer to another question only then ("je suis timide" answering the
 * meeting question explains a choice, it does not add a need).
 */
export function statesNeed(text: string): boolean {
  try {
    return expandTexting(tokenize(normalize(text))).some((w) => NEED_CUES.has(w));
  } catch {
    return false;
  }
}

/** "un peu de tout", "all of them", "tout sauf les devoirs": every need, or all but some; ask which. */
export function meansAllNeeds(text: string): boolean {
  try {
    const words = expandTexting(tokenize(normalize(text)));
    while (words.length > 1 && TRAILING_FILLERS.has(words[words.length - 1]!)) words.pop();
    return matchPhrases(words, ALL_NEEDS).length > 0;
  } catch {
    return false;
  }
}
