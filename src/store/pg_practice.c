/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: practice (as sqlite_practice.c does for SQLite): each account's spaced-repetition
 * cards, the log of answers, picking the next question, the figures stats are made of, the
 * questions served, and synonym look-ups for answer feedback. An answer and the card it
 * updates are written in one transaction. Days are 'YYYY-MM-DD' text, compared as text with
 * the answers' ISO 8601 times, as SQLite does; numbers are passed as text with all the digits
 * a double needs, so that a card reads back as it was written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/mem.h"

/* The filters of struct practice_filter, on question q, as parameters $3 to $6. */
#define PRACTICE_FILTER                                                                            \
    "NOT q.retired AND json_array_length(q.points) > 0 "                                           \
    "AND ($3::json IS NULL OR EXISTS (SELECT 1 FROM question_competency qc JOIN competency co "    \
    "ON co.id = qc.competency WHERE qc.question = q.id AND co.slug IN "                            \
    "(SELECT json_array_elements_text($3::json)))) "                                               \
    "AND ($4::integer = 0 OR $4::integer BETWEEN q.level_min AND q.level_max) "                    \
    "AND ($5::json IS NULL OR q.category IN (SELECT json_array_elements_text($5::json))) "         \
    "AND ($6::json IS NULL OR q.slug NOT IN (SELECT json_array_elements_text($6::json)))"

static const char SQL_CARD_GET[] =
    "SELECT c.stability, c.difficulty, c.reps, c.lapses, c.due, c.last_review "
    "FROM practice_card c JOIN question q ON q.id = c.question "
    "WHERE c.account = $1 AND q.slug = $2";
static const char SQL_QUESTION_OF[] =
    "SELECT q.id, co.slug FROM question q "
    "JOIN competency co ON co.id = q.competency WHERE q.slug = $1";
static const char SQL_CARD_INSERT[] =
    "INSERT INTO practice_card (account, question, stability, difficulty, due, last_review, "
    "reps, lapses) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING";
static const char SQL_CARD_UPDATE[] =
    "UPDATE practice_card SET stability = $3, difficulty = $4, due = $5, last_review = $6, "
    "reps = $7, lapses = $8 WHERE account = $1 AND question = $2 AND reps = $9";
static const char SQL_REVIEW_ADD[] =
    "INSERT INTO practice_review (account, question, competency, rating, first, coverage, "
    "seconds, elapsed_days, stability, difficulty, interval_days, at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
static const char SQL_NEXT_DUE[] =
    "SELECT q.slug FROM practice_card c JOIN question q ON q.id = c.question "
    "WHERE c.account = $1 AND c.due <= $2::text AND " PRACTICE_FILTER
    " ORDER BY c.due, c.last_review, q.slug COLLATE \"C\" LIMIT 1";
static const char SQL_COUNT_DUE[] =
    "SELECT count(*) FROM practice_card c JOIN question q ON q.id = c.question "
    "WHERE c.account = $1 AND c.due <= $2::text AND " PRACTICE_FILTER;
/* New questions in an order of the account's own (a multiplicative hash of the question's
 * id, offset by the account: the same numbers as SQLite's), so that competencies are mixed
 * rather than taken file by file. */
static const char SQL_NEXT_NEW[] =
    "SELECT q.slug FROM question q WHERE $2::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
    "practice_card c WHERE c.account = $1 AND c.question = q.id) AND " PRACTICE_FILTER
    " ORDER BY (q.id * 2654435761 + $1::bigint * 40503) % 4294967291, q.id LIMIT 1";
static const char SQL_COUNT_NEW[] =
    "SELECT count(*) FROM question q WHERE $2::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
    "practice_card c WHERE c.account = $1 AND c.question = q.id) AND " PRACTICE_FILTER;
/* The account's answers on day $2: reviews (not their first answer to a question) and new. */
static const char SQL_ANSWERED_TODAY[] =
    "SELECT count(*) FILTER (WHERE NOT first), count(*) FILTER (WHERE first) "
    "FROM practice_review WHERE account = $1 AND at >= $2::text "
    "AND at < to_char($2::text::date + 1, 'YYYY-MM-DD')";
static const char SQL_STATS_TOTALS[] =
    "SELECT (SELECT count(*) FROM practice_card c JOIN question q ON q.id = c.question "
    "WHERE c.account = $1 AND c.due <= $2::text AND NOT q.retired), "
    "(SELECT count(*) FROM practice_card WHERE account = $1), "
    "count(*), count(*) FILTER (WHERE first), count(*) FILTER (WHERE rating = 1 AND NOT first), "
    "count(*) FILTER (WHERE NOT first), coalesce(sum(seconds), 0) "
    "FROM practice_review WHERE account = $1 AND substr(at, 1, 10) <= $2::text";
