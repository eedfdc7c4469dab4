import type { MessagingChannel, SendOutcome } from '../channels/MessagingChannel';
import type { OutboundMessage } from '../channels/outbound';
import { TELEGRAM_CHANNEL } from './convertInbound';
import { TELEGRAM_LIMITS, toSendMessage } from './convertOutbound';

export interface TelegramApiOptions {
  /** https://api.telegram.org (a loopback fake in tests and `npm run simulate`). */
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

interface TgAnswer { ok?: boolean; result?: { message_id?: number; chat?: { id?: number } } | true; error_code?: number; parameters?: { retry_after?: number } }

/** The Telegram Bot API as a messaging channel. */
export class TelegramApi implements MessagingChannel {
  readonly id = TELEGRAM_CHANNEL;
  readonly limits = TELEGRAM_LIMITS;

  constructor(private readonly o: TelegramApiOptions) {}

  async send(to: string, message: OutboundMessage): Promise<SendOutcome> {
    const r = await this.call('sendMessage', toSendMessage(to, message));
    if (!r.ok) return r;
    const result = r.body.result;
    const id = typeof result === 'object' ? result.message_id : undefined;
    return typeof id === 'number' ? { ok: true, externalId: `${to}:${id}` } : { ok: false, retry: true, error: 'telegram_no_message_id' };
  }

  /** Stops the button's spinner on the user's phone (and shows `text` briefly, if any). */
  async answerCallbackQuery(callbackQueryId: string, text?: string): Promise<void> {
    await this.call('answerCallbackQuery', { callback_query_id: callbackQueryId, ...(text ? { text: text.slice(0, 200) } : {}) });
  }

  private async call(method: string, body: Record<string, unknown>): Promise<({ ok: true; body: TgAnswer }) | Extract<SendOutcome, { ok: false }>> {
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}/bot${this.o.token}/${method}`;
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(this.o.timeoutMs) });
    } catch (err) {
      return { ok: false, retry: true, error: (err as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
    }
    const json = (await res.json().catch(() => null)) as TgAnswer | null;
    if (res.ok && json?.ok) return { ok: true, body: json };
    const code = json?.error_code ?? res.status;
    const error = `telegram_${code}`;
    // 403: the user blocked the bot or deleted their account; nothing will get through.
    if (code === 403) return { ok: false, retry: false, error, gone: true };
    if (code === 429 || code >= 500) return { ok: false, retry: true, error };
    // 401 (token revoked) is the operator's to fix: keep the messages meanwhile.
    if (code === 401) return { ok: false, retry: true, error };
    return { ok: false, retry: false, error };
  }
}
