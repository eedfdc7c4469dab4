import crypto from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import type { Storage, StoreItems } from 'botbuilder';

/** A write carried an eTag that no longer matches: another turn wrote first. */
export class StorageConflictError extends Error {
  readonly code = 'ETAG_CONFLICT';
  constructor(readonly key: string) {
    super(`stale write rejected for a conversation state (eTag mismatch)`);
  }
}

interface BotStateRow { key: string; data: unknown; eTag: string }

/**
 * Runs one SQL statement on the same connections Prisma uses, without Prisma (the
 * database's own driver: node-postgres' pool, or PGlite, which runs it after any
 * transaction in progress). `Database.sql` in db/createDatabase.ts.
 */
export type SqlQuery = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** Runs a statement and says how many rows it wrote. */
type Execute = (text: string, params: unknown[]) => Promise<number>;

const UPSERT = `INSERT INTO "bot_state" ("key", "data", "eTag", "updatedAt")
  VALUES ($1, $2::jsonb, $3, ($4::timestamptz AT TIME ZONE 'UTC'))
  ON CONFLICT ("key") DO UPDATE SET "data" = EXCLUDED."data", "eTag" = EXCLUDED."eTag", "updatedAt" = EXCLUDED."updatedAt"`;
const COMPARE_AND_SET = `UPDATE "bot_state" SET "data" = $2::jsonb, "eTag" = $3, "updatedAt" = ($4::timestamptz AT TIME ZONE 'UTC')
  WHERE "key" = $1 AND "eTag" = $5 RETURNING "key"`;
const READ_ONE = 'SELECT "key", "data", "eTag" FROM "bot_state" WHERE "key" = $1';

/**
 * One item: an unconditional upsert (`*` or no eTag), or a compare-and-set that matches
 * only while the row still has the eTag the turn read. `updatedAt` is written in UTC, as
 * Prisma writes its DateTime columns (retention compares it).
 */
export async function writeOne(execute: Execute, key: string, item: unknown): Promise<void> {
  const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
  const params = [key, JSON.stringify(data), crypto.randomUUID(), new Date().toISOString()];
  if (eTag === undefined || eTag === '*' || eTag === '') {
    await execute(UPSERT, params);
    return;
  }
  if ((await execute(COMPARE_AND_SET, [...params, eTag])) === 0) throw new StorageConflictError(key);
}

export const throughPrisma = (client: Pick<PrismaClient, '$executeRawUnsafe'>): Execute => (text, params) => client.$executeRawUnsafe(text, ...params);

/**
 * Bot Framework Storage on Prisma that honours eTags: an item written with the eTag it
 * was read with replaces the row only if nobody wrote in between; `*` or no eTag means
 * an unconditional write. A batch is one transaction, so it lands whole or not at all.
 *
 * Given `sql`, the two statements of every turn (read one state, write one state) go
 * through the driver directly: the same SQL, a fraction of the CPU (Prisma's client and
 * query compiler cost about 1 ms per statement, the driver a few tenths). Batches and
 * deletes stay on Prisma.
 */
export class PrismaStorage implements Storage {
  private readonly execute: Execute;

  constructor(private readonly prisma: PrismaClient, private readonly sql?: SqlQuery) {
    this.execute = sql ? async (text, params) => (await sql(text, params)).length : throughPrisma(prisma);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = keys.length === 1
      // Every turn reads its one conversation: the cheapest query there is for it.
      ? await (this.sql ? this.sql<BotStateRow>(READ_ONE, [keys[0]]) : this.prisma.$queryRawUnsafe<BotStateRow[]>(READ_ONE, keys[0]))
      : await this.prisma.botState.findMany({ where: { key: { in: keys } }, select: { key: true, data: true, eTag: true } });
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...(row.data as object), eTag: row.eTag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    // One item (every turn) is one SQL statement, atomic on its own: no interactive
    // transaction, so no BEGIN/COMMIT round trips and no wait for a transaction slot
    // (Prisma runs even updateMany/upsert inside one). A batch stays all-or-nothing.
    if (entries.length === 1) {
      const [key, item] = entries[0]!;
      await writeOne(this.execute, key, item);
      return;
    }
    await this.prisma.$transaction(async (tx) => {
      for (const [key, item] of entries) await writeOne(throughPrisma(tx), key, item);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.prisma.botState.deleteMany({ where: { key: { in: keys } } });
  }
}
