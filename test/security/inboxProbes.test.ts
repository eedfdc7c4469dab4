import type { App } from '../../index';
import { startApp } from '../helpers/http';
import { rawRequest } from './probe';
import { submitForStaff } from './staffFixtures';

/**
 * The outside probe's rules (issue 21) on the staff inbox (issue 16), which was built beside
 * them: a login form is accepted only from our own origin, never from a name the caller
 * chose for both Host and Origin (DNS rebinding); forged login links count against the
 * caller's address like forged staff links and API keys.
 */
describe('staff inbox: origins and forged login links', () => {
  let app: App;
  const clock = Date.parse('2026-11-23T09:00:00Z');
  let nextAddress = 1;
  const newAddress = () => ({ 'x-forwarded-for': `198.51.100.${nextAddress++}` });

  beforeAll(async () => {
    app = await startApp('pglite://memory', { OUTBOX_WORKER: 'off', TRUST_PROXY: 'loopback', AUTH_FAILURES_PER_ADDRESS: '3' }, { now: () => new Date(clock) });
  }, 90_000);
  afterAll(async () => {
    await app?.close();
  });

  const loginPost = (url: string, headers: Record<string, string>) => rawRequest(url, { method: 'POST', body: '', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

  it('a login link posted under a rebound name (Host and Origin both chosen by the caller) is refused and stays unused', async () => {
    const r = await submitForStaff(app, clock);
    const link = (await app.handoff.auth.issueLink(r.assignment.associationId, app.url))!;
    const port = new URL(app.url).port;
    const from = newAddress();
    const rebound = await loginPost(link.url, { ...from, host: `rebind.example:${port}`, origin: `http://rebind.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.headers['set-cookie']).toBeUndefined();
    const refererOnly = await loginPost(link.url, { ...from, host: `rebind.example:${port}`, referer: `http://rebind.example:${port}/staff/login` });
    expect(refererOnly.status).toBe(403);
    const neither = await loginPost(link.url, { ...from });
    expect(neither.status).toBe(403);
    // The link was not spent: our own page still logs in with it.
    const own = await loginPost(link.url, { ...from, origin: new URL(app.url).origin });
    expect(own.status).toBe(303);
    expect(String(own.headers['set-cookie'])).toMatch(/^binome_staff=/);
  });

  it('forged login links are throttled per address (429 before any check), and other addresses are not', async () => {
    const r = await submitForStaff(app, clock);
    const good = (await app.handoff.auth.issueLink(r.assignment.associationId, app.url))!;
    const from = newAddress();
    const forged = `${app.url}/staff/login/${'A'.repeat(40)}.${'B'.repeat(43)}`;
    for (let i = 0; i < 3; i++) expect((await rawRequest(forged, { headers: from })).status).toBe(403);
    const blocked = await rawRequest(good.url, { headers: from });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await loginPost(good.url, { ...from, origin: new URL(app.url).origin })).status).toBe(429);
    // Another address opens the same good link.
    expect((await rawRequest(good.url, { headers: newAddress() })).status).toBe(200);
  });

  it('inbox pages carry the same protective headers as the staff links (one set: adapters/staff/pageHeaders)', async () => {
    const res = await rawRequest(`${app.url}/staff/login`);
    expect(res.status).toBe(200);
    for (const [name, value] of Object.entries({
      'cache-control': 'no-store', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY', 'cross-origin-opener-policy': 'same-origin',
      'x-robots-tag': 'noindex, nofollow',
    })) expect([name, res.headers[name]]).toEqual([name, value]);
    expect(res.headers['permissions-policy']).toContain('camera=()');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
