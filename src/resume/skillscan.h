/* SPDX-License-Identifier: MIT */
/*
 * Finding skills in resume text: every name and alias of the skills taxonomy compiled once
 * into one Hyperscan literal database, scanned in a single pass. Matches must stand as words
 * ("java" is not found inside "javascript", nor "sql" inside "postgresql", nor "c" inside
 * "c++"), the longest match wins where matches overlap ("spring boot" over "spring"), and a
 * skill marked ambiguous in the taxonomy ("go", "r", "swift", "express") counts only next to
 * another skill, as in a list of skills.
 */
#ifndef RUBRIC_RESUME_SKILLSCAN_H
#define RUBRIC_RESUME_SKILLSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/skills.h"
#include "util/err.h"

struct skillscan;

/* A skill found: its index in the taxonomy and where in the text. */
struct skill_hit {
    size_t skill;
    size_t start, end; /* byte offsets, end exclusive */
    bool ambiguous;    /* found by a name that needs context (it had it) */
};

/* Compiles the taxonomy (borrowed: it must outlive the scanner). *out is new: free with
 * skillscan_free. One scanner is for one thread at a time. */
enum rb_err skillscan_new(const struct skills *taxonomy, struct skillscan **out, char *errmsg);
void skillscan_free(struct skillscan *sc);

/* A scanner for another thread: it shares sc's compiled database (sc must outlive it) and
 * has its own scratch space. Free with skillscan_free. */
enum rb_err skillscan_clone(const struct skillscan *sc, struct skillscan **out, char *errmsg);

/* The built-in taxonomy into *taxonomy (initialised here; skills_cleanup it after freeing
 * the scanner) and a scanner over it. */
enum rb_err skillscan_builtin(struct skills *taxonomy, struct skillscan **out, char *errmsg);

/* The skills in text, in order of position. *hits is new (free()). */
enum rb_err skillscan_run(struct skillscan *sc, const char *text, size_t len,
                          struct skill_hit **hits, size_t *n, char *errmsg);

/* How far (bytes) another skill may be for an ambiguous one to count. */
#define SKILLSCAN_CONTEXT 60

#endif
