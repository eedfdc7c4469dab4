/**
 * Messaging channels, inbound to reply: `npm run bench:channels [-- USERS]`.
 *
 * On PostgreSQL (DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test, schema
 * `bench_channels`, reset at start). The server is `index.ts` as `npm start` runs it, in
 * its own process, with WhatsApp on and its Graph API a loopback fake in this process.
 * USERS phones (default 200) each send the first 6 messages of a French intake as
 * signed webhooks, 32 webhooks in flight at once, each phone's messages in order (the
 * next one posted when the previous webhook got its 200, without waiting for replies).
 *
 * Printed: webhooks/s until every message is stored (the webhook answers 200 once its row
 * is stored), replies/s and messages/s until every reply reached the fake API, and the
 * time from a webhook's POST to its first reply (p50, p99), under that burst and then at
 * people's pace (USERS/10 phones, each sending its next message once it read the reply). Baseline in the same run: the
 * same signed POSTs, same concurrency, to a plain Node server in its own process that
 * reads the body and answers 200 (the cost of HTTP alone). No assertion.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { FakeGraphApi } from '../adapters/whatsapp/FakeGraphApi';
import { signatureOf } from '../adapters/meta/signature';
import { resetSchema } from './shared';

const USERS = Number(process.argv[2] ?? 200);
const IN_FLIGHT = 32;
const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const ROOT = path.join(__dirname, '..');
const WA = { phoneNumberId: '106540352242922', accessToken: 'EAAG-bench-access-token-0123456789', appSecret: 'bench-app-secret-0123456789', verifyToken: 'bench-verify-token-0123' };
const SCRIPT = ['bonjour', 'oui', 'Inès', "j'ai 17 ans", 'je suis en terminale générale', 'orientation'];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

function spawnReady(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ child, match: m });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}): ${out.slice(-300)}`)));
  });
}

/** Posts every phone's messages (in order per phone, IN_FLIGHT at once); returns the POST times by message id and the wall time. */
async function postAll(url: string, fake: FakeGraphApi): Promise<{ posted: Map<string, number>; seconds: number; failed: number }> {
  const posted = new Map<string, number>();
  let failed = 0;
  const queue = Array.from({ length: USERS }, (_, u) => `3361${String(u).padStart(7, '0')}`);
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, USERS) }, async () => {
    for (let user = queue.shift(); user; user = queue.shift()) {
      for (const text of SCRIPT) {
        const m = fake.messageFrom(user, { type: 'text', text: { body: text } });
        const raw = JSON.stringify(m.body);
        const at = Date.now();
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(raw, WA.appSecret) }, body: raw });
        await res.arrayBuffer();
        if (res.status === 200) posted.set(m.id, at);
        else failed++;
      }
    }
  }));
  return { posted, seconds: (performance.now() - t0) / 1000, failed };
}

