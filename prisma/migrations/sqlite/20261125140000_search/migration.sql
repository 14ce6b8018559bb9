-- Full-text search (lib/store/search.ts), kept outside the Prisma schema on purpose.
--
-- "ArticleSearch" is a contentless FTS5 index (rowid = "Article"."id") over three columns:
--   title, body (summary + text), entities (slug, name and aliases of every entity the article
--   mentions, so "deepseek" finds an article that only says "Deep Seek").
-- unicode61 remove_diacritics 2 folds case and diacritics ("chung cat" = "chưng cất"), but not
-- Vietnamese đ/Đ, which Unicode does not decompose: the indexed copy has đ -> d, Đ -> D, and
-- search.ts folds queries the same way.
-- Triggers keep the index in step with every write path (writeArticle, bulk loads, deletes,
-- knowledge-base alias updates). A later migration that rebuilds "Article" (Prisma's
-- "RedefineTables" for SQLite drops the table) drops its triggers with it: re-create them there;
-- test/store/search.test.ts checks they exist after all migrations.

CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
  title, body, entities,
  content = '', contentless_delete = 1,
  tokenize = "unicode61 remove_diacritics 2"
);

-- What the index row of an article holds (used by the triggers and by a full rebuild). The entity
-- words are a correlated subquery, not a join on an aggregate, so that selecting one article reads
-- only its own mentions.
CREATE VIEW "ArticleSearchSource" AS
SELECT a."id" AS "id",
       replace(replace(a."title", 'đ', 'd'), 'Đ', 'D') AS "title",
       replace(replace(a."summary" || ' ; ' || a."text", 'đ', 'd'), 'Đ', 'D') AS "body",
       replace(replace(coalesce((
         SELECT group_concat(
                  replace(e."slug", '-', ' ') || ' ' || e."name" ||
                  coalesce(' ' || (SELECT group_concat(al."alias", ' ') FROM "EntityAlias" al WHERE al."entityId" = e."id"), ''),
                  ' ; ')
         FROM "Mention" m JOIN "Entity" e ON e."id" = m."entityId"
         WHERE m."articleId" = a."id"), ''), 'đ', 'd'), 'Đ', 'D') AS "entities"
FROM "Article" a;

-- The few columns search filters, sorts and facets on, narrow so that counting and faceting
-- thousands of matches never reads the wide "Article" rows (whose text spills to overflow pages).
-- "date" is the publication date, or the time we stored the article when the page had none.
CREATE TABLE "ArticleSearchMeta" (
  "articleId" INTEGER NOT NULL PRIMARY KEY REFERENCES "Article" ("id") ON DELETE CASCADE,
  "date" DATETIME NOT NULL,
  "language" TEXT NOT NULL,
  "sourceName" TEXT,
  "host" TEXT NOT NULL,
  "isOriginal" BOOLEAN NOT NULL,
  "relevance" REAL NOT NULL
);
CREATE INDEX "ArticleSearchMeta_date_idx" ON "ArticleSearchMeta" ("date", "articleId");
CREATE INDEX "ArticleSearchMeta_language_date_idx" ON "ArticleSearchMeta" ("language", "date");
CREATE INDEX "ArticleSearchMeta_host_idx" ON "ArticleSearchMeta" ("host");

-- The host of the canonical URL without "www." (SQLite has no regular expressions: peel it step by step).
CREATE VIEW "ArticleSearchMetaSource" AS
SELECT "id", "date", "language", "sourceName",
       lower(CASE WHEN h3 LIKE 'www.%' THEN substr(h3, 5) ELSE h3 END) AS "host",
       "isOriginal", "relevance"
FROM (
  SELECT *, CASE WHEN instr(h2, ':') > 0 THEN substr(h2, 1, instr(h2, ':') - 1) ELSE h2 END AS h3
  FROM (
    SELECT *, CASE WHEN instr(h1, '?') > 0 THEN substr(h1, 1, instr(h1, '?') - 1) ELSE h1 END AS h2
    FROM (
      SELECT *, CASE WHEN instr(rest, '/') > 0 THEN substr(rest, 1, instr(rest, '/') - 1) ELSE rest END AS h1
      FROM (
        SELECT a."id" AS "id",
               coalesce(a."publishedAt", a."createdAt") AS "date",
               a."language" AS "language",
               a."sourceName" AS "sourceName",
               substr(a."canonicalUrl", instr(a."canonicalUrl", '://') + 3) AS rest,
               a."duplicateOfId" IS NULL AS "isOriginal",
               a."relevance" AS "relevance"
        FROM "Article" a
      )
    )
  )
);

