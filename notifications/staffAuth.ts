import crypto from 'node:crypto';

/** What the inbox's logins and sessions need from storage; db/PrismaStaffAuth implements it. */
export interface StaffAuthStore {
  association(id: string): Promise<StaffAssociation | null>;
  /** Active associations whose contact address is this one (case-insensitive). */
  associationsByEmail(email: string): Promise<StaffAssociation[]>;
  createLoginToken(nonce: string, associationId: string, expiresAt: Date, now: Date): Promise<void>;
  /** Login links e-mailed to an association since `since` (a bound on e-mails the public form can cause). */
  emailedLinksSince(associationId: string, since: Date): Promise<number>;
  /**
   * Marks the token used if it exists, is unused and has not expired, in one statement
   * (two clicks at once: one wins). Returns its association, or why not.
   */
  consumeLoginToken(nonce: string, now: Date): Promise<{ ok: true; associationId: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' }>;
  /** Queues the e-mail carrying a login link (kind staff_login) through the outbox. */
  queueLoginEmail(associationId: string, nonce: string, expiresAt: Date, now: Date): Promise<void>;
  createSession(row: { id: string; associationId: string; csrfToken: string; expiresAt: Date; createdAt: Date }): Promise<void>;
  findSession(id: string, now: Date): Promise<{ associationId: string; csrfToken: string; expiresAt: Date } | null>;
  deleteSession(id: string): Promise<void>;
  /** Removes expired sessions and tokens; returns how many rows. */
  purge(now: Date): Promise<number>;
}

export interface StaffAssociation {
  id: string;
  name: string;
  isCoordinator: boolean;
  active: boolean;
}

export interface StaffSession {
  association: StaffAssociation;
  csrfToken: string;
  expiresAt: Date;
}

export type LoginLinkVerdict = { ok: true; nonce: string; associationId: string; exp: number } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');
// Domain separation: the staff link key also signs accept/decline links; a login token can
// never pass for one of them (their MAC covers a different message).
const mac = (key: string, body: string) => crypto.createHmac('sha256', key).update(`staff-login.${body}`).digest();

/** `<payload>.<mac>`: the nonce (single use, recorded in the database), the association, the expiry. */
export function signLoginToken(claims: { nonce: string; associationId: string; exp: number }, key: string): string {
  const body = b64(JSON.stringify({ n: claims.nonce, a: claims.associationId, e: claims.exp }));
  return `${body}.${b64(mac(key, body))}`;
}

export function verifyLoginToken(token: string, key: string, nowMs: number): LoginLinkVerdict {
  if (typeof token !== 'string' || token.length > 512) return { ok: false, reason: 'malformed' };
  const [body, sig, ...rest] = token.split('.');
  if (!body || !sig || rest.length > 0 || !/^[\w-]+$/.test(body) || !/^[\w-]+$/.test(sig)) return { ok: false, reason: 'malformed' };
  const expected = mac(key, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'tampered' };
  let p: { n?: unknown; a?: unknown; e?: unknown };
  try {
    p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof p.n !== 'string' || typeof p.a !== 'string' || typeof p.e !== 'number') return { ok: false, reason: 'malformed' };
  if (p.e * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, nonce: p.n, associationId: p.a, exp: p.e };
}

/** The session row is keyed by the cookie's hash: the database alone cannot open a session. */
export const sessionIdOf = (cookieValue: string) => crypto.createHash('sha256').update(cookieValue).digest('hex');

const EMAIL_LIKE = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

export interface StaffAuthOptions {
  store: StaffAuthStore;
  /** The signing key (db/appSecrets: kept in the database, the same as staff links'). */
  key: () => Promise<string>;
  now: () => Date;
  linkMinutes: number;
  sessionHours: number;
  /** E-mailed links one association may be sent per hour (the form is public). */
  emailsPerHour?: number;
}

/**
 * Logins to the staff inbox: magic links (signed, expiring, single use: the nonce is a
 * database row marked used in the statement that checks it) and server-side sessions
 * with a synchroniser CSRF token. Plain TypeScript; the HTTP side is adapters/staff/inbox.
 */
export class StaffAuth {
  constructor(private readonly o: StaffAuthOptions) {}

