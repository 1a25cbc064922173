/* SPDX-License-Identifier: MIT */
/*
 * Screenings: resumes scored against a role (core/screen.h) and made into ranked rows, once
 * for every front end. `rubric screen` runs screening_files_run over files on disk (read
 * and kept through core/intake.h); the server's worker runs screening_job_run over a queued
 * screening's uploaded resumes. Both make each row with screening_row_make and give it as
 * JSON with screening_row_json, so the same resume and role give the same score, reasons and
 * figures whichever way they came in. Rows rank by score, then the evidence (relevant years,
 * must-haves met, total years), then the file name: a total order, so the ranking does not
 * depend on the number of threads or the order in which they finish.
 */
#ifndef RUBRIC_CORE_SCREENING_H
#define RUBRIC_CORE_SCREENING_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/opening.h"
#include "core/role.h"
#include "core/screen.h"
#include "model/skills.h"
#include "resume/dates.h"
#include "resume/resume.h"
#include "resume/skillscan.h"
#include "store/store.h"

/* One ranked resume. */
struct screen_row {
    char *id; /* the command line: 12 hex digits of the file's SHA-256; NULL when not given */
    char *file;
    char *name, *email, *phone; /* NULL in blind mode or when not found */
    double experience_years;
    struct screen_result s;
};

void screen_row_cleanup(struct screen_row *r);

#define SCREEN_BINS 10

struct screen_summary {
    size_t files, ranked, failed, from_store;
    double seconds;
    unsigned threads;
    size_t histogram[SCREEN_BINS]; /* every ranked score, in bins of 10 (100 in the last) */
};

/* The one row builder: r scored against role (tax names its skills, today dates recency)
 * into *out (screen_row_cleanup it). id and file are copied (either may be NULL); in blind
 * mode no name, email or phone is kept. */
void screening_row_make(const struct resume *r, const struct role *role, const struct skills *tax,
                        struct ym today, bool blind, const char *id, const char *file,
                        struct screen_row *out);

/* Orders two rows best first: screen_compare, then the file name; 0 only for the same file. */
int screening_row_compare(const struct screen_row *a, const struct screen_row *b);

/* A row as both front ends give it: screen_to_json's fields, "experience_years" and
 * "comparable_years" (to 0.1), and unless blind "name" (null when none was found). Each
 * front end adds how it names the resume (the command line: rank, id, file, email, phone;
 * the API: filename, resume, candidate, rank). New reference. */
json_t *screening_row_json(const struct screen_row *w, bool blind);

/* ---- a run over files on disk (`rubric screen`) --------------------------------------- */

struct screening_files {
    /* in: borrowed, read-only while it runs */
    char *const *files;
    size_t nfiles;
    const bool *walked; /* per file: found in a folder (a database there is skipped); NULL: none */
    const struct role *role;
    const struct skills *tax;
    const struct skillscan *proto; /* cloned for each thread */
    struct store *store;           /* parses looked up and kept here; NULL: neither */
    const char *db_url;            /* the store's URL: the writer thread opens its own */
    bool blind;
    struct ym today;
    long top;         /* keep the best top rows; 0: all */
    double min_score; /* keep rows scoring at least this (below 0: all) */
    unsigned threads; /* reading threads, at least 1 */
    /* called on the calling thread about every 100 ms while the files are read (may be
     * NULL) */
    void (*progress)(void *ctx, size_t done, size_t total, size_t failed);
    void *ctx;

    /* out: screening_files_cleanup frees them */
    struct screen_row *rows; /* best first */
    size_t nrows;
    json_t *errors;   /* [{"file", "error"}] by file */
    json_t *warnings; /* [text]: a store that stopped being used, a thread not started */
    json_t *skipped;  /* [file]: databases met in folders, not read, not in sum.files; sorted */
    struct screen_summary sum;
};

/* Reads, parses (or takes the store's parse of the same bytes), scores and ranks every file
 * of run. A file that cannot be read is in run->errors and the run goes on; a store that
 * fails is warned about and the run goes on without it. */
void screening_files_run(struct screening_files *run);
void screening_files_cleanup(struct screening_files *run);

/* ---- a queued screening (the server's worker) ----------------------------------------- */

/* Runs screening id (claimed: criteria is its role's JSON, blind as queued): its resumes in
 * batches, each scored from its stored parse (blind: the original read again from the store
 * and redacted) with rd's scanner, recorded with the job's progress; then the end and the note to
 * whoever started it. *stopping (read atomically) stops it between batches, queued again at
 * once for any server to go on with. RB_OK also when a resume could not be scored (its row says
 * why); an error when its results could not be recorded (errmsg: why; the job is claimed again once
 * its heartbeat is stale). */
enum rb_err screening_job_run(struct store *s, long long id, const char *criteria, bool blind,
                              const struct opening_reader *rd, const int *stopping, char *errmsg);

#endif
