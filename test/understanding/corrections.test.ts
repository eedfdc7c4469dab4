import { readCorrection } from '../../understanding/corrections';
import { parseGuardianName } from '../../understanding/parseGuardianName';

describe('readCorrection: what a correction denies is taken out', () => {
  test.each([
    // [message, marker, kept, removed]
    ['non pas Marseille, Aubagne', true, 'non Aubagne', ['Marseille']],
    ['c pas nantes c rezé', false, 'c c rezé', ['nantes']],
    ["j'ai 20 ans pas 21", false, "j'ai 20 ans", ['21']],
    ['oups je me suis trompée je suis en 2nde pas en 1ere', true, 'oups je me suis trompée je suis en 2nde', ['en 1ere']],
    ['I said Bordeaux but I live in Mérignac', true, 'I live in Mérignac', ['Bordeaux']],
    ['no, it is Tom, not Thomas', false, 'no, it is Tom,', ['Thomas']],
  ] as const)('%s', (text, marker, kept, removed) => {
    const r = readCorrection(text);
    expect(r.marker).toBe(marker);
    expect(r.kept).toBe(kept);
    expect(r.removed).toEqual(removed);
  });

  test('a plain negation is cut too; the caller decides it is no correction', () => {
    expect(readCorrection('je sais pas quoi faire').marker).toBe(false);
    expect(readCorrection('je veux pas de visio').removed).toEqual(['de visio']);
  });

  test.each([
    'jsais meme pas quel bac pro je veux faire apres',
    'je ne sais vraiment pas où postuler',
    'I do not know which course to take',
    'je sais pas si je continue la fac',
  ])('not knowing before a question word cuts nothing: %s', (text) => {
    expect(readCorrection(text).removed).toEqual([]);
  });

  test('a denied value after "je sais" is still cut', () => {
    expect(readCorrection('je sais, pas Lyon, Villeurbanne').removed).toEqual(['Lyon']);
    expect(readCorrection('pas quel, mais quelle').removed).toEqual(['quel']);
  });

  test('additions are told apart from replacements', () => {
    expect(readCorrection('ajoute aussi le CV').adds).toBe(true);
    expect(readCorrection('also my CV please').adds).toBe(true);
    expect(readCorrection('en fait plutôt le CV').adds).toBe(false);
  });

  test('junk never throws', () => {
    for (const junk of ['', 'pas', 'pas pas pas', "j'ai dit", "j'ai dit mais", '\u0000'.repeat(50), 'pas '.repeat(5000)]) {
      expect(() => readCorrection(junk)).not.toThrow();
    }
  });
});

describe('parseGuardianName: the name without the words around it', () => {
  test.each([
    ['ma belle-mère Sandrine Morel', 'Sandrine Morel'],
    ['c mon daron, Ahmed', 'Ahmed'],
    ["elle s'appelle Joëlle Durand", 'Joëlle Durand'],
    ['my stepdad Kevin Brown', 'Kevin Brown'],
    ["it's my aunt, Priya Shah", 'Priya Shah'],
    ['Hélène', 'Hélène'],
    ["Jean-Pierre N'Diaye", "Jean-Pierre N'Diaye"],
    // The relation said after the name is cut off; a name alone or with a particle is kept whole.
    ['Odile Mercier, sa mère', 'Odile Mercier'],
    ["Farid Amrani c'est mon père", 'Farid Amrani'],
    ['Lucie Garnier (sa tutrice)', 'Lucie Garnier'],
    ['Grace Okafor, his mum', 'Grace Okafor'],
    ['ma tante Awa Sy, la sœur de ma mère', 'Awa Sy'],
    ['Marie de La Tour', 'Marie de La Tour'],
    ['Paul Le Gall', 'Paul Le Gall'],
  ])('%s -> %s', (text, name) => {
    expect(parseGuardianName(text)).toEqual({ ok: true, value: name });
  });

  test.each(['ma mère', 'my dad', '06 12 34 56 78', 'maman@example.fr', '<b>Paul</b>', '', '😀😀'])('%s is not a name', (text) => {
    expect(parseGuardianName(text).ok).toBe(false);
  });
});
