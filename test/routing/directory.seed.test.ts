import type { DiplomaLevel, SchoolYear } from '../../intake/vocabulary';
import { validateDirectory } from '../../routing/directorySchema';
import { toDirectoryProgrammes } from '../../routing/directoryToProgrammes';
import { routeRequest } from '../../routing/routeRequest';
import type { DirectoryProgramme, RoutableRequest, RouteDecision } from '../../routing/types';
import { communeRows, placeOf, request, seedJson, situation } from './helpers';

const NOW = new Date('2026-11-21T10:00:00Z');

function loadSeed(): DirectoryProgramme[] {
  const parsed = validateDirectory(seedJson());
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return toDirectoryProgrammes(parsed.value);
}
const programmes = loadSeed();
const route = (r: RoutableRequest): RouteDecision => routeRequest(r, programmes, {}, NOW);
const top3 = (d: RouteDecision): string[] =>
  d.kind === 'routed' ? [d.chosen, ...d.alternatives].map((o) => o.programme.id) : [];

describe('prisma/seed/directory.json', () => {
  it('is valid, with the 22 associations and one coordinator', () => {
    const parsed = validateDirectory(seedJson());
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    const members = parsed.value.associations.filter((a) => !a.isCoordinator);
    expect(members).toHaveLength(22);
    expect(parsed.value.associations.filter((a) => a.isCoordinator).map((a) => a.id)).toEqual(['collectif-mentorat']);
    // No e-mail is invented: staff set them once associations confirm an address.
    expect(parsed.value.associations.every((a) => a.contactEmail === null)).toBe(true);
    expect(parsed.value.associations.every((a) => a.programmes.every((p) => p.capacityPerMonth === null))).toBe(true);
  });

  it('names the communes it means', () => {
    const byCode = new Map(communeRows().filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c.nom]));
    const used = new Set(programmes.flatMap((p) => p.communes));
    expect(Object.fromEntries([...used].sort().map((c) => [c, byCode.get(c)]))).toEqual({
      '13001': 'Aix-en-Provence',
      '13055': 'Marseille',
      '30007': 'Alès',
      '59350': 'Lille',
      '69123': 'Lyon',
      '75056': 'Paris',
    });
  });

  it('sets school years and diploma levels only where a source states them', () => {
    const withLists = programmes
      .filter((p) => p.schoolYears.length > 0 || p.diplomaLevels.length > 0)
      .map((p) => ({ id: p.id, schoolYears: p.schoolYears, diplomaLevels: p.diplomaLevels }));
    expect(withLists).toEqual([
      { id: 'arpejeh-mentorat', schoolYears: ['3e', 'seconde', 'premiere', 'terminale', 'cap_1', 'cap_2'], diplomaLevels: [] },
      { id: 'capital-filles-mentorat', schoolYears: ['3e', 'seconde', 'premiere', 'terminale', 'cap_1', 'cap_2'], diplomaLevels: [] },
      { id: 'institut-telemaque-tutorat', schoolYears: ['5e', '4e', '3e', 'seconde', 'premiere', 'terminale', 'cap_1', 'cap_2'], diplomaLevels: ['none', 'brevet', 'cap_bep', 'bac', 'bac_plus_1', 'bac_plus_2'] },
      { id: 'nqt-premier-emploi', schoolYears: [], diplomaLevels: ['bac_plus_3', 'bac_plus_4', 'bac_plus_5_or_more'] },
      { id: 'zupdeco-tutorat', schoolYears: ['6e', '5e', '4e', '3e'], diplomaLevels: [] },
    ]);
  });

  it('copies association facts down to programmes', () => {
    const jdlv = programmes.find((p) => p.id === 'job-dans-la-ville');
    expect(jdlv).toMatchObject({ associationId: 'sport-dans-la-ville', associationName: 'Sport dans la Ville', responseDays: 5, isCoordinator: false });
  });
});

/**
 * For each association, a young person its public description fits, and the programme
 * they must land on. Requests are made specific enough that the programme is chosen;
 * the exceptions (a genuine tie, girls only) say why.
 */
