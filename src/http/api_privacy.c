/* SPDX-License-Identifier: MIT */
/*
 * Data protection over HTTP: a candidate's export (JSON only: the original files stay on
 * the server; `rubric candidate export` writes them), their erasure (admins, with
 * {"confirm": true}), the audit log (admins), and the one-line hooks the other handlers
 * record their access to candidates' data with.
 *
 * Reads of candidates' data are recorded before the answer is sent, and a read that cannot
 * be recorded is refused (503): nobody sees personal data without a trace. A change is
 * already made when it is recorded, so a failure to record it is logged and the answer
 * still says what was done.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/privacy.h"
#include "core/settings.h"
#include "http/http.h"
#include "util/mem.h"

/* Appends the entries; on failure sets a problem in res, or logs when res is NULL. */
static bool
record(struct http_req *req, struct http_res *res, const char *action, const long long *ids,
       size_t n, const char *what)
{
    struct audit_actor who = {req->who.id, req->who.email};
    char msg[RB_ERRMSG];
    enum rb_err e = audit_append(req->store, &who, action, ids, n, what, msg);
    if (!e)
        return true;
    if (res) {
        http_problem(res, e == RB_EINTERNAL ? e : RB_ESTORE,
                     "the access cannot be recorded in the audit log, so it is refused: try "
                     "again",
                     NULL);
    } else {
        /* ids and kinds only: nothing personal */
        fprintf(stderr, "rubric: audit: cannot record %s of %s: %s\n", action, what, msg);
    }
    return false;
}

bool
api_audit(struct http_req *req, struct http_res *res, const char *action, long long candidate,
          const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return record(req, res, action, &candidate, candidate ? 1 : 0, what);
}

enum rb_err
api_audit_change(struct http_req *req, const char *action, long long candidate, char *msg,
                 const char *fmt, ...)
{
    struct audit_actor who = {req->who.id, req->who.email};
    char what[256];
    va_list ap;
    enum rb_err e;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    e = audit_append(req->store, &who, action, &candidate, candidate ? 1 : 0, what, msg);
    if (e && e != RB_EINTERNAL) {
        snprintf(msg, RB_ERRMSG,
                 "the change cannot be recorded in the audit log, so it was not made: try again");
        e = RB_ESTORE;
    }
    return e;
}

bool
api_audit_items(struct http_req *req, struct http_res *res, const char *action, json_t *items,
                const char *key, const char *fmt, ...)
{
    size_t n = 0, i;
    long long *ids = xcalloc(json_array_size(items) + 1, sizeof *ids);
    char what[256];
    json_t *v;
    va_list ap;
    bool ok = true;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    json_array_foreach(items, i, v)
    {
        json_t *id = json_object_get(v, key);
        if (json_is_integer(id) && json_integer_value(id) > 0)
            ids[n++] = json_integer_value(id);
    }
    if (n)
        ok = record(req, res, action, ids, n, what);
    free(ids);
    return ok;
}

void
api_candidate_export(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    json_t *x;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    if ((e = privacy_export(req->store, id, &req->who, NULL, false, &x, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    res->no_etag = true; /* personal data: made for this request, never revalidated */
    http_json(res, 200, x);
}

void
api_candidate_erase(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {{"confirm", F_BOOL, true, 0}, {0}};
    struct audit_actor who = {req->who.id, req->who.email};
    long long id = http_param_id(req, res, 0);
    const char *field;
    json_t *report = NULL;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    if (!json_is_true(json_object_get(req->json, "confirm"))) {
        http_problem(res, RB_EINVAL, "confirm: true to erase the candidate (it cannot be undone)",
                     "confirm");
        return;
    }
    e = privacy_erase(req->store, id, &who, &report, msg);
    if (e && !report) {
        http_problem(res, e, msg, NULL);
        return;
    }
    if (e) {
        /* erased; the store's files could not be rewritten (storage_clean false says so) */
        fprintf(stderr, "rubric: erase of candidate %lld: %s\n", id, msg);
        json_object_set_new(report, "error", json_string(msg));
    }
    http_json(res, 200, report);
}

/* Whether s is a UTC time as the audit log writes them, or its date alone. */
static bool
iso_time(const char *s)
{
    size_t n = strlen(s);
    if (n < 10 || n > 32)
        return false;
    for (size_t i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    for (size_t i = 10; i < n; i++)
        if (!strchr("0123456789T:Z.", s[i]))
            return false;
    return true;
}

void
api_audit_list(struct http_req *req, struct http_res *res)
{
    struct audit_filter f = {0};
    const char *cand = http_query(req, "candidate");
    size_t limit, offset, total;
    json_t *items;
    char msg[RB_ERRMSG], *email = NULL;
    enum rb_err e;

    if (!http_paging(req, res, &limit, &offset))
        return;
    if (cand) {
        char *end;
        f.candidate = strtoll(cand, &end, 10);
        if (*end || f.candidate < 1) {
            http_problem(res, RB_EINVAL, "candidate: a candidate's id", "candidate");
            return;
        }
    }
    f.action = http_query(req, "action");
    f.since = http_query(req, "since");
    f.actor = http_query(req, "actor");
    if (f.since && !iso_time(f.since)) {
        http_problem(res, RB_EINVAL, "since: a UTC time such as 2026-05-01T09:30:00Z", "since");
        return;
    }
    if (f.actor && strchr(f.actor, '@')) {
        if (!(email = user_email_normal(f.actor, msg))) {
            http_problem(res, RB_EINVAL, msg, "actor");
            return;
        }
        f.actor = email;
    }
    e = audit_list(req->store, &f, limit, offset, &items, &total, msg);
    free(email);
    if (e) {
        json_decref(items);
        http_problem(res, e, msg, e == RB_EINVAL ? "action" : NULL);
        return;
    }
    res->no_etag = true; /* grows with every access: always fresh */
    http_json(res, 200, http_page(items, total, limit, offset));
}
