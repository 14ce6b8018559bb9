-- PostgreSQL only (how search_match_slice states a slice's bounds); SQLite's FTS5 index needs none.
SELECT 1;
