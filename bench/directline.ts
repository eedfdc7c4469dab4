/**
 * The web widget's endpoint under load: `npm run bench:directline [-- N]`.
 *
 * N young people (default 200) at once, each a whole French intake typed in free text
 * (12 messages, ending with the request stored), through the Direct Line endpoint as
 * Web Chat uses it: POST /tokens/generate, POST /conversations, the WebSocket stream, one
 * POST per message. Latency is from posting a message to the first reply arriving on the
 * socket. Beside it, in the same run and through the same endpoint code (a second
 * server), an echo bot: what the endpoint itself costs. Targets on a 2-core machine with
 * PostgreSQL: p99 under 100 ms, throughput at least 40% of the echo bot's.
 *
 * The clients run in the same process as the server (one machine), so the numbers
 * include the clients' own work. Database: DATABASE_URL, by default the local PostgreSQL
 * with a dedicated schema `bench_directline`, emptied at start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import restify from 'restify';
import WebSocket from 'ws';
import { mountDirectLine } from '../adapters/directline/mountDirectLine';
import { silentLogger, type Logger } from '../bots/log';
import { loadConfig, type Config } from '../config';
import { createApp } from '../index';
import { loadResources } from '../locales/i18n';
import { prng } from './prng';
import { resetSchema, script } from './shared';

const N = Number(process.argv[2] ?? process.env.BENCH_CONVERSATIONS ?? 200);
/**
 * BENCH_THINK_MS: mean pause before each message (uniform between half and one and a half
 * times it, seeded). 0 (default): each user answers the instant the reply arrives, a
 * closed loop where latency is N / throughput (Little's law). A few seconds is what people
 * take to type: the latency a person sees at that offered load.
 */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 0);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test?schema=bench_directline';
const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';


/** cpuMs: this process's CPU time (user + system, clients included; PostgreSQL's is not), less sensitive than wall time to other load on the machine. */
interface Result { latencies: number[]; turns: number; seconds: number; cpuMs: number; failures: number; turnErrors: number }

/** What the bot says when a turn failed (a database timeout under load): such a turn is counted as an error, not a success. */
const TRY_AGAIN = ((loadResources().fr as { errors: { tryAgain: string } }).errors.tryAgain);
let turnErrors = 0;

/** One young person: a token, a conversation, a socket, then each message and its first reply. */
async function converse(base: string, i: number, latencies: number[], thinkMs = THINK_MS): Promise<number> {
  const domain = `${base}/v3/directline`;
  const gen = (await (await fetch(`${domain}/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: '{"locale":"fr-FR"}' })).json()) as { token: string };
  const headers = { authorization: `Bearer ${gen.token}`, 'content-type': 'application/json' };
  const started = await fetch(`${domain}/conversations`, { method: 'POST', headers, body: '{}' });
  if (started.status !== 201) throw new Error(`start: HTTP ${started.status}`);
  const { conversationId, streamUrl } = (await started.json()) as { conversationId: string; streamUrl: string };
  const ws = new WebSocket(streamUrl);
  const waiting = new Map<string, (t: number) => void>();
  const early = new Map<string, number>();
  const firstText = new Map<string, string>();
  let welcomed: () => void = () => undefined;
  const welcome = new Promise<void>((resolve) => (welcomed = resolve));
  ws.on('message', (data) => {
    const at = performance.now();
    const { activities } = JSON.parse(String(data)) as { activities: { from: { role?: string }; replyToId?: string; inputHint?: string; text?: string }[] };
    for (const a of activities) {
      if (a.from.role !== 'bot') continue;
      if (!a.replyToId?.startsWith(conversationId + '|')) {
        welcomed();
        continue;
      }
      if (!firstText.has(a.replyToId)) firstText.set(a.replyToId, a.text ?? '');
      const done = waiting.get(a.replyToId);
      if (done) {
        waiting.delete(a.replyToId);
        done(at);
      } else if (!early.has(a.replyToId)) early.set(a.replyToId, at);
    }
  });
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  await welcome;
  let turns = 0;
  const random = prng(i + 1);
  for (const text of script(i)) {
    if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + random())));
    const t0 = performance.now();
    const res = await fetch(`${domain}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text, channelData: { clientActivityID: `c${i}-${turns}` } }) });
    if (res.status !== 200) throw new Error(`post: HTTP ${res.status}`);
    const { id } = (await res.json()) as { id: string };
    // The reply can reach the socket before the POST's response does.
    const at = early.get(id) ?? (await new Promise<number>((resolve) => waiting.set(id, resolve)));
    latencies.push(at - t0);
    if (firstText.get(id) === TRY_AGAIN) turnErrors++;
    turns++;
  }
  ws.close();
  return turns;
}

