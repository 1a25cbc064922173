/* SPDX-License-Identifier: MIT */
/*
 * Inside the PostgreSQL backend: what pg.c shares with the files that hold its operations
 * (pg_users.c, pg_bank.c, ...). Only those files include this header; libpq-fe.h is included
 * here and nowhere else.
 *
 * The one statement scheme: SQL text with static storage, named by its address. pg_query
 * prepares it on the connection the first time that address is seen (a name "rb%u" per
 * statement, kept in a table that grows: no cap) and executes it by name after. Parameters
 * are text ($1, $2, ...), NULL for SQL NULL, built with struct pg_args; results are text and
 * read with pg_str, pg_dup, pg_ll, pg_bool. Where PostgreSQL cannot infer a parameter's type
 * ("$1 IS NULL OR x = $1"), cast it in the SQL ($1::text, $2::bigint).
 */
#ifndef RUBRIC_STORE_PG_INT_H
#define RUBRIC_STORE_PG_INT_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "store/store_impl.h"

#define PG_ARGS_MAX 24

/* Up to PG_ARGS_MAX text parameters; numbers are formatted into the struct itself, so it
 * must outlive the pg_query call that uses it. Bytes (a bytea) go as a binary parameter;
 * binary_result asks for every column of the result in binary (a bytea's bytes as they are,
 * read with PQgetvalue and PQgetlength), for a statement that reads bytea only. */
struct pg_args {
    const char *v[PG_ARGS_MAX];
    char num[PG_ARGS_MAX][24];
    int len[PG_ARGS_MAX], fmt[PG_ARGS_MAX];
    int n;
    bool binary, binary_result;
};
/* Append a parameter: text (NULL is SQL NULL, the text is borrowed), a number, a flag,
 * bytes (borrowed; at most INT_MAX of them). */
void pg_arg_text(struct pg_args *a, const char *v);
void pg_arg_ll(struct pg_args *a, long long v);
void pg_arg_bool(struct pg_args *a, bool v);
void pg_arg_bytes(struct pg_args *a, const void *v, size_t len);

/* Executes the statement sql (static storage: see above) with args (NULL: none). Returns the
 * result (free with PQclear), whose status is PGRES_TUPLES_OK or PGRES_COMMAND_OK, or NULL
 * with errmsg set ("store URL: what: PostgreSQL's words") and *rc the mapped error (pg_fail).
 * A connection found broken outside a transaction is reset and the statement tried once more. */
PGresult *pg_query(struct store *s, const char *sql, const struct pg_args *args, const char *what,
                   enum rb_err *rc, char *errmsg);
/* pg_query for a statement whose rows (if any) are not needed. */
enum rb_err pg_exec(struct store *s, const char *sql, const struct pg_args *args, const char *what,
                    char *errmsg);
/* pg_exec that also gives the rows the statement changed (*changed). */
enum rb_err pg_exec_n(struct store *s, const char *sql, const struct pg_args *args,
                      long long *changed, const char *what, char *errmsg);
/* The integer in the first column of the first row: RB_ENOTFOUND when there is no row. */
enum rb_err pg_scalar(struct store *s, const char *sql, const struct pg_args *args, long long *n,
                      const char *what, char *errmsg);

/* The error for a failed result r (NULL: the connection's own), with the message
 * "store URL: what: reason": unique and other constraint violations (class 23) are
 * RB_ECONFLICT, a lost connection, a serialization failure or a deadlock RB_ESTORE with a
 * "try again" message, the rest RB_ESTORE. */
enum rb_err pg_fail(struct store *s, const PGresult *r, const char *what, char *errmsg);
/* The SQLSTATE of a failed result ("23505"), or "" when it has none. */
const char *pg_state(const PGresult *r);

/* Row reading: the text of a column (NULL when SQL NULL; borrowed, valid until PQclear), a
 * new copy of it (free), its value as a number or a flag (0 and false when NULL). */
const char *pg_str(const PGresult *r, int row, int col);
char *pg_dup(const PGresult *r, int row, int col);
long long pg_ll(const PGresult *r, int row, int col);
double pg_double(const PGresult *r, int row, int col);
bool pg_bool(const PGresult *r, int row, int col);
/* The JSON in a column, parsed (a new reference), or NULL with errmsg set. */
json_t *pg_json(const PGresult *r, int row, int col, char *errmsg);

/* Who a token or session is, kept with the connection (pg.c says for how long). Take the
 * epoch before reading the database, and keep what the read found with it: a change
 * announced in between makes the entry unused. pg_auth_cached fills *u (and *csrf for a
 * session) with new copies and returns true when an entry for hash holds; now is the
 * session clock (Unix seconds). */
unsigned long pg_auth_epoch_now(struct store *s);
bool pg_auth_cached(struct store *s, const char *hash, bool session, long long now, struct user *u,
                    char **csrf);
void pg_auth_keep(struct store *s, const char *hash, bool session, long long expires,
                  const struct user *u, const char *csrf, unsigned long epoch);

/* Write transactions: the outermost a BEGIN, inside it savepoints, so that a write and its
 * audit entry commit together (store_tx_begin). pg_end commits when rc is RB_OK, else rolls
 * back, and returns rc or the commit's error. */
enum rb_err pg_begin(struct store *s, char *errmsg);
enum rb_err pg_end(struct store *s, enum rb_err rc, char *errmsg);
/* A read that must see one snapshot (an export): REPEATABLE READ, READ ONLY; end it with
 * pg_end. Inside a transaction already open, that transaction's view. */
enum rb_err pg_begin_snapshot(struct store *s, char *errmsg);

/* The connection (borrowed), for pg_copy.c, which streams rows (single-row mode, COPY)
 * where pg_query cannot. */
PGconn *pg_conn(struct store *s);

/* The URL as shown in messages, the password masked (borrowed, valid while s is open). */
const char *pg_url(struct store *s);

/* The question ids (a JSON array, or NULL before the first kit) that the kit being built on
 * this store leaves out: pg_roles.c's state between kit_begin and the picks, kept with the
 * connection as SQLite keeps it in a temporary table; freed when the store closes. */
json_t **pg_kit_exclude(struct store *s);

/* What an operation that this backend does not have yet answers: RB_ESTORE, "NAME is not
 * yet available on PostgreSQL"; store_unavailable_hook (tests) hears of it first. */
enum rb_err pg_unavailable(const char *op, char *errmsg);

/* Each area's file sets the operations it implements (every one today); an operation added
 * for SQLite first answers pg_unavailable from its area's file until it is written. */
void pg_users_ops(struct store_ops *ops);
void pg_bank_ops(struct store_ops *ops);
void pg_hiring_ops(struct store_ops *ops);
void pg_roles_ops(struct store_ops *ops);
void pg_practice_ops(struct store_ops *ops);
void pg_loops_ops(struct store_ops *ops);
void pg_openings_ops(struct store_ops *ops);
void pg_mail_ops(struct store_ops *ops);
void pg_fairness_ops(struct store_ops *ops);
void pg_privacy_ops(struct store_ops *ops);
/* pg_copy.c: backup and restore (through store/store_copy.c). */
void pg_copy_ops_set(struct store_ops *ops);

/* Adds candidate c inside the caller's transaction (store_candidate_add without its own
 * BEGIN; an application adds its person with it): *id is the new one's. */
enum rb_err pg_candidate_insert(struct store *s, const struct candidate_new *c, long long *id,
                                char *errmsg);

#endif
