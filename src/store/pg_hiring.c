/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: candidates, uploaded resumes and their stored parses, and screening jobs (as
 * sqlite_hiring.c and sqlite.c do for SQLite). Reads return the same JSON as SQLite's, built
 * by json_build_object (json, not jsonb, so that the keys keep their order). A screening is
 * claimed with FOR UPDATE SKIP LOCKED, so that servers sharing the database never take the
 * same job. Case-blind matching lowers ASCII letters only, as SQLite's lower() does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/mem.h"

#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
/* lower() under the C collation changes ASCII letters only, as SQLite's does (translate()
 * would too, at a tenth of the speed) */
#define ASCII_LOWER(x) "lower((" x ") COLLATE \"C\")"

static const char SQL_RESUME_GET[] =
    "SELECT format, body FROM parsed_resume WHERE hash = $1 AND blind = $2 AND parser = $3";
/* the whole row replaced, as SQLite's INSERT OR REPLACE does */
static const char SQL_RESUME_PUT[] =
    "INSERT INTO parsed_resume (hash, blind, parser, format, body) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (hash, blind) DO UPDATE SET parser = excluded.parser, format = excluded.format, "
    "body = excluded.body, created_at = rubric_now()";
static const char SQL_RESUMES_ANY[] =
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM parsed_resume) THEN 1 ELSE 0 END";
static const char SQL_UPLOAD_USED[] = "SELECT 1 FROM resume WHERE hash = $1 LIMIT 1";
/* Content-addressed: the same bytes uploaded again are kept once. The row kept already is
 * locked (DO UPDATE ... WHERE false locks and changes nothing), so that an erase deleting
 * the last other resume with these bytes waits for this upload and then sees its resume
 * (pg_privacy.c, drop_files); DO NOTHING would let it delete the original under it. */
static const char SQL_ORIGINAL_ADD[] =
    "INSERT INTO original (hash, size, data) VALUES ($1, $2, $3) ON CONFLICT (hash) DO UPDATE "
    "SET size = EXCLUDED.size WHERE false";
static const char SQL_ORIGINAL_SIZE[] = "SELECT size FROM original WHERE hash = $1";
static const char SQL_ORIGINAL_DATA[] = "SELECT data FROM original WHERE hash = $1";
static const char SQL_ORIGINAL_KEEP[] =
    "INSERT INTO original (hash, size, data) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM "
    "resume WHERE hash = $1) ON CONFLICT (hash) DO NOTHING";

#define CANDIDATE_JSON                                                                             \
    "json_build_object('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone, 'role', "   \
    "c.role, 'stage', c.stage, 'screening', c.screening, 'created_at', c.created_at, "             \
    "'updated_at', c.updated_at, 'erased_at', c.erased_at"
static const char SQL_CAND_ADD[] =
    "INSERT INTO candidate (name, email, phone, role, created_by, stage, screening) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
/* a scored resume of a screening, with what its parse says of the person */
static const char SQL_CAND_SOURCE[] = "SELECT r.candidate, r.parsed->>'name', " ASCII_LOWER(
    "r.parsed->>'email'") ", "
                          "r.parsed->>'phone', (SELECT slug FROM role WHERE slug = sc.role), "
                          "sr.score IS NOT NULL "
                          "FROM screening_resume sr JOIN resume r ON r.id = sr.resume "
                          "JOIN screening sc ON sc.id = sr.screening WHERE sr.screening = $1 AND "
                          "sr.resume = $2";
static const char SQL_RESUME_LINK[] = "UPDATE resume SET candidate = $2 WHERE id = $1";
static const char SQL_CAND_GET[] =
    "SELECT " CANDIDATE_JSON ", 'resumes', (SELECT coalesce(json_agg(json_build_object('id', "
    "r.id, 'filename', r.filename, 'format', r.format, 'error', r.error, 'created_at', "
    "r.created_at) ORDER BY r.id), '[]'::json) FROM resume r WHERE r.candidate = c.id), "
    "'history', (SELECT coalesce(json_agg(json_build_object('from', h.from_stage, 'to', "
    "h.to_stage, 'by', h.by_label, 'reason', h.reason, 'at', h.at) ORDER BY h.id), '[]'::json) "
    "FROM candidate_stage_change h WHERE h.candidate = c.id)) FROM candidate c WHERE c.id = $1";
