import type { MessagingChannel, SendOutcome } from '../channels/MessagingChannel';
import type { OutboundMessage } from '../channels/outbound';
import { MESSENGER_CHANNEL } from './convertInbound';
import { MESSENGER_LIMITS, toSendApiMessage, type MessagingType, type MessengerNewsTag } from './convertOutbound';

export interface SendApiOptions {
  /** https://graph.facebook.com (a loopback fake in tests). */
  baseUrl: string;
  version: string;
  /** The Page's id: Meta's Send API reference documents POST /{version}/{PAGE-ID}/messages. */
  pageId: string;
  pageAccessToken: string;
  timeoutMs: number;
  /** The message tag for news outside the 24-hour window; unset: such news goes by e-mail. */
  newsTag?: MessengerNewsTag;
}

// Checked against Meta's Messenger Platform "Common Error Codes" and Send API error code
// pages (docs/channels.md, "Connect Messenger"). A retry can cure: 1 and 2 (an unexpected
// error, "retry your request later"; Meta adds that 2 may also come from a person who
// blocked the business: then the retries end in a dead letter and news falls back to
// e-mail), rate limits (4, 32, 613), 1200 (temporary send message failure), a token
// expiring or being rotated (190: the operator fixes it; the outbox keeps the messages).
const RETRYABLE = new Set([1, 2, 4, 32, 190, 613, 1200]);
// The person cannot be reached this way: unavailable (551), outside the allowed window
// (10 with subcode 2018278), no matching user (100 with subcode 2018001), blocked by the user (200 with subcode 1545041).
const GONE_CODES = new Set([551]);
const GONE_SUBCODES = new Set([2018278, 2018001, 1545041]);

/** The Messenger Platform's Send API as a messaging channel. */
export class SendApi implements MessagingChannel {
  readonly id = MESSENGER_CHANNEL;
  readonly limits = MESSENGER_LIMITS;

  constructor(private readonly o: SendApiOptions) {}

  send(to: string, message: OutboundMessage): Promise<SendOutcome> {
    return this.post(toSendApiMessage(to, message));
  }

  /** News outside the 24-hour window with the configured message tag, or 'unsupported' without one. */
  async sendTagged(to: string, text: string): Promise<SendOutcome | 'unsupported'> {
    if (!this.o.newsTag) return 'unsupported';
    const type: MessagingType = { messaging_type: 'MESSAGE_TAG', tag: this.o.newsTag };
    // One message: the news is short; the limit still holds.
    return this.post(toSendApiMessage(to, { kind: 'text', text: Array.from(text).slice(0, MESSENGER_LIMITS.text).join('') }, type));
  }

  private async post(body: Record<string, unknown>): Promise<SendOutcome> {
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}/${this.o.version}/${encodeURIComponent(this.o.pageId)}/messages`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        // The token in a header, not the query string Meta's examples use: URLs end up in logs.
        headers: { authorization: `Bearer ${this.o.pageAccessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
    } catch (err) {
      return { ok: false, retry: true, error: (err as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
    }
    const json = (await res.json().catch(() => null)) as { message_id?: string; error?: { code?: number; error_subcode?: number } } | null;
    if (res.ok) {
      const id = json?.message_id;
      return typeof id === 'string' && id.length > 0 ? { ok: true, externalId: id } : { ok: false, retry: true, error: 'send_api_no_message_id' };
    }
    const code = json?.error?.code;
    const sub = json?.error?.error_subcode;
    const error = `send_api_${code ?? `http_${res.status}`}${sub ? `_${sub}` : ''}`;
    if ((typeof code === 'number' && GONE_CODES.has(code)) || (typeof sub === 'number' && GONE_SUBCODES.has(sub))) return { ok: false, retry: false, error, gone: true };
    if ((typeof code === 'number' && RETRYABLE.has(code)) || res.status === 429 || res.status >= 500) return { ok: false, retry: true, error };
    return { ok: false, retry: false, error };
  }
}
