import crypto from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { FakeSendApi } from '../adapters/messenger/FakeSendApi';
import { FakeTwilioApi } from '../adapters/sms/FakeTwilioApi';
import { countSegments } from '../adapters/sms/segments';
import { FakeTelegramApi } from '../adapters/telegram/FakeTelegramApi';
import { FakeGraphApi } from '../adapters/whatsapp/FakeGraphApi';
import { silentLogger } from '../bots/log';
import { loadConfig } from '../config';
import type { App } from '../index';

/**
 * `npm run simulate -- whatsapp|messenger|telegram|sms [--user <id>]`: a phone in this
 * terminal. It starts the bot (as npm start does, with that channel on) and a loopback fake
 * of the platform's API; what you type goes to the bot as the platform would send it (a
 * signed WhatsApp or Messenger webhook, a Telegram update with its secret token, a signed
 * Twilio form), and the bot's replies are read back from the fake API, buttons, quick
 * replies and lists included (SMS: the text, with its segments). Nothing leaves this machine.
 *
 * Type a message; a number taps that button of the last message; /voice, /image,
 * /sticker, /location send those; /quit (or Ctrl-D) leaves. Lines can be piped in too.
 */
const CHANNELS = ['whatsapp', 'messenger', 'telegram', 'sms'] as const;
type Channel = (typeof CHANNELS)[number];
const DEFAULT_USER: Record<Channel, string> = { whatsapp: '33612345678', messenger: '2456789012345678', telegram: '5550001', sms: '+33612345678' };
const NAME: Record<Channel, string> = { whatsapp: 'WhatsApp', messenger: 'Messenger', telegram: 'Telegram', sms: 'SMS' };

function parseArgs(argv: string[]): { channel: Channel; user: string } {
  const channel = argv.find((a): a is Channel => (CHANNELS as readonly string[]).includes(a));
  const i = argv.indexOf('--user');
  if (!channel || argv.includes('--help') || argv.includes('-h')) {
    console.log('Usage: npm run simulate -- whatsapp|messenger|telegram|sms [--user <phone number, PSID or Telegram user id>]');
    process.exit(channel ? 0 : 2);
  }
  return { channel, user: i >= 0 && argv[i + 1] ? argv[i + 1]! : DEFAULT_USER[channel] };
}

interface Shown { text: string; buttons: string[] }

/** Messenger attachments as the Messenger Platform sends them. */
const MESSENGER_MEDIA: Record<string, Record<string, unknown>> = {
  '/voice': { attachments: [{ type: 'audio', payload: { url: 'https://cdn.example/voice.mp4' } }] },
  '/image': { attachments: [{ type: 'image', payload: { url: 'https://cdn.example/photo.jpg' } }] },
  '/sticker': { sticker_id: 369239263222822, attachments: [{ type: 'image', payload: { url: 'https://cdn.example/like.png', sticker_id: 369239263222822 } }] },
  '/location': { attachments: [{ type: 'location', payload: { coordinates: { lat: 45.764, long: 4.8357 } } }] },
};
/** What an MMS carries instead. */
const SMS_MEDIA: Record<string, string> = { '/voice': 'audio/amr', '/image': 'image/jpeg', '/sticker': 'image/gif', '/location': 'text/vcard' };

function segmentsOf(body: string): string {
  const c = countSegments(body);
  return `${c.segments} segment${c.segments > 1 ? 's' : ''}, ${c.encoding}, ${c.units} ${c.encoding === 'GSM-7' ? 'characters' : 'units'}`;
}

