/* SPDX-License-Identifier: MIT */
/*
 * The JSON the store returns, held to store/store_shapes.h key by key: the demo's world is
 * made through core's own calls, then every call that answers with JSON is asked once and its
 * answer checked against its shape, nested objects and every array element included. It runs
 * on PostgreSQL too (RUBRIC_TEST_PG, helpers.h): a second backend passes it unchanged or its
 * JSON differs from SQLite's.
 */
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/demo.h"
#include "helpers.h"
#include "resume/skillscan.h"
#include "store/store.h"
#include "store/store_shapes.h"

/* ---- a small checker of store_shapes.h's notation ------------------------------------- */

struct cursor {
    const char *p;
    char path[256];
    char err[512];
};

static void
skip_space(struct cursor *c)
{
    while (*c->p == ' ')
        c->p++;
}

static bool check_value(struct cursor *c, json_t *v);

static void
fail(struct cursor *c, const char *what, json_t *v)
{
    char *text = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    if (!c->err[0])
        snprintf(c->err, sizeof c->err, "%s: %s, got %.200s", c->path[0] ? c->path : "(top)", what,
                 text ? text : "nothing");
    free(text);
}

/* Skips one value of the notation without checking it, its trailing '?' too. */
static void
skip_value(struct cursor *c)
{
    int depth = 0;
    if (*c->p == '{' || *c->p == '[') {
        do {
            if (*c->p == '{' || *c->p == '[')
                depth++;
            else if (*c->p == '}' || *c->p == ']')
                depth--;
            c->p++;
        } while (*c->p && depth > 0);
        if (*c->p == '?')
            c->p++;
        return;
    }
    while (*c->p && *c->p != ' ' && *c->p != '}' && *c->p != ']')
        c->p++;
}

static bool
check_object(struct cursor *c, json_t *v)
{
    const char *named[128];
    size_t keys = 0, plen = strlen(c->path);
    bool ok = json_is_object(v), open_ended = false;
    if (!ok)
        fail(c, "expected an object", v);
    c->p++; /* '{' */
    for (skip_space(c); *c->p && *c->p != '}'; skip_space(c)) {
        const char *colon = strchr(c->p, ':');
        if (strncmp(c->p, "...", 3) == 0) { /* other keys allowed */
            open_ended = true;
            c->p += 3;
            continue;
        }
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)(colon - c->p), c->p);
        cr_assert_lt(keys, sizeof named / sizeof named[0], "too many keys in a shape");
        named[keys] =
            json_object_get(v, key) ? json_object_iter_key(json_object_iter_at(v, key)) : NULL;
        c->p = colon + 1;
        snprintf(c->path + plen, sizeof c->path - plen, ".%s", key);
        if (!ok)
            skip_value(c);
        else if (!json_object_get(v, key)) {
            fail(c, "missing", NULL);
            skip_value(c);
            ok = false;
        } else
            ok = check_value(c, json_object_get(v, key)) && ok;
        keys++;
    }
    c->path[plen] = 0;
    c->p++; /* '}' */
    if (ok && !open_ended && json_object_size(v) != keys) {
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x)
        {
            bool known = false;
            for (size_t i = 0; i < keys && !known; i++)
                known = named[i] && strcmp(named[i], k) == 0;
            if (known)
                continue;
            snprintf(c->path + plen, sizeof c->path - plen, ".%s", k);
            fail(c, "a key the shape does not name", x);
            c->path[plen] = 0;
            break;
        }
        ok = false;
    }
    return ok;
}

static bool
check_array(struct cursor *c, json_t *v)
{
    const char *elem;
    size_t i, plen = strlen(c->path);
    json_t *x;
    bool ok = true;
    if (!json_is_array(v)) {
        fail(c, "expected an array", v);
        c->p++;
        skip_value(c);
        c->p++;
        return false;
    }
    elem = ++c->p;
    if (*elem == ']') {
        c->p++;
        return true; /* elements of any kind */
    }
    json_array_foreach(v, i, x)
    {
        c->p = elem;
        snprintf(c->path + plen, sizeof c->path - plen, "[%zu]", i);
        ok = check_value(c, x) && ok;
    }
    c->path[plen] = 0;
    c->p = elem;
    skip_value(c);
    c->p++; /* ']' */
    return ok;
}

