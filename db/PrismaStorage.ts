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
 * One item: an unconditional upsert (`*` or no eTag), or a compare-and-set that matches
 * only while the row still has the eTag the turn read. `updatedAt` is written in UTC, as
 * Prisma writes its DateTime columns (retention compares it).
 */
async function writeOne(client: Pick<PrismaClient, '$executeRaw'>, key: string, item: unknown): Promise<void> {
  const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
  const next = crypto.randomUUID();
  const json = JSON.stringify(data);
  const at = new Date().toISOString();
  if (eTag === undefined || eTag === '*' || eTag === '') {
    await client.$executeRaw`
      INSERT INTO "bot_state" ("key", "data", "eTag", "updatedAt")
      VALUES (${key}, ${json}::jsonb, ${next}, (${at}::timestamptz AT TIME ZONE 'UTC'))
      ON CONFLICT ("key") DO UPDATE SET "data" = EXCLUDED."data", "eTag" = EXCLUDED."eTag", "updatedAt" = EXCLUDED."updatedAt"`;
    return;
  }
  const count = await client.$executeRaw`
    UPDATE "bot_state" SET "data" = ${json}::jsonb, "eTag" = ${next}, "updatedAt" = (${at}::timestamptz AT TIME ZONE 'UTC')
    WHERE "key" = ${key} AND "eTag" = ${eTag}`;
  if (count === 0) throw new StorageConflictError(key);
}

/**
 * Bot Framework Storage on Prisma that honours eTags: an item written with the eTag it
 * was read with replaces the row only if nobody wrote in between; `*` or no eTag means
 * an unconditional write. A batch is one transaction, so it lands whole or not at all.
 */
export class PrismaStorage implements Storage {
  constructor(private readonly prisma: PrismaClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = keys.length === 1
      // Every turn reads its one conversation: the cheapest query Prisma has for it.
      ? await this.prisma.$queryRaw<BotStateRow[]>`SELECT "key", "data", "eTag" FROM "bot_state" WHERE "key" = ${keys[0]!}`
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
      await writeOne(this.prisma, key, item);
      return;
    }
    await this.prisma.$transaction(async (tx) => {
      for (const [key, item] of entries) await writeOne(tx, key, item);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.prisma.botState.deleteMany({ where: { key: { in: keys } } });
  }
}
