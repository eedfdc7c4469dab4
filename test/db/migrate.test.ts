import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDriverAdapter, parseDatabaseTarget } from '../../db/driverAdapter';
import { DatabaseLockedError, lockDataDir } from '../../db/dirLock';
import { migrate, MigrationError, MIGRATIONS_DIR } from '../../db/migrate';

describe('migrate', () => {
  it('applies every migration once, records Prisma-compatible checksums, and rolls back a failing one', async () => {
    const db = await createDriverAdapter('pglite://memory');
    try {
      const names = fs.readdirSync(MIGRATIONS_DIR).filter((n) => fs.existsSync(path.join(MIGRATIONS_DIR, n, 'migration.sql'))).sort();
      expect(await migrate(db)).toEqual(names);
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ migration_name: string; checksum: string }>('SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name');
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      for (const r of rows) {
        const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, r.migration_name, 'migration.sql'));
        expect(r.checksum).toBe(crypto.createHash('sha256').update(sql).digest('hex'));
      }

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-mig-'));
      fs.mkdirSync(path.join(dir, '20990101000000_bad'));
      fs.writeFileSync(path.join(dir, '20990101000000_bad', 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_function();');
      await expect(migrate(db, dir)).rejects.toBeInstanceOf(MigrationError);
      expect(await db.query("SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
      expect(await db.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '20990101000000_bad'`)).toEqual([]);
    } finally {
      await db.close();
    }
  }, 60_000);
});

describe('DATABASE_URL', () => {
  it.each([
    [undefined, { kind: 'pglite', dataDir: path.join('data', 'pglite') }],
    ['', { kind: 'pglite', dataDir: path.join('data', 'pglite') }],
    ['pglite://memory', { kind: 'pglite', dataDir: null }],
    ['pglite:///tmp/x', { kind: 'pglite', dataDir: '/tmp/x' }],
    ['postgresql://u@h:5432/db', { kind: 'postgres', url: 'postgresql://u@h:5432/db', schema: 'public' }],
    ['postgres://u@h/db?schema=s1', { kind: 'postgres', url: 'postgres://u@h/db', schema: 's1' }],
  ])('%j', (url, expected) => expect(parseDatabaseTarget(url)).toEqual(expected));

  it.each(['mysql://x', 'postgresql://u@h/db?schema=a;drop'])('rejects %j', (url) => expect(() => parseDatabaseTarget(url)).toThrow());
});

describe('the embedded database lock', () => {
  it('lets one process hold a data directory, and takes over a stale lock', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'binome-lock-')), 'db');
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DatabaseLockedError);
    release();
    fs.writeFileSync(`${dir}.lock`, '999999999'); // a pid that cannot be alive
    const again = lockDataDir(dir);
    again();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});
