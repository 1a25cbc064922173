-- SPDX-License-Identifier: MIT
-- Schema 12: openings and applications. An opening is one job a team hires for: its
-- description (and the criteria read from it), salary band, hiring team, status and its own
-- ordered stages. An application is a candidate in one opening's pipeline, with a stage and
-- a history of its own; a candidate may hold several. Interviews belong to an application
-- and keep their candidate link, so a candidate's kits still never repeat a question.
--
-- Each stage of an opening has a kind, one of the candidate stages of schema 5: the
-- candidate's own stage is the kind of their most recently moved application that is still
-- open (else of their most recently moved one), which is what retention and the funnel
-- read. Existing candidates migrate: every role with candidates gets an opening (a draft,
-- so that nothing becomes public by upgrading), and each candidate an application to it at
-- their stage, with their stage history and their interviews.

CREATE TABLE opening (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(title) > 0),
    role TEXT,                    -- the role profile's slug
    description TEXT NOT NULL DEFAULT '',  -- Markdown
    criteria TEXT CHECK (criteria IS NULL OR json_valid(criteria)),  -- read from description
    location TEXT,
    remote TEXT CHECK (remote IN ('onsite', 'hybrid', 'remote')),
    salary_min INTEGER CHECK (salary_min >= 0),
    salary_max INTEGER,
    salary_currency TEXT,
    headcount INTEGER NOT NULL DEFAULT 1 CHECK (headcount >= 1),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'open', 'on-hold', 'closed', 'filled')),
    stages TEXT NOT NULL CHECK (json_valid(stages)),  -- [{"name", "kind"}] in order
    hiring_manager INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((salary_min IS NULL) = (salary_max IS NULL)
        AND (salary_min IS NULL) = (salary_currency IS NULL)
        AND (salary_min IS NULL OR salary_min <= salary_max))
);
CREATE INDEX opening_status ON opening (status, id);

-- The recruiters who run an opening and its default interview panel.
CREATE TABLE opening_member (
    opening INTEGER NOT NULL REFERENCES opening (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('recruiter', 'panel')),
    account INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (opening, kind, account)
) WITHOUT ROWID;

CREATE TABLE opening_status_change (
    id INTEGER PRIMARY KEY,
    opening INTEGER NOT NULL REFERENCES opening (id) ON DELETE CASCADE,
    from_status TEXT,             -- NULL: its creation
    to_status TEXT NOT NULL,
    by_account INTEGER REFERENCES account (id) ON DELETE SET NULL,
    by_label TEXT NOT NULL,
    reason TEXT,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX opening_status_change_by_opening ON opening_status_change (opening, id);

CREATE TABLE application (
    id INTEGER PRIMARY KEY,
    candidate INTEGER NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
    opening INTEGER NOT NULL REFERENCES opening (id),
    stage TEXT NOT NULL,          -- a stage name of the opening
    kind TEXT NOT NULL CHECK (kind IN ('applied', 'screened', 'interviewing', 'offer', 'hired',
        'rejected', 'withdrawn')),
    source TEXT NOT NULL CHECK (source IN ('careers', 'upload', 'referral', 'screening',
        'manual')),
    screening INTEGER REFERENCES screening (id) ON DELETE SET NULL,
    resume INTEGER REFERENCES resume (id) ON DELETE SET NULL,
    stage_since TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (candidate, opening)
);
CREATE INDEX application_board ON application (opening, stage, stage_since);
CREATE INDEX application_by_candidate ON application (candidate, id);

-- Like candidate_stage_change: the first row of an application is its creation.
CREATE TABLE application_stage_change (
    id INTEGER PRIMARY KEY,
    application INTEGER NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    by_account INTEGER REFERENCES account (id) ON DELETE SET NULL,
    by_label TEXT NOT NULL,
    reason TEXT,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX application_stage_change_by_application ON application_stage_change
    (application, id);

ALTER TABLE interview ADD COLUMN application INTEGER REFERENCES application (id)
    ON DELETE SET NULL;
CREATE INDEX interview_application ON interview (application) WHERE application IS NOT NULL;

-- Careers-page submissions per client address, for the rate limit (addresses are kept
-- as a hash, and pruned after the window).
CREATE TABLE apply_attempt (
    key TEXT NOT NULL,
    at INTEGER NOT NULL           -- Unix seconds
);
CREATE INDEX apply_attempt_key ON apply_attempt (key, at);

-- ---- existing data -------------------------------------------------------------------

INSERT INTO opening (title, role, status, stages, created_at, updated_at)
SELECT coalesce((SELECT r.title FROM role r WHERE r.slug = c.role), c.role,
                'Candidates without a role'),
       c.role, 'draft',
       '[{"name":"applied","kind":"applied"},{"name":"screened","kind":"screened"},'
       || '{"name":"interviewing","kind":"interviewing"},{"name":"offer","kind":"offer"},'
       || '{"name":"hired","kind":"hired"},{"name":"rejected","kind":"rejected"},'
       || '{"name":"withdrawn","kind":"withdrawn"}]',
       min(c.created_at), max(c.updated_at)
FROM candidate c GROUP BY c.role ORDER BY min(c.id);

INSERT INTO opening_status_change (opening, from_status, to_status, by_label, reason, at)
SELECT id, NULL, 'draft', 'upgrade', 'made for the candidates of this role', created_at
FROM opening;

INSERT INTO application (candidate, opening, stage, kind, source, screening, resume,
                         stage_since, created_by, created_at, updated_at)
SELECT c.id, o.id, c.stage, c.stage,
       CASE WHEN c.screening IS NOT NULL THEN 'screening' ELSE 'manual' END, c.screening,
       (SELECT min(r.id) FROM resume r WHERE r.candidate = c.id),
       coalesce((SELECT max(h.at) FROM candidate_stage_change h WHERE h.candidate = c.id),
                c.created_at),
       c.created_by, c.created_at, c.updated_at
FROM candidate c JOIN opening o ON o.role IS c.role
ORDER BY c.id;

INSERT INTO application_stage_change (application, from_stage, to_stage, by_account, by_label,
                                      reason, at)
SELECT a.id, h.from_stage, h.to_stage, h.by_account, h.by_label, h.reason, h.at
FROM candidate_stage_change h JOIN application a ON a.candidate = h.candidate
ORDER BY h.id;

UPDATE interview SET application = (SELECT a.id FROM application a
                                    WHERE a.candidate = interview.candidate);
