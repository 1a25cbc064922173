/* SPDX-License-Identifier: MIT */
/*
 * Intake: a resume file, as it comes in, into a parsed resume the store keeps. One path for
 * every way in. An upload (the API, the careers page, `rubric candidate attach`) is parsed on
 * arrival and recorded as a resume row with its original, which the store keeps by the
 * SHA-256 of its bytes (intake_upload). A run over files on disk (`rubric screen`) reads each file,
 * takes the store's parse of the same bytes (by hash, parser and blindness) or parses it, and keeps
 * new parses from a writer thread with a store connection of its own, INTAKE_BATCH to a
 * transaction, so that the reading threads never wait on the store's writes (intake_files_*).
 */
#ifndef RUBRIC_CORE_INTAKE_H
#define RUBRIC_CORE_INTAKE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/opening.h"
#include "model/skills.h"
#include "resume/dates.h"
#include "resume/resume.h"
#include "resume/skillscan.h"
#include "store/store.h"
#include "util/err.h"

/* ---- uploads --------------------------------------------------------------------------- */

/* What the intake of one upload did. */
struct intake_result {
    long long resume;      /* the new resume's id */
    char hash[65];         /* SHA-256 of the bytes: the original's key in the store */
    char filename[256];    /* the client's file name as kept (its last component, cleaned) */
    const char *format;    /* the format read (static), NULL when the file could not be read */
    char error[RB_ERRMSG]; /* why it could not be read ("" when it was) */
};

/* Keeps an uploaded file as every way in does: parsed on arrival with rd's scanner, and a
 * resume row for candidate (0: nobody's yet) uploaded by the account by (0: nobody) with its
 * original (store_resumes_add), inside the caller's transaction, if any: a refused upload
 * leaves nothing behind. A file that cannot be read is kept with out->error, which is not a
 * failure. */
enum rb_err intake_upload(struct store *s, const char *filename, const void *data, size_t len,
                          long long candidate, long long by, const struct opening_reader *rd,
                          struct intake_result *out, char *errmsg);

/* ---- files on disk, many at once ------------------------------------------------------- */

#define INTAKE_BATCH 256 /* parses written per transaction */

struct intake_config {
    const struct skills *tax; /* borrowed: outlives the intake */
    bool blind;               /* redacted before parsing (resume/blind.h); kept apart */
    struct ym today;
    struct store *store; /* parses looked up and kept here (borrowed); NULL: neither */
    const char *db_url;  /* the store's URL, for the writer's own connection; NULL or an
                          * in-memory store: no writer thread, the readers write batches */
    json_t *warnings;    /* borrowed array: a store that stops being used is said here */
    /* the threads that will read: from 2, a writer thread of its own keeps the parses; 1
     * (or 0): that thread writes them itself, so that a run asked to use one thread uses
     * one core */
    unsigned readers;
};

struct intake_files;

/* One file read. */
struct intake_item {
    char hash[65];   /* SHA-256 of the file's bytes */
    char format[32]; /* the format read */
    struct resume r;
    bool from_store; /* the store's parse, not read again */
    bool database;   /* not read: a database met in a folder (extract_is_database) */
};

/* Starts an intake (and its writer thread when it can): *out new, closed by
 * intake_files_close. */
void intake_files_open(const struct intake_config *c, struct intake_files **out);
/* Reads file into *it with sc (the calling thread's scanner): the store's parse when it has
 * one for these bytes, else extracted and parsed. Any thread. A file found in a folder
 * (walked) that is a database is not parsed: it->database says so. On failure errmsg holds
 * the one-line reason and *it is empty. */
enum rb_err intake_files_read(struct intake_files *in, struct skillscan *sc, const char *file,
                              bool walked, struct intake_item *it, char *errmsg);
/* Done with it: a new parse is queued to be kept (taken), one from the store freed. When the
 * writer falls behind by more than a few batches, this waits for it. */
void intake_files_done(struct intake_files *in, struct intake_item *it);
/* Keeps what waits, stops the writer and closes its connection; frees in (NULL is fine). */
void intake_files_close(struct intake_files *in);

#endif
