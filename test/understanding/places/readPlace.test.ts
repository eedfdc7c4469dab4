import { CommuneIndex, phoneticKey } from '../../../understanding/places/CommuneIndex';
import { choosePlace } from '../../../understanding/places/choosePlace';
import { parsePlace } from '../../../understanding/places/parsePlace';
import { readPlace } from '../../../understanding/places/readPlace';
import type { PlaceRead } from '../../../understanding/places/types';
import { understand } from '../../../understanding/understand';
import { PLACE_JUNK } from '../adversarialInputs';

const index = CommuneIndex.load();

/** "commune:69123", "departement:93", "ambiguous:13001 73008", "postalCode:01400", "clarify", "declined", "none". */
function summary(read: PlaceRead | null): string {
  if (!read) return 'none';
  switch (read.kind) {
    case 'commune':
      return `commune:${read.place.commune}`;
    case 'ambiguous':
      return `ambiguous:${read.candidates.map((c) => c.commune).join(' ')}`;
    case 'postalCode':
      return `postalCode:${read.code}`;
    case 'departement':
      return `departement:${read.code}`;
    default:
      return read.kind;
  }
}

describe('readPlace: inside an opening message (the place question was not asked)', () => {
  test.each<[string, string]>([
    ['salut g 15 ans jsuis en 3e a valenciennes', 'commune:59606'],
    ['je cherche un stage sur Nantes', 'commune:44109'],
    ['hi im 17 from toulon', 'commune:83137'],
    ["j'ai 19 ans et j'habite à Bayonne", 'commune:64102'],
    ['g 16 ans a rouen jsui en seconde', 'commune:76540'],
    ['je fais un BTS à Saint-Quentin', 'commune:02691'],
    ['je suis a st quentin en terminale', 'commune:02691'],
    ['je suis à Gap, 17 ans', 'commune:05061'],
    // A large commune needs no cue; a département stated elsewhere places a lowercase name.
    ['dix-huit ans, sans emploi, besancon', 'commune:25056'],
    ['im 16 in the 94 (creteil)', 'commune:94028'],
    // Where one lives beats what is corrected away.
    ["en fait j'habite à Brest pas à Quimper", 'commune:29019'],
    ['c pas nantes c rennes', 'commune:35238'],
    ["j'ai déménagé à Brest l'an dernier", 'commune:29019'],
    // A département alone, with its cue.
    ["bonjour je suis dans le 77 j'ai 16 ans", 'departement:77'],
    ['je vis en Haute-Garonne', 'departement:31'],
    ['I live in Guadeloupe', 'departement:971'],
    ["j'habite dans la Somme", 'departement:80'],
    ['je suis du 13 et toi', 'departement:13'],
    // Everyday words and first names are places with a capital or after "à" for a large town.
    ["j'habite à La Garde", 'commune:83062'],
    ['je suis a nancy', 'commune:54395'],
    // "au" carries the article of a name typed as one ("au Port" is Le Port, 974), not of the harbour.
    ["j'habite au Port, j'ai 17 ans", 'commune:97407'],
    ['je travaille au port de Marseille', 'commune:13055'],
    ['on se voit au port', 'none'],
    // "vers" between two names: the second only says where the first one is.
    ['Je vis à Ytrac vers Aurillac', 'commune:15267'],
    // A capitalised word hyphened to a name makes another proper name (a university), not the place.
    ["je suis en M1 à l'Université Paris-Saclay", 'none'],
    ['en fac à Aix-Marseille Université, je cherche un stage', 'none'],
    ["j'habite à Boulogne-Billancourt", 'commune:92012'],
    ['je suis à Saint-Denis-de-la-Réunion', 'commune:97411'],
  ])('%s -> %s', (text, expected) => {
    expect(summary(readPlace(text, index, null))).toBe(expected);
  });

  test.each([
    // Everyday words that are also communes, and first names.
    'je bosse en ligne', "moi c'est Nancy, 17 ans", 'my name is Florence', 'nice to meet you', 'I want to work in sales',
    'je cherche un job à la plage', 'je vais au cinéma avec mes amis', 'je suis au lycée Jean Moulin', 'je fais du foot à fond',
    'je suis maçon', 'je veux bosser dans le bâtiment', 'jsuis a la maison', 'je suis chez moi', "j'ai 18 ans, je vis seule",
    "I'm in year 13", 'aucun', 'je vis à la campagne', 'can I talk to a real person', 'i work in tech',
    // Near a town: the commune is unknown, and the bot will ask the place question anyway.
    'i live near bordeaux', 'je vis pas loin de Rennes',
    // A région, or a date that looks like a département.
    'je vis en Bretagne', 'rdv le 13 mars ?', 'je suis dispo du 13 au 20 juillet',
    'en somme je sais pas', 'un lot de trucs', "je fais de la garde d'enfants", 'avec plaisir', 'on se retrouve à la croix rouge',
    'je veux être riche',
  ])('%s -> none', (text) => {
    expect(summary(readPlace(text, index, null))).toBe('none');
  });

  test('a move is a question, whatever was asked', () => {
    expect(summary(readPlace('je vais déménager à Nantes', index, null))).toBe('clarify');
  });
});

