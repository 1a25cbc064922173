/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: interview loops (interviews, their panels and calendar state), scorecards with
 * their amendment trail, and scorecard drafts, as sqlite_hiring.c, sqlite_scorecards.c and
 * sqlite_mail.c do for SQLite: the same JSON shapes in the same orders, the same errors and
 * messages. Documents are built with json_build_object on the json type, which keeps keys in
 * the order written; an aggregate over no rows is NULL here, so each one falls back to [].
 * The callers write the audit records, inside the transaction these writes join.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"

/* ---- interviews ---- */

static const char SQL_CAND_EXISTS[] = "SELECT 1 FROM candidate WHERE id = $1";
static const char SQL_INTERVIEW_ADD[] =
    "INSERT INTO interview (candidate, stage, minutes, scheduled_at, kit, kit_json, created_by, "
    "application) VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8) RETURNING id";
static const char SQL_INTERVIEWER_ADD[] =
    "INSERT INTO interview_interviewer (interview, account) VALUES ($1, $2) "
    "ON CONFLICT DO NOTHING";
/* the panel's emails, by email */
#define PANEL_EMAILS                                                                               \
    "coalesce((SELECT json_agg(a.email ORDER BY a.email COLLATE \"C\") FROM "                      \
    "interview_interviewer ii JOIN account a ON a.id = ii.account WHERE ii.interview = i.id), "    \
    "'[]'::json)"
static const char SQL_INTERVIEW_GET[] =
    "SELECT json_build_object('id', i.id, 'candidate', i.candidate, 'application', "
    "i.application, 'stage', i.stage, 'minutes', i.minutes, 'scheduled_at', i.scheduled_at, "
    "'created_at', i.created_at, 'interviewers', " PANEL_EMAILS ", 'kit', i.kit_json, "
    "'time_zone', k.time_zone, 'sequence', coalesce(k.sequence, 0), 'cancelled_at', "
    "k.cancelled_at) FROM interview i LEFT JOIN interview_calendar k ON k.interview = i.id "
    "WHERE i.id = $1";
/* a cancelled interview waits for no scorecard */
#define NOT_CANCELLED                                                                              \
    "NOT EXISTS (SELECT 1 FROM interview_calendar k WHERE k.interview = i.id AND "                 \
    "k.cancelled_at IS NOT NULL)"
/* $1 candidate, $2 an interviewer, $5 without $2's scorecard (each 0 or false: any) */
#define INTERVIEWS_OF                                                                              \
    "($1::bigint = 0 OR i.candidate = $1) AND ($2::bigint = 0 OR EXISTS (SELECT 1 FROM "           \
    "interview_interviewer WHERE interview = i.id AND account = $2)) AND (NOT $5::boolean OR "     \
    "(NOT EXISTS (SELECT 1 FROM scorecard WHERE interview = i.id AND interviewer = $2) "           \
    "AND " NOT_CANCELLED "))"
static const char SQL_INTERVIEWS[] =
    "SELECT json_build_object('id', i.id, 'candidate', i.candidate, 'stage', i.stage, "
    "'minutes', i.minutes, 'scheduled_at', i.scheduled_at, 'created_at', i.created_at, "
    "'interviewers', " PANEL_EMAILS ", 'scorecards', (SELECT count(*) FROM scorecard WHERE "
    "interview = i.id), 'candidate_name', c.name, 'role', c.role, 'panel', coalesce((SELECT "
    "json_agg(json_build_object('email', a.email, 'name', a.name, 'scorecard', sc.id, "
    "'submitted_at', sc.submitted_at) ORDER BY a.email COLLATE \"C\") FROM "
    "interview_interviewer ii JOIN account a ON a.id = ii.account LEFT JOIN scorecard sc ON "
    "sc.interview = ii.interview AND sc.interviewer = ii.account WHERE ii.interview = i.id), "
    "'[]'::json)), count(*) OVER () FROM interview i JOIN candidate c ON c.id = i.candidate "
    "WHERE " INTERVIEWS_OF " ORDER BY i.id LIMIT $3::bigint OFFSET $4::bigint";
