/* SPDX-License-Identifier: MIT */
/*
 * Practice for the signed-in user, whatever their role: the next question (due reviews
 * first, then new ones, for a role, level and stage), an answer with its self-rating (and
 * the keyword coverage of a typed answer), and progress. The same core calls as `rubric
 * practice next|answer|stats`; a rating is stored in one transaction before the answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/anki.h"
#include "core/fsrs.h"
#include "core/kit.h"
#include "core/practice.h"
#include "http/http.h"

/* The scope from the query (role, level, stage); false with a problem set when bad. */
static bool
scope_of(struct http_req *req, struct http_res *res, struct practice_scope *sc)
{
    const char *v, *role = http_query(req, "role");
    int level = 0, stage = -1;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if ((v = http_query(req, "level")) && !(level = level_parse(v, strlen(v)))) {
        http_problem(res, RB_EINVAL, "level: junior, mid, senior or architect", "level");
        return false;
    }
    if ((v = http_query(req, "stage")) && (stage = stage_parse(v)) < 0) {
        http_problem(res, RB_EINVAL,
                     "stage: screen, technical, system-design, behavioral or onsite", "stage");
        return false;
    }
    if ((e = practice_scope_init(sc, req->store, role, level, stage, msg))) {
        http_problem(res, e, msg, e == RB_EINVAL ? "role" : NULL);
        return false;
    }
    /* questions skipped in this session, by id, comma-separated */
    if ((v = http_query(req, "skip"))) {
        while (*v) {
            size_t n = strcspn(v, ",");
            if (n > 64) {
                practice_scope_cleanup(sc);
                http_problem(res, RB_EINVAL, "skip: question ids of at most 64 bytes", "skip");
                return false;
            }
            if (n) {
                char id[65];
                memcpy(id, v, n);
                id[n] = 0;
                practice_scope_skip(sc, id);
            }
            v += n + (v[n] == ',');
        }
    }
    return true;
}

void
api_practice_next(struct http_req *req, struct http_res *res)
{
    struct practice_scope sc;
    struct practice_clock clk;
    struct practice_next n;
    char msg[RB_ERRMSG];
    enum rb_err e;

    if (!scope_of(req, res, &sc))
        return;
    practice_clock_at(&clk, (time_t)req->now);
    e = practice_next(req->store, req->who.id, &sc, &clk, &n, msg);
    practice_scope_cleanup(&sc);
    if (e == RB_ENOTFOUND) {
        json_t *o = json_object();
        json_object_set_new(o, "question", json_null());
        json_object_set_new(o, "kind", json_null());
        json_object_set_new(o, "card", json_null());
        json_object_set_new(o, "due_count", json_integer(0));
        json_object_set_new(o, "new_count", json_integer(0));
        http_json(res, 200, o);
        return;
    }
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    if ((e = practice_serve(req->store, &req->who, &n, req->now, msg))) {
        practice_next_cleanup(&n);
        http_problem(res, e, msg, NULL);
        return;
    }
    http_json(res, 200, practice_next_to_json(&n));
    practice_next_cleanup(&n);
}

