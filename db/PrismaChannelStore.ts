import crypto from 'node:crypto';
import type { Prisma, PrismaClient } from '@prisma/client';
import {
  LeaseLostError, type ChannelMessagePayload, type ChannelStore, type ClaimedInbound, type DeliveryStatus, type InboundPayload, type InboundRecord, type TurnWrite,
} from '../adapters/channels/ChannelStore';
import { throughPrisma, writeOne, type SqlQuery } from './PrismaStorage';

// Timestamps compared and written in UTC whatever the session's time zone (as db/PrismaOutbox).
const utc = (d: Date) => d.toISOString();
const AT = (i: number) => `($${i}::timestamptz AT TIME ZONE 'UTC')`;

const STATUS_RANK: Record<DeliveryStatus, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

interface ClaimRow { id: string; channel: string; externalId: string; conversationKey: string; payload: unknown; attempts: number | bigint; receivedAt: Date }

/**
 * The messaging channels' inbox and delivery records on PostgreSQL/PGlite. Given `sql`
 * (the driver, db/createDatabase's Database.sql), the statements of every message outside
 * the turn's transaction (store, claim, record a send or a status) skip Prisma's client,
 * as the bot's own state reads do (db/PrismaStorage): the same SQL, less CPU.
 */
export class PrismaChannelStore implements ChannelStore {
  private readonly query: SqlQuery;

  constructor(private readonly prisma: PrismaClient, sql?: SqlQuery) {
    this.query = sql ?? (<T>(text: string, params: unknown[] = []) => prisma.$queryRawUnsafe<T[]>(text, ...params));
  }

