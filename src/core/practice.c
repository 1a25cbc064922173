/* SPDX-License-Identifier: MIT */
/*
 * Practice sessions (core/practice.h). The store picks questions and keeps cards and the
 * answer log; the scheduler is core/fsrs.c; this file joins them. Days are UTC calendar
 * days: a question answered on one day with an interval of 3 is due three days later,
 * whatever the hour.
 */
#include "core/practice.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bank_json.h"
#include "core/fsrs.h"
#include "core/kit.h"
#include "util/mem.h"

/* ---- the clock ---------------------------------------------------------------------- */

void
practice_clock_at(struct practice_clock *c, time_t t)
{
    struct tm tm;
    c->t = t;
    gmtime_r(&t, &tm);
    strftime(c->today, sizeof c->today, "%Y-%m-%d", &tm);
    strftime(c->iso, sizeof c->iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Parses YYYY-MM-DD at s into *tm (the rest zero); false when it is not a real day. */
static bool
parse_day(const char *s, struct tm *tm)
{
    int y, m, d, n = 0;
    time_t t;
    struct tm back;
    if (strlen(s) < 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || y < 1970 ||
        y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    memset(tm, 0, sizeof *tm);
    tm->tm_year = y - 1900;
    tm->tm_mon = m - 1;
    tm->tm_mday = d;
    t = timegm(tm);
    gmtime_r(&t, &back);
    return back.tm_mday == d && back.tm_mon == m - 1; /* not 2025-02-30 */
}

enum rb_err
practice_clock_parse(struct practice_clock *c, const char *iso, char *errmsg)
{
    struct tm tm;
    int hh = 0, mm = 0, ss = 0, n = 0;
    size_t len = strlen(iso);
    if (!parse_day(iso, &tm) ||
        (len > 10 &&
         (sscanf(iso + 10, "T%2d:%2d:%2dZ%n", &hh, &mm, &ss, &n) != 3 || (size_t)n != len - 10 ||
          hh > 23 || mm > 59 || ss > 60 || hh < 0 || mm < 0 || ss < 0))) {
        snprintf(errmsg, RB_ERRMSG,
                 "bad time '%.40s': give a UTC date (2025-03-01) or time (2025-03-01T09:30:00Z)",
                 iso);
        return RB_EINVAL;
    }
    tm.tm_hour = hh;
    tm.tm_min = mm;
    tm.tm_sec = ss;
    practice_clock_at(c, timegm(&tm));
    return RB_OK;
}

int
practice_days_between(const char *a, const char *b)
{
    struct tm ta, tb;
    if (!parse_day(a, &ta) || !parse_day(b, &tb))
        return 0;
    return (int)((timegm(&tb) - timegm(&ta)) / 86400);
}

void
practice_day_add(const char *day, int n, char out[11])
{
    struct tm tm;
    time_t t;
    if (!parse_day(day, &tm)) {
        snprintf(out, 11, "%s", day);
        return;
    }
    t = timegm(&tm) + (time_t)n * 86400;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* ---- scope -------------------------------------------------------------------------- */

static char *
json_text(json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT);
    json_decref(v);
    return s;
}

static void
set_exclude(struct practice_scope *sc)
{
    json_t *a;
    free(sc->exclude);
    sc->exclude = NULL;
    if (sc->nskipped) {
        a = json_array();
        for (size_t i = 0; i < sc->nskipped; i++)
            json_array_append_new(a, json_string(sc->skipped[i]));
        sc->exclude = json_text(a);
    }
    sc->filter.exclude = sc->exclude;
}

enum rb_err
practice_scope_init(struct practice_scope *sc, struct store *s, const char *role, int level,
                    int stage, char *errmsg)
{
    memset(sc, 0, sizeof *sc);
    sc->stage = stage;
    sc->level = level;
    if (level < 0 || level > LEVEL_MAX) {
        snprintf(errmsg, RB_ERRMSG, "level: junior, mid, senior or architect");
        return RB_EINVAL;
    }
    if (stage >= STAGE_COUNT) {
        snprintf(errmsg, RB_ERRMSG,
                 "stage: screen, technical, system-design, behavioral or onsite");
        return RB_EINVAL;
    }
    if (role) {
        struct role r;
        json_t *a;
        enum rb_err e = store_role_get(s, role, &r, errmsg);
        if (e) {
            if (e == RB_ENOTFOUND)
                snprintf(errmsg, RB_ERRMSG, "role: no role '%.64s' (see 'rubric role list')", role);
            return e == RB_ENOTFOUND ? RB_EINVAL : e;
        }
        a = json_array();
        for (size_t i = 0; i < r.ncomps; i++)
            json_array_append_new(a, json_string(r.comps[i].id));
        /* the screening set belongs to every role's screen */
        if (stage == STAGE_SCREEN)
            json_array_append_new(a, json_string("screening"));
        sc->comps = json_text(a);
        sc->role = xstrdup(role);
        if (!level)
            sc->level = r.level;
        role_cleanup(&r);
    }
    if (stage >= 0) {
        json_t *a = json_array();
        for (int c = 0; c < CAT_COUNT; c++)
            if (stage_has_category((enum stage)stage, (enum category)c))
                json_array_append_new(a, json_string(category_name((enum category)c)));
        sc->cats = json_text(a);
    }
    sc->filter.competencies = sc->comps;
    sc->filter.level = sc->level;
    sc->filter.categories = sc->cats;
    return RB_OK;
}

void
practice_scope_skip(struct practice_scope *sc, const char *question)
{
    if (sc->nskipped >= PRACTICE_SKIP_MAX)
        return;
    sc->skipped = xrealloc(sc->skipped, (sc->nskipped + 1) * sizeof *sc->skipped);
    sc->skipped[sc->nskipped++] = xstrdup(question);
    set_exclude(sc);
}

void
practice_scope_cleanup(struct practice_scope *sc)
{
    free(sc->role);
    free(sc->comps);
    free(sc->cats);
    free(sc->exclude);
    for (size_t i = 0; i < sc->nskipped; i++)
        free(sc->skipped[i]);
    free(sc->skipped);
    memset(sc, 0, sizeof *sc);
}

/* ---- next --------------------------------------------------------------------------- */

enum rb_err
practice_next(struct store *s, long long account, const struct practice_scope *sc,
              const struct practice_clock *clk, struct practice_next *out, char *errmsg)
{
    char *id = NULL;
    enum rb_err e;
    memset(out, 0, sizeof *out);
    e = store_practice_next(s, account, &sc->filter, clk->today, &id, &out->due, &out->ndue,
                            &out->nnew, errmsg);
    if (!e)
        e = store_question_get(s, id, &out->q, errmsg);
    if (!e) {
        enum rb_err c = store_practice_card(s, account, id, &out->card, errmsg);
        out->has_card = c == RB_OK;
        if (c && c != RB_ENOTFOUND)
            e = c;
    }
    free(id);
    if (e)
        practice_next_cleanup(out);
    return e;
}

void
practice_next_cleanup(struct practice_next *n)
{
    question_cleanup(&n->q);
    memset(n, 0, sizeof *n);
}

static json_t *
card_json(const struct practice_card *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "due", json_string(c->due));
    json_object_set_new(o, "last_review", json_string(c->last_review));
    json_object_set_new(o, "stability", json_real(round(c->stability * 1e4) / 1e4));
    json_object_set_new(o, "difficulty", json_real(round(c->difficulty * 1e4) / 1e4));
    json_object_set_new(o, "reps", json_integer(c->reps));
    json_object_set_new(o, "lapses", json_integer(c->lapses));
    return o;
}

json_t *
practice_next_to_json(const struct practice_next *n)
{
    json_t *o = json_object(), *q = json_object(), *comps = json_array();
    char lv[24];
    json_object_set_new(q, "id", json_string(n->q.id));
    json_object_set_new(q, "title", json_string(n->q.title));
    json_object_set_new(q, "text", json_string(n->q.text));
    for (size_t i = 0; i < n->q.ncompetencies; i++)
        json_array_append_new(comps, json_string(n->q.competencies[i]));
    json_object_set_new(q, "competencies", comps);
    json_object_set_new(q, "category", json_string(category_name(n->q.category)));
    level_range_format(n->q.level_min, n->q.level_max, lv, sizeof lv);
    json_object_set_new(q, "level", json_string(lv));
    json_object_set_new(q, "minutes", json_integer(n->q.minutes));
    {
        /* hints: the key concepts a good answer shows, without the points that explain them */
        json_t *hints = json_array();
        for (size_t i = 0; i < n->q.npoints; i++) {
            if (n->q.points[i].kind != POINT_SHOWS)
                continue;
            for (size_t c = 0; c < n->q.points[i].nconcepts && json_array_size(hints) < 12; c++)
                json_array_append_new(hints, json_string(n->q.points[i].concepts[c]));
        }
        json_object_set_new(q, "hints", hints);
    }
    json_object_set_new(o, "question", q);
    json_object_set_new(o, "kind", json_string(n->due ? "due" : "new"));
    json_object_set_new(o, "card", n->has_card ? card_json(&n->card) : json_null());
    json_object_set_new(o, "due_count", json_integer(n->ndue));
    json_object_set_new(o, "new_count", json_integer(n->nnew));
    return o;
}

/* ---- answers ------------------------------------------------------------------------ */

static void
synonyms(void *ctx, const char *concept, char ***alts, size_t *n)
{
    char ignore[RB_ERRMSG];
    /* without synonyms the concept itself is still looked for */
    store_synonyms_of(ctx, concept, alts, n, ignore);
}

enum rb_err
practice_coverage(struct store *s, const struct question *q, const char *answer, size_t len,
                  struct coverage *out, char *errmsg)
{
    return coverage_compute(q, answer, len, synonyms, s, out, errmsg);
}

enum rb_err
practice_rate(struct store *s, long long account, const struct question *q, int rating,
              const struct coverage *cov, int seconds, const struct practice_clock *clk,
              struct practice_result *out, char *errmsg)
{
    struct practice_card before;
    struct fsrs_card fb = {0}, fa;
    struct practice_answer a = {0};
    enum rb_err e;

    memset(out, 0, sizeof *out);
    if (rating < FSRS_AGAIN || rating > FSRS_EASY) {
        snprintf(errmsg, RB_ERRMSG, "rating: again, hard, good or easy");
        return RB_EINVAL;
    }
    if (seconds < 0 || seconds > PRACTICE_SECONDS_MAX) {
        snprintf(errmsg, RB_ERRMSG, "seconds: 0 to %d", PRACTICE_SECONDS_MAX);
        return RB_EINVAL;
    }
    e = store_practice_card(s, account, q->id, &before, errmsg);
    if (e && e != RB_ENOTFOUND)
        return e;
    out->first = e == RB_ENOTFOUND;
    if (!out->first) {
        fb.stability = before.stability;
        fb.difficulty = before.difficulty;
        fb.reps = before.reps;
        fb.lapses = before.lapses;
        out->elapsed_days = practice_days_between(before.last_review, clk->today);
        if (out->elapsed_days < 0)
            out->elapsed_days = 0; /* a clock set back: as on the same day */
    }
    out->rating = rating;
    out->interval = fsrs_review(out->first ? NULL : &fb, out->elapsed_days, rating, &fa);
    out->card.stability = fa.stability;
    out->card.difficulty = fa.difficulty;
    out->card.reps = fa.reps;
    out->card.lapses = fa.lapses;
    snprintf(out->card.last_review, sizeof out->card.last_review, "%s", clk->today);
    practice_day_add(clk->today, out->interval, out->card.due);

    a.account = account;
    a.question = q->id;
    a.rating = rating;
    a.coverage = cov && cov->concepts ? cov->score : -1;
    a.seconds = seconds;
    a.at = clk->iso;
    a.elapsed_days = out->elapsed_days;
    a.interval = out->interval;
    a.expect_reps = out->first ? 0 : before.reps;
    a.card = &out->card;
    return store_practice_record(s, &a, errmsg);
}

json_t *
practice_reveal_to_json(const struct question *q, const struct coverage *cov)
{
    json_t *o = json_object(), *qj = question_to_json(q);
    json_object_set_new(o, "question", json_string(q->id));
    json_object_set_new(o, "coverage", cov ? coverage_to_json(q, cov) : json_null());
    json_object_set(o, "points", json_object_get(qj, "points"));
    json_decref(qj);
    return o;
}

json_t *
practice_result_to_json(const struct question *q, const struct coverage *cov,
                        const struct practice_result *r)
{
    json_t *o = json_object(), *qj = question_to_json(q), *sched = card_json(&r->card);
    json_object_set_new(o, "question", json_string(q->id));
    json_object_set_new(o, "rating", json_string(fsrs_rating_name(r->rating)));
    json_object_set_new(o, "coverage", cov ? coverage_to_json(q, cov) : json_null());
    json_object_set(o, "points", json_object_get(qj, "points"));
    json_decref(qj);
    json_object_set_new(sched, "interval_days", json_integer(r->interval));
    json_object_set_new(sched, "elapsed_days", json_integer(r->elapsed_days));
    json_object_set_new(o, "schedule", sched);
    return o;
}

/* ---- stats -------------------------------------------------------------------------- */

static int
streak(json_t *days, const char *today)
{
    size_t n = json_array_size(days), i = 0;
    char want[11];
    int run = 0;
    if (!n)
        return 0;
    snprintf(want, sizeof want, "%s", today);
    /* a day not yet practised does not break the run until it is over */
    if (strcmp(json_string_value(json_array_get(days, 0)), today) != 0)
        practice_day_add(today, -1, want);
    for (i = 0; i < n; i++) {
        if (strcmp(json_string_value(json_array_get(days, i)), want) != 0)
            break;
        run++;
        practice_day_add(want, -1, want);
    }
    return run;
}

/* The PRACTICE_AHEAD_DAYS days from today with the live cards due on each (the store's
 * "due_ahead" leaves empty days out), and the PRACTICE_RECENT_DAYS days up to today with
 * whether each had an answer: what the stats page draws. */
static void
calendar(json_t *o, json_t *raw, const char *today)
{
    json_t *ahead = json_array(), *recent = json_array();
    json_t *due = json_object_get(raw, "due_ahead"), *days = json_object_get(raw, "days");
    size_t k = 0;
    char day[11];
    for (int i = 0; i < PRACTICE_AHEAD_DAYS; i++) {
        json_int_t n = 0;
        practice_day_add(today, i, day);
        for (; k < json_array_size(due); k++) {
            json_t *d = json_array_get(due, k);
            int c = strcmp(json_string_value(json_object_get(d, "day")), day);
            if (c > 0)
                break;
            if (!c)
                n = json_integer_value(json_object_get(d, "count"));
        }
        json_array_append_new(ahead, json_pack("{s:s, s:I}", "day", day, "count", n));
    }
    for (int i = PRACTICE_RECENT_DAYS - 1; i >= 0; i--) {
        bool any = false;
        json_t *d;
        size_t j;
        practice_day_add(today, -i, day);
        json_array_foreach(days, j, d)
        {
            if ((any = strcmp(json_string_value(d), day) == 0) ||
                strcmp(json_string_value(d), day) < 0)
                break;
        }
        json_array_append_new(recent, json_pack("{s:s, s:b}", "day", day, "practised", any));
    }
    json_object_set_new(o, "due_ahead", ahead);
    json_object_set_new(o, "recent_days", recent);
}

static int
by_score(const void *a, const void *b)
{
    double x = json_real_value(json_object_get(*(json_t *const *)a, "score"));
    double y = json_real_value(json_object_get(*(json_t *const *)b, "score"));
    int c = (x > y) - (x < y);
    return c ? c
             : strcmp(json_string_value(json_object_get(*(json_t *const *)a, "competency")),
                      json_string_value(json_object_get(*(json_t *const *)b, "competency")));
}

static json_t *
round3(json_t *v)
{
    if (json_is_real(v))
        return json_real(round(json_real_value(v) * 1000) / 1000);
    return json_null();
}

enum rb_err
practice_stats(struct store *s, long long account, const struct practice_clock *clk, json_t **out,
               char *errmsg)
{
    json_t *raw, *o, *comps, *c, *weak;
    json_t *cand[256];
    size_t i, ncand = 0;
    char since[11];
    long long reviews, again;
    enum rb_err e;

    practice_day_add(clk->today, -(PRACTICE_RECENT_DAYS - 1), since);
    if ((e = store_practice_stats(s, account, clk->today, since, &raw, errmsg)))
        return e;
    o = json_object();
    comps = json_array();
    weak = json_array();
    reviews = json_integer_value(json_object_get(raw, "reviews"));
    again = json_integer_value(json_object_get(raw, "reviews_again"));
    json_object_set_new(o, "today", json_string(clk->today));
    json_object_set(o, "due_today", json_object_get(raw, "due_today"));
    json_object_set(o, "cards", json_object_get(raw, "cards"));
    json_object_set(o, "answers", json_object_get(raw, "answers"));
    json_object_set(o, "reviews", json_object_get(raw, "reviews"));
    json_object_set_new(
        o, "retention",
        reviews ? json_real(round((double)(reviews - again) / (double)reviews * 1000) / 1000)
                : json_null());
    json_object_set_new(o, "streak",
                        json_integer(streak(json_object_get(raw, "days"), clk->today)));
    json_object_set(o, "seconds", json_object_get(raw, "seconds"));
    json_array_foreach(json_object_get(raw, "competencies"), i, c)
    {
        json_t *x = json_object(), *rr = json_object_get(c, "recent_rating"),
               *rc = json_object_get(c, "recent_coverage");
        json_object_set(x, "competency", json_object_get(c, "competency"));
        json_object_set(x, "answers", json_object_get(c, "answers"));
        json_object_set(x, "questions", json_object_get(c, "questions"));
        json_object_set(x, "seconds", json_object_get(c, "seconds"));
        json_object_set_new(x, "recent_rating", round3(rr));
        json_object_set_new(x, "recent_coverage", round3(rc));
        json_array_append_new(comps, x);
        if (json_is_real(rr) && ncand < sizeof cand / sizeof cand[0]) {
            double score = (json_real_value(rr) - 1) / 3;
            json_t *w = json_object();
            if (json_is_real(rc))
                score = (score + json_real_value(rc)) / 2;
            json_object_set(w, "competency", json_object_get(c, "competency"));
            json_object_set_new(w, "score", json_real(round(score * 1000) / 1000));
            json_object_set_new(w, "recent_rating", round3(rr));
            json_object_set_new(w, "recent_coverage", round3(rc));
            cand[ncand++] = w;
        }
    }
    qsort(cand, ncand, sizeof(json_t *), by_score);
    for (i = 0; i < ncand; i++) {
        if (i < 3)
            json_array_append(weak, cand[i]);
        json_decref(cand[i]);
    }
    json_object_set_new(o, "competencies", comps);
    json_object_set_new(o, "weakest", weak);
    calendar(o, raw, clk->today);
    json_decref(raw);
    *out = o;
    return RB_OK;
}

/* ---- what a candidate may answer ------------------------------------------------------- */

enum rb_err
practice_may_answer(struct store *s, const struct user *who, const char *question, char *errmsg)
{
    bool yes = false;
    enum rb_err rc;
    if (who->role != USER_CANDIDATE)
        return RB_OK;
    if ((rc = store_practice_served(s, who->id, question, 0, false, &yes, errmsg)))
        return rc;
    if (yes)
        return RB_OK;
    snprintf(errmsg, RB_ERRMSG,
             "question: '%.64s' has not been put to you: answer the questions practice gives "
             "(GET /api/v1/practice/next)",
             question);
    return RB_EDENIED;
}

enum rb_err
practice_serve(struct store *s, const struct user *who, const struct practice_next *n,
               long long now, char *errmsg)
{
    bool yes;
    if (who->role != USER_CANDIDATE || n->has_card)
        return RB_OK;
    return store_practice_served(s, who->id, n->q.id, now, true, &yes, errmsg);
}
