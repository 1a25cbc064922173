/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: openings, applications, the careers page's rate of attempts and the hiring
 * dashboard (as sqlite_openings.c does for SQLite, with the same JSON shapes, orders and
 * messages). JSON is built by the SQL with json_build_object in the key order SQLite's
 * json_object() gives, lists with json_agg in the order the SQLite statements sort, "[]"
 * when empty. Every write is one transaction holding its audit entry; an application's
 * move also keeps its candidate's own stage and that stage's history in step. A new person
 * applying becomes a candidate through the backend's own candidate_add, inside the same
 * transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/mem.h"

#define FINAL_KINDS "('hired', 'rejected', 'withdrawn')"

#define MEMBERS(kind, col)                                                                         \
    "coalesce((SELECT json_agg(" col " ORDER BY m.position) FROM opening_member m JOIN account "   \
    "a ON a.id = m.account WHERE m.opening = o.id AND m.kind = '" kind "'), '[]'::json)"

/* the stages of an opening in order, with how many applications each holds */
#define STAGE_COUNTS                                                                               \
    "coalesce((SELECT json_agg(json_build_object('stage', st.v ->> 'name', 'kind', st.v ->> "      \
    "'kind', 'count', (SELECT count(*) FROM application ap WHERE ap.opening = o.id AND ap.stage "  \
    "= st.v ->> 'name')) ORDER BY st.n) FROM jsonb_array_elements(o.stages) WITH ORDINALITY "      \
    "st(v, n)), '[]'::json)"

#define OPENING_JSON                                                                               \
    "json_build_object('id', o.id, 'title', o.title, 'role', o.role, 'description', "              \
    "o.description, 'criteria', o.criteria, 'location', o.location, 'remote', o.remote, "          \
    "'salary', CASE WHEN o.salary_min IS NULL THEN NULL ELSE json_build_object('min', "            \
    "o.salary_min, 'max', o.salary_max, 'currency', o.salary_currency) END, 'headcount', "         \
    "o.headcount, 'status', o.status, 'stages', o.stages, 'questions', coalesce((SELECT "          \
    "questions FROM opening_form WHERE opening = o.id), '[]'::jsonb), 'team', "                    \
    "json_build_object('recruiters', " MEMBERS(                                                    \
        "recruiter",                                                                               \
        "a.email") ", 'hiring_manager', "                                                          \
                   "(SELECT email FROM account WHERE id = o.hiring_manager), 'panel', " MEMBERS(   \
                       "panel", "a.email") "), 'counts', " STAGE_COUNTS                            \
                                           ", 'created_at', o.created_at, "                        \
                                           "'updated_at', o.updated_at, 'team_ids', "              \
                                           "json_build_object('recruiters', " MEMBERS(             \
                                               "recruiter",                                        \
                                               "a.id") ", 'hiring_manager', o.hiring_manager))"

#define APPLICATION_FIELDS                                                                         \
    "'id', a.id, 'candidate', a.candidate, 'name', c.name, 'email', c.email, 'opening', "          \
    "a.opening, 'opening_title', o.title, 'stage', a.stage, 'kind', a.kind, 'source', a.source, "  \
    "'screening', a.screening, 'resume', a.resume, 'score', (SELECT sr.score FROM "                \
    "screening_resume sr WHERE sr.screening = a.screening AND sr.resume = a.resume), "             \
    "'stage_since', a.stage_since, 'created_at', a.created_at, 'updated_at', a.updated_at"
#define APPLICATION_JSON "json_build_object(" APPLICATION_FIELDS ")"
#define APPLICATION_FROM                                                                           \
    " FROM application a JOIN candidate c ON c.id = a.candidate JOIN opening o ON o.id = "         \
    "a.opening "

static const char SQL_OPENING_GET[] = "SELECT " OPENING_JSON " FROM opening o WHERE o.id = $1";
static const char SQL_OPENING_LIST[] =
    "SELECT " OPENING_JSON ", count(*) OVER () FROM opening o WHERE ($1::text IS NULL OR "
    "o.status = $1) ORDER BY o.id LIMIT $2 OFFSET $3";
static const char SQL_OPENING_COUNT[] =
    "SELECT count(*) FROM opening o WHERE ($1::text IS NULL OR o.status = $1)";
static const char SQL_OPENING_ADD[] =
    "INSERT INTO opening (title, role, description, criteria, location, remote, salary_min, "
    "salary_max, salary_currency, headcount, stages, hiring_manager, created_by) VALUES ($1, $2, "
    "coalesce($3::text, ''), $4::json, $5, $6, $7::bigint, $8::bigint, $9, $10::integer, "
    "$11::jsonb, $12::bigint, $13::bigint) RETURNING id";
static const char SQL_OPENING_SET[] =
    "UPDATE opening SET title = $1, role = $2, description = coalesce($3::text, ''), criteria = "
    "$4::json, location = $5, remote = $6, salary_min = $7::bigint, salary_max = $8::bigint, "
    "salary_currency = $9, headcount = $10::integer, stages = $11::jsonb, hiring_manager = "
    "$12::bigint, updated_at = rubric_now() WHERE id = $13";
