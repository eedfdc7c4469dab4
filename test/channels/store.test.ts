import { LeaseLostError, type ChannelMessagePayload, type InboundRecord } from '../../adapters/channels/ChannelStore';
import { PrismaChannelStore } from '../../db/PrismaChannelStore';
import { PrismaOutbox } from '../../db/PrismaOutbox';
import { StorageConflictError } from '../../db/PrismaStorage';
import type { IntakeState } from '../../dialogs/IntakeState';
import { openTestDatabase, postgresAvailable, type DbKind } from '../helpers/testDatabase';

const record = (conv: string, id: string, text = 'bonjour'): InboundRecord => ({
  channel: 'whatsapp', externalId: id, conversationKey: `whatsapp/conversations/${conv}`, payload: { kind: 'text', text, userId: conv },
});
const reply = (conv: string, text: string): ChannelMessagePayload => ({ channel: 'whatsapp', conversationKey: `whatsapp/conversations/${conv}`, to: conv, message: { kind: 'text', text } });
const STATE = { phase: 'asking', lang: 'fr', draft: {}, answered: {} } as unknown as IntakeState;

describe.each<DbKind>(['pglite', 'postgres'])('channel inbox and ordered replies on %s', (kind) => {
  let skip = false;
  beforeAll(async () => {
    skip = kind === 'postgres' && !(await postgresAvailable());
  });

  async function withStore(run: (store: PrismaChannelStore, db: Awaited<ReturnType<typeof openTestDatabase>>) => Promise<void>) {
    if (skip) return;
    const db = await openTestDatabase(kind, { seed: false });
    try {
      await run(new PrismaChannelStore(db.prisma), db);
    } finally {
      await db.close();
    }
  }

  it('stores a message once, and gives one conversation’s messages one at a time, in order', () => withStore(async (store) => {
    const now = new Date();
    expect(await store.receive([record('A', 'a1'), record('A', 'a2'), record('B', 'b1')], now)).toBe(3);
    expect(await store.receive([record('A', 'a1'), record('A', 'a3')], now)).toBe(1);
    const first = await store.claim('w1', now, 10, 60_000);
    expect(first.map((m) => m.externalId).sort()).toEqual(['a1', 'b1']);
    // While a1 is in hand, nobody gets a2.
    expect(await store.claim('w2', now, 10, 60_000)).toEqual([]);
    await store.commit(first.find((m) => m.externalId === 'a1')!, 'w1', null, [], now);
    expect((await store.claim('w2', now, 10, 60_000)).map((m) => m.externalId)).toEqual(['a2']);
  }));

  it('a turn’s state, replies and "done" are written together, or not at all (stale eTag, lost lease)', () => withStore(async (store, db) => {
    const now = new Date();
    await store.receive([record('C', 'c1')], now);
    const [c1] = await store.claim('w1', now, 10, 60_000);
    await db.prisma.botState.create({ data: { key: 'whatsapp/conversations/C', data: {}, eTag: 'fresh' } });
    await expect(store.commit(c1!, 'w1', { key: 'whatsapp/conversations/C', state: STATE, eTag: 'stale', erase: false }, [reply('C', 'x')], now)).rejects.toBeInstanceOf(StorageConflictError);
    expect(await db.prisma.notification.count()).toBe(0);
    expect((await db.prisma.channelInbox.findFirstOrThrow()).status).toBe('processing');
    // The lease ran out and another worker took it: the first one's turn writes nothing.
    const [again] = await store.claim('w2', new Date(now.getTime() + 61_000), 10, 60_000);
    expect(again?.externalId).toBe('c1');
    await expect(store.commit(c1!, 'w1', { key: 'whatsapp/conversations/C', state: STATE, eTag: 'fresh', erase: false }, [reply('C', 'x')], now)).rejects.toBeInstanceOf(LeaseLostError);
    expect(await db.prisma.notification.count()).toBe(0);
    await store.commit(again!, 'w2', { key: 'whatsapp/conversations/C', state: STATE, eTag: 'fresh', erase: false }, [reply('C', 'one'), reply('C', 'two')], now);
    const row = await db.prisma.channelInbox.findFirstOrThrow();
    expect([row.status, row.payload]).toEqual(['done', null]);
    expect((await db.prisma.botState.findUniqueOrThrow({ where: { key: 'whatsapp/conversations/C' } })).eTag).not.toBe('fresh');
    expect((await db.prisma.notification.findMany({ orderBy: { seq: 'asc' } })).map((n) => (n.payload as { message: { text: string } }).message.text)).toEqual(['one', 'two']);
  }));

  it('the outbox sends a conversation’s replies one after the other, even when the first must be retried', () => withStore(async (store, db) => {
    const now = new Date();
    await store.receive([record('D', 'd1'), record('E', 'e1')], now);
    const claimed = await store.claim('w1', now, 10, 60_000);
    for (const m of claimed) {
      const conv = m.payload.userId;
      await store.commit(m, 'w1', null, [reply(conv, `${conv}1`), reply(conv, `${conv}2`)], now);
    }
    const outbox = new PrismaOutbox(db.prisma);
    const text = (n: { payload: Record<string, unknown> }) => (n.payload as { message: { text: string } }).message.text;
    const batch = await outbox.claim('o1', now, 10, 60_000);
    expect(batch.map(text).sort()).toEqual(['D1', 'E1']);
    const d1 = batch.find((n) => text(n) === 'D1')!;
    const e1 = batch.find((n) => text(n) === 'E1')!;
    await outbox.complete(d1, 'o1', { startedAt: now, durationMs: 1, transport: 'channel:whatsapp', error: 'graph_130429' }, { kind: 'retry', at: new Date(now.getTime() + 30_000), error: 'graph_130429' });
    await outbox.complete(e1, 'o1', { startedAt: now, durationMs: 1, transport: 'channel:whatsapp', error: null }, { kind: 'delivered' });
    // D2 waits for D1's retry; E2 goes.
    expect((await outbox.claim('o1', now, 10, 60_000)).map(text)).toEqual(['E2']);
    expect((await outbox.claim('o1', new Date(now.getTime() + 31_000), 10, 60_000)).map(text)).toEqual(['D1']);
  }));

  it('delivery statuses only move forward; a failure is kept with its code and closes the window', () => withStore(async (store) => {
    const now = new Date();
    await store.receive([record('F', 'f1')], now);
    await store.recordSent('whatsapp', 'wamid.1', 'n1', 'whatsapp/conversations/F', now);
    await store.recordStatus('whatsapp', 'wamid.1', 'read', null, now);
    await store.recordStatus('whatsapp', 'wamid.1', 'delivered', null, now);
    expect((await store.window('whatsapp/conversations/F')).closedSince).toBe(false);
    await store.recordSent('whatsapp', 'wamid.2', 'n2', 'whatsapp/conversations/F', now);
    await store.recordStatus('whatsapp', 'wamid.2', 'failed', '131047', new Date(now.getTime() + 1000));
    const w = await store.window('whatsapp/conversations/F');
    expect(w.closedSince).toBe(true);
    expect(w.lastInboundAt?.getTime()).toBe(now.getTime());
  }));
});