async function main(): Promise<void> {
  const { channel, user } = parseArgs(process.argv.slice(2));
  const secret = crypto.randomBytes(24).toString('hex');
  const wa = { phoneNumberId: '106540352242922', accessToken: `EAAG${secret}`, appSecret: secret, verifyToken: `verify-${secret}` };
  const tg = { token: `123456789:${secret}`, secret: `s${secret}` };
  const waFake = channel === 'whatsapp' ? await new FakeGraphApi({ accessToken: wa.accessToken, phoneNumberId: wa.phoneNumberId, appSecret: wa.appSecret, statuses: true }).start() : null;
  const tgFake = channel === 'telegram' ? await new FakeTelegramApi(tg).start() : null;
  const ms = { pageId: '104851234567890', pageAccessToken: `EAAG${secret}`, appSecret: secret, verifyToken: `verify-${secret}` };
  const msFake = channel === 'messenger' ? await new FakeSendApi({ pageAccessToken: ms.pageAccessToken, pageId: ms.pageId, appSecret: ms.appSecret }).start() : null;
  const tw = { accountSid: `AC${secret.slice(0, 32)}`, authToken: secret.slice(0, 32), number: '+33757000001' };
  const smsFake = channel === 'sms' ? await new FakeTwilioApi(tw).start() : null;
  const base = loadConfig();
  console.log(`(starting Binôme with a simulated ${NAME[channel]} API on this machine: 10-40 s)`);
  const env: Record<string, string> = channel === 'whatsapp'
    ? { WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId, WHATSAPP_ACCESS_TOKEN: wa.accessToken, WHATSAPP_APP_SECRET: wa.appSecret, WHATSAPP_VERIFY_TOKEN: wa.verifyToken, WHATSAPP_GRAPH_URL: waFake!.url }
    : channel === 'messenger'
      ? { MESSENGER_PAGE_ID: ms.pageId, MESSENGER_PAGE_ACCESS_TOKEN: ms.pageAccessToken, MESSENGER_APP_SECRET: ms.appSecret, MESSENGER_VERIFY_TOKEN: ms.verifyToken, MESSENGER_GRAPH_URL: msFake!.url }
      : channel === 'sms'
        ? { SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: tw.accountSid, TWILIO_AUTH_TOKEN: tw.authToken, TWILIO_FROM: tw.number, TWILIO_API_URL: smsFake!.url }
        : { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_WEBHOOK_SECRET: tg.secret, TELEGRAM_API_URL: tgFake!.url };
  const config = loadConfig({
    ...process.env, PORT: '0', HOST: '127.0.0.1', OUTBOX_POLL_MS: '50',
    // Its own database: the simulated conversations do not mix with npm start's.
    DATABASE_URL: process.env.DATABASE_URL ?? `pglite://${path.resolve('data', 'simulate')}`,
    OUTBOX_DIR: base.OUTBOX_DIR, ...env,
  });
  const { createApp } = await import('../index');
  const app: App = await createApp({ config, log: silentLogger });
  if (waFake) waFake.webhookUrl = `${app.url}/webhooks/whatsapp`;
  if (tgFake) tgFake.webhookUrl = `${app.url}/webhooks/telegram`;
  if (msFake) msFake.webhookUrl = `${app.url}/webhooks/messenger`;
  if (smsFake) smsFake.webhookUrl = `${app.url}/webhooks/sms`;

  const paint = (code: string, s: string) => (process.stdout.isTTY ? `\x1b[${code}m${s}\x1b[0m` : s);
  let printed = 0;
  let lastButtons: string[] = [];
  const sentSoFar = (): Shown[] => {
    if (waFake) {
      return waFake.to(user).map((m) => {
        const b = m.body as { type: string; text?: { body: string }; interactive?: { body: { text: string }; action: { buttons?: { reply: { title: string } }[]; sections?: { rows: { title: string; description?: string }[] }[] } } };
        if (b.type !== 'interactive') return { text: b.text?.body ?? `[template] ${JSON.stringify(m.body.template)}`, buttons: [] };
        const a = b.interactive!.action;
        return { text: b.interactive!.body.text, buttons: a.buttons ? a.buttons.map((x) => x.reply.title) : a.sections!.flatMap((s) => s.rows.map((r) => r.title)) };
      });
    }
    if (msFake) {
      return msFake.to(user).map((m) => {
        const message = m.body.message as { text?: string; quick_replies?: { title: string }[] };
        return { text: message.text ?? '', buttons: (message.quick_replies ?? []).map((q) => q.title) };
      });
    }
    if (smsFake) return smsFake.to(user).map((m) => ({ text: `${m.body}\n${paint('2', `(${segmentsOf(m.body)})`)}`, buttons: [] }));
    return tgFake!.to(user).map((m) => ({ text: m.text, buttons: m.buttons.map((b) => b.text) }));
  };
  const printNew = () => {
    const all = sentSoFar();
    for (const m of all.slice(printed)) {
      console.log(`\n${paint('32', NAME[channel].padEnd(9))} ${m.text.replace(/\n/g, '\n          ')}`);
      if (m.buttons.length > 0) console.log(`          ${paint('2', m.buttons.map((t, i) => `[${i + 1}] ${t}`).join('  '))}`);
      // A number taps a button of the latest message only (as on a phone, older keyboards are out of sight).
      lastButtons = m.buttons;
    }
    printed = all.length;
  };
  /** Waits for the turn of an inbound message and for all its replies to be sent. */
  const settle = async (externalId: string) => {
    for (let i = 0; i < 600; i++) {
      const row = await app.db.prisma.channelInbox.findUnique({ where: { channel_externalId: { channel, externalId } } });
      if (row && (row.status === 'done' || row.status === 'failed')) {
        const open = await app.db.prisma.notification.count({ where: { kind: 'channel_message', payload: { path: ['inReplyTo'], equals: row.id }, status: { in: ['pending', 'sending'] } } });
        if (open === 0) break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    printNew();
  };

  const media: Record<string, [Record<string, unknown>, Record<string, unknown>]> = {
    '/voice': [{ type: 'audio', audio: { id: '1', mime_type: 'audio/ogg; codecs=opus', voice: true } }, { voice: { file_id: 'v', file_unique_id: 'v', duration: 2 } }],
    '/image': [{ type: 'image', image: { id: '2', mime_type: 'image/jpeg' } }, { photo: [{ file_id: 'p', file_unique_id: 'p', width: 90, height: 90 }] }],
    '/sticker': [{ type: 'sticker', sticker: { id: '3', mime_type: 'image/webp', animated: false } }, { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } }],
    '/location': [{ type: 'location', location: { latitude: 45.764, longitude: 4.8357 } }, { location: { latitude: 45.764, longitude: 4.8357 } }],
  };
  const send = async (line: string) => {
    const text = line.trim();
    const n = /^\d{1,2}$/.test(text) ? Number(text) : 0;
    const tap = n >= 1 && n <= lastButtons.length ? lastButtons[n - 1]! : null;
    if (waFake) {
      const m = tap ? null : media[text] ? waFake.messageFrom(user, media[text][0]) : waFake.messageFrom(user, { type: 'text', text: { body: line } });
      const sent = tap ? await waFake.tap(user, tap) : { status: await waFake.post(m!.body), id: m!.id };
      if (sent.status !== 200) throw new Error(`the webhook answered ${sent.status}`);
      await settle(sent.id);
    } else if (msFake) {
      const m = tap ? null : media[text] ? msFake.messageFrom(user, MESSENGER_MEDIA[text]!) : msFake.messageFrom(user, { text: line });
      const sent = tap ? await msFake.tap(user, tap) : { status: await msFake.post(m!.body), id: m!.id };
      if (sent.status !== 200) throw new Error(`the webhook answered ${sent.status}`);
      await settle(sent.id);
    } else if (smsFake) {
      // No buttons on SMS: a number is sent as typed, and the bot reads it.
      const form = smsFake.inbound(user, media[text] ? '' : line, media[text] ? [{ contentType: SMS_MEDIA[text] ?? 'image/jpeg' }] : []);
      const sent = await smsFake.post(form);
      if (sent.status !== 200) throw new Error(`the webhook answered ${sent.status}`);
      await settle(form.MessageSid!);
    } else {
      const update = tap ? tgFake!.callbackUpdate(user, tap) : tgFake!.messageUpdate(user, media[text] ? media[text][1] : { text: line });
      const status = await tgFake!.post(update);
      if (status !== 200) throw new Error(`the webhook answered ${status}`);
      await settle(`u${update.update_id}`);
    }
  };

  const who = channel === 'whatsapp' ? `+${user}` : channel === 'sms' ? user : channel === 'messenger' ? `Messenger PSID ${user}` : `Telegram user ${user}`;
  console.log(`(You are ${who}. Type a message, a number to tap a button, /voice /image /sticker /location, /quit to leave.)`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: `\n${paint('33', 'Toi')}       ` });
  rl.prompt();
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      if (line.trim() === '/quit') return rl.close();
      if (line.trim() === '') return rl.prompt();
      try {
        await send(line);
      } catch (err) {
        console.log(`\n(${err instanceof Error ? err.message : String(err)})`);
      }
      rl.prompt();
    });
  });
  rl.on('close', () => {
    void queue.then(async () => {
      await app.close();
      await waFake?.close();
      await tgFake?.close();
      await msFake?.close();
      await smsFake?.close();
      process.exit(0);
    });
  });
}

main().catch((err) => {
  console.error(`simulate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
