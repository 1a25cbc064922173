-- SPDX-License-Identifier: MIT
-- Schema 19: the full-text index keeps an index of 4-letter prefixes. Search as you type asks
-- for the word being typed as a prefix once it has four letters ("cach*"), and without this
-- index FTS5 merges the lists of every word that starts so (hundreds, in a large bank) at
-- each keystroke; with it, a 4-letter prefix is one lookup and longer ones have fewer words to
-- merge. The index is rebuilt here from the live questions, as the store code keeps it.

DROP TABLE IF EXISTS question_fts;

CREATE VIRTUAL TABLE question_fts USING fts5 (
    title, body, points,
    content = 'question_search', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '4'
);
INSERT INTO question_fts (question_fts, rank) VALUES ('rank', 'bm25(4.0, 2.0, 1.0)');

INSERT INTO question_fts (rowid, title, body, points)
SELECT s.id, s.title, s.body, s.points
FROM question_search s JOIN question q ON q.id = s.id
WHERE q.retired = 0;
