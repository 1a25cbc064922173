-- SPDX-License-Identifier: MIT
-- Schema 21: resume originals kept in the store, so that several servers on several machines
-- share them (they lived in an uploads folder beside the store). One row per distinct file,
-- keyed by the SHA-256 of its bytes: the same file uploaded twice is kept once, and every
-- resume row with that hash refers to it. A row is deleted in the transaction that deletes
-- the last resume referring to it (an erase). Files of an uploads folder from before are
-- brought in by the server at start (core/privacy.h, privacy_uploads_import), not here: SQL
-- cannot read a folder. Runs twice without harm.

CREATE TABLE IF NOT EXISTS original (
    hash TEXT PRIMARY KEY CHECK (length(hash) = 64),  -- hex SHA-256 of data
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
