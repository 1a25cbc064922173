/* SPDX-License-Identifier: MIT */
/*
 * Candidates and resume files from disk, for the command line: a file attached to a
 * candidate, and a candidate made from a file (one that `rubric screen` ranked). A file is
 * kept and parsed as the API's uploads are (intake_upload: the original in the store by
 * its SHA-256), and every change is written with its audit entry in one
 * transaction.
 */
#ifndef RUBRIC_CORE_CANDIDATE_FILE_H
#define RUBRIC_CORE_CANDIDATE_FILE_H

#include "core/opening.h"
#include "store/store.h"
#include "util/err.h"

/* Attaches the resume file at path to candidate, by who (NULL: the command line), the
 * upload's uploaded_by being who's account. *resume is the new resume's id; a file that
 * cannot be parsed is still kept, its error saying why. RB_EIO when path cannot be read;
 * RB_ENOTFOUND when there is no such candidate. */
enum rb_err candidate_attach_file(struct store *s, const char *path, long long candidate,
                                  const struct audit_actor *who, const struct opening_reader *rd,
                                  long long *resume, char *errmsg);

/* A new candidate at 'applied' from the resume file at path: name, email and phone as c
 * gives them, else from the file's parse (c->role as given); the file attached as their
 * resume. *candidate and *resume are the new ids. RB_EIO as above; RB_EINVAL when the file
 * cannot be read as a resume, or gives no name and c none. */
enum rb_err candidate_from_file(struct store *s, const char *path, const struct candidate_new *c,
                                const struct audit_actor *who, const struct opening_reader *rd,
                                long long *candidate, long long *resume, char *errmsg);

#endif
