-- Chinese, Japanese and Korean text searchable inside runs written without spaces: each article
-- carries its CJK runs as overlapping character pairs ("searchGrams", written with the article by
-- lib/search/cjk.ts), indexed with the body, so that a two-character word is a token of its own.
-- Articles stored before this migration get theirs from `cli search reindex`.

ALTER TABLE "Article" ADD COLUMN "searchGrams" TEXT NOT NULL DEFAULT '';

DROP VIEW "ArticleSearchSource";
CREATE VIEW "ArticleSearchSource" AS
SELECT a."id" AS "id",
       replace(replace(a."title", 'đ', 'd'), 'Đ', 'D') AS "title",
       replace(replace(a."summary" || ' ; ' || a."text", 'đ', 'd'), 'Đ', 'D') || ' ; ' || a."searchGrams" AS "body",
       replace(replace(coalesce((
         SELECT group_concat(
                  replace(e."slug", '-', ' ') || ' ' || e."name" ||
                  coalesce(' ' || (SELECT group_concat(al."alias", ' ') FROM "EntityAlias" al WHERE al."entityId" = e."id"), ''),
                  ' ; ')
         FROM "Mention" m JOIN "Entity" e ON e."id" = m."entityId"
         WHERE m."articleId" = a."id"), ''), 'đ', 'd'), 'Đ', 'D') AS "entities"
FROM "Article" a;

DROP TRIGGER "ArticleSearch_article_update";
CREATE TRIGGER "ArticleSearch_article_update" AFTER UPDATE OF "title", "summary", "text", "searchGrams" ON "Article" BEGIN
  DELETE FROM "ArticleSearch" WHERE rowid = OLD."id";
  INSERT INTO "ArticleSearch" (rowid, title, body, entities)
    SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource" WHERE "id" = NEW."id";
END;
