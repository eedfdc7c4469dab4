import data from '../../../understanding/safety/helpLines.json';
import { CRISIS_CATEGORIES, type CrisisCategory } from '../../../understanding/safety/detectCrisis';
import { compileHelpLines, helpLinesFor } from '../../../understanding/safety/helpLines';

type Row = [categories: CrisisCategory[], age: number | undefined, expectedIds: string[]];

// Order matters: what to do in immediate danger first, a listening line last. An unknown
// age counts as "may be a minor" and "may be an adult": both kinds of line show.
const ROWS: Row[] = [
  [['suicide'], undefined, ['112', '114', '3114', 'filsantejeunes']],
  [['suicide'], 30, ['112', '114', '3114']],
  [['self_harm'], undefined, ['112', '114', '3114', '119', 'filsantejeunes']],
  [['self_harm'], 15, ['112', '114', '3114', '119', 'filsantejeunes']],
  [['self_harm'], 19, ['112', '114', '3114', 'filsantejeunes']],
  [['overdose'], undefined, ['112', '15', '114', '3114', 'antipoison', 'filsantejeunes']],
  [['homelessness'], undefined, ['112', '119', '115', 'filsantejeunes']],
  [['homelessness'], 17, ['112', '119', '115', 'filsantejeunes']],
  [['homelessness'], 20, ['112', '115', 'filsantejeunes']],
  [['sexual_violence'], undefined, ['112', '17', '114', '119', '3919', 'filsantejeunes']],
  [['sexual_violence'], 14, ['112', '17', '114', '119', 'filsantejeunes']],
  [['sexual_violence'], 22, ['112', '17', '114', '3919', 'filsantejeunes']],
  [['partner_violence'], 20, ['112', '17', '114', '3919', 'filsantejeunes']],
  [['partner_violence'], 16, ['112', '17', '114', '119', '3919', 'filsantejeunes']],
  [['abuse'], undefined, ['112', '17', '114', '119', 'filsantejeunes']],
  [['abuse'], 20, ['112', '17', '114', '119', 'filsantejeunes']],
  [['violence'], undefined, ['112', '17', '114', '119', 'filsantejeunes']],
  [['violence'], 20, ['112', '17', '114', 'filsantejeunes']],
  [['online_harassment'], undefined, ['112', '3018', 'filsantejeunes']],
  [['school_harassment'], undefined, ['112', '3018', 'filsantejeunes']],
  [['online_harassment', 'school_harassment'], undefined, ['112', '3018', 'filsantejeunes']],
  [['suicide', 'abuse'], 13, ['112', '17', '114', '3114', '119', 'filsantejeunes']],
  [['school_harassment', 'suicide'], undefined, ['112', '114', '3114', '3018', 'filsantejeunes']],
  [[...CRISIS_CATEGORIES], undefined, ['112', '15', '17', '114', '3114', 'antipoison', '119', '3919', '115', '3018', 'filsantejeunes']],
  [[], undefined, ['112', 'filsantejeunes']],
];

describe('helpLinesFor', () => {
  it.each(ROWS)('%j (age %p) -> %j', (categories, age, expectedIds) => {
    expect(helpLinesFor(categories, { age }).map((l) => l.id)).toEqual(expectedIds);
  });

  it('always puts 112 first and, up to 25, Fil Santé Jeunes last; each line once', () => {
    for (const c of CRISIS_CATEGORIES) {
      for (const age of [undefined, 13, 17, 18, 25]) {
        const ids = helpLinesFor([c], { age }).map((l) => l.id);
        expect(ids[0]).toBe('112');
        expect(ids[ids.length - 1]).toBe('filsantejeunes');
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
  });

  it('gives every category a line of its own besides 112 and Fil Santé Jeunes, at any age', () => {
    for (const c of CRISIS_CATEGORIES) {
      for (const age of [undefined, 14, 22]) {
        expect(helpLinesFor([c], { age }).filter((l) => l.id !== '112' && l.id !== 'filsantejeunes').length).toBeGreaterThan(0);
      }
    }
  });

  it('keeps the older option: mayBeMinor false hides the lines for minors', () => {
    expect(helpLinesFor(['violence'], { mayBeMinor: false }).map((l) => l.id)).toEqual(['112', '17', '114', 'filsantejeunes']);
  });

  it('returns only id, number and textKey', () => {
    for (const line of helpLinesFor([...CRISIS_CATEGORIES])) {
      expect(Object.keys(line).sort()).toEqual(['id', 'number', 'textKey']);
      expect(line.textKey).toBe(`safety.line.${line.id}`);
    }
  });

  it('gives the numbers as people dial them', () => {
    const byId = Object.fromEntries(helpLinesFor([...CRISIS_CATEGORIES]).map((l) => [l.id, l.number]));
    expect(byId).toEqual({
      '112': '112', '15': '15', '17': '17', '114': '114', '3114': '3114', antipoison: 'centres-antipoison.net',
      '119': '119', '3919': '3919', '115': '115', '3018': '3018', filsantejeunes: '0 800 235 236',
    });
  });

  it('writes a public source beside every line', () => {
    for (const line of data.lines) {
      expect(line.source.url).toMatch(/^https?:\/\//);
      expect(line.source.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(line.source.says.length).toBeGreaterThan(20);
    }
  });

  it('does not share state between calls', () => {
    const first = helpLinesFor(['suicide']);
    first[0]!.number = 'changed';
    first.pop();
    expect(helpLinesFor(['suicide'])[0]!.number).toBe('112');
  });

  it('tolerates a bad argument from untyped callers', () => {
    expect(helpLinesFor(undefined as unknown as CrisisCategory[]).map((l) => l.id)).toEqual(['112', 'filsantejeunes']);
    expect(helpLinesFor(['suicide'], { age: Number.NaN }).map((l) => l.id)).toEqual(['112', '114', '3114', 'filsantejeunes']);
  });

  it('rejects malformed data', () => {
    const source = { url: 'https://example.org', checked: '2026-12-03', says: 'what the page says about it' };
    expect(() => compileHelpLines({ lines: [{ id: 'x', number: '1', textKey: 'safety.line.x', categories: ['sadness'], source }] })).toThrow(/unknown category/);
    expect(() =>
      compileHelpLines({
        lines: [
          { id: 'x', number: '1', textKey: 'safety.line.x', show: 'always', source },
          { id: 'x', number: '2', textKey: 'safety.line.x', show: 'always', source },
        ],
      }),
    ).toThrow(/duplicate/);
    expect(() => compileHelpLines({ lines: [{ id: 'x', number: '1', textKey: 'intake.x', show: 'always', source }] })).toThrow(/safety/);
    expect(() => compileHelpLines({ lines: [{ id: 'x', number: '1', textKey: 'safety.line.x', show: 'always' }] })).toThrow(/source/);
  });
});