const S = situation;
/** A pupil who gave their school year, or a student / young adult who gave their level. */
const Y = (kind: Parameters<typeof situation>[0], schoolYear: SchoolYear): RoutableRequest['situation'] => ({ ...situation(kind)!, schoolYear });
const L = (kind: Parameters<typeof situation>[0], diplomaLevel: DiplomaLevel): RoutableRequest['situation'] => ({ ...situation(kind)!, diplomaLevel });
const cases: { association: string; expected: string; request: RoutableRequest; among?: true }[] = [
  { association: 'AFEV', expected: 'afev-mentorat',
    // AFEV is the one national school-support programme open to an apprentice under 18.
    request: request({ age: 16, situation: Y('apprenti', 'cap_1'), needs: ['school_support'], place: placeOf('Bordeaux'), meeting: 'in_person' }) },
  { association: 'ANAF', expected: 'anaf-apprentis',
    request: request({ age: 19, situation: S('apprenti'), needs: ['job', 'school_support'], place: placeOf('Mamoudzou') }) },
  { association: 'ARPEJEH', expected: 'arpejeh-mentorat',
    request: request({ age: 17, situation: Y('lycee_general', 'premiere'), needs: ['orientation'], place: placeOf('Lyon'), priorityPublics: ['disability'], meeting: 'in_person' }) },
  { association: 'Article 1', expected: 'article-1-dema1n',
    request: request({ age: 20, situation: L('etudiant', 'bac_plus_2'), needs: ['school_support', 'orientation'], place: placeOf('Rennes'), meeting: 'remote' }) },
  { association: "Chemins d'avenirs", expected: 'chemins-davenirs-mentorat',
    request: request({ age: 14, situation: S('college'), needs: ['orientation', 'confidence'], place: placeOf('Guéret'), priorityPublics: ['rural'], meeting: 'in_person' }) },
  { association: 'Collectif POWA', expected: 'collectif-powa-mentorat',
    request: request({ age: 22, situation: L('neet', 'none'), needs: ['job'], place: placeOf('Rennes'), meeting: 'in_person' }) },
  { association: "C'Possible", expected: 'cpossible-decrochage',
    request: request({ age: 16, situation: Y('lycee_pro', 'seconde'), needs: ['school_support'], place: placeOf('Nantes'), meeting: 'in_person' }) },
  { association: 'Duo for a job', expected: 'duo-for-a-job-emploi',
    request: request({ age: 25, situation: L('recherche_emploi', 'bac'), needs: ['job'], place: placeOf('Marseille'), priorityPublics: ['refugee'], meeting: 'in_person' }) },
  { association: 'ECTI / EGEE / OTECI / AGIRabcd', expected: 'ecti-egee-oteci-agirabcd-apprentis-lyon',
    request: request({ age: 18, situation: S('apprenti'), needs: ['job'], place: placeOf('Lyon'), meeting: 'in_person' }) },
  { association: 'Entraide scolaire amicale', expected: 'entraide-scolaire-amicale-soutien',
    request: request({ age: 16, situation: Y('lycee_general', 'seconde'), needs: ['school_support'], place: placeOf('Paris'), meeting: 'in_person' }) },
  { association: 'Des Territoires aux Grandes Écoles', expected: 'des-territoires-aux-grandes-ecoles-mentorat', among: true,
    // A rural lycéen seeking orientation fits DTGE and Chemins d'avenirs exactly alike
    // (both areas unknown, same needs and public): with no load, Chemins d'avenirs is first by id.
    // A collégien tells them apart (DTGE takes lycéens only), in Chemins' favour.
    request: request({ age: 17, situation: Y('lycee_general', 'terminale'), needs: ['orientation', 'confidence'], place: placeOf('Guéret'), priorityPublics: ['rural'], meeting: 'in_person' }) },
  { association: 'France Parrainages', expected: 'france-parrainages-proximite',
    request: request({ age: 16, situation: L('neet', 'brevet'), needs: ['confidence'], place: placeOf('Bordeaux'), meeting: 'in_person' }) },
  { association: 'Institut Télémaque', expected: 'institut-telemaque-tutorat', among: true,
    // Proxité fits exactly as well (its situations and needs include Télémaque's, same
    // preferred public, both areas unknown): no request can separate them until staff
    // describe their areas (a 6e pupil goes to Proxité, below). With no load, Télémaque is first by id.
    request: request({ age: 14, situation: Y('college', '4e'), needs: ['school_support', 'orientation'], place: placeOf('Bordeaux'), priorityPublics: ['qpv'], meeting: 'in_person' }) },
  { association: 'Jeunesse et Entreprises', expected: 'jeunesse-et-entreprises-insertion',
    request: request({ age: 26, situation: L('en_emploi', 'cap_bep'), needs: ['job'], place: placeOf('Bordeaux'), meeting: 'in_person' }) },
  { association: 'MOOVJEE', expected: 'moovjee-entrepreneurs',
    request: request({ age: 24, situation: L('en_emploi', 'bac_plus_2'), needs: ['entrepreneurship'], place: placeOf('Toulouse'), meeting: 'in_person' }) },
  { association: 'NQT', expected: 'nqt-premier-emploi',
    request: request({ age: 24, situation: L('recherche_emploi', 'bac_plus_5_or_more'), needs: ['job'], place: placeOf('Toulouse'), priorityPublics: ['qpv', 'rural'], meeting: 'in_person' }) },
  { association: 'Parrains par Mille', expected: 'parrains-par-mille-parrainage',
    request: request({ age: 17, situation: Y('lycee_pro', 'cap_2'), needs: ['confidence'], place: placeOf('Nantes'), priorityPublics: ['child_welfare'], meeting: 'in_person' }) },
  { association: 'Proxité', expected: 'proxite-mentorat',
    request: request({ age: 17, situation: Y('lycee_pro', 'premiere'), needs: ['job'], place: placeOf('Bordeaux'), priorityPublics: ['qpv'], meeting: 'in_person' }) },
  { association: 'Sport dans la Ville', expected: 'sport-dans-la-ville-sport',
    request: request({ age: 14, situation: Y('college', '3e'), needs: ['confidence'], place: placeOf('Lille'), priorityPublics: ['qpv'], meeting: 'in_person' }) },
  { association: 'Sport dans la Ville (Job dans la ville)', expected: 'job-dans-la-ville',
    request: request({ age: 17, situation: Y('lycee_pro', 'terminale'), needs: ['job'], place: placeOf('Marseille'), priorityPublics: ['qpv'], meeting: 'in_person' }) },
  { association: 'ZUPdeCO', expected: 'zupdeco-tutorat',
    // Its pupils are in priority education: the fit table (prisma/seed/fit.json) wants the QPV said or not answered.
    request: request({ age: 13, situation: Y('college', '4e'), needs: ['school_support'], place: placeOf('Orléans'), priorityPublics: ['qpv'], meeting: 'in_person' }) },
];

