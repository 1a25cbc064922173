/* SPDX-License-Identifier: MIT */
/* The store's side of debriefs and insight (core/debrief_load.h). */
#include "core/debrief_load.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/debrief.h"
#include "core/insight.h"
#include "core/scorecard.h"
#include "util/mem.h"

/* Pages read from list operations until all are in. */
#define PAGE 500

enum rb_err
debrief_load_allowed(struct store *s, long long candidate, const struct user *who, char *errmsg)
{
    enum scorecard_view view;
    long long on_panel = 0, pending = 0;
    json_t *c = NULL;
    enum rb_err rc;

    if (who && who->role == USER_CANDIDATE) {
        snprintf(errmsg, RB_ERRMSG, "candidates do not see debriefs");
        return RB_EDENIED;
    }
    if ((rc = store_candidate_get(s, candidate, &c, errmsg)))
        return rc;
    json_decref(c);
    if ((rc = scorecard_view(s, candidate, who, &view, errmsg)))
        return rc;
    if (view == VIEW_ALL)
        return RB_OK;
    if (view == VIEW_NONE) {
        snprintf(errmsg, RB_ERRMSG,
                 "%s is not on candidate %lld's panel: only its interviewers, recruiters and "
                 "admins see the debrief",
                 who->email, candidate);
        return RB_EDENIED;
    }
    if ((rc = store_loop_pending(s, candidate, who->id, &on_panel, &pending, errmsg)))
        return rc;
    snprintf(errmsg, RB_ERRMSG,
             "submit your scorecard%s for candidate %lld first (%lld of %lld pending): nobody on "
             "the panel sees the others' ratings before giving their own",
             pending == 1 ? "" : "s", candidate, pending, on_panel);
    return RB_EDENIED;
}

/* Competency id -> display name, from the bank. New reference. */
static enum rb_err
competency_names(struct store *s, json_t **names, char *errmsg)
{
    struct bank_stats *st = xcalloc(1, sizeof *st);
    enum rb_err rc = store_bank_stats(s, st, errmsg);
    *names = json_object();
    for (size_t i = 0; !rc && i < st->ncomps; i++)
        if (st->comps[i].id && st->comps[i].name)
            json_object_set_new(*names, st->comps[i].id, json_string(st->comps[i].name));
    bank_stats_cleanup(st);
    free(st);
    return rc;
}

enum rb_err
debrief_load_candidate(struct store *s, long long candidate, const struct user *who, json_t **out,
                       char *errmsg)
{
    struct scorecard_filter f = {0};
    struct role r = {0};
    json_t *c = NULL, *cards = NULL, *ivs = json_array(), *names = NULL, *page;
    const char *rid;
    size_t total = 0, got;
    enum rb_err rc;

    *out = NULL;
    if ((rc = debrief_load_allowed(s, candidate, who, errmsg)) ||
        (rc = store_candidate_get(s, candidate, &c, errmsg)))
        goto out;
    if (!(rid = json_string_value(json_object_get(c, "role")))) {
        snprintf(errmsg, RB_ERRMSG,
                 "candidate %lld has no role: the debrief weighs competencies by the role's "
                 "weights",
                 candidate);
        rc = RB_EINVAL;
        goto out;
    }
    if ((rc = store_role_get(s, rid, &r, errmsg))) {
        if (rc == RB_ENOTFOUND) {
            snprintf(errmsg, RB_ERRMSG, "candidate %lld's role '%s' is no longer stored", candidate,
                     rid);
            rc = RB_EINVAL;
        }
        goto out;
    }
    f.candidate = candidate;
    if ((rc = store_scorecards(s, &f, &cards, errmsg)))
        goto out;
    do {
        page = NULL;
        if ((rc = store_interview_list(s, candidate, 0, PAGE, json_array_size(ivs), &page, &total,
                                       errmsg))) {
            json_decref(page);
            goto out;
        }
        got = json_array_size(page);
        json_array_extend(ivs, page);
        json_decref(page);
    } while (got && json_array_size(ivs) < total);
    if ((rc = competency_names(s, &names, errmsg)))
        goto out;
    *out = debrief_build(&r, c, cards, ivs, names);
out:
    json_decref(c);
    json_decref(cards);
    json_decref(ivs);
    json_decref(names);
    role_cleanup(&r);
    return rc;
}

