import type { Prisma, PrismaClient } from '@prisma/client';
import type { NewRoutedRequest, RequestStore } from '../intake/submitRequest';

/** Requests and their outbox rows on Prisma. */
export class PrismaRequestStore implements RequestStore {
  constructor(private readonly prisma: PrismaClient) {}

  async saveRouted({ request, decision, chosenBy = 'routing', conversationKey, conversationRef }: NewRoutedRequest): Promise<{ requestId: string }> {
    const option = decision.kind === 'routed' ? decision.chosen : decision.fallback;
    const programme = option.programme;
    // One transaction: a request is never stored without the notification that hands it
    // over, and a failure (database down) leaves neither behind.
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.mentoringRequest.create({
        data: {
          schemaVersion: request.schemaVersion,
          payload: request as unknown as Prisma.InputJsonValue,
          status: decision.kind === 'routed' ? 'routed' : 'fallback',
          routing: { ...decision, chosenBy } as unknown as Prisma.InputJsonValue,
          associationId: programme.associationId,
          // A fallback is recorded by association only: it counts against no programme's capacity.
          programmeId: decision.kind === 'routed' ? programme.id : null,
          conversationKey,
          conversationRef: conversationRef as Prisma.InputJsonValue,
        },
      });
      await tx.notification.create({
        data: { requestId: row.id, associationId: programme.associationId, kind: 'new_request' },
      });
      return { requestId: row.id };
    });
  }

  async eraseConversation(conversationKey: string): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.mentoringRequest.findMany({ where: { conversationKey }, select: { id: true } });
      const ids = rows.map((r) => r.id);
      await tx.notification.deleteMany({ where: { requestId: { in: ids } } });
      await tx.mentoringRequest.deleteMany({ where: { id: { in: ids } } });
      await tx.botState.deleteMany({ where: { key: conversationKey } });
      return ids.length;
    });
  }
}
