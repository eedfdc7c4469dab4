-- AlterTable
ALTER TABLE "mentoring_request" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'mentee';

