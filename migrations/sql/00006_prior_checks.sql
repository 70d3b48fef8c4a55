-- Prior checks: fact-checks published by other desks (ClaimReview), imported
-- so that new claims can be matched against them; and CSV uploads of claims
-- waiting for their column mapping. One text for both engines.

-- +goose Up
-- One row per import run: who imported which file, what came of it.
CREATE TABLE prior_imports (
    id          {{id}},
    source      TEXT     NOT NULL DEFAULT '',  -- file name, or "-" for standard input
    format      TEXT     NOT NULL DEFAULT '',  -- json-array, json-lines, json, html
    user_id     {{bigint}}  REFERENCES users (id),
    records     INTEGER  NOT NULL DEFAULT 0,   -- reviews read
    added       INTEGER  NOT NULL DEFAULT 0,
    duplicates  INTEGER  NOT NULL DEFAULT 0,   -- already stored (by natural key)
    failed      INTEGER  NOT NULL DEFAULT 0,   -- records refused
    noted       INTEGER  NOT NULL DEFAULT 0,   -- records kept with a remark
    problems    TEXT     NOT NULL DEFAULT '[]', -- JSON: refused records and remarks, with positions
    created_at  {{timestamp}} NOT NULL
);
CREATE INDEX prior_imports_created ON prior_imports (created_at, id);

CREATE TABLE prior_checks (
    id              {{id}},
    -- sha256 of the normalised review URL and claim text: importing twice adds nothing.
    natural_key     TEXT     NOT NULL UNIQUE,
    claim_text      TEXT     NOT NULL CHECK (length(claim_text) BETWEEN 1 AND 5000),
    claimant        TEXT     NOT NULL DEFAULT '',
    claim_date      TEXT     NOT NULL DEFAULT '',  -- YYYY-MM-DD when it could be read
    claim_date_text TEXT     NOT NULL DEFAULT '',  -- as published
    publisher_name  TEXT     NOT NULL DEFAULT '',
    publisher_site  TEXT     NOT NULL DEFAULT '',
    review_url      TEXT     NOT NULL DEFAULT '',  -- http(s) only
    review_title    TEXT     NOT NULL DEFAULT '',
    rating          TEXT     NOT NULL DEFAULT '',  -- the textual rating as published
    rating_value    {{float}},
    best_rating     {{float}},
    worst_rating    {{float}},
    lang            TEXT     NOT NULL DEFAULT '',
    review_date     TEXT     NOT NULL DEFAULT '',
    review_date_text TEXT    NOT NULL DEFAULT '',
    -- Normalised text for search (claim, claimant, title).
    search_text     TEXT     NOT NULL DEFAULT '',
    raw             TEXT     NOT NULL,             -- the record as published, for provenance
    import_id       {{bigint}}  REFERENCES prior_imports (id) ON DELETE SET NULL,
    created_at      {{timestamp}} NOT NULL
);
CREATE INDEX prior_checks_review_date ON prior_checks (review_date, id);
CREATE INDEX prior_checks_publisher ON prior_checks (publisher_name, review_date, id);
CREATE INDEX prior_checks_lang ON prior_checks (lang, review_date, id);
CREATE INDEX prior_checks_rating ON prior_checks (rating, review_date, id);
CREATE INDEX prior_checks_import ON prior_checks (import_id);

-- A CSV file of claims between its upload and the column mapping; after the
-- import its content is dropped and the outcome kept.
CREATE TABLE claim_imports (
    id          {{id}},
    user_id     {{bigint}}  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    article_id  {{bigint}}  REFERENCES articles (id) ON DELETE SET NULL,
    file_name   TEXT     NOT NULL DEFAULT '',
    content     TEXT     NOT NULL DEFAULT '',
    created_at  {{timestamp}} NOT NULL,
    done_at     {{timestamp}},
    added       INTEGER  NOT NULL DEFAULT 0,
    problems    TEXT     NOT NULL DEFAULT '[]'
);
CREATE INDEX claim_imports_user ON claim_imports (user_id, id);
CREATE INDEX claim_imports_created ON claim_imports (created_at);

-- +goose Down
DROP TABLE claim_imports;
DROP TABLE prior_checks;
DROP TABLE prior_imports;
