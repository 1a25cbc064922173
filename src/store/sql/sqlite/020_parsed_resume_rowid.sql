-- SPDX-License-Identifier: MIT
-- Schema 20: parsed_resume as a table with rowids, its key (hash, blind) a unique index, and
-- body without the json_valid CHECK. Screening keeps a parse of about 2.4 KB for every file:
-- as a WITHOUT ROWID table each row went into the key's B-tree at a random place (the key is
-- a SHA-256), splitting and rewriting pages of large rows, and SQLite parsed every body again
-- to check it. Rows now go to the end of the table and only the small index takes random
-- inserts; the body is the store caller's JSON, which the store checks is an object
-- (store_resumes_put). Measured in bench/bench_parse.c: the batches cost half the CPU.
-- Runs twice without harm (the rows are copied over again).

CREATE TABLE parsed_resume_20 (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL CHECK (length(hash) = 64),  -- hex SHA-256 of the file's bytes
    blind INTEGER NOT NULL CHECK (blind IN (0, 1)), -- parsed from redacted text
    parser TEXT NOT NULL,  -- the parser and taxonomy that made it; another is not trusted
    format TEXT NOT NULL,
    body TEXT NOT NULL,    -- the parse's JSON object (resume_to_json)
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (hash, blind)
);
INSERT INTO parsed_resume_20 (hash, blind, parser, format, body, created_at)
    SELECT hash, blind, parser, format, body, created_at FROM parsed_resume;
DROP TABLE parsed_resume;
ALTER TABLE parsed_resume_20 RENAME TO parsed_resume;
