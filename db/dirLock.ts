import fs from 'node:fs';
import path from 'node:path';

export class DatabaseLockedError extends Error {
  readonly code = 'DATABASE_LOCKED';
  constructor(readonly pid: number) {
    super(
      `The embedded database is already open in another Binôme process (pid ${pid}). ` +
        'Stop that process first, or set DATABASE_URL to use PostgreSQL, which many processes can share.',
    );
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite is a single-process database: a second process opening the same directory
 * would corrupt it. A pid file beside the data guards it; a stale one (dead pid) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid === process.pid) throw new DatabaseLockedError(pid);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DatabaseLockedError(pid);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error('could not lock the embedded database directory');
}
