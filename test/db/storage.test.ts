import crypto from 'node:crypto';
import { PrismaStorage, StorageConflictError } from '../../db/PrismaStorage';
import { PrismaRequestStore } from '../../db/PrismaRequestStore';
import { purgeStaleConversations } from '../../db/purgeStaleConversations';
import type { RouteDecision } from '../../routing/types';
import { REQUEST } from '../helpers/fixtures';
import { openTestDatabase, postgresAvailable, type DbKind } from '../helpers/testDatabase';

function decisionFor(associationId: string, programmeId: string): RouteDecision {
  const programme = {
    id: programmeId, associationId, associationName: 'x', name: 'x', descriptionFr: '', descriptionEn: '', minAge: null, maxAge: null,
    situations: [], schoolYears: [], diplomaLevels: [], needs: [], requiredPublics: [], preferredPublics: [], girlsOnly: false, national: true, regions: [], departements: [],
    communes: [], inPerson: true, remote: true, capacityPerMonth: null, responseDays: 5, isCoordinator: false, active: true,
  };
  return { kind: 'routed', chosen: { programme, score: 1, reasons: [] }, alternatives: [], excluded: [] };
}

const kinds: DbKind[] = ['pglite', 'postgres'];

describe.each(kinds)('on %s', (kind) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresAvailable())) return;
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });
  const maybe = (name: string, fn: () => Promise<void>) => it(name, async () => {
    if (!db) return; // PostgreSQL unreachable outside CI: reported once by postgresAvailable()
    await fn();
  });

  // Every turn's read and write go through the driver (db.sql); batches and deletes through Prisma.
  describe.each(['Prisma', 'the driver'])('PrismaStorage, single items through %s', (path) => {
    const newStorage = () => new PrismaStorage(db!.prisma, path === 'Prisma' ? undefined : db!.sql);
    maybe(`returns the eTag it wrote, and a write with that eTag succeeds`, async () => {
      const storage = newStorage();
      await storage.write({ k1: { step: 1 } });
      const first = await storage.read(['k1']);
      expect(first.k1).toMatchObject({ step: 1 });
      expect(typeof first.k1.eTag).toBe('string');
      await storage.write({ k1: { step: 2, eTag: first.k1.eTag } });
      const second = await storage.read(['k1']);
      expect(second.k1).toMatchObject({ step: 2 });
      expect(second.k1.eTag).not.toBe(first.k1.eTag);
    });

    maybe(`rejects a stale write instead of overwriting the newer one`, async () => {
      const storage = newStorage();
      await storage.write({ k2: { answer: 'first' } });
      const { k2: seenByA } = await storage.read(['k2']);
      const { k2: seenByB } = await storage.read(['k2']);
      await storage.write({ k2: { answer: 'from A', eTag: seenByA.eTag } });
      await expect(storage.write({ k2: { answer: 'from B', eTag: seenByB.eTag } })).rejects.toBeInstanceOf(StorageConflictError);
      expect((await storage.read(['k2'])).k2).toMatchObject({ answer: 'from A' });
    });

    maybe(`of two concurrent writers with the same eTag, exactly one wins`, async () => {
      const storage = newStorage();
      await storage.write({ k3: { n: 0 } });
      const { k3 } = await storage.read(['k3']);
      const results = await Promise.allSettled([1, 2, 3, 4].map((n) => storage.write({ k3: { n, eTag: k3.eTag } })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof StorageConflictError)).toBe(true);
    });

    maybe(`"*" writes unconditionally; a conflicting batch changes nothing`, async () => {
      const storage = newStorage();
      await storage.write({ k4: { v: 1 }, k5: { v: 1 } });
      await storage.write({ k4: { v: 2, eTag: '*' } });
      const { k5 } = await storage.read(['k5']);
      await expect(storage.write({ k5: { v: 9, eTag: k5.eTag }, k4: { v: 9, eTag: 'stale' } })).rejects.toBeInstanceOf(StorageConflictError);
      const after = await storage.read(['k4', 'k5']);
      expect(after.k4).toMatchObject({ v: 2 });
      expect(after.k5).toMatchObject({ v: 1 });
    });

    maybe(`deletes, and reads of unknown keys return nothing`, async () => {
      const storage = newStorage();
      await storage.write({ k6: { v: 1 } });
      await storage.delete(['k6', 'never-there']);
      expect(await storage.read(['k6', 'never-there'])).toEqual({});
    });

    maybe(`what one path writes, the other reads the same, and takes its eTag`, async () => {
      const storage = newStorage();
      const other = new PrismaStorage(db!.prisma, path === 'Prisma' ? db!.sql : undefined);
      const state = { phase: 'questions', answered: { firstName: 'Inès', age: 17, needs: ['orientation', 'confiance'] }, at: '2026-01-02T03:04:05.000Z', nothing: null, quote: `l'"été" \\ 🙂` };
      await storage.write({ k7: state });
      const read = await other.read(['k7']);
      expect(read.k7).toEqual({ ...state, eTag: read.k7.eTag });
      await other.write({ k7: { ...state, phase: 'summary', eTag: read.k7.eTag } });
      expect((await storage.read(['k7'])).k7).toMatchObject({ phase: 'summary' });
    });
  });

  describe('retention', () => {
    maybe('erases conversation states untouched since the cut-off, and only those', async () => {
      const storage = new PrismaStorage(db!.prisma);
      await storage.write({ old1: { v: 1 }, old2: { v: 1 }, fresh: { v: 1 } });
      await db!.prisma.botState.updateMany({ where: { key: { in: ['old1', 'old2'] } }, data: { updatedAt: new Date('2020-01-01T00:00:00Z') } });
      expect(await purgeStaleConversations(db!.prisma, new Date('2021-01-01T00:00:00Z'))).toBe(2);
      expect(Object.keys(await storage.read(['old1', 'old2', 'fresh']))).toEqual(['fresh']);
    });
  });

  describe('request and notification in one transaction', () => {
    maybe('stores both, and erasing the conversation removes both', async () => {
      const store = new PrismaRequestStore(db!.prisma);
      const { requestId } = await store.saveRouted({ requestId: crypto.randomUUID(), request: REQUEST, decision: decisionFor('afev', 'afev-mentorat'), conversationKey: 'conv-a', conversationRef: { channelId: 'test' } });
      const row = await db!.prisma.mentoringRequest.findUniqueOrThrow({ where: { id: requestId }, include: { notifications: true } });
      expect(row.payload).toEqual(REQUEST);
      expect(row.notifications).toMatchObject([{ associationId: 'afev', kind: 'new_request', status: 'pending' }]);
      expect(await store.eraseConversation('conv-a')).toBe(1);
      expect(await db!.prisma.mentoringRequest.count({ where: { conversationKey: 'conv-a' } })).toBe(0);
      expect(await db!.prisma.notification.count({ where: { requestId } })).toBe(0);
    });

    maybe('stores a submission once: the same id again (sequentially or concurrently) stores nothing more', async () => {
      const store = new PrismaRequestStore(db!.prisma);
      const requestId = crypto.randomUUID();
      const input = { requestId, request: REQUEST, decision: decisionFor('afev', 'afev-mentorat'), conversationKey: 'conv-c', conversationRef: {} };
      expect(await store.saveRouted(input)).toEqual({ requestId, alreadyStored: false });
      expect(await store.saveRouted(input)).toEqual({ requestId, alreadyStored: true });
      const concurrent = await Promise.all([store.saveRouted(input), store.saveRouted(input)]);
      expect(concurrent.every((r) => r.alreadyStored)).toBe(true);
      expect(await db!.prisma.mentoringRequest.count({ where: { conversationKey: 'conv-c' } })).toBe(1);
      expect(await db!.prisma.notification.count({ where: { requestId } })).toBe(1);
      expect((await store.findRouting(requestId))?.decision.kind).toBe('routed');
      expect(await store.findRouting(crypto.randomUUID())).toBeNull();
    });

    maybe('leaves nothing behind when the notification cannot be written', async () => {
      const store = new PrismaRequestStore(db!.prisma);
      const before = await db!.prisma.mentoringRequest.count();
      // An association that does not exist: the request insert succeeds, the outbox row
      // violates its foreign key, and the whole transaction must roll back.
      const bad = decisionFor('no-such-association', 'afev-mentorat');
      await expect(store.saveRouted({ requestId: crypto.randomUUID(), request: REQUEST, decision: bad, conversationKey: 'conv-b', conversationRef: {} })).rejects.toBeTruthy();
      expect(await db!.prisma.mentoringRequest.count()).toBe(before);
      expect(await db!.prisma.mentoringRequest.count({ where: { conversationKey: 'conv-b' } })).toBe(0);
    });
  });
});
