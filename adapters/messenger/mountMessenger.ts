import type restify from 'restify';
import type { Logger } from '../../bots/log';
import type { ChannelLayer } from '../channels/ChannelLayer';
import type { ChannelStore } from '../channels/ChannelStore';
import { mountMetaWebhook } from '../meta/metaWebhook';
import { convertInbound, MESSENGER_CHANNEL } from './convertInbound';
import { MsgWebhook } from './schemas';

export const MESSENGER_WEBHOOK_PATH = '/webhooks/messenger';

export interface MessengerWebhookOptions {
  layer: ChannelLayer;
  store: ChannelStore;
  log: Logger;
  appSecret: string;
  verifyToken: string;
  pageId: string;
  maxBodyBytes: number;
}

/**
 * The Messenger Platform webhook, on the same Meta scheme as WhatsApp's (adapters/meta):
 * GET answers the subscription handshake; POST checks X-Hub-Signature-256 over the raw
 * bytes, then the shape (zod), stores the messages (once each, by mid), records
 * deliveries, and answers 200 at once: turns run in the inbox worker.
 */
export function mountMessenger(server: restify.Server, o: MessengerWebhookOptions): void {
  mountMetaWebhook(server, MESSENGER_WEBHOOK_PATH, { ...o, channel: MESSENGER_CHANNEL }, MsgWebhook, async (payload) => {
    const inbound = convertInbound(payload, o.pageId);
    const added = await o.layer.receive(inbound.messages);
    for (const mid of inbound.delivered) await o.store.recordStatus(MESSENGER_CHANNEL, mid, 'delivered', null, o.layer.now());
    for (const d of inbound.dropped) o.log('warn', 'messenger.webhook_dropped', { reason: d.reason });
    o.log('info', 'messenger.webhook', { messages: inbound.messages.length, new: added, duplicates: inbound.messages.length - added, delivered: inbound.delivered.length, ignored: inbound.ignored });
  });
}
