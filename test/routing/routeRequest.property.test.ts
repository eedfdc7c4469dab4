import fc from 'fast-check';
import FIT_JSON from '../../prisma/seed/fit.json';
import { DIPLOMA_LEVELS, MEETING_MODES, NEEDS, PRIORITY_PUBLICS, SCHOOL_YEARS, SITUATIONS } from '../../intake/vocabulary';
import { validateDirectory } from '../../routing/directorySchema';
import { toDirectoryProgrammes } from '../../routing/directoryToProgrammes';
import { REASON_PARAMS, type ReasonCode } from '../../routing/reasons';
import { rerouteRequest, type PreviousDecision } from '../../routing/rerouteRequest';
import { parentCommune, routeRequest } from '../../routing/routeRequest';
import type { DirectoryProgramme, ProgrammeLoad, Reason, RoutableRequest, RouteDecision } from '../../routing/types';
import { placeOf, seedJson } from './helpers';

const NOW = new Date('2026-11-21T10:00:00Z');
const parsed = validateDirectory(seedJson());
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const SEED = toDirectoryProgrammes(parsed.value);

const PLACES = [
  placeOf('Paris'), placeOf('Lyon'), { ...placeOf('Lyon'), commune: '69383', name: 'Lyon 3e Arrondissement' },
  placeOf('Marseille'), placeOf('Lille'), placeOf('Mamoudzou'), placeOf('Bordeaux'), placeOf('Guéret'),
  placeOf('Alès'), placeOf('Nantes'), placeOf('Orléans'), placeOf('Ajaccio'), placeOf('Saint-Denis', '974'),
];
const PROGRAMME_NEEDS = NEEDS.filter((n) => n !== 'other') as Exclude<(typeof NEEDS)[number], 'other'>[];

const requestArb: fc.Arbitrary<RoutableRequest> = fc.record({
  age: fc.integer({ min: 13, max: 30 }),
  situation: fc.option(
    fc.record({
      kind: fc.constantFrom(...SITUATIONS),
      schoolYear: fc.option(fc.constantFrom(...SCHOOL_YEARS)),
      diplomaLevel: fc.option(fc.constantFrom(...DIPLOMA_LEVELS)),
      detail: fc.constant(null),
    }),
  ),
  needs: fc.uniqueArray(fc.constantFrom(...NEEDS), { minLength: 1 }),
  place: fc.option(fc.constantFrom(...PLACES)),
  priorityPublics: fc.option(fc.uniqueArray(fc.constantFrom(...PRIORITY_PUBLICS))),
  meeting: fc.constantFrom(...MEETING_MODES),
});

const ageArb = fc.option(fc.integer({ min: 0, max: 40 }));
const programmeArb: fc.Arbitrary<DirectoryProgramme> = fc
  .record({
    id: fc.stringMatching(/^[a-z]{1,6}$/),
    minAge: ageArb,
    maxAge: ageArb,
    situations: fc.uniqueArray(fc.constantFrom(...SITUATIONS)),
    schoolYears: fc.uniqueArray(fc.constantFrom(...SCHOOL_YEARS), { maxLength: 4 }),
    diplomaLevels: fc.uniqueArray(fc.constantFrom(...DIPLOMA_LEVELS), { maxLength: 4 }),
    needs: fc.uniqueArray(fc.constantFrom(...PROGRAMME_NEEDS)),
    requiredPublics: fc.uniqueArray(fc.constantFrom(...PRIORITY_PUBLICS), { maxLength: 2 }),
    preferredPublics: fc.uniqueArray(fc.constantFrom(...PRIORITY_PUBLICS)),
    girlsOnly: fc.boolean(),
    national: fc.boolean(),
    regions: fc.uniqueArray(fc.constantFrom('11', '84', '93', '32', '06', '75', '04'), { maxLength: 3 }),
    departements: fc.uniqueArray(fc.constantFrom('75', '69', '13', '976', '33', '2A', '974'), { maxLength: 3 }),
    communes: fc.uniqueArray(fc.constantFrom('75056', '69123', '13055', '59350', '30007'), { maxLength: 2 }),
    inPerson: fc.boolean(),
    remote: fc.boolean(),
    capacityPerMonth: fc.option(fc.integer({ min: 0, max: 5 })),
    // Several programmes per association, so that rerouting leaves out more than one.
    association: fc.constantFrom('a', 'b', 'c', 'd'),
    isCoordinator: fc.boolean(),
    active: fc.boolean(),
  })
  .map(({ association, ...p }) => ({
    ...p,
    associationId: `assoc-${association}`,
    associationName: p.id,
    name: p.id,
    descriptionFr: 'fr',
    descriptionEn: 'en',
    responseDays: 5,
  }));

