import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Logger } from '../bots/log';
import type { Config } from '../config';

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

/** The HTTP server every process of ours serves from: bounded JSON bodies, no request in the logs. */
export function createHttpServer(config: Config, log: Logger): restify.Server {
  // maxParamLength (find-my-way, default 100): staff link tokens are a path segment of ~120 characters.
  const server = restify.createServer({ name: 'binome', handleUncaughtExceptions: false, maxParamLength: 256, log: restifyLogger(log) } as unknown as restify.ServerOptions);
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
