/* SPDX-License-Identifier: MIT */
/*
 * Candidates, uploaded resumes and screening jobs in SQLite (store/store.h). Reads return
 * JSON built by SQLite's own json_object(), the shape the API sends.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/mem.h"

#define CANDIDATE_JSON                                                                             \
    "json_object('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone, 'role', "         \
    "c.role, 'stage', c.stage, 'screening', c.screening, 'created_at', c.created_at, "             \
    "'updated_at', c.updated_at, 'erased_at', c.erased_at)"

static const char SQL_CAND_ADD[] =
    "INSERT INTO candidate (name, email, phone, role, created_by, stage, screening) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
/* a scored resume of a screening, with what its parse says of the person */
static const char SQL_CAND_SOURCE[] =
    "SELECT r.candidate, json_extract(r.parsed, '$.name'), lower(json_extract(r.parsed, "
    "'$.email')), json_extract(r.parsed, '$.phone'), (SELECT slug FROM role WHERE slug = sc.role), "
    "sr.score IS NOT NULL FROM screening_resume sr JOIN resume r ON r.id = sr.resume "
    "JOIN screening sc ON sc.id = sr.screening WHERE sr.screening = ?1 AND sr.resume = ?2";
static const char SQL_RESUME_LINK[] = "UPDATE resume SET candidate = ?2 WHERE id = ?1";
static const char SQL_CAND_GET[] =
    "SELECT json_set(" CANDIDATE_JSON ", '$.resumes', (SELECT json_group_array(json_object("
    "'id', r.id, 'filename', r.filename, 'format', r.format, 'error', r.error, "
    "'created_at', r.created_at)) FROM (SELECT * FROM resume WHERE candidate = c.id "
    "ORDER BY id) r), '$.history', (SELECT json_group_array(json_object('from', h.from_stage, "
    "'to', h.to_stage, 'by', h.by_label, 'reason', h.reason, 'at', h.at)) FROM (SELECT * FROM "
    "candidate_stage_change WHERE candidate = c.id ORDER BY id) h)) FROM candidate c "
    "WHERE c.id = ?1";
/* ?5: a piece of the name or the email (NULL: any) */
#define CAND_MATCHES                                                                               \
    "(?5 IS NULL OR instr(lower(c.name), lower(?5)) > 0 OR "                                       \
    "instr(lower(coalesce(c.email, '')), lower(?5)) > 0)"
static const char SQL_CAND_LIST[] =
    "SELECT " CANDIDATE_JSON ", count(*) OVER () FROM candidate c "
    "WHERE (?1 IS NULL OR c.stage = ?1) AND (?2 IS NULL OR c.role = ?2) AND " CAND_MATCHES
    " ORDER BY c.id LIMIT ?3 OFFSET ?4";
static const char SQL_CAND_COUNT[] =
    "SELECT count(*) FROM candidate c WHERE (?1 IS NULL OR c.stage = ?1) "
    "AND (?2 IS NULL OR c.role = ?2) AND " CAND_MATCHES;
static const char SQL_CAND_EXISTS[] = "SELECT 1 FROM candidate WHERE id = ?1";
static const char SQL_STAGE_LOG[] =
    "INSERT INTO candidate_stage_change (candidate, from_stage, to_stage, by_account, by_label, "
    "reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_INTERVIEW_ADD[] =
    "INSERT INTO interview (candidate, stage, minutes, scheduled_at, kit, kit_json, created_by, "
    "application) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_INTERVIEWER_ADD[] =
    "INSERT OR IGNORE INTO interview_interviewer (interview, account) VALUES (?1, ?2)";
