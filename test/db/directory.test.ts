import type { Prisma } from '@prisma/client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportDirectory, findDirectoryEntry, importDirectory, type ImportSummary } from '../../db/directoryRepository';
import { PrismaDirectory } from '../../db/PrismaDirectory';
import { readDirectoryFile, seedDirectoryIfEmpty } from '../../db/seedDirectory';
import { directoryToCsv, validateDirectoryCsv } from '../../routing/directoryCsv';
import { validateDirectory, type DirectoryFile } from '../../routing/directorySchema';
import { REQUEST } from '../helpers/fixtures';
import { openTestDatabase, postgresAvailable, type DbKind } from '../helpers/testDatabase';

const seed = (): DirectoryFile => readDirectoryFile();
const without = (file: DirectoryFile, associationId: string): DirectoryFile => ({
  ...file,
  associations: file.associations.filter((a) => a.id !== associationId),
});
const assoc = (file: DirectoryFile, id: string) => file.associations.find((a) => a.id === id)!;
const json = (file: DirectoryFile) => `${JSON.stringify(file, null, 2)}\n`;

const kinds: DbKind[] = ['pglite', 'postgres'];

describe.each(kinds)('directory import and export on %s', (kind) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresAvailable())) return;
    db = await openTestDatabase(kind, { seed: false });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });
  // Every test changes the directory: each starts from the seed and no requests
  // (a fresh database per test would cost a migration each time).
  beforeEach(async () => {
    if (!db) return;
    await db.prisma.$executeRawUnsafe('TRUNCATE "notification_attempt", "notification", "assignment", "mentoring_request", "programme", "association"');
    await seedDirectoryIfEmpty(db.prisma);
  }, 60_000);
  const maybe = (name: string, fn: () => Promise<void>) => it(name, async () => {
    if (!db) return; // PostgreSQL unreachable outside CI: reported once by postgresAvailable()
    await fn();
  }, 60_000);
  /**
   * A stored request as intake leaves it: routed to a programme, or a fallback recorded
   * by association only. Written directly, so these tests do not depend on the request store.
   */
  const route = async (associationId: string, programmeId: string, kind: 'routed' | 'no_match' = 'routed') => {
    const row = await db!.prisma.mentoringRequest.create({
      data: {
        schemaVersion: 1, payload: REQUEST as unknown as Prisma.InputJsonValue, routing: {}, conversationKey: `c-${programmeId}`, conversationRef: {},
        status: kind === 'routed' ? 'routed' : 'fallback', associationId, programmeId: kind === 'routed' ? programmeId : null,
      },
    });
    await db!.prisma.notification.create({ data: { requestId: row.id, associationId, kind: 'new_request' } });
    return { requestId: row.id };
  };

  maybe('routing reads the directory from memory while unchanged, and sees any change (update, import, delete) at once', async () => {
    const directory = new PrismaDirectory(db!.prisma);
    const first = await directory.listProgrammes();
    expect(await directory.listProgrammes()).toEqual(first);
    const target = first.find((p) => !p.isCoordinator)!;

    // Another process's update, without Prisma (no updatedAt written).
    await db!.prisma.$executeRawUnsafe('UPDATE "programme" SET "capacityPerMonth" = 0 WHERE "id" = $1', target.id);
    expect((await directory.listProgrammes()).find((p) => p.id === target.id)!.capacityPerMonth).toBe(0);

    await importDirectory(db!.prisma, without(seed(), target.associationId));
    const afterImport = await directory.listProgrammes();
    expect(afterImport.filter((p) => p.associationId === target.associationId).every((p) => !p.active)).toBe(true);

    await db!.prisma.programme.deleteMany({ where: { associationId: target.associationId } });
    expect((await directory.listProgrammes()).some((p) => p.associationId === target.associationId)).toBe(false);
  });

  maybe('exports the seeded directory as a file that validates, coordinator first, inactive rows included', async () => {
    const exported = await exportDirectory(db!.prisma);
    const check = validateDirectory(JSON.parse(json(exported)));
    expect(check.ok ? [] : check.errors).toEqual([]);
    expect(exported.associations[0]!.isCoordinator).toBe(true);
    const ids = (f: DirectoryFile) => f.associations.flatMap((a) => [a.id, ...a.programmes.map((p) => p.id)]).sort();
    expect(ids(exported)).toEqual(ids(seed()));
    // The editors' notes on sources survive the database.
    const notes = (f: DirectoryFile) => f.associations.flatMap((a) => [...a.notes, ...a.programmes.flatMap((p) => p.notes)]).sort();
    expect(notes(exported)).toEqual(notes(seed()));
    expect(notes(exported).length).toBeGreaterThan(10);
    const inactive = seed().associations.flatMap((a) => a.programmes.filter((p) => !p.active).map((p) => p.id));
    expect(exported.associations.flatMap((a) => a.programmes.filter((p) => !p.active).map((p) => p.id))).toEqual(inactive);
  });

  maybe('export -> import -> export gives identical output, in JSON and in CSV', async () => {
    const first = json(await exportDirectory(db!.prisma));
    const summary = await importDirectory(db!.prisma, JSON.parse(first) as DirectoryFile);
    expect(summary.associations).toMatchObject({ created: [], updated: [], deactivated: [], deleted: [] });
    expect(summary.programmes).toMatchObject({ created: [], updated: [], deactivated: [], deleted: [] });
    expect(json(await exportDirectory(db!.prisma))).toBe(first);

    const csv = directoryToCsv(await exportDirectory(db!.prisma));
    const parsed = validateDirectoryCsv(csv);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    await importDirectory(db!.prisma, parsed.value);
    expect(directoryToCsv(await exportDirectory(db!.prisma))).toBe(csv);
    expect(json(await exportDirectory(db!.prisma))).toBe(first);
  });

  maybe('creates, updates and deletes by id, and reports what changed', async () => {
    const file = seed();
    Object.assign(assoc(file, 'afev'), { contactEmail: 'contact@afev.example', contactPhone: '+33140000000', notifyBy: 'webhook', webhookUrl: 'https://hooks.afev.example/b' });
    assoc(file, 'afev').programmes[0]!.capacityPerMonth = 40;
    file.associations.push({
      ...structuredClone(assoc(file, 'zupdeco')),
      id: 'nouvelle-asso',
      name: 'Nouvelle association',
      programmes: [{ ...structuredClone(assoc(file, 'zupdeco').programmes[0]!), id: 'nouvelle-asso-tutorat' }],
    });
    // The second programme of sport-dans-la-ville is dropped; nothing references it.
    assoc(file, 'sport-dans-la-ville').programmes = assoc(file, 'sport-dans-la-ville').programmes.filter((p) => p.id !== 'job-dans-la-ville');
    const summary = await importDirectory(db!.prisma, without(file, 'moovjee'));

    expect(summary.associations).toMatchObject({
      created: ['nouvelle-asso'],
      updated: [{ id: 'afev', fields: ['contactEmail', 'contactPhone', 'notifyBy', 'webhookUrl'] }],
      deactivated: [],
      deleted: ['moovjee'],
    });
    expect(summary.programmes).toMatchObject({
      created: ['nouvelle-asso-tutorat'],
      updated: [{ id: 'afev-mentorat', fields: ['capacityPerMonth'] }],
      deactivated: [],
      deleted: ['job-dans-la-ville', 'moovjee-entrepreneurs'],
    });
    expect(summary.openRequests).toEqual([]);
    expect(await db!.prisma.association.findUnique({ where: { id: 'afev' } })).toMatchObject({
      contactEmail: 'contact@afev.example', contactPhone: '+33140000000', notifyBy: 'webhook', webhookUrl: 'https://hooks.afev.example/b',
    });
    expect(await db!.prisma.association.count({ where: { id: 'moovjee' } })).toBe(0);
    expect(await db!.prisma.programme.count({ where: { id: { in: ['moovjee-entrepreneurs', 'job-dans-la-ville'] } } })).toBe(0);
    expect(await db!.prisma.programme.findUnique({ where: { id: 'nouvelle-asso-tutorat' } })).toMatchObject({ associationId: 'nouvelle-asso' });
  });

  maybe('moves a programme to another association by id', async () => {
    const file = seed();
    const moved = assoc(file, 'sport-dans-la-ville').programmes.find((p) => p.id === 'job-dans-la-ville')!;
    assoc(file, 'sport-dans-la-ville').programmes = assoc(file, 'sport-dans-la-ville').programmes.filter((p) => p !== moved);
    assoc(file, 'afev').programmes.push(moved);
    const summary = await importDirectory(db!.prisma, file);
    expect(summary.programmes.updated).toEqual([{ id: 'job-dans-la-ville', fields: ['associationId'] }]);
    expect(summary.programmes.deleted).toEqual([]);
    expect((await db!.prisma.programme.findUniqueOrThrow({ where: { id: 'job-dans-la-ville' } })).associationId).toBe('afev');
  });

  maybe('keeps a dropped programme that requests reference, inactive', async () => {
    await route('sport-dans-la-ville', 'job-dans-la-ville');
    const file = seed();
    assoc(file, 'sport-dans-la-ville').programmes = assoc(file, 'sport-dans-la-ville').programmes.filter((p) => p.id !== 'job-dans-la-ville');
    const summary = await importDirectory(db!.prisma, file);
    expect(summary.programmes).toMatchObject({ deactivated: ['job-dans-la-ville'], deleted: [] });
    expect(await db!.prisma.programme.findUniqueOrThrow({ where: { id: 'job-dans-la-ville' } })).toMatchObject({ active: false });
    // The exported directory still holds it (inactive), so it stays importable as is.
    const exported = await exportDirectory(db!.prisma);
    expect(assoc(exported, 'sport-dans-la-ville').programmes.find((p) => p.id === 'job-dans-la-ville')).toMatchObject({ active: false });
  });

  maybe('never deletes an association with open requests: keeps it and its programmes inactive, and reports it', async () => {
    await route('afev', 'afev-mentorat');
    await route('afev', 'afev-mentorat', 'no_match'); // a fallback recorded by association only
    const summary = await importDirectory(db!.prisma, without(seed(), 'afev'));
    expect(summary.associations).toMatchObject({ deactivated: ['afev'], deleted: [] });
    expect(summary.programmes).toMatchObject({ deactivated: ['afev-mentorat'], deleted: [] });
    expect(summary.openRequests).toEqual([{ associationId: 'afev', count: 2 }]);
    expect(await db!.prisma.association.findUniqueOrThrow({ where: { id: 'afev' }, include: { programmes: true } })).toMatchObject({
      active: false,
      programmes: [{ id: 'afev-mentorat', active: false }],
    });
    expect(await db!.prisma.mentoringRequest.count({ where: { associationId: 'afev' } })).toBe(2);
  });

  maybe('keeps an absent association with only closed requests, inactive, without an open-request warning', async () => {
    const { requestId } = await route('zupdeco', 'zupdeco-tutorat');
    await db!.prisma.mentoringRequest.update({ where: { id: requestId }, data: { status: 'closed' } });
    const summary: ImportSummary = await importDirectory(db!.prisma, without(seed(), 'zupdeco'));
    expect(summary.associations).toMatchObject({ deactivated: ['zupdeco'], deleted: [] });
    expect(summary.openRequests).toEqual([]);
    expect(await db!.prisma.association.findUniqueOrThrow({ where: { id: 'zupdeco' } })).toMatchObject({ active: false });
  });

  maybe('is all-or-nothing: a failure in the second half leaves the directory unchanged', async () => {
    const before = json(await exportDirectory(db!.prisma));
    const file = without(seed(), 'moovjee'); // first half: a deletion ...
    assoc(file, 'afev').name = 'AFEV renamed'; // ... and an update ...
    const last = file.associations[file.associations.length - 1]!;
    last.programmes.push({ ...structuredClone(last.programmes[0]!), id: 'zz-refused-by-the-database' }); // ... then a failing insert
    // A constraint only the database knows about: the failure comes from the database, mid-transaction.
    await db!.prisma.$executeRawUnsafe(`ALTER TABLE "programme" ADD CONSTRAINT "test_refuse_zz" CHECK ("id" <> 'zz-refused-by-the-database')`);
    try {
      await expect(importDirectory(db!.prisma, file)).rejects.toThrow(/test_refuse_zz|constraint/i);
    } finally {
      await db!.prisma.$executeRawUnsafe(`ALTER TABLE "programme" DROP CONSTRAINT "test_refuse_zz"`);
    }
    expect(json(await exportDirectory(db!.prisma))).toBe(before);
    // And the database is still usable: the same import without the bad row goes through.
    last.programmes.pop();
    expect((await importDirectory(db!.prisma, file)).associations.deleted).toEqual(['moovjee']);
  });

  maybe('shows an association or a programme with this month\'s load', async () => {
    await route('afev', 'afev-mentorat');
    await route('afev', 'afev-mentorat');
    const { requestId } = await route('afev', 'afev-mentorat');
    await route('afev', 'afev-mentorat', 'no_match');
    // Last month's request does not count against this month's capacity.
    await db!.prisma.mentoringRequest.update({ where: { id: requestId }, data: { createdAt: new Date(Date.UTC(2000, 0, 15)), status: 'closed' } });
    const entry = await findDirectoryEntry(db!.prisma, 'afev');
    expect(entry).toMatchObject({ kind: 'association', association: { id: 'afev', programmes: [{ id: 'afev-mentorat' }] }, associationRequests: 3, openRequests: 3 });
    expect(entry!.load['afev-mentorat']).toBe(2);
    const programme = await findDirectoryEntry(db!.prisma, 'afev-mentorat');
    expect(programme).toMatchObject({ kind: 'programme', programme: { id: 'afev-mentorat' }, association: { id: 'afev' }, openRequests: 2 });
    expect(await findDirectoryEntry(db!.prisma, 'nobody')).toBeNull();
  });
});

describe.each(kinds)('seeding on %s', (kind) => {
  it('writes the association contact and notification fields', async () => {
    if (kind === 'postgres' && !(await postgresAvailable())) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binome-seed-'));
    const db = await openTestDatabase(kind, { seed: false });
    try {
      const file = seed();
      Object.assign(assoc(file, 'afev'), { contactPhone: '+33612345678', notifyBy: 'webhook', webhookUrl: 'https://hooks.afev.example/b' });
      const seedFile = path.join(dir, 'directory.json');
      fs.writeFileSync(seedFile, json(file));
      await seedDirectoryIfEmpty(db.prisma, seedFile);
      expect(await db.prisma.association.findUniqueOrThrow({ where: { id: 'afev' } })).toMatchObject({
        contactPhone: '+33612345678', notifyBy: 'webhook', webhookUrl: 'https://hooks.afev.example/b',
      });
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
