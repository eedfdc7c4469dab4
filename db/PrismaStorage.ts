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

/**
 * Bot Framework Storage on Prisma that honours eTags: an item written with the eTag it
 * was read with replaces the row only if nobody wrote in between; `*` or no eTag means
 * an unconditional write. A batch is one transaction, so it lands whole or not at all.
 */
export class PrismaStorage implements Storage {
  constructor(private readonly prisma: PrismaClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.prisma.botState.findMany({ where: { key: { in: keys } } });
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...(row.data as object), eTag: row.eTag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    await this.prisma.$transaction(async (tx) => {
      for (const [key, item] of entries) {
        const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
        const next = crypto.randomUUID();
        if (eTag === undefined || eTag === '*' || eTag === '') {
          await tx.botState.upsert({
            where: { key },
            create: { key, data: data as object, eTag: next },
            update: { data: data as object, eTag: next },
          });
          continue;
        }
        const { count } = await tx.botState.updateMany({ where: { key, eTag }, data: { data: data as object, eTag: next } });
        if (count === 0) throw new StorageConflictError(key);
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.prisma.botState.deleteMany({ where: { key: { in: keys } } });
  }
}
