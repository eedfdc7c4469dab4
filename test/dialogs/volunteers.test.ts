import type { Database } from '../../db/createDatabase';
import { openTestDatabase } from '../helpers/testDatabase';
import { runTranscript } from '../helpers/transcripts';
import { volunteerTranscripts } from '../transcripts/volunteers';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase('pglite');
}, 60_000);
afterAll(async () => {
  await db?.close();
});

describe('volunteer conversations (web, Bot Framework test adapter)', () => {
  it.each(volunteerTranscripts.map((t) => [t.name, t] as const))('%s', async (_name, t) => {
    const run = await runTranscript(t, db);
    const rows = await db.prisma.mentoringRequest.findMany({ where: { conversationKey: run.conversationKey }, include: { assignments: true, notifications: true } });
    if (t.expectedRequest) {
      // Stored as a volunteer's offer, routed to a programme that recruits them, the association notified.
      expect(rows).toHaveLength(1);
      expect(rows[0]!.kind).toBe('volunteer');
      expect(rows[0]!.status).toBe('routed');
      expect(rows[0]!.assignments).toHaveLength(1);
      expect(rows[0]!.notifications.map((n) => n.kind)).toEqual(['new_request']);
    } else {
      expect(rows).toHaveLength(0);
    }
  });

  it('a volunteer takes no place in a programme\'s monthly capacity for young people', async () => {
    const { PrismaDirectory } = await import('../../db/PrismaDirectory');
    const load = await new PrismaDirectory(db.prisma).loadSince(new Date('2026-11-01T00:00:00Z'));
    const volunteerProgrammes = (await db.prisma.mentoringRequest.findMany({ where: { kind: 'volunteer' }, select: { programmeId: true } })).map((r) => r.programmeId);
    expect(volunteerProgrammes.length).toBeGreaterThan(0);
    for (const id of volunteerProgrammes) expect(load[id!] ?? 0).toBe(0);
  });
});