/* $3 and $4 (NULL here) only keep the numbering of SQL_INTERVIEWS: PostgreSQL refuses a
 * parameter that no clause gives a type */
static const char SQL_INTERVIEWS_COUNT[] =
    "SELECT count(*) FROM interview i WHERE " INTERVIEWS_OF " AND $3::bigint IS NULL AND "
    "$4::bigint IS NULL";

/* ---- calendar state ---- */

static const char SQL_CAL_GET[] =
    "SELECT json_build_object('id', i.id, 'candidate', i.candidate, 'candidate_name', c.name, "
    "'application', i.application, 'stage', i.stage, 'minutes', i.minutes, 'scheduled_at', "
    "i.scheduled_at, 'created_at', i.created_at, 'time_zone', k.time_zone, 'sequence', "
    "coalesce(k.sequence, 0), 'cancelled_at', k.cancelled_at, 'organizer', (SELECT "
    "json_build_object('email', a.email, 'name', a.name) FROM account a WHERE a.id = "
    "i.created_by), 'attendees', coalesce((SELECT json_agg(json_build_object('email', a.email, "
    "'name', a.name) ORDER BY a.email COLLATE \"C\") FROM interview_interviewer ii JOIN account "
    "a ON a.id = ii.account WHERE ii.interview = i.id), '[]'::json)) "
    "FROM interview i JOIN candidate c ON c.id = i.candidate "
    "LEFT JOIN interview_calendar k ON k.interview = i.id WHERE i.id = $1";
/* FOR UPDATE OF i: two reschedules of one interview take turns. The calendar row read with it
 * may be older than the lock (READ COMMITTED), so SQL_CAL_BUMP checks for a cancel again and
 * returns no row when one was committed meanwhile. */
static const char SQL_CAL_STATE[] =
    "SELECT k.cancelled_at IS NOT NULL FROM interview i "
    "LEFT JOIN interview_calendar k ON k.interview = i.id WHERE i.id = $1 FOR UPDATE OF i";
static const char SQL_CAL_BUMP[] =
    "INSERT INTO interview_calendar AS k (interview, sequence, time_zone, cancelled_at) "
    "VALUES ($1, 1, nullif($2::text, ''), CASE WHEN $3::boolean THEN rubric_now() END) "
    "ON CONFLICT (interview) DO UPDATE SET sequence = k.sequence + 1, "
    "time_zone = CASE WHEN $2::text IS NULL THEN k.time_zone ELSE nullif($2::text, '') END, "
    "cancelled_at = CASE WHEN $3::boolean THEN rubric_now() END "
    "WHERE k.cancelled_at IS NULL RETURNING sequence";
static const char SQL_CAL_AT[] = "UPDATE interview SET scheduled_at = $2 WHERE id = $1";

/* ---- scorecards ---- */

static const char SQL_ON_PANEL[] =
    "SELECT EXISTS (SELECT 1 FROM interview WHERE id = $1::bigint), "
    "EXISTS (SELECT 1 FROM interview_interviewer WHERE interview = $1 AND account = $2::bigint), "
    "(SELECT id FROM scorecard WHERE interview = $1 AND interviewer = $2)";
static const char SQL_CARD_SET[] =
    "UPDATE scorecard SET recommendation = $2, notes = $3 WHERE id = $1";
/* FOR UPDATE: two amendments of one scorecard take turns */
static const char SQL_CARD_EXISTS[] = "SELECT 1 FROM scorecard WHERE id = $1 FOR UPDATE";
static const char SQL_RATINGS_DEL[] = "DELETE FROM scorecard_rating WHERE scorecard = $1";
static const char SQL_COMPS_DEL[] = "DELETE FROM scorecard_competency WHERE scorecard = $1";
static const char SQL_RATING_ADD[] =
    "INSERT INTO scorecard_rating (scorecard, question, position, competency, rating, notes) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_COMP_ADD[] =
    "INSERT INTO scorecard_competency (scorecard, competency, derived, rating, override_reason) "
    "VALUES ($1, $2, $3, $4, $5)";
