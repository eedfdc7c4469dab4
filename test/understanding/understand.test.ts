/**
 * understand(): the slots of issue 3's helper C (name, age, situation, needs, priority,
 * meeting, availability, contact preference, confirm, skip, clarify). Every message here is
 * new (not in test/fixtures/understanding), so the rules are shown to generalise.
 */
import { CommuneIndex } from '../../understanding/places/CommuneIndex';
import { understand, type Asked, type Understanding } from '../../understanding/understand';

const places = CommuneIndex.load();
const today = new Date('2026-11-21T12:00:00+01:00');
const read = (text: string, asked: Asked | null = null, situation: string | null = null): Understanding =>
  understand(text, { asked, lang: 'fr', today, places, situation: situation as never });

describe('understand: situation, read freely in openings, stated elsewhere', () => {
  test.each<[string, Asked | null, string | undefined, string | null]>([
    ['jsuis en 2nde a toulouse', null, 'lycee_general', 'seconde'],
    ['chui o chomage depuis mars', null, 'recherche_emploi', null],
    ['g arrete le lycee l an dernier', null, 'neet', null],
    ['je suis en terminale et je veux faire une licence de droit', null, 'lycee_general', 'terminale'],
    ["en 1ère STMG, j'aimerais faire une école de commerce", null, 'lycee_techno', 'premiere'],
    ['je cherche une alternance en BTS compta', null, undefined, null],
    ['je cherche une alternance en BTS compta', 'situation', 'recherche_emploi', null],
    ["l'alternance", 'needs', undefined, null],
    ['je suis en apprentissage maintenant', 'needs', 'apprenti', null],
    ['hey im 20 n unemployed', null, 'recherche_emploi', null],
    ['nothing rn', 'situation', 'neet', null],
    ["I finished high school in June and I'm doing nothing", 'situation', 'neet', null],
    ['je me suis trompée je suis en 5e', 'meeting', 'college', '5e'],
    ['lyon 7e', 'place', undefined, null],
    ['en vrai je bosse le soir', 'availability', undefined, null],
    ['né le 1er mars 2009', 'age', undefined, null],
  ])('%j (asked %s) -> %s %s', (text, asked, kind, schoolYear) => {
    const s = read(text, asked).slots.situation;
    expect(s?.kind).toBe(kind);
    if (kind) expect(s?.schoolYear ?? null).toBe(schoolYear);
  });

  test('a diploma obtained is a level, not a situation', () => {
    expect(read("diplômée d'une licence, je cherche du boulot").slots.situation).toMatchObject({ kind: 'recherche_emploi', diplomaLevel: 'bac_plus_3' });
    expect(read("I've got a master's degree and I'm looking for work").slots.situation).toMatchObject({ kind: 'recherche_emploi', diplomaLevel: 'bac_plus_5_or_more' });
  });
  test('a lycée class alone answering another question corrects the class only', () => {
    const u = read("actually I'm in 10th grade", 'priority');
    expect(u.slots.situation).toBeUndefined();
    expect(u.slots.level).toEqual({ schoolYear: 'seconde', diplomaLevel: null });
  });
  test('the diploma follow-up: a diploma is a level, a new kind replaces the situation', () => {
    expect(read('un DUT', 'diplomaLevel', 'recherche_emploi').slots).toEqual({ level: { schoolYear: null, diplomaLevel: 'bac_plus_2' } });
    expect(read('rien', 'diplomaLevel', 'neet').slots.level).toEqual({ schoolYear: null, diplomaLevel: 'none' });
    expect(read('seconde pro en fait', 'schoolYear', 'lycee_general').slots.situation).toMatchObject({ kind: 'lycee_pro', schoolYear: 'seconde' });
    expect(read('cap 1', 'schoolYear', 'lycee_pro').slots.level).toEqual({ schoolYear: 'cap_1', diplomaLevel: null });
  });
  test('two activities at once, or only what it is not: ask', () => {
    expect(read('je suis étudiante et je travaille au macdo', 'situation').clarify).toBe('situation');
    expect(read("je suis plus à la fac", 'needs').clarify).toBe('situation');
    expect(read('year 10 in England', 'situation').clarify).toBe('situation');
  });
});

