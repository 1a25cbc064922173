-- SPDX-License-Identifier: MIT
-- Schema 18: an opening's own questions on its careers-page form, and an application's
-- answers to them. The questions are the opening's JSON list ([{"id", "label", "kind":
-- text|choice|file, "required", "choices"}], core/opening.h checks it); the answers are the
-- application's JSON object by question id (a file answer names the resume row its file was
-- kept as, so that export, erase and the uploads sweep treat it as they treat resumes).
-- Written to run twice (new tables only, IF NOT EXISTS): a build may hold this file before
-- 016 and 017.

CREATE TABLE IF NOT EXISTS opening_form (
    opening INTEGER PRIMARY KEY REFERENCES opening (id) ON DELETE CASCADE,
    questions TEXT NOT NULL CHECK (json_valid(questions) AND json_type(questions) = 'array')
);

CREATE TABLE IF NOT EXISTS application_answer (
    application INTEGER PRIMARY KEY REFERENCES application (id) ON DELETE CASCADE,
    answers TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
