import { PrismaClient } from '@prisma/client';
import { createDriverAdapter, DEFAULT_POOL, type DatabaseTarget, type DriverAdapterHandle, type PoolOptions } from './driverAdapter';
import { migrate } from './migrate';
import type { SqlQuery } from './PrismaStorage';

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** One SQL statement through the driver, without Prisma, on Prisma's own connections (the hot path of every turn: db/PrismaStorage). */
  sql: SqlQuery;
  /** true when a trivial query succeeds (health check). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens the database named by DATABASE_URL (PGlite by default) and migrates it. */
export async function createDatabase(url: string | undefined, options: { migrate?: boolean; pool?: PoolOptions } = {}): Promise<Database> {
  const handle: DriverAdapterHandle = await createDriverAdapter(url, options.pool);
  try {
    if (options.migrate !== false) await migrate(handle);
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
  // An interactive transaction waits for a connection as long as a query does (Prisma's
  // own default is 2 s, shorter than the pool's: under load the transactions failed first).
  const waitMs = options.pool?.timeoutMs ?? DEFAULT_POOL.timeoutMs;
  const prisma = new PrismaClient({ adapter: handle.factory, transactionOptions: { maxWait: waitMs, timeout: Math.max(5_000, waitMs) } });
  return {
    prisma,
    target: handle.target,
    sql: (text, params) => handle.query(text, params),
    async ping() {
      try {
        await prisma.$queryRawUnsafe('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await prisma.$disconnect().catch(() => undefined);
      await handle.close();
    },
  };
}
