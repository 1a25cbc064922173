/* SPDX-License-Identifier: MIT */
/*
 * Debriefs, comparisons, interviewer calibration and question insight over hand-built
 * scorecards (store_scorecards' shape). Every expected value is worked out in the comments
 * from the fixture, not read back from the code.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/debrief.h"
#include "core/insight.h"
#include "report/debrief_report.h"
#include "util/buf.h"

/* A role with api-design (weight 4), data-storage (2) and testing (1). */
static void
make_role(struct role *r)
{
    static const char *const ids[] = {"api-design", "data-storage", "testing"};
    static const int weights[] = {4, 2, 1};
    memset(r, 0, sizeof *r);
    r->id = strdup("backend-test");
    r->title = strdup("Backend <test> role");
    r->ncomps = 3;
    r->comps = calloc(3, sizeof *r->comps);
    for (size_t i = 0; i < 3; i++) {
        r->comps[i].id = strdup(ids[i]);
        r->comps[i].weight = weights[i];
    }
}

/* A scorecard: ratings given as "competency=rating" pairs, 0 for a competency with none. */
static json_t *
card(int id, int interview, int candidate, const char *cstage, const char *stage, const char *who,
     int who_id, const char *rec, const char *const *comps, const int *ratings, size_t n)
{
    json_t *c = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            c, json_pack("{s:s, s:o, s:o, s:n}", "competency", comps[i], "derived",
                         ratings[i] ? json_integer(ratings[i]) : json_null(), "rating",
                         ratings[i] ? json_integer(ratings[i]) : json_null(), "override_reason"));
    return json_pack("{s:i, s:i, s:i, s:s, s:s, s:s, s:s, s:i, s:s, s:n, s:[], s:o, s:[]}", "id",
                     id, "interview", interview, "candidate", candidate, "role", "backend-test",
                     "stage", stage, "candidate_stage", cstage, "interviewer", who,
                     "interviewer_id", who_id, "recommendation", rec, "notes", "ratings",
                     "competencies", c, "amendments");
}

static double
num(const json_t *o, const char *path)
{
    /* "a.b.c" through objects, "[n]" for array items */
    char key[64];
    const char *p = path;
    while (*p && o) {
        size_t n = strcspn(p, ".");
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        if (key[0] == '[')
            o = json_array_get(o, strtoul(key + 1, NULL, 10));
        else
            o = json_object_get(o, key);
        p += n + (p[n] == '.');
    }
    cr_assert(json_is_number(o), "%s is not a number", path);
    return json_number_value(o);
}

static bool
is_null(const json_t *o, const char *key)
{
    return json_is_null(json_object_get(o, key));
}

/*
 * Candidate 7: interview 1 (technical) with ana and bo, interview 2 (onsite) with cy and dee
 * (dee has not submitted). Candidate 8: interview 3 (technical) with ana.
 *   card 1  ana  cand 7  yes         api-design 4, data-storage 3
 *   card 2  bo   cand 7  no          api-design 2, data-storage 2
 *   card 3  cy   cand 7  strong-yes  api-design 3, data-storage none, communication 4
 *   card 4  ana  cand 8  strong-no   api-design 1, data-storage 2, testing 1
 */
static json_t *
fixture_cards(void)
{
    static const char *const ad[] = {"api-design", "data-storage"};
    static const char *const c3[] = {"api-design", "data-storage", "communication"};
    static const char *const all[] = {"api-design", "data-storage", "testing"};
    json_t *a = json_array();
    json_array_append_new(a, card(1, 1, 7, "interviewing", "technical", "ana@example.org", 10,
                                  "yes", ad, (const int[]){4, 3}, 2));
    json_array_append_new(a, card(2, 1, 7, "interviewing", "technical", "bo@example.org", 11, "no",
                                  ad, (const int[]){2, 2}, 2));
    json_array_append_new(a, card(3, 2, 7, "interviewing", "onsite", "cy@example.org", 12,
                                  "strong-yes", c3, (const int[]){3, 0, 4}, 3));
    json_array_append_new(a, card(4, 3, 8, "rejected", "technical", "ana@example.org", 10,
                                  "strong-no", all, (const int[]){1, 2, 1}, 3));
    return a;
}

