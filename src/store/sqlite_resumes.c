/* SPDX-License-Identifier: MIT */
/*
 * Parsed resumes in SQLite, by the SHA-256 of their file, blindness and parser.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/sqlite_int.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

static const char SQL_RESUME_GET[] = "SELECT format, body FROM parsed_resume "
                                     "WHERE hash = ?1 AND blind = ?2 AND parser = ?3";
static const char SQL_RESUME_PUT[] =
    "INSERT OR REPLACE INTO parsed_resume (hash, blind, parser, format, body, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_RESUMES_ANY[] = "SELECT EXISTS (SELECT 1 FROM parsed_resume)";

/* ---- parsed resumes -------------------------------------------------------------------- */

enum rb_err
sqlite_resume_get(struct store *base, const char *hash, bool blind, const char *parser,
                  char **format, char **body, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_RESUME_GET, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    *format = *body = NULL;
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, hash);
    sqlite3_bind_int(st, 2, blind);
    sq_bind_text(st, 3, parser);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *format = sq_col_dup(st, 0);
        *body = sq_col_dup(st, 1);
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no stored parse of %.12s", hash);
        rc = RB_ENOTFOUND;
    } else
        rc = sq_fail(&s->base, errmsg, "read parsed resume");
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_resumes_put(struct store *base, const struct parsed_resume *v, size_t n, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    enum rb_err rc = sq_begin(&s->base, errmsg);
    if (rc)
        return rc;
    /* the batch's time, once: the column's default formats it anew for every row (a
     * microsecond each, 0.5% of a screening that keeps its parses) */
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    for (size_t i = 0; i < n && !rc; i++) {
        sqlite3_stmt *st = sq_stmt(&s->base, SQL_RESUME_PUT, errmsg);
        if (!st) {
            rc = RB_ESTORE;
            break;
        }
        sq_bind_text(st, 1, v[i].hash);
        sqlite3_bind_int(st, 2, v[i].blind);
        sq_bind_text(st, 3, v[i].parser);
        sq_bind_text(st, 4, v[i].format);
        sq_bind_text(st, 5, v[i].body);
        sq_bind_text(st, 6, now);
        rc = sq_exec(&s->base, st, errmsg, "store parsed resume");
    }
    return sq_end(&s->base, rc, errmsg);
}

enum rb_err
sqlite_resumes_any(struct store *base, bool *any, char *errmsg)
{
    long long n = 1;
    enum rb_err rc = sq_scalar(base, SQL_RESUMES_ANY, &n, "look for parsed resumes", errmsg);
    *any = rc || n != 0;
    return rc;
}
