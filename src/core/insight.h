/* SPDX-License-Identifier: MIT */
/*
 * Insight across many loops, from submitted scorecards (store_scorecards' JSON array),
 * without the store: how each interviewer rates against the rest of the panel on the same
 * candidates (calibration), and how each question's ratings are spread and how well they
 * agree with the final decision (so that weak questions can be retired). A candidate at
 * offer or hired counts as a positive decision, rejected as a negative one; any other stage
 * is undecided and left out of agreement. The statistics are defined in docs/INSIGHT.md.
 */
#ifndef RUBRIC_CORE_INSIGHT_H
#define RUBRIC_CORE_INSIGHT_H

#include <jansson.h>

/* Calibration is judged on at least this many candidates shared with other interviewers. */
#define INSIGHT_MIN_CANDIDATES 5
/* A question needs this many ratings of decided candidates before it may be called weak. */
#define INSIGHT_MIN_DECIDED 5
/* Weak: ratings of 3 or 4 match the decision less often than this ... */
#define INSIGHT_AGREEMENT_MIN 0.6
/* ... or, with both kinds of decision among its ratings, the ratings rise with the decision
 * less than this (point-biserial correlation), or not at all. */
#define INSIGHT_CORRELATION_MIN 0.1

/* Each interviewer against the panel, by email:
 *   {"min_candidates", "scorecards",
 *    "interviewers": [{"interviewer", "interviewer_id", "scorecards", "candidates", "ratings",
 *                      "mean_rating", "yes_rate",
 *                      "panel": {"n", "rated_n", "mean_rating", "panel_mean_rating",
 *                                "rating_difference", "yes_rate", "panel_yes_rate",
 *                                "yes_rate_difference"},
 *                      "enough_data", "note"}]}
 * min_candidates: the shared candidates needed to judge (below it, a note says so). New
 * reference. */
json_t *insight_interviewers(const json_t *cards, int min_candidates);

/* Each question rated on a scorecard, most asked first:
 *   {"min_decided", "scorecards",
 *    "questions": [{"question", "title", "competency", "in_kits", "asked", "candidates",
 *                   "distribution": [n1, n2, n3, n4], "mean",
 *                   "decided": {"n", "positive", "negative", "positive_mean",
 *                               "negative_mean", "agreement", "correlation"},
 *                   "consider_retiring", "reason"}]}
 * title is null (the caller may fill it in). min_decided: the decided ratings needed
 * before a question may be called weak. New reference. */
json_t *insight_questions(const json_t *cards, int min_decided);

/* The decision a candidate's stage stands for: 1 positive (offer, hired), 0 negative
 * (rejected), -1 undecided. */
int insight_decision(const char *candidate_stage);

#endif
