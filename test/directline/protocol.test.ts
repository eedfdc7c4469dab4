import net from 'node:net';
import { ConnectionStatus } from 'botframework-directlinejs';
import WebSocket from 'ws';
import { TokenSigner } from '../../adapters/directline/tokens';
import type { App } from '../../index';
import { waitUntil } from '../helpers/browser';
import { nodeDirectLine, Received } from '../helpers/directLineNode';
import { startApp } from '../helpers/http';
import { templateRegExp } from '../helpers/transcripts';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
const PARTNER = 'https://partner.example';
const fr = (key: string) => templateRegExp('fr', key);

describe('the Direct Line 3.0 endpoint, driven by botframework-directlinejs in Node', () => {
  let app: App;
  let domain: string;
  const clients: Received[] = [];

  beforeAll(async () => {
    app = await startApp('pglite://memory', { DIRECTLINE_SECRET: SECRET, DIRECTLINE_ALLOWED_ORIGINS: PARTNER, DIRECTLINE_MAX_CONVERSATIONS_PER_ADDRESS: '40' });
    domain = `${app.url}/v3/directline`;
  }, 90_000);
  afterAll(async () => {
    for (const c of clients) c.end();
    await app?.close();
  });

  /** A token as an embedding site's backend gets it: server to server, with the secret. */
  async function generate(locale = 'fr-FR'): Promise<{ conversationId: string; token: string; expires_in: number }> {
    const res = await fetch(`${domain}/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: JSON.stringify({ locale }) });
    expect(res.status).toBe(200);
    return (await res.json()) as { conversationId: string; token: string; expires_in: number };
  }
  const client = (opts: Parameters<typeof nodeDirectLine>[0]) => {
    const r = new Received(nodeDirectLine(opts));
    clients.push(r);
    return r;
  };
  const call = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${domain}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });

  it('polling: welcome at start, echo with clientActivityID, replies, watermarks', async () => {
    const { token, conversationId } = await generate();
    const r = client({ domain, token, webSocket: false });
    await r.waitForBotText(fr('intake.consent.ask'));
    const id = await r.post('oui', { channelData: { clientActivityID: 'client-1' } });
    expect(id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));
    await r.waitForBotText(fr('intake.firstName.ask'));
    const echo = r.activities.find((a) => a.id === id)!;
    expect(echo).toMatchObject({ type: 'message', text: 'oui', from: { role: 'user' }, channelData: { clientActivityID: 'client-1' }, locale: 'fr-FR' });
    // The user id is the conversation's random one, never what the client claimed.
    expect(echo.from.id).toMatch(/^dl_/);

    // A watermark returns only what came after it.
    const all = (await (await call(`/conversations/${conversationId}/activities`, token)).json()) as { activities: { id: string }[]; watermark: string };
    expect(all.activities.length).toBeGreaterThanOrEqual(7);
    const ids = all.activities.map((a) => a.id);
    const mid = Number(ids[3]!.split('|')[1]);
    const after = (await (await call(`/conversations/${conversationId}/activities?watermark=${mid}`, token)).json()) as { activities: { id: string }[]; watermark: string };
    expect(after.activities.map((a) => a.id)).toEqual(ids.slice(4));
    expect(after.watermark).toBe(all.watermark);
    const none = (await (await call(`/conversations/${conversationId}/activities?watermark=${all.watermark}`, token)).json()) as { activities: unknown[] };
    expect(none.activities).toEqual([]);
  });

  it('WebSocket: the default mode, the same conversation, and the welcome only once', async () => {
    const { token } = await generate('en-US');
    const r = client({ domain, token, webSocket: true });
    await r.waitForBotText(templateRegExp('en', 'intake.consent.ask'));
    await r.post('yes');
    await r.waitForBotText(templateRegExp('en', 'intake.firstName.ask'));
    // A second start with the same token is the same conversation, without a second welcome.
    const again = await call('/conversations', token, { method: 'POST', body: '{}' });
    expect(again.status).toBe(200);
    await new Promise((res) => setTimeout(res, 300));
    expect(r.botTexts().filter((t) => templateRegExp('en', 'intake.consent.ask').test(t))).toHaveLength(1);
  });

  it("sends a turn's replies in one WebSocket frame, after the echo of the message", async () => {
    const { token } = await generate();
    const started = (await (await call('/conversations', token, { method: 'POST', body: '{}' })).json()) as { conversationId: string; streamUrl: string };
    const frames: { activities: { from: { role: string }; text?: string }[]; watermark: string }[] = [];
    const ws = new WebSocket(started.streamUrl);
    ws.on('message', (data) => { if (String(data).length > 0) frames.push(JSON.parse(String(data))); });
    await new Promise((resolve) => ws.once('open', resolve));
    try {
      await waitUntil('the welcome', () => frames.some((f) => f.activities.some((a) => fr('intake.consent.ask').test(a.text ?? ''))));
      const before = frames.length;
      await call(`/conversations/${started.conversationId}/activities`, token, { method: 'POST', body: JSON.stringify({ type: 'message', text: 'oui', from: { id: 'x' } }) });
      await waitUntil('the replies', () => frames.slice(before).some((f) => f.activities.some((a) => fr('intake.firstName.ask').test(a.text ?? ''))));
      const turn = frames.slice(before);
      expect(turn[0]!.activities.map((a) => a.from.role)).toEqual(['user']);
      // "Merci" and the next question together, with the watermark of the last one.
      expect(turn).toHaveLength(2);
      expect(turn[1]!.activities.length).toBeGreaterThanOrEqual(2);
      expect(turn[1]!.activities.every((a) => a.from.role === 'bot')).toBe(true);
      expect(Number(turn[1]!.watermark)).toBe(Number(turn[0]!.watermark) + turn[1]!.activities.length);
    } finally {
      ws.close();
    }
  });

  it('refreshes a token: the new one works and lives longer', async () => {
    const { token, conversationId } = await generate();
    await call('/conversations', token, { method: 'POST', body: '{}' });
    await new Promise((res) => setTimeout(res, 1_100)); // expiry is in seconds
    const res = await call('/tokens/refresh', token, { method: 'POST' });
    expect(res.status).toBe(200);
    const refreshed = (await res.json()) as { token: string; conversationId: string; expires_in: number };
    expect(refreshed.conversationId).toBe(conversationId);
    expect(refreshed.token).not.toBe(token);
    const exp = (t: string) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()).exp as number;
    expect(exp(refreshed.token)).toBeGreaterThan(exp(token));
    expect((await call(`/conversations/${conversationId}/activities`, refreshed.token)).status).toBe(200);
  });

  it('an expired token gets 403, and the client reports ExpiredToken', async () => {
    const { token, conversationId } = await generate();
    await call('/conversations', token, { method: 'POST', body: '{}' });
    const userId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).u as string;
    const expired = new TokenSigner(SECRET, 60, () => Date.now() - 3_600_000).issue({ c: conversationId, u: userId }).token;
    for (const [method, path] of [['GET', `/conversations/${conversationId}`], ['GET', `/conversations/${conversationId}/activities`], ['POST', `/conversations/${conversationId}/activities`], ['POST', '/tokens/refresh']] as const) {
      const res = await call(path, expired, { method, ...(method === 'POST' ? { body: JSON.stringify({ type: 'message', text: 'x' }) } : {}) });
      expect([path, res.status, ((await res.json()) as { error: string }).error]).toEqual([path, 403, 'token_expired']);
    }
    // The client, connected with a good token that then expires: its next poll gets 403.
    const r = client({ domain, token, webSocket: false });
    await r.waitForBotText(fr('intake.consent.ask'));
    (r.client as unknown as { token: string }).token = expired;
    await r.waitForStatus(ConnectionStatus.ExpiredToken);
    // The library's answer to a 403 on post: "retry" (after the page gets a new token); nothing was accepted.
    await expect(r.post('bonjour')).resolves.toBe('retry');
    expect(app.directLine.hub.get(conversationId)!.history.some((h) => h.activity.text === 'bonjour')).toBe(false);
  });

  it('an unknown conversation gets 404, and the client fails to connect', async () => {
    const { token, conversationId } = await generate(); // signed, but never started
    expect((await call(`/conversations/${conversationId}`, token)).status).toBe(404);
    expect((await call(`/conversations/${conversationId}/activities`, token)).status).toBe(404);
    const r = client({ domain, token, conversationId, webSocket: false });
    await r.waitForStatus(ConnectionStatus.FailedToConnect);
  });

  it("another conversation's token gets 403 everywhere, WebSocket included", async () => {
    const a = await generate();
    const b = await generate();
    await call('/conversations', a.token, { method: 'POST', body: '{}' });
    await call('/conversations', b.token, { method: 'POST', body: '{}' });
    for (const [method, path] of [['GET', `/conversations/${b.conversationId}`], ['GET', `/conversations/${b.conversationId}/activities`], ['POST', `/conversations/${b.conversationId}/activities`], ['POST', `/conversations/${b.conversationId}/upload`]] as const) {
      const res = await call(path, a.token, { method, ...(method === 'POST' ? { body: JSON.stringify({ type: 'message', text: 'x' }) } : {}) });
      expect([path, res.status]).toEqual([path, 403]);
    }
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${app.url.replace('http', 'ws')}/v3/directline/conversations/${b.conversationId}/stream?t=${encodeURIComponent(a.token)}`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
    const r = client({ domain, token: a.token, conversationId: b.conversationId, webSocket: false });
    await r.waitForStatus(ConnectionStatus.FailedToConnect);
    // Nothing of b's conversation leaked to a's client.
    expect(r.activities).toEqual([]);
  });

  it('refuses bad input without crashing: size, content type, JSON, unknown types, missing token, uploads', async () => {
    const { token, conversationId } = await generate();
    await call('/conversations', token, { method: 'POST', body: '{}' });
    const path = `/conversations/${conversationId}/activities`;
    const cases: [string, Response, number][] = [
      ['10 MB', await call(path, token, { method: 'POST', body: JSON.stringify({ type: 'message', text: 'x'.repeat(10 * 1024 * 1024) }) }), 413],
      ['text/plain', await call(path, token, { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } }), 415],
      ['invalid JSON', await call(path, token, { method: 'POST', body: '{"type": "message", ' }), 400],
      ['an array', await call(path, token, { method: 'POST', body: '[1,2]' }), 400],
      ['unknown type', await call(path, token, { method: 'POST', body: JSON.stringify({ type: 'somethingNew' }) }), 400],
      ['conversationUpdate from a client', await call(path, token, { method: 'POST', body: JSON.stringify({ type: 'conversationUpdate', membersAdded: [] }) }), 400],
      ['oversized value', await call(path, token, { method: 'POST', body: JSON.stringify({ type: 'event', name: 'x', value: 'v'.repeat(5000) }) }), 400],
      ['no token', await fetch(`${domain}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' }), 401],
      ['garbage token', await call(path, 'dl1.abc.def', { method: 'POST', body: '{"type":"message"}' }), 403],
      ['generate without the secret', await call('/tokens/generate', token, { method: 'POST', body: '{}' }), 403],
    ];
    for (const [name, res, status] of cases) {
      const body = await res.text();
      expect([name, res.status]).toEqual([name, status]);
      expect([name, /\n\s+at |node_modules|\.ts:\d+/.test(body)]).toEqual([name, false]);
    }
    // An upload is refused politely: 415 to the client, and the bot says why in the conversation.
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(1024 * 1024)]), 'photo.jpg');
    const upload = await fetch(`${domain}/conversations/${conversationId}/upload?userId=x`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(upload.status).toBe(415);
    await waitUntil('the polite refusal', async () => {
      const got = (await (await call(path, token)).json()) as { activities: { text?: string }[] };
      return got.activities.some((a) => fr('input.attachment').test(a.text ?? ''));
    });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('limits messages per token, new conversations per address, and browsers to the configured origins', async () => {
    const { token, conversationId } = await generate();
    await call('/conversations', token, { method: 'POST', body: '{}' });
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      statuses.push((await call(`/conversations/${conversationId}/activities`, token, { method: 'POST', body: JSON.stringify({ type: 'typing' }) })).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);

    // One address opening conversations without end is stopped at its cap; memory stays bounded.
    let refused = 0;
    const opened: string[] = [];
    for (let i = 0; i < 60 && refused === 0; i++) {
      const t = await generate();
      const res = await call('/conversations', t.token, { method: 'POST', body: '{}' });
      if (res.status === 429) refused = i;
      else opened.push(t.conversationId);
    }
    expect(refused).toBeGreaterThan(0);
    expect(app.directLine.hub.size).toBe(40);
    for (const id of opened) app.directLine.hub.remove(id, 'test');
    // The page's own token endpoint is rate-limited per address too (10 a minute by default).
    const pageTokens: number[] = [];
    for (let i = 0; i < 12; i++) pageTokens.push((await fetch(`${app.url}/widget/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
    expect(pageTokens.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(pageTokens.slice(10)).toEqual([429, 429]);

    const preflight = (origin: string) => fetch(`${domain}/conversations`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    const allowed = await preflight(PARTNER);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PARTNER);
    const refusedOrigin = await preflight('https://evil.example');
    expect(refusedOrigin.status).toBe(403);
    expect(refusedOrigin.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${app.url}/widget/token`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' })).status).toBe(403);
  });

  it('closes the socket of a client that never reads, and keeps serving others', async () => {
    const { token, conversationId } = await generate();
    await call('/conversations', token, { method: 'POST', body: '{}' });
    const conversation = app.directLine.hub.get(conversationId)!;
    // A raw TCP client that upgrades and then never reads a byte.
    const port = Number(new URL(app.url).port);
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((res) => socket.once('connect', res));
    socket.write(`GET /v3/directline/conversations/${conversationId}/stream?t=${encodeURIComponent(token)} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    await waitUntil('the stream to be attached', () => conversation.subscribers.size === 1);
    socket.pause();
    socket.on('error', () => undefined);
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 400 && conversation.subscribers.size > 0; i++) {
      app.directLine.hub.append(conversationId, { type: 'message', text: 'x'.repeat(64 * 1024) });
      await new Promise((res) => setImmediate(res));
    }
    await waitUntil('the slow socket to be closed', () => conversation.subscribers.size === 0);
    socket.destroy();
    // History is bounded too, whatever was pushed.
    expect(conversation.history.length).toBeLessThanOrEqual(5);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('delivers a proactive message to a widget conversation still open, and says when it is gone', async () => {
    const { token, conversationId } = await generate();
    const r = client({ domain, token, webSocket: false });
    await r.waitForBotText(fr('intake.consent.ask'));
    const reference = { channelId: 'directline', conversation: { id: conversationId, isGroup: false, conversationType: '', name: '' }, bot: { id: 'binome', name: 'Binôme' }, user: { id: 'dl_x', name: '' }, serviceUrl: 'urn:binome:directline' };
    // Through the path the outbox uses for news to the young person.
    expect(await app.proactive.send(reference, 'Ta demande a été acceptée.')).toBe('sent');
    await r.waitForBotText(/^Ta demande a été acceptée\.$/);
    app.directLine.hub.remove(conversationId, 'test');
    await expect(app.directLine.adapter.continueConversation(reference, async () => undefined)).rejects.toMatchObject({ code: 'CONVERSATION_GONE' });
    // Gone: the outbox falls back to the young person's e-mail.
    expect(await app.proactive.send(reference, 'Ta demande a été acceptée.')).toBe('unsupported');
  });
});
