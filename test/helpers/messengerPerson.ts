import type { App } from '../../index';
import { FakeSendApi, type SentMessengerMessage } from '../../adapters/messenger/FakeSendApi';
import { silentLogger } from '../../bots/log';
import { loadConfig } from '../../config';
import { createApp } from '../../index';

export const MS = {
  pageId: '104851234567890',
  pageAccessToken: 'EAAJ-page-access-token-0123456789',
  appSecret: 'messenger-app-secret-0123456',
  verifyToken: 'messenger-verify-token-0123',
};

/** The app with Messenger on, its Send API a loopback fake that also plays the people. */
export async function startMessengerApp(databaseUrl: string, env: Record<string, string> = {}, opts: { now?: () => Date } = {}): Promise<{ app: App; fake: FakeSendApi }> {
  const fake = await new FakeSendApi({ ...MS, now: opts.now ? () => opts.now!().getTime() : undefined }).start();
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_PSEUDONYM_KEY: 'test',
    MESSENGER_PAGE_ID: MS.pageId, MESSENGER_PAGE_ACCESS_TOKEN: MS.pageAccessToken, MESSENGER_APP_SECRET: MS.appSecret, MESSENGER_VERIFY_TOKEN: MS.verifyToken,
    MESSENGER_GRAPH_URL: fake.url, OUTBOX_POLL_MS: '50', ...env,
  });
  const app = await createApp({ config, log: silentLogger, now: opts.now });
  fake.webhookUrl = `${app.url}/webhooks/messenger`;
  return { app, fake };
}

/** What a sent message shows: its text and the quick replies it offers. */
export function shownM(m: SentMessengerMessage): { text: string; choices: string[] } {
  const msg = m.body.message as { text: string; quick_replies?: { title: string }[] };
  return { text: msg.text, choices: (msg.quick_replies ?? []).map((q) => q.title) };
}
export const textsM = (ms: SentMessengerMessage[]) => ms.map((m) => shownM(m).text);
export const lastChoicesM = (ms: SentMessengerMessage[]) => shownM(ms[ms.length - 1]!).choices;

/**
 * One person's conversation: each call sends a message and returns the replies of that
 * turn once the bot processed it and the outbox delivered them all (read from the database:
 * the inbox row is done, its replies are delivered, and channel_delivery says which mid each got).
 */
export class MessengerPerson {
  constructor(private readonly app: App, private readonly fake: FakeSendApi, readonly psid: string) {}

  async say(text: string): Promise<SentMessengerMessage[]> {
    const { status, id } = await this.fake.text(this.psid, text);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return this.repliesTo(id);
  }

  async tap(title: string): Promise<SentMessengerMessage[]> {
    const { status, id } = await this.fake.tap(this.psid, title);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return this.repliesTo(id);
  }

  async send(message: Record<string, unknown>): Promise<SentMessengerMessage[]> {
    const m = this.fake.messageFrom(this.psid, message);
    const status = await this.fake.post(m.body);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return this.repliesTo(m.id);
  }

  async repliesTo(mid: string, ms = 20_000): Promise<SentMessengerMessage[]> {
    const prisma = this.app.db.prisma;
    const deadline = Date.now() + ms;
    for (;;) {
      const row = await prisma.channelInbox.findUnique({ where: { channel_externalId: { channel: 'messenger', externalId: mid } } });
      if (row && (row.status === 'done' || row.status === 'failed')) {
        const rows = await prisma.notification.findMany({ where: { kind: 'channel_message', payload: { path: ['inReplyTo'], equals: row.id } }, orderBy: { seq: 'asc' } });
        if (rows.every((r) => r.status === 'delivered' || r.status === 'dead')) {
          const sent = await prisma.channelDelivery.findMany({ where: { channel: 'messenger', notificationId: { in: rows.map((r) => r.id) } } });
          const midOf = new Map(sent.map((s) => [s.notificationId, s.externalId]));
          return rows.map((r) => this.fake.sent.find((s) => s.mid === midOf.get(r.id))).filter((s): s is SentMessengerMessage => !!s);
        }
      }
      if (Date.now() > deadline) throw new Error(`no replies to ${mid} (inbox: ${row?.status ?? 'absent'})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
