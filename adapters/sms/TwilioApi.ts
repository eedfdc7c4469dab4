import type { SendOutcome } from '../channels/MessagingChannel';
import type { SmsProvider } from './SmsChannel';

export interface TwilioApiOptions {
  /** https://api.twilio.com (a loopback fake in tests and `npm run simulate`). */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** Our Twilio number (E.164), or a Messaging Service (MG…) that chooses one. */
  from: string;
  timeoutMs: number;
  /** Where Twilio posts delivery statuses (unset: none asked). */
  statusCallback?: string;
}

// Twilio error codes (REST API, "Create a Message resource"): the recipient cannot be
// reached this way: 21610 (they replied STOP to this number, Twilio blocks it), 21211 /
// 21614 (not a valid, or not a mobile, number), 21408 / 21612 (region or route not allowed).
const GONE = new Set([21211, 21408, 21610, 21612, 21614]);
// A retry can cure: 20429 (too many requests), 20003 (authentication: the operator fixes the
// token; the outbox keeps the messages meanwhile), 20500 / 20503 (Twilio's own errors).
const RETRYABLE = new Set([20003, 20429, 20500, 20503]);

/** Twilio's Programmable Messaging REST API: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded, Basic auth. */
export class TwilioApi implements SmsProvider {
  readonly name = 'twilio' as const;

  constructor(private readonly o: TwilioApiOptions) {}

  async sendSms(to: string, body: string): Promise<SendOutcome> {
    const form = new URLSearchParams({ To: to, Body: body });
    if (/^MG[0-9a-f]{32}$/.test(this.o.from)) form.set('MessagingServiceSid', this.o.from);
    else form.set('From', this.o.from);
    if (this.o.statusCallback) form.set('StatusCallback', this.o.statusCallback);
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(this.o.accountSid)}/Messages.json`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${this.o.accountSid}:${this.o.authToken}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
    } catch (err) {
      return { ok: false, retry: true, error: (err as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
    }
    const json = (await res.json().catch(() => null)) as { sid?: string; code?: number } | null;
    if (res.ok) {
      const sid = json?.sid;
      return typeof sid === 'string' && /^(SM|MM)[0-9a-f]{32}$/.test(sid) ? { ok: true, externalId: sid } : { ok: false, retry: true, error: 'twilio_no_sid' };
    }
    const code = json?.code;
    const error = `twilio_${code ?? `http_${res.status}`}`;
    if (typeof code === 'number' && GONE.has(code)) return { ok: false, retry: false, error, gone: true };
    if ((typeof code === 'number' && RETRYABLE.has(code)) || res.status === 401 || res.status === 429 || res.status >= 500) return { ok: false, retry: true, error };
    return { ok: false, retry: false, error };
  }
}
