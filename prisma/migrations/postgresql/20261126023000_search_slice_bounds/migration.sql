-- search_match_slice states a slice's exact bounds so that the planner cannot answer them from the
-- btree indexes when the slice's position tokens already keep GIN inside it (lib/store/search.ts,
-- sliceTokenGroups). With the bounds indexable, the planner ANDed the GIN bitmap (1,270 matches)
-- with a date-range bitmap of 46,000 rows it had to build first: 58-84 ms for that slice, 33 ms
-- with the bounds checked on the matched rows only. A side with no tokens (an unbounded side, or a
-- slice too wide to name) keeps its indexable form, where the btree is the only way to narrow it.
DROP FUNCTION "search_match_slice"(tsquery, tsquery, integer, integer, timestamp(3), timestamp(3));

CREATE FUNCTION "search_match_slice"(query tsquery, ranking tsquery, lo integer, hi integer, since timestamp(3), until timestamp(3),
                                     ids_by_tokens boolean, dates_by_tokens boolean)
RETURNS TABLE ("articleId" integer, "score" real)
LANGUAGE plpgsql STABLE ROWS 1000 SET enable_seqscan = off SET enable_indexscan = off
AS $$
BEGIN
  RETURN QUERY EXECUTE
    'SELECT "articleId", CASE WHEN $2 IS NULL THEN CAST(0 AS real) ELSE ts_rank("document", $2) END FROM "ArticleSearch" WHERE "document" @@ $1 AND '
    || CASE WHEN ids_by_tokens THEN '("articleId" + 0) >= $3 AND ("articleId" + 0) < $4' ELSE '"articleId" >= $3 AND "articleId" < $4' END
    || ' AND '
    || CASE WHEN dates_by_tokens THEN '("date" + interval ''0 s'') >= $5 AND ("date" + interval ''0 s'') < $6' ELSE '"date" >= $5 AND "date" < $6' END
    USING query, ranking, lo, hi, since, until;
END $$;
