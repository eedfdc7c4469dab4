/**
 * The choice among namesakes, apart from the question of whether a name is the place at all
 * (parsePlace.ts scores the cues): which of the communes called "Saint-Denis" a message
 * means, from what it says around the name (a département, a postal code, an arrondissement,
 * a town "near" it), and which larger towns to offer beside a village ("Aix", "Neuilly").
 */
import { compareByPopulation, type CommuneEntry, type CommuneIndex } from './CommuneIndex';
import type { TerritoryRef } from './territories';
import { MAX_CANDIDATES, type PlaceParseResult } from './types';
import { ARTICLES, COMMON_WORDS, QUALIFIER_GAP } from './vocabulary';

export const NOT_FOUND: PlaceParseResult = { ok: false, reason: 'not_found' };

/** "18", "18e", "18eme", "1er", "3rd": an arrondissement number, with or without its suffix. */
export const ORDINAL = /^(\d{1,2})(er|re|e|eme|ieme|em|me|nd|st|rd|th)?$/;
const ARRONDISSEMENT_WORDS: ReadonlySet<string> = new Set(['arrondissement', 'arr', 'arrdt', 'arrondissment', 'ardt']);
/** A longer-named commune this large, and ten times larger, is offered next to a village ("Neuilly"). */
const LARGE_NAMESAKE_POPULATION = 20000;
/** A longer-named namesake must be this many times larger than the village to be offered. */
const LARGE_NAMESAKE_RATIO = 5;
/** Words before a département number that make it one ("dans le 93", "in the 93", "du 13"). */
export const DEPARTEMENT_CUES: ReadonlySet<string> = new Set(['le', 'the', 'du']);
/** Longer names looked at when a qualifier fits no commune of the very name typed (bounded). */
const MAX_LONGER_NAMES = 200;
/** Words after a number that make it an age, not an arrondissement or a département ("Paris, 17 ans"). */
export const AGE_WORDS: ReadonlySet<string> = new Set(['ans', 'an', 'yo', 'years', 'year', 'piges', 'balais']);
/** Suffixes of an arrondissement typed apart from its number ("15 eme"). */
const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(['e', 'er', 'eme', 'ieme', 'em', 'me', 'th', 'st', 'nd', 'rd', 'arrondissement', 'arr', 'arrdt', 'ardt']);
/** Words saying "near" ("près de Lyon", "close to Lille"); "vers" means "in the area of" and is not one. */
export const NEAR_WORDS: ReadonlySet<string> = new Set([
  'pres', 'proche', 'cote', 'loin', 'autour', 'alentours', 'environs', 'near', 'nearby', 'close', 'next', 'outside', 'around',
]);

export interface Span {
  readonly start: number;
  readonly end: number;
}
export interface CommuneSpan extends Span {
  readonly entries: readonly CommuneEntry[];
}
export interface TerritorySpan extends Span {
  readonly ref: TerritoryRef;
}
export interface PostalHit {
  readonly at: number;
  readonly code: string;
  readonly entries: readonly CommuneEntry[];
}


/** What narrowNamesakes found: the communes left, and the words that said which. */
export interface Narrowed {
  readonly entries: readonly CommuneEntry[];
  /** Positions of the name and of every word that qualified it. */
  readonly used: ReadonlySet<number>;
  readonly arrondissement: number | null;
  readonly postalCode: string | null;
  /** A département said elsewhere in the message ("in the 93 (Bobigny)") held this commune. */
  readonly departementStated: boolean;
}

/**
 * Keeps the namesakes the words around the name allow: an arrondissement ("Paris 18e"), a
 * département after it or stated elsewhere ("Saint-Denis 93", "dans le 93, à Bobigny"), a
 * territory, a town it is near, a postal code. When none of the communes of the very name
 * fits, a longer name starting with it may ("Saint-Amand dans le Nord").
 */
