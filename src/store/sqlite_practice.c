/* SPDX-License-Identifier: MIT */
/*
 * Practice in SQLite (store/store.h): each account's spaced-repetition cards, the log of
 * answers, picking the next question, the figures stats are made of, and synonym look-ups
 * for answer feedback. An answer and the card it updates are written in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/mem.h"

/* The filters of struct practice_filter, on question q, as parameters ?3 to ?6. */
#define PRACTICE_FILTER                                                                            \
    "q.retired = 0 AND json_array_length(q.points) > 0 "                                           \
    "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM question_competency qc JOIN competency co "          \
    "ON co.id = qc.competency WHERE qc.question = q.id AND co.slug IN "                            \
    "(SELECT value FROM json_each(?3)))) "                                                         \
    "AND (?4 = 0 OR ?4 BETWEEN q.level_min AND q.level_max) "                                      \
    "AND (?5 IS NULL OR q.category IN (SELECT value FROM json_each(?5))) "                         \
    "AND (?6 IS NULL OR q.slug NOT IN (SELECT value FROM json_each(?6)))"

static const char SQL_CARD_GET[] =
    "SELECT c.stability, c.difficulty, c.reps, c.lapses, c.due, c.last_review "
    "FROM practice_card c JOIN question q ON q.id = c.question "
    "WHERE c.account = ?1 AND q.slug = ?2";
static const char SQL_QUESTION_OF[] =
    "SELECT q.id, co.slug FROM question q "
    "JOIN competency co ON co.id = q.competency WHERE q.slug = ?1";
static const char SQL_CARD_INSERT[] =
    "INSERT INTO practice_card (account, question, stability, difficulty, due, last_review, "
    "reps, lapses) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING";
static const char SQL_CARD_UPDATE[] =
    "UPDATE practice_card SET stability = ?3, difficulty = ?4, due = ?5, last_review = ?6, "
    "reps = ?7, lapses = ?8 WHERE account = ?1 AND question = ?2 AND reps = ?9";
static const char SQL_REVIEW_ADD[] =
    "INSERT INTO practice_review (account, question, competency, rating, first, coverage, "
    "seconds, elapsed_days, stability, difficulty, interval_days, at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char SQL_NEXT_DUE[] =
    "SELECT q.slug FROM practice_card c JOIN question q ON q.id = c.question "
    "WHERE c.account = ?1 AND c.due <= ?2 AND " PRACTICE_FILTER
    " ORDER BY c.due, c.last_review, q.slug LIMIT 1";
static const char SQL_COUNT_DUE[] =
    "SELECT count(*) FROM practice_card c JOIN question q ON q.id = c.question "
    "WHERE c.account = ?1 AND c.due <= ?2 AND " PRACTICE_FILTER;
/* New questions in an order of the account's own (a multiplicative hash of the question's
 * id, offset by the account), so that competencies are mixed rather than taken file by file. */
static const char SQL_NEXT_NEW[] =
    "SELECT q.slug FROM question q WHERE ?2 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
    "practice_card c WHERE c.account = ?1 AND c.question = q.id) AND " PRACTICE_FILTER
    " ORDER BY (q.id * 2654435761 + ?1 * 40503) % 4294967291, q.id LIMIT 1";
static const char SQL_COUNT_NEW[] =
    "SELECT count(*) FROM question q WHERE ?2 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
    "practice_card c WHERE c.account = ?1 AND c.question = q.id) AND " PRACTICE_FILTER;
/* The account's answers on day ?2: reviews (not their first answer to a question) and new. */
static const char SQL_ANSWERED_TODAY[] =
    "SELECT coalesce(sum(first = 0), 0), coalesce(sum(first), 0) FROM practice_review "
    "WHERE account = ?1 AND at >= ?2 AND at < date(?2, '+1 day')";
static const char SQL_STATS_TOTALS[] =
    "SELECT (SELECT count(*) FROM practice_card c JOIN question q ON q.id = c.question "
    "WHERE c.account = ?1 AND c.due <= ?2 AND q.retired = 0), "
    "(SELECT count(*) FROM practice_card WHERE account = ?1), "
    "count(*), coalesce(sum(first), 0), coalesce(sum(rating = 1 AND first = 0), 0), "
    "coalesce(sum(first = 0), 0), coalesce(sum(seconds), 0) "
    "FROM practice_review WHERE account = ?1 AND substr(at, 1, 10) <= ?2";
