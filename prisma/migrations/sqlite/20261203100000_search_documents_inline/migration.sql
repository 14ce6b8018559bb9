-- PostgreSQL only (where a search vector is kept in its row: see
-- prisma/migrations/postgresql/20261203100000_search_documents_inline). SQLite's FTS5 index keeps
-- its own pages and needs nothing here.
SELECT 1;
