-- PostgreSQL only (its search reads what it needs of each match with the match; see
-- prisma/migrations/postgresql/20261203013000_search_slice_columns). SQLite counts its facets in the
-- search's own statement and needs nothing here.
SELECT 1;
