/* SPDX-License-Identifier: MIT */
/*
 * The PostgreSQL side of a whole-store copy (store/store_copy.h), and the backend's backup
 * and restore built on it (store_copy_backup, store_copy_restore: a backup is a SQLite store
 * file, so one file restores into either backend).
 *
 * A read is one REPEATABLE READ, READ ONLY transaction: one snapshot, while servers go on
 * writing. Rows stream out in single-row mode (never a whole table in memory) and in through
 * COPY FROM STDIN in text format, inside one write transaction; after the last table, every
 * identity sequence is set past the largest id copied, so that the next row a server adds
 * gets a new id. Tables come from the catalogue of the connection's schema (its search_path),
 * less rubric_schema; generated columns (question.search) are derived, not copied. The
 * statements name tables and columns the catalogue gave, quoted, so they are built per call
 * (a copy runs each once per table) rather than through pg_query's prepared ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "store/store_copy.h"
#include "util/buf.h"
#include "util/mem.h"

/* Bytes of COPY data gathered before they are sent. */
#define COPY_CHUNK ((size_t)256 * 1024)

static enum rb_err
copy_begin(struct store *s, bool write, char *errmsg)
{
    return write ? pg_begin(s, errmsg) : pg_begin_snapshot(s, errmsg);
}

static enum rb_err
copy_end(struct store *s, enum rb_err rc, char *errmsg)
{
    return pg_end(s, rc, errmsg);
}

/* Runs sql (built here, no parameters); the result, or NULL with errmsg set. */
static PGresult *
run(struct store *s, const char *sql, const char *what, enum rb_err *rc, char *errmsg)
{
    PGresult *r = PQexec(pg_conn(s), sql);
    ExecStatusType t = PQresultStatus(r);
    if (t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK) {
        *rc = RB_OK;
        return r;
    }
    *rc = pg_fail(s, r, what, errmsg);
    PQclear(r);
    return NULL;
}

static enum rb_err
names(struct store *s, const char *sql, const char *table, json_t **out, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;

    *out = json_array();
    if (table)
        pg_arg_text(&a, table);
    r = pg_query(s, sql, &a, "read the catalogue", &rc, errmsg);
    for (int i = 0; r && i < PQntuples(r); i++)
        json_array_append_new(*out, json_string(pg_str(r, i, 0)));
    PQclear(r);
    return rc;
}

static const char SQL_TABLES[] =
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
    "AND c.relname <> 'rubric_schema' ORDER BY 1";

static enum rb_err
copy_tables(struct store *s, json_t **out, char *errmsg)
{
    return names(s, SQL_TABLES, NULL, out, errmsg);
}

static const char SQL_REFERENCES[] =
    "SELECT DISTINCT f.relname FROM pg_constraint k JOIN pg_class f ON f.oid = k.confrelid "
    "WHERE k.contype = 'f' AND k.conrelid = to_regclass(quote_ident($1)) "
    "AND k.confrelid <> k.conrelid";

static enum rb_err
copy_references(struct store *s, const char *table, json_t **out, char *errmsg)
{
    return names(s, SQL_REFERENCES, table, out, errmsg);
}

static const char SQL_COLUMNS[] =
    "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
    "WHERE a.attrelid = to_regclass(quote_ident($1)) AND a.attnum > 0 "
    "AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum";

static enum copy_kind
kind_of(const char *type)
{
    if (strcmp(type, "boolean") == 0)
        return COPY_BOOL;
    if (strcmp(type, "json") == 0 || strcmp(type, "jsonb") == 0)
        return COPY_JSON;
    if (strcmp(type, "bytea") == 0)
        return COPY_BLOB;
    if (strcmp(type, "integer") == 0 || strcmp(type, "bigint") == 0 ||
        strcmp(type, "smallint") == 0)
        return COPY_INT;
    if (strcmp(type, "double precision") == 0 || strcmp(type, "real") == 0 ||
        strncmp(type, "numeric", 7) == 0)
        return COPY_REAL;
    return COPY_TEXT;
}

