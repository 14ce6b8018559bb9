-- AlterTable (a plain ADD COLUMN: redefining the table would drop the search triggers on it)
ALTER TABLE "Mention" ADD COLUMN "spans" TEXT NOT NULL DEFAULT '';
