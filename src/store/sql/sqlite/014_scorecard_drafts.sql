-- SPDX-License-Identifier: MIT
-- Schema 14: scorecard drafts. While an interviewer fills a scorecard, the web app saves what
-- they have so far here, a moment after each change, so that a closed tab or a reload loses
-- nothing. One draft per interviewer and interview, read and written by its author only;
-- submitting the scorecard removes it in the same transaction. The body is the scorecard as
-- far as it goes (JSON, unchecked but for being an object): free text about a person, so
-- erasing the candidate removes their interviews' drafts.
--
-- Written so that running it twice changes nothing (IF NOT EXISTS): a store migrates past a
-- number that is missing from this build and runs the later files again once it is there.

CREATE TABLE IF NOT EXISTS scorecard_draft (
    interview INTEGER NOT NULL REFERENCES interview (id) ON DELETE CASCADE,
    account INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    body TEXT NOT NULL CHECK (json_valid(body) AND json_type(body) = 'object'),
    revision INTEGER NOT NULL DEFAULT 1,  -- how many times it was saved
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (interview, account)
) WITHOUT ROWID;
