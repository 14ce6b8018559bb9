-- AlterTable
ALTER TABLE "Mention" ADD COLUMN     "spans" TEXT NOT NULL DEFAULT '';

