/**
 * The place slot of `understand()`: what a message says about where the young person lives,
 * with the policy the conversation needs on top of parsePlace (which stays the plain reader
 * of one answer):
 * - outside the place question a name needs a cue or must be a large commune (strict mode);
 * - a namesake much larger than the others is the one meant (Montreuil, Valence);
 * - a postal code shared by several communes gives all of them;
 * - a département alone ("dans le 93", "en Seine-Saint-Denis", "Mayotte") is a reading;
 * - "près de Lille", a région, a move ("Grenoble mais je déménage à Lyon") ask a question;
 * - after the place question, a misspelt or shortened name ("villeurbane", "sarlat") is read
 *   when one commune clearly wins.
 */
import { CommuneIndex, compareByPopulation, phoneticKey, type CommuneEntry } from './CommuneIndex';
import { normalizeName } from './normalize';
import { analysePlace, nearPhraseEnd, type PlaceAnalysis, type Span } from './parsePlace';
import type { Place, PlaceRead } from './types';
import { ARTICLES, COMMON_WORDS, FILLERS } from './vocabulary';

/** A namesake is "the one meant" when it has this many inhabitants… */
const DOMINANT_POPULATION = 10000;
/** …and this many times more than every other namesake. */
const DOMINANT_RATIO = 10;
/** Shortest answer corrected for a typo; shorter words are too close to too many names. */
const MIN_TYPO_LENGTH = 6;
/** Shortest answer read by its sound ("bordo"); "sais" sounding like Sète is a coincidence. */
const MIN_SOUND_LENGTH = 5;
/** An everyday word starting more names than this ("mont", "port") is not read as the start of one. */
const MAX_SHORTENED = 10;

/** Words saying that the place is about to change ("je déménage", "moving to"). */
const MOVE_WORDS: ReadonlySet<string> = new Set([
  'demenage', 'demenager', 'demenagerai', 'demenageons', 'demenagement', 'moving', 'relocating', 'emmenage', 'emmenager',
]);
/** "je vais partir à Paris", "I'm going to live in Lyon": a future place. */
const FUTURE_AUXILIARIES: ReadonlySet<string> = new Set(['vais', 'va', 'vas', 'allons', 'will', 'gonna', 'going', 'll']);
const FUTURE_MOVES: ReadonlySet<string> = new Set(['partir', 'habiter', 'vivre', 'demenager', 'emmenager', 'move', 'live', 'relocate']);
/** "jsp", "je sais pas": not a refusal, only no answer yet (the question is asked again). */
const DONT_KNOW: ReadonlySet<string> = new Set([
  'jsp', 'jsais pas', 'nsp', 'je sais pas', 'je ne sais pas', 'sais pas', 'chais pas', 'idk', 'i dont know', 'i don t know',
  'dunno', 'no idea', 'aucune idee', 'not sure', 'pas sur', 'je suis pas sur', 'je suis pas sure',
]);
/** Before a move word, these make it past ("j'ai déménagé à Lyon"): the new place is the place. */
const PAST_AUXILIARIES: ReadonlySet<string> = new Set(['ai', 'a', 'avons', 'avait', 'avais', 'suis', 'sommes', 'deja', 'just']);
/** Départements named like everyday words: outside the place question, only with a capital. */
const TERRITORY_WORDS: ReadonlySet<string> = new Set([
  'somme', 'manche', 'lot', 'cher', 'var', 'nord', 'ain', 'orne', 'gard', 'eure', 'aude', 'marne', 'loire', 'landes', 'creuse',
]);
/** "je suis du 13", "je viens du 93". */
const FROM_VERBS: ReadonlySet<string> = new Set(['suis', 'jsuis', 'jsui', 'chui', 'viens', 'vient', 'originaire', 'sommes', 'am', 'im', 'm']);
/** Words after a name that say it is only the nearest town ("Saint-Flour c'est le plus proche"). */
const NEAREST_WORDS: ReadonlySet<string> = new Set(['nearest', 'closest']);

/**
 * Reads the place in `text`. `asked` is the question just asked: after the place question
 * the whole message is the answer; otherwise only clear mentions count. Returns null when
 * the message says nothing about the place. Pure, never throws, linear in the text.
 */
