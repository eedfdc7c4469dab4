import type { CHOSEN_BY } from '../intake/submitRequest';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { MentoringRequest } from '../intake/MentoringRequest';
import type { AssignmentView, DecisionToApply, HandoffStore } from '../notifications/HandoffService';
import { ASSIGNMENT_ORDER, coordinatorId } from './PrismaOutbox';

/** Handoffs (assignments) on Prisma; each decision and what it queues in one transaction. */
export class PrismaHandoff implements HandoffStore {
  constructor(private readonly prisma: PrismaClient) {}

  private async view(where: Prisma.AssignmentWhereInput): Promise<AssignmentView | null> {
    const a = await this.prisma.assignment.findFirst({ where, orderBy: { createdAt: 'desc' }, include: { association: true, request: true } });
    if (!a) return null;
    const history = await this.prisma.assignment.findMany({ where: { requestId: a.requestId }, orderBy: ASSIGNMENT_ORDER });
    return {
      id: a.id,
      requestId: a.requestId,
      associationId: a.associationId,
      associationName: a.association.name,
      isCoordinator: a.association.isCoordinator,
      responseDays: a.association.responseDays,
      programmeId: a.programmeId,
      status: a.status as AssignmentView['status'],
      createdAt: a.createdAt,
      deadlineAt: a.deadlineAt,
      request: a.request.payload as unknown as MentoringRequest,
      history: history.map((h) => ({ id: h.id, associationId: h.associationId, programmeId: h.programmeId, status: h.status })),
    };
  }

  find(assignmentId: string): Promise<AssignmentView | null> {
    return this.view({ id: assignmentId });
  }

  findPending(requestId: string, associationId: string): Promise<AssignmentView | null> {
    return this.view({ requestId, associationId });
  }

  async expired(now: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.assignment.findMany({
      where: { status: 'pending', deadlineAt: { lt: now } },
      orderBy: { deadlineAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async apply(d: DecisionToApply): Promise<'applied' | 'conflict'> {
    return this.prisma.$transaction(async (tx) => {
      // Only a pending handoff can be decided: two staff members clicking at once, or a
      // decline racing the deadline sweep, leave exactly one decision.
      const { count } = await tx.assignment.updateMany({
        where: { id: d.assignmentId, status: 'pending' },
        data: { status: d.outcome, decidedAt: d.decidedAt, declineReason: d.declineReason ?? null },
      });
      if (count !== 1) return 'conflict';
      const current = await tx.assignment.findUniqueOrThrow({ where: { id: d.assignmentId }, select: { requestId: true } });
      const requestId = current.requestId;
      if (d.outcome === 'accepted') {
        await tx.mentoringRequest.update({ where: { id: requestId }, data: { status: 'accepted' } });
      }
      if (d.next) {
        const next = await tx.assignment.create({
          data: {
            requestId,
            associationId: d.next.associationId,
            programmeId: d.next.programmeId,
            reasons: d.next.reasons as unknown as Prisma.InputJsonValue,
            deadlineAt: d.next.deadlineAt,
            createdAt: d.decidedAt,
          },
        });
        const request = await tx.mentoringRequest.findUniqueOrThrow({ where: { id: requestId }, select: { routing: true } });
        await tx.mentoringRequest.update({
          where: { id: requestId },
          data: {
            status: d.next.requestStatus,
            associationId: d.next.associationId,
            // The request now counts against the new programme's capacity, not the old one's.
            programmeId: d.next.programmeId,
            routing: { ...d.next.decision, chosenBy: 'reroute' satisfies (typeof CHOSEN_BY)[number], previous: request.routing } as unknown as Prisma.InputJsonValue,
          },
        });
        await tx.notification.create({ data: { kind: 'new_request', requestId, assignmentId: next.id, associationId: d.next.associationId, createdAt: d.decidedAt, nextAttemptAt: d.decidedAt } });
      }
      if (d.news) {
        await tx.notification.create({ data: { kind: 'young_person_news', requestId, payload: d.news as Prisma.InputJsonValue, createdAt: d.decidedAt, nextAttemptAt: d.decidedAt } });
      }
      if (d.alert) {
        await tx.notification.create({
          data: { kind: 'coordinator_alert', requestId, associationId: await coordinatorId(tx), payload: { reason: d.alert.reason, requestId }, createdAt: d.decidedAt, nextAttemptAt: d.decidedAt },
        });
      }
      return 'applied';
    });
  }
}
