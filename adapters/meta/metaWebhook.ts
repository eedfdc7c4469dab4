import type restify from 'restify';
import type { z } from 'zod';
import { errorCode, type Logger } from '../../bots/log';
import { answer, first, readRawBody, sameSecret } from '../channels/webhookHttp';
import { verifySignature } from './signature';

/**
 * What every Meta webhook (WhatsApp Cloud API, Messenger Platform) shares: the GET
 * subscription handshake with the verify token, and a POST body signed with the app secret
 * (X-Hub-Signature-256) that must be checked over the raw bytes before it is parsed.
 */

/** Answers Meta's `hub.mode=subscribe` handshake, only with the right verify token. */
export function mountMetaHandshake(server: restify.Server, path: string, verifyToken: string, log: Logger, channel: string): void {
  server.get(path, (req: restify.Request, res: restify.Response, next: restify.Next) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const challenge = q.get('hub.challenge');
    if (q.get('hub.mode') === 'subscribe' && sameSecret(q.get('hub.verify_token') ?? undefined, verifyToken) && challenge && /^[\w.-]{1,256}$/.test(challenge)) {
      log('info', `${channel}.webhook_verified`, {});
      answer(res, 200, challenge);
    } else {
      log('warn', `${channel}.webhook_verify_refused`, {});
      answer(res, 403, { error: 'forbidden' });
    }
    next(false);
  });
}

export interface MetaWebhookOptions {
  /** The channel's id, the prefix of its log events (`whatsapp.webhook_rejected`, ...). */
  channel: string;
  appSecret: string;
  verifyToken: string;
  maxBodyBytes: number;
  log: Logger;
}

/**
 * Mounts a Meta webhook at `path`: GET answers the subscription handshake; POST reads the
 * body within its size bound (413), checks X-Hub-Signature-256 over the raw bytes (401),
 * parses the JSON (400) and its shape with `schema` (400), then hands the payload to
 * `take` (which stores it) and answers 200. When `take` throws (the database is down) it
 * answers 503: Meta retries a webhook that was not answered 200, so nothing is lost.
 */
export function mountMetaWebhook<T>(server: restify.Server, path: string, o: MetaWebhookOptions, schema: z.ZodType<T>, take: (payload: T) => Promise<void>): void {
  mountMetaHandshake(server, path, o.verifyToken, o.log, o.channel);
  server.post(path, async (req: restify.Request, res: restify.Response) => {
    try {
      const body = await readSignedJson(req, res, o);
      if (!body) return;
      const parsed = schema.safeParse(body.json);
      if (!parsed.success) {
        // Signed by Meta but not a shape we know: retrying will not change it. The path of the first problem, never a value.
        o.log('warn', `${o.channel}.webhook_rejected`, { reason: 'invalid_shape', at: parsed.error.issues[0]?.path.join('.').slice(0, 80) });
        answer(res, 400, { error: 'invalid_payload' });
        return;
      }
      await take(parsed.data);
      answer(res, 200, { ok: true });
    } catch (err) {
      o.log('error', `${o.channel}.webhook_failed`, { code: errorCode(err) });
      if (!res.headersSent) answer(res, 503, { error: 'unavailable' });
    }
  });
}

/**
 * Reads a Meta webhook POST: size bound (413), signature over the raw bytes (401), JSON
 * (400). Returns the parsed JSON, or undefined once it has answered the refusal itself.
 */
async function readSignedJson(req: restify.Request, res: restify.Response, o: MetaWebhookOptions): Promise<{ json: unknown } | undefined> {
  const raw = await readRawBody(req, o.maxBodyBytes);
  if (raw === 'too_large') {
    o.log('warn', `${o.channel}.webhook_rejected`, { reason: 'too_large' });
    res.setHeader('connection', 'close');
    answer(res, 413, { error: 'payload_too_large' });
    return undefined;
  }
  if (!verifySignature(raw, first(req.headers['x-hub-signature-256']), o.appSecret)) {
    o.log('warn', `${o.channel}.webhook_rejected`, { reason: 'bad_signature', bytes: raw.length });
    answer(res, 401, { error: 'invalid_signature' });
    return undefined;
  }
  try {
    return { json: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    o.log('warn', `${o.channel}.webhook_rejected`, { reason: 'malformed_json', bytes: raw.length });
    answer(res, 400, { error: 'malformed_json' });
    return undefined;
  }
}
