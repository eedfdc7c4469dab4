import type { Config } from '../../config';
import type { Logger } from '../../bots/log';
import type { ProactiveMessenger } from '../../bots/ProactiveMessenger';
import { GraphApi } from '../whatsapp/GraphApi';
import { TelegramApi } from '../telegram/TelegramApi';
import { SendApi } from '../messenger/SendApi';
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
  all: MessagingChannel[];
}

/** The messaging channels the configuration turns on (none by default). */
export function configuredChannels(config: Config): ConfiguredChannels {
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
        pageAccessToken: config.MESSENGER_PAGE_ACCESS_TOKEN!,
        timeoutMs: config.CHANNEL_SEND_TIMEOUT_MS,
        newsTag: config.MESSENGER_NEWS_TAG === 'none' ? undefined : config.MESSENGER_NEWS_TAG,
      })
    : undefined;
  return { whatsapp, telegram, messenger, all: [whatsapp, telegram, messenger].filter((c): c is GraphApi | TelegramApi | SendApi => !!c) };
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
}