export function narrowNamesakes(
  span: CommuneSpan,
  territorySpans: readonly TerritorySpan[],
  postalHits: readonly PostalHit[],
  words: readonly string[],
  index: CommuneIndex,
  strict: boolean,
  context: SpanContext,
): Narrowed {
  const used = new Set<number>();
  for (let i = span.start; i < span.end; i++) used.add(i);
  let entries: readonly CommuneEntry[] = span.entries;
  const spanKey = words.slice(span.start, span.end).join(' ');
  // "Saint-Amand dans le Nord", "villeneuve 47300": no commune of that very name there, but a
  // longer name starting with it is (Saint-Amand-les-Eaux, Villeneuve-sur-Lot). Not for
  // everyday words ("la croix dans le 59" is not La Croix-…).
  const nameKey = span.entries[0]?.key ?? spanKey;
  const extendable = span.entries.every((e) => e.key === nameKey) && !spanKey.split(' ').every((w) => COMMON_WORDS.has(w));
  const applied: Array<(e: CommuneEntry) => boolean> = [];
  let longer: readonly CommuneEntry[] | null = null;
  const narrow = (predicate: (e: CommuneEntry) => boolean): boolean => {
    const narrowed = entries.filter(predicate);
    if (narrowed.length > 0) {
      entries = narrowed;
      applied.push(predicate);
      return true;
    }
    if (!extendable) return false;
    longer ??= index.namesStartingWith(nameKey, MAX_LONGER_NAMES);
    const extended = longer.filter((e) => predicate(e) && applied.every((p) => p(e)));
    if (extended.length === 0) return false;
    entries = extended;
    applied.push(predicate);
    return true;
  };
  // Arrondissement ("Paris 18e", "Lyon 3") or département ("Saint-Denis 93", "Valence (26)").
  let arrondissement: number | null = null;
  const hasArrondissements = span.entries.some((e) => e.arrondissements);
  const next = words[span.end];
  // "Bonjour, Paris, 17 ans": the number is the age.
  const ordinal = next !== undefined && !AGE_WORDS.has(words[span.end + 1] ?? '') ? ORDINAL.exec(next) : null;
  if (hasArrondissements && ordinal?.[1]) {
    const number = Number(ordinal[1]);
    const isDepartement = !ordinal[2] && span.entries.some((e) => e.departement === next);
    if (!isDepartement && span.entries.some((e) => e.arrondissements?.has(number))) {
      arrondissement = number;
      used.add(span.end);
      // "Paris 15 eme", "paris 15 e arrondissement": the suffix typed apart.
      for (let i = span.end + 1; i < span.end + 3 && ORDINAL_SUFFIXES.has(words[i] ?? ''); i++) used.add(i);
    }
  }
  if (hasArrondissements && arrondissement === null) {
    // "18e arrondissement de Paris", "dans le 3e arrondissement, Lyon".
    for (const mention of context.arrondissements) {
      if (span.entries.some((e) => e.arrondissements?.has(mention.number))) {
        arrondissement = mention.number;
        used.add(mention.at);
        break;
      }
    }
  }
  let departementStated = false;
  if (arrondissement === null) {
    let at = span.end;
    while (at < words.length && at < span.end + 3 && QUALIFIER_GAP.has(words[at] ?? '')) at++;
    const departement = index.territories.departementCode(words[at] ?? '');
    if (departement && narrow((e) => e.departement === departement)) used.add(at);
    else {
      // "in the 93 (Bobigny)": a département stated elsewhere that holds this commune.
      for (const stated of context.stated) {
        if (narrow((e) => e.departement === stated.code)) {
          used.add(stated.at);
          used.add(stated.at - 1);
          departementStated = true;
        }
      }
      // "06 nice", "95 sarcelles": a number before the name, in the answer to the place question.
      if (!strict && !departementStated) {
        for (const bare of context.bareDepartements) {
          if (!used.has(bare.at) && narrow((e) => e.departement === bare.code)) used.add(bare.at);
        }
      }
    }
  }

  for (const territory of territorySpans) {
    if (overlaps(territory, span)) continue;
    if (narrow((e) => matchesTerritory(e, territory.ref))) {
      for (let i = territory.start; i < territory.end; i++) used.add(i);
      // "Le Port, à La Réunion", "Plaisir dans les Yvelines": the département said with the name.
      if (territory.ref.departements.size > 0) departementStated = true;
    }
  }

  // "St Denis near Paris": the place named after "near" tells which one.
  const near = context.nearOf.get(span);
  if (near) {
    const departements = new Set(near.entries.map((e) => e.departement));
    const regions = new Set(near.entries.map((e) => e.region));
    if (narrow((e) => departements.has(e.departement)) || narrow((e) => regions.has(e.region))) {
      for (let i = span.end; i < near.end; i++) used.add(i);
    }
  }

  let postalCode: string | null = null;
  for (const hit of postalHits) {
    if (narrow((e) => e.postalCodes.includes(hit.code))) {
      postalCode = hit.code;
      used.add(hit.at);
    }
  }

  return { entries, used, arrondissement, postalCode, departementStated };
}

