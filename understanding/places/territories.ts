/**
 * Départements and régions by name, used to disambiguate a commune ("Valence dans la Drôme",
 * "Saint-Denis, La Réunion") and to read the answer to an ambiguity question.
 */
import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { normalizeName, withoutLeadingArticle } from './normalize';

/** What a département or région name points to; a name can be both ("La Réunion", "Paris"). */
export interface TerritoryRef {
  readonly departements: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
}

interface RawDepartement {
  code: string;
  region: string;
  nom: string;
}
interface RawRegion {
  code: string;
  nom: string;
}

/**
 * Informal names people use for a région or département. Kept short on purpose: each entry
 * is a word that will be searched in every answer.
 */
const ALIASES: ReadonlyArray<{ name: string; departements?: string[]; regions?: string[] }> = [
  { name: 'idf', regions: ['11'] },
  { name: 'region parisienne', regions: ['11'] },
  { name: 'paca', regions: ['93'] },
  { name: 'reunion', departements: ['974'], regions: ['04'] },
  { name: 'guyane francaise', departements: ['973'], regions: ['03'] },
  { name: 'french guiana', departements: ['973'], regions: ['03'] },
  { name: 'reunion island', departements: ['974'], regions: ['04'] },
  { name: 'banlieue parisienne', regions: ['11'] },
  { name: 'paris region', regions: ['11'] },
  { name: 'brittany', regions: ['53'] },
  { name: 'normandy', regions: ['28'] },
  { name: 'burgundy', regions: ['27'] },
  { name: 'corsica', regions: ['94'] },
  { name: 'french riviera', regions: ['93'] },
  { name: 'cote d azur', regions: ['93'] },
];

export function dataDirectory(): string {
  return join(dirname(require.resolve('@etalab/decoupage-administratif/package.json')), 'data');
}

/** The two-digit (or 2A/2B, or 97x) département code a user may type. */
const DEPARTEMENT_CODE = /^(?:\d{2}|2a|2b|97[1-6])$/i;

export class TerritoryIndex {
  private static cached: TerritoryIndex | null = null;

  /** Normalised name -> territories. */
  private readonly byName = new Map<string, { departements: Set<string>; regions: Set<string> }>();
  private readonly departementCodes = new Set<string>();
  private readonly departementNames = new Map<string, string>();
  /** Longest name in words, which bounds the n-gram scan. */
  readonly maxNameTokens: number;

  constructor(departements: readonly RawDepartement[], regions: readonly RawRegion[]) {
    // Only territories whose région code fits Place.region (two digits): the overseas
    // collectivities (975, 987, 988…) are outside the schema and outside the index.
    const keptRegions = regions.filter((r) => /^\d{2}$/.test(r.code));
    const keptRegionCodes = new Set(keptRegions.map((r) => r.code));
    for (const d of departements) {
      if (!keptRegionCodes.has(d.region)) continue;
      this.departementCodes.add(d.code);
      this.departementNames.set(d.code, d.nom);
      this.add(d.nom, [d.code], []);
    }
    for (const r of keptRegions) this.add(r.nom, [], [r.code]);
    for (const a of ALIASES) this.add(a.name, a.departements ?? [], a.regions ?? []);
    let max = 1;
    for (const key of this.byName.keys()) max = Math.max(max, key.split(' ').length);
    this.maxNameTokens = max;
  }

  static load(): TerritoryIndex {
    if (!TerritoryIndex.cached) {
      const dir = dataDirectory();
      const departements = JSON.parse(readFileSync(join(dir, 'departements.json'), 'utf8')) as RawDepartement[];
      const regions = JSON.parse(readFileSync(join(dir, 'regions.json'), 'utf8')) as RawRegion[];
      TerritoryIndex.cached = new TerritoryIndex(departements, regions);
    }
    return TerritoryIndex.cached;
  }

  private add(name: string, departements: readonly string[], regions: readonly string[]): void {
    const key = normalizeName(name);
    const keys = [key];
    // "Drôme" is said "la Drôme" and "La Réunion" just "Réunion": index both forms.
    const bare = withoutLeadingArticle(key);
    if (bare) keys.push(bare);
    // "cote d armor" for Côtes-d'Armor: a plural dropped in a name of several words.
    for (const k of [...keys]) {
      if (!k.includes(' ')) continue;
      const singular = k.split(' ').map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w)).join(' ');
      if (singular !== k) keys.push(singular);
    }
    for (const k of keys) {
      const entry = this.byName.get(k) ?? { departements: new Set<string>(), regions: new Set<string>() };
      for (const d of departements) entry.departements.add(d);
      for (const r of regions) entry.regions.add(r);
      this.byName.set(k, entry);
    }
  }

  /** Territories called exactly `key` (a normalised name), if any. */
  lookup(key: string): TerritoryRef | undefined {
    return this.byName.get(key);
  }

  /** Canonical département code for a typed token ("2a" -> "2A"), or null if it is not one. */
  departementCode(token: string): string | null {
    if (!DEPARTEMENT_CODE.test(token)) return null;
    const code = token.toUpperCase();
    return this.departementCodes.has(code) ? code : null;
  }

  departementName(code: string): string | undefined {
    return this.departementNames.get(code);
  }
}