static const char SQL_AMEND_ADD[] =
    "INSERT INTO scorecard_amendment (scorecard, by_account, by_label, field, old_value, "
    "new_value, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_CARDS[] =
    "SELECT coalesce(json_agg(json_build_object('id', sc.id, 'interview', sc.interview, "
    "'candidate', i.candidate, 'role', c.role, 'stage', i.stage, 'candidate_stage', c.stage, "
    "'interviewer', a.email, 'interviewer_id', sc.interviewer, 'recommendation', "
    "sc.recommendation, 'notes', sc.notes, 'submitted_at', sc.submitted_at, "
    "'ratings', coalesce((SELECT json_agg(json_build_object('question', r.question, "
    "'competency', r.competency, 'rating', r.rating, 'notes', r.notes) ORDER BY r.position, "
    "r.question COLLATE \"C\") FROM scorecard_rating r WHERE r.scorecard = sc.id), '[]'::json), "
    "'competencies', coalesce((SELECT json_agg(json_build_object('competency', k.competency, "
    "'derived', k.derived, 'rating', k.rating, 'override_reason', k.override_reason) ORDER BY "
    "k.competency COLLATE \"C\") FROM scorecard_competency k WHERE k.scorecard = sc.id), "
    "'[]'::json), "
    "'amendments', coalesce((SELECT json_agg(json_build_object('by', m.by_label, 'field', "
    "m.field, 'old', m.old_value, 'new', m.new_value, 'reason', m.reason, 'at', m.at) ORDER BY "
    "m.id) FROM scorecard_amendment m WHERE m.scorecard = sc.id), '[]'::json), "
    "'original', sc.original) ORDER BY sc.id), '[]'::json) "
    "FROM scorecard sc JOIN interview i ON i.id = sc.interview "
    "JOIN candidate c ON c.id = i.candidate JOIN account a ON a.id = sc.interviewer "
    "WHERE ($1::bigint = 0 OR sc.id = $1) AND ($2::bigint = 0 OR sc.interview = $2) "
    "AND ($3::bigint = 0 OR i.candidate = $3) AND ($4::bigint = 0 OR sc.interviewer = $4) "
    "AND ($5::text IS NULL OR c.role = $5)";
static const char SQL_PENDING[] =
    "SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM scorecard sc WHERE "
    "sc.interview = i.id AND sc.interviewer = $2) AND " NOT_CANCELLED ") FROM interview i "
    "JOIN interview_interviewer ii ON ii.interview = i.id AND ii.account = $2::bigint "
    "WHERE i.candidate = $1::bigint";

/* ---- drafts ---- */

static const char SQL_DRAFT_GET[] =
    "SELECT json_build_object('interview', d.interview, 'candidate', i.candidate, 'draft', "
    "d.body, 'revision', d.revision, 'updated_at', d.updated_at) FROM scorecard_draft d "
    "JOIN interview i ON i.id = d.interview WHERE d.interview = $1 AND d.account = $2";
static const char SQL_DRAFT_REVISION[] =
    "SELECT revision FROM scorecard_draft WHERE interview = $1 AND account = $2 FOR UPDATE";
static const char SQL_DRAFT_PUT[] =
    "INSERT INTO scorecard_draft AS d (interview, account, body) VALUES ($1, $2, $3::json) "
    "ON CONFLICT (interview, account) DO UPDATE SET body = excluded.body, revision = "
    "d.revision + 1, updated_at = rubric_now_ms() RETURNING revision";
static const char SQL_DRAFT_DEL[] =
    "DELETE FROM scorecard_draft WHERE interview = $1 AND account = $2";
