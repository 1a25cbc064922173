/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: the mail queue and what its notifications are made of (as sqlite_mail.c does
 * for SQLite, same JSON shapes). A queued row is written inside the caller's transaction,
 * so a change and the mail it causes commit or roll back together. Senders claim due rows
 * with FOR UPDATE SKIP LOCKED and push their next try past a lease, so two senders (on one
 * server or on two) never take the same row at once, and a row whose sender died is due
 * again when its lease runs out.
 */
#include <stdio.h>
#include <string.h>

#include "store/pg_int.h"

static const char SQL_OUT_ADD[] =
    "INSERT INTO outbox (kind, candidate, recipient, subject, body, attachment, "
    "attachment_type, next_try) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_OUT_CLAIM[] =
    "WITH due AS (SELECT id, next_try AS was FROM outbox WHERE next_try IS NOT NULL AND "
    "next_try <= $1 ORDER BY next_try, id LIMIT $3 FOR UPDATE SKIP LOCKED), "
    "taken AS (UPDATE outbox o SET next_try = $2 FROM due WHERE o.id = due.id RETURNING o.*, "
    "due.was) "
    "SELECT json_build_object('id', id, 'kind', kind, 'recipient', recipient, 'subject', "
    "subject, 'body', body, 'attachment', attachment, 'attachment_type', attachment_type, "
    "'attempts', attempts) FROM taken ORDER BY was, id";
static const char SQL_OUT_SENT[] =
    "UPDATE outbox SET sent_at = rubric_now(), next_try = NULL, attempts = attempts + 1, "
    "body = NULL, attachment = NULL, last_error = NULL WHERE id = $1";
static const char SQL_OUT_FAILED[] =
    "UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_try = nullif($3::bigint, "
    "0) WHERE id = $1";
static const char SQL_OUT_LIST[] =
    "SELECT json_build_object('id', id, 'kind', kind, 'candidate', candidate, 'recipient', "
    "recipient, 'subject', subject, 'attempts', attempts, 'next_try', next_try, 'sent_at', "
    "sent_at, 'last_error', last_error, 'created_at', created_at), count(*) OVER () FROM outbox "
    "WHERE NOT $1::boolean OR sent_at IS NULL ORDER BY id DESC LIMIT $2";
/* the loop of interview $1 (its application's, else its candidate's interviews without
 * one), what is missing of it, and whom to tell: the opening's recruiters, else the
 * makers of the loop's interviews; and the panel, whose debrief opens */
#define LOOP_OF                                                                                    \
    "FROM interview l LEFT JOIN interview_calendar lk ON lk.interview = l.id, interview me "       \
    "WHERE me.id = $1 AND l.candidate = me.candidate AND l.application IS NOT DISTINCT FROM "      \
    "me.application AND lk.cancelled_at IS NULL"
static const char SQL_LOOP[] =
    "SELECT json_build_object('candidate', me.candidate, 'candidate_name', (SELECT name FROM "
    "candidate WHERE id = me.candidate), 'application', me.application, 'opening', (SELECT "
    "o.title FROM application ap JOIN opening o ON o.id = ap.opening WHERE ap.id = "
    "me.application), 'interviews', (SELECT count(*) " LOOP_OF "), 'missing', (SELECT count(*) "
    "FROM interview_interviewer ii JOIN (SELECT l.id " LOOP_OF ") x ON x.id = ii.interview WHERE "
    "NOT EXISTS (SELECT 1 FROM scorecard sc WHERE sc.interview = ii.interview AND "
    "sc.interviewer = ii.account)), 'recruiters', coalesce((SELECT json_agg(a.email ORDER BY "
    "m.position) FROM application ap JOIN opening_member m ON m.opening = ap.opening AND m.kind "
    "= 'recruiter' JOIN account a ON a.id = m.account WHERE ap.id = me.application AND NOT "
    "a.disabled), (SELECT json_agg(DISTINCT a.email) FROM interview l JOIN account a ON a.id = "
    "l.created_by, interview me2 WHERE me2.id = $1 AND l.candidate = me2.candidate AND "
    "l.application IS NOT DISTINCT FROM me2.application AND NOT a.disabled), '[]'::json), "
    "'panel', coalesce((SELECT json_agg(DISTINCT a.email) FROM interview_interviewer ii JOIN "
    "(SELECT l.id " LOOP_OF ") x ON x.id = ii.interview JOIN account a ON a.id = ii.account "
    "WHERE NOT a.disabled), '[]'::json)) "
    "FROM interview me WHERE me.id = $1";
