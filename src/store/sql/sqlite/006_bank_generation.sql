-- SPDX-License-Identifier: MIT
-- Schema 6: a number that changes with every change to the questions or the roles: each
-- write transaction that changes them adds one (once per transaction: a trigger per row
-- made a bank load of 100,000 questions 2.5 times slower). A server caches the answers it built
-- from them (a question, a search) with the number it read, and serves them again while the
-- number is the same: one read of one row, whichever server made the change.

CREATE TABLE bank_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO bank_generation (id, n) VALUES (1, 0);
