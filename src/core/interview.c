/* SPDX-License-Identifier: MIT */
/* Interviews in a candidate's loop (core/interview.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/ical.h"
#include "core/interview.h"
#include "core/notify.h"
#include "core/user.h"
#include "util/mem.h"

bool
interview_may_interview(const struct user *u)
{
    return !u->disabled && u->role != USER_CANDIDATE;
}

static bool
manages_loops(const struct user *who)
{
    return who->role == USER_ADMIN || who->role == USER_RECRUITER;
}

bool
interview_visible(const struct user *who, const json_t *iv)
{
    const json_t *v;
    size_t i;
    if (manages_loops(who))
        return true;
    json_array_foreach(json_object_get(iv, "interviewers"), i, v)
    {
        const char *email = json_string_value(v);
        if (email && who->email && strcmp(email, who->email) == 0)
            return true;
    }
    return false;
}

long long
interview_list_scope(const struct user *who, bool mine, bool waiting)
{
    return manages_loops(who) && !mine && !waiting ? 0 : who->id;
}

enum rb_err
interview_people(struct store *s, json_t **out, char *errmsg)
{
    struct user *v;
    size_t n;
    enum rb_err rc = store_user_list(s, &v, &n, errmsg);
    *out = NULL;
    if (rc)
        return rc;
    *out = json_array();
    for (size_t i = 0; i < n; i++) {
        if (interview_may_interview(&v[i]))
            json_array_append_new(*out, json_pack("{s:s, s:s?, s:s}", "email", v[i].email, "name",
                                                  v[i].name, "role", user_role_name(v[i].role)));
        user_cleanup(&v[i]);
    }
    free(v);
    return RB_OK;
}

enum rb_err
interview_interviewers(struct store *s, const char *const *emails, size_t n, long long *ids,
                       char *errmsg)
{
    for (size_t i = 0; i < n; i++) {
        struct user u;
        char *email = user_email_normal(emails[i], errmsg);
        enum rb_err e = email ? store_user_get(s, 0, email, &u, NULL, errmsg) : RB_EINVAL;
        free(email);
        if (e == RB_ENOTFOUND)
            e = RB_EINVAL;
        if (e)
            return e;
        ids[i] = u.id;
        if (!interview_may_interview(&u)) {
            snprintf(errmsg, RB_ERRMSG, "%s cannot interview: %s", u.email,
                     u.disabled ? "the account is disabled" : "a candidate's account");
            e = RB_EINVAL;
        }
        user_cleanup(&u);
        if (e)
            return e;
    }
    return RB_OK;
}

/* The application the interview belongs to (*app, 0: none) and its opening's role
 * (*role, new, NULL: none). */
static enum rb_err
interview_application(struct store *s, const struct interview_request *r, long long *app,
                      char **role, char *errmsg)
{
    struct application_filter f = {0};
    json_t *items = NULL, *a = NULL, *o = NULL;
    size_t total = 0;
    enum rb_err e = RB_OK;

    *app = r->application;
    *role = NULL;
    if (!*app) {
        f.candidate = r->candidate;
        if ((e = store_application_list(s, &f, 2, 0, &items, &total, NULL, errmsg)))
            goto out;
        if (total == 1)
            *app = json_integer_value(json_object_get(json_array_get(items, 0), "id"));
    }
    if (!*app)
        goto out;
    if ((e = store_application_get(s, *app, &a, errmsg))) {
        if (e == RB_ENOTFOUND)
            e = RB_EINVAL;
        goto out;
    }
    if (json_integer_value(json_object_get(a, "candidate")) != r->candidate) {
        snprintf(errmsg, RB_ERRMSG, "application: application %lld is not candidate %lld's", *app,
                 r->candidate);
        e = RB_EINVAL;
        goto out;
    }
    if ((e = store_opening_get(s, json_integer_value(json_object_get(a, "opening")), &o, errmsg)))
        goto out;
    if (json_is_string(json_object_get(o, "role")))
        *role = xstrdup(json_string_value(json_object_get(o, "role")));
out:
    json_decref(items);
    json_decref(a);
    json_decref(o);
    return e;
}

/* A time and zone an invite can be made of (at NULL: none yet). */
static enum rb_err
check_time(const char *at, const char *zone, char *errmsg)
{
    char msg[RB_ERRMSG];
    long long t;
    enum rb_err e = zone && *zone ? ical_zone_check(zone, msg) : RB_OK;
    if (e) {
        snprintf(errmsg, RB_ERRMSG, "time_zone: %.400s", msg);
        return e;
    }
    if (at && (e = ical_parse_time(at, zone && *zone ? zone : NULL, &t, msg)))
        snprintf(errmsg, RB_ERRMSG, "scheduled_at: %.400s", msg);
    return e;
}

enum rb_err
interview_reschedule(struct store *s, long long id, const char *at, const char *zone, bool cancel,
                     long long now, char *errmsg)
{
    long long seq;
    json_t *iv = NULL;
    bool had_time;
    enum notify_why why;
    enum rb_err e;
    if ((e = check_time(at, zone, errmsg)))
        return e;
    if ((e = store_tx_begin(s, errmsg)))
        return e;
    e = store_interview_get(s, id, &iv, errmsg);
    /* an interview given its first time is new to its panel's calendars, not moved */
    had_time = iv && json_is_string(json_object_get(iv, "scheduled_at"));
    json_decref(iv);
    why = cancel ? NOTIFY_CANCELLED : had_time ? NOTIFY_MOVED : NOTIFY_NEW;
    e = e ? e : store_interview_reschedule(s, id, at, zone, cancel, &seq, errmsg);
    e = e ? e : notify_interview(s, id, why, now, errmsg);
    return store_tx_end(s, e, errmsg);
}

