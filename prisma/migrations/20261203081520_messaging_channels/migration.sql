-- AlterTable
ALTER TABLE "notification" ADD COLUMN     "orderKey" TEXT,
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateTable
CREATE TABLE "channel_inbox" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "conversationKey" TEXT NOT NULL,
    "payload" JSONB,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "claimedBy" TEXT,
    "lastError" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "channel_inbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel_delivery" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "notificationId" TEXT,
    "conversationKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "channel_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "channel_inbox_status_seq_idx" ON "channel_inbox"("status", "seq");

-- CreateIndex
CREATE INDEX "channel_inbox_conversationKey_seq_idx" ON "channel_inbox"("conversationKey", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "channel_inbox_channel_externalId_key" ON "channel_inbox"("channel", "externalId");

-- CreateIndex
CREATE INDEX "channel_delivery_conversationKey_idx" ON "channel_delivery"("conversationKey");

-- CreateIndex
CREATE UNIQUE INDEX "channel_delivery_channel_externalId_key" ON "channel_delivery"("channel", "externalId");

-- CreateIndex
CREATE INDEX "notification_orderKey_seq_idx" ON "notification"("orderKey", "seq");

