/**
 * How routing time grows with the directory: `npm run bench:routing`.
 *
 * Routes the same 2,000 generated requests against the seed directory and against
 * generated directories of 1,000 and 10,000 programmes, and prints per size the median
 * and p99 time of one routeRequest call, the ratio to the seed's median measured in the
 * same run (machines and load differ; ratios travel better than microseconds), the time
 * per programme (flat means linear growth), and the heap the directory itself takes.
 *
 * Everything is generated from fixed seeds, so two runs route the same requests against
 * the same directories; the decisions checksum shows that an optimisation changed no
 * decision. Target: median under 1 ms at 1,000 programmes, growth no worse than linear.
 * No assertion here: timings depend on the machine, tests do not.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  DIPLOMA_LEVELS, MEETING_MODES, NEEDS, PRIORITY_PUBLICS, SCHOOL_YEARS, SITUATIONS,
  type DiplomaLevel, type Need, type PriorityPublic, type SchoolYear, type Situation,
} from '../intake/vocabulary';
import { DEPARTEMENT_CODES, REGION_CODES, validateDirectory } from '../routing/directorySchema';
import { toDirectoryProgrammes } from '../routing/directoryToProgrammes';
import { routeRequest } from '../routing/routeRequest';
import { prng } from './prng';
import type { DirectoryProgramme, ProgrammeLoad, RoutableRequest } from '../routing/types';

const REQUESTS = 2_000;
const SIZES = [1_000, 10_000];
/** Each request is timed this many times (after a warm-up round); more samples, steadier p99. */
const ROUNDS = 3;
const NOW = new Date('2026-11-21T10:00:00Z');

class Gen {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]!; }
  /** `n` distinct items, in the order drawn. */
  some<T>(xs: readonly T[], n: number): T[] {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
}

interface CommuneRow { code: string; nom: string; type: string; departement: string; region: string; population?: number; codesPostaux?: string[] }

