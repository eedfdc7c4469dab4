import { CONTACT_CHANNELS, MEETING_MODES, PRIORITY_PUBLICS, type ContactChannel, type MeetingMode, type PriorityPublic } from '../../intake/vocabulary';
import { parseContactPreference, parseMeeting, parsePriorityPublics, parseYesNo } from '../../understanding/parseChoices';

describe('parseYesNo', () => {
  test.each([
    'oui', 'Oui !', 'ouais', 'ouiiii', 'ok', 'OK', 'okay', "d'accord", 'd’accord', 'dac', 'yes', 'yep', 'yeah', 'Yesss', 'sure', 'bien sûr',
    'oui bien sûr', 'bah oui', 'euh ouais', 'mais oui', "oui mais je voudrais d'abord savoir", 'carrément', 'vas-y', '👍', '👍🏽', 'ok ok',
  ])('%j -> yes', (input) => expect(parseYesNo(input, 'fr')).toEqual({ ok: true, value: true }));
  test.each([
    'non', 'Non.', 'nan', 'nooon', 'no', 'nope', 'nah', "pas d'accord", 'pas d’accord', 'non merci', 'no thanks', 'pas du tout',
    "je ne suis pas d'accord", 'ben non', 'jamais', '👎', 'not really', 'je veux pas',
  ])('%j -> no', (input) => expect(parseYesNo(input, 'en')).toEqual({ ok: true, value: false }));
  test.each([
    '', 'peut-être', 'je sais pas', "je sais pas si c'est ok", 'oui non', 'ok mais non', 'oui je sais pas', 'bonjour', 'Inès', '😀',
    "n'importe quoi", 'maybe', '1',
  ])('%j is not understood', (input) => expect(parseYesNo(input, 'fr')).toEqual({ ok: false, reason: 'not_understood' }));
});

describe('parseMeeting', () => {
  test.each<[string, MeetingMode]>([
    ['en vrai', 'in_person'],
    ['en personne', 'in_person'],
    ['en présentiel', 'in_person'],
    ['face à face', 'in_person'],
    ['in person', 'in_person'],
    ['IRL', 'in_person'],
    ['à distance', 'remote'],
    ['visio', 'remote'],
    ['en visio', 'remote'],
    ['en ligne', 'remote'],
    ['online', 'remote'],
    ['par téléphone', 'remote'],
    ['peu importe', 'either'],
    ['les deux', 'either'],
    ["ça m'est égal", 'either'],
    ['either', 'either'],
    ['both', 'either'],
    ["I don't mind", 'either'],
    ['en vrai ou en visio', 'either'],
    ['en personne ou à distance', 'either'],
    ['en vrai je préfère en visio', 'remote'],
    ['pas en visio', 'in_person'],
    ['pas à distance', 'in_person'],
    ['pas en personne', 'remote'],
    // A place to meet is in person; staying home is remote.
    ['chez moi ou au CDI du lycée', 'in_person'],
    ['à la maison, ça le rassure', 'in_person'],
    ['at my place or at the library', 'in_person'],
    ['je préfère rester chez moi, par visio', 'remote'],
    ['depuis chez moi', 'remote'],
    // "any" about the day is not "either"; a whole-message "any" still is.
    ['face to face, any evening', 'in_person'],
    ['any', 'either'],
    // One mode "fine too" is either; one mode preferred over the other is that one.
    ['en visio ça marche aussi', 'either'],
    ['remote is fine too', 'either'],
    ['plutôt en personne, la visio je décroche vite', 'in_person'],
    ["I'd rather meet in person, video calls tire me", 'in_person'],
    ['en personne ou en visio, les deux me vont', 'either'],
  ])('%j -> %s', (input, mode) => expect(parseMeeting(input)).toEqual({ ok: true, value: mode }));
  test.each(MEETING_MODES.map((c) => [c]))('code %s', (code) => expect(parseMeeting(code)).toEqual({ ok: true, value: code }));
  test.each([[''], ['bof'], ['1'], ['je sais pas']])('%j is not understood', (input) => {
    expect(parseMeeting(input)).toEqual({ ok: false, reason: 'not_understood' });
  });
});

