-- AlterTable
ALTER TABLE "assignment" ADD COLUMN     "progress" TEXT,
ADD COLUMN     "progressAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "staff_login_token" (
    "id" TEXT NOT NULL,
    "associationId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_login_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_session" (
    "id" TEXT NOT NULL,
    "associationId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "funnel_step" (
    "day" DATE NOT NULL,
    "step" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "funnel_step_pkey" PRIMARY KEY ("day","step","channel")
);

-- CreateIndex
CREATE INDEX "staff_login_token_associationId_createdAt_idx" ON "staff_login_token"("associationId", "createdAt");

-- CreateIndex
CREATE INDEX "staff_session_expiresAt_idx" ON "staff_session"("expiresAt");

