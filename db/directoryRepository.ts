import type { Prisma, PrismaClient, Programme } from '@prisma/client';
import { periodStart } from '../intake/submitRequest';
import type { DirectoryAssociation, DirectoryFile, DirectoryProgrammeEntry } from '../routing/directorySchema';
import type { ProgrammeLoad } from '../routing/types';
import { PrismaDirectory } from './PrismaDirectory';
import { associationRow, programmeRow, toFileAssociation, toFileProgramme } from './directoryRows';

export { associationRow, programmeRow };

/** Requests still waiting for an association to call the young person back. */
export const OPEN_REQUEST_STATUSES = ['routed', 'fallback'] as const;

/** What an import did to one table. */
export interface ImportChanges {
  created: string[];
  /** With the fields that changed, so staff can check the import did what they meant. */
  updated: { id: string; fields: string[] }[];
  unchanged: string[];
  /** Absent from the file but kept, inactive, because requests reference them. */
  deactivated: string[];
  deleted: string[];
}

export interface ImportSummary {
  associations: ImportChanges;
  programmes: ImportChanges;
  /** Absent associations kept because young people still wait for their call (status routed or fallback). */
  openRequests: { associationId: string; count: number }[];
}

const noChanges = (): ImportChanges => ({ created: [], updated: [], unchanged: [], deactivated: [], deleted: [] });

const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, k) => x === b[k]) : a === b;

function changedFields(current: Record<string, unknown>, next: Record<string, unknown>): string[] {
  return Object.keys(next).filter((k) => !sameValue(current[k], next[k]));
}

/**
 * Makes the database directory what the (already validated) file says, in one
 * transaction: any failure leaves the directory exactly as it was.
 *
 * Rows are upserted by id. A row absent from the file is deleted only when nothing
 * references it; otherwise it is kept inactive, because stored requests (and their
 * notifications) point at it and staff still have to handle the open ones.
 */
export async function importDirectory(prisma: PrismaClient, file: DirectoryFile): Promise<ImportSummary> {
  // Interactive transactions default to 5 s, too short for ~60 associations on PGlite.
  return prisma.$transaction((tx) => applyDirectory(tx, file), { timeout: 120_000, maxWait: 10_000 });
}

async function applyDirectory(tx: Prisma.TransactionClient, file: DirectoryFile): Promise<ImportSummary> {
  const summary: ImportSummary = { associations: noChanges(), programmes: noChanges(), openRequests: [] };
  const existingAssociations = new Map((await tx.association.findMany()).map((a) => [a.id, a]));
  const existingProgrammes = new Map((await tx.programme.findMany()).map((p) => [p.id, p]));

  // Associations first, so a programme moved to another association finds it.
  for (const a of file.associations) {
    const row = associationRow(a);
    await writeReported(a.id, existingAssociations.get(a.id), row, summary.associations, {
      create: () => tx.association.create({ data: row }),
      update: () => tx.association.update({ where: { id: a.id }, data: row }),
    });
  }

  const inFile = new Set<string>();
  for (const a of file.associations) {
    for (const p of a.programmes) {
      inFile.add(p.id);
      const row = programmeRow(p, a.id);
      await writeReported(p.id, existingProgrammes.get(p.id), row, summary.programmes, {
        create: () => tx.programme.create({ data: row }),
        update: () => tx.programme.update({ where: { id: p.id }, data: row }),
      });
    }
  }

  // Programmes the file dropped from associations it still lists.
  const fileAssociations = new Set(file.associations.map((a) => a.id));
  for (const p of existingProgrammes.values()) {
    if (inFile.has(p.id) || !fileAssociations.has(p.associationId)) continue;
    await retireProgramme(tx, p, summary.programmes);
  }

  // Associations the file dropped.
  for (const a of existingAssociations.values()) {
    if (fileAssociations.has(a.id)) continue;
    // Re-read: some of its programmes may just have moved to an association of the file.
    const programmes = await tx.programme.findMany({ where: { associationId: a.id }, orderBy: { id: 'asc' } });
    const programmeIds = programmes.map((p) => p.id);
    const referencing: Prisma.MentoringRequestWhereInput = { OR: [{ associationId: a.id }, { programmeId: { in: programmeIds } }] };
    const requests = await tx.mentoringRequest.count({ where: referencing });
    const notifications = await tx.notification.count({ where: { associationId: a.id } });
    // A handoff it declined or let expire is history the coordinator may still need.
    const assignments = await tx.assignment.count({ where: { associationId: a.id } });
    if (requests === 0 && notifications === 0 && assignments === 0) {
      await tx.association.delete({ where: { id: a.id } }); // its programmes go with it (cascade)
      summary.associations.deleted.push(a.id);
      summary.programmes.deleted.push(...programmeIds);
      continue;
    }
    // Kept: the requests' foreign keys need it, and open ones still need handling.
    await tx.association.update({ where: { id: a.id }, data: { active: false } });
    await tx.programme.updateMany({ where: { associationId: a.id }, data: { active: false } });
    summary.associations.deactivated.push(a.id);
    summary.programmes.deactivated.push(...programmeIds);
    const open = await tx.mentoringRequest.count({ where: { AND: [referencing, { status: { in: [...OPEN_REQUEST_STATUSES] } }] } });
    if (open > 0) summary.openRequests.push({ associationId: a.id, count: open });
  }
  return summary;
}

