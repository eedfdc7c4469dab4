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
const cases: { association: string; expected: string; request: RoutableRequest; among?: true }[] = [
  { association: 'AFEV', expected: 'afev-mentorat',
    // AFEV is the one national school-support programme open to an apprentice under 18.
    request: request({ age: 16, situation: S('apprenti'), needs: ['school_support'], place: placeOf('Bordeaux'), meeting: 'in_person' }) },
  { association: 'ANAF', expected: 'anaf-apprentis',
    request: request({ age: 19, situation: S('apprenti'), needs: ['job', 'school_support'], place: placeOf('Mamoudzou') }) },
  { association: 'ARPEJEH', expected: 'arpejeh-mentorat',
    request: request({ age: 17, situation: S('lycee_general'), needs: ['orientation'], place: placeOf('Lyon'), priorityPublics: ['disability'], meeting: 'in_person' }) },
  { association: 'Article 1', expected: 'article-1-dema1n',
    request: request({ age: 20, situation: S('etudiant'), needs: ['school_support', 'orientation'], place: placeOf('Rennes'), meeting: 'remote' }) },
  { association: "Chemins d'avenirs", expected: 'chemins-davenirs-mentorat',
    request: request({ age: 14, situation: S('college'), needs: ['orientation', 'confidence'], place: placeOf('Guéret'), priorityPublics: ['rural'], meeting: 'in_person' }) },
  { association: 'Collectif POWA', expected: 'collectif-powa-mentorat',
    request: request({ age: 22, situation: S('neet'), needs: ['job'], place: placeOf('Rennes'), meeting: 'in_person' }) },
  { association: "C'Possible", expected: 'cpossible-decrochage',
    request: request({ age: 16, situation: S('lycee_pro'), needs: ['school_support'], place: placeOf('Nantes'), meeting: 'in_person' }) },
  { association: 'Duo for a job', expected: 'duo-for-a-job-emploi',
    request: request({ age: 25, situation: S('recherche_emploi'), needs: ['job'], place: placeOf('Marseille'), priorityPublics: ['refugee'], meeting: 'in_person' }) },
  { association: 'ECTI / EGEE / OTECI / AGIRabcd', expected: 'ecti-egee-oteci-agirabcd-apprentis-lyon',
    request: request({ age: 18, situation: S('apprenti'), needs: ['job'], place: placeOf('Lyon'), meeting: 'in_person' }) },
  { association: 'Entraide scolaire amicale', expected: 'entraide-scolaire-amicale-soutien',
    request: request({ age: 16, situation: S('lycee_general'), needs: ['school_support'], place: placeOf('Paris'), meeting: 'in_person' }) },
  { association: 'Des Territoires aux Grandes Écoles', expected: 'des-territoires-aux-grandes-ecoles-mentorat', among: true,
    // A rural lycéen seeking orientation fits DTGE and Chemins d'avenirs exactly alike
    // (both areas unknown, same needs and public): Chemins d'avenirs is first by id.
    // A collégien tells them apart (DTGE takes lycéens only), in Chemins' favour.
    request: request({ age: 17, situation: S('lycee_general'), needs: ['orientation', 'confidence'], place: placeOf('Guéret'), priorityPublics: ['rural'], meeting: 'in_person' }) },
  { association: 'France Parrainages', expected: 'france-parrainages-proximite',
    request: request({ age: 16, situation: S('neet'), needs: ['confidence'], place: placeOf('Bordeaux'), meeting: 'in_person' }) },
  { association: 'Institut Télémaque', expected: 'institut-telemaque-tutorat', among: true,
    // Proxité fits exactly as well (its situations and needs include Télémaque's, same
    // preferred public, both areas unknown): no request can separate them until staff
    // describe their areas. Today Télémaque is first by id.
    request: request({ age: 14, situation: S('college'), needs: ['school_support', 'orientation'], place: placeOf('Bordeaux'), priorityPublics: ['qpv'], meeting: 'in_person' }) },
  { association: 'Jeunesse et Entreprises', expected: 'jeunesse-et-entreprises-insertion',
    request: request({ age: 26, situation: S('en_emploi'), needs: ['job'], place: placeOf('Bordeaux'), meeting: 'in_person' }) },
  { association: 'MOOVJEE', expected: 'moovjee-entrepreneurs',
    request: request({ age: 24, situation: S('en_emploi'), needs: ['entrepreneurship'], place: placeOf('Toulouse'), meeting: 'in_person' }) },
  { association: 'NQT', expected: 'nqt-premier-emploi',
    request: request({ age: 24, situation: S('recherche_emploi'), needs: ['job'], place: placeOf('Toulouse'), priorityPublics: ['qpv', 'rural'], meeting: 'in_person' }) },
  { association: 'Parrains par Mille', expected: 'parrains-par-mille-parrainage',
    request: request({ age: 17, situation: S('lycee_pro'), needs: ['confidence'], place: placeOf('Nantes'), priorityPublics: ['child_welfare'], meeting: 'in_person' }) },
  { association: 'Proxité', expected: 'proxite-mentorat',
    request: request({ age: 17, situation: S('lycee_pro'), needs: ['job'], place: placeOf('Bordeaux'), priorityPublics: ['qpv'], meeting: 'in_person' }) },
  { association: 'Sport dans la Ville', expected: 'sport-dans-la-ville-sport',
    request: request({ age: 14, situation: S('college'), needs: ['confidence'], place: placeOf('Lille'), priorityPublics: ['qpv'], meeting: 'in_person' }) },
  { association: 'Sport dans la Ville (Job dans la ville)', expected: 'job-dans-la-ville',
    request: request({ age: 17, situation: S('lycee_pro'), needs: ['job'], place: placeOf('Marseille'), priorityPublics: ['qpv'], meeting: 'in_person' }) },
  { association: 'ZUPdeCO', expected: 'zupdeco-tutorat',
    request: request({ age: 13, situation: S('college'), needs: ['school_support'], place: placeOf('Orléans'), meeting: 'in_person' }) },
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

  it('sends a request nobody fits to the Collectif Mentorat', () => {
    const r = request({ age: 30, situation: S('en_emploi'), needs: ['school_support'], place: placeOf('Bordeaux'), meeting: 'in_person' });
    const d = route(r);
    expect(d.kind).toBe('no_match');
    if (d.kind !== 'no_match') return;
    expect(d.fallback.programme.id).toBe('collectif-mentorat');
    expect(d.fallback.reasons).toEqual([{ code: 'no_programme_fits' }]);
  });
});
