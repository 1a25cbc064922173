/* SPDX-License-Identifier: MIT */
/*
 * Scorecards in SQLite (store/store.h): submitted once, amended with a trail, read as the
 * JSON the debrief, the API and the command line share.
 */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_int.h"

static const char SQL_ON_PANEL[] =
    "SELECT EXISTS (SELECT 1 FROM interview WHERE id = ?1), "
    "EXISTS (SELECT 1 FROM interview_interviewer WHERE interview = ?1 AND account = ?2), "
    "(SELECT id FROM scorecard WHERE interview = ?1 AND interviewer = ?2)";
static const char SQL_CARD_ADD[] =
    "INSERT INTO scorecard (interview, interviewer, recommendation, notes, original) "
    "VALUES (?1, ?2, ?3, ?4, json(?5))";
static const char SQL_CARD_SET[] =
    "UPDATE scorecard SET recommendation = ?2, notes = ?3 WHERE id = ?1";
static const char SQL_CARD_EXISTS[] = "SELECT 1 FROM scorecard WHERE id = ?1";
static const char SQL_RATINGS_DEL[] = "DELETE FROM scorecard_rating WHERE scorecard = ?1";
static const char SQL_COMPS_DEL[] = "DELETE FROM scorecard_competency WHERE scorecard = ?1";
static const char SQL_RATING_ADD[] =
    "INSERT INTO scorecard_rating (scorecard, question, position, competency, rating, notes) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_COMP_ADD[] =
    "INSERT INTO scorecard_competency (scorecard, competency, derived, rating, override_reason) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_AMEND_ADD[] =
    "INSERT INTO scorecard_amendment (scorecard, by_account, by_label, field, old_value, "
    "new_value, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_CARDS[] =
    "SELECT json_group_array(json(j)) FROM (SELECT json_object('id', sc.id, 'interview', "
    "sc.interview, 'candidate', i.candidate, 'role', c.role, 'stage', i.stage, "
    "'candidate_stage', c.stage, 'interviewer', a.email, 'interviewer_id', sc.interviewer, "
    "'recommendation', sc.recommendation, 'notes', sc.notes, 'submitted_at', sc.submitted_at, "
    "'ratings', (SELECT json_group_array(json_object('question', r.question, 'competency', "
    "r.competency, 'rating', r.rating, 'notes', r.notes)) FROM (SELECT * FROM scorecard_rating "
    "WHERE scorecard = sc.id ORDER BY position, question) r), "
    "'competencies', (SELECT json_group_array(json_object('competency', k.competency, "
    "'derived', k.derived, 'rating', k.rating, 'override_reason', k.override_reason)) FROM "
    "(SELECT * FROM scorecard_competency WHERE scorecard = sc.id ORDER BY competency) k), "
    "'amendments', (SELECT json_group_array(json_object('by', m.by_label, 'field', m.field, "
    "'old', m.old_value, 'new', m.new_value, 'reason', m.reason, 'at', m.at)) FROM (SELECT * "
    "FROM scorecard_amendment WHERE scorecard = sc.id ORDER BY id) m), "
    "'original', json(sc.original)) AS j "
    "FROM scorecard sc JOIN interview i ON i.id = sc.interview "
    "JOIN candidate c ON c.id = i.candidate JOIN account a ON a.id = sc.interviewer "
    "WHERE (?1 = 0 OR sc.id = ?1) AND (?2 = 0 OR sc.interview = ?2) "
    "AND (?3 = 0 OR i.candidate = ?3) AND (?4 = 0 OR sc.interviewer = ?4) "
    "AND (?5 IS NULL OR c.role = ?5) ORDER BY sc.id)";
/* a cancelled interview (schema 17) waits for no scorecard */
#define NOT_CANCELLED                                                                              \
    "NOT EXISTS (SELECT 1 FROM interview_calendar k WHERE k.interview = i.id AND "                 \
    "k.cancelled_at IS NOT NULL)"
