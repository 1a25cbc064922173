/* SPDX-License-Identifier: MIT */
/* Voluntary self-identification: categories, the access rule, writes and audited reads
 * (core/selfid.h). */
#include "core/selfid.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"

/* Whether s[0..n) is a name: a-z, 0-9 and '_', 1 to SELFID_NAME_MAX bytes. */
static bool
is_name(const char *s, size_t n)
{
    if (n == 0 || n > SELFID_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

/* Adds answer a (n bytes) to cat unless it is there; false when cat is full. */
static bool
add_answer(struct selfid_category *cat, const char *a, size_t n)
{
    for (size_t i = 0; i < cat->nanswers; i++)
        if (strlen(cat->answers[i]) == n && memcmp(cat->answers[i], a, n) == 0)
            return true;
    if (cat->nanswers == SELFID_MAX_ANSWERS)
        return false;
    memcpy(cat->answers[cat->nanswers], a, n);
    cat->answers[cat->nanswers++][n] = '\0';
    return true;
}

enum rb_err
selfid_config_parse(const char *spec, struct selfid_config *c, char *errmsg)
{
    const char *p;
    memset(c, 0, sizeof *c);
    if (!spec || !*spec)
        spec = SELFID_DEFAULT;
    for (p = spec; *p;) {
        const char *end = strchr(p, ';'), *eq;
        size_t len = end ? (size_t)(end - p) : strlen(p);
        struct selfid_category *cat;
        eq = memchr(p, '=', len);
        if (c->n == SELFID_MAX_CATEGORIES) {
            snprintf(errmsg, RB_ERRMSG, "self_id_categories: at most %d categories",
                     SELFID_MAX_CATEGORIES);
            return RB_EINVAL;
        }
        if (!eq || !is_name(p, (size_t)(eq - p))) {
            snprintf(errmsg, RB_ERRMSG,
                     "self_id_categories: '%.*s' is not NAME=ANSWER,ANSWER (names of a-z, 0-9 "
                     "and _, at most %d bytes)",
                     (int)(len > 60 ? 60 : len), p, SELFID_NAME_MAX);
            return RB_EINVAL;
        }
        cat = &c->cats[c->n];
        memcpy(cat->name, p, (size_t)(eq - p));
        for (size_t i = 0; i < c->n; i++)
            if (strcmp(c->cats[i].name, cat->name) == 0) {
                snprintf(errmsg, RB_ERRMSG, "self_id_categories: '%s' is there twice", cat->name);
                return RB_EINVAL;
            }
        for (const char *a = eq + 1; a <= p + len;) {
            const char *comma = memchr(a, ',', (size_t)(p + len - a));
            size_t alen = comma ? (size_t)(comma - a) : (size_t)(p + len - a);
            if (!is_name(a, alen)) {
                snprintf(errmsg, RB_ERRMSG,
                         "self_id_categories: category '%s' has an empty or bad answer (a-z, 0-9 "
                         "and _, at most %d bytes)",
                         cat->name, SELFID_NAME_MAX);
                return RB_EINVAL;
            }
            if (!add_answer(cat, a, alen) || cat->nanswers == SELFID_MAX_ANSWERS) {
                snprintf(errmsg, RB_ERRMSG,
                         "self_id_categories: category '%s' has more than %d answers", cat->name,
                         SELFID_MAX_ANSWERS - 1);
                return RB_EINVAL;
            }
            a += alen + 1;
        }
        add_answer(cat, SELFID_PREFER_NOT, strlen(SELFID_PREFER_NOT));
        c->n++;
        p += len;
        if (*p == ';')
            p++;
    }
    if (!c->n) {
        snprintf(errmsg, RB_ERRMSG, "self_id_categories: no category");
        return RB_EINVAL;
    }
    return RB_OK;
}

json_t *
selfid_config_json(const struct selfid_config *c)
{
    json_t *cats = json_array();
    for (size_t i = 0; i < c->n; i++) {
        json_t *answers = json_array();
        for (size_t j = 0; j < c->cats[i].nanswers; j++)
            json_array_append_new(answers, json_string(c->cats[i].answers[j]));
        json_array_append_new(cats,
                              json_pack("{s:s, s:o}", "name", c->cats[i].name, "answers", answers));
    }
    return json_pack("{s:o, s:s}", "categories", cats, "prefer_not", SELFID_PREFER_NOT);
}

static const struct selfid_category *
category(const struct selfid_config *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->cats[i].name, name) == 0)
            return &c->cats[i];
    return NULL;
}

