-- SPDX-License-Identifier: MIT
-- Schema 3: resumes as parsed, kept by the SHA-256 of the file's bytes, so that screening
-- the same folder again (against another role, say) does not read the files again.
-- body is the parse's JSON (resume_to_json). It is personal data: it goes with the
-- candidate when they are erased, and `rubric screen --no-store` never writes it.

CREATE TABLE parsed_resume (
    hash TEXT NOT NULL CHECK (length(hash) = 64),  -- hex SHA-256 of the file's bytes
    blind INTEGER NOT NULL CHECK (blind IN (0, 1)), -- parsed from redacted text
    parser TEXT NOT NULL,  -- the parser and taxonomy that made it; another is not trusted
    format TEXT NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (hash, blind)
) WITHOUT ROWID;
