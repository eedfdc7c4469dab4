import type restify from 'restify';
import { errorCode, type Logger } from '../../bots/log';
import type { ChannelLayer } from '../channels/ChannelLayer';
import type { ChannelStore } from '../channels/ChannelStore';
import { answer } from '../channels/webhookHttp';
import { mountMetaHandshake, readSignedJson } from '../meta/metaWebhook';
import { convertInbound, WHATSAPP_CHANNEL } from './convertInbound';
import { WaWebhook } from './schemas';

export const WHATSAPP_WEBHOOK_PATH = '/webhooks/whatsapp';

export interface WhatsAppWebhookOptions {
  layer: ChannelLayer;
  store: ChannelStore;
  log: Logger;
  appSecret: string;
  verifyToken: string;
  phoneNumberId: string;
  maxBodyBytes: number;
}

/**
 * The Cloud API webhook: GET answers Meta's subscription handshake; POST checks the
 * signature over the raw bytes, then the shape (zod), stores the messages (once each) and
 * statuses, and answers 200 at once: the turns run in the inbox worker, not in the request.
 */
export function mountWhatsApp(server: restify.Server, o: WhatsAppWebhookOptions): void {
  mountMetaHandshake(server, WHATSAPP_WEBHOOK_PATH, o.verifyToken, o.log, WHATSAPP_CHANNEL);

  server.post(WHATSAPP_WEBHOOK_PATH, async (req: restify.Request, res: restify.Response) => {
    try {
      const body = await readSignedJson(req, res, { appSecret: o.appSecret, maxBodyBytes: o.maxBodyBytes, log: o.log, channel: WHATSAPP_CHANNEL });
      if (!body) return;
      const json = body.json;
      const parsed = WaWebhook.safeParse(json);
      if (!parsed.success) {
        // Signed by Meta but not a shape we know: retrying will not change it. The path of the first problem, never a value.
        o.log('warn', 'whatsapp.webhook_rejected', { reason: 'invalid_shape', at: parsed.error.issues[0]?.path.join('.').slice(0, 80) });
        answer(res, 400, { error: 'invalid_payload' });
        return;
      }
      const inbound = convertInbound(parsed.data, o.phoneNumberId);
      const added = await o.layer.receive(inbound.messages);
      for (const s of inbound.statuses) {
        await o.store.recordStatus(WHATSAPP_CHANNEL, s.externalId, s.status, s.errorCode, o.layer.now());
        if (s.status === 'failed') o.log('warn', 'whatsapp.delivery_failed', { error: s.errorCode ?? 'unknown', window_closed: s.errorCode === '131047' || undefined });
      }
      for (const d of inbound.dropped) o.log('warn', 'whatsapp.webhook_dropped', { reason: d.reason });
      o.log('info', 'whatsapp.webhook', { messages: inbound.messages.length, new: added, duplicates: inbound.messages.length - added, statuses: inbound.statuses.length });
      answer(res, 200, { ok: true });
    } catch (err) {
      // The database is down: Meta retries a webhook that was not answered 200, so nothing is lost.
      o.log('error', 'whatsapp.webhook_failed', { code: errorCode(err) });
      if (!res.headersSent) answer(res, 503, { error: 'unavailable' });
    }
  });
}
