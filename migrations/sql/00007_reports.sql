-- Reports: the public links at which an editor publishes an article's report,
-- and the organisation settings the reports end with. Dates are written by the
-- application. Rendered for each engine (see doc.go: {{id}}, {{bigint}},
-- {{timestamp}}).

-- +goose Up
-- One row per publication of a report at a public, read-only address. The
-- token is random (crypto/rand) and unguessable; withdrawing sets withdrawn_at
-- and the address answers 410 at once. The application keeps at most one
-- active link per article and language (checked in the publishing transaction).
CREATE TABLE report_links (
    id           {{id}},
    article_id   {{bigint}}    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    token        TEXT          NOT NULL UNIQUE CHECK (length(token) BETWEEN 20 AND 100),
    lang         TEXT          NOT NULL CHECK (lang IN ('ar', 'en')),
    created_by   {{bigint}}    REFERENCES users (id),
    created_at   {{timestamp}} NOT NULL,
    withdrawn_by {{bigint}}    REFERENCES users (id),
    withdrawn_at {{timestamp}}
);
CREATE INDEX report_links_article ON report_links (article_id, lang, id);

-- The organisation settings (desk name, address, methodology, corrections
-- policy) live in the existing settings table as org.* keys, with
-- org.version making their edits optimistic like every other edit; the
-- application writes them (INSERT … ON CONFLICT), so nothing is seeded here.

-- +goose Down
DELETE FROM settings WHERE key LIKE 'org.%';
DROP TABLE report_links;