static bool
check_value(struct cursor *c, json_t *v)
{
    size_t n = strcspn(c->p, " ?}]");
    bool nullable = c->p[n] == '?', ok = false;

    if (*c->p == '{' || *c->p == '[') {
        const char *start = c->p;
        skip_value(c);
        if (c->p[-1] == '?' && json_is_null(v))
            return true;
        c->p = start;
        ok = *c->p == '{' ? check_object(c, v) : check_array(c, v);
        if (*c->p == '?')
            c->p++;
        return ok;
    }
    if (nullable && json_is_null(v))
        ok = true;
    else if (strncmp(c->p, "int", n) == 0 && n == 3)
        ok = json_is_integer(v);
    else if (strncmp(c->p, "num", n) == 0 && n == 3)
        ok = json_is_number(v);
    else if (strncmp(c->p, "str", n) == 0 && n == 3)
        ok = json_is_string(v);
    else if (strncmp(c->p, "bool", n) == 0 && n == 4)
        ok = json_is_boolean(v);
    else if (strncmp(c->p, "obj", n) == 0 && n == 3)
        ok = json_is_object(v);
    else if (strncmp(c->p, "any", n) == 0 && n == 3)
        ok = v != NULL;
    else
        cr_assert_fail("bad shape notation at '%.20s'", c->p);
    if (!ok) {
        char what[32];
        snprintf(what, sizeof what, "expected %.*s%s", (int)n, c->p, nullable ? " or null" : "");
        fail(c, what, v);
    }
    c->p += n + nullable;
    return ok;
}

static void
assert_shape(const char *call, json_t *v, const char *shape)
{
    struct cursor c = {.p = shape};
    bool ok = check_value(&c, v);
    cr_expect(ok, "%s: %s", call, c.err);
    cr_assert(!*c.p, "%s: shape notation left over: '%s'", call, c.p);
    json_decref(v);
}

/* ---- the notation itself ------------------------------------------------------------- */

Test(store_shapes, the_checker_tells_a_wrong_shape_from_a_right_one)
{
    struct cursor c = {.p = "{a:int b:str? c:[{d:num}] e:[]}"};
    json_t *v =
        json_loads("{\"a\":1,\"b\":null,\"c\":[{\"d\":1.5},{\"d\":2}],\"e\":[1,\"x\"]}", 0, NULL);
    cr_assert(check_value(&c, v), "%s", c.err);
    json_decref(v);
    c = (struct cursor){.p = "{a:obj ...}"};
    v = json_loads("{\"a\":{\"x\":1},\"z\":[]}", 0, NULL);
    cr_assert(check_value(&c, v), "open-ended objects take other keys: %s", c.err);
    json_decref(v);

    const char *bad[] = {
        "{\"a\":\"1\",\"b\":null,\"c\":[],\"e\":[]}",          /* a's type */
        "{\"a\":1,\"c\":[],\"e\":[]}",                         /* b missing */
        "{\"a\":1,\"b\":null,\"c\":[{\"d\":\"x\"}],\"e\":[]}", /* an element's key */
        "{\"a\":1,\"b\":null,\"c\":[],\"e\":[],\"f\":true}",   /* a key not named */
        "{\"a\":1,\"b\":null,\"c\":{},\"e\":[]}",              /* an object for an array */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct cursor k = {.p = "{a:int b:str? c:[{d:num}] e:[]}"};
        v = json_loads(bad[i], 0, NULL);
        cr_assert_not_null(v);
        cr_assert(!check_value(&k, v), "case %zu passed", i);
        json_decref(v);
    }
}

/* ---- every call, on the demo's world ------------------------------------------------- */

static long long
first_id(json_t *items)
{
    return json_integer_value(json_object_get(json_array_get(items, 0), "id"));
}