static const char SQL_STATS_DAYS[] =
    "SELECT DISTINCT substr(at, 1, 10) AS day FROM practice_review "
    "WHERE account = ?1 AND substr(at, 1, 10) <= ?2 ORDER BY day DESC LIMIT 400";
/* Live cards by the day they fall due in the next two weeks, the overdue counted today. */
static const char SQL_STATS_AHEAD[] =
    "SELECT max(c.due, ?2) AS day, count(*) FROM practice_card c JOIN question q "
    "ON q.id = c.question WHERE c.account = ?1 AND q.retired = 0 "
    "AND c.due < date(?2, '+14 days') GROUP BY day ORDER BY day";
static const char SQL_STATS_COMPS[] =
    "SELECT competency, count(*), count(DISTINCT question), sum(seconds), sum(at >= ?3), "
    "avg(CASE WHEN at >= ?3 THEN rating END), avg(CASE WHEN at >= ?3 THEN coverage END) "
    "FROM practice_review WHERE account = ?1 AND substr(at, 1, 10) <= ?2 "
    "GROUP BY competency ORDER BY competency";
/* The groups a concept is in: as the concept itself, or as one of its alternatives (one a
 * line). A bank has a few thousand groups at most: a scan is fine. */
static const char SQL_SYNONYMS[] =
    "SELECT concept, alternatives FROM synonym WHERE concept = ?1 "
    "OR instr(char(10) || alternatives || char(10), char(10) || ?1 || char(10)) > 0";

static void
copy_day(char *dst, const unsigned char *src)
{
    snprintf(dst, 11, "%s", src ? (const char *)src : "");
}

enum rb_err
sqlite_practice_card(struct store *s, long long account, const char *question,
                     struct practice_card *c, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_CARD_GET, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, account);
    sq_bind_text(st, 2, question);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        c->stability = sqlite3_column_double(st, 0);
        c->difficulty = sqlite3_column_double(st, 1);
        c->reps = sqlite3_column_int(st, 2);
        c->lapses = sqlite3_column_int(st, 3);
        copy_day(c->due, sqlite3_column_text(st, 4));
        copy_day(c->last_review, sqlite3_column_text(st, 5));
    }
    sq_done(st);
    if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "'%s' has not been practised yet", question);
        return RB_ENOTFOUND;
    }
    return r == SQLITE_ROW ? RB_OK : sq_fail(s, errmsg, "read practice card");
}

static void
bind_card(sqlite3_stmt *st, long long account, long long question, const struct practice_card *c)
{
    sqlite3_bind_int64(st, 1, account);
    sqlite3_bind_int64(st, 2, question);
    sqlite3_bind_double(st, 3, c->stability);
    sqlite3_bind_double(st, 4, c->difficulty);
    sq_bind_text(st, 5, c->due);
    sq_bind_text(st, 6, c->last_review);
    sqlite3_bind_int(st, 7, c->reps);
    sqlite3_bind_int(st, 8, c->lapses);
}

