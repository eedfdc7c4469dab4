import { recognizeChoices } from 'botbuilder-dialogs';
import type { ChoiceOption, Translate } from './Msg';
import { commandText } from '../understanding/parseCommand';

/**
 * Finds which offered choice a reply means: the button label itself (what a tap sends),
 * its number, or the label's words inside a sentence (botbuilder's recogniser, which also
 * reads "the second one" / "le deuxième"). Returns the codes, in the order offered.
 */
export function matchChoices(text: string, options: ChoiceOption[], lang: string, t: Translate, multiple = false): string[] {
  if (options.length === 0) return [];
  const labels = options.map((o) => t(lang, o.label.key, o.label.params as Record<string, unknown>));
  const typed = commandText(text);
  const exact = labels.findIndex((l) => commandText(l) === typed);
  if (exact >= 0) return [options[exact]!.code];
  // "1, 3" or "1 et 3": several numbered answers at once.
  if (multiple && /^\d{1,2}(?:\s*(?:,|et|and|&|\+|\s)\s*\d{1,2})+$/.test(typed.replace(/\s+/g, ' '))) {
    const picked = [...new Set(typed.match(/\d{1,2}/g)!.map(Number))];
    if (picked.every((n) => n >= 1 && n <= options.length)) return picked.sort((a, b) => a - b).map((n) => options[n - 1]!.code);
  }
  if (/^\d{1,2}$/.test(typed)) {
    const n = Number(typed);
    return n >= 1 && n <= options.length ? [options[n - 1]!.code] : [];
  }
  const found = recognizeChoices(
    text.slice(0, 500),
    options.map((o, i) => ({ value: o.code, synonyms: [labels[i]!] })),
    // Numbers inside sentences are not choices ("06 12 34 56 78" is not option 6); a reply that
    // is only a number was handled above.
    { locale: lang === 'en' ? 'en-us' : 'fr-fr', recognizeNumbers: false, recognizeOrdinals: true },
  );
  const codes = [...new Set(found.map((f) => f.resolution.value))];
  return multiple ? codes : codes.slice(0, 1).length === 1 && codes.length === 1 ? codes : [];
}
