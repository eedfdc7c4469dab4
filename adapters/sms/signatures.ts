import crypto from 'node:crypto';
import { validateRequest } from 'twilio/lib/webhooks/webhooks';

/**
 * X-Twilio-Signature: HMAC-SHA1, keyed by the account's auth token, of the full URL Twilio
 * called (as configured on the number, with its query string) followed by every POST
 * parameter, sorted by name, as name + value; base64. Checked by the official library.
 */
export function validTwilioSignature(authToken: string, signature: string | undefined, url: string, params: Record<string, string>): boolean {
  if (typeof signature !== 'string' || signature.length === 0 || signature.length > 128) return false;
  return validateRequest(authToken, signature, url, params);
}

/** The signature Twilio would send (the loopback fake and the simulator sign with it): written from Twilio's documented algorithm, not with the library, so a test proves the two agree. */
export function twilioSignatureOf(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], url);
  return crypto.createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

export type VonageSignatureMethod = 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512';

/**
 * Vonage's signed webhooks (SMS API, "Signing messages"): every parameter but `sig`, its
 * value with "&" and "=" replaced by "_", sorted by name and joined as "&name=value"; then
 * the MD5 of that string followed by the signature secret (md5hash, the default), or an
 * HMAC of it keyed by the secret (md5, sha1, sha256, sha512). Hexadecimal, compared without case.
 */
export function vonageSignatureOf(params: Record<string, string>, secret: string, method: VonageSignatureMethod): string {
  const base = Object.keys(params).filter((k) => k !== 'sig').sort().map((k) => `&${k}=${String(params[k]).replace(/[&=]/g, '_')}`).join('');
  if (method === 'md5hash') return crypto.createHash('md5').update(base + secret, 'utf8').digest('hex');
  return crypto.createHmac(method, secret).update(base, 'utf8').digest('hex').toUpperCase();
}

export function validVonageSignature(params: Record<string, string>, secret: string, method: VonageSignatureMethod): boolean {
  const sig = params.sig;
  if (typeof sig !== 'string' || !/^[0-9a-fA-F]{32,128}$/.test(sig)) return false;
  const expected = Buffer.from(vonageSignatureOf(params, secret, method).toLowerCase(), 'utf8');
  const given = Buffer.from(sig.toLowerCase(), 'utf8');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
