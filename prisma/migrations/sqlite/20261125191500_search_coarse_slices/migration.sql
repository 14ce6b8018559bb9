-- PostgreSQL only (coarse position tokens in the search vector); SQLite's FTS5 index needs none.
SELECT 1;
