import WebSocket from 'ws';
import type { App } from '../../index';
import { startApp } from '../helpers/http';
import { slowClient } from './probe';

const SECRET = 'slow-clients-probe-secret-0123456789abcdef';

/**
 * Finding 7 (slow clients): headers and bodies that never finish are cut off, on the real
 * server (restify 11), while a Direct Line WebSocket stays open far beyond those
 * deadlines. Deadlines are short here (1 s for headers, 2 s for the whole request); the
 * probes give up on their own after 15 s, which is what they reach on the code before the
 * fix (Node's defaults: 60 s and 300 s).
 */
describe('slow clients against the real server', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp('pglite://memory', { OUTBOX_WORKER: 'off', DIRECTLINE_SECRET: SECRET, HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' });
  }, 90_000);
  afterAll(async () => {
    await app?.close();
  });

  async function openStream() {
    const gen = await fetch(`${app.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: '{}' });
    const { token } = (await gen.json()) as { token: string };
    const conv = (await (await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' })).json()) as { conversationId: string; streamUrl: string };
    const ws = new WebSocket(conv.streamUrl, { origin: new URL(app.url).origin });
    const texts: string[] = [];
    let closed = false;
    ws.on('message', (data: Buffer) => {
      for (const a of (JSON.parse(data.toString('utf8')) as { activities: { from: { role?: string }; text?: string }[] }).activities) {
        if (a.from.role === 'user') texts.push(a.text ?? '');
      }
    });
    ws.on('close', () => { closed = true; });
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    return { ws, token, conversationId: conv.conversationId, texts, isClosed: () => closed };
  }

  it('cuts off slow headers and slow bodies, and never a WebSocket that is open', async () => {
    const stream = await openStream();
    const [headers, body, upload] = await Promise.all([
      // Headers that never end (slowloris).
      slowClient(app.url, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: a\r\n', 100, 15_000),
      // A body announced at 100 KB, a byte every 100 ms.
      slowClient(app.url, 'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"type":"', 'a', 100, 15_000),
      // An upload the Direct Line endpoint refuses at once but reads to answer cleanly.
      slowClient(app.url, `POST /v3/directline/conversations/${stream.conversationId}/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${stream.token}\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n`, 'a', 100, 15_000),
    ]);
    expect(headers.closedByServer).toBe(true);
    expect(headers.received).toMatch(/^HTTP\/1\.1 408/);
    expect(body.closedByServer).toBe(true);
    expect(body.received).toMatch(/^HTTP\/1\.1 408/);
    expect(upload.closedByServer).toBe(true);

    // The stream has been open all along, well past every deadline, and still carries the conversation.
    expect(stream.isClosed()).toBe(false);
    const posted = await fetch(`${app.url}/v3/directline/conversations/${stream.conversationId}/activities`, {
      method: 'POST', headers: { authorization: `Bearer ${stream.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'toujours là', from: { id: 'x' } }),
    });
    expect(posted.status).toBe(200);
    for (let i = 0; i < 100 && !stream.texts.includes('toujours là'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(stream.texts).toContain('toujours là');
    expect(stream.isClosed()).toBe(false);
    stream.ws.close();
  }, 40_000);

  it('a client that sends its request in time is served as usual after the slow ones', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
