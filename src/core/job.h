/* SPDX-License-Identifier: MIT */
/*
 * A job description in prose turned into screening criteria: the title (and a level from
 * it), the skills it names and whether each is a must-have, the groups of alternatives
 * among them ("Oracle, MySQL or PostgreSQL", "Python/C++": any one satisfies), the years it
 * asks for (overall and of one skill: "3+ years ... in Java"), and the line each came from.
 *
 * Postings are read as job boards give them: Markdown exported from a board (escaped
 * characters, bold headings, blank lines everywhere), plain text, HTML. Sections decide
 * first: skills under a requirements heading ("Requirements", "Minimum qualifications",
 * "What you bring", "You have", "Must have", ...) are must-haves; under "Preferred", "Nice
 * to have", "Bonus", "Pluses" nice-to-haves of more weight than skills only mentioned
 * elsewhere (in the responsibilities, say). A line can say otherwise ("Docker is a plus",
 * "Kafka required", "solid experience with Spring", "proficiency in Go", "N+ years of X"),
 * and a skill in the title ("Java Developer") is a must-have. Years are read in digits or
 * words ("5+ years", "3-5 years", "Ten or more years", "at least five (5) years"); a figure
 * on a preferred line is never a requirement. A posting that names no skill Rubric knows
 * is still read (title, years), with a warning.
 */
#ifndef RUBRIC_CORE_JOB_H
#define RUBRIC_CORE_JOB_H

#include "core/role.h"
#include "resume/skillscan.h"

#define JOB_WARNINGS_MAX 16

/* What was read from a posting: the criteria as a role (skills carry their line, group
 * and years), the text as read (lines are quoted from it) and warnings. */
struct job {
    struct role role;
    char *text; /* the posting with Markdown escapes and emphasis removed */
    size_t len;
    int title_line, years_line; /* 1-based; 0 when not read from a line */
    char *warnings[JOB_WARNINGS_MAX];
    size_t nwarnings;
};

/* Reads text (UTF-8) into *out (job_cleanup it); file names the role's id and source.
 * RB_OK even when no skill is named (a warning says so). */
enum rb_err job_read(const char *file, const char *text, size_t len, struct skillscan *sc,
                     const struct skills *taxonomy, struct job *out, char *errmsg);
void job_cleanup(struct job *j);

/* A posting from a file: a JSON Resume job (.json: core/role_import, no lines) or prose in
 * any format extract reads. RB_EIO when it cannot be read, RB_EINVAL when it is not a job;
 * errmsg names the file. */
enum rb_err job_load(const char *file, struct skillscan *sc, const struct skills *taxonomy,
                     struct job *out, char *errmsg);

/* Criteria from text into *r (role_cleanup it), as job_read without the text and warnings. */
enum rb_err job_from_text(const char *file, const char *text, size_t len, struct skillscan *sc,
                          const struct skills *taxonomy, struct role *r, char *errmsg);

/* Overrides r's criteria. must and nice are lists of groups, each "name" or "a|b|c"
 * (alternatives), by canonical name or alias; NULL leaves that list as read. A new must
 * list turns the must-haves it leaves out into nice-to-haves; a new nice list replaces the
 * nice-to-haves. years >= 0 sets the minimum years (-1 leaves it). RB_EINVAL with errmsg
 * naming the unknown skill and field. */
enum rb_err job_override(struct role *r, const char *const *must, size_t nmust,
                         const char *const *nice, size_t nnice, int years,
                         const struct skills *taxonomy, const char *field_must,
                         const char *field_nice, char *errmsg);

/* Splits a comma-separated list ("java, oracle|mysql") into its groups (trimmed, empty ones
 * dropped). *out is new: free each and the array. */
void job_split_list(const char *s, char ***out, size_t *n);

/* {"title", "level", "min_years", "min_comparable_years", "must_have": [names...],
 * "must_have_groups": [{"any_of": [...], "years"}], "nice_to_have": [{"skill", "weight"}]}.
 * New reference. */
json_t *job_criteria_json(const struct role *r);

/* What `rubric job show --json` prints: the criteria with the line number and text each
 * came from, and the warnings. New reference. */
json_t *job_to_json(const struct job *j, const char *file);

/* The text of line n (1-based) of j, trimmed, into a new string (NULL when out of range). */
char *job_line(const struct job *j, int n);

#endif
