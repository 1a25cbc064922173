/* SPDX-License-Identifier: MIT */
/*
 * The fairness arithmetic against figures worked by hand (each worked in the comment above
 * its assertion), the published four-fifths example, self-identification's categories and
 * access rule, and its place in the store: written apart, exported, erased.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/fairness.h"
#include "core/selfid.h"
#include "helpers.h"
#include "store/store.h"

static const json_t *
group(const json_t *t, const char *name)
{
    size_t i;
    const json_t *g;
    json_array_foreach(json_object_get(t, "groups"), i,
                       g) if (strcmp(json_string_value(json_object_get(g, "group")), name) ==
                              0) return g;
    return NULL;
}

static double
num(const json_t *g, const char *key)
{
    return json_number_value(json_object_get(g, key));
}

/* The Questions and Answers on the Uniform Guidelines (1979), on what a substantially
 * different rate of selection is: hiring rates of 60% (whites), 45% (American Indians), 48%
 * (Hispanics) and 51% (Blacks) give impact ratios 45/60 = 75%, 48/60 = 80% and 51/60 = 85%;
 * adverse impact is indicated for the first only (80% is not "less than" four fifths). Here
 * with 100 applicants in each group. */
Test(fairness, the_published_four_fifths_example)
{
    struct fairness_count g[] = {{"american_indian", 100, 45},
                                 {"black", 100, 51},
                                 {"hispanic", 100, 48},
                                 {"white", 100, 60}};
    json_t *t = fairness_table(g, 4, 5);
    cr_assert_str_eq(json_string_value(json_object_get(t, "reference")), "white");
    cr_assert(json_is_true(json_object_get(group(t, "white"), "reference")));
    cr_assert_float_eq(num(group(t, "white"), "impact_ratio"), 1.0, 1e-12);
    cr_assert_float_eq(num(group(t, "american_indian"), "impact_ratio"), 0.75, 1e-12);
    cr_assert_float_eq(num(group(t, "hispanic"), "impact_ratio"), 0.80, 1e-12);
    cr_assert_float_eq(num(group(t, "black"), "impact_ratio"), 0.85, 1e-12);
    cr_assert(json_is_true(json_object_get(group(t, "american_indian"), "four_fifths")));
    cr_assert(json_is_false(json_object_get(group(t, "hispanic"), "four_fifths")),
              "exactly four fifths is not below it");
    cr_assert(json_is_false(json_object_get(group(t, "black"), "four_fifths")));
    cr_assert_float_eq(num(group(t, "hispanic"), "rate"), 0.48, 1e-12);
    cr_assert(json_is_null(json_object_get(group(t, "white"), "p_value")));
    json_decref(t);
}

Test(fairness, fisher_exact_test_by_hand)
{
    /* [[3,1],[1,3]]: margins 4,4 / 4,4 of 8; P(x) = C(4,x)^2 / C(8,4) = 1, 16, 36, 16, 1
     * over 70. Two-sided from x = 3: every table with P <= 16/70: (1+16+16+1)/70. */
    cr_assert_float_eq(fairness_fisher(3, 1, 1, 3), 34.0 / 70.0, 1e-12);
    /* [[0,5],[5,0]]: P(0) = P(5) = 1/C(10,5) = 1/252, the rest larger: 2/252. */
    cr_assert_float_eq(fairness_fisher(0, 5, 5, 0), 2.0 / 252.0, 1e-12);
    /* the most probable table of its margins: every table counts, p = 1 */
    cr_assert_float_eq(fairness_fisher(2, 2, 2, 2), 1.0, 1e-12);
    /* [[1,3],[3,1]] mirrors [[3,1],[1,3]] */
    cr_assert_float_eq(fairness_fisher(1, 3, 3, 1), 34.0 / 70.0, 1e-12);
    /* [[2,0],[0,2]]: margins 2,2 / 2,2 of 4: P(x) = C(2,x)^2/6 = 1,4,1 over 6: 2/6 */
    cr_assert_float_eq(fairness_fisher(2, 0, 0, 2), 2.0 / 6.0, 1e-12);
    cr_assert_float_eq(fairness_fisher(0, 0, 0, 0), 1.0, 1e-12);
}

