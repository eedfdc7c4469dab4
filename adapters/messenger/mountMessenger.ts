import type restify from 'restify';
import { errorCode, type Logger } from '../../bots/log';
import type { ChannelLayer } from '../channels/ChannelLayer';
import type { ChannelStore } from '../channels/ChannelStore';
import { answer } from '../channels/webhookHttp';
import { mountMetaHandshake, readSignedJson } from '../meta/metaWebhook';
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
  mountMetaHandshake(server, MESSENGER_WEBHOOK_PATH, o.verifyToken, o.log, MESSENGER_CHANNEL);

  server.post(MESSENGER_WEBHOOK_PATH, async (req: restify.Request, res: restify.Response) => {
    try {
      const body = await readSignedJson(req, res, { appSecret: o.appSecret, maxBodyBytes: o.maxBodyBytes, log: o.log, channel: MESSENGER_CHANNEL });
      if (!body) return;
      const parsed = MsgWebhook.safeParse(body.json);
      if (!parsed.success) {
        // Signed by Meta but not a shape we know: the path of the first problem, never a value.
        o.log('warn', 'messenger.webhook_rejected', { reason: 'invalid_shape', at: parsed.error.issues[0]?.path.join('.').slice(0, 80) });
        answer(res, 400, { error: 'invalid_payload' });
        return;
      }
      const inbound = convertInbound(parsed.data, o.pageId);
      const added = await o.layer.receive(inbound.messages);
      for (const mid of inbound.delivered) await o.store.recordStatus(MESSENGER_CHANNEL, mid, 'delivered', null, o.layer.now());
      for (const d of inbound.dropped) o.log('warn', 'messenger.webhook_dropped', { reason: d.reason });
      o.log('info', 'messenger.webhook', { messages: inbound.messages.length, new: added, duplicates: inbound.messages.length - added, delivered: inbound.delivered.length, ignored: inbound.ignored });
      answer(res, 200, { ok: true });
    } catch (err) {
      // The database is down: Meta retries a webhook that was not answered 200, so nothing is lost.
      o.log('error', 'messenger.webhook_failed', { code: errorCode(err) });
      if (!res.headersSent) answer(res, 503, { error: 'unavailable' });
    }
  });
}