/* a stage holding applications that a new stage list leaves out */
static const char SQL_OPENING_LOST_STAGE[] =
    "SELECT stage, count(*) FROM application WHERE opening = $1 AND stage NOT IN (SELECT v ->> "
    "'name' FROM jsonb_array_elements($2::jsonb) v) GROUP BY stage ORDER BY stage COLLATE \"C\" "
    "LIMIT 1";
static const char SQL_OPENING_KINDS[] =
    "UPDATE application SET kind = (SELECT v ->> 'kind' FROM jsonb_array_elements($2::jsonb) v "
    "WHERE v ->> 'name' = application.stage) WHERE opening = $1";
static const char SQL_MEMBERS_DEL[] = "DELETE FROM opening_member WHERE opening = $1";
static const char SQL_MEMBER_ADD[] =
    "INSERT INTO opening_member (opening, kind, account, position) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT DO NOTHING";
static const char SQL_OPENING_EXISTS[] = "SELECT status FROM opening WHERE id = $1";
static const char SQL_OPENING_STATUS[] =
    "UPDATE opening SET status = $3, updated_at = rubric_now() WHERE id = $1 AND status = $2";
static const char SQL_OPENING_LOG[] =
    "INSERT INTO opening_status_change (opening, from_status, to_status, by_account, by_label, "
    "reason) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_AUDIT[] =
    "INSERT INTO audit (actor, actor_label, action, candidate, what) VALUES ($1, $2, $3, $4, $5)";

static const char SQL_APP_GET[] =
    "SELECT json_build_object(" APPLICATION_FIELDS
    ", 'history', coalesce((SELECT json_agg(json_build_object('from', h.from_stage, 'to', "
    "h.to_stage, 'by', h.by_label, 'reason', h.reason, 'at', h.at) ORDER BY h.id) FROM "
    "application_stage_change h WHERE h.application = a.id), '[]'::json), 'interviews', "
    "coalesce((SELECT json_agg(i.id ORDER BY i.id) FROM interview i WHERE i.application = a.id), "
    "'[]'::json), 'answers', coalesce((SELECT answers FROM application_answer WHERE application "
    "= a.id), '{}'::jsonb))" APPLICATION_FROM "WHERE a.id = $1";
static const char SQL_FORM_SET[] =
    "INSERT INTO opening_form (opening, questions) VALUES ($1, $2::jsonb) ON CONFLICT (opening) "
    "DO UPDATE SET questions = excluded.questions";
static const char SQL_ANSWERS_SET[] =
    "INSERT INTO application_answer (application, answers) VALUES ($1, $2::jsonb) ON CONFLICT "
    "(application) DO UPDATE SET answers = excluded.answers, at = excluded.at";
#define NAME_MATCHES(p)                                                                            \
    "(" p "::text IS NULL OR strpos(lower(c.name), lower(" p ")) > 0 OR "                          \
    "strpos(coalesce(c.email, ''), lower(" p ")) > 0)"
#define APP_WHERE                                                                                  \
    "WHERE ($1::bigint IS NULL OR a.opening = $1) AND ($2::bigint IS NULL OR a.candidate = $2) "   \
    "AND ($3::text IS NULL OR a.stage = $3) AND " NAME_MATCHES("$4") " "
static const char SQL_APP_LIST[] =
    "SELECT " APPLICATION_JSON ", count(*) OVER () " APPLICATION_FROM APP_WHERE
    "ORDER BY CASE WHEN $1::bigint IS NULL THEN a.id END, a.stage_since DESC, a.id DESC "
    "LIMIT $5 OFFSET $6";
static const char SQL_APP_COUNT[] = "SELECT count(*) " APPLICATION_FROM APP_WHERE;
static const char SQL_APP_COUNTS[] =
    "SELECT coalesce(json_agg(json_build_object('stage', st.v ->> 'name', 'kind', st.v ->> "
    "'kind', 'count', (SELECT count(*) FROM application a JOIN candidate c ON c.id = "
    "a.candidate WHERE a.opening = $1 AND a.stage = st.v ->> 'name' AND " NAME_MATCHES(
        "$2") ")) ORDER BY st.n), '[]'::json) FROM opening o, jsonb_array_elements(o.stages) WITH "
              "ORDINALITY st(v, n) WHERE o.id = $1";
static const char SQL_APP_HELD[] =
    "SELECT id FROM application WHERE candidate = $1 AND opening = $2";
static const char SQL_CAND_ALIVE[] = "SELECT erased_at IS NULL FROM candidate WHERE id = $1";
static const char SQL_APP_ADD[] =
    "INSERT INTO application (candidate, opening, stage, kind, source, screening, resume, "
    "created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
static const char SQL_APP_LOG[] =
    "INSERT INTO application_stage_change (application, from_stage, to_stage, by_account, "
    "by_label, reason) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_APP_STAGE[] =
    "SELECT a.stage, a.candidate, EXISTS (SELECT 1 FROM jsonb_array_elements(o.stages) v WHERE "
    "v ->> 'name' = $2::text AND v ->> 'kind' = $3::text) FROM application a JOIN opening o ON "
    "o.id = a.opening WHERE a.id = $1";
