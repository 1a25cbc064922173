-- SPDX-License-Identifier: MIT
-- Schema 10: data protection. The audit log says who viewed, created, changed, exported or
-- erased a candidate's data, and when. It holds ids and kinds only, never personal data, so
-- it outlives an erase: candidate has no foreign key (an erased candidate keeps its rows),
-- and `what` is a short description made by Rubric ("candidate", "resume 3", "stage").
--
-- An erased candidate stays as a tombstone (their stage, role and dates, for statistics)
-- with erased_at set; their personal data, files and free-text notes are gone.

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    actor INTEGER REFERENCES account (id) ON DELETE SET NULL,
    actor_label TEXT NOT NULL,    -- the account's email then, 'command line' or 'retention'
    action TEXT NOT NULL CHECK (action IN ('view', 'create', 'change', 'export', 'erase')),
    candidate INTEGER,            -- no foreign key: kept after the candidate is erased
    what TEXT NOT NULL
);
CREATE INDEX audit_candidate ON audit (candidate, id) WHERE candidate IS NOT NULL;
CREATE INDEX audit_actor ON audit (actor_label, id);
CREATE INDEX audit_at ON audit (at);

ALTER TABLE candidate ADD COLUMN erased_at TEXT;
-- retention looks for candidates at a final stage that are not erased yet
CREATE INDEX candidate_final ON candidate (stage) WHERE erased_at IS NULL
    AND stage IN ('hired', 'rejected', 'withdrawn');
