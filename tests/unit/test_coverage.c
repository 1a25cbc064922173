/* SPDX-License-Identifier: MIT */
/* Keyword coverage of typed answers: stems, phrases in any order, synonyms, limits. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/coverage.h"
#include "util/mem.h"

/* A question with two good-answer points, a pitfall and a STAR point without concepts. */
static void
make_question(struct question *q)
{
    static const char *const c1[] = {"lower latency", "reduced load"};
    static const char *const c2[] = {"stale data"};
    static const char *const c3[] = {"thundering herd"};
    memset(q, 0, sizeof *q);
    q->id = xstrdup("cache-purpose");
    q->npoints = 4;
    q->points = xcalloc(4, sizeof *q->points);
    q->points[0] = (struct point){POINT_SHOWS,
                                  0,
                                  xstrdup("**lower latency** and **reduced load**"),
                                  xcalloc(2, sizeof(char *)),
                                  2,
                                  0};
    q->points[0].concepts[0] = xstrdup(c1[0]);
    q->points[0].concepts[1] = xstrdup(c1[1]);
    q->points[1] = (struct point){
        POINT_SHOWS, 0, xstrdup("names **stale data**"), xcalloc(1, sizeof(char *)), 1, 0};
    q->points[1].concepts[0] = xstrdup(c2[0]);
    q->points[2] = (struct point){POINT_PITFALL,
                                  0,
                                  xstrdup("ignores the **thundering herd**"),
                                  xcalloc(1, sizeof(char *)),
                                  1,
                                  0};
    q->points[2].concepts[0] = xstrdup(c3[0]);
    q->points[3] = (struct point){POINT_STAR, 0, xstrdup("Situation: the system"), NULL, 0, 0};
}

/* Synonyms as the store gives them: "stale data" has "outdated value". */
static void
syns(void *ctx, const char *concept, char ***alts, size_t *n)
{
    (void)ctx;
    *alts = NULL;
    *n = 0;
    if (strcmp(concept, "stale data") == 0) {
        *alts = xcalloc(1, sizeof **alts);
        (*alts)[0] = xstrdup("outdated value");
        *n = 1;
    }
}

static struct coverage
cover(const struct question *q, const char *answer)
{
    struct coverage c;
    char msg[RB_ERRMSG];
    cr_assert_eq(coverage_compute(q, answer, strlen(answer), syns, NULL, &c, msg), RB_OK, "%s",
                 msg);
    return c;
}

Test(coverage, stems_and_case_find_a_concept_in_other_forms)
{
    struct question q;
    struct coverage c;
    make_question(&q);
    c = cover(&q, "It gives LOWER latencies for readers.");
    /* only the good-answer points count; the pitfall and the STAR point without concepts
     * do not */
    cr_assert_eq(c.npoints, 2);
    cr_assert_eq(c.concepts, 3);
    cr_assert_eq(c.found, 1);
    cr_assert_str_eq(c.points[0].concepts[0].matched, "lower latency");
    cr_assert_null(c.points[0].concepts[1].matched);
    cr_assert_eq(c.covered, 0, "a point counts as covered only with every concept");
    coverage_cleanup(&c);
    question_cleanup(&q);
}

Test(coverage, words_of_a_concept_may_come_in_any_order_but_close)
{
    struct question q;
    struct coverage c;
    make_question(&q);
    c = cover(&q, "The load on the database is reduced.");
    cr_assert_not_null(c.points[0].concepts[1].matched, "reduced load, said the other way");
    coverage_cleanup(&c);
    c = cover(&q, "Load tests are good. Then a long sentence about many things that are not "
                  "related at all, before the word reduced.");
    cr_assert_null(c.points[0].concepts[1].matched, "words far apart are not the concept");
    coverage_cleanup(&c);
    question_cleanup(&q);
}

Test(coverage, synonyms_count_and_the_score_is_a_share_of_concepts)
{
    struct question q;
    struct coverage c;
    json_t *j;
    make_question(&q);
    c = cover(&q, "Lower latency, reduced load, but readers may see an outdated value.");
    cr_assert_eq(c.found, 3);
    cr_assert_eq(c.covered, 2);
    cr_assert_float_eq(c.score, 1.0, 1e-9);
    cr_assert_str_eq(c.points[1].concepts[0].matched, "outdated value");
    j = coverage_to_json(&q, &c);
    cr_assert_str_eq(json_string_value(json_object_get(j, "kind")), "keyword coverage");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(j, "points"), 1), "status")),
                     "covered");
    json_decref(j);
    coverage_cleanup(&c);
    c = cover(&q, "");
    cr_assert_eq(c.found, 0);
    cr_assert_float_eq(c.score, 0.0, 1e-9);
    coverage_cleanup(&c);
    question_cleanup(&q);
}

Test(coverage, a_bad_or_huge_answer_is_refused_or_tolerated)
{
    struct question q;
    struct coverage c;
    char msg[RB_ERRMSG];
    size_t n = COVERAGE_ANSWER_MAX + 1;
    char *big = xmalloc(n);
    make_question(&q);
    memset(big, 'a', n);
    cr_assert_eq(coverage_compute(&q, big, n, syns, NULL, &c, msg), RB_ETOOBIG);
    cr_assert(strstr(msg, "answer") != NULL);
    /* not UTF-8: replaced, never an error */
    cr_assert_eq(coverage_compute(&q, "lower \xff latency", 16, NULL, NULL, &c, msg), RB_OK);
    coverage_cleanup(&c);
    free(big);
    question_cleanup(&q);
}

Test(coverage, essential_points_weigh_twice_a_bonus_point)
{
    struct question q;
    struct coverage c;
    json_t *j;
    make_question(&q);
    /* the second good-answer point becomes a bonus point */
    q.points[1].kind = POINT_BONUS;
    c = cover(&q, "the cached copy turns into stale data");
    cr_assert_eq(c.found, 1);
    cr_assert_eq(c.concepts, 3);
    cr_assert_float_eq(c.score, 1.0 / 5.0, 1e-9, "a bonus concept counts once of 2 + 2 + 1");
    coverage_cleanup(&c);
    c = cover(&q, "lower latency and reduced load");
    cr_assert_float_eq(c.score, 4.0 / 5.0, 1e-9, "two essential concepts count twice each");
    j = coverage_to_json(&q, &c);
    cr_assert(
        json_is_false(json_object_get(json_array_get(json_object_get(j, "points"), 0), "bonus")));
    cr_assert(
        json_is_true(json_object_get(json_array_get(json_object_get(j, "points"), 1), "bonus")));
    json_decref(j);
    coverage_cleanup(&c);
    question_cleanup(&q);
}