static enum rb_err
copy_columns(struct store *s, const char *table, struct copy_col **cols, size_t *n, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    int rows;

    *cols = NULL;
    *n = 0;
    pg_arg_text(&a, table);
    r = pg_query(s, SQL_COLUMNS, &a, "read the columns", &rc, errmsg);
    if (!r)
        return rc;
    rows = PQntuples(r);
    *cols = xcalloc(rows ? (size_t)rows : 1, sizeof **cols);
    for (int i = 0; i < rows; i++) {
        (*cols)[i].name = pg_dup(r, i, 0);
        (*cols)[i].kind = kind_of(pg_str(r, i, 1));
    }
    *n = (size_t)rows;
    PQclear(r);
    return RB_OK;
}

static enum rb_err
copy_count(struct store *s, const char *table, long long *n, char *errmsg)
{
    char *q = copy_quote(table);
    struct buf sql;
    enum rb_err rc;
    PGresult *r;

    buf_init(&sql, 4096);
    buf_printf(&sql, "SELECT count(*) FROM %s", q);
    r = run(s, buf_str(&sql), "count the rows of a table", &rc, errmsg);
    *n = r ? pg_ll(r, 0, 0) : 0;
    PQclear(r);
    buf_cleanup(&sql);
    free(q);
    return rc;
}

static enum rb_err
copy_clear(struct store *s, const char *const *tables, size_t n, char *errmsg)
{
    struct buf sql;
    enum rb_err rc;

    buf_init(&sql, 65536);
    buf_puts(&sql, "TRUNCATE ");
    for (size_t i = 0; i < n; i++) {
        char *q = copy_quote(tables[i]);
        buf_printf(&sql, "%s%s", i ? ", " : "", q);
        free(q);
    }
    PQclear(run(s, buf_str(&sql), "empty the tables", &rc, errmsg));
    buf_cleanup(&sql);
    return rc;
}

static void
column_list(struct buf *sql, const struct copy_col *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *q = copy_quote(cols[i].name);
        buf_printf(sql, "%s%s", i ? ", " : "", q);
        free(q);
    }
}

static int
hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* bytea's text output ("\x" and hex digits) decoded into b. */
static void
unhex(struct buf *b, const char *p, size_t len)
{
    buf_reset(b);
    if (len >= 2 && p[0] == '\\' && p[1] == 'x') {
        p += 2;
        len -= 2;
    }
    for (size_t i = 0; i + 1 < len; i += 2)
        buf_putc(b, (char)(hex_digit(p[i]) * 16 + hex_digit(p[i + 1])));
}

/* Ends a streamed statement: cancels it when rc says to stop early, then reads every
 * result left, so that the connection can take the next statement. */
static void
drain(struct store *s, bool cancel)
{
    PGresult *r;
    if (cancel) {
        char why[256];
        PGcancel *c = PQgetCancel(pg_conn(s));
        if (c) {
            PQcancel(c, why, sizeof why);
            PQfreeCancel(c);
        }
    }
    while ((r = PQgetResult(pg_conn(s))) != NULL)
        PQclear(r);
}

