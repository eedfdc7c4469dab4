import { PlaceSchema } from '../../../intake/MentoringRequest';
import { CommuneIndex } from '../../../understanding/places/CommuneIndex';
import { choosePlace } from '../../../understanding/places/choosePlace';
import { formatPlace, parsePlace } from '../../../understanding/places/parsePlace';
import type { Place, PlaceParseResult } from '../../../understanding/places/types';

const index = CommuneIndex.load();

/** "69123/69003" for an ok result, "ambiguous:13 93 …" (départements) otherwise. */
function summary(result: PlaceParseResult): string {
  if (result.ok) return `${result.value.commune}/${result.value.postalCode}`;
  return result.reason;
}
function departementsOf(result: PlaceParseResult): string[] {
  return (!result.ok && result.candidates ? result.candidates : []).map((c) => c.departement);
}

describe('parsePlace: names, postal codes, sentences', () => {
  test.each<[string, string]>([
    // Postal codes
    ['69003', '69123/69003'],
    ['75018', '75056/75018'],
    ['75116', '75056/75116'],
    ['13013', '13055/13013'],
    ['97605', '97611/97605'],
    ['Cherbourg-Octeville', '50129/50100'],
    ["j'habite à Annecy-le-Vieux", '74010/74000'],
    ['mon code postal est 33000', '33063/33000'],
    // Names and their spellings
    ['Lyon', '69123/69001'],
    ['lyon', '69123/69001'],
    ['LYON', '69123/69001'],
    ['st etienne', '42218/42000'],
    ['Saint-Étienne', '42218/42000'],
    ['ST-ETIENNE', '42218/42000'],
    ['le havre', '76351/76600'],
    ['Le Havre', '76351/76600'],
    ['havre', '76351/76600'],
    ['je suis au Havre', '76351/76600'],
    ['du Mans', '72181/72000'],
    ['Roubaix', '59512/59100'],
    ['Cayenne', '97302/97300'],
    ['Mamoudzou', '97611/97600'],
    ['Fort-de-France', '97209/97200'],
    ['Pointe-à-Pitre', '97120/97110'],
    ['Ajaccio', '2A004/20000'],
    ['Bastia 2B', '2B033/20200'],
    ['Aix-en-Provence', '13001/13100'],
    ['aix en provence', '13001/13100'],
    ["L'Haÿ-les-Roses", '94038/94240'],
    ["sables d'olonne", '85194/85100'],
    ['Œuilly (02)', '02565/02160'],
    ['<b>Lyon</b>', '69123/69001'],
    ['Bordeaux!!!', '33063/33000'],
    ['Toulouse svp', '31555/31000'],
    ['Paris, France', '75056/75001'],
    // Name + département / région
    ['Saint-Denis 93', '93066/93200'],
    ['Saint-Denis (974)', '97411/97400'],
    ['Saint-Denis, La Réunion', '97411/97400'],
    ['St Denis 974', '97411/97400'],
    ['Saint-Denis dans le 93', '93066/93200'],
    ['Saint-Denis 93200', '93066/93200'],
    ['Saint-Denis en Seine-Saint-Denis', '93066/93200'],
    ['Valence dans la Drôme', '26362/26000'],
    ['Valence (26)', '26362/26000'],
    ['ste marie 974', '97418/97438'],
    ['Montreuil 93', '93048/93100'],
    ['Roubaix dans le Nord', '59512/59100'],
    ['lille, nord', '59350/59000'],
    // Arrondissements: the commune, with the arrondissement's postal code
    ['Paris 18', '75056/75018'],
    ['Paris 18e', '75056/75018'],
    ['Paris 18ème', '75056/75018'],
    ['paris 1er', '75056/75001'],
    ['18e arrondissement de Paris', '75056/75018'],
    ['Marseille 13e', '13055/13013'],
    ['Lyon 3e', '69123/69003'],
    ['Lyon 3', '69123/69003'],
    ['Lyon 69', '69123/69001'],
    ['Marseille 13', '13055/13001'],
    // Sentences
    ["j'habite à Villeurbanne", '69266/69100'],
    ["J'habite Villeurbanne", '69266/69100'],
    ['je suis à Lyon', '69123/69001'],
    ['je suis sur Lyon', '69123/69001'],
    ['I live in Lille', '59350/59000'],
    ['i live in lille', '59350/59000'],
    ['à côté de Nantes (44)', '44109/44000'],
    ['pres de montpellier', '34172/34000'],
    ['la ville de Rennes', '35238/35000'],
    ['j habite a paris', '75056/75001'],
    ['dans Paris', '75056/75001'],
    ['je vis à la rochelle 17', '17300/17000'],
    ['Villeurbanne, c’est là où j’habite', '69266/69100'],
    ["Bonjour, je m'appelle Marie et j'habite à Lyon", '69123/69001'],
    ["je suis étudiant en droit à la fac de Lyon", '69123/69001'],
    ["I'm from Paris but I live in Lyon", '69123/69001'],
    ["j'habite à Lyon mais je suis né à Paris", '69123/69001'],
    ["j'ai 17 ans et j'habite à Valence 26", '26362/26000'],
    ['Strasbourg 67000', '67482/67000'],
    // Everyday words that are communes: fine when they are the answer or clearly a place
    ['Gap', '05061/05000'],
    ['j habite a gap', '05061/05000'],
    ['je suis né à Orange', '84087/84100'],
    ['Vienne', '38544/38200'],
    ['à Mayenne', '53147/53100'],
    // Very short names: only alone
    ['Y', '80829/80190'],
    ['Eu', '76255/76260'],
    ['Oô', '31404/31110'],
    ['Oo', '31404/31110'],
    ['Eu (76)', '76255/76260'],
  ])('%s -> %s', (text, expected) => {
    expect(summary(parsePlace(text, index))).toBe(expected);
  });

  test.each<[string, string[]]>([
    ['Saint-Denis', ['974', '93', '11', '30']],
    ['J’habite Saint-Denis', ['974', '93', '11', '30']],
    ['Valence', ['26', '82', '16']],
    ['Montreuil', ['93', '85', '28']],
    ['97600', ['976', '976']],
    ['Le Port', ['974', '09']],
    ['Charleville', ['08', '51']],
    ['Aix', ['13', '73', '19']],
    // Boulogne is a former commune of Vendée, but people mean the large Boulognes.
    ['Boulogne', ['92', '62', '85']],
    ['mon père vit à Marseille mais moi à Lyon', ['13', '69']],
    // Name and département that do not match: the département is ignored, not trusted.
    ['Saint-Denis 2B', ['974', '93', '11', '30']],
  ])('%s -> ambiguous in %j', (text, departements) => {
    const result = parsePlace(text, index);
    expect(summary(result)).toBe('ambiguous');
    expect(departementsOf(result)).toEqual(departements);
  });

  test('a name in many départements offers at most 8, the most populated first', () => {
    const result = parsePlace('Sainte-Marie', index);
    expect(result.ok).toBe(false);
    const candidates = (!result.ok && result.candidates) || [];
    expect(candidates).toHaveLength(8);
    expect(candidates.slice(0, 2).map((c) => c.commune)).toEqual(['97418', '97228']);
  });

  test('a postal code shared by several communes is ambiguous, with that postal code on each', () => {
    const result = parsePlace('01400', index);
    expect(summary(result)).toBe('ambiguous');
    const candidates = (!result.ok && result.candidates) || [];
    expect(candidates.length).toBe(8);
    expect(candidates.every((c) => c.postalCode === '01400')).toBe(true);
    expect(candidates[0]?.name).toBe('Châtillon-sur-Chalaronne');
  });

  test.each([
    'je', 'a', 'à', 'en', 'le', 'Bonjour', 'salut ça va', 'oui', 'ok', 'je cherche un mentor',
    "j'ai besoin d'aide pour trouver un stage", 'je suis au lycée', "je vais à l'école",
    'en ce moment je suis chez ma mère', 'je suis en terminale', "je m'appelle Marie", 'nice to meet you',
    'je vais au port', 'Y a pas de souci', 'eu du mal', 'je sais pas', 'il y a un bus', 'j ai eu 18 ans',
    'La Réunion', 'en Bretagne', 'je vis dans la Loire', 'je suis en Mayenne', 'je vis en Seine-Saint-Denis',
    '99999', '12345', 'Papeete', '97500', '2A', '93',
  ])('%s -> not_found', (text) => {
    expect(summary(parsePlace(text, index))).toBe('not_found');
  });

  test.each([
    ['Villeurbane', '69266'],
    ['marseile', '13055'],
    ['saint etiene', '42218'],
    ['Châlons', '51108'],
  ])('%s -> not_found, suggesting %s first', (text, commune) => {
    const result = parsePlace(text, index);
    expect(summary(result)).toBe('not_found');
    expect(!result.ok && result.candidates?.[0]?.commune).toBe(commune);
  });

  test.each([
    'je préfère ne pas dire', 'prefer not to say', 'non', 'Non.', 'skip', 'passer', "I'd rather not",
    'je ne veux pas le dire', 'pas envie', 'no thanks',
  ])('%s -> declined', (text) => {
    expect(summary(parsePlace(text, index))).toBe('declined');
  });

  test.each(['', '   ', '\n\t', '!!!', '😀😀', '\u0000\u0007'])('%j -> empty', (text) => {
    expect(summary(parsePlace(text, index))).toBe('empty');
  });

  test('every place returned, alone or as a candidate, satisfies PlaceSchema', () => {
    const texts = ['Lyon', 'Saint-Denis', '01400', 'Ajaccio', 'Mamoudzou', 'Paris 16', 'Villeurbane', 'Sainte-Marie'];
    for (const text of texts) {
      const result = parsePlace(text, index);
      const places: Place[] = result.ok ? [result.value] : (result.candidates ?? []);
      expect(places.length).toBeGreaterThan(0);
      for (const place of places) expect(PlaceSchema.parse(place)).toEqual(place);
    }
  });
});

