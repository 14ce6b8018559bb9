-- The same index as on SQLite, so both databases keep one schema: a source's articles by host,
-- newest first. PostgreSQL's own `source:` filter goes through its text index; lookups by host
-- alone use this index's first column as they used the one it replaces.
CREATE INDEX "ArticleSearchMeta_host_date_idx" ON "ArticleSearchMeta" ("host", "date", "articleId");
DROP INDEX "ArticleSearchMeta_host_idx";
