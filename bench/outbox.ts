/**
 * Outbox delivery throughput: `npm run bench:outbox [-- N]`.
 *
 * On PostgreSQL (DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test, in its
 * own schema `bench_outbox`, reset at start), N signed webhook notifications (default
 * 2,000) are queued at once and delivered to a receiver on loopback by 1, then 4 worker
 * processes (`scripts/worker.ts`, as `npm run worker` runs it). The workers are started
 * before the rows are queued, so their start-up is not timed. Printed per run:
 * deliveries per second, duplicates, and the ratio to the baseline measured in the same
 * run: the same number of signed POSTs to the same receiver from a plain loop with the
 * same concurrency as one worker, without any database (the cost of the HTTP alone).
 * No assertion: timings depend on the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { createDatabase } from '../db/createDatabase';
import { PrismaDirectory } from '../db/PrismaDirectory';
import { PrismaRequestStore } from '../db/PrismaRequestStore';
import { seedDirectoryIfEmpty } from '../db/seedDirectory';
import { submitRequest } from '../intake/submitRequest';
import type { MentoringRequest } from '../intake/MentoringRequest';
import { signWebhook } from '../notifications/signing';

const N = Number(process.argv[2] ?? 2_000);
const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_outbox';
const SECRET = crypto.randomBytes(32).toString('base64url');
const BATCH = 10;
const ROOT = path.join(__dirname, '..');

const REQUEST: MentoringRequest = {
  schemaVersion: 1, locale: 'fr', channel: 'bench', submittedAt: new Date().toISOString(), firstName: 'Inès', age: 17,
  situation: { kind: 'lycee_general', schoolYear: 'terminale', diplomaLevel: null, detail: null }, needs: ['orientation'], needsOther: null,
  place: { commune: '69123', name: 'Lyon', postalCode: '69001', departement: '69', region: '84' }, priorityPublics: [], meeting: 'either',
  availability: null, contact: { email: 'ines@example.fr', phone: null, preferred: 'email' }, guardian: null, consent: { given: true, at: new Date().toISOString() },
};

async function main(): Promise<void> {
  if (!BASE_URL.startsWith('postgres')) throw new Error('bench:outbox needs PostgreSQL (DATABASE_URL=postgresql://…)');
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await admin.query(`CREATE SCHEMA "${SCHEMA}"`);
  await admin.end();
  const url = `${BASE_URL}${BASE_URL.includes('?') ? '&' : '?'}schema=${SCHEMA}`;

  let received = 0;
  const seen = new Set<string>();
  let duplicates = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['x-binome-delivery'] ?? '');
      if (seen.has(id)) duplicates++;
      seen.add(id);
      received++;
      res.writeHead(200);
      res.end();
    });
  });
  receiver.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const db = await createDatabase(url);
  await seedDirectoryIfEmpty(db.prisma);
  await db.prisma.association.updateMany({ data: { notifyBy: 'webhook', webhookUrl: hook, webhookSecret: SECRET } });
  const requestId = crypto.randomUUID();
  await submitRequest(REQUEST, { submissionId: requestId, conversationKey: 'bench/conversations/1', conversationRef: {} }, {
    directory: new PrismaDirectory(db.prisma), requests: new PrismaRequestStore(db.prisma), now: () => new Date(),
  });
  const assignment = await db.prisma.assignment.findFirstOrThrow({ where: { requestId } });
  await db.prisma.notification.deleteMany({});

  // Baseline: the same signed POSTs, BATCH at a time like one worker, no database.
  const body = JSON.stringify({ schemaVersion: 1, event: 'request.new', request: REQUEST });
  const t0 = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, N - i) }, async () => {
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(hook, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-binome-signature': signWebhook(SECRET, ts, body), 'x-binome-timestamp': String(ts), 'x-binome-delivery': crypto.randomUUID() } });
      await res.body?.cancel();
    }));
  }
  const baseline = N / ((performance.now() - t0) / 1000);
  console.log(`bench:outbox, ${N} notifications, PostgreSQL, webhook receiver on loopback, batch ${BATCH} per worker`);
  console.log(`  baseline (signed POSTs from a loop, no database): ${baseline.toFixed(0)} /s (x1.00)`);

  for (const workers of [1, 4]) {
    received = 0;
    duplicates = 0;
    seen.clear();
    const children: ChildProcess[] = [];
    await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'worker.ts')], {
        cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, DATABASE_URL: url, OUTBOX_POLL_MS: '20', OUTBOX_BATCH_SIZE: String(BATCH), PUBLIC_URL: 'https://binome.example' },
      });
      children.push(child);
      let out = '';
      const onData = (d: Buffer) => {
        out += d.toString();
        if (out.includes('"worker.started"')) {
          child.stdout!.off('data', onData);
          child.stdout!.resume(); // keep draining its log lines
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
    })));
    const now = new Date();
    await db.prisma.notification.createMany({
      data: Array.from({ length: N }, () => ({ kind: 'new_request', requestId, assignmentId: assignment.id, associationId: assignment.associationId, nextAttemptAt: now })),
    });
    const start = performance.now();
    while ((await db.prisma.notification.count({ where: { status: { not: 'delivered' } } })) > 0) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - start) / 1000;
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    const rate = N / seconds;
    console.log(`  ${workers} worker process${workers > 1 ? 'es' : ''}: ${rate.toFixed(0)} deliveries/s (x${(rate / baseline).toFixed(2)} of baseline), ${received} received, ${duplicates} duplicates, ${seconds.toFixed(2)} s`);
    await db.prisma.notification.deleteMany({});
  }
  await db.close();
  receiver.closeAllConnections();
  receiver.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
