-- SPDX-License-Identifier: MIT
-- Schema 4: users (table account: "user" is reserved in PostgreSQL), their sessions and API tokens, and failed logins for rate limiting.
-- Secrets are never stored: passwords as argon2id PHC strings, session and API tokens as
-- their BLAKE2b hashes. Sessions and failures live here, not in a server's memory, so that
-- any server instance can serve any request.

CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,   -- folded to lower case
    name TEXT,
    role TEXT NOT NULL CHECK (role IN ('admin', 'recruiter', 'interviewer', 'candidate')),
    password TEXT,                -- argon2id; NULL: cannot log in with a password
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE session (
    token_hash TEXT PRIMARY KEY,
    account INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at INTEGER NOT NULL,  -- Unix seconds
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_user ON session (account);

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    account INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    last_used_at TEXT,
    revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);
CREATE INDEX api_token_user ON api_token (account);

-- One row per failed login, by key ('account:EMAIL' or 'address:IP'); old rows are
-- pruned as new ones come.
CREATE TABLE login_failure (
    key TEXT NOT NULL,
    at INTEGER NOT NULL           -- Unix seconds
);
CREATE INDEX login_failure_key ON login_failure (key, at);
