-- The library of sources shared by the desk, the evidence that links a source
-- to a claim, and the append-only history of every change to a source.

-- +goose Up
CREATE TABLE sources (
    id           {{id}},
    url          TEXT    NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
    -- The URL reduced to one form (see sources.NormalizeURL): a second entry of
    -- the same page finds the first instead of making a duplicate.
    url_norm     TEXT    NOT NULL UNIQUE CHECK (length(url_norm) BETWEEN 1 AND 2048),
    title        TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    publisher    TEXT    NOT NULL DEFAULT '',
    author       TEXT    NOT NULL DEFAULT '',
    published_on TEXT    NOT NULL DEFAULT '',
    accessed_on  TEXT    NOT NULL DEFAULT '',
    archive_url  TEXT    NOT NULL DEFAULT '' CHECK (length(archive_url) <= 2048),
    kind         TEXT    NOT NULL CHECK (kind IN ('primary', 'official', 'dataset', 'news', 'expert', 'social', 'other')),
    lang         TEXT    NOT NULL DEFAULT '' CHECK (lang IN ('', 'ar', 'en', 'fr', 'es', 'de', 'zh', 'ru', 'pt', 'fa', 'tr', 'other')),
    notes        TEXT    NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    -- Title, publisher, author, URL and notes folded for search (claims/fold):
    -- never shown, only matched against a query folded the same way.
    search_text  TEXT    NOT NULL DEFAULT '',
    created_by   {{bigint}} REFERENCES users (id),
    created_at   {{timestamp}} NOT NULL,
    updated_at   {{timestamp}} NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
-- The list is newest first (id DESC) and pages with a cursor on id; each
-- filter has an index that keeps that order.
CREATE INDEX sources_kind ON sources (kind, id);
CREATE INDEX sources_lang ON sources (lang, id);
CREATE INDEX sources_kind_lang ON sources (kind, lang, id);

CREATE TABLE evidence (
    id         {{id}},
    claim_id   {{bigint}} NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    source_id  {{bigint}} NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    stance     TEXT    NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
    passage    TEXT    NOT NULL DEFAULT '' CHECK (length(passage) <= 5000),
    location   TEXT    NOT NULL DEFAULT '' CHECK (length(location) <= 300),
    note       TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    created_by {{bigint}} REFERENCES users (id),
    created_at {{timestamp}} NOT NULL,
    updated_at {{timestamp}} NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
-- A claim's evidence, and the counts per stance for a page of claims.
CREATE INDEX evidence_claim ON evidence (claim_id, stance, id);
-- The claims a source is used for (and the refusal to delete it).
CREATE INDEX evidence_source ON evidence (source_id, claim_id);

CREATE TABLE source_history (
    id         {{id}},
    -- No foreign key: the history of a deleted source, its deletion included, stays.
    source_id  {{bigint}} NOT NULL,
    user_id    {{bigint}} REFERENCES users (id),
    action     TEXT    NOT NULL,
    changes    TEXT    NOT NULL DEFAULT '[]',
    created_at {{timestamp}} NOT NULL
);
CREATE INDEX source_history_source ON source_history (source_id, id);

-- History is append-only: the database itself refuses edits and deletions.
-- +dialect sqlite
-- +goose StatementBegin
CREATE TRIGGER source_history_no_update BEFORE UPDATE ON source_history
BEGIN
    SELECT RAISE(ABORT, 'source history is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER source_history_no_delete BEFORE DELETE ON source_history
BEGIN
    SELECT RAISE(ABORT, 'source history is append-only');
END;
-- +goose StatementEnd
-- +dialect postgres
-- +goose StatementBegin
CREATE FUNCTION source_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'source history is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER source_history_no_update BEFORE UPDATE ON source_history
    FOR EACH ROW EXECUTE FUNCTION source_history_append_only();
CREATE TRIGGER source_history_no_delete BEFORE DELETE ON source_history
    FOR EACH ROW EXECUTE FUNCTION source_history_append_only();
-- +dialect all

-- Substring search over search_text (already folded in Go by claims/fold, so
-- both engines index the same text); migrations.TextMatch is the one place
-- that queries these indexes.
-- +dialect sqlite
-- SQLite: a trigram full-text index kept in step with the table by triggers.
CREATE VIRTUAL TABLE sources_fts USING fts5 (search_text, content = 'sources', content_rowid = 'id', tokenize = 'trigram');

-- +goose StatementBegin
CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources
BEGIN
    INSERT INTO sources_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources
BEGIN
    INSERT INTO sources_fts (sources_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sources_fts_update AFTER UPDATE OF search_text ON sources
BEGIN
    INSERT INTO sources_fts (sources_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO sources_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd

-- Words of one or two letters are too short for trigrams: they match the
-- beginning of a word, through a word index with one- and two-letter prefixes.
CREATE VIRTUAL TABLE sources_words USING fts5 (search_text, content = 'sources', content_rowid = 'id', tokenize = 'unicode61', prefix = '1 2');

-- +goose StatementBegin
CREATE TRIGGER sources_words_insert AFTER INSERT ON sources
BEGIN
    INSERT INTO sources_words (rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sources_words_delete AFTER DELETE ON sources
BEGIN
    INSERT INTO sources_words (sources_words, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sources_words_update AFTER UPDATE OF search_text ON sources
BEGIN
    INSERT INTO sources_words (sources_words, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO sources_words (rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd
-- +dialect postgres
-- PostgreSQL: a pg_trgm GIN index answers LIKE '%word%' for words of three
-- characters or more. Shorter words match the beginning of a word through
-- search_words, the words of search_text as a tsvector ('simple'
-- configuration: no stemming, no stop words), with a GIN index for prefix
-- queries. translate() first turns the punctuation that PostgreSQL's parser
-- reads as URLs, e-mails, numbers or paths into spaces, so the words are
-- those SQLite's unicode61 tokenizer sees (migrations.TextMatch splits a
-- query at the same characters). The column is stored, not an index
-- expression, so that checking a row costs no parsing whichever plan the
-- planner picks. Both follow the table by themselves.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX sources_search_trgm ON sources USING gin (search_text gin_trgm_ops);
ALTER TABLE sources ADD COLUMN search_words tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', translate(search_text, '-./:;<=>@&#%+_~', '               '))) STORED;
CREATE INDEX sources_search_words ON sources USING gin (search_words);
-- +dialect all

-- +goose Down
-- +dialect sqlite
DROP TRIGGER sources_words_update;
DROP TRIGGER sources_words_delete;
DROP TRIGGER sources_words_insert;
DROP TABLE sources_words;
DROP TRIGGER sources_fts_update;
DROP TRIGGER sources_fts_delete;
DROP TRIGGER sources_fts_insert;
DROP TABLE sources_fts;
DROP TRIGGER source_history_no_delete;
DROP TRIGGER source_history_no_update;
-- +dialect postgres
DROP INDEX sources_search_words;
ALTER TABLE sources DROP COLUMN search_words;
DROP INDEX sources_search_trgm;
DROP TRIGGER source_history_no_delete ON source_history;
DROP TRIGGER source_history_no_update ON source_history;
DROP FUNCTION source_history_append_only();
-- +dialect all
DROP TABLE source_history;
DROP TABLE evidence;
DROP TABLE sources;
