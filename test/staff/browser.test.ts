import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../index';
import { chromiumAvailable, launchChromium, waitUntil, WebChatDriver } from '../helpers/browser';
import { startApp } from '../helpers/http';

const run = chromiumAvailable() ? describe : describe.skip;
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA rules on the page as shown: the violations, and how many rules passed. */
async function axe(page: Page): Promise<{ violations: string[]; passes: number }> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, opts: unknown): Promise<{ passes: unknown[]; violations: { id: string; nodes: { target: unknown }[] }[] }> } };
    return g.axe.run(g.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return { violations: result.violations.map((v) => `${page.url()}: ${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`), passes: result.passes.length };
}

run('the staff inbox in chromium: an association logs in by link and accepts; the young person hears it in the widget', () => {
  let app: App;
  let browser: Browser;
  const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-inbox-browser-'));

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      // The worker runs in the server, as with npm start: the news reaches the open widget by itself.
      startApp('pglite://memory', { OUTBOX_DIR: outbox, OUTBOX_POLL_MS: '100', DIRECTLINE_NEW_CONVERSATIONS_PER_MINUTE: '100' }),
      launchChromium(),
    ]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    fs.rmSync(outbox, { recursive: true, force: true });
  });

  it('intake in the widget, login by link, accept in the inbox, news in the conversation; axe finds nothing on the staff pages', async () => {
    // The young person, on the chat page.
    const young = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const chatPage = await young.newPage();
    await chatPage.goto(`${app.url}/chat?lang=fr`);
    const chat = new WebChatDriver(chatPage, chatPage);
    await chat.waitForBotText(/d.accord pour continuer/);
    for (const text of ['oui', 'Inès', "j'ai 17 ans", 'je suis en terminale générale', 'je sais pas quoi faire après le bac', 'Lyon', 'aucune', 'à distance', 'le mercredi après-midi', 'ines@example.fr', "c'est bon", 'oui']) {
      await chat.say(text);
    }
    let assignment: { id: string; associationId: string } | null = null;
    await waitUntil('the stored request', async () => {
      assignment = await app.db.prisma.assignment.findFirst({ where: { request: { payload: { path: ['firstName'], equals: 'Inès' } } }, select: { id: true, associationId: true } });
      return !!assignment;
    });
    const { id: assignmentId, associationId } = assignment!;

    // Staff, on a phone, open the link they were given (npm run staff -- link <association>).
    const staff = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true, locale: 'fr-FR' });
    const page = await staff.newPage();
    const link = (await app.handoff.auth.issueLink(associationId, app.url))!;
    await page.goto(link.url);
    const violations: string[] = [];
    const passes: number[] = [];
    const check = async () => {
      const r = await axe(page);
      violations.push(...r.violations);
      passes.push(r.passes);
      // Readable on a phone: nothing wider than the screen.
      expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    };
    await check();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/staff\/inbox\?lang=fr$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Demandes confiées à /);
    await check();
    await page.getByRole('link', { name: /Ouvrir la demande réf\./ }).first().click();
    await page.waitForURL(new RegExp(`/staff/inbox/${assignmentId}`));
    expect(await page.locator('main').innerText()).toContain('ines@example.fr');
    await check();
    await page.getByRole('button', { name: 'Nous prenons la demande' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').innerText()).toMatch(/La demande est acceptée/);
    await check();

    // The young person's conversation says so, by itself (the outbox worker, the Direct Line adapter).
    await chat.waitForBotText(/Bonne nouvelle ! .+ a accepté ta demande de mentor/, 30_000);

    // English through the switch.
    await page.getByRole('link', { name: 'Read in English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await check();

    // The coordinator's inbox (alerts) and dashboard.
    const coord = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true, locale: 'fr-FR' });
    const cpage = await coord.newPage();
    await cpage.goto((await app.handoff.auth.issueLink('collectif-mentorat', app.url))!.url);
    await cpage.getByRole('button', { name: 'Se connecter' }).click();
    await cpage.waitForURL(/\/staff\/inbox/);
    const dismiss = cpage.getByRole('button', { name: "Classer l'alerte" });
    expect(await dismiss.count()).toBeGreaterThanOrEqual(1);
    const r1 = await axe(cpage);
    // Dismissing an alert is a real form post from the page (its CSRF token, the browser's Origin).
    await dismiss.first().click();
    await cpage.waitForURL(/done=alertDismissed/);
    expect(await cpage.getByRole('status').innerText()).toContain('classée');
    const r1b = await axe(cpage);
    await cpage.getByRole('link', { name: 'Tableau de bord' }).click();
    await cpage.waitForURL(/\/staff\/dashboard/);
    expect(await cpage.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(4);
    // The charts fit a phone's width.
    expect(await cpage.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The funnel counted this conversation: consent, the questions, the summary, the submission.
    expect(await cpage.locator('main').innerText()).toMatch(/Demande envoyée/);
    const r2 = await axe(cpage);
    violations.push(...r1.violations, ...r1b.violations, ...r2.violations);
    passes.push(r1.passes, r1b.passes, r2.passes);
    expect(violations).toEqual([]);
    // axe really looked (labels, contrast, names of buttons, headings...).
    expect(passes.every((n) => n >= 10)).toBe(true);
    await Promise.all([young.close(), staff.close(), coord.close()]);
  }, 180_000);
});
