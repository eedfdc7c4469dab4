import type { TurnContext } from 'botbuilder';
import type { PrismaClient } from '@prisma/client';
import type { Server } from 'restify';
import type { Config } from '../../config';
import type { Logger } from '../../bots/log';
import type { ProactiveMessenger } from '../../bots/ProactiveMessenger';
import type { Renderer } from '../../bots/renderMessages';
import { langFromLocale } from '../../locales/i18n';
import { PrismaChannelStore } from '../../db/PrismaChannelStore';
import { mountSms } from '../sms/mountSms';
import { mountTelegram } from '../telegram/mountTelegram';
import { mountWhatsApp } from '../whatsapp/mountWhatsApp';
import { mountMessenger } from '../messenger/mountMessenger';
import { ChannelLayer } from './ChannelLayer';
import { configuredChannels, registerChannelNews, smsWiring, type ConfiguredChannels } from './configured';

export interface Messaging {
  /** The channels the settings configure (none: no webhook is mounted, no layer runs). */
  configured: ConfiguredChannels;
  store: PrismaChannelStore;
  /** The inbox/outbox layer, when at least one channel is configured; its worker starts with `start()`. */
  layer: ChannelLayer | null;
}

/**
 * The messaging channels of `npm start` (WhatsApp, Messenger, Telegram, SMS): each configured
 * channel's webhook is mounted on `server`; webhooks store, the layer's inbox worker runs the
 * turns, the outbox sends, and news about a request is registered with `proactive`.
 */
export function mountMessaging(server: Server, o: {
  config: Config;
  db: { prisma: PrismaClient; sql: ConstructorParameters<typeof PrismaChannelStore>[1] };
  logic: (ctx: TurnContext) => Promise<void>;
  render: Renderer;
  proactive: ProactiveMessenger;
  log: Logger;
  now: () => Date;
  /** Where this process listens, known once it does (the SMS signature's address without PUBLIC_URL). */
  url: () => string;
  onQueued: () => void;
}): Messaging {
  const { config, log, now } = o;
  const configured = configuredChannels(config, smsWiring(o.db.prisma, log, now));
  const store = new PrismaChannelStore(o.db.prisma, o.db.sql);
  if (configured.all.length === 0) return { configured, store, layer: null };

  const t = (lang: string, key: string, params?: Record<string, unknown>) => o.render({ key, params: params as never }, lang === 'en' ? 'en' : 'fr');
  const layer = new ChannelLayer({
    store, logic: o.logic, channels: configured.all, log, now,
    // SMS says the same few words more briefly (locales/*/sms.json).
    say: (lang, channel) => (key, params) => t(lang, channel === 'sms' ? `sms.${key}` : key, params),
    apology: (lang) => t(lang, 'errors.tryAgain'),
    leaseMs: config.CHANNEL_LEASE_SECONDS * 1000,
    pollMs: config.OUTBOX_POLL_MS,
    onQueued: o.onQueued,
  });
  const maxBodyBytes = config.CHANNEL_MAX_BODY_BYTES;
  if (configured.whatsapp) {
    mountWhatsApp(server, {
      layer, store, log, maxBodyBytes, phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID!,
      appSecret: config.WHATSAPP_APP_SECRET!, verifyToken: config.WHATSAPP_VERIFY_TOKEN!,
    });
  }
  if (configured.messenger) {
    mountMessenger(server, {
      layer, store, log, maxBodyBytes, pageId: config.MESSENGER_PAGE_ID!,
      appSecret: config.MESSENGER_APP_SECRET!, verifyToken: config.MESSENGER_VERIFY_TOKEN!,
    });
  }
  if (configured.telegram) {
    mountTelegram(server, {
      layer, api: configured.telegram, log, maxBodyBytes, secret: config.TELEGRAM_WEBHOOK_SECRET!,
      staleButtonText: (locale) => t(langFromLocale(locale), 'channels.buttonExpired'),
    });
  }
  if (configured.sms) {
    mountSms(server, {
      layer, store, log, maxBodyBytes, now,
      publicUrl: () => config.PUBLIC_URL ?? o.url(),
      twilio: config.SMS_PROVIDER === 'twilio' ? { accountSid: config.TWILIO_ACCOUNT_SID!, authToken: config.TWILIO_AUTH_TOKEN! } : undefined,
      vonage: config.SMS_PROVIDER === 'vonage' ? { signatureSecret: config.VONAGE_SIGNATURE_SECRET!, method: config.VONAGE_SIGNATURE_METHOD } : undefined,
    });
  }
  registerChannelNews(o.proactive, configured, store, log, now);
  return { configured, store, layer };
}
