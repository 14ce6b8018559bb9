-- Search by slices (lib/store/search.ts, collectMatches). With words, the newest matches of a query
-- are collected slice by slice of the archive, newest first, until enough are found, so that a
-- word found in half the archive costs the rows of one small slice instead of a heap read per
-- match. Slices are of ids (sorted by relevance: the newest stored matches are ranked) or of dates
-- (sorted by date), so "ArticleSearch" now carries each article's date, with an index, for the GIN
-- index to be intersected with an id or date range before any row is read.
--
-- The filters that select by a property of the article (entity mentioned, claim type, language,
-- source) are indexed in the same vector as tokens no word can produce ("@e:12", "@c:copyright",
-- "@l:vi", "@h:reuters.com", "@n:reuters"; words are folded to letters and digits), so that GIN
-- intersects "court" with "source:reuters.com" itself instead of reading every article that
-- mentions a court. Two more say where the article lies: its block of 1,024 ids ("@i:97") and its
-- month ("@m:202510"), so that a slice is intersected inside GIN too, whatever the planner makes of
-- the words (it prices a phrase or words that go together far below the truth, and then skips the
-- btree range and reads every candidate). Tokens carry no position or weight and never reach a
-- rank (ts_rank is given the words only).

ALTER TABLE "ArticleSearch" ADD COLUMN "date" TIMESTAMP(3);
CREATE INDEX "ArticleSearch_date_idx" ON "ArticleSearch" ("date");

-- "uk.reuters.com" -> {uk.reuters.com, reuters.com, com}: a source filter matches the host or any
-- host below it, as the filter on "ArticleSearchMeta"."host" does.
CREATE FUNCTION "search_host_suffixes"(host text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(array_to_string(s.parts[i:], '.') ORDER BY i), '{}')
  FROM (SELECT string_to_array(host, '.') AS parts) s, generate_subscripts(s.parts, 1) i
$$;

-- As before, plus the filter tokens and the date.
CREATE OR REPLACE FUNCTION "search_refresh_documents"(ids integer[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "ArticleSearch" ("articleId", "document", "date")
  SELECT a."id",
         setweight(to_tsvector('simple', search_fold(a."title")), 'A') ||
         setweight(to_tsvector('simple', search_fold(coalesce(ent."words", ''))), 'B') ||
         setweight(to_tsvector('simple', search_fold(a."summary" || ' ; ' || a."text")), 'D') ||
         coalesce(array_to_tsvector(tok."tokens"), ''::tsvector),
         coalesce(a."publishedAt", a."createdAt")
  FROM "Article" a
  LEFT JOIN LATERAL (
    SELECT string_agg(
             replace(e."slug", '-', ' ') || ' ' || e."name" ||
             coalesce(' ' || (SELECT string_agg(al."alias", ' ') FROM "EntityAlias" al WHERE al."entityId" = e."id"), ''),
             ' ; ') AS "words"
    FROM "Mention" m JOIN "Entity" e ON e."id" = m."entityId"
    WHERE m."articleId" = a."id"
  ) ent ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT t."token") AS "tokens"
    FROM (
      SELECT '@e:' || m."entityId" AS "token" FROM "Mention" m WHERE m."articleId" = a."id"
      UNION ALL
      SELECT '@c:' || c."type" FROM "Claim" c WHERE c."articleId" = a."id"
      UNION ALL
      SELECT '@l:' || a."language"
      UNION ALL
      SELECT '@n:' || lower(a."sourceName") WHERE a."sourceName" IS NOT NULL
      UNION ALL
      SELECT '@h:' || h.suffix
      FROM unnest(search_host_suffixes(lower(coalesce(substring(a."canonicalUrl" from '^[a-zA-Z][a-zA-Z0-9+.-]*://(?:www\.)?([^/:?#]+)'), '')))) AS h(suffix)
      WHERE h.suffix <> ''
      UNION ALL
      SELECT '@i:' || (a."id" >> 10)
      UNION ALL
      SELECT '@m:' || to_char(coalesce(a."publishedAt", a."createdAt"), 'YYYYMM')
    ) t
  ) tok ON true
  WHERE a."id" = ANY (ids)
  ON CONFLICT ("articleId") DO UPDATE SET "document" = EXCLUDED."document", "date" = EXCLUDED."date";
$$;

-- As before; the date, language, source name and address are in the vector (or beside it) now.
CREATE OR REPLACE FUNCTION "search_article_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_meta(ARRAY(
    SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE (n."publishedAt", n."createdAt", n."language", n."sourceName", n."canonicalUrl", n."duplicateOfId", n."relevance")
          IS DISTINCT FROM (o."publishedAt", o."createdAt", o."language", o."sourceName", o."canonicalUrl", o."duplicateOfId", o."relevance")));
  PERFORM search_refresh_documents(ARRAY(
    SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE (n."title", n."summary", n."text", n."publishedAt", n."createdAt", n."language", n."sourceName", n."canonicalUrl")
          IS DISTINCT FROM (o."title", o."summary", o."text", o."publishedAt", o."createdAt", o."language", o."sourceName", o."canonicalUrl")));
  RETURN NULL;
END $$;

-- Claims carry the claim-type tokens.
CREATE FUNCTION "search_claims_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_documents(ARRAY(SELECT DISTINCT "articleId" FROM changed_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION "search_claims_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_documents(ARRAY(
    SELECT "articleId" FROM new_rows UNION SELECT "articleId" FROM old_rows));
  RETURN NULL;
END $$;

CREATE TRIGGER "ArticleSearch_claim_insert" AFTER INSERT ON "Claim"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_claims_changed();
CREATE TRIGGER "ArticleSearch_claim_delete" AFTER DELETE ON "Claim"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_claims_changed();
CREATE TRIGGER "ArticleSearch_claim_update" AFTER UPDATE ON "Claim"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_claims_updated();

-- The matches of a query among the articles lo <= id < hi and since <= date < until, with their
-- ts_rank for `ranking` (the words alone; 0 when null), computed here while the vector is at hand.
-- Bitmap scans only, so that the GIN index and the btrees are intersected (BitmapAnd) before any
-- row is read; the planner would otherwise walk the range and decompress every vector to test it,
-- believing @@ cheap. EXECUTE, so that each call is planned with its values: a generic plan cannot
-- tell a narrow range from the whole archive, and reads every row of it.
CREATE FUNCTION "search_match_slice"(query tsquery, ranking tsquery, lo integer, hi integer, since timestamp(3), until timestamp(3))
RETURNS TABLE ("articleId" integer, "score" real)
LANGUAGE plpgsql STABLE ROWS 1000 SET enable_seqscan = off SET enable_indexscan = off
AS $$
BEGIN
  RETURN QUERY EXECUTE
    'SELECT "articleId", CASE WHEN $2 IS NULL THEN CAST(0 AS real) ELSE ts_rank("document", $2) END FROM "ArticleSearch"
     WHERE "document" @@ $1 AND "articleId" >= $3 AND "articleId" < $4 AND "date" >= $5 AND "date" < $6'
    USING query, ranking, lo, hi, since, until;
END $$;

-- Replaced by search_match_slice (every match of a query, one heap read each).
DROP FUNCTION "search_match"(tsquery);

-- Articles already stored: tokens and dates.
SELECT search_refresh_documents(ARRAY(SELECT "id" FROM "Article"));
