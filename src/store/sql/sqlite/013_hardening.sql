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
