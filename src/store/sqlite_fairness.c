/* SPDX-License-Identifier: MIT */
/*
 * Self-identification and the rows of the fairness report in SQLite (store/store.h, schema
 * 16). A candidate's answers are replaced whole, in one transaction with their audit entry;
 * the report's rows carry the answers only for core/fairness.c to count, never to show.
 */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_int.h"

static const char SQL_SELFID_CANDIDATE[] =
    "SELECT erased_at IS NOT NULL FROM candidate WHERE id = ?1";
static const char SQL_SELFID_CLEAR[] = "DELETE FROM self_id WHERE candidate = ?1";
static const char SQL_SELFID_ADD[] =
    "INSERT INTO self_id (candidate, category, answer, given_by, consent, by_account) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_SELFID_GET[] =
    "SELECT json_object('candidate', c.id, 'answers', (SELECT json_group_object(category, "
    "answer) FROM (SELECT * FROM self_id WHERE candidate = c.id ORDER BY category)), "
    "'given_by', (SELECT given_by FROM self_id WHERE candidate = c.id LIMIT 1), "
    "'consent', (SELECT consent FROM self_id WHERE candidate = c.id LIMIT 1), "
    "'at', (SELECT max(at) FROM self_id WHERE candidate = c.id)) "
    "FROM candidate c WHERE c.id = ?1";
/* every application in the filter: its opening's stages, the stages it reached, its
 * screening score and its candidate's answers */
static const char SQL_FAIRNESS_ROWS[] =
    "SELECT json_object('application', a.id, 'candidate', a.candidate, 'opening', a.opening, "
    "'role', o.role, 'kind', a.kind, 'stages', json(o.stages), "
    "'reached', (SELECT json_group_array(DISTINCT to_stage) FROM application_stage_change "
    " WHERE application = a.id), "
    "'score', (SELECT score FROM screening_resume WHERE screening = a.screening AND resume = "
    " a.resume), "
    "'self_id', (SELECT json_group_object(category, answer) FROM self_id WHERE candidate = "
    " a.candidate)) "
    "FROM application a JOIN opening o ON o.id = a.opening "
    "WHERE (?1 IS NULL OR a.created_at >= ?1) AND (?2 IS NULL OR o.role = ?2) "
    "AND (?3 = 0 OR a.opening = ?3) ORDER BY a.id";

enum rb_err
sqlite_selfid_put(struct store *s, long long candidate, json_t *answers, const char *given_by,
                  const char *consent, const struct audit_actor *who, char *errmsg)
{
    sqlite3_stmt *st;
    const char *key;
    json_t *v;
    enum rb_err rc = sq_begin(s, errmsg);
    int r;
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_SELFID_CANDIDATE, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, candidate);
    r = sqlite3_step(st);
    if (r == SQLITE_DONE || (r == SQLITE_ROW && sqlite3_column_int(st, 0))) {
        snprintf(errmsg, RB_ERRMSG, "no candidate %lld", candidate);
        rc = RB_ENOTFOUND;
    } else if (r != SQLITE_ROW) {
        rc = sq_fail(s, errmsg, "read candidate");
    }
    sq_done(st);
    if (rc)
        goto out;
    if (!(st = sq_stmt(s, SQL_SELFID_CLEAR, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, candidate);
    if ((rc = sq_exec(s, st, errmsg, "clear self-identification")))
        goto out;
    json_object_foreach(answers, key, v)
    {
        if (!(st = sq_stmt(s, SQL_SELFID_ADD, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, candidate);
        sq_bind_text(st, 2, key);
        sq_bind_text(st, 3, json_string_value(v));
        sq_bind_text(st, 4, given_by);
        sq_bind_text(st, 5, consent);
        if (who && who->account)
            sqlite3_bind_int64(st, 6, who->account);
        if ((rc = sq_exec(s, st, errmsg, "record self-identification")))
            goto out;
    }
    rc = sqlite_audit_append(s, who, "change", &candidate, 1, "self-identification", errmsg);
out:
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_selfid_get(struct store *s, long long candidate, json_t **out, char *errmsg)
{
    return sq_json_row(s, SQL_SELFID_GET, candidate, "candidate", out, errmsg);
}

enum rb_err
sqlite_fairness_rows(struct store *s, const struct fairness_filter *f, json_t **rows, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_FAIRNESS_ROWS, errmsg);
    enum rb_err rc;
    if (!st)
        return RB_ESTORE;
    *rows = json_array();
    sq_bind_text(st, 1, f->since);
    sq_bind_text(st, 2, f->role);
    sqlite3_bind_int64(st, 3, f->opening);
    rc = sq_json_rows(s, st, *rows, NULL, "read the fairness report's rows", errmsg);
    sq_done(st);
    if (rc) {
        json_decref(*rows);
        *rows = NULL;
    }
    return rc;
}
