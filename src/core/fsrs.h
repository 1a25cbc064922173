/* SPDX-License-Identifier: MIT */
/*
 * FSRS-5, the spaced-repetition scheduler that Anki adopted (Anki 23.10 onwards; FSRS-5 as in
 * Anki 24.11), with its published default parameters and a desired retention of 90%. Pure
 * functions on a card's memory state: stability S (days until recall falls to 90%) and
 * difficulty D (1 to 10).
 *
 * Rubric schedules in whole days and without learning steps: every answer, the first
 * included, sets the next due day to the interval at 90% retention (which is S rounded, at
 * least 1 day). A second answer on the same day uses FSRS-5's short-term formula.
 */
#ifndef RUBRIC_CORE_FSRS_H
#define RUBRIC_CORE_FSRS_H

#include <stdbool.h>

enum fsrs_rating { FSRS_AGAIN = 1, FSRS_HARD, FSRS_GOOD, FSRS_EASY };

#define FSRS_RETENTION 0.9
#define FSRS_MAX_INTERVAL 36500

/* The 19 default parameters w0..w18 of FSRS-5. */
extern const double fsrs_w[19];

struct fsrs_card {
    double stability, difficulty;
    int reps, lapses; /* answers so far; answers rated again after the first */
};

/* "again", "hard", "good", "easy" for 1 to 4; "?" otherwise. */
const char *fsrs_rating_name(int rating);
/* 1 to 4 for those names, their first letters or the digits; 0 for anything else. */
int fsrs_rating_parse(const char *s);

/* The probability of recall t days after a review with stability s. */
double fsrs_retrievability(double t, double s);
/* The state of a card after its first answer. */
double fsrs_init_stability(int rating);
double fsrs_init_difficulty(int rating);
/* Difficulty after an answer. */
double fsrs_next_difficulty(double d, int rating);
/* Stability after an answer rated hard, good or easy when recall was r. */
double fsrs_recall_stability(double d, double s, double r, int rating);
/* Stability after an answer rated again when recall was r. */
double fsrs_forget_stability(double d, double s, double r);
/* Stability after a second answer on the same day. */
double fsrs_short_term_stability(double s, int rating);
/* Days until the next review: the interval at which recall falls to FSRS_RETENTION,
 * rounded, from 1 to FSRS_MAX_INTERVAL. */
int fsrs_interval(double stability);

/* One answer: *after is the card once rated (rating 1 to 4), given the card before (NULL:
 * never answered) and the whole days since its last answer (0: the same day). Returns the
 * interval in days until it is due. */
int fsrs_review(const struct fsrs_card *before, int elapsed_days, int rating,
                struct fsrs_card *after);

#endif
