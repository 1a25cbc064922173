/* SPDX-License-Identifier: MIT */
/*
 * Calendar state of interviews and the mail queue in SQLite (schema 17, store/store.h).
 * A queued row is written inside the caller's transaction, so a change and the mail it
 * causes commit or roll back together; senders claim due rows by pushing their next try
 * past a lease, so two senders on one store never send a row twice at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/mem.h"

static const char SQL_CAL_GET[] =
    "SELECT json_object('id', i.id, 'candidate', i.candidate, 'candidate_name', c.name, "
    "'application', i.application, 'stage', i.stage, 'minutes', i.minutes, 'scheduled_at', "
    "i.scheduled_at, 'created_at', i.created_at, 'time_zone', k.time_zone, 'sequence', "
    "coalesce(k.sequence, 0), 'cancelled_at', k.cancelled_at, 'organizer', "
    "(SELECT json_object('email', a.email, 'name', a.name) FROM account a "
    " WHERE a.id = i.created_by), 'attendees', (SELECT json_group_array(json_object('email', "
    " a.email, 'name', a.name)) FROM (SELECT a.email, a.name FROM interview_interviewer ii "
    " JOIN account a ON a.id = ii.account WHERE ii.interview = i.id ORDER BY a.email) a)) "
    "FROM interview i JOIN candidate c ON c.id = i.candidate "
    "LEFT JOIN interview_calendar k ON k.interview = i.id WHERE i.id = ?1";
static const char SQL_CAL_STATE[] =
    "SELECT k.cancelled_at IS NOT NULL FROM interview i "
    "LEFT JOIN interview_calendar k ON k.interview = i.id WHERE i.id = ?1";
static const char SQL_CAL_BUMP[] =
    "INSERT INTO interview_calendar (interview, sequence, time_zone, cancelled_at) "
    "VALUES (?1, 1, nullif(?2, ''), CASE WHEN ?3 THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END) "
    "ON CONFLICT (interview) DO UPDATE SET sequence = sequence + 1, "
    "time_zone = CASE WHEN ?2 IS NULL THEN time_zone ELSE nullif(?2, '') END, "
    "cancelled_at = CASE WHEN ?3 THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END "
    "RETURNING sequence";
static const char SQL_CAL_AT[] = "UPDATE interview SET scheduled_at = ?2 WHERE id = ?1";
static const char SQL_OUT_ADD[] =
    "INSERT INTO outbox (kind, candidate, recipient, subject, body, attachment, "
    "attachment_type, next_try) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_OUT_CLAIM[] =
    "UPDATE outbox SET next_try = ?2 WHERE id IN (SELECT id FROM outbox WHERE next_try IS NOT "
    "NULL AND next_try <= ?1 ORDER BY next_try, id LIMIT ?3) RETURNING json_object('id', id, "
    "'kind', kind, 'recipient', recipient, 'subject', subject, 'body', body, 'attachment', "
    "attachment, 'attachment_type', attachment_type, 'attempts', attempts)";
static const char SQL_OUT_SENT[] =
    "UPDATE outbox SET sent_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), next_try = NULL, "
    "attempts = attempts + 1, body = NULL, attachment = NULL, last_error = NULL WHERE id = ?1";
static const char SQL_OUT_FAILED[] =
    "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_try = nullif(?3, 0) "
    "WHERE id = ?1";
static const char SQL_OUT_LIST[] =
    "SELECT json_object('id', id, 'kind', kind, 'candidate', candidate, 'recipient', recipient, "
    "'subject', subject, 'attempts', attempts, 'next_try', next_try, 'sent_at', sent_at, "
    "'last_error', last_error, 'created_at', created_at), count(*) OVER () FROM outbox "
    "WHERE NOT ?1 OR sent_at IS NULL ORDER BY id DESC LIMIT ?2";
/* the loop of interview ?1 (its application's, else its candidate's interviews without
 * one), what is missing of it, and whom to tell: the opening's recruiters, else the
 * makers of the loop's interviews; and the panel, whose debrief opens */
#define LOOP_OF                                                                                    \
    "FROM interview l LEFT JOIN interview_calendar lk ON lk.interview = l.id, interview me "       \
    "WHERE me.id = ?1 AND l.candidate = me.candidate AND l.application IS me.application AND "     \
    "lk.cancelled_at IS NULL"
