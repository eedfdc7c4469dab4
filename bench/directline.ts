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
 * The clients run in a child process of their own (bench/directlineClients.ts), so their
 * work and their garbage collection do not stop the server's event loop: the servers are
 * measured alone (their CPU per turn, event-loop delay and GC pauses are this process's;
 * the clients' CPU is printed apart). They still share the machine's two cores with the
 * server and PostgreSQL. BENCH_CLIENTS=same-process runs them in the server's process, as
 * this bench did before, for comparison. Database: DATABASE_URL, by default the local
 * PostgreSQL with a dedicated schema `bench_directline`, emptied at start.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver, constants as perf } from 'node:perf_hooks';
import type { TurnContext } from 'botbuilder';
import restify from 'restify';
import { mountDirectLine } from '../adapters/directline/mountDirectLine';
import { silentLogger, type Logger } from '../bots/log';
import { loadConfig, type Config } from '../config';
import { createApp } from '../index';
import { drive, SECRET, type DriveRequest, type DriveResult } from './directlineClients';
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
/** Where the simulated people run: a child process (default) or this very process (the old arrangement, to compare). */
/** BENCH_DETAIL=1: latency by message of the script as well (where a tail comes from). */
const DETAIL = process.env.BENCH_DETAIL === '1';
const SAME_PROCESS = process.env.BENCH_CLIENTS === 'same-process';

/** A run as the clients saw it, plus what the server's process did meanwhile. */
interface Result extends DriveResult { serverCpuMs: number; loop: string }

/** Event-loop delay and GC pauses of this (the servers') process during a run: what stalls every socket at once. */
function loopWatch(): () => string {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const gc: { ms: number; major: boolean }[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc.push({ ms: e.duration, major: (e as unknown as { detail?: { kind?: number } }).detail?.kind === perf.NODE_PERFORMANCE_GC_MAJOR });
  });
  obs.observe({ entryTypes: ['gc'] });
  return () => {
    h.disable();
    obs.disconnect();
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    const stats = (xs: number[]) => `${xs.length} (${xs.reduce((x, y) => x + y, 0).toFixed(0)} ms, max ${Math.max(0, ...xs).toFixed(1)} ms)`;
    return `server: event-loop delay p50 ${ms(h.percentile(50))} p99 ${ms(h.percentile(99))} max ${ms(h.max)} ms; GC pauses minor ${stats(gc.filter((g) => !g.major).map((g) => g.ms))}, major ${stats(gc.filter((g) => g.major).map((g) => g.ms))}; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`;
  };
}

/** The clients, in a child process of their own unless BENCH_CLIENTS=same-process. */
function clientRunner(): { run(req: DriveRequest): Promise<DriveResult>; close(): void } {
  if (SAME_PROCESS) return { run: drive, close: () => undefined };
  const child: ChildProcess = fork(path.join(__dirname, 'directlineClients.ts'), ['--bench-clients'], { stdio: 'inherit' });
  return {
    run: (req) => new Promise<DriveResult>((resolve, reject) => {
      child.once('message', (m) => resolve(m as DriveResult));
      child.once('exit', (code) => reject(new Error(`bench clients exited (${code})`)));
      child.send(req);
    }),
    close: () => child.disconnect(),
  };
}

