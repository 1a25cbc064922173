-- SPDX-License-Identifier: MIT
-- Schema 11: practice. Spaced repetition of bank questions, per account (the scheduler is
-- FSRS-5, in core/fsrs.c), and a log of every answer given.
--
-- practice_card holds the scheduler's state for one account and question. It is written
-- only with the practice_review row of the answer that produced it, in one transaction: a
-- rating is kept as soon as it is given, and the state always agrees with the log. Days are
-- UTC dates (YYYY-MM-DD); a question is due on its due day and after. The text of a typed
-- answer is never stored, only its keyword coverage.

CREATE TABLE practice_card (
    account INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    question INTEGER NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    stability REAL NOT NULL CHECK (stability > 0),    -- days until recall falls to 90%
    difficulty REAL NOT NULL CHECK (difficulty BETWEEN 1 AND 10),
    due TEXT NOT NULL,                                -- YYYY-MM-DD
    last_review TEXT NOT NULL,                        -- YYYY-MM-DD
    reps INTEGER NOT NULL CHECK (reps > 0),           -- answers so far
    lapses INTEGER NOT NULL CHECK (lapses >= 0),      -- answers rated again after the first
    PRIMARY KEY (account, question)
) WITHOUT ROWID;
CREATE INDEX practice_card_due ON practice_card (account, due);

CREATE TABLE practice_review (
    id INTEGER PRIMARY KEY,
    account INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    question INTEGER NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    competency TEXT NOT NULL,                         -- the question's primary one, then
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),   -- again, hard, good, easy
    first INTEGER NOT NULL CHECK (first IN (0, 1)),   -- the account's first answer to it
    coverage REAL CHECK (coverage BETWEEN 0 AND 1),   -- of a typed answer; NULL when none
    seconds INTEGER NOT NULL CHECK (seconds >= 0),    -- time spent answering
    elapsed_days INTEGER NOT NULL,                    -- since the answer before (0: first)
    stability REAL NOT NULL,                          -- the state it left
    difficulty REAL NOT NULL,
    interval_days INTEGER NOT NULL,
    at TEXT NOT NULL                                  -- ISO 8601 UTC
);
CREATE INDEX practice_review_by_account ON practice_review (account, at);