static json_t *
only_candidate(const json_t *cards, int id)
{
    json_t *a = json_array();
    size_t i;
    const json_t *c;
    json_array_foreach(cards, i, c)
    {
        if (json_integer_value(json_object_get(c, "candidate")) == id)
            json_array_append_new(a, json_deep_copy(c));
    }
    return a;
}

static const json_t *
competency(const json_t *d, const char *id)
{
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(d, "competencies"), i, c)
    {
        if (strcmp(json_string_value(json_object_get(c, "competency")), id) == 0)
            return c;
    }
    cr_assert_fail("no competency %s", id);
    return NULL;
}

static bool
has_flag(const json_t *c, const char *flag)
{
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(c, "flags"), i, f)
    {
        if (strcmp(json_string_value(f), flag) == 0)
            return true;
    }
    return false;
}

Test(debrief, spread_flags_and_weighted_summary)
{
    struct role r;
    json_t *cards = fixture_cards(), *mine = only_candidate(cards, 7), *d;
    json_t *interviews =
        json_loads("[{\"id\":1,\"stage\":\"technical\",\"interviewers\":[\"ana@example.org\","
                   "\"bo@example.org\"]},{\"id\":2,\"stage\":\"onsite\",\"interviewers\":"
                   "[\"cy@example.org\",\"dee@example.org\"]}]",
                   0, NULL);
    json_t *names = json_pack("{s:s}", "api-design", "API design");
    const json_t *c;
    make_role(&r);
    d = debrief_build(&r, NULL, mine, interviews, names);

    /* the role's three in its order, then communication (rated, not in the role) */
    cr_assert_eq(json_array_size(json_object_get(d, "competencies")), 4);
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(d, "competencies"), 3), "competency")),
                     "communication");

    /* api-design: 4, 2, 3 -> mean 3, spread 4 - 2 = 2: a disagreement */
    c = competency(d, "api-design");
    cr_assert_str_eq(json_string_value(json_object_get(c, "name")), "API design");
    cr_assert_eq(json_array_size(json_object_get(c, "ratings")), 3);
    cr_assert_float_eq(num(c, "mean"), 3.0, 1e-9);
    cr_assert_float_eq(num(c, "spread"), 2, 1e-9);
    cr_assert(has_flag(c, "disagreement"));
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(c, "ratings"), 1), "interviewer")),
                     "bo@example.org");
    cr_assert_float_eq(num(c, "ratings.[1].rating"), 2, 1e-9);

    /* data-storage: 3, 2 -> mean 2.5, spread 1: no flag */
    c = competency(d, "data-storage");
    cr_assert_float_eq(num(c, "mean"), 2.5, 1e-9);
    cr_assert_float_eq(num(c, "spread"), 1, 1e-9);
    cr_assert_eq(json_array_size(json_object_get(c, "flags")), 0);
    cr_assert_str_eq(json_string_value(json_object_get(c, "name")), "data-storage");

    /* testing: weight 1, never rated -> not assessed, no mean, no spread */
    c = competency(d, "testing");
    cr_assert(has_flag(c, "not-assessed"));
    cr_assert(!has_flag(c, "disagreement"));
    cr_assert(is_null(c, "mean") && is_null(c, "spread"));

    /* communication: weight 0, one rating -> spread null, never "not assessed" */
    c = competency(d, "communication");
    cr_assert(is_null(c, "spread"));
    cr_assert_float_eq(num(c, "weight"), 0, 1e-9);
    cr_assert_eq(json_array_size(json_object_get(c, "flags")), 0);

    /* summary: (4 * 3 + 2 * 2.5) / (4 + 2) = 17 / 6 = 2.833; coverage 6 of 7 = 0.857 */
    cr_assert_float_eq(num(d, "summary.score"), 2.833, 1e-9);
    cr_assert_float_eq(num(d, "summary.coverage"), 0.857, 1e-9);
    cr_assert_float_eq(num(d, "summary.assessed_weight"), 6, 1e-9);
    cr_assert_float_eq(num(d, "summary.total_weight"), 7, 1e-9);
    cr_assert_float_eq(num(d, "summary.interviewers"), 3, 1e-9);
    cr_assert_float_eq(num(d, "summary.disagreements"), 1, 1e-9);
    cr_assert_float_eq(num(d, "summary.not_assessed"), 1, 1e-9);

    /* recommendations side by side and counted */
    cr_assert_eq(json_array_size(json_object_get(d, "recommendations")), 3);
    cr_assert_float_eq(num(d, "recommendation_counts.strong-yes"), 1, 1e-9);
    cr_assert_float_eq(num(d, "recommendation_counts.yes"), 1, 1e-9);
    cr_assert_float_eq(num(d, "recommendation_counts.no"), 1, 1e-9);
    cr_assert_float_eq(num(d, "recommendation_counts.strong-no"), 0, 1e-9);

    /* dee is on interview 2's panel without a scorecard */
    cr_assert_eq(json_array_size(json_object_get(d, "pending")), 1);
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(d, "pending"), 0), "interviewer")),
                     "dee@example.org");
    cr_assert_float_eq(num(d, "candidate"), 7, 1e-9);

    json_decref(d);
    json_decref(names);
    json_decref(interviews);
    json_decref(mine);
    json_decref(cards);
    role_cleanup(&r);
}