static const char SQL_INTERVIEW_GET[] =
    "SELECT json_object('id', i.id, 'candidate', i.candidate, 'application', i.application, "
    "'stage', i.stage, 'minutes', "
    "i.minutes, 'scheduled_at', i.scheduled_at, 'created_at', i.created_at, 'interviewers', "
    "(SELECT json_group_array(a.email) FROM (SELECT a.email FROM interview_interviewer ii "
    "JOIN account a ON a.id = ii.account WHERE ii.interview = i.id ORDER BY a.email) a), "
    "'kit', json(i.kit_json), 'time_zone', k.time_zone, 'sequence', coalesce(k.sequence, 0), "
    "'cancelled_at', k.cancelled_at) FROM interview i "
    "LEFT JOIN interview_calendar k ON k.interview = i.id WHERE i.id = ?1";
static const char SQL_STAGE_GET[] = "SELECT stage FROM candidate WHERE id = ?1";
static const char SQL_STAGE_SET[] =
    "UPDATE candidate SET stage = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "WHERE id = ?1";
static const char SQL_RESUME_ADD[] =
    "INSERT INTO resume (candidate, hash, filename, size, format, parsed, error, uploaded_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_RESUME_ROW[] =
    "SELECT json_object('id', id, 'candidate', candidate, 'hash', hash, 'filename', filename, "
    "'size', size, 'format', format, 'error', error, 'parsed', json(parsed), "
    "'created_at', created_at) FROM resume WHERE id = ?1";
static const char SQL_SCR_ADD[] =
    "INSERT INTO screening (role, criteria, blind, created_by) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_SCR_ADD_ONE[] = "INSERT OR IGNORE INTO screening_resume (screening, resume) "
                                      "SELECT ?1, id FROM resume WHERE id = ?2";
static const char SQL_RESUME_EXISTS[] = "SELECT 1 FROM resume WHERE id = ?1";
static const char SQL_SCR_ADD_ALL[] = "INSERT INTO screening_resume (screening, resume) "
                                      "SELECT ?1, id FROM resume WHERE error IS NULL";
static const char SQL_SCR_TOTAL[] =
    "UPDATE screening SET total = (SELECT count(*) FROM screening_resume WHERE screening = ?1) "
    "WHERE id = ?1 RETURNING total";
static const char SQL_SCR_GET[] =
    "SELECT json_object('id', id, 'role', role, 'blind', json(CASE blind WHEN 1 THEN 'true' "
    "ELSE 'false' END), 'state', state, 'total', total, 'done', done, 'failed', failed, "
    "'error', error, 'created_at', created_at, 'started_at', started_at, "
    "'finished_at', finished_at, 'criteria', json(criteria)) FROM screening WHERE id = ?1";
/* a job whose worker stopped beating is queued again */
static const char SQL_SCR_REQUEUE[] =
    "UPDATE screening SET state = 'queued' WHERE state = 'running' AND heartbeat < ?1";
static const char SQL_SCR_CLAIM[] =
    "UPDATE screening SET state = 'running', heartbeat = ?1, "
    "started_at = coalesce(started_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
    "WHERE id = (SELECT id FROM screening WHERE state = 'queued' ORDER BY id LIMIT 1) "
    "RETURNING id, criteria, blind";
static const char SQL_SCR_NEXT[] =
    "SELECT resume FROM screening_resume WHERE screening = ?1 AND score IS NULL "
    "AND error IS NULL ORDER BY resume LIMIT ?2";
static const char SQL_SCR_RECORD[] =
    "UPDATE screening_resume SET score = ?3, result = ?4, error = ?5 "
    "WHERE screening = ?1 AND resume = ?2 AND score IS NULL AND error IS NULL";
static const char SQL_SCR_PROGRESS[] =
    "UPDATE screening SET heartbeat = ?2, "
    "done = (SELECT count(*) FROM screening_resume WHERE screening = ?1 AND "
    "(score IS NOT NULL OR error IS NOT NULL)), "
    "failed = (SELECT count(*) FROM screening_resume WHERE screening = ?1 AND error IS NOT NULL) "
    "WHERE id = ?1";
static const char SQL_SCR_FINISH[] =
    "UPDATE screening SET state = CASE WHEN ?2 IS NULL THEN 'done' ELSE 'failed' END, "
    "error = ?2, heartbeat = NULL, finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "WHERE id = ?1 AND state = 'running'";
