import type restify from 'restify';
import { errorCode, type Logger } from '../../bots/log';
import type { ChannelLayer } from '../channels/ChannelLayer';
import { answer, first, readRawBody, sameSecret } from '../channels/webhookHttp';
import { convertInbound } from './convertInbound';
import { TgUpdate } from './schemas';
import type { TelegramApi } from './TelegramApi';

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

export interface TelegramWebhookOptions {
  layer: ChannelLayer;
  api: TelegramApi;
  log: Logger;
  secret: string;
  maxBodyBytes: number;
  /** The short notice on a button that no longer belongs to any question, in the phone's language. */
  staleButtonText: (locale: string | undefined) => string;
}

/**
 * The Bot API webhook (setWebhook with secret_token): the secret header is checked first
 * (constant time), then the Update's shape (zod); the message is stored once (by
 * update_id) and 200 answered at once. A button press is acknowledged (answerCallbackQuery)
 * right after it is stored, without waiting for the turn.
 */
export function mountTelegram(server: restify.Server, o: TelegramWebhookOptions): void {
  server.post(TELEGRAM_WEBHOOK_PATH, async (req: restify.Request, res: restify.Response) => {
    try {
      if (!sameSecret(first(req.headers['x-telegram-bot-api-secret-token']), o.secret)) {
        o.log('warn', 'telegram.webhook_rejected', { reason: 'bad_secret' });
        req.resume();
        answer(res, 401, { error: 'invalid_secret' });
        return;
      }
      const raw = await readRawBody(req, o.maxBodyBytes);
      if (raw === 'too_large') {
        o.log('warn', 'telegram.webhook_rejected', { reason: 'too_large' });
        res.setHeader('connection', 'close');
        answer(res, 413, { error: 'payload_too_large' });
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        o.log('warn', 'telegram.webhook_rejected', { reason: 'malformed_json', bytes: raw.length });
        answer(res, 400, { error: 'malformed_json' });
        return;
      }
      const parsed = TgUpdate.safeParse(json);
      if (!parsed.success) {
        o.log('warn', 'telegram.webhook_rejected', { reason: 'invalid_shape', at: parsed.error.issues[0]?.path.join('.').slice(0, 80) });
        answer(res, 400, { error: 'invalid_update' });
        return;
      }
      const inbound = convertInbound(parsed.data);
      if ('record' in inbound) {
        const added = await o.layer.receive([inbound.record]);
        o.log('info', 'telegram.webhook', { new: added, duplicates: 1 - added, kind: inbound.record.payload.kind });
      } else {
        o.log('info', 'telegram.webhook_ignored', { reason: inbound.ignored });
      }
      answer(res, 200, { ok: true });
      if (inbound.callbackId) {
        const stale = 'ignored' in inbound && inbound.ignored === 'stale_button';
        const locale = parsed.data.callback_query?.from.language_code;
        void o.api.answerCallbackQuery(inbound.callbackId, stale ? o.staleButtonText(locale) : undefined).catch((err) => o.log('warn', 'telegram.callback_answer_failed', { code: errorCode(err) }));
      }
    } catch (err) {
      // The database is down: Telegram retries an update that was not answered 200.
      o.log('error', 'telegram.webhook_failed', { code: errorCode(err) });
      if (!res.headersSent) answer(res, 503, { error: 'unavailable' });
    }
  });
}
