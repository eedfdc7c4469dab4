import type { Config } from '../../config';
import type { Logger } from '../../bots/log';
import type { ProactiveMessenger } from '../../bots/ProactiveMessenger';
import type { NewsBySms } from '../../notifications/OutboxWorker';
import { GraphApi } from '../whatsapp/GraphApi';
import { TelegramApi } from '../telegram/TelegramApi';
import { SendApi } from '../messenger/SendApi';
import { SmsChannel, type OptOutStore } from '../sms/SmsChannel';
import { TwilioApi } from '../sms/TwilioApi';
import { VonageApi } from '../sms/VonageApi';
import type { PrismaClient } from '@prisma/client';
import { PrismaOptOuts } from '../../db/PrismaOptOuts';
import { createI18n } from '../../locales/i18n';
import { ChannelNews, ChannelOutbox } from './ChannelSenders';
import type { ChannelStore } from './ChannelStore';
import type { MessagingChannel } from './MessagingChannel';

/** WhatsApp's customer service window: free-form messages only within 24 hours of the user's last one. */
export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;
/** Messenger's standard messaging window: a page answers freely within 24 hours of the person's last message. */
export const MESSENGER_WINDOW_MS = 24 * 3_600_000;

export interface ConfiguredChannels {
  whatsapp?: GraphApi;
  telegram?: TelegramApi;
  messenger?: SendApi;
  sms?: SmsChannel;
  all: MessagingChannel[];
}

/** What the SMS channel needs besides the settings: its opt-out list, its two confirmations, a logger. */
export interface SmsWiring {
  optOuts: OptOutStore;
  stopped: () => string;
  started: () => string;
  log: Logger;
  now?: () => Date;
}

/** The wiring of `npm start` and `npm run worker`: the opt-out list in the database, the confirmations in both languages (whose number it is is not known for sure). */
export function smsWiring(prisma: PrismaClient, log: Logger, now?: () => Date): SmsWiring {
  const i18n = createI18n();
  const both = (key: string) => () => `${i18n.t(key, { lng: 'fr' })}\n${i18n.t(key, { lng: 'en' })}`;
  return { optOuts: new PrismaOptOuts(prisma), stopped: both('sms.stopped'), started: both('sms.started'), log, now };
}

/** The SMS provider the settings choose (SMS_PROVIDER), as a channel; undefined when SMS is off. */
export function smsChannel(config: Config, wiring: SmsWiring): SmsChannel | undefined {
  if (!config.SMS_PROVIDER) return undefined;
  const provider = config.SMS_PROVIDER === 'twilio'
    ? new TwilioApi({
        baseUrl: config.TWILIO_API_URL, accountSid: config.TWILIO_ACCOUNT_SID!, authToken: config.TWILIO_AUTH_TOKEN!, from: config.TWILIO_FROM!, timeoutMs: config.CHANNEL_SEND_TIMEOUT_MS,
        // Twilio can only call back an address it reaches: asked for only when PUBLIC_URL says where that is.
        statusCallback: config.PUBLIC_URL ? `${config.PUBLIC_URL.replace(/\/+$/, '')}/webhooks/sms/status` : undefined,
      })
    : new VonageApi({ baseUrl: config.VONAGE_API_URL, apiKey: config.VONAGE_API_KEY!, apiSecret: config.VONAGE_API_SECRET!, from: config.VONAGE_FROM!, timeoutMs: config.CHANNEL_SEND_TIMEOUT_MS });
  return new SmsChannel({ provider, optOuts: wiring.optOuts, budget: config.SMS_MAX_SEGMENTS_PER_TURN, foldAccents: config.SMS_FOLD_ACCENTS, stopped: wiring.stopped, started: wiring.started, log: wiring.log, now: wiring.now });
}