/* $5: a piece of the name or the email (NULL: any) */
#define CAND_FILTER                                                                                \
    "WHERE ($1::text IS NULL OR c.stage = $1) AND ($2::text IS NULL OR c.role = $2) AND "          \
    "($3::text IS NULL OR strpos(" ASCII_LOWER("c.name") ", " ASCII_LOWER(                         \
        "$3") ") > 0 OR "                                                                          \
              "strpos(" ASCII_LOWER("coalesce(c.email, '')") ", " ASCII_LOWER("$3") ") > 0) "
/* the page cut first, so that only its rows are made JSON */
static const char SQL_CAND_LIST[] =
    "SELECT " CANDIDATE_JSON "), c.total FROM (SELECT c.*, count(*) OVER () AS total FROM "
    "candidate c " CAND_FILTER "ORDER BY c.id LIMIT $4 OFFSET $5) c ORDER BY c.id";
static const char SQL_CAND_COUNT[] = "SELECT count(*) FROM candidate c " CAND_FILTER;
static const char SQL_CAND_EXISTS[] = "SELECT 1 FROM candidate WHERE id = $1";
static const char SQL_STAGE_LOG[] =
    "INSERT INTO candidate_stage_change (candidate, from_stage, to_stage, by_account, by_label, "
    "reason) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_STAGE_GET[] = "SELECT stage FROM candidate WHERE id = $1 FOR UPDATE";
static const char SQL_STAGE_SET[] =
    "UPDATE candidate SET stage = $2, updated_at = " PG_NOW " WHERE id = $1";

static const char SQL_RESUME_ADD[] =
    "INSERT INTO resume (candidate, hash, filename, size, format, parsed, error, uploaded_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
static const char SQL_RESUME_ROW[] =
    "SELECT json_build_object('id', id, 'candidate', candidate, 'hash', hash, 'filename', "
    "filename, 'size', size, 'format', format, 'error', error, 'parsed', parsed, "
    "'created_at', created_at) FROM resume WHERE id = $1";

static const char SQL_SCR_ADD[] =
    "INSERT INTO screening (role, criteria, blind, created_by) VALUES ($1, $2, $3, $4) "
    "RETURNING id";
static const char SQL_SCR_ADD_ONE[] = "INSERT INTO screening_resume (screening, resume) SELECT "
                                      "$1::bigint, id FROM resume WHERE id = $2 "
                                      "ON CONFLICT DO NOTHING";
static const char SQL_RESUME_EXISTS[] = "SELECT 1 FROM resume WHERE id = $1";
static const char SQL_SCR_ADD_ALL[] = "INSERT INTO screening_resume (screening, resume) "
                                      "SELECT $1::bigint, id FROM resume WHERE error IS NULL";
static const char SQL_SCR_TOTAL[] =
    "UPDATE screening SET total = (SELECT count(*) FROM screening_resume WHERE screening = $1) "
    "WHERE id = $1 RETURNING total";
static const char SQL_SCR_GET[] =
    "SELECT json_build_object('id', id, 'role', role, 'blind', blind, 'state', state, 'total', "
    "total, 'done', done, 'failed', failed, 'error', error, 'created_at', created_at, "
    "'started_at', started_at, 'finished_at', finished_at, 'criteria', criteria) "
    "FROM screening WHERE id = $1";
/* a job whose worker stopped beating is queued again */
static const char SQL_SCR_REQUEUE[] =
    "UPDATE screening SET state = 'queued' WHERE state = 'running' AND heartbeat < $1";
static const char SQL_SCR_CLAIM[] =
    "UPDATE screening SET state = 'running', heartbeat = $1, "
    "started_at = coalesce(started_at, " PG_NOW ") "
    "WHERE id = (SELECT id FROM screening WHERE state = 'queued' ORDER BY id LIMIT 1 "
    "FOR UPDATE SKIP LOCKED) RETURNING id, criteria, blind";
static const char SQL_SCR_NEXT[] =
    "SELECT resume FROM screening_resume WHERE screening = $1 AND score IS NULL "
    "AND error IS NULL ORDER BY resume LIMIT $2";
static const char SQL_SCR_RECORD[] =
    "UPDATE screening_resume SET score = $3::double precision, result = $4, error = $5 "
    "WHERE screening = $1 AND resume = $2 AND score IS NULL AND error IS NULL";
