import { isLoopbackUrl } from '../../adapters/botframework/isLoopback';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../signing';
import { delivered, permanentFailure, temporaryFailure, type DeliveryResult } from './DeliveryResult';

export interface WebhookDelivery {
  url: string | null;
  secret: string | null;
  deliveryId: string;
  /** The exact JSON text sent and signed. */
  body: string;
}

/** Signed HTTPS POST to an association's receiver (README: "Webhooks"). */
export class WebhookTransport {
  constructor(private readonly opts: { timeoutMs?: number; now?: () => Date } = {}) {}

  async send(d: WebhookDelivery): Promise<DeliveryResult> {
    if (!d.url || !d.secret) return permanentFailure(d.url ? 'no_webhook_secret' : 'no_webhook_url', 'no_contact');
    let url: URL;
    try {
      url = new URL(d.url);
    } catch {
      return permanentFailure('invalid_webhook_url', 'no_contact');
    }
    // Minors' data only travels encrypted; plain http is accepted on loopback (tests, a
    // receiver on the same machine).
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(d.url))) return permanentFailure('webhook_not_https', 'no_contact');
    const timestamp = Math.floor((this.opts.now?.() ?? new Date()).getTime() / 1000);
    try {
      const res = await fetch(url, {
        method: 'POST',
        // A redirect is not followed: the signed body would go to an address nobody configured.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Binome-Webhook/1',
          [SIGNATURE_HEADER]: signWebhook(d.secret, timestamp, d.body),
          [TIMESTAMP_HEADER]: String(timestamp),
          [DELIVERY_HEADER]: d.deliveryId,
        },
        body: d.body,
      });
      // The answer's body is not needed; read a little of it at most so the socket is freed.
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return delivered(`http_${res.status}`);
      if (res.status === 410) return permanentFailure('http_410', 'receiver_gone');
      if (res.status >= 300 && res.status < 400) return permanentFailure(`redirect_refused_${res.status}`);
      if (res.status === 408 || res.status === 429 || res.status >= 500) return temporaryFailure(`http_${res.status}`);
      return permanentFailure(`http_${res.status}`);
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') return temporaryFailure('timeout');
      const cause = (err as { cause?: { code?: string } }).cause;
      return temporaryFailure(`network_${(cause?.code ?? 'error').toLowerCase()}`);
    }
  }
}
