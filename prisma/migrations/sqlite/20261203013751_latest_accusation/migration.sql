-- CreateTable
CREATE TABLE "LatestAccusation" (
    "claimantId" INTEGER NOT NULL,
    "targetId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "claimId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "publishedAt" DATETIME,

    PRIMARY KEY ("claimantId", "targetId", "type", "language")
);

-- CreateIndex
CREATE INDEX "LatestAccusation_articleId_idx" ON "LatestAccusation"("articleId");


-- Fill the newest accusing claims from what is stored (lib/store/aggregates.ts rebuildStatements)
INSERT INTO "LatestAccusation" ("claimantId", "targetId", "type", "language", "claimId", "articleId", "publishedAt")
SELECT "claimantId", "targetId", "type", "language", "claimId", "articleId", "publishedAt" FROM (SELECT "claimantId", "targetId", "type", "language", "claimId", "articleId", "publishedAt" FROM (
     SELECT c."claimantId", c."targetId", c."type", a."language", c."id" AS "claimId", c."articleId", a."publishedAt",
       ROW_NUMBER() OVER (PARTITION BY c."claimantId", c."targetId", c."type", a."language"
         ORDER BY a."publishedAt" DESC NULLS LAST, c."id" DESC) AS "rank"
     FROM "Claim" c JOIN "Article" a ON a."id" = c."articleId"
     WHERE c."stance" IN ('alleges', 'confirms') AND true) n
   WHERE "rank" = 1) x;
