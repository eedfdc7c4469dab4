import fs from 'node:fs';
import path from 'node:path';
import { CRISIS_CATEGORIES } from '../../../understanding/safety/detectCrisis';
import { helpLinesFor } from '../../../understanding/safety/helpLines';
import { CHECK_KINDS } from '../../../understanding/safety/checkKind';

const LOCALES = path.join(__dirname, '../../../locales');
const read = (lang: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(LOCALES, lang, 'safety.json'), 'utf8'));

/** Leaf keys as the app sees them: the file's basename, then the JSON path ("safety.line.3114"). */
function flatten(value: unknown, prefix: string, out: Map<string, string> = new Map()): Map<string, string> {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}.${k}`, out);
  } else throw new Error(`${prefix}: not a string`);
  return out;
}

const fr = flatten(read('fr'), 'safety');
const en = flatten(read('en'), 'safety');
const allLines = helpLinesFor([...CRISIS_CATEGORIES], { mayBeMinor: true });

describe('locales/*/safety.json', () => {
  it('fr and en have exactly the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
  });

  const checkKeys = CHECK_KINDS.flatMap((k) => [`check.ask.${k}`, `check.fine.${k}`, `check.notOk.${k}`]);
  it.each(['intro', 'offerContinue', 'continue', 'notEmergency', 'check.thanks', ...checkKeys])('has %s in both languages', (key) => {
    expect(fr.get(`safety.${key}`)?.trim()).toBeTruthy();
    expect(en.get(`safety.${key}`)?.trim()).toBeTruthy();
  });

  it.each(allLines.map((l) => [l.textKey, l.number]))('%s exists in both languages and repeats its number', (key, number) => {
    const digits = number.replace(/\s/g, '');
    for (const texts of [fr, en]) {
      const text = texts.get(key);
      expect(text).toBeDefined();
      // The number must be readable even if the app shows the text alone.
      expect(text!.replace(/\s/g, '')).toContain(digits);
    }
  });

  it('has no text for a line that does not exist', () => {
    const lineKeys = [...fr.keys()].filter((k) => k.startsWith('safety.line.'));
    expect(lineKeys.sort()).toEqual(allLines.map((l) => l.textKey).sort());
  });

  it('names the continue button as the button says it', () => {
    expect(fr.get('safety.offerContinue')).toContain(fr.get('safety.continue'));
    expect(en.get('safety.offerContinue')).toContain(en.get('safety.continue'));
  });

  it('tells the way to emergency help', () => {
    expect(fr.get('safety.notEmergency')).toContain('112');
    expect(en.get('safety.notEmergency')).toContain('112');
  });

  it('states 24/7 only for lines known to be 24/7', () => {
    // 3018 (9:00-23:00) and Fil Santé Jeunes have opening hours: never claim 24/7 for them.
    for (const id of ['3018', 'filsantejeunes']) {
      expect(fr.get(`safety.line.${id}`)).not.toMatch(/24/);
      expect(en.get(`safety.line.${id}`)).not.toMatch(/24/);
    }
  });

  it('uses only {{name}} interpolation, if any', () => {
    for (const text of [...fr.values(), ...en.values()]) {
      expect(text.replace(/\{\{\w+\}\}/g, '')).not.toMatch(/[{}]|\$\{/);
    }
  });
});
