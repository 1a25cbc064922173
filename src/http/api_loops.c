/* SPDX-License-Identifier: MIT */
/*
 * Interview loops over HTTP: a candidate's stage, their interviews, and scorecards.
 * Recruiters and admins manage loops and see them whole; an interviewer sees only the
 * interviews they are on, and nobody on a panel sees another's scorecard before giving
 * their own (core/scorecard.h). Candidates reach none of it (the route table says so).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/application.h"
#include "core/candidate.h"
#include "core/interview.h"
#include "core/notify.h"
#include "core/scorecard.h"
#include "http/http.h"
#include "util/mem.h"

/* A problem for a core error whose message starts with the field at fault ("ratings[2]
 * .rating: ..."): the field is reported on its own too. */
static void
field_problem(struct http_res *res, enum rb_err e, const char *msg)
{
    char field[96];
    size_t n = strcspn(msg, ": ");
    if (e == RB_EINVAL && n && n < sizeof field && msg[n] == ':') {
        memcpy(field, msg, n);
        field[n] = 0;
        http_problem(res, e, msg, field);
    } else
        http_problem(res, e, msg, NULL);
}

/* Interview id, when the caller may see it (interview_visible): *iv (new), else a problem
 * is set and false returned. */
static bool
interview_for(struct http_req *req, struct http_res *res, long long id, json_t **iv)
{
    char msg[RB_ERRMSG];
    enum rb_err e = store_interview_get(req->store, id, iv, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return false;
    }
    if (interview_visible(&req->who, *iv))
        return true;
    json_decref(*iv);
    *iv = NULL;
    http_problemf(res, RB_EDENIED, NULL, "interview %lld is not one of yours", id);
    return false;
}

void
api_candidate_stage(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {
        {"stage", F_STRING, true, 32}, {"reason", F_STRING, false, 1000}, {0}};
    long long id = http_param_id(req, res, 0);
    const char *field, *stage, *reason;
    char msg[RB_ERRMSG];
    json_t *o;
    enum rb_err e;

    if (!id)
        return;
    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    stage = json_string_value(json_object_get(req->json, "stage"));
    reason = json_string_value(json_object_get(req->json, "reason"));
    if (!candidate_stage_known(stage)) {
        http_problem(res, RB_EINVAL, "stage: " CANDIDATE_STAGES, "stage");
        return;
    }
    if (!(e = store_tx_begin(req->store, msg))) {
        e = application_candidate_stage(req->store, id, stage, reason && *reason ? reason : NULL,
                                        &req->who, msg);
        e = e ? e : api_audit_change(req, "change", id, msg, "stage");
        e = store_tx_end(req->store, e, msg);
    }
    if (e || (e = store_candidate_get(req->store, id, &o, msg))) {
        http_problem(res, e, msg,
                     e == RB_EINVAL && strncmp(msg, "reason:", 7) == 0 ? "reason" : NULL);
        return;
    }
    http_json(res, 200, o);
}

/* A true/false query parameter: *v, or false with a problem set. */
static bool
query_flag(const struct http_req *req, struct http_res *res, const char *name, bool *v)
{
    const char *s = http_query(req, name);
    *v = false;
    if (!s || strcmp(s, "false") == 0)
        return true;
    if (strcmp(s, "true") == 0) {
        *v = true;
        return true;
    }
    http_problemf(res, RB_EINVAL, name, "%s: true or false", name);
    return false;
}

void
api_interviews_list(struct http_req *req, struct http_res *res)
{
    const char *c = http_query(req, "candidate");
    struct interview_filter f = {0};
    bool mine;
    long long candidate = 0;
    size_t limit, offset, total;
    json_t *items;
    char msg[RB_ERRMSG], *end;
    enum rb_err e;

    if (!http_paging(req, res, &limit, &offset) || !query_flag(req, res, "mine", &mine) ||
        !query_flag(req, res, "waiting", &f.waiting))
        return;
    if (c) {
        candidate = strtoll(c, &end, 10);
        if (*end || candidate < 1) {
            http_problem(res, RB_EINVAL, "candidate: a candidate's id", "candidate");
            return;
        }
    }
    f.candidate = candidate;
    f.account = interview_list_scope(&req->who, mine, f.waiting);
    e = store_interview_find(req->store, &f, limit, offset, &items, &total, msg);
    if (e) {
        json_decref(items);
        http_problem(res, e, msg, NULL);
        return;
    }
    if (!api_audit_items(req, res, "view", items, "candidate", "interview list")) {
        json_decref(items);
        return;
    }
    http_json(res, 200, http_page(items, total, limit, offset));
}

