import { readCompany, readHelps, readLanguages, readOccupation, readPublics, readSide, readTime } from '../../understanding/volunteer/parseVolunteer';
import { understandVolunteer } from '../../understanding/volunteer/understandVolunteer';
import { CommuneIndex } from '../../understanding/places/CommuneIndex';

describe('which side a message is on', () => {
  it.each([
    ['je voudrais devenir mentor', 'volunteer'],
    ["I'd like to volunteer", 'volunteer'],
    ['je suis retraité et je veux aider des jeunes', 'volunteer'],
    ['jveux devenir mentor', 'volunteer'],
    ['en fait je cherche un mentor', 'mentee'],
    ['I need a mentor', 'mentee'],
    ['je ne veux pas devenir mentor', null],
    ["j'ai 17 ans et je suis en terminale", null],
    ['bonjour', null],
  ])('%s -> %s', (text, side) => {
    expect(readSide(text)).toBe(side);
  });
});

describe('volunteer readers', () => {
  it('occupation, with their own words and the company they come through', () => {
    expect(readOccupation('je suis étudiante en master de droit')).toMatchObject({ kind: 'student', detail: 'master de droit' });
    expect(readOccupation('retraitée, ancienne ingénieure')?.kind).toBe('retired');
    expect(readOccupation('je travaille chez Orange comme développeur')).toMatchObject({ kind: 'employed', company: 'Orange' });
    expect(readOccupation('au chômage depuis 3 mois')?.kind).toBe('job_seeker');
    expect(readOccupation('bof')).toBeNull();
    expect(readCompany('at Airbus')).toBe('Airbus');
  });

  it('time: hours a month and months', () => {
    expect(readTime('3h par mois pendant un an')).toEqual({ hoursPerMonth: 3, months: 12 });
    expect(readTime('une heure par semaine')).toEqual({ hoursPerMonth: 4, months: null });
    expect(readTime('2 hours a week for 6 months')).toEqual({ hoursPerMonth: 8, months: 6 });
    expect(readTime("toute l'année scolaire")).toEqual({ hoursPerMonth: null, months: 9 });
    expect(readTime('4', true)).toEqual({ hoursPerMonth: 4, months: null });
    expect(readTime('4')).toBeNull();
    expect(readTime('je sais pas')).toBeNull();
  });

  it('help, publics and languages', () => {
    expect(readHelps('soutien scolaire et orientation')).toEqual(['school_support', 'orientation']);
    expect(readHelps('CV and interviews')).toEqual(['first_job']);
    expect(readHelps('pas le soutien scolaire, plutôt la création d\'entreprise')).toEqual(['entrepreneurship']);
    expect(readPublics('les filles en sciences et les réfugiés')).toEqual(['girls_science', 'refugee']);
    expect(readPublics('peu importe', true)).toEqual([]);
    expect(readPublics('peu importe')).toBeNull();
    expect(readLanguages('anglais et arabe')).toEqual(['fr', 'en', 'ar']);
    expect(readLanguages('non', true)).toEqual(['fr']);
  });

  it('a whole opening in one message, with what every flow reads', () => {
    const places = CommuneIndex.load();
    const u = understandVolunteer("Bonjour, je m'appelle Martine, j'ai 62 ans, retraitée à Nantes, je peux donner 4h par mois pour du soutien scolaire", { asked: null, lang: 'fr', today: new Date('2026-11-21'), places });
    const s = u.slots as Record<string, unknown>;
    expect(s.firstName).toBe('Martine');
    expect(s.age).toBe(62);
    expect(s.occupation).toMatchObject({ kind: 'retired' });
    expect(s.time).toEqual({ hoursPerMonth: 4, months: null });
    expect(s.helps).toEqual(['school_support']);
    expect((s.place as { kind: string; place?: { commune: string } }).place?.commune).toBe('44109');
    // Mentee readings are not a volunteer's answers.
    expect(s.situation).toBeUndefined();
    expect(s.needs).toBeUndefined();
  });
});
