import type { SendOutcome } from '../channels/MessagingChannel';
import { isGsm7 } from './segments';
import type { SmsProvider } from './SmsChannel';

export interface VonageApiOptions {
  /** https://rest.nexmo.com (a loopback fake in tests). */
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Our virtual number, digits without "+". */
  from: string;
  timeoutMs: number;
}

// The SMS API's status codes (Send an SMS, "Response codes"): 1 throttled, 5 internal error,
// 9 partner quota exceeded (topped up later), 4 invalid credentials (the operator fixes
// them) can be retried; 6 unroutable, 7 number barred, 29 non-whitelisted destination
// (trial accounts) will not get through; the rest is a request we got wrong.
const RETRYABLE = new Set(['1', '4', '5', '9']);
const GONE = new Set(['6', '7', '29']);

/** Vonage's SMS API: POST /sms/json; `type: unicode` when a character is outside GSM-7. */
export class VonageApi implements SmsProvider {
  readonly name = 'vonage' as const;

  constructor(private readonly o: VonageApiOptions) {}

  async sendSms(to: string, body: string, deliveryId: string): Promise<SendOutcome> {
    const form = new URLSearchParams({
      api_key: this.o.apiKey, api_secret: this.o.apiSecret, from: this.o.from, to: to.replace(/^\+/, ''), text: body,
      type: isGsm7(body) ? 'text' : 'unicode', 'client-ref': deliveryId.slice(0, 100),
    });
    let res: Response;
    try {
      res = await fetch(`${this.o.baseUrl.replace(/\/+$/, '')}/sms/json`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), signal: AbortSignal.timeout(this.o.timeoutMs),
      });
    } catch (err) {
      return { ok: false, retry: true, error: (err as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
    }
    const json = (await res.json().catch(() => null)) as { messages?: { status?: string; 'message-id'?: string }[] } | null;
    if (!res.ok) return { ok: false, retry: res.status === 429 || res.status >= 500 || res.status === 401, error: `vonage_http_${res.status}` };
    const parts = json?.messages ?? [];
    const failed = parts.find((p) => p.status !== '0');
    if (parts.length === 0) return { ok: false, retry: true, error: 'vonage_no_message' };
    if (failed) {
      const status = String(failed.status ?? '?');
      const error = `vonage_${status}`;
      if (GONE.has(status)) return { ok: false, retry: false, error, gone: true };
      return { ok: false, retry: RETRYABLE.has(status), error };
    }
    const id = parts[0]!['message-id'];
    return typeof id === 'string' && id.length > 0 ? { ok: true, externalId: id } : { ok: false, retry: true, error: 'vonage_no_message_id' };
  }
}
