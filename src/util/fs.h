/* SPDX-License-Identifier: MIT */
/* Files and directories, with size limits and messages that name the path. */
#ifndef RUBRIC_UTIL_FS_H
#define RUBRIC_UTIL_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* Reads a whole regular file of at most max bytes into *data (new, NUL-terminated; free
 * with free()) and *len. On error *data is NULL and errmsg (RB_ERRMSG bytes) says why,
 * naming the path. RB_ETOOBIG past max, RB_EIO otherwise. */
enum rb_err fs_read(const char *path, size_t max, char **data, size_t *len, char *errmsg);

/* Lists the regular files directly in dir whose name ends in suffix, as new "dir/name"
 * strings sorted by name (free each and the array with fs_list_free). Hidden files are
 * skipped. */
enum rb_err fs_list(const char *dir, const char *suffix, char ***paths, size_t *n, char *errmsg);
void fs_list_free(char **paths, size_t n);

/* Appends to *paths (*n of them so far; the array is grown with xgrow semantics, so start
 * from NULL and 0) the regular files under dir, in folders down to FS_WALK_DEPTH, sorted by
 * path. Hidden files and folders are skipped and links to folders are not followed. A
 * folder that cannot be read is a problem in d, and the walk goes on. */
#define FS_WALK_DEPTH 32
struct diags;
void fs_walk(const char *dir, char ***paths, size_t *n, struct diags *d);

/* Reads each file directly in dir whose name ends in suffix (README.md excepted), in name
 * order, and hands its text to fn. A file that cannot be read (too large, unreadable) is a
 * problem in d naming it, and the others are still read. RB_EIO with errmsg when dir
 * itself cannot be read. */
struct diags;
typedef void (*fs_text_fn)(void *ctx, const char *name, const char *data, size_t len,
                           struct diags *d);
enum rb_err fs_each_text(const char *dir, const char *suffix, size_t max, fs_text_fn fn, void *ctx,
                         struct diags *d, char *errmsg);

/* Writes data to path through a temporary file and a rename, so readers never see a
 * half-written file. */
enum rb_err fs_write_atomic(const char *path, const void *data, size_t len, char *errmsg);
/* The same with the file's mode (0600 for personal data). */
enum rb_err fs_write_atomic_mode(const char *path, const void *data, size_t len, unsigned mode,
                                 char *errmsg);

/* Sets path to dir/name with one slash between them ("cvs/" and "a.pdf" give "cvs/a.pdf").
 * 0, or nonzero when it would pass path's maximum. */
struct buf;
int fs_join(struct buf *path, const char *dir, const char *name);

/* Creates dir and its missing parents. */
enum rb_err fs_mkdirs(const char *dir, char *errmsg);

bool fs_is_dir(const char *path);

/* The last component of path (borrowed from path). */
const char *fs_basename(const char *path);

#endif
