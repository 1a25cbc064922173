-- SPDX-License-Identifier: MIT
-- Schema 17: calendar invites and notifications. An interview's calendar state sits beside
-- it (the SEQUENCE of its invites, its time zone, when it was cancelled), and every email a
-- change causes waits in `outbox`, written in the transaction of that change, until a
-- sender (`rubric serve`'s thread or `rubric mail send-pending`) hands it to SMTP. Written
-- to run twice (new tables only, IF NOT EXISTS): a build may hold this file before 016.

CREATE TABLE IF NOT EXISTS interview_calendar (
    interview INTEGER PRIMARY KEY REFERENCES interview (id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0), -- bumped on every change
    time_zone TEXT,            -- an IANA zone name ("Europe/Berlin"), NULL: UTC
    cancelled_at TEXT          -- ISO 8601 UTC, NULL while it stands
);

CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,        -- invite, loop-complete, screening-done, application-received
    candidate INTEGER,         -- whom it is about (no foreign key: an erase deletes the rows)
    recipient TEXT NOT NULL,   -- one address
    subject TEXT NOT NULL,
    body TEXT,                 -- plain text; cleared once sent
    attachment TEXT,           -- an iCalendar object, or NULL; cleared once sent
    attachment_type TEXT,      -- its media type with parameters
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try INTEGER,          -- unix seconds; NULL once sent or given up
    sent_at TEXT,
    last_error TEXT,           -- the SMTP server's or libcurl's words, no message content
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_try) WHERE next_try IS NOT NULL;
CREATE INDEX IF NOT EXISTS outbox_candidate ON outbox (candidate) WHERE candidate IS NOT NULL;
