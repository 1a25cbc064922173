-- SPDX-License-Identifier: MIT
-- Schema 6: a number that changes with every change to the questions or the roles, kept
-- by triggers so that no write path can forget it. A server caches the answers it built
-- from them (a question, a search) with the number it read, and serves them again while the
-- number is the same: one read of one row, whichever server made the change.

CREATE TABLE bank_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO bank_generation (id, n) VALUES (1, 0);

CREATE TRIGGER question_insert_gen AFTER INSERT ON question
BEGIN UPDATE bank_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER question_update_gen AFTER UPDATE ON question
BEGIN UPDATE bank_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER question_delete_gen AFTER DELETE ON question
BEGIN UPDATE bank_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER question_competency_gen AFTER INSERT ON question_competency
BEGIN UPDATE bank_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER role_insert_gen AFTER INSERT ON role
BEGIN UPDATE bank_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER role_update_gen AFTER UPDATE ON role
BEGIN UPDATE bank_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER role_delete_gen AFTER DELETE ON role
BEGIN UPDATE bank_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER role_competency_gen AFTER INSERT ON role_competency
BEGIN UPDATE bank_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER competency_gen AFTER UPDATE ON competency
BEGIN UPDATE bank_generation SET n = n + 1 WHERE id = 1; END;
