import { FakeTelegramApi, type TgSent } from '../../adapters/telegram/FakeTelegramApi';
import type { Logger } from '../../bots/log';
import type { App } from '../../index';
import { startAppWithFake, type ChannelApp } from './channelApp';

export const TG_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
export const TG_SECRET = 'telegram-webhook-secret-0123456789';

/** The app with Telegram on (PGlite in memory), its Bot API a loopback fake that also plays the people. */
export function startTelegramApp(log: Logger): Promise<{ app: App; fake: FakeTelegramApi }> {
  return startAppWithFake(new FakeTelegramApi({ token: TG_TOKEN, secret: TG_SECRET }), {
    databaseUrl: 'pglite://memory', log, webhookPath: '/webhooks/telegram',
    channelEnv: (url) => ({ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: TG_SECRET, TELEGRAM_API_URL: url }),
  });
}

/**
 * Posts a Telegram update to the app's webhook and returns the replies of its turn, in order,
 * once the inbox row is done and every reply was delivered (read from the database: which
 * chat message each notification became is in channel_delivery).
 */
export async function telegramTurn(app: App, fake: FakeTelegramApi, update: { update_id: number }): Promise<TgSent[]> {
  if ((await fake.post(update)) !== 200) throw new Error('the webhook refused the update');
  const prisma = app.db.prisma;
  for (let i = 0; i < 400; i++) {
    const row = await prisma.channelInbox.findUnique({ where: { channel_externalId: { channel: 'telegram', externalId: `u${update.update_id}` } } });
    if (row?.status === 'done') {
      const rows = await prisma.notification.findMany({ where: { kind: 'channel_message', payload: { path: ['inReplyTo'], equals: row.id } }, orderBy: { seq: 'asc' } });
      if (rows.every((r) => r.status === 'delivered')) {
        const deliveries = await prisma.channelDelivery.findMany({ where: { notificationId: { in: rows.map((r) => r.id) } } });
        return rows.map((r) => {
          const d = deliveries.find((x) => x.notificationId === r.id)!;
          return fake.sent.find((s) => `${s.chatId}:${s.messageId}` === d.externalId)!;
        });
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no replies');
}

/** The people's side of a Telegram test: each call posts an update and returns the replies of its turn. */
export function telegramPeople(ch: ChannelApp<FakeTelegramApi>) {
  const turn = (update: { update_id: number }): Promise<TgSent[]> => telegramTurn(ch.app, ch.fake, update);
  return {
    turn,
    say: (user: string, text: string) => turn(ch.fake.messageUpdate(user, { text })),
    press: (user: string, label: string) => turn(ch.fake.callbackUpdate(user, label)),
    /** The texts of a turn's replies, one a line. */
    all: (r: TgSent[]) => r.map((m) => m.text).join('\n'),
  };
}