/* A submit in one statement: the scorecard, its ratings ($6: [{"q", "p" (the position in
 * the kit), "c", "r", "n"}]) and competency ratings ($7: [{"c", "d", "r", "o"}]), and the
 * interviewer's draft removed. One round trip where a statement per rating took 5 + ratings +
 * competencies. */
static const char SQL_CARD_SUBMIT[] =
    "WITH card AS (INSERT INTO scorecard (interview, interviewer, recommendation, notes, "
    "original) VALUES ($1, $2, $3, $4, $5::json) RETURNING id), "
    "rating AS (INSERT INTO scorecard_rating (scorecard, question, position, competency, rating, "
    "notes) SELECT card.id, x.q, x.p, x.c, x.r, x.n FROM card, json_to_recordset($6::json) "
    "AS x(q text, p integer, c text, r integer, n text)), "
    "comp AS (INSERT INTO scorecard_competency (scorecard, competency, derived, rating, "
    "override_reason) SELECT card.id, y.c, y.d, y.r, y.o FROM card, json_to_recordset($7::json) "
    "AS y(c text, d integer, r integer, o text)), "
    "draft AS (DELETE FROM scorecard_draft WHERE interview = $1 AND account = $2) "
    "SELECT id FROM card";

/* The one JSON document in the first column of the only row of sql run with id, as *out (new):
 * RB_ENOTFOUND "no WHAT ID" without a row. */
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

static enum rb_err
pg_interview_create(struct store *s, const struct interview_new *v, long long *id, char *errmsg)
{
    struct pg_args a = {0};
    long long one;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, v->candidate);
    rc = pg_scalar(s, SQL_CAND_EXISTS, &a, &one, "read candidate", errmsg);
    if (rc == RB_ENOTFOUND)
        snprintf(errmsg, RB_ERRMSG, "no candidate %lld", v->candidate);
    if (rc)
        goto out;
    a = (struct pg_args){0};
    pg_arg_ll(&a, v->candidate);
    pg_arg_text(&a, v->stage);
    pg_arg_ll(&a, v->minutes);
    pg_arg_text(&a, v->scheduled_at);
    if (v->kit)
        pg_arg_ll(&a, v->kit);
    else
        pg_arg_text(&a, NULL);
    pg_arg_text(&a, v->kit_json);
    if (v->created_by)
        pg_arg_ll(&a, v->created_by);
    else
        pg_arg_text(&a, NULL);
    if (v->application)
        pg_arg_ll(&a, v->application);
    else
        pg_arg_text(&a, NULL);
    if ((rc = pg_scalar(s, SQL_INTERVIEW_ADD, &a, id, "add interview", errmsg)))
        goto out;
    for (size_t i = 0; i < v->ninterviewers && !rc; i++) {
        a = (struct pg_args){0};
        pg_arg_ll(&a, *id);
        pg_arg_ll(&a, v->interviewers[i]);
        rc = pg_exec(s, SQL_INTERVIEWER_ADD, &a, "add interviewer", errmsg);
    }
out:
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_interview_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return json_row(s, SQL_INTERVIEW_GET, id, "interview", out, errmsg);
}

/* The parameters of SQL_INTERVIEWS ($3 and $4 NULL for SQL_INTERVIEWS_COUNT: all). */
static void
interviews_args(struct pg_args *a, const struct interview_filter *f, bool page, size_t limit,
                size_t offset)
{
    pg_arg_ll(a, f->candidate);
    pg_arg_ll(a, f->account);
    if (page && limit <= LLONG_MAX)
        pg_arg_ll(a, (long long)limit);
    else
        pg_arg_text(a, NULL); /* LIMIT NULL: no limit */
    if (page && offset <= LLONG_MAX)
        pg_arg_ll(a, (long long)offset);
    else
        pg_arg_text(a, NULL);
    pg_arg_bool(a, f->waiting && f->account);
}