enum rb_err
interview_create(struct store *s, const struct interview_request *r, long long *id, bool *partial,
                 char *errmsg)
{
    struct role role = {0};
    struct kit k;
    struct kit_request kr = {0};
    json_t *cand = NULL, *j;
    char ref[32], *kit_json = NULL;
    const char *rid;
    char *opening_role = NULL;
    long long app = 0;
    enum rb_err e;

    *partial = false;
    if ((e = check_time(r->at, r->zone, errmsg)))
        return e;
    if ((e = store_candidate_get(s, r->candidate, &cand, errmsg)))
        return e;
    if ((e = interview_application(s, r, &app, &opening_role, errmsg))) {
        json_decref(cand);
        return e;
    }
    rid = opening_role ? opening_role : json_string_value(json_object_get(cand, "role"));
    if (!rid) {
        snprintf(errmsg, RB_ERRMSG, "candidate %lld has no role: the kit is chosen for one",
                 r->candidate);
        json_decref(cand);
        free(opening_role);
        return RB_EINVAL;
    }
    e = store_role_get(s, rid, &role, errmsg);
    json_decref(cand);
    free(opening_role);
    if (e)
        return e;
    kit_candidate_ref(r->candidate, ref, sizeof ref);
    kr.role = &role;
    kr.stage = r->stage;
    kr.minutes = r->minutes;
    kr.seed = r->seed;
    kr.candidate = ref;
    if ((e = kit_build(s, &kr, &k, errmsg))) {
        role_cleanup(&role);
        return e;
    }
    if (!(e = kit_save(s, &k, errmsg))) {
        struct interview_new in = {
            r->candidate, stage_name(k.stage), k.budget,         r->at, k.saved_id,
            NULL,         r->interviewers,     r->ninterviewers, r->by, app};
        j = kit_to_json(&k);
        kit_json = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(j);
        in.kit_json = kit_json;
        e = store_interview_create(s, &in, id, errmsg);
        if (!e && r->zone && *r->zone) {
            long long seq;
            e = store_interview_reschedule(s, *id, NULL, r->zone, false, &seq, errmsg);
        }
        e = e ? e : notify_interview(s, *id, NOTIFY_NEW, (long long)time(NULL), errmsg);
        *partial = k.partial;
    }
    free(kit_json);
    kit_cleanup(&k);
    role_cleanup(&role);
    return e;
}

bool
interview_time_parse(const char *t, long long *out)
{
    struct tm tm = {0};
    int y, mo, d, h = 0, mi = 0, sec = 0, n = 0, oh = 0, om = 0;
    const char *rest;
    long long off = 0;

    if (!t || sscanf(t, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
        return false;
    rest = t + n;
    if (*rest == 'T' || *rest == ' ') {
        int m = 0;
        if (sscanf(rest + 1, "%2d:%2d%n", &h, &mi, &m) != 2)
            return false;
        rest += 1 + m;
        if (*rest == ':') {
            if (sscanf(rest + 1, "%2d%n", &sec, &m) != 1)
                return false;
            rest += 1 + m;
        }
        while (*rest == '.' || (*rest >= '0' && *rest <= '9'))
            rest++; /* fractions of a second */
    }
    if (*rest == '+' || *rest == '-') {
        int sign = *rest == '-' ? -1 : 1;
        if (sscanf(rest + 1, "%2d:%2d", &oh, &om) != 2)
            return false;
        off = sign * (oh * 3600LL + om * 60LL);
    } else if (*rest && strcmp(rest, "Z") != 0) {
        return false;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return false;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    *out = (long long)timegm(&tm) - off;
    return true;
}

static int
by_time(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    long long tx = json_integer_value(json_object_get(x, "_at"));
    long long ty = json_integer_value(json_object_get(y, "_at"));
    long long ix = json_integer_value(json_object_get(x, "id"));
    long long iy = json_integer_value(json_object_get(y, "id"));
    return tx != ty ? (tx < ty ? -1 : 1) : (ix > iy) - (ix < iy);
}

enum rb_err
interview_list(struct store *s, long long candidate, long long interviewer, bool upcoming,
               long long now, json_t **items, char *errmsg)
{
    struct interview_filter f = {candidate, interviewer, false};
    json_t *all = NULL, *v, **keep;
    size_t total, i, n = 0;
    enum rb_err e = store_interview_find(s, &f, 1000000, 0, &all, &total, errmsg);

    *items = NULL;
    if (e)
        return e;
    if (!upcoming) {
        *items = all;
        return RB_OK;
    }
    keep = xcalloc(json_array_size(all) + 1, sizeof(json_t *));
    json_array_foreach(all, i, v)
    {
        long long at;
        if (interview_time_parse(json_string_value(json_object_get(v, "scheduled_at")), &at) &&
            at > now) {
            json_object_set_new(v, "_at", json_integer(at));
            keep[n++] = v;
        }
    }
    qsort(keep, n, sizeof(json_t *), by_time);
    *items = json_array();
    for (i = 0; i < n; i++) {
        json_object_del(keep[i], "_at");
        json_array_append(*items, keep[i]);
    }
    free(keep);
    json_decref(all);
    return RB_OK;
}
