import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { silentLogger } from '../../bots/log';
import { ProactiveMessenger } from '../../bots/ProactiveMessenger';
import { loadConfig } from '../../config';
import { createDatabase, type Database } from '../../db/createDatabase';
import { PrismaDirectory } from '../../db/PrismaDirectory';
import { PrismaRequestStore } from '../../db/PrismaRequestStore';
import { createHandoffStack } from '../../handoffStack';
import { submitRequest } from '../../intake/submitRequest';
import { prng } from '../../bench/prng';
import { REQUEST } from '../helpers/fixtures';
import { startWebhookReceiver } from '../helpers/receivers';
import { openTestDatabase, postgresAvailable } from '../helpers/testDatabase';

const SECRET = 'webhook-secret-of-every-association-0123456789';
const ROOT = path.join(__dirname, '..', '..');

async function queueRequests(db: Database, receiverUrl: string, count: number): Promise<string[]> {
  await db.prisma.association.updateMany({ data: { notifyBy: 'webhook', webhookUrl: receiverUrl, webhookSecret: SECRET } });
  const deps = { directory: new PrismaDirectory(db.prisma), requests: new PrismaRequestStore(db.prisma), now: () => new Date() };
  for (let i = 0; i < count; i++) {
    const id = crypto.randomUUID();
    await submitRequest({ ...REQUEST, submittedAt: new Date().toISOString() }, { submissionId: id, conversationKey: `test/conversations/${id}`, conversationRef: {} }, deps);
  }
  return (await db.prisma.notification.findMany({ select: { id: true } })).map((n) => n.id);
}

describe('outbox workers on PostgreSQL', () => {
  let available = false;
  beforeAll(async () => {
    available = await postgresAvailable();
  });

  it('survives 30 SIGKILLs of a worker process at random points: every notification delivered, none lost, none stuck', async () => {
    if (!available) return;
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const db = await openTestDatabase('postgres');
    // Slow enough that deliveries are in flight when the worker is killed.
    const receiver = await startWebhookReceiver(SECRET, () => ({ delayMs: 100 + Math.floor(random() * 400) }));
    const children = new Set<ChildProcess>();
    try {
      const ids = await queueRequests(db, receiver.url, 100);
      expect(ids).toHaveLength(100);
      const env = {
        ...process.env, DATABASE_URL: db.url, OUTBOX_LEASE_SECONDS: '2', WEBHOOK_TIMEOUT_MS: '1500', OUTBOX_POLL_MS: '50', OUTBOX_BATCH_SIZE: '2',
        OUTBOX_RETRY_BASE_SECONDS: '0.2', PUBLIC_URL: 'https://binome.example', LOG_PSEUDONYM_KEY: 'test',
      };
      // One process (tsx as a loader, not its CLI, which would run the worker in a child that SIGKILL does not reach).
      const startWorker = () => new Promise<ChildProcess>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'worker.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
        children.add(child);
        child.once('exit', () => children.delete(child));
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('"worker.started"')) resolve(child);
        });
        child.once('exit', (code) => reject(new Error(`worker exited (${code}) before starting: ${out.slice(-500)}`)));
      });
      const killed: number[] = [];
      for (let i = 0; i < 30; i++) {
        const child = await startWorker();
        await new Promise((r) => setTimeout(r, Math.floor(random() * 900)));
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        killed.push(await db.prisma.notification.count({ where: { status: "delivered" } }));
      }
      // Kills landed while work was pending, not after it was all done.
      expect(killed.filter((delivered) => delivered < 100).length).toBeGreaterThanOrEqual(10);

      const last = await startWorker();
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && (await db.prisma.notification.count({ where: { status: { not: 'delivered' } } })) > 0) {
        await new Promise((r) => setTimeout(r, 200));
      }
      last.kill('SIGTERM');
      const code = await new Promise((r) => last.once('exit', r));
      expect(code).toBe(0); // a graceful stop

      const rows = await db.prisma.notification.findMany({ include: { attemptLog: true } });
      expect(rows.filter((r) => r.status !== 'delivered').map((r) => [r.id, r.status, r.lastError])).toEqual([]);
      const received = receiver.deliveries.filter((d) => d.verdict.ok);
      const receivedIds = new Set(received.map((d) => d.deliveryId));
      expect([...receivedIds].sort()).toEqual([...ids].sort()); // none lost
      for (const d of received) expect(d.body.deliveryId).toBe(d.deliveryId); // a duplicate is the same delivery
      const duplicates = received.length - receivedIds.size;
      // eslint-disable-next-line no-console
      console.log(`crash test (seed ${seed}): 31 worker processes, 30 SIGKILLs, ${received.length} deliveries of 100 notifications (${duplicates} duplicates, same delivery ids), delivered counts at each kill: ${killed.join(',')}`);
    } finally {
      for (const c of children) c.kill('SIGKILL');
      await receiver.close();
      await db.close();
    }
  }, 240_000);

  it('two workers at once never deliver the same row concurrently, and deliver each exactly once without crashes', async () => {
    if (!available) return;
    const db = await openTestDatabase('postgres');
    const second = await createDatabase(db.url);
    const receiver = await startWebhookReceiver(SECRET, (n) => ({ delayMs: 5 + (n % 7) * 3 }));
    try {
      const ids = await queueRequests(db, receiver.url, 200);
      const config = loadConfig({ OUTBOX_RETRY_BASE_SECONDS: '0.05' });
      const proactive = new ProactiveMessenger(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), { appId: '', authenticated: false });
      const stacks = [db, second].map((d, i) => createHandoffStack({ db: d, config, log: silentLogger, now: () => new Date(), proactive, publicUrl: 'https://binome.example', workerId: `worker-${i}` }));
      await Promise.all(stacks.map((s) => s.worker.drain()));
      expect(receiver.maxConcurrentSameId).toBe(1);
      expect(receiver.deliveries).toHaveLength(200);
      expect(new Set(receiver.deliveries.map((d) => d.deliveryId)).size).toBe(200);
      expect(await db.prisma.notification.count({ where: { status: 'delivered', id: { in: ids } } })).toBe(200);
      const byWorker = await db.prisma.notificationAttempt.groupBy({ by: ['worker'], _count: { _all: true } });
      expect(byWorker.map((w) => w.worker).sort()).toEqual(['worker-0', 'worker-1']);
      for (const s of stacks) s.email.close();
    } finally {
      await receiver.close();
      await second.close();
      await db.close();
    }
  }, 120_000);
});