static const char SQL_APP_MOVE[] =
    "UPDATE application SET stage = $2, kind = $3, stage_since = rubric_now(), updated_at = "
    "rubric_now() WHERE id = $1";
/* the candidate's own stage: from their open applications first, latest move first (an
 * application without moves last, as SQLite sorts a NULL) */
static const char SQL_CAND_FOLLOW[] =
    "SELECT c.stage, (SELECT a.kind FROM application a WHERE a.candidate = c.id ORDER BY a.kind "
    "IN " FINAL_KINDS ", (SELECT max(h.id) FROM application_stage_change h WHERE "
    "h.application = a.id) DESC NULLS LAST LIMIT 1) FROM candidate c WHERE c.id = $1";
static const char SQL_CAND_STAGE_SET[] =
    "UPDATE candidate SET stage = $2, updated_at = rubric_now() WHERE id = $1";
static const char SQL_CAND_LOG[] =
    "INSERT INTO candidate_stage_change (candidate, from_stage, to_stage, by_account, by_label, "
    "reason) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_APP_BY_EMAIL[] =
    "SELECT a.id, a.candidate FROM application a JOIN candidate c ON c.id = a.candidate "
    "WHERE a.opening = $1 AND c.email = $2 AND c.erased_at IS NULL ORDER BY a.id LIMIT 1";
static const char SQL_APP_RESUME[] =
    "UPDATE application SET resume = $2, screening = CASE WHEN $3::bigint IS NULL THEN "
    "screening ELSE $3::bigint END, updated_at = rubric_now() WHERE id = $1 RETURNING candidate";
static const char SQL_RESUME_OWNER[] =
    "UPDATE resume SET candidate = $2 WHERE id = $1 AND (candidate IS NULL OR candidate = $2)";
static const char SQL_ATTEMPT_ADD[] = "INSERT INTO apply_attempt (key, at) VALUES ($1, $2)";
static const char SQL_ATTEMPT_PRUNE[] = "DELETE FROM apply_attempt WHERE at <= $1";
static const char SQL_ATTEMPT_COUNT[] =
    "SELECT count(*), coalesce(min(at), 0) FROM apply_attempt WHERE key = $1 AND at > $2";

static const char *
label(const struct audit_actor *who)
{
    return who && who->label ? who->label : "command line";
}

/* An id parameter: 0 is SQL NULL. */
static void
arg_id(struct pg_args *a, long long v)
{
    if (v)
        pg_arg_ll(a, v);
    else
        pg_arg_text(a, NULL);
}

/* The audit entry of a write, inside its transaction. */
static enum rb_err
audit(struct store *s, const struct audit_actor *who, const char *action, long long candidate,
      const char *what, char *errmsg)
{
    struct pg_args a = {0};
    arg_id(&a, who ? who->account : 0);
    pg_arg_text(&a, label(who));
    pg_arg_text(&a, action);
    arg_id(&a, candidate);
    pg_arg_text(&a, what);
    return pg_exec(s, SQL_AUDIT, &a, "record audit entry", errmsg);
}