Test(debrief, nothing_assessed_has_no_score)
{
    struct role r;
    json_t *none = json_array(), *d;
    make_role(&r);
    d = debrief_build(&r, NULL, none, NULL, NULL);
    cr_assert(is_null(json_object_get(d, "summary"), "score"));
    cr_assert_float_eq(num(d, "summary.coverage"), 0, 1e-9);
    /* every weighted competency is flagged */
    cr_assert_float_eq(num(d, "summary.not_assessed"), 3, 1e-9);
    json_decref(d);
    json_decref(none);
    role_cleanup(&r);
}

Test(debrief, compare_ranks_candidates_on_the_same_competencies)
{
    struct role r;
    json_t *cards = fixture_cards(), *cmp;
    json_t *cands = json_loads("[{\"id\":8,\"name\":\"Noor Testcase\"},"
                               "{\"id\":7,\"name\":\"Ada Example\"}]",
                               0, NULL);
    const json_t *first, *second;
    make_role(&r);
    cmp = debrief_compare(&r, cards, cands, NULL);
    cr_assert_eq(json_array_size(json_object_get(cmp, "competencies")), 3);
    cr_assert_eq(json_array_size(json_object_get(cmp, "candidates")), 2);
    /* candidate 7: 17 / 6 = 2.833; candidate 8: (4 * 1 + 2 * 2 + 1 * 1) / 7 = 9 / 7 = 1.286 */
    first = json_array_get(json_object_get(cmp, "candidates"), 0);
    second = json_array_get(json_object_get(cmp, "candidates"), 1);
    cr_assert_float_eq(num(first, "candidate"), 7, 1e-9);
    cr_assert_str_eq(json_string_value(json_object_get(first, "name")), "Ada Example");
    cr_assert_float_eq(num(first, "score"), 2.833, 1e-9);
    cr_assert_float_eq(num(first, "means.data-storage"), 2.5, 1e-9);
    cr_assert(is_null(json_object_get(first, "means"), "testing"));
    /* communication is not the role's: not a column */
    cr_assert_null(json_object_get(json_object_get(first, "means"), "communication"));
    cr_assert_float_eq(num(second, "score"), 1.286, 1e-9);
    cr_assert_float_eq(num(second, "coverage"), 1, 1e-9);
    cr_assert_float_eq(num(second, "recommendations.strong-no"), 1, 1e-9);
    cr_assert_str_eq(json_string_value(json_object_get(second, "candidate_stage")), "rejected");
    json_decref(cmp);
    json_decref(cands);
    json_decref(cards);
    role_cleanup(&r);
}

