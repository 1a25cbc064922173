/* SPDX-License-Identifier: MIT */
/*
 * What a hiring team reads after an interview loop, computed from submitted scorecards (the
 * JSON array of store_scorecards) and the candidate's role, without the store: the debrief
 * of one candidate (each interviewer's rating per competency, the spread, flags for
 * disagreement and for weighted competencies nobody assessed, recommendations side by side
 * and a summary weighted by the role) and the comparison of a role's candidates on the same
 * competencies. A scorecard's rating of a competency is its competencies[].rating (the
 * interviewer's, after any override); ratings outside 1 to 4 are ignored. Every statistic
 * is defined in docs/INSIGHT.md.
 */
#ifndef RUBRIC_CORE_DEBRIEF_H
#define RUBRIC_CORE_DEBRIEF_H

#include <jansson.h>

#include "core/role.h"

/* A spread of this many points or more between two interviewers is a disagreement. */
#define DEBRIEF_DISAGREEMENT 2

/* The debrief of one candidate from their scorecards (all of the same candidate), as
 *   {"candidate", "name", "candidate_stage", "role", "role_title",
 *    "competencies": [{"competency", "name", "weight",
 *                      "ratings": [{"interviewer", "interview", "stage", "rating"}],
 *                      "mean", "spread", "flags": ["disagreement", "not-assessed"]}],
 *    "recommendations": [{"interviewer", "interview", "stage", "recommendation"}],
 *    "recommendation_counts": {"strong-no", "no", "yes", "strong-yes"},
 *    "pending": [{"interview", "stage", "interviewer"}],
 *    "summary": {"score", "coverage", "assessed_weight", "total_weight", "scorecards",
 *                "interviewers", "disagreements", "not_assessed"}}
 * Competencies are the role's in its order, then any other a scorecard rated (weight 0).
 * candidate (store_candidate_get's object), interviews (store_interview_list's items: who
 * has not submitted) and names (competency id -> display name) may be NULL. New reference. */
json_t *debrief_build(const struct role *r, const json_t *candidate, const json_t *cards,
                      const json_t *interviews, const json_t *names);

/* The role's candidates side by side, from every scorecard of the role (any candidates):
 *   {"role", "role_title", "competencies": [{"competency", "name", "weight"}],
 *    "candidates": [{"candidate", "name", "candidate_stage", "scorecards",
 *                    "means": {ID: mean or null}, "score", "coverage",
 *                    "recommendations": {"strong-no", "no", "yes", "strong-yes"},
 *                    "disagreements", "not_assessed"}]}
 * best weighted score first (none last, then by id). candidates (store_candidate_list's
 * items: their names) and names may be NULL. New reference. */
json_t *debrief_compare(const struct role *r, const json_t *cards, const json_t *candidates,
                        const json_t *names);

/* A rating in 1 to 4 from a JSON value, or 0 when it is anything else. */
int debrief_rating(const json_t *v);

/* Whether a recommendation is yes or strong-yes. */
int debrief_positive_recommendation(const char *rec);

#endif
