import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { directoryToCsv } from '../../routing/directoryCsv';
import { validateDirectory } from '../../routing/directorySchema';
import { adminFileFor } from '../../adapters/admin/adminApi';
import type { App } from '../../index';
import { hashApiKey } from '../../notifications/signing';
import { startHoldingPglite } from '../helpers/http';
import { seedJson } from '../routing/helpers';

/** The real script, as staff run it (npm run directory -- ...), in a child process. */
const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

let dir: string;
let databaseUrl: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-directory-cli-'));
  databaseUrl = `pglite://${path.join(dir, 'pglite')}`;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runOn(databaseUrl, ...args);
}
function runOn(url: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['scripts/directory.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, maxBuffer: 20 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

type Json = { associations: (Record<string, unknown> & { id: string; programmes: Record<string, unknown>[] })[] };
function seedWith(change: (file: Json) => void): Json {
  const file = structuredClone(seedJson()) as Json;
  change(file);
  return file;
}
function write(name: string, content: string | object): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

describe('npm run directory', () => {
  it('validate: exits 1 and names the row and field of each error', async () => {
    const file = write('bad.json', seedWith((f) => {
      const afev = f.associations.find((a) => a.id === 'afev')!;
      Object.assign(afev.programmes[0]!, { minAge: 20, maxAge: 12 });
      afev.notifyBy = 'webhook';
    }));
    const i = (seedJson() as Json).associations.findIndex((a) => a.id === 'afev');
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`associations[${i}] (afev).programmes[0] (afev-mentorat).maxAge: minAge (20) is greater than maxAge (12)`);
    expect(r.stderr).toContain(`associations[${i}] (afev).webhookUrl: required when notifyBy is "webhook"`);
    expect(r.stderr).toContain('2 error(s)');
    expect(r.stdout).toBe('');
  }, 60_000);

  it('validate: a CSV error also names its CSV line', async () => {
    const seed = validateDirectory(seedJson());
    if (!seed.ok) throw new Error(seed.errors.join('\n'));
    const lines = directoryToCsv(seed.value).split('\r\n');
    const k = lines.findIndex((l) => l.startsWith('afev,'));
    lines[k] = lines[k]!.replace(',afev-mentorat,', ',afev mentorat,');
    const bad = write('bad.csv', lines.join('\r\n'));
    const r = await run('validate', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`CSV line ${k + 1}: associations\\[\\d+\\] \\(afev\\)\\.programmes\\[0\\] \\(afev mentorat\\)\\.id: must be a lowercase slug`));
  }, 60_000);

  it('validate: exits 0 with a one-line summary', async () => {
    const r = await run('validate', write('ok.json', seedJson() as object));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/: valid \(\d+ associations \(\d+ active\), \d+ programmes \(\d+ active\)\)\.$/)]);
  }, 60_000);

  it.each([
    ['empty.json', '', 'the file is empty'],
    ['malformed.json', '{"version": 1,', 'not valid JSON'],
    ['malformed.csv', 'associationId,"unclosed\n', 'CSV line 1: a quoted cell is never closed'],
  ])('validate: refuses %s', async (name, content, message) => {
    const r = await run('validate', write(name, content));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  }, 60_000);

  it('refuses a 100 MB file from its size', async () => {
    const huge = path.join(dir, 'huge.csv');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 100 * 1024 * 1024); // sparse: nothing written to disk
    for (const command of ['validate', 'import']) {
      const r = await run(command, huge);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('the file is 100.0 MB; a directory file is at most 10.0 MB');
    }
  }, 60_000);

  it('import, show and export on an embedded database; a refused import changes nothing', async () => {
    const seed = write('seed.json', seedJson() as object);
    expect((await run('import', seed)).code).toBe(0);

    const dropped = write('without-moovjee.json', seedWith((f) => {
      f.associations = f.associations.filter((a) => a.id !== 'moovjee');
      f.associations.find((a) => a.id === 'afev')!.contactEmail = 'contact@afev.example';
    }));
    const imported = await run('import', dropped);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Associations: 0 created, 1 updated, 0 deactivated, 1 deleted');
    expect(imported.stdout).toContain('updated:     afev (contactEmail)');
    expect(imported.stdout).toContain('deleted:     moovjee');

    const before = await run('export', '--format', 'json');
    expect(before.code).toBe(0);
    const refused = await run('import', write('two-coordinators.json', seedWith((f) => {
      f.associations.find((a) => a.id === 'afev')!.isCoordinator = true;
    })));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('exactly one active coordinator is required (found 2)');
    expect(refused.stderr).toContain('nothing was imported');
    expect((await run('export', '--format', 'json')).stdout).toBe(before.stdout);

    const shown = await run('show', 'afev');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Association afev: AFEV (active)');
    expect(shown.stdout).toContain('contact@afev.example');
    expect(shown.stdout).toMatch(/Programme afev-mentorat: .*\n\s+requests this month: 0/);
    const programme = await run('show', 'afev-mentorat');
    expect(programme.stdout).toMatch(/^Programme afev-mentorat: /);
    const unknown = await run('show', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No association or programme has the id "nobody"');

    const csv = path.join(dir, 'export.csv');
    expect((await run('export', '--out', csv)).code).toBe(0); // the format follows the extension
    expect(fs.readFileSync(csv, 'utf8')).toMatch(/^associationId,associationName,/);

    // The JSON export imports unchanged, and exporting again gives the same bytes.
    const out = path.join(dir, 'export.json');
    expect((await run('export', '--out', out)).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(before.stdout);
    const again = await run('import', out);
    expect(again.stdout).toContain('Associations: 0 created, 0 updated, 0 deactivated, 0 deleted');
    expect((await run('export')).stdout).toBe(before.stdout);

    // Keys: printed once, never exported.
    const keys = await run('keys', 'afev');
    expect(keys.code).toBe(0);
    const secret = /Webhook secret[^:]*:\s+(\S+)/.exec(keys.stdout)?.[1];
    const apiKey = /API key.*\): +(\S+)/.exec(keys.stdout)?.[1];
    expect(secret).toMatch(/^[\w-]{40,}$/);
    expect(apiKey).toMatch(/^[\w-]{40,}$/);
    expect(apiKey).not.toBe(secret);
    const exported = (await run('export')).stdout;
    expect(exported).toBe(before.stdout);
    expect((await run('keys', 'nobody')).code).toBe(1);
  }, 180_000);

  it('explains its usage', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('npm run directory -- import <file.json|file.csv>');
    expect((await run('export', '--format', 'xml')).code).toBe(2);
  }, 60_000);
});

