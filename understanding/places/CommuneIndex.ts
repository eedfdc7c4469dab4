/**
 * In-memory index of French communes, built once from @etalab/decoupage-administratif.
 *
 * Lookups are map reads (name -> communes, postal code -> communes) so reading a message
 * never loops over the ~35,000 communes.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { normalizeName, withoutLeadingArticle } from './normalize';
import { TerritoryIndex, dataDirectory } from './territories';
import type { Place } from './types';

/** One commune as the parser needs it; deliberately smaller than the raw record. */
export interface CommuneEntry {
  /** INSEE code, e.g. "69123". */
  readonly code: string;
  readonly name: string;
  /** Normalised name, the key it is indexed under. */
  readonly key: string;
  readonly departement: string;
  readonly region: string;
  /** Postal codes, the first being the one used when the user gave none. */
  readonly postalCodes: readonly string[];
  readonly population: number;
  /** Municipal arrondissement number -> its postal codes (Paris, Lyon, Marseille only). */
  readonly arrondissements?: ReadonlyMap<number, readonly string[]>;
}

/** The subset of a communes.json record read here. */
export interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  commune?: string;
  /** For a commune déléguée or associée: the current commune it belongs to. */
  chefLieu?: string;
  codesPostaux?: string[];
  population?: number;
}

const INSEE_CODE = /^\d[\dAB]\d{3}$/;
const ARRONDISSEMENT_NUMBER = /(\d{1,2})(?:er|e)\s+arrondissement/i;

