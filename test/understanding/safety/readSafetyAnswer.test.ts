import { readSafetyAnswer } from '../../../understanding/safety/readSafetyAnswer';

// The answer to « tu parles de tes études, ou est-ce que ça ne va pas ? »: only a clear
// "studies / I'm fine" lets the form go on; anything else shows the help lines.
const FINE = [
  'mes études', 'Je parlais de mes études', 'non ça va', 'tkt c’est les partiels', 'pas de souci c’est les cours', 'nan la fac',
  'I meant my studies', "I'm fine", 'school lol', "it's just uni", 'all good, exams', 'c’était une façon de parler',
];
const NOT_FINE = [
  'ça va pas', 'je vais pas bien', 'Ça ne va pas', 'Things are not OK', 'not ok', "I'm not fine", 'les études mais ça va pas trop',
  'oui', 'non', 'bof', '?', '🙂', 'jsp', "I don't know", '', 'mes études et je veux mourir', 'school and my dad hits me',
];

describe('readSafetyAnswer', () => {
  it.each(FINE.map((t) => [t]))('%s -> fine', (text) => {
    expect(readSafetyAnswer(text)).toEqual({ fine: true });
  });
  it.each(NOT_FINE.map((t) => [t]))('%s -> the lines', (text) => {
    expect(readSafetyAnswer(text).fine).toBe(false);
  });
  it('adds the categories of a danger said in the answer', () => {
    expect(readSafetyAnswer('mes études et je veux mourir')).toEqual({ fine: false, categories: ['suicide'] });
  });
  it('never throws on odd input', () => {
    for (const x of [undefined, null, 42, {}, 'a'.repeat(100000)]) expect(() => readSafetyAnswer(x as string)).not.toThrow();
  });
});
