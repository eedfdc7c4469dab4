import crypto from 'node:crypto';

/**
 * Whether a MAC presented as text is the expected one, compared in its one canonical
 * spelling and in constant time. Decoding the presented text first would accept several
 * spellings of one MAC (base64url's last character carries unused bits: four spellings of
 * a 32-byte MAC decode to the same bytes), so a link would have several valid forms.
 * Both sides are hashed before the comparison, so its time does not depend on where they
 * differ nor on the presented length.
 */
export function macMatches(presented: string, expected: Buffer, encoding: 'base64url' | 'hex' = 'base64url'): boolean {
  if (typeof presented !== 'string') return false;
  const a = crypto.createHash('sha256').update(presented, 'utf8').digest();
  const b = crypto.createHash('sha256').update(expected.toString(encoding), 'utf8').digest();
  return crypto.timingSafeEqual(a, b);
}
