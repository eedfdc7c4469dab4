import { cleanText, normalize, tokenize, toKey, MAX_TEXT_LENGTH } from '../../understanding/text';

describe('normalize', () => {
  test.each([
    ['  Bonjour   Inès  ', 'bonjour ines'],
    ['ÉLÈVE en 1ère', 'eleve en 1ere'],
    ['J’ai 17 ans', "j'ai 17 ans"],
    ['dix‑sept – ans', 'dix-sept - ans'],
    ['<b>Salut</b><br/>toi', 'salut toi'],
    ['a&amp;b &lt;3', 'a&b <3'],
    ['l\u00a0œuvre\tà\nfaire', 'l oeuvre a faire'],
    ['ze\u200bro', 'zero'],
    ['ctrl\u0000\u0007chars', 'ctrl chars'],
    ['', ''],
  ])('%j -> %j', (input, expected) => expect(normalize(input)).toBe(expected));

  test('truncates to 2000 characters', () => {
    expect(normalize('a'.repeat(20000))).toHaveLength(MAX_TEXT_LENGTH);
  });
  test('does not leave half an emoji when truncating', () => {
    const out = cleanText('a'.repeat(MAX_TEXT_LENGTH - 1) + '😀😀');
    expect(out.endsWith('\ud83d')).toBe(false);
  });
  test('non-strings give an empty string', () => {
    expect(normalize(undefined as unknown as string)).toBe('');
  });
});

describe('cleanText keeps case and accents', () => {
  test.each([
    ['  Inès  ', 'Inès'],
    ['<i>Zoé</i>', 'Zoé'],
    ['N’Golo', "N'Golo"],
  ])('%j -> %j', (input, expected) => expect(cleanText(input)).toBe(expected));
});

describe('tokenize / toKey', () => {
  test.each([
    ["j'ai 17 ans", ['j', 'ai', '17', 'ans']],
    ['bac+2', ['bac', '2']],
    ['dix-sept', ['dix', 'sept']],
    ['  ', []],
  ])('%j', (input, expected) => expect(tokenize(normalize(input))).toEqual(expected));
  test('toKey', () => expect(toKey("C'est l'Été !")).toBe('c est l ete'));
});
