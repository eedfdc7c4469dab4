/**
 * Doubtful readings (issue 22, item 7): what is read in passing but may be another word is
 * marked, so that the dialog confirms it in one short question instead of storing it. And the
 * meeting question's answer also tells when they are free (one message for two answers).
 * Every message here is new (not in the corpora).
 */
import { CommuneIndex } from '../../understanding/places/CommuneIndex';
import { readAvailability } from '../../understanding/parseAvailability';
import { introducesName } from '../../understanding/parseFirstName';
import { understand, type Asked, type Understanding } from '../../understanding/understand';

const places = CommuneIndex.load();
const today = new Date('2026-11-21T12:00:00+01:00');
const read = (text: string, asked: Asked | null = null, lang: 'fr' | 'en' = 'fr'): Understanding =>
  understand(text, { asked, lang, today, places });

describe('doubtful readings', () => {
  test('a name only listed is doubtful; a name introduced as one is not', () => {
    const listed = read('Salut, Maëlys, 16 ans, je suis en seconde');
    expect(listed.slots.firstName).toBe('Maëlys');
    expect(listed.doubtful).toContain('firstName');
    const introduced = read("Bonjour, je m'appelle Maëlys, j'ai 16 ans");
    expect(introduced.slots.firstName).toBe('Maëlys');
    expect(introduced.doubtful ?? []).not.toContain('firstName');
    expect(introducesName('my name is Tobi and I am 19')).toBe(true);
    expect(introducesName('Tobi, 19, looking for a job')).toBe(false);
  });

  test('the answer to the first-name question is never doubted', () => {
    expect(read('Maëlys', 'firstName').doubtful ?? []).not.toContain('firstName');
  });

  test('a commune named like an everyday word, read in passing, is doubtful; said as home it is not', () => {
    const story = read("je suis en 1ere à Plaisir et j'ai besoin d'aide en maths");
    if (story.slots.place?.kind === 'commune') expect(story.doubtful).toContain('place');
    const home = read("j'habite à Plaisir, je suis en 1ere");
    expect(home.slots.place?.kind).toBe('commune');
    expect(home.doubtful ?? []).not.toContain('place');
    // An ordinary name is not doubted.
    const lyon = read('je suis en terminale à Lyon');
    expect(lyon.slots.place?.kind).toBe('commune');
    expect(lyon.doubtful ?? []).not.toContain('place');
    // The answer to the place question is not either.
    expect(read('Plaisir', 'place').doubtful ?? []).not.toContain('place');
  });
});

describe('the meeting question also reads when they are free', () => {
  test.each<[string, string | null, string | undefined]>([
    ['en vrai, le lundi soir', 'le lundi soir', 'in_person'],
    ['peu importe, le mercredi après-midi', 'le mercredi après-midi', 'either'],
    ['in person, weekends', 'weekends', 'in_person'],
    ['à distance et plutôt le soir après 18h', 'plutôt le soir après 18h', 'remote'],
    ['en personne', null, 'in_person'],
    ['online', null, 'remote'],
    ['samedi', 'samedi', undefined],
  ])('%s', (text, availability, meeting) => {
    const u = read(text, 'meeting');
    expect(u.slots.availability ?? null).toEqual(availability === null ? null : expect.any(String));
    if (availability !== null) expect(u.slots.availability).toContain(availability.replace(/^plutôt /, ''));
    expect(u.slots.meeting).toBe(meeting);
  });

  test('a question is no availability, and nothing is read without a time word', () => {
    expect(read('le soir ça marche ?', 'meeting').slots.availability).toBeUndefined();
    expect(readAvailability('je sais pas')).toBeNull();
    expect(readAvailability('')).toBeNull();
  });

  test('outside the meeting question, time words are not read as availability', () => {
    expect(read("j'ai 17 ans et je suis libre le mercredi").slots.availability).toBeUndefined();
  });
});
