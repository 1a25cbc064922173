/* SPDX-License-Identifier: MIT */
/*
 * Data protection, shared by the command line and the server: a candidate's export
 * (everything held about them, with their original files), their erasure (the store's
 * rows, with the originals nobody else refers to, then the store's files rewritten so that
 * no copy of the erased bytes is left in them), and retention (erasing the candidates
 * who reached a final stage long enough ago). Every export and erase leaves an audit entry.
 * An uploads folder of a version before originals were kept in the store is brought into
 * it once (privacy_uploads_import). Nothing here prints.
 */
#ifndef RUBRIC_CORE_PRIVACY_H
#define RUBRIC_CORE_PRIVACY_H

#include <jansson.h>
#include <stdbool.h>

#include "core/user.h"
#include "store/store.h"

/* The name of the JSON file an export writes next to the originals. */
#define PRIVACY_EXPORT_JSON "candidate.json"

/* Everything held about candidate id as a new JSON object (store_candidate_export without
 * the upload hashes), after recording an 'export' audit entry by who (NULL: the operator).
 * An export is whole or not at all: someone on the candidate's panel with scorecards still to
 * give is refused (RB_EDENIED, the panel rule of scorecard_view), since it holds the others'
 * ratings and notes; another recruiter or admin may export meanwhile. When dir is not NULL
 * the export is also written there: PRIVACY_EXPORT_JSON and each original from the store,
 * one at a time, as "resume-ID-FILENAME" (in "files", each entry's "file"; null with
 * "missing": true when the store has no original for it), the folder made with mode 0700
 * and the files 0600. A folder that exists and is not empty is refused (RB_ECONFLICT) unless force.
 * The candidate's self-identification ("self_id") is in it only for who selfid_may_read
 * allows; for others "self_id_withheld": true stands in its place.
 * RB_ENOTFOUND; RB_EIO naming the file that could not be read or written. */
enum rb_err privacy_export(struct store *s, long long id, const struct user *who, const char *dir,
                           bool force, json_t **out, char *errmsg);

/* Erases candidate id (store_candidate_erase, by who: the originals no other resume refers
 * to go with it) and compacts the store (store_compact). *report (new) says what was done:
 * {"candidate", "already_erased", "resumes", "scorecards", "files_removed" (originals
 * deleted), "storage_clean"}. RB_ENOTFOUND. */
enum rb_err privacy_erase(struct store *s, long long id, const struct audit_actor *who,
                          json_t **report, char *errmsg);

/* The most candidates one retention run erases; the rest wait for the next run. */
#define PRIVACY_RETENTION_BATCH 1000

/* Erases (unless dry_run) the candidates at a final stage whose last stage change is more
 * than days days before now (Unix seconds), PRIVACY_RETENTION_BATCH at most, each with a
 * 'retention' audit entry, and compacts the store once at the end. *report (new): {"days",
 * "before" (ISO 8601), "due": [{"id", "stage", "since"}], "erased", "files_removed",
 * "storage_clean"}. */
enum rb_err privacy_retention(struct store *s, unsigned days, long long now, bool dry_run,
                              json_t **report, char *errmsg);

/* Blind screening results (store_screening_results' items) as a reviewer sees them: each
 * "candidate" null, since the candidate's record names them. "resume" stays: it is the
 * handle that makes a candidate of a result, and reading the resume (which names them) is
 * the deliberate, audited end of the blinding. */
void privacy_blind_results(json_t *items);

/* How long the traces that protect sign-in and practice are kept: an address an account
 * signed in from counts as the owner's (core/auth.c) for PRIVACY_KNOWN_DAYS after its last
 * sign-in; a question practice served may be answered for PRIVACY_SERVED_DAYS. */
#define PRIVACY_KNOWN_DAYS 180
#define PRIVACY_SERVED_DAYS 30

/* Forgets the sign-in addresses and served questions older than the periods above. */
enum rb_err privacy_traces_prune(struct store *s, long long now, size_t *deleted, char *errmsg);

/* Deletes the audit entries more than days days before now (Unix seconds): *deleted. */
enum rb_err privacy_audit_retention(struct store *s, unsigned days, long long now, size_t *deleted,
                                    char *errmsg);

/* What privacy_uploads_import did. */
struct uploads_import {
    bool found;          /* the folder was there */
    size_t imported;     /* originals brought into the store */
    size_t removed;      /* files no resume refers to, and leftover temporary files */
    size_t left;         /* files left where they are: unreadable, over max, or not the bytes
                          * their name says */
    bool folder_removed; /* the folder was emptied and removed */
};

/* Brings an uploads folder of a version before schema 21 into the store, a file at a time:
 * each file named as an upload (64 hex digits) that a resume refers to is kept as its
 * original (store_original_keep) when its bytes have that SHA-256 and are at most max, then
 * removed from the folder; a file no resume refers to, and a leftover temporary file
 * (NAME.tmp.PID), is removed; other names are not touched. The folder is removed when that
 * empties it. Running it again is harmless. A folder that does not exist: nothing done
 * (r->found false). RB_EIO when it cannot be read; the store's error when it fails. */
enum rb_err privacy_uploads_import(struct store *s, const char *dir, size_t max,
                                   struct uploads_import *r, char *errmsg);

#endif
