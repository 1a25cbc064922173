/* SPDX-License-Identifier: MIT */
/*
 * A job description in prose turned into screening criteria: the title (and a level from
 * it), the skills it names and whether each is a must-have, and the years of experience it
 * asks for. Skills named under a requirements heading ("Requirements", "What you'll need")
 * or on a line that says "required" or "must" are must-haves; under "Nice to have",
 * "Preferred" or "Bonus", or on a line that says so, nice-to-haves of more weight than
 * skills only mentioned elsewhere (in the responsibilities, say). Years come from phrases
 * such as "5+ years", "at least 3 years" and "3-5 years of experience".
 */
#ifndef RUBRIC_CORE_JOB_H
#define RUBRIC_CORE_JOB_H

#include "core/role.h"
#include "resume/skillscan.h"

/* Criteria from text (UTF-8) into *r (role_cleanup it); file names the role's id and
 * source. RB_EINVAL with errmsg naming file when the text names no skill at all. */
enum rb_err job_from_text(const char *file, const char *text, size_t len, struct skillscan *sc,
                          const struct skills *taxonomy, struct role *r, char *errmsg);

/* {"title", "level", "min_years", "min_comparable_years", "must_have": [...],
 * "nice_to_have": [{"skill", "weight"}]}. New reference. */
json_t *job_criteria_json(const struct role *r);

#endif
