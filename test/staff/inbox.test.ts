import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaDirectory } from '../../db/PrismaDirectory';
import { PrismaRequestStore } from '../../db/PrismaRequestStore';
import type { App } from '../../index';
import { submitRequest } from '../../intake/submitRequest';
import { signLoginToken } from '../../notifications/staffAuth';
import { REQUEST } from '../helpers/fixtures';
import { startApp } from '../helpers/http';
import { openTestDatabase, postgresAvailable, type DbKind } from '../helpers/testDatabase';

/**
 * The staff inbox over HTTP on the real server: magic links (one use, expiry, tampering),
 * the session cookie, CSRF token and Origin on every POST, GET changing nothing, and one
 * association never seeing another's requests, even by guessing ids.
 */
describe.each<DbKind>(['pglite', 'postgres'])('staff inbox over HTTP (%s)', (kind) => {
  let pg: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
  let db: App['db'] | null = null;
  let app: App;
  let clock = Date.parse('2026-11-23T09:00:00Z'); // a Monday
  const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-inbox-'));

  beforeAll(async () => {
    if (kind === 'postgres') {
      if (!(await postgresAvailable())) return;
      pg = await openTestDatabase(kind);
    }
    // In-memory PGlite is the app's own: the test reads the app's database.
    app = await startApp(pg?.url ?? 'pglite://memory', { OUTBOX_WORKER: 'off', OUTBOX_DIR: outbox, STAFF_LOGIN_MINUTES: '30' }, { now: () => new Date(clock) });
    db = app.db;
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    await pg?.close();
    fs.rmSync(outbox, { recursive: true, force: true });
  });
  const maybe = (name: string, fn: () => Promise<void>, timeout = 60_000) => it(name, async () => {
    if (!db) return;
    await fn();
  }, timeout);

  const origin = () => app.url;
  async function submit(overrides: Partial<typeof REQUEST> = {}) {
    const id = crypto.randomUUID();
    await submitRequest({ ...REQUEST, ...overrides, submittedAt: new Date(clock).toISOString() }, { submissionId: id, conversationKey: `test/conversations/${id}`, conversationRef: { channelId: 'binome-cli' } }, {
      directory: new PrismaDirectory(db!.prisma), requests: new PrismaRequestStore(db!.prisma), now: () => new Date(clock),
    });
    const assignment = await db!.prisma.assignment.findFirstOrThrow({ where: { requestId: id } });
    return { id, assignment };
  }
  const form = (fields: Record<string, string>, headers: Record<string, string> = { origin: origin() }, cookie?: string) => ({
    method: 'POST', redirect: 'manual' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });

  /** Logs in through a fresh link: the cookie to send back. */
  async function login(associationId: string): Promise<string> {
    const link = await app.handoff.auth.issueLink(associationId, app.url);
    const res = await fetch(link!.url, form({}));
    expect(res.status).toBe(303);
    const setCookie = res.headers.get('set-cookie')!;
    return setCookie.split(';')[0]!;
  }
  const get = (url: string, cookie: string) => fetch(`${app.url}${url}`, { headers: { cookie }, redirect: 'manual' });
  const csrfIn = (html: string) => /name="csrf" value="([\w-]+)"/.exec(html)![1]!;

  maybe('a login link works once, from a POST: GET shows a button and uses nothing', async () => {
    const { assignment } = await submit();
    const link = (await app.handoff.auth.issueLink(assignment.associationId, app.url))!;
    for (let i = 0; i < 2; i++) {
      const shown = await fetch(link.url);
      expect(shown.status).toBe(200);
      expect(await shown.text()).toContain(`action="/staff/login/`);
    }
    const res = await fetch(link.url, form({}));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/staff\/inbox\?lang=fr$/);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^binome_staff=[\w-]{40,}; Path=\/staff; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    // Only the cookie's hash is stored.
    const value = cookie.split(';')[0]!.split('=')[1]!;
    expect(await db!.prisma.staffSession.count({ where: { id: value } })).toBe(0);
    expect(await db!.prisma.staffSession.count({ where: { id: crypto.createHash('sha256').update(value).digest('hex') } })).toBe(1);
    // Used: a second POST is refused, and so is showing it.
    const again = await fetch(link.url, form({}));
    expect(again.status).toBe(410);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('déjà servi');
  });

  maybe('an expired, tampered or forged link opens nothing; a cross-site POST is refused', async () => {
    const { assignment } = await submit();
    const expired = (await app.handoff.auth.issueLink(assignment.associationId, app.url))!;
    clock += 31 * 60_000;
    try {
      expect((await fetch(expired.url)).status).toBe(410);
      expect((await fetch(expired.url, form({}))).status).toBe(410);
    } finally {
      clock -= 31 * 60_000;
    }
    const fresh = (await app.handoff.auth.issueLink(assignment.associationId, app.url))!;
    const token = fresh.url.split('/staff/login/')[1]!;
    const [body, mac] = token.split('.');
    // Another association in the payload, the same MAC: refused.
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const swapped = `${Buffer.from(JSON.stringify({ ...payload, a: 'collectif-mentorat' })).toString('base64url')}.${mac}`;
    expect((await fetch(`${app.url}/staff/login/${swapped}`, form({}))).status).toBe(403);
    // Signed with another key: refused; a well-signed token whose nonce was never issued: refused.
    expect((await fetch(`${app.url}/staff/login/${signLoginToken({ nonce: 'x', associationId: 'collectif-mentorat', exp: 9e9 }, 'k'.repeat(43))}`, form({}))).status).toBe(403);
    const unknownNonce = signLoginToken({ nonce: 'never-issued', associationId: 'collectif-mentorat', exp: Math.floor(clock / 1000) + 600 }, await app.handoff.linkKey());
    expect((await fetch(`${app.url}/staff/login/${unknownNonce}`, form({}))).status).toBe(403);
    // Another site's page posting the link: refused before it is used, and still usable.
    expect((await fetch(fresh.url, form({}, { origin: 'https://evil.example' }))).status).toBe(403);
    expect((await fetch(fresh.url, form({}, {}))).status).toBe(403);
    expect((await fetch(fresh.url, form({}))).status).toBe(303);
  });

  maybe('accepting from the inbox: CSRF token and Origin both required; the young person is told', async () => {
    const { id, assignment } = await submit();
    const cookie = await login(assignment.associationId);
    const list = await get('/staff/inbox', cookie);
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    const ref = id.replace(/-/g, '').slice(0, 8).toUpperCase();
    expect(listHtml).toContain(ref);
    expect(listHtml).toContain('Nouvelle');
    const page = await get(`/staff/inbox/${assignment.id}`, cookie);
    const html = await page.text();
    expect(html).toContain('ines@example.fr');
    const csrf = csrfIn(html);
    const url = `${app.url}/staff/inbox/${assignment.id}`;

    expect((await fetch(url, form({ action: 'accept' }, { origin: origin() }, cookie))).status).toBe(403); // no token
    expect((await fetch(url, form({ action: 'accept', csrf: csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, { origin: origin() }, cookie))).status).toBe(403);
    expect((await fetch(url, form({ action: 'accept', csrf }, { origin: 'https://evil.example' }, cookie))).status).toBe(403);
    expect((await fetch(url, form({ action: 'accept', csrf }, {}, cookie))).status).toBe(403); // no Origin, no Referer
    expect((await fetch(url, form({ action: 'accept', csrf }, { origin: origin() }))).status).toBe(401); // no session
    // Another session's token is not this one's.
    const other = await login(assignment.associationId);
    const otherCsrf = csrfIn(await (await get(`/staff/inbox/${assignment.id}`, other)).text());
    expect((await fetch(url, form({ action: 'accept', csrf: otherCsrf }, { origin: origin() }, cookie))).status).toBe(403);
    expect((await db!.prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).status).toBe('pending');
    // GET with the action in the URL changes nothing.
    expect((await get(`/staff/inbox/${assignment.id}?action=accept&csrf=${csrf}`, cookie)).status).toBe(200);
    expect((await db!.prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).status).toBe('pending');

    const done = await fetch(url, form({ action: 'accept', csrf }, { origin: origin() }, cookie));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/staff/inbox/${assignment.id}?done=done.accepted&lang=fr`);
    expect((await db!.prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).status).toBe('accepted');
    const news = await db!.prisma.notification.findMany({ where: { requestId: id, kind: 'young_person_news' } });
    expect(news.map((n) => n.payload)).toEqual([expect.objectContaining({ event: 'accepted' })]);
    const after = await (await get(`/staff/inbox/${assignment.id}?done=done.accepted`, cookie)).text();
    expect(after).toContain('role="status"');
    // Then contacted, mentor found, closed; each shown as the status.
    for (const [action, label] of [['contacted', 'Jeune contacté·e'], ['mentor_found', 'Mentor trouvé'], ['closed', 'Clôturée']] as const) {
      expect((await fetch(url, form({ action, csrf }, { origin: origin() }, cookie))).status).toBe(303);
      expect(await (await get(`/staff/inbox/${assignment.id}`, cookie)).text()).toContain(label);
    }
    expect((await db!.prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).progress).toBe('closed');
    // Logging out ends the session on the server.
    expect((await fetch(`${app.url}/staff/logout`, form({ csrf }, { origin: origin() }, cookie))).status).toBe(200);
    expect((await get('/staff/inbox', cookie)).status).toBe(303);
  });

  maybe('one association never sees another’s requests, even by guessing ids; after a decline only the reference and outcome remain', async () => {
    const { id, assignment } = await submit();
    const mine = assignment.associationId;
    const other = (await db!.prisma.association.findFirstOrThrow({ where: { id: { not: mine }, isCoordinator: false } })).id;
    const otherCookie = await login(other);
    const ref = id.replace(/-/g, '').slice(0, 8).toUpperCase();
    expect(await (await get('/staff/inbox', otherCookie)).text()).not.toContain(ref);
    // The right id, but not theirs: the same 404 as an id that does not exist.
    const guessed = await get(`/staff/inbox/${assignment.id}`, otherCookie);
    expect(guessed.status).toBe(404);
    const guessedHtml = await guessed.text();
    expect(guessedHtml).not.toContain(ref);
    expect(guessedHtml).not.toContain('ines@example.fr');
    expect((await get(`/staff/inbox/${crypto.randomUUID()}`, otherCookie)).status).toBe(404);
    expect((await get('/staff/inbox/../../staff/inbox', otherCookie)).status).not.toBe(500);
    // The coordinator's filter does not exist for them: ?association= is ignored.
    expect(await (await get(`/staff/inbox?association=${mine}`, otherCookie)).text()).not.toContain(ref);
    const otherCsrf = csrfIn(await (await get('/staff/inbox', otherCookie)).text());
    for (const action of ['accept', 'decline', 'contacted', 'reassign']) {
      expect((await fetch(`${app.url}/staff/inbox/${assignment.id}`, form({ action, csrf: otherCsrf, reason: 'x', association: other }, { origin: origin() }, otherCookie))).status).toBe(404);
    }
    expect((await db!.prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).status).toBe('pending');
    // The dashboard is the coordinator's.
    expect((await get('/staff/dashboard', otherCookie)).status).toBe(403);

    // The owner declines (a reason is required); afterwards it keeps the reference and the outcome only.
    const cookie = await login(mine);
    const csrf = csrfIn(await (await get(`/staff/inbox/${assignment.id}`, cookie)).text());
    const url = `${app.url}/staff/inbox/${assignment.id}`;
    expect((await fetch(url, form({ action: 'decline', csrf, reason: '  ' }, { origin: origin() }, cookie))).status).toBe(400);
    expect((await fetch(url, form({ action: 'decline', csrf, reason: 'Plus de place ce mois-ci' }, { origin: origin() }, cookie))).status).toBe(303);
    const after = await (await get(`/staff/inbox/${assignment.id}`, cookie)).text();
    expect(after).toContain(ref);
    expect(after).toContain('Refusée');
    for (const personal of ['ines@example.fr', 'Inès', 'Lyon']) expect(after).not.toContain(personal);
    expect(await (await get('/staff/inbox', cookie)).text()).not.toContain('ines@example.fr');
    // The new association sees it with contacts; the coordinator sees it without them.
    const next = await db!.prisma.assignment.findFirstOrThrow({ where: { requestId: id, status: 'pending' } });
    const nextCookie = await login(next.associationId);
    expect(await (await get(`/staff/inbox/${next.id}`, nextCookie)).text()).toContain('ines@example.fr');
    if (next.associationId !== 'collectif-mentorat') {
      const coord = await login('collectif-mentorat');
      const seen = await (await get(`/staff/inbox/${next.id}`, coord)).text();
      expect(seen).toContain(ref);
      expect(seen).not.toContain('ines@example.fr');
    }
  });

  maybe('the coordinator sees every association, reassigns a waiting request, and sees dead letters as alerts', async () => {
    const { id, assignment } = await submit();
    // The seed has no addresses: the handoff dies, the coordinator's alert too, and both are kept as "not sent" files.
    await app.handoff.worker.drain();
    const notSent = fs.readdirSync(outbox).filter((f) => f.endsWith('.not-sent.eml'));
    expect(notSent.length).toBeGreaterThanOrEqual(2);
    const eml = fs.readFileSync(path.join(outbox, notSent[0]!), 'utf8');
    expect(eml).toMatch(/X-Binome-Not-Sent: no address in the directory/);
    expect(eml).toContain('NON ENVOY');
    expect(fs.statSync(path.join(outbox, notSent[0]!)).mode & 0o777).toBe(0o600);

    const coord = await login('collectif-mentorat');
    const html = await (await get('/staff/inbox', coord)).text();
    const ref = id.replace(/-/g, '').slice(0, 8).toUpperCase();
    expect(html).toContain(ref);
    expect(html).toMatch(/Alertes \([1-9]/);
    expect(html).toContain('pas de contact valide');
    // Reassign to another association.
    const target = (await db!.prisma.association.findFirstOrThrow({ where: { id: { notIn: [assignment.associationId, 'collectif-mentorat'] }, active: true } })).id;
    const csrf = csrfIn(await (await get(`/staff/inbox/${assignment.id}`, coord)).text());
    const res = await fetch(`${app.url}/staff/inbox/${assignment.id}`, form({ action: 'reassign', csrf, association: target }, { origin: origin() }, coord));
    expect(res.status).toBe(303);
    const handoffs = await db!.prisma.assignment.findMany({ where: { requestId: id }, orderBy: { createdAt: 'asc' } });
    expect(handoffs.map((h) => [h.associationId, h.status])).toEqual([[assignment.associationId, 'reassigned'], [target, 'pending']]);
    expect(await db!.prisma.notification.count({ where: { requestId: id, kind: 'new_request', associationId: target } })).toBe(1);
    expect((await db!.prisma.notification.findFirstOrThrow({ where: { requestId: id, kind: 'young_person_news' } })).payload).toMatchObject({ event: 'rerouted' });
    // A second reassignment of the old handoff is refused.
    expect((await fetch(`${app.url}/staff/inbox/${assignment.id}`, form({ action: 'reassign', csrf, association: target }, { origin: origin() }, coord))).status).toBe(409);
    // The dashboard answers with its charts.
    const dash = await get('/staff/dashboard?days=7', coord);
    expect(dash.status).toBe(200);
    const dashHtml = await dash.text();
    expect(dashHtml).toContain('<svg');
    expect(dashHtml).toContain('role="img"');
    expect(dashHtml).not.toContain('ines@example.fr');
  });

  maybe('the coordinator dismisses an alert (CSRF and Origin checked, no one else can); a new failure of the same request raises a new one', async () => {
    const { id, assignment } = await submit();
    await app.handoff.worker.drain(); // no address in the seed: a dead letter, hence an alert about this request
    const alert = await db!.prisma.notification.findFirstOrThrow({ where: { requestId: id, kind: 'coordinator_alert' } });
    const url = `${app.url}/staff/alerts/${alert.id}/dismiss`;
    const coord = await login('collectif-mentorat');
    const before = await (await get('/staff/inbox', coord)).text();
    expect(before).toContain(`action="/staff/alerts/${alert.id}/dismiss"`);
    expect(before).toContain('Classer l&#39;alerte');
    const csrf = csrfIn(before);
    const stillThere = async () => (await db!.prisma.notification.findUniqueOrThrow({ where: { id: alert.id } })).dismissedAt === null;

    // The association holding the request: its own valid session and token, still not its alert to dismiss.
    const staff = await login(assignment.associationId);
    const staffCsrf = csrfIn(await (await get('/staff/inbox', staff)).text());
    expect((await fetch(url, form({ csrf: staffCsrf }, { origin: origin() }, staff))).status).toBe(404);
    // Forged or missing CSRF token, a foreign Origin, no session, a GET: refused, nothing changes.
    expect((await fetch(url, form({ csrf: csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, { origin: origin() }, coord))).status).toBe(403);
    expect((await fetch(url, form({}, { origin: origin() }, coord))).status).toBe(403);
    expect((await fetch(url, form({ csrf: staffCsrf }, { origin: origin() }, coord))).status).toBe(403); // another session's token
    expect((await fetch(url, form({ csrf }, { origin: 'https://evil.example' }, coord))).status).toBe(403);
    expect((await fetch(url, form({ csrf }, {}, coord))).status).toBe(403);
    expect((await fetch(url, form({ csrf }, { origin: origin() }))).status).toBe(401);
    expect((await get(`/staff/alerts/${alert.id}/dismiss?csrf=${csrf}`, coord)).status).not.toBe(303);
    // Not an alert (a handoff's notification) or an unknown id: the same 404.
    const handoffNote = await db!.prisma.notification.findFirstOrThrow({ where: { requestId: id, kind: 'new_request' } });
    expect((await fetch(`${app.url}/staff/alerts/${handoffNote.id}/dismiss`, form({ csrf }, { origin: origin() }, coord))).status).toBe(404);
    expect((await fetch(`${app.url}/staff/alerts/${crypto.randomUUID()}/dismiss`, form({ csrf }, { origin: origin() }, coord))).status).toBe(404);
    expect(await stillThere()).toBe(true);

    const done = await fetch(url, form({ csrf }, { origin: origin() }, coord));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toMatch(/^\/staff\/inbox\?.*done=alertDismissed/);
    const row = await db!.prisma.notification.findUniqueOrThrow({ where: { id: alert.id } });
    expect(row.dismissedBy).toBe('collectif-mentorat');
    expect(row.dismissedAt?.getTime()).toBe(clock);
    const after = await (await get(done.headers.get('location')!, coord)).text();
    expect(after).not.toContain(`/staff/alerts/${alert.id}/dismiss`);
    expect(after).toContain('L&#39;alerte est classée');
    // Twice is the same as once: who and when stay the first dismissal's.
    clock += 60_000;
    expect((await fetch(url, form({ csrf }, { origin: origin() }, coord))).status).toBe(303);
    expect((await db!.prisma.notification.findUniqueOrThrow({ where: { id: alert.id } })).dismissedAt?.getTime()).toBe(row.dismissedAt!.getTime());

    // The association declines; the next one has no address either: a new dead letter, a new alert, listed.
    expect(await app.handoff.handoff.decline(assignment.id, 'Plus de place')).toMatchObject({ ok: true, status: 'declined' });
    await app.handoff.worker.drain();
    const alerts = await db!.prisma.notification.findMany({ where: { requestId: id, kind: 'coordinator_alert' }, orderBy: { createdAt: 'asc' } });
    const fresh = alerts.filter((a) => a.id !== alert.id);
    expect(fresh.length).toBeGreaterThanOrEqual(1);
    const again = await (await get('/staff/inbox?lang=en', coord)).text();
    for (const a of fresh) expect(again).toContain(`action="/staff/alerts/${a.id}/dismiss"`);
    expect(again).toContain('Dismiss the alert');
  });

  maybe('a request reassigned away from an association does not come back to it when the next one declines', async () => {
    const { id, assignment } = await submit();
    const first = assignment.associationId;
    const coord = await login('collectif-mentorat');
    const target = (await db!.prisma.association.findFirstOrThrow({ where: { id: { notIn: [first, 'collectif-mentorat'] }, active: true } })).id;
    const csrf = csrfIn(await (await get(`/staff/inbox/${assignment.id}`, coord)).text());
    expect((await fetch(`${app.url}/staff/inbox/${assignment.id}`, form({ action: 'reassign', csrf, association: target }, { origin: origin() }, coord))).status).toBe(303);
    const second = await db!.prisma.assignment.findFirstOrThrow({ where: { requestId: id, status: 'pending' } });
    expect(second.associationId).toBe(target);
    expect(await app.handoff.handoff.decline(second.id, 'Plus de place')).toMatchObject({ ok: true, status: 'declined' });
    const handoffs = await db!.prisma.assignment.findMany({ where: { requestId: id }, orderBy: { createdAt: 'asc' } });
    expect(handoffs.map((h) => h.status)).toEqual(['reassigned', 'declined', 'pending']);
    expect(handoffs[2]!.associationId).not.toBe(first);
    expect(handoffs[2]!.associationId).not.toBe(target);
  });

  maybe('English by the switch or Accept-Language; a session of an association made inactive ends', async () => {
    const { assignment } = await submit();
    const cookie = await login(assignment.associationId);
    expect(await (await fetch(`${app.url}/staff/inbox`, { headers: { cookie, 'accept-language': 'en-GB,en;q=0.9' } })).text()).toContain('Requests handed to');
    expect(await (await get('/staff/inbox?lang=en', cookie)).text()).toContain('<html lang="en">');
    expect(await (await get('/staff/inbox', cookie)).text()).toContain('<html lang="fr">');
    await db!.prisma.association.update({ where: { id: assignment.associationId }, data: { active: false } });
    try {
      expect((await get('/staff/inbox', cookie)).status).toBe(303);
    } finally {
      await db!.prisma.association.update({ where: { id: assignment.associationId }, data: { active: true } });
    }
  });

  maybe('the login form e-mails a link through the outbox to a known address only, and answers alike', async () => {
    const { assignment } = await submit();
    await db!.prisma.association.update({ where: { id: assignment.associationId }, data: { contactEmail: 'staff@asso.example' } });
    try {
      for (const email of ['STAFF@asso.example', 'nobody@asso.example']) {
        const res = await fetch(`${app.url}/staff/login`, form({ email }));
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toBe('/staff/login?sent=1&lang=fr');
      }
      expect((await fetch(`${app.url}/staff/login`, form({ email: 'staff@asso.example' }, { origin: 'https://evil.example' }))).status).toBe(403);
      const queued = await db!.prisma.notification.findMany({ where: { kind: 'staff_login' } });
      expect(queued).toHaveLength(1);
      await app.handoff.worker.drain();
      const file = path.join(outbox, `${queued[0]!.id}.eml`);
      const eml = fs.readFileSync(file, 'utf8').replace(/=\r?\n/g, '');
      const url = /(http:\/\/127\.0\.0\.1:\d+\/staff\/login\/[\w-]+\.[\w-]+)/.exec(eml)![1]!;
      expect((await fetch(url, form({}))).status).toBe(303);
      expect((await fetch(url, form({}))).status).toBe(410);
    } finally {
      await db!.prisma.association.update({ where: { id: assignment.associationId }, data: { contactEmail: null } });
    }
  });
});
