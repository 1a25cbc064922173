/* SPDX-License-Identifier: MIT */
/* Screening rows (core/screening.h): the one row builder both front ends use, and the
 * ranking the store repeats over the stored JSON. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/screening.h"
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

TestSuite(screening, .init = setup, .fini = teardown);

static void
role_go(struct role *r)
{
    memset(r, 0, sizeof *r);
    r->id = strdup("backend-engineer");
    r->title = strdup("Backend engineer");
    r->level = 3;
    r->min_years = 5;
    r->skills = calloc(2, sizeof *r->skills);
    r->skills[0] = (struct role_skill){strdup("go"), 1, true, 0, 0, 0};
    r->skills[1] = (struct role_skill){strdup("cobol"), 1, true, 0, 0, 0};
    r->nskills = 2;
}

Test(screening, a_row_gives_its_figures_as_shown_and_names_nobody_when_blind)
{
    struct role r;
    struct screen_row open, blind;
    json_t *o, *b;
    role_go(&r);
    screening_row_make(&res, &r, &tax, today, false, "0123456789ab", "cvs/plain.txt", &open);
    screening_row_make(&res, &r, &tax, today, true, NULL, "cvs/plain.txt", &blind);
    cr_assert_str_eq(open.name, res.name);
    cr_assert_null(blind.name);
    cr_assert_null(blind.email);
    cr_assert_null(blind.id);
    o = screening_row_json(&open, false);
    b = screening_row_json(&blind, true);
    cr_assert_float_eq(json_real_value(json_object_get(o, "experience_years")),
                       round(res.experience_months / 12.0 * 10) / 10, 1e-9);
    cr_assert_float_eq(json_real_value(json_object_get(o, "must_met")), 0.5, 1e-9,
                       "one of two must-haves");
    cr_assert_str_eq(json_string_value(json_object_get(o, "name")), res.name);
    cr_assert_null(json_object_get(b, "name"), "a blind row names nobody");
    cr_assert_null(json_object_get(o, "file"), "each front end names the resume its own way");
    cr_assert(json_equal(json_object_get(o, "reasons"), json_object_get(b, "reasons")));
    json_decref(o);
    json_decref(b);
    screen_row_cleanup(&open);
    screen_row_cleanup(&blind);
    role_cleanup(&r);
}

/* Two rows alike but for relevant years and the file name. */
static void
pair(struct screen_row *a, struct screen_row *b, double ya, double yb)
{
    memset(a, 0, sizeof *a);
    memset(b, 0, sizeof *b);
    a->s.score = b->s.score = 42.5;
    a->s.must_met = b->s.must_met = 1;
    a->s.relevant_years = ya;
    b->s.relevant_years = yb;
    a->experience_years = b->experience_years = 6;
    a->file = strdup("a.txt");
    b->file = strdup("b.txt");
}

Test(screening, ties_break_on_the_evidence_as_shown_then_the_file_name)
{
    struct screen_row a, b;
    /* 3.04 and 3.06 show as 3.0 and 3.1: the row showing more ranks first, as the store
     * orders the stored JSON */
    pair(&a, &b, 3.04, 3.06);
    cr_assert_gt(screening_row_compare(&a, &b), 0);
    cr_assert_lt(screening_row_compare(&b, &a), 0);
    screen_row_cleanup(&a);
    screen_row_cleanup(&b);
    /* 3.06 and 3.14 both show as 3.1: a tie on the evidence, so the file name decides */
    pair(&a, &b, 3.14, 3.06);
    cr_assert_lt(screening_row_compare(&a, &b), 0);
    cr_assert_gt(screening_row_compare(&b, &a), 0);
    cr_assert_eq(screening_row_compare(&a, &a), 0);
    screen_row_cleanup(&a);
    screen_row_cleanup(&b);
}
