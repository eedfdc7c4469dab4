import type restify from 'restify';
import type { Logger } from '../../bots/log';
import type { ChannelLayer } from '../channels/ChannelLayer';
import type { ChannelStore } from '../channels/ChannelStore';
import { mountMetaWebhook } from '../meta/metaWebhook';
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
  mountMetaWebhook(server, WHATSAPP_WEBHOOK_PATH, { ...o, channel: WHATSAPP_CHANNEL }, WaWebhook, async (payload) => {
    const inbound = convertInbound(payload, o.phoneNumberId);
    const added = await o.layer.receive(inbound.messages);
    for (const s of inbound.statuses) {
      await o.store.recordStatus(WHATSAPP_CHANNEL, s.externalId, s.status, s.errorCode, o.layer.now());
      if (s.status === 'failed') o.log('warn', 'whatsapp.delivery_failed', { error: s.errorCode ?? 'unknown', window_closed: s.errorCode === '131047' || undefined });
    }
    for (const d of inbound.dropped) o.log('warn', 'whatsapp.webhook_dropped', { reason: d.reason });
    o.log('info', 'whatsapp.webhook', { messages: inbound.messages.length, new: added, duplicates: inbound.messages.length - added, statuses: inbound.statuses.length });
  });
}