static const char SQL_STATS_DAYS[] =
    "SELECT DISTINCT substr(at, 1, 10) COLLATE \"C\" AS day FROM practice_review "
    "WHERE account = $1 AND substr(at, 1, 10) <= $2::text ORDER BY day DESC LIMIT 400";
/* Live cards by the day they fall due in the next two weeks, the overdue counted today. */
static const char SQL_STATS_AHEAD[] =
    "SELECT greatest(c.due, $2::text) COLLATE \"C\" AS day, count(*) FROM practice_card c "
    "JOIN question q ON q.id = c.question WHERE c.account = $1 AND NOT q.retired "
    "AND c.due < to_char($2::text::date + 14, 'YYYY-MM-DD') GROUP BY 1 ORDER BY 1";
/* Averages over double precision, as SQLite's avg computes them. */
static const char SQL_STATS_COMPS[] =
    "SELECT competency, count(*), count(DISTINCT question), sum(seconds), "
    "count(*) FILTER (WHERE at >= $3::text), "
    "avg(rating::double precision) FILTER (WHERE at >= $3::text), "
    "avg(coverage) FILTER (WHERE at >= $3::text) "
    "FROM practice_review WHERE account = $1 AND substr(at, 1, 10) <= $2::text "
    "GROUP BY competency ORDER BY competency COLLATE \"C\"";
/* The groups a concept is in: as the concept itself, or as one of its alternatives (one a
 * line). A bank has a few thousand groups at most: a scan is fine. */
static const char SQL_SYNONYMS[] =
    "SELECT concept, alternatives FROM synonym WHERE concept = $1::text "
    "OR strpos(E'\\n' || alternatives || E'\\n', E'\\n' || $1::text || E'\\n') > 0";
static const char SQL_SERVED_PUT[] =
    "INSERT INTO practice_served (account, question, at) VALUES ($1, $2, $3) "
    "ON CONFLICT (account, question) DO UPDATE SET at = excluded.at";
static const char SQL_SERVED_GET[] =
    "SELECT 1 FROM practice_served WHERE account = $1 AND question = $2 UNION ALL "
    "SELECT 1 FROM practice_card c JOIN question q ON q.id = c.question "
    "WHERE c.account = $1 AND q.slug = $2 LIMIT 1";

/* A double as text that reads back as the same double. */
struct num {
    char v[32];
};

static const char *
num(struct num *n, double d)
{
    snprintf(n->v, sizeof n->v, "%.17g", d);
    return n->v;
}

static void
copy_day(char *dst, const char *src)
{
    snprintf(dst, 11, "%s", src ? src : "");
}

static enum rb_err
pg_practice_card(struct store *s, long long account, const char *question, struct practice_card *c,
                 char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *res;

    pg_arg_ll(&a, account);
    pg_arg_text(&a, question);
    if (!(res = pg_query(s, SQL_CARD_GET, &a, "read practice card", &rc, errmsg)))
        return rc;
    if (PQntuples(res)) {
        c->stability = pg_double(res, 0, 0);
        c->difficulty = pg_double(res, 0, 1);
        c->reps = (int)pg_ll(res, 0, 2);
        c->lapses = (int)pg_ll(res, 0, 3);
        copy_day(c->due, pg_str(res, 0, 4));
        copy_day(c->last_review, pg_str(res, 0, 5));
    } else {
        snprintf(errmsg, RB_ERRMSG, "'%s' has not been practised yet", question);
        rc = RB_ENOTFOUND;
    }
    PQclear(res);
    return rc;
}

/* The question's id and primary competency, for the answer to question. */
static enum rb_err
question_of(struct store *s, const char *question, long long *qid, char **comp, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *res;

    pg_arg_text(&a, question);
    if (!(res = pg_query(s, SQL_QUESTION_OF, &a, "read question", &rc, errmsg)))
        return rc;
    if (PQntuples(res)) {
        *qid = pg_ll(res, 0, 0);
        *comp = pg_dup(res, 0, 1);
    } else {
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", question);
        rc = RB_ENOTFOUND;
    }
    PQclear(res);
    return rc;
}

