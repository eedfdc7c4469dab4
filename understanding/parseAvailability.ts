import { cleanText, normalize, tokenize } from './text';

/**
 * Words that say when someone is free: days, parts of the day, "le week-end", "tout le temps",
 * "after school". Read only in the answer to the meeting question, which also asks when they
 * are available ("en personne, le mercredi après-midi"), so that one message answers both.
 */
const TIME_WORDS = new Set([
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'lundis', 'mardis', 'mercredis', 'jeudis', 'vendredis',
  'samedis', 'dimanches', 'matin', 'matins', 'matinee', 'midi', 'aprem', 'apres midi', 'soir', 'soirs', 'soiree', 'soirees', 'nuit',
  'weekend', 'weekends', 'week end', 'week ends', 'semaine', 'vacances', 'mercredi aprem', 'tous les jours', 'tout le temps',
  'n importe quand', 'quand tu veux', 'quand vous voulez', 'toujours', 'dispo', 'disponible', 'libre', 'heures', 'h',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mondays', 'tuesdays', 'wednesdays', 'thursdays',
  'fridays', 'saturdays', 'sundays', 'morning', 'mornings', 'afternoon', 'afternoons', 'evening', 'evenings', 'night', 'nights',
  'weekday', 'weekdays', 'anytime', 'every day', 'everyday', 'after school', 'apres les cours', 'apres l ecole', 'apres le travail',
  'after work', 'free', 'available', 'holidays',
]);
const PHRASES = [...TIME_WORDS].filter((w) => w.includes(' ')).map((w) => ` ${w} `);

/** Parts of a message separated by commas, "et", "and", "mais", "but". */
const PARTS = /[,;.\n]+|\s+(?:et|and|mais|but|plutot|rather)\s+/iu;

/**
 * The parts of `text` that say when the young person is available, as they wrote them
 * (cleaned, at most 300 characters), or null when no part does. "en vrai, le lundi soir"
 * gives "le lundi soir"; "en personne" gives null.
 */
export function readAvailability(text: string): string | null {
  try {
    const parts = cleanText(text).split(PARTS).map((p) => p.trim()).filter((p) => p.length > 0);
    const timed = parts.filter((p) => {
      const words = tokenize(normalize(p));
      const key = ` ${words.join(' ')} `;
      return words.some((w) => TIME_WORDS.has(w) || /^\d{1,2}h(?:\d{2})?$/.test(w)) || PHRASES.some((ph) => key.includes(ph));
    });
    if (timed.length === 0) return null;
    const out = timed.join(', ').slice(0, 300).trim();
    return out.length > 0 ? out : null;
  } catch {
    return null;
  }
}
