-- Nothing to do on SQLite: FTS5 already walks its matches newest first and stops at a LIMIT.
-- This migration exists so that both databases carry the same migration ids
-- (see prisma/migrations/postgresql/20261125160000_search_ranges).
SELECT 1;
