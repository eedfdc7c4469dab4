import { isValidId } from '../validateIds';

/**
 * Checks on what a platform sends before anything else reads it: ids become database keys
 * and log correlations, texts reach the dialog.
 */

/** A platform id (message, user, chat): the rule every channel applies (adapters/validateIds), bounded tighter. */
export function isSafeId(value: unknown, maxLength = 256): value is string {
  return isValidId(value, maxLength);
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