static const char SQL_LOOP[] =
    "SELECT json_object('candidate', me.candidate, 'candidate_name', (SELECT name FROM "
    "candidate WHERE id = me.candidate), 'application', me.application, 'opening', (SELECT "
    "o.title FROM application ap JOIN opening o ON o.id = ap.opening WHERE ap.id = "
    "me.application), 'interviews', (SELECT count(*) " LOOP_OF "), 'missing', (SELECT count(*) "
    "FROM interview_interviewer ii JOIN (SELECT l.id " LOOP_OF ") x ON x.id = ii.interview WHERE "
    "NOT EXISTS (SELECT 1 FROM scorecard sc WHERE sc.interview = ii.interview AND "
    "sc.interviewer = ii.account)), 'recruiters', coalesce((SELECT json_group_array(a.email) "
    "FROM application ap JOIN opening_member m ON m.opening = ap.opening AND m.kind = "
    "'recruiter' JOIN account a ON a.id = m.account WHERE ap.id = me.application AND "
    "a.disabled = 0 HAVING count(*) > 0), (SELECT json_group_array(DISTINCT a.email) FROM "
    "interview l JOIN account a ON a.id = l.created_by, interview me2 WHERE me2.id = ?1 AND "
    "l.candidate = me2.candidate AND l.application IS me2.application AND a.disabled = 0)), "
    "'panel', (SELECT json_group_array(DISTINCT a.email) FROM interview_interviewer ii JOIN "
    "(SELECT l.id " LOOP_OF ") x ON x.id = ii.interview JOIN account a ON a.id = ii.account "
    "WHERE a.disabled = 0)) "
    "FROM interview me WHERE me.id = ?1";
static const char SQL_SCREENING_NOTICE[] =
    "SELECT json_object('id', s.id, 'role', s.role, 'state', s.state, 'total', s.total, "
    "'done', s.done, 'failed', s.failed, 'error', s.error, 'recipient', a.email) "
    "FROM screening s LEFT JOIN account a ON a.id = s.created_by AND a.disabled = 0 "
    "WHERE s.id = ?1";

enum rb_err
sqlite_interview_calendar(struct store *s, long long id, json_t **out, char *errmsg)
{
    return sq_json_row(s, SQL_CAL_GET, id, "interview", out, errmsg);
}

enum rb_err
sqlite_interview_reschedule(struct store *s, long long id, const char *at, const char *time_zone,
                            bool cancel, long long *sequence, char *errmsg)
{
    sqlite3_stmt *st;
    int r;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_CAL_STATE, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW && sqlite3_column_int(st, 0)) {
        snprintf(errmsg, RB_ERRMSG, "interview %lld is cancelled: make a new one", id);
        rc = RB_ECONFLICT;
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no interview %lld", id);
        rc = RB_ENOTFOUND;
    } else if (r != SQLITE_ROW) {
        rc = sq_fail(s, errmsg, "read interview");
    }
    sq_done(st);
    if (rc)
        goto out;
    if (at) {
        if (!(st = sq_stmt(s, SQL_CAL_AT, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, id);
        sq_bind_text(st, 2, at);
        if ((rc = sq_exec(s, st, errmsg, "move interview")))
            goto out;
    }
    if (!(st = sq_stmt(s, SQL_CAL_BUMP, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, time_zone);
    sqlite3_bind_int(st, 3, cancel);
    if (sqlite3_step(st) == SQLITE_ROW)
        *sequence = sqlite3_column_int64(st, 0);
    else
        rc = sq_fail(s, errmsg, "change interview calendar");
    sq_done(st);
out:
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_outbox_add(struct store *s, const struct mail_new *m, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_OUT_ADD, errmsg);
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, m->kind);
    if (m->candidate)
        sqlite3_bind_int64(st, 2, m->candidate);
    sq_bind_text(st, 3, m->recipient);
    sq_bind_text(st, 4, m->subject);
    sq_bind_text(st, 5, m->body);
    sq_bind_text(st, 6, m->attachment);
    sq_bind_text(st, 7, m->attachment_type);
    sqlite3_bind_int64(st, 8, m->next_try);
    return sq_exec(s, st, errmsg, "queue mail");
}

enum rb_err
sqlite_outbox_claim(struct store *s, long long now, long long lease, size_t max, json_t **items,
                    char *errmsg)
{
    sqlite3_stmt *st;
    enum rb_err rc = sq_begin(s, errmsg);
    *items = json_array();
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_OUT_CLAIM, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, lease);
    sqlite3_bind_int64(st, 3, (long long)max);
    rc = sq_json_rows(s, st, *items, NULL, "claim mail", errmsg);
    sq_done(st);
out:
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_outbox_done(struct store *s, long long id, const char *error, long long next_try,
                   char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, error ? SQL_OUT_FAILED : SQL_OUT_SENT, errmsg);
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    if (error) {
        sq_bind_text(st, 2, error);
        sqlite3_bind_int64(st, 3, next_try);
    }
    return sq_exec(s, st, errmsg, "record mail");
}

enum rb_err
sqlite_outbox_list(struct store *s, bool pending, size_t limit, json_t **items, size_t *total,
                   char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_OUT_LIST, errmsg);
    enum rb_err rc;
    *items = json_array();
    *total = 0;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int(st, 1, pending);
    sqlite3_bind_int64(st, 2, (long long)limit);
    rc = sq_json_rows(s, st, *items, total, "list mail", errmsg);
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_mail_notice(struct store *s, const char *what, long long id, json_t **out, char *errmsg)
{
    if (strcmp(what, "loop") == 0)
        return sq_json_row(s, SQL_LOOP, id, "interview", out, errmsg);
    return sq_json_row(s, SQL_SCREENING_NOTICE, id, "screening", out, errmsg);
}
