import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Logger } from '../bots/log';
import type { Config } from '../config';
import { mediaType } from './channels/webhookHttp';
import { clientAddress, parseTrustedProxies } from './http/clientAddress';
import { FailureThrottle } from './http/failureThrottle';
import { OriginPolicy } from './http/originPolicy';

/**
 * restify's own logger (pino by default) writes whole requests, bodies included, in some
 * warnings (an async handler returning a value): a young person's message in the logs.
 * Ours keeps the fact, never the arguments.
 */
function restifyLogger(log: Logger) {
  const silent = () => undefined;
  const logger = {
    trace: silent, debug: silent, info: silent,
    warn: () => log('warn', 'http.framework_warning', {}),
    error: () => log('error', 'http.framework_error', {}),
    fatal: () => log('error', 'http.framework_error', {}),
    child: () => logger,
    isLevelEnabled: () => false,
  };
  return logger;
}

const UNPARSED_TYPES = new Set(['multipart/form-data', 'text/csv', 'text/tsv', 'text/tab-separated-values']);

/** How often Node looks for clients past their deadline (its default, 30 s, would let a slow client overstay by as much). */
const TIMEOUT_CHECK_MS = 1_000;

/**
 * The HTTP server every process of ours serves from: bounded JSON bodies, no request in
 * the logs, and clients that send slowly cut off. A client has HTTP_HEADERS_TIMEOUT_MS to
 * send its headers and HTTP_REQUEST_TIMEOUT_MS for the whole request, body included (Node
 * answers 408 and closes the connection), so slow uploads cannot hold sockets and memory.
 * An upgraded connection (the Direct Line WebSocket) leaves Node's HTTP parser when it is
 * upgraded, so these deadlines never cut a stream that is open.
 */
export function createHttpServer(config: Config, log: Logger): restify.Server {
  // maxParamLength (find-my-way, default 100): staff link tokens are a path segment of ~120 characters.
  const server = restify.createServer({ name: 'binome', handleUncaughtExceptions: false, maxParamLength: 256, log: restifyLogger(log) } as unknown as restify.ServerOptions);
  const http = server.server as typeof server.server & { connectionsCheckingInterval: number };
  http.headersTimeout = config.HTTP_HEADERS_TIMEOUT_MS;
  http.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  // Read when the server starts listening (Node's setupConnectionsTracking), so set before.
  http.connectionsCheckingInterval = Math.min(TIMEOUT_CHECK_MS, config.HTTP_HEADERS_TIMEOUT_MS);
  const hsts = config.PUBLIC_URL?.startsWith('https:');
  // Defaults for every answer; a route that may be cached (scripts, styles) says so itself.
  server.pre((_req: restify.Request, res: restify.Response, next: () => void) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    if (hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  });
  // restify's bodyParser would also parse multipart (formidable writes each file part to the
  // temporary directory and never removes it) and CSV/TSV: no route takes them, so they are
  // refused before anything is read.
  server.use((req: restify.Request, res: restify.Response, next: (err?: unknown) => void) => {
    const type = mediaType(req);
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && UNPARSED_TYPES.has(type)) {
      res.send(415, { error: 'unsupported_media_type', message: 'Send JSON (or a form, on the staff pages).' });
      return next(false as unknown as Error);
    }
    return next();
  });
  const parsers = restify.plugins.bodyParser({ maxBodySize: config.MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }) as unknown as restify.RequestHandler[];
  // Messaging webhooks (adapters/whatsapp, adapters/telegram) check a signature over the
  // exact bytes received before anything parses them: they read their own body.
  server.use(parsers.map((parse): restify.RequestHandler => (req, res, next) => (isWebhookPath(req.url) ? next() : parse(req, res, next))));
  return server;
}

/** Paths whose handlers read the raw body themselves. */
export const WEBHOOK_PREFIX = '/webhooks/';
function isWebhookPath(url: string | undefined): boolean {
  return (url ?? '').startsWith(WEBHOOK_PREFIX);
}

/** What the routes of one server share about their callers. */
export interface HttpEdge {
  /** Our own web origins and the partners' (never the request's Host). */
  origins: OriginPolicy;
  /** The address a caller is counted under (TRUST_PROXY decides whether X-Forwarded-For is believed). */
  addressOf(req: IncomingMessage): string;
  /** Failed credentials (staff links, API keys) per address, in memory. */
  authFailures: FailureThrottle;
}

const edges = new WeakMap<restify.Server, HttpEdge>();

/** The one HttpEdge of a server (made on first use, so every route of the server shares it). */
export function httpEdge(server: restify.Server, config: Config): HttpEdge {
  let edge = edges.get(server);
  if (!edge) {
    const trusted = parseTrustedProxies(config.TRUST_PROXY);
    edge = {
      origins: new OriginPolicy({ publicUrl: config.PUBLIC_URL, partners: config.DIRECTLINE_ALLOWED_ORIGINS, address: () => server.server.address() }),
      addressOf: (req) => clientAddress(req, trusted),
      authFailures: new FailureThrottle(config.AUTH_FAILURES_PER_ADDRESS, config.AUTH_FAILURE_WINDOW_MINUTES * 60_000),
    };
    edges.set(server, edge);
  }
  return edge;
}

/** Listens on HOST:PORT; resolves with the URL to reach it from this machine. */
export async function listen(server: restify.Server, config: Config): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
}
