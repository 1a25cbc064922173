-- SPDX-License-Identifier: MIT
-- Schema 1: the question bank.
-- Ids are integers inside; slugs are what people type. Times are UTC ISO 8601 text.

CREATE TABLE competency (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT ''
);

CREATE TABLE question (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('screening', 'technical', 'system-design',
        'coding', 'troubleshooting', 'behavioral', 'past-project')),
    level_min INTEGER NOT NULL CHECK (level_min BETWEEN 1 AND 4),
    level_max INTEGER NOT NULL CHECK (level_max BETWEEN level_min AND 4),
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 90),
    -- the primary competency (also position 0 in question_competency), here so that kits
    -- can pick questions through one index
    competency INTEGER NOT NULL REFERENCES competency (id),
    source TEXT,            -- set for imported questions
    topic TEXT,
    text_key TEXT NOT NULL, -- folded text hash: the same question imported twice is one
    digest TEXT NOT NULL,   -- hash of everything above and the points: unchanged on reload
    -- The points (what a good answer shows, pitfalls, follow-ups, ...) as a JSON array of
    -- {"kind", "text", "concepts"}. They belong to their question and are always read and
    -- written with it, so they live in its row: one write per question instead of one per
    -- point (a bank load of 100,000 questions spent 40% of its time on point rows).
    -- json_each() reaches into them when a query needs to.
    points TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(points)),
    retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX question_by_text_key ON question (text_key);
-- Kit selection: live questions of one competency and category, by level and length.
CREATE INDEX question_pick ON question (competency, category, level_min, level_max, minutes)
    WHERE retired = 0;

CREATE TABLE question_competency (
    question INTEGER NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    competency INTEGER NOT NULL REFERENCES competency (id),
    position INTEGER NOT NULL, -- 0 is the primary competency
    PRIMARY KEY (question, competency)
) WITHOUT ROWID;
CREATE INDEX question_competency_by_competency ON question_competency (competency, question);

CREATE TABLE synonym (
    concept TEXT PRIMARY KEY,
    alternatives TEXT NOT NULL -- one a line
) WITHOUT ROWID;

-- What the full-text index covers, one row a question: the title, the text and the points,
-- as written. The index stores no copy of its own (external content): snippets are cut from
-- this view.
CREATE VIEW question_search (id, title, body, points) AS
SELECT q.id, q.title, q.body,
       (SELECT group_concat(json_extract(p.value, '$.text'), char(10))
        FROM json_each(q.points) AS p)
FROM question q;

-- Full-text index of live questions; rowid is question.id. Kept by the store code, not by
-- triggers: an entry is deleted before its question changes (FTS5 reads the old text from
-- the view to find what to remove) and added after.
CREATE VIRTUAL TABLE question_fts USING fts5 (
    title, body, points,
    content = 'question_search', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO question_fts (question_fts, rank) VALUES ('rank', 'bm25(4.0, 2.0, 1.0)');
