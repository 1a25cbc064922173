-- SPDX-License-Identifier: MIT
-- Schema 5: candidates, their uploaded resumes, and screenings run as background jobs.
-- A resume's original bytes live in the uploads folder under their SHA-256; the row keeps
-- the name the client gave and the parse. All of it is personal data, erased with the
-- candidate.

CREATE TABLE candidate (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    role TEXT,                    -- the role (slug) applied for
    stage TEXT NOT NULL DEFAULT 'applied' CHECK (stage IN ('applied', 'screened',
        'interviewing', 'offer', 'hired', 'rejected', 'withdrawn')),
    created_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX candidate_stage ON candidate (stage, id);

CREATE TABLE resume (
    id INTEGER PRIMARY KEY,
    candidate INTEGER REFERENCES candidate (id) ON DELETE CASCADE,
    hash TEXT NOT NULL CHECK (length(hash) = 64),
    filename TEXT NOT NULL,
    size INTEGER NOT NULL,
    format TEXT,                  -- NULL when it could not be read
    parsed TEXT CHECK (parsed IS NULL OR json_valid(parsed)),
    error TEXT,                   -- why it could not be read
    uploaded_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX resume_candidate ON resume (candidate);
CREATE INDEX resume_hash ON resume (hash);

-- A screening is a job: queued by the API, claimed by one server's worker (any instance
-- may claim it), its progress written as it goes, its heartbeat refreshed so that a job
-- whose server died is queued again.
CREATE TABLE screening (
    id INTEGER PRIMARY KEY,
    role TEXT NOT NULL,           -- a role slug, or the id given to a job description
    criteria TEXT NOT NULL CHECK (json_valid(criteria)),  -- the role as screened (JSON)
    blind INTEGER NOT NULL DEFAULT 0 CHECK (blind IN (0, 1)),
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'running', 'done', 'failed')),
    total INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    started_at TEXT,
    finished_at TEXT,
    heartbeat INTEGER             -- Unix seconds, while running
);
CREATE INDEX screening_queue ON screening (state, id);

CREATE TABLE screening_resume (
    screening INTEGER NOT NULL REFERENCES screening (id) ON DELETE CASCADE,
    resume INTEGER NOT NULL REFERENCES resume (id) ON DELETE CASCADE,
    score REAL,                   -- NULL until scored, or when it could not be
    result TEXT CHECK (result IS NULL OR json_valid(result)),
    error TEXT,
    PRIMARY KEY (screening, resume)
) WITHOUT ROWID;
CREATE INDEX screening_rank ON screening_resume (screening, score DESC, resume);
