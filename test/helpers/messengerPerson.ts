import type { App } from '../../index';
import { FakeSendApi, type SentMessengerMessage } from '../../adapters/messenger/FakeSendApi';
import { startAppWithFake } from './channelApp';
import { ChannelPerson } from './channelPerson';

export const MS = {
  pageId: '104851234567890',
  pageAccessToken: 'EAAJ-page-access-token-0123456789',
  appSecret: 'messenger-app-secret-0123456',
  verifyToken: 'messenger-verify-token-0123',
};

/** The app with Messenger on, its Send API a loopback fake that also plays the people. */
export function startMessengerApp(databaseUrl: string, env: Record<string, string> = {}, opts: { now?: () => Date } = {}): Promise<{ app: App; fake: FakeSendApi }> {
  return startAppWithFake(new FakeSendApi({ ...MS, now: opts.now ? () => opts.now!().getTime() : undefined }), {
    databaseUrl, env, now: opts.now, webhookPath: '/webhooks/messenger',
    channelEnv: (url) => ({ MESSENGER_PAGE_ID: MS.pageId, MESSENGER_PAGE_ACCESS_TOKEN: MS.pageAccessToken, MESSENGER_APP_SECRET: MS.appSecret, MESSENGER_VERIFY_TOKEN: MS.verifyToken, MESSENGER_GRAPH_URL: url }),
  });
}

/** What a sent message shows: its text and the quick replies it offers. */
export function shownM(m: SentMessengerMessage): { text: string; choices: string[] } {
  const msg = m.body.message as { text: string; quick_replies?: { title: string }[] };
  return { text: msg.text, choices: (msg.quick_replies ?? []).map((q) => q.title) };
}
export const textsM = (ms: SentMessengerMessage[]) => ms.map((m) => shownM(m).text);
export const lastChoicesM = (ms: SentMessengerMessage[]) => shownM(ms[ms.length - 1]!).choices;

/** One person's conversation (see ChannelPerson); channel_delivery says which mid each reply got. */
export class MessengerPerson extends ChannelPerson<SentMessengerMessage> {
  constructor(app: App, private readonly sendApi: FakeSendApi, psid: string) {
    super(app, sendApi, psid, 'messenger');
  }

  get psid(): string {
    return this.user;
  }

  protected async sentFor(ids: string[]): Promise<SentMessengerMessage[]> {
    const sent = await this.app.db.prisma.channelDelivery.findMany({ where: { channel: 'messenger', notificationId: { in: ids } } });
    const midOf = new Map(sent.map((s) => [s.notificationId, s.externalId]));
    return ids.map((id) => this.sendApi.sent.find((s) => s.mid === midOf.get(id))).filter((s): s is SentMessengerMessage => !!s);
  }
}