Test(fairness, small_groups_are_counted_not_shown)
{
    /* b has 3 people, under the minimum of 5: not listed, counted in "suppressed" without
     * its outcomes; the reference is chosen among the groups shown. c (entered 0) is not a
     * group at all. a: 6/10 = 0.6, d: 3/8 = 0.375, ratio 0.375/0.6 = 0.625 < 0.8. */
    struct fairness_count g[] = {{"a", 10, 6}, {"b", 3, 3}, {"c", 0, 0}, {"d", 8, 3}};
    json_t *t = fairness_table(g, 4, 5);
    cr_assert_eq(json_array_size(json_object_get(t, "groups")), 2);
    cr_assert_null(group(t, "b"));
    cr_assert_eq(json_integer_value(json_object_get(json_object_get(t, "suppressed"), "groups")),
                 1);
    cr_assert_eq(json_integer_value(json_object_get(json_object_get(t, "suppressed"), "entered")),
                 3);
    cr_assert_null(json_object_get(json_object_get(t, "suppressed"), "passed"));
    cr_assert_str_eq(json_string_value(json_object_get(t, "reference")), "a");
    cr_assert_float_eq(num(group(t, "d"), "impact_ratio"), 0.625, 1e-12);
    cr_assert(json_is_true(json_object_get(group(t, "d"), "four_fifths")));
    /* Fisher, d against a: [[3,5],[6,4]] of 18, margins 8,10 / 9,9. P(x) = C(8,x)
     * C(10,9-x) / C(18,9) for x = 0..8: 10, 360, 3360, 11760, 17640, 11760, 3360, 360, 10
     * over 48620. Every table but x = 4 is no more probable than x = 3: 30980 / 48620. */
    cr_assert_float_eq(num(group(t, "d"), "p_value"), 30980.0 / 48620.0, 1e-12);
    json_decref(t);
}

Test(fairness, nobody_selected_gives_no_ratio)
{
    struct fairness_count g[] = {{"a", 6, 0}, {"b", 7, 0}};
    json_t *t = fairness_table(g, 2, 5);
    cr_assert(json_is_null(json_object_get(group(t, "b"), "impact_ratio")));
    cr_assert(json_is_false(json_object_get(group(t, "b"), "four_fifths")));
    json_decref(t);
}

Test(fairness, kendall_tau_by_hand)
{
    double x[] = {1, 2, 3, 4}, same[] = {10, 20, 30, 40}, rev[] = {4, 3, 2, 1},
           swap[] = {1, 3, 2, 4};
    cr_assert_float_eq(fairness_kendall(x, same, 4), 1.0, 1e-12);
    cr_assert_float_eq(fairness_kendall(x, rev, 4), -1.0, 1e-12);
    /* 6 pairs, only (2,3) discordant: (5 - 1) / 6 */
    cr_assert_float_eq(fairness_kendall(x, swap, 4), 4.0 / 6.0, 1e-12);
}