/**
 * While `npm start` holds the embedded database (PGlite is one process's), the same commands
 * run in the server through its admin API on loopback; files stay on the caller's side.
 */
describe('npm run directory while the server holds PGlite', () => {
  let held: Awaited<ReturnType<typeof startHoldingPglite>> | undefined;
  let app: App;
  let url: string;
  beforeAll(async () => {
    held = await startHoldingPglite();
    ({ app, url } = held);
  }, 90_000);
  afterAll(() => held?.close());

  it('show, export (stdout and --out), import and keys go through the running server', async () => {
    expect(fs.existsSync(adminFileFor(held!.dataDir))).toBe(true);
    const shown = await runOn(url, 'show', 'afev');
    expect(shown).toMatchObject({ code: 0 });
    expect(shown.stdout).toContain('Association afev: AFEV (active)');
    expect(shown.stderr).not.toMatch(/already open|locked/i);
    expect((await runOn(url, 'show', 'nobody')).code).toBe(1);

    const exported = await runOn(url, 'export');
    expect(exported.code).toBe(0);
    expect(validateDirectory(JSON.parse(exported.stdout)).ok).toBe(true);
    const csv = path.join(dir, 'server-export.csv');
    expect((await runOn(url, 'export', '--out', csv)).code).toBe(0); // written by the CLI, in CSV from the extension
    expect(fs.readFileSync(csv, 'utf8')).toMatch(/^associationId,associationName,/);

    // Import: the file is read and validated here, imported by the server, in its database.
    const changed = write('server-import.json', seedWith((f) => {
      f.associations.find((a) => a.id === 'afev')!.contactEmail = 'contact@afev.example';
    }));
    const imported = await runOn(url, 'import', changed);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('updated:     afev (contactEmail)');
    expect((await app.db.prisma.association.findUniqueOrThrow({ where: { id: 'afev' } })).contactEmail).toBe('contact@afev.example');
    // An invalid file is refused before anything is sent.
    const refused = await runOn(url, 'import', write('server-bad.json', seedWith((f) => {
      f.associations.find((a) => a.id === 'afev')!.isCoordinator = true;
    })));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing was imported');
    expect((await app.db.prisma.association.findUniqueOrThrow({ where: { id: 'afev' } })).isCoordinator).toBe(false);
    // The server validates again what it is sent, whoever sent it.
    const admin = JSON.parse(fs.readFileSync(adminFileFor(held!.dataDir), 'utf8')) as { url: string; secret: string };
    const forged = await fetch(`${admin.url}/admin/run`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.secret}` },
      body: JSON.stringify({ script: 'directory', args: ['import', 'x.json'], input: { name: 'x.json', content: { associations: [] } } }),
    });
    expect(forged.status).toBe(200);
    expect(await forged.json()).toMatchObject({ code: 1, stderr: expect.stringContaining('nothing was imported') });
    expect(await app.db.prisma.association.count()).toBeGreaterThan(1);

    // Keys: made by the server, printed here once; the API key's hash is the server's database's.
    const keys = await runOn(url, 'keys', 'afev');
    expect(keys.code).toBe(0);
    const apiKey = /API key.*\): +(\S+)/.exec(keys.stdout)?.[1];
    expect(apiKey).toMatch(/^[\w-]{40,}$/);
    expect((await app.db.prisma.association.findUniqueOrThrow({ where: { id: 'afev' } })).apiKeyHash).toBe(hashApiKey(apiKey!));
  }, 180_000);

  it('a file larger than the server takes in one request is refused with what to do; nothing is imported', async () => {
    const small = await startHoldingPglite({ MAX_BODY_BYTES: '4096' });
    try {
      const file = write('too-big.json', seedWith((f) => {
        f.associations.find((a) => a.id === 'afev')!.contactEmail = 'big@afev.example';
      }));
      const r = await runOn(small.url, 'import', file);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('MAX_BODY_BYTES');
      expect(r.stderr).toContain('Stop the server');
      expect((await small.app.db.prisma.association.findUniqueOrThrow({ where: { id: 'afev' } })).contactEmail).not.toBe('big@afev.example');
    } finally {
      await small.close();
    }
  }, 120_000);
});