export function readPlace(text: string, index: CommuneIndex, asked: string | null): PlaceRead | null {
  const answer = asked === 'place';
  const a = analysePlace(text, index, { strict: !answer });
  const { result, words } = a;
  if (words.length === 0) return null;

  // "Château-Chinon", "sarlat": the start of longer names, not a name itself (answer only).
  if (answer && !result.ok && result.reason !== 'declined') {
    const shortened = shortenedName(words, index);
    if (shortened) return shortened;
  }
  // "j'habite à Ivry": outside the answer, a shortened name right after "I live in" is read
  // when one town clearly wins (Ivry-sur-Seine).
  if (!answer && !result.ok && !a.communeFound && a.postalCode === null && (result.reason === 'not_found' || result.reason === 'empty')) {
    const shortened = shortenedAfterLiving(words, index);
    if (shortened) return shortened;
  }

  if (movesHouse(words) && (a.communeFound || (answer && a.territorySpans.length > 0))) return { kind: 'clarify' };

  if (result.ok || (result.reason === 'ambiguous' && a.chosenSpans.length > 0)) {
    const span = a.chosenSpans[0];
    if (span && a.chosenSpans.length === 1 && isNear(words, span)) {
      // "à côté de Lille": the commune itself is unknown. A département said too is kept.
      const departement = departementAlone(a, index, true, span);
      if (departement) return departement;
      return answer ? { kind: 'clarify' } : null;
    }
    if (result.ok) return { kind: 'commune', place: result.value };
    const candidates = result.candidates ?? [];
    const said = inDepartementSaid(candidates, words, index);
    if (said) return { kind: 'commune', place: said };
    const dominant = dominantNamesake(candidates, index);
    if (dominant) return { kind: 'commune', place: dominant };
    return candidates.length > 0 ? { kind: 'ambiguous', candidates } : null;
  }

  if (result.reason === 'ambiguous') {
    // From a postal code: all the communes that share it.
    if (a.postalCode) {
      const entries = [...index.lookupPostalCode(a.postalCode)].sort(compareByPopulation);
      const code = a.postalCode;
      return { kind: 'postalCode', code, candidates: entries.map((e) => index.toPlace(e, code)) };
    }
    const candidates = result.candidates ?? [];
    const said = inDepartementSaid(candidates, words, index);
    if (said) return { kind: 'commune', place: said };
    return candidates.length > 0 ? { kind: 'ambiguous', candidates } : null;
  }
  if (result.reason === 'declined') return answer && !DONT_KNOW.has(words.join(' ')) ? { kind: 'declined' } : null;
  if (result.reason === 'empty') return null;

  const territory = departementAlone(a, index, answer, null);
  if (territory) return territory;

  const arrondissement = arrondissementAlone(words, index, answer);
  if (arrondissement) return arrondissement;

  if (answer) {
    const corrected = correctedName(words, index);
    if (corrected) return corrected;
  }
  return null;
}

/**
 * Namesakes across départements when the message names the département too ("st ouen 93",
 * "Saint-Denis, la Réunion"): the one namesake there, or null.
 */
function inDepartementSaid(candidates: readonly Place[], words: readonly string[], index: CommuneIndex): Place | null {
  if (candidates.length < 2) return null;
  const codes = new Set<string>();
  for (const w of words) {
    const code = index.territories.departementCode(w);
    if (code) codes.add(code);
  }
  if (codes.size === 0) return null;
  const inside = candidates.filter((c) => codes.has(c.departement));
  return inside.length === 1 ? inside[0]! : null;
}

/** "je déménage à Lyon", "moving to Paris in September" (not "j'ai déménagé", which is done). */
function movesHouse(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const before = words[i - 1] ?? '';
    const isMove =
      MOVE_WORDS.has(word) ||
      (FUTURE_MOVES.has(word) && (FUTURE_AUXILIARIES.has(before) || (before === 'to' && FUTURE_AUXILIARIES.has(words[i - 2] ?? ''))));
    if (!isMove) continue;
    if (PAST_AUXILIARIES.has(words[i - 1] ?? '') && word !== 'moving') continue;
    return true;
  }
  return false;
}

/** A "near" phrase just before the name ("près de Langres"), or "the closest" just after it. */
function isNear(words: readonly string[], span: Span): boolean {
  for (let start = Math.max(0, span.start - 4); start < span.start; start++) {
    const end = nearPhraseEnd(words, start);
    if (end < 0) continue;
    const at = ARTICLES.has(words[end] ?? '') ? end + 1 : end;
    if (at === span.start || end === span.start) return true;
  }
  for (let i = span.end; i < Math.min(words.length, span.end + 5); i++) {
    const word = words[i] ?? '';
    if (NEAREST_WORDS.has(word)) return true;
    if (word === 'plus' && (words[i + 1] === 'proche' || words[i + 1] === 'pres')) return true;
  }
  return false;
}

/**
 * A département without a commune: a name ("en Seine-Saint-Denis", "Mayotte", "à la Réunion")
 * or a number with its article ("dans le 93", "the 93", "du 13", or "93" alone after the
 * place question). A région or several départements ask a question when `answer`.
 */
