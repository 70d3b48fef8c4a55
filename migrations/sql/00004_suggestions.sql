-- Suggested claims a reviewer dismissed for an article. Suggestions themselves
-- are not stored: the spotter recomputes them from the article's immutable
-- text on every view (a few milliseconds). A suggestion is named by its span
-- and type in that text, so a dismissal keeps matching it.

-- +goose Up
CREATE TABLE suggestion_dismissals (
    article_id   {{bigint}}  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start_pos    INTEGER  NOT NULL CHECK (start_pos >= 0),
    end_pos      INTEGER  NOT NULL CHECK (end_pos > start_pos),
    type         TEXT     NOT NULL CHECK (type IN ('money', 'market', 'percent', 'date', 'quantity', 'quote')),
    exact        TEXT     NOT NULL,
    dismissed_by {{bigint}}  REFERENCES users (id),
    dismissed_at {{timestamp}} NOT NULL,
    PRIMARY KEY (article_id, start_pos, end_pos, type)
);

-- +goose Down
DROP TABLE suggestion_dismissals;