/** Directories: the real seed, random ones, or a mix, in any order. */
const directoryArb = fc.oneof(
  fc.shuffledSubarray(SEED, { minLength: 0, maxLength: SEED.length }),
  fc.uniqueArray(programmeArb, { selector: (p) => p.id, maxLength: 12 }),
  fc.uniqueArray(programmeArb, { selector: (p) => p.id, maxLength: 6 }).map((ps) => [...SEED, ...ps.map((p) => ({ ...p, id: `x-${p.id}` }))]),
);
const loadFor = (ps: DirectoryProgramme[]): fc.Arbitrary<ProgrammeLoad> =>
  fc.dictionary(fc.constantFrom('none', ...ps.map((p) => p.id)), fc.integer({ min: 0, max: 8 }));

const inputArb = directoryArb.chain((ps) => fc.tuple(requestArb, fc.constant(ps), loadFor(ps)));

/** The rules written again from the brief, independently of the implementation. */
function isEligible(r: RoutableRequest, p: DirectoryProgramme, load: ProgrammeLoad): boolean {
  if (!p.active || p.isCoordinator || p.girlsOnly) return false;
  if (p.minAge !== null && r.age < p.minAge) return false;
  if (p.maxAge !== null && r.age > p.maxAge) return false;
  const kind = r.situation?.kind;
  if (kind !== undefined && kind !== 'autre' && p.situations.length > 0 && !p.situations.includes(kind)) return false;
  // 'autre' without a class is none of the situations a programme lists.
  if (kind === 'autre' && !r.situation?.schoolYear && p.situations.length > 0) return false;
  const year = r.situation?.schoolYear ?? null;
  if (year !== null && p.schoolYears.length > 0 && !p.schoolYears.includes(year)) return false;
  const diploma = r.situation?.diplomaLevel ?? null;
  if (diploma !== null && p.diplomaLevels.length > 0 && !p.diplomaLevels.includes(diploma)) return false;
  if (p.requiredPublics.some((pub) => !(r.priorityPublics ?? []).includes(pub))) return false;
  // The fit table (prisma/seed/fit.json), read as data: a public said not to be theirs, another situation.
  const fit = (FIT_JSON.programmes as Record<string, { publics?: string[]; situations?: string[] }>)[p.id];
  if (fit?.publics && r.priorityPublics !== null && !fit.publics.some((pub) => (r.priorityPublics as string[]).includes(pub))) return false;
  if (fit?.situations && kind !== undefined && kind !== 'autre' && !fit.situations.includes(kind)) return false;
  const area = p.regions.length + p.departements.length + p.communes.length > 0;
  const inArea =
    r.place !== null &&
    (p.regions.includes(r.place.region) || p.departements.includes(r.place.departement) || p.communes.includes(parentCommune(r.place.commune)));
  if (!p.national && area && !inArea && !(p.remote && r.meeting !== 'in_person')) return false;
  const needs = r.needs.filter((n) => n !== 'other');
  if (p.needs.length > 0 && needs.length > 0 && !needs.some((n) => (p.needs as string[]).includes(n))) return false;
  if (p.capacityPerMonth !== null && (load[p.id] ?? 0) >= p.capacityPerMonth) return false;
  return true;
}

/** The soft score written again: needs 3, preferred publics 2, commune 3 > département 2 > région 1, meeting 1. */
function refScore(r: RoutableRequest, p: DirectoryProgramme): number {
  let score = 3 * r.needs.filter((n) => n !== 'other' && (p.needs as string[]).includes(n)).length;
  score += 2 * (r.priorityPublics ?? []).filter((pub) => p.preferredPublics.includes(pub)).length;
  if (r.place !== null) {
    if (p.communes.includes(r.place.commune) || p.communes.includes(parentCommune(r.place.commune))) score += 3;
    else if (p.departements.includes(r.place.departement)) score += 2;
    else if (p.regions.includes(r.place.region)) score += 1;
  }
  if ((r.meeting === 'remote' && p.remote) || (r.meeting === 'in_person' && p.inPerson)) score += 1;
  return score;
}