/** Creates a row, updates it when a field differs, or leaves it; records which in `changes`. */
async function writeReported(
  id: string,
  current: Record<string, unknown> | undefined,
  row: Record<string, unknown>,
  changes: ImportChanges,
  write: { create: () => Promise<unknown>; update: () => Promise<unknown> },
): Promise<void> {
  if (current === undefined) {
    await write.create();
    changes.created.push(id);
    return;
  }
  const fields = changedFields(current, row);
  if (fields.length === 0) {
    changes.unchanged.push(id);
    return;
  }
  await write.update();
  changes.updated.push({ id, fields });
}

async function retireProgramme(tx: Prisma.TransactionClient, p: Programme, changes: ImportChanges): Promise<void> {
  if ((await tx.mentoringRequest.count({ where: { programmeId: p.id } })) === 0) {
    await tx.programme.delete({ where: { id: p.id } });
    changes.deleted.push(p.id);
    return;
  }
  if (p.active) await tx.programme.update({ where: { id: p.id }, data: { active: false } });
  changes.deactivated.push(p.id);
}

/**
 * The whole directory, inactive rows included, as a version 1 directory file. The order
 * is fixed (coordinator first, then by id) so that two exports of the same directory
 * are byte for byte identical and diff well.
 */
export async function exportDirectory(prisma: PrismaClient): Promise<DirectoryFile> {
  const rows = await prisma.association.findMany({
    include: { programmes: { orderBy: { id: 'asc' } } },
    orderBy: [{ isCoordinator: 'desc' }, { id: 'asc' }],
  });
  return { version: 1, associations: rows.map(toFileAssociation) };
}

/** What `show` prints: one association or programme with its routing load. */
export type DirectoryEntry = {
  association: DirectoryAssociation & { createdAt: Date; updatedAt: Date };
  /** Requests sent to each programme since `since` (what capacity is checked against). */
  load: ProgrammeLoad;
  /** Requests for the association since `since`, fallbacks included. */
  associationRequests: number;
  openRequests: number;
  since: Date;
} & ({ kind: 'association' } | { kind: 'programme'; programme: DirectoryProgrammeEntry });

/** Finds an association, or else a programme, by id; null when neither exists. */
export async function findDirectoryEntry(prisma: PrismaClient, id: string, now: Date = new Date()): Promise<DirectoryEntry | null> {
  const programme = await prisma.programme.findUnique({ where: { id } });
  const associationId = (await prisma.association.findUnique({ where: { id }, select: { id: true } }))?.id ?? programme?.associationId;
  if (associationId === undefined) return null;
  const row = await prisma.association.findUniqueOrThrow({
    where: { id: associationId },
    include: { programmes: { orderBy: { id: 'asc' } } },
  });
  const since = periodStart(now);
  const load = await new PrismaDirectory(prisma).loadSince(since);
  const associationRequests = await prisma.mentoringRequest.count({ where: { associationId, createdAt: { gte: since } } });
  const openRequests = await prisma.mentoringRequest.count({
    where: { status: { in: [...OPEN_REQUEST_STATUSES] }, ...(associationId === id ? { associationId } : { programmeId: id }) },
  });
  const association = { ...toFileAssociation(row), createdAt: row.createdAt, updatedAt: row.updatedAt };
  const base = { association, load, associationRequests, openRequests, since };
  // An association and a programme may share an id (the coordinator's does): the association wins.
  if (associationId === id) return { kind: 'association', ...base };
  return { kind: 'programme', programme: toFileProgramme(programme!), ...base };
}

/** The import summary staff read: counts, then ids. */
export function formatImportSummary(s: ImportSummary): string {
  const lines: string[] = [];
  for (const [label, c] of [['Associations', s.associations], ['Programmes', s.programmes]] as const) {
    lines.push(
      `${label}: ${c.created.length} created, ${c.updated.length} updated, ${c.deactivated.length} deactivated, ` +
        `${c.deleted.length} deleted, ${c.unchanged.length} unchanged`,
    );
    if (c.created.length > 0) lines.push(`  created:     ${c.created.join(', ')}`);
    if (c.updated.length > 0) lines.push(`  updated:     ${c.updated.map((u) => `${u.id} (${u.fields.join(', ')})`).join(', ')}`);
    if (c.deactivated.length > 0) lines.push(`  deactivated: ${c.deactivated.join(', ')} (absent from the file, kept because requests reference them)`);
    if (c.deleted.length > 0) lines.push(`  deleted:     ${c.deleted.join(', ')}`);
  }
  for (const o of s.openRequests) {
    lines.push(
      `Warning: "${o.associationId}" is absent from the file but has ${o.count} open request(s) (routed or fallback): ` +
        'it was kept, inactive. Make sure those young people are called back.',
    );
  }
  return lines.join('\n');
}
