import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { adminFileFor, readAdminFile } from '../../adapters/admin/adminApi';
import type { App } from '../../index';
import { startApp, tempPgliteUrl } from '../helpers/http';

const ROOT = path.join(__dirname, '..', '..');

function run(script: string, databaseUrl: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [`scripts/${script}.ts`, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

/**
 * The operators' CLI while `npm start` holds the embedded database: PGlite is one
 * process's, so the commands run in the server, through its admin API on loopback.
 */
describe('npm run staff / npm run requests while the server holds PGlite', () => {
  let app: App;
  let url: string;

  beforeAll(async () => {
    url = tempPgliteUrl();
    app = await startApp(url, { OUTBOX_WORKER: 'off' });
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    fs.rmSync(path.dirname(url.slice('pglite://'.length)), { recursive: true, force: true });
  });

  it('prints a one-use login link made by the running server; requests list answers too', async () => {
    const dataDir = url.slice('pglite://'.length);
    const file = adminFileFor(dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readAdminFile(file)).toMatchObject({ url: app.url, pid: process.pid });

    const link = await run('staff', url, 'link', 'afev');
    expect(link.code).toBe(0);
    const printed = link.stdout.trim();
    expect(printed).toMatch(new RegExp(`^${app.url.replace(/[.]/g, '\\.')}/staff/login/[\\w-]+\\.[\\w-]+$`));
    expect(link.stderr).toMatch(/One-use login link to the inbox of AFEV/);
    const login = () => fetch(printed, { method: 'POST', redirect: 'manual', headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect((await login()).status).toBe(303);
    expect((await login()).status).toBe(410);

    expect((await run('staff', url, 'link', 'nope')).code).toBe(1);
    const list = await run('requests', url, 'list');
    expect(list).toMatchObject({ code: 0, stdout: 'No requests yet.\n' });

    // Without the secret the admin API refuses.
    const refused = await fetch(`${app.url}/admin/run`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${'x'.repeat(43)}` }, body: JSON.stringify({ script: 'requests', args: ['list'] }) });
    expect(refused.status).toBe(403);
  }, 90_000);

  it('says exactly what to do when the server holding the database cannot be reached', async () => {
    const dataDir = url.slice('pglite://'.length);
    const file = adminFileFor(dataDir);
    const saved = fs.readFileSync(file, 'utf8');
    fs.rmSync(file);
    try {
      const r = await run('requests', url, 'list');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`already open in another Binôme process \\(pid ${process.pid}\\)[\\s\\S]*stop it \\(Ctrl-C in its terminal\\), run this command, then start it again; or use PostgreSQL`));
    } finally {
      fs.writeFileSync(file, saved, { mode: 0o600 });
    }
  }, 60_000);
});
