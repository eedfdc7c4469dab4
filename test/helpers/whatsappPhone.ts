import type { App } from '../../index';
import { FakeGraphApi, type SentMessage } from '../../adapters/whatsapp/FakeGraphApi';
import { createI18n } from '../../locales/i18n';
import { startAppWithFake } from './channelApp';
import { ChannelPerson } from './channelPerson';

export const WA = {
  phoneNumberId: '106540352242922',
  accessToken: 'EAAG-test-access-token-0123456789',
  appSecret: 'app-secret-of-the-meta-app-0123',
  verifyToken: 'verify-token-of-binome-0123',
};

/** The app with WhatsApp on, its Graph API a loopback fake that also plays the phones. */
export function startWhatsAppApp(databaseUrl: string, env: Record<string, string> = {}, opts: { statuses?: boolean; now?: () => Date } = {}): Promise<{ app: App; fake: FakeGraphApi }> {
  return startAppWithFake(new FakeGraphApi({ accessToken: WA.accessToken, phoneNumberId: WA.phoneNumberId, appSecret: WA.appSecret, statuses: opts.statuses }), {
    databaseUrl, env, now: opts.now, webhookPath: '/webhooks/whatsapp',
    channelEnv: (url) => ({ WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId, WHATSAPP_ACCESS_TOKEN: WA.accessToken, WHATSAPP_APP_SECRET: WA.appSecret, WHATSAPP_VERIFY_TOKEN: WA.verifyToken, WHATSAPP_GRAPH_URL: url }),
  });
}

/** What a sent message shows: its text and the buttons or rows it offers. */
export function shown(m: SentMessage): { text: string; choices: string[] } {
  const b = m.body as { type: string; text?: { body: string }; interactive?: { body: { text: string }; action: { buttons?: { reply: { title: string } }[]; sections?: { rows: { title: string }[] }[] } }; template?: unknown };
  if (b.type === 'text') return { text: b.text!.body, choices: [] };
  if (b.type === 'interactive') {
    const a = b.interactive!.action;
    return { text: b.interactive!.body.text, choices: a.buttons ? a.buttons.map((x) => x.reply.title) : a.sections!.flatMap((s) => s.rows.map((r) => r.title)) };
  }
  return { text: JSON.stringify(b.template), choices: [] };
}

const i18n = createI18n();
/** A locale key's text up to its first placeholder: what any rendering of it starts with. */
export function said(key: string, lang: 'fr' | 'en' = 'fr', params: Record<string, unknown> = {}): string {
  const raw = i18n.t(key, { lng: lang, ...params }) as string;
  if (raw === key) throw new Error(`no locale key ${key}`);
  return raw.split('{{')[0]!.trim().slice(0, 40);
}

/** One phone's conversation (see ChannelPerson); the fake's sends carry the outbox row's id. */
export class Phone extends ChannelPerson<SentMessage> {
  constructor(app: App, private readonly graph: FakeGraphApi, user: string) {
    super(app, graph, user, 'whatsapp');
  }

  protected async sentFor(ids: string[]): Promise<SentMessage[]> {
    return ids.map((id) => this.graph.sent.find((s) => s.deliveryId === id)).filter((s): s is SentMessage => !!s);
  }
}

export const texts = (ms: SentMessage[]) => ms.map((m) => shown(m).text);
export const lastChoices = (ms: SentMessage[]) => shown(ms[ms.length - 1]!).choices;