/**
 * "Charleville", "Neuilly", "Aix" are villages, but people mean Charleville-Mézières,
 * Neuilly-sur-Seine, Aix-en-Provence: adds the large namesakes to `chosen`.
 */
export function offerLargeNamesakes(
  key: string,
  entries: readonly CommuneEntry[],
  chosen: Map<string, { entry: CommuneEntry; postalCode: string | null }>,
  index: CommuneIndex,
): void {
  // A former commune's own size is unknown (its entry is the commune it merged into): 0.
  const largest = Math.max(...entries.map((e) => (e.key === key ? e.population : 0)));
  const namesakes = index
    .namesStartingWith(key)
    .filter((e) => e.population >= LARGE_NAMESAKE_POPULATION && e.population >= largest * LARGE_NAMESAKE_RATIO);
  for (const entry of namesakes) if (!chosen.has(entry.code)) chosen.set(entry.code, { entry, postalCode: null });
}

export function fromEntries(
  found: ReadonlyArray<{ entry: CommuneEntry; postalCode: string | null }>,
  index: CommuneIndex,
): PlaceParseResult {
  const only = found.length === 1 ? found[0] : undefined;
  if (only) return { ok: true, value: index.toPlace(only.entry, only.postalCode) };
  if (found.length === 0) return NOT_FOUND;
  const sorted = [...found].sort((a, b) => compareByPopulation(a.entry, b.entry)).slice(0, MAX_CANDIDATES);
  return { ok: false, reason: 'ambiguous', candidates: sorted.map((f) => index.toPlace(f.entry, f.postalCode)) };
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function matchesTerritory(entry: CommuneEntry, ref: TerritoryRef): boolean {
  return ref.departements.has(entry.departement) || ref.regions.has(entry.region);
}

/** A département typed with a cue anywhere in the message ("in the 93 (Bobigny)", "dans le 69"). */
function statedDepartements(words: readonly string[], index: CommuneIndex): Array<{ at: number; code: string }> {
  const found: Array<{ at: number; code: string }> = [];
  for (let i = 1; i < words.length; i++) {
    const code = index.territories.departementCode(words[i] ?? '');
    if (code && DEPARTEMENT_CUES.has(words[i - 1] ?? '')) found.push({ at: i, code });
  }
  return found;
}

/** Every number that is a département code and not an age ("06 nice"; not "17 ans"). */
function bareDepartements(words: readonly string[], index: CommuneIndex): Array<{ at: number; code: string }> {
  const found: Array<{ at: number; code: string }> = [];
  words.forEach((word, at) => {
    if (!/^\d[\dab]{1,2}$/.test(word) || AGE_WORDS.has(words[at + 1] ?? '')) return;
    const code = index.territories.departementCode(word);
    if (code) found.push({ at, code });
  });
  return found;
}

/** Index just past a "near" phrase starting at `at` ("près de", "à côté de", "near", "close to"), or -1. */
export function nearPhraseEnd(words: readonly string[], at: number): number {
  let i = at;
  if (words[i] === 'a' && words[i + 1] === 'cote') i += 1; // "à côté de"
  else if (words[i] === 'pas' && words[i + 1] === 'loin') i += 1; // "pas loin de"
  const head = words[i];
  if (head === undefined || !NEAR_WORDS.has(head)) return -1;
  i += 1;
  if (words[i] === 'de' || words[i] === 'd' || words[i] === 'du' || words[i] === 'des' || words[i] === 'to' || words[i] === 'of') i += 1;
  return i;
}

/** Whether a longer name starting with `key` is a large town ("aix" -> Aix-en-Provence). */
export function hasLargeNamesake(key: string, index: CommuneIndex, context: SpanContext): boolean {
  let known = context.largeNamesakes.get(key);
  if (known === undefined) {
    known = index.namesStartingWith(key, 4).some((e) => e.population >= LARGE_NAMESAKE_POPULATION);
    context.largeNamesakes.set(key, known);
  }
  return known;
}

/** What readSpan needs to know about the other names of the message, computed once (linear). */
export interface SpanContext {
  /** Names that only say where another name is ("Saint-Denis près de Paris": Paris). */
  readonly qualifiers: ReadonlySet<CommuneSpan>;
  /** The name each qualifier qualifies -> that qualifier. */
  readonly nearOf: ReadonlyMap<CommuneSpan, CommuneSpan>;
  readonly stated: ReadonlyArray<{ at: number; code: string }>;
  /** Département numbers typed alone ("06 nice", "sarcelles 95"), which only the answer to the place question may use. */
  readonly bareDepartements: ReadonlyArray<{ at: number; code: string }>;
  /** Names already looked up for a large longer-named namesake (a message may repeat one). */
  readonly largeNamesakes: Map<string, boolean>;
  /** "18e arrondissement": where and which number. */
  readonly arrondissements: ReadonlyArray<{ at: number; number: number }>;
}

export function spanContext(allSpans: readonly CommuneSpan[], words: readonly string[], index: CommuneIndex): SpanContext {
  const byStart = new Map<number, CommuneSpan>();
  for (const span of allSpans) byStart.set(span.start, span);
  const qualifiers = new Set<CommuneSpan>();
  const nearOf = new Map<CommuneSpan, CommuneSpan>();
  for (const span of allSpans) {
    // "à la campagne près de Langres": an everyday word before "près de" is not a place to qualify.
    if (words.slice(span.start, span.end).every((w) => COMMON_WORDS.has(w))) continue;
    let end = nearPhraseEnd(words, span.end);
    // "Ytrac vers Aurillac": between two names, "vers" only says where the first one is.
    if (end < 0 && (words[span.end] === 'vers' || words[span.end] === 'towards')) end = span.end + 1;
    if (end < 0) continue;
    const near = byStart.get(ARTICLES.has(words[end] ?? '') ? end + 1 : end) ?? byStart.get(end);
    if (!near || near === span) continue;
    qualifiers.add(near);
    nearOf.set(span, near);
  }
  const arrondissements: Array<{ at: number; number: number }> = [];
  for (let i = 0; i < words.length; i++) {
    const match = ORDINAL.exec(words[i] ?? '');
    // "18e arrondissement", and "dans le 15e", "the 11th" ("en 3e" is a school year, not this).
    const cued = ARRONDISSEMENT_WORDS.has(words[i + 1] ?? '') || DEPARTEMENT_CUES.has(words[i - 1] ?? '');
    if (match?.[1] && match[2] && cued && !AGE_WORDS.has(words[i + 1] ?? '')) arrondissements.push({ at: i, number: Number(match[1]) });
  }
  return {
    qualifiers, nearOf, stated: statedDepartements(words, index), bareDepartements: bareDepartements(words, index),
    arrondissements, largeNamesakes: new Map(),
  };
}

