import type { App } from '../../index';
import { FakeGraphApi, type SentMessage } from '../../adapters/whatsapp/FakeGraphApi';
import { silentLogger } from '../../bots/log';
import { loadConfig } from '../../config';
import { createApp } from '../../index';
import { createI18n } from '../../locales/i18n';

export const WA = {
  phoneNumberId: '106540352242922',
  accessToken: 'EAAG-test-access-token-0123456789',
  appSecret: 'app-secret-of-the-meta-app-0123',
  verifyToken: 'verify-token-of-binome-0123',
};

/** The app with WhatsApp on, its Graph API a loopback fake that also plays the phones. */
export async function startWhatsAppApp(databaseUrl: string, env: Record<string, string> = {}, opts: { statuses?: boolean; now?: () => Date } = {}): Promise<{ app: App; fake: FakeGraphApi }> {
  const fake = await new FakeGraphApi({ accessToken: WA.accessToken, phoneNumberId: WA.phoneNumberId, appSecret: WA.appSecret, statuses: opts.statuses }).start();
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_PSEUDONYM_KEY: 'test',
    WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId, WHATSAPP_ACCESS_TOKEN: WA.accessToken, WHATSAPP_APP_SECRET: WA.appSecret, WHATSAPP_VERIFY_TOKEN: WA.verifyToken,
    WHATSAPP_GRAPH_URL: fake.url, OUTBOX_POLL_MS: '50', ...env,
  });
  const app = await createApp({ config, log: silentLogger, now: opts.now });
  fake.webhookUrl = `${app.url}/webhooks/whatsapp`;
  return { app, fake };
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

/**
 * One phone's conversation: each call sends a message and returns the replies of that
 * turn once the bot processed it and the outbox delivered them all (read from the database:
 * the inbox row is done and its replies are delivered).
 */
export class Phone {
  constructor(private readonly app: App, private readonly fake: FakeGraphApi, readonly user: string) {}

  async say(text: string): Promise<SentMessage[]> {
    const { status, id } = await this.fake.text(this.user, text);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return this.repliesTo(id);
  }

  async tap(title: string): Promise<SentMessage[]> {
    const { status, id } = await this.fake.tap(this.user, title);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return this.repliesTo(id);
  }

  async send(message: Record<string, unknown>): Promise<SentMessage[]> {
    const m = this.fake.messageFrom(this.user, message);
    const status = await this.fake.post(m.body);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return this.repliesTo(m.id);
  }

  /** The replies to one inbound message, in the order they were sent. */
  async repliesTo(externalId: string, ms = 20_000): Promise<SentMessage[]> {
    const prisma = this.app.db.prisma;
    const deadline = Date.now() + ms;
    for (;;) {
      const row = await prisma.channelInbox.findUnique({ where: { channel_externalId: { channel: 'whatsapp', externalId } } });
      if (row && (row.status === 'done' || row.status === 'failed')) {
        const rows = await prisma.notification.findMany({ where: { kind: 'channel_message', payload: { path: ['inReplyTo'], equals: row.id } }, orderBy: { seq: 'asc' } });
        if (rows.every((r) => r.status === 'delivered' || r.status === 'dead')) {
          const ids = rows.map((r) => r.id);
          return ids.map((id) => this.fake.sent.find((s) => s.deliveryId === id)).filter((s): s is SentMessage => !!s);
        }
      }
      if (Date.now() > deadline) throw new Error(`no replies to ${externalId} (inbox: ${row?.status ?? 'absent'})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export const texts = (ms: SentMessage[]) => ms.map((m) => shown(m).text);
export const lastChoices = (ms: SentMessage[]) => shown(ms[ms.length - 1]!).choices;
