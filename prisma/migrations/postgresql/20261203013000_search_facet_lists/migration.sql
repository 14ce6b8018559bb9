-- Each article's entity ids and claim types beside its other search columns in "ArticleSearchMeta",
-- so that a search by slices (lib/store/search/slices.ts) reads them with each match and counts
-- the entity and claim facets itself. Counting them in a second statement probed "Mention" and
-- "Claim" once per match: about 5 ms of database time on every search at 100,000 articles.
-- Kept by search_refresh_documents, which every change of an article's mentions or claims
-- already calls (the triggers of 20261125140000_search and 20261125160000_search_ranges).
-- Whether an entity is verified is read when the facets are counted, so verifying one needs no
-- refresh here.

ALTER TABLE "ArticleSearchMeta"
  ADD COLUMN "entityIds" INTEGER[] NOT NULL DEFAULT '{}',
  ADD COLUMN "claimTypes" TEXT[] NOT NULL DEFAULT '{}';

CREATE FUNCTION "search_refresh_facet_lists"(ids integer[]) RETURNS void
LANGUAGE sql
AS $$
  UPDATE "ArticleSearchMeta" m
  SET "entityIds" = f."entityIds", "claimTypes" = f."claimTypes"
  FROM (
    SELECT x."articleId",
           coalesce((SELECT array_agg(DISTINCT me."entityId" ORDER BY me."entityId") FROM "Mention" me WHERE me."articleId" = x."articleId"), '{}') AS "entityIds",
           coalesce((SELECT array_agg(DISTINCT c."type" ORDER BY c."type") FROM "Claim" c WHERE c."articleId" = x."articleId"), '{}') AS "claimTypes"
    FROM "ArticleSearchMeta" x
    WHERE x."articleId" = ANY (ids)
  ) f
  WHERE m."articleId" = f."articleId"
    AND (m."entityIds", m."claimTypes") IS DISTINCT FROM (f."entityIds", f."claimTypes");
$$;

-- As in 20261202100000_search_cjk_grams, then the facet lists.
CREATE OR REPLACE FUNCTION "search_refresh_documents"(ids integer[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO "ArticleSearch" ("articleId", "document", "date")
  SELECT a."id",
         setweight(to_tsvector('simple', search_fold(a."title")), 'A') ||
         setweight(to_tsvector('simple', search_fold(coalesce(ent."words", ''))), 'B') ||
         setweight(to_tsvector('simple', a."searchGrams"), 'D') ||
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

  SELECT search_refresh_facet_lists(ids);
$$;

-- Articles already stored.
SELECT search_refresh_facet_lists(ARRAY(SELECT "articleId" FROM "ArticleSearchMeta"));
