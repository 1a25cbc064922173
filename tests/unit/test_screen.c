/* SPDX-License-Identifier: MIT */
/* The screening score: every criterion's points, the cap for a missing must-have, reasons. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/screen.h"
#include "extract/extract.h"

static struct skills tax;
static struct skillscan *sc;
static struct resume res;
static const struct ym today = {2026, 11};

static void
setup(void)
{
    char msg[RB_ERRMSG] = "";
    struct extracted e;
    cr_assert_eq(skillscan_builtin(&tax, &sc, msg), RB_OK, "%s", msg);
    cr_assert_eq(extract_file("tests/data/resumes/plain.txt", NULL, &e, msg), RB_OK);
    cr_assert_eq(resume_parse(e.text, e.len, sc, today, &res, msg), RB_OK);
    extracted_cleanup(&e);
}

static void
teardown(void)
{
    resume_cleanup(&res);
    skillscan_free(sc);
    skills_cleanup(&tax);
}

TestSuite(screen, .init = setup, .fini = teardown);

static void
role_with(struct role *r, const char *const *must, const int *mw, const char *const *nice,
          const int *nw)
{
    size_t n = 0;
    memset(r, 0, sizeof *r);
    r->id = strdup("backend-engineer");
    r->title = strdup("Backend engineer");
    r->level = 3;
    r->min_years = 5;
    r->min_comparable_years = 3;
    r->skills = calloc(16, sizeof *r->skills);
    for (size_t i = 0; must[i]; i++, n++)
        r->skills[n] = (struct role_skill){strdup(must[i]), mw[i], true, 0};
    for (size_t i = 0; nice && nice[i]; i++, n++)
        r->skills[n] = (struct role_skill){strdup(nice[i]), nw[i], false, 0};
    r->nskills = n;
}

Test(screen, every_criterion_has_its_points_and_reason)
{
    static const char *const must[] = {"go", "postgresql", "apache kafka", NULL};
    static const int mw[] = {3, 2, 1};
    static const char *const nice[] = {"terraform", "rust", "erlang", NULL};
    static const int nw[] = {1, 1, 1};
    struct role role;
    struct screen_result s;

    role_with(&role, must, mw, nice, nw);
    screen_score(&res, &role, &tax, today, &s);
    cr_assert_float_eq(s.points[CRIT_MUST], 40.0, 1e-9, "all must-haves found");
    cr_assert_float_eq(s.points[CRIT_NICE], 20.0 / 3, 1e-9, "one nice-to-have of three");
    cr_assert_float_eq(s.points[CRIT_YEARS], 15.0, 1e-9, "11.75 years, 5 asked");
    cr_assert_float_eq(s.comparable_years, 9.75, 1e-9, "Backend positions since 03/2017");
    cr_assert_float_eq(s.points[CRIT_COMPARABLE], 10.0, 1e-9);
    /* postgresql and kafka last used 2021 (0.644); go in the current position ("Go services"
     * on Kubernetes, 1.0); terraform only in the skills list (0.5) */
    cr_assert_float_eq(s.points[CRIT_RECENCY], 15.0 * (3 * 1.0 + 3 * (1 - 0.8 * 4 / 9.0) + 0.5) / 7,
                       1e-6);
    cr_assert_not(s.capped);
    cr_assert_float_eq(s.score, 83.3, 0.05);
    cr_assert_not_null(strstr(s.reasons[CRIT_MUST], "3 of 3 must-have skills found"));
    cr_assert_not_null(strstr(s.reasons[CRIT_COMPARABLE], "9.8 years"));
    screen_cleanup(&s);
    role_cleanup(&role);
}

Test(screen, a_missing_must_have_caps_the_score_and_is_named)
{
    static const char *const must[] = {"go", "docker", NULL};
    static const int mw[] = {1, 1};
    struct role role;
    struct screen_result s;
    json_t *j;

    role_with(&role, must, mw, NULL, NULL);
    screen_score(&res, &role, &tax, today, &s);
    cr_assert(s.capped);
    cr_assert_float_eq(s.score, SCREEN_CAP_MISSING, 1e-9);
    cr_assert_eq(s.nmissing, 1);
    cr_assert_str_eq(s.missing[0], "docker");
    cr_assert_float_eq(s.max[CRIT_MUST], 60.0, 1e-9, "no nice-to-haves: their points move");
    j = screen_to_json(&s);
    cr_assert_str_eq(json_string_value(json_array_get(json_object_get(j, "must_have_missing"), 0)),
                     "docker");
    json_decref(j);
    screen_cleanup(&s);
    role_cleanup(&role);
}
