import type { Lang } from '../intake/vocabulary';
import { compilePhrases, matchPhrases } from './matchPhrases';
import { fail, normalize, ok, tokenize, type ParseResult } from './text';

type Answer = 'yes' | 'no' | 'unsure' | 'filler';

const TABLE = compilePhrases<Answer>([
  ['yes', [
    'oui', 'ouii', 'ouai', 'ouais', 'ouaip', 'ouep', 'oue', 'oe', 'wi', 'ui', 'wai', 'wesh ok', 'k', 'ok', 'okk', 'oki', 'okay', 'okey', 'okok', 'ok ok', 'kk',
    "d'accord", 'daccord', 'dac', 'dacc', 'dak', 'vas y', 'allez y', 'go', 'bien sur', 'bien sûr', 'carrement', 'evidemment', 'absolument',
    'tout a fait', 'exactement', 'exact', "c'est ca", "c'est bon", "c'est ok", 'ca marche', 'ca me va', 'ça me va', 'je veux bien', 'avec plaisir',
    'volontiers', "j'accepte", 'accepte', "je suis d'accord", 'valide', 'je valide', 'confirme', 'je confirme', '=si', '=yes please',
    'yes', 'yess', 'yep', 'yeah', 'yea', 'ya', 'yup', 'sure', 'of course', 'alright', 'all right', 'fine', 'i agree', 'agreed', 'i accept',
    'sounds good', 'correct', 'confirmed', 'i confirm',
    'c bon', 'cbon', 'c ok', 'c good', 'c parfait', 'c juste', "c'est juste", 'tout est bon', 'tout est ok', 'tout est correct', 'tout est juste',
    "c'est tout bon", 'tout bon', 'parfait', 'nickel', 'impec', 'impeccable', 'all good', 'looks good', 'looks right', 'perfect',
    "that's right", 'thats right', "that's correct", "it's correct", "it's right", "it's all good", 'all correct', 'yes please',
  ]],
  ['no', [
    'non', 'nonn', 'nan', 'nn', 'nop', 'no', 'noo', 'nope', 'nah', "pas d'accord", 'pas daccord', "je suis pas d'accord", "je ne suis pas d'accord",
    'pas du tout', 'surtout pas', 'jamais', 'non merci', 'pas vraiment', 'pas question', 'hors de question', 'je refuse', 'refuse',
    'je ne veux pas', 'je veux pas', 'veux pas', 'pas ok', "c'est pas ok", "ce n'est pas ok", 'pas bon', "c'est pas bon",
    'no thanks', 'no thank you', 'not really', 'no way', 'never', "i don't want", "i do not want", 'i disagree', 'i refuse', "don't agree",
    "i don't agree", 'not ok', 'not okay', 'wrong', 'incorrect',
  ]],
  ['unsure', [
    'je sais pas', 'je ne sais pas', 'jsp', 'sais pas', 'chais pas', 'peut etre', 'peut-être', 'ptet', 'ptetre', 'bof', 'je verrai', 'on verra',
    'maybe', 'not sure', "i don't know", 'idk', 'dunno', 'perhaps', "i'm not sure",
  ]],
  ['filler', ['bah', 'ben', 'bein', 'beh', 'euh', 'eh', 'ah', 'oh', 'hmm', 'hum', 'mmm', 'hm', 'alors', 'well', 'um', 'uh', 'so', 'bon', 'mais', 'but']],
]);

const YES_SYMBOLS = /^(?:👍|👌|✅|✔|☑|🆗|🙆|🤙|💯)/u;
const NO_SYMBOLS = /^(?:👎|❌|✖|🙅|⛔|🚫)/u;

/**
 * Reads a yes or a no: "oui", "ouais", "ok", "d'accord", "yes", "yep", "non", "nan",
 * "nope", "pas d'accord", 👍. The answer must open the message ("oui mais je voudrais…" is a
 * yes; "je sais pas si c'est ok" is not), and a message saying both is not understood.
 */
export function parseYesNo(text: string, lang: Lang): ParseResult<boolean, 'not_understood'> {
  void lang; // "ok", "no" and friends are understood in both languages.
  try {
    const n = normalize(text);
    if (!/[\p{L}\p{N}]/u.test(n)) {
      const s = n.replace(/[\s\p{P}\u{fe0f}\u{1f3fb}-\u{1f3ff}]+/gu, '');
      if (YES_SYMBOLS.test(s)) return ok(true);
      if (NO_SYMBOLS.test(s)) return ok(false);
      return fail('not_understood');
    }
    // "ouiiiii", "nooon", "yesss": stretched letters are emphasis, not new words.
    const words = tokenize(n.replace(/(\p{L})\1{2,}/gu, '$1'));
    const matches = matchPhrases(words, TABLE);
    let k = 0;
    while (matches[k]?.value === 'filler' && matches[k]!.start === k) k++;
    const first = matches[k];
    // Polarity words must open the message, fillers aside.
    if (!first || first.start !== k || (first.value !== 'yes' && first.value !== 'no')) return fail('not_understood');
    const opposite = first.value === 'yes' ? 'no' : 'yes';
    if (matches.some((m) => m.value === opposite || m.value === 'unsure')) return fail('not_understood');
    return ok(first.value === 'yes');
  } catch {
    return fail('not_understood');
  }
}
