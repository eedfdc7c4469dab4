import { CRISIS_CATEGORIES, type CrisisCategory } from '../../../understanding/safety/detectCrisis';
import { compileHelpLines, helpLinesFor } from '../../../understanding/safety/helpLines';

type Row = [categories: CrisisCategory[], mayBeMinor: boolean | undefined, expectedIds: string[]];

// Order matters: what to do in immediate danger first, a listening line last.
const ROWS: Row[] = [
  [['suicide'], undefined, ['112', '114', '3114', 'filsantejeunes']],
  [['self_harm'], undefined, ['112', '114', '3114', '119', 'filsantejeunes']],
  [['self_harm'], true, ['112', '114', '3114', '119', 'filsantejeunes']],
  [['self_harm'], false, ['112', '114', '3114', 'filsantejeunes']],
  [['abuse'], undefined, ['112', '114', '119', 'filsantejeunes']],
  [['abuse'], false, ['112', '114', '119', 'filsantejeunes']],
  [['violence'], undefined, ['112', '114', '119', 'filsantejeunes']],
  [['violence'], false, ['112', '114', '119', 'filsantejeunes']],
  [['online_harassment'], undefined, ['112', '114', '3018', 'filsantejeunes']],
  [['school_harassment'], undefined, ['112', '114', '3020', 'filsantejeunes']],
  [['online_harassment', 'school_harassment'], undefined, ['112', '114', '3018', '3020', 'filsantejeunes']],
  [['suicide', 'violence'], undefined, ['112', '114', '3114', '119', 'filsantejeunes']],
  [['suicide', 'self_harm'], false, ['112', '114', '3114', 'filsantejeunes']],
  [['violence', 'suicide'], undefined, ['112', '114', '3114', '119', 'filsantejeunes']],
  [['abuse', 'violence', 'self_harm'], undefined, ['112', '114', '3114', '119', 'filsantejeunes']],
  [['school_harassment', 'suicide'], undefined, ['112', '114', '3114', '3020', 'filsantejeunes']],
  [[...CRISIS_CATEGORIES], undefined, ['112', '114', '3114', '119', '3018', '3020', 'filsantejeunes']],
  [[], undefined, ['112', '114', 'filsantejeunes']],
];

describe('helpLinesFor', () => {
  it.each(ROWS)('%j (mayBeMinor: %p) -> %j', (categories, mayBeMinor, expectedIds) => {
    const lines = helpLinesFor(categories, mayBeMinor === undefined ? undefined : { mayBeMinor });
    expect(lines.map((l) => l.id)).toEqual(expectedIds);
  });

  it('always puts 112 first, 114 right after it and Fil Santé Jeunes last', () => {
    for (const c of CRISIS_CATEGORIES) {
      for (const mayBeMinor of [true, false]) {
        const ids = helpLinesFor([c], { mayBeMinor }).map((l) => l.id);
        expect(ids[0]).toBe('112');
        expect(ids[1]).toBe('114');
        expect(ids[ids.length - 1]).toBe('filsantejeunes');
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
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
      '112': '112',
      '114': '114',
      '3114': '3114',
      '119': '119',
      '3018': '3018',
      '3020': '3020',
      filsantejeunes: '0 800 235 236',
    });
  });

  it('does not share state between calls', () => {
    const first = helpLinesFor(['suicide']);
    first[0]!.number = 'changed';
    first.pop();
    expect(helpLinesFor(['suicide'])[0]!.number).toBe('112');
  });

  it('tolerates a bad argument from untyped callers', () => {
    expect(helpLinesFor(undefined as unknown as CrisisCategory[]).map((l) => l.id)).toEqual(['112', '114', 'filsantejeunes']);
  });

  it('rejects malformed data', () => {
    expect(() => compileHelpLines({ lines: [{ id: 'x', number: '1', textKey: 'safety.line.x', categories: ['sadness'] }] })).toThrow(/unknown category/);
    expect(() =>
      compileHelpLines({
        lines: [
          { id: 'x', number: '1', textKey: 'safety.line.x', show: 'always' },
          { id: 'x', number: '2', textKey: 'safety.line.x', show: 'always' },
        ],
      }),
    ).toThrow(/duplicate/);
    expect(() => compileHelpLines({ lines: [{ id: 'x', number: '1', textKey: 'intake.x', show: 'always' }] })).toThrow(/safety/);
  });
});
