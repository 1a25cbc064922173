/* SPDX-License-Identifier: MIT */
/*
 * Screening one resume against a role: a score from 0 to 100 made of named criteria, each
 * with its points and a plain-language reason, so that every point can be explained.
 *
 *   must-have skills   40  weighted share found; any missing one caps the score at 50
 *   nice-to-have       20  weighted share found (its points go to must-haves if none,
 *                          and the must-haves' to it when the role names only these)
 *   total years        15  against the role's minimum
 *   comparable years   10  years in positions whose title is like the role's
 *   recency            15  found skills weighted by how recently a position used them
 */
#ifndef RUBRIC_CORE_SCREEN_H
#define RUBRIC_CORE_SCREEN_H

#include <jansson.h>

#include "core/role.h"
#include "core/skills.h"
#include "resume/resume.h"

#define SCREEN_CAP_MISSING 50.0

enum screen_criterion {
    CRIT_MUST,
    CRIT_NICE,
    CRIT_YEARS,
    CRIT_COMPARABLE,
    CRIT_RECENCY,
    CRIT_COUNT
};

struct screen_result {
    double score; /* 0 to 100, after the cap */
    double points[CRIT_COUNT];
    double max[CRIT_COUNT];
    char *reasons[CRIT_COUNT];
    char **missing; /* must-have skills not found */
    size_t nmissing;
    bool capped;
    double comparable_years;
};

const char *screen_criterion_name(enum screen_criterion c);

/* Scores r against role. today dates recency. *out is filled; screen_cleanup it. */
void screen_score(const struct resume *r, const struct role *role, const struct skills *tax,
                  struct ym today, struct screen_result *out);
void screen_cleanup(struct screen_result *s);

/* {"score", "must_have_missing", "breakdown": {criterion: {"points", "max"}}, "reasons"}.
 * New reference. */
json_t *screen_to_json(const struct screen_result *s);

#endif
