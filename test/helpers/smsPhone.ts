import { FakeTwilioApi, type TwilioSent } from '../../adapters/sms/FakeTwilioApi';
import { countSegments, toGsmFriendly } from '../../adapters/sms/segments';
import type { Logger } from '../../bots/log';
import type { App } from '../../index';
import { createI18n } from '../../locales/i18n';
import { startAppWithFake } from './channelApp';

export const TW = {
  accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
  authToken: 'f'.repeat(8) + '0123456789abcdef01234567',
  number: '+33757000001',
};

/** Starts the app with SMS through a loopback Twilio fake. */
export function startTwilioApp(databaseUrl: string, env: Record<string, string> = {}, opts: { log?: Logger; now?: () => Date } = {}, fakeOpts: { statuses?: boolean } = {}): Promise<{ app: App; fake: FakeTwilioApi }> {
  return startAppWithFake(new FakeTwilioApi({ ...TW, ...fakeOpts }), {
    databaseUrl, env, ...opts, webhookPath: '/webhooks/sms',
    channelEnv: (url) => ({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: TW.accountSid, TWILIO_AUTH_TOKEN: TW.authToken, TWILIO_FROM: TW.number, TWILIO_API_URL: url }),
  });
}

const i18n = createI18n();

/** The beginning of what a key says on SMS (its SMS wording if it has one), as the phone shows it. */
export function saidSms(key: string, lang: 'fr' | 'en' = 'fr'): string {
  const variant = i18n.exists(`sms.${key}`, { lng: lang }) ? `sms.${key}` : key;
  const raw = i18n.t(variant, { lng: lang }) as string;
  if (raw === variant) throw new Error(`no locale key ${key}`);
  return toGsmFriendly(raw.split('{{')[0]!.trim()).slice(0, 30);
}

/** The SMS replies of one inbound message, once its turn is done and every reply reached the fake. */
export async function smsTurn(app: App, fake: { sent: { sid?: string; id?: string }[] }, externalId: string): Promise<TwilioSent[]> {
  const prisma = app.db.prisma;
  for (let i = 0; i < 400; i++) {
    const row = await prisma.channelInbox.findUnique({ where: { channel_externalId: { channel: 'sms', externalId } } });
    if (row?.status === 'done') {
      const rows = await prisma.notification.findMany({ where: { kind: 'channel_message', payload: { path: ['inReplyTo'], equals: row.id } }, orderBy: { seq: 'asc' } });
      if (rows.every((r) => r.status === 'delivered' || r.status === 'dead')) {
        const deliveries = await prisma.channelDelivery.findMany({ where: { notificationId: { in: rows.map((r) => r.id) } } });
        return rows.flatMap((r) => {
          const d = deliveries.find((x) => x.notificationId === r.id);
          const m = d && fake.sent.find((s) => (s.sid ?? s.id) === d.externalId);
          return m ? [m as TwilioSent] : [];
        });
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no replies');
}

/** One phone texting the bot through the Twilio fake; each call returns that turn's SMS. */
export class SmsPhone {
  /** Segments of each turn's replies, in order. */
  readonly segments: number[] = [];
  constructor(private readonly app: App, private readonly fake: FakeTwilioApi, readonly number: string) {}

  async say(text: string): Promise<TwilioSent[]> {
    const { status, id } = await this.fake.text(this.number, text);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    const r = await smsTurn(this.app, this.fake, id);
    this.segments.push(r.reduce((n, m) => n + countSegments(m.body).segments, 0));
    return r;
  }
}

export const bodies = (r: { body: string }[]) => r.map((m) => m.body).join('\n');
