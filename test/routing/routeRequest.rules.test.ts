import { DEFAULT_COORDINATOR } from '../../routing/defaultCoordinator';
import { exclusionReasons, parentCommune, routeRequest } from '../../routing/routeRequest';
import type { DirectoryProgramme, ProgrammeLoad, RoutableRequest, RouteDecision } from '../../routing/types';
import { COORDINATOR, PARIS, placeOf, programme, request, situation } from './helpers';

const NOW = new Date('2026-11-21T10:00:00Z');
const LYON = placeOf('Lyon');
const LYON_3E = { ...LYON, commune: '69383', name: 'Lyon 3e Arrondissement' };

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
    ["'autre' is treated as unknown", { situation: situation('autre') }, { situations: ['college'] }, []],
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
    expect(d.chosen.reasons).toEqual([{ code: 'age_unknown' }, { code: 'remote' }, { code: 'meeting_match', params: { mode: 'remote' } }]);
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
    [{ minAge: null, maxAge: null }, { code: 'age_unknown' }],
  ])('age reason for %j', (ages, expected) => {
    const d = routeRequest(request({ age: 15 }), [programme({ id: 'a', ...ages })], {}, NOW);
    if (d.kind !== 'routed') throw new Error();
    expect(d.chosen.reasons).toContainEqual(expected);
  });

  it('remaining capacity breaks an exact tie, never a real difference', () => {
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

  it('breaks remaining ties by programme id, whatever the input order', () => {
    const progs = [programme({ id: 'c' }), programme({ id: 'a' }), programme({ id: 'b' }), programme({ id: 'd' })];
    for (const order of [progs, [...progs].reverse()]) {
      const d = routeRequest(request(), order, {}, NOW);
      if (d.kind !== 'routed') throw new Error();
      expect([d.chosen, ...d.alternatives].map((o) => o.programme.id)).toEqual(['a', 'b', 'c']);
    }
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

  it('maps Paris, Lyon and Marseille arrondissements to their commune', () => {
    expect(parentCommune('75112')).toBe(PARIS.commune);
    expect(parentCommune('13216')).toBe('13055');
    expect(parentCommune('69123')).toBe('69123');
  });
});
