-- AlterTable
ALTER TABLE "association" ADD COLUMN     "notes" TEXT[];

-- AlterTable
ALTER TABLE "programme" ADD COLUMN     "notes" TEXT[];

