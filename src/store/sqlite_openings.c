/* SPDX-License-Identifier: MIT */
/*
 * Openings and applications in SQLite (store/store.h). Reads return JSON built by SQLite's
 * json_object(), the shape the API sends. Every write is one transaction holding its audit
 * entry; an application's move also keeps its candidate's own stage (the kind of their most
 * recently moved open application) and that stage's history in step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/mem.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define FINAL_KINDS "('hired', 'rejected', 'withdrawn')"

#define MEMBERS(kind, col)                                                                         \
    "json((SELECT json_group_array(" col ") FROM (SELECT a.id, a.email FROM opening_member m "     \
    "JOIN account a ON a.id = m.account WHERE m.opening = o.id AND m.kind = '" kind "' "           \
    "ORDER BY m.position) a))"

#define OPENING_JSON                                                                               \
    "json_object('id', o.id, 'title', o.title, 'role', o.role, 'description', o.description, "     \
    "'criteria', json(o.criteria), 'location', o.location, 'remote', o.remote, 'salary', "         \
    "CASE WHEN o.salary_min IS NULL THEN NULL ELSE json_object('min', o.salary_min, 'max', "       \
    "o.salary_max, 'currency', o.salary_currency) END, 'headcount', o.headcount, 'status', "       \
    "o.status, 'stages', json(o.stages), 'questions', json(coalesce((SELECT questions FROM "       \
    "opening_form WHERE opening = o.id), '[]')), 'team', json_object('recruiters', " MEMBERS(      \
        "recruiter",                                                                               \
        "a.email") ", 'hiring_manager', (SELECT email FROM account WHERE id = "                    \
                   "o.hiring_manager), 'panel', " MEMBERS(                                         \
                       "panel",                                                                    \
                       "a.email") "), 'counts', json((SELECT "                                     \
                                  "json_group_array(json_object('stage', st.name, 'kind', "        \
                                  "st.kind, "                                                      \
                                  "'count', (SELECT count(*) FROM application ap WHERE "           \
                                  "ap.opening = o.id AND ap.stage = "                              \
                                  "st.name))) FROM (SELECT value ->> 'name' AS name, value ->> "   \
                                  "'kind' AS kind FROM "                                           \
                                  "json_each(o.stages) ORDER BY key) st)), 'created_at', "         \
                                  "o.created_at, 'updated_at', "                                   \
                                  "o.updated_at, 'team_ids', json_object('recruiters', " MEMBERS(  \
                                      "recruiter",                                                 \
                                      "a.id") ", 'hiring_manager', o.hiring_manager))"

#define APPLICATION_JSON                                                                           \
    "json_object('id', a.id, 'candidate', a.candidate, 'name', c.name, 'email', c.email, "         \
    "'opening', a.opening, 'opening_title', o.title, 'stage', a.stage, 'kind', a.kind, "           \
    "'source', a.source, 'screening', a.screening, 'resume', a.resume, 'score', (SELECT "          \
    "sr.score FROM screening_resume sr WHERE sr.screening = a.screening AND sr.resume = "          \
    "a.resume), 'stage_since', a.stage_since, 'created_at', a.created_at, 'updated_at', "          \
    "a.updated_at)"
#define APPLICATION_FROM                                                                           \
    " FROM application a JOIN candidate c ON c.id = a.candidate JOIN opening o ON o.id = "         \
    "a.opening "

static const char SQL_OPENING_GET[] = "SELECT " OPENING_JSON " FROM opening o WHERE o.id = ?1";
static const char SQL_OPENING_LIST[] =
    "SELECT " OPENING_JSON ", count(*) OVER () FROM opening o WHERE (?1 IS NULL OR "
    "o.status = ?1) ORDER BY o.id LIMIT ?2 OFFSET ?3";
static const char SQL_OPENING_COUNT[] =
    "SELECT count(*) FROM opening o WHERE (?1 IS NULL OR o.status = ?1)";
static const char SQL_OPENING_ADD[] =
    "INSERT INTO opening (title, role, description, criteria, location, remote, salary_min, "
    "salary_max, salary_currency, headcount, stages, hiring_manager, created_by) VALUES (?1, ?2, "
    "coalesce(?3, ''), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char SQL_OPENING_SET[] =
    "UPDATE opening SET title = ?1, role = ?2, description = coalesce(?3, ''), criteria = ?4, "
    "location = ?5, remote = ?6, salary_min = ?7, salary_max = ?8, salary_currency = ?9, "
    "headcount = ?10, stages = ?11, hiring_manager = ?12, updated_at = " NOW " WHERE id = ?14";
/* a stage holding applications that a new stage list leaves out */
static const char SQL_OPENING_LOST_STAGE[] =
    "SELECT stage, count(*) FROM application WHERE opening = ?1 AND stage NOT IN (SELECT "
    "value ->> 'name' FROM json_each(?2)) GROUP BY stage ORDER BY stage LIMIT 1";