/** The fit written again: needs in common, plus the publics the fit table says the programme is for that were declared. */
function refFit(r: RoutableRequest, p: DirectoryProgramme): number {
  const fit = (FIT_JSON.programmes as Record<string, { publics?: string[] }>)[p.id];
  const declared = r.priorityPublics === null ? 0 : (fit?.publics ?? []).filter((pub) => (r.priorityPublics as string[]).includes(pub)).length;
  return r.needs.filter((n) => n !== 'other' && (p.needs as string[]).includes(n)).length + declared;
}

/** Distance in administrative rings, written again: commune 0, département 1, région 2, elsewhere 3. */
function refDistance(r: RoutableRequest, p: DirectoryProgramme): number {
  if (r.place === null) return 3;
  if (p.communes.includes(r.place.commune) || p.communes.includes(parentCommune(r.place.commune))) return 0;
  const dep = (c: string) => (c.startsWith('97') ? c.slice(0, 3) : c.slice(0, 2));
  if (p.departements.includes(r.place.departement) || p.communes.some((c) => dep(c) === r.place!.departement)) return 1;
  return p.regions.includes(r.place.region) ? 2 : 3;
}

/**
 * The ranking written again, as a key per programme: fit, then score, then among equal ones
 * the lowest share of a known capacity used (known capacities before unknown ones, unknown
 * ones by load), then distance, then call-back days. What is left equal is a lottery the
 * reference does not predict: the routed keys must be the reference's best keys, in order.
 * Division is fine here: loads and capacities are small integers, so equal ratios give
 * equal floats.
 */
