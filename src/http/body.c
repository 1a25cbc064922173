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

static const char *
type_name(enum field_type t)
{
    static const char *const names[] = {"a string", "a whole number", "true or false",
                                        "an array", "an object",      "a number"};
    return names[t];
}

static bool
has_type(const json_t *v, enum field_type t)
{
    switch (t) {
    case F_STRING:
        return json_is_string(v);
    case F_INT:
        return json_is_integer(v);
    case F_BOOL:
        return json_is_boolean(v);
    case F_ARRAY:
        return json_is_array(v);
    case F_OBJECT:
        return json_is_object(v);
    case F_NUMBER:
        return json_is_number(v);
    }
    return false;
}

enum rb_err
http_check_body(const json_t *body, const struct field_spec *spec, const char **field, char *errmsg)
{
    const char *key;
    const json_t *v;
    *field = NULL;
    if (!json_is_object(body)) {
        snprintf(errmsg, RB_ERRMSG, "the body must be a JSON object");
        return RB_EINVAL;
    }
    /* NOLINTNEXTLINE(performance-no-int-to-ptr): jansson iterates through a non-const pointer */
    json_object_foreach((json_t *)(uintptr_t)body, key, v)
    {
        const struct field_spec *f = spec;
        while (f->name && strcmp(f->name, key) != 0)
            f++;
        if (!f->name) {
            *field = key;
            snprintf(errmsg, RB_ERRMSG, "%.100s: unknown field", key);
            return RB_EINVAL;
        }
    }
    for (const struct field_spec *f = spec; f->name; f++) {
        v = json_object_get(body, f->name);
        *field = f->name;
        if (!v || json_is_null(v)) {
            if (f->required) {
                snprintf(errmsg, RB_ERRMSG, "%s: required", f->name);
                return RB_EINVAL;
            }
            continue;
        }
        if (!has_type(v, f->type)) {
            snprintf(errmsg, RB_ERRMSG, "%s: expected %s", f->name, type_name(f->type));
            return RB_EINVAL;
        }
        if (f->type == F_STRING) {
            size_t n = json_string_length(v);
            if (f->max && n > f->max) {
                snprintf(errmsg, RB_ERRMSG, "%s: at most %zu bytes", f->name, f->max);
                return RB_ETOOBIG;
            }
            if (memchr(json_string_value(v), '\0', n)) {
                snprintf(errmsg, RB_ERRMSG, "%s: contains a NUL character", f->name);
                return RB_EINVAL;
            }
        } else if (f->type == F_ARRAY && f->max && json_array_size(v) > f->max) {
            snprintf(errmsg, RB_ERRMSG, "%s: at most %zu items", f->name, f->max);
            return RB_ETOOBIG;
        } else if (f->type == F_INT && f->max &&
                   (json_integer_value(v) < 0 || (size_t)json_integer_value(v) > f->max)) {
            snprintf(errmsg, RB_ERRMSG, "%s: from 0 to %zu", f->name, f->max);
            return RB_EINVAL;
        }
    }
    *field = NULL;
    return RB_OK;
}

json_t *
http_decode_json(const char *body, size_t len, char *errmsg)
{
    json_error_t err;
    json_t *v;
    size_t bad;
    if (!len) {
        snprintf(errmsg, RB_ERRMSG, "the body is empty: send a JSON object");
        return NULL;
    }
    /* jansson checks UTF-8 too, but says less about where */
    if (!text_utf8_valid(body, len, &bad)) {
        snprintf(errmsg, RB_ERRMSG, "the body is not valid UTF-8 (byte %zu)", bad);
        return NULL;
    }
    v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err);
    if (!v) {
        snprintf(errmsg, RB_ERRMSG, "malformed JSON at line %d, column %d: %s", err.line,
                 err.column, err.text);
        return NULL;
    }
    return v;
}
