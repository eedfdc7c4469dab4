/**
 * Whose and when (issue 22): an opening is read where it speaks of the young person now.
 * A parent's workplace, a town where they studied or might study, a planned apprenticeship,
 * past jobs are not their commune or situation; "j'habite à…" says where they live. Every
 * message here is new (not in the corpora).
 */
import { attribute } from '../../understanding/clauses';
import { CommuneIndex } from '../../understanding/places/CommuneIndex';
import { understand, type Asked, type Understanding } from '../../understanding/understand';

const places = CommuneIndex.load();
const today = new Date('2026-11-21T12:00:00+01:00');
const read = (text: string, asked: Asked | null = null, lang: 'fr' | 'en' = 'fr'): Understanding =>
  understand(text, { asked, lang, today, places });
const commune = (u: Understanding) => (u.slots.place?.kind === 'commune' ? u.slots.place.place.commune : u.slots.place?.kind ?? null);

describe('attribution of the place', () => {
  test.each<[string, string | null]>([
    // The clause that says where they live wins over the school's or the job's town.
    ["je fais mon bac pro au lycée de Cambrai mais j'habite à Caudry", '59139'],
    ['jsui au cfa de tours, jhabite a joue les tours', '37122'],
    ['I study in Rennes but I live in Vitré', '35360'],
    // A relative's workplace, a town where someone else wants them to go: not read.
    ['ma mère travaille à Roissy, moi je suis en 3e', null],
    ['my dad works in Lyon and I am in première', null],
    ['mes parents voudraient que j’aille à Bordeaux, je suis en terminale', null],
    // A place in the past is not home.
    ["avant j'étais à Lille, maintenant je suis en BTS", null],
    // A plan to go somewhere names a destination, not home.
    ['je suis en terminale, je veux aller étudier à Toulouse', null],
    // Without any of that, the town said is read as before.
    ['jsui en 1ere pro a roubaix', '59512'],
    ['je veux monter ma boîte à Nantes', '44109'],
  ])('%s -> %s', (text, expected) => {
    expect(commune(read(text))).toBe(expected);
  });

  test('a parent writing: their own clauses are theirs, the child’s are the young person’s', () => {
    const u = read("Bonjour, je suis le papa d'Inès, elle a 15 ans et elle est en seconde à Arras. Je travaille à Lens.");
    expect(commune(u)).toBe('62041');
    expect(u.slots.age).toBe(15);
    expect(u.slots.situation?.kind).toBe('lycee_general');
    expect(attribute("Bonjour, je suis le papa d'Inès. Je travaille à Lens").byRelative).toBe(true);
  });
});

describe('attribution of the situation', () => {
  test.each<[string, string | undefined]>([
    // A plan is not the present: seeking or starting an apprenticeship is not being an apprentice.
    ["je suis en terminale pro, l'an prochain je commence un apprentissage", 'lycee_pro'],
    ['I need to find a work-study contract', undefined],
    ['je veux pas continuer le lycée je préférerais une alternance', undefined],
    // The past is not the present.
    ["avant j'étais en BTS, là je fais rien", 'neet'],
    ['I was a driver in my country, now I am unemployed', 'recherche_emploi'],
    // Leaving school, told in the past, is the present all the same.
    ["j'ai arrêté le lycée en octobre", 'neet'],
  ])('%s -> %s', (text, kind) => {
    expect(read(text).slots.situation?.kind).toBe(kind);
  });

  test('the diploma obtained in the past still gives the level of someone out of school', () => {
    const u = read("j'ai eu mon CAP l'année dernière et là je cherche du travail");
    expect(u.slots.situation).toMatchObject({ kind: 'recherche_emploi', diplomaLevel: 'cap_bep' });
  });
});

describe('free text fields never hold an opening (privacy)', () => {
  test('service civique in an opening: the situation, without the message as its detail', () => {
    const u = read("Bonjour j'ai 20 ans, je fais un service civique dans une asso à Brest et je voudrais savoir quoi faire après");
    expect(u.slots.situation).toMatchObject({ kind: 'autre', detail: null });
  });
  test('an "other" need in an opening is a need to ask about, not the opening as its words', () => {
    const u = read("Salut, j'ai 19 ans, je suis sorti du foyer cet été et je cherche un logement et du travail à Alès");
    expect(u.slots.needs).toEqual(expect.arrayContaining(['other', 'job']));
    expect(u.slots.needsOther).toBeUndefined();
  });
  test('the answer to the needs question keeps its own short words', () => {
    expect(read('trouver un logement', 'needs').slots.needsOther).toBe('trouver un logement');
  });
});

describe('a self-correction inside one message keeps the last value', () => {
  test.each<[string, number]>([
    ['slt g 17 ans non attends 16 jsui en 1ere', 16],
    ['jai 19 ans enfin 20 depuis hier', 20],
    ['ma fille a 12 ans, pardon elle a 13 ans', 13],
    ["I'm 17, wait I'm 18 actually", 18],
    // "enfin" takes the first age back (issue 22; it was read as two ages before).
    ["j'ai 17 ans, enfin 18 ans", 18],
    ["j'ai 17 ans et mon frère en a 20", 17],
  ])('%s -> %d', (text, age) => {
    expect(read(text).slots.age).toBe(age);
  });
});

describe('situations that were missing or confused', () => {
  test.each<[string, Asked | null, string | undefined]>([
    // Occasional work is not employment.
    ['rien de stable, des remplacements de temps en temps', 'situation', 'neet'],
    ['jfais des missions interim de temps en temps', 'situation', 'neet'],
    ['des petits boulots, sinon rien', 'situation', 'neet'],
    // An apprenticeship sought is not held.
    ['je cherche un emploi ou une alternance', 'situation', 'recherche_emploi'],
    // A diploma obtained is a level, not a class.
    ["i got bac pro last year and now i'm looking for a job", null, 'recherche_emploi'],
  ])('%s -> %s', (text, asked, kind) => {
    expect(read(text, asked, 'en').slots.situation?.kind).toBe(kind);
  });

  test('a diploma with its track answering the diploma question of a job seeker stays a level', () => {
    const u = understand('bac pro', { asked: 'diplomaLevel', situation: 'recherche_emploi', lang: 'fr', today, places });
    expect(u.slots.situation).toBeUndefined();
    expect(u.slots.level?.diplomaLevel).toBe('bac');
  });
});

describe('namesakes across départements', () => {
  test.each<[string, string]>([
    ['st ouen 93', '93070'],
    ['saint denis 974', '97411'],
  ])('%s -> %s', (text, code) => {
    expect(commune(read(text, 'place'))).toBe(code);
  });
});
