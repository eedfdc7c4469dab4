import { parseAge } from '../../understanding/parseAge';

const today = new Date(2026, 0, 15); // 15 January 2026

describe('parseAge: ages', () => {
  test.each([
    ['17', 17],
    [' 17 ', 17],
    ["j'ai 17 ans", 17],
    ['J’ai 17 ans', 17],
    ['jai 17ans', 17],
    ['g 16 an', 16],
    ['16ans', 16],
    ['dix-sept ans', 17],
    ["j'ai dix-sept ans", 17],
    ['seize', 16],
    ['vingt ans', 20],
    ['17yo', 17],
    ['17 y/o', 17],
    ['17 years old', 17],
    ["I'm 17", 17],
    ['i am 17', 17],
    ["I'm seventeen", 17],
    ['I am twenty years old', 20],
    ['âge : 22', 22],
    ['euh 17 !', 17],
    ['17,5 ans', 17],
    ['17 ans et demi', 17],
    ['13', 13],
    ['30', 30],
    ["j'ai 13 ans bientôt 14", 13],
  ])('%j -> %d', (input, age) => expect(parseAge(input, 'fr', today)).toEqual({ ok: true, value: age }));

  test('English conversation reads French words too', () => {
    expect(parseAge('dix-sept ans', 'en', today)).toEqual({ ok: true, value: 17 });
    expect(parseAge("I'm 19", 'en', today)).toEqual({ ok: true, value: 19 });
  });
});

describe('parseAge: birth dates relative to today', () => {
  test.each([
    ['né le 3 mars 2008', 17],
    ['née le 1er janvier 2010', 16],
    ['born 2008-03-03', 17],
    ['03/03/2008', 17],
    ['3.3.2008', 17],
    ['15/01/2010', 16], // birthday today
    ['16/01/2010', 15], // birthday tomorrow
    ['March 3, 2008', 17],
    ['3rd of March 2008', 17],
    ['born on 12/25/2005', 20], // month/day only when day/month is impossible
  ])('%j -> %d', (input, age) => expect(parseAge(input, 'fr', today)).toEqual({ ok: true, value: age }));

  test.each([
    ['31/02/2008'],
    ['01/01/2030'],
  ])('impossible or future date %j is not understood', (input) => {
    expect(parseAge(input, 'fr', today)).toEqual({ ok: false, reason: 'not_understood' });
  });
});

describe('parseAge: out of range and nonsense', () => {
  test.each([
    ['12', 'too_young'],
    ['douze ans', 'too_young'],
    ['1', 'too_young'],
    ['né le 3 mars 2016', 'too_young'],
    ['31', 'too_old'],
    ['35 ans', 'too_old'],
    ['trente-cinq ans', 'too_old'],
    ['120', 'too_old'],
    ['121', 'not_understood'],
    ['150', 'not_understood'],
    ['0', 'not_understood'],
    ['-5', 'too_young'],
    ['', 'not_understood'],
    ['   ', 'not_understood'],
    ['bonjour', 'not_understood'],
    ['je sais pas', 'not_understood'],
    ['né en 2008', 'not_understood'], // a year alone could be two ages
    ['2008', 'not_understood'],
    ['0612345678', 'not_understood'],
    ["j'ai eu 17 au bac de maths", 'not_understood'],
    ['je suis en 3e', 'not_understood'],
    ['😀', 'not_understood'],
  ])('%j -> %s', (input, reason) => expect(parseAge(input, 'fr', today)).toEqual({ ok: false, reason }));
});

describe('parseAge: numbers in words without the recognizers, soon-reached ages', () => {
  test.each([
    ['quatre-vingt-dix-neuf ans', 'too_old'],
    ['vingt-neuf ans', 29],
    ['soixante-douze', 'too_old'],
    ['twenty-nine', 29],
    ['je vais avoir 17 ans', 16],
    ['almost 20', 19],
    ['cent ans', 'too_old'],
    ['16 piges', 16],
    ['au lycée depuis 2 ans, 15 ans', 15],
  ])('%j -> %s', (input, expected) => {
    const r = parseAge(input, 'fr', today);
    expect(r).toEqual(typeof expected === 'number' ? { ok: true, value: expected } : { ok: false, reason: expected });
  });
  test.each([['neuf'], ["j'ai un frère"], ['06.12.34.56.78']])('%j is not an age', (input) => {
    expect(parseAge(input, 'fr', today)).toEqual({ ok: false, reason: 'not_understood' });
  });
});

describe('parseAge: an adverb between the lead-in and the age', () => {
  test.each([
    ["I'm actually 28", 28],
    ['j’ai en fait 19', 19],
    ["I'm only 16, I turn 17 in May", 16],
    ["j'ai vraiment 15 ans", 15],
  ])('%j -> %s', (input, expected) => {
    expect(parseAge(input, 'fr', today)).toEqual({ ok: true, value: expected });
  });
  // Not ages: a distance, a count.
  test.each([["I'm just 2 hours away"], ["j'ai juste 2 enfants"]])('%j is not an age', (input) => {
    expect(parseAge(input, 'fr', today).ok).toBe(false);
  });
});