static const char SQL_SCR_RESULTS[] =
    "SELECT json_set(coalesce(json(sr.result), json_object('error', sr.error)), '$.resume', "
    "sr.resume, '$.candidate', r.candidate), count(*) OVER () "
    "FROM screening_resume sr JOIN resume r ON r.id = sr.resume "
    "WHERE sr.screening = ?1 AND (sr.score IS NOT NULL OR sr.error IS NOT NULL) "
    /* ties as `rubric screen` breaks them (screen_compare: the figures as the JSON has them),
     * then the file name */
    "ORDER BY sr.score IS NULL, sr.score DESC, json_extract(sr.result, '$.relevant_years') DESC, "
    "json_extract(sr.result, '$.must_met') DESC, json_extract(sr.result, '$.experience_years') "
    "DESC, json_extract(sr.result, '$.filename'), sr.resume LIMIT ?2 OFFSET ?3";
static const char SQL_SCR_COUNT[] = "SELECT count(*) FROM screening_resume WHERE screening = ?1 "
                                    "AND (score IS NOT NULL OR error IS NOT NULL)";
static const char SQL_SCR_RUNNING[] =
    "SELECT count(*) FROM screening WHERE state IN ('queued', 'running')";

json_t *
sq_col_json(sqlite3_stmt *st, int i, char *errmsg)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    json_t *v = t ? json_loads(t, 0, NULL) : NULL;
    if (!v)
        snprintf(errmsg, RB_ERRMSG, "the store returned JSON that does not parse (a bug)");
    return v;
}

/* Records a change of stage (from NULL: the candidate's creation). */
static enum rb_err
history(struct store *s, long long candidate, const char *from, const char *to, long long by,
        const char *by_label, const char *reason, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_STAGE_LOG, errmsg);
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, candidate);
    sq_bind_text(st, 2, from);
    sq_bind_text(st, 3, to);
    if (by)
        sqlite3_bind_int64(st, 4, by);
    sq_bind_text(st, 5, by_label ? by_label : "command line");
    sq_bind_text(st, 6, reason);
    return sq_exec(s, st, errmsg, "record stage change");
}

/* Where a candidate from a screening comes from: fills what c leaves out (name, email,
 * phone, role) from the resume's parse, into v (strings owned by the caller's *keep). */
