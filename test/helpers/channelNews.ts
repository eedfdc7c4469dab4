import type { App } from '../../index';

/** Queues news about the request of this conversation, as HandoffService does, and returns the transports that carried it once the outbox is done with it. */
export async function deliverNews(app: App, conversationKey: string, at: Date): Promise<string> {
  const request = await app.db.prisma.mentoringRequest.findFirstOrThrow({ where: { conversationKey } });
  const n = await app.db.prisma.notification.create({
    data: { kind: 'young_person_news', requestId: request.id, payload: { event: 'accepted', association: 'AFEV', days: 5 }, nextAttemptAt: at, createdAt: at },
  });
  app.handoff.worker.kick();
  for (let i = 0; i < 200; i++) {
    const row = await app.db.prisma.notification.findUniqueOrThrow({ where: { id: n.id }, include: { attemptLog: true } });
    if (row.status === 'delivered' || row.status === 'dead') return row.attemptLog.map((a) => a.transport).join(',');
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('news not delivered');
}
