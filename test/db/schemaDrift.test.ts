import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDriverAdapter } from '../../db/driverAdapter';
import { MIGRATIONS_DIR } from '../../db/migrate';

const root = path.join(__dirname, '..', '..');

/** Columns, indexes and constraints of one schema, comparable across schemas. */
async function shape(db: Awaited<ReturnType<typeof createDriverAdapter>>, schema: string) {
  const columns = await db.query(
    // A sequence default names its schema (nextval('S.t_seq_seq')), as index and constraint definitions do.
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, replace(column_default, $2, 'S.') AS column_default FROM information_schema.columns
     WHERE table_schema = $1 ORDER BY table_name, column_name`, [schema, `${schema}.`]);
  const indexes = await db.query(`SELECT tablename, indexname, replace(indexdef, $1, 'S.') AS def FROM pg_indexes WHERE schemaname = $2 ORDER BY indexname`, [`${schema}.`, schema]);
  const constraints = await db.query(
    `SELECT conname, contype, replace(pg_get_constraintdef(c.oid), $1, 'S.') AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE n.nspname = $2 ORDER BY conname`, [`${schema}.`, schema]);
  return { columns, indexes, constraints };
}

describe('prisma/migrations and prisma/schema.prisma', () => {
  it('the migrations, applied in order, give exactly the schema', async () => {
    // The whole schema as Prisma would create it from nothing (datamodel diff, no database).
    const full = execFileSync(path.join(root, 'node_modules', '.bin', 'prisma'), ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', path.join(root, 'prisma', 'schema.prisma'), '--script'], {
      cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BINOME_CLI_OFFLINE: '1', CHECKPOINT_DISABLE: '1' },
    });
    const migrations = fs.readdirSync(MIGRATIONS_DIR).filter((d) => fs.existsSync(path.join(MIGRATIONS_DIR, d, 'migration.sql'))).sort()
      .map((d) => fs.readFileSync(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8'));
    const db = await createDriverAdapter('pglite://memory');
    try {
      // Unqualified names land in the schema first on the search path.
      const inSchema = (schema: string, sql: string) => `CREATE SCHEMA "${schema}"; SET search_path TO "${schema}";\n${sql.replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, '')}\nSET search_path TO public;`;
      await db.executeScript(inSchema('from_schema', full));
      await db.executeScript(inSchema('from_migrations', migrations.join('\n;\n')));
      expect(await shape(db, 'from_migrations')).toEqual(await shape(db, 'from_schema'));
      expect((await shape(db, 'from_schema')).columns.length).toBeGreaterThan(30);
    } finally {
      await db.close();
    }
  }, 120_000);
});
