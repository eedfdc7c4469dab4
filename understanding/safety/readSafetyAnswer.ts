import { rawWords } from './crisisTokens';
import { detectCrisis, detectCrisisRules, type CrisisCategory } from './detectCrisis';

/**
 * Reads the answer to the one gentle question the bot asks after an ambiguous message
 * ("Tu parles de tes études, ou est-ce que ça ne va pas ?", or the question that fits a
 * hint about home, being hurt, a place to sleep: understanding/safety/checkKind.ts). Only a clear "it was about my
 * studies / I'm fine" lets the form go on without the help lines; anything else, including
 * no real answer ("oui", "?", "bof", an emoji), shows them. When in doubt, the lines.
 */
/** categories is not empty exactly when the answer itself says a danger (detectCrisis). */
export type SafetyAnswer = { fine: true } | { fine: false; categories: CrisisCategory[] };

// Words that say the message was about studies or work (after accents are removed).
const STUDIES = new Set([
  'etude', 'etudes', 'etudiant', 'etudiante', 'cours', 'fac', 'faculte', 'ecole', 'lycee', 'college', 'bac', 'exam', 'exams', 'examen', 'examens',
  'partiel', 'partiels', 'revision', 'revisions', 'devoir', 'devoirs', 'stage', 'boulot', 'travail', 'taf', 'job', 'alternance', 'prepa', 'licence',
  'master', 'bts', 'parcoursup', 'orientation', 'formation', 'notes', 'maths', 'prof', 'profs', 'classe', 'controle', 'controles', 'memoire', 'concours',
  'studies', 'study', 'studying', 'school', 'uni', 'university', 'class', 'classes', 'course', 'degree', 'homework', 'work', 'exam', 'tests', 'grades',
  'internship', 'apprenticeship', 'revision', 'essay', 'dissertation',
].flatMap((w) => rawWords(w)));
// Phrases that say "I'm fine" (canonical words, see crisisTokens.canonicalWord: doubled letters collapsed).
const FINE = [
  'ca va', 'sa va', 'je vais bien', 'vais bien', 'tout va bien', 'tout va', 'c est bon', 'cest bon', 'tkt', 't inquiete', 'tinquiete', 'pas de souci', 'pas de soucis',
  'pas de probleme', 'pas grave', 'blague', 'je rigole', 'je rigolais', 'rigolais', 'expresion', 'une image', 'facon de parler', 'je plaisante', 'je plaisantais',
  'im fine', 'i m fine', 'i me fine', 'i am fine', 'im ok', 'i m ok', 'i me ok', 'i am ok', 'i me okay', 'all good', 'no worries', 'just kiding', 'kiding', 'joking',
  'figure of speech', 'just an expresion', 'it s fine', 'its fine', 'it s ok', 'its ok', 'dont worry', 'don t worry', 'not a problem', 'no problem',
  // The other gentle questions (home, being hurt, a place to sleep, harassment): their "fine" answers.
  'une dispute', 'juste une dispute', 'des disputes', 'une embrouille', 'des embrouilles', 'je suis en securite', 'en securite', 'j ai ou dormir', 'j ai un endroit',
  'une facon de parler', 'just an argument', 'an argument', 'arguments', 'just drama', 'i m safe', 'im safe', 'i am safe', 'i have a place', 'i have somewhere',
  'a way of speaking', 'just a saying',
].map((p) => ` ${rawWords(p).join(' ')} `);
// Fine phrases that contain a negation: removed before negations are looked for.
const NEGATIVE_IDIOMS = [' pas de souci ', ' pas de soucis ', ' pas de probleme ', ' pas grave ', ' don t worry ', ' dont worry ', ' not a problem ', ' no problem ', ' no worries '];
const NEGATORS = new Set(['pas', 'plus', 'jamais', 'not', 'never', 't', 'nope', 'mal', 'bof', 'pire'].flatMap((w) => rawWords(w)));

export function readSafetyAnswer(text: string): SafetyAnswer {
  const t = typeof text === 'string' ? text : '';
  // The lexicon's verdict, or the model's when it is sure: a model-only hint is no reason to
  // doubt an explicit "j'ai où dormir" given as the answer to the question about it.
  const model = detectCrisis(t);
  const signal = detectCrisisRules(t) ?? (model?.level === 'clear' ? model : null);
  if (signal) return { fine: false, categories: signal.categories };
  const words = rawWords(typeof text === 'string' ? text.slice(0, 500) : '');
  if (words.length === 0) return { fine: false, categories: [] };
  let joined = ` ${words.join(' ')} `;
  const fineSaid = words.some((w) => STUDIES.has(w)) || FINE.some((p) => joined.includes(p));
  for (const idiom of NEGATIVE_IDIOMS) joined = joined.split(idiom).join(' ');
  const negated = joined.split(' ').some((w) => NEGATORS.has(w));
  return fineSaid && !negated ? { fine: true } : { fine: false, categories: [] };
}