Test(selfid, categories_are_configured_with_prefer_not_always_offered)
{
    struct selfid_config c;
    char msg[RB_ERRMSG];
    json_t *j;
    cr_assert_eq(selfid_config_parse(NULL, &c, msg), RB_OK, "%s", msg);
    cr_assert_eq(c.n, 2);
    cr_assert_str_eq(c.cats[0].name, "sex");
    cr_assert_str_eq(c.cats[1].name, "race_ethnicity");
    cr_assert_str_eq(c.cats[0].answers[c.cats[0].nanswers - 1], SELFID_PREFER_NOT);
    cr_assert_eq(selfid_config_parse("veteran=yes,no", &c, msg), RB_OK, "%s", msg);
    cr_assert_eq(c.n, 1);
    cr_assert_eq(c.cats[0].nanswers, 3);
    j = json_pack("{s:s}", "veteran", "prefer_not_to_say");
    cr_assert_eq(selfid_check(&c, j, msg), RB_OK, "%s", msg);
    json_decref(j);
    j = json_pack("{s:s}", "veteran", "maybe");
    cr_assert_eq(selfid_check(&c, j, msg), RB_EINVAL);
    cr_assert(strstr(msg, "answers.veteran"), "%s", msg);
    json_decref(j);
    j = json_pack("{s:s}", "sex", "female");
    cr_assert_eq(selfid_check(&c, j, msg), RB_EINVAL, "not a category of this deployment");
    json_decref(j);
    cr_assert_eq(selfid_config_parse("Sex=female", &c, msg), RB_EINVAL);
    cr_assert_eq(selfid_config_parse("sex=", &c, msg), RB_EINVAL);
    cr_assert_eq(selfid_config_parse("sex=a;sex=b", &c, msg), RB_EINVAL);
    cr_assert(strstr(msg, "twice"), "%s", msg);
}

static struct store *
open_store(void)
{
    struct store *s;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(test_store_open("sqlite::memory:", &s, msg), RB_OK, "%s", msg);
    return s;
}

