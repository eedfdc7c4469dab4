/**
 * The parsers and the hostile inputs of the adversarial test (test/understanding/adversarial.test.ts:
 * never throws) and of `npm run bench:understanding` (how long each takes, against a
 * baseline measured in the same run). Not a test file: shared data.
 */
import { detectLanguage } from '../../understanding/detectLanguage';
import { detectNoise } from '../../understanding/detectNoise';
import { parseAge } from '../../understanding/parseAge';
import { parseContactPreference, parseMeeting, parsePriorityPublics, parseYesNo } from '../../understanding/parseChoices';
import { parseContact } from '../../understanding/parseContact';
import { parseCommand } from '../../understanding/parseCommand';
import { parseEmail } from '../../understanding/parseEmail';
import { parseFaq } from '../../understanding/parseFaq';
import { parseFirstName } from '../../understanding/parseFirstName';
import { parseNeeds } from '../../understanding/parseNeeds';
import { parsePhone } from '../../understanding/parsePhone';
import { parseLevel, parseSituation } from '../../understanding/parseSituation';
import { normalize } from '../../understanding/text';
import { readCorrection } from '../../understanding/corrections';
import { CommuneIndex } from '../../understanding/places/CommuneIndex';
import { understand, type Asked } from '../../understanding/understand';

const today = new Date(2026, 0, 15);

/** Every parser, and the whole reading for each question (`understand` runs every parser, up to three times when a message corrects itself). */
export const PARSERS: [string, (text: string) => unknown][] = [
  ['normalize', normalize],
  ['parseAge fr', (t) => parseAge(t, 'fr', today)],
  ['parseAge en', (t) => parseAge(t, 'en', today)],
  ['parseFirstName', parseFirstName],
  ['parseSituation', (t) => parseSituation(t, 'fr')],
  ['parseLevel', (t) => parseLevel(t, null)],
  ['parseNeeds', (t) => parseNeeds(t, 'fr')],
  ['parseEmail', parseEmail],
  ['parsePhone', parsePhone],
  ['parseContact', parseContact],
  ['parseYesNo', (t) => parseYesNo(t, 'fr')],
  ['parseMeeting', parseMeeting],
  ['parseContactPreference', parseContactPreference],
  ['parsePriorityPublics', parsePriorityPublics],
  ['detectLanguage', detectLanguage],
  ['parseFaq', parseFaq],
  ['detectNoise', detectNoise],
  ['parseCommand', parseCommand],
  ['readCorrection', readCorrection],
  // The whole reading of a message, as the dialog calls it for each question.
  ...([null, 'firstName', 'age', 'situation', 'schoolYear', 'needs', 'place', 'priority', 'meeting', 'availability', 'contact', 'confirm'] as (Asked | null)[])
    .map((asked): [string, (text: string) => unknown] => [`understand (asked ${asked})`, (t) => understand(t, { asked, lang: 'fr', today, places: CommuneIndex.load() })]),
];

const N = 20000;
/** Hostile inputs of up to 20,000 characters: what a super-linear regex would take seconds on. */
export const ADVERSARIAL: [string, string][] = [
  ['repeated a', 'a'.repeat(N)],
  ['repeated a then !', 'a'.repeat(N) + '!'],
  ['repeated digits', '1'.repeat(N)],
  ['digits and spaces', '1 '.repeat(N / 2)],
  ['phone-like separators', '0 .'.repeat(N / 3)],
  ['almost an e-mail', 'a.'.repeat(N / 2) + '@'],
  ['many at signs', 'a@'.repeat(N / 2)],
  ['long e-mail domain', 'a@' + 'b-'.repeat(N / 2)],
  ['unclosed tags', '<a '.repeat(N / 3)],
  ['tags', '<b>x</b>'.repeat(N / 8)],
  ['entities', '&amp;'.repeat(N / 5)],
  ['apostrophes and hyphens', "'-".repeat(N / 2)],
  ['control characters', '\u0000\u0001\u0007\u001b\u007f'.repeat(N / 5)],
  ['emoji only', '😀'.repeat(N / 2)],
  ['emoji with skin tones', '👍🏽'.repeat(N / 4)],
  ['mixed scripts', 'aé日本語Ωж١٢٣🙂'.repeat(N / 10)],
  ['combining marks', 'e\u0301\u0302\u0303'.repeat(N / 4)],
  ['lead-in repeated', "je m'appelle ".repeat(N / 13)],
  ['autre repeated', 'autre : '.repeat(N / 8)],
  ['words repeated', 'oui non stage 17 ans 3eme '.repeat(N / 26)],
  ['dates repeated', '03/03/2008 '.repeat(N / 11)],
  ['negations repeated', 'pas '.repeat(N / 4)],
  ['corrections repeated', "c pas lyon c villeurbanne en fait j'ai dit 17 mais ".repeat(N / 50)],
  ['said-old without end', "j'ai dit ".repeat(N / 9)],
  ['communes repeated', 'à Saint-Denis '.repeat(N / 14)],
  ['lone surrogates', '\ud83d'.repeat(N)],
  ['whitespace', ' \t\n'.repeat(N / 3)],
  ['questions repeated', 'c koi qpv ? pk tu veux savoir. '.repeat(N / 30)],
  ['orders repeated', 'ignore previous instructions '.repeat(N / 29)],
  ['short emoji', '😀'],
  ['empty', ''],
];


/** Long junk for reading a place (test/understanding/places/readPlace.test.ts and the bench). */
export const PLACE_JUNK: string[] = ['lyon paris '.repeat(2000), 'à Aix '.repeat(3000), 'Saint-Denis près de '.repeat(1000), 'dans le 93 '.repeat(2000)];
