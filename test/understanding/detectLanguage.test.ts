import { detectLanguage } from '../../understanding/detectLanguage';

describe('detectLanguage', () => {
  test.each([
    ['bonjour', 'fr'],
    ['Salut !', 'fr'],
    ['je cherche un mentor pour mon orientation', 'fr'],
    ["j'ai 17 ans et je suis en terminale", 'fr'],
    ['jsp quoi faire', 'fr'],
    ['hello, je cherche un stage', 'fr'],
    ['hello', 'en'],
    ['I am looking for a mentor', 'en'],
    ["I don't know what to do after school", 'en'],
    ['yes please', 'en'],
    ['thanks', 'en'],
    ['slt', 'fr'],
    ['bsr', 'fr'],
    ['wesh', 'fr'],
    ['thx', 'en'],
    ['idk', 'en'],
  ])('%j -> %s', (input, lang) => expect(detectLanguage(input)).toBe(lang));
  test.each([
    [''], ['ok'], ['17'], ['Inès'], ['stage'], ['no'], ['orientation'], ['hello merci'], ['ok yes oui'], ['😀'], ['lol'],
  ])('%j -> null', (input) => expect(detectLanguage(input)).toBeNull());
});