function refKey(r: RoutableRequest, p: DirectoryProgramme, load: ProgrammeLoad): number[] {
  const used = load[p.id] ?? 0;
  const capacity = p.capacityPerMonth !== null ? [0, used / p.capacityPerMonth] : [1, used];
  return [-refFit(r, p), -refScore(r, p), ...capacity, refDistance(r, p), p.responseDays];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function refTop3(r: RoutableRequest, ps: DirectoryProgramme[], load: ProgrammeLoad, eligible: (p: DirectoryProgramme) => boolean): number[][] {
  return ps.filter(eligible).map((p) => refKey(r, p, load)).sort(compareKeys).slice(0, 3);
}

function allReasons(d: RouteDecision): Reason[] {
  const options = d.kind === 'routed' ? [d.chosen, ...d.alternatives] : [d.fallback];
  return [...options.flatMap((o) => o.reasons), ...d.excluded.flatMap((e) => e.reasons)];
}

describe('routeRequest properties', () => {
  it('always decides, never throws, never picks an ineligible programme', () => {
    fc.assert(
      fc.property(inputArb, ([r, ps, load]) => {
        const d = routeRequest(r, ps, load, NOW);
        expect(['routed', 'no_match']).toContain(d.kind);
        const eligible = ps.filter((p) => isEligible(r, p, load)).map((p) => p.id).sort();
        const excluded = d.excluded.map((e) => e.programmeId).sort();
        expect(excluded).toEqual(ps.filter((p) => !isEligible(r, p, load)).map((p) => p.id).sort());
        if (d.kind === 'routed') {
          const picked = [d.chosen, ...d.alternatives];
          expect(picked.length).toBe(Math.min(3, eligible.length));
          expect(picked.map((o) => refKey(r, o.programme, load))).toEqual(refTop3(r, ps, load, (p) => isEligible(r, p, load)));
          for (const o of picked) expect(o.score).toBe(refScore(r, o.programme));
          for (const o of picked) expect(isEligible(r, o.programme, load)).toBe(true);
          for (let i = 1; i < picked.length; i++) expect(compareKeys(refKey(r, picked[i - 1]!.programme, load), refKey(r, picked[i]!.programme, load))).toBeLessThanOrEqual(0);
        } else {
          expect(eligible).toEqual([]);
          expect(d.fallback.programme.isCoordinator).toBe(true);
          expect(d.fallback.reasons).toEqual([{ code: 'no_programme_fits' }]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic, whatever the order of the directory', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), ([r, ps, load], seed) => {
        const a = routeRequest(r, ps, load, NOW);
        expect(routeRequest(r, ps, load, NOW)).toEqual(a);
        const shuffled = [...ps].sort((x, y) => ((hash(x.id) ^ seed) >>> 0) - ((hash(y.id) ^ seed) >>> 0));
        expect(routeRequest(r, shuffled, load, NOW)).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('emits only known reason codes, with exactly their plain params', () => {
    fc.assert(
      fc.property(inputArb, ([r, ps, load]) => {
        for (const reason of allReasons(routeRequest(r, ps, load, NOW))) {
          expect(Object.keys(REASON_PARAMS)).toContain(reason.code);
          const expected = [...REASON_PARAMS[reason.code as ReasonCode]].sort();
          expect(Object.keys(reason.params ?? {}).sort()).toEqual(expected);
          for (const v of Object.values(reason.params ?? {})) expect(['string', 'number']).toContain(typeof v);
          // The commune name is the only value taken from the young person's own words.
          if (reason.code === 'place_commune') expect(reason.params?.name).toBe(r.place?.name);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** A history of earlier handoffs: some programmes of the directory (or unknown ones) that declined or expired. */
const historyFor = (ps: DirectoryProgramme[]): fc.Arbitrary<PreviousDecision[]> =>
  fc.array(
    fc.record({
      p: fc.constantFrom<Pick<DirectoryProgramme, 'id' | 'associationId'>>(...ps, { id: 'gone', associationId: 'gone' }),
      outcome: fc.constantFrom('declined' as const, 'expired' as const),
    }).map(({ p, outcome }) => ({ programmeId: p.id, associationId: p.associationId, outcome })),
    { maxLength: 4 },
  );
const rerouteInputArb = directoryArb.chain((ps) => fc.tuple(requestArb, fc.constant(ps), loadFor(ps), historyFor(ps)));

describe('rerouteRequest properties', () => {
  it('never returns a programme of an association that declined or expired; otherwise routes as the reference', () => {
    fc.assert(
      fc.property(rerouteInputArb, ([r, ps, load, history]) => {
        const d = rerouteRequest(r, history, ps, load, NOW);
        const triedAssociations = new Set(history.map((h) => h.associationId));
        const triedProgrammes = new Set(history.map((h) => h.programmeId));
        const tried = (p: DirectoryProgramme): boolean => triedAssociations.has(p.associationId) || triedProgrammes.has(p.id);
        const eligible = (p: DirectoryProgramme): boolean => !tried(p) && isEligible(r, p, load);
        expect(d.excluded.map((e) => e.programmeId).sort()).toEqual(ps.filter((p) => !eligible(p)).map((p) => p.id).sort());
        for (const e of d.excluded) {
          const p = ps.find((x) => x.id === e.programmeId)!;
          const codes = e.reasons.map((x) => x.code);
          expect(codes.some((c) => c === 'previously_declined' || c === 'previously_expired')).toBe(tried(p));
        }
        if (d.kind === 'routed') {
          const picked = [d.chosen, ...d.alternatives];
          for (const o of picked) expect(tried(o.programme)).toBe(false);
          expect(picked.map((o) => refKey(r, o.programme, load))).toEqual(refTop3(r, ps, load, eligible));
        } else {
          expect(ps.filter(eligible)).toEqual([]);
          expect(d.fallback.programme.isCoordinator).toBe(true);
          const wouldHaveFit = ps.some((p) => tried(p) && isEligible(r, p, load));
          expect(d.fallback.reasons).toEqual([{ code: wouldHaveFit ? 'no_programme_left' : 'no_programme_fits' }]);
        }
        for (const reason of allReasons(d)) {
          expect([...REASON_PARAMS[reason.code as ReasonCode]].sort()).toEqual(Object.keys(reason.params ?? {}).sort());
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic, whatever the order of the directory and of the history; no history = routeRequest', () => {
    fc.assert(
      fc.property(rerouteInputArb, fc.integer(), ([r, ps, load, history], seed) => {
        const a = rerouteRequest(r, history, ps, load, NOW);
        const order = <T>(xs: T[], id: (x: T) => string): T[] => [...xs].sort((x, y) => ((hash(id(x)) ^ seed) >>> 0) - ((hash(id(y)) ^ seed) >>> 0));
        expect(rerouteRequest(r, order(history, (h) => h.programmeId + h.outcome), order(ps, (p) => p.id), load, NOW)).toEqual(a);
        expect(rerouteRequest(r, [], ps, load, NOW)).toEqual(routeRequest(r, ps, load, NOW));
      }),
      { numRuns: 300 },
    );
  });
});

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}
