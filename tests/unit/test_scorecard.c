/* SPDX-License-Identifier: MIT */
/* Scorecards without a store: derived ratings, the checks a filled scorecard must pass,
 * amendments that follow derived values, and what a diff records. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/scorecard.h"

/* An interview whose kit asks q1 and q2 on "api" and q3 on "data". */
static json_t *
interview(void)
{
    return json_loads("{\"id\": 4, \"candidate\": 2, \"stage\": \"technical\", \"kit\": "
                      "{\"role\": \"r\", \"questions\": ["
                      "{\"id\": \"q1\", \"title\": \"One\", \"minutes\": 10, "
                      "\"competencies\": [\"api\"]},"
                      "{\"id\": \"q2\", \"title\": \"Two\", \"minutes\": 10, "
                      "\"competencies\": [\"api\", \"data\"]},"
                      "{\"id\": \"q3\", \"title\": \"Three\", \"minutes\": 10, "
                      "\"competencies\": [\"data\"]}]}}",
                      0, NULL);
}

/* A role weighing api 3, data 2 and ops 1 (never asked). */
static struct role
role(void)
{
    static char *ids[] = {"api", "data", "ops"};
    static char *a[] = {"poor", "weak", "good", "strong"};
    static struct role_competency comps[3];
    struct role r = {0};
    for (int i = 0; i < 3; i++) {
        comps[i].id = ids[i];
        comps[i].weight = 3 - i;
        memcpy(comps[i].anchors, a, sizeof a);
    }
    r.id = "r";
    r.comps = comps;
    r.ncomps = 3;
    return r;
}

static enum rb_err
check(const char *text, struct scorecard_form *f, char *msg)
{
    json_t *doc = json_loads(text, 0, NULL), *iv = interview();
    struct role r = role();
    enum rb_err e;
    cr_assert_not_null(doc, "bad fixture: %s", text);
    e = scorecard_check(doc, iv, &r, f, msg);
    json_decref(doc);
    json_decref(iv);
    return e;
}

static const struct scorecard_comp *
comp(const struct scorecard_form *f, const char *id)
{
    for (size_t i = 0; i < f->card.ncomps; i++)
        if (!strcmp(f->card.comps[i].competency, id))
            return &f->card.comps[i];
    return NULL;
}

Test(scorecard, derived_rating_is_the_mean_with_halves_rounded_down)
{
    int a[] = {2, 3}, b[] = {3, 4, 4}, c[] = {1, 2, 2, 2}, d[] = {4}, e[] = {1, 4};
    cr_assert_eq(scorecard_derive(a, 2), 2); /* 2.5 */
    cr_assert_eq(scorecard_derive(b, 3), 4); /* 3.67 */
    cr_assert_eq(scorecard_derive(c, 4), 2); /* 1.75 */
    cr_assert_eq(scorecard_derive(d, 1), 4);
    cr_assert_eq(scorecard_derive(e, 2), 2); /* 2.5 */
    cr_assert_eq(scorecard_derive(NULL, 0), 0);
}

Test(scorecard, template_has_every_question_and_competency_blank)
{
    json_t *iv = interview(), *t;
    struct role r = role();
    t = scorecard_template(iv, &r);
    cr_assert_eq(json_array_size(json_object_get(t, "ratings")), 3);
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(t, "ratings"), 1), "competency")),
                     "api");
    cr_assert_eq(json_array_size(json_object_get(t, "competencies")), 3);
    cr_assert(json_is_null(json_object_get(t, "recommendation")));
    cr_assert_str_eq(
        json_string_value(json_object_get(
            json_object_get(json_array_get(json_object_get(t, "competencies"), 2), "anchors"),
            "4")),
        "strong");
    json_decref(t);
    json_decref(iv);
}