static const char SQL_PENDING[] =
    "SELECT count(*), coalesce(sum(NOT EXISTS (SELECT 1 FROM scorecard sc WHERE "
    "sc.interview = i.id AND sc.interviewer = ?2) AND " NOT_CANCELLED "), 0) FROM interview i "
    "JOIN interview_interviewer ii ON ii.interview = i.id AND ii.account = ?2 "
    "WHERE i.candidate = ?1";
/* ?1 candidate, ?2 an interviewer, ?5 without ?2's scorecard (0: any) */
#define INTERVIEWS_OF                                                                              \
    "(?1 = 0 OR i.candidate = ?1) AND (?2 = 0 OR EXISTS (SELECT 1 FROM interview_interviewer "     \
    "WHERE interview = i.id AND account = ?2)) AND (?5 = 0 OR (NOT EXISTS (SELECT 1 FROM "         \
    "scorecard WHERE interview = i.id AND interviewer = ?2) AND " NOT_CANCELLED "))"
static const char SQL_INTERVIEWS[] =
    "SELECT json_object('id', i.id, 'candidate', i.candidate, 'stage', i.stage, 'minutes', "
    "i.minutes, 'scheduled_at', i.scheduled_at, 'created_at', i.created_at, 'interviewers', "
    "(SELECT json_group_array(a.email) FROM (SELECT a.email FROM interview_interviewer ii "
    "JOIN account a ON a.id = ii.account WHERE ii.interview = i.id ORDER BY a.email) a), "
    "'scorecards', (SELECT count(*) FROM scorecard WHERE interview = i.id), "
    "'candidate_name', c.name, 'role', c.role, 'panel', (SELECT json_group_array(json_object("
    "'email', p.email, 'name', p.name, 'scorecard', p.card, 'submitted_at', p.at)) FROM (SELECT "
    "a.email, a.name, sc.id AS card, sc.submitted_at AS at FROM interview_interviewer ii JOIN "
    "account a ON a.id = ii.account LEFT JOIN scorecard sc ON sc.interview = ii.interview AND "
    "sc.interviewer = ii.account WHERE ii.interview = i.id ORDER BY a.email) p)), "
    "count(*) OVER () FROM interview i JOIN candidate c ON c.id = i.candidate WHERE " INTERVIEWS_OF
    " ORDER BY i.id LIMIT ?3 OFFSET ?4";
static const char SQL_INTERVIEWS_COUNT[] = "SELECT count(*) FROM interview i WHERE " INTERVIEWS_OF;

static const char SQL_DRAFT_GET[] =
    "SELECT json_object('interview', d.interview, 'candidate', i.candidate, 'draft', "
    "json(d.body), 'revision', d.revision, 'updated_at', d.updated_at) FROM scorecard_draft d "
    "JOIN interview i ON i.id = d.interview WHERE d.interview = ?1 AND d.account = ?2";
static const char SQL_DRAFT_REVISION[] =
    "SELECT revision FROM scorecard_draft WHERE interview = ?1 AND account = ?2";
static const char SQL_DRAFT_PUT[] =
    "INSERT INTO scorecard_draft (interview, account, body) VALUES (?1, ?2, json(?3)) "
    "ON CONFLICT (interview, account) DO UPDATE SET body = excluded.body, revision = "
    "revision + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') RETURNING revision";
static const char SQL_DRAFT_DEL[] =
    "DELETE FROM scorecard_draft WHERE interview = ?1 AND account = ?2";

static void
bind_rating(sqlite3_stmt *st, int i, int rating)
{
    if (rating)
        sqlite3_bind_int(st, i, rating);
}

/* Writes v's ratings and competency ratings of scorecard id (none may be there yet). */
static enum rb_err
put_ratings(struct store *s, long long id, const struct scorecard_new *v, char *errmsg)
{
    enum rb_err rc = RB_OK;
    for (size_t i = 0; i < v->nratings && !rc; i++) {
        const struct scorecard_rating *r = &v->ratings[i];
        sqlite3_stmt *st = sq_stmt(s, SQL_RATING_ADD, errmsg);
        if (!st)
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, id);
        sq_bind_text(st, 2, r->question);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
        sq_bind_text(st, 4, r->competency);
        bind_rating(st, 5, r->rating);
        sq_bind_text(st, 6, r->notes);
        rc = sq_exec(s, st, errmsg, "store a question rating");
    }
    for (size_t i = 0; i < v->ncomps && !rc; i++) {
        const struct scorecard_comp *c = &v->comps[i];
        sqlite3_stmt *st = sq_stmt(s, SQL_COMP_ADD, errmsg);
        if (!st)
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, id);
        sq_bind_text(st, 2, c->competency);
        bind_rating(st, 3, c->derived);
        bind_rating(st, 4, c->rating);
        sq_bind_text(st, 5, c->override_reason);
        rc = sq_exec(s, st, errmsg, "store a competency rating");
    }
    return rc;
}

