-- Accounts, sessions and sign-in throttling. Sessions live here (not in
-- memory) so that several servers on one database accept the same session.

-- +goose Up
CREATE TABLE users (
    id            {{id}},
    email         TEXT    NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role          TEXT    NOT NULL CHECK (role IN ('reviewer', 'editor', 'admin')),
    password_hash TEXT    NOT NULL,
    lang          TEXT    NOT NULL DEFAULT '' CHECK (lang IN ('', 'ar', 'en')),
    disabled_at   {{timestamp}},
    created_at    {{timestamp}} NOT NULL,
    updated_at    {{timestamp}} NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX users_role ON users (role);

CREATE TABLE sessions (
    token_hash TEXT     PRIMARY KEY,
    user_id    {{bigint}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at {{timestamp}} NOT NULL,
    expires_at {{timestamp}} NOT NULL,
    client     TEXT     NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE login_failures (
    id         {{id}},
    account    TEXT     NOT NULL,
    client     TEXT     NOT NULL,
    created_at {{timestamp}} NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account, created_at);
CREATE INDEX login_failures_client ON login_failures (client, created_at);

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at {{timestamp}} NOT NULL
);

-- +goose Down
DROP TABLE settings;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE users;
