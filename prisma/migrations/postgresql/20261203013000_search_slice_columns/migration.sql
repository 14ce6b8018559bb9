-- What a search by slices (lib/store/search/slices.ts) reads of each match, kept in its row of
-- "ArticleSearch" beside the vector: whether it is an original, its relevance, language, source
-- (name, else host), the ids of the entities it mentions and the types of its claims (each list
-- as text, comma-separated: turning arrays into text for the client cost 2.5 ms per 1,000
-- matches, more than reading them). The slice's
-- bitmap scan reads that row anyway (for the date and the rank); reading the same columns from
-- "ArticleSearchMeta" cost a primary-key probe per match (about 2.5 ms per 1,000 matches at
-- 100,000 articles), and counting the entity and claim facets a second statement probing
-- "Mention" and "Claim" per match (about 5 ms a search). The facets are now counted from the
-- matches' lists. Whether an entity is verified is read when they are counted, so verifying one
-- needs no refresh here.
-- Written by search_refresh_documents (every change of an article's text, mentions or claims
-- already calls it) and, for an article whose duplicate mark, relevance or source changes, by
-- search_refresh_meta.

ALTER TABLE "ArticleSearch"
  ADD COLUMN "isOriginal" BOOLEAN NOT NULL DEFAULT true,
  ADD COLUMN "relevance" DOUBLE PRECISION NOT NULL DEFAULT 0,
  ADD COLUMN "language" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "source" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "entityIdList" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "claimTypeList" TEXT NOT NULL DEFAULT '';

-- As in 20261202100000_search_cjk_grams, with the columns above.
CREATE OR REPLACE FUNCTION "search_refresh_documents"(ids integer[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "ArticleSearch" ("articleId", "document", "date", "isOriginal", "relevance", "language", "source", "entityIdList", "claimTypeList")
  SELECT a."id",
         setweight(to_tsvector('simple', search_fold(a."title")), 'A') ||
         setweight(to_tsvector('simple', search_fold(coalesce(ent."words", ''))), 'B') ||
         setweight(to_tsvector('simple', a."searchGrams"), 'D') ||
         setweight(to_tsvector('simple', search_fold(a."summary" || ' ; ' || a."text")), 'D') ||
         coalesce(array_to_tsvector(tok."tokens"), ''::tsvector),
         coalesce(a."publishedAt", a."createdAt"),
         a."duplicateOfId" IS NULL,
         a."relevance",
         a."language",
         coalesce(a."sourceName", lower(coalesce(substring(a."canonicalUrl" from '^[a-zA-Z][a-zA-Z0-9+.-]*://(?:www\.)?([^/:?#]+)'), ''))),
         coalesce(ent."entities", ''),
         coalesce((SELECT string_agg(DISTINCT c."type", ',' ORDER BY c."type") FROM "Claim" c WHERE c."articleId" = a."id"), '')
  FROM "Article" a
  LEFT JOIN LATERAL (
    SELECT string_agg(
             replace(e."slug", '-', ' ') || ' ' || e."name" ||
             coalesce(' ' || (SELECT string_agg(al."alias", ' ') FROM "EntityAlias" al WHERE al."entityId" = e."id"), ''),
             ' ; ') AS "words",
           -- Not "ids": a column of that name would hide the function's argument below.
           string_agg(CAST(e."id" AS TEXT), ',' ORDER BY e."id") AS "entities"
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
      UNION ALL
      SELECT '@j:' || (a."id" >> 14)
      UNION ALL
      SELECT '@q:' || to_char(coalesce(a."publishedAt", a."createdAt"), 'YYYY"Q"Q')
    ) t
  ) tok ON true
  WHERE a."id" = ANY (ids)
  ON CONFLICT ("articleId") DO UPDATE SET
    "document" = EXCLUDED."document", "date" = EXCLUDED."date", "isOriginal" = EXCLUDED."isOriginal",
    "relevance" = EXCLUDED."relevance", "language" = EXCLUDED."language", "source" = EXCLUDED."source",
    "entityIdList" = EXCLUDED."entityIdList", "claimTypeList" = EXCLUDED."claimTypeList";
$$;

-- As in 20261125140000_search, and the same columns of "ArticleSearch" (an article's duplicate
-- mark or relevance changes without a refresh of its vector).
CREATE OR REPLACE FUNCTION "search_refresh_meta"(ids integer[]) RETURNS void
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

  UPDATE "ArticleSearch" s
  SET "isOriginal" = m."isOriginal", "relevance" = m."relevance", "language" = m."language",
      "source" = coalesce(m."sourceName", m."host")
  FROM "ArticleSearchMeta" m
  WHERE m."articleId" = ANY (ids) AND s."articleId" = m."articleId"
    AND (s."isOriginal", s."relevance", s."language", s."source")
        IS DISTINCT FROM (m."isOriginal", m."relevance", m."language", coalesce(m."sourceName", m."host"));
$$;

-- As in 20261126023000_search_slice_bounds, returning the columns above with each match.
DROP FUNCTION "search_match_slice"(tsquery, tsquery, integer, integer, timestamp(3), timestamp(3), boolean, boolean);

CREATE FUNCTION "search_match_slice"(query tsquery, ranking tsquery, lo integer, hi integer, since timestamp(3), until timestamp(3),
                                     ids_by_tokens boolean, dates_by_tokens boolean)
RETURNS TABLE ("articleId" integer, "score" real, "date" timestamp(3), "isOriginal" boolean, "relevance" double precision,
               "language" text, "source" text, "entityIdList" text, "claimTypeList" text)
LANGUAGE plpgsql STABLE ROWS 1000 SET enable_seqscan = off SET enable_indexscan = off
AS $$
BEGIN
  RETURN QUERY EXECUTE
    'SELECT "articleId", CASE WHEN $2 IS NULL THEN CAST(0 AS real) ELSE ts_rank("document", $2) END,
            "date", "isOriginal", "relevance", "language", "source", "entityIdList", "claimTypeList"
     FROM "ArticleSearch" WHERE "document" @@ $1 AND '
    || CASE WHEN ids_by_tokens THEN '("articleId" + 0) >= $3 AND ("articleId" + 0) < $4' ELSE '"articleId" >= $3 AND "articleId" < $4' END
    || ' AND '
    || CASE WHEN dates_by_tokens THEN '("date" + interval ''0 s'') >= $5 AND ("date" + interval ''0 s'') < $6' ELSE '"date" >= $5 AND "date" < $6' END
    USING query, ranking, lo, hi, since, until;
END $$;

-- Articles already stored: copied from "ArticleSearchMeta" and the mentions and claims.
UPDATE "ArticleSearch" s
SET "isOriginal" = m."isOriginal", "relevance" = m."relevance", "language" = m."language",
    "source" = coalesce(m."sourceName", m."host"),
    "entityIdList" = coalesce((SELECT string_agg(CAST(me."entityId" AS TEXT), ',' ORDER BY me."entityId") FROM "Mention" me WHERE me."articleId" = s."articleId"), ''),
    "claimTypeList" = coalesce((SELECT string_agg(DISTINCT c."type", ',' ORDER BY c."type") FROM "Claim" c WHERE c."articleId" = s."articleId"), '')
FROM "ArticleSearchMeta" m
WHERE m."articleId" = s."articleId";
