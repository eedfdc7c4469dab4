import crypto from 'node:crypto';
import { macMatches } from './macMatches';

/** Header names of a signed webhook delivery (documented in the README for receivers). */
export const SIGNATURE_HEADER = 'x-binome-signature';
export const TIMESTAMP_HEADER = 'x-binome-timestamp';
export const DELIVERY_HEADER = 'x-binome-delivery';

/** `sha256=<hex HMAC-SHA256 of "timestamp.body">`, the body being the exact bytes sent. */
export function signWebhook(secret: string, timestamp: number, body: string | Buffer): string {
  const mac = crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `sha256=${mac}`;
}

export type WebhookVerdict = { ok: true; deliveryId: string } | { ok: false; reason: 'missing_headers' | 'bad_signature' | 'stale_timestamp' };

/**
 * What a receiver does with a delivery: recompute the HMAC over the raw body (never over
 * re-serialised JSON), compare in constant time, refuse a timestamp further than
 * `toleranceSec` from its clock (a captured delivery cannot be replayed later), and drop
 * a delivery id it has already processed (a retry after a lost answer).
 */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string | Buffer,
  nowMs: number = Date.now(),
  toleranceSec = 300,
): WebhookVerdict {
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const signature = one(SIGNATURE_HEADER);
  const timestamp = Number(one(TIMESTAMP_HEADER));
  const deliveryId = one(DELIVERY_HEADER);
  if (!signature || !deliveryId || !Number.isInteger(timestamp)) return { ok: false, reason: 'missing_headers' };
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceSec) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true, deliveryId };
}

/** What a staff link allows: acting on one assignment (one handoff of one request), until it expires. */
export interface ActionClaims {
  assignmentId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type ActionTokenVerdict = { ok: true; claims: ActionClaims } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/**
 * A compact signed token `<payload>.<mac>` for the links in staff e-mails. Not a JWT
 * library: the format is private to Binôme (it only comes back to Binôme), has one
 * algorithm and two fields, and so cannot be confused by an "alg" header.
 */
export function createActionToken(claims: ActionClaims, key: string): string {
  const payload = b64(JSON.stringify({ a: claims.assignmentId, e: claims.exp }));
  return `${payload}.${b64(crypto.createHmac('sha256', key).update(payload).digest())}`;
}

export function verifyActionToken(token: string, key: string, nowMs: number = Date.now()): ActionTokenVerdict {
  if (typeof token !== 'string' || token.length > 512) return { ok: false, reason: 'malformed' };
  const [body, mac, ...rest] = token.split('.');
  if (body === undefined || mac === undefined || rest.length > 0 || !/^[\w-]+$/.test(body) || !/^[\w-]+$/.test(mac)) return { ok: false, reason: 'malformed' };
  // The MAC as written, against its one canonical spelling (see macMatches).
  if (!macMatches(mac, crypto.createHmac('sha256', key).update(body).digest())) return { ok: false, reason: 'tampered' };
  let payload: { a?: unknown; e?: unknown };
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof payload.a !== 'string' || typeof payload.e !== 'number') return { ok: false, reason: 'malformed' };
  if (payload.e * 1000 < nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { assignmentId: payload.a, exp: payload.e } };
}

/** API keys are stored hashed: a leaked database does not let anyone act for an association. */
export const hashApiKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');
export const newSecret = () => crypto.randomBytes(32).toString('base64url');
