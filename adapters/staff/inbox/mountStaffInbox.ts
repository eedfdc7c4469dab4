import type { Request, Response, Server } from 'restify';
import { errorCode, type Logger } from '../../../bots/log';
import type { HttpEdge } from '../../httpServer';
import { STAFF_PAGE_HEADERS } from '../pageHeaders';
import type { Lang } from '../../../intake/vocabulary';
import type { Translate } from '../../../notifications/composeEmail';
import { computeStats, dashboardStepLabel, type DashboardRows } from '../../../notifications/dashboardStats';
import type { StaffInbox, Viewer } from '../../../notifications/StaffInbox';
import { sameToken, type StaffAuth, type StaffSession } from '../../../notifications/staffAuth';
import { dashboardPage, href, inboxPage, loginConfirmPage, loginFormPage, messagePage, requestPage, type PageContext } from './pages';

export const SESSION_COOKIE = 'binome_staff';

export interface StaffInboxOptions {
  auth: StaffAuth;
  inbox: StaffInbox;
  dashboard: { rows(since: Date): Promise<DashboardRows> };
  /** The conversation's steps in order (consent, the questions, summary, proposal, submitted). */
  funnelOrder: readonly string[];
  /** The volunteer flow's steps (prefixed volunteer.), counted apart. */
  volunteerFunnelOrder?: readonly string[];
  t: Translate;
  log: Logger;
  now: () => Date;
  /** PUBLIC_URL: https there makes the cookie Secure. */
  publicUrl?: string;
  linkMinutes: number;
  /** The server's shared edge: our origins (never the Host header) and the failed-credential throttle. */
  edge: HttpEdge;
}

// restify: an async handler returns nothing, hence senders that return void.
function send(res: Response, status: number, html: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(status, {
    ...STAFF_PAGE_HEADERS,
    ...extra,
  });
  res.end(html);
}

function redirect(res: Response, location: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', 'referrer-policy': 'same-origin', ...extra });
  res.end();
}

export function cookieValue(req: Request, name: string): string | undefined {
  const header = String(req.headers?.cookie ?? '');
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** The query string as plain fields (restify parses it only with its queryParser plugin, not used here). */
function queryFields(req: Request): Record<string, string> {
  const raw = String(req.url ?? '');
  const i = raw.indexOf('?');
  const fields: Record<string, string> = {};
  if (i < 0) return fields;
  for (const [k, v] of new URLSearchParams(raw.slice(i + 1))) if (!(k in fields)) fields[k] = v;
  return fields;
}

/** ?lang= wins, then the form's lang, then Accept-Language; French otherwise. */
function langOf(req: Request): Lang {
  const q = queryFields(req).lang;
  const b = (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>).lang : undefined);
  const chosen = typeof q === 'string' ? q : typeof b === 'string' ? b : undefined;
  if (chosen === 'en' || chosen === 'fr') return chosen;
  const accept = String(req.headers?.['accept-language'] ?? '').toLowerCase();
  const first = accept.split(',').map((s) => s.trim().split(';')[0]).find((s) => s && s !== '*');
  return first?.startsWith('en') ? 'en' : 'fr';
}

function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(Object.entries(queryFields(req)).filter(([k]) => k !== 'lang' && k !== 'done' && k !== 'error'));
}

