import fs from 'node:fs';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { lockDataDir } from './dirLock';

/** Where the data lives: the embedded PGlite (a directory, or memory) or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres'; url: string; schema: string };

export const DEFAULT_PGLITE_DIR = path.join('data', 'pglite');

/**
 * Reads DATABASE_URL: unset means the embedded default in ./data/pglite,
 * `pglite://memory` an in-memory PGlite (tests), `pglite:///abs/dir` or `pglite://rel/dir`
 * a PGlite directory, and `postgres(ql)://...` a server (optional `?schema=`).
 */
export function parseDatabaseTarget(url: string | undefined): DatabaseTarget {
  if (!url || url.trim() === '') return { kind: 'pglite', dataDir: DEFAULT_PGLITE_DIR };
  if (url === 'pglite://memory') return { kind: 'pglite', dataDir: null };
  if (url.startsWith('pglite://')) return { kind: 'pglite', dataDir: url.slice('pglite://'.length) || DEFAULT_PGLITE_DIR };
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!/^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/.test(schema)) throw new Error('DATABASE_URL: schema must be a plain SQL identifier');
    parsed.searchParams.delete('schema');
    return { kind: 'postgres', url: parsed.toString(), schema };
  }
  throw new Error('DATABASE_URL must start with postgresql://, postgres:// or pglite://');
}

export interface DriverAdapterHandle {
  target: DatabaseTarget;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Runs a multi-statement SQL script outside Prisma (migrations). */
  executeScript(sql: string): Promise<void>;
  /** Runs one statement and returns its rows (migration bookkeeping). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** PostgreSQL connections held at most (default 10). */
  max?: number;
  /** Wait for a free connection before giving up, in ms (default 10 s). */
  timeoutMs?: number;
}

export const DEFAULT_POOL: Required<PoolOptions> = { max: 10, timeoutMs: 10_000 };

/** Builds the Prisma driver adapter for a target; the one place either driver is constructed. */
export async function createDriverAdapter(url: string | undefined, pool: PoolOptions = {}): Promise<DriverAdapterHandle> {
  const target = parseDatabaseTarget(url);
  if (target.kind === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    let unlock = () => undefined as void;
    if (target.dataDir) {
      fs.mkdirSync(path.resolve(target.dataDir), { recursive: true });
      unlock = lockDataDir(target.dataDir);
    }
    const client = target.dataDir ? new PGlite(path.resolve(target.dataDir)) : new PGlite();
    try {
      await client.waitReady;
    } catch (err) {
      unlock();
      throw err;
    }
    // The adapter's factory type predates Prisma 6.19's ArgType change; it never reads
    // argTypes, so the cast is sound (shared/STACK.md).
    const factory = new PrismaPGlite(client) as unknown as SqlMigrationAwareDriverAdapterFactory;
    return {
      target,
      factory,
      executeScript: async (sql) => { await client.exec(sql); },
      query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
      close: async () => {
        try {
          if (!client.closed) await client.close();
        } finally {
          unlock();
        }
      },
    };
  }
  const pg = await import('pg');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const poolConfig = {
    connectionString: target.url,
    options: `-c search_path="${target.schema}"`,
    max: pool.max ?? DEFAULT_POOL.max,
    connectionTimeoutMillis: pool.timeoutMs ?? DEFAULT_POOL.timeoutMs,
  };
  const pgPool = new pg.Pool(poolConfig);
  // A dropped idle connection (database restarted, network cut) must not crash the
  // process; the next query reconnects. Prisma gets this same pool, so this covers it too.
  pgPool.on('error', () => undefined);
  const factory = new PrismaPg(pgPool, { schema: target.schema }) as unknown as SqlMigrationAwareDriverAdapterFactory;
  return {
    target,
    factory,
    executeScript: async (sql) => { await pgPool.query(sql); },
    query: async <T>(sql: string, params: unknown[] = []) => (await pgPool.query(sql, params)).rows as T[],
    close: async () => { await pgPool.end(); },
  };
}