static const json_t *
interviewer(const json_t *cal, const char *email)
{
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(cal, "interviewers"), i, c)
    {
        if (strcmp(json_string_value(json_object_get(c, "interviewer")), email) == 0)
            return c;
    }
    cr_assert_fail("no interviewer %s", email);
    return NULL;
}

Test(insight, calibration_against_the_panel_on_shared_candidates)
{
    json_t *cards = fixture_cards(), *cal = insight_interviewers(cards, 5), *one;
    const json_t *ana = interviewer(cal, "ana@example.org"),
                 *bo = interviewer(cal, "bo@example.org");

    /* ana: cards 1 and 4, competency ratings 4, 3, 1, 2, 1 -> mean 11 / 5 = 2.2; one yes of
     * two recommendations -> 0.5 */
    cr_assert_float_eq(num(ana, "scorecards"), 2, 1e-9);
    cr_assert_float_eq(num(ana, "candidates"), 2, 1e-9);
    cr_assert_float_eq(num(ana, "ratings"), 5, 1e-9);
    cr_assert_float_eq(num(ana, "mean_rating"), 2.2, 1e-9);
    cr_assert_float_eq(num(ana, "yes_rate"), 0.5, 1e-9);
    /* shared candidates: only 7 (nobody else scored 8). ana on 7: (4 + 3) / 2 = 3.5; the
     * panel (bo 2, 2; cy 3 and communication 4): 11 / 4 = 2.75; difference 0.75. yes: ana 1,
     * panel 1 of 2 */
    cr_assert_float_eq(num(ana, "panel.n"), 1, 1e-9);
    cr_assert_float_eq(num(ana, "panel.mean_rating"), 3.5, 1e-9);
    cr_assert_float_eq(num(ana, "panel.panel_mean_rating"), 2.75, 1e-9);
    cr_assert_float_eq(num(ana, "panel.rating_difference"), 0.75, 1e-9);
    cr_assert_float_eq(num(ana, "panel.yes_rate_difference"), 0.5, 1e-9);
    /* one shared candidate of the five needed */
    cr_assert(json_is_false(json_object_get(ana, "enough_data")));
    cr_assert(strstr(json_string_value(json_object_get(ana, "note")), "1 of the 5"));

    /* bo on 7: (2 + 2) / 2 = 2; the panel (ana 4, 3; cy 3, 4): 14 / 4 = 3.5; difference
     * -1.5; yes: 0 against 2 of 2 */
    cr_assert_float_eq(num(bo, "panel.rating_difference"), -1.5, 1e-9);
    cr_assert_float_eq(num(bo, "panel.panel_yes_rate"), 1, 1e-9);
    cr_assert_float_eq(num(bo, "panel.yes_rate_difference"), -1, 1e-9);

    /* sorted by email, and with a lower bar there is enough data */
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(cal, "interviewers"), 0), "interviewer")),
                     "ana@example.org");
    one = insight_interviewers(cards, 1);
    cr_assert(json_is_true(json_object_get(interviewer(one, "ana@example.org"), "enough_data")));
    cr_assert(is_null(interviewer(one, "ana@example.org"), "note"));
    json_decref(one);
    json_decref(cal);
    json_decref(cards);
}

/* One scorecard per candidate rating the given questions; 0: in the kit, not asked. */
static json_t *
qcard(int candidate, const char *cstage, const char *const *qs, const int *ratings, size_t n)
{
    json_t *rs = json_array(), *c;
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            rs, json_pack("{s:s, s:s, s:o, s:n}", "question", qs[i], "competency", "api-design",
                          "rating", ratings[i] ? json_integer(ratings[i]) : json_null(), "notes"));
    c = card(candidate, candidate, candidate, cstage, "technical", "ana@example.org", 10, "yes",
             NULL, NULL, 0);
    json_object_set_new(c, "ratings", rs);
    return c;
}

