import fs from 'node:fs';
import path from 'node:path';
import { SLOTS } from '../dialogs/IntakeState';
import { QUESTIONS } from '../dialogs/questions';
import { loadResources } from '../locales/i18n';
import { CHOSEN_BY } from '../intake/submitRequest';
import { CONTACT_CHANNELS, DIPLOMA_LEVELS, MEETING_MODES, NEEDS, PRIORITY_PUBLICS, SCHOOL_YEARS, SITUATIONS } from '../intake/vocabulary';

const resources = loadResources();
const flatten = (o: unknown, prefix = ''): Record<string, string> =>
  Object.entries(o as Record<string, unknown>).reduce<Record<string, string>>((acc, [k, v]) => {
    if (typeof v === 'string') acc[prefix + k] = v;
    else Object.assign(acc, flatten(v, `${prefix}${k}.`));
    return acc;
  }, {});
const fr = flatten(resources.fr);
const en = flatten(resources.en);
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('French and English have the same files and the same keys', () => {
    expect(fs.readdirSync(path.join(__dirname, '../locales/en')).sort()).toEqual(fs.readdirSync(path.join(__dirname, '../locales/fr')).sort());
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('each sentence has the same placeholders in both languages and is not empty', () => {
    for (const key of Object.keys(fr)) {
      expect([key, placeholders(en[key]!)]).toEqual([key, placeholders(fr[key]!)]);
      if (key !== 'common.empty') expect([key, fr[key]!.trim().length > 0 && en[key]!.trim().length > 0]).toEqual([key, true]);
    }
  });

  it('every channel wording (sms.*) shadows a key that exists and uses only its placeholders', () => {
    // A variant key that no longer matches a base key (renamed or removed) would silently stop applying.
    const own = new Set(['sms.stopped', 'sms.started']);
    for (const key of Object.keys(fr).filter((k) => k.startsWith('sms.') && !own.has(k))) {
      const base = key.slice('sms.'.length);
      expect([key, base in fr]).toEqual([key, true]);
      // A shorter wording may leave a placeholder out (the SMS alternative line drops the description).
      const known = new Set(placeholders(fr[base] ?? ''));
      expect([key, placeholders(fr[key]!).filter((p) => !known.has(p))]).toEqual([key, []]);
    }
  });

  it('every key written in the code exists', () => {
    const dirs = ['dialogs', 'bots', 'intake', 'adapters', 'notifications'];
    const files = ['index.ts', ...dirs.flatMap((d) => fs.readdirSync(path.join(__dirname, '..', d), { recursive: true }).map((f) => path.join(d, String(f))))].filter((f) => f.endsWith('.ts'));
    const used = new Set<string>();
    for (const f of files) {
      const src = fs.readFileSync(path.join(__dirname, '..', f), 'utf8');
      for (const m of src.matchAll(/['"`]((?:intake|common|input|errors|safety|vocab|routing|staff|news)\.[A-Za-z0-9_.]+)['"`]/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    // A string that prefixes existing keys ("vocab.need" + "." + code) is a namespace, not a key.
    const isPrefix = (k: string) => Object.keys(fr).some((key) => key.startsWith(`${k}.`));
    expect([...used].filter((k) => !isPrefix(k) && (!(k in fr) || !(k in en)))).toEqual([]);
  });

  it('keys built from data exist: questions, fields and vocabularies', () => {
    const built = [
      ...QUESTIONS.filter((q) => q.slot !== 'level').map((q) => `intake.${q.slot}.ask`),
      ...QUESTIONS.map((q) => `intake.${q.slot}.retry`),
      ...SLOTS.map((s) => `intake.field.${s}`),
      ...SITUATIONS.map((c) => `vocab.situation.${c}`),
      ...SCHOOL_YEARS.map((c) => `vocab.schoolYear.${c}`),
      ...DIPLOMA_LEVELS.map((c) => `vocab.diploma.${c}`),
      ...NEEDS.map((c) => `vocab.need.${c}`),
      ...PRIORITY_PUBLICS.map((c) => `vocab.public.${c}`),
      ...MEETING_MODES.map((c) => `vocab.meeting.${c}`),
      ...CONTACT_CHANNELS.map((c) => `vocab.contact.${c}`),
      // Staff e-mails and pages say who chose the association, a reroute included.
      ...CHOSEN_BY.map((c) => `staff.chosenBy.${c}`),
    ];
    expect(built.filter((k) => !(k in fr) || !(k in en))).toEqual([]);
  });

  it('button labels of one question are distinct once normalised (a tap must mean one thing)', () => {
    for (const lang of ['fr', 'en'] as const) {
      const dict = lang === 'fr' ? fr : en;
      for (const group of ['situation', 'schoolYear', 'diploma', 'need', 'public', 'meeting', 'contact']) {
        const labels = Object.entries(dict).filter(([k]) => k.startsWith(`vocab.${group}.`)).map(([, v]) => v.toLowerCase());
        expect([lang, group, new Set(labels).size]).toEqual([lang, group, labels.length]);
      }
    }
  });
});