/* The JSON in the first column of the single row of sql for id; RB_ENOTFOUND "no WHAT ID". */
static enum rb_err
json_row(struct store *s, const char *sql, long long id, const char *what, json_t **out,
         char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
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

/* Appends the JSON of column 0 of every row of r to items; *total (when not NULL) from
 * column 1. */
static enum rb_err
json_rows(const PGresult *r, json_t *items, size_t *total, char *errmsg)
{
    for (int i = 0; i < PQntuples(r); i++) {
        json_t *v = pg_json(r, i, 0, errmsg);
        if (!v)
            return RB_EINTERNAL;
        json_array_append_new(items, v);
        if (total)
            *total = (size_t)pg_ll(r, i, 1);
    }
    return RB_OK;
}

/* The opening's status into *status (new): RB_ENOTFOUND "no opening ID". */
static enum rb_err
opening_status_of(struct store *s, long long id, char **status, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    *status = NULL;
    pg_arg_ll(&a, id);
    if (!(r = pg_query(s, SQL_OPENING_EXISTS, &a, "read opening", &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "no opening %lld", id);
        rc = RB_ENOTFOUND;
    } else {
        *status = pg_dup(r, 0, 0);
    }
    PQclear(r);
    return rc;
}

static enum rb_err
members(struct store *s, long long opening, const char *kind, const long long *ids, size_t n,
        char *errmsg)
{
    enum rb_err rc = RB_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        struct pg_args a = {0};
        pg_arg_ll(&a, opening);
        pg_arg_text(&a, kind);
        pg_arg_ll(&a, ids[i]);
        pg_arg_ll(&a, (long long)i);
        rc = pg_exec(s, SQL_MEMBER_ADD, &a, "add team member", errmsg);
    }
    return rc;
}

/* RB_ECONFLICT naming a stage that holds applications when the stages given leave it out. */
static enum rb_err
stage_kept(struct store *s, long long id, const char *stages, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    pg_arg_ll(&a, id);
    pg_arg_text(&a, stages);
    if (!(r = pg_query(s, SQL_OPENING_LOST_STAGE, &a, "check stages", &rc, errmsg)))
        return rc;
    if (PQntuples(r) > 0) {
        snprintf(errmsg, RB_ERRMSG,
                 "stages: stage '%s' holds %lld application(s); keep it, or move them first",
                 pg_str(r, 0, 0), pg_ll(r, 0, 1));
        rc = RB_ECONFLICT;
    }
    PQclear(r);
    return rc;
}

static enum rb_err
pg_opening_save(struct store *s, const struct opening_row *o, const struct audit_actor *who,
                long long *id, char *errmsg)
{
    struct pg_args a = {0}, b = {0};
    char what[64], *status = NULL;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    if (o->id && ((rc = opening_status_of(s, o->id, &status, errmsg)) ||
                  (rc = stage_kept(s, o->id, o->stages, errmsg))))
        goto out;
    pg_arg_text(&a, o->title);
    pg_arg_text(&a, o->role);
    pg_arg_text(&a, o->description);
    pg_arg_text(&a, o->criteria);
    pg_arg_text(&a, o->location);
    pg_arg_text(&a, o->remote);
    if (o->salary) {
        pg_arg_ll(&a, o->salary_min);
        pg_arg_ll(&a, o->salary_max);
        pg_arg_text(&a, o->currency);
    } else {
        pg_arg_text(&a, NULL);
        pg_arg_text(&a, NULL);
        pg_arg_text(&a, NULL);
    }
    pg_arg_ll(&a, o->headcount > 0 ? o->headcount : 1);
    pg_arg_text(&a, o->stages);
    arg_id(&a, o->hiring_manager);
    if (o->id) {
        pg_arg_ll(&a, o->id);
        *id = o->id;
        if ((rc = pg_exec(s, SQL_OPENING_SET, &a, "save opening", errmsg)))
            goto out;
        pg_arg_ll(&b, *id);
        if ((rc = pg_exec(s, SQL_MEMBERS_DEL, &b, "clear team", errmsg)))
            goto out;
        pg_arg_text(&b, o->stages);
        if ((rc = pg_exec(s, SQL_OPENING_KINDS, &b, "update stage kinds", errmsg)))
            goto out;
    } else {
        arg_id(&a, who ? who->account : 0);
        if ((rc = pg_scalar(s, SQL_OPENING_ADD, &a, id, "save opening", errmsg)))
            goto out;
        pg_arg_ll(&b, *id);
        pg_arg_text(&b, NULL);
        pg_arg_text(&b, "draft");
        arg_id(&b, who ? who->account : 0);
        pg_arg_text(&b, label(who));
        pg_arg_text(&b, NULL);
        if ((rc = pg_exec(s, SQL_OPENING_LOG, &b, "record status", errmsg)))
            goto out;
    }
    if ((rc = members(s, *id, "recruiter", o->recruiters, o->nrecruiters, errmsg)) ||
        (rc = members(s, *id, "panel", o->panel, o->npanel, errmsg)))
        goto out;
    if (o->questions) {
        struct pg_args f = {0};
        pg_arg_ll(&f, *id);
        pg_arg_text(&f, o->questions);
        if ((rc = pg_exec(s, SQL_FORM_SET, &f, "save the form's questions", errmsg)))
            goto out;
    }
    snprintf(what, sizeof what, "opening %lld", *id);
    rc = audit(s, who, o->id ? "change" : "create", 0, what, errmsg);
out:
    free(status);
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_opening_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return json_row(s, SQL_OPENING_GET, id, "opening", out, errmsg);
}

static enum rb_err
pg_opening_list(struct store *s, const char *status, size_t limit, size_t offset, json_t **items,
                size_t *total, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    long long n;
    *items = json_array();
    *total = 0;
    pg_arg_text(&a, status);
    pg_arg_ll(&a, (long long)limit);
    pg_arg_ll(&a, (long long)offset);
    if (!(r = pg_query(s, SQL_OPENING_LIST, &a, "list openings", &rc, errmsg)))
        return rc;
    rc = json_rows(r, *items, total, errmsg);
    PQclear(r);
    if (rc || json_array_size(*items))
        return rc;
    /* a page past the end still says how many there are */
    a.n = 1;
    rc = pg_scalar(s, SQL_OPENING_COUNT, &a, &n, "count openings", errmsg);
    *total = (size_t)n;
    return rc;
}

static enum rb_err
pg_opening_status(struct store *s, long long id, const char *from, const char *to,
                  const struct audit_actor *who, const char *reason, char *errmsg)
{
    struct pg_args a = {0}, b = {0};
    char what[64], *now = NULL;
    long long changed = 0;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, id);
    pg_arg_text(&a, from);
    pg_arg_text(&a, to);
    if ((rc = pg_exec_n(s, SQL_OPENING_STATUS, &a, &changed, "set status", errmsg)))
        goto out;
    if (!changed) {
        if (!(rc = opening_status_of(s, id, &now, errmsg))) {
            snprintf(errmsg, RB_ERRMSG, "status: opening %lld is '%s' now, not '%s'; try again", id,
                     now ? now : "?", from);
            rc = RB_ECONFLICT;
        }
        goto out;
    }
    pg_arg_ll(&b, id);
    pg_arg_text(&b, from);
    pg_arg_text(&b, to);
    arg_id(&b, who ? who->account : 0);
    pg_arg_text(&b, label(who));
    pg_arg_text(&b, reason);
    if ((rc = pg_exec(s, SQL_OPENING_LOG, &b, "record status", errmsg)))
        goto out;
    snprintf(what, sizeof what, "opening %lld status", id);
    rc = audit(s, who, "change", 0, what, errmsg);
out:
    free(now);
    return pg_end(s, rc, errmsg);
}

