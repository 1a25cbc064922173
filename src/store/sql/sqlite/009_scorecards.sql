-- SPDX-License-Identifier: MIT
-- Schema 9: scorecards, one per interviewer and interview, and the link from a candidate
-- to the screening that brought them in.
--
-- A submitted scorecard is final. Its rows hold the current values; the scorecard as it
-- was submitted is kept whole in `original`, and every later correction is a row of
-- scorecard_amendment saying who changed which field, from what, to what, and why.
-- Ratings are on the 1 to 4 scale of the role's anchors. Notes are free text about a
-- person: erasing the candidate clears them everywhere and keeps the ratings.

ALTER TABLE candidate ADD COLUMN screening INTEGER REFERENCES screening (id) ON DELETE SET NULL;

CREATE TABLE scorecard (
    id INTEGER PRIMARY KEY,
    interview INTEGER NOT NULL REFERENCES interview (id) ON DELETE CASCADE,
    interviewer INTEGER NOT NULL REFERENCES account (id),
    recommendation TEXT NOT NULL
        CHECK (recommendation IN ('strong-no', 'no', 'yes', 'strong-yes')),
    notes TEXT,                   -- overall notes
    original TEXT NOT NULL CHECK (json_valid(original)),  -- as submitted, never changed
    submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (interview, interviewer)
);
CREATE INDEX scorecard_interviewer ON scorecard (interviewer, interview);

-- A rating per question of the interview's kit; question and competency are the kit's
-- (the question's first competency). rating NULL: the question was not asked.
CREATE TABLE scorecard_rating (
    scorecard INTEGER NOT NULL REFERENCES scorecard (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,  -- its place in the kit
    competency TEXT NOT NULL,
    rating INTEGER CHECK (rating BETWEEN 1 AND 4),
    notes TEXT,
    PRIMARY KEY (scorecard, question)
) WITHOUT ROWID;
CREATE INDEX scorecard_rating_question ON scorecard_rating (question);

-- A rating per competency: derived from the question ratings (NULL when none was rated),
-- and rating, which differs from derived only with a reason.
CREATE TABLE scorecard_competency (
    scorecard INTEGER NOT NULL REFERENCES scorecard (id) ON DELETE CASCADE,
    competency TEXT NOT NULL,
    derived INTEGER CHECK (derived BETWEEN 1 AND 4),
    rating INTEGER CHECK (rating BETWEEN 1 AND 4),
    override_reason TEXT,
    PRIMARY KEY (scorecard, competency),
    CHECK (rating IS derived OR override_reason IS NOT NULL)
) WITHOUT ROWID;

CREATE TABLE scorecard_amendment (
    id INTEGER PRIMARY KEY,
    scorecard INTEGER NOT NULL REFERENCES scorecard (id) ON DELETE CASCADE,
    by_account INTEGER REFERENCES account (id) ON DELETE SET NULL,
    by_label TEXT NOT NULL,       -- the account's email then
    field TEXT NOT NULL,          -- recommendation, notes, rating:QUESTION, notes:QUESTION,
                                  -- competency:ID, override_reason:ID
    old_value TEXT,
    new_value TEXT,
    reason TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX scorecard_amendment_by_scorecard ON scorecard_amendment (scorecard, id);
