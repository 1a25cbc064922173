/* SPDX-License-Identifier: MIT */
/*
 * Practice: candidates answer bank questions on their own, see what an interviewer listens
 * for, and come back to each question when the FSRS scheduler (core/fsrs.h) says it is due.
 * What both front ends share: the clock (injectable for tests), the scope of a session (a
 * role's competencies, a level, a stage's categories), picking the next question, keyword
 * coverage of a typed answer with the bank's synonyms, recording a rating, and stats.
 */
#ifndef RUBRIC_CORE_PRACTICE_H
#define RUBRIC_CORE_PRACTICE_H

#include <jansson.h>
#include <stdbool.h>
#include <time.h>

#include "core/coverage.h"
#include "core/question.h"
#include "core/user.h"
#include "store/store.h"

/* The longest time one answer may count, in seconds. */
#define PRACTICE_SECONDS_MAX 86400
/* Questions a session may skip. */
#define PRACTICE_SKIP_MAX 256
/* Days that count as recent for the weakest competencies (and the stats' calendar). */
#define PRACTICE_RECENT_DAYS 30
/* Days ahead that stats count due cards for. */
#define PRACTICE_AHEAD_DAYS 14

/* The time practice runs at: the real clock, or one given for tests. */
struct practice_clock {
    time_t t;
    char today[11]; /* YYYY-MM-DD, UTC */
    char iso[21];   /* YYYY-MM-DDTHH:MM:SSZ */
};

/* The clock at t. */
void practice_clock_at(struct practice_clock *c, time_t t);
/* The clock at an ISO 8601 date ("2025-03-01", midnight UTC) or UTC time
 * ("2025-03-01T09:30:00Z"); RB_EINVAL naming what is wrong. */
enum rb_err practice_clock_parse(struct practice_clock *c, const char *iso, char *errmsg);
/* Whole days from day a to day b (YYYY-MM-DD each); 0 when either is not a day. */
int practice_days_between(const char *a, const char *b);
/* The day n days after day (YYYY-MM-DD) into out. */
void practice_day_add(const char *day, int n, char out[11]);

/* What a session draws from. */
struct practice_scope {
    char *role;  /* NULL: any */
    int level;   /* 0: any (the role's level when a role is given) */
    int stage;   /* enum stage, or -1: any */
    char *comps; /* JSON arrays for struct practice_filter (owned) */
    char *cats;
    char *exclude;
    char **skipped; /* questions left out for this session */
    size_t nskipped;
    struct practice_filter filter;
};

/* Sets up a scope; role (may be NULL) must be stored (RB_EINVAL naming it otherwise), level
 * 0 to 4, stage -1 or an enum stage. Cleanup with practice_scope_cleanup. */
enum rb_err practice_scope_init(struct practice_scope *sc, struct store *s, const char *role,
                                int level, int stage, char *errmsg);
/* Leaves question out of the rest of the session (up to PRACTICE_SKIP_MAX). */
void practice_scope_skip(struct practice_scope *sc, const char *question);
void practice_scope_cleanup(struct practice_scope *sc);

/* The next question of a session. */
struct practice_next {
    struct question q;
    bool due;      /* a review that is due; else new */
    bool has_card; /* answered before: card holds its state */
    struct practice_card card;
    long long ndue, nnew;
};

/* The next question for account in sc, as of clk: RB_ENOTFOUND when none is due or new.
 * Cleanup with practice_next_cleanup. */
enum rb_err practice_next(struct store *s, long long account, const struct practice_scope *sc,
                          const struct practice_clock *clk, struct practice_next *out,
                          char *errmsg);
void practice_next_cleanup(struct practice_next *n);
/* {"question": {"id", "title", "text", "competencies", "category", "level", "minutes"},
 *  "kind": "due" or "new", "card": {...} or null, "due_count", "new_count"}: the question
 *  without its points, which come with the answer. New reference. */
json_t *practice_next_to_json(const struct practice_next *n);

/* What a question's answer is checked against, before rating it: {"question", "coverage"
 * (coverage_to_json, or null without cov), "points"}. New reference. */
json_t *practice_reveal_to_json(const struct question *q, const struct coverage *cov);

/* Coverage of a typed answer to q, with the store's synonyms. */
enum rb_err practice_coverage(struct store *s, const struct question *q, const char *answer,
                              size_t len, struct coverage *out, char *errmsg);

/* A rating as recorded. */
struct practice_result {
    int rating;
    int elapsed_days;
    int interval;
    bool first; /* the first answer to the question */
    struct practice_card card;
};

/* Records account's rating (1 to 4) of q with the coverage of a typed answer (NULL: none)
 * and the seconds spent, as of clk: the card's next state and due day, in one
 * transaction. RB_ECONFLICT when another answer to the same card came first. */
enum rb_err practice_rate(struct store *s, long long account, const struct question *q, int rating,
                          const struct coverage *cov, int seconds, const struct practice_clock *clk,
                          struct practice_result *out, char *errmsg);
/* {"question", "rating", "coverage" (coverage_to_json, or null), "points": [{"kind", "text",
 *  "concepts"}], "schedule": {"due", "interval_days", "stability", "difficulty", "reps",
 *  "lapses", "elapsed_days"}}. New reference. */
json_t *practice_result_to_json(const struct question *q, const struct coverage *cov,
                                const struct practice_result *r);

/* account's practice as of clk: {"today", "due_today", "cards", "answers", "reviews",
 * "retention" (share of reviews, answers after the first, not rated again; null without
 * reviews), "streak" (consecutive days with an answer up to today, or up to yesterday while
 * today has none yet), "seconds", "competencies": [{"competency", "answers", "questions",
 * "seconds", "recent_rating", "recent_coverage"}], "weakest": [{"competency", "score",
 * "recent_rating", "recent_coverage"}] (at most 3, lowest score first: the mean of the
 * recent rating on 0 to 1 and the recent coverage), "due_ahead": [{"day", "count"}] (live
 * cards due on each of the PRACTICE_AHEAD_DAYS days from today, the overdue today),
 * "recent_days": [{"day", "practised"}] (the PRACTICE_RECENT_DAYS days up to today, oldest
 * first)}. New reference in *out. */
enum rb_err practice_stats(struct store *s, long long account, const struct practice_clock *clk,
                           json_t **out, char *errmsg);

/* What a candidate account may answer, and so read the points of: only the questions
 * practice has put to them (practice_serve) or they have a card for, not any question of the
 * bank by its id. Staff answer any. RB_EDENIED "question: ..." else. */
enum rb_err practice_may_answer(struct store *s, const struct user *who, const char *question,
                                char *errmsg);
/* Records that practice put n's question to who (at now, Unix seconds), for
 * practice_may_answer. */
enum rb_err practice_serve(struct store *s, const struct user *who, const struct practice_next *n,
                           long long now, char *errmsg);

#endif