describe('understand: needs', () => {
  test.each<[string, Asked | null, string[] | undefined]>([
    ["j'ai besoin d'un coup de main en chimie", 'needs', ['school_support']],
    ['la physique et les svt', 'needs', ['school_support']],
    ['je suis en spé SES à Lille', null, undefined],
    ['je sais vraiment pas quelle école choisir', 'needs', ['orientation']],
    ['jsp du tout koi faire l an prochain', 'needs', ['orientation']],
    ['je veux devenir avocate', 'needs', ['orientation']],
    ['I wanna open a food truck', 'needs', ['entrepreneurship']],
    ['monter mon propre garage plus tard', 'needs', ['entrepreneurship']],
    ['trouver un appart', 'needs', ['other']],
    ['orientaton', 'needs', ['orientation']],
    ['je travaille', 'needs', undefined],
    ['2 et 4', 'needs', ['orientation', 'entrepreneurship']],
    ['sans emploi depuis un an', null, undefined],
    ["I'm a jobseeker in Lens", null, undefined],
    ['starting a clothing line', 'needs', ['entrepreneurship']],
    ['choosing my path', 'needs', ['orientation']],
    ['plutôt à distance, je suis timide', 'meeting', undefined],
    ["je t'ai dit stage mais en fait c'est surtout pour mes notes", 'contact', ['school_support']],
    ["c'est pas un job que je veux, c'est du soutien scolaire", 'needs', ['school_support']],
    ['tu parles espagnol ?', 'needs', undefined],
  ])('%j (asked %s) -> %j', (text, asked, needs) => {
    const n = read(text, asked).slots.needs;
    if (needs === undefined) expect(n).toBeUndefined();
    else expect(new Set(n)).toEqual(new Set(needs));
  });
  test.each(['un peu de tout mdr', 'everything except homework', 'tous'])('%j asks which needs', (text) => {
    const u = read(text, 'needs');
    expect(u.clarify).toBe('needs');
    expect(u.slots.needs).toBeUndefined();
  });
  test('an "other" need keeps the words', () => {
    expect(read('passer mon code', 'needs').slots).toMatchObject({ needs: ['other'], needsOther: 'passer mon code' });
  });
});

describe('understand: age', () => {
  test.each<[string, Asked | null, number | undefined]>([
    ['g 19 an', 'age', 19],
    ['dix-neuf ans', 'age', 19],
    ["I'm twenty two", 'age', 22],
    ['bientôt 18', 'age', 17],
    ['turning 16 in march', 'age', 15],
    ['19. c gratuit ?', 'age', 19],
    ["j'ai 18 ans, pardon 19", null, 19],
    ['si j ai 26 ans ça marche ?', 'age', undefined],
    ['au chômage depuis 3 ans', 'situation', undefined],
    ['07.12.34.56.78', 'contact', undefined],
    ['slt c Inès, 15 ans', null, 15],
    ['I\'m Noah, 20, looking for a job', null, 20],
    ['ouvrir une boutique un jour', 'needs', undefined],
  ])('%j (asked %s) -> %s', (text, asked, age) => expect(read(text, asked).slots.age).toBe(age));
  test.each(['je suis né en 2009', 'chui mineure', "j'ai plus de 18 ans"])('%j asks the exact age', (text) => {
    const u = read(text, 'age');
    expect(u.clarify).toBe('age');
    expect(u.slots.age).toBeUndefined();
  });
});