  async receive(records: InboundRecord[], now: Date): Promise<number> {
    if (records.length === 0) return 0;
    // One statement for a webhook's messages; a platform's retry hits the unique key and adds nothing.
    const params: unknown[] = [utc(now)];
    const values = records.map((r) => {
      params.push(crypto.randomUUID(), r.channel, r.externalId, r.conversationKey, JSON.stringify(r.payload));
      const n = params.length;
      return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb, 'pending', ${AT(1)}, ${AT(1)})`;
    });
    const rows = await this.query<{ id: string }>(
      `INSERT INTO "channel_inbox" ("id", "channel", "externalId", "conversationKey", "payload", "status", "nextAttemptAt", "receivedAt")
       VALUES ${values.join(', ')}
       ON CONFLICT ("channel", "externalId") DO NOTHING
       RETURNING "id"`,
      params,
    );
    return rows.length;
  }

  async claim(worker: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedInbound[]> {
    const lease = new Date(now.getTime() + leaseMs);
    // A message is due when nothing older of its conversation is still waiting or being
    // processed: one turn at a time per conversation, in the order received, across
    // processes. A message whose worker died (lease expired) is due again.
    const rows = await this.query<ClaimRow>(
      `UPDATE "channel_inbox" SET "status" = 'processing', "leaseUntil" = ${AT(2)}, "claimedBy" = $3, "attempts" = "attempts" + 1
       WHERE "id" IN (
         SELECT i."id" FROM "channel_inbox" i
         WHERE ((i."status" = 'pending' AND i."nextAttemptAt" <= ${AT(1)}) OR (i."status" = 'processing' AND i."leaseUntil" < ${AT(1)}))
           AND NOT EXISTS (
             SELECT 1 FROM "channel_inbox" p
             WHERE p."conversationKey" = i."conversationKey" AND p."seq" < i."seq" AND p."status" IN ('pending', 'processing')
           )
         ORDER BY i."seq"
         LIMIT $4
         FOR UPDATE SKIP LOCKED
       )
       RETURNING "id", "channel", "externalId", "conversationKey", "payload", "attempts", ("receivedAt" AT TIME ZONE 'UTC') AS "receivedAt"`,
      [utc(now), utc(lease), worker, limit],
    );
    return rows.map((r) => ({
      id: r.id, channel: r.channel, externalId: r.externalId, conversationKey: r.conversationKey,
      payload: (r.payload ?? { kind: 'other', text: '', userId: '' }) as InboundPayload, attempts: Number(r.attempts), receivedAt: r.receivedAt,
    }));
  }

  async commit(inbound: ClaimedInbound, worker: string, write: TurnWrite | null, replies: ChannelMessagePayload[], now: Date): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      // First the fence: if another worker took this message (our lease expired), write nothing.
      // The row stays locked until the end of the transaction, so nobody takes it in between.
      const done = await tx.$executeRawUnsafe(
        `UPDATE "channel_inbox" SET "status" = 'done', "payload" = NULL, "leaseUntil" = NULL, "processedAt" = ${AT(1)}, "lastError" = NULL
         WHERE "id" = $2 AND "status" = 'processing' AND "claimedBy" = $3`,
        utc(now), inbound.id, worker,
      );
      if (done !== 1) throw new LeaseLostError();
      if (write?.state) await writeOne(throughPrisma(tx), write.key, { ...write.state, eTag: write.eTag ?? '*' });
      else if (write?.erase) {
        // Declined, stopped or erased: nothing of the conversation is kept but this message's
        // row (its text already gone) and the replies about to say so.
        await tx.botState.deleteMany({ where: { key: write.key } });
        await tx.channelInbox.deleteMany({ where: { conversationKey: inbound.conversationKey, status: { in: ['done', 'failed'] }, id: { not: inbound.id } } });
        await tx.channelDelivery.deleteMany({ where: { conversationKey: inbound.conversationKey } });
        await tx.notification.deleteMany({ where: { kind: 'channel_message', orderKey: inbound.conversationKey, status: { in: ['delivered', 'dead', 'cancelled'] } } });
      }
      await this.queue(tx, replies, now);
    });
  }

  async release(inbound: ClaimedInbound, worker: string, outcome: { retryAt: Date; error: string } | { failed: string; replies: ChannelMessagePayload[] }, now: Date): Promise<void> {
    if ('retryAt' in outcome) {
      await this.prisma.$executeRawUnsafe(
        `UPDATE "channel_inbox" SET "status" = 'pending', "leaseUntil" = NULL, "claimedBy" = NULL, "nextAttemptAt" = ${AT(1)}, "lastError" = $2
         WHERE "id" = $3 AND "status" = 'processing' AND "claimedBy" = $4`,
        utc(outcome.retryAt), outcome.error, inbound.id, worker,
      );
      return;
    }
    await this.prisma.$transaction(async (tx) => {
      // Failed for good: the text goes (it is not kept for anyone to read), the conversation moves on.
      const n = await tx.$executeRawUnsafe(
        `UPDATE "channel_inbox" SET "status" = 'failed', "payload" = NULL, "leaseUntil" = NULL, "processedAt" = ${AT(1)}, "lastError" = $2
         WHERE "id" = $3 AND "status" = 'processing' AND "claimedBy" = $4`,
        utc(now), outcome.failed, inbound.id, worker,
      );
      if (n !== 1) throw new LeaseLostError();
      await this.queue(tx, outcome.replies, now);
    });
  }

  private async queue(tx: Prisma.TransactionClient, replies: ChannelMessagePayload[], now: Date): Promise<void> {
    if (replies.length === 0) return;
    // One INSERT: the sequence numbers follow the rows' order, which is the order they are sent in.
    await tx.notification.createMany({
      data: replies.map((r) => ({
        kind: 'channel_message',
        payload: r as unknown as Prisma.InputJsonValue,
        orderKey: r.conversationKey,
        nextAttemptAt: now,
        createdAt: now,
      })),
    });
  }

  async recordSent(channel: string, externalId: string, notificationId: string, conversationKey: string, at: Date): Promise<void> {
    // A status webhook may have come first (it races the API's answer): keep what it said.
    await this.query(
      `INSERT INTO "channel_delivery" ("id", "channel", "externalId", "notificationId", "conversationKey", "status", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, 'sent', ${AT(6)}, ${AT(6)})
       ON CONFLICT ("channel", "externalId") DO UPDATE SET "notificationId" = EXCLUDED."notificationId", "conversationKey" = EXCLUDED."conversationKey"`,
      [crypto.randomUUID(), channel, externalId, notificationId, conversationKey, utc(at)],
    );
  }

  async recordStatus(channel: string, externalId: string, status: DeliveryStatus, errorCode: string | null, at: Date): Promise<void> {
    // Statuses arrive out of order (read before delivered): a status only moves forward.
    await this.query(
      `INSERT INTO "channel_delivery" ("id", "channel", "externalId", "conversationKey", "status", "errorCode", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, '', $4, $5, ${AT(6)}, ${AT(6)})
       ON CONFLICT ("channel", "externalId") DO UPDATE SET
         "status" = CASE WHEN ${rankSql('EXCLUDED."status"')} > ${rankSql('"channel_delivery"."status"')} THEN EXCLUDED."status" ELSE "channel_delivery"."status" END,
         "errorCode" = COALESCE(EXCLUDED."errorCode", "channel_delivery"."errorCode"),
         "updatedAt" = EXCLUDED."updatedAt"`,
      [crypto.randomUUID(), channel, externalId, status, errorCode, utc(at)],
    );
  }

  async window(conversationKey: string): Promise<{ lastInboundAt: Date | null; closedSince: boolean }> {
    const rows = await this.prisma.$queryRawUnsafe<{ last: Date | null; closed: Date | null }[]>(
      `SELECT (SELECT max("receivedAt") FROM "channel_inbox" WHERE "conversationKey" = $1) AS "last",
              (SELECT max("updatedAt") FROM "channel_delivery" WHERE "conversationKey" = $1 AND "status" = 'failed' AND "errorCode" = '131047') AS "closed"`,
      conversationKey,
    );
    const last = rows[0]?.last ?? null;
    const closed = rows[0]?.closed ?? null;
    return { lastInboundAt: last, closedSince: !!closed && (!last || closed >= last) };
  }

  async purge(before: Date): Promise<number> {
    const inbox = await this.prisma.channelInbox.deleteMany({ where: { status: { in: ['done', 'failed'] }, processedAt: { lt: before } } });
    const deliveries = await this.prisma.channelDelivery.deleteMany({ where: { updatedAt: { lt: before } } });
    // Replies once sent (or given up): their text is the conversation's, not to be kept.
    const sent = await this.prisma.notification.deleteMany({ where: { kind: 'channel_message', status: { in: ['delivered', 'dead', 'cancelled'] }, updatedAt: { lt: before } } });
    return inbox.count + deliveries.count + sent.count;
  }
}

const rankSql = (col: string) => `(CASE ${col} ${Object.entries(STATUS_RANK).map(([s, r]) => `WHEN '${s}' THEN ${r}`).join(' ')} ELSE 0 END)`;
