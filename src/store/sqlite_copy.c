/* SPDX-License-Identifier: MIT */
/*
 * The SQLite side of a whole-store copy (store/store_copy.h): a read is one deferred
 * transaction (in WAL mode, one snapshot while writers go on); a write is one BEGIN IMMEDIATE
 * with foreign keys checked at its commit. Tables come from the catalogue (not the full-text
 * index, whose shadow tables and rows are SQLite's own: it is rebuilt from the copied
 * questions at the end, holding live questions only, as the store code keeps it).
 * Statements here name tables and columns the catalogue gave, quoted; they are prepared per
 * call, since a copy runs each once per table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/sqlite_int.h"
#include "store/store_copy.h"
#include "util/buf.h"
#include "util/mem.h"

static enum rb_err
fail_sql(struct store *s, const char *what, const char *table, char *errmsg)
{
    snprintf(errmsg, RB_ERRMSG, "store %s: %s%s%s: %s", to_sq(s)->path, what, *table ? " " : "",
             table, sqlite3_errmsg(sq_db(s)));
    return RB_ESTORE;
}

static enum rb_err
exec(struct store *s, const char *sql, const char *what, char *errmsg)
{
    if (sqlite3_exec(sq_db(s), sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail_sql(s, what, "", errmsg);
    return RB_OK;
}

static enum rb_err
copy_begin(struct store *s, bool write, char *errmsg)
{
    enum rb_err rc;
    if (!write) {
        /* the snapshot is taken at the first read */
        rc = exec(s, "BEGIN", "begin a consistent read", errmsg);
        if (!rc)
            rc = exec(s, "SELECT count(*) FROM sqlite_schema", "begin a consistent read", errmsg);
        return rc;
    }
    rc = exec(s, "BEGIN IMMEDIATE", "begin the copy's write", errmsg);
    if (rc && sqlite3_errcode(sq_db(s)) == SQLITE_BUSY) {
        snprintf(errmsg, RB_ERRMSG,
                 "store %s is being written by another connection: copy into a store nothing "
                 "else uses",
                 to_sq(s)->path);
        return rc;
    }
    if (!rc)
        rc = exec(s, "PRAGMA defer_foreign_keys = ON", "begin the copy's write", errmsg);
    return rc;
}

