-- Chinese, Japanese and Korean text searchable inside runs written without spaces: each article
-- carries its CJK runs as overlapping character pairs ("searchGrams", written with the article by
-- lib/search/cjk.ts), indexed as body words (weight D) placed before the body, so that their
-- positions stay under tsvector's 16,383 and a phrase of pairs matches. Articles stored before
-- this migration get theirs from `cli search reindex`.

ALTER TABLE "Article" ADD COLUMN "searchGrams" TEXT NOT NULL DEFAULT '';

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
$$;

CREATE OR REPLACE FUNCTION "search_article_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_meta(ARRAY(
    SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE (n."publishedAt", n."createdAt", n."language", n."sourceName", n."canonicalUrl", n."duplicateOfId", n."relevance")
          IS DISTINCT FROM (o."publishedAt", o."createdAt", o."language", o."sourceName", o."canonicalUrl", o."duplicateOfId", o."relevance")));
  PERFORM search_refresh_documents(ARRAY(
    SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE (n."title", n."summary", n."text", n."searchGrams", n."publishedAt", n."createdAt", n."language", n."sourceName", n."canonicalUrl")
          IS DISTINCT FROM (o."title", o."summary", o."text", o."searchGrams", o."publishedAt", o."createdAt", o."language", o."sourceName", o."canonicalUrl")));
  RETURN NULL;
END $$;
