import fs from 'node:fs';
import type { PrismaClient } from '@prisma/client';
import { adminFileFor, readAdminFile, type AdminInput, type AdminScript } from '../../adapters/admin/adminApi';
import { loadConfig } from '../../config';
import { createDatabase } from '../../db/createDatabase';
import { DatabaseLockedError } from '../../db/dirLock';
import { parseDatabaseTarget } from '../../db/driverAdapter';
import type { CommandIo } from './requests';

export const consoleIo: CommandIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  write: (text) => process.stdout.write(text),
};

/**
 * Runs an operator command on the database, or, when a running `npm start` holds the
 * embedded one (PGlite is a single process's), through that server's admin API on
 * loopback (its address and secret are in a file beside the data, readable by its owner).
 */
export async function runCommand(script: AdminScript, argv: string[], local: (prisma: PrismaClient, io: CommandIo) => Promise<number>, io: CommandIo = consoleIo, input?: AdminInput): Promise<number> {
  const url = loadConfig().DATABASE_URL;
  let db;
  try {
    db = await createDatabase(url);
  } catch (err) {
    if (!(err instanceof DatabaseLockedError)) throw err;
    const target = parseDatabaseTarget(url);
    const admin = target.kind === 'pglite' && target.dataDir ? readAdminFile(adminFileFor(target.dataDir)) : null;
    if (!admin) {
      io.err(`${err.message}\nThe running server (pid ${err.pid}) has no admin address file: stop it (Ctrl-C in its terminal), run this command, then start it again; or use PostgreSQL (DATABASE_URL) so both can run at once.`);
      return 1;
    }
    return viaServer(admin, script, argv, io, input);
  }
  try {
    return await local(db.prisma, io);
  } finally {
    await db.close();
  }
}

async function viaServer(admin: { url: string; secret: string; pid: number }, script: AdminScript, argv: string[], io: CommandIo, input?: AdminInput): Promise<number> {
  let res: Response;
  try {
    res = await fetch(`${admin.url}/admin/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.secret}` },
      body: JSON.stringify({ script, args: argv, ...(input ? { input } : {}) }),
    });
  } catch {
    io.err(`The embedded database is held by the server (pid ${admin.pid}), which does not answer at ${admin.url}. Stop it, then run this command again.`);
    return 1;
  }
  if (res.status === 413) {
    io.err(`The running server (pid ${admin.pid}) takes at most MAX_BODY_BYTES in one request, and this file is larger. Stop the server, run this command, then start it again.`);
    return 1;
  }
  if (res.status !== 200) {
    io.err(`The running server refused the command (HTTP ${res.status}). Stop it (pid ${admin.pid}), then run this command again.`);
    return 1;
  }
  const body = (await res.json()) as { code: number; stdout: string; stderr: string };
  if (body.stdout) io.write(body.stdout);
  if (body.stderr) io.err(body.stderr.replace(/\n$/, ''));
  return body.code;
}

/** Collects a command's output (the server side of the admin API). */
export function bufferIo(): CommandIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (line) => { out += `${line}\n`; },
    err: (line) => { err += `${line}\n`; },
    write: (text) => { out += text; },
    stdout: () => out,
    stderr: () => err,
  };
}

/** `--out FILE`: the export goes to a file created readable by its owner only (minors' contacts). */
export function toFileIo(file: string, io: CommandIo = consoleIo): CommandIo {
  fs.writeFileSync(file, '', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { ...io, write: (text) => fs.appendFileSync(file, text) };
}
