-- CreateTable
CREATE TABLE "ClaimCount" (
    "claimantId" INTEGER NOT NULL,
    "targetId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "stance" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "latest" DATETIME,

    PRIMARY KEY ("claimantId", "targetId", "type", "stance")
);

-- CreateTable
CREATE TABLE "EntityPairCount" (
    "entityId" INTEGER NOT NULL,
    "otherId" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("entityId", "otherId")
);

-- CreateTable
CREATE TABLE "EntityDayCount" (
    "entityId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("entityId", "day")
);

-- CreateTable
CREATE TABLE "FacetCount" (
    "facet" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("facet", "value")
);

-- CreateIndex
CREATE INDEX "ClaimCount_targetId_idx" ON "ClaimCount"("targetId");


-- Fill the kept counts from what is stored (lib/store/aggregates.ts rebuildStatements)
INSERT INTO "ClaimCount" ("claimantId", "targetId", "type", "stance", "count", "latest")
SELECT "claimantId", "targetId", "type", "stance", "count", "latest" FROM (SELECT c."claimantId", c."targetId", c."type", c."stance", COUNT(*) AS "count", MAX(coalesce(a."publishedAt", a."fetchedAt")) AS "latest"
       FROM "Claim" c JOIN "Article" a ON a."id" = c."articleId"
       WHERE true
       GROUP BY c."claimantId", c."targetId", c."type", c."stance") x;

INSERT INTO "EntityPairCount" ("entityId", "otherId", "count")
SELECT "entityId", "otherId", "count" FROM (SELECT m1."entityId", m2."entityId" AS "otherId", COUNT(*) AS "count"
       FROM "Article" a JOIN "Mention" m1 ON m1."articleId" = a."id" JOIN "Mention" m2 ON m2."articleId" = a."id"
       WHERE a."duplicateOfId" IS NULL AND true
       GROUP BY m1."entityId", m2."entityId") x;

INSERT INTO "EntityDayCount" ("entityId", "day", "count")
SELECT "entityId", "day", "count" FROM (SELECT m."entityId", date(coalesce(a."publishedAt", a."fetchedAt")) AS "day", COUNT(*) AS "count"
       FROM "Article" a JOIN "Mention" m ON m."articleId" = a."id"
       WHERE a."duplicateOfId" IS NULL AND true
       GROUP BY m."entityId", date(coalesce(a."publishedAt", a."fetchedAt"))) x;

INSERT INTO "FacetCount" ("facet", "value", "count")
SELECT "facet", "value", "count" FROM (SELECT 'source' AS "facet", a."sourceName" AS "value", COUNT(*) AS "count" FROM "Article" a
       WHERE a."duplicateOfId" IS NULL AND a."sourceName" IS NOT NULL AND true GROUP BY a."sourceName"
       UNION ALL
       SELECT 'language' AS "facet", a."language" AS "value", COUNT(*) AS "count" FROM "Article" a
       WHERE a."duplicateOfId" IS NULL AND true GROUP BY a."language") x;
