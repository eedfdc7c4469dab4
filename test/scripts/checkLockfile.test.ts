import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The real checker, as .ci/run calls it before `npm ci`, in a child process. */
const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'checkLockfile.mjs');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-lock-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function check(lock: unknown, manifest?: unknown): Promise<{ code: number; stdout: string; stderr: string }> {
  const lockFile = path.join(dir, `lock-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(lockFile, typeof lock === 'string' ? lock : JSON.stringify(lock));
  const args = [SCRIPT, lockFile];
  if (manifest !== undefined) {
    const manifestFile = `${lockFile}.package.json`;
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    args.push(manifestFile);
  }
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const sound = {
  name: 'x',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'x', dependencies: { zod: '^4.0.0' }, devDependencies: { jest: '^30.0.0' } },
    'node_modules/zod': { version: '4.6.7', integrity: 'sha512-abc', license: 'MIT' },
    'node_modules/jest': { version: '30.5.2', integrity: 'sha512-def', dev: true },
    'node_modules/jest/node_modules/bundled': { version: '1.0.0', inBundle: true },
    'node_modules/local': { resolved: 'packages/local', link: true },
    'node_modules/from-git': { version: '1.0.0', resolved: 'git+ssh://git@github.com/a/b.git#abc' },
  },
};
const manifest = { dependencies: { zod: '^4.0.0' }, devDependencies: { jest: '^30.0.0' } };

describe('checkLockfile (run before npm ci)', () => {
  it("accepts the project's own lock, checked against its package.json", async () => {
    const r = await check(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('accepts registry, bundled, linked and git entries', async () => {
    const r = await check(sound, manifest);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/is sound \(5 entries\)/);
  });

  it('rejects an entry without a version (the 2026-12 @unrs/resolver-binding-* breakage), naming it', async () => {
    const lock = structuredClone(sound) as typeof sound & { packages: Record<string, unknown> };
    lock.packages['node_modules/unrs-resolver/node_modules/@unrs/resolver-binding-win32-x64-msvc'] = { dev: true, optional: true };
    const r = await check(lock);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('@unrs/resolver-binding-win32-x64-msvc: no "version"');
    expect(r.stderr).toContain('1 broken entry');
  });

  it('rejects an entry with a version but no integrity and no resolved URL', async () => {
    const lock = structuredClone(sound) as typeof sound & { packages: Record<string, unknown> };
    lock.packages['node_modules/left-pad'] = { version: '1.3.0' };
    const r = await check(lock);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('node_modules/left-pad@1.3.0: neither "integrity" nor "resolved"');
  });

  it('rejects a link without its target', async () => {
    const lock = structuredClone(sound) as typeof sound & { packages: Record<string, unknown> };
    (lock.packages as Record<string, unknown>)['node_modules/local'] = { link: true };
    expect((await check(lock)).code).toBe(1);
  });

  it('rejects a lock out of step with package.json (a dependency added without updating the lock)', async () => {
    const r = await check(sound, { ...manifest, dependencies: { ...manifest.dependencies, twilio: '^5.0.0' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dependencies.twilio "^5.0.0" is not in the lock\'s root');
    expect(r.stderr).toContain('no node_modules/twilio entry');
  });

  it('rejects a changed range for a dependency already in the lock', async () => {
    const r = await check(sound, { ...manifest, dependencies: { zod: '^3.0.0' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dependencies.zod "^3.0.0"');
  });

  it.each([
    ['not JSON', '{"lockfileVersion": 3,'],
    ['an npm 6 lock', { lockfileVersion: 1, dependencies: {} }],
    ['no packages section', { lockfileVersion: 3 }],
  ])('rejects %s', async (_name, lock) => {
    expect((await check(lock)).code).toBe(1);
  });

  it('exits 2 when the file cannot be read', async () => {
    const r = await new Promise<number>((resolve) =>
      execFile(process.execPath, [SCRIPT, path.join(dir, 'missing.json')], (err) => resolve(err ? Number((err as { code?: number }).code) : 0)),
    );
    expect(r).toBe(2);
  });
});
