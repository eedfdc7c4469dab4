import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { errorCode, type Logger } from '../../bots/log';
import { isLoopbackAddress } from '../botframework/isLoopback';

/**
 * The operators' CLI while the server holds the embedded database (PGlite is one process's):
 * `npm run requests`, `npm run staff` and `npm run directory` find this file beside the data directory, and call
 * the running server on loopback with its secret. The file is readable by its owner only,
 * written at start with a fresh secret, removed at exit.
 */
export interface AdminFile { url: string; secret: string; pid: number }

export const adminFileFor = (dataDir: string) => path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.admin.json`);

export function writeAdminFile(file: string, url: string): { secret: string; remove(): void } {
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, JSON.stringify({ url, secret, pid: process.pid } satisfies AdminFile), { mode: 0o600, flag: 'wx' });
  const remove = () => {
    try {
      const current = JSON.parse(fs.readFileSync(file, 'utf8')) as AdminFile;
      if (current.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.once('exit', remove);
  return { secret, remove };
}

export function readAdminFile(file: string): AdminFile | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as AdminFile;
    return typeof parsed.url === 'string' && typeof parsed.secret === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export const ADMIN_SCRIPTS = ['requests', 'staff', 'directory'] as const;
export type AdminScript = (typeof ADMIN_SCRIPTS)[number];
/** A file the CLI read on its own side (a directory to import): its name, for messages, and its content. */
export interface AdminInput { name: string; content: unknown }

export interface AdminCommands {
  /** Runs `npm run <script> -- <args>` in this process; what it prints comes back. */
  run(script: AdminScript, args: string[], input?: AdminInput): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** POST /admin/run { script, args }: loopback callers with the secret only. */
export function mountAdminApi(server: Server, o: { secret: () => string | null; commands: AdminCommands; log: Logger }): void {
  server.post('/admin/run', async (req: Request, res: Response) => {
    try {
      const secret = o.secret();
      const given = /^Bearer\s+(\S{16,200})$/i.exec(String(req.headers?.authorization ?? ''))?.[1] ?? '';
      const ok = !!secret && isLoopbackAddress(req.socket?.remoteAddress) && given.length === secret.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(secret));
      if (!ok) {
        res.send(403, { error: 'forbidden' });
        return;
      }
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as { script?: unknown; args?: unknown; input?: unknown };
      const args = Array.isArray(body.args) && body.args.every((a) => typeof a === 'string') ? (body.args as string[]) : null;
      const script = ADMIN_SCRIPTS.find((s) => s === body.script);
      const raw = body.input as { name?: unknown; content?: unknown } | undefined;
      const input = raw && typeof raw === 'object' && typeof raw.name === 'string' && raw.name.length <= 1000 ? { name: raw.name, content: raw.content } : undefined;
      if (!script || !args || args.length > 20 || (body.input !== undefined && !input)) {
        res.send(400, { error: 'bad_request' });
        return;
      }
      o.log('info', 'admin.run', { script, command: args[0] ?? '' });
      res.send(200, await o.commands.run(script, args, input));
    } catch (err) {
      o.log('error', 'admin.failed', { code: errorCode(err) });
      if (!res.headersSent) res.send(503, { error: 'unavailable' });
    }
  });
}
