import type { PrismaClient } from '@prisma/client';
import { parisDay, type DashboardRows, type FunnelRecorder, type RecordKind } from '../notifications/dashboardStats';

const kindOf = (kind: string): RecordKind => (kind === 'volunteer' ? 'volunteer' : 'mentee');

/** The dashboard's rows for a period, and the funnel counter. */
export class PrismaDashboard implements FunnelRecorder {
  constructor(private readonly prisma: PrismaClient) {}

  async rows(since: Date): Promise<DashboardRows> {
    const [requests, handoffs, funnel] = await Promise.all([
      this.prisma.mentoringRequest.findMany({ where: { createdAt: { gte: since } }, select: { id: true, createdAt: true, kind: true, payload: true } }),
      this.prisma.assignment.findMany({
        where: { createdAt: { gte: since } },
        select: { requestId: true, associationId: true, status: true, progress: true, createdAt: true, decidedAt: true, association: { select: { name: true } }, request: { select: { kind: true } } },
      }),
      this.prisma.funnelStep.findMany({ where: { day: { gte: new Date(`${parisDay(since)}T00:00:00Z`) } } }),
    ]);
    return {
      // Only the channel is read out of the payload: the dashboard never handles personal data.
      requests: requests.map((r) => ({ id: r.id, createdAt: r.createdAt, kind: kindOf(r.kind), channel: String((r.payload as { channel?: unknown }).channel ?? 'unknown') })),
      handoffs: handoffs.map((h) => ({ requestId: h.requestId, kind: kindOf(h.request.kind), associationId: h.associationId, associationName: h.association.name, status: h.status, progress: h.progress, createdAt: h.createdAt, decidedAt: h.decidedAt })),
      funnel: funnel.map((f) => ({ day: f.day.toISOString().slice(0, 10), step: f.step, channel: f.channel, count: f.count })),
    };
  }

  async reached(step: string, channel: string, at: Date): Promise<void> {
    // One counter per day, step and channel: a row says how many, never who.
    await this.prisma.$executeRaw`
      INSERT INTO "funnel_step" ("day", "step", "channel", "count")
      VALUES (${parisDay(at)}::date, ${step.slice(0, 40)}, ${channel.slice(0, 40)}, 1)
      ON CONFLICT ("day", "step", "channel") DO UPDATE SET "count" = "funnel_step"."count" + 1`;
  }
}
