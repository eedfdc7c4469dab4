-- DropForeignKey
ALTER TABLE "notification" DROP CONSTRAINT "notification_associationId_fkey";

-- AlterTable
ALTER TABLE "association" ADD COLUMN     "apiKeyHash" TEXT,
ADD COLUMN     "webhookSecret" TEXT;

-- AlterTable
ALTER TABLE "notification" ADD COLUMN     "assignmentId" TEXT,
ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "deliveredAt" TIMESTAMP(3),
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "payload" JSONB NOT NULL DEFAULT '{}',
ALTER COLUMN "requestId" DROP NOT NULL,
ALTER COLUMN "associationId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "assignment" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "associationId" TEXT NOT NULL,
    "programmeId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reasons" JSONB NOT NULL,
    "deadlineAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "declineReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_attempt" (
    "id" TEXT NOT NULL,
    "notificationId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "transport" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "error" TEXT,
    "worker" TEXT NOT NULL,

    CONSTRAINT "notification_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_secret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_secret_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "assignment_status_deadlineAt_idx" ON "assignment"("status", "deadlineAt");

-- CreateIndex
CREATE INDEX "assignment_requestId_idx" ON "assignment"("requestId");

-- CreateIndex
CREATE INDEX "notification_attempt_notificationId_idx" ON "notification_attempt"("notificationId");

-- CreateIndex
CREATE INDEX "notification_requestId_idx" ON "notification"("requestId");

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "mentoring_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "association"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_attempt" ADD CONSTRAINT "notification_attempt_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Data: requests stored before this migration get their first assignment (the association
-- they were sent to), so they can be accepted, declined or rerouted like new ones.
INSERT INTO "assignment" ("id", "requestId", "associationId", "programmeId", "status", "reasons", "deadlineAt", "createdAt")
SELECT gen_random_uuid()::text, r."id", r."associationId", r."programmeId",
       CASE WHEN r."status" = 'accepted' THEN 'accepted' ELSE 'pending' END,
       COALESCE(r."routing"->'chosen'->'reasons', r."routing"->'fallback'->'reasons', '[]'::jsonb),
       CASE WHEN r."status" = 'fallback' THEN NULL ELSE r."createdAt" + interval '7 days' END,
       r."createdAt"
FROM "mentoring_request" r
WHERE r."associationId" IS NOT NULL;

UPDATE "notification" n SET "assignmentId" = a."id"
FROM "assignment" a
WHERE a."requestId" = n."requestId" AND n."assignmentId" IS NULL;
