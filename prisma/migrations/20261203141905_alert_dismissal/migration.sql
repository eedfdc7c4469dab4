-- AlterTable
ALTER TABLE "notification" ADD COLUMN     "dismissedAt" TIMESTAMP(3),
ADD COLUMN     "dismissedBy" TEXT;

