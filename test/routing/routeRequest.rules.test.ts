import type { DiplomaLevel, SchoolYear, Situation } from '../../intake/vocabulary';
import { DEFAULT_COORDINATOR } from '../../routing/defaultCoordinator';
import { exclusionReasons, parentCommune, routeRequest } from '../../routing/routeRequest';
import type { DirectoryProgramme, ProgrammeLoad, RoutableRequest, RouteDecision } from '../../routing/types';
import { COORDINATOR, PARIS, placeOf, programme, request, situation } from './helpers';

const NOW = new Date('2026-11-21T10:00:00Z');
const LYON = placeOf('Lyon');
const LYON_3E = { ...LYON, commune: '69383', name: 'Lyon 3e Arrondissement' };

function year(kind: Situation, schoolYear: SchoolYear | null): RoutableRequest['situation'] {
  return { kind, schoolYear, diplomaLevel: null, detail: null };
}
function level(kind: Situation, diplomaLevel: DiplomaLevel | null): RoutableRequest['situation'] {
  return { kind, schoolYear: null, diplomaLevel, detail: null };
}

function codes(req: RoutableRequest, p: DirectoryProgramme, load: ProgrammeLoad = {}): string[] {
  return exclusionReasons(req, p, load).map((r) => r.code);
}

function chosenId(d: RouteDecision): string {
  return d.kind === 'routed' ? d.chosen.programme.id : `no_match:${d.fallback.programme.id}`;
}