static enum rb_err
copy_scan(struct store *s, const char *table, const struct copy_col *cols, size_t n, copy_row_fn fn,
          void *ctx, char *errmsg)
{
    PGconn *conn = pg_conn(s);
    struct copy_value *v = xcalloc(n ? n : 1, sizeof *v);
    char(*num)[32] = xcalloc(n ? n : 1, sizeof *num);
    struct buf *blob = xcalloc(n ? n : 1, sizeof *blob);
    char *q = copy_quote(table), what[128];
    struct buf sql;
    enum rb_err rc = RB_OK;
    bool done = false;
    PGresult *r;

    for (size_t i = 0; i < n; i++)
        buf_init(&blob[i], (size_t)1 << 30);
    buf_init(&sql, 65536);
    buf_puts(&sql, "SELECT ");
    column_list(&sql, cols, n);
    buf_printf(&sql, " FROM %s", q);
    snprintf(what, sizeof what, "read %s", table);
    if (!PQsendQuery(conn, buf_str(&sql)) || !PQsetSingleRowMode(conn)) {
        rc = pg_fail(s, NULL, what, errmsg);
        drain(s, false);
        goto out;
    }
    while (!done && (r = PQgetResult(conn)) != NULL) {
        ExecStatusType t = PQresultStatus(r);
        if (t == PGRES_TUPLES_OK) {
            done = true;
        } else if (t != PGRES_SINGLE_TUPLE) {
            rc = pg_fail(s, r, what, errmsg);
            done = true;
        } else {
            for (size_t i = 0; i < n; i++) {
                int c = (int)i;
                const char *p = pg_str(r, 0, c);
                size_t len = p ? (size_t)PQgetlength(r, 0, c) : 0;
                v[i].p = p;
                v[i].len = len;
                if (!p)
                    continue;
                if (cols[i].kind == COPY_BOOL) {
                    v[i].p = p[0] == 't' ? "1" : "0";
                    v[i].len = 1;
                } else if (cols[i].kind == COPY_REAL) {
                    snprintf(num[i], sizeof num[i], "%.17g", strtod(p, NULL));
                    v[i].p = num[i];
                    v[i].len = strlen(num[i]);
                } else if (cols[i].kind == COPY_BLOB) {
                    unhex(&blob[i], p, len);
                    v[i].p = blob[i].data ? blob[i].data : "";
                    v[i].len = blob[i].len;
                }
            }
            rc = fn(ctx, v, errmsg);
            done = rc != RB_OK;
        }
        PQclear(r);
    }
    drain(s, rc != RB_OK);
out:
    for (size_t i = 0; i < n; i++)
        buf_cleanup(&blob[i]);
    buf_cleanup(&sql);
    free(blob);
    free(q);
    free(num);
    free(v);
    return rc;
}

struct writer {
    const struct copy_col *cols;
    size_t n;
    struct buf data;
    char what[128]; /* "write rows into TABLE", for messages */
};

static enum rb_err
send_data(struct store *s, struct writer *w, char *errmsg)
{
    if (w->data.len && PQputCopyData(pg_conn(s), w->data.data, (int)w->data.len) != 1)
        return pg_fail(s, NULL, w->what, errmsg);
    buf_reset(&w->data);
    return RB_OK;
}

static enum rb_err
copy_put_begin(struct store *s, const char *table, const struct copy_col *cols, size_t n,
               void **out, char *errmsg)
{
    struct writer *w = xcalloc(1, sizeof *w);
    char *q = copy_quote(table);
    struct buf sql;
    enum rb_err rc = RB_OK;
    PGresult *r;

    buf_init(&sql, 65536);
    buf_printf(&sql, "COPY %s (", q);
    column_list(&sql, cols, n);
    buf_puts(&sql, ") FROM STDIN");
    snprintf(w->what, sizeof w->what, "write rows into %s", table);
    r = PQexec(pg_conn(s), buf_str(&sql));
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        rc = pg_fail(s, r, w->what, errmsg);
        free(w);
        w = NULL;
    } else {
        w->cols = cols;
        w->n = n;
        buf_init(&w->data, (size_t)1 << 31);
    }
    PQclear(r);
    buf_cleanup(&sql);
    free(q);
    *out = w;
    return rc;
}