static enum rb_err
pg_interview_find(struct store *s, const struct interview_filter *f, size_t limit, size_t offset,
                  json_t **items, size_t *total, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = RB_OK;
    long long n = 0;
    PGresult *r;
    *items = json_array();
    *total = 0;
    interviews_args(&a, f, true, limit, offset);
    if (!(r = pg_query(s, SQL_INTERVIEWS, &a, "list interviews", &rc, errmsg)))
        return rc;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        json_t *v = pg_json(r, i, 0, errmsg);
        if (!v) {
            rc = RB_EINTERNAL;
            break;
        }
        json_array_append_new(*items, v);
        *total = (size_t)pg_ll(r, i, 1);
    }
    PQclear(r);
    if (!rc && !json_array_size(*items) && offset) {
        /* a page past the end still says how many there are */
        a = (struct pg_args){0};
        interviews_args(&a, f, false, 0, 0);
        if ((rc = pg_scalar(s, SQL_INTERVIEWS_COUNT, &a, &n, "list interviews", errmsg)))
            return rc;
        *total = (size_t)n;
    }
    return rc;
}

static enum rb_err
pg_interview_list(struct store *s, long long candidate, long long account, size_t limit,
                  size_t offset, json_t **items, size_t *total, char *errmsg)
{
    struct interview_filter f = {.candidate = candidate, .account = account};
    return pg_interview_find(s, &f, limit, offset, items, total, errmsg);
}

static enum rb_err
pg_interview_calendar(struct store *s, long long id, json_t **out, char *errmsg)
{
    return json_row(s, SQL_CAL_GET, id, "interview", out, errmsg);
}

static enum rb_err
pg_interview_reschedule(struct store *s, long long id, const char *at, const char *time_zone,
                        bool cancel, long long *sequence, char *errmsg)
{
    struct pg_args a = {0};
    PGresult *r;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, id);
    if (!(r = pg_query(s, SQL_CAL_STATE, &a, "read interview", &rc, errmsg)))
        goto out;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "no interview %lld", id);
        rc = RB_ENOTFOUND;
    } else if (pg_bool(r, 0, 0)) {
        snprintf(errmsg, RB_ERRMSG, "interview %lld is cancelled: make a new one", id);
        rc = RB_ECONFLICT;
    }
    PQclear(r);
    if (rc)
        goto out;
    if (at) {
        a = (struct pg_args){0};
        pg_arg_ll(&a, id);
        pg_arg_text(&a, at);
        if ((rc = pg_exec(s, SQL_CAL_AT, &a, "move interview", errmsg)))
            goto out;
    }
    a = (struct pg_args){0};
    pg_arg_ll(&a, id);
    pg_arg_text(&a, time_zone);
    pg_arg_bool(&a, cancel);
    rc = pg_scalar(s, SQL_CAL_BUMP, &a, sequence, "change interview calendar", errmsg);
    if (rc == RB_ENOTFOUND) {
        snprintf(errmsg, RB_ERRMSG, "interview %lld is cancelled: make a new one", id);
        rc = RB_ECONFLICT;
    }
out:
    return pg_end(s, rc, errmsg);
}

/* A rating's parameter: 0 is not rated (SQL NULL). */
static void
arg_rating(struct pg_args *a, int rating)
{
    if (rating)
        pg_arg_ll(a, rating);
    else
        pg_arg_text(a, NULL);
}

/* Writes v's ratings and competency ratings of scorecard id (none may be there yet). */
static enum rb_err
put_ratings(struct store *s, long long id, const struct scorecard_new *v, char *errmsg)
{
    enum rb_err rc = RB_OK;
    for (size_t i = 0; i < v->nratings && !rc; i++) {
        const struct scorecard_rating *r = &v->ratings[i];
        struct pg_args a = {0};
        pg_arg_ll(&a, id);
        pg_arg_text(&a, r->question);
        pg_arg_ll(&a, (long long)i);
        pg_arg_text(&a, r->competency);
        arg_rating(&a, r->rating);
        pg_arg_text(&a, r->notes);
        rc = pg_exec(s, SQL_RATING_ADD, &a, "store a question rating", errmsg);
    }
    for (size_t i = 0; i < v->ncomps && !rc; i++) {
        const struct scorecard_comp *c = &v->comps[i];
        struct pg_args a = {0};
        pg_arg_ll(&a, id);
        pg_arg_text(&a, c->competency);
        arg_rating(&a, c->derived);
        arg_rating(&a, c->rating);
        pg_arg_text(&a, c->override_reason);
        rc = pg_exec(s, SQL_COMP_ADD, &a, "store a competency rating", errmsg);
    }
    return rc;
}

