import type restify from 'restify';
import { errorCode, type Logger } from '../../bots/log';
import type { ChannelLayer } from '../channels/ChannelLayer';
import type { ChannelStore, DeliveryStatus } from '../channels/ChannelStore';
import { isSafeId } from '../channels/edge';
import { answer, first, mediaType, readRawBody } from '../channels/webhookHttp';
import { fromTwilio, fromVonage, SMS_CHANNEL, type SmsInbound } from './convertInbound';
import { TwilioInbound, VonageInbound } from './schemas';
import { validTwilioSignature, validVonageSignature, type VonageSignatureMethod } from './signatures';

export const SMS_WEBHOOK_PATH = '/webhooks/sms';
/** Where Twilio posts the statuses of what we sent (StatusCallback, asked for when PUBLIC_URL is set). */
export const SMS_STATUS_PATH = '/webhooks/sms/status';

// Twilio's MessageStatus values (Message resource, "Message status values"); the others (queued, accepted, sending…) say nothing new.
const TWILIO_STATUS: Record<string, DeliveryStatus> = { sent: 'sent', delivered: 'delivered', read: 'read', undelivered: 'failed', failed: 'failed' };

export interface SmsWebhookOptions {
  layer: ChannelLayer;
  store: ChannelStore;
  log: Logger;
  maxBodyBytes: number;
  /** The address the provider calls, as configured on its side: PUBLIC_URL (never the request's Host), else this server's own. */
  publicUrl: () => string;
  twilio?: { accountSid: string; authToken: string };
  vonage?: { signatureSecret: string; method: VonageSignatureMethod; maxSkewSeconds?: number; /** How long the parts of a long SMS wait for each other. */ concatHoldMs?: number };
  now?: () => Date;
}

const TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Vonage posts each part of a long SMS on its own (concat-ref, concat-part, concat-total):
 * the parts wait here until all have come, then go on as one message. Held in memory, for
 * at most `holdMs`: after that, the parts that came go on joined (a part lost on the way
 * must not lose the others); a restart in between loses the parts held (docs/channels.md).
 */
class ConcatParts {
  private readonly held = new Map<string, { parts: Map<number, VonageInbound>; total: number; timer: NodeJS.Timeout }>();
  constructor(private readonly holdMs: number, private readonly onComplete: (whole: VonageInbound) => void) {}

  /** The whole message when this part completes it; undefined while parts are missing. */
  add(m: VonageInbound): VonageInbound | undefined {
    const total = Number(m['concat-total']);
    const part = Number(m['concat-part']);
    if (!Number.isInteger(total) || total < 2 || total > 20 || !Number.isInteger(part) || part < 1 || part > total || !m['concat-ref']) return m;
    const key = `${m.msisdn} ${m['concat-ref']}`;
    let entry = this.held.get(key);
    if (!entry) {
      if (this.held.size >= 1_000) return m;
      const timer = setTimeout(() => this.flush(key), this.holdMs);
      timer.unref();
      entry = { parts: new Map(), total, timer };
      this.held.set(key, entry);
    }
    entry.parts.set(part, m);
    if (entry.parts.size < entry.total) return undefined;
    clearTimeout(entry.timer);
    this.held.delete(key);
    return join(entry.parts);
  }

  private flush(key: string): void {
    const entry = this.held.get(key);
    this.held.delete(key);
    if (entry && entry.parts.size > 0) this.onComplete(join(entry.parts));
  }
}

function join(parts: Map<number, VonageInbound>): VonageInbound {
  const ordered = [...parts.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
  const first = ordered[0]!;
  // One message, one id: the first part's, so that a part posted again adds nothing.
  return { ...first, text: ordered.map((p) => p.text ?? '').join('') };
}

/** A form body as name -> value; a name given twice is not something a provider sends. */
function parseForm(raw: string): Record<string, string> | undefined {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of new URLSearchParams(raw)) {
    if (k in out) return undefined;
    out[k] = v;
  }
  return out;
}

/**
 * The SMS webhook: the provider's form (Twilio: application/x-www-form-urlencoded; Vonage:
 * the same, or JSON) is read from the raw bytes on this route only (the rest of the server
 * takes JSON), the signature checked before anything else reads it (403), the shape (400),
 * then the message is stored once (by the provider's message id) and 200 answered at once:
 * the turn runs in the inbox worker and its replies go through the provider's REST API.
 */
