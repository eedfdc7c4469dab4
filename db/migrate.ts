import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DriverAdapterHandle } from './driverAdapter';

export const MIGRATIONS_DIR = path.join(__dirname, '..', 'prisma', 'migrations');

// Prisma Migrate's own bookkeeping table, so `prisma migrate deploy` / `status` agree
// with what we applied (same checksum: sha256 of the file).
const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every Binôme process.
const MIGRATION_LOCK_KEY = 7_246_801;

export class MigrationError extends Error {
  readonly code = 'MIGRATION_FAILED';
  constructor(readonly migration: string, cause: unknown) {
    super(`migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Applies pending migrations from prisma/migrations, each in its own transaction.
 * Prisma's CLI could do this, but it cannot reach an in-memory PGlite and costs a child
 * process at every start; this keeps `npm start` and the tests self-contained.
 * Returns the names it applied.
 */
export async function migrate(db: DriverAdapterHandle, dir = MIGRATIONS_DIR): Promise<string[]> {
  const available = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
  const isPostgresServer = db.target.kind === 'postgres';
  if (isPostgresServer) {
    // Two servers starting at once must not both apply the same migration.
    await db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  }
  try {
    await db.executeScript(BOOKKEEPING);
    const applied = new Set(
      (await db.query<{ migration_name: string }>(
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )).map((r) => r.migration_name),
    );
    const done: string[] = [];
    for (const name of available) {
      if (applied.has(name)) continue;
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      const checksum = crypto.createHash('sha256').update(sql).digest('hex');
      const escapedName = name.replace(/'/g, "''");
      try {
        // One script, one transaction: a failing migration leaves no half-applied schema.
        await db.executeScript(
          `BEGIN;\n${sql}\n;INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) ` +
            `VALUES ('${crypto.randomUUID()}', '${checksum}', now(), '${escapedName}', 1);\nCOMMIT;`,
        );
      } catch (err) {
        await db.executeScript('ROLLBACK;').catch(() => undefined);
        throw new MigrationError(name, err);
      }
      done.push(name);
    }
    return done;
  } finally {
    if (isPostgresServer) await db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
  }
}
