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

/** Posts `body` to a webhook signed as Meta signs it (the loopback fakes play the platform with it); returns the HTTP status. */
export async function postSignedWebhook(url: string, body: unknown, appSecret: string, opts: { signature?: string; raw?: string } = {}): Promise<number> {
  const raw = opts.raw ?? JSON.stringify(body);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': opts.signature ?? signatureOf(raw, appSecret) },
    body: raw,
  });
  await res.arrayBuffer();
  return res.status;
}
