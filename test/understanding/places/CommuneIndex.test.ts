import { CommuneIndex, boundedLevenshtein } from '../../../understanding/places/CommuneIndex';
import { normalizeName } from '../../../understanding/places/normalize';
import { parsePlace } from '../../../understanding/places/parsePlace';

describe('CommuneIndex', () => {
  // Build time and heap are measured by `npm run bench:understanding`, not here: tests do not time.
  test('is built once and shared', () => {
    const index = CommuneIndex.load();
    expect(index.buildMs).toBeGreaterThan(0);
    expect(CommuneIndex.load()).toBe(index);
  });

  test('holds current communes of metropolitan France and the DROM only', () => {
    const index = CommuneIndex.load();
    // 34,969 current communes, minus the overseas collectivities whose région code does not
    // fit Place.region (975, 977, 978, 984, 986, 987, 988, 989).
    expect(index.size).toBeGreaterThan(34800);
    expect(index.size).toBeLessThan(34969);
    expect(index.lookupCode('69123')?.name).toBe('Lyon');
    expect(index.lookupCode('97611')?.region).toBe('06');
    expect(index.lookupCode('98735')).toBeUndefined(); // Papeete
    expect(index.lookupCode('69383')).toBeUndefined(); // Lyon 3e arrondissement: not a place of its own
  });

  test('leads the names of former communes to the commune they merged into', () => {
    const index = CommuneIndex.load();
    expect(index.lookupName('cherbourg octeville').map((e) => e.code)).toEqual(['50129']);
    expect(index.lookupName('annecy le vieux').map((e) => e.code)).toEqual(['74010']);
    // A current commune keeps its own name: Annecy is Annecy, not a former commune.
    expect(index.lookupName('annecy').map((e) => e.code)).toEqual(['74010']);
  });

  test('puts the main postal code first', () => {
    const index = CommuneIndex.load();
    expect(index.lookupCode('13001')?.postalCodes[0]).toBe('13100');
    expect(index.lookupCode('69123')?.postalCodes[0]).toBe('69001');
  });

  test('knows the arrondissements of Paris, Lyon and Marseille', () => {
    const index = CommuneIndex.load();
    expect(index.lookupCode('75056')?.arrondissements?.get(16)).toEqual(['75016', '75116']);
    expect(index.lookupCode('69123')?.arrondissements?.size).toBe(9);
    expect(index.lookupCode('13055')?.arrondissements?.size).toBe(16);
  });

  test('looks names up with and without their article', () => {
    const index = CommuneIndex.load();
    expect(index.lookupName('le havre').map((e) => e.code)).toEqual(['76351']);
    expect(index.lookupName('havre').map((e) => e.code)).toEqual(['76351']);
    expect(index.lookupName('havre', false)).toEqual([]);
    // The exact name wins over an article-less one: "port" is Port (01), not Le Port.
    expect(index.lookupName('port').map((e) => e.code)).toEqual(['01307']);
  });
});

describe('normalizeName', () => {
  test.each([
    ['Saint-Étienne', 'saint etienne'],
    ['ST ETIENNE', 'saint etienne'],
    ['Ste-Marie', 'sainte marie'],
    ["L'Haÿ-les-Roses", 'l hay les roses'],
    ['Œuilly', 'oeuilly'],
    ['  Le   Havre ', 'le havre'],
    ['Ｌｙｏｎ', 'lyon'],
    ['Lyon\u0301', 'lyon'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('boundedLevenshtein', () => {
  test.each<[string, string, number, number]>([
    ['villeurbane', 'villeurbanne', 2, 1],
    ['marseile', 'marseille', 1, 1],
    ['lyon', 'lyon', 1, 0],
    ['lyon', 'paris', 1, 2],
    ['a', 'abcdef', 2, 3],
  ])('%s / %s (max %d) -> %d', (a, b, max, expected) => {
    expect(boundedLevenshtein(a, b, max)).toBe(expected);
  });
});

describe('robustness and speed', () => {
  const index = CommuneIndex.load();
  const hostile: Array<[string, string]> = [
    ['20,000 letters', 'a'.repeat(20000)],
    ['20,000 mixed words', 'je suis à '.repeat(2000)],
    ['20,000 digits', '6'.repeat(20000)],
    ['long text ending with a city', `${'bla '.repeat(5000)}Lyon`],
    ['control characters', '\u0000\u0001\u0002Lyon\u001b[31m\u007f'],
    ['emoji only', '🏠🏙️🌍'.repeat(100)],
    ['mixed scripts', 'Лион 里昂 ليون Lyon ΛΥΩΝ'],
    ['lone surrogates', '\ud800\udc00\ud800 Lyon \udfff'],
    ['unclosed markup', '<'.repeat(5000) + 'Lyon'],
    ['many hyphens', '-'.repeat(20000)],
    ['many apostrophes', "l'".repeat(10000)],
    ['many postal codes', '69003 '.repeat(3000)],
    ['many names', 'Saint-Denis '.repeat(1500)],
  ];

  // How long these take is measured by npm run bench:understanding (adversarial inputs), not here.
  test.each(hostile)('%s: never throws', (_label, text) => {
    const result = parsePlace(text, index);
    expect(typeof result.ok).toBe('boolean');
  });

  test('non-string input is treated as empty rather than throwing', () => {
    expect(parsePlace(undefined as unknown as string, index)).toEqual({ ok: false, reason: 'empty' });
    expect(parsePlace(42 as unknown as string, index)).toEqual({ ok: false, reason: 'empty' });
  });
});
