-- PostgreSQL: the vocabulary's terms in byte order (COLLATE "C"), for the
-- terms a short word starts with (migrations.SearchTermsLookup). The
-- unique index on term sorts by the database's collation, which a prefix
-- cannot be looked up in: starts_with read all 90,000 terms of a
-- million-claim desk (9-13 ms) to find none. In byte order a prefix is a
-- range, and a range can be asked with the prefix as a parameter, so the
-- statement is planned once. SQLite compares text byte by byte already
-- and uses the unique index.

-- +goose Up
-- +dialect postgres
CREATE INDEX IF NOT EXISTS search_terms_term_c ON search_terms (term COLLATE "C");
-- +dialect all

-- +goose Down
-- +dialect postgres
DROP INDEX IF EXISTS search_terms_term_c;
-- +dialect all
