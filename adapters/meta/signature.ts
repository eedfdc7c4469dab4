import crypto from 'node:crypto';

/**
 * Meta signs each webhook with the app secret: X-Hub-Signature-256: sha256=<hex HMAC-SHA256
 * of the raw body>. Compared in constant time over the exact bytes received.
 */
export function verifySignature(raw: Buffer, header: string | undefined, appSecret: string): boolean {
  if (typeof header !== 'string') return false;
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!m) return false;
  const expected = crypto.createHmac('sha256', appSecret).update(raw).digest();
  return crypto.timingSafeEqual(Buffer.from(m[1]!, 'hex'), expected);
}

/** The header Meta would send for `raw` (the fake platform and the simulator sign with it). */
export function signatureOf(raw: Buffer | string, appSecret: string): string {
  return `sha256=${crypto.createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}
