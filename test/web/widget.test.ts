import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { App } from '../../index';
import { chromiumAvailable, launchChromium, waitUntil, WebChatDriver, widgetFrame } from '../helpers/browser';
import { startApp } from '../helpers/http';
import { templateRegExp } from '../helpers/transcripts';

const run = chromiumAvailable() ? describe : describe.skip;
const NEUTRAL = 'https://www.google.fr/';
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The request stored for a widget conversation, once it is there. */
async function storedRequest(app: App, conversationId: string) {
  let rows: Awaited<ReturnType<App['db']['prisma']['mentoringRequest']['findMany']>> = [];
  await waitUntil('the stored request', async () => {
    rows = await app.db.prisma.mentoringRequest.findMany({ where: { conversationKey: `directline/conversations/${conversationId}` } });
    return rows.length > 0;
  });
  return rows;
}

const conversationIdIn = async (frame: { evaluate: Page['evaluate'] }) => {
  let id = '';
  await waitUntil('the conversation id', async () => {
    id = await frame.evaluate(() => (globalThis as unknown as { binomeDirectLine?: { conversationId?: string } }).binomeDirectLine?.conversationId ?? '').catch(() => '');
    return !!id;
  });
  return id;
};

run('the web widget in chromium (official Web Chat on our Direct Line endpoint)', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp('pglite://memory', { DIRECTLINE_NEW_CONVERSATIONS_PER_MINUTE: '100' }), launchChromium()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // No network here: the quick exit's neutral site is answered locally.
    await context.route(`${NEUTRAL}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<html lang="fr"><title>Google</title></html>' }));
  });
  afterEach(async () => {
    await context?.close();
  });

  it('completes a whole intake typed in free text on the French page (desktop: corner panel), and stores the request', async () => {
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    const panel = await page.locator('#binome-panel').boundingBox();
    expect(panel!.width).toBeLessThan(500); // a corner panel, not the whole screen
    const frame = await widgetFrame(page);
    const chat = new WebChatDriver(page, page.frameLocator('#binome-panel iframe'));
    await chat.waitForBotText(/d.accord pour continuer/);
    for (const text of ['oui', 'Inès', "j'ai 17 ans", 'je suis en terminale générale', 'je sais pas quoi faire après le bac', 'Lyon', 'aucune', 'à distance', 'le mercredi après-midi', 'ines@example.fr']) {
      await chat.say(text);
    }
    // The summary stays readable: one answer per line.
    const summary = (await chat.botTexts()).find((t) => t.includes('Prénom'))!;
    expect(summary).toMatch(/Prénom : Inès\s*\n[\s\S]*Âge : 17 ans\s*\n/);
    await chat.say("c'est bon");
    await chat.say('oui');
    const rows = await storedRequest(app, await conversationIdIn(frame));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ firstName: 'Inès', age: 17, channel: 'directline', locale: 'fr', place: { commune: '69123' } });
  }, 120_000);

  it('completes a whole intake with the buttons on a phone (full screen), keyboard included', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    const panel = await page.locator('#binome-panel').boundingBox();
    expect(panel).toMatchObject({ x: 0, y: 0, width: 390, height: 800 });
    const frame = await widgetFrame(page);
    const chat = new WebChatDriver(page, page.frameLocator('#binome-panel iframe'));
    await chat.click('Oui, on y va', { keyboard: true });
    await chat.click('Passer');
    await chat.say('16');
    for (const label of ['Lycée général', 'Première', 'Orientation', 'Passer', 'Aucune de ces situations', 'À distance', 'Passer']) await chat.click(label);
    await chat.say('lea@example.fr');
    await chat.click("C'est bon");
    await chat.click(/^\s*Envoyer à /);
    const rows = await storedRequest(app, await conversationIdIn(frame));
    expect(rows[0]!.payload).toMatchObject({ age: 16, firstName: null, needs: ['orientation'], meeting: 'remote', contact: { email: 'lea@example.fr' } });
  }, 120_000);

  it('continues where it was after the WebSocket drops', async () => {
    const page = await context.newPage();
    await page.goto(`${app.url}/chat?lang=fr`);
    const chat = new WebChatDriver(page, page);
    await chat.click('Oui, on y va');
    await chat.say('Noé');
    const id = await conversationIdIn(page);
    const conversation = app.directLine.hub.get(id)!;
    expect(conversation.subscribers.size).toBe(1);
    // The server drops the socket; the client asks for a new stream URL and reconnects with its watermark.
    for (const s of [...conversation.subscribers]) s.close('dropped');
    await waitUntil('the client to reconnect', () => conversation.subscribers.size === 1, 25_000);
    await chat.say('19');
    await chat.waitForBotText(templateRegExp('fr', 'intake.situation.ask'));
    const texts = await chat.botTexts();
    // Nothing shown twice after the reconnect.
    expect(texts.filter((t) => /d.accord pour continuer/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => templateRegExp('fr', 'intake.age.ask').test(t))).toHaveLength(1);
  }, 60_000);

  it('works in polling mode (webSocket: false)', async () => {
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${app.url}/chat?lang=fr&transport=polling`);
    const chat = new WebChatDriver(page, page);
    await chat.click('Oui, on y va');
    await chat.say('Sam');
    await chat.waitForBotText(templateRegExp('fr', 'intake.age.ask'));
    expect(sockets).toEqual([]);
  }, 60_000);

  it('speaks English on the English page', async () => {
    const page = await context.newPage();
    await page.goto(`${app.url}/?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('h1').innerText()).resolves.toBe('Find a mentor with Binôme');
    const frame = page.frameLocator('#binome-panel iframe');
    const chat = new WebChatDriver(page, frame);
    await chat.waitForBotText(templateRegExp('en', 'intake.consent.ask'));
    await expect(frame.locator('#quick-exit').innerText()).resolves.toBe('Quick exit');
    await chat.click("Yes, let's go");
    await chat.waitForBotText(templateRegExp('en', 'intake.firstName.ask'));
  }, 60_000);

  it('has no WCAG 2.1 A/AA violation (axe-core) with the conversation open, and the quick exit comes first', async () => {
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    const chat = new WebChatDriver(page, page.frameLocator('#binome-panel iframe'));
    await chat.click('Oui, on y va');
    await chat.say('Inès');
    const frame = await widgetFrame(page);
    const violations: string[] = [];
    const rulesPassed: number[] = [];
    for (const target of [page.mainFrame(), frame]) {
      await target.evaluate(AXE_SOURCE);
      const result = await target.evaluate(async () => {
        const g = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, opts: unknown): Promise<{ passes: unknown[]; violations: { id: string; nodes: { target: unknown }[] }[] }> } };
        return g.axe.run(g.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, iframes: false });
      });
      rulesPassed.push(result.passes.length);
      for (const v of result.violations) violations.push(`${target.url()}: ${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    }
    expect(violations).toEqual([]);
    // axe really looked at both documents (labels, contrast, names of the buttons...).
    expect(rulesPassed.every((n) => n >= 10)).toBe(true);

    // Keyboard only: in the chat, the first Tab reaches the quick exit.
    const chatPage = await context.newPage();
    await chatPage.goto(`${app.url}/chat?lang=fr`);
    await chatPage.keyboard.press('Tab');
    expect(await chatPage.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('quick-exit');
  }, 60_000);

  it('quick exit leaves for a neutral site at once, and Back does not come back', async () => {
    const page = await context.newPage();
    await page.goto('about:blank');
    await page.goto(`${app.url}/`);
    const chat = new WebChatDriver(page, page.frameLocator('#binome-panel iframe'));
    await chat.click('Oui, on y va');
    await page.frameLocator('#binome-panel iframe').locator('#quick-exit').click();
    await page.waitForURL(NEUTRAL);
    await page.goBack().catch(() => null);
    expect(page.url()).not.toContain(app.url);
  }, 60_000);

  it('erase clears the conversation from the screen and from memory, and starts a new one', async () => {
    const page = await context.newPage();
    await page.goto(`${app.url}/chat?lang=fr`);
    const chat = new WebChatDriver(page, page);
    await chat.click('Oui, on y va');
    await chat.say('Inès');
    const first = await conversationIdIn(page);
    await page.locator('#erase').click();
    await page.waitForURL((url) => !url.searchParams.has('erased') && url.pathname === '/chat');
    await chat.waitForBotText(/d.accord pour continuer/);
    expect((await chat.botTexts()).some((t) => t.includes('Inès'))).toBe(false);
    await waitUntil('a new conversation', async () => (await conversationIdIn(page)) !== first);
    expect(app.directLine.hub.get(first)).toBeUndefined();
    await expect(page.locator('#status').textContent()).resolves.toMatch(/effacée/);
  }, 60_000);
});
