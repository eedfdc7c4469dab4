import type { Association, Prisma, Programme } from '@prisma/client';
import type { DirectoryAssociation, DirectoryProgrammeEntry } from '../routing/directorySchema';

/** Between database rows and directory-file entries, both ways: one mapping for import, export and routing. */

/**
 * The columns a directory file sets, named alike in the file and in the database, in the
 * file's order: import and export copy these and only these, so they cannot drift apart.
 * (A programme's `id` comes first and its association is written separately.)
 */
const ASSOCIATION_COLUMNS = [
  'id', 'name', 'website', 'contactEmail', 'contactPhone', 'notifyBy', 'webhookUrl', 'responseDays', 'isCoordinator', 'active', 'sources', 'notes',
] as const satisfies readonly (keyof DirectoryAssociation & keyof Association)[];
const PROGRAMME_COLUMNS = [
  'name', 'descriptionFr', 'descriptionEn', 'minAge', 'maxAge', 'situations', 'schoolYears', 'diplomaLevels', 'needs', 'requiredPublics',
  'preferredPublics', 'girlsOnly', 'national', 'regions', 'departements', 'communes', 'inPerson', 'remote', 'capacityPerMonth', 'active', 'notes',
] as const satisfies readonly (keyof DirectoryProgrammeEntry & keyof Programme)[];

// Every field of a file entry is in its list (a new field is a compile error until it is added).
type Missing<Entry, Listed> = Exclude<keyof Entry, Listed>;
const everyAssociationField: [Missing<DirectoryAssociation, (typeof ASSOCIATION_COLUMNS)[number] | 'programmes'>] extends [never] ? true : never = true;
const everyProgrammeField: [Missing<DirectoryProgrammeEntry, (typeof PROGRAMME_COLUMNS)[number] | 'id'>] extends [never] ? true : never = true;
void everyAssociationField;
void everyProgrammeField;

function pick<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = from[k];
  return out;
}

/** The association columns a directory file sets (the programmes are written separately). */
export function associationRow(a: DirectoryAssociation) {
  return pick(a, ASSOCIATION_COLUMNS) satisfies Prisma.AssociationUncheckedCreateInput;
}

/** The programme columns a directory file sets. */
export function programmeRow(p: DirectoryProgrammeEntry, associationId: string) {
  return { id: p.id, associationId, ...pick(p, PROGRAMME_COLUMNS) } satisfies Prisma.ProgrammeUncheckedCreateInput;
}

export type AssociationWithProgrammes = Association & { programmes: Programme[] };

/** A database row as it appears in a directory file (the database keeps the file's enums as strings). */
export function toFileAssociation(a: AssociationWithProgrammes): DirectoryAssociation {
  return { ...(pick(a, ASSOCIATION_COLUMNS) as Omit<DirectoryAssociation, 'programmes'>), programmes: a.programmes.map(toFileProgramme) };
}

export function toFileProgramme(p: Programme): DirectoryProgrammeEntry {
  return { id: p.id, ...(pick(p, PROGRAMME_COLUMNS) as Omit<DirectoryProgrammeEntry, 'id'>) };
}
