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
    source TEXT,            -- set for imported questions
    topic TEXT,
    text_key TEXT NOT NULL, -- folded text hash: the same question imported twice is one
    digest TEXT NOT NULL,   -- hash of everything above and the points: unchanged on reload
    retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX question_by_text_key ON question (text_key);

CREATE TABLE question_competency (
    question INTEGER NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    competency INTEGER NOT NULL REFERENCES competency (id),
    position INTEGER NOT NULL, -- 0 is the primary competency
    PRIMARY KEY (question, competency)
) WITHOUT ROWID;
CREATE INDEX question_competency_by_competency ON question_competency (competency, question);

CREATE TABLE question_point (
    question INTEGER NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('shows', 'pitfall', 'red_flag', 'follow_up', 'star',
        'note')),
    body TEXT NOT NULL,
    concepts TEXT NOT NULL DEFAULT '', -- key concepts, one a line
    PRIMARY KEY (question, position)
) WITHOUT ROWID;

CREATE TABLE synonym (
    concept TEXT PRIMARY KEY,
    alternatives TEXT NOT NULL -- one a line
) WITHOUT ROWID;

-- Full-text index of live questions; rowid is question.id. Kept by the store code, not by
-- triggers, so a bank load can rebuild it in bulk.
CREATE VIRTUAL TABLE question_fts USING fts5 (
    title, body, points,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO question_fts (question_fts, rank) VALUES ('rank', 'bm25(4.0, 2.0, 1.0)');
