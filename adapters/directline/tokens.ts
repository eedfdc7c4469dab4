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

export type Check<T> = { ok: true; claims: T } | { ok: false; reason: 'invalid' | 'expired' };
export type TokenCheck = Check<TokenClaims>;

/**
 * Short-lived HMAC-SHA256 signed claims: `<prefix>.<base64url JSON>.<signature>`. The
 * signing key is derived from the secret and a purpose, so one secret never signs two
 * kinds of token with the same key (a token of one kind is never valid as another), and
 * the secret itself is never the key.
 */
export class SignedClaims<T extends { exp: number }> {
  private readonly key: Buffer;

  constructor(
    secret: string,
    purpose: string,
    private readonly prefix: string,
    readonly ttlSeconds: number,
    private readonly isClaims: (value: Record<string, unknown>) => boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.key = crypto.createHmac('sha256', secret).update(purpose).digest();
  }

  issue(claims: Omit<T, 'exp'>): { token: string; expiresIn: number } {
    const body = { ...claims, exp: Math.floor(this.now() / 1000) + this.ttlSeconds };
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return { token: `${this.prefix}.${payload}.${this.sign(payload)}`, expiresIn: this.ttlSeconds };
  }

  /** Whether a string is shaped like this kind of token (says nothing of its validity). */
  looksLike(token: string | undefined): boolean {
    return !!token && token.startsWith(`${this.prefix}.`);
  }

  verify(token: string | undefined, ignoreExpiry = false): Check<T> {
    if (!token || token.length > 4096) return { ok: false, reason: 'invalid' };
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== this.prefix) return { ok: false, reason: 'invalid' };
    const [, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    let claims: Record<string, unknown>;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (!claims || typeof claims !== 'object' || typeof claims.exp !== 'number' || !this.isClaims(claims)) return { ok: false, reason: 'invalid' };
    if (!ignoreExpiry && claims.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: claims as unknown as T };
  }

  private sign(payload: string): string {
    return crypto.createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** The tokens of the Direct Line endpoint: one conversation each. */
export class TokenSigner {
  private readonly sealed: SignedClaims<TokenClaims>;

  constructor(secret: string, readonly ttlSeconds: number, now: () => number = Date.now) {
    this.sealed = new SignedClaims<TokenClaims>(
      secret, 'binome/directline/token-signing/v1', 'dl1', ttlSeconds,
      (c) => typeof c.c === 'string' && typeof c.u === 'string', now,
    );
  }

  issue(claims: Omit<TokenClaims, 'exp'>): { token: string; expiresIn: number } {
    return this.sealed.issue(claims);
  }

  /** A token's claims when its signature is ours, expired or not (forgetting a conversation needs no fresh token). */
  claimsIgnoringExpiry(token: string | undefined): TokenClaims | undefined {
    const check = this.sealed.verify(token, true);
    return check.ok ? check.claims : undefined;
  }

  verify(token: string | undefined): TokenCheck {
    return this.sealed.verify(token);
  }
}

/** The bearer token of an Authorization header, if any. */
export function bearerToken(header: unknown): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(typeof header === 'string' ? header : '')?.[1];
}

/** Constant-time comparison of a presented secret with the configured one. */
export function secretMatches(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(secret).digest();
  return crypto.timingSafeEqual(a, b);
}

export const randomId = (bytes = 18) => crypto.randomBytes(bytes).toString('base64url');
