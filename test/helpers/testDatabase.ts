import crypto from 'node:crypto';
import { Client } from 'pg';
import { createDatabase, type Database } from '../../db/createDatabase';
import type { PoolOptions } from '../../db/driverAdapter';

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

let postgresReachable: Promise<boolean> | null = null;

/**
 * Whether the PostgreSQL tests can run. In CI an unreachable server is a failure (the
 * machine has one); on a laptop without PostgreSQL those tests are skipped, loudly.
 */
export function postgresAvailable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch (err) {
      if (process.env.CI) throw new Error(`PostgreSQL is required in CI at ${POSTGRES_URL}: ${(err as Error).message}`);
      console.warn(`PostgreSQL not reachable at ${POSTGRES_URL}: its tests are skipped (set TEST_POSTGRES_URL).`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresReachable;
}

export type DbKind = 'pglite' | 'postgres';

/**
 * A database of the test file's own (or of the enclosing `describe`'s): opened before its
 * tests, closed after them. The function returned gives it, once opened.
 */
export function useTestDatabase(kind: DbKind = 'pglite', opts: { seed?: boolean; pool?: PoolOptions } = {}): () => Database & { url: string } {
  let db: (Database & { url: string }) | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(kind, opts);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error('the test database is not open (beforeAll failed, or it is read outside a test)');
    return db;
  };
}

/** A migrated, seeded database of its own: in-memory PGlite, or a fresh schema on PostgreSQL. */
export async function openTestDatabase(kind: DbKind, opts: { seed?: boolean; pool?: PoolOptions } = {}): Promise<Database & { url: string }> {
  let url = 'pglite://memory';
  let schema: string | null = null;
  if (kind === 'postgres') {
    schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    url = `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  }
  const db = await createDatabase(url, { pool: opts.pool });
  if (opts.seed !== false) {
    const { seedDirectoryIfEmpty } = await import('../../db/seedDirectory');
    await seedDirectoryIfEmpty(db.prisma);
  }
  return {
    ...db,
    url,
    async close() {
      await db.close();
      if (schema) {
        const admin = new Client({ connectionString: POSTGRES_URL });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      }
    },
  };
}