function departementAlone(a: PlaceAnalysis, index: CommuneIndex, answer: boolean, ignore: Span | null): PlaceRead | null {
  const { words } = a;
  const territories = index.territories;
  const found = new Set<string>();
  let region = false;
  for (const span of a.territorySpans) {
    if (ignore && span.start < ignore.end && ignore.start < span.end) continue;
    if (!answer && !territoryCued(words, span.start)) continue;
    // "en somme", "un lot de", "c'est cher": a département named like a word, typed as one.
    const name = words.slice(span.start, span.end).join(' ');
    if (!answer && TERRITORY_WORDS.has(name) && !a.tokens[span.start]?.capitalised) continue;
    if (span.ref.departements.size === 1) for (const d of span.ref.departements) found.add(d);
    else region = true;
  }
  const meaningful = words.filter((w) => !FILLERS.has(w));
  for (let i = 0; i < words.length; i++) {
    const code = territories.departementCode(words[i] ?? '');
    if (!code) continue;
    const before = words[i - 1];
    // "dans le 93", "in the 93", "je suis du 13"; not "du 13 au 20 juillet" in passing.
    const cued =
      (before === 'du' && (answer || FROM_VERBS.has(words[i - 2] ?? ''))) ||
      ((before === 'le' || before === 'the') && (answer || ['dans', 'in', 'of'].includes(words[i - 2] ?? '')));
    if (cued || (answer && meaningful.length === 1)) found.add(code);
  }
  if (found.size === 1) return { kind: 'departement', code: [...found][0] ?? '' };
  if (found.size > 1 || region) return answer ? { kind: 'clarify' } : null;
  return null;
}

/** The three communes divided into arrondissements (Paris, Marseille, Lyon). */
const WITH_ARRONDISSEMENTS = ['75056', '13055', '69123'];
const ARRONDISSEMENT = /^(\d{1,2})(er|e|eme|ieme|em|me|nd|st|rd|th)$/;
const ARRONDISSEMENT_AFTER: ReadonlySet<string> = new Set(['arrondissement', 'arr', 'arrdt', 'ardt', 'arrondissment']);
const LIVE_WORDS: ReadonlySet<string> = new Set(['habite', 'jhabite', 'vis', 'live', 'living', 'lives']);

/**
 * "dans le 17e", "le 3e arrondissement" without the city: the cities that have that
 * arrondissement (the 17th is Paris's only; the 3rd is asked). After the place question, or
 * with "j'habite"; "en 3e" is a class, never this.
 */
function arrondissementAlone(words: readonly string[], index: CommuneIndex, answer: boolean): PlaceRead | null {
  if (!answer && !words.some((w) => LIVE_WORDS.has(w))) return null;
  let number: number | null = null;
  for (let i = 0; i < words.length; i++) {
    const m = ARRONDISSEMENT.exec(words[i] ?? '');
    if (!m?.[1]) continue;
    const before = words[i - 1] ?? '';
    if (ARRONDISSEMENT_AFTER.has(words[i + 1] ?? '') || before === 'le' || before === 'the') {
      if (number !== null && number !== Number(m[1])) return null;
      number = Number(m[1]);
    }
  }
  if (number === null) return null;
  const found: Place[] = [];
  for (const code of WITH_ARRONDISSEMENTS) {
    const entry = index.lookupCode(code);
    const postal = entry?.arrondissements?.get(number)?.[0];
    if (entry && postal) found.push(index.toPlace(entry, postal));
  }
  if (found.length === 1) return { kind: 'commune', place: found[0]! };
  return found.length > 1 ? { kind: 'ambiguous', candidates: found } : null;
}

/** "en Bretagne", "dans la Loire", "à Mayotte", "in Lozère", "de Seine-Saint-Denis". */
function territoryCued(words: readonly string[], start: number): boolean {
  let at = start - 1;
  if (ARTICLES.has(words[at] ?? '')) at -= 1;
  return ['en', 'dans', 'a', 'au', 'in', 'from', 'du', 'de', 'd', 'sur'].includes(words[at] ?? '');
}

/**
 * The namesake meant when one is large and the others villages ("Montreuil" is the one of
 * the 93, "Valence" the one of the Drôme), or null. Only among communes of the same name:
 * "Saint-Ouen" offered with Saint-Ouen-sur-Seine and Saint-Ouen-l'Aumône stays a question.
 */
