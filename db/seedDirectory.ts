import fs from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { validateDirectory, type DirectoryFile } from '../routing/directorySchema';

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
      await tx.association.create({
        data: {
          id: a.id,
          name: a.name,
          website: a.website,
          contactEmail: a.contactEmail,
          responseDays: a.responseDays,
          isCoordinator: a.isCoordinator,
          active: a.active,
          sources: a.sources,
          programmes: {
            create: a.programmes.map((p) => ({
              id: p.id, name: p.name, descriptionFr: p.descriptionFr, descriptionEn: p.descriptionEn,
              minAge: p.minAge, maxAge: p.maxAge, situations: p.situations, schoolYears: p.schoolYears, diplomaLevels: p.diplomaLevels, needs: p.needs,
              requiredPublics: p.requiredPublics, preferredPublics: p.preferredPublics, girlsOnly: p.girlsOnly,
              national: p.national, regions: p.regions, departements: p.departements, communes: p.communes,
              inPerson: p.inPerson, remote: p.remote, capacityPerMonth: p.capacityPerMonth, active: p.active,
            })),
          },
        },
      });
    }
  });
  return directory.associations.length;
}
