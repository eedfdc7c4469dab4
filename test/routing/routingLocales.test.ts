import { readFileSync } from 'fs';
import { join } from 'path';
import { REASON_CODES, REASON_PARAMS } from '../../routing/reasons';

type Tree = { [key: string]: string | Tree };

function load(lang: string): Tree {
  return JSON.parse(readFileSync(join(__dirname, `../../locales/${lang}/routing.json`), 'utf8')) as Tree;
}
/** Flattens nested keys the way i18next resolves them ("reason.need_match"). */
function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}

const fr = flatten(load('fr'));
const en = flatten(load('en'));

describe('locales/*/routing.json', () => {
  it('fr and en have the same keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('has a text for every reason code routing can emit, and nothing else', () => {
    const expected = REASON_CODES.map((c) => `reason.${c}`).sort();
    expect(Object.keys(fr).sort()).toEqual(expected);
  });

  it.each([['fr', fr], ['en', en]] as const)('%s: texts only interpolate params the code carries', (_lang, texts) => {
    for (const code of REASON_CODES) {
      const text = texts[`reason.${code}`] ?? '';
      expect(text.trim()).not.toBe('');
      const used = [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
      // Object form so that a failure names the code and the param.
      expect({ code, params: used.filter((p) => !(REASON_PARAMS[code] as readonly string[]).includes(p!)) }).toEqual({ code, params: [] });
    }
  });
});
