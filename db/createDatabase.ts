import { PrismaClient } from '@prisma/client';
import { createDriverAdapter, type DatabaseTarget, type DriverAdapterHandle } from './driverAdapter';
import { migrate } from './migrate';

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** true when a trivial query succeeds (health check). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens the database named by DATABASE_URL (PGlite by default) and migrates it. */
export async function createDatabase(url: string | undefined, options: { migrate?: boolean } = {}): Promise<Database> {
  const handle: DriverAdapterHandle = await createDriverAdapter(url);
  try {
    if (options.migrate !== false) await migrate(handle);
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
  const prisma = new PrismaClient({ adapter: handle.factory });
  return {
    prisma,
    target: handle.target,
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
