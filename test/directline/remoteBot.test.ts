import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChannelTokens } from '../../adapters/botframework/channelAuth';
import { createWidgetServer, type WidgetServer } from '../../adapters/directline/widgetServer';
import { silentLogger } from '../../bots/log';
import { loadConfig } from '../../config';
import type { App } from '../../index';
import { waitUntil } from '../helpers/browser';
import { nodeDirectLine, Received } from '../helpers/directLineNode';
import { startApp } from '../helpers/http';
import { templateRegExp } from '../helpers/transcripts';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
const CHANNEL_SECRET = 'channel-secret-0123456789-abcdefghijklmnop';
const fr = (key: string) => templateRegExp('fr', key);

/** The widget alone (npm run widget): no database, no bot. */
const startWidget = (env: Record<string, string>) =>
  createWidgetServer({ config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DIRECTLINE_SECRET: SECRET, ...env }), log: silentLogger });

/**
 * The widget's endpoint alone in one server, the bot (the whole app, with its database)
 * in another, talking the Bot Framework protocol over loopback HTTP.
 */
describe('the Direct Line endpoint with the bot behind the Bot Framework protocol (DIRECTLINE_BOT_URL)', () => {
  let bot: App;
  let widget: WidgetServer;
  let domain: string;
  const clients: Received[] = [];
  const tokens = new ChannelTokens(CHANNEL_SECRET);

  beforeAll(async () => {
    bot = await startApp('pglite://memory', { BOT_CHANNEL_SECRET: CHANNEL_SECRET });
    widget = await startWidget({ DIRECTLINE_BOT_URL: `${bot.url}/api/messages`, BOT_CHANNEL_SECRET: CHANNEL_SECRET });
    domain = `${widget.url}/v3/directline`;
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.end();
    await widget?.close();
    await bot?.close();
  });

  async function open(locale = 'fr-FR', webSocket = true): Promise<{ r: Received; conversationId: string }> {
    const res = await fetch(`${domain}/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: JSON.stringify({ locale }) });
    const { token, conversationId } = (await res.json()) as { token: string; conversationId: string };
    const r = new Received(nodeDirectLine({ domain, token, webSocket }));
    clients.push(r);
    return { r, conversationId };
  }
  const serviceUrl = () => `${widget.url}/v3/directline/connector`;
  const storedIn = (app: App, conversationId: string) => app.db.prisma.mentoringRequest.findMany({ where: { conversationKey: `directline/conversations/${conversationId}` } });

  it('a whole intake typed in the widget is run and stored by the bot in the other process, and its news reaches the widget', async () => {
    const { r, conversationId } = await open();
    await r.waitForBotText(fr('intake.consent.ask'));
    for (const text of ['oui', 'Inès', "j'ai 17 ans", 'je suis en terminale générale', 'je sais pas quoi faire après le bac', 'Lyon', 'aucune', 'à distance', 'le mercredi après-midi', 'ines@example.fr', "c'est bon", 'oui']) {
      await r.post(text);
    }
    let rows: Awaited<ReturnType<typeof storedIn>> = [];
    await waitUntil('the request stored by the bot', async () => (rows = await storedIn(bot, conversationId)).length > 0);
    expect(rows[0]!.payload).toMatchObject({ firstName: 'Inès', age: 17, channel: 'directline', place: { commune: '69123' } });
    expect(serviceUrl()).toBe(widget.serviceUrl);
    // The bot kept how to reach this conversation again: the connector of the widget's endpoint, reached with the channel secret.
    const ref = rows[0]!.conversationRef as { serviceUrl: string; callerId: string; channelId: string };
    expect(ref).toMatchObject({ channelId: 'directline', serviceUrl: serviceUrl(), callerId: 'urn:binome:channel' });
    // Every reply reached the widget, in order, each once.
    const texts = r.botTexts();
    expect(texts.filter((t) => fr('intake.consent.ask').test(t))).toHaveLength(1);
    expect(texts.some((t) => t.includes('Prénom : Inès'))).toBe(true);

    // News about the request, through the path the outbox uses, from the bot's process.
    expect(await bot.proactive.send(ref, 'Ta demande a été acceptée.')).toBe('sent');
    await r.waitForBotText(/^Ta demande a été acceptée\.$/);
    // The page was closed and the widget forgot the conversation: the bot hears it is gone, and the outbox would use the e-mail.
    r.end();
    widget.directLine.hub.remove(conversationId, 'test');
    expect(await bot.proactive.send(ref, 'Encore une nouvelle.')).toBe('unsupported');
  }, 120_000);

  it('the widget alone serves the page, the embed script, Web Chat and its health', async () => {
    for (const [path, type] of [['/', /text\/html/], ['/widget.js', /javascript/], ['/chat?lang=en', /text\/html/]] as const) {
      const res = await fetch(`${widget.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
    }
    expect(await (await fetch(`${widget.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    // The bot's endpoint is not here: this process has no bot.
    expect((await fetch(`${widget.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
  });

  it('polling works the same, in English', async () => {
    const { r } = await open('en-US', false);
    await r.waitForBotText(templateRegExp('en', 'intake.consent.ask'));
    await r.post('yes');
    await r.waitForBotText(templateRegExp('en', 'intake.firstName.ask'));
  }, 60_000);

  it('the bot refuses requests not signed with the channel secret, or for another serviceUrl', async () => {
    const activity = (url: string) => JSON.stringify({ type: 'message', id: 'x1', channelId: 'directline', serviceUrl: url, conversation: { id: 'c1' }, from: { id: 'dl_u', role: 'user' }, recipient: { id: 'binome' }, text: 'oui' });
    const post = (token: string, url = serviceUrl()) => fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: activity(url) });
    const other = new ChannelTokens('another-secret-0123456789-abcdefghijklmnop');
    expect((await post(other.toBot.issue({ s: serviceUrl() }).token)).status).toBe(401);
    // A valid token names the serviceUrl: the bot will not be sent to answer anywhere else.
    expect((await post(tokens.toBot.issue({ s: serviceUrl() }).token, 'http://127.0.0.1:9/elsewhere')).status).toBe(401);
    // The token the bot sends the channel is no good the other way round: such a caller is
    // anonymous, held to the loopback rules of a bot without credentials (no remote serviceUrl).
    expect((await post(tokens.toChannel.issue({ aud: serviceUrl() }).token, 'https://widget.example/v3/directline/connector')).status).toBe(400);
    const expired = new ChannelTokens(CHANNEL_SECRET, () => Date.now() - 3_600_000);
    expect((await post(expired.toBot.issue({ s: serviceUrl() }).token)).status).toBe(401);
  });

  it("the connector takes the bot's replies only with the bot's token, for a known conversation, and refuses what Direct Line cannot do", async () => {
    const { r, conversationId } = await open();
    await r.waitForBotText(fr('intake.consent.ask'));
    const base = `${serviceUrl()}/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
    const send = (token: string | undefined, body: unknown, url = base, method = 'POST') =>
      fetch(url, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const good = () => tokens.toChannel.issue({ aud: serviceUrl() }).token;
    const message = { type: 'message', text: 'Un message du bot.' };
    expect((await send(undefined, message)).status).toBe(401);
    expect((await send(tokens.toChannel.issue({ aud: 'http://other.example/v3/directline/connector' }).token, message)).status).toBe(401);
    expect((await send(tokens.toBot.issue({ s: serviceUrl() }).token, message)).status).toBe(401);
    expect((await send(good(), message, `${serviceUrl()}/v3/conversations/unknown-conversation/activities`)).status).toBe(404);
    expect((await send(good(), { type: 'invoke', name: 'x' })).status).toBe(400);
    expect((await send(good(), { type: 'message', text: 'x'.repeat(20_001) })).status).toBe(400);
    expect((await send(good(), message, `${base}/some-id`, 'PUT')).status).toBe(501);
    expect(r.botTexts()).not.toContain('Un message du bot.');
    const ok = await send(good(), message, `${base}/${encodeURIComponent(`${conversationId}|0000001`)}`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { id: string }).id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));
    await r.waitForBotText(/^Un message du bot\.$/);
  });

  it.each([
    ['refuses the channel (another secret)', () => ({ DIRECTLINE_BOT_URL: `${bot.url}/api/messages`, BOT_CHANNEL_SECRET: 'not-the-bots-secret-0123456789-abcdefghijkl' })],
    ['cannot be reached', () => ({ DIRECTLINE_BOT_URL: 'http://127.0.0.1:9/api/messages', BOT_CHANNEL_SECRET: CHANNEL_SECRET })],
  ])('a bot that %s: the young person is told to try again, nothing breaks', async (_name, env) => {
    const lonely = await startWidget(env());
    try {
      const res = await fetch(`${lonely.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: '{"locale":"fr-FR"}' });
      const { token } = (await res.json()) as { token: string };
      const r = new Received(nodeDirectLine({ domain: `${lonely.url}/v3/directline`, token, webSocket: false }));
      clients.push(r);
      // The welcome could not be had from the bot: the endpoint apologises in the page's language.
      await r.waitForBotText(fr('errors.tryAgain'));
      await r.post('oui');
      await waitUntil('a second apology', () => r.botTexts().filter((t) => fr('errors.tryAgain').test(t)).length === 2);
      expect(r.botTexts().join('\n')).not.toMatch(/401|Unauthorized|Error|ECONNREFUSED/);
    } finally {
      await lonely.close();
    }
  }, 60_000);

  it('refuses to start with a bot URL but no channel secret, and the widget alone without a bot URL', async () => {
    await expect(startApp('pglite://memory', { DIRECTLINE_BOT_URL: `${bot.url}/api/messages` })).rejects.toThrow(/BOT_CHANNEL_SECRET/);
    await expect(startWidget({})).rejects.toThrow(/DIRECTLINE_BOT_URL/);
  });
});