static const char SQL_SCR_PROGRESS[] =
    "UPDATE screening SET heartbeat = $2, "
    "done = (SELECT count(*) FROM screening_resume WHERE screening = $1 AND "
    "(score IS NOT NULL OR error IS NOT NULL)), "
    "failed = (SELECT count(*) FROM screening_resume WHERE screening = $1 AND error IS NOT NULL) "
    "WHERE id = $1";
static const char SQL_SCR_FINISH[] =
    "UPDATE screening SET state = CASE WHEN $2::text IS NULL THEN 'done' ELSE 'failed' END, "
    "error = $2, heartbeat = NULL, finished_at = " PG_NOW " WHERE id = $1 AND state = 'running'";
static const char SQL_SCR_RESULTS[] =
    "SELECT sr.result, sr.error, sr.resume, r.candidate, count(*) OVER () "
    "FROM screening_resume sr JOIN resume r ON r.id = sr.resume "
    "WHERE sr.screening = $1 AND (sr.score IS NOT NULL OR sr.error IS NOT NULL) "
    /* ties as `rubric screen` breaks them, and as SQLite orders them: NULL below any figure,
     * names in byte order */
    "ORDER BY sr.score IS NULL, sr.score DESC, "
    "(sr.result->>'relevant_years')::float8 DESC NULLS LAST, "
    "(sr.result->>'must_met')::float8 DESC NULLS LAST, "
    "(sr.result->>'experience_years')::float8 DESC NULLS LAST, "
    "sr.result->>'filename' COLLATE \"C\" NULLS FIRST, sr.resume LIMIT $2 OFFSET $3";
static const char SQL_SCR_COUNT[] = "SELECT count(*) FROM screening_resume WHERE screening = $1 "
                                    "AND (score IS NOT NULL OR error IS NOT NULL)";
static const char SQL_SCR_ACTIVE[] =
    "SELECT count(*) FROM screening WHERE state IN ('queued', 'running')";

/* A bigint parameter that is SQL NULL when v is 0 (no account, no candidate). */
static void
arg_id(struct pg_args *a, long long v)
{
    if (v)
        pg_arg_ll(a, v);
    else
        pg_arg_text(a, NULL);
}

/* The JSON in the first column of the one row of sql run with id: *out (new), or
 * RB_ENOTFOUND "no WHAT ID". */