describe('parseContactPreference', () => {
  test.each<[string, ContactChannel]>([
    ['mail', 'email'],
    ['par mail', 'email'],
    ['e-mail', 'email'],
    ['courriel', 'email'],
    ['téléphone', 'phone'],
    ['par tél', 'phone'],
    ['appel', 'phone'],
    ['appelez-moi', 'phone'],
    ['call me', 'phone'],
    ['sms', 'sms'],
    ['texto', 'sms'],
    ['par message', 'sms'],
    ['text me', 'sms'],
    ['par sms sur mon portable', 'sms'],
    ['pas par mail, par sms', 'sms'],
    ["pas d'appel, un mail", 'email'],
  ])('%j -> %s', (input, channel) => expect(parseContactPreference(input)).toEqual({ ok: true, value: channel }));
  test.each(CONTACT_CHANNELS.map((c) => [c]))('code %s', (code) => expect(parseContactPreference(code)).toEqual({ ok: true, value: code }));
  test.each([[''], ['mail ou téléphone'], ['peu importe'], ['2']])('%j is not understood', (input) => {
    expect(parseContactPreference(input)).toEqual({ ok: false, reason: 'not_understood' });
  });
});

describe('parsePriorityPublics', () => {
  test.each<[string, PriorityPublic[] | null]>([
    ['QPV', ['qpv']],
    ['quartier prioritaire', ['qpv']],
    ["j'habite dans un quartier politique de la ville", ['qpv']],
    ['campagne', ['rural']],
    ['à la campagne', ['rural']],
    ['zone rurale', ['rural']],
    ['je vis dans un petit village', ['rural']],
    ['countryside', ['rural']],
    ['handicap', ['disability']],
    ["j'ai une RQTH", ['disability']],
    ['je suis handicapée', ['disability']],
    ['disability', ['disability']],
    ['ASE', ['child_welfare']],
    ["aide sociale à l'enfance", ['child_welfare']],
    ['je vis en foyer', ['child_welfare']],
    ["famille d'accueil", ['child_welfare']],
    ['je suis placé', ['child_welfare']],
    ['foster care', ['child_welfare']],
    ['réfugié', ['refugee']],
    ['primo-arrivant', ['refugee']],
    ["demandeur d'asile", ['refugee']],
    ['refugee', ['refugee']],
    // An unaccompanied minor is in child welfare's care; refugee status is declared apart.
    ['il est mineur non accompagné', ['child_welfare']],
    ['MNA suivi par une éducatrice', ['child_welfare']],
    ['unaccompanied minor from Sudan', ['child_welfare']],
    ['MNA et réfugié statutaire', ['child_welfare', 'refugee']],
    ["je vis à la campagne et j'ai une RQTH", ['rural', 'disability']],
    ['réfugié, en foyer, QPV', ['qpv', 'child_welfare', 'refugee']],
    ['non, mais je vis à la campagne', ['rural']],
    ['aucun', []],
    ['aucune', []],
    ['none', []],
    ['non', []],
    ['rien de tout ça', []],
    ['pas concernée', []],
    ['non pas de handicap', []],
    ['aucun handicap', []],
    ['je préfère ne pas répondre', null],
    ['Je préfère pas répondre', null],
    ['prefer not to say', null],
    ["I'd rather not say", null],
  ])('%j -> %j', (input, value) => expect(parsePriorityPublics(input)).toEqual({ ok: true, value }));
  test.each(PRIORITY_PUBLICS.map((c) => [c]))('code %s', (code) => expect(parsePriorityPublics(code)).toEqual({ ok: true, value: [code] }));
  test.each([
    [''], ['cité'], ['je suis dys'], ['pas de handicap'], ['foyer de jeunes travailleurs'], ["j'ai pas de place"], ['1, 3'], ['bof'],
  ])('%j is not understood', (input) => {
    expect(parsePriorityPublics(input)).toEqual({ ok: false, reason: 'not_understood' });
  });
});
