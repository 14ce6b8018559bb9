-- Coarser position tokens beside the fine ones of 20261125160000_search_ranges: the block of
-- 16,384 ids ("@j:6") and the quarter ("@q:2025Q4") an article lies in. A slice of the archive is
-- kept inside the GIN scan by the tokens of the blocks or months it covers; past 16 of them each
-- more token costs GIN more than the range saves (lib/store/search.ts, MAX_SLICE_TOKENS), so a wide
-- slice was left to the btree ranges, which the planner skips when it misprices a phrase, reading
-- every candidate of the archive. A wide slice now names the few coarse blocks or quarters that
-- cover it.

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
      UNION ALL
      SELECT '@j:' || (a."id" >> 14)
      UNION ALL
      SELECT '@q:' || to_char(coalesce(a."publishedAt", a."createdAt"), 'YYYY"Q"Q')
    ) t
  ) tok ON true
  WHERE a."id" = ANY (ids)
  ON CONFLICT ("articleId") DO UPDATE SET "document" = EXCLUDED."document", "date" = EXCLUDED."date";
$$;

-- Articles already stored (about 50 s per 100,000 articles).
SELECT search_refresh_documents(ARRAY(SELECT "id" FROM "Article"));
