/* SPDX-License-Identifier: MIT */
/* The screening score: every criterion's points, evidence, what a missing must-have costs. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/screen.h"
#include "extract/extract.h"
#include "report/screen_report.h"
#include "resume/stored.h"

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
        r->skills[n] = (struct role_skill){strdup(must[i]), mw[i], true, 0, 0, 0};
    for (size_t i = 0; nice && nice[i]; i++, n++)
        r->skills[n] = (struct role_skill){strdup(nice[i]), nw[i], false, 0, 0, 0};
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
    double aged = 1 - 0.8 * 4 / 9.0; /* last used 2021, five years before today */

    role_with(&role, must, mw, nice, nw);
    screen_score(&res, &role, &tax, today, &s);
    /* depth against the role's 5 years: go 5.9 years (full), postgresql and kafka 58 months
     * (03/2017 to 12/2021) */
    cr_assert_float_eq(s.points[CRIT_MUST], 40.0 * (3 + 3 * (0.5 + 0.5 * (58 / 12.0) / 5)) / 6,
                       1e-6);
    cr_assert_float_eq(s.points[CRIT_NICE], 20.0 * 0.35 / 3, 1e-9,
                       "terraform only listed, the others absent");
    cr_assert_float_eq(s.points[CRIT_YEARS], 15.0, 1e-9, "9.8 relevant years, 5 asked");
    cr_assert_float_eq(s.comparable_years, 9.75, 1e-9, "Backend positions since 03/2017");
    cr_assert_float_eq(s.points[CRIT_COMPARABLE], 10.0, 1e-9);
    cr_assert_float_eq(s.points[CRIT_RECENCY], 15.0 * (3 * 1.0 + 2 * aged + 1 * aged + 0.4) / 7,
                       1e-6);
    cr_assert_not(s.capped);
    cr_assert_float_eq(s.penalty, 0, 1e-9);
    cr_assert_not_null(strstr(s.reasons[CRIT_MUST], "3 of 3 must-haves found"));
    cr_assert_not_null(strstr(s.reasons[CRIT_MUST],
                              "go: 5.9 years in 1 position, latest 'Senior Backend Engineer' at "
                              "Example Freight Ltd, 2021-01 to present"),
                       "%s", s.reasons[CRIT_MUST]);
    cr_assert_not_null(strstr(s.reasons[CRIT_NICE], "terraform: only listed"));
    cr_assert_not_null(strstr(s.reasons[CRIT_COMPARABLE], "9.8 years"));
    screen_cleanup(&s);
    role_cleanup(&role);
}

Test(screen, evidence_counts_more_than_a_mention)
{
    static const char *const used[] = {"go", NULL}, *listed[] = {"terraform", NULL};
    static const int w[] = {1};
    struct role a, b;
    struct screen_result x, y;
    role_with(&a, used, w, NULL, NULL);
    role_with(&b, listed, w, NULL, NULL);
    screen_score(&res, &a, &tax, today, &x);
    screen_score(&res, &b, &tax, today, &y);
    cr_assert_float_eq(x.points[CRIT_MUST], 60.0, 1e-9);
    cr_assert_float_eq(y.points[CRIT_MUST], 60.0 * 0.35, 1e-9, "only in the skills list");
    cr_assert_gt(x.score, y.score);
    screen_cleanup(&x);
    screen_cleanup(&y);
    role_cleanup(&a);
    role_cleanup(&b);
}

Test(screen, a_missing_must_have_lowers_the_score_by_its_share_and_is_named)
{
    static const char *const one[] = {"go", "docker", NULL},
                             *two[] = {"go", "docker", "cobol", NULL};
    static const int w[] = {1, 1, 1};
    struct role role, role2;
    struct screen_result s, s2;
    json_t *j;

    role_with(&role, one, w, NULL, NULL);
    role_with(&role2, two, w, NULL, NULL);
    screen_score(&res, &role, &tax, today, &s);
    screen_score(&res, &role2, &tax, today, &s2);
    cr_assert(s.capped, "flagged");
    cr_assert_float_eq(s.must_met, 0.5, 1e-9);
    cr_assert_float_eq(s.penalty, (s.score + s.penalty) * 0.5 * 0.5, 0.06,
                       "half of the missing share of the score");
    cr_assert_eq(s.nmissing, 1);
    cr_assert_str_eq(s.missing[0], "docker");
    cr_assert_float_eq(s.max[CRIT_MUST], 60.0, 1e-9, "no nice-to-haves: their points move");
    cr_assert_gt(s.score, s2.score, "missing two of three is worse than one of two");
    cr_assert_gt(s2.score, 0);
    j = screen_to_json(&s);
    cr_assert_str_eq(json_string_value(json_array_get(json_object_get(j, "must_have_missing"), 0)),
                     "docker");
    cr_assert(json_real_value(json_object_get(j, "penalty")) > 0);
    json_decref(j);
    screen_cleanup(&s);
    screen_cleanup(&s2);
    role_cleanup(&role);
    role_cleanup(&role2);
}