Test(store_shapes, every_call_answers_in_its_documented_shape, .timeout = 300)
{
    struct store *s;
    struct skills tax;
    struct opening_reader rd = {0};
    struct demo_counts n;
    struct user *users = NULL;
    size_t nusers = 0, total;
    long long candidate, interview, opening, application, screening, resume, admin = 0, panel = 0;
    long long learner = 0;
    long long rev, tok, resumes[1];
    json_t *items, *counts, *v;
    char msg[RB_ERRMSG] = "", *criteria = NULL;
    bool blind;

    cr_assert_eq(test_store_open("sqlite::memory:", &s, msg), RB_OK, "%s", msg);
    cr_assert_eq(skillscan_builtin(&tax, &rd.sc, msg), RB_OK, "%s", msg);
    rd.taxonomy = &tax;
    cr_assert_eq(demo_fill(s, &rd, &n, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_user_list(s, &users, &nusers, msg), RB_OK, "%s", msg);
    for (size_t i = 0; i < nusers; i++) {
        if (users[i].role == USER_ADMIN || users[i].role == USER_RECRUITER)
            admin = admin ? admin : users[i].id;
        if (users[i].role == USER_INTERVIEWER)
            panel = panel ? panel : users[i].id;
        if (users[i].role == USER_CANDIDATE)
            learner = learner ? learner : users[i].id;
        user_cleanup(&users[i]);
    }
    free(users);
    cr_assert(panel && learner, "the demo has interviewers and someone practising");
    if (!admin) {
        struct user u = {.email = "shape-admin@example.org", .role = USER_ADMIN};
        cr_assert_eq(store_user_add(s, &u, NULL, &admin, msg), RB_OK, "%s", msg);
    }

    /* what the demo leaves out: a scored resume, a draft, a mail, a token, answers */
    cr_assert_eq(store_screening_claim(s, 1000, 60, &screening, &criteria, &blind, msg), RB_OK,
                 "%s", msg);
    free(criteria);
    cr_assert_eq(store_screening_next(s, screening, 1, resumes, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(total, 1);
    resume = resumes[0];
    struct screening_outcome out = {.resume = resume, .score = 71.5, .result = "{\"score\":71.5}"};
    cr_assert_eq(store_screening_record(s, screening, &out, 1, 1001, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_token_create(s, admin, "shapes", "00ff", &tok, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_outbox_add(s,
                                  &(struct mail_new){.kind = "invite",
                                                     .recipient = "panel@example.org",
                                                     .subject = "An interview",
                                                     .body = "Tomorrow at ten.",
                                                     .next_try = 1},
                                  msg),
                 RB_OK, "%s", msg);

    cr_assert_eq(store_interview_find(s, &(struct interview_filter){.account = panel}, 1, 0, &items,
                                      &total, msg),
                 RB_OK, "%s", msg);
    interview = first_id(items);
    candidate = json_integer_value(json_object_get(json_array_get(items, 0), "candidate"));
    assert_shape("store_interview_find", items, STORE_SHAPE_INTERVIEW_FIND);
    cr_assert(interview && candidate);
    /* a new interview of that loop, so that its panel has a draft rather than a card */
    struct interview_new iv = {.candidate = candidate,
                               .stage = "technical",
                               .minutes = 45,
                               .kit_json = "{\"questions\":[]}",
                               .interviewers = &panel,
                               .ninterviewers = 1};
    cr_assert_eq(store_interview_create(s, &iv, &interview, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_draft_put(s, interview, panel, "{\"notes\":\"so far\"}", 0, &rev, msg),
                 RB_OK, "%s", msg);
    json_t *answers = json_pack("{s:s}", "gender", "prefer not to say");
    cr_assert_eq(store_selfid_put(s, candidate, answers, "candidate", NULL, NULL, msg), RB_OK, "%s",
                 msg);
    json_decref(answers);

    cr_assert_eq(store_candidate_get(s, candidate, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_candidate_get", v, STORE_SHAPE_CANDIDATE);
    cr_assert_eq(store_candidate_list(s, NULL, NULL, 5, 0, &items, &total, msg), RB_OK, "%s", msg);
    assert_shape("store_candidate_list", items, STORE_SHAPE_CANDIDATE_LIST);
    cr_assert_eq(store_candidate_search(s, NULL, NULL, "a", 5, 0, &items, &total, msg), RB_OK, "%s",
                 msg);
    assert_shape("store_candidate_search", items, STORE_SHAPE_CANDIDATE_LIST);
    cr_assert_eq(store_resume_row(s, resume, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_resume_row", v, STORE_SHAPE_RESUME);
    cr_assert_eq(store_screening_get(s, screening, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_screening_get", v, STORE_SHAPE_SCREENING);
    cr_assert_eq(store_screening_results(s, screening, 5, 0, &items, &total, msg), RB_OK, "%s",
                 msg);
    cr_assert_geq(json_array_size(items), 1);
    assert_shape("store_screening_results", items, STORE_SHAPE_SCREENING_RESULTS);
    cr_assert_eq(store_interview_get(s, interview, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_interview_get", v, STORE_SHAPE_INTERVIEW);
    cr_assert_eq(store_interview_list(s, 0, 0, 5, 0, &items, &total, msg), RB_OK, "%s", msg);
    assert_shape("store_interview_list", items, STORE_SHAPE_INTERVIEW_LIST);
    cr_assert_eq(store_scorecards(s, &(struct scorecard_filter){0}, &items, msg), RB_OK, "%s", msg);
    cr_assert_geq(json_array_size(items), 1);
    assert_shape("store_scorecards", items, STORE_SHAPE_SCORECARDS);
    cr_assert_eq(store_scorecards(s, &(struct scorecard_filter){0}, &items, msg), RB_OK, "%s", msg);
    long long card = first_id(items);
    json_decref(items);
    struct scorecard_change change = {"recommendation", "no", "yes"};
    cr_assert_eq(store_scorecard_amend(s, card, &(struct scorecard_new){.recommendation = "yes"},
                                       &change, 1, admin, "shape-admin@example.org", "a slip", msg),
                 RB_OK, "%s", msg);
    cr_assert_eq(store_scorecards(s, &(struct scorecard_filter){.id = card}, &items, msg), RB_OK,
                 "%s", msg);
    cr_assert_eq(json_array_size(json_object_get(json_array_get(items, 0), "amendments")), 1);
    assert_shape("store_scorecards amended", items, STORE_SHAPE_SCORECARDS);
    cr_assert_eq(store_draft_get(s, interview, panel, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_draft_get", v, STORE_SHAPE_DRAFT);

    cr_assert_eq(store_opening_list(s, NULL, 5, 0, &items, &total, msg), RB_OK, "%s", msg);
    opening = first_id(items);
    assert_shape("store_opening_list", items, STORE_SHAPE_OPENING_LIST);
    cr_assert_eq(store_opening_get(s, opening, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_opening_get", v, STORE_SHAPE_OPENING);
    cr_assert_eq(store_application_list(s, &(struct application_filter){.opening = opening}, 5, 0,
                                        &items, &total, &counts, msg),
                 RB_OK, "%s", msg);
    application = first_id(items);
    assert_shape("store_application_list", items, STORE_SHAPE_APPLICATION_LIST);
    assert_shape("store_application_list counts", counts, STORE_SHAPE_APPLICATION_COUNTS);
    cr_assert_eq(store_application_get(s, application, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_application_get", v, STORE_SHAPE_APPLICATION);
    cr_assert_eq(store_dashboard(s, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_dashboard", v, STORE_SHAPE_DASHBOARD);

    cr_assert_eq(store_audit_list(s, &(struct audit_filter){0}, 5, 0, &items, &total, msg), RB_OK,
                 "%s", msg);
    assert_shape("store_audit_list", items, STORE_SHAPE_AUDIT_LIST);
    cr_assert_eq(store_candidate_export(s, candidate, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_candidate_export", v, STORE_SHAPE_EXPORT);
    cr_assert_eq(store_retention_due(s, 4102444800LL, 5, &items, msg), RB_OK, "%s", msg);
    assert_shape("store_retention_due", items, STORE_SHAPE_RETENTION_DUE);
    cr_assert_eq(store_selfid_get(s, candidate, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_selfid_get", v, STORE_SHAPE_SELFID);
    cr_assert_eq(store_fairness_rows(s, &(struct fairness_filter){0}, &items, msg), RB_OK, "%s",
                 msg);
    assert_shape("store_fairness_rows", items, STORE_SHAPE_FAIRNESS_ROWS);

    cr_assert_eq(store_interview_calendar(s, interview, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_interview_calendar", v, STORE_SHAPE_CALENDAR);
    cr_assert_eq(store_outbox_list(s, false, 5, &items, &total, msg), RB_OK, "%s", msg);
    assert_shape("store_outbox_list", items, STORE_SHAPE_OUTBOX_LIST);
    cr_assert_eq(store_outbox_claim(s, 10, 100, 5, &items, msg), RB_OK, "%s", msg);
    cr_assert_geq(json_array_size(items), 1);
    assert_shape("store_outbox_claim", items, STORE_SHAPE_OUTBOX_CLAIM);
    cr_assert_eq(store_mail_notice(s, "loop", interview, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_mail_notice loop", v, STORE_SHAPE_NOTICE_LOOP);
    cr_assert_eq(store_mail_notice(s, "screening", screening, &v, msg), RB_OK, "%s", msg);
    assert_shape("store_mail_notice screening", v, STORE_SHAPE_NOTICE_SCREENING);
    cr_assert_eq(store_practice_stats(s, learner, "2026-12-07", "2026-11-30", &v, msg), RB_OK, "%s",
                 msg);
    assert_shape("store_practice_stats", v, STORE_SHAPE_PRACTICE_STATS);
    cr_assert_eq(store_token_list(s, admin, &items, msg), RB_OK, "%s", msg);
    assert_shape("store_token_list", items, STORE_SHAPE_TOKEN_LIST);

    skillscan_free(rd.sc);
    skills_cleanup(&tax);
    store_close(s);
}
