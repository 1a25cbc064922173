/* SPDX-License-Identifier: MIT */
/*
 * The FSRS-5 scheduler against reference values worked from the published formulas with
 * the default parameters (a separate throwaway calculation in Python, not this code), to 6
 * decimals. The derivations are in the comments: F = 19/81, C = -0.5.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "core/fsrs.h"

#define NEAR(a, b) cr_assert(fabs((a) - (b)) < 1e-5, "%s = %.6f, expected %.6f", #a, (a), (b))

Test(fsrs, first_answer_sets_the_published_initial_state)
{
    /* S0(G) = w[G-1]: 0.40255, 1.18385, 3.173, 15.69105 */
    NEAR(fsrs_init_stability(FSRS_AGAIN), 0.40255);
    NEAR(fsrs_init_stability(FSRS_EASY), 15.69105);
    /* D0(G) = w4 - e^(w5 (G-1)) + 1 = 7.1949 - e^(0.5345 (G-1)) + 1:
     * again: 7.1949 - 1 + 1 = 7.1949
     * hard:  7.1949 - e^0.5345 + 1 = 7.1949 - 1.706595 + 1 = 6.488305
     * good:  7.1949 - e^1.069 + 1 = 7.1949 - 2.912466 + 1 = 5.282434
     * easy:  7.1949 - e^1.6035 + 1 = 7.1949 - 4.970398 + 1 = 3.224502 */
    NEAR(fsrs_init_difficulty(FSRS_AGAIN), 7.1949);
    NEAR(fsrs_init_difficulty(FSRS_HARD), 6.488305);
    NEAR(fsrs_init_difficulty(FSRS_GOOD), 5.282434);
    NEAR(fsrs_init_difficulty(FSRS_EASY), 3.224502);
    /* at 90% retention the interval is S rounded: 0.40 -> 1 (the least), 1.18 -> 1,
     * 3.17 -> 3, 15.69 -> 16 */
    cr_assert_eq(fsrs_interval(0.40255), 1);
    cr_assert_eq(fsrs_interval(1.18385), 1);
    cr_assert_eq(fsrs_interval(3.173), 3);
    cr_assert_eq(fsrs_interval(15.69105), 16);
    cr_assert_eq(fsrs_interval(1e9), FSRS_MAX_INTERVAL);
}

Test(fsrs, forgetting_curve_is_ninety_percent_at_stability)
{
    /* R(S, S) = (1 + 19/81)^-0.5 = (100/81)^-0.5 = 0.9 */
    NEAR(fsrs_retrievability(10, 10), 0.9);
    /* R(3, 3.173) = (1 + 0.234568 * 0.945477)^-0.5 = 1.221779^-0.5 = 0.904698 */
    NEAR(fsrs_retrievability(3, 3.173), 0.904698);
}

/* Answers a card n times, each on the day it falls due (or after the given days), and
 * checks the intervals. */
static void
sequence(const int *ratings, const int *days, size_t n, const int *want_ivl, const double *want_s,
         const double *want_d)
{
    struct fsrs_card c = {0}, next;
    int ivl = 0;
    for (size_t i = 0; i < n; i++) {
        int t = i == 0 ? 0 : days && days[i] >= 0 ? days[i] : ivl;
        ivl = fsrs_review(i == 0 ? NULL : &c, t, ratings[i], &next);
        c = next;
        cr_assert_eq(ivl, want_ivl[i], "answer %zu: interval %d, expected %d", i + 1, ivl,
                     want_ivl[i]);
        NEAR(c.stability, want_s[i]);
        NEAR(c.difficulty, want_d[i]);
    }
}

Test(fsrs, good_on_every_due_day)
{
    /* 1: new, good: S = 3.173, D = 5.282434, I = 3.
     * 2: t = 3, R = 0.904698 (above). D before = 5.282434.
     *    e^w8 = e^1.54575 = 4.691489; S^-w9 = 3.173^-0.1192 = 0.871414;
     *    e^(w10 (1-R)) - 1 = e^(1.01925 * 0.095302) - 1 = 0.102011;
     *    S' = 3.173 (1 + 4.691554 * (11 - 5.282434) * 0.871478 * 0.101942) = 10.738926 -> I 11
     *    D: step 0, damped 5.282434; D' = 0.0046 * 3.224502 + 0.9954 * 5.282434 = 5.272968
     * 3: t = 11, R = 0.897929, S' = 34.577624 -> I 35, D' = 5.263545
     * 4: t = 35, R = 0.898957, S' = 100.748313 -> I 101, D' = 5.254165
     * 5: t = 101, R = 0.899786, S' = 269.283835 -> I 269, D' = 5.244829 */
    static const int r[] = {3, 3, 3, 3, 3}, ivl[] = {3, 11, 35, 101, 269};
    static const double s[] = {3.173, 10.738926, 34.577624, 100.748313, 269.283835};
    static const double d[] = {5.282434, 5.272968, 5.263545, 5.254165, 5.244829};
    sequence(r, NULL, 5, ivl, s, d);
}

