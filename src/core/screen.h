/* SPDX-License-Identifier: MIT */
/*
 * Screening one resume against a role: a score from 0 to 100 made of named criteria, each
 * with its points and a plain-language reason that quotes the evidence (the position, its
 * dates), so that every point can be explained. Evidence, not mentions: a skill counts by
 * the years of the dated positions that name it (their intervals merged), one only listed
 * counts for less, and a group of alternatives ("oracle | mysql | postgresql") by its best.
 *
 *   must-have skills   40  per group: 0.5 for found in a position, up to 1 with the years
 *                          asked of it (2 when none is said); 0.35 when only listed
 *   nice-to-have       20  the same, per skill (its points go to must-haves if there are
 *                          none, and the must-haves' to it when the role names only these)
 *   relevant years     15  years of positions that use the role's skills or are titled
 *                          like it (70%) and of all dated positions (30%), against the
 *                          role's minimum
 *   comparable title   10  years in positions titled like the role (normalised titles:
 *                          "Sr. Java Dev" is like "Senior Java Developer"), by how alike
 *   recency            15  found skills weighted by how recently a position used them
 *
 * A missing must-have group takes half its share of the must-haves' weight off the whole
 * score (missing one of five: -10%; three of five: -30%) and is flagged, so that
 * candidates who miss different amounts stay apart.
 */
#ifndef RUBRIC_CORE_SCREEN_H
#define RUBRIC_CORE_SCREEN_H

#include <jansson.h>

#include "core/role.h"
#include "model/skills.h"
#include "resume/resume.h"

/* the share of the score a wholly missing set of must-haves takes off */
#define SCREEN_MISSING_PENALTY 0.5

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
    char **missing; /* must-have groups not found ("a | b" for alternatives) */
    size_t nmissing;
    bool capped;    /* a must-have is missing: the score was lowered (flagged) */
    double penalty; /* the points that took off */
    double comparable_years;
    double relevant_years; /* in positions that use the role's skills or are titled like it */
    double must_met;       /* share of the must-haves' weight met, 0 to 1 */
};

const char *screen_criterion_name(enum screen_criterion c);

/* How alike two job titles are, 0 to 1: words normalised ("Sr." senior, "Dev" developer,
 * "back-end" backend; developer, engineer and programmer one word), seniority words left
 * out and the role noun counting half. */
double screen_title_similarity(const char *a, const char *b);

/* Orders two results best first: score, then relevant years (to 0.1), the share of
 * must-haves met (to 0.001), total years (experience_years of each, to 0.1); 0 when these
 * tie. The store orders a screening's stored results by the same figures of their JSON. */
int screen_compare(const struct screen_result *a, double years_a, const struct screen_result *b,
                   double years_b);

/* Scores r against role. today dates recency. *out is filled; screen_cleanup it. */
void screen_score(const struct resume *r, const struct role *role, const struct skills *tax,
                  struct ym today, struct screen_result *out);
void screen_cleanup(struct screen_result *s);

/* {"score", "must_have_missing", "capped", "penalty", "relevant_years", "must_met",
 * "breakdown": {criterion: {"points", "max"}}, "reasons"}.
 * New reference. */
json_t *screen_to_json(const struct screen_result *s);

#endif
