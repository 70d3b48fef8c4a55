-- Verdicts and editorial review: the desk's rating scale, the verdicts
-- proposed on claims (one row per version), the editors' decisions on them,
-- and the comment thread of each claim. One text for both engines (partial
-- indexes included).

-- +goose Up
CREATE TABLE rating_labels (
    id             {{id}},
    name_en        TEXT    NOT NULL UNIQUE CHECK (length(name_en) BETWEEN 1 AND 60),
    name_ar        TEXT    NOT NULL UNIQUE CHECK (length(name_ar) BETWEEN 1 AND 60),
    -- #rrggbb, checked by the application; only ever written into SVG fill
    -- attributes, never into a style.
    colour         TEXT    NOT NULL CHECK (length(colour) = 7),
    -- Position on the 1 (false) to 5 (true) scale; NULL for off-scale labels
    -- (unverifiable, satire, opinion).
    truth          INTEGER CHECK (truth IS NULL OR truth BETWEEN 1 AND 5),
    description_en TEXT    NOT NULL DEFAULT '',
    description_ar TEXT    NOT NULL DEFAULT '',
    sort_order     INTEGER NOT NULL,
    retired_at     {{timestamp}},
    created_at     {{timestamp}} NOT NULL,
    updated_at     {{timestamp}} NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX rating_labels_order ON rating_labels (sort_order, id);

INSERT INTO rating_labels (name_en, name_ar, colour, truth, description_en, description_ar, sort_order, created_at, updated_at) VALUES
    ('True', 'صحيح', '#1a7f37', 5,
     'The claim is accurate and nothing significant is missing.',
     'الادعاء دقيق ولا ينقصه شيء جوهري.', 10, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('Mostly true', 'صحيح في معظمه', '#4d9a2a', 4,
     'The claim is accurate but needs clarification or a detail is wrong.',
     'الادعاء دقيق في جوهره لكنه يحتاج إلى توضيح أو فيه تفصيل غير صحيح.', 20, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('Misleading', 'مضلل', '#b7791f', 3,
     'The claim contains accurate elements but leaves a false impression.',
     'يتضمن الادعاء عناصر صحيحة لكنه يترك انطباعًا خاطئًا.', 30, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('Mostly false', 'زائف في معظمه', '#d4580f', 2,
     'The claim has an element of truth but its core is wrong.',
     'في الادعاء عنصر من الحقيقة لكن جوهره خاطئ.', 40, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('False', 'زائف', '#b42318', 1,
     'The claim is inaccurate.',
     'الادعاء غير صحيح.', 50, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('Unverifiable', 'غير قابل للتحقق', '#57606a', NULL,
     'The available evidence can neither confirm nor refute the claim.',
     'لا تكفي الأدلة المتاحة لتأكيد الادعاء أو نفيه.', 60, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('Satire', 'ساخر', '#8250df', NULL,
     'The content is satire and was not meant to be taken literally.',
     'المحتوى ساخر ولم يُقصد به المعنى الحرفي.', 70, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('Opinion', 'رأي', '#0b5cad', NULL,
     'The statement expresses an opinion, not a checkable fact.',
     'العبارة تعبّر عن رأي وليست واقعة قابلة للتحقق.', 80, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

-- One row per version of a claim's verdict. A correction is a new row that
-- points at the version it corrects; the old row stays (state superseded).
CREATE TABLE verdicts (
    id              {{id}},
    claim_id        {{bigint}} NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    number          INTEGER NOT NULL CHECK (number >= 1),
    label_id        {{bigint}} NOT NULL REFERENCES rating_labels (id),
    conclusion      TEXT    NOT NULL CHECK (length(conclusion) BETWEEN 1 AND 300),
    reasoning       TEXT    NOT NULL DEFAULT '',
    verified_json   TEXT    NOT NULL DEFAULT '{}',
    state           TEXT    NOT NULL CHECK (state IN ('draft', 'submitted', 'changes_requested', 'approved', 'superseded')),
    author_id       {{bigint}} NOT NULL REFERENCES users (id),
    last_editor_id  {{bigint}} NOT NULL REFERENCES users (id),
    corrects_id     {{bigint}} REFERENCES verdicts (id),
    correction_note TEXT    NOT NULL DEFAULT '',
    submitted_at    {{timestamp}},
    published_at    {{timestamp}},
    superseded_at   {{timestamp}},
    created_at      {{timestamp}} NOT NULL,
    updated_at      {{timestamp}} NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (claim_id, number),
    CHECK (corrects_id IS NULL OR length(correction_note) > 0),
    CHECK (state NOT IN ('approved', 'superseded') OR published_at IS NOT NULL)
);
-- At most one version in the works and at most one published per claim.
CREATE UNIQUE INDEX verdicts_one_open ON verdicts (claim_id) WHERE state IN ('draft', 'submitted', 'changes_requested');
CREATE UNIQUE INDEX verdicts_one_published ON verdicts (claim_id) WHERE state = 'approved';
CREATE INDEX verdicts_queue ON verdicts (state, submitted_at, id);
CREATE INDEX verdicts_label ON verdicts (label_id, state);
-- Covers the overview's count of published verdicts per label.
CREATE INDEX verdicts_state_label ON verdicts (state, label_id);
CREATE INDEX verdicts_published_at ON verdicts (published_at);

CREATE TABLE comments (
    id         {{id}},
    claim_id   {{bigint}} NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    verdict_id {{bigint}} REFERENCES verdicts (id) ON DELETE CASCADE,
    author_id  {{bigint}} NOT NULL REFERENCES users (id),
    body       TEXT    NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    created_at {{timestamp}} NOT NULL
);
CREATE INDEX comments_claim ON comments (claim_id, id);

-- An editor's decision on a submitted verdict version. Sending back always
-- carries its comment, which also appears in the claim's thread.
CREATE TABLE review_decisions (
    id         {{id}},
    verdict_id {{bigint}} NOT NULL REFERENCES verdicts (id) ON DELETE CASCADE,
    decided_by {{bigint}} NOT NULL REFERENCES users (id),
    decision   TEXT    NOT NULL CHECK (decision IN ('approved', 'changes_requested')),
    comment_id {{bigint}} REFERENCES comments (id),
    created_at {{timestamp}} NOT NULL,
    CHECK (decision = 'approved' OR comment_id IS NOT NULL)
);
CREATE INDEX review_decisions_verdict ON review_decisions (verdict_id, id);

-- +goose Down
DROP TABLE review_decisions;
DROP TABLE comments;
DROP TABLE verdicts;
DROP TABLE rating_labels;