Test(scorecard, a_filled_template_passes_and_derives)
{
    struct scorecard_form f;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(check("{\"ratings\": [{\"question\": \"q1\", \"rating\": 2, \"notes\": \"ok\"},"
                       "{\"question\": \"q2\", \"rating\": 3}, {\"question\": \"q3\", \"rating\": "
                       "null}], \"recommendation\": \"strong yes\", \"scale\": {}}",
                       &f, msg),
                 RB_OK, "%s", msg);
    cr_assert_str_eq(f.card.recommendation, "strong-yes");
    cr_assert_eq(f.card.nratings, 3);
    cr_assert_eq(f.card.ratings[2].rating, 0);
    cr_assert_eq(comp(&f, "api")->derived, 2);
    cr_assert_eq(comp(&f, "api")->rating, 2);
    cr_assert_null(comp(&f, "data")); /* nothing rated */
    cr_assert_null(comp(&f, "ops"));
    cr_assert_not_null(strstr(f.original, "\"strong-yes\""));
    scorecard_form_cleanup(&f);
}

Test(scorecard, an_override_needs_a_reason)
{
    struct scorecard_form f;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(check("{\"ratings\": [{\"question\": \"q1\", \"rating\": 2}], "
                       "\"competencies\": [{\"competency\": \"api\", \"rating\": 4}], "
                       "\"recommendation\": \"yes\"}",
                       &f, msg),
                 RB_EINVAL);
    cr_assert_not_null(strstr(msg, "competencies[0].override_reason: the rating 4 differs from 2"),
                       "%s", msg);
    scorecard_form_cleanup(&f);
    cr_assert_eq(check("{\"ratings\": [{\"question\": \"q1\", \"rating\": 2}], "
                       "\"competencies\": [{\"competency\": \"api\", \"rating\": 4, "
                       "\"override_reason\": \"   \"}], \"recommendation\": \"yes\"}",
                       &f, msg),
                 RB_EINVAL, "a blank reason is no reason");
    scorecard_form_cleanup(&f);
    cr_assert_eq(check("{\"competencies\": [{\"competency\": \"ops\", \"rating\": 3, "
                       "\"override_reason\": \"came up in the system design\"}], "
                       "\"recommendation\": \"no\"}",
                       &f, msg),
                 RB_OK, "%s", msg);
    cr_assert_eq(comp(&f, "ops")->rating, 3);
    cr_assert_eq(comp(&f, "ops")->derived, 0);
    scorecard_form_cleanup(&f);
}

