import { fail, ok, type ParseResult } from './text';

/** Longest address RFC 5321 lets through, and MentoringRequest's limit. */
const MAX_EMAIL_LENGTH = 254;
/** Like every parser, look at a chat-sized message only. */
const MAX_SCANNED = 4000;

// Same shape as zod's z.email(), which MentoringRequest validates with: ASCII local part
// without leading, trailing or doubled dots; letter/digit labels; alphabetic TLD.
// Applied to one whitespace-free token of at most 254 characters, so it stays cheap.
const EMAIL = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** Every valid address in the message, in order, domain lowercased. */
export function findEmails(text: string): string[] {
  const found: string[] = [];
  if (typeof text !== 'string') return found;
  // Not cleanText: it would take "<ines@example.fr>" for an HTML tag. Real tags have no "@".
  const untagged = text.slice(0, MAX_SCANNED).replace(/<\/?[a-z][^<>@]{0,100}>/gi, ' ');
  for (const raw of untagged.split(/[\s\u00a0\u200b]+/)) {
    if (!raw.includes('@') || raw.length > MAX_EMAIL_LENGTH + 20) continue;
    // Peel what people put around an address: "<a@b.fr>", "(a@b.fr)", "mailto:a@b.fr", "a@b.fr."
    let token = raw.replace(/^[^A-Za-z0-9_'+-]+/, '').replace(/[^A-Za-z]+$/, '');
    const colon = token.lastIndexOf(':', token.indexOf('@'));
    if (colon >= 0) token = token.slice(colon + 1);
    const at = token.lastIndexOf('@');
    if (at < 0) continue;
    const email = token.slice(0, at) + '@' + token.slice(at + 1).toLowerCase();
    if (email.length <= MAX_EMAIL_LENGTH && EMAIL.test(email) && !found.includes(email)) found.push(email);
  }
  return found;
}

/**
 * Reads an e-mail address, alone or in a sentence ("c'est ines@example.fr !"). With
 * several addresses the first one is taken: the dialog confirms it back anyway.
 */
export function parseEmail(text: string): ParseResult<string, 'invalid'> {
  try {
    const [first] = findEmails(text);
    return first === undefined ? fail('invalid') : ok(first);
  } catch {
    return fail('invalid');
  }
}