enum rb_err
sqlite_practice_record(struct store *s, const struct practice_answer *a, char *errmsg)
{
    sqlite3_stmt *st;
    long long qid = 0;
    char *comp = NULL;
    int r;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_QUESTION_OF, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sq_bind_text(st, 1, a->question);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        qid = sqlite3_column_int64(st, 0);
        comp = sq_col_dup(st, 1);
    }
    sq_done(st);
    if (r != SQLITE_ROW) {
        if (r == SQLITE_DONE) {
            snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", a->question);
            rc = RB_ENOTFOUND;
        } else {
            rc = sq_fail(s, errmsg, "read question");
        }
        goto out;
    }
    if (!(st = sq_stmt(s, a->expect_reps ? SQL_CARD_UPDATE : SQL_CARD_INSERT, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    bind_card(st, a->account, qid, a->card);
    if (a->expect_reps)
        sqlite3_bind_int(st, 9, a->expect_reps);
    if ((rc = sq_exec(s, st, errmsg, "save practice card")))
        goto out;
    if (sqlite3_changes(sq_db(s)) != 1) {
        snprintf(errmsg, RB_ERRMSG,
                 "'%s' was answered again meanwhile (another session?): read the question "
                 "again before rating it",
                 a->question);
        rc = RB_ECONFLICT;
        goto out;
    }
    if (!(st = sq_stmt(s, SQL_REVIEW_ADD, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, a->account);
    sqlite3_bind_int64(st, 2, qid);
    sq_bind_text(st, 3, comp);
    sqlite3_bind_int(st, 4, a->rating);
    sqlite3_bind_int(st, 5, a->expect_reps == 0);
    if (a->coverage >= 0)
        sqlite3_bind_double(st, 6, a->coverage);
    sqlite3_bind_int(st, 7, a->seconds);
    sqlite3_bind_int(st, 8, a->elapsed_days);
    sqlite3_bind_double(st, 9, a->card->stability);
    sqlite3_bind_double(st, 10, a->card->difficulty);
    sqlite3_bind_int(st, 11, a->interval);
    sq_bind_text(st, 12, a->at);
    rc = sq_exec(s, st, errmsg, "record practice answer");
out:
    free(comp);
    return sq_end(s, rc, errmsg);
}

static void
bind_filter(sqlite3_stmt *st, long long account, const struct practice_filter *f, const char *today)
{
    sqlite3_bind_int64(st, 1, account);
    sq_bind_text(st, 2, today);
    sq_bind_text(st, 3, f->competencies);
    sqlite3_bind_int(st, 4, f->level);
    sq_bind_text(st, 5, f->categories);
    sq_bind_text(st, 6, f->exclude);
}

static enum rb_err
count(struct store *s, const char *sql, long long account, const struct practice_filter *f,
      const char *today, long long *n, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, sql, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    bind_filter(st, account, f, today);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sq_done(st);
    return r == SQLITE_ROW ? RB_OK : sq_fail(s, errmsg, "count practice questions");
}

static enum rb_err
first(struct store *s, const char *sql, long long account, const struct practice_filter *f,
      const char *today, char **slug, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, sql, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    bind_filter(st, account, f, today);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *slug = sq_col_dup(st, 0);
    sq_done(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? RB_OK : sq_fail(s, errmsg, "pick a question");
}

enum rb_err
sqlite_practice_next(struct store *s, long long account, const struct practice_filter *f,
                     const char *today, char **question, bool *due, long long *ndue,
                     long long *nnew, char *errmsg)
{
    enum rb_err rc;
    long long reviews = 0, fresh = 0;
    sqlite3_stmt *st;
    if ((rc = count(s, SQL_COUNT_DUE, account, f, today, ndue, errmsg)) ||
        (rc = count(s, SQL_COUNT_NEW, account, f, today, nnew, errmsg)))
        return rc;
    if (*ndue && *nnew) {
        /* mixed: a new question after every PRACTICE_REVIEWS_PER_NEW reviews of the day */
        if (!(st = sq_stmt(s, SQL_ANSWERED_TODAY, errmsg)))
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, account);
        sq_bind_text(st, 2, today);
        if (sqlite3_step(st) == SQLITE_ROW) {
            reviews = sqlite3_column_int64(st, 0);
            fresh = sqlite3_column_int64(st, 1);
        } else
            rc = sq_fail(s, errmsg, "count today's answers");
        sq_done(st);
        if (rc)
            return rc;
    }
    if (*ndue && !(*nnew && reviews >= PRACTICE_REVIEWS_PER_NEW * (fresh + 1))) {
        *due = true;
        rc = first(s, SQL_NEXT_DUE, account, f, today, question, errmsg);
    } else if (*nnew) {
        rc = first(s, SQL_NEXT_NEW, account, f, today, question, errmsg);
    }
    if (!rc && !*question) {
        snprintf(errmsg, RB_ERRMSG, "nothing to practise: no question is due and none is new");
        rc = RB_ENOTFOUND;
    }
    return rc;
}

static json_t *
col_number(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? json_null()
                                                     : json_real(sqlite3_column_double(st, i));
}

enum rb_err
sqlite_practice_stats(struct store *s, long long account, const char *today, const char *since,
                      json_t **out, char *errmsg)
{
    sqlite3_stmt *st;
    json_t *o = json_object(), *days = json_array(), *comps = json_array(), *ahead = json_array();
    enum rb_err rc = RB_OK;
    int r;

    if (!(st = sq_stmt(s, SQL_STATS_TOTALS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, account);
    sq_bind_text(st, 2, today);
    if ((r = sqlite3_step(st)) == SQLITE_ROW) {
        static const char *const keys[] = {"due_today",     "cards",   "answers", "first_answers",
                                           "reviews_again", "reviews", "seconds"};
        for (int i = 0; i < 7; i++)
            json_object_set_new(o, keys[i], json_integer(sqlite3_column_int64(st, i)));
    }
    sq_done(st);
    if (r != SQLITE_ROW) {
        rc = sq_fail(s, errmsg, "read practice totals");
        goto out;
    }
    if (!(st = sq_stmt(s, SQL_STATS_DAYS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, account);
    sq_bind_text(st, 2, today);
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(days, json_string((const char *)sqlite3_column_text(st, 0)));
    sq_done(st);
    if (r != SQLITE_DONE) {
        rc = sq_fail(s, errmsg, "read practice days");
        goto out;
    }
    if (!(st = sq_stmt(s, SQL_STATS_AHEAD, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, account);
    sq_bind_text(st, 2, today);
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(ahead, json_pack("{s:s, s:I}", "day", sqlite3_column_text(st, 0),
                                               "count", (json_int_t)sqlite3_column_int64(st, 1)));
    sq_done(st);
    if (r != SQLITE_DONE) {
        rc = sq_fail(s, errmsg, "read practice due days");
        goto out;
    }
    if (!(st = sq_stmt(s, SQL_STATS_COMPS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, account);
    sq_bind_text(st, 2, today);
    sq_bind_text(st, 3, since);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *c = json_object();
        json_object_set_new(c, "competency", json_string((const char *)sqlite3_column_text(st, 0)));
        json_object_set_new(c, "answers", json_integer(sqlite3_column_int64(st, 1)));
        json_object_set_new(c, "questions", json_integer(sqlite3_column_int64(st, 2)));
        json_object_set_new(c, "seconds", json_integer(sqlite3_column_int64(st, 3)));
        json_object_set_new(c, "recent_answers", json_integer(sqlite3_column_int64(st, 4)));
        json_object_set_new(c, "recent_rating", col_number(st, 5));
        json_object_set_new(c, "recent_coverage", col_number(st, 6));
        json_array_append_new(comps, c);
    }
    sq_done(st);
    if (r != SQLITE_DONE)
        rc = sq_fail(s, errmsg, "read practice by competency");
out:
    json_object_set_new(o, "days", days);
    json_object_set_new(o, "competencies", comps);
    json_object_set_new(o, "due_ahead", ahead);
    if (rc)
        json_decref(o);
    else
        *out = o;
    return rc;
}

/* Adds each line of text to *v unless it is skip or already there. */
static void
add_lines(const char *text, const char *skip, char ***v, size_t *n, size_t *cap)
{
    while (text && *text) {
        const char *e = strchr(text, '\n');
        size_t len = e ? (size_t)(e - text) : strlen(text);
        bool seen = len == 0 || (strlen(skip) == len && strncmp(skip, text, len) == 0);
        for (size_t i = 0; i < *n && !seen; i++)
            seen = strlen((*v)[i]) == len && strncmp((*v)[i], text, len) == 0;
        if (!seen) {
            xgrow(v, cap, *n + 1, sizeof **v);
            (*v)[(*n)++] = xstrndup(text, len);
        }
        text += len + (e ? 1 : 0);
    }
}

enum rb_err
sqlite_synonyms_of(struct store *s, const char *concept, char ***alts, size_t *n, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_SYNONYMS, errmsg);
    size_t cap = 0;
    int r;
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, concept);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        add_lines((const char *)sqlite3_column_text(st, 0), concept, alts, n, &cap);
        add_lines((const char *)sqlite3_column_text(st, 1), concept, alts, n, &cap);
    }
    sq_done(st);
    if (r != SQLITE_DONE) {
        for (size_t i = 0; i < *n; i++)
            free((*alts)[i]);
        free(*alts);
        *alts = NULL;
        *n = 0;
        return sq_fail(s, errmsg, "read synonyms");
    }
    return RB_OK;
}

static const char SQL_SERVED_PUT[] =
    "INSERT INTO practice_served (account, question, at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (account, question) DO UPDATE SET at = excluded.at";
static const char SQL_SERVED_GET[] =
    "SELECT 1 FROM practice_served WHERE account = ?1 AND question = ?2 UNION ALL "
    "SELECT 1 FROM practice_card c JOIN question q ON q.id = c.question "
    "WHERE c.account = ?1 AND q.slug = ?2 LIMIT 1";

enum rb_err
sqlite_practice_served(struct store *s, long long account, const char *question, long long now,
                       bool remember, bool *yes, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, remember ? SQL_SERVED_PUT : SQL_SERVED_GET, errmsg);
    int r;
    *yes = false;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, account);
    sq_bind_text(st, 2, question);
    if (remember) {
        sqlite3_bind_int64(st, 3, now);
        *yes = true;
        return sq_exec(s, st, errmsg, "remember a practice question");
    }
    r = sqlite3_step(st);
    *yes = r == SQLITE_ROW;
    sq_done(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? RB_OK
                                               : sq_fail(s, errmsg, "read practice questions");
}
