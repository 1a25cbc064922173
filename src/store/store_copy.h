/* SPDX-License-Identifier: MIT */
/*
 * Inside the store: what the copier (store/store_copy.c) asks of a backend, table by table,
 * so that one engine copies a store between any two backends (`rubric store copy`), takes a
 * PostgreSQL backup into a SQLite file and restores one. Only store_copy.c and the backends'
 * copy files (sqlite_copy.c, pg_copy.c) include this header.
 *
 * Values cross between backends in one canonical text form per kind, the form the copier also
 * hashes to compare two stores: integers in decimal, reals as "%.17g" (the same double on
 * both sides gives the same text), flags "0" or "1", text and JSON as stored, blobs as their
 * raw bytes. A column's kind is the richer of its two declarations (a SQLite 0/1 integer that
 * is a PostgreSQL boolean is a flag; SQLite text that is PostgreSQL json is JSON).
 */
#ifndef RUBRIC_STORE_STORE_COPY_H
#define RUBRIC_STORE_STORE_COPY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "store/store_impl.h"

enum copy_kind { COPY_INT, COPY_REAL, COPY_TEXT, COPY_BOOL, COPY_JSON, COPY_BLOB };

struct copy_col {
    char *name;
    enum copy_kind kind;
};

/* One value: p NULL is SQL NULL; otherwise len bytes at p (not NUL-terminated for blobs). */
struct copy_value {
    const char *p;
    size_t len;
};

/* Called with each row's values (one per column asked for, borrowed for the call); a
 * non-zero return stops the scan with that error. */
typedef enum rb_err (*copy_row_fn)(void *ctx, const struct copy_value *v, char *errmsg);

/* A backend's side of a copy. Every call but begin runs inside the transaction begin opened. */
struct store_copy_ops {
    /* A read (write false): one consistent snapshot while other connections go on writing. A
     * write: one transaction that end commits or rolls back. */
    enum rb_err (*begin)(struct store *s, bool write, char *errmsg);
    /* Ends what begin opened: a write commits when rc is RB_OK, else rolls back. Returns rc or
     * the commit's error. */
    enum rb_err (*end)(struct store *s, enum rb_err rc, char *errmsg);
    /* The tables that hold the store's data, by name (a new JSON array of strings): not the
     * backend's own bookkeeping (schema version, full-text index, statistics). */
    enum rb_err (*tables)(struct store *s, json_t **names, char *errmsg);
    /* The tables that table's foreign keys name (a new JSON array of strings). */
    enum rb_err (*references)(struct store *s, const char *table, json_t **names, char *errmsg);
    /* The columns of table that hold data (not generated ones), in their order, with the kind
     * this backend declares: *cols is new (copy_cols_free), *n 0 when there is no such table. */
    enum rb_err (*columns)(struct store *s, const char *table, struct copy_col **cols, size_t *n,
                           char *errmsg);
    enum rb_err (*count)(struct store *s, const char *table, long long *n, char *errmsg);
    /* Deletes every row of the n tables (a write; all of them at once, so that foreign keys
     * between them are no obstacle). */
    enum rb_err (*clear)(struct store *s, const char *const *tables, size_t n, char *errmsg);
    /* Every row of table, the n columns cols in canonical form, handed to fn. */
    enum rb_err (*scan)(struct store *s, const char *table, const struct copy_col *cols, size_t n,
                        copy_row_fn fn, void *ctx, char *errmsg);
    /* Writing rows into table (a write): put_begin returns a writer in *w, put_row adds a row
     * of canonical values, put_end finishes (rc not RB_OK: abandons) and frees w. */
    enum rb_err (*put_begin)(struct store *s, const char *table, const struct copy_col *cols,
                             size_t n, void **w, char *errmsg);
    enum rb_err (*put_row)(struct store *s, void *w, const struct copy_value *v, char *errmsg);
    enum rb_err (*put_end)(struct store *s, void *w, enum rb_err rc, char *errmsg);
    /* After every table is written, inside the write: what the backend derives from rows
     * (identity sequences past the largest ids, the full-text index, planner statistics). */
    enum rb_err (*finish)(struct store *s, char *errmsg);
};

extern const struct store_copy_ops sqlite_copy_ops;
extern const struct store_copy_ops pg_copy_ops;

void copy_cols_free(struct copy_col *cols, size_t n);
/* A table or column name in double quotes for SQL (both backends), into a new string. */
char *copy_quote(const char *name);

/* store_copy.c: the PostgreSQL backend's backup (a SQLite store file at path, mode 0600,
 * written beside it and renamed into place) and restore (the file checked, then every row
 * of s replaced by its rows in one transaction). */
enum rb_err store_copy_backup(struct store *s, const char *path, char *errmsg);
enum rb_err store_copy_restore(struct store *s, const char *path, int latest, char *errmsg);

/* sqlite_backup.c: whether path is a backup this binary can restore (a SQLite store whose
 * integrity check passes, of schema 1 to latest): RB_EINVAL or RB_EIO saying what is wrong. */
enum rb_err sqlite_backup_check(const char *path, int latest, char *errmsg);
/* sqlite_backup.c: makes the closed SQLite store at path one file (no WAL beside it), synced. */
enum rb_err sqlite_backup_seal(const char *path, char *errmsg);

#endif
