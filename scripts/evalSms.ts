/**
 * `npm run eval:sms`: what a completed intake costs over SMS, in segments, French and
 * English: the server with SMS through a loopback Twilio (adapters/sms/FakeTwilioApi),
 * PGlite in memory, each scripted intake of eval/smsIntakes texted message by message.
 * Prints each turn's segments and encoding, the total per completed request, and the
 * same intakes with accents kept (SMS_FOLD_ACCENTS=false) to show what the GSM-7 writing saves.
 */
import { FakeTwilioApi } from '../adapters/sms/FakeTwilioApi';
import { countSegments } from '../adapters/sms/segments';
import { silentLogger } from '../bots/log';
import { loadConfig } from '../config';
import { SMS_INTAKES } from '../eval/smsIntakes';
import { createApp, type App } from '../index';

const ACCOUNT = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'eval'.repeat(8);
const NUMBER = '+33757000009';

async function turn(app: App, fake: FakeTwilioApi, from: string, text: string): Promise<string[]> {
  const form = fake.inbound(from, text);
  const { status } = await fake.post(form);
  if (status !== 200) throw new Error(`webhook answered ${status}`);
  const prisma = app.db.prisma;
  for (let i = 0; i < 800; i++) {
    const row = await prisma.channelInbox.findUnique({ where: { channel_externalId: { channel: 'sms', externalId: form.MessageSid! } } });
    if (row?.status === 'done') {
      const rows = await prisma.notification.findMany({ where: { kind: 'channel_message', payload: { path: ['inReplyTo'], equals: row.id } }, orderBy: { seq: 'asc' } });
      if (rows.every((r) => r.status === 'delivered' || r.status === 'dead')) {
        const deliveries = await prisma.channelDelivery.findMany({ where: { notificationId: { in: rows.map((r) => r.id) } } });
        return deliveries.map((d) => fake.sent.find((s) => s.sid === d.externalId)?.body ?? '');
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no replies');
}

async function run(fold: boolean, budget: number, verbose: boolean): Promise<Map<string, number>> {
  const fake = await new FakeTwilioApi({ accountSid: ACCOUNT, authToken: TOKEN, number: NUMBER }).start();
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'pglite://memory', OUTBOX_POLL_MS: '20', OUTBOX_DIR: `${require('node:os').tmpdir()}/binome-eval-sms`,
    SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: NUMBER, TWILIO_API_URL: fake.url,
    SMS_FOLD_ACCENTS: String(fold), SMS_MAX_SEGMENTS_PER_TURN: String(budget),
  });
  const app = await createApp({ config, log: silentLogger });
  fake.webhookUrl = `${app.url}/webhooks/sms`;
  const totals = new Map<string, number>();
  try {
    let n = 0;
    for (const intake of SMS_INTAKES) {
      const from = `+3361200${String(++n).padStart(4, '0')}`;
      if (verbose) console.log(`\n${intake.name}`);
      let total = 0;
      let sms = 0;
      for (const text of intake.messages) {
        const bodies = await turn(app, fake, from, text);
        const counts = bodies.map(countSegments);
        const segs = counts.reduce((a, c) => a + c.segments, 0);
        total += segs;
        sms += bodies.length;
        if (verbose) console.log(`  ${JSON.stringify(text).padEnd(28)} -> ${bodies.length} SMS, ${segs} segment(s) ${counts.map((c) => `${c.encoding} ${c.units}`).join(' + ')}`);
      }
      const stored = await app.db.prisma.mentoringRequest.count({ where: { conversationKey: `sms/conversations/${from}` } });
      if (stored !== 1) throw new Error(`${intake.name}: no request stored`);
      totals.set(intake.name, total);
      if (verbose) console.log(`  = ${intake.messages.length} messages in, ${sms} SMS out, ${total} segments for a completed request`);
    }
  } finally {
    await app.close();
    await fake.close();
  }
  return totals;
}

async function main(): Promise<void> {
  const budget = Number(process.env.SMS_MAX_SEGMENTS_PER_TURN ?? 4);
  console.log(`eval:sms, budget ${budget} segments a turn, Twilio faked on loopback, PGlite in memory`);
  const folded = await run(true, budget, true);
  const kept = await run(false, 10, false);
  console.log('\nsegments per completed request (bot to young person)');
  console.log(`${'intake'.padEnd(46)} GSM-7 writing   accents kept (UCS-2)   ratio`);
  for (const [name, n] of folded) {
    const k = kept.get(name)!;
    console.log(`${name.padEnd(46)} ${String(n).padStart(13)}   ${String(k).padStart(20)}   x${(n / k).toFixed(2)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