/** Orders candidates the way they are offered: the most populated first, then by name. */
export function compareByPopulation(a: CommuneEntry, b: CommuneEntry): number {
  return b.population - a.population || FRENCH.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
// One collator for all comparisons: localeCompare(…, 'fr') would build one per call.
const FRENCH = new Intl.Collator('fr');

export class CommuneIndex {
  private static cached: CommuneIndex | null = null;

  private readonly byKey = new Map<string, CommuneEntry[]>();
  /** Names reachable only without their article ("havre" -> Le Havre); consulted after byKey. */
  private readonly byBareKey = new Map<string, CommuneEntry[]>();
  /** Former communes merged into a current one ("Cherbourg-Octeville"); consulted last. */
  private readonly byFormerKey = new Map<string, CommuneEntry[]>();
  private readonly byPostal = new Map<string, CommuneEntry[]>();
  private readonly byCode = new Map<string, CommuneEntry>();

  /** Longest commune name in words, which bounds the n-gram scan of a sentence. */
  readonly maxNameTokens: number;
  readonly size: number;
  /** Wall-clock time the constructor took, in milliseconds (reported, not used). */
  readonly buildMs: number;

  constructor(
    communes: readonly RawCommune[],
    readonly territories: TerritoryIndex,
  ) {
    const started = process.hrtime.bigint();

    // Arrondissements are not offered as places (routing needs the commune), but their
    // numbers let "Paris 18e" or "Lyon 3e" pick the right postal code.
    const arrondissementsByParent = new Map<string, Map<number, string[]>>();
    for (const raw of communes) {
      if (raw.type !== 'arrondissement-municipal' || !raw.commune) continue;
      const number = ARRONDISSEMENT_NUMBER.exec(raw.nom)?.[1];
      if (!number || !raw.codesPostaux?.length) continue;
      const byNumber = arrondissementsByParent.get(raw.commune) ?? new Map<number, string[]>();
      byNumber.set(Number(number), [...raw.codesPostaux]);
      arrondissementsByParent.set(raw.commune, byNumber);
    }

    let maxTokens = 1;
    for (const raw of communes) {
      if (raw.type !== 'commune-actuelle') continue;
      // Place.region must be two digits: this keeps metropolitan France and the five DROM
      // and leaves out the overseas collectivities (Polynésie, Nouvelle-Calédonie, …).
      if (!raw.departement || !raw.region || !/^\d{2}$/.test(raw.region) || !INSEE_CODE.test(raw.code)) continue;
      const key = normalizeName(raw.nom);
      if (!key) continue;
      const entry: CommuneEntry = {
        code: raw.code,
        name: raw.nom,
        key,
        departement: raw.departement,
        region: raw.region,
        postalCodes: mainPostalCodeFirst((raw.codesPostaux ?? []).filter((p) => /^\d{5}$/.test(p))),
        population: raw.population ?? 0,
        arrondissements: arrondissementsByParent.get(raw.code),
      };
      this.byCode.set(entry.code, entry);
      push(this.byKey, key, entry);
      const bare = withoutLeadingArticle(key);
      if (bare) push(this.byBareKey, bare, entry);
      for (const postal of entry.postalCodes) push(this.byPostal, postal, entry);
      maxTokens = Math.max(maxTokens, wordCount(key));
    }
    // People still say the name of the commune they grew up in after a merger
    // ("Annecy-le-Vieux", "Bellegarde-sur-Valserine"): it leads to the current commune.
    for (const raw of communes) {
      if (raw.type !== 'commune-deleguee' && raw.type !== 'commune-associee') continue;
      const parent = raw.chefLieu ? this.byCode.get(raw.chefLieu) : undefined;
      if (!parent) continue;
      const key = normalizeName(raw.nom);
      if (!key || key === parent.key || this.byKey.has(key)) continue;
      const existing = this.byFormerKey.get(key);
      if (!existing?.includes(parent)) push(this.byFormerKey, key, parent);
      maxTokens = Math.max(maxTokens, wordCount(key));
    }
    for (const list of [this.byKey, this.byBareKey, this.byFormerKey, this.byPostal]) {
      for (const entries of list.values()) if (entries.length > 1) entries.sort(compareByPopulation);
    }
    this.maxNameTokens = maxTokens;
    this.size = this.byCode.size;
    this.buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  }

  /** The shared index, read from the package data on first use (about 150 ms, once). */
  static load(): CommuneIndex {
    if (!CommuneIndex.cached) {
      const raw = JSON.parse(readFileSync(join(dataDirectory(), 'communes.json'), 'utf8')) as RawCommune[];
      CommuneIndex.cached = new CommuneIndex(raw, TerritoryIndex.load());
    }
    return CommuneIndex.cached;
  }

  /**
   * Communes called `key` (a normalised name), most populated first. The article-less form
   * is a fallback only, so "Port" stays the commune Port rather than also Le Port; the names
   * of former communes come last.
   */
  lookupName(key: string, withoutArticle = true): readonly CommuneEntry[] {
    return (
      this.byKey.get(key) ?? (withoutArticle ? this.byBareKey.get(key) : undefined) ?? this.byFormerKey.get(key) ?? []
    );
  }

  lookupPostalCode(postalCode: string): readonly CommuneEntry[] {
    return this.byPostal.get(postalCode) ?? [];
  }

  lookupCode(inseeCode: string): CommuneEntry | undefined {
    return this.byCode.get(inseeCode);
  }

  /**
   * Communes whose name is within `maxDistance` edits of `query` (a normalised name), the
   * closest and then the most populated first. Names are bucketed by a signature (first two
   * letters, initials of the other words) and length, so a query is compared with a few dozen
   * names rather than thousands; the price is that a typo in those letters is not corrected.
   */
  closeNames(query: string, maxDistance: number): CommuneEntry[] {
    const buckets = this.fuzzyBuckets();
    const signature = fuzzySignature(query);
    const scored: Array<{ entry: CommuneEntry; distance: number }> = [];
    for (let length = query.length - maxDistance; length <= query.length + maxDistance; length++) {
      for (const key of buckets.get(`${signature}|${length}`) ?? []) {
        const distance = boundedLevenshtein(query, key, maxDistance);
        if (distance > maxDistance) continue;
        for (const entry of this.byKey.get(key) ?? []) scored.push({ entry, distance });
      }
    }
    scored.sort((a, b) => a.distance - b.distance || compareByPopulation(a.entry, b.entry));
    return scored.map((s) => s.entry);
  }

  /**
   * Communes whose name starts with `prefix` followed by more words ("boulogne" ->
   * "boulogne sur mer", "boulogne billancourt"), most populated first, at most `limit`.
   */
  namesStartingWith(prefix: string, limit = 8): CommuneEntry[] {
    const keys = this.sortedKeys();
    const wanted = `${prefix} `;
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((keys[middle] ?? '') < wanted) low = middle + 1;
      else high = middle;
    }
    const found: CommuneEntry[] = [];
    // Bounded: a prefix like "saint" matches thousands of names, and only the largest are useful.
    for (let i = low; i < keys.length && i < low + 500; i++) {
      const key = keys[i] ?? '';
      if (!key.startsWith(wanted)) break;
      found.push(...(this.byKey.get(key) ?? []));
    }
    return found.sort(compareByPopulation).slice(0, limit);
  }

  private sorted: string[] | null = null;

  private sortedKeys(): string[] {
    if (!this.sorted) this.sorted = [...this.byKey.keys()].sort();
    return this.sorted;
  }

  private sounds: Map<string, string[]> | null = null;

  /**
   * Communes whose name sounds like `query` (a normalised name) when both are written the
   * French way ("bordo" -> Bordeaux, "sinte etiene" -> Saint-Étienne), most populated first.
   * The key map is built on the first call only.
   */
  soundsLike(query: string): CommuneEntry[] {
    if (!this.sounds) {
      const sounds = new Map<string, string[]>();
      for (const key of this.byKey.keys()) push(sounds, phoneticKey(key), key);
      this.sounds = sounds;
    }
    const found: CommuneEntry[] = [];
    for (const key of this.sounds.get(phoneticKey(query)) ?? []) found.push(...(this.byKey.get(key) ?? []));
    return found.sort(compareByPopulation);
  }

  private buckets: Map<string, string[]> | null = null;

  /** Built on the first misspelling only: most conversations never need it. */
  private fuzzyBuckets(): Map<string, string[]> {
    if (!this.buckets) {
      const buckets = new Map<string, string[]>();
      for (const key of this.byKey.keys()) push(buckets, `${fuzzySignature(key)}|${key.length}`, key);
      this.buckets = buckets;
    }
    return this.buckets;
  }

  /** The Place for a commune, with `postalCode` if it is one of the commune's codes. */
  toPlace(entry: CommuneEntry, postalCode?: string | null): Place {
    const chosen = postalCode && entry.postalCodes.includes(postalCode) ? postalCode : (entry.postalCodes[0] ?? null);
    return {
      commune: entry.code,
      name: entry.name,
      postalCode: chosen,
      departement: entry.departement,
      region: entry.region,
    };
  }
}

