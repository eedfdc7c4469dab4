import crypto from 'node:crypto';

/** What a Direct Line token grants: one conversation, as one (random) user, until `exp`. */
export interface TokenClaims {
  /** Conversation id the token is bound to. */
  c: string;
  /** Random user id of this conversation (never an identifier of the person). */
  u: string;
  /** Locale the embedding page asked for, used for the welcome. */
  l?: string;
  /** Expiry, Unix seconds. */
  exp: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

const PREFIX = 'dl1';

/**
 * HMAC-SHA256 signed tokens. The signing key is derived from the Direct Line secret
 * rather than being the secret itself, so the bearer secret of /tokens/generate and the
 * key that signs tokens are never the same bytes.
 */
export class TokenSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = crypto.createHmac('sha256', secret).update('binome/directline/token-signing/v1').digest();
  }

  issue(claims: Omit<TokenClaims, 'exp'>): { token: string; expiresIn: number } {
    const body: TokenClaims = { ...claims, exp: Math.floor(this.now() / 1000) + this.ttlSeconds };
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return { token: `${PREFIX}.${payload}.${this.sign(payload)}`, expiresIn: this.ttlSeconds };
  }

  /** A token's claims when its signature is ours, expired or not (forgetting a conversation needs no fresh token). */
  claimsIgnoringExpiry(token: string | undefined): TokenClaims | undefined {
    const check = this.verify(token, true);
    return check.ok ? check.claims : undefined;
  }

  verify(token: string | undefined, ignoreExpiry = false): TokenCheck {
    if (!token || token.length > 2048) return { ok: false, reason: 'invalid' };
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: 'invalid' };
    const [, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (typeof claims.c !== 'string' || typeof claims.u !== 'string' || typeof claims.exp !== 'number') return { ok: false, reason: 'invalid' };
    if (!ignoreExpiry && claims.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private sign(payload: string): string {
    return crypto.createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** Constant-time comparison of a presented secret with the configured one. */
export function secretMatches(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(secret).digest();
  return crypto.timingSafeEqual(a, b);
}

export const randomId = (bytes = 18) => crypto.randomBytes(bytes).toString('base64url');
