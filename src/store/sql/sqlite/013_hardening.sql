-- SPDX-License-Identifier: MIT
-- Schema 13: hardening (issue 14).
--
-- Sign-in throttling: the addresses each account has signed in from. The delay that grows
-- with an account's failed logins from anywhere does not apply from an address the owner
-- has used, so that strangers guessing cannot lock the owner out (core/auth.c).

CREATE TABLE login_known (
    account TEXT NOT NULL,        -- the account's normal email
    address TEXT NOT NULL,
    at INTEGER NOT NULL,          -- the last sign-in from there, Unix seconds
    PRIMARY KEY (account, address)
) WITHOUT ROWID;

-- The audit log: one row per request. A request about one candidate names it in
-- `candidate`; one about several (a list) keeps their ids in `candidates`, a JSON array, and
-- audit_subject indexes them so that a candidate's entries are still found by index. The
-- queries filter through indexes (candidate, actor, action, time), and rows older than the
-- audit_retention_days setting are deleted.
ALTER TABLE audit ADD COLUMN candidates TEXT
    CHECK (candidates IS NULL OR json_valid(candidates));
CREATE TABLE audit_subject (
    candidate INTEGER NOT NULL,
    audit INTEGER NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
    PRIMARY KEY (candidate, audit)
) WITHOUT ROWID;
CREATE INDEX audit_subject_audit ON audit_subject (audit);
CREATE INDEX audit_action ON audit (action, id);

-- Who saved a kit over the API: they may read it back; other interviewers only the kits of
-- the interviews they sit on (core/kit.h, kit_get).
ALTER TABLE kit ADD COLUMN created_by INTEGER REFERENCES account (id) ON DELETE SET NULL;
CREATE INDEX interview_kit ON interview (kit) WHERE kit IS NOT NULL;

-- The questions practice has put to each account: a candidate answers (and so reads the
-- points of) only these and the ones they have a card for, not any question of the bank.
CREATE TABLE practice_served (
    account INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    at INTEGER NOT NULL,          -- Unix seconds
    PRIMARY KEY (account, question)
) WITHOUT ROWID;
