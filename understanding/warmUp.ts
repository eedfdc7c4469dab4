import { recognizeChoices } from 'botbuilder-dialogs';
import { parseAge } from './parseAge';
import { CommuneIndex } from './places/CommuneIndex';
import { parsePlace } from './places/parsePlace';

/**
 * The recognizers compile their models on first use (seconds on this machine); doing it
 * at start means the first young person of the day does not wait for it.
 */
export function warmUpUnderstanding(): number {
  const started = Date.now();
  const today = new Date();
  for (const [text, lang] of [['dix-sept ans', 'fr'], ['né le 3 mars 2008', 'fr'], ['seventeen', 'en'], ['born 3 March 2008', 'en']] as const) parseAge(text, lang, today);
  for (const locale of ['fr-fr', 'en-us']) recognizeChoices('le deuxième', [{ value: 'a' }, { value: 'b' }], { locale, recognizeNumbers: false });
  parsePlace('Lyon', CommuneIndex.load());
  return Date.now() - started;
}