static const char SQL_OPENING_KINDS[] =
    "UPDATE application SET kind = (SELECT value ->> 'kind' FROM json_each(?2) WHERE "
    "value ->> 'name' = application.stage) WHERE opening = ?1";
static const char SQL_MEMBERS_DEL[] = "DELETE FROM opening_member WHERE opening = ?1";
static const char SQL_MEMBER_ADD[] =
    "INSERT OR IGNORE INTO opening_member (opening, kind, account, position) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char SQL_OPENING_EXISTS[] = "SELECT status FROM opening WHERE id = ?1";
static const char SQL_OPENING_STATUS[] =
    "UPDATE opening SET status = ?3, updated_at = " NOW " WHERE id = ?1 AND status = ?2";
static const char SQL_OPENING_LOG[] =
    "INSERT INTO opening_status_change (opening, from_status, to_status, by_account, by_label, "
    "reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_AUDIT[] =
    "INSERT INTO audit (actor, actor_label, action, candidate, what) VALUES (?1, ?2, ?3, ?4, ?5)";

static const char SQL_APP_GET[] =
    "SELECT json_set(" APPLICATION_JSON
    ", '$.history', json((SELECT json_group_array(json_object('from', h.from_stage, 'to', "
    "h.to_stage, 'by', h.by_label, 'reason', h.reason, 'at', h.at)) FROM (SELECT * FROM "
    "application_stage_change WHERE application = a.id ORDER BY id) h)), '$.interviews', "
    "json((SELECT json_group_array(i.id) FROM (SELECT id FROM interview WHERE application = "
    "a.id ORDER BY id) i)), '$.answers', json(coalesce((SELECT answers FROM application_answer "
    "WHERE application = a.id), '{}')))" APPLICATION_FROM "WHERE a.id = ?1";
static const char SQL_FORM_SET[] =
    "INSERT INTO opening_form (opening, questions) VALUES (?1, ?2) ON CONFLICT (opening) DO "
    "UPDATE SET questions = excluded.questions";
static const char SQL_ANSWERS_SET[] =
    "INSERT INTO application_answer (application, answers) VALUES (?1, ?2) ON CONFLICT "
    "(application) DO UPDATE SET answers = excluded.answers, at = excluded.at";
#define APP_WHERE                                                                                  \
    "WHERE (?1 IS NULL OR a.opening = ?1) AND (?2 IS NULL OR a.candidate = ?2) AND (?3 IS NULL "   \
    "OR a.stage = ?3) AND (?4 IS NULL OR instr(lower(c.name), lower(?4)) > 0 OR "                  \
    "instr(coalesce(c.email, ''), lower(?4)) > 0) "
static const char SQL_APP_LIST[] =
    "SELECT " APPLICATION_JSON ", count(*) OVER () " APPLICATION_FROM APP_WHERE
    "ORDER BY CASE WHEN ?1 IS NULL THEN a.id END, a.stage_since DESC, a.id DESC "
    "LIMIT ?5 OFFSET ?6";
static const char SQL_APP_COUNT[] = "SELECT count(*) " APPLICATION_FROM APP_WHERE;
static const char SQL_APP_COUNTS[] =
    "SELECT json_group_array(json_object('stage', st.name, 'kind', st.kind, 'count', (SELECT "
    "count(*) FROM application a JOIN candidate c ON c.id = a.candidate WHERE a.opening = ?1 "
    "AND a.stage = st.name AND (?4 IS NULL OR instr(lower(c.name), lower(?4)) > 0 OR "
    "instr(coalesce(c.email, ''), lower(?4)) > 0)))) FROM (SELECT value ->> 'name' AS name, "
    "value ->> 'kind' AS kind FROM opening, json_each(opening.stages) WHERE opening.id = ?1 "
    "ORDER BY key) st";
static const char SQL_APP_HELD[] =
    "SELECT id FROM application WHERE candidate = ?1 AND opening = ?2";
static const char SQL_CAND_ALIVE[] = "SELECT erased_at IS NULL FROM candidate WHERE id = ?1";
static const char SQL_APP_ADD[] =
    "INSERT INTO application (candidate, opening, stage, kind, source, screening, resume, "
    "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_APP_LOG[] =
    "INSERT INTO application_stage_change (application, from_stage, to_stage, by_account, "
    "by_label, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_APP_STAGE[] =
    "SELECT a.stage, a.candidate, EXISTS (SELECT 1 FROM json_each(o.stages) WHERE value ->> "
    "'name' = ?2 AND value ->> 'kind' = ?3) FROM application a JOIN opening o ON o.id = "
    "a.opening WHERE a.id = ?1";