/** The 300 most populated communes in scope: where most requests come from, and where commune-level programmes are. */
function bigCommunes(): CommuneRow[] {
  const rows = JSON.parse(
    readFileSync(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8'),
  ) as CommuneRow[];
  return rows
    .filter((c) => c.type === 'commune-actuelle' && DEPARTEMENT_CODES.has(c.departement) && c.population !== undefined)
    .sort((a, b) => b.population! - a.population! || (a.code < b.code ? -1 : 1))
    .slice(0, 300);
}

const PROGRAMME_NEEDS = NEEDS.filter((n): n is Exclude<Need, 'other'> => n !== 'other');
const REGIONS = [...REGION_CODES].sort();
const DEPARTEMENTS = [...DEPARTEMENT_CODES].sort();
const PUPIL_KINDS: Situation[] = ['college', 'lycee_general', 'lycee_techno', 'lycee_pro'];

/**
 * A directory that looks like a grown Collectif: a few national programmes, many regional
 * and departmental ones, some city ones; most with stated needs, ages and situations, some
 * with school years or diploma levels, capacities for about 60 %.
 */
function generateDirectory(size: number, communes: CommuneRow[], seed: number): DirectoryProgramme[] {
  const g = new Gen(prng(seed));
  const out: DirectoryProgramme[] = [];
  for (let i = 0; i < size - 1; i++) {
    const id = `gen-${String(i).padStart(5, '0')}`;
    const reach = g.next();
    const national = reach < 0.08;
    const regions = !national && reach < 0.38 ? g.some(REGIONS, g.int(1, 3)) : [];
    const departements = reach >= 0.38 && reach < 0.8 ? g.some(DEPARTEMENTS, g.int(1, 6)) : [];
    const communeCodes = reach >= 0.8 && reach < 0.97 ? g.some(communes, g.int(1, 4)).map((c) => c.code) : [];
    // The remaining 3 %: area unknown, as for some seed entries.
    const minAge = g.chance(0.7) ? g.pick([13, 14, 15, 16, 18]) : null;
    const maxAge = g.chance(0.7) ? g.pick([18, 20, 25, 26, 29, 30]) : null;
    const situations = g.chance(0.75) ? g.some(SITUATIONS.filter((s) => s !== 'autre'), g.int(1, 5)) : [];
    const schoolYears = g.chance(0.2) ? g.some(SCHOOL_YEARS, g.int(2, 6)) : [];
    const diplomaLevels = g.chance(0.15) ? g.some(DIPLOMA_LEVELS, g.int(2, 5)) : [];
    const needs = g.chance(0.95) ? g.some(PROGRAMME_NEEDS, g.int(1, 3)) : [];
    const requiredPublics = g.chance(0.05) ? [g.pick(PRIORITY_PUBLICS)] : [];
    const preferredPublics = g.chance(0.35) ? g.some(PRIORITY_PUBLICS.filter((p) => !requiredPublics.includes(p)), g.int(1, 2)) : [];
    const remote = g.chance(0.4);
    out.push({
      id,
      associationId: `assoc-${String(Math.floor(i / 3)).padStart(5, '0')}`,
      associationName: `Association ${Math.floor(i / 3)}`,
      name: `Programme ${i}`,
      descriptionFr: 'Programme généré pour le banc de mesure.',
      descriptionEn: 'Programme generated for the benchmark.',
      minAge,
      maxAge: minAge !== null && maxAge !== null && maxAge < minAge ? minAge : maxAge,
      situations,
      schoolYears,
      diplomaLevels,
      needs,
      requiredPublics,
      preferredPublics,
      girlsOnly: g.chance(0.02),
      national,
      regions,
      departements,
      communes: communeCodes,
      inPerson: !remote || g.chance(0.6),
      remote,
      capacityPerMonth: g.chance(0.6) ? g.int(5, 200) : null,
      responseDays: 5,
      isCoordinator: false,
      active: g.chance(0.95),
    });
  }
  out.push({ ...out[0]!, id: 'coordinator', associationId: 'coordinator', isCoordinator: true, active: true, national: true, regions: [], departements: [], communes: [] });
  return out;
}

/** This period's load: most programmes part-used, a few full. */
function generateLoad(programmes: DirectoryProgramme[], seed: number): ProgrammeLoad {
  const g = new Gen(prng(seed));
  const load: ProgrammeLoad = {};
  for (const p of programmes) {
    if (p.capacityPerMonth !== null) load[p.id] = g.int(0, p.capacityPerMonth);
    else if (g.chance(0.5)) load[p.id] = g.int(0, 50);
  }
  return load;
}

function generateRequests(n: number, communes: CommuneRow[], seed: number): RoutableRequest[] {
  const g = new Gen(prng(seed));
  const out: RoutableRequest[] = [];
  for (let i = 0; i < n; i++) {
    const age = g.int(13, 30);
    const kind: Situation =
      age <= 15 ? g.pick(['college', 'college', 'lycee_general', 'lycee_pro'])
      : age <= 19 ? g.pick([...PUPIL_KINDS, 'apprenti', 'etudiant', 'neet'])
      : g.pick(['etudiant', 'apprenti', 'recherche_emploi', 'en_emploi', 'neet', 'autre']);
    const pupil = PUPIL_KINDS.includes(kind);
    const schoolYear: SchoolYear | null = pupil && g.chance(0.8)
      ? kind === 'college' ? g.pick(['6e', '5e', '4e', '3e']) : g.pick(['seconde', 'premiere', 'terminale'])
      : null;
    const diplomaLevel: DiplomaLevel | null = !pupil && g.chance(0.7) ? g.pick(DIPLOMA_LEVELS) : null;
    const c = g.pick(communes);
    out.push({
      age,
      situation: g.chance(0.95) ? { kind, schoolYear, diplomaLevel, detail: null } : null,
      needs: g.some(NEEDS, g.int(1, 3)),
      place: g.chance(0.9) ? { commune: c.code, name: c.nom, postalCode: c.codesPostaux?.[0] ?? null, departement: c.departement, region: c.region } : null,
      priorityPublics: g.chance(0.3) ? null : g.some(PRIORITY_PUBLICS, g.int(0, 2)) as PriorityPublic[],
      meeting: g.pick(MEETING_MODES),
    });
  }
  return out;
}

function loadSeed(): DirectoryProgramme[] {
  const json = JSON.parse(readFileSync(join(__dirname, '../prisma/seed/directory.json'), 'utf8')) as unknown;
  const parsed = validateDirectory(json);
  if (!parsed.ok) throw new Error(`seed directory is invalid:\n${parsed.errors.join('\n')}`);
  return toDirectoryProgrammes(parsed.value);
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Heap taken by what `build` returns, or null without --expose-gc (the number would be noise). */
function measureHeap<T>(build: () => T): { value: T; bytes: number | null } {
  if (gc === undefined) return { value: build(), bytes: null };
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const value = build();
  gc();
  gc();
  return { value, bytes: process.memoryUsage().heapUsed - before };
}

interface Result { label: string; size: number; medianNs: number; p99Ns: number; heapBytes: number | null; checksum: string }

/**
 * routeRequest returns excluded programmes in id order and remembers the id order of the
 * array it is given (see idOrder in routing/routeRequest.ts). 'same' passes one array for
 * every request, as a server that loads the directory once would; 'fresh' passes a new
 * copy to every call, as submitRequest does today (it reads the directory from the
 * database for each request). The copy is made before the clock starts.
 */
type ArrayUse = 'same' | 'fresh';

function percentile(sorted: BigInt64Array, q: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
}

function run(
  label: string, programmes: DirectoryProgramme[], heapBytes: number | null, requests: RoutableRequest[], load: ProgrammeLoad,
  use: ArrayUse = 'same', rounds = ROUNDS,
): Result {
  // Warm-up: lets V8 optimise routeRequest for this directory shape before timing.
  for (const r of requests.slice(0, 300)) routeRequest(r, programmes, load, NOW);
  const samples = new BigInt64Array(requests.length * rounds);
  let hash = 2166136261;
  let k = 0;
  for (let round = 0; round < rounds; round++) {
    for (const r of requests) {
      const list = use === 'same' ? programmes : programmes.slice();
      const start = process.hrtime.bigint();
      const d = routeRequest(r, list, load, NOW);
      samples[k++] = process.hrtime.bigint() - start;
      if (round > 0) continue;
      const id = d.kind === 'routed' ? d.chosen.programme.id : `none:${d.fallback.programme.id}`;
      for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
    }
  }
  samples.sort();
  return {
    label,
    size: programmes.length,
    medianNs: percentile(samples, 0.5),
    p99Ns: percentile(samples, 0.99),
    heapBytes,
    checksum: (hash >>> 0).toString(16).padStart(8, '0'),
  };
}

function main(): void {
  const communes = bigCommunes();
  const requests = generateRequests(REQUESTS, communes, 20_261_121);
  const results: Result[] = [];

  // Validation loads the commune list (8 MB) once: load the seed once before measuring, so
  // that the heap column counts the directory and not that cache.
  loadSeed();
  const seed = measureHeap(loadSeed);
  results.push(run('seed', seed.value, seed.bytes, requests, {}));
  for (const size of SIZES) {
    const dir = measureHeap(() => generateDirectory(size, communes, size));
    results.push(run('generated', dir.value, dir.bytes, requests, generateLoad(dir.value, size + 1)));
  }
  // The largest directory again, as a new array per call: in id order (what the database
  // returns), then shuffled (the worst case: every call sorts). One timed round each.
  const largest = SIZES[SIZES.length - 1]!;
  const byId = generateDirectory(largest, communes, largest);
  const largestLoad = generateLoad(byId, largest + 1);
  byId.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  results.push(run('new array per call, id order', byId, null, requests, largestLoad, 'fresh', 1));
  const shuffled = byId.slice();
  const g = new Gen(prng(7));
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = g.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  results.push(run('new array per call, shuffled', shuffled, null, requests, largestLoad, 'fresh', 1));

  const base = results[0]!.medianNs;
  const us = (ns: number): string => (ns / 1000).toFixed(1);
  const rows = results.map((r) => [
    `${r.label} ${r.size.toLocaleString('en')}`,
    us(r.medianNs),
    us(r.p99Ns),
    `×${(r.medianNs / base).toFixed(1)}`,
    (r.medianNs / r.size).toFixed(0),
    r.heapBytes === null ? 'n/a' : `${(r.heapBytes / 1024 / 1024).toFixed(2)} MB`,
    r.heapBytes === null ? 'n/a' : `${Math.round(r.heapBytes / r.size)} B`,
    r.checksum,
  ]);
  const header = ['directory', 'median µs', 'p99 µs', 'vs seed', 'ns/programme', 'heap', 'heap/programme', 'decisions'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');

  console.log(`routeRequest: ${REQUESTS.toLocaleString('en')} requests × ${ROUNDS} rounds per directory (1 for the "new array" rows), Node ${process.version}, ${require('os').cpus().length} CPUs, load average ${require('os').loadavg().map((x: number) => x.toFixed(2)).join(' ')}`);
  if (gc === undefined) console.log('(heap not measured: run with --expose-gc, as `npm run bench:routing` does)');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));

  const at1k = results.find((r) => r.label === 'generated' && r.size === 1_000);
  if (at1k !== undefined) {
    console.log(`\nTarget: median under 1 ms at 1,000 programmes: ${us(at1k.medianNs)} µs (${at1k.medianNs < 1_000_000 ? 'met' : 'NOT met'}).`);
  }
  const [, small, large] = results;
  if (small !== undefined && large !== undefined) {
    const growth = large.medianNs / large.size / (small.medianNs / small.size);
    // 1.0 is exactly linear. A 10,000-programme directory no longer fits the CPU caches, and
    // other processes add noise, so up to 1.5 still reads as linear.
    console.log(
      `Growth ${small.size.toLocaleString('en')} -> ${large.size.toLocaleString('en')} programmes: time per programme ×${growth.toFixed(2)} ` +
        `(${growth <= 1.5 ? 'linear' : 'worse than linear'}; 1.00 = linear).`,
    );
  }
}

main();