describe('a young person who fits each association lands there', () => {
  it.each(cases)('$association', ({ expected, request: r, among }) => {
    const d = route(r);
    if (among) {
      expect(top3(d)).toContain(expected);
    } else {
      expect(d.kind === 'routed' ? d.chosen.programme.id : d.kind).toBe(expected);
    }
  });

  it('covers every association of the seed', () => {
    const covered = new Set(cases.map((c) => programmes.find((p) => p.id === c.expected)?.associationId));
    covered.add('capital-filles'); // below: girls only
    covered.add('ouishare-fondation'); // below: inactive until described
    const members = new Set(programmes.filter((p) => !p.isCoordinator).map((p) => p.associationId));
    expect([...members].filter((a) => !covered.has(a))).toEqual([]);
  });

  it('Ouishare fondation: nothing is known of it, so it is inactive and receives nothing', () => {
    const d = route(request({ age: 29, situation: S('en_emploi'), needs: ['confidence'], place: placeOf('Bordeaux'), meeting: 'in_person' }));
    expect(d.excluded.find((e) => e.programmeId === 'ouishare-fondation-mentorat')?.reasons).toEqual([{ code: 'inactive' }]);
  });

  it('Capital Filles: a girl it fits is not routed there, because gender is not asked', () => {
    const d = route(request({ age: 15, situation: S('lycee_general'), needs: ['orientation'], place: placeOf('Roubaix'), priorityPublics: ['qpv'] }));
    expect(d.excluded.find((e) => e.programmeId === 'capital-filles-mentorat')?.reasons).toEqual([{ code: 'girls_only_unknown' }]);
    expect(d.kind).toBe('routed');
  });

  const excludedFor = (d: RouteDecision, id: string): string[] | undefined =>
    d.excluded.find((e) => e.programmeId === id)?.reasons.map((r) => r.code);
  const chosen = (d: RouteDecision): string => (d.kind === 'routed' ? d.chosen.programme.id : d.kind);

  it('school years tell Télémaque (from 5e) and Proxité (from 6e) apart for a 6e pupil', () => {
    const d = route(request({ age: 13, situation: Y('college', '6e'), needs: ['school_support', 'orientation'], place: placeOf('Bordeaux'), priorityPublics: ['qpv'], meeting: 'in_person' }));
    expect(chosen(d)).toBe('proxite-mentorat');
    expect(excludedFor(d, 'institut-telemaque-tutorat')).toEqual(['school_year_not_served']);
  });

  it('Télémaque takes students up to bac+2, not beyond', () => {
    const at = (diplomaLevel: DiplomaLevel) =>
      route(request({ age: 20, situation: L('etudiant', diplomaLevel), needs: ['school_support'], place: placeOf('Bordeaux'), priorityPublics: ['qpv'], meeting: 'in_person' }));
    expect(excludedFor(at('bac_plus_2'), 'institut-telemaque-tutorat')).toBeUndefined();
    expect(excludedFor(at('bac_plus_3'), 'institut-telemaque-tutorat')).toEqual(['diploma_level_not_served']);
  });

  it('NQT takes graduates from bac+3: a job seeker with a bac+2 goes elsewhere', () => {
    const nqt = (diplomaLevel: DiplomaLevel) =>
      route(request({ age: 24, situation: L('recherche_emploi', diplomaLevel), needs: ['job'], place: placeOf('Toulouse'), priorityPublics: ['qpv', 'rural'], meeting: 'in_person' }));
    expect(chosen(nqt('bac_plus_3'))).toBe('nqt-premier-emploi');
    const d = nqt('bac_plus_2');
    expect(excludedFor(d, 'nqt-premier-emploi')).toEqual(['diploma_level_not_served']);
    expect(chosen(d)).not.toBe('nqt-premier-emploi');
  });

  it('ARPEJEH starts in 3e; ZUPdeCO stops at 3e', () => {
    const arpejeh = (schoolYear: SchoolYear) =>
      route(request({ age: 15, situation: Y('college', schoolYear), needs: ['orientation'], place: placeOf('Lyon'), priorityPublics: ['disability'], meeting: 'in_person' }));
    expect(chosen(arpejeh('3e'))).toBe('arpejeh-mentorat');
    expect(excludedFor(arpejeh('4e'), 'arpejeh-mentorat')).toEqual(['school_year_not_served']);
    // A young person who calls their situation "autre" but gives a lycée year is not a collégien.
    const d = route(request({ age: 15, situation: Y('autre', 'seconde'), needs: ['school_support'], place: placeOf('Orléans'), priorityPublics: ['qpv'], meeting: 'in_person' }));
    expect(excludedFor(d, 'zupdeco-tutorat')).toEqual(['school_year_not_served']);
  });

  it('equal fits share requests: Télémaque and Proxité take turns as their loads grow', () => {
    const r = request({ age: 14, situation: Y('college', '4e'), needs: ['school_support', 'orientation'], place: placeOf('Bordeaux'), priorityPublics: ['qpv'], meeting: 'in_person' });
    const load: Record<string, number> = {};
    const sent: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = chosen(routeRequest(r, programmes, load, NOW));
      sent.push(id);
      load[id] = (load[id] ?? 0) + 1;
    }
    expect(sent).toEqual(['institut-telemaque-tutorat', 'proxite-mentorat', 'institut-telemaque-tutorat', 'proxite-mentorat']);
  });

  it('sends a request nobody fits to the Collectif Mentorat', () => {
    const r = request({ age: 30, situation: S('en_emploi'), needs: ['school_support'], place: placeOf('Bordeaux'), meeting: 'in_person' });
    const d = route(r);
    expect(d.kind).toBe('no_match');
    if (d.kind !== 'no_match') return;
    expect(d.fallback.programme.id).toBe('collectif-mentorat');
    expect(d.fallback.reasons).toEqual([{ code: 'no_programme_fits' }]);
  });
});