static enum rb_err
candidate_source(struct store *s, const struct candidate_new *c, struct candidate_new *v,
                 char **keep, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_CAND_SOURCE, errmsg);
    enum rb_err rc = RB_OK;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, c->screening);
    sqlite3_bind_int64(st, 2, c->resume);
    switch (sqlite3_step(st)) {
    case SQLITE_ROW:
        break;
    case SQLITE_DONE:
        snprintf(errmsg, RB_ERRMSG, "resume %lld was not in screening %lld", c->resume,
                 c->screening);
        sq_done(st);
        return RB_ENOTFOUND;
    default:
        sq_done(st);
        return sq_fail(s, errmsg, "read the screening result");
    }
    if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
        snprintf(errmsg, RB_ERRMSG, "resume %lld belongs to candidate %lld already", c->resume,
                 (long long)sqlite3_column_int64(st, 0));
        rc = RB_ECONFLICT;
    } else if (!sqlite3_column_int(st, 5)) {
        snprintf(errmsg, RB_ERRMSG,
                 "resume %lld has no score in screening %lld (not yet, or it could not be read)",
                 c->resume, c->screening);
        rc = RB_EINVAL;
    } else {
        for (int i = 0; i < 4; i++)
            keep[i] = sq_col_dup(st, i + 1);
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
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_candidate_add(struct store *s, const struct candidate_new *c, long long *id, char *errmsg)
{
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    return sq_end(s, sqlite_candidate_insert(s, c, id, errmsg), errmsg);
}

enum rb_err
sqlite_candidate_insert(struct store *s, const struct candidate_new *c, long long *id, char *errmsg)
{
    sqlite3_stmt *st;
    struct candidate_new v = *c;
    char *keep[4] = {0}, reason[64];
    const char *stage = c->resume ? "screened" : "applied";
    enum rb_err rc = RB_OK;
    if (c->resume && (rc = candidate_source(s, c, &v, keep, errmsg)))
        goto out;
    if (!(st = sq_stmt(s, SQL_CAND_ADD, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sq_bind_text(st, 1, v.name);
    sq_bind_text(st, 2, v.email);
    sq_bind_text(st, 3, v.phone);
    sq_bind_text(st, 4, v.role);
    if (c->created_by)
        sqlite3_bind_int64(st, 5, c->created_by);
    sq_bind_text(st, 6, stage);
    if (c->resume)
        sqlite3_bind_int64(st, 7, c->screening);
    if ((rc = sq_exec(s, st, errmsg, "add candidate")))
        goto out;
    *id = sqlite3_last_insert_rowid(sq_db(s));
    snprintf(reason, sizeof reason, "from screening %lld", c->screening);
    if ((rc = history(s, *id, NULL, stage, c->created_by, c->created_by_label,
                      c->resume ? reason : NULL, errmsg)) ||
        !c->resume)
        goto out;
    if (!(st = sq_stmt(s, SQL_RESUME_LINK, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, c->resume);
    sqlite3_bind_int64(st, 2, *id);
    rc = sq_exec(s, st, errmsg, "link the resume");
out:
    for (int i = 0; i < 4; i++)
        free(keep[i]);
    return rc;
}

enum rb_err
sqlite_candidate_stage(struct store *s, long long id, const char *stage, long long by,
                       const char *by_label, const char *reason, char *errmsg)
{
    sqlite3_stmt *st;
    char *from = NULL;
    int r;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_STAGE_GET, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        from = sq_col_dup(st, 0);
    sq_done(st);
    if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no candidate %lld", id);
        rc = RB_ENOTFOUND;
        goto out;
    }
    if (r != SQLITE_ROW) {
        rc = sq_fail(s, errmsg, "read candidate");
        goto out;
    }
    if (strcmp(from, stage) == 0) {
        snprintf(errmsg, RB_ERRMSG, "stage: candidate %lld is already at '%s'", id, stage);
        rc = RB_ECONFLICT;
        goto out;
    }
    if (!(st = sq_stmt(s, SQL_STAGE_SET, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, stage);
    if (!(rc = sq_exec(s, st, errmsg, "set stage")))
        rc = history(s, id, from, stage, by, by_label, reason, errmsg);
out:
    free(from);
    return sq_end(s, rc, errmsg);
}

enum rb_err
sq_json_rows(struct store *s, sqlite3_stmt *st, json_t *items, size_t *total, const char *what,
             char *errmsg)
{
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *v = sq_col_json(st, 0, errmsg);
        if (!v)
            return RB_EINTERNAL;
        json_array_append_new(items, v);
        if (total)
            *total = (size_t)sqlite3_column_int64(st, 1);
    }
    return r == SQLITE_DONE ? RB_OK : sq_fail(s, errmsg, what);
}

enum rb_err
sq_json_row(struct store *s, const char *sql, long long id, const char *what, json_t **out,
            char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, sql, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    *out = NULL;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        if (!(*out = sq_col_json(st, 0, errmsg)))
            rc = RB_EINTERNAL;
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no %s %lld", what, id);
        rc = RB_ENOTFOUND;
    } else {
        rc = sq_fail(s, errmsg, what);
    }
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_candidate_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return sq_json_row(s, SQL_CAND_GET, id, "candidate", out, errmsg);
}

enum rb_err
sqlite_candidate_list(struct store *s, const char *stage, const char *role, size_t limit,
                      size_t offset, json_t **items, size_t *total, char *errmsg)
{
    return sqlite_candidate_search(s, stage, role, NULL, limit, offset, items, total, errmsg);
}

enum rb_err
sqlite_candidate_search(struct store *s, const char *stage, const char *role, const char *q,
                        size_t limit, size_t offset, json_t **items, size_t *total, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_CAND_LIST, errmsg);
    enum rb_err rc = RB_OK;
    *items = json_array();
    *total = 0;
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, stage);
    sq_bind_text(st, 2, role);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)offset);
    sq_bind_text(st, 5, q);
    rc = sq_json_rows(s, st, *items, total, "list candidates", errmsg);
    sq_done(st);
    if (!rc && !json_array_size(*items) && offset) {
        if (!(st = sq_stmt(s, SQL_CAND_COUNT, errmsg)))
            return RB_ESTORE;
        sq_bind_text(st, 1, stage);
        sq_bind_text(st, 2, role);
        sq_bind_text(st, 5, q);
        if (sqlite3_step(st) == SQLITE_ROW)
            *total = (size_t)sqlite3_column_int64(st, 0);
        sq_done(st);
    }
    return rc;
}

enum rb_err
sqlite_resumes_add(struct store *s, const struct resume_new *v, size_t n, long long *ids,
                   char *errmsg)
{
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        sqlite3_stmt *st;
        if (v[i].candidate) {
            int r;
            if (!(st = sq_stmt(s, SQL_CAND_EXISTS, errmsg))) {
                rc = RB_ESTORE;
                break;
            }
            sqlite3_bind_int64(st, 1, v[i].candidate);
            r = sqlite3_step(st);
            sq_done(st);
            if (r != SQLITE_ROW) {
                snprintf(errmsg, RB_ERRMSG, "candidate: no candidate %lld", v[i].candidate);
                rc = RB_EINVAL;
                break;
            }
        }
        if (!(st = sq_stmt(s, SQL_RESUME_ADD, errmsg))) {
            rc = RB_ESTORE;
            break;
        }
        if (v[i].candidate)
            sqlite3_bind_int64(st, 1, v[i].candidate);
        sq_bind_text(st, 2, v[i].hash);
        sq_bind_text(st, 3, v[i].filename);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)v[i].size);
        sq_bind_text(st, 5, v[i].format);
        sq_bind_text(st, 6, v[i].parsed);
        sq_bind_text(st, 7, v[i].error);
        if (v[i].uploaded_by)
            sqlite3_bind_int64(st, 8, v[i].uploaded_by);
        rc = sq_exec(s, st, errmsg, "add resume");
        if (!rc)
            ids[i] = sqlite3_last_insert_rowid(sq_db(s));
    }
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_resume_row(struct store *s, long long id, json_t **out, char *errmsg)
{
    return sq_json_row(s, SQL_RESUME_ROW, id, "resume", out, errmsg);
}

