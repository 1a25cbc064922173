/* SPDX-License-Identifier: MIT */
/*
 * What the debrief and insight reports need, gathered from the store for both front ends:
 * the scorecards, the role, the panel, names and titles, and the rule of who may see a
 * debrief. The computations themselves are in core/debrief.h and core/insight.h.
 */
#ifndef RUBRIC_CORE_DEBRIEF_LOAD_H
#define RUBRIC_CORE_DEBRIEF_LOAD_H

#include <jansson.h>

#include "core/user.h"
#include "store/store.h"

/* Whether who may read candidate's debrief (who NULL: the store's operator, who may).
 * Admins and recruiters may; an interviewer only on the candidate's panel; and nobody on
 * the panel, whatever their role, before submitting all of their own scorecards for the
 * loop (RB_EDENIED saying how many are pending). Candidates never (RB_EDENIED).
 * RB_ENOTFOUND without the candidate. */
enum rb_err debrief_load_allowed(struct store *s, long long candidate, const struct user *who,
                                 char *errmsg);

/* The debrief of candidate (debrief_build) for who, after debrief_load_allowed. *out new.
 * RB_EINVAL when the candidate has no role (or it is gone). */
enum rb_err debrief_load_candidate(struct store *s, long long candidate, const struct user *who,
                                   json_t **out, char *errmsg);

/* The candidates of role compared (debrief_compare), as who may see them (who NULL: the
 * operator, all): the loops who sits on and has not finished are left out whole
 * (scorecard_visible), and "withheld" counts them. *out new; RB_ENOTFOUND without it. */
enum rb_err debrief_load_compare(struct store *s, const char *role, const struct user *who,
                                 json_t **out, char *errmsg);

/* Interviewer calibration (insight_interviewers) over the scorecards of candidates for role
 * (NULL: every role) that who may see (as debrief_load_compare, with "withheld"), judged on
 * min shared candidates. *out new. */
enum rb_err debrief_load_interviewers(struct store *s, const char *role, const struct user *who,
                                      int min, json_t **out, char *errmsg);

/* Question insight (insight_questions) with each question's title, over the scorecards of
 * candidates for role (NULL: every role) that who may see (as debrief_load_compare, with
 * "withheld"), judged on min decided ratings. *out new. */
enum rb_err debrief_load_questions(struct store *s, const char *role, const struct user *who,
                                   int min, json_t **out, char *errmsg);

#endif