static enum rb_err
save_card(struct store *s, const struct practice_answer *a, long long qid, char *errmsg)
{
    const struct practice_card *c = a->card;
    struct pg_args args = {0};
    struct num st, df;
    long long changed = 0;
    enum rb_err rc;

    pg_arg_ll(&args, a->account);
    pg_arg_ll(&args, qid);
    pg_arg_text(&args, num(&st, c->stability));
    pg_arg_text(&args, num(&df, c->difficulty));
    pg_arg_text(&args, c->due);
    pg_arg_text(&args, c->last_review);
    pg_arg_ll(&args, c->reps);
    pg_arg_ll(&args, c->lapses);
    if (a->expect_reps)
        pg_arg_ll(&args, a->expect_reps);
    rc = pg_exec_n(s, a->expect_reps ? SQL_CARD_UPDATE : SQL_CARD_INSERT, &args, &changed,
                   "save practice card", errmsg);
    if (!rc && changed != 1) {
        snprintf(errmsg, RB_ERRMSG,
                 "'%s' was answered again meanwhile (another session?): read the question "
                 "again before rating it",
                 a->question);
        rc = RB_ECONFLICT;
    }
    return rc;
}

static enum rb_err
pg_practice_record(struct store *s, const struct practice_answer *a, char *errmsg)
{
    struct pg_args args = {0};
    struct num cov, st, df;
    long long qid = 0;
    char *comp = NULL;
    enum rb_err rc = pg_begin(s, errmsg);

    if (rc)
        return rc;
    if ((rc = question_of(s, a->question, &qid, &comp, errmsg)) ||
        (rc = save_card(s, a, qid, errmsg)))
        goto out;
    pg_arg_ll(&args, a->account);
    pg_arg_ll(&args, qid);
    pg_arg_text(&args, comp);
    pg_arg_ll(&args, a->rating);
    pg_arg_bool(&args, a->expect_reps == 0);
    pg_arg_text(&args, a->coverage >= 0 ? num(&cov, a->coverage) : NULL);
    pg_arg_ll(&args, a->seconds);
    pg_arg_ll(&args, a->elapsed_days);
    pg_arg_text(&args, num(&st, a->card->stability));
    pg_arg_text(&args, num(&df, a->card->difficulty));
    pg_arg_ll(&args, a->interval);
    pg_arg_text(&args, a->at);
    rc = pg_exec(s, SQL_REVIEW_ADD, &args, "record practice answer", errmsg);
out:
    free(comp);
    return pg_end(s, rc, errmsg);
}

static void
filter_args(struct pg_args *a, long long account, const struct practice_filter *f,
            const char *today)
{
    pg_arg_ll(a, account);
    pg_arg_text(a, today);
    pg_arg_text(a, f->competencies);
    pg_arg_ll(a, f->level);
    pg_arg_text(a, f->categories);
    pg_arg_text(a, f->exclude);
}

static enum rb_err
count(struct store *s, const char *sql, long long account, const struct practice_filter *f,
      const char *today, long long *n, char *errmsg)
{
    struct pg_args a = {0};
    filter_args(&a, account, f, today);
    return pg_scalar(s, sql, &a, n, "count practice questions", errmsg);
}

static enum rb_err
first(struct store *s, const char *sql, long long account, const struct practice_filter *f,
      const char *today, char **slug, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *res;

    filter_args(&a, account, f, today);
    if (!(res = pg_query(s, sql, &a, "pick a question", &rc, errmsg)))
        return rc;
    if (PQntuples(res))
        *slug = pg_dup(res, 0, 0);
    PQclear(res);
    return RB_OK;
}

static enum rb_err
answered_today(struct store *s, long long account, const char *today, long long *reviews,
               long long *fresh, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *res;

    pg_arg_ll(&a, account);
    pg_arg_text(&a, today);
    if (!(res = pg_query(s, SQL_ANSWERED_TODAY, &a, "count today's answers", &rc, errmsg)))
        return rc;
    *reviews = pg_ll(res, 0, 0);
    *fresh = pg_ll(res, 0, 1);
    PQclear(res);
    return RB_OK;
}

