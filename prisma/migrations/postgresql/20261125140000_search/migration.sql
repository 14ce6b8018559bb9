-- Full-text search (lib/store/search.ts), kept outside the Prisma schema on purpose.
--
-- "ArticleSearch": one row per article with a tsvector over the folded text (title weight A, the
-- names and aliases of the entities it mentions weight B, summary + text weight D), GIN-indexed.
-- "ArticleSearchMeta": the few columns search filters, sorts and facets on, narrow so that counting
-- and faceting thousands of matches never reads the wide "Article" rows.
-- Folding (search_fold): đ/Đ -> d/D (Unicode does not decompose them), unaccent, lower case, and
-- every run of non-alphanumerics -> one space, so that the 'simple' parser sees plain words and
-- tokenises like SQLite's unicode61 ("openai.com" -> openai com, "gpt-4o" -> gpt 4o). 'simple'
-- because English stemming would mangle Vietnamese and other languages.
-- unaccent() is only STABLE (it reads a dictionary); search_fold pins the dictionary and is
-- declared IMMUTABLE, the usual way to use it in indexes and stored vectors.
-- Statement-level triggers keep both tables in step with every write path (writeArticle, bulk
-- loads, knowledge-base alias updates); deleting an article cascades.

CREATE EXTENSION IF NOT EXISTS unaccent;

-- JIT compilation off for this database (new sessions). Search statements are short but their
-- estimated cost (CTEs, per-article facet lookups) crosses jit_above_cost, and compiling then takes
-- ~0.5 s for a query that runs in 20 ms. A web app's queries never gain from JIT.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'search migration: could not turn JIT off for this database; set jit = off in postgresql.conf';
END $$;

