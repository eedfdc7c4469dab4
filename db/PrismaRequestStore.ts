import crypto from 'node:crypto';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { NewRoutedRequest, RequestStore, StoredRouting } from '../intake/submitRequest';
import type { RouteDecision } from '../routing/types';

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === 'P2002' || /unique constraint|duplicate key/i.test(String(e?.message ?? ''));
}

/** Requests and their outbox rows on Prisma. */
export class PrismaRequestStore implements RequestStore {
  constructor(private readonly prisma: PrismaClient) {}

  async saveRouted({ requestId, request, decision, chosenBy = 'routing', conversationKey, conversationRef, deadlineAt = null }: NewRoutedRequest): Promise<{ requestId: string; alreadyStored: boolean }> {
    const option = decision.kind === 'routed' ? decision.chosen : decision.fallback;
    const programme = option.programme;
    // Made here (as Prisma would make it) so the notification can name it in the same batch.
    const assignmentId = crypto.randomUUID();
    // The submission's clock, like its deadline and capacity period (not the database's: tests move the clock).
    const at = new Date(request.submittedAt);
    try {
      // One transaction: a request is never stored without the notification that hands it
      // over, and a failure (database down) leaves neither behind. A batch (three INSERTs
      // between BEGIN and COMMIT) rather than an interactive transaction: no read first,
      // no row sent back, half the client work. A request already stored (the turn was
      // redone, or two processes submitted at once) hits the primary key: nothing more is
      // stored, and that is the answer.
      await this.prisma.$transaction([
        this.prisma.mentoringRequest.createMany({
          data: [{
            id: requestId,
            schemaVersion: request.schemaVersion,
            kind: 'kind' in request ? request.kind : 'mentee',
            payload: request as unknown as Prisma.InputJsonValue,
            status: decision.kind === 'routed' ? 'routed' : 'fallback',
            routing: { ...decision, chosenBy } as unknown as Prisma.InputJsonValue,
            associationId: programme.associationId,
            // A fallback is recorded by association only: it counts against no programme's capacity.
            programmeId: decision.kind === 'routed' ? programme.id : null,
            conversationKey,
            conversationRef: conversationRef as Prisma.InputJsonValue,
            createdAt: at,
          }],
        }),
        this.prisma.assignment.createMany({
          data: [{
            id: assignmentId,
            requestId,
            associationId: programme.associationId,
            programmeId: decision.kind === 'routed' ? programme.id : null,
            reasons: option.reasons as unknown as Prisma.InputJsonValue,
            deadlineAt: decision.kind === 'routed' ? deadlineAt : null,
            createdAt: at,
          }],
        }),
        // Due at once.
        this.prisma.notification.createMany({ data: [{ requestId, assignmentId, associationId: programme.associationId, kind: 'new_request', nextAttemptAt: at, createdAt: at }] }),
      ]);
      return { requestId, alreadyStored: false };
    } catch (err) {
      // Two processes submitting the same request at once: the loser hits the primary key.
      if (isUniqueViolation(err)) return { requestId, alreadyStored: true };
      throw err;
    }
  }

  async findRouting(requestId: string): Promise<StoredRouting | null> {
    const row = await this.prisma.mentoringRequest.findUnique({ where: { id: requestId }, select: { id: true, routing: true } });
    return row ? { requestId: row.id, decision: row.routing as unknown as RouteDecision } : null;
  }

  async eraseConversation(conversationKey: string): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.mentoringRequest.findMany({ where: { conversationKey }, select: { id: true } });
      const ids = rows.map((r) => r.id);
      // Associations that already received a request are told it is withdrawn (by its id
      // only: the notice outlives the request and carries no personal data).
      const received = await tx.notification.findMany({
        where: { requestId: { in: ids }, kind: 'new_request', status: { in: ['delivered', 'sending'] }, associationId: { not: null } },
        select: { requestId: true, associationId: true },
      });
      const notices = new Map(received.map((r) => [`${r.requestId}/${r.associationId}`, r]));
      await tx.notification.deleteMany({ where: { requestId: { in: ids } } });
      for (const r of notices.values()) {
        await tx.notification.create({ data: { kind: 'request_withdrawn', associationId: r.associationId, payload: { requestId: r.requestId }, nextAttemptAt: new Date(0) } });
      }
      await tx.mentoringRequest.deleteMany({ where: { id: { in: ids } } });
      await tx.botState.deleteMany({ where: { key: conversationKey } });
      // A messaging conversation's traces (adapters/channels): its processed messages (their
      // text is already gone; the one being processed now stays until its turn ends), what
      // was sent, and the platform's delivery records.
      await tx.channelInbox.deleteMany({ where: { conversationKey, status: { in: ['done', 'failed'] } } });
      await tx.channelDelivery.deleteMany({ where: { conversationKey } });
      await tx.notification.deleteMany({ where: { kind: 'channel_message', orderKey: conversationKey, status: { in: ['delivered', 'dead', 'cancelled'] } } });
      return ids.length;
    });
  }
}