const formOf = (req: Request) => (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;

/**
 * The staff inbox and the operator dashboard (pages served by this process, no script):
 * login by magic link, a server-side session in an HttpOnly SameSite=Strict cookie, every
 * change a POST checked twice (the session's CSRF token and the Origin header), GET never
 * changes anything. Which requests a viewer may see is decided in notifications/StaffInbox.
 */
export function mountStaffInbox(server: Server, o: StaffInboxOptions): void {
  const secureCookie = !!o.publicUrl?.startsWith('https:');

  const ctx = (req: Request, session: StaffSession | null): PageContext => ({
    lang: langOf(req), t: o.t, session, path: (req.getPath?.() ?? String(req.url ?? '/').split('?')[0]) as string, query: queryOf(req),
  });
  const ti = (c: PageContext, key: string, params?: Record<string, unknown>) => o.t(c.lang, `staff.inbox.${key}`, params);

  /**
   * A browser's form post from one of our pages: its Origin (or, without one, its Referer)
   * is one of our own origins: PUBLIC_URL's, or loopback at our port. Never compared with
   * the request's Host, which the sender chooses (DNS rebinding; docs/security.md). Stricter
   * than the staff links' check: a post with neither header is refused, as every browser
   * that can hold the session cookie sends one of them.
   */
  const sameOrigin = (req: Request): boolean => {
    const origin = req.headers?.origin;
    if (typeof origin === 'string') return origin !== 'null' && o.edge.origins.isOwn(origin);
    const referer = req.headers?.referer;
    if (typeof referer !== 'string') return false;
    try {
      return o.edge.origins.isOwn(new URL(referer).origin);
    } catch {
      return false;
    }
  };

  /** An address that sent too many forged or unknown links waits (429), before any check. */
  const throttled = (req: Request, res: Response, c: PageContext): boolean => {
    const wait = o.edge.authFailures.retryAfter(o.edge.addressOf(req));
    if (wait <= 0) return false;
    o.log('warn', 'inbox.login_throttled', {});
    send(res, 429, messagePage(c, ti(c, 'login.invalid'), ti(c, 'login.invalid')), { 'retry-after': String(wait) });
    return true;
  };

  const cookieHeader = (value: string, maxAgeSec: number) =>
    `${SESSION_COOKIE}=${value}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age=${Math.max(0, Math.floor(maxAgeSec))}${secureCookie ? '; Secure' : ''}`;

  const failed = (req: Request, res: Response, err: unknown, what: string) => {
    o.log('error', `inbox.${what}_failed`, { code: errorCode(err) });
    if (!res.headersSent) {
      const c = ctx(req, null);
      send(res, 503, messagePage(c, ti(c, 'error'), ti(c, 'error')));
    }
  };

  /** The session, or a redirect to the login form. */
  const requireSession = async (req: Request, res: Response): Promise<StaffSession | null> => {
    const session = await o.auth.session(cookieValue(req, SESSION_COOKIE));
    if (!session) {
      redirect(res, href({ lang: langOf(req) }, '/staff/login'));
      return null;
    }
    return session;
  };

  /** A POST that changes something: a session, its CSRF token, and our own origin. */
  const requirePost = async (req: Request, res: Response): Promise<StaffSession | null> => {
    const session = await o.auth.session(cookieValue(req, SESSION_COOKIE));
    const c = ctx(req, session);
    if (!session) {
      send(res, 401, messagePage(c, ti(c, 'needLogin'), ti(c, 'needLogin'), { href: href(c, '/staff/login'), label: ti(c, 'login.again') }));
      return null;
    }
    if (!sameOrigin(req) || !sameToken(formOf(req).csrf, session.csrfToken)) {
      o.log('warn', 'inbox.post_refused', { reason: sameOrigin(req) ? 'csrf' : 'origin' });
      send(res, 403, messagePage(c, ti(c, 'forbidden'), ti(c, 'forbidden')));
      return null;
    }
    return session;
  };

  const viewerOf = (s: StaffSession): Viewer => ({ associationId: s.association.id, isCoordinator: s.association.isCoordinator });

  server.get('/staff', (req: Request, res: Response, next: () => void) => {
    redirect(res, href({ lang: langOf(req) }, '/staff/inbox'));
    next();
  });

  server.get('/staff/login', async (req: Request, res: Response) => {
    try {
      const c = ctx(req, null);
      const sent = queryFields(req).sent === '1';
      send(res, 200, loginFormPage(c, { sent: sent ? o.linkMinutes : undefined }));
    } catch (err) {
      failed(req, res, err, 'login_form');
    }
  });

  server.post('/staff/login', async (req: Request, res: Response) => {
    try {
      const c = ctx(req, null);
      if (!sameOrigin(req)) return send(res, 403, messagePage(c, ti(c, 'forbidden'), ti(c, 'forbidden')));
      const email = formOf(req).email;
      if (typeof email === 'string') await o.auth.requestByEmail(email);
      // The same answer whether the address is known or not.
      redirect(res, href(c, '/staff/login', { sent: '1' }));
    } catch (err) {
      failed(req, res, err, 'login_request');
    }
  });

  const linkRefused = (req: Request, c: PageContext, res: Response, reason: string) => {
    const key = reason === 'expired' ? 'expired' : reason === 'used' ? 'used' : 'invalid';
    // A link we signed that expired or was used is an honest mistake; anything else counts
    // against the address, as a forged staff link or API key does.
    if (key === 'invalid') o.edge.authFailures.fail(o.edge.addressOf(req));
    o.log('warn', 'inbox.login_refused', { reason });
    send(res, key === 'invalid' ? 403 : 410, messagePage(c, ti(c, `login.${key}`), ti(c, `login.${key}`), { href: href(c, '/staff/login'), label: ti(c, 'login.again') }));
  };

  // GET shows a button and uses nothing: a mail scanner or a link preview opening the link leaves it valid.
  server.get('/staff/login/:token', async (req: Request, res: Response) => {
    try {
      const c = ctx(req, null);
      if (throttled(req, res, c)) return;
      const token = String(req.params?.token ?? '');
      const verdict = await o.auth.check(token);
      if (!verdict.ok) return linkRefused(req, c, res, verdict.reason);
      const association = await o.inbox.associations().then((all) => all.find((a) => a.id === verdict.associationId));
      // Referrer-Policy same-origin (the default here), not no-referrer: the token could only
      // reach this server, and with no-referrer the browser posts "Origin: null", refused.
      send(res, 200, loginConfirmPage(c, { token, association: association?.name ?? '' }));
    } catch (err) {
      failed(req, res, err, 'login_page');
    }
  });

  server.post('/staff/login/:token', async (req: Request, res: Response) => {
    try {
      const c = ctx(req, null);
      if (throttled(req, res, c)) return;
      if (!sameOrigin(req)) return send(res, 403, messagePage(c, ti(c, 'forbidden'), ti(c, 'forbidden')));
      const result = await o.auth.login(String(req.params?.token ?? ''));
      if (!result.ok) return linkRefused(req, c, res, result.reason);
      o.log('info', 'inbox.login', { association: result.session.association.id });
      redirect(res, href(c, '/staff/inbox'), { 'set-cookie': cookieHeader(result.cookie, (result.session.expiresAt.getTime() - o.now().getTime()) / 1000) });
    } catch (err) {
      failed(req, res, err, 'login');
    }
  });

  server.post('/staff/logout', async (req: Request, res: Response) => {
    try {
      const session = await requirePost(req, res);
      if (!session) return;
      await o.auth.logout(cookieValue(req, SESSION_COOKIE));
      const c = ctx(req, null);
      send(res, 200, messagePage(c, ti(c, 'login.loggedOut'), ti(c, 'login.loggedOut'), { href: href(c, '/staff/login'), label: ti(c, 'login.again') }), { 'set-cookie': cookieHeader('', 0) });
    } catch (err) {
      failed(req, res, err, 'logout');
    }
  });

  server.get('/staff/inbox', async (req: Request, res: Response) => {
    try {
      const session = await requireSession(req, res);
      if (!session) return;
      const viewer = viewerOf(session);
      const filter = queryFields(req).association ?? '';
      const [{ items, withdrawn }, alerts, associations] = await Promise.all([
        o.inbox.list(viewer, { association: filter }),
        o.inbox.alerts(viewer),
        viewer.isCoordinator ? o.inbox.associations() : Promise.resolve([]),
      ]);
      const c = ctx(req, session);
      // After dismissing an alert (post, redirect, get): a known key only, never text from the URL.
      const done = queryFields(req).done;
      const notice = done === 'alertDismissed' ? { text: ti(c, 'notice.alertDismissed'), error: false } : undefined;
      send(res, 200, inboxPage(c, { items, withdrawn, alerts, associations, filter, now: o.now(), notice }));
    } catch (err) {
      failed(req, res, err, 'list');
    }
  });

  // The coordinator dismisses an alert; anyone else, or an unknown id, gets the same 404.
  server.post('/staff/alerts/:id/dismiss', async (req: Request, res: Response) => {
    try {
      const session = await requirePost(req, res);
      if (!session) return;
      const c = ctx(req, session);
      const result = await o.inbox.dismissAlert(viewerOf(session), String(req.params?.id ?? ''));
      if (!result.ok) return send(res, result.status, messagePage(c, ti(c, `notice.${result.notice}`), ti(c, `notice.${result.notice}`), { href: href(c, '/staff/inbox'), label: ti(c, 'request.back') }));
      redirect(res, href(c, '/staff/inbox', { done: result.notice }));
    } catch (err) {
      failed(req, res, err, 'dismiss_alert');
    }
  });

  const NOTICE = /^(done|already|error)\.[a-z_]+$|^[a-zA-Z]+$/;

  server.get('/staff/inbox/:id', async (req: Request, res: Response) => {
    try {
      const session = await requireSession(req, res);
      if (!session) return;
      const c = ctx(req, session);
      const item = await o.inbox.get(viewerOf(session), String(req.params?.id ?? ''));
      // Someone else's request and a request that does not exist answer alike.
      if (!item) return send(res, 404, messagePage(c, ti(c, 'notice.notFound'), ti(c, 'notice.notFound'), { href: href(c, '/staff/inbox'), label: ti(c, 'request.back') }));
      const q = queryFields(req);
      // The notice after an action (post, redirect, get): only a known key is shown, never text from the URL.
      const key = typeof q.done === 'string' ? q.done : typeof q.error === 'string' ? q.error : null;
      const notice = key && NOTICE.test(key) ? { text: ti(c, `notice.${key}`), error: typeof q.error === 'string' } : undefined;
      const associations = session.association.isCoordinator ? await o.inbox.associations() : [];
      send(res, 200, requestPage(c, { item, associations, notice: notice && !notice.text.startsWith('staff.') ? notice : undefined, now: o.now() }));
    } catch (err) {
      failed(req, res, err, 'request');
    }
  });

  server.post('/staff/inbox/:id', async (req: Request, res: Response) => {
    try {
      const session = await requirePost(req, res);
      if (!session) return;
      const c = ctx(req, session);
      const id = String(req.params?.id ?? '');
      const form = formOf(req);
      const result = await o.inbox.act(viewerOf(session), id, String(form.action ?? ''), {
        reason: typeof form.reason === 'string' ? form.reason : undefined,
        association: typeof form.association === 'string' ? form.association : undefined,
      });
      if (!result.ok && result.status === 404) return send(res, 404, messagePage(c, ti(c, 'notice.notFound'), ti(c, 'notice.notFound'), { href: href(c, '/staff/inbox'), label: ti(c, 'request.back') }));
      if (!result.ok) {
        const item = await o.inbox.get(viewerOf(session), id);
        if (!item) return send(res, 404, messagePage(c, ti(c, 'notice.notFound'), ti(c, 'notice.notFound')));
        const associations = session.association.isCoordinator ? await o.inbox.associations() : [];
        return send(res, result.status, requestPage(c, { item, associations, notice: { text: ti(c, `notice.${result.notice}`), error: true }, now: o.now() }));
      }
      // Post, redirect, get: a reload does not post again.
      redirect(res, href(c, `/staff/inbox/${id}`, { done: result.notice }));
    } catch (err) {
      failed(req, res, err, 'action');
    }
  });

  server.get('/staff/dashboard', async (req: Request, res: Response) => {
    try {
      const session = await requireSession(req, res);
      if (!session) return;
      const c = ctx(req, session);
      if (!session.association.isCoordinator) return send(res, 403, messagePage(c, ti(c, 'coordinatorOnly'), ti(c, 'coordinatorOnly')));
      const asked = Number(queryFields(req).days ?? 30);
      const days = [7, 30, 90].includes(asked) ? asked : 30;
      const now = o.now();
      const since = new Date(now.getTime() - days * 86_400_000);
      const stats = computeStats(await o.dashboard.rows(since), now, days, o.funnelOrder, o.volunteerFunnelOrder ?? []);
      const stepLabel = (step: string) => dashboardStepLabel((key) => o.t(c.lang, key), step);
      send(res, 200, dashboardPage(c, { stats, days, stepLabel }));
    } catch (err) {
      failed(req, res, err, 'dashboard');
    }
  });
}
