import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * with the SQL from the committed schema (git HEAD) to the working prisma/schema.prisma.
 * Prisma 6.19 with a driver adapter cannot diff against a live database or a shadow
 * database (shared/STACK.md), so the last committed schema is the "before"; commit a
 * schema change together with its migration. test/db/schemaDrift.test.ts checks that the
 * migrations, applied in order, give exactly the schema.
 */
const root = path.join(__dirname, '..');
const name = process.argv[2];
if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error('Usage: npm run db:migration -- <name in snake_case>');
  process.exit(2);
}
const prisma = path.join(root, 'node_modules', '.bin', 'prisma');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-schema-'));
let from = ['--from-empty'];
try {
  const committed = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  fs.writeFileSync(path.join(tmp, 'schema.prisma'), committed);
  from = ['--from-schema-datamodel', path.join(tmp, 'schema.prisma')];
} catch {
  // no commit yet: the first migration starts from an empty database
}
export function diffSql(fromArgs: string[], toSchema: string): string {
  return execFileSync(prisma, ['migrate', 'diff', ...fromArgs, '--to-schema-datamodel', toSchema, '--script'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BINOME_CLI_OFFLINE: '1', CHECKPOINT_DISABLE: '1' },
  });
}
const sql = diffSql(from, path.join(root, 'prisma', 'schema.prisma'));
if (/^-- This is an empty migration\.?\s*$/m.test(sql) && sql.trim().split('\n').length <= 1) {
  console.log('The schema has not changed since the last commit: no migration written.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(root, 'prisma', 'migrations', `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
console.log(`Wrote ${path.relative(root, dir)}/migration.sql. Review it, then commit it with the schema.`);