async function drive(base: string): Promise<Result> {
  const latencies: number[] = [];
  let failures = 0;
  turnErrors = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const turns = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      converse(base, i, latencies).catch((err: Error) => {
        failures++;
        if (failures <= 3) console.error(`conversation ${i} failed: ${err.message}`);
        return 0;
      }),
    ),
  );
  const cpu = process.cpuUsage(cpu0);
  return { latencies, turns: turns.reduce((a, b) => a + b, 0), seconds: (performance.now() - t0) / 1000, cpuMs: (cpu.user + cpu.system) / 1000, failures, turnErrors };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function summary(name: string, r: Result): { tps: number; line: string } {
  const s = [...r.latencies].sort((a, b) => a - b);
  const tps = r.turns / r.seconds;
  return { tps, line: `${name.padEnd(12)} ${String(r.turns).padStart(6)} turns in ${r.seconds.toFixed(1).padStart(5)} s  ${tps.toFixed(0).padStart(5)} turns/s  p50 ${pct(s, 50).toFixed(1).padStart(6)} ms  p99 ${pct(s, 99).toFixed(1).padStart(6)} ms  max ${(s[s.length - 1] ?? NaN).toFixed(0)} ms  cpu ${(r.cpuMs / r.turns).toFixed(2)} ms/turn  failed conversations ${r.failures}, failed turns ${r.turnErrors}` };
}


async function main(): Promise<void> {
  await resetSchema(DATABASE_URL);
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-bench-outbox-'));
  const config: Config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL, DIRECTLINE_SECRET: SECRET,
    // N people from one loopback address: the per-address cap would (rightly) stop them.
    DIRECTLINE_MAX_CONVERSATIONS_PER_ADDRESS: String(N * 2 + 10), DIRECTLINE_MAX_CONVERSATIONS: String(N * 2 + 10),
    // The seed has no staff contacts: with a coordinator address each request is one e-mail
    // (a file here), as in production, rather than a dead letter and an undeliverable alert.
    COORDINATOR_EMAIL: 'coordination@binome.invalid', OUTBOX_DIR: outboxDir,
  });
  // Warnings and errors are counted by event name and code (never contents), and printed at the end.
  const events = new Map<string, number>();
  const countingLogger: Logger = (level, event, fields = {}) => {
    if (level === 'info') return;
    const key = `${level} ${event}${fields.code ? ` [${fields.code}]` : ''}`;
    events.set(key, (events.get(key) ?? 0) + 1);
  };
  const app = await createApp({ config, log: countingLogger });

  // The baseline: the same endpoint code on its own server, with a bot that only echoes.
  const echoServer = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  echoServer.use(restify.plugins.bodyParser({ maxBodySize: config.MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
  const echo = mountDirectLine(echoServer, {
    config, log: silentLogger, onTurnError: async () => undefined,
    logic: async (ctx: TurnContext) => {
      if (ctx.activity.type === 'message') await ctx.sendActivity(ctx.activity.text ?? '');
      else if (ctx.activity.type === 'conversationUpdate') await ctx.sendActivity('hello');
    },
  });
  await new Promise<void>((resolve) => echoServer.listen(0, '127.0.0.1', () => resolve()));
  const echoUrl = `http://127.0.0.1:${(echoServer.address() as AddressInfo).port}`;

  console.log(`Direct Line endpoint: ${N} concurrent conversations × ${script(0).length} messages${THINK_MS ? `, ~${THINK_MS} ms between messages` : ''}, HTTP + WebSocket on loopback; Node ${process.version}, ${os.cpus().length} CPUs, database ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`);
  // A short warm-up of each, so the first numbers are not JIT compilation.
  await Promise.all(Array.from({ length: 5 }, (_, i) => converse(echoUrl, 1_000_000 + i, [], 0)));
  await Promise.all(Array.from({ length: 5 }, (_, i) => converse(app.url, 1_000_000 + i, [], 0)));
  const e = summary('echo bot', await drive(echoUrl));
  const b = summary('Binôme', await drive(app.url));
  console.log(e.line);
  console.log(b.line);
  const stored = await app.db.prisma.mentoringRequest.count({ where: { conversationKey: { startsWith: 'directline/' } } });
  if (events.size > 0) console.log(`Binôme logged: ${[...events].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  console.log(`Binôme throughput = ${((b.tps / e.tps) * 100).toFixed(0)}% of the echo bot's (target ≥ 40%); requests stored: ${stored} (expected ${N + 5})`);

  echo.close();
  await new Promise<void>((resolve) => echoServer.close(() => resolve()));
  await app.close();
  fs.rmSync(outboxDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
