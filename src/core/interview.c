/* SPDX-License-Identifier: MIT */
/* Interviews in a candidate's loop (core/interview.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/interview.h"
#include "core/user.h"

bool
interview_may_interview(const struct user *u)
{
    return !u->disabled && u->role != USER_CANDIDATE;
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
    enum rb_err e;

    *partial = false;
    if ((e = store_candidate_get(s, r->candidate, &cand, errmsg)))
        return e;
    if (!(rid = json_string_value(json_object_get(cand, "role")))) {
        snprintf(errmsg, RB_ERRMSG, "candidate %lld has no role: the kit is chosen for one",
                 r->candidate);
        json_decref(cand);
        return RB_EINVAL;
    }
    e = store_role_get(s, rid, &role, errmsg);
    json_decref(cand);
    if (e)
        return e;
    snprintf(ref, sizeof ref, "c-%lld", r->candidate);
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
        struct interview_new in = {r->candidate,    stage_name(k.stage), k.budget,
                                   r->at,           k.saved_id,          NULL,
                                   r->interviewers, r->ninterviewers,    r->by};
        j = kit_to_json(&k);
        kit_json = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(j);
        in.kit_json = kit_json;
        e = store_interview_create(s, &in, id, errmsg);
        *partial = k.partial;
    }
    free(kit_json);
    kit_cleanup(&k);
    role_cleanup(&role);
    return e;
}
