import fs from 'node:fs';
import os from 'node:os';
import crypto from 'node:crypto';
import WebSocket from 'ws';
import { PrismaRequestStore } from '../../db/PrismaRequestStore';
import type { App } from '../../index';
import { shortRef } from '../../notifications/composeEmail';
import { createActionToken, hashApiKey } from '../../notifications/signing';
import { startApp } from '../helpers/http';
import { leaksInternals, macSpellings, rawRequest } from './probe';
import { PERSONAL, showsPersonal, submitForStaff } from './staffFixtures';

const SECRET = 'security-probe-secret-0123456789abcdef';
const PARTNER = 'https://partner.example';

/**
 * The outside probe of issue 21, played against the real server on loopback (PGlite, the
 * real HTTP stack): each test is one finding, and fails on the code before its fix.
 * TRUST_PROXY=loopback lets each test count as its own caller address (X-Forwarded-For),
 * so the failure throttle of one does not spill into another.
 */
describe('security probes against the real server', () => {
  let app: App;
  let clock = Date.parse('2026-11-23T09:00:00Z'); // a Monday
  let nextAddress = 1;
  const newAddress = () => ({ 'x-forwarded-for': `203.0.113.${nextAddress++}` });

  beforeAll(async () => {
    app = await startApp('pglite://memory', {
      OUTBOX_WORKER: 'off', TRUST_PROXY: 'loopback', AUTH_FAILURES_PER_ADDRESS: '3',
      DIRECTLINE_SECRET: SECRET, DIRECTLINE_ALLOWED_ORIGINS: PARTNER,
    }, { now: () => new Date(clock) });
  }, 90_000);
  afterAll(async () => {
    await app?.close();
  });

  const submit = () => submitForStaff(app, clock);
  const ownOrigin = () => new URL(app.url).origin;
  const formPost = (link: string, fields: Record<string, string>, headers: Record<string, string> = {}) => rawRequest(link, {
    method: 'POST', body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ownOrigin(), ...headers },
  });

  describe('1. a staff link shows personal data only while the request is the association\'s', () => {
    it('pending and accepted: everything; after a decline and reroute: the reference and the outcome only', async () => {
      const from = newAddress();
      const r = await submit();
      const pending = await rawRequest(r.link, { headers: from });
      expect(pending.status).toBe(200);
      expect(showsPersonal(pending.body)).toEqual([PERSONAL.firstName, PERSONAL.email, PERSONAL.phone, PERSONAL.guardian, PERSONAL.guardianPhone]);

      const declined = await formPost(r.link, { action: 'decline', reason: 'Plus de places' }, from);
      expect(declined.status).toBe(200);
      expect(showsPersonal(declined.body)).toEqual([]);
      expect(await app.db.prisma.assignment.count({ where: { requestId: r.id } })).toBe(2); // rerouted

      const later = await rawRequest(r.link, { headers: from });
      expect(later.status).toBe(200);
      expect(later.body).toContain(shortRef(r.id));
      expect(later.body).toContain('refusée');
      expect(showsPersonal(later.body)).toEqual([]);
      expect(later.body).not.toContain('Lyon');
      // Replaying the form shows no more than the page.
      const replay = await formPost(r.link, { action: 'accept' }, from);
      expect(replay.status).toBe(409);
      expect(showsPersonal(replay.body)).toEqual([]);

      const accepted = await submit();
      expect((await formPost(accepted.link, { action: 'accept' }, from)).status).toBe(200);
      expect(showsPersonal((await rawRequest(accepted.link, { headers: from })).body)).toContain(PERSONAL.phone);
    });

    it('passed on when the time ran out: nothing personal', async () => {
      const from = newAddress();
      const r = await submit();
      const saved = clock;
      try {
        clock = r.assignment.deadlineAt!.getTime() + 60_000;
        await app.handoff.worker.drain();
        expect((await app.db.prisma.assignment.findUniqueOrThrow({ where: { id: r.assignment.id } })).status).toBe('expired');
        const page = await rawRequest(r.link, { headers: from });
        expect(page.status).toBe(200);
        expect(page.body).toContain(shortRef(r.id));
        expect(showsPersonal(page.body)).toEqual([]);
      } finally {
        clock = saved;
      }
    });

    it('withdrawn (erased by the young person): 404 and nothing at all', async () => {
      const from = newAddress();
      const r = await submit();
      await new PrismaRequestStore(app.db.prisma).eraseConversation(r.key);
      const page = await rawRequest(r.link, { headers: from });
      expect(page.status).toBe(404);
      expect(showsPersonal(page.body)).toEqual([]);
    });
  });

  async function directLineConversation() {
    const gen = await fetch(`${app.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: '{}' });
    const { token } = (await gen.json()) as { token: string };
    const conv = await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    return (await conv.json()) as { conversationId: string; token: string; streamUrl: string };
  }
  const upgrade = (url: string, origin?: string) => new Promise<number>((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });

  it('2. the Direct Line WebSocket upgrade applies the Origin allow-list', async () => {
    const c = await directLineConversation();
    expect(await upgrade(c.streamUrl, 'https://evil.example')).toBe(403);
    expect(await upgrade(c.streamUrl, 'null')).toBe(403);
    expect(await upgrade(c.streamUrl, ownOrigin())).toBe(101);
    expect(await upgrade(c.streamUrl, PARTNER)).toBe(101);
    expect(await upgrade(c.streamUrl)).toBe(101); // not a browser: the token is what counts
  });

  it('3. the Origin allow-list never trusts the Host header (DNS rebinding)', async () => {
    const port = new URL(app.url).port;
    const rebound = { host: `rebind.example:${port}`, origin: `http://rebind.example:${port}`, 'content-type': 'application/json' };
    const token = await rawRequest(`${app.url}/widget/token`, { method: 'POST', headers: rebound, body: '{}' });
    expect(token.status).toBe(403);
    expect(token.headers['access-control-allow-origin']).toBeUndefined();
    expect(token.body).not.toContain('"token"');
    const preflight = await rawRequest(`${app.url}/v3/directline/conversations`, { method: 'OPTIONS', headers: { ...rebound, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    // Our own page, reached under our own name, still gets its token.
    const own = await rawRequest(`${app.url}/widget/token`, { method: 'POST', headers: { origin: ownOrigin(), 'content-type': 'application/json' }, body: '{}' });
    expect(own.status).toBe(200);
    expect(own.headers['access-control-allow-origin']).toBe(ownOrigin());
    // And a page asked for under another name does not tell the caller that name is ours.
    const page = await rawRequest(`${app.url}/`, { headers: { host: `rebind.example:${port}` } });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('rebind.example');
  });

  it('4. a staff link has one valid spelling: the MAC is compared as written', async () => {
    const from = newAddress();
    const r = await submit();
    const [payload, mac] = r.token.split('.') as [string, string];
    const spellings = macSpellings(mac);
    expect(spellings).toContain(mac);
    expect(new Set(spellings.map((s) => Buffer.from(s, 'base64url').toString('hex'))).size).toBe(1); // one MAC, four spellings
    expect((await rawRequest(r.link, { headers: from })).status).toBe(200);
    for (const other of spellings.filter((s) => s !== mac)) {
      const res = await rawRequest(`${app.url}/staff/a/${payload}.${other}`, { headers: from });
      expect([other, res.status]).toEqual([other, 403]);
      expect(showsPersonal(res.body)).toEqual([]);
    }
  });

  describe('5 and 6. /api/messages refuses at the edge what a turn cannot survive', () => {
    const activity = (extra: Record<string, unknown>) => ({
      type: 'message', id: crypto.randomUUID(), channelId: 'emulator', serviceUrl: app.url, deliveryMode: 'expectReplies',
      conversation: { id: `probe-${crypto.randomUUID()}` }, from: { id: 'user-1' }, recipient: { id: 'binome' }, locale: 'fr-FR', text: 'bonjour', ...extra,
    });
    const post = (body: unknown) => rawRequest(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it('5. neither serviceUrl nor deliveryMode expectReplies: 400 (the replies would have nowhere to go)', async () => {
      const a = activity({});
      delete (a as Record<string, unknown>).serviceUrl;
      delete (a as Record<string, unknown>).deliveryMode;
      const res = await post(a);
      expect(res.status).toBe(400);
      expect(res.body).toContain('serviceUrl');
      expect((await post({ ...a, serviceUrl: 'not a url' })).status).toBe(400);
      expect((await post({ ...a, serviceUrl: 'file:///etc/passwd' })).status).toBe(400);
      // With expectReplies the replies come back in the response: no serviceUrl needed.
      expect((await post({ ...a, deliveryMode: 'expectReplies' })).status).toBe(200);
    });

    it.each([
      ['a NUL in conversation.id', { conversation: { id: 'abc\u0000def' } }, 'conversation.id'],
      ['a control character in channelId', { channelId: 'emu\u0001lator' }, 'channelId'],
      ['a DEL in conversation.id', { conversation: { id: 'abc\u007f' } }, 'conversation.id'],
      ['a C1 control in conversation.id', { conversation: { id: 'abc\u0085' } }, 'conversation.id'],
      ['a lone surrogate in conversation.id', { conversation: { id: 'abc\ud800' } }, 'conversation.id'],
      ['a line separator in channelId', { channelId: 'emu\u2028' }, 'channelId'],
      ['a NUL in from.id', { from: { id: 'user\u0000' } }, 'from.id'],
      ['a NUL in recipient.id', { recipient: { id: 'bot\u0000' } }, 'recipient.id'],
    ])('6. %s: 400 naming the field, and nothing stored', async (_name, extra, field) => {
      const before = await app.db.prisma.botState.count();
      const res = await post(activity(extra));
      expect(res.status).toBe(400);
      expect(res.body).toContain(field);
      expect(leaksInternals(res.body)).toBe(false);
      expect(await app.db.prisma.botState.count()).toBe(before);
    });

    it.each([
      ['membersAdded as a string', { type: 'conversationUpdate', membersAdded: 'x' }, 'membersAdded'],
      ['membersAdded holding numbers', { type: 'conversationUpdate', membersAdded: [1, null] }, 'membersAdded'],
      ['attachments as a string', { attachments: 'x' }, 'attachments'],
      ['entities as a string', { entities: 'x' }, 'entities'],
    ])('lists the bot walks through, malformed (%s, found by the fuzz): 400 instead of a failed turn', async (_name, extra, field) => {
      const res = await post(activity(extra));
      expect(res.status).toBe(400);
      expect(res.body).toContain(field);
    });

    it.each([
      ['an object', { a: 'b' }],
      ['an array', [{}, [null, false, 'x', 1e-158]]],
      ['a number', 42],
    ])('an activity id that is %s (found by the fuzz: its reply could not be addressed, the turn failed with the generic apology): 400 naming id', async (_name, id) => {
      const before = await app.db.prisma.botState.count();
      const res = await post(activity({ id, deliveryMode: 'normal', serviceUrl: 'http://127.0.0.1:9/' }));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ error: 'bad_request', message: 'Invalid activity: id.' });
      expect(leaksInternals(res.body)).toBe(false);
      expect(await app.db.prisma.botState.count()).toBe(before);
    });

    it('6. the Direct Line endpoint never lets such an id reach the bot either', async () => {
      for (const id of ['abc%00def', 'abc%01', '%E2%80%A8']) {
        const res = await rawRequest(`${app.url}/v3/directline/conversations/${id}/activities`, { headers: { authorization: `Bearer ${SECRET}` } });
        expect([id, res.status]).toEqual([id, 404]);
      }
    });
  });

  describe('7. failed attempts are throttled per address; staff forms only from our own pages', () => {
    it('three wrong links from one address, then 429 for it (even with a right link), not for another address', async () => {
      const attacker = newAddress();
      const r = await submit();
      const [payload] = r.token.split('.') as [string, string];
      for (let i = 0; i < 3; i++) {
        expect((await rawRequest(`${app.url}/staff/a/${payload}.${crypto.randomBytes(32).toString('base64url')}`, { headers: attacker })).status).toBe(403);
      }
      const blocked = await rawRequest(r.link, { headers: attacker });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(showsPersonal(blocked.body)).toEqual([]);
      expect((await formPost(r.link, { action: 'accept' }, attacker)).status).toBe(429);
      expect((await app.db.prisma.assignment.findUniqueOrThrow({ where: { id: r.assignment.id } })).status).toBe('pending');
      expect((await rawRequest(r.link, { headers: newAddress() })).status).toBe(200);
    });

    it('an expired link we signed is no guess: it is not counted', async () => {
      const from = newAddress();
      const r = await submit();
      const expired = createActionToken({ assignmentId: r.assignment.id, exp: Math.floor(clock / 1000) - 1 }, await app.handoff.linkKey());
      for (let i = 0; i < 5; i++) expect((await rawRequest(`${app.url}/staff/a/${expired}`, { headers: from })).status).toBe(410);
      expect((await rawRequest(r.link, { headers: from })).status).toBe(200);
    });

    it('wrong API keys from one address, then 429; the right key from another address still works', async () => {
      const r = await submit();
      const key = crypto.randomBytes(24).toString('base64url');
      await app.db.prisma.association.update({ where: { id: r.assignment.associationId }, data: { apiKeyHash: hashApiKey(key) } });
      const call = (k: string, from: Record<string, string>) => rawRequest(`${app.url}/api/requests/${r.id}/accept`, {
        method: 'POST', body: '{}', headers: { 'content-type': 'application/json', authorization: `Bearer ${k}`, ...from },
      });
      const attacker = newAddress();
      for (let i = 0; i < 3; i++) expect((await call(crypto.randomBytes(24).toString('base64url'), attacker)).status).toBe(401);
      const blocked = await call(key, attacker);
      expect(blocked.status).toBe(429);
      expect(JSON.parse(blocked.body)).toMatchObject({ error: 'too_many_attempts' });
      expect((await call(key, newAddress())).status).toBe(200);
    });

    it('an X-Forwarded-For that is not an address counts the caller as the peer (never a free new address per request)', async () => {
      // The server trusts loopback here; a forged header from the same peer names the caller,
      // and "unknown" or garbage falls back to the peer (never a free new address per request).
      const garbage = { 'x-forwarded-for': 'not-an-address' };
      const r = await submit();
      const [payload] = r.token.split('.') as [string, string];
      for (let i = 0; i < 3; i++) await rawRequest(`${app.url}/staff/a/${payload}.x${i}`, { headers: garbage });
      expect((await rawRequest(r.link, { headers: { 'x-forwarded-for': 'still-garbage' } })).status).toBe(429);
    });

    it('a POST on a staff link from another site, a sandboxed page or a cross-site form is refused, and changes nothing', async () => {
      const from = newAddress();
      const r = await submit();
      const cases: [string, Record<string, string>][] = [
        ['another site', { origin: 'https://evil.example' }],
        ['origin null', { origin: 'null' }],
        ['a name that resolves here', { origin: `http://rebind.example:${new URL(app.url).port}` }],
        ['no Origin, Sec-Fetch-Site cross-site', { origin: '', 'sec-fetch-site': 'cross-site' }],
      ];
      for (const [name, headers] of cases) {
        const h: Record<string, string> = { ...from, ...headers };
        if (h.origin === '') delete h.origin;
        const res = await rawRequest(r.link, { method: 'POST', body: 'action=accept', headers: { 'content-type': 'application/x-www-form-urlencoded', ...h } });
        expect([name, res.status]).toEqual([name, 403]);
        expect(showsPersonal(res.body)).toEqual([]);
      }
      expect((await app.db.prisma.assignment.findUniqueOrThrow({ where: { id: r.assignment.id } })).status).toBe('pending');
      expect((await formPost(r.link, { action: 'accept' }, from)).status).toBe(200);
    });
  });

  it('asset names that are Object.prototype keys are unknown files, not a crash (found by the fuzz)', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '..%2Fpackage.json']) {
      const res = await rawRequest(`${app.url}/assets/${name}`);
      expect([name, res.status]).toEqual([name, 404]);
    }
    expect((await rawRequest(`${app.url}/healthz`)).status).toBe(200);
  });

  it('a multipart upload is refused before it is read: no file lands in the temporary directory', async () => {
    const uploads = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('upload_')).length;
    const before = uploads();
    const boundary = 'probe-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${'x'.repeat(100_000)}\r\n--${boundary}--\r\n`;
    for (const path of ['/api/messages', '/widget/token', '/staff/a/x.y', '/nowhere']) {
      const res = await rawRequest(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
      expect([path, res.status]).toEqual([path, path === '/nowhere' ? 404 : 415]);
    }
    expect(uploads()).toBe(before);
  });

  it('HTML pages carry the security headers; personal data is never cached', async () => {
    const r = await submit();
    const staff = await rawRequest(r.link, { headers: newAddress() });
    expect(staff.headers).toMatchObject({
      'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY', 'x-robots-tag': 'noindex, nofollow',
    });
    expect(staff.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const path of ['/', '/chat']) {
      const res = await rawRequest(`${app.url}${path}`);
      expect(res.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
      expect(res.headers['content-security-policy']).toContain("base-uri 'none'");
    }
    const c = await directLineConversation();
    const activities = await rawRequest(`${app.url}/v3/directline/conversations/${c.conversationId}/activities`, { headers: { authorization: `Bearer ${c.token}` } });
    expect(activities.status).toBe(200);
    expect(activities.headers['cache-control']).toBe('no-store');
    expect((await rawRequest(`${app.url}/healthz`)).headers['cache-control']).toBe('no-store');
    // Static assets may be cached: they hold nothing personal.
    expect((await rawRequest(`${app.url}/assets/style.css`)).headers['cache-control']).toBe('public, max-age=300');
  });

  it('the young person\'s pages (/ and /chat) open in a browsing context of their own (Cross-Origin-Opener-Policy)', async () => {
    for (const path of ['/', '/chat', '/?lang=en', '/chat?lang=en']) {
      const res = await rawRequest(`${app.url}${path}`);
      expect([path, res.status, res.headers['cross-origin-opener-policy']]).toEqual([path, 200, 'same-origin']);
    }
  });
});