CREATE FUNCTION "search_fold"(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT regexp_replace(lower(unaccent('unaccent'::regdictionary, translate(input, 'đĐ', 'dD'))), '[^[:alnum:]]+', ' ', 'g')
$$;

CREATE TABLE "ArticleSearch" (
  "articleId" INTEGER NOT NULL PRIMARY KEY REFERENCES "Article" ("id") ON DELETE CASCADE,
  "document" tsvector NOT NULL
);
CREATE INDEX "ArticleSearch_document_idx" ON "ArticleSearch" USING gin ("document");
-- Meant to push vectors out to TOAST so that the heap stays narrow for bitmap scans. It only acts
-- on rows over ~2 kB (PostgreSQL's fixed toasting threshold), so most vectors stay inline: at
-- 100,000 articles the heap is ~285 MB, and a word found in half the articles costs a ~200 ms
-- bitmap heap scan when the heap is not in shared_buffers. Kept for the long articles it does move.
ALTER TABLE "ArticleSearch" SET (toast_tuple_target = 128);

-- The ids of the articles matching a query, always through the GIN index. For a word found in half
-- the articles the planner would otherwise pick a sequential scan, believing @@ cheap, and then
-- decompress every vector (10x slower). A SET clause is how a function pins a planner setting.
CREATE FUNCTION "search_match"(query tsquery) RETURNS SETOF integer
LANGUAGE sql STABLE ROWS 5000 SET enable_seqscan = off
AS $$
  SELECT "articleId" FROM "ArticleSearch" WHERE "document" @@ query
$$;

CREATE TABLE "ArticleSearchMeta" (
  "articleId" INTEGER NOT NULL PRIMARY KEY REFERENCES "Article" ("id") ON DELETE CASCADE,
  "date" TIMESTAMP(3) NOT NULL,
  "language" TEXT NOT NULL,
  "sourceName" TEXT,
  "host" TEXT NOT NULL,
  "isOriginal" BOOLEAN NOT NULL,
  "relevance" DOUBLE PRECISION NOT NULL
);
CREATE INDEX "ArticleSearchMeta_date_idx" ON "ArticleSearchMeta" ("date", "articleId");
CREATE INDEX "ArticleSearchMeta_language_date_idx" ON "ArticleSearchMeta" ("language", "date");
CREATE INDEX "ArticleSearchMeta_host_idx" ON "ArticleSearchMeta" ("host");

-- (Re)builds the index rows of the given articles.
CREATE FUNCTION "search_refresh_documents"(ids integer[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "ArticleSearch" ("articleId", "document")
  SELECT a."id",
         setweight(to_tsvector('simple', search_fold(a."title")), 'A') ||
         setweight(to_tsvector('simple', search_fold(coalesce(ent."words", ''))), 'B') ||
         setweight(to_tsvector('simple', search_fold(a."summary" || ' ; ' || a."text")), 'D')
  FROM "Article" a
  LEFT JOIN LATERAL (
    SELECT string_agg(
             replace(e."slug", '-', ' ') || ' ' || e."name" ||
             coalesce(' ' || (SELECT string_agg(al."alias", ' ') FROM "EntityAlias" al WHERE al."entityId" = e."id"), ''),
             ' ; ') AS "words"
    FROM "Mention" m JOIN "Entity" e ON e."id" = m."entityId"
    WHERE m."articleId" = a."id"
  ) ent ON true
  WHERE a."id" = ANY (ids)
  ON CONFLICT ("articleId") DO UPDATE SET "document" = EXCLUDED."document";
$$;

CREATE FUNCTION "search_refresh_meta"(ids integer[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "ArticleSearchMeta" ("articleId", "date", "language", "sourceName", "host", "isOriginal", "relevance")
  SELECT a."id",
         coalesce(a."publishedAt", a."createdAt"),
         a."language",
         a."sourceName",
         lower(coalesce(substring(a."canonicalUrl" from '^[a-zA-Z][a-zA-Z0-9+.-]*://(?:www\.)?([^/:?#]+)'), '')),
         a."duplicateOfId" IS NULL,
         a."relevance"
  FROM "Article" a
  WHERE a."id" = ANY (ids)
  ON CONFLICT ("articleId") DO UPDATE SET
    "date" = EXCLUDED."date", "language" = EXCLUDED."language", "sourceName" = EXCLUDED."sourceName",
    "host" = EXCLUDED."host", "isOriginal" = EXCLUDED."isOriginal", "relevance" = EXCLUDED."relevance";
$$;

CREATE FUNCTION "search_article_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_meta(ARRAY(SELECT "id" FROM new_rows));
  PERFORM search_refresh_documents(ARRAY(SELECT "id" FROM new_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION "search_article_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_meta(ARRAY(
    SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE (n."publishedAt", n."createdAt", n."language", n."sourceName", n."canonicalUrl", n."duplicateOfId", n."relevance")
          IS DISTINCT FROM (o."publishedAt", o."createdAt", o."language", o."sourceName", o."canonicalUrl", o."duplicateOfId", o."relevance")));
  PERFORM search_refresh_documents(ARRAY(
    SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE (n."title", n."summary", n."text") IS DISTINCT FROM (o."title", o."summary", o."text")));
  RETURN NULL;
END $$;

CREATE FUNCTION "search_mentions_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_documents(ARRAY(SELECT DISTINCT "articleId" FROM changed_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION "search_entity_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_documents(ARRAY(
    SELECT DISTINCT m."articleId" FROM "Mention" m
    WHERE m."entityId" IN (
      SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
      WHERE (n."name", n."slug") IS DISTINCT FROM (o."name", o."slug"))));
  RETURN NULL;
END $$;

CREATE FUNCTION "search_aliases_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_documents(ARRAY(
    SELECT DISTINCT m."articleId" FROM "Mention" m WHERE m."entityId" IN (SELECT "entityId" FROM changed_rows)));
  RETURN NULL;
END $$;

CREATE TRIGGER "ArticleSearch_article_insert" AFTER INSERT ON "Article"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_article_inserted();
CREATE TRIGGER "ArticleSearch_article_update" AFTER UPDATE ON "Article"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_article_updated();
CREATE TRIGGER "ArticleSearch_mention_insert" AFTER INSERT ON "Mention"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_mentions_changed();
CREATE TRIGGER "ArticleSearch_mention_delete" AFTER DELETE ON "Mention"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_mentions_changed();
CREATE TRIGGER "ArticleSearch_entity_update" AFTER UPDATE ON "Entity"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_entity_updated();
CREATE TRIGGER "ArticleSearch_alias_insert" AFTER INSERT ON "EntityAlias"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_aliases_changed();
CREATE TRIGGER "ArticleSearch_alias_delete" AFTER DELETE ON "EntityAlias"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_aliases_changed();

-- Articles already stored before this migration.
SELECT search_refresh_meta(ARRAY(SELECT "id" FROM "Article"));
SELECT search_refresh_documents(ARRAY(SELECT "id" FROM "Article"));