enum rb_err
sqlite_screening_create(struct store *s, const char *role, const char *criteria, bool blind,
                        const long long *resumes, size_t n, long long by, long long *id,
                        char *errmsg)
{
    sqlite3_stmt *st;
    long long sid = 0;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_SCR_ADD, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sq_bind_text(st, 1, role);
    sq_bind_text(st, 2, criteria);
    sqlite3_bind_int(st, 3, blind);
    if (by)
        sqlite3_bind_int64(st, 4, by);
    if ((rc = sq_exec(s, st, errmsg, "create screening")))
        goto out;
    sid = sqlite3_last_insert_rowid(sq_db(s));
    for (size_t i = 0; i < (n ? n : 1) && !rc; i++) {
        if (!(st = sq_stmt(s, n ? SQL_SCR_ADD_ONE : SQL_SCR_ADD_ALL, errmsg))) {
            rc = RB_ESTORE;
            break;
        }
        sqlite3_bind_int64(st, 1, sid);
        if (n)
            sqlite3_bind_int64(st, 2, resumes[i]);
        if ((rc = sq_exec(s, st, errmsg, "add resumes to screening")))
            break;
        /* nothing inserted: no such resume, or one listed twice (ignored) */
        if (n && !sqlite3_changes(sq_db(s))) {
            int r;
            if (!(st = sq_stmt(s, SQL_RESUME_EXISTS, errmsg))) {
                rc = RB_ESTORE;
                break;
            }
            sqlite3_bind_int64(st, 1, resumes[i]);
            r = sqlite3_step(st);
            sq_done(st);
            if (r == SQLITE_DONE) {
                snprintf(errmsg, RB_ERRMSG, "resumes: no resume %lld", resumes[i]);
                rc = RB_EINVAL;
            } else if (r != SQLITE_ROW) {
                rc = sq_fail(s, errmsg, "add resumes to screening");
            }
        }
    }
    if (!rc) {
        int r;
        if (!(st = sq_stmt(s, SQL_SCR_TOTAL, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, sid);
        r = sqlite3_step(st);
        if (r == SQLITE_ROW && sqlite3_column_int64(st, 0) == 0) {
            snprintf(errmsg, RB_ERRMSG, "resumes: there is no readable resume to screen");
            rc = RB_EINVAL;
        } else if (r != SQLITE_ROW) {
            rc = sq_fail(s, errmsg, "count screening");
        }
        sq_done(st);
    }
out:
    rc = sq_end(s, rc, errmsg);
    if (!rc)
        *id = sid;
    return rc;
}

enum rb_err
sqlite_screening_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return sq_json_row(s, SQL_SCR_GET, id, "screening", out, errmsg);
}

enum rb_err
sqlite_screening_claim(struct store *s, long long now, long long stale, long long *id,
                       char **criteria, bool *blind, char *errmsg)
{
    sqlite3_stmt *st;
    enum rb_err rc = sq_begin(s, errmsg);
    int r;
    *id = 0;
    *criteria = NULL;
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_SCR_REQUEUE, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, now - stale);
    if ((rc = sq_exec(s, st, errmsg, "requeue screenings")))
        goto out;
    if (!(st = sq_stmt(s, SQL_SCR_CLAIM, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, now);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *criteria = sq_col_dup(st, 1);
        *blind = sqlite3_column_int(st, 2) != 0;
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no screening is queued");
        rc = RB_ENOTFOUND;
    } else {
        rc = sq_fail(s, errmsg, "claim screening");
    }
    sq_done(st);
out:
    if (rc == RB_ENOTFOUND) {
        char ignore[RB_ERRMSG];
        return sq_end(s, RB_OK, ignore) ? RB_ESTORE : RB_ENOTFOUND; /* keep the requeue */
    }
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_screening_next(struct store *s, long long id, size_t max, long long *resumes, size_t *n,
                      char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_SCR_NEXT, errmsg);
    int r;
    *n = 0;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
    while ((r = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        resumes[(*n)++] = sqlite3_column_int64(st, 0);
    sq_done(st);
    return r == SQLITE_DONE || r == SQLITE_ROW ? RB_OK : sq_fail(s, errmsg, "next resumes");
}

enum rb_err
sqlite_screening_record(struct store *s, long long id, const struct screening_outcome *v, size_t n,
                        long long now, char *errmsg)
{
    sqlite3_stmt *st;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!(st = sq_stmt(s, SQL_SCR_RECORD, errmsg))) {
            rc = RB_ESTORE;
            break;
        }
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, v[i].resume);
        if (v[i].error)
            sqlite3_bind_null(st, 3);
        else
            sqlite3_bind_double(st, 3, v[i].score);
        sq_bind_text(st, 4, v[i].result);
        sq_bind_text(st, 5, v[i].error);
        rc = sq_exec(s, st, errmsg, "record screening result");
    }
    if (!rc && (st = sq_stmt(s, SQL_SCR_PROGRESS, errmsg))) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, now);
        rc = sq_exec(s, st, errmsg, "screening progress");
    } else if (!rc) {
        rc = RB_ESTORE;
    }
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_screening_finish(struct store *s, long long id, const char *error, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_SCR_FINISH, errmsg);
    if (!st)
        return RB_ESTORE;
    enum rb_err rc;
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, error);
    if ((rc = sq_exec(s, st, errmsg, "finish screening")))
        return rc;
    if (!sqlite3_changes(sq_db(s))) {
        snprintf(errmsg, RB_ERRMSG, "screening %lld is not running (finished by another worker)",
                 id);
        return RB_ENOTFOUND;
    }
    return RB_OK;
}

