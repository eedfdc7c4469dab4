/**
 * Reads a commune out of what a young person typed when asked where they live:
 * a name ("Lyon", "st etienne"), a postal code ("69003"), a sentence ("j'habite à
 * Villeurbanne", "I live in Lille"), with or without a département ("Saint-Denis (974)").
 * This module finds the names and scores the cues that make one of them the place meant;
 * which of several namesakes it is comes from namesakes.ts.
 */
import { CommuneIndex, type CommuneEntry } from './CommuneIndex';
import {
  fromEntries, hasLargeNamesake, narrowNamesakes, NOT_FOUND, offerLargeNamesakes, spanContext,
  type CommuneSpan, type PostalHit, type Span, type SpanContext, type TerritorySpan,
} from './namesakes';
import { tokenize, type Token } from './normalize';
import { TerritoryIndex } from './territories';
import { cleanText } from '../text';
import { MAX_CANDIDATES, type Place, type PlaceParseResult } from './types';
import {
  ARTICLES,
  COMMON_WORDS,
  CUES,
  DECLINE_EXACT,
  DECLINE_PHRASES,
  FILLERS,
  TERRITORY_CUES,
} from './vocabulary';

export const EMPTY: PlaceParseResult = { ok: false, reason: 'empty' };
export const DECLINED: PlaceParseResult = { ok: false, reason: 'declined' };
export { NOT_FOUND };
export { nearPhraseEnd, NEAR_WORDS, type Span, type TerritorySpan } from './namesakes';

export const POSTAL_CODE = /^\d{5}$/;

/** Score of a name that makes up the whole answer, above any combination of the hints below. */
const WHOLE_ANSWER = 10;
/** Paris is a commune and a département at once: its name never means "only the département". */
const PARIS = '75056';
/** A commune smaller than this loses its name to the département or région it shares it with. */
const SMALL_HOMONYM_POPULATION = 20000;
/** Cues that introduce a commune rather than a territory ("à Mayenne" vs "en Mayenne"). */
const COMMUNE_CUES: ReadonlySet<string> = new Set(['a', 'au', 'aux']);
/** Verbs of living somewhere, which make the name after them the answer over other names. */
const RESIDENCE: ReadonlySet<string> = new Set([
  'habite', 'habites', 'habitons', 'habitez', 'vis', 'vit', 'vivons', 'reside', 'loge', 'live', 'lives', 'living', 'based',
]);
const FIRST_PERSON: ReadonlySet<string> = new Set(['j', 'je', 'on', 'nous', 'i', 'we', 'im', 'm', 'am', 'are']);
/** Below this, a name inside a sentence is too likely to be an ordinary word or a first name. */
const MIN_SCORE = 2;
/** Outside the place question, a commune this large and not an everyday word counts without a cue ("…, colmar"). */
const LARGE_COMMUNE_POPULATION = 20000;
/** "à la Réunion" is the island, not the village of 524 people named La Réunion. */
const SMALL_COMMUNE_POPULATION = 2000;
/** Outside the place question, a lowercase village name below this needs "j'habite" or a capital. */
const VILLAGE_POPULATION = 2000;
/** A name reached without its article ("tech" -> Le Tech) needs this size, or a capital, outside the place question. */
const BARE_NAME_POPULATION = 10000;
/** Cues too common in other uses to introduce a commune on their own ("en ligne", "de l'aide", "c'est"). */
const WEAK_CUES: ReadonlySet<string> = new Set(['en', 'de', 'd', 'du', 'des', 'est', 'c', 'cest', 'to', 'entre', 'dans']);
const NEGATIONS: ReadonlySet<string> = new Set(['pas', 'not', 'non', 'plus', 'nor']);
/** Words after which a name is a first name ("je m'appelle", "my name is"). */
const NAME_VERBS: ReadonlySet<string> = new Set(['appelle', 'apelle', 'mappelle', 'called', 'prenom', 'surnom', 'named']);
/** Contracted articles: "au" is "à le", "aux" "à les", "du" "de le". */
const CONTRACTED: ReadonlyMap<string, string> = new Map([['au', 'le'], ['aux', 'les'], ['du', 'le']]);

interface Reading {
  readonly score: number;
  readonly span: Span;
  /** The words of the name as typed (normalised). */
  readonly key: string;
  /** True when a département, région, postal code or arrondissement was given with the name. */
  readonly qualified: boolean;
  readonly entries: readonly CommuneEntry[];
  /** Postal code to report for a given commune, when the answer said which one. */
  readonly postalCodeFor: (entry: CommuneEntry) => string | null;
}