static enum rb_err
json_row(struct store *s, const char *sql, long long id, const char *what, json_t **out,
         char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = RB_OK;
    PGresult *r;
    *out = NULL;
    pg_arg_ll(&a, id);
    if (!(r = pg_query(s, sql, &a, what, &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "no %s %lld", what, id);
        rc = RB_ENOTFOUND;
    } else if (!(*out = pg_json(r, 0, 0, errmsg))) {
        rc = RB_EINTERNAL;
    }
    PQclear(r);
    return rc;
}

/* ---- parsed resumes and uploads ------------------------------------------------------ */

static enum rb_err
pg_resume_get(struct store *s, const char *hash, bool blind, const char *parser, char **format,
              char **body, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = RB_OK;
    PGresult *r;
    *format = *body = NULL;
    pg_arg_text(&a, hash);
    pg_arg_bool(&a, blind);
    pg_arg_text(&a, parser);
    if (!(r = pg_query(s, SQL_RESUME_GET, &a, "read parsed resume", &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "no stored parse of %.12s", hash);
        rc = RB_ENOTFOUND;
    } else {
        *format = pg_dup(r, 0, 0);
        *body = pg_dup(r, 0, 1);
    }
    PQclear(r);
    return rc;
}

static enum rb_err
pg_resumes_put(struct store *s, const struct parsed_resume *v, size_t n, char *errmsg)
{
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        struct pg_args a = {0};
        pg_arg_text(&a, v[i].hash);
        pg_arg_bool(&a, v[i].blind);
        pg_arg_text(&a, v[i].parser);
        pg_arg_text(&a, v[i].format);
        pg_arg_text(&a, v[i].body);
        rc = pg_exec(s, SQL_RESUME_PUT, &a, "store parsed resume", errmsg);
    }
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_resumes_any(struct store *s, bool *any, char *errmsg)
{
    long long n = 1;
    enum rb_err rc = pg_scalar(s, SQL_RESUMES_ANY, NULL, &n, "look for parsed resumes", errmsg);
    *any = rc || n != 0;
    return rc;
}

static enum rb_err
pg_upload_used(struct store *s, const char *hash, bool *used, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = RB_OK;
    PGresult *r;
    *used = false;
    pg_arg_text(&a, hash);
    if (!(r = pg_query(s, SQL_UPLOAD_USED, &a, "read resumes", &rc, errmsg)))
        return rc;
    *used = PQntuples(r) > 0;
    PQclear(r);
    return RB_OK;
}

/* ---- candidates ------------------------------------------------------------------------ */

/* Records a change of stage (from NULL: the candidate's creation). */
static enum rb_err
history(struct store *s, long long candidate, const char *from, const char *to, long long by,
        const char *by_label, const char *reason, char *errmsg)
{
    struct pg_args a = {0};
    pg_arg_ll(&a, candidate);
    pg_arg_text(&a, from);
    pg_arg_text(&a, to);
    arg_id(&a, by);
    pg_arg_text(&a, by_label ? by_label : "command line");
    pg_arg_text(&a, reason);
    return pg_exec(s, SQL_STAGE_LOG, &a, "record stage change", errmsg);
}

/* Where a candidate from a screening comes from: fills what c leaves out (name, email,
 * phone, role) from the resume's parse, into v (strings owned by the caller's keep). */
static enum rb_err
candidate_source(struct store *s, const struct candidate_new *c, struct candidate_new *v,
                 char **keep, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = RB_OK;
    PGresult *r;
    pg_arg_ll(&a, c->screening);
    pg_arg_ll(&a, c->resume);
    if (!(r = pg_query(s, SQL_CAND_SOURCE, &a, "read the screening result", &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "resume %lld was not in screening %lld", c->resume,
                 c->screening);
        rc = RB_ENOTFOUND;
    } else if (pg_str(r, 0, 0)) {
        snprintf(errmsg, RB_ERRMSG, "resume %lld belongs to candidate %lld already", c->resume,
                 pg_ll(r, 0, 0));
        rc = RB_ECONFLICT;
    } else if (!pg_bool(r, 0, 5)) {
        snprintf(errmsg, RB_ERRMSG,
                 "resume %lld has no score in screening %lld (not yet, or it could not be read)",
                 c->resume, c->screening);
        rc = RB_EINVAL;
    } else {
        for (int i = 0; i < 4; i++)
            keep[i] = pg_dup(r, 0, i + 1);
        *v = *c;
        v->name = c->name ? c->name : keep[0];
        v->email = c->email ? c->email : keep[1];
        v->phone = c->phone ? c->phone : keep[2];
        v->role = c->role ? c->role : keep[3];
        if (!v->name || !*v->name) {
            snprintf(errmsg, RB_ERRMSG, "name: resume %lld gives none; give the candidate's name",
                     c->resume);
            rc = RB_EINVAL;
        }
    }
    PQclear(r);
    return rc;
}

enum rb_err
pg_candidate_insert(struct store *s, const struct candidate_new *c, long long *id, char *errmsg)
{
    struct pg_args a = {0};
    struct candidate_new v = *c;
    char *keep[4] = {0}, reason[64];
    const char *stage = c->resume ? "screened" : "applied";
    enum rb_err rc = RB_OK;
    if (c->resume && (rc = candidate_source(s, c, &v, keep, errmsg)))
        goto out;
    pg_arg_text(&a, v.name);
    pg_arg_text(&a, v.email);
    pg_arg_text(&a, v.phone);
    pg_arg_text(&a, v.role);
    arg_id(&a, c->created_by);
    pg_arg_text(&a, stage);
    arg_id(&a, c->resume ? c->screening : 0);
    if ((rc = pg_scalar(s, SQL_CAND_ADD, &a, id, "add candidate", errmsg)))
        goto out;
    snprintf(reason, sizeof reason, "from screening %lld", c->screening);
    if ((rc = history(s, *id, NULL, stage, c->created_by, c->created_by_label,
                      c->resume ? reason : NULL, errmsg)) ||
        !c->resume)
        goto out;
    a.n = 0;
    pg_arg_ll(&a, c->resume);
    pg_arg_ll(&a, *id);
    rc = pg_exec(s, SQL_RESUME_LINK, &a, "link the resume", errmsg);
out:
    for (int i = 0; i < 4; i++)
        free(keep[i]);
    return rc;
}

static enum rb_err
pg_candidate_add(struct store *s, const struct candidate_new *c, long long *id, char *errmsg)
{
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    return pg_end(s, pg_candidate_insert(s, c, id, errmsg), errmsg);
}

static enum rb_err
pg_candidate_stage(struct store *s, long long id, const char *stage, long long by,
                   const char *by_label, const char *reason, char *errmsg)
{
    struct pg_args a = {0};
    char *from = NULL;
    PGresult *r;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, id);
    /* the row locked, so that two changes at once log the stage each really left */
    if (!(r = pg_query(s, SQL_STAGE_GET, &a, "read candidate", &rc, errmsg)))
        goto out;
    if (PQntuples(r) > 0)
        from = pg_dup(r, 0, 0);
    PQclear(r);
    if (!from) {
        snprintf(errmsg, RB_ERRMSG, "no candidate %lld", id);
        rc = RB_ENOTFOUND;
        goto out;
    }
    if (strcmp(from, stage) == 0) {
        snprintf(errmsg, RB_ERRMSG, "stage: candidate %lld is already at '%s'", id, stage);
        rc = RB_ECONFLICT;
        goto out;
    }
    pg_arg_text(&a, stage);
    if (!(rc = pg_exec(s, SQL_STAGE_SET, &a, "set stage", errmsg)))
        rc = history(s, id, from, stage, by, by_label, reason, errmsg);
out:
    free(from);
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_candidate_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return json_row(s, SQL_CAND_GET, id, "candidate", out, errmsg);
}

/* Rows whose first column is JSON appended to items; *total from the column at total_col
 * of the first row (when there is one). */
static enum rb_err
json_rows(const PGresult *r, json_t *items, int total_col, size_t *total, char *errmsg)
{
    for (int i = 0; i < PQntuples(r); i++) {
        json_t *v = pg_json(r, i, 0, errmsg);
        if (!v)
            return RB_EINTERNAL;
        json_array_append_new(items, v);
        *total = (size_t)pg_ll(r, i, total_col);
    }
    return RB_OK;
}

static void
cand_filter(struct pg_args *a, const char *stage, const char *role, const char *q)
{
    pg_arg_text(a, stage);
    pg_arg_text(a, role);
    pg_arg_text(a, q);
}

static enum rb_err
pg_candidate_search(struct store *s, const char *stage, const char *role, const char *q,
                    size_t limit, size_t offset, json_t **items, size_t *total, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = RB_OK;
    long long n = 0;
    PGresult *r;
    *items = json_array();
    *total = 0;
    cand_filter(&a, stage, role, q);
    pg_arg_ll(&a, (long long)limit);
    pg_arg_ll(&a, (long long)offset);
    if (!(r = pg_query(s, SQL_CAND_LIST, &a, "list candidates", &rc, errmsg)))
        return rc;
    rc = json_rows(r, *items, 1, total, errmsg);
    PQclear(r);
    if (rc || json_array_size(*items) || !offset)
        return rc;
    /* a page past the end still says how many there are */
    a.n = 0;
    cand_filter(&a, stage, role, q);
    rc = pg_scalar(s, SQL_CAND_COUNT, &a, &n, "count candidates", errmsg);
    *total = (size_t)n;
    return rc;
}

static enum rb_err
pg_candidate_list(struct store *s, const char *stage, const char *role, size_t limit, size_t offset,
                  json_t **items, size_t *total, char *errmsg)
{
    return pg_candidate_search(s, stage, role, NULL, limit, offset, items, total, errmsg);
}

/* ---- uploaded resumes -------------------------------------------------------------------- */

static enum rb_err
pg_original_get(struct store *s, const char *hash, size_t max, void **data, size_t *len,
                char *errmsg)
{
    struct pg_args a = {0};
    long long size;
    enum rb_err rc;
    PGresult *r;
    char *copy;
    size_t n;
    pg_arg_text(&a, hash);
    /* the size first, so that an original over max is never read into memory */
    rc = pg_scalar(s, SQL_ORIGINAL_SIZE, &a, &size, "read original", errmsg);
    if (rc == RB_ENOTFOUND)
        snprintf(errmsg, RB_ERRMSG, "no original with hash %.64s in the store", hash);
    if (rc)
        return rc;
    if (size < 0 || (unsigned long long)size > max) {
        snprintf(errmsg, RB_ERRMSG, "the original is %lld bytes, over the limit of %zu", size, max);
        return RB_ETOOBIG;
    }
    a.binary_result = true;
    if (!(r = pg_query(s, SQL_ORIGINAL_DATA, &a, "read original", &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        PQclear(r);
        snprintf(errmsg, RB_ERRMSG, "no original with hash %.64s in the store", hash);
        return RB_ENOTFOUND; /* erased between the two reads */
    }
    n = (size_t)PQgetlength(r, 0, 0);
    copy = xmalloc(n + 1);
    if (n)
        memcpy(copy, PQgetvalue(r, 0, 0), n);
    copy[n] = '\0';
    PQclear(r);
    *data = copy;
    *len = n;
    return RB_OK;
}

static enum rb_err
pg_original_keep(struct store *s, const char *hash, const void *data, size_t len, bool *kept,
                 char *errmsg)
{
    struct pg_args a = {0};
    long long size;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_text(&a, hash);
    pg_arg_ll(&a, (long long)len);
    pg_arg_bytes(&a, data, len);
    if ((rc = pg_exec(s, SQL_ORIGINAL_KEEP, &a, "keep original", errmsg)))
        goto out;
    a.n = 1;
    rc = pg_scalar(s, SQL_ORIGINAL_SIZE, &a, &size, "read original", errmsg);
    *kept = rc == RB_OK;
    if (rc == RB_ENOTFOUND)
        rc = RB_OK;
out:
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_resumes_add(struct store *s, const struct resume_new *v, size_t n, long long *ids, char *errmsg)
{
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        struct pg_args a = {0};
        if (v[i].candidate) {
            long long one;
            pg_arg_ll(&a, v[i].candidate);
            rc = pg_scalar(s, SQL_CAND_EXISTS, &a, &one, "read candidate", errmsg);
            if (rc == RB_ENOTFOUND) {
                snprintf(errmsg, RB_ERRMSG, "candidate: no candidate %lld", v[i].candidate);
                rc = RB_EINVAL;
            }
            if (rc)
                break;
            a.n = 0;
        }
        arg_id(&a, v[i].candidate);
        pg_arg_text(&a, v[i].hash);
        pg_arg_text(&a, v[i].filename);
        pg_arg_ll(&a, (long long)v[i].size);
        pg_arg_text(&a, v[i].format);
        pg_arg_text(&a, v[i].parsed);
        pg_arg_text(&a, v[i].error);
        arg_id(&a, v[i].uploaded_by);
        rc = pg_scalar(s, SQL_RESUME_ADD, &a, &ids[i], "add resume", errmsg);
        if (!rc && v[i].data) {
            struct pg_args b = {0};
            pg_arg_text(&b, v[i].hash);
            pg_arg_ll(&b, (long long)v[i].size);
            pg_arg_bytes(&b, v[i].data, v[i].size);
            rc = pg_exec(s, SQL_ORIGINAL_ADD, &b, "keep original", errmsg);
        }
    }
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_resume_row(struct store *s, long long id, json_t **out, char *errmsg)
{
    return json_row(s, SQL_RESUME_ROW, id, "resume", out, errmsg);
}

/* ---- screenings ---------------------------------------------------------------------- */

/* Adds resume (0: every readable resume) to screening sid; RB_EINVAL when it does not
 * exist (one listed twice is added once). */
static enum rb_err
screening_add(struct store *s, long long sid, long long resume, char *errmsg)
{
    struct pg_args a = {0};
    long long changed = 0, one;
    enum rb_err rc;
    pg_arg_ll(&a, sid);
    if (!resume)
        return pg_exec(s, SQL_SCR_ADD_ALL, &a, "add resumes to screening", errmsg);
    pg_arg_ll(&a, resume);
    if ((rc = pg_exec_n(s, SQL_SCR_ADD_ONE, &a, &changed, "add resumes to screening", errmsg)) ||
        changed)
        return rc;
    a.n = 0;
    pg_arg_ll(&a, resume);
    rc = pg_scalar(s, SQL_RESUME_EXISTS, &a, &one, "add resumes to screening", errmsg);
    if (rc == RB_ENOTFOUND) {
        snprintf(errmsg, RB_ERRMSG, "resumes: no resume %lld", resume);
        rc = RB_EINVAL;
    }
    return rc;
}

static enum rb_err
pg_screening_create(struct store *s, const char *role, const char *criteria, bool blind,
                    const long long *resumes, size_t n, long long by, long long *id, char *errmsg)
{
    struct pg_args a = {0};
    long long sid = 0, total = 0;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_text(&a, role);
    pg_arg_text(&a, criteria);
    pg_arg_bool(&a, blind);
    arg_id(&a, by);
    if ((rc = pg_scalar(s, SQL_SCR_ADD, &a, &sid, "create screening", errmsg)))
        goto out;
    for (size_t i = 0; i < (n ? n : 1) && !rc; i++)
        rc = screening_add(s, sid, n ? resumes[i] : 0, errmsg);
    if (rc)
        goto out;
    a.n = 0;
    pg_arg_ll(&a, sid);
    if ((rc = pg_scalar(s, SQL_SCR_TOTAL, &a, &total, "count screening", errmsg)))
        goto out;
    if (total == 0) {
        snprintf(errmsg, RB_ERRMSG, "resumes: there is no readable resume to screen");
        rc = RB_EINVAL;
    }
out:
    rc = pg_end(s, rc, errmsg);
    if (!rc)
        *id = sid;
    return rc;
}

static enum rb_err
pg_screening_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return json_row(s, SQL_SCR_GET, id, "screening", out, errmsg);
}

static enum rb_err
pg_screening_claim(struct store *s, long long now, long long stale, long long *id, char **criteria,
                   bool *blind, char *errmsg)
{
    struct pg_args a = {0};
    PGresult *r;
    enum rb_err rc = pg_begin(s, errmsg);
    *id = 0;
    *criteria = NULL;
    if (rc)
        return rc;
    pg_arg_ll(&a, now - stale);
    if ((rc = pg_exec(s, SQL_SCR_REQUEUE, &a, "requeue screenings", errmsg)))
        goto out;
    a.n = 0;
    pg_arg_ll(&a, now);
    if (!(r = pg_query(s, SQL_SCR_CLAIM, &a, "claim screening", &rc, errmsg)))
        goto out;
    if (PQntuples(r) > 0) {
        *id = pg_ll(r, 0, 0);
        *criteria = pg_dup(r, 0, 1);
        *blind = pg_bool(r, 0, 2);
    } else {
        rc = RB_ENOTFOUND;
    }
    PQclear(r);
out:
    if (rc == RB_ENOTFOUND) {
        /* none waits: the requeue is kept all the same */
        if ((rc = pg_end(s, RB_OK, errmsg)))
            return rc;
        snprintf(errmsg, RB_ERRMSG, "no screening is queued");
        return RB_ENOTFOUND;
    }
    rc = pg_end(s, rc, errmsg);
    if (rc) {
        free(*criteria);
        *criteria = NULL;
        *id = 0;
    }
    return rc;
}

static enum rb_err
pg_screening_next(struct store *s, long long id, size_t max, long long *resumes, size_t *n,
                  char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = RB_OK;
    PGresult *r;
    *n = 0;
    pg_arg_ll(&a, id);
    pg_arg_ll(&a, (long long)max);
    if (!(r = pg_query(s, SQL_SCR_NEXT, &a, "next resumes", &rc, errmsg)))
        return rc;
    for (int i = 0; i < PQntuples(r) && *n < max; i++)
        resumes[(*n)++] = pg_ll(r, i, 0);
    PQclear(r);
    return RB_OK;
}

static enum rb_err
pg_screening_record(struct store *s, long long id, const struct screening_outcome *v, size_t n,
                    long long now, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        char score[40];
        /* %.17g: the double comes back the same */
        snprintf(score, sizeof score, "%.17g", v[i].score);
        a.n = 0;
        pg_arg_ll(&a, id);
        pg_arg_ll(&a, v[i].resume);
        pg_arg_text(&a, v[i].error ? NULL : score);
        pg_arg_text(&a, v[i].result);
        pg_arg_text(&a, v[i].error);
        rc = pg_exec(s, SQL_SCR_RECORD, &a, "record screening result", errmsg);
    }
    if (!rc) {
        a.n = 0;
        pg_arg_ll(&a, id);
        pg_arg_ll(&a, now);
        rc = pg_exec(s, SQL_SCR_PROGRESS, &a, "screening progress", errmsg);
    }
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_screening_finish(struct store *s, long long id, const char *error, char *errmsg)
{
    struct pg_args a = {0};
    long long changed = 0;
    enum rb_err rc;
    pg_arg_ll(&a, id);
    pg_arg_text(&a, error);
    if ((rc = pg_exec_n(s, SQL_SCR_FINISH, &a, &changed, "finish screening", errmsg)))
        return rc;
    if (!changed) {
        snprintf(errmsg, RB_ERRMSG, "screening %lld is not running (finished by another worker)",
                 id);
        return RB_ENOTFOUND;
    }
    return RB_OK;
}

static const char SQL_SCR_RELEASE[] = "UPDATE screening SET state = 'queued', heartbeat = NULL "
                                      "WHERE id = $1 AND state = 'running'";

static enum rb_err
pg_screening_release(struct store *s, long long id, char *errmsg)
{
    struct pg_args a = {0};
    pg_arg_ll(&a, id);
    return pg_exec(s, SQL_SCR_RELEASE, &a, "queue screening again", errmsg);
}

/* One result: the stored JSON (or {"error": why}) with its resume and candidate. */
static json_t *
result_json(const PGresult *r, int i, char *errmsg)
{
    json_t *v, *cand;
    if (pg_str(r, i, 0)) {
        if (!(v = pg_json(r, i, 0, errmsg)))
            return NULL;
        if (!json_is_object(v)) {
            json_decref(v);
            snprintf(errmsg, RB_ERRMSG,
                     "the store holds a screening result that is not an "
                     "object (a bug)");
            return NULL;
        }
    } else {
        v = json_object();
        json_object_set_new(v, "error",
                            pg_str(r, i, 1) ? json_string(pg_str(r, i, 1)) : json_null());
    }
    cand = pg_str(r, i, 3) ? json_integer(pg_ll(r, i, 3)) : json_null();
    json_object_set_new(v, "resume", json_integer(pg_ll(r, i, 2)));
    json_object_set_new(v, "candidate", cand);
    return v;
}

static enum rb_err
pg_screening_results(struct store *s, long long id, size_t limit, size_t offset, json_t **items,
                     size_t *total, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = RB_OK;
    long long n = 0;
    PGresult *r;
    *items = json_array();
    *total = 0;
    pg_arg_ll(&a, id);
    pg_arg_ll(&a, (long long)limit);
    pg_arg_ll(&a, (long long)offset);
    if (!(r = pg_query(s, SQL_SCR_RESULTS, &a, "screening results", &rc, errmsg)))
        return rc;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        json_t *v = result_json(r, i, errmsg);
        if (!v) {
            rc = RB_EINTERNAL;
            break;
        }
        json_object_set_new(v, "rank", json_integer((json_int_t)offset + i + 1));
        json_array_append_new(*items, v);
        *total = (size_t)pg_ll(r, i, 4);
    }
    PQclear(r);
    if (rc || json_array_size(*items) || !offset)
        return rc;
    /* a page past the end still says how many there are */
    a.n = 0;
    pg_arg_ll(&a, id);
    rc = pg_scalar(s, SQL_SCR_COUNT, &a, &n, "count screening results", errmsg);
    *total = (size_t)n;
    return rc;
}

static enum rb_err
pg_screenings_active(struct store *s, long long *n, char *errmsg)
{
    return pg_scalar(s, SQL_SCR_ACTIVE, NULL, n, "count screenings", errmsg);
}

void
pg_hiring_ops(struct store_ops *ops)
{
    ops->resume_get = pg_resume_get;
    ops->resumes_put = pg_resumes_put;
    ops->resumes_any = pg_resumes_any;
    ops->upload_used = pg_upload_used;
    ops->original_get = pg_original_get;
    ops->original_keep = pg_original_keep;
    ops->candidate_add = pg_candidate_add;
    ops->candidate_get = pg_candidate_get;
    ops->candidate_list = pg_candidate_list;
    ops->candidate_stage = pg_candidate_stage;
    ops->candidate_search = pg_candidate_search;
    ops->resumes_add = pg_resumes_add;
    ops->resume_row = pg_resume_row;
    ops->screening_create = pg_screening_create;
    ops->screening_get = pg_screening_get;
    ops->screening_claim = pg_screening_claim;
    ops->screening_next = pg_screening_next;
    ops->screening_record = pg_screening_record;
    ops->screening_finish = pg_screening_finish;
    ops->screening_release = pg_screening_release;
    ops->screening_results = pg_screening_results;
    ops->screenings_active = pg_screenings_active;
}
