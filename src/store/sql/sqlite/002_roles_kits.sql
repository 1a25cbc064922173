-- SPDX-License-Identifier: MIT
-- Schema 2: role profiles and interview kits.

-- A role is read whole (anchors, responsibilities): body is its JSON (role_to_json).
-- Its competency weights and skills are also rows, written in the same transaction, for
-- queries across roles.
CREATE TABLE role (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    source TEXT NOT NULL,   -- 'built-in', a file, or 'import:FILE' for a job description
    body TEXT NOT NULL CHECK (json_valid(body)),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE role_competency (
    role INTEGER NOT NULL REFERENCES role (id) ON DELETE CASCADE,
    competency INTEGER NOT NULL REFERENCES competency (id),
    weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 5),
    PRIMARY KEY (role, competency)
) WITHOUT ROWID;

CREATE TABLE role_skill (
    role INTEGER NOT NULL REFERENCES role (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    must INTEGER NOT NULL CHECK (must IN (0, 1)),
    weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 5),
    PRIMARY KEY (role, skill)
) WITHOUT ROWID;

-- A kit as generated (body: its JSON), and the questions it holds. A kit saved for a
-- candidate keeps later kits for that candidate from asking the same questions.
CREATE TABLE kit (
    id INTEGER PRIMARY KEY,
    role INTEGER NOT NULL REFERENCES role (id),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    stage TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    candidate TEXT, -- the candidate's reference, when the kit was made for one
    body TEXT NOT NULL CHECK (json_valid(body)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX kit_by_candidate ON kit (candidate) WHERE candidate IS NOT NULL;

CREATE TABLE kit_question (
    kit INTEGER NOT NULL REFERENCES kit (id) ON DELETE CASCADE,
    question INTEGER NOT NULL REFERENCES question (id),
    PRIMARY KEY (kit, question)
) WITHOUT ROWID;
CREATE INDEX kit_question_by_question ON kit_question (question);
