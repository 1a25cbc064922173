-- SPDX-License-Identifier: MIT
-- Schema 16: voluntary self-identification (sex, race/ethnicity and whatever categories a
-- deployment configures), kept apart from everything hiring reads. It is special-category
-- personal data: only the fairness report reads it, in aggregate, and the candidate's own
-- export; an erase deletes it. One answer per category; "prefer_not_to_say" is an answer.

CREATE TABLE IF NOT EXISTS self_id (
    candidate INTEGER NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 40),
    answer TEXT NOT NULL CHECK (length(answer) BETWEEN 1 AND 80),
    given_by TEXT NOT NULL CHECK (given_by IN ('candidate', 'recruiter', 'careers')),
    consent TEXT,                 -- how the candidate agreed, when a recruiter entered it
    by_account INTEGER REFERENCES account (id) ON DELETE SET NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (given_by <> 'recruiter' OR length(consent) > 0),
    PRIMARY KEY (candidate, category)
) WITHOUT ROWID;
