import type restify from 'restify';
import type { Logger } from '../../bots/log';
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

/**
 * Reads a Meta webhook POST: size bound (413), signature over the raw bytes (401), JSON
 * (400). Returns the parsed JSON, or undefined once it has answered the refusal itself.
 */
export async function readSignedJson(req: restify.Request, res: restify.Response, o: { appSecret: string; maxBodyBytes: number; log: Logger; channel: string }): Promise<{ json: unknown } | undefined> {
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
