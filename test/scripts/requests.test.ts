import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { silentLogger } from '../../bots/log';
import { ProactiveMessenger } from '../../bots/ProactiveMessenger';
import { loadConfig } from '../../config';
import { PrismaDirectory } from '../../db/PrismaDirectory';
import { PrismaRequestStore } from '../../db/PrismaRequestStore';
import { createHandoffStack } from '../../handoffStack';
import { submitRequest } from '../../intake/submitRequest';
import { REQUEST } from '../helpers/fixtures';
import { openTestDatabase, postgresAvailable } from '../helpers/testDatabase';

const ROOT = path.join(__dirname, '..', '..');

function run(databaseUrl: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/requests.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

describe('npm run requests -- show', () => {
  it("shows a request's handoffs and every delivery attempt, without contact details", async () => {
    if (!(await postgresAvailable())) return;
    const db = await openTestDatabase('postgres');
    try {
      const id = crypto.randomUUID();
      const now = () => new Date(REQUEST.submittedAt);
      await submitRequest(REQUEST, { submissionId: id, conversationKey: `test/conversations/${id}`, conversationRef: {} }, {
        directory: new PrismaDirectory(db.prisma), requests: new PrismaRequestStore(db.prisma), now,
      });
      // The seed has no contact for anyone: the handoff dies at once and the coordinator's alert cannot go either.
      const proactive = new ProactiveMessenger(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), { appId: '', authenticated: false });
      const stack = createHandoffStack({ db, config: loadConfig({ OUTBOX_DIR: path.join(os.tmpdir(), `binome-outbox-${id}`) }), log: silentLogger, now, proactive, publicUrl: 'https://binome.example' });
      await stack.worker.drain();
      stack.email.close();

      const shown = await run(db.url, 'show', id);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(new RegExp(`^Request ${id}: routed, now with .+; created 2026-11-21 10:00:00 UTC; age 17, needs orientation`));
      expect(shown.stdout).toMatch(/Handoffs:\n {2}2026-11-21 10:00:00 {2}.+: pending, deadline 2026-11-27 10:00:00/);
      expect(shown.stdout).toMatch(/new_request -> .+: dead, 1 attempt\(s\), last error no_email_address\n\s+#1 2026-11-21 10:00:00 {2}email {8}dead/);
      expect(shown.stdout).toMatch(/coordinator_alert -> Collectif Mentorat: dead, 1 attempt\(s\), last error no_email_address/);
      for (const personal of ['Inès', 'ines@example.fr']) expect(shown.stdout).not.toContain(personal);

      expect((await run(db.url, 'show', crypto.randomUUID())).code).toBe(1);
      expect((await run(db.url, 'show', 'nope')).code).toBe(2);
    } finally {
      await db.close();
    }
  }, 60_000);
});