static const char SQL_SCR_RELEASE[] = "UPDATE screening SET state = 'queued', heartbeat = NULL "
                                      "WHERE id = ?1 AND state = 'running'";

enum rb_err
sqlite_screening_release(struct store *s, long long id, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_SCR_RELEASE, errmsg);
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    return sq_exec(s, st, errmsg, "queue screening again");
}

enum rb_err
sqlite_screening_results(struct store *s, long long id, size_t limit, size_t offset, json_t **items,
                         size_t *total, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_SCR_RESULTS, errmsg);
    enum rb_err rc = RB_OK;
    *items = json_array();
    *total = 0;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)offset);
    rc = sq_json_rows(s, st, *items, total, "screening results", errmsg);
    sq_done(st);
    for (size_t i = 0; i < json_array_size(*items); i++)
        json_object_set_new(json_array_get(*items, i), "rank",
                            json_integer((json_int_t)offset + (json_int_t)i + 1));
    if (!rc && !json_array_size(*items) && offset) {
        /* a page past the end still says how many there are */
        if (!(st = sq_stmt(s, SQL_SCR_COUNT, errmsg)))
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW)
            *total = (size_t)sqlite3_column_int64(st, 0);
        sq_done(st);
    }
    return rc;
}

enum rb_err
sqlite_screenings_active(struct store *s, long long *n, char *errmsg)
{
    return sq_scalar(s, SQL_SCR_RUNNING, n, "count screenings", errmsg);
}