/* A rating as JSON: 0 (none) is null. */
static json_t *
rating_json(int rating)
{
    return rating ? json_integer(rating) : json_null();
}

/* v's ratings and competency ratings as SQL_CARD_SUBMIT's $6 and $7 (new strings). */
static void
ratings_json(const struct scorecard_new *v, char **ratings, char **comps)
{
    json_t *r = json_array(), *c = json_array();
    for (size_t i = 0; i < v->nratings; i++) {
        const struct scorecard_rating *x = &v->ratings[i];
        json_array_append_new(r, json_pack("{s:s, s:I, s:s, s:o, s:s?}", "q", x->question, "p",
                                           (json_int_t)i, "c", x->competency, "r",
                                           rating_json(x->rating), "n", x->notes));
    }
    for (size_t i = 0; i < v->ncomps; i++) {
        const struct scorecard_comp *x = &v->comps[i];
        json_array_append_new(c, json_pack("{s:s, s:o, s:o, s:s?}", "c", x->competency, "d",
                                           rating_json(x->derived), "r", rating_json(x->rating),
                                           "o", x->override_reason));
    }
    *ratings = json_dumps(r, JSON_COMPACT);
    *comps = json_dumps(c, JSON_COMPACT);
    json_decref(r);
    json_decref(c);
}

/* Whether account is on interview's panel: RB_ENOTFOUND without the interview ("no
 * interview N"), RB_EDENIED off its panel (the message for that is the caller's); *card is
 * account's submitted scorecard for it, or 0. */
static enum rb_err
on_panel(struct store *s, long long interview, long long account, long long *card, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = RB_OK;
    PGresult *r;
    *card = 0;
    pg_arg_ll(&a, interview);
    pg_arg_ll(&a, account);
    if (!(r = pg_query(s, SQL_ON_PANEL, &a, "read the interview", &rc, errmsg)))
        return rc;
    *card = pg_ll(r, 0, 2);
    if (!pg_bool(r, 0, 0)) {
        snprintf(errmsg, RB_ERRMSG, "no interview %lld", interview);
        rc = RB_ENOTFOUND;
    } else if (!pg_bool(r, 0, 1)) {
        rc = RB_EDENIED;
    }
    PQclear(r);
    return rc;
}

