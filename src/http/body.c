/* SPDX-License-Identifier: MIT */
/*
 * What handlers share that does not touch a socket: problem responses, paging, and the
 * decoding and checking of JSON request bodies (fuzzed by tests/fuzz/fuzz_http_body.c).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "util/text.h"

void
http_problem(struct http_res *res, enum rb_err e, const char *msg, const char *field)
{
    char type[96];
    json_t *o;
    snprintf(type, sizeof type, "/problems/%s", rb_err_type(e));
    o = json_pack("{s:s, s:s, s:i}", "type", type, "title", rb_err_str(e), "status",
                  rb_err_http_status(e));
    if (msg && *msg)
        json_object_set_new(o, "detail", json_string(msg));
    if (field)
        json_object_set_new(o, "field", json_string(field));
    json_decref(res->json);
    res->json = o;
    res->status = rb_err_http_status(e);
}

void
http_problem_lead(struct http_res *res, enum rb_err e, const char *msg)
{
    char field[64];
    size_t n = strcspn(msg, ":[. ");
    if (e == RB_EINVAL && n && n < sizeof field && msg[n] && strchr(":[.", msg[n])) {
        memcpy(field, msg, n);
        field[n] = 0;
        http_problem(res, e, msg, field);
    } else {
        http_problem(res, e, msg, NULL);
    }
}

void
http_problemf(struct http_res *res, enum rb_err e, const char *field, const char *fmt, ...)
{
    char msg[RB_ERRMSG];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    http_problem(res, e, msg, field);
}

void
http_json(struct http_res *res, int status, json_t *v)
{
    json_decref(res->json);
    res->json = v;
    res->status = status;
}

static bool
whole(const char *s, long long max, long long *out)
{
    long long v = 0;
    if (!s || !*s)
        return false;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > (max - (*p - '0')) / 10)
            return false;
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return true;
}

bool
http_paging(const struct http_req *req, struct http_res *res, size_t *limit, size_t *offset)
{
    const char *l = http_query(req, "limit"), *o = http_query(req, "offset");
    long long v;
    *limit = 50;
    *offset = 0;
    if (l) {
        if (!whole(l, 500, &v) || v < 1) {
            http_problem(res, RB_EINVAL, "limit: a whole number from 1 to 500", "limit");
            return false;
        }
        *limit = (size_t)v;
    }
    if (o) {
        if (!whole(o, 1000000000, &v)) {
            http_problem(res, RB_EINVAL, "offset: a whole number from 0", "offset");
            return false;
        }
        *offset = (size_t)v;
    }
    return true;
}

json_t *
http_page(json_t *items, size_t total, size_t limit, size_t offset)
{
    return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "limit",
                     (json_int_t)limit, "offset", (json_int_t)offset);
}

long long
http_param_id(const struct http_req *req, struct http_res *res, size_t i)
{
    long long v;
    if (i >= req->nparams || !whole(req->params[i], 1LL << 53, &v) || v < 1) {
        http_problemf(res, RB_ENOTFOUND, NULL, "no such resource: %s", req->path);
        return 0;
    }
    return v;
}