/** Options of the place reader. */
export interface PlaceOptions {
  /**
   * The message is not an answer to "where do you live?" (an opening, another question's
   * answer): a name counts only with a place cue ("à", "in", "j'habite") or when it is a large
   * commune that is not an everyday word; "Bosse", "Aucun", "Le Tech" are left alone.
   */
  readonly strict?: boolean;
}

/** Everything the place reader saw, for callers that apply their own policy (readPlace). */
export interface PlaceAnalysis {
  readonly result: PlaceParseResult;
  readonly tokens: readonly Token[];
  readonly words: readonly string[];
  readonly territorySpans: readonly TerritorySpan[];
  /** Spans of the names behind the result (empty when it came from a postal code or nothing). */
  readonly chosenSpans: readonly Span[];
  /** The result came from a postal code alone: `postalCode` is that code. */
  readonly postalCode: string | null;
  /** Some commune name was found and read as a place (even if not retained). */
  readonly communeFound: boolean;
}

/** Parses a free-text answer to "where do you live?". Never throws; linear in the input length. */
export function parsePlace(text: string, index: CommuneIndex = CommuneIndex.load(), options: PlaceOptions = {}): PlaceParseResult {
  return analysePlace(text, index, options).result;
}

/** parsePlace, with what it saw on the way. */
export function analysePlace(text: string, index: CommuneIndex = CommuneIndex.load(), options: PlaceOptions = {}): PlaceAnalysis {
  const blank = (result: PlaceParseResult, tokens: readonly Token[] = [], words: readonly string[] = []): PlaceAnalysis => ({
    result, tokens, words, territorySpans: [], chosenSpans: [], postalCode: null, communeFound: false,
  });
  if (typeof text !== 'string') return blank(EMPTY);
  // cleanText strips markup and control characters and caps the length (MAX_TEXT_LENGTH).
  const tokens = tokenize(cleanText(text));
  if (tokens.length === 0) return blank(EMPTY);
  const words = tokens.map((t) => t.norm);
  const joined = words.join(' ');
  if (DECLINE_EXACT.has(joined)) return blank(DECLINED, tokens, words);
  const strict = options.strict === true;

  // "Paris-Saclay" in a message: not the département of Paris either (see readSpan).
  const territorySpans = scanTerritories(words, index.territories).filter((t) => !strict || !hyphenedToName(tokens, t));
  const communeSpans = scanCommunes(words, index, tokens.map((t) => t.capitalised));
  const postalHits = findPostalCodes(words, index);
  const done = (result: PlaceParseResult, chosenSpans: readonly Span[] = [], postalCode: string | null = null): PlaceAnalysis => ({
    result, tokens, words, territorySpans, chosenSpans, postalCode, communeFound: chosenSpans.length > 0,
  });

  const context = spanContext(communeSpans, words, index);
  const readings: Reading[] = [];
  for (const span of communeSpans) {
    const reading = readSpan(span, communeSpans, territorySpans, postalHits, tokens, words, index, strict, context);
    if (reading) readings.push(reading);
  }

  if (readings.length > 0) {
    const best = Math.max(...readings.map((r) => r.score));
    const top = readings.filter((r) => r.score === best);
    const chosen = new Map<string, { entry: CommuneEntry; postalCode: string | null }>();
    for (const r of top) {
      for (const entry of r.entries) {
        if (!chosen.has(entry.code)) chosen.set(entry.code, { entry, postalCode: r.postalCodeFor(entry) });
      }
    }
    const only = top.length === 1 ? top[0] : undefined;
    if (only && !only.qualified) offerLargeNamesakes(only.key, only.entries, chosen, index);
    return done(fromEntries([...chosen.values()], index), top.map((r) => r.span));
  }

  if (postalHits.length > 0) {
    const chosen = new Map<string, { entry: CommuneEntry; postalCode: string | null }>();
    for (const hit of postalHits) {
      for (const entry of hit.entries) {
        if (!chosen.has(entry.code)) chosen.set(entry.code, { entry, postalCode: hit.code });
      }
    }
    const codes = new Set(postalHits.map((h) => h.code));
    return done(fromEntries([...chosen.values()], index), [], codes.size === 1 ? (postalHits[0]?.code ?? null) : null);
  }

  const padded = ` ${joined} `;
  if (DECLINE_PHRASES.some((p) => padded.includes(` ${p} `))) return done(DECLINED);

  // A département or région alone ("en Bretagne") needs a commune, not look-alike villages.
  const suggestions = territorySpans.length > 0 || strict ? [] : suggest(words, index);
  return done(suggestions.length > 0 ? { ok: false, reason: 'not_found', candidates: suggestions } : NOT_FOUND);
}