Test(fsrs, a_lapse_shortens_the_interval_and_raises_difficulty)
{
    /* good, good as above; then again at t = 11 (R = 0.897929, S = 10.738926, D = 5.272968):
     *   forget: 1.9395 * D^-0.11 * ((S+1)^0.29605 - 1) * e^(2.2698 (1-R))
     *         = 1.9395 * 0.832864 * 1.073306 * 1.260718 = 2.185775
     *   cap S / e^(0.51655 * 0.6621) = 10.738926 / 1.407771 = 7.628318: the formula wins
     *   D: step +2 * 1.4604 = 2.9208 damped by (10 - 5.272968)/9: 5.272968 + 1.534079 = 6.807047,
     *      D' = 0.0046 * 3.224502 + 0.9954 * 6.807047 = 6.790568; I = 2
     * then good at t = 2 (R = 0.907356): S = 6.080011, D = 6.774164, I = 6
     * then good at t = 6 (R = 0.901127): S = 16.386496, D = 6.757835, I = 16 */
    static const int r[] = {3, 3, 1, 3, 3}, ivl[] = {3, 11, 2, 6, 16};
    static const double s[] = {3.173, 10.738926, 2.185775, 6.080011, 16.386496};
    static const double d[] = {5.282434, 5.272968, 6.790568, 6.774164, 6.757835};
    struct fsrs_card c = {0}, next;
    sequence(r, NULL, 5, ivl, s, d);
    /* the lapse is counted */
    fsrs_review(NULL, 0, 3, &c);
    fsrs_review(&c, 3, 1, &next);
    cr_assert_eq(next.reps, 2);
    cr_assert_eq(next.lapses, 1);
}

Test(fsrs, hard_penalty_and_easy_bonus)
{
    /* easy: S = 15.69105, D = 3.224502, I = 16
     * hard at t = 16 (R = 0.898321): the recall term is multiplied by w15 = 0.2315:
     *   S = 26.112539, D: step -1.4604 * -1 = +1.4604 damped by (10-3.224502)/9 -> 4.323939,
     *   mean-reverted -> 4.318882; I = 26
     * easy at t = 26 (R = 0.900369): multiplied by w16 = 2.9898: S = 203.399528,
     *   D = 3.396232; I = 203 */
    static const int r[] = {4, 2, 4}, ivl[] = {16, 26, 203};
    static const double s[] = {15.69105, 26.112539, 203.399528};
    static const double d[] = {3.224502, 4.318882, 3.396232};
    sequence(r, NULL, 3, ivl, s, d);
}

Test(fsrs, forgetting_a_new_card_twice)
{
    /* again: S = 0.40255, D = 7.1949, I = 1
     * again at t = 1 (R = (1 + 0.234568/0.40255)^-0.5 = 0.794877):
     *   formula 1.9395 * 0.804873 * 0.105338 * 1.592950 = 0.261942
     *   (7.1949^-0.11, 1.40255^0.29605 - 1, e^(2.2698 * 0.205123)), below the cap
     *   0.40255 / 1.407771 = 0.285949; D = 8.082797; I = 1
     * good at t = 1 (R = 0.726338): S = 1.614961, D = 8.060449, I = 2 */
    static const int r[] = {1, 1, 3}, ivl[] = {1, 1, 2};
    static const double s[] = {0.40255, 0.261942, 1.614961};
    static const double d[] = {7.1949, 8.082797, 8.060449};
    sequence(r, NULL, 3, ivl, s, d);
}

Test(fsrs, same_day_and_overdue_answers)
{
    /* good; good again the same day: S' = 3.173 e^(0.51655 (0 + 0.6621)) = 4.466858, D as
     * for any good (5.272968), I = 4; then good 5 days later (R = 0.889965): 16.383477 */
    static const int r[] = {3, 3, 3}, days[] = {0, 0, 5}, ivl[] = {3, 4, 16};
    static const double s[] = {3.173, 4.466858, 16.383477};
    static const double d[] = {5.282434, 5.272968, 5.263545};
    sequence(r, days, 3, ivl, s, d);
    /* good, then good 10 days late instead of 3 (R = 0.758259): recall at lower
     * retrievability counts for more: S = 23.895876, I = 24 */
    static const int r2[] = {3, 3}, days2[] = {0, 10}, ivl2[] = {3, 24};
    static const double s2[] = {3.173, 23.895876};
    static const double d2[] = {5.282434, 5.272968};
    sequence(r2, days2, 2, ivl2, s2, d2);
}

Test(fsrs, ratings_by_name)
{
    cr_assert_eq(fsrs_rating_parse("again"), 1);
    cr_assert_eq(fsrs_rating_parse("h"), 2);
    cr_assert_eq(fsrs_rating_parse("3"), 3);
    cr_assert_eq(fsrs_rating_parse("easy"), 4);
    cr_assert_eq(fsrs_rating_parse("great"), 0);
    cr_assert_eq(fsrs_rating_parse(""), 0);
    cr_assert_str_eq(fsrs_rating_name(2), "hard");
}