void
api_interviews_create(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {{"candidate", F_INT, true, 0},
                                             {"stage", F_STRING, true, 32},
                                             {"interviewers", F_ARRAY, true, INTERVIEWERS_MAX},
                                             {"minutes", F_INT, false, KIT_MINUTES_MAX},
                                             {"scheduled_at", F_STRING, false, 32},
                                             {"seed", F_INT, false, 0},
                                             {"application", F_INT, false, 0},
                                             {"time_zone", F_STRING, false, 64},
                                             {0}};
    const char *field, *emails[INTERVIEWERS_MAX];
    long long ids[INTERVIEWERS_MAX], id;
    struct interview_request r = {0};
    json_t *arr = json_object_get(req->json, "interviewers"), *v, *o;
    char msg[RB_ERRMSG], loc[64];
    size_t i, n = 0;
    int st;
    bool partial;
    enum rb_err e;

    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    json_array_foreach(arr, i, v)
    {
        if (!json_is_string(v)) {
            http_problemf(res, RB_EINVAL, "interviewers", "interviewers[%zu]: an email", i);
            return;
        }
        emails[n++] = json_string_value(v);
    }
    if (!n) {
        http_problem(res, RB_EINVAL, "interviewers: at least one", "interviewers");
        return;
    }
    if ((st = stage_parse(json_string_value(json_object_get(req->json, "stage")))) < 0) {
        http_problem(res, RB_EINVAL,
                     "stage: screen, technical, system-design, behavioral or onsite", "stage");
        return;
    }
    r.candidate = json_integer_value(json_object_get(req->json, "candidate"));
    r.minutes = (int)json_integer_value(json_object_get(req->json, "minutes"));
    if (r.candidate < 1 || (json_object_get(req->json, "minutes") && r.minutes < 5)) {
        http_problem(res, RB_EINVAL,
                     r.candidate < 1 ? "candidate: a candidate's id" : "minutes: 5 or more",
                     r.candidate < 1 ? "candidate" : "minutes");
        return;
    }
    r.stage = (enum stage)st;
    r.at = json_string_value(json_object_get(req->json, "scheduled_at"));
    r.seed = json_object_get(req->json, "seed")
                 ? (uint64_t)json_integer_value(json_object_get(req->json, "seed"))
                 : (uint64_t)time(NULL);
    r.by = req->who.id;
    r.application = json_integer_value(json_object_get(req->json, "application"));
    r.zone = json_string_value(json_object_get(req->json, "time_zone"));
    if ((e = interview_interviewers(req->store, emails, n, ids, msg))) {
        http_problem(res, e, msg, "interviewers");
        return;
    }
    r.interviewers = ids;
    r.ninterviewers = n;
    if (!(e = store_tx_begin(req->store, msg))) {
        e = interview_create(req->store, &r, &id, &partial, msg);
        e = e ? e : api_audit_change(req, "create", r.candidate, msg, "interview %lld", id);
        e = store_tx_end(req->store, e, msg);
    }
    if (e) {
        http_problem(res, e == RB_ENOTFOUND ? RB_EINVAL : e, msg,
                     strncmp(msg, "application", 11) == 0    ? "application"
                     : strncmp(msg, "scheduled_at", 12) == 0 ? "scheduled_at"
                     : strncmp(msg, "time_zone", 9) == 0     ? "time_zone"
                                                             : "candidate");
        return;
    }
    if ((e = store_interview_get(req->store, id, &o, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    snprintf(loc, sizeof loc, "/api/v1/interviews/%lld", id);
    res->location = xstrdup(loc);
    http_json(res, 201, o);
}

void
api_interview_get(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    json_t *iv;
    if (!id || !interview_for(req, res, id, &iv))
        return;
    if (!api_audit(req, res, "view", json_integer_value(json_object_get(iv, "candidate")),
                   "interview %lld", id)) {
        json_decref(iv);
        return;
    }
    http_json(res, 200, iv);
}

void
api_scorecard_template(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    struct role role;
    bool has_role;
    json_t *iv;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id || !interview_for(req, res, id, &iv))
        return;
    json_decref(iv);
    if ((e = scorecard_context(req->store, id, &iv, &role, &has_role, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    http_json(res, 200, scorecard_template(iv, has_role ? &role : NULL));
    json_decref(iv);
    role_cleanup(&role);
}

/* Answers with card (taken), scorecard id as its write left it: a 201 says where it is. */
static void
send_card(struct http_res *res, long long id, json_t *card, int status)
{
    char loc[64];
    if (status == 201) {
        snprintf(loc, sizeof loc, "/api/v1/scorecards/%lld", id);
        res->location = xstrdup(loc);
    }
    http_json(res, status, card);
}

/* Records action on scorecard id, inside the handler's transaction (api_audit_change), and
 * gives the card as the transaction leaves it in *card (new), the handler's answer once it
 * commits: read once, not again after the commit. */
static enum rb_err
audit_card(struct http_req *req, const char *action, long long id, json_t **card, char *msg)
{
    long long candidate;
    enum rb_err e = scorecard_get(req->store, id, card, msg);
    if (e)
        return e;
    candidate = json_integer_value(json_object_get(*card, "candidate"));
    e = api_audit_change(req, action, candidate, msg, "scorecard %lld", id);
    if (e) {
        json_decref(*card);
        *card = NULL;
    }
    return e;
}

void
api_scorecards_submit(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0), card;
    char msg[RB_ERRMSG];
    json_t *doc = NULL;
    enum rb_err e;
    if (!id)
        return;
    if (!(e = store_tx_begin(req->store, msg))) {
        e = scorecard_submit(req->store, id, &req->who, req->json, &card, msg);
        e = e ? e : audit_card(req, "create", card, &doc, msg);
        e = store_tx_end(req->store, e, msg);
    }
    if (e) {
        json_decref(doc);
        field_problem(res, e, msg);
        return;
    }
    send_card(res, card, doc, 201);
}

/* The scorecards of filter f that the caller may see: {"items", "complete" (false when only
 * the caller's own are shown)}. */
static void
send_cards(struct http_req *req, struct http_res *res, const struct scorecard_filter *f)
{
    json_t *cards;
    bool complete;
    long long candidate;
    char msg[RB_ERRMSG];
    enum rb_err e = scorecard_find(req->store, &req->who, f, &cards, &complete, &candidate, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    if (json_array_size(cards) && !api_audit(req, res, "view", candidate, "scorecards")) {
        json_decref(cards);
        return;
    }
    res->no_etag = true;
    http_json(res, 200, json_pack("{s:o, s:b}", "items", cards, "complete", complete));
}

void
api_interview_scorecards(struct http_req *req, struct http_res *res)
{
    struct scorecard_filter f = {.interview = http_param_id(req, res, 0)};
    json_t *iv;
    if (!f.interview || !interview_for(req, res, f.interview, &iv))
        return;
    json_decref(iv);
    send_cards(req, res, &f);
}

void
api_candidate_scorecards(struct http_req *req, struct http_res *res)
{
    struct scorecard_filter f = {.candidate = http_param_id(req, res, 0)};
    json_t *c;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!f.candidate)
        return;
    if ((e = store_candidate_get(req->store, f.candidate, &c, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    json_decref(c);
    send_cards(req, res, &f);
}

void
api_scorecard_get(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0), candidate;
    json_t *card, *cards;
    bool complete;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    if ((e = scorecard_find(req->store, &req->who, &(struct scorecard_filter){.id = id}, &cards,
                            &complete, &candidate, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    card = json_incref(json_array_get(cards, 0));
    json_decref(cards);
    if (!card) {
        http_problem(res, RB_ENOTFOUND, "no such scorecard", NULL);
        return;
    }
    if (!api_audit(req, res, "view", candidate, "scorecard %lld", id)) {
        json_decref(card);
        return;
    }
    res->no_etag = true;
    http_json(res, 200, card);
}

void
api_scorecard_amend(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {
        {"reason", F_STRING, true, SCORECARD_REASON_MAX}, {"changes", F_OBJECT, true, 0}, {0}};
    long long id = http_param_id(req, res, 0);
    const char *field;
    char msg[RB_ERRMSG];
    json_t *doc = NULL;
    size_t n;
    enum rb_err e;
    if (!id)
        return;
    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    if (!(e = store_tx_begin(req->store, msg))) {
        e = scorecard_amend(req->store, id, &req->who,
                            json_string_value(json_object_get(req->json, "reason")),
                            json_object_get(req->json, "changes"), &n, msg);
        e = e ? e : audit_card(req, "change", id, &doc, msg);
        e = store_tx_end(req->store, e, msg);
    }
    if (e) {
        json_decref(doc);
        field_problem(res, e, msg);
        return;
    }
    send_card(res, id, doc, 200);
}

/* ---- scorecard drafts: the caller's own, for interviews they are on ---- */

void
api_draft_get(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    json_t *d;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    if ((e = store_draft_get(req->store, id, req->who.id, &d, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    if (!api_audit(req, res, "view", json_integer_value(json_object_get(d, "candidate")),
                   "scorecard draft of interview %lld", id)) {
        json_decref(d);
        return;
    }
    res->no_etag = true;
    http_json(res, 200, d);
}

void
api_draft_put(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {
        {"draft", F_OBJECT, true, 0}, {"revision", F_INT, false, 0}, {0}};
    long long id = http_param_id(req, res, 0), revision = 0, base;
    const char *field;
    char msg[RB_ERRMSG];
    json_t *d;
    enum rb_err e;
    if (!id)
        return;
    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    base = json_integer_value(json_object_get(req->json, "revision"));
    if (json_object_get(req->json, "revision") && base < 1) {
        http_problem(res, RB_EINVAL, "revision: the revision last saved, 1 or more", "revision");
        return;
    }
    if ((e = scorecard_draft_save(req->store, id, &req->who, json_object_get(req->json, "draft"),
                                  base, &revision, msg))) {
        http_problem(res, e, msg,
                     e == RB_EINVAL || e == RB_ETOOBIG                            ? "draft"
                     : e == RB_ECONFLICT && base && !strncmp(msg, "revision:", 9) ? "revision"
                                                                                  : NULL);
        return;
    }
    if (revision == 1 && !store_draft_get(req->store, id, req->who.id, &d, msg)) {
        api_audit(req, NULL, "create", json_integer_value(json_object_get(d, "candidate")),
                  "scorecard draft of interview %lld", id);
        json_decref(d);
    }
    http_json(res, 200, json_pack("{s:I, s:I}", "interview", id, "revision", revision));
}

void
api_draft_delete(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    json_t *iv;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id || !interview_for(req, res, id, &iv))
        return;
    if ((e = store_draft_delete(req->store, id, req->who.id, msg))) {
        json_decref(iv);
        http_problem(res, e, msg, NULL);
        return;
    }
    api_audit(req, NULL, "change", json_integer_value(json_object_get(iv, "candidate")),
              "scorecard draft of interview %lld", id);
    json_decref(iv);
    res->status = 204;
}

void
api_interviewers_list(struct http_req *req, struct http_res *res)
{
    json_t *items;
    char msg[RB_ERRMSG];
    enum rb_err e = interview_people(req->store, &items, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    http_json(res, 200, json_pack("{s:o}", "items", items));
}

/* ---- calendar: moving, cancelling, the invite (core/notify.h) ---- */

void
api_interview_invite(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    json_t *iv;
    char *ics = NULL, msg[RB_ERRMSG];
    enum rb_err e;
    if (!id || !interview_for(req, res, id, &iv))
        return;
    if (!api_audit(req, res, "view", json_integer_value(json_object_get(iv, "candidate")),
                   "interview %lld invite", id)) {
        json_decref(iv);
        return;
    }
    json_decref(iv);
    if ((e = notify_invite(req->store, id, req->now, &ics, msg))) {
        /* no time yet: there is nothing to put in a calendar until it is moved to one */
        http_problem(res, e == RB_EINVAL ? RB_ECONFLICT : e, msg, NULL);
        return;
    }
    buf_puts(&res->body, ics);
    free(ics);
    res->status = 200;
    res->content_type = "text/calendar; charset=utf-8";
    res->no_etag = true; /* DTSTAMP is the moment it was asked for */
}

/* PATCH (a new time or zone) and cancel: the change, its audit entry and the panel's
 * invites in one transaction; the interview as it is now */
static void
reschedule(struct http_req *req, struct http_res *res, bool cancel)
{
    static const struct field_spec spec[] = {
        {"scheduled_at", F_STRING, false, 32}, {"time_zone", F_STRING, false, 64}, {0}};
    long long id = http_param_id(req, res, 0);
    const char *at = NULL, *zone = NULL, *field;
    json_t *iv;
    char msg[RB_ERRMSG];
    long long candidate;
    enum rb_err e;
    if (!id)
        return;
    if (!cancel) {
        if ((e = http_check_body(req->json, spec, &field, msg))) {
            http_problem(res, e, msg, field);
            return;
        }
        at = json_string_value(json_object_get(req->json, "scheduled_at"));
        zone = json_string_value(json_object_get(req->json, "time_zone"));
        if (!at && !zone) {
            http_problem(res, RB_EINVAL, "scheduled_at: give the new time (or time_zone)",
                         "scheduled_at");
            return;
        }
    }
    if ((e = store_interview_get(req->store, id, &iv, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    candidate = json_integer_value(json_object_get(iv, "candidate"));
    json_decref(iv);
    if (!(e = store_tx_begin(req->store, msg))) {
        e = interview_reschedule(req->store, id, at, zone, cancel, req->now, msg);
        e = e ? e
              : api_audit_change(req, "change", candidate, msg, "interview %lld %s", id,
                                 cancel ? "cancelled" : "moved");
        e = store_tx_end(req->store, e, msg);
    }
    if (e) {
        http_problem(res, e, msg,
                     e != RB_EINVAL                      ? NULL
                     : strncmp(msg, "time_zone", 9) == 0 ? "time_zone"
                                                         : "scheduled_at");
        return;
    }
    if ((e = store_interview_get(req->store, id, &iv, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    http_json(res, 200, iv);
}

void
api_interview_update(struct http_req *req, struct http_res *res)
{
    reschedule(req, res, false);
}

void
api_interview_cancel(struct http_req *req, struct http_res *res)
{
    reschedule(req, res, true);
}