enum rb_err
debrief_load_compare(struct store *s, const char *role, const struct user *who, json_t **out,
                     char *errmsg)
{
    struct scorecard_filter f = {0};
    struct role r = {0};
    json_t *cands = json_array(), *cards = NULL, *names = NULL, *page;
    size_t total = 0, got, withheld = 0;
    enum rb_err rc;

    *out = NULL;
    if ((rc = store_role_get(s, role, &r, errmsg)))
        goto out;
    f.role = role;
    if ((rc = store_scorecards(s, &f, &cards, errmsg)) ||
        (rc = scorecard_visible(s, who, cards, &withheld, errmsg)))
        goto out;
    do {
        page = NULL;
        if ((rc = store_candidate_list(s, NULL, role, PAGE, json_array_size(cands), &page, &total,
                                       errmsg))) {
            json_decref(page);
            goto out;
        }
        got = json_array_size(page);
        json_array_extend(cands, page);
        json_decref(page);
    } while (got && json_array_size(cands) < total);
    if ((rc = competency_names(s, &names, errmsg)))
        goto out;
    *out = debrief_compare(&r, cards, cands, names);
    json_object_set_new(*out, "withheld", json_integer((json_int_t)withheld));
out:
    json_decref(cands);
    json_decref(cards);
    json_decref(names);
    role_cleanup(&r);
    return rc;
}

/* The scorecards of role's candidates (NULL: all) that who may see, *withheld counting the
 * candidates left out; RB_ENOTFOUND when role is not stored. */
static enum rb_err
role_cards(struct store *s, const char *role, const struct user *who, json_t **cards,
           size_t *withheld, char *errmsg)
{
    struct scorecard_filter f = {0};
    enum rb_err rc;
    *cards = NULL;
    *withheld = 0;
    if (role) {
        struct role r;
        if ((rc = store_role_get(s, role, &r, errmsg)))
            return rc;
        role_cleanup(&r);
    }
    f.role = role;
    if ((rc = store_scorecards(s, &f, cards, errmsg)))
        return rc;
    return scorecard_visible(s, who, *cards, withheld, errmsg);
}

enum rb_err
debrief_load_interviewers(struct store *s, const char *role, const struct user *who, int min,
                          json_t **out, char *errmsg)
{
    json_t *cards;
    size_t withheld;
    enum rb_err rc = role_cards(s, role, who, &cards, &withheld, errmsg);
    *out = NULL;
    if (!rc) {
        *out = insight_interviewers(cards, min);
        json_object_set_new(*out, "role", role ? json_string(role) : json_null());
        json_object_set_new(*out, "withheld", json_integer((json_int_t)withheld));
    }
    json_decref(cards);
    return rc;
}

enum rb_err
debrief_load_questions(struct store *s, const char *role, const struct user *who, int min,
                       json_t **out, char *errmsg)
{
    json_t *cards, *q;
    size_t i, withheld;
    enum rb_err rc = role_cards(s, role, who, &cards, &withheld, errmsg);
    *out = NULL;
    if (rc) {
        json_decref(cards);
        return rc;
    }
    *out = insight_questions(cards, min);
    json_decref(cards);
    json_object_set_new(*out, "role", role ? json_string(role) : json_null());
    json_object_set_new(*out, "withheld", json_integer((json_int_t)withheld));
    /* titles from the bank; a question since removed keeps a null title */
    json_array_foreach(json_object_get(*out, "questions"), i, q)
    {
        struct question qq;
        const char *id = json_string_value(json_object_get(q, "question"));
        enum rb_err e = id ? store_question_get(s, id, &qq, errmsg) : RB_ENOTFOUND;
        if (e == RB_OK) {
            json_object_set_new(q, "title", qq.title ? json_string(qq.title) : json_null());
            question_cleanup(&qq);
        } else if (e != RB_ENOTFOUND) {
            json_decref(*out);
            *out = NULL;
            return e;
        }
    }
    return RB_OK;
}