describe('hard eligibility', () => {
  const cases: [string, Partial<RoutableRequest>, Partial<DirectoryProgramme>, string[]][] = [
    ['all unknown: eligible', {}, {}, []],
    ['inactive', {}, { active: false }, ['inactive']],
    ['coordinator is only the fallback', {}, { isCoordinator: true }, ['coordinator']],
    ['age below minAge', { age: 14 }, { minAge: 15 }, ['age_below_min']],
    ['age above maxAge', { age: 26 }, { maxAge: 25 }, ['age_above_max']],
    ['age at both bounds', { age: 16 }, { minAge: 16, maxAge: 16 }, []],
    ['only minAge known', { age: 30 }, { minAge: 18 }, []],
    ['situation not served', { situation: situation('etudiant') }, { situations: ['college'] }, ['situation_not_served']],
    ['situation served', { situation: situation('college') }, { situations: ['college', 'lycee_pro'] }, []],
    ['situation unknown on the request', { situation: null }, { situations: ['college'] }, []],
    ['situation unknown on the programme', { situation: situation('neet') }, { situations: [] }, []],
    ["'autre' without a class is none of the situations a programme lists", { situation: situation('autre') }, { situations: ['lycee_pro', 'neet'] }, ['situation_not_served']],
    ["'autre' without a class: not for a students-only programme", { situation: situation('autre') }, { situations: ['etudiant', 'apprenti'] }, ['situation_not_served']],
    ["'autre' fits a programme that lists no situation", { situation: situation('autre') }, { situations: [] }, []],
    ["'autre' with a class may be a pupil", { situation: { kind: 'autre', schoolYear: 'seconde', diplomaLevel: null, detail: null } }, { situations: ['lycee_general'] }, []],
    ['girls only: gender is not asked', {}, { girlsOnly: true }, ['girls_only_unknown']],
    ['required public not said (null)', { priorityPublics: null }, { requiredPublics: ['disability'] }, ['required_public_unknown']],
    ['required public not declared', { priorityPublics: ['qpv'] }, { requiredPublics: ['disability'] }, ['required_public_missing']],
    ['required public declared', { priorityPublics: ['disability', 'qpv'] }, { requiredPublics: ['disability'] }, []],
    ['every required public is needed', { priorityPublics: ['qpv'] }, { requiredPublics: ['qpv', 'rural'] }, ['required_public_missing']],
    ['preferred public never excludes', { priorityPublics: null }, { preferredPublics: ['qpv'] }, []],
    ['national', { place: LYON }, { national: true }, []],
    ['inside the region', { place: LYON }, { national: false, regions: ['84'] }, []],
    ['inside the département', { place: LYON }, { national: false, departements: ['69'] }, []],
    ['inside the commune', { place: LYON }, { national: false, communes: ['69123'] }, []],
    ['an arrondissement is inside its commune', { place: LYON_3E }, { national: false, communes: ['69123'] }, []],
    ['outside the area', { place: LYON }, { national: false, regions: ['11'] }, ['outside_area']],
    ['outside the area but remote and either', { place: LYON, meeting: 'either' }, { national: false, regions: ['11'], remote: true }, []],
    ['outside the area, remote pref', { place: LYON, meeting: 'remote' }, { national: false, regions: ['11'], remote: true }, []],
    ['outside the area, remote programme, in-person pref', { place: LYON, meeting: 'in_person' }, { national: false, regions: ['11'], remote: true }, ['outside_area']],
    ['no place: area programme excluded', { place: null }, { national: false, regions: ['11'] }, ['place_not_given']],
    ['no place: national programme fits', { place: null }, { national: true }, []],
    ['no place: remote programme fits', { place: null, meeting: 'either' }, { national: false, regions: ['11'], remote: true }, []],
    ['no place: unknown area never excludes', { place: null }, { national: false }, []],
    ['unknown area never excludes', { place: LYON, meeting: 'in_person' }, { national: false }, []],
    ['no need in common', { needs: ['job'] }, { needs: ['school_support'] }, ['no_need_match']],
    ['one need in common is enough', { needs: ['job', 'orientation'] }, { needs: ['orientation'] }, []],
    ['programme needs unknown', { needs: ['job'] }, { needs: [] }, []],
    ["request only 'other'", { needs: ['other'] }, { needs: ['school_support'] }, []],
    ["'other' plus a real need still has to match", { needs: ['other', 'job'] }, { needs: ['school_support'] }, ['no_need_match']],
    ['school year not served', { situation: year('college', '6e') }, { schoolYears: ['5e', '4e'] }, ['school_year_not_served']],
    ['school year served', { situation: year('college', '5e') }, { schoolYears: ['5e', '4e'] }, []],
    ['school year unknown on the request', { situation: year('college', null) }, { schoolYears: ['5e'] }, []],
    ['school year unknown on the programme', { situation: year('college', '6e') }, { schoolYears: [] }, []],
    ['no situation at all: school years never exclude', { situation: null }, { schoolYears: ['5e'] }, []],
    ['diploma level not served', { situation: level('recherche_emploi', 'bac_plus_2') }, { diplomaLevels: ['bac_plus_3', 'bac_plus_4'] }, ['diploma_level_not_served']],
    ['diploma level served', { situation: level('etudiant', 'bac_plus_4') }, { diplomaLevels: ['bac_plus_3', 'bac_plus_4'] }, []],
    ['diploma level unknown on the request', { situation: level('etudiant', null) }, { diplomaLevels: ['bac_plus_3'] }, []],
    ['diploma level unknown on the programme', { situation: level('neet', 'none') }, { diplomaLevels: [] }, []],
    // A pupil gives a school year, not a diploma: a diploma list says nothing about them.
    ['a pupil passes a diploma-level list', { situation: year('lycee_pro', 'cap_1') }, { diplomaLevels: ['bac_plus_3'] }, []],
    ['year and level both checked', { situation: { kind: 'autre', schoolYear: 'terminale', diplomaLevel: 'bac', detail: null } }, { schoolYears: ['3e'], diplomaLevels: ['none'] }, ['school_year_not_served', 'diploma_level_not_served']],
  ];
  it.each(cases)('%s', (_name, req, prog, expected) => {
    expect(codes(request(req), programme(prog))).toEqual(expected);
  });

  it.each([
    [10, 9, []],
    [10, 10, ['at_capacity']],
    [10, 11, ['at_capacity']],
  ])('capacity %i, load %i', (cap, used, expected) => {
    expect(codes(request(), programme({ id: 'x', capacityPerMonth: cap }), { x: used })).toEqual(expected);
  });
  it('unknown capacity never excludes; 0 pauses a programme', () => {
    expect(codes(request(), programme({ id: 'x', capacityPerMonth: null }), { x: 1000 })).toEqual([]);
    // A capacity of 0 is how staff pause a programme without deactivating it.
    expect(codes(request(), programme({ id: 'x', capacityPerMonth: 0 }), {})).toEqual(['at_capacity']);
  });
  it('a negative or non-finite load counts as 0, so it cannot unpause a programme', () => {
    for (const bad of [-3, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(codes(request(), programme({ id: 'x', capacityPerMonth: 0 }), { x: bad })).toEqual(['at_capacity']);
      expect(codes(request(), programme({ id: 'x', capacityPerMonth: 2 }), { x: bad })).toEqual([]);
    }
  });

  it('lists every failing criterion, with plain params', () => {
    const reasons = exclusionReasons(
      request({ age: 28, priorityPublics: null, place: LYON }),
      programme({ maxAge: 25, requiredPublics: ['disability'], national: false, regions: ['11'], needs: ['job'] }),
      {},
    );
    expect(reasons).toEqual([
      { code: 'age_above_max', params: { max: 25 } },
      { code: 'required_public_unknown', params: { public: 'disability' } },
      { code: 'outside_area' },
      { code: 'no_need_match' },
    ]);
  });

  it('never routes to an excluded programme', () => {
    const d = routeRequest(request({ age: 28 }), [programme({ id: 'young', maxAge: 25 }), COORDINATOR], {}, NOW);
    expect(d.kind).toBe('no_match');
    expect(d.excluded).toEqual([
      { programmeId: 'coord', reasons: [{ code: 'coordinator' }] },
      { programmeId: 'young', reasons: [{ code: 'age_above_max', params: { max: 25 } }] },
    ]);
  });
});

describe('soft score', () => {
  it('adds 3 per matched need', () => {
    const d = routeRequest(
      request({ needs: ['orientation', 'job'] }),
      [programme({ id: 'a', needs: ['orientation'] }), programme({ id: 'b', needs: ['orientation', 'job'] }), COORDINATOR],
      {},
      NOW,
    );
    expect(chosenId(d)).toBe('b');
    if (d.kind !== 'routed') throw new Error();
    expect(d.chosen.score).toBe(6);
    expect(d.chosen.reasons.filter((r) => r.code === 'need_match')).toEqual([
      { code: 'need_match', params: { need: 'orientation' } },
      { code: 'need_match', params: { need: 'job' } },
    ]);
    expect(d.alternatives.map((a) => [a.programme.id, a.score])).toEqual([['a', 3]]);
  });

  it('adds 2 per declared preferred public', () => {
    const d = routeRequest(
      request({ priorityPublics: ['qpv', 'rural'] }),
      [programme({ id: 'a' }), programme({ id: 'b', preferredPublics: ['rural', 'qpv', 'disability'] }), COORDINATOR],
      {},
      NOW,
    );
    if (d.kind !== 'routed') throw new Error();
    expect([d.chosen.programme.id, d.chosen.score]).toEqual(['b', 4]);
    expect(d.chosen.reasons.filter((r) => r.code === 'preferred_public').map((r) => r.params?.public)).toEqual(['qpv', 'rural']);
  });

  it('ranks commune > département > région > national, with the matching reason', () => {
    const progs = [
      programme({ id: 'nat', national: true }),
      programme({ id: 'reg', national: false, regions: ['84'] }),
      programme({ id: 'dep', national: false, departements: ['69'] }),
      programme({ id: 'com', national: false, communes: ['69123'] }),
      COORDINATOR,
    ];
    const d = routeRequest(request({ place: LYON_3E }), progs, {}, NOW);
    if (d.kind !== 'routed') throw new Error();
    expect([d.chosen, ...d.alternatives].map((o) => [o.programme.id, o.score])).toEqual([['com', 3], ['dep', 2], ['reg', 1]]);
    expect(d.chosen.reasons).toContainEqual({ code: 'place_commune', params: { name: 'Lyon 3e Arrondissement' } });
    expect(d.alternatives[0]?.reasons).toContainEqual({ code: 'place_departement' });
    expect(d.alternatives[1]?.reasons).toContainEqual({ code: 'place_region' });
    const nat = routeRequest(request({ place: LYON }), [progs[0]!], {}, NOW);
    if (nat.kind !== 'routed') throw new Error();
    expect(nat.chosen.reasons).toContainEqual({ code: 'national' });
  });

  it("says 'remote' when only remote meetings make the programme eligible", () => {
    const d = routeRequest(request({ place: LYON, meeting: 'remote' }), [programme({ id: 'r', national: false, regions: ['11'], remote: true })], {}, NOW);
    if (d.kind !== 'routed') throw new Error();
    expect(d.chosen.reasons).toEqual([{ code: 'remote' }, { code: 'meeting_match', params: { mode: 'remote' } }]);
    expect(d.chosen.score).toBe(1);
  });

  it.each([
    ['in_person', { inPerson: true, remote: false }, 1],
    ['in_person', { inPerson: false, remote: true }, 0],
    ['remote', { inPerson: false, remote: true }, 1],
    ['remote', { inPerson: true, remote: false }, 0],
    ['either', { inPerson: true, remote: true }, 0],
  ] as const)('meeting %s with %j scores %i', (meeting, modes, expected) => {
    const d = routeRequest(request({ meeting }), [programme({ id: 'm', ...modes })], {}, NOW);
    if (d.kind !== 'routed') throw new Error();
    expect(d.chosen.score).toBe(expected);
  });

  it.each([
    [{ minAge: 13, maxAge: 18 }, { code: 'age_ok', params: { min: 13, max: 18 } }],
    [{ minAge: 13, maxAge: null }, { code: 'age_min_ok', params: { min: 13 } }],
    [{ minAge: null, maxAge: 18 }, { code: 'age_max_ok', params: { max: 18 } }],
  ])('age reason for %j', (ages, expected) => {
    const d = routeRequest(request({ age: 15 }), [programme({ id: 'a', ...ages })], {}, NOW);
    if (d.kind !== 'routed') throw new Error();
    expect(d.chosen.reasons).toContainEqual(expected);
  });

  it('gives no age reason when the programme states no age: the age decided nothing', () => {
    const d = routeRequest(request({ age: 15 }), [programme({ id: 'a' })], {}, NOW);
    if (d.kind !== 'routed') throw new Error();
    expect(d.chosen.reasons.map((r) => r.code)).not.toContain('age_unknown');
    expect(d.chosen.reasons.map((r) => r.code).filter((c) => c.startsWith('age'))).toEqual([]);
  });

  it('names the situation only when the programme lists the situations it serves', () => {
    const listed = routeRequest(request({ situation: situation('neet') }), [programme({ id: 'a', situations: ['neet', 'recherche_emploi'] })], {}, NOW);
    const open = routeRequest(request({ situation: situation('neet') }), [programme({ id: 'a' })], {}, NOW);
    if (listed.kind !== 'routed' || open.kind !== 'routed') throw new Error();
    expect(listed.chosen.reasons).toContainEqual({ code: 'situation_ok', params: { situation: 'neet' } });
    expect(open.chosen.reasons.map((r) => r.code)).not.toContain('situation_ok');
  });

  it('says when the programme names the young person\'s school year or diploma level', () => {
    const d = routeRequest(
      request({ situation: { kind: 'lycee_pro', schoolYear: 'cap_2', diplomaLevel: 'brevet', detail: null } }),
      [programme({ id: 'a', schoolYears: ['cap_1', 'cap_2'], diplomaLevels: ['brevet'] })],
      {},
      NOW,
    );
    if (d.kind !== 'routed') throw new Error();
    expect(d.chosen.reasons).toEqual([{ code: 'school_year_ok' }, { code: 'diploma_level_ok' }, { code: 'national' }]);
    // No points for it: naming the years must not outrank a programme that has not described them.
    expect(d.chosen.score).toBe(0);
  });

  it('the least used share of capacity breaks an exact tie, never a real difference', () => {
    const tie = routeRequest(
      request(),
      [programme({ id: 'a', capacityPerMonth: 10 }), programme({ id: 'b', capacityPerMonth: 10 })],
      { a: 8, b: 2 },
      NOW,
    );
    expect(chosenId(tie)).toBe('b');
    const real = routeRequest(
      request({ needs: ['job'] }),
      [programme({ id: 'a', needs: ['job'], capacityPerMonth: 10 }), programme({ id: 'b', capacityPerMonth: 10 })],
      { a: 9, b: 0 },
      NOW,
    );
    expect(chosenId(real)).toBe('a');
  });

  it('breaks ties of equal load by distance: the programme of their commune, then département, then région', () => {
    const progs = [
      programme({ id: 'a-region', national: false, regions: ['84'], needs: ['orientation'] }),
      programme({ id: 'b-national', national: true, needs: ['orientation'] }),
      programme({ id: 'c-dep', national: false, communes: ['69259'], remote: true, needs: ['orientation'] }),
    ];
    // Same fit and same score (a commune elsewhere in the département scores nothing): distance decides.
    const d = routeRequest(request({ place: LYON, meeting: 'either' }), progs, {}, NOW);
    if (d.kind !== 'routed') throw new Error();
    expect(d.chosen.programme.id).toBe('a-region');
    const scores = [d.chosen, ...d.alternatives].map((o) => o.score);
    // The région programme scores 1 for the région: not a tie. Without it, the département one wins on distance.
    expect(scores[0]).toBe(4);
    const tie = routeRequest(request({ place: LYON }), [progs[1]!, progs[2]!], {}, NOW);
    if (tie.kind !== 'routed') throw new Error();
    expect(tie.chosen.score).toBe(tie.alternatives[0]!.score);
    expect(tie.chosen.programme.id).toBe('c-dep');
    expect(tie.chosen.reasons).toContainEqual({ code: 'tie_distance' });
  });

  it('remaining capacity comes before distance, and says so', () => {
    const near = programme({ id: 'near', national: false, communes: ['69259'], remote: true, capacityPerMonth: 10 });
    const far = programme({ id: 'far', national: true, capacityPerMonth: 10 });
    const d = routeRequest(request({ place: LYON }), [near, far], { near: 6, far: 1 }, NOW);
    if (d.kind !== 'routed') throw new Error();
    expect(d.chosen.programme.id).toBe('far');
    expect(d.chosen.reasons).toContainEqual({ code: 'tie_capacity' });
    const even = routeRequest(request({ place: LYON }), [near, far], { near: 1, far: 1 }, NOW);
    expect(chosenId(even)).toBe('near');
  });

  it('never breaks the last ties by id: the same whatever the order, spread over programmes across requests', () => {
    const progs = [programme({ id: 'c' }), programme({ id: 'a' }), programme({ id: 'b' }), programme({ id: 'd' })];
    const firsts = new Set<string>();
    for (let age = 13; age <= 30; age++) {
      const order = (list: DirectoryProgramme[]) => {
        const d = routeRequest(request({ age }), list, {}, NOW);
        if (d.kind !== 'routed') throw new Error();
        return [d.chosen, ...d.alternatives].map((o) => o.programme.id);
      };
      const got = order(progs);
      expect(order([...progs].reverse())).toEqual(got);
      firsts.add(got[0]!);
    }
    // Ordering by id would have sent all 18 requests to 'a'.
    expect(firsts.size).toBeGreaterThan(1);
  });

  it('a quicker call-back breaks a tie of equal load and distance', () => {
    const d = routeRequest(request(), [programme({ id: 'a', responseDays: 10 }), programme({ id: 'z', responseDays: 3 })], {}, NOW);
    if (d.kind !== 'routed') throw new Error();
    expect(d.chosen.programme.id).toBe('z');
    expect(d.chosen.reasons).toContainEqual({ code: 'tie_response' });
  });
});

describe('a bonus never outranks fit', () => {
  it('a programme matching more needs wins over a closer one with a preferred public and the meeting mode', () => {
    const local = programme({ id: 'local', national: false, communes: ['69123'], needs: ['orientation'], preferredPublics: ['qpv'], inPerson: true });
    const wide = programme({ id: 'wide', national: true, needs: ['orientation', 'job'] });
    const d = routeRequest(request({ place: LYON, needs: ['orientation', 'job'], priorityPublics: ['qpv'], meeting: 'in_person' }), [local, wide], {}, NOW);
    if (d.kind !== 'routed') throw new Error();
    // local scores 3 + 3 + 2 + 1 = 9 against 6, but fits one need where wide fits two.
    expect(d.alternatives[0]!.score).toBeGreaterThan(d.chosen.score);
    expect(d.chosen.programme.id).toBe('wide');
  });

  it('a priority-neighbourhood programme is never proposed to someone who said they live in none', () => {
    const qpv = programme({ id: 'job-dans-la-ville', national: false, communes: ['69123'], needs: ['orientation'], preferredPublics: ['qpv'] });
    const other = programme({ id: 'other', national: true, needs: ['orientation'] });
    for (const priorityPublics of [[], ['disability']] as const) {
      const d = routeRequest(request({ place: LYON, priorityPublics: [...priorityPublics] }), [qpv, other], {}, NOW);
      expect(chosenId(d)).toBe('other');
      if (d.kind === 'routed') expect(d.alternatives.map((a) => a.programme.id)).not.toContain('job-dans-la-ville');
    }
    // Declared: it fits, before a programme matching the same need without it.
    const d = routeRequest(request({ place: LYON, priorityPublics: ['qpv'] }), [qpv, other], {}, NOW);
    expect(chosenId(d)).toBe('job-dans-la-ville');
  });

  it('a rural programme is never proposed to a city youth who declared no rural area', () => {
    const rural = programme({ id: 'chemins-davenirs-mentorat', national: true, needs: ['orientation'], preferredPublics: ['rural'] });
    const other = programme({ id: 'other', national: false, regions: ['84'], needs: ['orientation'] });
    expect(chosenId(routeRequest(request({ place: LYON, priorityPublics: [] }), [rural, other], {}, NOW))).toBe('other');
    expect(chosenId(routeRequest(request({ place: LYON, priorityPublics: ['rural'] }), [rural, other], {}, NOW))).toBe('chemins-davenirs-mentorat');
  });
});

describe('load balancing between equal fits', () => {
  /** Routes `n` identical requests one after another, counting each as sent. */
  function spread(progs: DirectoryProgramme[], n: number, start: ProgrammeLoad = {}): ProgrammeLoad {
    const load: ProgrammeLoad = { ...start };
    for (let i = 0; i < n; i++) {
      const d = routeRequest(request(), progs, load, NOW);
      const id = d.kind === 'routed' ? d.chosen.programme.id : 'coordinator';
      load[id] = (load[id] ?? 0) + 1;
    }
    return load;
  }

  it('spreads requests in proportion to capacity: 100 and 200 get 100 and 200 of 300', () => {
    const progs = [programme({ id: 'small', capacityPerMonth: 100 }), programme({ id: 'large', capacityPerMonth: 200 }), COORDINATOR];
    const load = spread(progs, 300);
    expect(Math.abs((load.small ?? 0) - 100)).toBeLessThanOrEqual(1);
    expect(Math.abs((load.large ?? 0) - 200)).toBeLessThanOrEqual(1);
    // Proportional all along, not only at the end: after 90 requests, 30 and 60 (±1).
    const early = spread(progs, 90);
    expect(Math.abs((early.small ?? 0) - 30)).toBeLessThanOrEqual(1);
    expect(Math.abs((early.large ?? 0) - 60)).toBeLessThanOrEqual(1);
  });

  it('also from uneven starting loads, in any directory order', () => {
    const progs = [programme({ id: 'b', capacityPerMonth: 50 }), programme({ id: 'a', capacityPerMonth: 30 }), programme({ id: 'c', capacityPerMonth: 20 })];
    const load = spread([...progs].reverse(), 60, { a: 20, b: 0, c: 0 });
    // 80 requests in all over a capacity of 100: each ends near 80 % full.
    expect(load).toEqual({ a: 24, b: 40, c: 16 });
    expect(spread(progs, 60, { a: 20, b: 0, c: 0 })).toEqual(load);
  });

  it('a programme at capacity receives nothing more this period; the others take over, then the coordinator', () => {
    const progs = [programme({ id: 'small', capacityPerMonth: 2 }), programme({ id: 'large', capacityPerMonth: 4 }), COORDINATOR];
    const load = spread(progs, 10);
    expect(load).toEqual({ small: 2, large: 4, coordinator: 4 });
    const d = routeRequest(request(), progs, load, NOW);
    expect(d.kind).toBe('no_match');
    expect(d.excluded.filter((e) => e.reasons.some((r) => r.code === 'at_capacity')).map((e) => e.programmeId)).toEqual(['large', 'small']);
  });

  it('known capacities before unknown ones, unknown ones by load, then the quicker call-back', () => {
    const progs = [
      programme({ id: 'u1', responseDays: 3 }),
      programme({ id: 'u2' }),
      programme({ id: 'k', capacityPerMonth: 10 }),
    ];
    expect(chosenId(routeRequest(request(), progs, { k: 9, u1: 0 }, NOW))).toBe('k');
    expect(chosenId(routeRequest(request(), progs, { k: 10, u1: 3, u2: 1 }, NOW))).toBe('u2');
    expect(chosenId(routeRequest(request(), progs, { k: 10, u1: 1, u2: 1 }, NOW))).toBe('u1');
    // Two unknown capacities share identical requests evenly.
    expect(spread(progs.slice(0, 2), 7)).toEqual({ u1: 4, u2: 3 });
  });

  it('orders tied alternatives the same way', () => {
    const progs = [programme({ id: 'a', capacityPerMonth: 10 }), programme({ id: 'b', capacityPerMonth: 10 }), programme({ id: 'c' }), programme({ id: 'd', capacityPerMonth: 4 })];
    const d = routeRequest(request(), progs, { a: 5, b: 1, d: 1 }, NOW);
    if (d.kind !== 'routed') throw new Error();
    expect([d.chosen, ...d.alternatives].map((o) => o.programme.id)).toEqual(['b', 'd', 'a']);
  });
});

describe('fallback', () => {
  it('sends to the coordinator when nothing fits', () => {
    const d = routeRequest(request({ needs: ['job'] }), [programme({ id: 'x', needs: ['school_support'] }), COORDINATOR], {}, NOW);
    expect(d).toEqual({
      kind: 'no_match',
      fallback: { programme: COORDINATOR, score: 0, reasons: [{ code: 'no_programme_fits' }] },
      excluded: [
        { programmeId: 'coord', reasons: [{ code: 'coordinator' }] },
        { programmeId: 'x', reasons: [{ code: 'no_need_match' }] },
      ],
    });
  });

  it('uses the built-in coordinator when the list has none (or only an inactive one)', () => {
    for (const list of [[], [programme({ id: 'old', isCoordinator: true, active: false })]]) {
      const d = routeRequest(request(), list, {}, NOW);
      expect(d.kind).toBe('no_match');
      if (d.kind !== 'no_match') throw new Error();
      expect(d.fallback.programme).toBe(DEFAULT_COORDINATOR);
    }
  });

  it('never throws on a malformed directory row: the coordinator gets the request', () => {
    const broken = { ...programme({ id: 'broken' }), needs: undefined } as unknown as DirectoryProgramme;
    const d = routeRequest(request(), [broken], {}, NOW);
    expect(d.kind).toBe('no_match');
    if (d.kind !== 'no_match') throw new Error();
    expect(d.fallback.reasons).toEqual([{ code: 'routing_error' }]);
  });

  it('gives the same decision when the same array is reordered or edited between calls', () => {
    // routeRequest remembers the id order of an array it has seen: edits must not fool it.
    const list = [programme({ id: 'c', needs: ['job'] }), programme({ id: 'a', responseDays: 4 }), programme({ id: 'b', needs: ['job'] }), COORDINATOR];
    const first = routeRequest(request(), list, {}, NOW);
    expect(first.excluded.map((e) => e.programmeId)).toEqual(['b', 'c', 'coord']);
    list.reverse();
    expect(routeRequest(request(), list, {}, NOW)).toEqual(first);
    list[0] = programme({ id: 'aa', needs: ['job'] }); // replaces the coordinator
    list[1] = { ...list[1]!, id: 'z' };
    expect(routeRequest(request(), list, {}, NOW).excluded.map((e) => e.programmeId)).toEqual(['aa', 'c', 'z']);
    list.push(programme({ id: '0', responseDays: 3 }));
    const d = routeRequest(request(), list, {}, NOW);
    expect(d.kind === 'routed' && [d.chosen, ...d.alternatives].map((o) => o.programme.id)).toEqual(['0', 'a']);
  });

  it('maps Paris, Lyon and Marseille arrondissements to their commune', () => {
    expect(parentCommune('75112')).toBe(PARIS.commune);
    expect(parentCommune('13216')).toBe('13055');
    expect(parentCommune('69123')).toBe('69123');
  });
});