enum rb_err
sqlite_scorecard_submit(struct store *s, const struct scorecard_new *v, long long *id, char *errmsg)
{
    sqlite3_stmt *st;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_ON_PANEL, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, v->interview);
    sqlite3_bind_int64(st, 2, v->interviewer);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sq_done(st);
        rc = sq_fail(s, errmsg, "read the interview");
        goto out;
    }
    if (!sqlite3_column_int(st, 0)) {
        snprintf(errmsg, RB_ERRMSG, "no interview %lld", v->interview);
        rc = RB_ENOTFOUND;
    } else if (!sqlite3_column_int(st, 1)) {
        snprintf(errmsg, RB_ERRMSG, "only the interviewers of interview %lld submit its scorecards",
                 v->interview);
        rc = RB_EDENIED;
    } else if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
        snprintf(errmsg, RB_ERRMSG,
                 "scorecard %lld for interview %lld is submitted already and final: amend it "
                 "instead",
                 (long long)sqlite3_column_int64(st, 2), v->interview);
        rc = RB_ECONFLICT;
    }
    sq_done(st);
    if (rc)
        goto out;
    if (!(st = sq_stmt(s, SQL_CARD_ADD, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, v->interview);
    sqlite3_bind_int64(st, 2, v->interviewer);
    sq_bind_text(st, 3, v->recommendation);
    sq_bind_text(st, 4, v->notes);
    sq_bind_text(st, 5, v->original);
    if ((rc = sq_exec(s, st, errmsg, "store the scorecard")))
        goto out;
    *id = sqlite3_last_insert_rowid(sq_db(s));
    if ((rc = put_ratings(s, *id, v, errmsg)))
        goto out;
    /* the draft ends with the scorecard it was for */
    if (!(st = sq_stmt(s, SQL_DRAFT_DEL, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, v->interview);
    sqlite3_bind_int64(st, 2, v->interviewer);
    rc = sq_exec(s, st, errmsg, "remove the scorecard's draft");
out:
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_scorecard_amend(struct store *s, long long id, const struct scorecard_new *now,
                       const struct scorecard_change *changes, size_t nchanges, long long by,
                       const char *by_label, const char *reason, char *errmsg)
{
    sqlite3_stmt *st;
    int r;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_CARD_EXISTS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    r = sqlite3_step(st);
    sq_done(st);
    if (r != SQLITE_ROW) {
        snprintf(errmsg, RB_ERRMSG, "no scorecard %lld", id);
        rc = r == SQLITE_DONE ? RB_ENOTFOUND : sq_fail(s, errmsg, "read the scorecard");
        goto out;
    }
    if (!(st = sq_stmt(s, SQL_CARD_SET, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, now->recommendation);
    sq_bind_text(st, 3, now->notes);
    if ((rc = sq_exec(s, st, errmsg, "amend the scorecard")))
        goto out;
    if (!(st = sq_stmt(s, SQL_RATINGS_DEL, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    if ((rc = sq_exec(s, st, errmsg, "amend the ratings")))
        goto out;
    if (!(st = sq_stmt(s, SQL_COMPS_DEL, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    if ((rc = sq_exec(s, st, errmsg, "amend the ratings")) ||
        (rc = put_ratings(s, id, now, errmsg)))
        goto out;
    for (size_t i = 0; i < nchanges && !rc; i++) {
        if (!(st = sq_stmt(s, SQL_AMEND_ADD, errmsg))) {
            rc = RB_ESTORE;
            break;
        }
        sqlite3_bind_int64(st, 1, id);
        if (by)
            sqlite3_bind_int64(st, 2, by);
        sq_bind_text(st, 3, by_label ? by_label : "command line");
        sq_bind_text(st, 4, changes[i].field);
        sq_bind_text(st, 5, changes[i].old_value);
        sq_bind_text(st, 6, changes[i].new_value);
        sq_bind_text(st, 7, reason);
        rc = sq_exec(s, st, errmsg, "record the amendment");
    }
out:
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_scorecards(struct store *s, const struct scorecard_filter *f, json_t **out, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_CARDS, errmsg);
    enum rb_err rc = RB_OK;
    *out = NULL;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, f->id);
    sqlite3_bind_int64(st, 2, f->interview);
    sqlite3_bind_int64(st, 3, f->candidate);
    sqlite3_bind_int64(st, 4, f->interviewer);
    sq_bind_text(st, 5, f->role);
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = sq_fail(s, errmsg, "read scorecards");
    else if (!(*out = sq_col_json(st, 0, errmsg)))
        rc = RB_EINTERNAL;
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_loop_pending(struct store *s, long long candidate, long long account, long long *on_panel,
                    long long *pending, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_PENDING, errmsg);
    enum rb_err rc = RB_OK;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, candidate);
    sqlite3_bind_int64(st, 2, account);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *on_panel = sqlite3_column_int64(st, 0);
        *pending = sqlite3_column_int64(st, 1);
    } else
        rc = sq_fail(s, errmsg, "read the candidate's panel");
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_interview_list(struct store *s, long long candidate, long long account, size_t limit,
                      size_t offset, json_t **items, size_t *total, char *errmsg)
{
    struct interview_filter f = {.candidate = candidate, .account = account};
    return sqlite_interview_find(s, &f, limit, offset, items, total, errmsg);
}

enum rb_err
sqlite_interview_find(struct store *s, const struct interview_filter *f, size_t limit,
                      size_t offset, json_t **items, size_t *total, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_INTERVIEWS, errmsg);
    enum rb_err rc = RB_OK;
    *items = json_array();
    *total = 0;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, f->candidate);
    sqlite3_bind_int64(st, 2, f->account);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)offset);
    sqlite3_bind_int(st, 5, f->waiting && f->account);
    rc = sq_json_rows(s, st, *items, total, "list interviews", errmsg);
    sq_done(st);
    if (!rc && !json_array_size(*items) && offset) {
        /* a page past the end still says how many there are */
        if (!(st = sq_stmt(s, SQL_INTERVIEWS_COUNT, errmsg)))
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, f->candidate);
        sqlite3_bind_int64(st, 2, f->account);
        sqlite3_bind_int(st, 5, f->waiting && f->account);
        if (sqlite3_step(st) == SQLITE_ROW)
            *total = (size_t)sqlite3_column_int64(st, 0);
        sq_done(st);
    }
    return rc;
}

/* Whether account may keep a draft for interview: RB_ENOTFOUND without the interview,
 * RB_EDENIED off its panel; *card is account's submitted scorecard for it, or 0. */
static enum rb_err
draft_allowed(struct store *s, long long interview, long long account, long long *card,
              char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_ON_PANEL, errmsg);
    enum rb_err rc = RB_OK;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, interview);
    sqlite3_bind_int64(st, 2, account);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sq_done(st);
        return sq_fail(s, errmsg, "read the interview");
    }
    *card = sqlite3_column_int64(st, 2);
    if (!sqlite3_column_int(st, 0)) {
        snprintf(errmsg, RB_ERRMSG, "no interview %lld", interview);
        rc = RB_ENOTFOUND;
    } else if (!sqlite3_column_int(st, 1)) {
        snprintf(errmsg, RB_ERRMSG,
                 "only the interviewers of interview %lld keep drafts of its scorecards",
                 interview);
        rc = RB_EDENIED;
    }
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_draft_get(struct store *s, long long interview, long long account, json_t **out,
                 char *errmsg)
{
    sqlite3_stmt *st;
    long long card = 0;
    int r;
    enum rb_err rc = draft_allowed(s, interview, account, &card, errmsg);
    *out = NULL;
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_DRAFT_GET, errmsg)))
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, interview);
    sqlite3_bind_int64(st, 2, account);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        if (!(*out = sq_col_json(st, 0, errmsg)))
            rc = RB_EINTERNAL;
    } else if (r == SQLITE_DONE) {
        if (card)
            snprintf(errmsg, RB_ERRMSG,
                     "no draft for interview %lld: your scorecard %lld is submitted", interview,
                     card);
        else
            snprintf(errmsg, RB_ERRMSG, "no draft of yours for interview %lld yet", interview);
        rc = RB_ENOTFOUND;
    } else
        rc = sq_fail(s, errmsg, "read the draft");
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_draft_put(struct store *s, long long interview, long long account, const char *body,
                 long long base, long long *revision, char *errmsg)
{
    sqlite3_stmt *st;
    long long card = 0, now = 0;
    int r;
    enum rb_err rc = sq_begin(s, errmsg);
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
    if (base) {
        if (!(st = sq_stmt(s, SQL_DRAFT_REVISION, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, interview);
        sqlite3_bind_int64(st, 2, account);
        r = sqlite3_step(st);
        if (r == SQLITE_ROW)
            now = sqlite3_column_int64(st, 0);
        sq_done(st);
        if (r != SQLITE_ROW && r != SQLITE_DONE) {
            rc = sq_fail(s, errmsg, "read the draft");
            goto out;
        }
        if (now != base) {
            snprintf(errmsg, RB_ERRMSG,
                     "revision: the draft is at revision %lld, not %lld (saved meanwhile from "
                     "another window): reload it before saving",
                     now, base);
            rc = RB_ECONFLICT;
            goto out;
        }
    }
    if (!(st = sq_stmt(s, SQL_DRAFT_PUT, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, interview);
    sqlite3_bind_int64(st, 2, account);
    sq_bind_text(st, 3, body);
    if (sqlite3_step(st) == SQLITE_ROW)
        *revision = sqlite3_column_int64(st, 0);
    else
        rc = sq_fail(s, errmsg, "save the draft");
    sq_done(st);
out:
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_draft_delete(struct store *s, long long interview, long long account, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_DRAFT_DEL, errmsg);
    enum rb_err rc;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, interview);
    sqlite3_bind_int64(st, 2, account);
    if ((rc = sq_exec(s, st, errmsg, "remove the draft")))
        return rc;
    if (!sqlite3_changes(sq_db(s))) {
        snprintf(errmsg, RB_ERRMSG, "no draft of yours for interview %lld", interview);
        return RB_ENOTFOUND;
    }
    return RB_OK;
}

static const char SQL_KIT_OWNER[] = "UPDATE kit SET created_by = ?2 WHERE id = ?1";
static const char SQL_KIT_READER[] =
    "SELECT EXISTS (SELECT 1 FROM kit WHERE id = ?1 AND created_by = ?2) OR EXISTS (SELECT 1 "
    "FROM interview i JOIN interview_interviewer ii ON ii.interview = i.id "
    "WHERE i.kit = ?1 AND ii.account = ?2)";

enum rb_err
sqlite_kit_owner(struct store *s, long long kit, long long account, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_KIT_OWNER, errmsg);
    enum rb_err rc;
    if (!st)
        return RB_ESTORE;
    if ((rc = sq_begin(s, errmsg)))
        return rc;
    sqlite3_bind_int64(st, 1, kit);
    sqlite3_bind_int64(st, 2, account);
    rc = sq_exec(s, st, errmsg, "record who saved a kit");
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_kit_reader(struct store *s, long long kit, long long account, bool *yes, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_KIT_READER, errmsg);
    int r;
    *yes = false;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, kit);
    sqlite3_bind_int64(st, 2, account);
    r = sqlite3_step(st);
    *yes = r == SQLITE_ROW && sqlite3_column_int(st, 0);
    sq_done(st);
    return r == SQLITE_ROW ? RB_OK : sq_fail(s, errmsg, "read who may see a kit");
}
