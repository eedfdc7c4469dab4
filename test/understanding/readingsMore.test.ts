/**
 * Issue 22, failure kinds 1, 3 and 4 seen in the tuning half (mechanisms, with new messages):
 * a duration or a grade is not the age, "j'habite chez ma mère à…" is where they live, not
 * working is a situation, a subject listed first beside another need is a need, a CAP's year.
 */
import { CommuneIndex } from '../../understanding/places/CommuneIndex';
import { understand, type Asked, type Understanding } from '../../understanding/understand';

const places = CommuneIndex.load();
const today = new Date('2026-11-21T12:00:00+01:00');
const read = (text: string, asked: Asked | null = null, lang: 'fr' | 'en' = 'fr'): Understanding =>
  understand(text, { asked, lang, today, places });

test.each<[string, number]>([
  ["g 19 ans, j'ai fait 3 ans de droit puis j'ai arrêté", 19],
  ['I am 23, I did 2 years of nursing school', 23],
  ["j'ai 15 ans et j'ai 8 de moyenne en français", 15],
  ["j'ai 14 ans, 11 sur 20 en maths", 14],
])('the age beside a duration or a grade: %s', (text, age) => {
  expect(read(text).slots.age).toBe(age);
});

test("j'habite chez ma mère à… is where they live, not the mother's clause", () => {
  const u = read("g 20 ans, jhabite chez ma mere a Agen");
  expect(u.slots.place?.kind === 'commune' && u.slots.place.place.name).toBe('Agen');
  // The mother's workplace stays hers.
  expect(read('ma mère travaille à Agen, je suis en 3e').slots.place).toBeUndefined();
});

test.each<[string, Asked | null, string]>([
  // ("je ne travaille pas" alone stays unread: a pupil does not work either.)
  ['graduated, not working', 'situation', 'neet'],
  // "pas de boulot" also reads the need of a job: not working and wanting work is looking.
  ["j'ai pas de boulot", 'situation', 'recherche_emploi'],
  ['i am not working at the moment', 'situation', 'neet'],
  // Not working and asking for a job: looking for one.
  ['i have no job, i need a job', 'situation', 'recherche_emploi'],
])('not working: %s', (text, asked, kind) => {
  expect(read(text, asked, 'en').slots.situation?.kind).toBe(kind);
});

test('a subject listed first beside another need is a need too', () => {
  expect(read('French and a training', 'needs', 'en').slots.needs?.sort()).toEqual(['orientation', 'school_support']);
  expect(read('les maths et mon orientation', 'needs').slots.needs?.sort()).toEqual(['orientation', 'school_support']);
  expect(read('I want to learn French and find a training', null, 'en').slots.needs?.sort()).toEqual(['orientation', 'school_support']);
});

test("a CAP's year is the CAP's, not the lycée's première", () => {
  expect(read('je suis en CAP cuisine première année', 'situation').slots.situation?.schoolYear).toBe('cap_1');
  expect(read('cap coiffure 2eme annee', 'situation').slots.situation?.schoolYear).toBe('cap_2');
  expect(read('je suis en 1ere bac pro', 'situation').slots.situation?.schoolYear).toBe('premiere');
});