function dominantNamesake(candidates: readonly Place[], index: CommuneIndex): Place | null {
  if (candidates.length < 2) return null;
  const key = normalizeName(candidates[0]?.name ?? '');
  if (!candidates.every((c) => normalizeName(c.name) === key)) return null;
  const sizes = candidates.map((c) => index.lookupCode(c.commune)?.population ?? 0);
  const order = sizes.map((size, i) => ({ size, i })).sort((x, y) => y.size - x.size);
  const first = order[0];
  const second = order[1];
  if (!first || !second) return null;
  if (first.size < DOMINANT_POPULATION || first.size < second.size * DOMINANT_RATIO) return null;
  return candidates[first.i] ?? null;
}

/**
 * After the place question, a name that matched nothing: the start of a longer name ("sarlat"
 * -> Sarlat-la-Canéda, "Château-Chinon" -> two communes) or a typo ("tourcoin", "bordo").
 * Read only when one commune clearly wins; several of similar size are offered.
 */
function correctedName(words: readonly string[], index: CommuneIndex): PlaceRead | null {
  const meaningful = words.filter((w) => !FILLERS.has(w));
  if (meaningful.length === 0 || meaningful.length > 4 || meaningful.some((w) => /\d/.test(w))) return null;
  const query = meaningful.join(' ');
  if (query.length < 4 || query.length > 40) return null;


  if (query.length < MIN_SOUND_LENGTH || DONT_KNOW.has(query) || meaningful.every((w) => COMMON_WORDS.has(w))) return null;
  const maxDistance = query.length >= 10 ? 2 : 1;
  const close = query.length >= MIN_TYPO_LENGTH ? index.closeNames(query, maxDistance) : [];
  // "je sais pas" would sound like Sète: only keys long enough to be a name.
  const sounding = phoneticKey(query).length >= MIN_SOUND_LENGTH - 1 ? index.soundsLike(query) : [];
  // Every candidate at the smallest distance, then names that sound the same ("bordo").
  const best = close.length > 0 ? close : sounding;
  if (best.length === 0) return null;
  return winner(best, index, true);
}

const LIVING: ReadonlySet<string> = new Set(['habite', 'jhabite', 'habitons', 'vis', 'vit', 'vivons', 'loge', 'live', 'lives', 'living']);

/** "j'habite à Ivry", "I live in Aulnay": the one large town whose name starts with the word after "live in". */
function shortenedAfterLiving(words: readonly string[], index: CommuneIndex): PlaceRead | null {
  for (let i = 2; i < words.length; i++) {
    if (!['a', 'in', 'au'].includes(words[i - 1] ?? '') || !LIVING.has(words[i - 2] ?? '')) continue;
    const word = words[i] ?? '';
    if (word.length < 4 || COMMON_WORDS.has(word) || /\d/.test(word) || index.lookupName(word).length > 0) continue;
    const read = winner(index.namesStartingWith(word, MAX_SHORTENED + 1), index);
    return read?.kind === 'commune' ? read : null;
  }
  return null;
}

/** The communes whose names start with the whole answer ("sarlat" -> Sarlat-la-Canéda), if any. */
function shortenedName(words: readonly string[], index: CommuneIndex): PlaceRead | null {
  const meaningful = words.filter((w) => !FILLERS.has(w));
  if (meaningful.length === 0 || meaningful.length > 4 || meaningful.some((w) => /\d/.test(w))) return null;
  const query = meaningful.join(' ');
  if (query.length < 4 || index.lookupName(query).length > 0) return null;
  const prefixed = index.namesStartingWith(query, MAX_SHORTENED + 1);
  // "saint", "mont", "port": an everyday word that starts dozens of names, not one of them.
  if (prefixed.length > MAX_SHORTENED && meaningful.every((w) => COMMON_WORDS.has(w))) return null;
  return prefixed.length > 0 ? winner(prefixed, index) : null;
}

/** One commune, or the largest when it dwarfs the rest; several of similar size: ask. */
function winner(entries: readonly CommuneEntry[], index: CommuneIndex, guess = false): PlaceRead | null {
  const unique = [...new Map(entries.map((e) => [e.code, e])).values()].sort(compareByPopulation);
  const first = unique[0];
  if (!first) return null;
  const second = unique[1];
  if (!second || (first.population >= DOMINANT_POPULATION && first.population >= second.population * DOMINANT_RATIO)) {
    // A guessed spelling must at least be a town: a typo that lands on a hamlet is a coincidence.
    if (guess && first.population < DOMINANT_POPULATION / 5) return null;
    return { kind: 'commune', place: index.toPlace(first) };
  }
  if (guess) return null;
  return { kind: 'ambiguous', candidates: unique.slice(0, 8).map((e) => index.toPlace(e)) };
}
