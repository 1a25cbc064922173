-- SPDX-License-Identifier: MIT
-- Schema 15: the skills a question is about and the stack track it belongs to
-- (docs/FORMATS.md). Rows beside the question, written and cleared with its competencies,
-- so that a kit finds a skill's questions through one index. Written to run twice (new
-- tables only, IF NOT EXISTS): a build may hold this file before 012 to 014.

CREATE TABLE IF NOT EXISTS question_skill (
    question INTEGER NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,       -- the taxonomy's canonical name
    position INTEGER NOT NULL, -- as written in the question's '- skills:' line
    PRIMARY KEY (question, skill)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS question_skill_by_skill ON question_skill (skill, question);

CREATE TABLE IF NOT EXISTS question_track (
    question INTEGER PRIMARY KEY REFERENCES question (id) ON DELETE CASCADE,
    track TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS question_track_by_track ON question_track (track);

-- A track's core skills: those at least half of its live questions name ("go" for the Go
-- track, "java" and "spring boot" for Java and Spring). A kit draws a track's questions
-- only for a role that asks for one of them, so a Java job that also lists PostgreSQL
-- does not get the Go track's PostgreSQL questions.
CREATE VIEW IF NOT EXISTS track_core (track, skill) AS
SELECT qt.track, qs.skill
FROM question_skill qs
JOIN question_track qt ON qt.question = qs.question
JOIN question q ON q.id = qs.question AND q.retired = 0
GROUP BY qt.track, qs.skill
HAVING 2 * count(*) >= (SELECT count(*) FROM question_track t JOIN question q2
                        ON q2.id = t.question AND q2.retired = 0 WHERE t.track = qt.track);
