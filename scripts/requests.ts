import { runCommand, toFileIo } from './commands/cli';
import { runRequests } from './commands/requests';

/**
 * Operators' view of stored requests (scripts/commands/requests.ts). Works while `npm start`
 * holds the embedded database: the command then runs in the server, through its admin API.
 */
async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--out');
  const out = i >= 0 ? argv[i + 1] : undefined;
  if (i >= 0 && !out) {
    console.error('--out needs a file name');
    return 2;
  }
  // The file is written here, on the caller's side, whoever reads the database.
  const args = i >= 0 ? [...argv.slice(0, i), ...argv.slice(i + 2)] : argv;
  const io = out && argv[0] === 'export' ? toFileIo(out) : undefined;
  const code = await runCommand('requests', args, (prisma, io2) => runRequests(prisma, args, io2), io);
  if (out && code === 0) console.error(`Written to ${out} (readable by its owner only).`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`requests: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