void
api_practice_answer(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {{"question", F_STRING, true, 64},
                                             {"rating", F_STRING, true, 8},
                                             {"answer", F_STRING, false, COVERAGE_ANSWER_MAX},
                                             {"seconds", F_INT, false, PRACTICE_SECONDS_MAX},
                                             {0}};
    struct practice_clock clk;
    struct practice_result r;
    struct coverage cov;
    struct question q;
    const char *field, *answer;
    json_t *sec;
    char msg[RB_ERRMSG];
    int rating;
    bool have_cov = false;
    enum rb_err e;

    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    rating = fsrs_rating_parse(json_string_value(json_object_get(req->json, "rating")));
    if (!rating) {
        http_problem(res, RB_EINVAL, "rating: again, hard, good or easy", "rating");
        return;
    }
    sec = json_object_get(req->json, "seconds");
    if (json_is_integer(sec) && json_integer_value(sec) < 0) {
        http_problem(res, RB_EINVAL, "seconds: 0 to 86400", "seconds");
        return;
    }
    if ((e = practice_may_answer(req->store, &req->who,
                                 json_string_value(json_object_get(req->json, "question")), msg))) {
        http_problem(res, e, msg, "question");
        return;
    }
    if ((e = store_question_get(
             req->store, json_string_value(json_object_get(req->json, "question")), &q, msg))) {
        http_problem(res, e, msg, e == RB_ENOTFOUND ? "question" : NULL);
        return;
    }
    answer = json_string_value(json_object_get(req->json, "answer"));
    if (answer && *answer) {
        if ((e = practice_coverage(req->store, &q, answer, strlen(answer), &cov, msg))) {
            http_problem(res, e, msg, "answer");
            goto out;
        }
        have_cov = true;
    }
    practice_clock_at(&clk, (time_t)req->now);
    if ((e = practice_rate(req->store, req->who.id, &q, rating, have_cov ? &cov : NULL,
                           json_is_integer(sec) ? (int)json_integer_value(sec) : 0, &clk, &r,
                           msg))) {
        http_problem(res, e, msg, NULL);
        goto out;
    }
    http_json(res, 201, practice_result_to_json(&q, have_cov ? &cov : NULL, &r));
out:
    if (have_cov)
        coverage_cleanup(&cov);
    question_cleanup(&q);
}

void
api_practice_reveal(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {
        {"question", F_STRING, true, 64}, {"answer", F_STRING, false, COVERAGE_ANSWER_MAX}, {0}};
    struct coverage cov;
    struct question q;
    const char *field, *answer;
    char msg[RB_ERRMSG];
    bool have_cov = false;
    enum rb_err e;

    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    if ((e = store_question_get(
             req->store, json_string_value(json_object_get(req->json, "question")), &q, msg))) {
        http_problem(res, e, msg, e == RB_ENOTFOUND ? "question" : NULL);
        return;
    }
    /* only what practice offers: a retired question or one without points is not practised */
    if (!q.npoints) {
        http_problemf(res, RB_ENOTFOUND, "question", "question '%.64s' is not one to practise",
                      q.id);
        goto out;
    }
    answer = json_string_value(json_object_get(req->json, "answer"));
    if (answer && *answer) {
        if ((e = practice_coverage(req->store, &q, answer, strlen(answer), &cov, msg))) {
            http_problem(res, e, msg, "answer");
            goto out;
        }
        have_cov = true;
    }
    http_json(res, 200, practice_reveal_to_json(&q, have_cov ? &cov : NULL));
out:
    if (have_cov)
        coverage_cleanup(&cov);
    question_cleanup(&q);
}

void
api_practice_stats(struct http_req *req, struct http_res *res)
{
    struct practice_clock clk;
    json_t *o;
    char msg[RB_ERRMSG];
    enum rb_err e;
    practice_clock_at(&clk, (time_t)req->now);
    if ((e = practice_stats(req->store, req->who.id, &clk, &o, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    json_object_set_new(o, "user", json_string(req->who.email));
    http_json(res, 200, o);
}

void
api_practice_export(struct http_req *req, struct http_res *res)
{
    struct practice_scope sc;
    const char *format = http_query(req, "format");
    enum anki_format f;
    char msg[RB_ERRMSG], deck[128];
    enum rb_err e;

    if (!format || strcmp(format, "apkg") == 0)
        f = ANKI_APKG;
    else if (strcmp(format, "csv") == 0)
        f = ANKI_CSV;
    else {
        http_problem(res, RB_EINVAL, "format: apkg or csv", "format");
        return;
    }
    if (!scope_of(req, res, &sc))
        return;
    snprintf(deck, sizeof deck, "Rubric%s%.100s", sc.role ? "::" : "", sc.role ? sc.role : "");
    e = anki_export(req->store, &sc, deck, f, req->now, &res->body, msg);
    practice_scope_cleanup(&sc);
    if (e) {
        buf_reset(&res->body);
        http_problem(res, e, msg, NULL);
        return;
    }
    res->status = 200;
    res->content_type = f == ANKI_APKG ? "application/zip" : "text/csv; charset=utf-8";
}
