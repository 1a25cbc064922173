/* SPDX-License-Identifier: MIT */
/*
 * The stages a candidate goes through: the one list every front end and the openings'
 * stage kinds check against. The store keeps a stage as a string and never judges it.
 */
#ifndef RUBRIC_CORE_CANDIDATE_H
#define RUBRIC_CORE_CANDIDATE_H

#include <stdbool.h>
#include <stddef.h>

/* The stages, in order, as messages and help name them. */
#define CANDIDATE_STAGES "applied, screened, interviewing, offer, hired, rejected or withdrawn"

/* The i-th stage in order (0: applied), or NULL past the last. */
const char *candidate_stage_nth(size_t i);
/* Whether stage is one of CANDIDATE_STAGES (NULL is not). */
bool candidate_stage_known(const char *stage);

#endif
