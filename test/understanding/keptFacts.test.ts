/**
 * Facts told once are read where they are told (issue 22, conversation side): the name of the
 * young person a parent or an educator writes for, their age in the third person, a diploma
 * obtained told before any situation, "je sais pas" to the priority question. Every message
 * here is new (not in the corpora).
 */
import { attribute } from '../../understanding/clauses';
import { readAge } from '../../understanding/parseAge';
import { findChildName, parseFirstName } from '../../understanding/parseFirstName';
import { CommuneIndex } from '../../understanding/places/CommuneIndex';
import { understand, type Asked, type Understanding } from '../../understanding/understand';

const places = CommuneIndex.load();
const today = new Date('2026-11-21T12:00:00+01:00');
const read = (text: string, asked: Asked | null = null, lang: 'fr' | 'en' = 'fr'): Understanding =>
  understand(text, { asked, lang, today, places });

describe('the young person a relative writes for', () => {
  test.each<[string, string | null]>([
    ['Bonjour, je suis la tante de Maïwenn, elle a 15 ans', 'Maïwenn'],
    ['Bonjour, mon fils Timéo a 14 ans et il est en 4e', 'Timéo'],
    ["I'm writing on behalf of my nephew Kofi, he is 17", 'Kofi'],
    ['bonjour je suis la mere de sami il a 13 ans', 'Sami'],
    ["Bonsoir, j'écris avec Fatou, 16 ans, elle vient d'arriver", 'Fatou'],
    // An elided "d'" before the name; a teacher's pupil.
    ["Bonjour, je suis l'oncle d'Anaïs, 15 ans", 'Anaïs'],
    ["je suis la grand-mère d'Élio, il a 13 ans", 'Élio'],
    ['Une de mes élèves, Maëlle (16 ans), cherche un stage', 'Maëlle'],
    ["je suis la tante d'un garçon de 15 ans", null],
    // Words after the frame that are no name.
    ['Bonjour, mon fils de 14 ans est en 4e', null],
    ['bonjour mon fils galere en maths', null],
    ['Bonjour, ma fille est en 3e', null],
  ])('%s', (text, name) => {
    expect(findChildName(text)).toBe(name);
  });

  test('read as the first name only when a relative writes, and then not doubted', () => {
    const parent = read('Bonjour, je suis la maman de Rayan, il a 14 ans, il est en 4e à Bobigny');
    expect(parent.slots.firstName).toBe('Rayan');
    expect(parent.slots.age).toBe(14);
    expect(parent.doubtful ?? []).not.toContain('firstName');
    // A young person naming a brother: not their name.
    expect(read("salut j'ai 16 ans, mon frère Karim a eu un mentor").slots.firstName).toBeUndefined();
    // A young mother speaking of her daughter: not written for someone else, nothing read as a name.
    expect(read("j'ai 22 ans, je cherche un emploi et ma fille Lina va à la crèche").slots.firstName).toBeUndefined();
  });

  test('a parent answering the first-name question for their child', () => {
    expect(parseFirstName("il s'appelle Yacine")).toEqual({ ok: true, value: 'Yacine' });
    expect(parseFirstName('elle sappelle chloé')).toEqual({ ok: true, value: 'Chloé' });
    expect(parseFirstName('her name is Abena')).toEqual({ ok: true, value: 'Abena' });
    expect(parseFirstName('elle sait pas').ok).toBe(false);
  });

  test('"He is 13" is an age; whose clause it is decides whether it is theirs', () => {
    expect(readAge('He is 13 and in 4e', 'en', today, { bareNumber: false })).toBe(13);
    expect(readAge("she's 16", 'en', today, { bareNumber: false })).toBe(16);
    expect(read("I'm writing for my son Jonah. He is 14 and lives in Lille", null, 'en').slots.age).toBe(14);
    // A young person's brother: someone else's clause.
    expect(read("I'm 17, my brother is 13, I live in Lille", null, 'en').slots.age).toBe(17);
  });
});