export function mountSms(server: restify.Server, o: SmsWebhookOptions): void {
  const twilio = o.twilio;
  // What Twilio signs: the address configured on its side (PUBLIC_URL), never this request's Host.
  const signedUrl = (req: restify.Request, path: string): string => `${o.publicUrl().replace(/\/+$/, '')}${req.url ?? path}`;
  const store = async (whole: VonageInbound) => {
    const inbound = fromVonage(whole);
    if ('record' in inbound) await o.layer.receive([inbound.record]);
  };
  const concat = new ConcatParts(o.vonage?.concatHoldMs ?? 60_000, (whole) => {
    void store(whole).catch((err) => o.log('error', 'sms.concat_failed', { code: errorCode(err) }));
  });
  if (twilio) {
    server.post(SMS_STATUS_PATH, async (req: restify.Request, res: restify.Response) => {
      try {
        const type = mediaType(req);
        if (type !== 'application/x-www-form-urlencoded') {
          req.resume();
          o.log('warn', 'sms.status_rejected', { reason: 'unsupported_media_type' });
          return answer(res, 415, { error: 'unsupported_media_type' });
        }
        const raw = await readRawBody(req, Math.min(o.maxBodyBytes, 64 * 1024));
        const params = raw === 'too_large' ? undefined : parseForm(raw.toString('utf8'));
        if (!params) {
          o.log('warn', 'sms.status_rejected', { reason: raw === 'too_large' ? 'too_large' : 'malformed_body' });
          return answer(res, raw === 'too_large' ? 413 : 400, { error: 'malformed_body' });
        }
        if (!validTwilioSignature(twilio.authToken, first(req.headers['x-twilio-signature']), signedUrl(req, SMS_STATUS_PATH), params)) {
          o.log('warn', 'sms.status_rejected', { reason: 'bad_signature' });
          return answer(res, 403, { error: 'invalid_signature' });
        }
        const sid = params.MessageSid;
        const status = TWILIO_STATUS[params.MessageStatus ?? ''];
        const code = params.ErrorCode && /^\d{1,6}$/.test(params.ErrorCode) ? params.ErrorCode : null;
        if (status && isSafeId(sid, 64) && params.AccountSid === twilio.accountSid) {
          await o.store.recordStatus(SMS_CHANNEL, sid, status, status === 'failed' ? code : null, o.layer.now());
          if (status === 'failed') o.log('warn', 'sms.delivery_failed', { error: code ?? 'unknown' });
        }
        answer(res, 200, { ok: true });
      } catch (err) {
        o.log('error', 'sms.status_failed', { code: errorCode(err) });
        if (!res.headersSent) answer(res, 503, { error: 'unavailable' });
      }
    });
  }

  server.post(SMS_WEBHOOK_PATH, async (req: restify.Request, res: restify.Response) => {
    const reject = (status: number, reason: string, error: string, extra: Record<string, unknown> = {}) => {
      o.log('warn', 'sms.webhook_rejected', { reason, ...extra });
      answer(res, status, { error });
    };
    try {
      const type = mediaType(req);
      const json = type === 'application/json' && !!o.vonage;
      if (type !== 'application/x-www-form-urlencoded' && !json) {
        req.resume();
        return reject(415, 'unsupported_media_type', 'unsupported_media_type');
      }
      const raw = await readRawBody(req, o.maxBodyBytes);
      if (raw === 'too_large') {
        res.setHeader('connection', 'close');
        return reject(413, 'too_large', 'payload_too_large');
      }
      let params: Record<string, string> | undefined;
      if (json) {
        try {
          const value = JSON.parse(raw.toString('utf8')) as unknown;
          if (value && typeof value === 'object' && !Array.isArray(value)) {
            params = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
          }
        } catch {
          params = undefined;
        }
      } else {
        params = parseForm(raw.toString('utf8'));
      }
      if (!params) return reject(400, 'malformed_body', 'malformed_body', { bytes: raw.length });

      let inbound: SmsInbound;
      if (o.twilio) {
        if (!validTwilioSignature(o.twilio.authToken, first(req.headers['x-twilio-signature']), signedUrl(req, SMS_WEBHOOK_PATH), params)) return reject(403, 'bad_signature', 'invalid_signature', { bytes: raw.length });
        const parsed = TwilioInbound.safeParse(params);
        if (!parsed.success) return reject(400, 'invalid_shape', 'invalid_payload', { at: parsed.error.issues[0]?.path.join('.').slice(0, 80) });
        inbound = fromTwilio(parsed.data, o.twilio.accountSid);
      } else if (o.vonage) {
        if (!validVonageSignature(params, o.vonage.signatureSecret, o.vonage.method)) return reject(403, 'bad_signature', 'invalid_signature', { bytes: raw.length });
        // A signed request replayed long after: refused (the timestamp is part of what is signed).
        const at = Number(params.timestamp);
        const skew = o.vonage.maxSkewSeconds ?? 300;
        const now = (o.now?.() ?? new Date()).getTime() / 1000;
        if (!Number.isFinite(at) || Math.abs(now - at) > skew) return reject(403, 'stale_timestamp', 'invalid_signature');
        const parsed = VonageInbound.safeParse(params);
        if (!parsed.success) return reject(400, 'invalid_shape', 'invalid_payload', { at: parsed.error.issues[0]?.path.join('.').slice(0, 80) });
        const whole = concat.add(parsed.data);
        if (!whole) {
          o.log('info', 'sms.webhook_part', {});
          answer(res, 200, { ok: true });
          return;
        }
        inbound = fromVonage(whole);
      } else {
        return reject(404, 'not_configured', 'not_found');
      }

      if ('record' in inbound) {
        const added = await o.layer.receive([inbound.record]);
        o.log('info', 'sms.webhook', { new: added, duplicates: 1 - added, kind: inbound.record.payload.kind });
      } else {
        o.log('info', 'sms.webhook_ignored', { reason: inbound.ignored });
      }
      if (o.twilio) {
        // An empty TwiML answer: the replies go through the REST API once the turn has run.
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(TWIML_EMPTY) });
        res.end(TWIML_EMPTY);
      } else {
        answer(res, 200, { ok: true });
      }
    } catch (err) {
      // The database is down: the provider sends the message again when it gets no 200.
      o.log('error', 'sms.webhook_failed', { code: errorCode(err), channel: SMS_CHANNEL });
      if (!res.headersSent) answer(res, 503, { error: 'unavailable' });
    }
  });
}