static enum rb_err
pg_scorecard_submit(struct store *s, const struct scorecard_new *v, long long *id, char *errmsg)
{
    struct pg_args a = {0};
    long long card = 0;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    rc = on_panel(s, v->interview, v->interviewer, &card, errmsg);
    if (rc == RB_EDENIED)
        snprintf(errmsg, RB_ERRMSG, "only the interviewers of interview %lld submit its scorecards",
                 v->interview);
    if (!rc && card) {
        snprintf(errmsg, RB_ERRMSG,
                 "scorecard %lld for interview %lld is submitted already and final: amend it "
                 "instead",
                 card, v->interview);
        rc = RB_ECONFLICT;
    }
    if (rc)
        goto out;
    {
        char *ratings, *comps;
        ratings_json(v, &ratings, &comps);
        pg_arg_ll(&a, v->interview);
        pg_arg_ll(&a, v->interviewer);
        pg_arg_text(&a, v->recommendation);
        pg_arg_text(&a, v->notes);
        pg_arg_text(&a, v->original);
        pg_arg_text(&a, ratings);
        pg_arg_text(&a, comps);
        rc = pg_scalar(s, SQL_CARD_SUBMIT, &a, id, "store the scorecard", errmsg);
        free(ratings);
        free(comps);
    }
    if (rc == RB_ECONFLICT && strstr(errmsg, "scorecard_interview_interviewer_key"))
        /* the same interviewer's other submit committed meanwhile */
        snprintf(errmsg, RB_ERRMSG,
                 "a scorecard for interview %lld was submitted meanwhile and is final: amend it "
                 "instead",
                 v->interview);
out:
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_scorecard_amend(struct store *s, long long id, const struct scorecard_new *now,
                   const struct scorecard_change *changes, size_t nchanges, long long by,
                   const char *by_label, const char *reason, char *errmsg)
{
    struct pg_args a = {0};
    long long one;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, id);
    rc = pg_scalar(s, SQL_CARD_EXISTS, &a, &one, "read the scorecard", errmsg);
    if (rc == RB_ENOTFOUND)
        snprintf(errmsg, RB_ERRMSG, "no scorecard %lld", id);
    if (rc)
        goto out;
    a = (struct pg_args){0};
    pg_arg_ll(&a, id);
    pg_arg_text(&a, now->recommendation);
    pg_arg_text(&a, now->notes);
    if ((rc = pg_exec(s, SQL_CARD_SET, &a, "amend the scorecard", errmsg)))
        goto out;
    a = (struct pg_args){0};
    pg_arg_ll(&a, id);
    if ((rc = pg_exec(s, SQL_RATINGS_DEL, &a, "amend the ratings", errmsg)) ||
        (rc = pg_exec(s, SQL_COMPS_DEL, &a, "amend the ratings", errmsg)) ||
        (rc = put_ratings(s, id, now, errmsg)))
        goto out;
    for (size_t i = 0; i < nchanges && !rc; i++) {
        a = (struct pg_args){0};
        pg_arg_ll(&a, id);
        if (by)
            pg_arg_ll(&a, by);
        else
            pg_arg_text(&a, NULL);
        pg_arg_text(&a, by_label ? by_label : "command line");
        pg_arg_text(&a, changes[i].field);
        pg_arg_text(&a, changes[i].old_value);
        pg_arg_text(&a, changes[i].new_value);
        pg_arg_text(&a, reason);
        rc = pg_exec(s, SQL_AMEND_ADD, &a, "record the amendment", errmsg);
    }
out:
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_scorecards(struct store *s, const struct scorecard_filter *f, json_t **out, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = RB_OK;
    PGresult *r;
    *out = NULL;
    pg_arg_ll(&a, f->id);
    pg_arg_ll(&a, f->interview);
    pg_arg_ll(&a, f->candidate);
    pg_arg_ll(&a, f->interviewer);
    pg_arg_text(&a, f->role);
    if (!(r = pg_query(s, SQL_CARDS, &a, "read scorecards", &rc, errmsg)))
        return rc;
    if (!(*out = pg_json(r, 0, 0, errmsg)))
        rc = RB_EINTERNAL;
    PQclear(r);
    return rc;
}

static enum rb_err
pg_loop_pending(struct store *s, long long candidate, long long account, long long *on_panel,
                long long *pending, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = RB_OK;
    PGresult *r;
    pg_arg_ll(&a, candidate);
    pg_arg_ll(&a, account);
    if (!(r = pg_query(s, SQL_PENDING, &a, "read the candidate's panel", &rc, errmsg)))
        return rc;
    *on_panel = pg_ll(r, 0, 0);
    *pending = pg_ll(r, 0, 1);
    PQclear(r);
    return RB_OK;
}

/* Whether account may keep a draft for interview (on_panel with the drafts' message). */
static enum rb_err
draft_allowed(struct store *s, long long interview, long long account, long long *card,
              char *errmsg)
{
    enum rb_err rc = on_panel(s, interview, account, card, errmsg);
    if (rc == RB_EDENIED)
        snprintf(errmsg, RB_ERRMSG,
                 "only the interviewers of interview %lld keep drafts of its scorecards",
                 interview);
    return rc;
}

static enum rb_err
pg_draft_get(struct store *s, long long interview, long long account, json_t **out, char *errmsg)
{
    struct pg_args a = {0};
    long long card = 0;
    PGresult *r;
    enum rb_err rc = draft_allowed(s, interview, account, &card, errmsg);
    *out = NULL;
    if (rc)
        return rc;
    pg_arg_ll(&a, interview);
    pg_arg_ll(&a, account);
    if (!(r = pg_query(s, SQL_DRAFT_GET, &a, "read the draft", &rc, errmsg)))
        return rc;
    if (PQntuples(r) > 0) {
        if (!(*out = pg_json(r, 0, 0, errmsg)))
            rc = RB_EINTERNAL;
    } else {
        if (card)
            snprintf(errmsg, RB_ERRMSG,
                     "no draft for interview %lld: your scorecard %lld is submitted", interview,
                     card);
        else
            snprintf(errmsg, RB_ERRMSG, "no draft of yours for interview %lld yet", interview);
        rc = RB_ENOTFOUND;
    }
    PQclear(r);
    return rc;
}

static enum rb_err
pg_draft_put(struct store *s, long long interview, long long account, const char *body,
             long long base, long long *revision, char *errmsg)
{
    struct pg_args a = {0};
    long long card = 0, now = 0;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    if ((rc = draft_allowed(s, interview, account, &card, errmsg)))
        goto out;
    if (card) {
        snprintf(errmsg, RB_ERRMSG,
                 "scorecard %lld for interview %lld is submitted already: amend it instead of "
                 "saving a draft",
                 card, interview);
        rc = RB_ECONFLICT;
        goto out;
    }
    pg_arg_ll(&a, interview);
    pg_arg_ll(&a, account);
    if (base) {
        rc = pg_scalar(s, SQL_DRAFT_REVISION, &a, &now, "read the draft", errmsg);
        if (rc == RB_ENOTFOUND)
            rc = RB_OK;
        if (rc)
            goto out;
        if (now != base) {
            snprintf(errmsg, RB_ERRMSG,
                     "revision: the draft is at revision %lld, not %lld (saved meanwhile from "
                     "another window): reload it before saving",
                     now, base);
            rc = RB_ECONFLICT;
            goto out;
        }
    }
    pg_arg_text(&a, body);
    rc = pg_scalar(s, SQL_DRAFT_PUT, &a, revision, "save the draft", errmsg);
out:
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_draft_delete(struct store *s, long long interview, long long account, char *errmsg)
{
    struct pg_args a = {0};
    long long changed = 0;
    enum rb_err rc;
    pg_arg_ll(&a, interview);
    pg_arg_ll(&a, account);
    if ((rc = pg_exec_n(s, SQL_DRAFT_DEL, &a, &changed, "remove the draft", errmsg)))
        return rc;
    if (!changed) {
        snprintf(errmsg, RB_ERRMSG, "no draft of yours for interview %lld", interview);
        return RB_ENOTFOUND;
    }
    return RB_OK;
}

void
pg_loops_ops(struct store_ops *ops)
{
    ops->interview_create = pg_interview_create;
    ops->interview_get = pg_interview_get;
    ops->interview_list = pg_interview_list;
    ops->interview_find = pg_interview_find;
    ops->interview_calendar = pg_interview_calendar;
    ops->interview_reschedule = pg_interview_reschedule;
    ops->scorecard_submit = pg_scorecard_submit;
    ops->scorecard_amend = pg_scorecard_amend;
    ops->scorecards = pg_scorecards;
    ops->loop_pending = pg_loop_pending;
    ops->draft_get = pg_draft_get;
    ops->draft_put = pg_draft_put;
    ops->draft_delete = pg_draft_delete;
}