describe('a diploma obtained, told before any situation', () => {
  test.each<[string, string]>([
    ["j'ai 24 ans, j'ai eu mon CAP pâtissier il y a trois ans, j'habite à Lorient", 'cap_bep'],
    ["I'm 23, I got my master's degree in May and I live in Brest", 'bac_plus_5_or_more'],
    ['g 21 ans g eu mon bac en 2023 jsui a brest', 'bac'],
  ])('%s', (text, level) => {
    const u = read(text, null, /I'm/.test(text) ? 'en' : 'fr');
    expect(u.slots.situation).toBeUndefined();
    expect(u.slots.level).toEqual({ schoolYear: null, diplomaLevel: level });
  });

  test('no level when the situation is read (it carries its own), or when no diploma is named', () => {
    expect(read("j'ai 24 ans, j'ai eu mon CAP et je cherche du travail").slots.level).toBeUndefined();
    expect(read("j'ai 21 ans, j'ai pas de diplôme, j'habite à Brest").slots.level).toBeUndefined();
    // Only at the opening: an answer to another question says its own thing.
    expect(read("j'ai eu mon bac", 'needs').slots.level).toBeUndefined();
  });

  test('"il y a deux ans" is a time, not someone else: the clause stays the young person\'s', () => {
    const a = attribute("j'ai eu mon BTS il y a deux ans");
    expect(a.clauses.every((c) => !c.other)).toBe(true);
  });
});

describe('"je sais pas" to the priority question', () => {
  test.each(['jsp', 'je sais pas trop', "I don't know", 'aucune idée'])('%s is "not said"', (text) => {
    expect(read(text, 'priority', /know/.test(text) ? 'en' : 'fr').slots.priority).toBeNull();
  });

  test('a public named is still read, and "non" is none', () => {
    expect(read('jsp, peut-être quartier prioritaire', 'priority').slots.priority).toEqual(['qpv']);
    expect(read('non', 'priority').slots.priority).toEqual([]);
  });
});

describe('two ages for one slot', () => {
  test('two ages given as theirs are doubtful; the one said after "j\'ai" is the one checked', () => {
    // An age of the past said as such ("à 14 ans je suis arrivée") is set aside: no doubt, no question.
    const u = read("à 14 ans je suis arrivée en France, maintenant j'ai 18 ans, je cherche une formation");
    expect(u.slots.age).toBe(18);
    expect(u.doubtful ?? []).not.toContain('age');
    const both = read("j'ai 17 ans et j'ai 18 ans");
    expect(both.slots.age).toBe(17);
    expect(both.doubtful).toContain('age');
    const first = read("j'ai 17 ans, j'ai arrêté l'école à 16 ans");
    expect(first.slots.age).toBe(17);
    expect(first.doubtful).toContain('age');
  });

  test('a self-correction is no doubt: the last age wins', () => {
    const u = read('g 18 ans non attends 17, jsui en terminale');
    expect(u.slots.age).toBe(17);
    expect(u.doubtful ?? []).not.toContain('age');
  });

  test("someone else's age is not a second one of theirs", () => {
    const u = read("j'ai 16 ans et ma soeur a 20 ans, elle est à la fac");
    expect(u.slots.age).toBe(16);
    expect(u.doubtful ?? []).not.toContain('age');
  });

  test('at the summary two ages are not guessed', () => {
    expect(read("j'ai 17 ans, j'ai arrêté l'école à 16 ans", 'confirm').slots.age).toBeUndefined();
  });
});

describe('a name said between "I\'m" and the age', () => {
  test('a capitalised name right before the age is said as a name: not doubted', () => {
    const u = read("Hi, I'm Tobi, 20, looking for a job in Lyon", null, 'en');
    expect(u.slots.firstName).toBe('Tobi');
    expect(u.doubtful ?? []).not.toContain('firstName');
    expect(read('Bonsoir, je suis Anaëlle, 16 ans, en seconde').doubtful ?? []).not.toContain('firstName');
  });

  test('a name only listed, or typed without capitals, is still checked', () => {
    expect(read('Salut, Anaëlle, 16 ans, je suis en seconde').doubtful).toContain('firstName');
    expect(read('slt jsui anaelle, 16 ans').doubtful).toContain('firstName');
  });
});

describe("a town's name is doubtful only when it is an everyday word of the message's language", () => {
  test('an English word in a French message, a French word in an English one: the town, not doubted', () => {
    const fr = read("g 16 ans jsui en 2nde a lens jai besoin daide en maths");
    expect(fr.slots.place?.kind === 'commune' && fr.slots.place.place.name).toBe('Lens');
    expect(fr.doubtful ?? []).not.toContain('place');
    const en = read("Hi, I'm 18, I study at the lycée in Le Moule", null, 'en');
    expect(en.slots.place?.kind === 'commune' && en.slots.place.place.name).toBe('Le Moule');
    expect(en.doubtful ?? []).not.toContain('place');
  });

  test('a French everyday word in a French message stays doubtful', () => {
    const u = read("je suis en terminale à Fontaine et je cherche un stage");
    if (u.slots.place?.kind === 'commune') expect(u.doubtful).toContain('place');
  });
});

describe('an age set off by commas in an opening', () => {
  test.each<[string, number | undefined]>([
    ['left school in june, 19, looking for anything in Rennes', 19],
    ['Bonsoir, 16, en seconde à Lorient, je galère en maths', 16],
    ['stage de 3e à trouver, 14, Creil', 14],
    // Not an age: an arrondissement after its city, brothers' ages, a département, a number alone after the place question.
    ['I live in Paris, 18, near the metro', undefined],
    ['j’ai deux frères, 19 et 22, et moi je suis perdu', undefined],
    ['je vis dans le 93, à Bobigny', undefined],
  ])('%s', (text, age) => {
    expect(read(text, null, 'fr').slots.age).toBe(age);
  });
  test('after the place question "29" is a département', () => {
    expect(read('29', 'place').slots.age).toBeUndefined();
  });
});

describe('a nationality after "I\'m" / "je suis" is not a first name', () => {
  test.each([
    ["Hi, I'm Irish, 19, studying in Nantes", 'en'],
    ['je suis Sénégalaise, 18 ans, en BTS à Dakar', 'fr'],
    ['je suis Comorien, 17 ans, à Marseille', 'fr'],
  ] as const)('%s', (text, lang) => {
    expect(read(text, null, lang).slots.firstName).toBeUndefined();
  });
  test('a name there is still one', () => {
    expect(read("I'm Siobhan, 19, studying in Nantes", null, 'en').slots.firstName).toBe('Siobhan');
  });
});