describe('choosePlace: the answer to "which one?"', () => {
  const saintDenis = (() => {
    const result = parsePlace('Saint-Denis', index);
    if (result.ok || !result.candidates) throw new Error('expected candidates');
    return result.candidates;
  })();
  const codeOf = (result: PlaceParseResult): string => (result.ok ? result.value.commune : result.reason);

  test.each<[string, string]>([
    ['2', '93066'],
    ['1', '97411'],
    ['le deuxième', '93066'],
    ['the first one', '97411'],
    ['le dernier', '30247'],
    ['93', '93066'],
    ['974', '97411'],
    ['11', '11339'],
    ['La Réunion', '97411'],
    ['réunion', '97411'],
    ['Seine-Saint-Denis', '93066'],
    ['en Île-de-France', '93066'],
    ['Occitanie', 'ambiguous'],
    ['Aude', '11339'],
    ['93200', '93066'],
    ['97490', '97411'],
    ['Saint-Denis (93)', '93066'],
    ['Saint-Denis 974', '97411'],
    ['celui du 93', '93066'],
    ['9', 'not_found'],
    ['75', 'not_found'],
    ['Lyon', 'not_found'],
    ['aucun', 'not_found'],
    ['je préfère ne pas dire', 'declined'],
    ['', 'empty'],
  ])('%s -> %s', (text, expected) => {
    expect(codeOf(choosePlace(text, saintDenis))).toBe(expected);
  });

  test('a name picks among communes sharing a postal code', () => {
    const result = parsePlace('01400', index);
    const candidates = (!result.ok && result.candidates) || [];
    const chosen = choosePlace('Sulignat', candidates);
    expect(chosen.ok && chosen.value.commune).toBe('01412');
    expect(chosen.ok && chosen.value.postalCode).toBe('01400');
  });

  test('every button label reads back as its own place', () => {
    for (const place of saintDenis) {
      const chosen = choosePlace(formatPlace(place), saintDenis);
      expect(chosen.ok && chosen.value).toEqual(place);
    }
  });

  test('a région shared by several candidates narrows without choosing', () => {
    const result = choosePlace('Occitanie', saintDenis);
    expect(!result.ok && result.candidates?.map((c) => c.departement)).toEqual(['11', '30']);
  });
});

describe('formatPlace', () => {
  test.each<[Pick<Place, 'name' | 'departement'>, string]>([
    [{ name: 'Lyon', departement: '69' }, 'Lyon (69)'],
    [{ name: 'Saint-Denis', departement: '974' }, 'Saint-Denis (974)'],
    [{ name: 'Ajaccio', departement: '2A' }, 'Ajaccio (2A)'],
  ])('%j -> %s', (place, label) => {
    expect(formatPlace(place)).toBe(label);
  });
});
