import { consentYesNo } from '../../dialogs/questions';

describe("consentYesNo: a parent's consent is a yes that only confirms itself", () => {
  test.each([
    ['oui', 'fr'],
    ['oui elle est d’accord, elle est juste à côté', 'fr'],
    ["ouais mon père est d'accord et moi aussi", 'fr'],
    ['yes, my mum agrees, she is sitting with me', 'en'],
    ['yes we both agree', 'en'],
  ] as const)('%j -> yes', (text, lang) => expect(consentYesNo(text, lang)).toBe(true));

  test.each([
    ['non', 'fr'],
    ['non elle veut pas', 'fr'],
    ['no she does not agree', 'en'],
  ] as const)('%j -> no', (text, lang) => expect(consentYesNo(text, lang)).toBe(false));

  test.each([
    ['oui mais je lui ai pas encore demandé', 'fr'],
    ['oui je vais lui demander ce soir', 'fr'],
    ['oui si elle est d’accord', 'fr'],
    ['oui je crois', 'fr'],
    ["yes I'll ask my dad later", 'en'],
    ['yes probably', 'en'],
    ['oui '.repeat(20), 'fr'],
  ] as const)('%j is not a consent', (text, lang) => expect(consentYesNo(text, lang)).toBeNull());
});