describe('understand: first name', () => {
  test.each<[string, Asked | null, string | undefined]>([
    ['moi c yasmine', 'firstName', 'Yasmine'],
    ['Théo mdr', 'firstName', 'Théo'],
    ['Lina 16 ans', 'firstName', 'Lina'],
    ['qwrtzpsdf', 'firstName', undefined],
    ['<b onclick=x>hi</b>', 'firstName', undefined],
    ['pq ?', 'firstName', undefined],
    ['Je m’appelle Marie-Claire Dupont mais on m’appelle Clara', 'firstName', 'Clara'],
    ['bonjour je suis Sofiane, 17 ans, en 1ère', null, 'Sofiane'],
    ['hey its jade, 19', null, 'Jade'],
    ['je suis perdu, je sais pas quoi faire', null, undefined],
    ["I'm unemployed, 24", null, undefined],
    ['je suis timide', 'meeting', undefined],
    ["I'm twenty", 'age', undefined],
    ['change le prénom : Anaïs', 'confirm', 'Anaïs'],
    ['je suis nouvelle ici', null, undefined],
    ['Coucou, Maëlle, 16 ans, en seconde', null, 'Maëlle'],
    ['Toulouse, 31', 'place', undefined],
    ["Je suis bloquée, j'ai besoin d'aide", null, undefined],
  ])('%j (asked %s) -> %s', (text, asked, name) => expect(read(text, asked).slots.firstName).toBe(name));
});

describe('understand: priority, meeting, availability, contact, confirm, skip', () => {
  test('priority publics', () => {
    expect(read('je vis en foyer depuis 2 ans, 17 ans').slots.priority).toEqual(['child_welfare']);
    expect(read("j'ai une RQTH", 'place').slots.priority).toEqual(['disability']);
    expect(read("c'est quoi un QPV", 'priority').slots.priority).toBeUndefined();
    expect(read('3', 'priority').slots.priority).toEqual(['disability']);
    expect(read('6', 'priority').slots.priority).toEqual([]);
    expect(read('je préfère pas le dire', 'priority').slots.priority).toBeNull();
    expect(read('non pas Reims, Épernay', 'priority').slots.priority).toBeUndefined();
    expect(read('ah les mecs sont sympas').slots.priority).toBeUndefined();
    expect(read('non', 'meeting').slots.priority).toBeUndefined();
  });
  test('meeting', () => {
    expect(read('comme elle veut', 'meeting').slots.meeting).toBe('either');
    expect(read('ça dépend', 'meeting').clarify).toBe('meeting');
    expect(read('pas trop loin de chez moi', 'meeting').slots.meeting).toBe('in_person');
    expect(read('je fais physique-chimie en 1ère').slots.meeting).toBeUndefined();
    expect(read('je préfère en visio en fait', 'contact').slots.meeting).toBe('remote');
  });
  test('availability', () => {
    expect(read('le samedi matin', 'availability').slots.availability).toBe('le samedi matin');
    expect(read('je sais pas encore', 'availability').slots.availability).toBeUndefined();
    expect(read('ça dure combien de temps', 'availability').slots.availability).toBeUndefined();
    expect(read("oups j'ai 17 ans pas 16", 'availability').slots.availability).toBeUndefined();
  });
  test('contact preference and phone', () => {
    expect(read('par whatsapp stp', 'contactPreference').clarify).toBe('contactPreference');
    expect(read('mon mail c est plutot sam@example.org', 'contactPreference').slots.contactPreference).toBeUndefined();
    expect(read("c'est pas 06 11 22 33 44 c'est 06 11 22 33 55", 'contact').slots.phone).toBe('+33611223355');
    expect(read('06 11 22 33 55 et pas 06 11 22 33 44', 'contact').slots.phone).toBe('+33611223355');
  });
  test('confirm', () => {
    expect(read('c bon pour moi', 'confirm').slots.confirm).toBe(true);
    expect(read('all good thanks', 'confirm').slots.confirm).toBe(true);
    expect(read('👌', 'confirm').slots.confirm).toBe(true);
    expect(read('nan', 'confirm').slots.confirm).toBe(false);
    const u = read("non j'ai 18 ans", 'confirm');
    expect(u.slots.confirm).toBeUndefined();
    expect(u.slots.age).toBe(18);
  });
  test('skip', () => {
    expect(read('je préfère pas le dire', 'firstName').skip).toBe(true);
    expect(read('passer', 'place').skip).toBe(true);
    expect(read('je préfère pas le dire', 'place').skip).toBeUndefined();
  });
});
