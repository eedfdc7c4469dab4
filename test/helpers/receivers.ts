import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { verifyWebhook, type WebhookVerdict } from '../../notifications/signing';

const listen = async (server: http.Server | SMTPServer): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const inner = server instanceof http.Server ? server : (server as unknown as { server: http.Server }).server;
      resolve((inner.address() as AddressInfo).port);
    });
  });

export interface ReceivedMail { envelopeTo: string[]; parsed: ParsedMail; raw: string }

/**
 * A real SMTP server on loopback (smtp-server, the library nodemailer's authors maintain).
 * `refuse(to)` returns an SMTP code to refuse a recipient with (550 permanent, 451 temporary).
 */
export async function startSmtpServer(opts: { refuse?: (to: string) => number | null } = {}) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = opts.refuse?.(address.address) ?? null;
      if (code) {
        const err = new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & { responseCode: number };
        err.responseCode = code;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed: ParsedMail) => {
          mails.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed, raw });
          callback();
        }, callback);
      });
    },
  });
  const port = await listen(server);
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface ReceivedDelivery { deliveryId: string | undefined; verdict: WebhookVerdict; body: Record<string, unknown>; at: number }

/**
 * An association's webhook receiver on loopback, checking signatures as the README tells
 * receivers to. `respond` decides the answer (status, delay, redirect) per delivery.
 */
export async function startWebhookReceiver(
  secret: string,
  respond: (n: number, deliveryId: string | undefined) => { status?: number; delayMs?: number; location?: string; hang?: boolean } = () => ({}),
  /** The receiver's clock (tests that move the sender's clock move this one too). */
  now: () => number = Date.now,
) {
  const deliveries: ReceivedDelivery[] = [];
  const inFlight = new Map<string, number>();
  let maxConcurrentSameId = 0;
  let count = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const verdict = verifyWebhook(secret, req.headers, raw, now());
      const deliveryId = req.headers['x-binome-delivery'] as string | undefined;
      const n = ++count;
      const answer = respond(n, deliveryId);
      if (deliveryId) {
        const now = (inFlight.get(deliveryId) ?? 0) + 1;
        inFlight.set(deliveryId, now);
        maxConcurrentSameId = Math.max(maxConcurrentSameId, now);
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        // recorded as empty
      }
      if (answer.hang) return; // never answers
      setTimeout(() => {
        if (deliveryId) inFlight.set(deliveryId, (inFlight.get(deliveryId) ?? 1) - 1);
        const status = verdict.ok ? (answer.status ?? 200) : 401;
        if (status < 300 || !verdict.ok) deliveries.push({ deliveryId, verdict, body, at: Date.now() });
        res.writeHead(status, answer.location ? { location: answer.location } : {});
        res.end();
      }, answer.delayMs ?? 0);
    });
  });
  server.keepAliveTimeout = 1000;
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/hooks/binome`,
    deliveries,
    get requests() { return count; },
    get maxConcurrentSameId() { return maxConcurrentSameId; },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/**
 * The Bot Connector side of a channel (what the Bot Framework Emulator runs): receives
 * the bot's proactive activities at POST /v3/conversations/:id/activities.
 */
export async function startConnector(opts: { status?: number } = {}) {
  const activities: { conversationId: string; activity: Record<string, unknown> }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (!m || req.method !== 'POST') {
        res.writeHead(404);
        res.end();
        return;
      }
      const status = opts.status ?? 200;
      if (status < 300) activities.push({ conversationId: decodeURIComponent(m[1]!), activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `a-${activities.length}` }));
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, activities, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}