/**
 * Levenshtein distance, or `max + 1` as soon as it is known to exceed `max` (each row's
 * minimum never decreases), which keeps a miss cheap.
 */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Two reused rows: this runs on a few thousand names per misspelt answer.
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      // Plain comparisons rather than Math.min: this is the innermost loop, and Math.min with
      // three arguments was measured 10x slower here under jest.
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      const substitution = previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      let value = deletion < insertion ? deletion : insertion;
      if (substitution < value) value = substitution;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length]!;
}
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * The data lists postal codes in numeric order, so Aix-en-Provence would be "13080" (a
 * hamlet's code). A commune's main office code is the round one ("13100", "33000"): move the
 * first code ending in "000", else in "00", to the front; otherwise keep the data's order.
 */
function mainPostalCodeFirst(codes: string[]): string[] {
  const main = codes.find((c) => c.endsWith('000')) ?? codes.find((c) => c.endsWith('00'));
  return main ? [main, ...codes.filter((c) => c !== main)] : codes;
}

/**
 * A rough French pronunciation key of a normalised name: "bordeaux" and "bordo" -> "bordo",
 * "villeurbanne" and "vilerbane" -> "vilerban". Each step is one linear replace.
 */
export function phoneticKey(key: string): string {
  return key
    .replace(/ /g, '')
    .replace(/eaux|eau|aux|au/g, 'o')
    .replace(/ph/g, 'f')
    .replace(/qu|ck|q/g, 'k')
    .replace(/c([eiy])/g, 's$1')
    .replace(/c/g, 'k')
    .replace(/y/g, 'i')
    .replace(/h/g, '')
    .replace(/z/g, 's')
    .replace(/ai|ei/g, 'e')
    .replace(/eu/g, 'e')
    .replace(/(.)\1+/g, '$1')
    .replace(/e$/, '')
    .replace(/[stdx]$/, '')
    .replace(/e$/, '');
}

/** "villeurbanne" -> "vi", "saint etienne" -> "sae": letters people rarely get wrong. */
function fuzzySignature(key: string): string {
  let signature = key.slice(0, 2);
  for (let i = 1; i < key.length; i++) if (key.charCodeAt(i - 1) === 32) signature += key.charAt(i);
  return signature;
}

function wordCount(key: string): number {
  let count = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) count++;
  return count;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