static enum rb_err
pg_practice_next(struct store *s, long long account, const struct practice_filter *f,
                 const char *today, char **question, bool *due, long long *ndue, long long *nnew,
                 char *errmsg)
{
    enum rb_err rc;
    long long reviews = 0, fresh = 0;

    if ((rc = count(s, SQL_COUNT_DUE, account, f, today, ndue, errmsg)) ||
        (rc = count(s, SQL_COUNT_NEW, account, f, today, nnew, errmsg)))
        return rc;
    /* mixed: a new question after every PRACTICE_REVIEWS_PER_NEW reviews of the day */
    if (*ndue && *nnew && (rc = answered_today(s, account, today, &reviews, &fresh, errmsg)))
        return rc;
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
col_number(const PGresult *res, int row, int col)
{
    return pg_str(res, row, col) ? json_real(pg_double(res, row, col)) : json_null();
}

/* Runs one of the stats' statements for account and today (and since, when not NULL). */
static PGresult *
stats_query(struct store *s, const char *sql, long long account, const char *today,
            const char *since, const char *what, enum rb_err *rc, char *errmsg)
{
    struct pg_args a = {0};
    pg_arg_ll(&a, account);
    pg_arg_text(&a, today);
    if (since)
        pg_arg_text(&a, since);
    return pg_query(s, sql, &a, what, rc, errmsg);
}

static void
stats_comps(const PGresult *res, json_t *comps)
{
    for (int i = 0; i < PQntuples(res); i++) {
        json_t *c = json_object();
        json_object_set_new(c, "competency", json_string(pg_str(res, i, 0)));
        json_object_set_new(c, "answers", json_integer(pg_ll(res, i, 1)));
        json_object_set_new(c, "questions", json_integer(pg_ll(res, i, 2)));
        json_object_set_new(c, "seconds", json_integer(pg_ll(res, i, 3)));
        json_object_set_new(c, "recent_answers", json_integer(pg_ll(res, i, 4)));
        json_object_set_new(c, "recent_rating", col_number(res, i, 5));
        json_object_set_new(c, "recent_coverage", col_number(res, i, 6));
        json_array_append_new(comps, c);
    }
}

static enum rb_err
pg_practice_stats(struct store *s, long long account, const char *today, const char *since,
                  json_t **out, char *errmsg)
{
    static const char *const keys[] = {"due_today",     "cards",   "answers", "first_answers",
                                       "reviews_again", "reviews", "seconds"};
    json_t *o = json_object(), *days = json_array(), *comps = json_array(), *ahead = json_array();
    enum rb_err rc = RB_OK;
    PGresult *res;

    if (!(res = stats_query(s, SQL_STATS_TOTALS, account, today, NULL, "read practice totals", &rc,
                            errmsg)))
        goto out;
    for (int i = 0; i < 7; i++)
        json_object_set_new(o, keys[i], json_integer(pg_ll(res, 0, i)));
    PQclear(res);
    if (!(res = stats_query(s, SQL_STATS_DAYS, account, today, NULL, "read practice days", &rc,
                            errmsg)))
        goto out;
    for (int i = 0; i < PQntuples(res); i++)
        json_array_append_new(days, json_string(pg_str(res, i, 0)));
    PQclear(res);
    if (!(res = stats_query(s, SQL_STATS_AHEAD, account, today, NULL, "read practice due days", &rc,
                            errmsg)))
        goto out;
    for (int i = 0; i < PQntuples(res); i++)
        json_array_append_new(ahead, json_pack("{s:s, s:I}", "day", pg_str(res, i, 0), "count",
                                               (json_int_t)pg_ll(res, i, 1)));
    PQclear(res);
    if (!(res = stats_query(s, SQL_STATS_COMPS, account, today, since,
                            "read practice by competency", &rc, errmsg)))
        goto out;
    stats_comps(res, comps);
    PQclear(res);
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

static enum rb_err
pg_synonyms_of(struct store *s, const char *concept, char ***alts, size_t *n, char *errmsg)
{
    struct pg_args a = {0};
    size_t cap = 0;
    enum rb_err rc;
    PGresult *res;

    pg_arg_text(&a, concept);
    if (!(res = pg_query(s, SQL_SYNONYMS, &a, "read synonyms", &rc, errmsg)))
        return rc;
    for (int i = 0; i < PQntuples(res); i++) {
        add_lines(pg_str(res, i, 0), concept, alts, n, &cap);
        add_lines(pg_str(res, i, 1), concept, alts, n, &cap);
    }
    PQclear(res);
    return RB_OK;
}

static enum rb_err
pg_practice_served(struct store *s, long long account, const char *question, long long now,
                   bool remember, bool *yes, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *res;

    *yes = false;
    pg_arg_ll(&a, account);
    pg_arg_text(&a, question);
    if (remember) {
        pg_arg_ll(&a, now);
        *yes = true;
        return pg_exec(s, SQL_SERVED_PUT, &a, "remember a practice question", errmsg);
    }
    if (!(res = pg_query(s, SQL_SERVED_GET, &a, "read practice questions", &rc, errmsg)))
        return rc;
    *yes = PQntuples(res) > 0;
    PQclear(res);
    return RB_OK;
}

void
pg_practice_ops(struct store_ops *ops)
{
    ops->practice_card = pg_practice_card;
    ops->practice_record = pg_practice_record;
    ops->practice_next = pg_practice_next;
    ops->practice_stats = pg_practice_stats;
    ops->synonyms_of = pg_synonyms_of;
    ops->practice_served = pg_practice_served;
}