enum rb_err
sqlite_interview_create(struct store *s, const struct interview_new *v, long long *id, char *errmsg)
{
    sqlite3_stmt *st;
    int r;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_CAND_EXISTS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, v->candidate);
    r = sqlite3_step(st);
    sq_done(st);
    if (r != SQLITE_ROW) {
        snprintf(errmsg, RB_ERRMSG, "no candidate %lld", v->candidate);
        rc = r == SQLITE_DONE ? RB_ENOTFOUND : sq_fail(s, errmsg, "read candidate");
        goto out;
    }
    if (!(st = sq_stmt(s, SQL_INTERVIEW_ADD, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, v->candidate);
    sq_bind_text(st, 2, v->stage);
    sqlite3_bind_int(st, 3, v->minutes);
    sq_bind_text(st, 4, v->scheduled_at);
    if (v->kit)
        sqlite3_bind_int64(st, 5, v->kit);
    sq_bind_text(st, 6, v->kit_json);
    if (v->created_by)
        sqlite3_bind_int64(st, 7, v->created_by);
    if (v->application)
        sqlite3_bind_int64(st, 8, v->application);
    if ((rc = sq_exec(s, st, errmsg, "add interview")))
        goto out;
    *id = sqlite3_last_insert_rowid(sq_db(s));
    for (size_t i = 0; i < v->ninterviewers && !rc; i++) {
        if (!(st = sq_stmt(s, SQL_INTERVIEWER_ADD, errmsg))) {
            rc = RB_ESTORE;
            break;
        }
        sqlite3_bind_int64(st, 1, *id);
        sqlite3_bind_int64(st, 2, v->interviewers[i]);
        rc = sq_exec(s, st, errmsg, "add interviewer");
    }
out:
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_interview_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return sq_json_row(s, SQL_INTERVIEW_GET, id, "interview", out, errmsg);
}