Test(screen, alternatives_are_met_by_any_one)
{
    static const char *const must[] = {"oracle database", "postgresql", NULL};
    static const int w[] = {3, 3};
    struct role role;
    struct screen_result s;
    role_with(&role, must, w, NULL, NULL);
    role.skills[0].group = role.skills[1].group = 1;
    screen_score(&res, &role, &tax, today, &s);
    cr_assert_not(s.capped, "postgresql meets 'oracle | postgresql'");
    cr_assert_eq(s.nmissing, 0);
    cr_assert_not_null(strstr(s.reasons[CRIT_MUST], "1 of 1 must-have found"), "%s",
                       s.reasons[CRIT_MUST]);
    screen_cleanup(&s);
    role.skills[1].name[0] = 'x'; /* neither: missing, named as the group */
    screen_score(&res, &role, &tax, today, &s);
    cr_assert_str_eq(s.missing[0], "oracle database | xostgresql");
    screen_cleanup(&s);
    role_cleanup(&role);
}

Test(screen, titles_are_alike_after_normalising)
{
    cr_assert_float_eq(screen_title_similarity("Sr. Java Dev", "Senior Java Developer"), 1.0, 1e-9);
    cr_assert_float_eq(screen_title_similarity("Back-end Engineer", "backend developer (remote)"),
                       1.0, 1e-9);
    cr_assert_lt(screen_title_similarity("Data Engineer", "Backend Engineer"), 0.5);
    cr_assert_float_eq(screen_title_similarity("Project Manager", "Java Developer"), 0, 1e-9);
    cr_assert_geq(screen_title_similarity("Java Developer", "Senior Java Back-end Developer"), 0.5);
}

Test(screen, other_names_of_one_trade_are_alike)
{
    cr_assert_geq(screen_title_similarity("Frontend Developer (React)", "Senior UI Developer"),
                  0.5);
    cr_assert_geq(screen_title_similarity("Data Engineer", "ETL Developer"), 0.5);
    cr_assert_float_eq(
        screen_title_similarity("QA Automation Engineer", "Test Automation Engineer"), 1.0, 1e-9);
    cr_assert_geq(screen_title_similarity("QA Automation Engineer", "Software Tester"), 0.0);
}

Test(screen, near_miss_titles_of_other_trades_are_not_alike)
{
    /* what the person is differs, however many other words the titles share */
    cr_assert_lt(screen_title_similarity("Data Engineer", "Data Analyst"), 0.5);
    cr_assert_lt(screen_title_similarity("Web Developer", "Web Designer"), 0.5);
    cr_assert_lt(screen_title_similarity("Java Backend Developer", "Java Instructor"), 0.5);
    cr_assert_lt(screen_title_similarity("QA Automation Engineer", "QA Inspector"), 0.5);
    cr_assert_lt(screen_title_similarity("DevOps Engineer", "Sales Engineer"), 0.5);
    /* the same noun in other spellings stays alike */
    cr_assert_float_eq(screen_title_similarity("Java Developer", "Java Engineer"), 1.0, 1e-9);
}

