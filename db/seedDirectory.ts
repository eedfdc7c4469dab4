import fs from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { validateDirectory, type DirectoryFile } from '../routing/directorySchema';
import { associationRow, programmeRow } from './directoryRepository';

export const SEED_FILE = path.join(__dirname, '..', 'prisma', 'seed', 'directory.json');

export class DirectoryFileError extends Error {
  readonly code = 'DIRECTORY_INVALID';
  constructor(readonly errors: string[]) {
    super(`directory file is invalid:\n  ${errors.slice(0, 20).join('\n  ')}`);
  }
}

export function readDirectoryFile(file = SEED_FILE): DirectoryFile {
  const result = validateDirectory(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!result.ok) throw new DirectoryFileError(result.errors);
  return result.value;
}

/**
 * Seeds the directory on a database that has none. An existing directory is left
 * alone: staff edit it, and a restart must never undo their changes.
 */
export async function seedDirectoryIfEmpty(prisma: PrismaClient, file = SEED_FILE): Promise<number> {
  if ((await prisma.association.count()) > 0) return 0;
  const directory = readDirectoryFile(file);
  await prisma.$transaction(async (tx) => {
    for (const a of directory.associations) {
      // The same column mapping as `npm run directory -- import`, so both write every field.
      await tx.association.create({
        data: { ...associationRow(a), programmes: { create: a.programmes.map((p) => omitAssociationId(programmeRow(p, a.id))) } },
      });
    }
  });
  return directory.associations.length;
}

/** A nested create takes the association from its parent. */
function omitAssociationId<T extends { associationId: string }>(row: T): Omit<T, 'associationId'> {
  const { associationId: _parent, ...rest } = row;
  return rest;
}
