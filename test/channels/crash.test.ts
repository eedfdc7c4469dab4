import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { FakeGraphApi } from '../../adapters/whatsapp/FakeGraphApi';
import { prng } from '../../bench/prng';
import { openTestDatabase, postgresAvailable } from '../helpers/testDatabase';
import { WA } from '../helpers/whatsappPhone';

const ROOT = path.join(__dirname, '..', '..');
const NAMES = ['Inès', 'Malik', 'Zoé', 'Karim', 'Léa', 'Yanis'];
// Each young person's messages, sent one after the other (the next once the bot answered the previous one, or after a while), as a person would.
const SCRIPT = (name: string) => ['bonjour', 'oui', name, "j'ai 17 ans", 'je suis en terminale générale', 'orientation', 'Lyon', 'aucune'];

describe('messaging inbox on PostgreSQL', () => {
  let available = false;
  beforeAll(async () => {
    available = await postgresAvailable();
  });

  it('survives SIGKILLs of the server at random points: every message answered, none answered twice, replies in order', async () => {
    if (!available) return;
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const db = await openTestDatabase('postgres');
    const fake = await new FakeGraphApi({ accessToken: WA.accessToken, phoneNumberId: WA.phoneNumberId, appSecret: WA.appSecret }).start();
    const children = new Set<ChildProcess>();
    const users = NAMES.map((_, i) => `3361000000${i}`);
    const env = {
      ...process.env, DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_PSEUDONYM_KEY: 'test',
      WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId, WHATSAPP_ACCESS_TOKEN: WA.accessToken, WHATSAPP_APP_SECRET: WA.appSecret, WHATSAPP_VERIFY_TOKEN: WA.verifyToken,
      WHATSAPP_GRAPH_URL: fake.url, CHANNEL_LEASE_SECONDS: '2', OUTBOX_LEASE_SECONDS: '2', OUTBOX_POLL_MS: '50', OUTBOX_RETRY_BASE_SECONDS: '0.2',
      PUBLIC_URL: 'https://binome.example', OUTBOX_DIR: path.join(ROOT, 'data', `outbox-crash-${seed}`),
    };
    const startServer = () => new Promise<ChildProcess>((resolve, reject) => {
      // One process (tsx as a loader), so SIGKILL reaches the server itself.
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'index.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      child.once('exit', () => children.delete(child));
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Binôme is running on (http:\/\/[^ ]+) /.exec(out);
        if (m) {
          fake.webhookUrl = `${m[1]}/webhooks/whatsapp`;
          resolve(child);
        }
      });
      child.stderr!.on('data', () => undefined);
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before starting: ${out.slice(-500)}`)));
    });

    // The phones: each message is posted until it gets a 200, as Meta retries a webhook; meanwhile the server dies and comes back.
    let stopPosting = false;
    const posted: { user: string; id: string }[] = [];
    const phones = users.map(async (user, u) => {
      for (const text of SCRIPT(NAMES[u]!)) {
        const m = fake.messageFrom(user, { type: 'text', text: { body: text } });
        for (;;) {
          if (stopPosting) return;
          const status = fake.webhookUrl ? await fake.post(m.body).catch(() => 0) : 0;
          if (status === 200) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        posted.push({ user, id: m.id });
        // A person reads the answer before typing the next message.
        const answeredBefore = fake.to(user).length;
        const waitUntil = Date.now() + 15_000;
        while (!stopPosting && fake.to(user).length === answeredBefore && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, Math.floor(random() * 300)));
      }
    });
    const total = users.length * SCRIPT('x').length;
    try {
      const doneAtKill: number[] = [];
      const kills = Number(process.env.CRASH_KILLS ?? 5);
      for (let i = 0; i < kills; i++) {
        const child = await startServer();
        // Killed at a point set by progress, not by the clock: once about (i+1)/(kills+1) of the
        // messages are done (a machine of any speed gets there in one server life), then after
        // a random 0–150 ms, so the kill lands anywhere inside the turns in hand.
        const target = Math.min(total - 1, Math.floor((total * (i + 1)) / (kills + 1)) + Math.floor(random() * 3));
        const until = Date.now() + 60_000;
        while (Date.now() < until && (await db.prisma.channelInbox.count({ where: { status: 'done' } })) < target) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, Math.floor(random() * 150)));
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        fake.webhookUrl = undefined;
        doneAtKill.push(await db.prisma.channelInbox.count({ where: { status: 'done' } }));
      }
      const last = await startServer();
      await Promise.race([Promise.all(phones), new Promise((r) => setTimeout(r, 120_000))]);
      stopPosting = true;
      const deadline = Date.now() + 90_000;
      const pending = async () => (await db.prisma.channelInbox.count({ where: { status: { not: 'done' } } }))
        + (await db.prisma.notification.count({ where: { kind: 'channel_message', status: { not: 'delivered' } } }));
      while (Date.now() < deadline && (posted.length < total || (await pending()) > 0)) await new Promise((r) => setTimeout(r, 200));
      last.kill('SIGTERM');
      expect(await new Promise((r) => last.once('exit', r))).toBe(0); // a graceful stop

      // Kills landed while there was work in hand.
      expect({ seed, doneAtKill, landedInWork: doneAtKill.filter((n) => n < total).length >= Math.min(kills, 4) }).toEqual({ seed, doneAtKill, landedInWork: true });
      expect(posted).toHaveLength(total);
      const inbox = await db.prisma.channelInbox.findMany({ orderBy: { seq: 'asc' } });
      expect(inbox.map((m) => m.status)).toEqual(Array(total).fill('done')); // each message stored once, each processed
      const replies = await db.prisma.notification.findMany({ where: { kind: 'channel_message' }, orderBy: { seq: 'asc' } });
      expect(replies.filter((r) => r.status !== 'delivered')).toEqual([]);
      for (const m of inbox) {
        const mine = replies.filter((r) => (r.payload as { inReplyTo?: string }).inReplyTo === m.id);
        expect([m.externalId, mine.length > 0]).toEqual([m.externalId, true]); // answered
        expect([m.externalId, new Set(mine.map((r) => (r.payload as { turn: string }).turn)).size]).toEqual([m.externalId, 1]); // by one turn only
      }
      // Every reply reached the phone; a duplicate (killed between Graph's answer and the record) is the same outbox row again.
      const received = new Set(fake.sent.map((s) => s.deliveryId));
      expect(replies.filter((r) => !received.has(r.id)).map((r) => r.id)).toEqual([]);
      // In order, per phone: the first arrival of each reply follows the order they were written in.
      for (const user of users) {
        const firsts: string[] = [];
        for (const s of fake.to(user)) if (!firsts.includes(s.deliveryId!)) firsts.push(s.deliveryId!);
        const written = replies.filter((r) => (r.payload as { to: string }).to === user).map((r) => r.id);
        expect(firsts).toEqual(written);
      }
      // Every conversation ends where its script leads, as if nothing had happened.
      for (const [u, user] of users.entries()) {
        const state = await db.prisma.botState.findUnique({ where: { key: `whatsapp/conversations/${user}` } });
        expect((state?.data as { draft?: unknown })?.draft).toMatchObject({ firstName: NAMES[u], age: 17, situation: { kind: 'lycee_general', schoolYear: 'terminale' }, needs: ['orientation'] });
      }
      const duplicates = fake.sent.length - received.size;
      // eslint-disable-next-line no-console
      console.log(`inbox crash test (seed ${seed}): ${kills + 1} server processes, ${kills} SIGKILLs, ${total} messages, ${replies.length} replies, ${duplicates} sent twice (same outbox row), done at each kill: ${doneAtKill.join(',')}`);
    } finally {
      stopPosting = true;
      for (const c of children) c.kill('SIGKILL');
      await Promise.race([Promise.all(phones), new Promise((r) => setTimeout(r, 5_000))]);
      await fake.close();
      await db.close();
    }
  }, 900_000);
});