-- Plain DELETE + INSERT, not INSERT OR REPLACE: inside a trigger, the conflict policy of the outer
-- statement (Prisma's upsert) would override ours.
CREATE TRIGGER "ArticleSearchMeta_article_insert" AFTER INSERT ON "Article" BEGIN
  DELETE FROM "ArticleSearchMeta" WHERE "articleId" = NEW."id";
  INSERT INTO "ArticleSearchMeta" ("articleId", "date", "language", "sourceName", "host", "isOriginal", "relevance")
    SELECT "id", "date", "language", "sourceName", "host", "isOriginal", "relevance" FROM "ArticleSearchMetaSource" WHERE "id" = NEW."id";
END;

CREATE TRIGGER "ArticleSearchMeta_article_update"
AFTER UPDATE OF "publishedAt", "createdAt", "language", "sourceName", "canonicalUrl", "duplicateOfId", "relevance" ON "Article" BEGIN
  DELETE FROM "ArticleSearchMeta" WHERE "articleId" = OLD."id";
  INSERT INTO "ArticleSearchMeta" ("articleId", "date", "language", "sourceName", "host", "isOriginal", "relevance")
    SELECT "id", "date", "language", "sourceName", "host", "isOriginal", "relevance" FROM "ArticleSearchMetaSource" WHERE "id" = NEW."id";
END;

CREATE TRIGGER "ArticleSearch_article_insert" AFTER INSERT ON "Article" BEGIN
  INSERT INTO "ArticleSearch" (rowid, title, body, entities)
    SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource" WHERE "id" = NEW."id";
END;

CREATE TRIGGER "ArticleSearch_article_update" AFTER UPDATE OF "title", "summary", "text" ON "Article" BEGIN
  DELETE FROM "ArticleSearch" WHERE rowid = OLD."id";
  INSERT INTO "ArticleSearch" (rowid, title, body, entities)
    SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource" WHERE "id" = NEW."id";
END;

CREATE TRIGGER "ArticleSearch_article_delete" AFTER DELETE ON "Article" BEGIN
  DELETE FROM "ArticleSearch" WHERE rowid = OLD."id";
  DELETE FROM "ArticleSearchMeta" WHERE "articleId" = OLD."id";
END;

CREATE TRIGGER "ArticleSearch_mention_insert" AFTER INSERT ON "Mention" BEGIN
  DELETE FROM "ArticleSearch" WHERE rowid = NEW."articleId";
  INSERT INTO "ArticleSearch" (rowid, title, body, entities)
    SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource" WHERE "id" = NEW."articleId";
END;

CREATE TRIGGER "ArticleSearch_mention_delete" AFTER DELETE ON "Mention" BEGIN
  DELETE FROM "ArticleSearch" WHERE rowid = OLD."articleId";
  INSERT INTO "ArticleSearch" (rowid, title, body, entities)
    SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource" WHERE "id" = OLD."articleId";
END;

CREATE TRIGGER "ArticleSearch_entity_update" AFTER UPDATE OF "name", "slug" ON "Entity" BEGIN
  DELETE FROM "ArticleSearch" WHERE rowid IN (SELECT "articleId" FROM "Mention" WHERE "entityId" = NEW."id");
  INSERT INTO "ArticleSearch" (rowid, title, body, entities)
    SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource"
    WHERE "id" IN (SELECT "articleId" FROM "Mention" WHERE "entityId" = NEW."id");
END;

CREATE TRIGGER "ArticleSearch_alias_insert" AFTER INSERT ON "EntityAlias" BEGIN
  DELETE FROM "ArticleSearch" WHERE rowid IN (SELECT "articleId" FROM "Mention" WHERE "entityId" = NEW."entityId");
  INSERT INTO "ArticleSearch" (rowid, title, body, entities)
    SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource"
    WHERE "id" IN (SELECT "articleId" FROM "Mention" WHERE "entityId" = NEW."entityId");
END;

CREATE TRIGGER "ArticleSearch_alias_delete" AFTER DELETE ON "EntityAlias" BEGIN
  DELETE FROM "ArticleSearch" WHERE rowid IN (SELECT "articleId" FROM "Mention" WHERE "entityId" = OLD."entityId");
  INSERT INTO "ArticleSearch" (rowid, title, body, entities)
    SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource"
    WHERE "id" IN (SELECT "articleId" FROM "Mention" WHERE "entityId" = OLD."entityId");
END;

-- Articles already stored before this migration.
INSERT INTO "ArticleSearchMeta" ("articleId", "date", "language", "sourceName", "host", "isOriginal", "relevance")
  SELECT "id", "date", "language", "sourceName", "host", "isOriginal", "relevance" FROM "ArticleSearchMetaSource";
INSERT INTO "ArticleSearch" (rowid, title, body, entities)
  SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource";
