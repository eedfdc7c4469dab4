import { useTestDatabase } from '../helpers/testDatabase';
import { runTranscript } from '../helpers/transcripts';
import { volunteerTranscripts } from '../transcripts/volunteers';

const db = useTestDatabase();

describe('volunteer conversations (web, Bot Framework test adapter)', () => {
  it.each(volunteerTranscripts.map((t) => [t.name, t] as const))('%s', async (_name, t) => {
    const run = await runTranscript(t, db());
    const rows = await db().prisma.mentoringRequest.findMany({ where: { conversationKey: run.conversationKey }, include: { assignments: true, notifications: true } });
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

  it('the funnel counts each conversation in the flow it is in: a young person who went to the volunteer side and back is counted in full on the young people\'s side', async () => {
    // Counters are written after each turn without being awaited: read once they are settled.
    const counts = async () => {
      const rows = await db().prisma.funnelStep.findMany();
      const by = new Map<string, number>();
      for (const r of rows) by.set(r.step, (by.get(r.step) ?? 0) + r.count);
      return by;
    };
    let by = await counts();
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const again = await counts();
      if (JSON.stringify([...again]) === JSON.stringify([...by])) break;
      by = again;
    }
    const n = (step: string) => by.get(step) ?? 0;
    // Léa (fr, switches to the volunteer side and back) reached the summary as a young person, through every question of it.
    expect(n('summary')).toBeGreaterThanOrEqual(1);
    for (const step of ['consent', 'firstName', 'age', 'situation', 'needs', 'place', 'meeting', 'contact']) expect([step, n(step) >= n('summary')]).toEqual([step, true]);
    // On the volunteer side too, and a volunteer's steps never under the young people's names.
    const offers = await db().prisma.mentoringRequest.count({ where: { kind: 'volunteer' } });
    expect(n('volunteer.submitted')).toBe(offers);
    for (const step of ['volunteer.consent', 'volunteer.age', 'volunteer.helps', 'volunteer.contact']) expect([step, n(step) >= offers]).toEqual([step, true]);
    expect(n('submitted')).toBe(await db().prisma.mentoringRequest.count({ where: { kind: 'mentee' } }));
  });

  it('a volunteer takes no place in a programme\'s monthly capacity for young people', async () => {
    const { PrismaDirectory } = await import('../../db/PrismaDirectory');
    const load = await new PrismaDirectory(db().prisma).loadSince(new Date('2026-11-01T00:00:00Z'));
    const volunteerProgrammes = (await db().prisma.mentoringRequest.findMany({ where: { kind: 'volunteer' }, select: { programmeId: true } })).map((r) => r.programmeId);
    expect(volunteerProgrammes.length).toBeGreaterThan(0);
    for (const id of volunteerProgrammes) expect(load[id!] ?? 0).toBe(0);
  });
});