/* A row of a stage history (application's or candidate's): subject, from, to, who, why. */
static enum rb_err
log_stage(struct store *s, const char *sql, long long subject, const char *from, const char *to,
          const struct audit_actor *who, const char *reason, const char *what, char *errmsg)
{
    struct pg_args a = {0};
    pg_arg_ll(&a, subject);
    pg_arg_text(&a, from);
    pg_arg_text(&a, to);
    arg_id(&a, who ? who->account : 0);
    pg_arg_text(&a, label(who));
    pg_arg_text(&a, reason);
    return pg_exec(s, sql, &a, what, errmsg);
}

/* Sets candidate's own stage from their applications, with a row in their history when it
 * changes. */
static enum rb_err
follow(struct store *s, long long candidate, const struct audit_actor *who, const char *reason,
       char *errmsg)
{
    struct pg_args a = {0};
    char *from = NULL, *to = NULL;
    enum rb_err rc;
    PGresult *r;
    pg_arg_ll(&a, candidate);
    if (!(r = pg_query(s, SQL_CAND_FOLLOW, &a, "read candidate stage", &rc, errmsg)))
        return rc;
    if (PQntuples(r) > 0) {
        from = pg_dup(r, 0, 0);
        to = pg_dup(r, 0, 1);
    }
    PQclear(r);
    if (!from || !to || strcmp(from, to) == 0)
        goto out;
    pg_arg_text(&a, to);
    if ((rc = pg_exec(s, SQL_CAND_STAGE_SET, &a, "set candidate stage", errmsg)))
        goto out;
    rc = log_stage(s, SQL_CAND_LOG, candidate, from, to, who, reason, "record candidate stage",
                   errmsg);
out:
    free(from);
    free(to);
    return rc;
}

static enum rb_err
link_resume(struct store *s, long long resume, long long candidate, char *errmsg)
{
    struct pg_args a = {0};
    pg_arg_ll(&a, resume);
    pg_arg_ll(&a, candidate);
    return pg_exec(s, SQL_RESUME_OWNER, &a, "link the resume", errmsg);
}

