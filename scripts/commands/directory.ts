import type { PrismaClient } from '@prisma/client';
import { exportDirectory, findDirectoryEntry, formatImportSummary, importDirectory } from '../../db/directoryRepository';
import { formatDirectoryEntry } from '../../db/formatDirectoryEntry';
import { hashApiKey, newSecret } from '../../notifications/signing';
import { directoryToCsv } from '../../routing/directoryCsv';
import { validateDirectory, type DirectoryFile } from '../../routing/directorySchema';
import type { CommandIo } from './requests';

export const DIRECTORY_USAGE = `Usage:
  npm run directory -- validate <file.json|file.csv>   check a directory file; every error names its row and field
  npm run directory -- import <file.json|file.csv>     validate, then make the database directory what the file says
                                                       (one transaction: all of it or nothing)
  npm run directory -- export [--format json|csv] [--out FILE]
                                                       the whole directory, inactive rows included (stdout, or FILE)
  npm run directory -- show <association-or-programme-id>
  npm run directory -- keys <association-id>           new webhook secret and API key for an association (printed
                                                       once; the previous ones stop working)`;

export function describeDirectory(file: DirectoryFile): string {
  const programmes = file.associations.flatMap((a) => a.programmes);
  const activeAssociations = file.associations.filter((a) => a.active).length;
  const activeProgrammes = file.associations.flatMap((a) => (a.active ? a.programmes.filter((p) => p.active) : [])).length;
  return `${file.associations.length} associations (${activeAssociations} active), ${programmes.length} programmes (${activeProgrammes} active)`;
}

/**
 * The commands of `npm run directory` that use the database: import, export, show, keys.
 * Run by the CLI on the database, or by the running server (admin API) when it holds the
 * embedded one. Files stay on the caller's side: "import" receives the file's content,
 * already read and validated by the CLI (and validated again here, whoever sent it);
 * "export" writes to `io.write`, the CLI puts it in --out.
 */
export async function runDirectory(prisma: PrismaClient, argv: string[], io: CommandIo, input?: { name: string; content: unknown }): Promise<number> {
  const [command, ...rest] = argv;
  const opt = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const positional = rest[0] !== undefined && !rest[0].startsWith('--') ? rest[0] : undefined;
  switch (command) {
    case 'import': {
      if (!input) {
        io.err(`"import" needs a file.\n${DIRECTORY_USAGE}`);
        return 2;
      }
      const checked = validateDirectory(input.content);
      if (!checked.ok) {
        for (const e of checked.errors) io.err(e);
        io.err(`${input.name}: ${checked.errors.length} error(s); nothing was imported.`);
        return 1;
      }
      const summary = await importDirectory(prisma, checked.value);
      io.out(`Imported ${input.name} (${describeDirectory(checked.value)}).`);
      io.out(formatImportSummary(summary));
      return 0;
    }
    case 'export': {
      const format = opt('format') ?? 'json';
      if (format !== 'json' && format !== 'csv') {
        io.err(`Unknown format "${format}".\n${DIRECTORY_USAGE}`);
        return 2;
      }
      const file = await exportDirectory(prisma);
      if (file.associations.length === 0) {
        io.err('The directory is empty: nothing to export (npm start seeds it, or use "import").');
        return 1;
      }
      // Rows written by hand in SQL could break the file; say so rather than hand out a file import refuses.
      const check = validateDirectory(file);
      if (!check.ok) {
        io.err(`Warning: the database directory does not pass validation; "import" will refuse this file until fixed:\n  ${check.errors.join('\n  ')}`);
      }
      io.write(format === 'csv' ? directoryToCsv(file) : `${JSON.stringify(file, null, 2)}\n`);
      io.err(`Exported ${describeDirectory(file)}.`);
      return 0;
    }
    case 'show': {
      if (positional === undefined) {
        io.err(`"show" needs an association or programme id.\n${DIRECTORY_USAGE}`);
        return 2;
      }
      const entry = await findDirectoryEntry(prisma, positional);
      if (entry === null) {
        io.err(`No association or programme has the id "${positional}".`);
        return 1;
      }
      io.out(formatDirectoryEntry(entry));
      return 0;
    }
    case 'keys': {
      if (positional === undefined) {
        io.err(`"keys" needs an association id.\n${DIRECTORY_USAGE}`);
        return 2;
      }
      const association = await prisma.association.findUnique({ where: { id: positional }, select: { id: true, name: true } });
      if (association === null) {
        io.err(`No association has the id "${positional}".`);
        return 1;
      }
      // Secrets are never in directory files or exports; they are set here and shown once.
      const webhookSecret = newSecret();
      const apiKey = newSecret();
      await prisma.association.update({ where: { id: association.id }, data: { webhookSecret, apiKeyHash: hashApiKey(apiKey) } });
      io.out(`New keys for ${association.name} (${association.id}). Give them to its staff over a safe channel; they are not shown again.`);
      io.out(`  Webhook secret (verifies X-Binome-Signature):      ${webhookSecret}`);
      io.out(`  API key (Authorization: Bearer … on /api/requests): ${apiKey}`);
      return 0;
    }
    default:
      io.err(DIRECTORY_USAGE);
      return command === undefined || command === '--help' ? 0 : 2;
  }
}
