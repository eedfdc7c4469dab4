import { findEmails } from './parseEmail';
import { findPhones } from './parsePhone';
import { fail, ok, type ParseResult } from './text';

export interface ParsedContact {
  email: string | null;
  phone: string | null;
}

/**
 * Finds an e-mail, a French phone number or both in one message ("ines@example.fr et
 * 06 12 34 56 78"). The first of each is kept. Digits inside the address are never read
 * as a phone number.
 */
export function parseContact(text: string): ParseResult<ParsedContact, 'invalid'> {
  try {
    const emails = findEmails(text);
    // Remove addresses before looking for numbers: "ines0612345678@…" is not a phone.
    const withoutEmails = typeof text === 'string'
      ? text.slice(0, 8000).split(/(\s+)/).map((w) => (w.includes('@') ? ' ' : w)).join('')
      : '';
    const phones = findPhones(withoutEmails);
    const email = emails[0] ?? null;
    const phone = phones[0] ?? null;
    if (email === null && phone === null) return fail('invalid');
    return ok({ email, phone });
  } catch {
    return fail('invalid');
  }
}

// Callers of parseContact decide right after whether SMS is possible.
export { isMobile } from './parsePhone';
