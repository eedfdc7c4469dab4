import fs from 'node:fs';
import path from 'node:path';
import { CHECK_KINDS, checkKindOf } from '../../../understanding/safety/checkKind';
import { detectCrisis } from '../../../understanding/safety/detectCrisis';
import { readSafetyAnswer } from '../../../understanding/safety/readSafetyAnswer';

const check = (lang: string) =>
  (JSON.parse(fs.readFileSync(path.join(__dirname, '../../../locales', lang, 'safety.json'), 'utf8')) as { check: Record<string, Record<string, string>> }).check;

describe('the gentle question fits the hint', () => {
  it.each([
    ['je veux en finir', 'studies'],
    ['ça va mal à la maison', 'home'],
    ['je sais pas où dormir', 'housing'],
    ["I don't know where I'll sleep", 'housing'],
    ['mon copain me fait peur', 'hurt'],
  ])('%s -> %s', (text, kind) => {
    const signal = detectCrisis(text);
    expect(signal?.level).toBe('ambiguous');
    expect(checkKindOf(signal!.categories)).toBe(kind);
  });

  it('a hint of several kinds gets the general question; home and hurt together the one about home', () => {
    expect(checkKindOf(['suicide', 'homelessness'])).toBe('general');
    expect(checkKindOf(['abuse', 'violence'])).toBe('home');
    expect(checkKindOf(['online_harassment', 'school_harassment'])).toBe('harassment');
  });

  it('only the studies question mentions studies', () => {
    for (const lang of ['fr', 'en']) {
      const ask = check(lang).ask!;
      expect(ask.studies).toMatch(/études|studies/);
      for (const kind of CHECK_KINDS.filter((k) => k !== 'studies')) expect(ask[kind]).not.toMatch(/études|studies/);
    }
  });

  it.each(CHECK_KINDS.flatMap((k) => ['fr', 'en'].map((lang) => [k, lang])))('%s (%s): its first button typed back reads as fine, its second as not OK', (kind, lang) => {
    const c = check(lang);
    expect(readSafetyAnswer(c.fine![kind]!)).toEqual({ fine: true });
    expect(readSafetyAnswer(c.notOk![kind]!).fine).toBe(false);
  });
});
