import crypto from 'node:crypto';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { MentoringRequest } from '../intake/MentoringRequest';
import type { AttemptRecord, ClaimedNotification, DeliveryContext, NotificationKind, OutboxStore, Outcome } from '../notifications/OutboxStore';

type Tx = Prisma.TransactionClient;

/**
 * Handoffs of a request, oldest first. A reroute's new handoff is created at the instant
 * the previous one is decided, so on equal times the undecided (current) one comes last.
 */
export const ASSIGNMENT_ORDER: Prisma.AssignmentOrderByWithRelationInput[] = [
  { createdAt: 'asc' }, { decidedAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' },
];

// Timestamps are compared in UTC whatever the session's time zone: Prisma stores
// TIMESTAMP(3) values in UTC, and the parameters are sent as ISO strings.
const utc = (d: Date) => d.toISOString();

/** The coordinator association (the first active one), for alerts; null if the directory has none. */
export async function coordinatorId(db: Tx | PrismaClient): Promise<string | null> {
  const row = await db.association.findFirst({ where: { isCoordinator: true, active: true }, orderBy: { id: 'asc' }, select: { id: true } });
  return row?.id ?? null;
}

/** The outbox on PostgreSQL/PGlite: rows claimed with FOR UPDATE SKIP LOCKED and a lease. */
export class PrismaOutbox implements OutboxStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claim(worker: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedNotification[]> {
    const lease = new Date(now.getTime() + leaseMs);
    // One statement: the inner SELECT locks the rows it picks and skips rows another
    // worker is claiming at this instant; the UPDATE marks them ours until the lease ends.
    // A row whose lease expired (its worker died) is due again. attempts counts claims, so
    // a message that crashes every worker still ends as a dead letter.
    const rows = await this.prisma.$queryRaw<ClaimedNotification[]>`
      UPDATE "notification" SET
        "status" = 'sending',
        "leaseUntil" = (${utc(lease)}::timestamptz AT TIME ZONE 'UTC'),
        "claimedBy" = ${worker},
        "attempts" = "attempts" + 1,
        "updatedAt" = (${utc(now)}::timestamptz AT TIME ZONE 'UTC')
      WHERE "id" IN (
        SELECT n."id" FROM "notification" n
        WHERE ((n."status" = 'pending' AND n."nextAttemptAt" <= (${utc(now)}::timestamptz AT TIME ZONE 'UTC'))
           OR (n."status" = 'sending' AND n."leaseUntil" < (${utc(now)}::timestamptz AT TIME ZONE 'UTC')))
          -- A messaging conversation's replies go one after the other, in the order written:
          -- none while an earlier one is waiting (or retrying) or being sent.
          AND (n."orderKey" IS NULL OR NOT EXISTS (
            SELECT 1 FROM "notification" p
            WHERE p."orderKey" = n."orderKey" AND p."seq" < n."seq" AND p."status" IN ('pending', 'sending')
          ))
        ORDER BY n."nextAttemptAt", n."seq"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id", "kind", "attempts", "payload", "requestId", "assignmentId", "associationId"`;
    return rows.map((r) => ({ ...r, kind: r.kind as NotificationKind, attempts: Number(r.attempts), payload: (r.payload ?? {}) as Record<string, unknown> }));
  }

  async context(n: ClaimedNotification): Promise<DeliveryContext> {
    const [request, association, assignment] = await Promise.all([
      n.requestId ? this.prisma.mentoringRequest.findUnique({ where: { id: n.requestId } }) : null,
      n.associationId ? this.prisma.association.findUnique({ where: { id: n.associationId } }) : null,
      n.assignmentId ? this.prisma.assignment.findUnique({ where: { id: n.assignmentId } }) : null,
    ]);
    const history = request
      ? (await this.prisma.assignment.findMany({ where: { requestId: request.id }, orderBy: ASSIGNMENT_ORDER, include: { association: { select: { name: true } } } }))
          .map((a) => ({ association: a.association.name, status: a.status }))
      : [];
    return {
      request: request
        ? {
            id: request.id,
            payload: request.payload as unknown as MentoringRequest,
            status: request.status,
            conversationRef: request.conversationRef,
            chosenBy: ((request.routing as { chosenBy?: string } | null)?.chosenBy) ?? null,
          }
        : null,
      association: association
        ? {
            id: association.id, name: association.name, notifyBy: association.notifyBy, contactEmail: association.contactEmail,
            webhookUrl: association.webhookUrl, webhookSecret: association.webhookSecret, isCoordinator: association.isCoordinator, responseDays: association.responseDays,
          }
        : null,
      assignment: assignment
        ? { id: assignment.id, status: assignment.status, deadlineAt: assignment.deadlineAt, createdAt: assignment.createdAt, programmeId: assignment.programmeId, reasons: assignment.reasons }
        : null,
      history,
    };
  }

  async complete(n: ClaimedNotification, worker: string, attempt: AttemptRecord, outcome: Outcome): Promise<boolean> {
    // A dead letter (rare) may queue the coordinator's alert with it: an interactive transaction.
    if (outcome.kind !== 'dead') return this.completeInOneStatement(n, worker, attempt, outcome);
    return this.prisma.$transaction(async (tx) => {
      await tx.notificationAttempt.create({
        data: {
          notificationId: n.id, attempt: n.attempts, startedAt: attempt.startedAt, durationMs: attempt.durationMs, transport: attempt.transport,
          result: 'dead', error: attempt.error ?? outcome.error, worker,
        },
      });
      const data: Prisma.NotificationUpdateManyMutationInput = { status: 'dead', leaseUntil: null, lastError: outcome.error };
      // Fenced by the claim: a worker whose lease expired does not overwrite the new owner's work.
      const { count } = await tx.notification.updateMany({ where: { id: n.id, status: 'sending', claimedBy: worker }, data });
      if (count === 1 && outcome.alert) {
        await tx.notification.create({
          data: {
            kind: 'coordinator_alert',
            requestId: n.requestId,
            associationId: await coordinatorId(tx),
            payload: { reason: outcome.alert, error: outcome.error, requestId: n.requestId, about: n.id },
            // Due at once, on the worker's clock.
            nextAttemptAt: attempt.startedAt,
            createdAt: attempt.startedAt,
          },
        });
      }
      return count === 1;
    });
  }

  /**
   * The common case (delivered, retry, cancelled) in one statement, hence one round trip
   * and atomic without an interactive transaction: the fenced update and the attempt
   * record. Measured with bench:outbox, an interactive transaction per delivery was the
   * worker's main cost.
   */
  private async completeInOneStatement(n: ClaimedNotification, worker: string, attempt: AttemptRecord, outcome: Exclude<Outcome, { kind: 'dead' }>): Promise<boolean> {
    const status = outcome.kind === 'delivered' ? 'delivered' : outcome.kind === 'cancelled' ? 'cancelled' : 'pending';
    const lastError = outcome.kind === 'delivered' ? null : outcome.kind === 'cancelled' ? outcome.why : outcome.error;
    const deliveredAt = outcome.kind === 'delivered' ? utc(new Date(attempt.startedAt.getTime() + attempt.durationMs)) : null;
    const nextAttemptAt = outcome.kind === 'retry' ? utc(outcome.at) : null;
    const rows = await this.prisma.$queryRaw<{ kept: bigint | number }[]>`
      WITH upd AS (
        UPDATE "notification" SET
          "status" = ${status},
          "leaseUntil" = NULL,
          "lastError" = ${lastError},
          "deliveredAt" = COALESCE((${deliveredAt}::timestamptz AT TIME ZONE 'UTC'), "deliveredAt"),
          "nextAttemptAt" = COALESCE((${nextAttemptAt}::timestamptz AT TIME ZONE 'UTC'), "nextAttemptAt"),
          "claimedBy" = CASE WHEN ${status} = 'pending' THEN NULL ELSE "claimedBy" END,
          "updatedAt" = (${utc(attempt.startedAt)}::timestamptz AT TIME ZONE 'UTC')
        WHERE "id" = ${n.id} AND "status" = 'sending' AND "claimedBy" = ${worker}
        RETURNING "id"
      ), att AS (
        INSERT INTO "notification_attempt" ("id", "notificationId", "attempt", "startedAt", "durationMs", "transport", "result", "error", "worker")
        VALUES (${crypto.randomUUID()}, ${n.id}, ${n.attempts}, (${utc(attempt.startedAt)}::timestamptz AT TIME ZONE 'UTC'), ${attempt.durationMs},
                ${attempt.transport}, ${outcome.kind}, ${attempt.error ?? (outcome.kind === 'cancelled' ? outcome.why : null)}, ${worker})
        RETURNING "id"
      )
      SELECT (SELECT count(*) FROM upd) AS kept, (SELECT count(*) FROM att) AS recorded`;
    return Number(rows[0]?.kept ?? 0) === 1;
  }
}

/** A notification and its attempts, for `npm run requests -- show`. */
export async function notificationsOf(prisma: PrismaClient, requestId: string) {
  return prisma.notification.findMany({
    where: { OR: [{ requestId }, { payload: { path: ['requestId'], equals: requestId } }] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { attemptLog: { orderBy: [{ startedAt: 'asc' }, { attempt: 'asc' }] }, association: { select: { name: true } } },
  });
}
