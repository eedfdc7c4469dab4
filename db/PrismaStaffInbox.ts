import type { CHOSEN_BY } from '../intake/submitRequest';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { MentoringRequest } from '../intake/MentoringRequest';
import type { AlertReason } from '../notifications/OutboxStore';
import type { AlertItem, HandoffRow, InboxAssociation, Progress, StaffInboxStore, WithdrawnItem } from '../notifications/StaffInbox';

const INCLUDE = {
  association: { select: { name: true, isCoordinator: true } },
  request: { select: { kind: true, payload: true, associationId: true, assignments: { select: { id: true }, orderBy: [{ createdAt: 'desc' }, { decidedAt: { sort: 'desc', nulls: 'first' } }, { id: 'desc' }], take: 1 } } },
} satisfies Prisma.AssignmentInclude;

type Row = Prisma.AssignmentGetPayload<{ include: typeof INCLUDE }>;

function toRow(a: Row): HandoffRow {
  return {
    assignmentId: a.id,
    requestId: a.requestId,
    associationId: a.associationId,
    associationName: a.association.name,
    isCoordinator: a.association.isCoordinator,
    status: a.status,
    progress: (a.progress as Progress | null) ?? null,
    createdAt: a.createdAt,
    deadlineAt: a.deadlineAt,
    decidedAt: a.decidedAt,
    // The latest handoff of the request holds it (a reroute's is created when the previous one is decided).
    current: a.request.assignments[0]?.id === a.id,
    request: a.request.payload as unknown as MentoringRequest,
    kind: a.request.kind === 'volunteer' ? 'volunteer' : 'mentee',
  };
}

/** The staff inbox's reads and writes on Prisma. */
export class PrismaStaffInbox implements StaffInboxStore {
  constructor(private readonly prisma: PrismaClient) {}

  async list(filter: { associationId?: string; limit: number }): Promise<HandoffRow[]> {
    const rows = await this.prisma.assignment.findMany({
      where: filter.associationId ? { associationId: filter.associationId } : {},
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.limit,
      include: INCLUDE,
    });
    return rows.map(toRow);
  }

  async get(assignmentId: string): Promise<HandoffRow | null> {
    const a = await this.prisma.assignment.findUnique({ where: { id: assignmentId }, include: INCLUDE });
    return a ? toRow(a) : null;
  }

  async withdrawn(filter: { associationId?: string; limit: number }): Promise<WithdrawnItem[]> {
    const rows = await this.prisma.notification.findMany({
      where: { kind: 'request_withdrawn', ...(filter.associationId ? { associationId: filter.associationId } : { associationId: { not: null } }) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.limit,
      include: { association: { select: { name: true } } },
    });
    return rows.map((r) => ({ requestId: String((r.payload as { requestId?: unknown }).requestId ?? ''), associationId: r.associationId!, associationName: r.association?.name ?? '-', at: r.createdAt }));
  }

  async alerts(limit: number): Promise<AlertItem[]> {
    const rows = await this.prisma.notification.findMany({ where: { kind: 'coordinator_alert', dismissedAt: null }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
    return rows.map((r) => {
      const p = r.payload as { reason?: string; requestId?: string | null; error?: string | null };
      return { id: r.id, requestId: r.requestId ?? p.requestId ?? null, reason: (p.reason ?? 'dead_letter') as AlertReason, status: r.status, error: p.error ?? null, createdAt: r.createdAt };
    });
  }

  async dismissAlert(id: string, by: string, at: Date): Promise<'applied' | 'already' | 'not_found'> {
    // One statement: two coordinators' clicks at once record the first one.
    const { count } = await this.prisma.notification.updateMany({ where: { id, kind: 'coordinator_alert', dismissedAt: null }, data: { dismissedAt: at, dismissedBy: by } });
    if (count === 1) return 'applied';
    const row = await this.prisma.notification.findFirst({ where: { id, kind: 'coordinator_alert' }, select: { id: true } });
    return row ? 'already' : 'not_found';
  }

  associations(): Promise<InboxAssociation[]> {
    return this.prisma.association.findMany({ orderBy: [{ isCoordinator: 'desc' }, { name: 'asc' }], select: { id: true, name: true, isCoordinator: true, active: true, responseDays: true } });
  }

  async setProgress(assignmentId: string, progress: Progress, at: Date): Promise<'applied' | 'conflict'> {
    const { count } = await this.prisma.assignment.updateMany({ where: { id: assignmentId, status: 'accepted' }, data: { progress, progressAt: at } });
    return count === 1 ? 'applied' : 'conflict';
  }

  async reassign(input: { assignmentId: string; to: InboxAssociation; at: Date; deadlineAt: Date | null; previousName: string }): Promise<'applied' | 'conflict'> {
    return this.prisma.$transaction(async (tx) => {
      // Only a pending handoff moves: a staff member accepting at the same instant wins or loses as a whole.
      const { count } = await tx.assignment.updateMany({ where: { id: input.assignmentId, status: 'pending' }, data: { status: 'reassigned', decidedAt: input.at } });
      if (count !== 1) return 'conflict';
      const { requestId } = await tx.assignment.findUniqueOrThrow({ where: { id: input.assignmentId }, select: { requestId: true } });
      const next = await tx.assignment.create({
        data: { requestId, associationId: input.to.id, programmeId: null, reasons: [{ code: 'coordinator_choice' }], deadlineAt: input.deadlineAt, createdAt: input.at },
      });
      const request = await tx.mentoringRequest.findUniqueOrThrow({ where: { id: requestId }, select: { routing: true } });
      await tx.mentoringRequest.update({
        where: { id: requestId },
        data: {
          status: input.to.isCoordinator ? 'fallback' : 'routed',
          associationId: input.to.id,
          // Chosen by a person, not by a programme's criteria: it counts against no programme's capacity.
          programmeId: null,
          routing: { kind: 'reassigned', associationId: input.to.id, chosenBy: 'coordinator' satisfies (typeof CHOSEN_BY)[number], previous: request.routing } as unknown as Prisma.InputJsonValue,
        },
      });
      await tx.notification.create({ data: { kind: 'new_request', requestId, assignmentId: next.id, associationId: input.to.id, createdAt: input.at, nextAttemptAt: input.at } });
      const news = input.to.isCoordinator
        ? { event: 'delayed' }
        : { event: 'rerouted', previous: input.previousName, association: input.to.name, days: input.to.responseDays };
      await tx.notification.create({ data: { kind: 'young_person_news', requestId, payload: news, createdAt: input.at, nextAttemptAt: input.at } });
      return 'applied';
    });
  }
}