  /** A fresh link for an association (the CLI, `npm start` in local mode, the e-mail). */
  async issueLink(associationId: string, baseUrl: string): Promise<{ url: string; expiresAt: Date; association: StaffAssociation } | null> {
    const association = await this.o.store.association(associationId);
    if (!association || !association.active) return null;
    const { nonce, expiresAt } = await this.newNonce(associationId);
    const token = signLoginToken({ nonce, associationId, exp: Math.floor(expiresAt.getTime() / 1000) }, await this.o.key());
    return { url: loginUrl(baseUrl, token), expiresAt, association };
  }

  /**
   * The public "send me a link" form: a known address gets an e-mail through the outbox;
   * the answer is the same either way (the form tells nobody which addresses are known).
   */
  async requestByEmail(email: string): Promise<void> {
    const address = email.trim().toLowerCase();
    if (!EMAIL_LIKE.test(address)) return;
    const now = this.o.now();
    for (const a of await this.o.store.associationsByEmail(address)) {
      if ((await this.o.store.emailedLinksSince(a.id, new Date(now.getTime() - 3_600_000))) >= (this.o.emailsPerHour ?? 5)) continue;
      const { nonce, expiresAt } = await this.newNonce(a.id);
      await this.o.store.queueLoginEmail(a.id, nonce, expiresAt, now);
    }
  }

  /** Looks at a link without using it (GET shows a button; only the POST logs in). */
  async check(token: string): Promise<LoginLinkVerdict> {
    return verifyLoginToken(token, await this.o.key(), this.o.now().getTime());
  }

  /** Uses the link once and opens a session; the cookie value is returned once, never stored. */
  async login(token: string): Promise<{ ok: true; cookie: string; session: StaffSession } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' | 'used' | 'unknown' | 'inactive' }> {
    const verdict = await this.check(token);
    if (!verdict.ok) return verdict;
    const now = this.o.now();
    const used = await this.o.store.consumeLoginToken(verdict.nonce, now);
    if (!used.ok) return used;
    // A token names its association twice (signed payload and row): both must agree.
    if (used.associationId !== verdict.associationId) return { ok: false, reason: 'tampered' };
    const association = await this.o.store.association(used.associationId);
    if (!association || !association.active) return { ok: false, reason: 'inactive' };
    const cookie = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.o.sessionHours * 3_600_000);
    await this.o.store.createSession({ id: sessionIdOf(cookie), associationId: association.id, csrfToken, expiresAt, createdAt: now });
    return { ok: true, cookie, session: { association, csrfToken, expiresAt } };
  }

  async session(cookie: string | undefined): Promise<StaffSession | null> {
    if (!cookie || cookie.length > 100 || !/^[\w-]+$/.test(cookie)) return null;
    const row = await this.o.store.findSession(sessionIdOf(cookie), this.o.now());
    if (!row) return null;
    const association = await this.o.store.association(row.associationId);
    // An association made inactive in the directory loses its inbox at once.
    if (!association || !association.active) return null;
    return { association, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
  }

  async logout(cookie: string | undefined): Promise<void> {
    if (cookie && /^[\w-]{1,100}$/.test(cookie)) await this.o.store.deleteSession(sessionIdOf(cookie));
  }

  /** The link an e-mail carries, rebuilt from the queued nonce at delivery time. */
  async linkFor(baseUrl: string, claims: { nonce: string; associationId: string; exp: number }): Promise<string> {
    return loginUrl(baseUrl, signLoginToken(claims, await this.o.key()));
  }

  purge(): Promise<number> {
    return this.o.store.purge(this.o.now());
  }

  private async newNonce(associationId: string): Promise<{ nonce: string; expiresAt: Date }> {
    const now = this.o.now();
    const nonce = crypto.randomBytes(18).toString('base64url');
    // Whole seconds: the signed expiry and the row's agree exactly.
    const expiresAt = new Date(Math.floor((now.getTime() + this.o.linkMinutes * 60_000) / 1000) * 1000);
    await this.o.store.createLoginToken(nonce, associationId, expiresAt, now);
    return { nonce, expiresAt };
  }
}

/** Constant-time comparison of a submitted CSRF token with the session's. */
export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

export const loginUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, '')}/staff/login/${token}`;
