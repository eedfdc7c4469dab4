import type { MessagingChannel, SendOutcome } from '../channels/MessagingChannel';
import type { OutboundMessage } from '../channels/outbound';
import { toGraphMessage, toTemplateMessage, WHATSAPP_LIMITS } from './convertOutbound';
import { WHATSAPP_CHANNEL } from './convertInbound';

export interface GraphApiOptions {
  /** https://graph.facebook.com (a loopback fake in tests and `npm run simulate`). */
  baseUrl: string;
  version: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs: number;
  /** An approved template for news outside the 24-hour window: its name and language codes. */
  newsTemplate?: { name: string; languages: Record<string, string> };
}

// Graph API error codes a retry can cure: rate limits (4, 80007, 130429, 131056), "something
// went wrong" / service unavailable (1, 2, 131000, 131016), a token expiring or being
// rotated (190: the operator fixes it; the outbox keeps the messages meanwhile).
const RETRYABLE = new Set([1, 2, 4, 190, 80007, 130429, 131000, 131016, 131056]);
// The user cannot be reached this way: outside the 24-hour window (131047), not a
// WhatsApp user or undeliverable (131026), blocked (131050 "user stopped marketing"), number not allowed in test mode (131030).
const GONE = new Set([131026, 131030, 131047, 131050]);

/** The WhatsApp Cloud API (Graph API) as a messaging channel. */
export class GraphApi implements MessagingChannel {
  readonly id = WHATSAPP_CHANNEL;
  readonly limits = WHATSAPP_LIMITS;

  constructor(private readonly o: GraphApiOptions) {}

  send(to: string, message: OutboundMessage, deliveryId: string): Promise<SendOutcome> {
    return this.post(toGraphMessage(to, message, deliveryId));
  }

  /** News through the approved template, or 'unsupported' when none is configured. */
  async sendTemplate(to: string, text: string, lang: string, deliveryId: string): Promise<SendOutcome | 'unsupported'> {
    const t = this.o.newsTemplate;
    const code = t?.languages[lang] ?? t?.languages.fr;
    if (!t || !code) return 'unsupported';
    return this.post(toTemplateMessage(to, t.name, code, text, deliveryId));
  }

  private async post(body: Record<string, unknown>): Promise<SendOutcome> {
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}/${this.o.version}/${encodeURIComponent(this.o.phoneNumberId)}/messages`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.o.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
    } catch (err) {
      return { ok: false, retry: true, error: (err as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
    }
    const json = (await res.json().catch(() => null)) as { messages?: { id?: string }[]; error?: { code?: number } } | null;
    if (res.ok) {
      const id = json?.messages?.[0]?.id;
      return typeof id === 'string' && id.length > 0 ? { ok: true, externalId: id } : { ok: false, retry: true, error: 'graph_no_message_id' };
    }
    const code = json?.error?.code;
    const error = `graph_${code ?? `http_${res.status}`}`;
    if (typeof code === 'number' && GONE.has(code)) return { ok: false, retry: false, error, gone: true };
    if ((typeof code === 'number' && RETRYABLE.has(code)) || res.status === 429 || res.status >= 500) return { ok: false, retry: true, error };
    return { ok: false, retry: false, error };
  }
}
