-- PostgreSQL only (its search reads each match's entity ids and claim types with the match; see
-- prisma/migrations/postgresql/20261203013000_search_facet_lists). SQLite counts its facets in the
-- search's own statement and needs nothing here.
SELECT 1;