Test(scorecard, bad_scorecards_name_the_field)
{
    static const struct {
        const char *doc, *msg;
    } cases[] = {
        {"[]", "a scorecard is a JSON object"},
        {"{\"recommendation\": \"yes\"}", "rate at least one"},
        {"{\"ratings\": [{\"question\": \"q1\", \"rating\": 2}]}", "recommendation: give"},
        {"{\"ratings\": [{\"question\": \"q1\", \"rating\": 2.5}], \"recommendation\": \"yes\"}",
         "ratings[0].rating"},
        {"{\"ratings\": [{\"question\": \"q1\", \"rating\": \"3\"}], \"recommendation\": \"yes\"}",
         "ratings[0].rating"},
        {"{\"ratings\": [{\"question\": \"q1\", \"rating\": 2}, {\"question\": \"q1\", "
         "\"rating\": 3}], \"recommendation\": \"yes\"}",
         "ratings[1].question: 'q1' is rated twice"},
        {"{\"ratings\": [{\"question\": \"q3\", \"competency\": \"api\", \"rating\": 2}], "
         "\"recommendation\": \"yes\"}",
         "ratings[0].competency"},
        {"{\"ratings\": [{\"question\": \"q1\", \"rating\": 2, \"score\": 1}], "
         "\"recommendation\": \"yes\"}",
         "ratings[0].score: not a field"},
        {"{\"competencies\": [{\"competency\": \"cooking\", \"rating\": 2, "
         "\"override_reason\": \"x\"}], \"recommendation\": \"yes\"}",
         "competencies[0].competency: 'cooking'"},
        {"{\"ratings\": [{\"question\": \"q1\", \"rating\": 2}], \"notes\": 7, "
         "\"recommendation\": \"yes\"}",
         "notes: give text"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct scorecard_form f;
        char msg[RB_ERRMSG] = "";
        cr_assert_eq(check(cases[i].doc, &f, msg), RB_EINVAL, "%s", cases[i].doc);
        cr_assert_not_null(strstr(msg, cases[i].msg), "%s: got '%s'", cases[i].doc, msg);
        scorecard_form_cleanup(&f);
    }
}

/* A stored scorecard (store_scorecards' shape) where api was derived and data overridden. */
static json_t *
stored(void)
{
    return json_loads(
        "{\"id\": 1, \"interview\": 4, \"interviewer\": \"ada@example.org\", "
        "\"recommendation\": \"no\", \"notes\": null, \"ratings\": ["
        "{\"question\": \"q1\", \"competency\": \"api\", \"rating\": 2, \"notes\": null},"
        "{\"question\": \"q2\", \"competency\": \"api\", \"rating\": 2, \"notes\": null},"
        "{\"question\": \"q3\", \"competency\": \"data\", \"rating\": 3, \"notes\": \"n\"}],"
        "\"competencies\": [{\"competency\": \"api\", \"derived\": 2, \"rating\": 2, "
        "\"override_reason\": null}, {\"competency\": \"data\", \"derived\": 3, \"rating\": 1, "
        "\"override_reason\": \"weak follow-up\"}], \"amendments\": [], \"original\": {}}",
        0, NULL);
}

Test(scorecard, an_amendment_follows_derived_values_and_keeps_overrides)
{
    json_t *now = stored(), *iv = interview(), *doc,
           *patch = json_loads("{\"ratings\": [{\"question\": \"q1\", \"rating\": 4}, "
                               "{\"question\": \"q3\", \"rating\": 4}]}",
                               0, NULL);
    struct role r = role();
    struct scorecard_form f;
    struct scorecard_diff d;
    char msg[RB_ERRMSG] = "";
    bool rec = false, q1 = false, api = false, data = false;

    cr_assert_not_null(doc = scorecard_patch(now, patch, msg), "%s", msg);
    cr_assert_eq(scorecard_check(doc, iv, &r, &f, msg), RB_OK, "%s", msg);
    cr_assert_eq(comp(&f, "api")->rating, 3, "(4 + 2) / 2 = 3: followed the new derived value");
    cr_assert_eq(comp(&f, "data")->rating, 1, "the override stays");
    cr_assert_eq(comp(&f, "data")->derived, 4);
    scorecard_diff(now, &f, &d);
    for (size_t i = 0; i < d.n; i++) {
        const struct scorecard_change *c = &d.v[i];
        rec = rec || !strcmp(c->field, "recommendation");
        q1 = q1 || (!strcmp(c->field, "rating:q1") && !strcmp(c->old_value, "2") &&
                    !strcmp(c->new_value, "4"));
        api = api || (!strcmp(c->field, "competency:api") && !strcmp(c->new_value, "3"));
        data = data || !strcmp(c->field, "competency:data");
    }
    cr_assert(!rec && q1 && api && !data);
    cr_assert_eq(d.n, 3, "q1, q3 and api changed");
    scorecard_diff_cleanup(&d);
    scorecard_form_cleanup(&f);
    json_decref(doc);
    json_decref(patch);

    patch = json_loads("{\"ratings\": [{\"question\": \"q9\", \"rating\": 4}]}", 0, NULL);
    cr_assert_null(scorecard_patch(now, patch, msg));
    cr_assert_not_null(strstr(msg, "ratings[0].question: 'q9'"), "%s", msg);
    json_decref(patch);
    json_decref(now);
    json_decref(iv);
}