async function measured(run: () => Promise<DriveResult>): Promise<Result> {
  const cpu0 = process.cpuUsage();
  const loop = loopWatch();
  const r = await run();
  const cpu = process.cpuUsage(cpu0);
  return { ...r, serverCpuMs: (cpu.user + cpu.system) / 1000, loop: loop() };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function summary(name: string, r: Result): { tps: number; line: string } {
  const s = [...r.latencies].sort((a, b) => a - b);
  const tps = r.turns / r.seconds;
  // In the same process the servers' CPU includes the clients'.
  const cpu = SAME_PROCESS ? `cpu ${(r.serverCpuMs / r.turns).toFixed(2)} ms/turn (servers + clients)` : `cpu ${(r.serverCpuMs / r.turns).toFixed(2)} ms/turn (clients apart: ${(r.cpuMs / r.turns).toFixed(2)})`;
  return { tps, line: `${name.padEnd(12)} ${String(r.turns).padStart(6)} turns in ${r.seconds.toFixed(1).padStart(5)} s  ${tps.toFixed(0).padStart(5)} turns/s  p50 ${pct(s, 50).toFixed(1).padStart(6)} ms  p99 ${pct(s, 99).toFixed(1).padStart(6)} ms  max ${(s[s.length - 1] ?? NaN).toFixed(0)} ms  ${cpu}  failed conversations ${r.failures}, failed turns ${r.turnErrors}\n${''.padEnd(13)}${r.loop}${DETAIL ? steps(r) : ''}` };
}

/** Per message of the script: p50 / p99 / max latency, and when (s from the start) the middle half of those messages was sent. */
function steps(r: Result): string {
  return r.bySteps.map((xs, k) => {
    const ms = xs.map((x) => x.ms).sort((a, b) => a - b);
    const at = xs.map((x) => x.at).sort((a, b) => a - b);
    return `\n${''.padEnd(13)}message ${String(k + 1).padStart(2)}: p50 ${pct(ms, 50).toFixed(0).padStart(5)} p99 ${pct(ms, 99).toFixed(0).padStart(5)} max ${pct(ms, 100).toFixed(0).padStart(5)} ms, sent ${(pct(at, 25) / 1000).toFixed(1)}–${(pct(at, 75) / 1000).toFixed(1)} s`;
  }).join('');
}

async function main(): Promise<void> {
  await resetSchema(DATABASE_URL);
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-bench-outbox-'));
  const config: Config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL, DIRECTLINE_SECRET: SECRET,
    // N people from one loopback address: the per-address cap would (rightly) stop them.
    DIRECTLINE_MAX_CONVERSATIONS_PER_ADDRESS: String(N * 2 + 10), DIRECTLINE_MAX_CONVERSATIONS: String(N * 2 + 10),
    // Staff e-mails are written as files here (no SMTP), delivered by the worker in this process.
    COORDINATOR_EMAIL: 'coordination@binome.invalid', OUTBOX_DIR: outboxDir,
    // OUTBOX_WORKER=off leaves the staff notifications undelivered: the turns' share alone.
    OUTBOX_WORKER: process.env.OUTBOX_WORKER ?? 'inprocess',
  });
  // Warnings and errors are counted by event name and code (never contents), and printed at the end.
  const events = new Map<string, number>();
  const countingLogger: Logger = (level, event, fields = {}) => {
    if (level === 'info') return;
    const key = `${level} ${event}${fields.code ? ` [${fields.code}]` : ''}${fields.kind ? ` ${fields.kind}` : ''}${typeof fields.error === 'string' ? ` (${fields.error})` : ''}`;
    events.set(key, (events.get(key) ?? 0) + 1);
  };
  const app = await createApp({ config, log: countingLogger });
  // The seed's associations have no staff address: each request would end as a dead letter
  // and an alert to the coordinator (two deliveries, one of them an error). With an address,
  // as in production, each request is one e-mail to its association.
  await app.db.prisma.association.updateMany({ where: { contactEmail: null }, data: { contactEmail: 'equipe@association.invalid' } });

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

  console.log(`Direct Line endpoint: ${N} concurrent conversations × ${script(0).length} messages${THINK_MS ? `, ~${THINK_MS} ms between messages` : ''}, HTTP + WebSocket on loopback, clients ${SAME_PROCESS ? 'in the server\'s process' : 'in a child process'}; Node ${process.version}, ${os.cpus().length} CPUs, database ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`);
  const clients = clientRunner();
  // A short warm-up of each, so the first numbers are not JIT compilation; then the outbox
  // worker delivers the warm-up's requests before anything is measured (it runs in this
  // process: otherwise its work lands in the echo bot's run).
  await clients.run({ base: echoUrl, n: 5, thinkMs: 0, firstIndex: 1_000_000 });
  await clients.run({ base: app.url, n: 5, thinkMs: 0, firstIndex: 1_000_000 });
  for (let waited = 0; config.OUTBOX_WORKER === 'inprocess' && waited < 20_000; waited += 100) {
    if ((await app.db.prisma.notification.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const e = summary('echo bot', await measured(() => clients.run({ base: echoUrl, n: N, thinkMs: THINK_MS, firstIndex: 0 })));
  const b = summary('Binôme', await measured(() => clients.run({ base: app.url, n: N, thinkMs: THINK_MS, firstIndex: 0 })));
  clients.close();
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
