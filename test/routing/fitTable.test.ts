/**
 * The fit table (prisma/seed/fit.json, issue 22): programmes for a public (priority
 * neighbourhoods, rural areas, child welfare, refugees) or for some situations only. A
 * young person who said the public is not theirs is not sent there; one who did not
 * answer still can be (unknown never excludes). Programme × profile, on the real seed.
 */
import FIT_JSON from '../../prisma/seed/fit.json';
import { PRIORITY_PUBLICS, SITUATIONS } from '../../intake/vocabulary';
import { validateDirectory } from '../../routing/directorySchema';
import { toDirectoryProgrammes } from '../../routing/directoryToProgrammes';
import { FIT_TABLE, fitExclusions } from '../../routing/fitTable';
import { routeRequest } from '../../routing/routeRequest';
import type { RoutableRequest, RouteDecision } from '../../routing/types';
import { placeOf, request, seedJson } from './helpers';

const NOW = new Date('2026-11-21T10:00:00Z');
const parsed = validateDirectory(seedJson());
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const programmes = toDirectoryProgrammes(parsed.value);
const offered = (d: RouteDecision): string[] => (d.kind === 'routed' ? [d.chosen, ...d.alternatives].map((o) => o.programme.id) : []);
const route = (over: Partial<RoutableRequest>) => routeRequest(request(over), programmes, {}, NOW);
const lycee = { kind: 'lycee_general', schoolYear: 'premiere', diplomaLevel: null, detail: null } as const;

describe('the fit table file', () => {
  test('names programmes of the seed, with known codes only', () => {
    const ids = new Set(programmes.map((p) => p.id));
    for (const [id, row] of Object.entries(FIT_JSON.programmes as Record<string, { publics?: string[]; situations?: string[] }>)) {
      expect(ids.has(id)).toBe(true);
      for (const pub of row.publics ?? []) expect(PRIORITY_PUBLICS).toContain(pub);
      for (const s of row.situations ?? []) expect(SITUATIONS).toContain(s);
    }
    expect(Object.keys(FIT_TABLE).length).toBe(Object.keys(FIT_JSON.programmes).length);
  });
});

describe('programme × profile', () => {
  const cases: { who: string; over: Partial<RoutableRequest>; never: string[]; offers?: string[] }[] = [
    { who: 'a city pupil who declared no priority situation: no rural programme',
      over: { age: 16, situation: lycee, needs: ['orientation'], place: placeOf('Le Mans'), priorityPublics: [] },
      never: ['chemins-davenirs-mentorat', 'des-territoires-aux-grandes-ecoles-mentorat'], offers: ['institut-telemaque-tutorat'] },
    { who: 'the same pupil in a village who said rural',
      over: { age: 16, situation: lycee, needs: ['orientation'], place: placeOf('Treignat'), priorityPublics: ['rural'] },
      never: [], offers: ['chemins-davenirs-mentorat', 'des-territoires-aux-grandes-ecoles-mentorat'] },
    { who: 'a pupil who skipped the question: rural programmes stay possible',
      over: { age: 16, situation: lycee, needs: ['orientation'], place: placeOf('Treignat'), priorityPublics: null },
      never: [], offers: ['des-territoires-aux-grandes-ecoles-mentorat'] },
    { who: 'a job seeker in Lille outside priority neighbourhoods: not Job dans la ville',
      over: { age: 19, situation: { kind: 'recherche_emploi', schoolYear: null, diplomaLevel: 'bac', detail: null }, needs: ['job'], place: placeOf('Lille'), priorityPublics: [] },
      never: ['job-dans-la-ville', 'duo-for-a-job-emploi'] },
    { who: 'the same young person in a QPV',
      over: { age: 19, situation: { kind: 'recherche_emploi', schoolYear: null, diplomaLevel: 'bac', detail: null }, needs: ['job'], place: placeOf('Lille'), priorityPublics: ['qpv'] },
      never: [], offers: ['job-dans-la-ville'] },
    { who: 'a shy lycéen not in child welfare: not Parrains par Mille',
      over: { age: 17, situation: lycee, needs: ['confidence'], place: placeOf('Nantes'), priorityPublics: [] },
      never: ['parrains-par-mille-parrainage', 'sport-dans-la-ville-sport'] },
    { who: 'a lycéen looking for a job: not the adults’ group programme',
      over: { age: 18, situation: lycee, needs: ['job'], place: placeOf('Rennes'), priorityPublics: [] },
      never: ['collectif-powa-mentorat'] },
    { who: 'a refugee job seeker in Marseille: Duo for a job',
      over: { age: 24, situation: { kind: 'recherche_emploi', schoolYear: null, diplomaLevel: 'none', detail: null }, needs: ['job'], place: placeOf('Marseille'), priorityPublics: ['refugee'], meeting: 'in_person' },
      never: [], offers: ['duo-for-a-job-emploi'] },
  ];
  test.each(cases)('$who', ({ over, never, offers }) => {
    const d = route(over);
    for (const id of never) expect(offered(d)).not.toContain(id);
    for (const id of offers ?? []) expect(offered(d)).toContain(id);
  });

  test('the reason names the public the programme is for', () => {
    const jdlv = programmes.find((p) => p.id === 'job-dans-la-ville')!;
    expect(fitExclusions(request({ priorityPublics: ['rural'] }), jdlv)).toEqual([{ code: 'fit_public_missing', params: { public: 'qpv' } }]);
    expect(fitExclusions(request({ priorityPublics: null }), jdlv)).toEqual([]);
  });
});