/** The messaging channels the configuration turns on (none by default). */
export function configuredChannels(config: Config, sms?: SmsWiring): ConfiguredChannels {
  const whatsapp = config.WHATSAPP_PHONE_NUMBER_ID
    ? new GraphApi({
        baseUrl: config.WHATSAPP_GRAPH_URL,
        version: config.WHATSAPP_GRAPH_VERSION,
        phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
        accessToken: config.WHATSAPP_ACCESS_TOKEN!,
        timeoutMs: config.CHANNEL_SEND_TIMEOUT_MS,
        newsTemplate: config.WHATSAPP_NEWS_TEMPLATE
          ? { name: config.WHATSAPP_NEWS_TEMPLATE, languages: { fr: config.WHATSAPP_NEWS_TEMPLATE_LANG_FR, en: config.WHATSAPP_NEWS_TEMPLATE_LANG_EN } }
          : undefined,
      })
    : undefined;
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? new TelegramApi({ baseUrl: config.TELEGRAM_API_URL, token: config.TELEGRAM_BOT_TOKEN, timeoutMs: config.CHANNEL_SEND_TIMEOUT_MS })
    : undefined;
  const messenger = config.MESSENGER_PAGE_ID
    ? new SendApi({
        baseUrl: config.MESSENGER_GRAPH_URL,
        version: config.MESSENGER_GRAPH_VERSION,
        pageId: config.MESSENGER_PAGE_ID,
        pageAccessToken: config.MESSENGER_PAGE_ACCESS_TOKEN!,
        timeoutMs: config.CHANNEL_SEND_TIMEOUT_MS,
        newsTag: config.MESSENGER_NEWS_TAG === 'none' ? undefined : config.MESSENGER_NEWS_TAG,
      })
    : undefined;
  const text = sms ? smsChannel(config, sms) : undefined;
  return { whatsapp, telegram, messenger, sms: text, all: [whatsapp, telegram, messenger, text].filter((c): c is GraphApi | TelegramApi | SendApi | SmsChannel => !!c) };
}

/** The outbox's sender for channel replies (null when no channel is configured). */
export function channelOutbox(channels: ConfiguredChannels, store: ChannelStore, log: Logger, now: () => Date = () => new Date()): ChannelOutbox | undefined {
  return channels.all.length > 0 ? new ChannelOutbox(channels.all, store, log, now) : undefined;
}

/** News about a request reaches the young person in their messaging app (see ChannelNews for WhatsApp's window). */
export function registerChannelNews(proactive: ProactiveMessenger, channels: ConfiguredChannels, store: ChannelStore, log: Logger, now: () => Date = () => new Date()): void {
  const wa = channels.whatsapp;
  if (wa) {
    proactive.register(wa.id, new ChannelNews(wa, store, log, { windowMs: WHATSAPP_WINDOW_MS, send: (to, text, lang, id) => wa.sendTemplate(to, text, lang, id) }, now));
  }
  const ms = channels.messenger;
  if (ms) {
    // Outside the window, news goes with a message tag (or by e-mail when none is configured), as WhatsApp's goes with its template.
    proactive.register(ms.id, new ChannelNews(ms, store, log, { windowMs: MESSENGER_WINDOW_MS, send: (to, text) => ms.sendTagged(to, text) }, now));
  }
  if (channels.telegram) proactive.register(channels.telegram.id, new ChannelNews(channels.telegram, store, log, undefined, now));
  // SMS has no window: news goes as any message (a stopped number refuses it, and the outbox falls back to e-mail).
  if (channels.sms) proactive.register(channels.sms.id, new ChannelNews(channels.sms, store, log, undefined, now));
}

/** News by SMS to the mobile number a young person gave (SMS_NEWS=on), through the configured provider; a stopped number refuses it. */
export function smsNews(config: Config, channels: ConfiguredChannels): NewsBySms | undefined {
  const sms = channels.sms;
  if (!sms || config.SMS_NEWS !== 'on') return undefined;
  return {
    async send(phone, text, deliveryId) {
      // French mobiles only (06, 07): a landline cannot receive it.
      if (!/^\+33[67]\d{8}$/.test(phone)) return 'unsupported';
      const outcome = await sms.send(phone, { kind: 'text', text }, `news-${deliveryId}`);
      if (outcome.ok) return 'sent';
      if (outcome.retry) throw Object.assign(new Error(outcome.error), { code: outcome.error });
      return 'unsupported';
    },
  };
}
