-- search_match_slice with a second ranking query: the words as typed, added to the rank of the
-- words with their other forms (lib/store/search/lexemes.ts). ts_rank counts each form apart and a
-- repeated word once, so an article writing three rare forms once outranked one writing the typed
-- word five times; the typed words' own rank restores the balance (SQLite counts them twice).
CREATE FUNCTION "search_match_slice"(query tsquery, ranking tsquery, lo integer, hi integer, since timestamp(3), until timestamp(3),
                                     ids_by_tokens boolean, dates_by_tokens boolean, typed tsquery)
RETURNS TABLE ("articleId" integer, "score" real)
LANGUAGE plpgsql STABLE ROWS 1000 SET enable_seqscan = off SET enable_indexscan = off
AS $$
BEGIN
  RETURN QUERY EXECUTE
    'SELECT "articleId", CASE WHEN $2 IS NULL THEN CAST(0 AS real) ELSE ts_rank("document", $2) + CASE WHEN $7 IS NULL THEN CAST(0 AS real) ELSE ts_rank("document", $7) END END FROM "ArticleSearch" WHERE "document" @@ $1 AND '
    || CASE WHEN ids_by_tokens THEN '("articleId" + 0) >= $3 AND ("articleId" + 0) < $4' ELSE '"articleId" >= $3 AND "articleId" < $4' END
    || ' AND '
    || CASE WHEN dates_by_tokens THEN '("date" + interval ''0 s'') >= $5 AND ("date" + interval ''0 s'') < $6' ELSE '"date" >= $5 AND "date" < $6' END
    USING query, ranking, lo, hi, since, until, typed;
END $$;