describe('the bot as its own OS process (npm start), and npm start with DIRECTLINE_BOT_URL in front of it', () => {
  it('talks to the widget through the Bot Framework protocol; the front process runs no turn itself', async () => {
    const root = path.resolve(__dirname, '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'index.ts')], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'pglite://memory', BOT_CHANNEL_SECRET: CHANNEL_SECRET, OUTBOX_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'binome-remote-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', () => undefined);
    let widget: App | undefined;
    try {
      await waitUntil('the bot process to listen', () => /running on (http:\/\/\S+) /.test(out), 60_000);
      const botUrl = /running on (http:\/\/\S+) /.exec(out)![1]!;
      widget = await startApp('pglite://memory', { DIRECTLINE_SECRET: SECRET, DIRECTLINE_BOT_URL: `${botUrl}/api/messages`, BOT_CHANNEL_SECRET: CHANNEL_SECRET });
      const res = await fetch(`${widget.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: '{"locale":"fr-FR"}' });
      const { token } = (await res.json()) as { token: string };
      const r = new Received(nodeDirectLine({ domain: `${widget.url}/v3/directline`, token, webSocket: true }));
      try {
        await r.waitForBotText(fr('intake.consent.ask'), 30_000);
        await r.post('oui');
        await r.waitForBotText(fr('intake.firstName.ask'));
      } finally {
        r.end();
      }
      // The front process's own bot never ran for the widget: no conversation state in its database.
      expect(await widget.db.prisma.botState.count()).toBe(0);
      // Nothing the young person wrote is in the bot process's output.
      expect(out).not.toMatch(/\boui\b/);
    } finally {
      await widget?.close();
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 120_000);
});
