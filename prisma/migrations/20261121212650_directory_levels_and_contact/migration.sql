-- AlterTable
ALTER TABLE "association" ADD COLUMN     "contactPhone" TEXT,
ADD COLUMN     "notifyBy" TEXT NOT NULL DEFAULT 'email',
ADD COLUMN     "webhookUrl" TEXT;

-- AlterTable
ALTER TABLE "programme" ADD COLUMN     "diplomaLevels" TEXT[],
ADD COLUMN     "schoolYears" TEXT[];

