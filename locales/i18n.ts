import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n } from 'i18next';
import { LANGUAGES, type Lang } from '../intake/vocabulary';

export const LOCALES_DIR = __dirname;

/** Reads locales/<lang>/*.json; each file's keys live under its basename (intake.json -> "intake.*"). */
export function loadResources(dir = LOCALES_DIR): Record<Lang, Record<string, unknown>> {
  const resources = {} as Record<Lang, Record<string, unknown>>;
  for (const lang of LANGUAGES) {
    const bundle: Record<string, unknown> = {};
    for (const file of fs.readdirSync(path.join(dir, lang)).filter((f) => f.endsWith('.json')).sort()) {
      bundle[path.basename(file, '.json')] = JSON.parse(fs.readFileSync(path.join(dir, lang, file), 'utf8'));
    }
    resources[lang] = bundle;
  }
  return resources;
}

/** A dedicated i18next instance (not the global one), French first, English as fallback. */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  const resources = loadResources();
  void instance.init({
    initImmediate: false,
    lng: 'fr',
    fallbackLng: 'fr',
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(Object.entries(resources).map(([lng, bundle]) => [lng, { translation: bundle }])),
    // Our texts go to chat clients as plain text, never as HTML; values are sanitised where they enter.
    interpolation: { escapeValue: false },
    returnNull: false,
  } as Parameters<i18n['init']>[0]);
  return instance;
}

/** "en-US" -> "en"; anything else French. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