/* A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
static void
put_text(struct buf *b, const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (p[i]) {
        case '\\':
            buf_puts(b, "\\\\");
            break;
        case '\t':
            buf_puts(b, "\\t");
            break;
        case '\n':
            buf_puts(b, "\\n");
            break;
        case '\r':
            buf_puts(b, "\\r");
            break;
        default:
            buf_putc(b, p[i]);
        }
    }
}

static enum rb_err
copy_put_row(struct store *s, void *wp, const struct copy_value *v, char *errmsg)
{
    static const char hex[] = "0123456789abcdef";
    struct writer *w = wp;

    for (size_t i = 0; i < w->n; i++) {
        if (i)
            buf_putc(&w->data, '\t');
        if (!v[i].p) {
            buf_puts(&w->data, "\\N");
        } else if (w->cols[i].kind == COPY_BOOL) {
            buf_putc(&w->data, v[i].p[0] == '1' ? 't' : 'f');
        } else if (w->cols[i].kind == COPY_BLOB) {
            buf_puts(&w->data, "\\\\x");
            for (size_t k = 0; k < v[i].len; k++) {
                unsigned char c = (unsigned char)v[i].p[k];
                buf_putc(&w->data, hex[c >> 4]);
                buf_putc(&w->data, hex[c & 15]);
            }
        } else {
            put_text(&w->data, v[i].p, v[i].len);
        }
    }
    buf_putc(&w->data, '\n');
    return w->data.len >= COPY_CHUNK ? send_data(s, w, errmsg) : RB_OK;
}

static enum rb_err
copy_put_end(struct store *s, void *wp, enum rb_err rc, char *errmsg)
{
    struct writer *w = wp;
    PGconn *conn = pg_conn(s);
    PGresult *r;

    if (!w)
        return rc;
    if (!rc)
        rc = send_data(s, w, errmsg);
    if (PQputCopyEnd(conn, rc ? "the copy stopped" : NULL) != 1 && !rc)
        rc = pg_fail(s, NULL, w->what, errmsg);
    while ((r = PQgetResult(conn)) != NULL) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !rc)
            rc = pg_fail(s, r, w->what, errmsg);
        PQclear(r);
    }
    buf_cleanup(&w->data);
    free(w);
    return rc;
}

static const char SQL_IDENTITIES[] =
    "SELECT quote_ident(c.relname), quote_ident(a.attname) FROM pg_attribute a "
    "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attidentity <> '' "
    "AND NOT a.attisdropped";

static enum rb_err
copy_finish(struct store *s, char *errmsg)
{
    enum rb_err rc;
    PGresult *r = pg_query(s, SQL_IDENTITIES, NULL, "read the identity columns", &rc, errmsg);

    for (int i = 0; r && !rc && i < PQntuples(r); i++) {
        const char *table = pg_str(r, i, 0), *col = pg_str(r, i, 1);
        char *lit_table = PQescapeLiteral(pg_conn(s), table, strlen(table));
        char *lit_col = PQescapeLiteral(pg_conn(s), col, strlen(col));
        struct buf sql;
        buf_init(&sql, 4096);
        /* the next id is one past the largest copied (1 in an empty table) */
        buf_printf(&sql,
                   "SELECT setval(pg_get_serial_sequence(%s, %s), "
                   "coalesce((SELECT max(%s) FROM %s), 0) + 1, false)",
                   lit_table, lit_col, col, table);
        PQclear(run(s, buf_str(&sql), "set the next ids", &rc, errmsg));
        buf_cleanup(&sql);
        PQfreemem(lit_table);
        PQfreemem(lit_col);
    }
    PQclear(r);
    return rc;
}

const struct store_copy_ops pg_copy_ops = {
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

static enum rb_err
pg_backup(struct store *s, const char *path, char *errmsg)
{
    return store_copy_backup(s, path, errmsg);
}

static enum rb_err
pg_restore(struct store *s, const char *path, int latest, char *errmsg)
{
    /* latest: SQLite's schema (store_schema_latest), which the backup file is written in */
    return store_copy_restore(s, path, latest, errmsg);
}

void
pg_copy_ops_set(struct store_ops *ops)
{
    ops->backup = pg_backup;
    ops->restore = pg_restore;
}
