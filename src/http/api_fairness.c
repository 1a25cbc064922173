/* SPDX-License-Identifier: MIT */
/*
 * Fairness over HTTP: the self-identification categories (public: the careers form and a
 * candidate's own page ask them), a candidate's answers (given by the candidate or, with
 * their consent, a recruiter; read only by the candidate or an admin), the adverse-impact
 * report (admins, JSON, CSV or HTML) and the score audits (recruiters and admins). Every
 * rule is core's (core/selfid.h, core/fairness.h); these handlers only translate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fairness.h"
#include "core/selfid.h"
#include "core/settings.h"
#include "http/http.h"
#include "report/fairness_render.h"

/* The deployment's categories; false with a problem set when the setting is bad (it was
 * checked at start, so that is a bug). */
static bool
categories(struct http_req *req, struct http_res *res, struct selfid_config *c)
{
    char msg[RB_ERRMSG];
    if (selfid_config_parse(req->cfg->self_id_categories, c, msg)) {
        http_problem(res, RB_EINTERNAL, msg, NULL);
        return false;
    }
    return true;
}

void
api_selfid_categories(struct http_req *req, struct http_res *res)
{
    struct selfid_config c;
    if (categories(req, res, &c))
        http_json(res, 200, selfid_config_json(&c));
}

void
api_selfid_put(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {
        {"answers", F_OBJECT, true, 0}, {"consent", F_STRING, false, SELFID_CONSENT_MAX}, {0}};
    long long id = http_param_id(req, res, 0);
    struct selfid_config c;
    const char *field;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id || !categories(req, res, &c))
        return;
    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    e = selfid_write(req->store, &c, id, json_object_get(req->json, "answers"), &req->who,
                     req->who.role == USER_CANDIDATE ? SELFID_BY_CANDIDATE : SELFID_BY_STAFF,
                     json_string_value(json_object_get(req->json, "consent")), msg);
    if (e) {
        size_t n = strcspn(msg, ":.");
        char f[48] = "";
        if (e == RB_EINVAL && n < sizeof f)
            memcpy(f, msg, n);
        http_problem(res, e, msg, *f ? f : NULL);
        return;
    }
    /* nothing of the answers is echoed: a recruiter who entered them may not read them */
    res->status = 204;
}

void
api_selfid_get(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    json_t *v;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    if ((e = selfid_read(req->store, id, &req->who, &v, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    res->no_etag = true; /* special-category data: never cached or revalidated */
    http_json(res, 200, v);
}

/* A whole number from 1 to max in the query's name, or 0 when absent; -1 with a problem
 * set when it is bad. */
static long long
query_int(struct http_req *req, struct http_res *res, const char *name, long long max)
{
    const char *v = http_query(req, name);
    char *end;
    long long n;
    if (!v)
        return 0;
    n = strtoll(v, &end, 10);
    if (!*v || *end || n < 1 || n > max) {
        http_problemf(res, RB_EINVAL, name, "%s: a whole number from 1 to %lld", name, max);
        return -1;
    }
    return n;
}

void
api_fairness_report(struct http_req *req, struct http_res *res)
{
    struct fairness_opts o = {.threshold = 50}; /* as the command line's */
    struct selfid_config c;
    const char *format = http_query(req, "format"), *threshold = http_query(req, "threshold");
    json_t *r;
    char msg[RB_ERRMSG];
    enum rb_err e;

    if (!categories(req, res, &c))
        return;
    if (format && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 &&
        strcmp(format, "html") != 0) {
        http_problem(res, RB_EINVAL, "format: json, csv or html", "format");
        return;
    }
    o.stage = http_query(req, "stage");
    o.since = http_query(req, "since");
    o.role = http_query(req, "role");
    if (!o.stage) {
        http_problem(res, RB_EINVAL, "stage: the decision point, " FAIRNESS_STAGES, "stage");
        return;
    }
    if (threshold) {
        char *end;
        o.threshold = strtod(threshold, &end);
        if (!*threshold || *end || !(o.threshold >= 0 && o.threshold <= 100)) {
            http_problem(res, RB_EINVAL, "threshold: a score from 0 to 100", "threshold");
            return;
        }
    }
    if (o.since && (strlen(o.since) < 10 || strlen(o.since) > 32)) {
        http_problem(res, RB_EINVAL, "since: a date such as 2026-01-01", "since");
        return;
    }
    if ((o.opening = query_int(req, res, "opening", (long long)1 << 53)) < 0 ||
        (o.min_group = query_int(req, res, "min_group", FAIRNESS_MIN_GROUP_MAX)) < 0)
        return;
    if (!o.min_group)
        o.min_group = req->cfg->fairness_min_group;
    if ((e = fairness_report(req->store, &c, &o, &req->who, &r, msg))) {
        size_t n = strcspn(msg, ":");
        char f[32] = "";
        if (e == RB_EINVAL && n < sizeof f)
            memcpy(f, msg, n);
        http_problem(res, e, msg, *f ? f : NULL);
        return;
    }
    res->no_etag = true;
    if (!format || strcmp(format, "json") == 0) {
        http_json(res, 200, r);
        return;
    }
    if (strcmp(format, "csv") == 0) {
        fairness_report_csv(r, &res->body);
        res->content_type = "text/csv; charset=utf-8";
    } else {
        fairness_report_html(r, &res->body);
        res->content_type = "text/html; charset=utf-8";
    }
    res->status = 200;
    json_decref(r);
}

void
api_fairness_audit(struct http_req *req, struct http_res *res)
{
    long long id, compare;
    json_t *v;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if ((id = query_int(req, res, "screening", (long long)1 << 53)) < 0 ||
        (compare = query_int(req, res, "compare", (long long)1 << 53)) < 0)
        return;
    if (!id) {
        http_problem(res, RB_EINVAL, "screening: the id of the screening to audit", "screening");
        return;
    }
    if ((e = fairness_audit(req->store, id, compare, (long long)req->cfg->fairness_min_group,
                            &req->who, &v, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    http_json(res, 200, v);
}