static const char SQL_APP_MOVE[] =
    "UPDATE application SET stage = ?2, kind = ?3, stage_since = " NOW ", updated_at = " NOW
    " WHERE id = ?1";
/* the candidate's own stage: from their open applications first, latest move first */
static const char SQL_CAND_FOLLOW[] =
    "SELECT c.stage, (SELECT a.kind FROM application a WHERE a.candidate = c.id ORDER BY a.kind "
    "IN " FINAL_KINDS " , (SELECT max(h.id) FROM application_stage_change h WHERE "
    "h.application = a.id) DESC LIMIT 1) FROM candidate c WHERE c.id = ?1";
static const char SQL_CAND_STAGE_SET[] =
    "UPDATE candidate SET stage = ?2, updated_at = " NOW " WHERE id = ?1";
static const char SQL_CAND_LOG[] =
    "INSERT INTO candidate_stage_change (candidate, from_stage, to_stage, by_account, by_label, "
    "reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_APP_BY_EMAIL[] =
    "SELECT a.id, a.candidate FROM application a JOIN candidate c ON c.id = a.candidate "
    "WHERE a.opening = ?1 AND c.email = ?2 AND c.erased_at IS NULL ORDER BY a.id LIMIT 1";
static const char SQL_APP_RESUME[] =
    "UPDATE application SET resume = ?2, screening = CASE WHEN ?3 IS NULL THEN screening ELSE ?3 "
    "END, updated_at = " NOW " WHERE id = ?1 RETURNING candidate";
static const char SQL_RESUME_OWNER[] =
    "UPDATE resume SET candidate = ?2 WHERE id = ?1 AND (candidate IS NULL OR candidate = ?2)";
static const char SQL_ATTEMPT_ADD[] = "INSERT INTO apply_attempt (key, at) VALUES (?1, ?2)";
static const char SQL_ATTEMPT_PRUNE[] = "DELETE FROM apply_attempt WHERE at <= ?1";
static const char SQL_ATTEMPT_COUNT[] =
    "SELECT count(*), coalesce(min(at), 0) FROM apply_attempt WHERE key = ?1 AND at > ?2";

static const char *
label(const struct audit_actor *who)
{
    return who && who->label ? who->label : "command line";
}

static void
bind_id(sqlite3_stmt *st, int i, long long v)
{
    if (v)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

/* The audit entry of a write, inside its transaction. */
static enum rb_err
audit(struct store *s, const struct audit_actor *who, const char *action, long long candidate,
      const char *what, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_AUDIT, errmsg);
    if (!st)
        return RB_ESTORE;
    bind_id(st, 1, who ? who->account : 0);
    sq_bind_text(st, 2, label(who));
    sq_bind_text(st, 3, action);
    bind_id(st, 4, candidate);
    sq_bind_text(st, 5, what);
    return sq_exec(s, st, errmsg, "record audit entry");
}

static enum rb_err
members(struct store *s, long long opening, const char *kind, const long long *ids, size_t n,
        char *errmsg)
{
    enum rb_err rc = RB_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        sqlite3_stmt *st = sq_stmt(s, SQL_MEMBER_ADD, errmsg);
        if (!st)
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, opening);
        sq_bind_text(st, 2, kind);
        sqlite3_bind_int64(st, 3, ids[i]);
        sqlite3_bind_int64(st, 4, (long long)i);
        rc = sq_exec(s, st, errmsg, "add team member");
    }
    return rc;
}

/* The single row of st (bound), its first column as text into *v (new, may be NULL):
 * RB_ENOTFOUND when there is none. */