static const char SQL_SCREENING_NOTICE[] =
    "SELECT json_build_object('id', s.id, 'role', s.role, 'state', s.state, 'total', s.total, "
    "'done', s.done, 'failed', s.failed, 'error', s.error, 'recipient', a.email) "
    "FROM screening s LEFT JOIN account a ON a.id = s.created_by AND NOT a.disabled "
    "WHERE s.id = $1";

static enum rb_err
json_list(struct store *s, const char *sql, const struct pg_args *a, json_t *items, size_t *total,
          const char *what, char *errmsg)
{
    enum rb_err rc;
    PGresult *r = pg_query(s, sql, a, what, &rc, errmsg);
    for (int i = 0; r && i < PQntuples(r) && !rc; i++) {
        json_t *v = pg_json(r, i, 0, errmsg);
        if (!v)
            rc = RB_EINTERNAL;
        else
            json_array_append_new(items, v);
        if (total)
            *total = (size_t)pg_ll(r, i, 1);
    }
    PQclear(r);
    return rc;
}

static enum rb_err
pg_outbox_add(struct store *s, const struct mail_new *m, char *errmsg)
{
    struct pg_args a = {0};
    pg_arg_text(&a, m->kind);
    if (m->candidate)
        pg_arg_ll(&a, m->candidate);
    else
        pg_arg_text(&a, NULL);
    pg_arg_text(&a, m->recipient);
    pg_arg_text(&a, m->subject);
    pg_arg_text(&a, m->body);
    pg_arg_text(&a, m->attachment);
    pg_arg_text(&a, m->attachment_type);
    pg_arg_ll(&a, m->next_try);
    return pg_exec(s, SQL_OUT_ADD, &a, "queue mail", errmsg);
}

static enum rb_err
pg_outbox_claim(struct store *s, long long now, long long lease, size_t max, json_t **items,
                char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = pg_begin(s, errmsg);
    *items = json_array();
    if (rc)
        return rc;
    pg_arg_ll(&a, now);
    pg_arg_ll(&a, lease);
    pg_arg_ll(&a, (long long)max);
    rc = json_list(s, SQL_OUT_CLAIM, &a, *items, NULL, "claim mail", errmsg);
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_outbox_done(struct store *s, long long id, const char *error, long long next_try, char *errmsg)
{
    struct pg_args a = {0};
    pg_arg_ll(&a, id);
    if (error) {
        pg_arg_text(&a, error);
        pg_arg_ll(&a, next_try);
    }
    return pg_exec(s, error ? SQL_OUT_FAILED : SQL_OUT_SENT, &a, "record mail", errmsg);
}

static enum rb_err
pg_outbox_list(struct store *s, bool pending, size_t limit, json_t **items, size_t *total,
               char *errmsg)
{
    struct pg_args a = {0};
    *items = json_array();
    *total = 0;
    pg_arg_bool(&a, pending);
    pg_arg_ll(&a, (long long)limit);
    return json_list(s, SQL_OUT_LIST, &a, *items, total, "list mail", errmsg);
}

static enum rb_err
pg_mail_notice(struct store *s, const char *what, long long id, json_t **out, char *errmsg)
{
    bool loop = strcmp(what, "loop") == 0;
    const char *noun = loop ? "interview" : "screening";
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    *out = NULL;
    pg_arg_ll(&a, id);
    if (!(r = pg_query(s, loop ? SQL_LOOP : SQL_SCREENING_NOTICE, &a, noun, &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "no %s %lld", noun, id);
        rc = RB_ENOTFOUND;
    } else if (!(*out = pg_json(r, 0, 0, errmsg))) {
        rc = RB_EINTERNAL;
    }
    PQclear(r);
    return rc;
}

void
pg_mail_ops(struct store_ops *ops)
{
    ops->outbox_add = pg_outbox_add;
    ops->outbox_claim = pg_outbox_claim;
    ops->outbox_done = pg_outbox_done;
    ops->outbox_list = pg_outbox_list;
    ops->mail_notice = pg_mail_notice;
}