static const json_t *
question(const json_t *ins, const char *id)
{
    size_t i;
    const json_t *q;
    json_array_foreach(json_object_get(ins, "questions"), i, q)
    {
        if (strcmp(json_string_value(json_object_get(q, "question")), id) == 0)
            return q;
    }
    cr_assert_fail("no question %s", id);
    return NULL;
}

/*
 *            c1 hired  c2 hired  c3 offer  c4 rejected  c5 rejected  c6 interviewing
 *   q-good      4         3         3          1            2             4
 *   q-weak      2         2         3          4            3             -
 *   q-flat      3         3         3          3            3             -
 *   q-few       1         -         -          4            -             -
 *   q-skip      -         -         -          -            -          (not asked)
 */
static json_t *
question_cards(void)
{
    static const char *const qs[] = {"q-good", "q-weak", "q-flat", "q-few"};
    static const char *const skip[] = {"q-good", "q-skip"};
    static const char *const stages[] = {"hired", "hired", "offer", "rejected", "rejected"};
    static const int r[5][4] = {
        {4, 2, 3, 1}, {3, 2, 3, 0}, {3, 3, 3, 0}, {1, 4, 3, 4}, {2, 3, 3, 0}};
    json_t *a = json_array();
    for (int c = 0; c < 5; c++) {
        size_t n = r[c][3] ? 4 : 3;
        json_array_append_new(a, qcard(c + 1, stages[c], qs, r[c], n));
    }
    json_array_append_new(a, qcard(6, "interviewing", skip, (const int[]){4, 0}, 2));
    return a;
}

Test(insight, question_distribution_and_agreement_with_the_decision)
{
    json_t *cards = question_cards(), *ins = insight_questions(cards, 5), *two;
    const json_t *q;

    /* most asked first: q-good (6), then q-flat and q-weak (5, by id), q-few, q-skip */
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(ins, "questions"), 0), "question")),
                     "q-good");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(ins, "questions"), 1), "question")),
                     "q-flat");

    /* q-good: asked 6 times, ratings 4 3 3 1 2 4 -> distribution 1 1 2 2, mean 17 / 6 */
    q = question(ins, "q-good");
    cr_assert_float_eq(num(q, "asked"), 6, 1e-9);
    cr_assert_float_eq(num(q, "distribution.[0]"), 1, 1e-9);
    cr_assert_float_eq(num(q, "distribution.[2]"), 2, 1e-9);
    cr_assert_float_eq(num(q, "distribution.[3]"), 2, 1e-9);
    cr_assert_float_eq(num(q, "mean"), 2.833, 1e-9);
    /* decided: 5 (c6 is undecided); hired 4 3 3 -> 3.333, rejected 1 2 -> 1.5; every rating
     * on the right side of 3 -> agreement 1. Point-biserial: mean 13 / 5 = 2.6, variance
     * 39 / 5 - 2.6^2 = 1.04, p = 0.6: (3.333 - 1.5) / sqrt(1.04) * sqrt(0.24) = 0.881 */
    cr_assert_float_eq(num(q, "decided.n"), 5, 1e-9);
    cr_assert_float_eq(num(q, "decided.positive_mean"), 3.333, 1e-9);
    cr_assert_float_eq(num(q, "decided.negative_mean"), 1.5, 1e-9);
    cr_assert_float_eq(num(q, "decided.agreement"), 1, 1e-9);
    cr_assert_float_eq(num(q, "decided.correlation"), 0.881, 1e-9);
    cr_assert(json_is_false(json_object_get(q, "consider_retiring")));

    /* q-weak: 2 2 3 for hired, 4 3 for rejected: only c3's 3 agrees -> 1 / 5 = 0.2 */
    q = question(ins, "q-weak");
    cr_assert_float_eq(num(q, "decided.agreement"), 0.2, 1e-9);
    cr_assert(json_is_true(json_object_get(q, "consider_retiring")));
    cr_assert(strstr(json_string_value(json_object_get(q, "reason")), "20% of 5"));

    /* q-flat: all 3: agreement 3 / 5 = 0.6 (not below the bar) but the ratings cannot tell
     * hired from rejected: no correlation, and weak */
    q = question(ins, "q-flat");
    cr_assert_float_eq(num(q, "decided.agreement"), 0.6, 1e-9);
    cr_assert(is_null(json_object_get(q, "decided"), "correlation"));
    cr_assert(json_is_true(json_object_get(q, "consider_retiring")));

    /* q-few: both decided ratings disagree, but 2 < 5 is too little to judge */
    q = question(ins, "q-few");
    cr_assert_float_eq(num(q, "decided.agreement"), 0, 1e-9);
    cr_assert(json_is_false(json_object_get(q, "consider_retiring")));

    /* q-skip: in one kit, never asked */
    q = question(ins, "q-skip");
    cr_assert_float_eq(num(q, "in_kits"), 1, 1e-9);
    cr_assert_float_eq(num(q, "asked"), 0, 1e-9);
    cr_assert(is_null(q, "mean"));

    two = insight_questions(cards, 2);
    cr_assert(json_is_true(json_object_get(question(two, "q-few"), "consider_retiring")));
    json_decref(two);
    json_decref(ins);
    json_decref(cards);
}

