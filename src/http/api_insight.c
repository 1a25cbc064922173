/* SPDX-License-Identifier: MIT */
/*
 * Debriefs, comparisons and insight over the API: the JSON of `rubric debrief`, `rubric
 * compare` and `rubric insight`. Who may read a debrief is decided by the same rule as on
 * the command line (core/debrief_load.h); the route table lets only staff in, and
 * comparisons and insight only recruiters and admins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/debrief_load.h"
#include "core/insight.h"
#include "http/http.h"

#define MIN_MAX 100000

void
api_candidate_debrief(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    json_t *d;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    if ((e = debrief_load_candidate(req->store, id, &req->who, &d, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    if (!api_audit(req, res, "view", id, "debrief")) {
        json_decref(d);
        return;
    }
    http_json(res, 200, d);
}

void
api_role_comparison(struct http_req *req, struct http_res *res)
{
    json_t *c;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (strlen(req->params[0]) > 64) {
        http_problem(res, RB_ENOTFOUND, "no such role", NULL);
        return;
    }
    if ((e = debrief_load_compare(req->store, req->params[0], &req->who, &c, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    if (!api_audit_items(req, res, "view", json_object_get(c, "candidates"), "candidate",
                         "comparison")) {
        json_decref(c);
        return;
    }
    http_json(res, 200, c);
}

/* The role and min of the query; false with a problem set when they are bad. */
static bool
insight_query(struct http_req *req, struct http_res *res, const char **role, int *min)
{
    const char *v = http_query(req, "min");
    *role = http_query(req, "role");
    if (*role && (!**role || strlen(*role) > 64)) {
        http_problem(res, RB_EINVAL, "role: a role id of 1 to 64 characters", "role");
        return false;
    }
    if (v) {
        char *end;
        long n = strtol(v, &end, 10);
        if (!*v || *end || n < 1 || n > MIN_MAX) {
            http_problemf(res, RB_EINVAL, "min", "min: a whole number from 1 to %d", MIN_MAX);
            return false;
        }
        *min = (int)n;
    }
    return true;
}

/* questions: question insight, else interviewer calibration; min: the default bar */
static void
insight(struct http_req *req, struct http_res *res, bool questions, int min)
{
    const char *role;
    json_t *v;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!insight_query(req, res, &role, &min))
        return;
    e = questions ? debrief_load_questions(req->store, role, &req->who, min, &v, msg)
                  : debrief_load_interviewers(req->store, role, &req->who, min, &v, msg);
    if (e == RB_ENOTFOUND) {
        http_problem(res, RB_EINVAL, msg, "role");
        return;
    }
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    http_json(res, 200, v);
}

void
api_insight_interviewers(struct http_req *req, struct http_res *res)
{
    insight(req, res, false, INSIGHT_MIN_CANDIDATES);
}

void
api_insight_questions(struct http_req *req, struct http_res *res)
{
    insight(req, res, true, INSIGHT_MIN_DECIDED);
}
