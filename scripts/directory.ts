import fs from 'node:fs';
import { loadConfig } from '../config';
import { createDatabase, type Database } from '../db/createDatabase';
import { exportDirectory, findDirectoryEntry, formatImportSummary, importDirectory } from '../db/directoryRepository';
import { formatDirectoryEntry } from '../db/formatDirectoryEntry';
import { hashApiKey, newSecret } from '../notifications/signing';
import { directoryToCsv } from '../routing/directoryCsv';
import { validateDirectory, type DirectoryFile } from '../routing/directorySchema';
import { directoryFormatOf, loadDirectoryFile } from '../routing/loadDirectoryFile';

const USAGE = `Usage:
  npm run directory -- validate <file.json|file.csv>   check a directory file; every error names its row and field
  npm run directory -- import <file.json|file.csv>     validate, then make the database directory what the file says
                                                       (one transaction: all of it or nothing)
  npm run directory -- export [--format json|csv] [--out FILE]
                                                       the whole directory, inactive rows included (stdout, or FILE)
  npm run directory -- show <association-or-programme-id>
  npm run directory -- keys <association-id>           new webhook secret and API key for an association (printed
                                                       once; the previous ones stop working)`;

/** Staff tooling for the directory of associations; the logic lives in db/ and routing/. */
async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const opt = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
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
        console.log(`${positional}: valid (${describe(loaded.value)}).`);
        return 0;
      }
      return withDatabase(async (db) => {
        const summary = await importDirectory(db.prisma, loaded.value);
        console.log(`Imported ${positional} (${describe(loaded.value)}).`);
        console.log(formatImportSummary(summary));
        return 0;
      });
    }
    case 'export': {
      const out = opt('out');
      const format = opt('format') ?? (out ? directoryFormatOf(out) : null) ?? 'json';
      if (format !== 'json' && format !== 'csv') return usage(`Unknown format "${format}".`);
      return withDatabase(async (db) => {
        const file = await exportDirectory(db.prisma);
        if (file.associations.length === 0) {
          console.error('The directory is empty: nothing to export (npm start seeds it, or use "import").');
          return 1;
        }
        // Rows written by hand in SQL could break the file; say so rather than hand out a file import refuses.
        const check = validateDirectory(file);
        if (!check.ok) {
          console.error(`Warning: the database directory does not pass validation; "import" will refuse this file until fixed:\n  ${check.errors.join('\n  ')}`);
        }
        const content = format === 'csv' ? directoryToCsv(file) : `${JSON.stringify(file, null, 2)}\n`;
        if (out) fs.writeFileSync(out, content);
        else process.stdout.write(content);
        console.error(`Exported ${describe(file)}${out ? ` to ${out}` : ''}.`);
        return 0;
      });
    }
    case 'show': {
      if (positional === undefined) return usage('"show" needs an association or programme id.');
      return withDatabase(async (db) => {
        const entry = await findDirectoryEntry(db.prisma, positional);
        if (entry === null) {
          console.error(`No association or programme has the id "${positional}".`);
          return 1;
        }
        console.log(formatDirectoryEntry(entry));
        return 0;
      });
    }
    case 'keys': {
      if (positional === undefined) return usage('"keys" needs an association id.');
      return withDatabase(async (db) => {
        const association = await db.prisma.association.findUnique({ where: { id: positional }, select: { id: true, name: true } });
        if (association === null) {
          console.error(`No association has the id "${positional}".`);
          return 1;
        }
        // Secrets are never in directory files or exports; they are set here and shown once.
        const webhookSecret = newSecret();
        const apiKey = newSecret();
        await db.prisma.association.update({ where: { id: association.id }, data: { webhookSecret, apiKeyHash: hashApiKey(apiKey) } });
        console.log(`New keys for ${association.name} (${association.id}). Give them to its staff over a safe channel; they are not shown again.`);
        console.log(`  Webhook secret (verifies X-Binome-Signature):      ${webhookSecret}`);
        console.log(`  API key (Authorization: Bearer … on /api/requests): ${apiKey}`);
        return 0;
      });
    }
    default:
      console.error(USAGE);
      return command === undefined || command === '--help' ? 0 : 2;
  }
}

function usage(problem: string): number {
  console.error(`${problem}\n${USAGE}`);
  return 2;
}

function describe(file: DirectoryFile): string {
  const programmes = file.associations.flatMap((a) => a.programmes);
  const activeAssociations = file.associations.filter((a) => a.active).length;
  const activeProgrammes = file.associations.flatMap((a) => (a.active ? a.programmes.filter((p) => p.active) : [])).length;
  return `${file.associations.length} associations (${activeAssociations} active), ${programmes.length} programmes (${activeProgrammes} active)`;
}

async function withDatabase(fn: (db: Database) => Promise<number>): Promise<number> {
  const db = await createDatabase(loadConfig().DATABASE_URL);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`directory: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