/* RB_OK when candidate exists, is not erased and holds no application to opening. */
static enum rb_err
candidate_free(struct store *s, long long cand, long long opening, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    pg_arg_ll(&a, cand);
    if (!(r = pg_query(s, SQL_CAND_ALIVE, &a, "read candidate", &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "candidate: no candidate %lld", cand);
        rc = RB_ENOTFOUND;
    } else if (!pg_bool(r, 0, 0)) {
        snprintf(errmsg, RB_ERRMSG, "candidate: candidate %lld was erased", cand);
        rc = RB_EINVAL;
    }
    PQclear(r);
    if (rc)
        return rc;
    pg_arg_ll(&a, opening);
    if (!(r = pg_query(s, SQL_APP_HELD, &a, "read applications", &rc, errmsg)))
        return rc;
    if (PQntuples(r) > 0) {
        snprintf(errmsg, RB_ERRMSG,
                 "candidate: candidate %lld holds application %lld to opening %lld already", cand,
                 pg_ll(r, 0, 0), opening);
        rc = RB_ECONFLICT;
    }
    PQclear(r);
    return rc;
}

static enum rb_err
pg_application_add(struct store *s, const struct application_new *a, const struct audit_actor *who,
                   long long *id, long long *candidate, char *errmsg)
{
    struct pg_args b = {0};
    char what[64], *status = NULL;
    long long cand = a->candidate;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    if ((rc = opening_status_of(s, a->opening, &status, errmsg)))
        goto out;
    if (cand)
        rc = candidate_free(s, cand, a->opening, errmsg);
    else
        rc = s->ops->candidate_add(s, a->person, &cand, errmsg);
    if (rc)
        goto out;
    pg_arg_ll(&b, cand);
    pg_arg_ll(&b, a->opening);
    pg_arg_text(&b, a->stage);
    pg_arg_text(&b, a->kind);
    pg_arg_text(&b, a->source);
    arg_id(&b, a->screening);
    arg_id(&b, a->resume);
    arg_id(&b, who ? who->account : 0);
    if ((rc = pg_scalar(s, SQL_APP_ADD, &b, id, "add application", errmsg)))
        goto out;
    *candidate = cand;
    if (a->resume && (rc = link_resume(s, a->resume, cand, errmsg)))
        goto out;
    if ((rc = log_stage(s, SQL_APP_LOG, *id, NULL, a->stage, who, a->reason, "record stage change",
                        errmsg)) ||
        (rc = follow(s, cand, who, NULL, errmsg)))
        goto out;
    snprintf(what, sizeof what, "application %lld", *id);
    rc = audit(s, who, "create", cand, what, errmsg);
out:
    free(status);
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_application_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return json_row(s, SQL_APP_GET, id, "application", out, errmsg);
}

static void
filter_args(struct pg_args *a, const struct application_filter *f)
{
    arg_id(a, f->opening);
    arg_id(a, f->candidate);
    pg_arg_text(a, f->stage);
    pg_arg_text(a, f->q && *f->q ? f->q : NULL);
}

static enum rb_err
pg_application_list(struct store *s, const struct application_filter *f, size_t limit,
                    size_t offset, json_t **items, size_t *total, json_t **counts, char *errmsg)
{
    struct pg_args a = {0}, c = {0};
    enum rb_err rc;
    PGresult *r;
    long long n;
    *items = json_array();
    *total = 0;
    filter_args(&a, f);
    pg_arg_ll(&a, (long long)limit);
    pg_arg_ll(&a, (long long)offset);
    if (!(r = pg_query(s, SQL_APP_LIST, &a, "list applications", &rc, errmsg)))
        return rc;
    rc = json_rows(r, *items, total, errmsg);
    PQclear(r);
    if (!rc && !json_array_size(*items)) {
        a.n = 4;
        rc = pg_scalar(s, SQL_APP_COUNT, &a, &n, "count applications", errmsg);
        *total = (size_t)n;
    }
    if (rc || !counts || !f->opening)
        return rc;
    pg_arg_ll(&c, f->opening);
    pg_arg_text(&c, f->q && *f->q ? f->q : NULL);
    if (!(r = pg_query(s, SQL_APP_COUNTS, &c, "count applications", &rc, errmsg)))
        return rc;
    if (!(*counts = pg_json(r, 0, 0, errmsg)))
        rc = RB_EINTERNAL;
    PQclear(r);
    return rc;
}

static enum rb_err
pg_application_by_email(struct store *s, long long opening, const char *email, long long *id,
                        long long *candidate, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    pg_arg_ll(&a, opening);
    pg_arg_text(&a, email);
    if (!(r = pg_query(s, SQL_APP_BY_EMAIL, &a, "find application", &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "no application to opening %lld from that email", opening);
        rc = RB_ENOTFOUND;
    } else {
        *id = pg_ll(r, 0, 0);
        *candidate = pg_ll(r, 0, 1);
    }
    PQclear(r);
    return rc;
}

static enum rb_err
pg_application_move(struct store *s, long long id, const char *stage, const char *kind,
                    const struct audit_actor *who, const char *reason, char *errmsg)
{
    struct pg_args a = {0};
    char *from = NULL, what[64];
    long long cand = 0;
    bool known = false;
    PGresult *r;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, id);
    pg_arg_text(&a, stage);
    pg_arg_text(&a, kind);
    if (!(r = pg_query(s, SQL_APP_STAGE, &a, "read application", &rc, errmsg)))
        goto out;
    if (PQntuples(r) > 0) {
        from = pg_dup(r, 0, 0);
        cand = pg_ll(r, 0, 1);
        known = pg_bool(r, 0, 2);
    }
    PQclear(r);
    if (!from) {
        snprintf(errmsg, RB_ERRMSG, "no application %lld", id);
        rc = RB_ENOTFOUND;
    } else if (!known) {
        snprintf(errmsg, RB_ERRMSG, "stage: application %lld's opening has no stage '%s'", id,
                 stage);
        rc = RB_EINVAL;
    } else if (strcmp(from, stage) == 0) {
        snprintf(errmsg, RB_ERRMSG, "stage: application %lld is already at '%s'", id, stage);
        rc = RB_ECONFLICT;
    }
    if (rc)
        goto out;
    if ((rc = pg_exec(s, SQL_APP_MOVE, &a, "move application", errmsg)) ||
        (rc = log_stage(s, SQL_APP_LOG, id, from, stage, who, reason, "record stage change",
                        errmsg)) ||
        (rc = follow(s, cand, who, reason, errmsg)))
        goto out;
    snprintf(what, sizeof what, "application %lld stage", id);
    rc = audit(s, who, "change", cand, what, errmsg);
out:
    free(from);
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_application_resume(struct store *s, long long id, long long resume, long long screening,
                      char *errmsg)
{
    struct pg_args a = {0};
    long long cand = 0;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, id);
    pg_arg_ll(&a, resume);
    arg_id(&a, screening);
    rc = pg_scalar(s, SQL_APP_RESUME, &a, &cand, "set resume", errmsg);
    if (rc == RB_ENOTFOUND)
        snprintf(errmsg, RB_ERRMSG, "no application %lld", id);
    if (!rc)
        rc = link_resume(s, resume, cand, errmsg);
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_apply_attempts(struct store *s, const char *key, long long now, long long window, bool record,
                  long long *count, long long *oldest, char *errmsg)
{
    struct pg_args a = {0}, b = {0};
    PGresult *r;
    enum rb_err rc = pg_begin(s, errmsg);
    *count = 0;
    *oldest = 0;
    if (rc)
        return rc;
    if (record) {
        pg_arg_ll(&a, now - window);
        if ((rc = pg_exec(s, SQL_ATTEMPT_PRUNE, &a, "prune attempts", errmsg)))
            goto out;
        pg_arg_text(&b, key);
        pg_arg_ll(&b, now);
        if ((rc = pg_exec(s, SQL_ATTEMPT_ADD, &b, "record attempt", errmsg)))
            goto out;
    }
    b.n = 0;
    pg_arg_text(&b, key);
    pg_arg_ll(&b, now - window);
    if (!(r = pg_query(s, SQL_ATTEMPT_COUNT, &b, "count attempts", &rc, errmsg)))
        goto out;
    *count = pg_ll(r, 0, 0);
    *oldest = pg_ll(r, 0, 1);
    PQclear(r);
out:
    return pg_end(s, rc, errmsg);
}

static const char SQL_ATTEMPT_LOCK[] = "SELECT pg_advisory_xact_lock(hashtextextended($1, 2))";
static const char SQL_ATTEMPT_RELEASE[] =
    "DELETE FROM apply_attempt WHERE ctid = (SELECT ctid FROM apply_attempt WHERE key = $1 "
    "AND at = $2 LIMIT 1)";

static enum rb_err
pg_apply_reserve(struct store *s, const char *key, long long now, long long window, long long max,
                 bool *reserved, long long *count, long long *oldest, char *errmsg)
{
    struct pg_args a = {0};
    PGresult *r;
    enum rb_err rc = pg_begin(s, errmsg);
    *reserved = false;
    *count = 0;
    *oldest = 0;
    if (rc)
        return rc;
    /* the key's lock, held to the end of the transaction: servers counting the same address
     * take turns, so that the count cannot change before the attempt is added */
    pg_arg_text(&a, key);
    if ((rc = pg_exec(s, SQL_ATTEMPT_LOCK, &a, "lock attempts", errmsg)))
        goto out;
    a.n = 0;
    pg_arg_ll(&a, now - window);
    if ((rc = pg_exec(s, SQL_ATTEMPT_PRUNE, &a, "prune attempts", errmsg)))
        goto out;
    a.n = 0;
    pg_arg_text(&a, key);
    pg_arg_ll(&a, now - window);
    if (!(r = pg_query(s, SQL_ATTEMPT_COUNT, &a, "count attempts", &rc, errmsg)))
        goto out;
    *count = pg_ll(r, 0, 0);
    *oldest = pg_ll(r, 0, 1);
    PQclear(r);
    if (*count >= max)
        goto out;
    a.n = 0;
    pg_arg_text(&a, key);
    pg_arg_ll(&a, now);
    if ((rc = pg_exec(s, SQL_ATTEMPT_ADD, &a, "record attempt", errmsg)))
        goto out;
    *reserved = true;
    if (!(*count)++)
        *oldest = now;
out:
    rc = pg_end(s, rc, errmsg);
    if (rc)
        *reserved = false;
    return rc;
}

static enum rb_err
pg_apply_release(struct store *s, const char *key, long long at, char *errmsg)
{
    struct pg_args a = {0};
    pg_arg_text(&a, key);
    pg_arg_ll(&a, at);
    return pg_exec(s, SQL_ATTEMPT_RELEASE, &a, "release attempt", errmsg);
}

static enum rb_err
pg_application_answers(struct store *s, long long id, const char *answers, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, id);
    pg_arg_text(&a, answers);
    rc = pg_exec(s, SQL_ANSWERS_SET, &a, "save the answers", errmsg);
    return pg_end(s, rc, errmsg);
}

/* ---- the dashboard ---- */

/* days since the text time t (ISO 8601 UTC), or between two of them */
#define DAYS_SINCE(t) "(extract(epoch FROM now() - (" t ")::timestamptz) / 86400)"
#define STAGE_APPS "FROM application ap WHERE ap.opening = o.id AND ap.stage = st.v ->> 'name'"

static const char SQL_DASH_OPENINGS[] =
    "WITH ranks (kind, r) AS (VALUES ('applied', 1), ('screened', 2), ('interviewing', 3), "
    "('offer', 4), ('hired', 5)), "
    "best AS (SELECT a.opening AS opening, max(rk.r) AS r FROM application a JOIN opening o ON "
    "o.id = a.opening JOIN application_stage_change h ON h.application = a.id JOIN "
    "jsonb_array_elements(o.stages) st(v) ON st.v ->> 'name' = h.to_stage JOIN ranks rk ON "
    "rk.kind = st.v ->> 'kind' GROUP BY a.id, a.opening) "
    "SELECT json_build_object('id', o.id, 'title', o.title, 'status', o.status, 'headcount', "
    "o.headcount, 'counts', " STAGE_COUNTS ", 'funnel', (SELECT "
    "json_agg(json_build_object('kind', rk.kind, 'reached', (SELECT count(*) FROM best b WHERE "
    "b.opening = o.id AND b.r >= rk.r)) ORDER BY rk.r) FROM ranks rk), 'time_in_stage', "
    "coalesce((SELECT json_agg(json_build_object('stage', st.v ->> 'name', 'count', (SELECT "
    "count(*) " STAGE_APPS "), 'mean_days', (SELECT round(avg(" DAYS_SINCE(
        "ap.stage_since") ")::numeric, 1) " STAGE_APPS
                          "), 'max_days', (SELECT round(max(" DAYS_SINCE(
                              "ap.stage_since") ")::numeric, 1) " STAGE_APPS
                                                ")) ORDER BY st.n) FROM "
                                                "jsonb_array_elements(o.stages) WITH ORDINALITY "
                                                "st(v, n)), '[]'::json), 'opened_at', op.at, "
                                                "'filled_at', fi.at, "
                                                "'time_to_fill_days', round(((extract(epoch FROM "
                                                "fi.at::timestamptz) - "
                                                "extract(epoch FROM op.at::timestamptz)) / "
                                                "86400)::numeric, 1)) "
                                                "FROM opening o LEFT JOIN (SELECT opening, min(at) "
                                                "AS at FROM "
                                                "opening_status_change WHERE to_status = 'open' "
                                                "GROUP BY opening) op ON "
                                                "op.opening = o.id LEFT JOIN (SELECT opening, "
                                                "max(at) AS at FROM "
                                                "opening_status_change WHERE to_status = 'filled' "
                                                "GROUP BY opening) fi "
                                                "ON fi.opening = o.id AND o.status = 'filled' "
                                                "ORDER BY o.id";
static const char SQL_DASH_SCREENING[] =
    "SELECT " APPLICATION_JSON ", count(*) OVER () " APPLICATION_FROM
    "WHERE a.kind = 'applied' AND c.erased_at IS NULL ORDER BY a.created_at, a.id LIMIT 20";
#define MISSING_CARD                                                                               \
    "NOT EXISTS (SELECT 1 FROM scorecard sc WHERE sc.interview = i.id AND sc.interviewer = "       \
    "ii.account)"
static const char SQL_DASH_CARDS[] =
    "SELECT json_build_object('interview', i.id, 'candidate', i.candidate, 'application', "
    "i.application, 'stage', i.stage, 'scheduled_at', i.scheduled_at, 'pending', coalesce(("
    "SELECT json_agg(ac.email ORDER BY ac.email COLLATE \"C\") FROM interview_interviewer ii "
    "JOIN account ac ON ac.id = ii.account WHERE ii.interview = i.id AND " MISSING_CARD
    "), '[]'::json)), count(*) OVER () FROM interview i JOIN candidate c ON c.id = "
    "i.candidate WHERE c.erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM interview_calendar k "
    "WHERE k.interview = i.id AND k.cancelled_at IS NOT NULL) AND EXISTS (SELECT 1 FROM "
    "interview_interviewer ii WHERE ii.interview = i.id AND " MISSING_CARD
    ") ORDER BY coalesce(i.scheduled_at, i.created_at), i.id LIMIT 20";

static enum rb_err
dash_part(struct store *s, const char *sql, json_t *out, const char *key, bool paged, char *errmsg)
{
    json_t *items = json_array();
    size_t total = 0;
    enum rb_err rc;
    PGresult *r = pg_query(s, sql, NULL, key, &rc, errmsg);
    if (r)
        rc = json_rows(r, items, paged ? &total : NULL, errmsg);
    PQclear(r);
    if (paged)
        json_object_set_new(out, key,
                            json_pack("{s:I, s:o}", "total", (json_int_t)total, "items", items));
    else
        json_object_set_new(out, key, items);
    return rc;
}

static enum rb_err
pg_dashboard(struct store *s, json_t **out, char *errmsg)
{
    enum rb_err rc;
    *out = json_object();
    if ((rc = dash_part(s, SQL_DASH_OPENINGS, *out, "openings", false, errmsg)) ||
        (rc = dash_part(s, SQL_DASH_SCREENING, *out, "awaiting_screening", true, errmsg)) ||
        (rc = dash_part(s, SQL_DASH_CARDS, *out, "awaiting_scorecards", true, errmsg))) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

void
pg_openings_ops(struct store_ops *ops)
{
    ops->opening_save = pg_opening_save;
    ops->opening_get = pg_opening_get;
    ops->opening_list = pg_opening_list;
    ops->opening_status = pg_opening_status;
    ops->application_add = pg_application_add;
    ops->application_get = pg_application_get;
    ops->application_list = pg_application_list;
    ops->application_by_email = pg_application_by_email;
    ops->application_move = pg_application_move;
    ops->application_resume = pg_application_resume;
    ops->application_answers = pg_application_answers;
    ops->apply_attempts = pg_apply_attempts;
    ops->apply_reserve = pg_apply_reserve;
    ops->apply_release = pg_apply_release;
    ops->dashboard = pg_dashboard;
}
