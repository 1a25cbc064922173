-- SPDX-License-Identifier: MIT
-- Schema 7: every change of a candidate's stage, with who made it, when and why. The
-- first row of a candidate is their creation (from_stage NULL).

CREATE TABLE candidate_stage_change (
    id INTEGER PRIMARY KEY,
    candidate INTEGER NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    by_account INTEGER REFERENCES account (id) ON DELETE SET NULL,
    by_label TEXT NOT NULL,       -- the account's email then, or 'command line'
    reason TEXT,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX candidate_stage_change_by_candidate ON candidate_stage_change (candidate, id);