async function main(): Promise<void> {
  if (!BASE_URL.startsWith('postgres')) throw new Error('bench:channels needs PostgreSQL (DATABASE_URL=postgresql://…)');
  const url = `${BASE_URL}${BASE_URL.includes('?') ? '&' : '?'}schema=bench_channels`;
  await resetSchema(url);
  const fake = await new FakeGraphApi({ accessToken: WA.accessToken, phoneNumberId: WA.phoneNumberId, appSecret: WA.appSecret }).start();
  const total = USERS * SCRIPT.length;
  console.log(`bench:channels, ${USERS} phones x ${SCRIPT.length} messages = ${total} signed WhatsApp webhooks, ${IN_FLIGHT} in flight, PostgreSQL, server in its own process, Graph API faked on loopback`);

  // Baseline: a plain server in its own process that reads the body and answers 200.
  const plain = await spawnReady(['-e', `
    const http = require('node:http');
    const s = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}'); }); });
    s.listen(0, '127.0.0.1', () => console.log('listening ' + s.address().port));
  `], process.env, /listening (\d+)/);
  fake.webhookUrl = `http://127.0.0.1:${plain.match[1]}/webhooks/whatsapp`;
  const base = await postAll(fake.webhookUrl, fake);
  plain.child.kill('SIGTERM');
  const baseline = total / base.seconds;
  console.log(`  baseline (plain 200-answering server): ${baseline.toFixed(0)} webhooks/s (x1.00)`);

  const { child, match } = await spawnReady([...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx', path.join(ROOT, 'index.ts')], {
    ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_PSEUDONYM_KEY: 'bench', PUBLIC_URL: 'https://binome.example', OUTBOX_POLL_MS: '20',
    WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId, WHATSAPP_ACCESS_TOKEN: WA.accessToken, WHATSAPP_APP_SECRET: WA.appSecret, WHATSAPP_VERIFY_TOKEN: WA.verifyToken, WHATSAPP_GRAPH_URL: fake.url,
  }, /Binôme is running on (http:\/\/[^ ]+) /);
  const pg = new Client({ connectionString: BASE_URL });
  await pg.connect();
  await pg.query('SET search_path TO bench_channels');
  try {
    fake.webhookUrl = `${match[1]}/webhooks/whatsapp`;
    const t0 = performance.now();
    const run = await postAll(fake.webhookUrl, fake);
    const ingest = total / run.seconds;
    console.log(`  Binôme, webhooks stored (200 after the row is in the inbox): ${ingest.toFixed(0)} webhooks/s (x${(ingest / baseline).toFixed(2)} of baseline), ${run.failed} not 200`);
    for (;;) {
      const { rows } = await pg.query(`SELECT
        (SELECT count(*) FROM channel_inbox WHERE status <> 'done')::int AS inbox,
        (SELECT count(*) FROM notification WHERE kind = 'channel_message' AND status <> 'delivered')::int AS outbox`);
      if (rows[0].inbox === 0 && rows[0].outbox === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - t0) / 1000;
    const { rows } = await pg.query(`SELECT i."externalId" AS id, n.id AS reply FROM channel_inbox i JOIN notification n ON n.payload->>'inReplyTo' = i.id WHERE n.kind = 'channel_message'`);
    const sentAt = new Map(fake.sent.map((s) => [s.deliveryId, s.at]));
    const firstReply = new Map<string, number>();
    for (const r of rows as { id: string; reply: string }[]) {
      const at = sentAt.get(r.reply);
      if (at !== undefined && (!firstReply.has(r.id) || at < firstReply.get(r.id)!)) firstReply.set(r.id, at);
    }
    const latencies = [...run.posted].map(([id, at]) => (firstReply.get(id) ?? NaN) - at).filter((x) => Number.isFinite(x));
    console.log(`  Binôme, every reply sent: ${(total / seconds).toFixed(0)} messages/s answered, ${(fake.sent.length / seconds).toFixed(0)} replies/s (${fake.sent.length} replies, ${seconds.toFixed(1)} s from the first webhook)`);
    console.log(`  webhook POST -> first reply at the Graph API: p50 ${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms (${latencies.length} messages; under this burst, mostly time queued behind the phone's earlier messages)`);

    // At people's pace: each phone sends its next message once the first reply to the previous one arrived (plus 1 s to read it).
    const paced = Math.max(4, Math.floor(USERS / 10));
    const waits: number[] = [];
    await Promise.all(Array.from({ length: paced }, async (_, u) => {
      const user = `3362${String(u).padStart(7, '0')}`;
      for (const text of SCRIPT) {
        const before = fake.to(user).length;
        const m = fake.messageFrom(user, { type: 'text', text: { body: text } });
        const raw = JSON.stringify(m.body);
        const at = Date.now();
        const res = await fetch(fake.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(raw, WA.appSecret) }, body: raw });
        await res.arrayBuffer();
        await fake.waitFor(() => fake.to(user).length > before, 60_000);
        waits.push(fake.to(user)[before]!.at - at);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }));
    console.log(`  at people's pace (${paced} phones, each waiting for the reply, 1 s to read it): webhook POST -> first reply p50 ${pct(waits, 50).toFixed(0)} ms, p99 ${pct(waits, 99).toFixed(0)} ms (${waits.length} messages)`);
  } finally {
    child.kill('SIGTERM');
    await pg.end();
    await fake.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