Test(selfid, written_with_consent_read_by_admins_and_erased)
{
    struct store *s = open_store();
    struct selfid_config c;
    struct candidate_new cn = {.name = "Wren Example", .email = "wren@example.org"};
    struct user rec = {.id = 0, .email = (char *)"rec@example.org", .role = USER_RECRUITER};
    struct user admin = {.id = 0, .email = (char *)"adm@example.org", .role = USER_ADMIN};
    struct user own = {.id = 0, .email = (char *)"wren@example.org", .role = USER_CANDIDATE};
    struct user other = {.id = 0, .email = (char *)"kit@example.org", .role = USER_CANDIDATE};
    struct user panel = {.id = 0, .email = (char *)"pan@example.org", .role = USER_INTERVIEWER};
    struct erase_result r;
    json_t *a = json_pack("{s:s, s:s}", "sex", "female", "race_ethnicity", "asian"), *x;
    char msg[RB_ERRMSG];
    long long id;

    cr_assert_eq(selfid_config_parse(NULL, &c, msg), RB_OK);
    cr_assert_eq(store_candidate_add(s, &cn, &id, msg), RB_OK, "%s", msg);
    /* a recruiter needs the candidate's consent recorded; a panel member may not */
    cr_assert_eq(selfid_write(s, &c, id, a, &rec, SELFID_BY_STAFF, NULL, msg), RB_EINVAL);
    cr_assert(strstr(msg, "consent"), "%s", msg);
    cr_assert_eq(selfid_write(s, &c, id, a, &panel, SELFID_BY_STAFF, "asked", msg), RB_EDENIED);
    cr_assert_eq(selfid_write(s, &c, id, a, &other, SELFID_BY_CANDIDATE, NULL, msg), RB_ENOTFOUND,
                 "to a candidate, others do not exist");
    cr_assert_eq(selfid_read(s, id, &other, &x, msg), RB_ENOTFOUND);
    cr_assert_eq(selfid_write(s, &c, id, a, &rec, SELFID_BY_STAFF, "by email", msg), RB_OK, "%s",
                 msg);
    /* the recruiter who wrote it cannot read it back; the candidate and an admin can */
    cr_assert_eq(selfid_read(s, id, &rec, &x, msg), RB_EDENIED);
    cr_assert_null(x);
    cr_assert_eq(selfid_read(s, id, &own, &x, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(x, "answers"), "sex")),
                     "female");
    cr_assert_str_eq(json_string_value(json_object_get(x, "consent")), "by email");
    json_decref(x);
    cr_assert_eq(selfid_read(s, id, &admin, &x, msg), RB_OK, "%s", msg);
    json_decref(x);
    /* the candidate's own change replaces the answers */
    json_object_set_new(a, "sex", json_string(SELFID_PREFER_NOT));
    cr_assert_eq(selfid_write(s, &c, id, a, &own, SELFID_BY_CANDIDATE, NULL, msg), RB_OK, "%s",
                 msg);
    cr_assert_eq(store_candidate_export(s, id, &x, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(
        json_string_value(json_object_get(json_object_get(x, "self_id"), "race_ethnicity")),
        "asian");
    json_decref(x);

    cr_assert_eq(store_candidate_erase(s, id, NULL, &r, msg), RB_OK, "%s", msg);
    erase_result_cleanup(&r);
    cr_assert_eq(store_candidate_export(s, id, &x, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_object_size(json_object_get(x, "self_id")), 0);
    json_decref(x);
    cr_assert_eq(selfid_read(s, id, &admin, &x, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_object_size(json_object_get(x, "answers")), 0);
    json_decref(x);
    /* an erased candidate takes no new answers */
    cr_assert_eq(selfid_write(s, &c, id, a, &rec, SELFID_BY_STAFF, "by email", msg), RB_ENOTFOUND);
    json_decref(a);
    store_close(s);
}

Test(fairness, a_report_with_nobody_to_count_is_empty_not_broken)
{
    struct store *s = open_store();
    struct selfid_config c;
    struct fairness_opts o = {.stage = "offer"};
    struct user rec = {.id = 0, .email = (char *)"rec@example.org", .role = USER_RECRUITER};
    json_t *r;
    char msg[RB_ERRMSG];
    cr_assert_eq(selfid_config_parse(NULL, &c, msg), RB_OK);
    cr_assert_eq(fairness_report(s, &c, &o, &rec, &r, msg), RB_EDENIED, "recruiters see no report");
    cr_assert_eq(fairness_report(s, &c, &o, NULL, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_integer_value(json_object_get(r, "applications")), 0);
    cr_assert_eq(json_array_size(json_object_get(r, "categories")), 2);
    cr_assert_eq(json_array_size(json_object_get(r, "intersections")), 1);
    cr_assert(json_is_null(
        json_object_get(json_array_get(json_object_get(r, "intersections"), 0), "reference")));
    json_decref(r);
    o.stage = "promoted";
    cr_assert_eq(fairness_report(s, &c, &o, NULL, &r, msg), RB_EINVAL);
    cr_assert(strstr(msg, "stage:"), "%s", msg);
    store_close(s);
}

/* A stored screening of three resumes whose scores are the sums of their parts (no missing
 * must-have), by hand:
 *          must  nice  years  score   rank
 *   r1      30     0     10     40      1
 *   r2      10    20      5     35      2
 *   r3      20     5      0     25      3
 * Without must_have: 10, 25, 5: r2 first, r1 second. Of the three pairs only (r1, r2)
 * turns over: tau = (2 - 1) / 3; shifts 1, 1, 0: mean 2/3, largest 1. Without
 * nice_to_have: 40, 15, 20: (r2, r3) turns over: tau 1/3 again. Without recency (all 0):
 * nothing moves, tau 1. */
Test(fairness, feature_ablation_by_hand)
{
    struct store *s = open_store();
    static const double parts[3][3] = {{30, 0, 10}, {10, 20, 5}, {20, 5, 0}};
    struct user interviewer = {
        .id = 0, .email = (char *)"iv@example.org", .role = USER_INTERVIEWER};
    long long ids[3], sid;
    char msg[RB_ERRMSG], hash[3][65], *results[3];
    struct resume_new rn[3];
    struct screening_outcome out[3];
    json_t *a, *f;
    size_t i;

    for (i = 0; i < 3; i++) {
        memset(hash[i], 'a' + (int)i, 64);
        hash[i][64] = 0;
        rn[i] = (struct resume_new){
            .hash = hash[i], .filename = "cv.txt", .size = 10, .format = "text", .parsed = "{}"};
    }
    cr_assert_eq(store_resumes_add(s, rn, 3, ids, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_screening_create(s, "backend", "{}", false, ids, 3, 0, &sid, msg), RB_OK,
                 "%s", msg);
    for (i = 0; i < 3; i++) {
        double sum = parts[i][0] + parts[i][1] + parts[i][2];
        json_t *r = json_pack(
            "{s:f, s:{s:{s:f, s:f}, s:{s:f, s:f}, s:{s:f, s:f}, s:{s:f, s:f}, s:{s:f, s:f}}}",
            "score", sum, "breakdown", "must_have", "points", parts[i][0], "max", 40.0,
            "nice_to_have", "points", parts[i][1], "max", 20.0, "total_years", "points",
            parts[i][2], "max", 15.0, "comparable_years", "points", 0.0, "max", 10.0, "recency",
            "points", 0.0, "max", 15.0);
        results[i] = json_dumps(r, JSON_COMPACT);
        json_decref(r);
        out[i] = (struct screening_outcome){ids[i], sum, results[i], NULL};
    }
    cr_assert_eq(store_screening_record(s, sid, out, 3, 0, msg), RB_OK, "%s", msg);

    cr_assert_eq(fairness_audit(s, sid, 0, 0, &interviewer, &a, msg), RB_EDENIED);
    cr_assert_eq(fairness_audit(s, sid, 0, 0, NULL, &a, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_integer_value(json_object_get(a, "results")), 3);
    cr_assert_eq(json_array_size(json_object_get(a, "features")), 5);
    json_array_foreach(json_object_get(a, "features"), i, f)
    {
        const char *c = json_string_value(json_object_get(f, "criterion"));
        double tau = json_number_value(json_object_get(f, "kendall_tau"));
        double mean = json_number_value(json_object_get(f, "mean_rank_shift"));
        if (strcmp(c, "must_have") == 0 || strcmp(c, "nice_to_have") == 0) {
            cr_assert_float_eq(tau, 1.0 / 3.0, 1e-12, "%s", c);
            cr_assert_float_eq(mean, 2.0 / 3.0, 1e-12, "%s", c);
            cr_assert_eq(json_integer_value(json_object_get(f, "max_rank_shift")), 1);
            cr_assert_eq(json_array_size(json_object_get(f, "moved")), 2);
        } else if (strcmp(c, "comparable_years") == 0 || strcmp(c, "recency") == 0) {
            cr_assert_float_eq(tau, 1.0, 1e-12);
            cr_assert_float_eq(mean, 0.0, 1e-12);
            cr_assert_eq(json_array_size(json_object_get(f, "moved")), 0);
        }
    }
    /* must_have's first mover is r1: from 1st to 2nd */
    f = json_array_get(json_object_get(json_array_get(json_object_get(a, "features"), 0), "moved"),
                       0);
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(a, "features"), 0), "criterion")),
                     "must_have");
    cr_assert_eq(json_integer_value(json_object_get(f, "resume")), ids[0]);
    cr_assert_eq(json_integer_value(json_object_get(f, "rank")), 1);
    cr_assert_eq(json_integer_value(json_object_get(f, "rank_without")), 2);
    json_decref(a);
    for (i = 0; i < 3; i++)
        free(results[i]);
    store_close(s);
}

/* Ten scored resumes of ten candidates, five saying group "a" and five "b": the nice-to-have
 * points follow the group exactly, the must-have points do not. */
static long long
proxy_screening(struct store *s)
{
    char msg[RB_ERRMSG], hash[65], *result;
    struct audit_actor who = {0, "test"};
    long long sid, ids[10];
    struct screening_outcome out[10];
    for (int i = 0; i < 10; i++) {
        char name[32], mail[48];
        struct candidate_new c = {.name = name, .email = mail};
        struct resume_new rn = {
            .hash = hash, .filename = "cv.txt", .size = 10, .format = "text", .parsed = "{}"};
        json_t *answers = json_pack("{s:s}", "sex", i < 5 ? "a" : "b");
        snprintf(name, sizeof name, "Kim Sample %d", i);
        snprintf(mail, sizeof mail, "kim%d@example.org", i);
        cr_assert_eq(store_candidate_add(s, &c, &rn.candidate, msg), RB_OK, "%s", msg);
        cr_assert_eq(store_selfid_put(s, rn.candidate, answers, "candidate", NULL, &who, msg),
                     RB_OK, "%s", msg);
        json_decref(answers);
        memset(hash, 'a' + i, 64);
        hash[64] = 0;
        cr_assert_eq(store_resumes_add(s, &rn, 1, &ids[i], msg), RB_OK, "%s", msg);
    }
    cr_assert_eq(store_screening_create(s, "backend", "{}", false, ids, 10, 0, &sid, msg), RB_OK,
                 "%s", msg);
    for (int i = 0; i < 10; i++) {
        double must = (double)((i * 7) % 5) * 5, nice = i < 5 ? 20 : 5;
        json_t *r = json_pack("{s:f, s:{s:{s:f, s:f}, s:{s:f, s:f}}}", "score", must + nice,
                              "breakdown", "must_have", "points", must, "max", 40.0, "nice_to_have",
                              "points", nice, "max", 20.0);
        result = json_dumps(r, JSON_COMPACT);
        json_decref(r);
        out[i] = (struct screening_outcome){ids[i], must + nice, result, NULL};
        cr_assert_eq(store_screening_record(s, sid, &out[i], 1, 0, msg), RB_OK, "%s", msg);
        free(result);
    }
    return sid;
}

Test(fairness, a_criterion_that_follows_a_group_is_flagged_as_a_proxy)
{
    struct store *s = open_store();
    struct user recruiter = {.id = 0, .email = (char *)"rita@example.org", .role = USER_RECRUITER};
    long long sid = proxy_screening(s);
    char msg[RB_ERRMSG];
    json_t *a, *p, *f;
    size_t i, nice = 0;

    cr_assert_eq(fairness_audit(s, sid, 0, 5, NULL, &a, msg), RB_OK, "%s", msg);
    p = json_object_get(a, "proxies");
    cr_assert(json_is_object(p));
    /* two groups by two criteria, each side five people */
    cr_expect_eq(json_integer_value(json_object_get(p, "tested")), 4);
    json_array_foreach(json_object_get(p, "flagged"), i, f)
    {
        cr_expect_str_eq(json_string_value(json_object_get(f, "criterion")), "nice_to_have");
        cr_expect_float_eq(fabs(json_number_value(json_object_get(f, "correlation"))), 1.0, 1e-9);
        nice++;
    }
    cr_expect_eq(nice, 2, "both groups' nice-to-have correlation is flagged, nothing else");
    json_decref(a);

    /* groups smaller than the minimum are not tested */
    cr_assert_eq(fairness_audit(s, sid, 0, 6, NULL, &a, msg), RB_OK, "%s", msg);
    p = json_object_get(a, "proxies");
    cr_expect_eq(json_integer_value(json_object_get(p, "tested")), 0);
    cr_expect_eq(json_integer_value(json_object_get(p, "not_tested")), 4);
    cr_expect_eq(json_array_size(json_object_get(p, "flagged")), 0);
    json_decref(a);

    /* a recruiter's audit reads no self-identification */
    cr_assert_eq(fairness_audit(s, sid, 0, 5, &recruiter, &a, msg), RB_OK, "%s", msg);
    cr_expect(json_is_null(json_object_get(a, "proxies")));
    json_decref(a);
    store_close(s);
}