static enum rb_err
one_text(struct store *s, sqlite3_stmt *st, char **v, const char *what, char *errmsg)
{
    int r = sqlite3_step(st);
    enum rb_err rc = RB_OK;
    *v = NULL;
    if (r == SQLITE_ROW)
        *v = sq_col_dup(st, 0);
    else if (r == SQLITE_DONE)
        rc = RB_ENOTFOUND;
    else
        rc = sq_fail(s, errmsg, what);
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_opening_save(struct store *s, const struct opening_row *o, const struct audit_actor *who,
                    long long *id, char *errmsg)
{
    sqlite3_stmt *st;
    char what[64], *status = NULL;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (o->id) {
        if (!(st = sq_stmt(s, SQL_OPENING_EXISTS, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, o->id);
        if ((rc = one_text(s, st, &status, "read opening", errmsg))) {
            if (rc == RB_ENOTFOUND)
                snprintf(errmsg, RB_ERRMSG, "no opening %lld", o->id);
            goto out;
        }
        if (!(st = sq_stmt(s, SQL_OPENING_LOST_STAGE, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, o->id);
        sq_bind_text(st, 2, o->stages);
        if (sqlite3_step(st) == SQLITE_ROW) {
            snprintf(errmsg, RB_ERRMSG,
                     "stages: stage '%s' holds %lld application(s); keep it, or move them first",
                     (const char *)sqlite3_column_text(st, 0),
                     (long long)sqlite3_column_int64(st, 1));
            rc = RB_ECONFLICT;
        }
        sq_done(st);
        if (rc)
            goto out;
    }
    if (!(st = sq_stmt(s, o->id ? SQL_OPENING_SET : SQL_OPENING_ADD, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sq_bind_text(st, 1, o->title);
    sq_bind_text(st, 2, o->role);
    sq_bind_text(st, 3, o->description);
    sq_bind_text(st, 4, o->criteria);
    sq_bind_text(st, 5, o->location);
    sq_bind_text(st, 6, o->remote);
    if (o->salary) {
        sqlite3_bind_int64(st, 7, o->salary_min);
        sqlite3_bind_int64(st, 8, o->salary_max);
        sq_bind_text(st, 9, o->currency);
    }
    sqlite3_bind_int(st, 10, o->headcount > 0 ? o->headcount : 1);
    sq_bind_text(st, 11, o->stages);
    bind_id(st, 12, o->hiring_manager);
    if (o->id)
        sqlite3_bind_int64(st, 14, o->id);
    else
        bind_id(st, 13, who ? who->account : 0);
    if ((rc = sq_exec(s, st, errmsg, "save opening")))
        goto out;
    *id = o->id ? o->id : sqlite3_last_insert_rowid(sq_db(s));
    if (!(st = sq_stmt(s, o->id ? SQL_MEMBERS_DEL : SQL_OPENING_LOG, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, *id);
    if (!o->id) {
        sq_bind_text(st, 3, "draft");
        bind_id(st, 4, who ? who->account : 0);
        sq_bind_text(st, 5, label(who));
    }
    if ((rc = sq_exec(s, st, errmsg, o->id ? "clear team" : "record status")))
        goto out;
    if (o->id) {
        if (!(st = sq_stmt(s, SQL_OPENING_KINDS, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, *id);
        sq_bind_text(st, 2, o->stages);
        if ((rc = sq_exec(s, st, errmsg, "update stage kinds")))
            goto out;
    }
    if ((rc = members(s, *id, "recruiter", o->recruiters, o->nrecruiters, errmsg)) ||
        (rc = members(s, *id, "panel", o->panel, o->npanel, errmsg)))
        goto out;
    if (o->questions) {
        if (!(st = sq_stmt(s, SQL_FORM_SET, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, *id);
        sq_bind_text(st, 2, o->questions);
        if ((rc = sq_exec(s, st, errmsg, "save the form's questions")))
            goto out;
    }
    snprintf(what, sizeof what, "opening %lld", *id);
    rc = audit(s, who, o->id ? "change" : "create", 0, what, errmsg);
out:
    free(status);
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_opening_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return sq_json_row(s, SQL_OPENING_GET, id, "opening", out, errmsg);
}

enum rb_err
sqlite_opening_list(struct store *s, const char *status, size_t limit, size_t offset,
                    json_t **items, size_t *total, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_OPENING_LIST, errmsg);
    enum rb_err rc;
    *items = json_array();
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, status);
    sqlite3_bind_int64(st, 2, (long long)limit);
    sqlite3_bind_int64(st, 3, (long long)offset);
    rc = sq_json_rows(s, st, *items, total, "list openings", errmsg);
    sq_done(st);
    if (rc || json_array_size(*items))
        return rc;
    /* a page past the end still says how many there are */
    if (!(st = sq_stmt(s, SQL_OPENING_COUNT, errmsg)))
        return RB_ESTORE;
    sq_bind_text(st, 1, status);
    if (sqlite3_step(st) == SQLITE_ROW)
        *total = (size_t)sqlite3_column_int64(st, 0);
    sq_done(st);
    return RB_OK;
}

enum rb_err
sqlite_opening_status(struct store *s, long long id, const char *from, const char *to,
                      const struct audit_actor *who, const char *reason, char *errmsg)
{
    sqlite3_stmt *st;
    char what[64], *now = NULL;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_OPENING_STATUS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, from);
    sq_bind_text(st, 3, to);
    if ((rc = sq_exec(s, st, errmsg, "set status")))
        goto out;
    if (!sqlite3_changes(sq_db(s))) {
        if (!(st = sq_stmt(s, SQL_OPENING_EXISTS, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, id);
        rc = one_text(s, st, &now, "read opening", errmsg);
        if (rc == RB_ENOTFOUND)
            snprintf(errmsg, RB_ERRMSG, "no opening %lld", id);
        else if (!rc) {
            snprintf(errmsg, RB_ERRMSG, "status: opening %lld is '%s' now, not '%s'; try again", id,
                     now ? now : "?", from);
            rc = RB_ECONFLICT;
        }
        goto out;
    }
    if (!(st = sq_stmt(s, SQL_OPENING_LOG, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, from);
    sq_bind_text(st, 3, to);
    bind_id(st, 4, who ? who->account : 0);
    sq_bind_text(st, 5, label(who));
    sq_bind_text(st, 6, reason);
    if ((rc = sq_exec(s, st, errmsg, "record status")))
        goto out;
    snprintf(what, sizeof what, "opening %lld status", id);
    rc = audit(s, who, "change", 0, what, errmsg);
out:
    free(now);
    return sq_end(s, rc, errmsg);
}

static enum rb_err
app_log(struct store *s, long long app, const char *from, const char *to,
        const struct audit_actor *who, const char *reason, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_APP_LOG, errmsg);
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, app);
    sq_bind_text(st, 2, from);
    sq_bind_text(st, 3, to);
    bind_id(st, 4, who ? who->account : 0);
    sq_bind_text(st, 5, label(who));
    sq_bind_text(st, 6, reason);
    return sq_exec(s, st, errmsg, "record stage change");
}

/* Sets candidate's own stage from their applications, with a row in their history when it
 * changes. */
static enum rb_err
follow(struct store *s, long long candidate, const struct audit_actor *who, const char *reason,
       char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_CAND_FOLLOW, errmsg);
    char *from = NULL, *to = NULL;
    enum rb_err rc = RB_OK;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, candidate);
    if (sqlite3_step(st) == SQLITE_ROW) {
        from = sq_col_dup(st, 0);
        to = sq_col_dup(st, 1);
    }
    sq_done(st);
    if (!from || !to || strcmp(from, to) == 0)
        goto out;
    if (!(st = sq_stmt(s, SQL_CAND_STAGE_SET, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, candidate);
    sq_bind_text(st, 2, to);
    if ((rc = sq_exec(s, st, errmsg, "set candidate stage")))
        goto out;
    if (!(st = sq_stmt(s, SQL_CAND_LOG, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, candidate);
    sq_bind_text(st, 2, from);
    sq_bind_text(st, 3, to);
    bind_id(st, 4, who ? who->account : 0);
    sq_bind_text(st, 5, label(who));
    sq_bind_text(st, 6, reason);
    rc = sq_exec(s, st, errmsg, "record candidate stage");
out:
    free(from);
    free(to);
    return rc;
}

enum rb_err
sqlite_application_add(struct store *s, const struct application_new *a,
                       const struct audit_actor *who, long long *id, long long *candidate,
                       char *errmsg)
{
    sqlite3_stmt *st;
    char what[64], *status = NULL;
    long long cand = a->candidate;
    int r;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_OPENING_EXISTS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, a->opening);
    if ((rc = one_text(s, st, &status, "read opening", errmsg))) {
        if (rc == RB_ENOTFOUND)
            snprintf(errmsg, RB_ERRMSG, "no opening %lld", a->opening);
        goto out;
    }
    if (cand) {
        if (!(st = sq_stmt(s, SQL_CAND_ALIVE, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, cand);
        r = sqlite3_step(st);
        if (r == SQLITE_DONE) {
            snprintf(errmsg, RB_ERRMSG, "candidate: no candidate %lld", cand);
            rc = RB_ENOTFOUND;
        } else if (r != SQLITE_ROW) {
            rc = sq_fail(s, errmsg, "read candidate");
        } else if (!sqlite3_column_int(st, 0)) {
            snprintf(errmsg, RB_ERRMSG, "candidate: candidate %lld was erased", cand);
            rc = RB_EINVAL;
        }
        sq_done(st);
        if (rc)
            goto out;
        if (!(st = sq_stmt(s, SQL_APP_HELD, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, cand);
        sqlite3_bind_int64(st, 2, a->opening);
        if (sqlite3_step(st) == SQLITE_ROW) {
            snprintf(errmsg, RB_ERRMSG,
                     "candidate: candidate %lld holds application %lld to opening %lld already",
                     cand, (long long)sqlite3_column_int64(st, 0), a->opening);
            rc = RB_ECONFLICT;
        }
        sq_done(st);
        if (rc)
            goto out;
    } else if ((rc = sqlite_candidate_insert(s, a->person, &cand, errmsg))) {
        goto out;
    }
    if (!(st = sq_stmt(s, SQL_APP_ADD, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, cand);
    sqlite3_bind_int64(st, 2, a->opening);
    sq_bind_text(st, 3, a->stage);
    sq_bind_text(st, 4, a->kind);
    sq_bind_text(st, 5, a->source);
    bind_id(st, 6, a->screening);
    bind_id(st, 7, a->resume);
    bind_id(st, 8, who ? who->account : 0);
    if ((rc = sq_exec(s, st, errmsg, "add application")))
        goto out;
    *id = sqlite3_last_insert_rowid(sq_db(s));
    *candidate = cand;
    if (a->resume) {
        if (!(st = sq_stmt(s, SQL_RESUME_OWNER, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, a->resume);
        sqlite3_bind_int64(st, 2, cand);
        if ((rc = sq_exec(s, st, errmsg, "link the resume")))
            goto out;
    }
    if ((rc = app_log(s, *id, NULL, a->stage, who, a->reason, errmsg)) ||
        (rc = follow(s, cand, who, NULL, errmsg)))
        goto out;
    snprintf(what, sizeof what, "application %lld", *id);
    rc = audit(s, who, "create", cand, what, errmsg);
out:
    free(status);
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_application_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return sq_json_row(s, SQL_APP_GET, id, "application", out, errmsg);
}

static void
bind_filter(sqlite3_stmt *st, const struct application_filter *f)
{
    bind_id(st, 1, f->opening);
    bind_id(st, 2, f->candidate);
    sq_bind_text(st, 3, f->stage);
    sq_bind_text(st, 4, f->q && *f->q ? f->q : NULL);
}

enum rb_err
sqlite_application_list(struct store *s, const struct application_filter *f, size_t limit,
                        size_t offset, json_t **items, size_t *total, json_t **counts, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_APP_LIST, errmsg);
    enum rb_err rc;
    *items = json_array();
    if (!st)
        return RB_ESTORE;
    bind_filter(st, f);
    sqlite3_bind_int64(st, 5, (long long)limit);
    sqlite3_bind_int64(st, 6, (long long)offset);
    rc = sq_json_rows(s, st, *items, total, "list applications", errmsg);
    sq_done(st);
    if (!rc && !json_array_size(*items)) {
        if (!(st = sq_stmt(s, SQL_APP_COUNT, errmsg)))
            return RB_ESTORE;
        bind_filter(st, f);
        if (sqlite3_step(st) == SQLITE_ROW)
            *total = (size_t)sqlite3_column_int64(st, 0);
        sq_done(st);
    }
    if (rc || !counts || !f->opening)
        return rc;
    if (!(st = sq_stmt(s, SQL_APP_COUNTS, errmsg)))
        return RB_ESTORE;
    bind_filter(st, f);
    if (sqlite3_step(st) == SQLITE_ROW) {
        if (!(*counts = sq_col_json(st, 0, errmsg)))
            rc = RB_EINTERNAL;
    } else {
        rc = sq_fail(s, errmsg, "count applications");
    }
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_application_by_email(struct store *s, long long opening, const char *email, long long *id,
                            long long *candidate, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_APP_BY_EMAIL, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, opening);
    sq_bind_text(st, 2, email);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *candidate = sqlite3_column_int64(st, 1);
    }
    sq_done(st);
    if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no application to opening %lld from that email", opening);
        return RB_ENOTFOUND;
    }
    return r == SQLITE_ROW ? RB_OK : sq_fail(s, errmsg, "find application");
}

enum rb_err
sqlite_application_move(struct store *s, long long id, const char *stage, const char *kind,
                        const struct audit_actor *who, const char *reason, char *errmsg)
{
    sqlite3_stmt *st;
    char *from = NULL, what[64];
    long long cand = 0;
    int r, known = 0;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_APP_STAGE, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, stage);
    sq_bind_text(st, 3, kind);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        from = sq_col_dup(st, 0);
        cand = sqlite3_column_int64(st, 1);
        known = sqlite3_column_int(st, 2);
    }
    sq_done(st);
    if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no application %lld", id);
        rc = RB_ENOTFOUND;
    } else if (r != SQLITE_ROW) {
        rc = sq_fail(s, errmsg, "read application");
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
    if (!(st = sq_stmt(s, SQL_APP_MOVE, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, stage);
    sq_bind_text(st, 3, kind);
    if ((rc = sq_exec(s, st, errmsg, "move application")) ||
        (rc = app_log(s, id, from, stage, who, reason, errmsg)) ||
        (rc = follow(s, cand, who, reason, errmsg)))
        goto out;
    snprintf(what, sizeof what, "application %lld stage", id);
    rc = audit(s, who, "change", cand, what, errmsg);
out:
    free(from);
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_application_resume(struct store *s, long long id, long long resume, long long screening,
                          char *errmsg)
{
    sqlite3_stmt *st;
    long long cand = 0;
    int r;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_APP_RESUME, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, resume);
    bind_id(st, 3, screening);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        cand = sqlite3_column_int64(st, 0);
    sq_done(st);
    if (r != SQLITE_ROW) {
        snprintf(errmsg, RB_ERRMSG, "no application %lld", id);
        rc = r == SQLITE_DONE ? RB_ENOTFOUND : sq_fail(s, errmsg, "set resume");
        goto out;
    }
    if (!(st = sq_stmt(s, SQL_RESUME_OWNER, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, resume);
    sqlite3_bind_int64(st, 2, cand);
    rc = sq_exec(s, st, errmsg, "link the resume");
out:
    return sq_end(s, rc, errmsg);
}

/* The steps of the careers limit, each inside the caller's transaction. */
static enum rb_err
attempt_prune(struct store *s, long long before, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_ATTEMPT_PRUNE, errmsg);
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, before);
    return sq_exec(s, st, errmsg, "prune attempts");
}

static enum rb_err
attempt_add(struct store *s, const char *key, long long now, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_ATTEMPT_ADD, errmsg);
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, key);
    sqlite3_bind_int64(st, 2, now);
    return sq_exec(s, st, errmsg, "record attempt");
}

static enum rb_err
attempt_count(struct store *s, const char *key, long long since, long long *count,
              long long *oldest, char *errmsg)
{
    enum rb_err rc = RB_OK;
    sqlite3_stmt *st = sq_stmt(s, SQL_ATTEMPT_COUNT, errmsg);
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, key);
    sqlite3_bind_int64(st, 2, since);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *count = sqlite3_column_int64(st, 0);
        *oldest = sqlite3_column_int64(st, 1);
    } else {
        rc = sq_fail(s, errmsg, "count attempts");
    }
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_apply_attempts(struct store *s, const char *key, long long now, long long window,
                      bool record, long long *count, long long *oldest, char *errmsg)
{
    enum rb_err rc = sq_begin(s, errmsg);
    *count = 0;
    *oldest = 0;
    if (rc)
        return rc;
    if (record &&
        ((rc = attempt_prune(s, now - window, errmsg)) || (rc = attempt_add(s, key, now, errmsg))))
        goto out;
    rc = attempt_count(s, key, now - window, count, oldest, errmsg);
out:
    return sq_end(s, rc, errmsg);
}

static const char SQL_ATTEMPT_RELEASE[] =
    "DELETE FROM apply_attempt WHERE rowid = (SELECT rowid FROM apply_attempt WHERE key = ?1 "
    "AND at = ?2 LIMIT 1)";

enum rb_err
sqlite_apply_reserve(struct store *s, const char *key, long long now, long long window,
                     long long max, bool *reserved, long long *count, long long *oldest,
                     char *errmsg)
{
    /* BEGIN IMMEDIATE: the count cannot change before the attempt is added */
    enum rb_err rc = sq_begin(s, errmsg);
    *reserved = false;
    *count = 0;
    *oldest = 0;
    if (rc)
        return rc;
    if ((rc = attempt_prune(s, now - window, errmsg)) ||
        (rc = attempt_count(s, key, now - window, count, oldest, errmsg)) || *count >= max)
        goto out;
    if ((rc = attempt_add(s, key, now, errmsg)))
        goto out;
    *reserved = true;
    if (!(*count)++)
        *oldest = now;
out:
    rc = sq_end(s, rc, errmsg);
    if (rc)
        *reserved = false;
    return rc;
}

enum rb_err
sqlite_apply_release(struct store *s, const char *key, long long at, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_ATTEMPT_RELEASE, errmsg);
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, key);
    sqlite3_bind_int64(st, 2, at);
    return sq_exec(s, st, errmsg, "release attempt");
}

/* ---- the dashboard ---- */

static const char SQL_DASH_OPENINGS[] =
    "WITH ranks (kind, r) AS (VALUES ('applied', 1), ('screened', 2), ('interviewing', 3), "
    "('offer', 4), ('hired', 5)), "
    "best AS (SELECT a.opening AS opening, max(rk.r) AS r FROM application a JOIN opening o ON "
    "o.id = a.opening JOIN application_stage_change h ON h.application = a.id JOIN "
    "json_each(o.stages) st ON st.value ->> 'name' = h.to_stage JOIN ranks rk ON rk.kind = "
    "st.value ->> 'kind' GROUP BY a.id) "
    "SELECT json_object('id', o.id, 'title', o.title, 'status', o.status, 'headcount', "
    "o.headcount, 'counts', json((SELECT json_group_array(json_object('stage', st.name, 'kind', "
    "st.kind, 'count', (SELECT count(*) FROM application ap WHERE ap.opening = o.id AND "
    "ap.stage = st.name))) FROM (SELECT value ->> 'name' AS name, value ->> 'kind' AS kind FROM "
    "json_each(o.stages) ORDER BY key) st)), 'funnel', json((SELECT "
    "json_group_array(json_object('kind', rk.kind, 'reached', (SELECT count(*) FROM best b "
    "WHERE b.opening = o.id AND b.r >= rk.r))) FROM (SELECT * FROM ranks ORDER BY r) rk)), "
    "'time_in_stage', json((SELECT json_group_array(json_object('stage', st.name, 'count', "
    "(SELECT count(*) FROM application ap WHERE ap.opening = o.id AND ap.stage = st.name), "
    "'mean_days', (SELECT round(avg(julianday('now') - julianday(ap.stage_since)), 1) FROM "
    "application ap WHERE ap.opening = o.id AND ap.stage = st.name), 'max_days', (SELECT "
    "round(max(julianday('now') - julianday(ap.stage_since)), 1) FROM application ap WHERE "
    "ap.opening = o.id AND ap.stage = st.name))) FROM (SELECT value ->> 'name' AS name FROM "
    "json_each(o.stages) ORDER BY key) st)), 'opened_at', op.at, 'filled_at', fi.at, "
    "'time_to_fill_days', round(julianday(fi.at) - julianday(op.at), 1)) "
    "FROM opening o LEFT JOIN (SELECT opening, min(at) AS at FROM opening_status_change WHERE "
    "to_status = 'open' GROUP BY opening) op ON op.opening = o.id LEFT JOIN (SELECT opening, "
    "max(at) AS at FROM opening_status_change WHERE to_status = 'filled' GROUP BY opening) fi "
    "ON fi.opening = o.id AND o.status = 'filled' ORDER BY o.id";
static const char SQL_DASH_SCREENING[] =
    "SELECT " APPLICATION_JSON ", count(*) OVER () " APPLICATION_FROM
    "WHERE a.kind = 'applied' AND c.erased_at IS NULL ORDER BY a.created_at, a.id LIMIT 20";
#define MISSING_CARD                                                                               \
    "NOT EXISTS (SELECT 1 FROM scorecard sc WHERE sc.interview = i.id AND sc.interviewer = "       \
    "ii.account)"
static const char SQL_DASH_CARDS[] =
    "SELECT json_object('interview', i.id, 'candidate', i.candidate, 'application', "
    "i.application, 'stage', i.stage, 'scheduled_at', i.scheduled_at, 'pending', json((SELECT "
    "json_group_array(p.email) FROM (SELECT ac.email FROM interview_interviewer ii JOIN account "
    "ac ON ac.id = ii.account WHERE ii.interview = i.id AND " MISSING_CARD
    " ORDER BY ac.email) p))), count(*) OVER () FROM interview i JOIN candidate c ON c.id = "
    "i.candidate WHERE c.erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM interview_calendar k "
    "WHERE k.interview = i.id AND k.cancelled_at IS NOT NULL) AND EXISTS (SELECT 1 FROM "
    "interview_interviewer ii "
    "WHERE ii.interview = i.id AND " MISSING_CARD ") ORDER BY coalesce(i.scheduled_at, "
    "i.created_at), i.id LIMIT 20";

static enum rb_err
dash_part(struct store *s, const char *sql, json_t *out, const char *key, bool paged, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, sql, errmsg);
    json_t *items = json_array();
    size_t total = 0;
    enum rb_err rc;
    if (!st) {
        json_decref(items);
        return RB_ESTORE;
    }
    rc = sq_json_rows(s, st, items, paged ? &total : NULL, key, errmsg);
    sq_done(st);
    if (paged)
        json_object_set_new(out, key,
                            json_pack("{s:I, s:o}", "total", (json_int_t)total, "items", items));
    else
        json_object_set_new(out, key, items);
    return rc;
}

enum rb_err
sqlite_dashboard(struct store *s, json_t **out, char *errmsg)
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

enum rb_err
sqlite_application_answers(struct store *s, long long id, const char *answers, char *errmsg)
{
    sqlite3_stmt *st;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_ANSWERS_SET, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, answers);
    rc = sq_exec(s, st, errmsg, "save the answers");
out:
    return sq_end(s, rc, errmsg);
}