Test(screen, a_stored_parse_scores_as_the_parse_itself)
{
    static const char *const must[] = {"go", "postgresql", NULL};
    static const int mw[] = {2, 1};
    static const char *const nice[] = {"terraform", NULL};
    static const int nw[] = {1};
    struct role r;
    struct resume back;
    struct screen_result a, b;
    char msg[RB_ERRMSG] = "";
    json_t *j = resume_to_json(&res, &tax, "plain.txt", "text");
    char *s = json_dumps(j, JSON_COMPACT);
    json_t *o = json_loads(s, 0, NULL);

    role_with(&r, must, mw, nice, nw);
    cr_assert_eq(resume_from_json(o, &tax, today, &back, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(back.name, res.name);
    cr_assert_eq(back.nskills, res.nskills);
    cr_assert_eq(back.npositions, res.npositions);
    cr_assert_eq(back.experience_months, res.experience_months);
    screen_score(&res, &r, &tax, today, &a);
    screen_score(&back, &r, &tax, today, &b);
    cr_assert_float_eq(a.score, b.score, 1e-9);
    for (int c = 0; c < CRIT_COUNT; c++)
        cr_assert_str_eq(a.reasons[c], b.reasons[c]);
    screen_cleanup(&a);
    screen_cleanup(&b);
    resume_cleanup(&back);
    role_cleanup(&r);
    json_decref(o);
    json_decref(j);
    free(s);
}

Test(screen, a_damaged_stored_parse_is_refused)
{
    struct resume back;
    char msg[RB_ERRMSG] = "";
    json_t *o =
        json_pack("{s:[], s:[{s:s, s:n}]}", "skills", "positions", "start", "2019-13", "end");
    cr_assert_eq(resume_from_json(o, &tax, today, &back, msg), RB_EINVAL);
    cr_assert_not_null(strstr(msg, "positions"), "%s", msg);
    json_decref(o);
}

Test(screen, parser_key_changes_with_the_taxonomy)
{
    char a[128], b[128];
    resume_parser_key(&tax, a, sizeof a);
    tax.v[0].ambiguous = !tax.v[0].ambiguous;
    resume_parser_key(&tax, b, sizeof b);
    tax.v[0].ambiguous = !tax.v[0].ambiguous;
    cr_assert_str_neq(a, b);
}

static void
one_row(struct screen_row *w, const char *name, const char *file)
{
    static const char *const must[] = {"go", "cobol", NULL};
    static const int mw[] = {1, 1};
    struct role r;
    memset(w, 0, sizeof *w);
    role_with(&r, must, mw, NULL, NULL);
    screen_score(&res, &r, &tax, today, &w->s);
    role_cleanup(&r);
    w->id = strdup("0123456789ab");
    w->file = strdup(file);
    w->name = strdup(name);
    w->experience_years = 4.5;
}

Test(screen, csv_quotes_fields_and_defuses_formulas)
{
    struct screen_row w;
    struct buf out;
    json_t *errors = json_array();
    struct screen_report rep = {.role_id = "r", .rows = &w, .nrows = 1, .errors = errors};
    one_row(&w, "=HYPERLINK(\"x\")", "cvs/a,b.txt");
    buf_init(&out, 1 << 20);
    screen_report_csv(&rep, &out);
    cr_assert(strstr(buf_str(&out), "rank,id,score,capped,must_have_missing,must_have_points"));
    cr_assert_not_null(strstr(buf_str(&out), ",\"'=HYPERLINK(\"\"x\"\")\","), "%s", buf_str(&out));
    cr_assert_not_null(strstr(buf_str(&out), ",\"cvs/a,b.txt\"\r\n"));
    cr_assert_not_null(strstr(buf_str(&out), ",yes,cobol,"), "flagged, with what is missing");
    buf_cleanup(&out);
    screen_row_cleanup(&w);
    json_decref(errors);
}

Test(screen, blind_reports_name_nobody)
{
    struct screen_row w;
    struct buf out;
    json_t *errors =
        json_pack("[{s:s, s:s}]", "file", "cvs/Kai Brenner.pdf", "error", "encrypted PDF");
    struct screen_report rep = {
        .role_id = "r", .blind = true, .rows = &w, .nrows = 1, .errors = errors};
    json_t *j;
    char *s;
    one_row(&w, "Kai Brenner", "cvs/kai-brenner.txt");
    buf_init(&out, 1 << 20);
    screen_report_csv(&rep, &out);
    screen_report_html(&rep, &out);
    j = screen_report_json(&rep);
    s = json_dumps(j, 0);
    buf_puts(&out, s);
    cr_assert_null(strstr(buf_str(&out), "Kai"), "%s", buf_str(&out));
    cr_assert_null(strstr(buf_str(&out), "kai-brenner"));
    cr_assert_not_null(strstr(buf_str(&out), "0123456789ab"), "candidates are shown by id");
    cr_assert_not_null(strstr(buf_str(&out), "encrypted PDF"), "failures keep their reason");
    free(s);
    json_decref(j);
    buf_cleanup(&out);
    screen_row_cleanup(&w);
    json_decref(errors);
}
