/* SPDX-License-Identifier: MIT */
/*
 * The question bank as files: parsing the Markdown format of docs/FORMATS.md into questions,
 * the synonyms file, and the checks of `rubric bank lint`. Parsing never stops at the first
 * problem: every problem is recorded with its file and line, and what could be read is kept.
 */
#ifndef RUBRIC_CORE_BANK_H
#define RUBRIC_CORE_BANK_H

#include <stdbool.h>
#include <stddef.h>

#include "model/question.h"
#include "model/question_bank.h"
#include "util/diag.h"
#include "util/err.h"

/* The largest bank file read (a bank file is prose, not data). */
#define BANK_FILE_MAX (4u << 20)

/* Parses one bank file's text (named file in messages) and adds its competency and
 * questions to b. Problems go to d. */
void bank_parse(struct bank *b, const char *file, const char *data, size_t len, struct diags *d);

/* Parses the synonyms file ("concept = alt, alt" lines; '#' comments). */
void bank_parse_synonyms(struct bank *b, const char *file, const char *data, size_t len,
                         struct diags *d);

/* Reads every *.md file and synonyms.txt in dir. Problems in the files go to d; RB_EIO with
 * errmsg when the directory itself cannot be read. */
enum rb_err bank_read_dir(struct bank *b, const char *dir, struct diags *d, char *errmsg);

/* Reads the bank compiled into the binary. */
void bank_read_builtin(struct bank *b, struct diags *d);

/* Rules for one question (fields, sections, key concepts, STAR). Imported questions (source
 * set) may lack points unless strict. */
void question_check(const struct question *q, int strict, struct diags *d);

/* The editor's checks of `rubric bank lint --strict` (docs/BANK.md): a point holding
 * several checks, vague points, grades 1 to 4 once each, a "By level" item for each level
 * a spanning question covers, and no screening point that scores a disclosure. */
void question_check_editorial(const struct question *q, struct diags *d);

/* Every question's skills known to known() (the taxonomy's canonical names), and every
 * question of a stack track naming some. */
void bank_check_skills(const struct bank *b, bool (*known)(const char *name, void *ctx), void *ctx,
                       struct diags *d);

/* Rules across the bank: every question_check (and, when strict,
 * question_check_editorial), duplicate ids, competencies defined once,
 * `also` naming a known competency, and near-duplicate questions. */
void bank_check(const struct bank *b, int strict, struct diags *d);

/* Word 3-shingle Jaccard similarity above which two questions count as near-duplicates. */
#define BANK_NEAR_DUP 0.6

/* Similarity (0 to 1) of two texts by word 3-shingles, for tests and the importer. */
double bank_similarity(const char *a, size_t alen, const char *b, size_t blen);

#endif
