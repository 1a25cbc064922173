/* SPDX-License-Identifier: MIT */
/*
 * Keyword coverage of a typed practice answer: which of a question's good-answer points it
 * touches, found by looking for each point's key concepts (the bold words of the bank file)
 * and their synonyms among the answer's words. Words are folded (utf8proc: NFKC, case,
 * accents) and stemmed (Snowball's English stemmer, libstemmer), so "caches" finds "cache";
 * the words of a concept of several words must all appear close together, in any order.
 *
 * This is keyword matching, not a judgement of the answer: a good answer can use other
 * words, and a list of keywords can score well. Every front end says so. Pure functions on
 * untrusted text (fuzzed by tests/fuzz/fuzz_coverage.c); synonyms come from a callback.
 */
#ifndef RUBRIC_CORE_COVERAGE_H
#define RUBRIC_CORE_COVERAGE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/question.h"
#include "util/err.h"

/* The longest typed answer taken, in bytes. */
#define COVERAGE_ANSWER_MAX (64u << 10)
/* At most this many synonyms are tried for one concept, and this many words of each. */
#define COVERAGE_ALTS_MAX 32
#define COVERAGE_PHRASE_WORDS 12
/* How many times a concept of an essential point ("A good answer shows") counts in the score
 * against once for a bonus point's. */
#define COVERAGE_ESSENTIAL_WEIGHT 2

struct coverage_concept {
    char *concept; /* as the bank writes it */
    char *matched; /* the concept or synonym found (folded), or NULL */
};

struct coverage_point {
    size_t point; /* index in the question's points */
    bool bonus;   /* a bonus point: counts once, where an essential one counts twice */
    struct coverage_concept *concepts;
    size_t nconcepts, nfound;
};

struct coverage {
    struct coverage_point *points; /* good-answer points, and STAR points with concepts */
    size_t npoints;
    size_t concepts, found; /* over all those points */
    size_t covered;         /* points with every concept found */
    double score;           /* found / concepts, an essential point's concepts counting
                             * COVERAGE_ESSENTIAL_WEIGHT times; 0 when there are none */
};

/* Fills *alts (new; free each and the array) with the synonyms of a folded concept. */
typedef void (*coverage_synonyms_fn)(void *ctx, const char *concept, char ***alts, size_t *n);

/* Matches answer[0..len) against q's key concepts. syn may be NULL (no synonyms).
 * RB_ETOOBIG past COVERAGE_ANSWER_MAX. Cleanup with coverage_cleanup. */
enum rb_err coverage_compute(const struct question *q, const char *answer, size_t len,
                             coverage_synonyms_fn syn, void *ctx, struct coverage *out,
                             char *errmsg);
void coverage_cleanup(struct coverage *c);

/* {"kind": "keyword coverage", "note", "score", "concepts", "found", "points_covered",
 *  "points": [{"text", "bonus" (true for a bonus point), "status" (covered, partly, missed;
 *  unchecked for a point without key concepts), "found": [...], "missing": [...]}]}
 * New reference. */
json_t *coverage_to_json(const struct question *q, const struct coverage *c);

/* What every front end says with a coverage figure. */
#define COVERAGE_NOTE                                                                              \
    "keyword coverage: which key concepts of the good-answer points your words mention, not a "    \
    "judgement of the answer"

#endif
