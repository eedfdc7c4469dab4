import directory from '../../prisma/seed/directory.json';
import { toDirectoryProgrammes } from '../../routing/directoryToProgrammes';
import { routeVolunteer, validatedVolunteerFit, VOLUNTEER_FIT } from '../../routing/volunteerFit';
import type { VolunteerOffer } from '../../intake/VolunteerOffer';

const programmes = toDirectoryProgrammes(directory as never);

const offer = (over: Partial<VolunteerOffer> = {}): VolunteerOffer => ({
  schemaVersion: 1, kind: 'volunteer', locale: 'fr', channel: 'webchat', submittedAt: '2026-11-21T10:00:00.000Z', firstName: 'Alex', age: 30,
  occupation: { kind: 'employed', detail: null }, company: null, place: null, meeting: 'either', time: null, helps: ['first_job'], publics: [], languages: ['fr'],
  contact: { email: 'a@example.fr', phone: null, preferred: 'email' }, consent: { given: true, at: '2026-11-21T10:00:00.000Z' }, ...over,
});
const lyon = { commune: '69123', name: 'Lyon', postalCode: '69001', departement: '69', region: '84' };
const idsOf = (d: ReturnType<typeof routeVolunteer>) => (d.kind === 'routed' ? [d.chosen, ...d.alternatives].map((o) => o.programme.id) : []);

describe('the volunteer fit table (prisma/seed/volunteerFit.json)', () => {
  it('names only programmes of the directory', () => {
    const ids = new Set(programmes.map((p) => p.id));
    for (const id of Object.keys(VOLUNTEER_FIT)) expect(ids.has(id)).toBe(true);
  });

  it('refuses unknown codes, a row without help, and a missing "full"', () => {
    expect(() => validatedVolunteerFit({ programmes: { x: { helps: ['flying'], full: false } } })).toThrow(/unknown code/);
    expect(() => validatedVolunteerFit({ programmes: { x: { helps: [], full: false } } })).toThrow(/no help/);
    expect(() => validatedVolunteerFit({ programmes: { x: { helps: ['first_job'] } } })).toThrow(/full/);
    expect(() => validatedVolunteerFit({ programmes: { x: { helps: ['first_job'], occupations: ['astronaut'], full: false } } })).toThrow(/unknown code/);
  });
});