describe('readPlace: the answer to the place question', () => {
  test.each<[string, string]>([
    // Homonyms: the large namesake when the others are villages; two large ones: ask.
    ['Rochefort', 'commune:17299'],
    // A name typed as one with its département: the commune, even when it is an everyday word.
    ['Le Port, La Réunion', 'commune:97407'],
    ['Plaisir (Yvelines)', 'commune:78490'],
    ['Fontaine, en Isère', 'commune:38169'],
    // A village "vers" a town is the village; the town alone, or "vers" alone, is the town.
    ['Ytrac vers Aurillac', 'commune:15267'],
    ['Aurillac', 'commune:15014'],
    ['vers Montluçon', 'commune:03185'],
    // A département's name with a plural dropped ("cote d armor").
    ['plouguenast cote d armor', 'commune:22219'],
    ['dans les bouche du rhone', 'departement:13'],
    ['Saint-Quentin', 'commune:02691'],
    ['Bagnères', 'ambiguous:65059 31042'],
    // The start of a longer name.
    ['Châlons', 'commune:51108'],
    // Typos and spellings by ear.
    ['montpelier', 'commune:34172'],
    ['strasbour', 'commune:67482'],
    ['marseil', 'commune:13055'],
    ['toulouze', 'commune:31555'],
    ['carcassone', 'commune:11069'],
    // Arrondissements typed apart.
    ['lyon 7eme', 'commune:69123'],
    ['marseille 8 eme', 'commune:13055'],
    ['paris 20e arr', 'commune:75056'],
    // Near something that is not a commune: still the commune.
    ['lille, près de la gare', 'commune:59350'],
    ['vers Lens', 'commune:62498'],
    // Départements.
    ['dans le 59', 'departement:59'],
    ['du 62', 'departement:62'],
    ['77', 'departement:77'],
    ['2A', 'departement:2A'],
    ['the 13', 'departement:13'],
    ['en Martinique', 'departement:972'],
    ['Guyane', 'departement:973'],
    ['je vis dans la Loire', 'departement:42'],
    // Postal code shared by several communes: all of them.
    ['01400', 'postalCode:01400'],
    // Questions to ask rather than guesses.
    ['pres de Rennes', 'clarify'],
    ['near Bordeaux', 'clarify'],
    ['outside Lyon', 'clarify'],
    ['en Normandie', 'clarify'],
    ['Île-de-France', 'clarify'],
    ['in Corsica', 'clarify'],
    ['moving to Nice next month', 'clarify'],
    ['Bayonne mais je vais partir à Paris', 'clarify'],
    ["I'm going to live in Lille next year", 'clarify'],
    // Refusals, and "I don't know" (not a refusal: the question is asked again).
    ['je veux pas le dire', 'declined'],
    ['jsp', 'none'],
    ['je sais pas', 'none'],
    ['aucune idée', 'none'],
    ['bof', 'none'],
    ['saint', 'none'],
    ['sainte', 'none'],
    ['en ville', 'none'],
    ['lyonnnn', 'commune:69123'],
    ['dans le nord', 'departement:59'],
  ])('%s -> %s', (text, expected) => {
    expect(summary(readPlace(text, index, 'place'))).toBe(expected);
  });

  test('a shared postal code lists every commune, not only the first eight', () => {
    const read = readPlace('01400', index, 'place');
    expect(read?.kind).toBe('postalCode');
    const candidates = read?.kind === 'postalCode' ? read.candidates : [];
    expect(candidates.length).toBe(index.lookupPostalCode('01400').length);
    expect(candidates.length).toBeGreaterThan(8);
    expect(candidates.every((c) => c.postalCode === '01400')).toBe(true);
  });
});

