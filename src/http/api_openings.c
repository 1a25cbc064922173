/* SPDX-License-Identifier: MIT */
/*
 * Openings and applications over HTTP: a few lines per route around core/opening.h and
 * core/application.h, which hold every rule (who may see, change and move what; stages;
 * status transitions). Each read of candidates' data is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/application.h"
#include "core/opening.h"
#include "http/http.h"
#include "http/jobs.h"
#include "util/mem.h"

static const struct opening_reader *
reader(void)
{
    static _Thread_local struct opening_reader rd;
    rd.sc = jobs_scanner();
    rd.taxonomy = jobs_taxonomy();
    return &rd;
}

static void
send_opening(struct http_req *req, struct http_res *res, long long id, int status)
{
    json_t *o;
    char msg[RB_ERRMSG], loc[64];
    enum rb_err e = opening_read(req->store, id, &req->who, &o, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    opening_public_json(o);
    if (status == 201) {
        snprintf(loc, sizeof loc, "/api/v1/openings/%lld", id);
        res->location = xstrdup(loc);
    }
    http_json(res, status, o);
}

void
api_openings_list(struct http_req *req, struct http_res *res)
{
    const char *status = http_query(req, "status");
    size_t limit, offset, total = 0, i;
    json_t *items, *v;
    char msg[RB_ERRMSG];
    enum rb_err e;

    if (!http_paging(req, res, &limit, &offset))
        return;
    if (status && !opening_status_valid(status)) {
        http_problem(res, RB_EINVAL, "status: " OPENING_STATUSES, "status");
        return;
    }
    if ((e = store_opening_list(req->store, status, limit, offset, &items, &total, msg))) {
        json_decref(items);
        http_problem(res, e, msg, NULL);
        return;
    }
    json_array_foreach(items, i, v) opening_public_json(v);
    http_json(res, 200, http_page(items, total, limit, offset));
}

void
api_openings_create(struct http_req *req, struct http_res *res)
{
    long long id;
    char msg[RB_ERRMSG];
    enum rb_err e = opening_create(req->store, req->json, reader(), &req->who, &id, msg);
    if (e) {
        http_problem_lead(res, e, msg);
        return;
    }
    send_opening(req, res, id, 201);
}

void
api_opening_get(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    if (id)
        send_opening(req, res, id, 200);
}

void
api_opening_update(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    if ((e = opening_update(req->store, id, req->json, reader(), &req->who, msg))) {
        http_problem_lead(res, e, msg);
        return;
    }
    send_opening(req, res, id, 200);
}

void
api_opening_status(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {
        {"status", F_STRING, true, 16}, {"reason", F_STRING, false, 1000}, {0}};
    long long id = http_param_id(req, res, 0);
    const char *field, *reason;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    reason = json_string_value(json_object_get(req->json, "reason"));
    if ((e = opening_set_status(req->store, id,
                                json_string_value(json_object_get(req->json, "status")),
                                reason && *reason ? reason : NULL, &req->who, msg))) {
        http_problem_lead(res, e, msg);
        return;
    }
    send_opening(req, res, id, 200);
}

void
api_opening_applications(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    struct application_filter f = {0};
    size_t limit, offset, total = 0;
    json_t *o = NULL, *items = NULL, *counts = NULL, *page;
    char msg[RB_ERRMSG];
    enum rb_err e;

    if (!id || !http_paging(req, res, &limit, &offset))
        return;
    if ((e = opening_read(req->store, id, &req->who, &o, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    f.opening = id;
    f.stage = http_query(req, "stage");
    f.q = http_query(req, "q");
    if (f.stage && !opening_stage_kind(o, f.stage)) {
        http_problemf(res, RB_EINVAL, "stage", "stage: '%s' is not a stage of opening %lld",
                      f.stage, id);
        goto out;
    }
    if (f.q && strlen(f.q) > 200) {
        http_problem(res, RB_EINVAL, "q: at most 200 bytes", "q");
        goto out;
    }
    if ((e = store_application_list(req->store, &f, limit, offset, &items, &total, &counts, msg))) {
        http_problem(res, e, msg, NULL);
        goto out;
    }
    if (!api_audit_items(req, res, "view", items, "candidate", "application list"))
        goto out;
    page = http_page(items, total, limit, offset);
    items = NULL;
    json_object_set_new(page, "counts", counts);
    counts = NULL;
    http_json(res, 200, page);
out:
    json_decref(o);
    json_decref(items);
    json_decref(counts);
}

static void
send_application(struct http_req *req, struct http_res *res, long long id, int status,
                 bool history_only)
{
    json_t *a;
    char msg[RB_ERRMSG], loc[64];
    enum rb_err e = application_read(req->store, id, &req->who, &a, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    if (!api_audit(req, res, "view", json_integer_value(json_object_get(a, "candidate")),
                   "application %lld", id)) {
        json_decref(a);
        return;
    }
    if (status == 201) {
        snprintf(loc, sizeof loc, "/api/v1/applications/%lld", id);
        res->location = xstrdup(loc);
    }
    if (history_only) {
        json_t *h = json_pack("{s:O}", "items", json_object_get(a, "history"));
        json_decref(a);
        a = h;
    }
    http_json(res, status, a);
}

void
api_applications_create(struct http_req *req, struct http_res *res)
{
    long long opening = http_param_id(req, res, 0), id;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!opening)
        return;
    if ((e = application_create(req->store, opening, req->json, &req->who, &id, msg))) {
        http_problem_lead(res, e, msg);
        return;
    }
    send_application(req, res, id, 201, false);
}

void
api_application_get(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    if (id)
        send_application(req, res, id, 200, false);
}

void
api_application_history(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    if (id)
        send_application(req, res, id, 200, true);
}

void
api_application_move(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {
        {"stage", F_STRING, true, 40}, {"reason", F_STRING, false, 1000}, {0}};
    long long id = http_param_id(req, res, 0);
    const char *field;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    if ((e = application_move(
             req->store, id, json_string_value(json_object_get(req->json, "stage")),
             json_string_value(json_object_get(req->json, "reason")), &req->who, msg))) {
        http_problem_lead(res, e, msg);
        return;
    }
    send_application(req, res, id, 200, false);
}

void
api_candidate_applications(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    struct application_filter f = {0};
    size_t total = 0;
    json_t *c = NULL, *items = NULL;
    char msg[RB_ERRMSG];
    enum rb_err e;

    if (!id)
        return;
    if ((e = store_candidate_get(req->store, id, &c, msg)) ||
        (f.candidate = id,
         e = store_application_list(req->store, &f, 500, 0, &items, &total, NULL, msg))) {
        json_decref(c);
        json_decref(items);
        http_problem(res, e, msg, NULL);
        return;
    }
    json_decref(c);
    if (!api_audit(req, res, "view", id, "application list")) {
        json_decref(items);
        return;
    }
    http_json(res, 200, json_pack("{s:o}", "items", items));
}

void
api_dashboard(struct http_req *req, struct http_res *res)
{
    json_t *d;
    char msg[RB_ERRMSG];
    enum rb_err e = store_dashboard(req->store, &d, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    if (!api_audit_items(req, res, "view",
                         json_object_get(json_object_get(d, "awaiting_screening"), "items"),
                         "candidate", "dashboard")) {
        json_decref(d);
        return;
    }
    http_json(res, 200, d);
}
