/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: self-identification and the rows of the fairness report (as
 * sqlite_fairness.c does for SQLite, same JSON shapes). A candidate's answers are replaced
 * whole, in one transaction with their audit entry; the report's rows carry the answers only
 * for core/fairness.c to count, never to show.
 */
#include <stdio.h>
#include <string.h>

#include "store/pg_int.h"

static const char SQL_SELFID_CANDIDATE[] =
    "SELECT erased_at IS NOT NULL FROM candidate WHERE id = $1";
static const char SQL_SELFID_CLEAR[] = "DELETE FROM self_id WHERE candidate = $1";
static const char SQL_SELFID_ADD[] =
    "INSERT INTO self_id (candidate, category, answer, given_by, consent, by_account) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_SELFID_GET[] =
    "SELECT json_build_object('candidate', c.id, 'answers', coalesce((SELECT "
    "json_object_agg(category, answer ORDER BY category COLLATE \"C\") FROM self_id WHERE "
    "candidate = c.id), '{}'::json), "
    "'given_by', (SELECT given_by FROM self_id WHERE candidate = c.id LIMIT 1), "
    "'consent', (SELECT consent FROM self_id WHERE candidate = c.id LIMIT 1), "
    "'at', (SELECT max(at) FROM self_id WHERE candidate = c.id)) "
    "FROM candidate c WHERE c.id = $1";
/* every application in the filter: its opening's stages, the stages it reached, its
 * screening score and its candidate's answers */
static const char SQL_FAIRNESS_ROWS[] =
    "SELECT json_build_object('application', a.id, 'candidate', a.candidate, 'opening', "
    "a.opening, 'role', o.role, 'kind', a.kind, 'stages', o.stages, "
    "'reached', coalesce((SELECT json_agg(DISTINCT to_stage) FROM application_stage_change "
    " WHERE application = a.id), '[]'::json), "
    "'score', (SELECT score FROM screening_resume WHERE screening = a.screening AND resume = "
    " a.resume), "
    "'self_id', coalesce((SELECT json_object_agg(category, answer) FROM self_id WHERE "
    " candidate = a.candidate), '{}'::json)) "
    "FROM application a JOIN opening o ON o.id = a.opening "
    "WHERE ($1::text IS NULL OR a.created_at >= $1) AND ($2::text IS NULL OR o.role = $2) "
    "AND ($3::bigint = 0 OR a.opening = $3) ORDER BY a.id";

static enum rb_err
pg_selfid_put(struct store *s, long long candidate, json_t *answers, const char *given_by,
              const char *consent, const struct audit_actor *who, char *errmsg)
{
    struct pg_args a = {0};
    const char *key;
    json_t *v;
    PGresult *r;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, candidate);
    if (!(r = pg_query(s, SQL_SELFID_CANDIDATE, &a, "read candidate", &rc, errmsg)))
        goto out;
    if (PQntuples(r) == 0 || pg_bool(r, 0, 0)) {
        snprintf(errmsg, RB_ERRMSG, "no candidate %lld", candidate);
        rc = RB_ENOTFOUND;
    }
    PQclear(r);
    if (rc || (rc = pg_exec(s, SQL_SELFID_CLEAR, &a, "clear self-identification", errmsg)))
        goto out;
    json_object_foreach(answers, key, v)
    {
        struct pg_args b = {0};
        pg_arg_ll(&b, candidate);
        pg_arg_text(&b, key);
        pg_arg_text(&b, json_string_value(v));
        pg_arg_text(&b, given_by);
        pg_arg_text(&b, consent);
        if (who && who->account)
            pg_arg_ll(&b, who->account);
        else
            pg_arg_text(&b, NULL);
        if ((rc = pg_exec(s, SQL_SELFID_ADD, &b, "record self-identification", errmsg)))
            goto out;
    }
    rc = s->ops->audit_append(s, who, "change", &candidate, 1, "self-identification", errmsg);
out:
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_selfid_get(struct store *s, long long candidate, json_t **out, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    *out = NULL;
    pg_arg_ll(&a, candidate);
    if (!(r = pg_query(s, SQL_SELFID_GET, &a, "candidate", &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "no candidate %lld", candidate);
        rc = RB_ENOTFOUND;
    } else if (!(*out = pg_json(r, 0, 0, errmsg))) {
        rc = RB_EINTERNAL;
    }
    PQclear(r);
    return rc;
}

static enum rb_err
pg_fairness_rows(struct store *s, const struct fairness_filter *f, json_t **rows, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    *rows = NULL;
    pg_arg_text(&a, f->since);
    pg_arg_text(&a, f->role);
    pg_arg_ll(&a, f->opening);
    if (!(r = pg_query(s, SQL_FAIRNESS_ROWS, &a, "read the fairness report's rows", &rc, errmsg)))
        return rc;
    *rows = json_array();
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        json_t *v = pg_json(r, i, 0, errmsg);
        if (v)
            json_array_append_new(*rows, v);
        else
            rc = RB_EINTERNAL;
    }
    PQclear(r);
    if (rc) {
        json_decref(*rows);
        *rows = NULL;
    }
    return rc;
}

void
pg_fairness_ops(struct store_ops *ops)
{
    ops->selfid_put = pg_selfid_put;
    ops->selfid_get = pg_selfid_get;
    ops->fairness_rows = pg_fairness_rows;
}
