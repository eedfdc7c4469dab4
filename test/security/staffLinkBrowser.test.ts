import type { Browser } from 'playwright-core';
import type { App } from '../../index';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { startApp } from '../helpers/http';
import { showsPersonal, submitForStaff } from './staffFixtures';

const run = chromiumAvailable() ? describe : describe.skip;
const ATTACKER = 'http://attacker.test';

/**
 * The staff link's forms in a real browser: what chromium sends as Origin from our page
 * (with the page's referrer policy) must pass the Origin check, and a form on another
 * site's page that posts to the link must not. (With `no-referrer`, browsers send
 * "Origin: null" on a form POST, and the check would refuse staff's own answers.)
 */
run('staff link forms in chromium', () => {
  let app: App;
  let browser: Browser;
  const clock = Date.parse('2026-11-23T09:00:00Z');

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp('pglite://memory', { OUTBOX_WORKER: 'off' }, { now: () => new Date(clock) }), launchChromium()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('staff accept from the page; the answer is recorded', async () => {
    const r = await submitForStaff(app, clock);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(r.link);
    const [response] = await Promise.all([page.waitForResponse((res) => res.request().method() === 'POST'), page.click('button.accept')]);
    expect(response.request().headers().origin).toBe(new URL(app.url).origin);
    expect(response.status()).toBe(200);
    expect(await page.textContent('body')).toContain('La demande est acceptée');
    expect((await app.db.prisma.assignment.findUniqueOrThrow({ where: { id: r.assignment.id } })).status).toBe('accepted');
    await context.close();
  });

  it('staff decline with a reason; the page then shows nothing personal', async () => {
    const r = await submitForStaff(app, clock);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(r.link);
    expect(showsPersonal(await page.content()).length).toBeGreaterThan(0);
    await page.fill('#reason', 'Plus de mentors disponibles');
    const [response] = await Promise.all([page.waitForResponse((res) => res.request().method() === 'POST'), page.click('button.decline')]);
    expect(response.status()).toBe(200);
    expect(showsPersonal(await page.content())).toEqual([]);
    await page.goto(r.link);
    expect(showsPersonal(await page.content())).toEqual([]);
    await context.close();
  });

  it("another site's page that submits a form to the link is refused; nothing changes", async () => {
    const r = await submitForStaff(app, clock);
    const context = await browser.newContext();
    await context.route(`${ATTACKER}/**`, (route) => route.fulfill({
      status: 200, contentType: 'text/html',
      body: `<html><body><form id="f" method="post" action="${r.link}"><input type="hidden" name="action" value="accept"></form><script>document.getElementById('f').submit()</script></body></html>`,
    }));
    const page = await context.newPage();
    const refused = page.waitForResponse((res) => res.request().method() === 'POST');
    await page.goto(`${ATTACKER}/`);
    const response = await refused;
    expect(response.status()).toBe(403);
    expect(showsPersonal(await response.text())).toEqual([]);
    expect((await app.db.prisma.assignment.findUniqueOrThrow({ where: { id: r.assignment.id } })).status).toBe('pending');
    await context.close();
  });
});