describe('parsePlace: corrections and landmarks', () => {
  test.each<[string, string]>([
    ['pas Nantes, Rennes', '35238'],
    ['I live in Brest, not Quimper', '29019'],
    ['saint denis pres de paris', '93066'],
    ['Saint-Denis near Paris', '93066'],
    ['paris 12 eme', '75056'],
  ])('%s -> %s', (text, commune) => {
    const result = parsePlace(text, index);
    expect(result.ok && result.value.commune).toBe(commune);
  });

  test('"à la Réunion" is the island, not the village of Lot-et-Garonne', () => {
    expect(parsePlace('à la Réunion', index).ok).toBe(false);
  });

  test('choosePlace: a landmark picks the candidate of its département or région', () => {
    const result = parsePlace('Saint-Denis', index);
    const candidates = (!result.ok && result.candidates) || [];
    const near = choosePlace('the one near Paris', candidates, index);
    expect(near.ok && near.value.commune).toBe('93066');
    const occitanie = choosePlace('celui près de Montpellier', candidates, index);
    expect(!occitanie.ok && occitanie.candidates?.map((c) => c.departement)).toEqual(['11', '30']);
  });
});

describe('phoneticKey', () => {
  test.each([
    ['bordeaux', 'bordo'],
    ['villeurbanne', 'vilerban'],
    ['toulouse', 'toulou'],
  ])('%s -> %s', (name, key) => {
    expect(phoneticKey(name)).toBe(key);
  });
});

describe('understand(): the place slot', () => {
  const ctx = { lang: 'fr' as const, today: new Date('2026-11-21T12:00:00+01:00'), places: index };

  test('a place question answered "near X" or with a région asks again (clarify)', () => {
    expect(understand('à côté de Rennes', { ...ctx, asked: 'place' }).clarify).toBe('place');
    expect(understand('en Normandie', { ...ctx, asked: 'place' }).clarify).toBe('place');
    expect(understand('à côté de Rennes', { ...ctx, asked: 'place' }).slots.place).toBeUndefined();
  });

  test('"I\'d rather not say" to the place question is an answer, not a skip', () => {
    const u = understand("I'd rather not say", { ...ctx, lang: 'en', asked: 'place' });
    expect(u.slots.place).toEqual({ kind: 'declined' });
    expect(u.skip).toBeUndefined();
    expect(understand('je préfère ne pas dire', { ...ctx, asked: 'firstName' }).slots.place).toBeUndefined();
  });

  // How long these take is measured by npm run bench:understanding (adversarial inputs), not here.
  test('long junk is read without throwing', () => {
    for (const text of PLACE_JUNK) {
      for (const asked of [null, 'place'] as const) expect(() => readPlace(text, index, asked)).not.toThrow();
    }
  });
});
