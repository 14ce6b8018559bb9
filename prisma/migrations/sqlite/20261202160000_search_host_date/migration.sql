-- SQLite only: a `source:` filter, read as exact hosts (lib/store/search/hosts.ts), walks one
-- host's articles newest first and stops at its limit, without sorting them all. PostgreSQL keeps
-- sources as tokens of its text index and needs no such index.
CREATE INDEX "ArticleSearchMeta_host_date_idx" ON "ArticleSearchMeta" ("host", "date", "articleId");
DROP INDEX "ArticleSearchMeta_host_idx";