describe('routeVolunteer', () => {
  it('student tutors go to student tutoring programmes (AFEV, ZUPdeCO), never to professionals-only ones', () => {
    const d = routeVolunteer(offer({ age: 20, occupation: { kind: 'student', detail: null }, helps: ['school_support'] }), programmes);
    expect(idsOf(d)).toEqual(expect.arrayContaining(['afev-mentorat']));
    expect(idsOf(d)).not.toContain('proxite-mentorat');
    expect(idsOf(d)).not.toContain('institut-telemaque-tutorat');
  });

  it('a 17-year-old student goes only where student tutors under 18 are taken', () => {
    const d = routeVolunteer(offer({ age: 17, occupation: { kind: 'student', detail: null }, helps: ['school_support', 'orientation'] }), programmes);
    for (const id of idsOf(d)) expect(['afev-mentorat', 'zupdeco-tutorat']).toContain(id);
    expect(d.excluded.find((e) => e.programmeId === 'des-territoires-aux-grandes-ecoles-mentorat')?.reasons).toContainEqual({ code: 'volunteer_too_young', params: { age: 18 } });
  });

  it('people over 50 are offered the refugee job-search programme; younger ones are not', () => {
    expect(idsOf(routeVolunteer(offer({ age: 58, publics: ['refugee'] }), programmes))[0]).toBe('duo-for-a-job-emploi');
    expect(idsOf(routeVolunteer(offer({ age: 35, publics: ['refugee'] }), programmes))).not.toContain('duo-for-a-job-emploi');
  });

  it('apprenticeship help goes to the apprentices programmes, with the same-trade condition said', () => {
    const d = routeVolunteer(offer({ age: 45, helps: ['apprenticeship'] }), programmes);
    expect(idsOf(d)).toContain('anaf-apprentis');
    const anaf = d.kind === 'routed' ? [d.chosen, ...d.alternatives].find((o) => o.programme.id === 'anaf-apprentis') : undefined;
    expect(anaf?.reasons).toContainEqual({ code: 'volunteer_condition_same_trade_two_years' });
  });

  it('the girls programme says it recruits women (nothing about gender is asked)', () => {
    const d = routeVolunteer(offer({ helps: ['orientation'], publics: ['girls_science'] }), programmes);
    expect(d.kind).toBe('routed');
    if (d.kind === 'routed') {
      expect(d.chosen.programme.id).toBe('capital-filles-mentorat');
      expect(d.chosen.reasons).toContainEqual({ code: 'volunteer_condition_women' });
    }
  });

  it('a condition routing cannot check ranks a programme after those without one (gender is not asked)', () => {
    // An employee who wants to help with a first job and orientation, no public named: women-only Capital Filles is not first.
    const d = routeVolunteer(offer({ helps: ['first_job', 'orientation'], place: lyon }), programmes);
    expect(d.kind === 'routed' && d.chosen.programme.id).not.toBe('capital-filles-mentorat');
    const cf = d.kind === 'routed' ? [d.chosen, ...d.alternatives].find((o) => o.programme.id === 'capital-filles-mentorat') : undefined;
    if (cf) expect(cf.score).toBeLessThan(d.kind === 'routed' ? d.chosen.score : 0);
    // Over 50 is checked by the age itself: no lower rank for it.
    const older = routeVolunteer(offer({ age: 61, publics: ['refugee'] }), programmes);
    expect(idsOf(older)[0]).toBe('duo-for-a-job-emploi');
  });

  it('a programme that recruits only their kind of volunteer comes before one open to all', () => {
    // A student who wants to build young people's confidence: the student mentoring programme before the one for any adult.
    const angers = { commune: '49007', name: 'Angers', postalCode: '49000', departement: '49', region: '52' };
    const d = routeVolunteer(offer({ age: 21, occupation: { kind: 'student', detail: null }, helps: ['confidence'], place: angers }), programmes);
    const ids = idsOf(d);
    expect(ids.indexOf('afev-mentorat')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf('afev-mentorat')).toBeLessThan(ids.indexOf('parrains-par-mille-parrainage') < 0 ? Infinity : ids.indexOf('parrains-par-mille-parrainage'));
  });

  it('someone who named the young people they want to help gets a programme open to all before one for other young people', () => {
    const d = routeVolunteer(offer({ helps: ['first_job'], publics: ['child_welfare'] }), programmes);
    const all = d.kind === 'routed' ? [d.chosen, ...d.alternatives] : [];
    const forOthers = (id: string) => (VOLUNTEER_FIT[id]?.publics ?? []).length > 0 && !VOLUNTEER_FIT[id]!.publics!.includes('child_welfare');
    expect(forOthers(all[0]!.programme.id)).toBe(false);
  });

  it('a programme for other young people defined by who they are comes after those for places where they may live', () => {
    const saintDenis = { commune: '93066', name: 'Saint-Denis', postalCode: '93200', departement: '93', region: '11' };
    // Refugees named: the programme for young people with a disability is not first.
    const d = routeVolunteer(offer({ age: 30, helps: ['first_job'], publics: ['refugee'], place: saintDenis }), programmes);
    expect(idsOf(d)[0]).not.toBe('arpejeh-mentorat');
    // Unchanged: young people with a disability named, it comes first; none named, it is not set back.
    expect(idsOf(routeVolunteer(offer({ age: 30, helps: ['first_job'], publics: ['disability'], place: saintDenis }), programmes))[0]).toBe('arpejeh-mentorat');
    expect(idsOf(routeVolunteer(offer({ age: 30, helps: ['first_job'], publics: [], place: saintDenis }), programmes))).toContain('arpejeh-mentorat');
  });

  it('a full programme is not offered', () => {
    const full = { ...VOLUNTEER_FIT, 'afev-mentorat': { ...VOLUNTEER_FIT['afev-mentorat']!, full: true } };
    const d = routeVolunteer(offer({ age: 20, occupation: { kind: 'student', detail: null }, helps: ['school_support'] }), programmes, full);
    expect(idsOf(d)).not.toContain('afev-mentorat');
    expect(d.excluded.find((e) => e.programmeId === 'afev-mentorat')?.reasons).toContainEqual({ code: 'volunteer_full' });
  });

  it('out of its area only when they can meet in person only; a remote programme takes them anywhere', () => {
    const inPersonOnly = routeVolunteer(offer({ age: 20, occupation: { kind: 'student', detail: null }, helps: ['school_support'], place: { ...lyon, commune: '29019', name: 'Brest', departement: '29', region: '53' }, meeting: 'in_person' }), programmes);
    expect(idsOf(inPersonOnly)).not.toContain('zupdeco-tutorat');
    const remote = routeVolunteer(offer({ age: 20, occupation: { kind: 'student', detail: null }, helps: ['school_support'], place: { ...lyon, commune: '29019', name: 'Brest', departement: '29', region: '53' }, meeting: 'remote' }), programmes);
    expect(idsOf(remote)).toContain('zupdeco-tutorat');
  });

  it('fits none: the national coordinator, with the reason, never a void', () => {
    const none = { ...VOLUNTEER_FIT };
    for (const k of Object.keys(none)) none[k] = { ...none[k]!, full: true };
    const d = routeVolunteer(offer(), programmes, none);
    expect(d.kind).toBe('no_match');
    if (d.kind === 'no_match') {
      expect(d.fallback.programme.isCoordinator).toBe(true);
      expect(d.fallback.reasons).toEqual([{ code: 'volunteer_no_fit' }]);
    }
    // Without any directory at all: the built-in coordinator.
    const empty = routeVolunteer(offer(), []);
    expect(empty.kind === 'no_match' && empty.fallback.programme.id).toBe('collectif-mentorat');
  });

  it('at most three options, best first, each with reasons', () => {
    const d = routeVolunteer(offer({ helps: ['first_job', 'orientation'], place: lyon }), programmes);
    expect(d.kind).toBe('routed');
    if (d.kind === 'routed') {
      const all = [d.chosen, ...d.alternatives];
      expect(all.length).toBeLessThanOrEqual(3);
      for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score);
      for (const o of all) expect(o.reasons.length).toBeGreaterThan(0);
    }
  });
});
