/**
 * Checks on what a platform sends before anything else reads it: ids become database keys
 * and log correlations, texts reach the dialog. (A shared id validator is coming for
 * issue 21; until then this one is the messaging channels' own.)
 */

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi overrides
// that make a stored id print as something else.
const CONTROL_IN_ID = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A platform id (message, user, chat): printable, no controls, bounded. */
export function isSafeId(value: unknown, maxLength = 256): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength && !CONTROL_IN_ID.test(value);
}

// Controls other than tab and newline; carriage returns are folded into newlines.
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The most text kept from one message: the dialog refuses longer ones itself (MAX_MESSAGE_LENGTH), so a little above is enough to say so. */
export const MAX_INBOUND_TEXT = 4_096;

/** A user's text as the dialog may read it: controls removed, line ends normalised, bounded (cut at a character, never in a surrogate pair). */
export function cleanText(value: string): string {
  const text = value.replace(/\r\n?/g, '\n').replace(CONTROL_IN_TEXT, '');
  if (text.length <= MAX_INBOUND_TEXT) return text;
  return Array.from(text).slice(0, MAX_INBOUND_TEXT).join('');
}