static enum rb_err
copy_end(struct store *s, enum rb_err rc, char *errmsg)
{
    if (sqlite3_get_autocommit(sq_db(s)))
        return rc;
    if (rc == RB_OK) {
        rc = exec(s, "COMMIT", "commit the copy", errmsg);
        if (rc == RB_OK)
            return rc;
    }
    sqlite3_exec(sq_db(s), "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* The first column of each row of sql (with text bound to ?1 when not NULL) into a new JSON
 * array of strings. */
static enum rb_err
names(struct store *s, const char *sql, const char *arg, json_t **out, char *errmsg)
{
    sqlite3_stmt *st = NULL;
    enum rb_err rc = RB_OK;
    int r;

    *out = json_array();
    if (sqlite3_prepare_v2(sq_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        return fail_sql(s, "read the catalogue", arg ? arg : "", errmsg);
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(*out, json_string((const char *)sqlite3_column_text(st, 0)));
    if (r != SQLITE_DONE)
        rc = fail_sql(s, "read the catalogue", arg ? arg : "", errmsg);
    sqlite3_finalize(st);
    return rc;
}

static enum rb_err
copy_tables(struct store *s, json_t **out, char *errmsg)
{
    /* shadow and virtual tables are the full-text index; sqlite_* are SQLite's own */
    return names(s,
                 "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                 "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                 NULL, out, errmsg);
}

static enum rb_err
copy_references(struct store *s, const char *table, json_t **out, char *errmsg)
{
    return names(s,
                 "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1) WHERE \"table\" <> ?1",
                 table, out, errmsg);
}

/* A declared type's kind, by SQLite's affinity rules. */
static enum copy_kind
kind_of(const char *type)
{
    if (strcasestr(type, "INT"))
        return COPY_INT;
    if (strcasestr(type, "CHAR") || strcasestr(type, "CLOB") || strcasestr(type, "TEXT"))
        return COPY_TEXT;
    if (!*type || strcasestr(type, "BLOB"))
        return COPY_BLOB;
    if (strcasestr(type, "REAL") || strcasestr(type, "FLOA") || strcasestr(type, "DOUB"))
        return COPY_REAL;
    return COPY_INT;
}

/* The table's CREATE statement (a new string; "" when there is none). */
static char *
table_sql(struct store *s, const char *table)
{
    sqlite3_stmt *st = NULL;
    char *sql = NULL;
    if (sqlite3_prepare_v2(sq_db(s), "SELECT sql FROM sqlite_schema WHERE name = ?1", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            sql = xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return sql ? sql : xstrdup("");
}

/* Whether the CREATE statement checks column name with json_valid(): JSON text, compared as
 * JSON (PostgreSQL's jsonb gives it back with its keys in another order). */
static bool
checked_json(const char *create, const char *name)
{
    char needle[160];
    snprintf(needle, sizeof needle, "json_valid(%s)", name);
    return strstr(create, needle) != NULL;
}

static enum rb_err
copy_columns(struct store *s, const char *table, struct copy_col **cols, size_t *n, char *errmsg)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 8;
    enum rb_err rc = RB_OK;
    char *create = table_sql(s, table);
    int r;

    *cols = xcalloc(cap, sizeof **cols);
    *n = 0;
    if (sqlite3_prepare_v2(sq_db(s),
                           "SELECT name, type FROM pragma_table_xinfo(?1) WHERE hidden = 0 "
                           "ORDER BY cid",
                           -1, &st, NULL) != SQLITE_OK)
        rc = fail_sql(s, "read the columns of", table, errmsg);
    if (rc) {
        free(create);
        return rc;
    }
    sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 1);
        if (*n == cap) {
            cap *= 2;
            *cols = xrealloc(*cols, cap * sizeof **cols);
        }
        (*cols)[*n].name = xstrdup((const char *)sqlite3_column_text(st, 0));
        (*cols)[*n].kind = kind_of(type ? type : "");
        if ((*cols)[*n].kind == COPY_TEXT && checked_json(create, (*cols)[*n].name))
            (*cols)[*n].kind = COPY_JSON;
        (*n)++;
    }
    if (r != SQLITE_DONE)
        rc = fail_sql(s, "read the columns of", table, errmsg);
    sqlite3_finalize(st);
    free(create);
    return rc;
}

static enum rb_err
copy_count(struct store *s, const char *table, long long *n, char *errmsg)
{
    sqlite3_stmt *st = NULL;
    char *q = copy_quote(table);
    struct buf sql;
    enum rb_err rc = RB_OK;

    buf_init(&sql, 4096);
    buf_printf(&sql, "SELECT count(*) FROM %s", q);
    *n = 0;
    if (sqlite3_prepare_v2(sq_db(s), buf_str(&sql), -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        rc = fail_sql(s, "count the rows of", table, errmsg);
    else
        *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    buf_cleanup(&sql);
    free(q);
    return rc;
}

static enum rb_err
copy_clear(struct store *s, const char *const *tables, size_t n, char *errmsg)
{
    enum rb_err rc = RB_OK;
    /* the referencing tables first (foreign keys are checked at commit anyway) */
    for (size_t i = n; i-- > 0 && !rc;) {
        char *q = copy_quote(tables[i]);
        struct buf sql;
        buf_init(&sql, 4096);
        buf_printf(&sql, "DELETE FROM %s", q);
        if (sqlite3_exec(sq_db(s), buf_str(&sql), NULL, NULL, NULL) != SQLITE_OK)
            rc = fail_sql(s, "empty", tables[i], errmsg);
        buf_cleanup(&sql);
        free(q);
    }
    return rc;
}

/* "SELECT|INSERT ..." naming the columns, quoted, into sql. */
static void
column_list(struct buf *sql, const struct copy_col *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *q = copy_quote(cols[i].name);
        buf_printf(sql, "%s%s", i ? ", " : "", q);
        free(q);
    }
}

static enum rb_err
copy_scan(struct store *s, const char *table, const struct copy_col *cols, size_t n, copy_row_fn fn,
          void *ctx, char *errmsg)
{
    sqlite3_stmt *st = NULL;
    struct copy_value *v = xcalloc(n ? n : 1, sizeof *v);
    char(*num)[32] = xcalloc(n ? n : 1, sizeof *num);
    char *q = copy_quote(table);
    struct buf sql;
    enum rb_err rc = RB_OK;
    int r = SQLITE_DONE;

    buf_init(&sql, 65536);
    buf_puts(&sql, "SELECT ");
    column_list(&sql, cols, n);
    buf_printf(&sql, " FROM %s", q);
    if (sqlite3_prepare_v2(sq_db(s), buf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
        rc = fail_sql(s, "read", table, errmsg);
        goto out;
    }
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t i = 0; i < n; i++) {
            int c = (int)i, type = sqlite3_column_type(st, c);
            v[i].p = NULL;
            v[i].len = 0;
            if (type == SQLITE_NULL)
                continue;
            if (cols[i].kind == COPY_BOOL && type == SQLITE_INTEGER) {
                snprintf(num[i], sizeof num[i], "%d", sqlite3_column_int64(st, c) != 0);
            } else if ((cols[i].kind == COPY_INT || cols[i].kind == COPY_BOOL) &&
                       type == SQLITE_INTEGER) {
                snprintf(num[i], sizeof num[i], "%lld", (long long)sqlite3_column_int64(st, c));
            } else if (cols[i].kind == COPY_REAL &&
                       (type == SQLITE_FLOAT || type == SQLITE_INTEGER)) {
                snprintf(num[i], sizeof num[i], "%.17g", sqlite3_column_double(st, c));
            } else if (cols[i].kind == COPY_BLOB) {
                v[i].p = sqlite3_column_blob(st, c);
                v[i].len = (size_t)sqlite3_column_bytes(st, c);
                if (!v[i].p)
                    v[i].p = ""; /* an empty blob, not NULL */
                continue;
            } else {
                v[i].p = (const char *)sqlite3_column_text(st, c);
                v[i].len = (size_t)sqlite3_column_bytes(st, c);
                continue;
            }
            v[i].p = num[i];
            v[i].len = strlen(num[i]);
        }
        rc = fn(ctx, v, errmsg);
    }
    if (!rc && r != SQLITE_DONE)
        rc = fail_sql(s, "read", table, errmsg);
out:
    sqlite3_finalize(st);
    buf_cleanup(&sql);
    free(q);
    free(num);
    free(v);
    return rc;
}

struct writer {
    sqlite3_stmt *st;
    const struct copy_col *cols;
    size_t n;
    const char *table;
};

static enum rb_err
copy_put_begin(struct store *s, const char *table, const struct copy_col *cols, size_t n,
               void **out, char *errmsg)
{
    struct writer *w = xcalloc(1, sizeof *w);
    char *q = copy_quote(table);
    struct buf sql;
    enum rb_err rc = RB_OK;

    buf_init(&sql, 65536);
    buf_printf(&sql, "INSERT INTO %s (", q);
    column_list(&sql, cols, n);
    buf_puts(&sql, ") VALUES (");
    for (size_t i = 0; i < n; i++)
        buf_printf(&sql, "%s?%zu", i ? ", " : "", i + 1);
    buf_puts(&sql, ")");
    w->cols = cols;
    w->n = n;
    w->table = table;
    if (sqlite3_prepare_v2(sq_db(s), buf_str(&sql), -1, &w->st, NULL) != SQLITE_OK) {
        rc = fail_sql(s, "write", table, errmsg);
        free(w);
        w = NULL;
    }
    buf_cleanup(&sql);
    free(q);
    *out = w;
    return rc;
}

static enum rb_err
copy_put_row(struct store *s, void *wp, const struct copy_value *v, char *errmsg)
{
    struct writer *w = wp;
    enum rb_err rc = RB_OK;

    for (size_t i = 0; i < w->n; i++) {
        int c = (int)i + 1;
        if (!v[i].p) {
            sqlite3_bind_null(w->st, c);
            continue;
        }
        switch (w->cols[i].kind) {
        case COPY_INT:
        case COPY_BOOL:
            sqlite3_bind_int64(w->st, c, strtoll(v[i].p, NULL, 10));
            break;
        case COPY_REAL:
            sqlite3_bind_double(w->st, c, strtod(v[i].p, NULL));
            break;
        case COPY_BLOB:
            sqlite3_bind_blob64(w->st, c, v[i].p, v[i].len, SQLITE_STATIC);
            break;
        case COPY_TEXT:
        case COPY_JSON:
            sqlite3_bind_text64(w->st, c, v[i].p, v[i].len, SQLITE_STATIC, SQLITE_UTF8);
            break;
        }
    }
    if (sqlite3_step(w->st) != SQLITE_DONE)
        rc = fail_sql(s, "write a row of", w->table, errmsg);
    sqlite3_reset(w->st);
    sqlite3_clear_bindings(w->st);
    return rc;
}

/* NOLINTBEGIN(readability-non-const-parameter): the operation's signature */
static enum rb_err
copy_put_end(struct store *s, void *wp, enum rb_err rc, char *errmsg)
{
    struct writer *w = wp;
    (void)s;
    (void)errmsg;
    if (w)
        sqlite3_finalize(w->st);
    free(w);
    return rc;
}
/* NOLINTEND(readability-non-const-parameter) */

static enum rb_err
copy_finish(struct store *s, char *errmsg)
{
    /* the full-text index holds the live questions, as the bank code keeps it */
    return exec(s,
                "INSERT INTO question_fts (question_fts) VALUES ('delete-all'); "
                "INSERT INTO question_fts (rowid, title, body, points) "
                "SELECT s.id, s.title, s.body, s.points FROM question_search s "
                "JOIN question q ON q.id = s.id WHERE q.retired = 0",
                "rebuild the search index", errmsg);
}

const struct store_copy_ops sqlite_copy_ops = {
    .begin = copy_begin,
    .end = copy_end,
    .tables = copy_tables,
    .references = copy_references,
    .columns = copy_columns,
    .count = copy_count,
    .clear = copy_clear,
    .scan = copy_scan,
    .put_begin = copy_put_begin,
    .put_row = copy_put_row,
    .put_end = copy_put_end,
    .finish = copy_finish,
};
