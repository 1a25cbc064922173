/* SPDX-License-Identifier: MIT */
/* Sessions (login and logout), users, and personal API tokens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/auth.h"
#include "core/settings.h"
#include "http/http.h"
#include "util/mem.h"

static void
iso_time(long long t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
set_cookie(struct http_res *res, const struct settings *cfg, const char *value, long long max_age)
{
    char c[256];
    snprintf(c, sizeof c, "rubric_session=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Strict%s",
             value, max_age, cfg->cookie_secure ? "; Secure" : "");
    free(res->set_cookie);
    res->set_cookie = xstrdup(c);
}

/* Problems from a failed call, with the field when the message starts with "field: ". */
static void
fail(struct http_res *res, enum rb_err e, const char *msg)
{
    char field[64];
    const char *colon = strchr(msg, ':');
    size_t n = colon ? (size_t)(colon - msg) : 0;
    if (n && n < sizeof field && !memchr(msg, ' ', n)) {
        memcpy(field, msg, n);
        field[n] = '\0';
        http_problem(res, e, msg, field);
    } else {
        http_problem(res, e, msg, NULL);
    }
}

void
api_session_create(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {
        {"email", F_STRING, true, 254}, {"password", F_STRING, true, 1024}, {0}};
    struct auth_policy p = auth_default_policy;
    struct auth_session s;
    struct user u;
    char msg[RB_ERRMSG], when[32];
    const char *field;
    enum rb_err e;

    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    p.session_seconds = (long long)req->cfg->session_hours * 3600;
    e = auth_login(req->store, &p, json_string_value(json_object_get(req->json, "email")),
                   json_string_value(json_object_get(req->json, "password")),
                   json_string_length(json_object_get(req->json, "password")), req->address,
                   req->now, &u, &s, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    set_cookie(res, req->cfg, s.token, p.session_seconds);
    iso_time(s.expires, when);
    http_json(res, 200,
              json_pack("{s:o, s:s, s:s}", "user", user_to_json(&u), "csrf_token", s.csrf,
                        "expires_at", when));
    res->no_etag = true;
    user_cleanup(&u);
}

/* Who is calling; for a session, its CSRF token too, so that a page reloaded in the browser
 * can go on making changes without signing in again. */
void
api_session_get(struct http_req *req, struct http_res *res)
{
    const char *cookie = http_cookie(req, "rubric_session");
    json_t *v = json_pack("{s:o, s:s}", "user", user_to_json(&req->who), "by",
                          req->by_token ? "token" : "session");
    if (!req->by_token && cookie) {
        struct user u = {0};
        char *csrf = NULL;
        char msg[RB_ERRMSG];
        if (!auth_session_user(req->store, cookie, req->now, &u, &csrf, msg) && csrf)
            json_object_set_new(v, "csrf_token", json_string(csrf));
        free(csrf);
        user_cleanup(&u);
    }
    http_json(res, 200, v);
}

void
api_session_delete(struct http_req *req, struct http_res *res)
{
    const char *cookie = http_cookie(req, "rubric_session");
    char msg[RB_ERRMSG];
    if (req->by_token || !cookie) {
        http_problem(res, RB_EINVAL, "there is no session to end: this request used a token", NULL);
        return;
    }
    if (auth_logout(req->store, cookie, msg)) {
        http_problem(res, RB_ESTORE, msg, NULL);
        return;
    }
    set_cookie(res, req->cfg, "", 0);
    res->status = 204;
}

void
api_users_list(struct http_req *req, struct http_res *res)
{
    struct user *v;
    size_t n, limit, offset;
    char msg[RB_ERRMSG];
    json_t *items;
    enum rb_err e;
    if (!http_paging(req, res, &limit, &offset))
        return;
    if ((e = store_user_list(req->store, &v, &n, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    items = json_array();
    for (size_t i = 0; i < n; i++) {
        if (i >= offset && i < offset + limit)
            json_array_append_new(items, user_to_json(&v[i]));
        user_cleanup(&v[i]);
    }
    free(v);
    http_json(res, 200, http_page(items, n, limit, offset));
}

static void
send_user(struct http_req *req, struct http_res *res, long long id, int status)
{
    struct user u;
    char msg[RB_ERRMSG];
    enum rb_err e = store_user_get(req->store, id, NULL, &u, NULL, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    http_json(res, status, user_to_json(&u));
    user_cleanup(&u);
}

void
api_users_create(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {{"email", F_STRING, true, 254},
                                             {"name", F_STRING, false, 200},
                                             {"role", F_STRING, true, 20},
                                             {"password", F_STRING, false, 1024},
                                             {0}};
    const json_t *pw = json_object_get(req->json, "password");
    const char *field, *role_name;
    char msg[RB_ERRMSG], loc[64];
    long long id;
    int role;
    enum rb_err e;

    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    role_name = json_string_value(json_object_get(req->json, "role"));
    if (!(role = user_role_parse(role_name))) {
        http_problem(res, RB_EINVAL, "role: one of admin, recruiter, interviewer, candidate",
                     "role");
        return;
    }
    e = auth_user_add(req->store, json_string_value(json_object_get(req->json, "email")),
                      json_string_value(json_object_get(req->json, "name")), role,
                      json_string_value(pw), json_string_length(pw), &id, msg);
    if (e) {
        fail(res, e, msg);
        return;
    }
    snprintf(loc, sizeof loc, "/api/v1/users/%lld", id);
    res->location = xstrdup(loc);
    send_user(req, res, id, 201);
}

void
api_user_get(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    if (id)
        send_user(req, res, id, 200);
}

void
api_user_update(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {{"name", F_STRING, false, 200},
                                             {"role", F_STRING, false, 20},
                                             {"disabled", F_BOOL, false, 0},
                                             {"password", F_STRING, false, 1024},
                                             {0}};
    struct user_update up = {NULL, -1, -1, NULL, NULL, false};
    const json_t *pw = json_object_get(req->json, "password"), *v;
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
    up.name = json_string_value(json_object_get(req->json, "name"));
    if ((v = json_object_get(req->json, "role")) && !json_is_null(v) &&
        !(up.role = user_role_parse(json_string_value(v)))) {
        http_problem(res, RB_EINVAL, "role: one of admin, recruiter, interviewer, candidate",
                     "role");
        return;
    }
    if ((v = json_object_get(req->json, "disabled")) && json_is_boolean(v))
        up.disabled = json_is_true(v);
    if (id == req->who.id && (up.disabled > 0 || (up.role > 0 && up.role != USER_ADMIN))) {
        http_problem(res, RB_ECONFLICT,
                     "an admin cannot disable or demote themselves: ask another admin", NULL);
        return;
    }
    if (json_is_string(pw) && (e = auth_password_set(req->store, id, json_string_value(pw),
                                                     json_string_length(pw), msg))) {
        fail(res, e, msg);
        return;
    }
    if ((up.name || up.role > 0 || up.disabled >= 0) &&
        (e = store_user_update(req->store, id, &up, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    send_user(req, res, id, 200);
}

void
api_tokens_list(struct http_req *req, struct http_res *res)
{
    json_t *all, *items;
    char msg[RB_ERRMSG];
    size_t limit, offset;
    enum rb_err e;
    if (!http_paging(req, res, &limit, &offset))
        return;
    if ((e = store_token_list(req->store, req->who.id, &all, msg))) {
        json_decref(all);
        http_problem(res, e, msg, NULL);
        return;
    }
    /* paged as every other list, so that "limit" is the limit and not the count */
    items = json_array();
    for (size_t i = offset; i < json_array_size(all) && i < offset + limit; i++)
        json_array_append(items, json_array_get(all, i));
    http_json(res, 200, http_page(items, json_array_size(all), limit, offset));
    json_decref(all);
}

void
api_tokens_create(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {{"name", F_STRING, true, 100}, {0}};
    char token[CRYPTO_TOKEN_MAX], msg[RB_ERRMSG], loc[64];
    const char *field;
    long long id;
    enum rb_err e;
    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    e = auth_token_create(req->store, req->who.id,
                          json_string_value(json_object_get(req->json, "name")), token, &id, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    snprintf(loc, sizeof loc, "/api/v1/tokens/%lld", id);
    res->location = xstrdup(loc);
    http_json(res, 201,
              json_pack("{s:I, s:O, s:s, s:s}", "id", (json_int_t)id, "name",
                        json_object_get(req->json, "name"), "token", token, "note",
                        "shown once: keep it somewhere safe"));
}

void
api_token_delete(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    /* an admin may revoke anyone's token; others only their own */
    e = store_token_revoke(req->store, req->who.role == USER_ADMIN ? 0 : req->who.id, id, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    res->status = 204;
}

void
api_account_password(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {{"current", F_STRING, true, 1024},
                                             {"new", F_STRING, true, 1024},
                                             {"keep_tokens", F_BOOL, false, 0},
                                             {0}};
    const json_t *cur = json_object_get(req->json, "current"),
                 *pw = json_object_get(req->json, "new");
    struct auth_password_change c = {0};
    const char *field;
    char msg[RB_ERRMSG];
    enum rb_err e;

    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    c.current = json_string_value(cur);
    c.current_len = json_string_length(cur);
    c.new_pw = json_string_value(pw);
    c.new_len = json_string_length(pw);
    c.keep_tokens = json_is_true(json_object_get(req->json, "keep_tokens"));
    /* the session making the change stays signed in */
    c.session = req->by_token ? NULL : http_cookie(req, "rubric_session");
    if ((e = auth_password_change(req->store, &auth_default_policy, &req->who, &c, req->address,
                                  req->now, msg))) {
        fail(res, e, msg);
        return;
    }
    res->status = 204;
}
