import { FRENCH_PHONE } from '../intake/MentoringRequest';
import { cleanText, fail, ok, type ParseResult } from './text';

/** E.164 digits never exceed 15; a longer run is not one phone number. */
const MAX_DIGITS = 15;
/** "+33 (0)6 12…" puts two separators in a row; three means the number has ended. */
const MAX_SEPARATORS_IN_A_ROW = 2;

const SEPARATORS = new Set([' ', '.', '-', '/', '(', ')', '_']);

/** Turns one run of digits into +33XXXXXXXXX, or null when it is not a French number. */
function toFrenchE164(digits: string, hadPlus: boolean): string | null {
  let national: string | null = null;
  if (hadPlus && digits.startsWith('33')) national = digits.slice(2);
  else if (!hadPlus && digits.startsWith('0033')) national = digits.slice(4);
  else if (!hadPlus && digits.startsWith('0') && digits.length === 10) national = digits.slice(1);
  // "+33 (0)6 12 34 56 78" and "0033 06…": the trunk 0 written out of habit.
  if (national !== null && national.length === 10 && national.startsWith('0')) national = national.slice(1);
  if (national === null) return null;
  const e164 = `+33${national}`;
  return FRENCH_PHONE.test(e164) ? e164 : null;
}

/** Every French number in the message, in order, as +33XXXXXXXXX. One pass, no regex. */
export function findPhones(text: string): string[] {
  const t = cleanText(text);
  const found: string[] = [];
  let i = 0;
  while (i < t.length) {
    const c = t[i]!;
    const startsRun = (c >= '0' && c <= '9') || (c === '+' && i + 1 < t.length && /[0-9 ]/.test(t[i + 1]!));
    // A digit glued to letters ("ines06@…", "3eme") does not start a phone number.
    const glued = i > 0 && /[\p{L}\p{N}@]/u.test(t[i - 1]!);
    if (!startsRun || glued) { i++; continue; }
    const hadPlus = c === '+';
    let j = hadPlus ? i + 1 : i;
    let digits = '';
    let separators = 0;
    let lastDigitEnd = j;
    while (j < t.length) {
      const d = t[j]!;
      if (d >= '0' && d <= '9') { digits += d; separators = 0; lastDigitEnd = j + 1; }
      else if (SEPARATORS.has(d) && ++separators <= MAX_SEPARATORS_IN_A_ROW) { /* keep going */ }
      else break;
      j++;
      if (digits.length > MAX_DIGITS) break;
    }
    const after = t[lastDigitEnd];
    const gluedAfter = after !== undefined && /[\p{L}@]/u.test(after);
    if (digits.length <= MAX_DIGITS && !gluedAfter) {
      const e164 = toFrenchE164(digits, hadPlus);
      if (e164 && !found.includes(e164)) found.push(e164);
    }
    // Skip the whole run so its tail is never read as another number.
    i = Math.max(j, i + 1);
  }
  return found;
}

/**
 * Reads a French phone number ("06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678",
 * "06.12.34.56.78"), alone or in a sentence, as +33XXXXXXXXX (FRENCH_PHONE). Landlines are
 * accepted: use isMobile() before offering SMS.
 */
export function parsePhone(text: string): ParseResult<string, 'invalid'> {
  try {
    const [first] = findPhones(text);
    return first === undefined ? fail('invalid') : ok(first);
  } catch {
    return fail('invalid');
  }
}

/** French mobiles are 06 and 07 numbers; only they can receive the SMS channel reliably. */
export function isMobile(e164: string): boolean {
  return /^\+33[67]\d{8}$/.test(e164);
}