enum rb_err
selfid_check(const struct selfid_config *c, json_t *answers, char *errmsg)
{
    const char *key;
    json_t *v;
    if (!json_is_object(answers)) {
        snprintf(errmsg, RB_ERRMSG, "answers: an object of category -> answer");
        return RB_EINVAL;
    }
    json_object_foreach(answers, key, v)
    {
        const struct selfid_category *cat = category(c, key);
        const char *a = json_string_value(v);
        bool known = false;
        if (!cat) {
            snprintf(errmsg, RB_ERRMSG, "answers.%.40s: not a category asked about here", key);
            return RB_EINVAL;
        }
        for (size_t i = 0; a && i < cat->nanswers && !known; i++)
            known = strcmp(cat->answers[i], a) == 0;
        if (!known) {
            snprintf(errmsg, RB_ERRMSG,
                     "answers.%s: one of the answers offered (GET /api/v1/self-id/categories), "
                     "%s among them",
                     key, SELFID_PREFER_NOT);
            return RB_EINVAL;
        }
    }
    return RB_OK;
}

bool
selfid_may_read(const struct user *who)
{
    return !who || (who->role == USER_ADMIN && !who->disabled);
}

/* Whether who is the candidate's own account: a candidate account with their email. */
static enum rb_err
is_own(struct store *s, long long candidate, const struct user *who, bool *own, char *errmsg)
{
    json_t *c = NULL;
    const char *email;
    enum rb_err e;
    *own = false;
    if (!who || who->role != USER_CANDIDATE || !who->email)
        return RB_OK;
    e = store_candidate_get(s, candidate, &c, errmsg);
    if (e == RB_ENOTFOUND)
        return RB_OK;
    if (e)
        return e;
    email = json_string_value(json_object_get(c, "email"));
    *own = email && strcasecmp(email, who->email) == 0;
    json_decref(c);
    return RB_OK;
}

enum rb_err
selfid_write(struct store *s, const struct selfid_config *c, long long candidate, json_t *answers,
             const struct user *who, enum selfid_source src, const char *consent, char *errmsg)
{
    struct audit_actor actor = {who ? who->id : 0, who ? who->email : "careers page"};
    const char *given_by = "careers";
    bool own = false;
    enum rb_err e;

    if (src == SELFID_BY_CANDIDATE) {
        if ((e = is_own(s, candidate, who, &own, errmsg)))
            return e;
        if (!own) { /* to a candidate's account, other candidates do not exist */
            snprintf(errmsg, RB_ERRMSG,
                     "no candidate %lld of yours: a candidate gives their own "
                     "self-identification, signed in with the email they applied with",
                     candidate);
            return RB_ENOTFOUND;
        }
        given_by = "candidate";
        consent = NULL;
    } else if (src == SELFID_BY_STAFF) {
        if (!who || (who->role != USER_ADMIN && who->role != USER_RECRUITER)) {
            snprintf(errmsg, RB_ERRMSG,
                     "only the candidate, or a recruiter or admin with their consent, may give "
                     "their self-identification");
            return RB_EDENIED;
        }
        if (!consent || !*consent || strlen(consent) > SELFID_CONSENT_MAX) {
            snprintf(errmsg, RB_ERRMSG,
                     "consent: say how the candidate agreed to you entering their answers (1 to "
                     "%d bytes, e.g. 'by email on 2026-03-02')",
                     SELFID_CONSENT_MAX);
            return RB_EINVAL;
        }
        given_by = "recruiter";
    } else {
        consent = NULL;
    }
    if ((e = selfid_check(c, answers, errmsg)))
        return e;
    return store_selfid_put(s, candidate, answers, given_by, consent,
                            who || src == SELFID_BY_CAREERS ? &actor : NULL, errmsg);
}

enum rb_err
selfid_read(struct store *s, long long candidate, const struct user *who, json_t **out,
            char *errmsg)
{
    struct audit_actor actor = {who ? who->id : 0, who ? who->email : NULL};
    bool own = false;
    enum rb_err e;
    *out = NULL;
    if (!selfid_may_read(who)) {
        if ((e = is_own(s, candidate, who, &own, errmsg)))
            return e;
        if (!own && who && who->role == USER_CANDIDATE) {
            snprintf(errmsg, RB_ERRMSG, "no candidate %lld of yours", candidate);
            return RB_ENOTFOUND;
        }
        if (!own) {
            snprintf(errmsg, RB_ERRMSG,
                     "self-identification is read only by the candidate themselves or an "
                     "admin; recruiters and panels never see it (docs/FAIRNESS.md)");
            return RB_EDENIED;
        }
    }
    if ((e = store_selfid_get(s, candidate, out, errmsg)))
        return e;
    if ((e = audit_append(s, who ? &actor : NULL, "view", &candidate, 1, "self-identification",
                          errmsg))) {
        json_decref(*out);
        *out = NULL;
    }
    return e;
}