/** Label for buttons and summaries: "Lyon (69)", "Saint-Denis (974)". */
export function formatPlace(place: Pick<Place, 'name' | 'departement'>): string {
  return `${place.name} (${place.departement})`;
}

// ---------------------------------------------------------------------------------------


/**
 * Finds commune names as word n-grams, longest first at each position: one map read per
 * (position, length), so a message costs O(words × longest name), whatever the data size.
 */
export function scanCommunes(words: readonly string[], index: CommuneIndex, capitalised: readonly boolean[] = []): CommuneSpan[] {
  const spans: CommuneSpan[] = [];
  const maxLength = index.maxNameTokens;
  for (let start = 0; start < words.length; ) {
    let matched = 0;
    if (!/^\d/.test(words[start] ?? '')) {
      for (let length = Math.min(maxLength, words.length - start); length >= 1; length--) {
        const key = words.slice(start, start + length).join(' ');
        // The article-less fallback ("havre" -> Le Havre) is not for everyday words ("saint").
        let entries = index.lookupName(key, !(length === 1 && COMMON_WORDS.has(key)));
        // "au Lamentin" is Le Lamentin (972), not Lamentin (971): "au", "aux", "du" carry the article.
        const article = CONTRACTED.get(words[start - 1] ?? '');
        // An everyday word takes the article only when typed as a name: "au Port" is Le Port (974),
        // "au port" stays the harbour.
        if (entries.length > 0 && article && (capitalised[start] === true || !key.split(' ').every((w) => COMMON_WORDS.has(w)))) {
          const withArticle = index.lookupName(`${article} ${key}`, false);
          if (withArticle.length > 0) entries = withArticle;
        }
        if (entries.length > 0) {
          spans.push({ start, end: start + length, entries });
          matched = length;
          break;
        }
      }
    }
    start += matched > 0 ? matched : 1;
  }
  return spans;
}

/** A capitalised word hyphened to the span, before or after it: another proper name ("Paris-Saclay", "Aix-Marseille"). */
function hyphenedToName(tokens: readonly Token[], span: Span): boolean {
  const after = tokens[span.end];
  if (after?.hyphenated && after.capitalised && !/^\d/.test(after.norm)) return true;
  return !!tokens[span.start]?.hyphenated && !!tokens[span.start - 1]?.capitalised && !ARTICLES.has(tokens[span.start - 1]!.norm);
}

export function scanTerritories(words: readonly string[], territories: TerritoryIndex): TerritorySpan[] {
  const spans: TerritorySpan[] = [];
  for (let start = 0; start < words.length; ) {
    let matched = 0;
    for (let length = Math.min(territories.maxNameTokens, words.length - start); length >= 1; length--) {
      const ref = territories.lookup(words.slice(start, start + length).join(' '));
      if (ref) {
        spans.push({ start, end: start + length, ref });
        matched = length;
        break;
      }
    }
    start += matched > 0 ? matched : 1;
  }
  return spans;
}

function findPostalCodes(words: readonly string[], index: CommuneIndex): PostalHit[] {
  const hits: PostalHit[] = [];
  words.forEach((word, at) => {
    if (!POSTAL_CODE.test(word)) return;
    const entries = index.lookupPostalCode(word);
    if (entries.length > 0) hits.push({ at, code: word, entries });
  });
  return hits;
}

/** The cue word just before a span, looking past one article ("à la", "dans le"), or null. */
function cueBefore(words: readonly string[], start: number): string | null {
  let at = start - 1;
  const previous = words[at];
  if (previous !== undefined && ARTICLES.has(previous) && !ARTICLES.has(words[start] ?? '')) at -= 1;
  const cue = words[at];
  return cue !== undefined && CUES.has(cue) ? cue : null;
}

function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && outer.end >= inner.end;
}

/** The word before `at`, looking past one article, or undefined. */
function wordBefore(words: readonly string[], at: number): { word: string | undefined; at: number } {
  let i = at - 1;
  if (ARTICLES.has(words[i] ?? '') && i > 0) i -= 1;
  return { word: words[i], at: i };
}

/** "pas Lyon", "c pas à Marseille", "not Lyon": the name is the one being corrected away. */
function negated(words: readonly string[], start: number): boolean {
  let { word, at } = wordBefore(words, start);
  if (word !== undefined && CUES.has(word) && !NEGATIONS.has(word)) ({ word, at } = wordBefore(words, at));
  void at;
  return word !== undefined && NEGATIONS.has(word);
}

