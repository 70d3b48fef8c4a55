-- Search and "checked before": one index over claims, articles, sources,
-- verdict conclusions and prior checks, written by Go code
-- (claims/searchindex) inside the transaction of each write; and the links
-- between a claim and its twins (the same claim logged again, or checked by
-- another desk).
--
-- The tables search_docs, search_terms and claim_links are portable SQL. The
-- word index differs per engine, and migrations/search.go is the one Go file
-- that queries it: on SQLite two FTS5 virtual tables and a trigger; on
-- PostgreSQL a table of term arrays with a GIN index, and pg_trgm (created in
-- 00003) over search_terms.term for parts of words.

-- +goose Up
-- One row per indexed record. id is ref_id * 8 + the kind's code, so it is
-- stable across edits and orders the records of one kind oldest to newest.
CREATE TABLE search_docs (
    id       {{bigint}} PRIMARY KEY,
    kind     TEXT    NOT NULL CHECK (kind IN ('claim', 'article', 'source', 'verdict', 'prior')),
    ref_id   {{bigint}} NOT NULL,
    lang     TEXT    NOT NULL DEFAULT '',
    status   TEXT    NOT NULL DEFAULT '',
    label_id {{bigint}},
    day      TEXT    NOT NULL DEFAULT '',  -- YYYY-MM-DD: the date filters use it
    -- Figures, quotations and names read from the text (space separated
    -- markers), which "checked before" compares without reading the text again.
    features TEXT    NOT NULL DEFAULT ''
);

-- The vocabulary of the index: every term ever indexed, with the number of
-- records it was indexed for (for ranking and to pick a claim's rarest
-- words). Partial words and short prefixes are expanded through it.
CREATE TABLE search_terms (
    id    {{id}},
    term  TEXT    NOT NULL UNIQUE,
    docs  INTEGER NOT NULL DEFAULT 0
);

-- "Same claim as": a claim linked to another claim of the desk (stored once,
-- the smaller id first) or to a prior check by another desk.
CREATE TABLE claim_links (
    id             {{id}},
    claim_id       {{bigint}}  NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    twin_claim_id  {{bigint}}  REFERENCES claims (id) ON DELETE CASCADE,
    prior_check_id {{bigint}}  REFERENCES prior_checks (id) ON DELETE CASCADE,
    created_by     {{bigint}}  REFERENCES users (id),
    created_at     {{timestamp}} NOT NULL,
    CHECK ((twin_claim_id IS NULL) <> (prior_check_id IS NULL)),
    CHECK (twin_claim_id IS NULL OR claim_id < twin_claim_id)
);
CREATE UNIQUE INDEX claim_links_twin ON claim_links (claim_id, twin_claim_id) WHERE twin_claim_id IS NOT NULL;
CREATE UNIQUE INDEX claim_links_prior ON claim_links (claim_id, prior_check_id) WHERE prior_check_id IS NOT NULL;
CREATE INDEX claim_links_other ON claim_links (twin_claim_id);

-- +dialect sqlite
-- SQLite: the word index: one row per search_docs row (same
-- rowid), holding its terms and markers. Contentless (the terms are not stored
-- twice) with deletes, and no positions (detail=none): it answers "which
-- records hold these terms", newest first, and ranking is done in Go. A term
-- is anything between spaces: Go has already cut and folded the words.
CREATE VIRTUAL TABLE search_fts USING fts5 (
    terms, content = '', contentless_delete = 1, detail = none,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S* Cf Cn'"
);

-- Trigrams of the vocabulary: the terms that contain a part of a word.
CREATE VIRTUAL TABLE search_terms_fts USING fts5 (term, content = '', tokenize = 'trigram');

-- Markers (private-use characters) are never searched as parts of words.
-- +goose StatementBegin
CREATE TRIGGER search_terms_fts_insert AFTER INSERT ON search_terms
WHEN unicode(new.term) NOT BETWEEN 57344 AND 63743
BEGIN
    INSERT INTO search_terms_fts (rowid, term) VALUES (new.id, new.term);
END;
-- +goose StatementEnd
-- +dialect postgres
-- PostgreSQL: the word index is one row per search_docs row (same id) with
-- its terms as an array; the GIN index answers "which records hold these
-- terms" (terms && / @> ARRAY[...]). Parts of words are found through a
-- trigram index over the vocabulary.
CREATE TABLE search_fts (
    id    BIGINT PRIMARY KEY,
    terms TEXT[] NOT NULL
);
CREATE INDEX search_fts_terms ON search_fts USING GIN (terms);
CREATE INDEX search_terms_trgm ON search_terms USING GIN (term gin_trgm_ops);
-- +dialect all

-- +goose Down
-- +dialect sqlite
DROP TRIGGER search_terms_fts_insert;
DROP TABLE search_terms_fts;
-- +dialect postgres
DROP INDEX search_terms_trgm;
-- +dialect all
DROP TABLE search_fts;
DROP TABLE claim_links;
DROP TABLE search_terms;
DROP TABLE search_docs;
