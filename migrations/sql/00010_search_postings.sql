-- PostgreSQL: the word index's postings, one row per (term, record), in a
-- B-tree. GIN (search_fts_terms) answers "which records hold these terms"
-- but hands them out in no order, and reading a match from it costs a heap
-- page; FTS5 on SQLite hands them out by id. This table gives PostgreSQL the
-- same: a term's records newest (or oldest) first, read from the index alone,
-- so that a query stops after the page it needs. It is derived from
-- search_fts and written with it (migrations/search.go). SQLite needs
-- nothing here.

-- +goose Up
-- +dialect postgres
CREATE TABLE search_postings (
    term TEXT   NOT NULL,
    id   BIGINT NOT NULL,
    PRIMARY KEY (term, id)
);
INSERT INTO search_postings (term, id)
SELECT DISTINCT t, f.id FROM search_fts f, unnest(f.terms) AS t WHERE t <> '';
-- The planner's view of term frequencies: the most common terms are worth
-- knowing one by one.
ALTER TABLE search_postings ALTER COLUMN term SET STATISTICS 1000;
-- +dialect all

-- +goose Down
-- +dialect postgres
DROP TABLE search_postings;
-- +dialect all
