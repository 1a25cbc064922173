-- SPDX-License-Identifier: MIT
-- Schema 8: interviews in a candidate's loop. Each holds its kit as it was when the
-- interview was made (frozen JSON: later bank edits do not change it) and its interviewers.

CREATE TABLE interview (
    id INTEGER PRIMARY KEY,
    candidate INTEGER NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,          -- the kit's stage: screen, technical, system-design, ...
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    scheduled_at TEXT,            -- ISO 8601, when known
    kit INTEGER REFERENCES kit (id) ON DELETE SET NULL,
    kit_json TEXT NOT NULL CHECK (json_valid(kit_json)),
    created_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX interview_candidate ON interview (candidate, id);

CREATE TABLE interview_interviewer (
    interview INTEGER NOT NULL REFERENCES interview (id) ON DELETE CASCADE,
    account INTEGER NOT NULL REFERENCES account (id),
    PRIMARY KEY (interview, account)
) WITHOUT ROWID;
CREATE INDEX interviewer_interviews ON interview_interviewer (account, interview);
