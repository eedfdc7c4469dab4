import fs from 'node:fs';
import { bufferIo, consoleIo, runCommand } from './commands/cli';
import { DIRECTORY_USAGE, describeDirectory, runDirectory } from './commands/directory';
import { directoryFormatOf, loadDirectoryFile } from '../routing/loadDirectoryFile';

/**
 * Staff tooling for the directory of associations (scripts/commands/directory.ts; the logic
 * lives in db/ and routing/). Works while `npm start` holds the embedded database: the
 * command then runs in the server, through its admin API; files are read and written here.
 */
async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const positional = rest[0] !== undefined && !rest[0].startsWith('--') ? rest[0] : undefined;
  switch (command) {
    case 'validate':
    case 'import': {
      if (positional === undefined) return usage(`"${command}" needs a file.`);
      const loaded = loadDirectoryFile(positional);
      if (!loaded.ok) {
        for (const e of loaded.errors) console.error(e);
        console.error(`${positional}: ${loaded.errors.length} error(s)${command === 'import' ? '; nothing was imported' : ''}.`);
        return 1;
      }
      if (command === 'validate') {
        console.log(`${positional}: valid (${describeDirectory(loaded.value)}).`);
        return 0;
      }
      const input = { name: positional, content: loaded.value };
      const args = ['import', positional];
      return runCommand('directory', args, (prisma, io) => runDirectory(prisma, args, io, input), consoleIo, input);
    }
    case 'export': {
      const i = rest.indexOf('--out');
      const out = i >= 0 ? rest[i + 1] : undefined;
      if (i >= 0 && !out) return usage('--out needs a file name.');
      const f = rest.indexOf('--format');
      const format = (f >= 0 ? rest[f + 1] : undefined) ?? (out ? directoryFormatOf(out) : null) ?? 'json';
      if (format !== 'json' && format !== 'csv') return usage(`Unknown format "${format}".`);
      const args = ['export', '--format', format];
      // The file is written here, on the caller's side, whoever reads the database.
      const buffer = out ? bufferIo() : null;
      const io = buffer ? { ...consoleIo, write: buffer.write } : consoleIo;
      const code = await runCommand('directory', args, (prisma, io2) => runDirectory(prisma, args, io2), io);
      if (out && buffer && code === 0) {
        fs.writeFileSync(out, buffer.stdout());
        console.error(`Written to ${out}.`);
      }
      return code;
    }
    case 'show':
    case 'keys': {
      const args = [command, ...rest];
      return runCommand('directory', args, (prisma, io) => runDirectory(prisma, args, io));
    }
    default:
      console.error(DIRECTORY_USAGE);
      return command === undefined || command === '--help' ? 0 : 2;
  }
}

function usage(problem: string): number {
  console.error(`${problem}\n${DIRECTORY_USAGE}`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`directory: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
