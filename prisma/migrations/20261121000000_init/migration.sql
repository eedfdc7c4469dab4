-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "bot_state" (
    "key" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "eTag" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bot_state_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "association" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "website" TEXT,
    "contactEmail" TEXT,
    "responseDays" INTEGER NOT NULL DEFAULT 5,
    "isCoordinator" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sources" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "association_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "programme" (
    "id" TEXT NOT NULL,
    "associationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "descriptionFr" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "minAge" INTEGER,
    "maxAge" INTEGER,
    "situations" TEXT[],
    "needs" TEXT[],
    "requiredPublics" TEXT[],
    "preferredPublics" TEXT[],
    "girlsOnly" BOOLEAN NOT NULL DEFAULT false,
    "national" BOOLEAN NOT NULL DEFAULT false,
    "regions" TEXT[],
    "departements" TEXT[],
    "communes" TEXT[],
    "inPerson" BOOLEAN NOT NULL DEFAULT true,
    "remote" BOOLEAN NOT NULL DEFAULT false,
    "capacityPerMonth" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentoring_request" (
    "id" TEXT NOT NULL,
    "schemaVersion" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "routing" JSONB NOT NULL,
    "associationId" TEXT,
    "programmeId" TEXT,
    "conversationKey" TEXT NOT NULL,
    "conversationRef" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mentoring_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "associationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "programme_associationId_idx" ON "programme"("associationId");

-- CreateIndex
CREATE INDEX "mentoring_request_conversationKey_idx" ON "mentoring_request"("conversationKey");

-- CreateIndex
CREATE INDEX "mentoring_request_createdAt_idx" ON "mentoring_request"("createdAt");

-- CreateIndex
CREATE INDEX "notification_status_nextAttemptAt_idx" ON "notification"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "programme" ADD CONSTRAINT "programme_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_request" ADD CONSTRAINT "mentoring_request_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "association"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_request" ADD CONSTRAINT "mentoring_request_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "mentoring_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