/** "moi c'est Nancy", "je m'appelle Florence", "I'm Antony": a first name, not a place. */
function introducesName(words: readonly string[], start: number): boolean {
  const w1 = words[start - 1];
  const w2 = words[start - 2];
  const w3 = words[start - 3];
  if (w1 === undefined) return false;
  if (NAME_VERBS.has(w1)) return true;
  if (w1 === 'is' && (w2 === 'name' || w3 === 'name')) return true;
  if ((w1 === 'c' || w1 === 'cest') && w2 === 'moi') return true;
  if (w1 === 'est' && w2 === 'c' && w3 === 'moi') return true;
  if (w1 === 'suis' && (w2 === 'je' || w2 === 'j')) return true;
  if ((w1 === 'm' && w2 === 'i') || (w1 === 'am' && w2 === 'i')) return true;
  return w1 === 'im' || w1 === 'jsuis' || w1 === 'chui' || w1 === 'jsui';
}

/**
 * Decides whether a commune name found in the message is the answer, and how strongly:
 * the whole answer beats a name after "à"/"in", which beats a capitalised word.
 */
function readSpan(
  span: CommuneSpan,
  allSpans: readonly CommuneSpan[],
  territorySpans: readonly TerritorySpan[],
  postalHits: readonly PostalHit[],
  tokens: readonly Token[],
  words: readonly string[],
  index: CommuneIndex,
  strict: boolean,
  context: SpanContext,
): Reading | null {
  const spanLength = span.end - span.start;
  // "Saint-Denis" inside "Seine-Saint-Denis" is the département, not the commune.
  if (territorySpans.some((t) => contains(t, span) && t.end - t.start > spanLength)) return null;
  // "c pas Marseille c Aubagne", "I live in Lille, not Lyon": the other name is the answer.
  if (allSpans.length > 1 && negated(words, span.start)) return null;
  // "Lyon près de…": a second name after a "near" word only says where the first one is.
  if (context.qualifiers.has(span)) return null;
  if (strict && introducesName(words, span.start)) return null;
  // "Université Paris-Saclay", "Paris-Dauphine": a capitalised word hyphened to the name makes
  // another proper name (the longer commune names were matched whole before).
  if (strict && hyphenedToName(tokens, span)) return null;

  const cue = cueBefore(words, span.start);
  const capitalised = tokens[span.start]?.capitalised ?? false;
  const sameAsTerritory = territorySpans.some((t) => t.start === span.start && t.end === span.end);
  if (sameAsTerritory && !span.entries.every((e) => e.code === PARIS)) {
    // "La Réunion" is also a commune of Lot-et-Garonne, "Loire" one of Maine-et-Loire. The
    // name is the territory when another commune is named, after "en"/"dans", or when the
    // homonymous commune is small, unless "à" insists on a commune of some size ("à Mayenne").
    if (allSpans.length > 1 || (cue !== null && TERRITORY_CUES.has(cue))) return null;
    const communeCue = cue !== null && COMMUNE_CUES.has(cue);
    const floor = communeCue ? SMALL_COMMUNE_POPULATION : SMALL_HOMONYM_POPULATION;
    if (span.entries.every((e) => e.population < floor)) return null;
  }

  const spanKey = words.slice(span.start, span.end).join(' ');
  // "tech" reached Le Tech only through its article: an ordinary word, unless typed as a name.
  const throughBareName = span.entries.every((e) => e.key !== spanKey);
  if (strict && throughBareName && !ARTICLES.has(words[span.start - 1] ?? '') && !capitalised) {
    if (span.entries.every((e) => e.population < BARE_NAME_POPULATION)) return null;
  }

  // Which of the namesakes, from the département, postal code, arrondissement or town said with it.
  const { entries, used, arrondissement, postalCode, departementStated } = narrowNamesakes(span, territorySpans, postalHits, words, index, strict, context);

  // How sure are we that this name is the place meant?
  const spanWords = words.slice(span.start, span.end);
  let others = 0;
  let allFillers = true;
  for (let i = 0; i < words.length; i++) {
    if (used.has(i)) continue;
    others++;
    if (!FILLERS.has(words[i] ?? '')) allFillers = false;
  }
  // "Y", "Eu", "Oô": only when the answer is nothing else (a département may follow).
  if (spanWords.join(' ').length <= 2 && others > 0) return null;

  const largest = Math.max(...entries.map((e) => e.population));
  const common = spanWords.every((w) => COMMON_WORDS.has(w));
  // "Fort-de-France" is three everyday words, but no one says them together by chance.
  const weak = common && !(spanWords.filter((w) => !ARTICLES.has(w)).length > 1 && largest >= LARGE_COMMUNE_POPULATION);
  const large = !weak && largest >= LARGE_COMMUNE_POPULATION;
  let score: number;
  if (allFillers && (others === 0 || !weak || (cue !== null && !WEAK_CUES.has(cue))) && (!strict || (cue !== null && (!weak || capitalised)) || large)) {
    // "Lyon", "j'habite à Villeurbanne", "à Gap": nothing else was said. An everyday word
    // needs its cue even here ("je suis chez ma mère" must not give Méré).
    score = WHOLE_ANSWER;
  } else {
    // "in nice", "à Tours": a large commune named like an everyday word, after a real cue.
    const cueVouches = cue !== null && (capitalised || (largest >= LARGE_COMMUNE_POPULATION && !WEAK_CUES.has(cue)));
    // "Le Port, à La Réunion": a name typed as one, with its département said, is the place.
    if (weak && !cueVouches && !(capitalised && departementStated)) return null;
    // "à la croix rouge": an article the commune's name does not carry makes it a noun.
    const article = words[span.start - 1];
    if (weak && !capitalised && article !== undefined && ARTICLES.has(article) && !entries.some((e) => e.key.startsWith(`${article} `))) return null;
    let atStart = true;
    for (let i = 0; i < span.start; i++) if (!FILLERS.has(words[i] ?? '')) atStart = false;
    // "I'm from Paris but I live in Lyon": where one lives beats where one comes from.
    // Only in the first person: "mon père vit à Marseille mais moi à Lyon" stays ambiguous.
    let residence = false;
    for (let i = Math.max(0, span.start - 3); i < span.start; i++) {
      if (!RESIDENCE.has(words[i] ?? '')) continue;
      const subject = [words[i - 1], words[i - 2]];
      if (subject.some((w) => w !== undefined && FIRST_PERSON.has(w))) residence = true;
    }
    if (strict) {
      // Outside the answer to the place question: a cue, a first-person "I live", a stated
      // département or a large commune; a village typed in lowercase after a bare "a" is
      // too often an ordinary word ("talk to a real person").
      const strongCue = cue !== null && !WEAK_CUES.has(cue);
      const evidence = strongCue || residence || departementStated || large || (cue !== null && capitalised);
      if (!evidence) return null;
      if (!capitalised && !residence && !large && !departementStated && largest < VILLAGE_POPULATION) {
        // "à aix": a village, but the name people mean is that of larger towns (Aix-en-Provence).
        if (!strongCue || !hasLargeNamesake(spanKey, index, context)) return null;
      }
      score =
        (strongCue ? 2 : cue !== null ? 1 : 0) + (residence ? 2 : 0) + (capitalised ? 1 : 0) + (large ? 2 : 0) +
        (departementStated ? 2 : 0) + (spanLength > 1 ? 1 : 0);
    } else {
      score =
        (cue !== null ? 2 : 0) + (residence ? 2 : 0) + (capitalised ? 1 : 0) + (spanLength > 1 ? 2 : 0) +
        (atStart ? 1 : 0) + (large ? 2 : 0) + (departementStated ? 2 : 0);
    }
    if (score < MIN_SCORE) return null;
  }

  const chosenArrondissement = arrondissement;
  return {
    score,
    key: spanWords.join(' '),
    qualified: used.size > spanLength,
    entries,
    span: { start: span.start, end: span.end },
    postalCodeFor: (entry) => {
      if (chosenArrondissement !== null) {
        const codes = entry.arrondissements?.get(chosenArrondissement);
        if (codes?.[0]) return codes[0];
      }
      return postalCode !== null && entry.postalCodes.includes(postalCode) ? postalCode : null;
    },
  };
}

/**
 * Close spellings for an answer that matched nothing ("Villeurbane", "Marseile"), offered as
 * "did you mean…?". Only for short answers, where the whole answer is meant to be a name.
 */
function suggest(words: readonly string[], index: CommuneIndex): Place[] {
  const meaningful = words.filter((w) => !FILLERS.has(w));
  if (meaningful.length === 0 || meaningful.length > 4) return [];
  if (meaningful.some((w) => /\d/.test(w))) return [];
  const query = meaningful.join(' ');
  if (query.length < 5 || query.length > 40) return [];
  const maxDistance = query.length >= 9 ? 2 : 1;
  // "Boulogne" -> Boulogne-sur-Mer, Boulogne-Billancourt; then spelling mistakes.
  const found = [...index.namesStartingWith(query), ...index.closeNames(query, maxDistance)];
  const unique = [...new Map(found.map((e) => [e.code, e])).values()];
  return unique.slice(0, MAX_CANDIDATES).map((entry) => index.toPlace(entry));
}
