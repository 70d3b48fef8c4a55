-- Articles and the claims logged in them, with an append-only history.

-- +goose Up
CREATE TABLE articles (
    id           {{id}},
    title        TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    outlet       TEXT    NOT NULL DEFAULT '',
    url          TEXT    NOT NULL DEFAULT '',
    author       TEXT    NOT NULL DEFAULT '',
    published_on TEXT    NOT NULL DEFAULT '',
    lang         TEXT    NOT NULL CHECK (lang IN ('ar', 'en')),
    body         TEXT    NOT NULL,
    text_hash    TEXT    NOT NULL UNIQUE,
    created_by   {{bigint}} REFERENCES users (id),
    created_at   {{timestamp}} NOT NULL,
    updated_at   {{timestamp}} NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX articles_created ON articles (created_at, id);

CREATE TABLE claims (
    id            {{id}},
    article_id    {{bigint}} REFERENCES articles (id) ON DELETE RESTRICT,
    statement     TEXT    NOT NULL CHECK (length(statement) BETWEEN 1 AND 5000),
    restatement   TEXT    NOT NULL DEFAULT '',
    type          TEXT    NOT NULL CHECK (type IN ('money', 'market', 'percent', 'date', 'quantity', 'quote', 'attribution', 'event', 'other')),
    claimant      TEXT    NOT NULL DEFAULT '',
    claim_date    TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'researching', 'in_review', 'published')),
    priority      TEXT    NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    -- The priority as a number (1 low … 4 urgent), so "most pressing first" is an index scan.
    priority_rank INTEGER NOT NULL DEFAULT 2 CHECK (priority_rank BETWEEN 1 AND 4),
    assignee_id   {{bigint}} REFERENCES users (id),
    lang          TEXT    NOT NULL CHECK (lang IN ('ar', 'en')),
    tags          TEXT    NOT NULL DEFAULT '',
    value_json    TEXT    NOT NULL DEFAULT '{}',
    anchor_exact  TEXT    NOT NULL DEFAULT '',
    anchor_prefix TEXT    NOT NULL DEFAULT '',
    anchor_suffix TEXT    NOT NULL DEFAULT '',
    anchor_start  INTEGER,
    anchor_end    INTEGER,
    created_by    {{bigint}} REFERENCES users (id),
    created_at    {{timestamp}} NOT NULL,
    updated_at    {{timestamp}} NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    CHECK (anchor_start IS NULL OR (anchor_start >= 0 AND anchor_end > anchor_start))
);
CREATE INDEX claims_status ON claims (status, id);
CREATE INDEX claims_type ON claims (type, id);
CREATE INDEX claims_article ON claims (article_id, id);
CREATE INDEX claims_assignee ON claims (assignee_id, status, id);
CREATE INDEX claims_lang ON claims (lang, id);
CREATE INDEX claims_lang_priority ON claims (lang, priority_rank, id);
CREATE INDEX claims_updated ON claims (updated_at, id);
CREATE INDEX claims_priority ON claims (priority_rank, id);
CREATE INDEX claims_status_updated ON claims (status, updated_at, id);
CREATE INDEX claims_type_updated ON claims (type, updated_at, id);

-- Tags are kept in their own table so that a tag filter uses an index.
CREATE TABLE claim_tags (
    claim_id {{bigint}} NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    tag      TEXT    NOT NULL CHECK (length(tag) BETWEEN 1 AND 64),
    PRIMARY KEY (claim_id, tag)
);
CREATE INDEX claim_tags_tag ON claim_tags (tag, claim_id);

CREATE TABLE claim_history (
    id         {{id}},
    claim_id   {{bigint}} REFERENCES claims (id) ON DELETE CASCADE,
    article_id {{bigint}} REFERENCES articles (id) ON DELETE CASCADE,
    user_id    {{bigint}} REFERENCES users (id),
    action     TEXT    NOT NULL,
    changes    TEXT    NOT NULL DEFAULT '{}',
    created_at {{timestamp}} NOT NULL
);
CREATE INDEX claim_history_claim ON claim_history (claim_id, id);
CREATE INDEX claim_history_article ON claim_history (article_id, id);

-- History is append-only: the database itself refuses edits.
-- +dialect sqlite
-- +goose StatementBegin
CREATE TRIGGER claim_history_no_update BEFORE UPDATE ON claim_history
BEGIN
    SELECT RAISE(ABORT, 'claim history is append-only');
END;
-- +goose StatementEnd
-- +dialect postgres
-- +goose StatementBegin
CREATE FUNCTION claim_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'claim history is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER claim_history_no_update BEFORE UPDATE ON claim_history
    FOR EACH ROW EXECUTE FUNCTION claim_history_append_only();
-- +dialect all

-- +goose Down
-- +dialect sqlite
DROP TRIGGER claim_history_no_update;
-- +dialect postgres
DROP TRIGGER claim_history_no_update ON claim_history;
DROP FUNCTION claim_history_append_only();
-- +dialect all
DROP TABLE claim_history;
DROP TABLE claim_tags;
DROP TABLE claims;
DROP TABLE articles;