Test(insight, decisions_from_stages)
{
    cr_assert_eq(insight_decision("hired"), 1);
    cr_assert_eq(insight_decision("offer"), 1);
    cr_assert_eq(insight_decision("rejected"), 0);
    cr_assert_eq(insight_decision("withdrawn"), -1);
    cr_assert_eq(insight_decision("interviewing"), -1);
    cr_assert_eq(insight_decision(NULL), -1);
}

Test(debrief, reports_escape_and_draw_every_rating)
{
    struct role r;
    json_t *cards = fixture_cards(), *mine = only_candidate(cards, 7), *d, *cmp;
    struct buf html;
    const char *s;
    size_t dots = 0;
    make_role(&r);
    json_object_set_new(json_array_get(mine, 0), "interviewer",
                        json_string("<script>@example.org"));
    d = debrief_build(&r, NULL, mine, NULL, NULL);
    buf_init(&html, 1 << 22);
    debrief_report_html(d, &html);
    s = buf_str(&html);
    cr_assert(strstr(s, "<svg"));
    cr_assert_null(strstr(s, "<script>"));
    cr_assert(strstr(s, "&lt;script&gt;"));
    cr_assert(strstr(s, "Backend &lt;test&gt; role"));
    /* one dot per rating: api-design 3, data-storage 2, communication 1 */
    for (const char *p = s; (p = strstr(p, "class=\"dot\"")); p++)
        dots++;
    cr_assert_eq(dots, 6);
    /* self-contained: nothing fetched */
    cr_assert_null(strstr(s, "src="));
    cr_assert_null(strstr(s, "<link"));
    buf_cleanup(&html);

    cmp = debrief_compare(&r, cards, NULL, NULL);
    buf_init(&html, 1 << 22);
    debrief_report_compare_csv(cmp, &html);
    /* a header, then one line per candidate */
    cr_assert(strncmp(buf_str(&html), "rank,candidate,name,stage,score,coverage", 40) == 0);
    dots = 0;
    for (const char *p = buf_str(&html); (p = strstr(p, "\r\n")); p++)
        dots++;
    cr_assert_eq(dots, 3);
    buf_cleanup(&html);
    json_decref(cmp);
    json_decref(d);
    json_decref(mine);
    json_decref(cards);
    role_cleanup(&r);
}
