-- A `source:` filter, read as exact hosts (lib/store/search/hosts.ts) on SQLite, walks one
-- host's articles newest first and stops at its limit, without sorting them all. PostgreSQL keeps
-- sources as tokens of its text index; it gets the same index so both databases keep one schema.
CREATE INDEX "ArticleSearchMeta_host_date_idx" ON "ArticleSearchMeta" ("host", "date", "articleId");
DROP INDEX "ArticleSearchMeta_host_idx";
