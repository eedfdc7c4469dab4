import type { MeetingMode } from '../intake/vocabulary';
import { compilePhrases, matchPhrases } from './matchPhrases';
import { fail, normalize, ok, tokenize, type ParseResult } from './text';

/** "en vrai" is also slang for "honestly": it only counts when nothing else is said. */
type MeetingWord = MeetingMode | 'en_vrai';

const TABLE = compilePhrases<MeetingWord>([
  ['en_vrai', ['en vrai']],
  ['in_person', [
    'in_person', 'en personne', 'en presentiel', 'presentiel', 'en physique', 'physique', 'physiquement', 'en face a face', 'face a face',
    'en face', 'de visu', 'se voir', 'nous voir', 'on se voit', 'se rencontrer', 'rencontre physique', 'rencontres physiques', 'pour de vrai',
    'en vrai de vrai', 'en reel', 'irl', 'pas trop loin', 'pas loin de chez moi', 'pas trop loin de chez moi', 'pres de chez moi',
    'a cote de chez moi', 'near my home', 'close to home', 'near where i live', 'close to where i live', 'in person', 'in real life', 'face to face', 'meet up', 'meet in person', 'in the flesh', 'offline',
    // A place to meet is meeting in person: "chez moi ou à la bibliothèque", "à la maison ce serait bien".
    'chez moi', 'chez nous', 'a la maison', 'a domicile', 'bibliotheque', 'a la bibliotheque', 'mediatheque', 'a la mediatheque',
    'au cafe', 'dans un cafe', 'au cdi', 'at my place', 'at my house', 'at home', 'at the library', 'in a library', 'in a cafe', 'at a cafe',
  ]],
  ['remote', [
    'remote', 'a distance', 'distance', 'distanciel', 'en distanciel', 'visio', 'en visio', 'par visio', 'visioconference', 'video', 'en video',
    'par video', 'appel video', 'appels video', 'facetime', 'zoom', 'teams', 'discord', 'en ligne', 'online', 'remotely', 'virtual', 'virtually',
    'video call', 'video calls', 'by video', 'par telephone', 'au telephone', 'par tel', 'au tel', 'by phone', 'over the phone', 'on the phone',
    'de chez moi', 'depuis chez moi', 'from home', 'by video call', 'rester chez moi', 'sans bouger de chez moi', 'sans sortir de chez moi',
    'from my place', 'stay at home', 'without leaving home',
  ]],
  ['either', [
    'either', 'peu importe', "n'importe", 'les deux', 'les 2', "l'un ou l'autre", "ca m'est egal", "m'est egal", 'egal', 'indifferent',
    'comme tu veux', 'comme vous voulez', 'comme il veut', 'comme elle veut', 'comme il prefere', 'comme elle prefere',
    'comme ils veulent', 'comme le mentor veut', 'comme le mentor prefere', 'as they prefer', 'as they like', 'up to them',
    'up to the mentor', 'whatever they prefer', 'whatever suits them', 'comme tu preferes', 'comme vous preferez', 'pas de preference', 'aucune preference',
    "je m'en fiche", "je m'en fous", 'osef', 'tout me va', 'les deux me vont', 'flexible', 'both', 'whatever', 'no preference',
    "doesn't matter", "it doesn't matter", "don't mind", "i don't mind", 'either way', 'up to you', 'both are fine', '=any', '=anything', 'any is fine', 'anything is fine', 'any works', 'anything works',
  ]],
]);

/** Preference words: a meeting mode is read in the answer to another question only with one. */
const PREFERENCE_CUES = new Set(['prefere', 'preferes', 'preferer', 'prefer', 'prefers', 'preferably', 'plutot', 'rather', 'mieux', 'ideally', 'idealement', 'aime', 'like']);
/** "ça dépend": neither a mode nor "either"; the bot asks what it depends on. */
const DEPENDS = compilePhrases<true>([[true, ['=ca depend', '=ca depend de', '=depend', '=it depends', '=depends', '=that depends', '=selon', '=ca depend des fois', '=ca depend lol', '=depends lol']]]);

/** Whether the message states a preference ("je préfère", "plutôt", "I'd rather"). */
export function statesPreference(text: string): boolean {
  try {
    return tokenize(normalize(text)).some((w) => PREFERENCE_CUES.has(w));
  } catch {
    return false;
  }
}

/** "ça dépend", "it depends": the answer needs a follow-up question. */
export function meetingDepends(text: string): boolean {
  try {
    return matchPhrases(tokenize(normalize(text)), DEPENDS).length > 0;
  } catch {
    return false;
  }
}

const LIST_WORDS = new Set(['ou', 'et', 'or', 'and', 'comme']);
/** "à distance ça va aussi": the other mode is fine too, so either. */
const ALSO_WORDS = new Set(['aussi', 'also', 'too', 'egalement']);
/** Words just before a mode that make it the one preferred ("plutôt en vrai, la visio ça me démotive"). */
const PREFERRED_BEFORE = new Set(['plutot', 'prefere', 'preferer', 'preferes', 'rather', 'prefer', 'preferably', 'mieux']);
const FLIP: Record<'in_person' | 'remote', MeetingMode> = { in_person: 'remote', remote: 'in_person' };

/**
 * Reads how the young person wants to meet: "en vrai", "en personne", "à distance",
 * "visio", "en ligne", "peu importe", "les deux", "online", "in person", "either", or a
 * MEETING_MODES code. "pas en visio" means in person; naming both means either.
 */
export function parseMeeting(text: string): ParseResult<MeetingMode, 'not_understood'> {
  try {
    const words = tokenize(normalize(text));
    const matches = matchPhrases(words, TABLE);
    const modes = new Set<MeetingMode>();
    const othersSaid = matches.some((m) => m.value !== 'en_vrai');
    for (const m of matches) {
      // "En vrai, je préfère en visio" opens with the slang; "en vrai ou en visio" lists both.
      const slang = m.value === 'en_vrai' && m.start === 0 && othersSaid && !LIST_WORDS.has(words[m.end] ?? '');
      if (slang) continue;
      const word: MeetingMode = m.value === 'en_vrai' ? 'in_person' : m.value;
      if (!m.negated) modes.add(word);
      else if (word !== 'either') modes.add(FLIP[word]);
    }
    if (modes.size === 0) return fail('not_understood');
    const specific = matches.filter((m) => m.value !== 'either' && !(m.value === 'en_vrai' && m.start === 0 && othersSaid));
    // One mode "ça va aussi" / "is fine too": the other one is fine as well.
    if (modes.size === 1 && !modes.has('either') && specific.length > 0) {
      const last = specific[specific.length - 1]!;
      if (words.slice(last.end, last.end + 4).some((w) => ALSO_WORDS.has(w))) return ok('either');
    }
    // Two modes, one of them preferred ("plutôt en vrai, la visio ça me démotive"): the preferred one.
    if (modes.size > 1 && !modes.has('either')) {
      const preferred = specific.filter((m) => !m.negated && words.slice(Math.max(0, m.start - 2), m.start).some((w) => PREFERRED_BEFORE.has(w)));
      const kinds = new Set(preferred.map((m) => (m.value === 'en_vrai' ? 'in_person' : m.value)));
      const also = specific.some((m) => words.slice(m.end, m.end + 4).some((w) => ALSO_WORDS.has(w)));
      if (kinds.size === 1 && !also) return ok(kinds.values().next().value as MeetingMode);
    }
    if (modes.has('either') || modes.size > 1) return ok('either');
    return ok(modes.values().next().value as MeetingMode);
  } catch {
    return fail('not_understood');
  }
}
