/* SPDX-License-Identifier: MIT */
/*
 * The HTTP API's inside: what a route handler receives (a request with its caller, path
 * parameters, query and decoded body, and the store of its thread) and what it fills (a
 * response: JSON, a problem, or bytes). Handlers never see libmicrohttpd: server.c turns
 * its connections into these and back, and applies what every route shares (limits,
 * authentication, CSRF, ETags, problems, the access log and metrics).
 */
#ifndef RUBRIC_HTTP_HTTP_H
#define RUBRIC_HTTP_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/user.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/jsonv.h"

struct settings; /* core/settings.h */

#define HTTP_MAX_PARAMS 4

/* One uploaded file of a multipart request. */
struct http_file {
    char *name;  /* the file name the client gave (not a path; may be empty) */
    char *field; /* the form field it was sent as */
    struct buf data;
};

struct http_req {
    const char *method;
    const char *path;
    char *params[HTTP_MAX_PARAMS]; /* {id} parts of the route's pattern, in order */
    size_t nparams;
    const char *body; /* raw body, NUL-terminated; "" when none */
    size_t body_len;
    json_t *json; /* the body when the route takes JSON (borrowed) */
    struct http_file *files;
    size_t nfiles;
    struct http_file *fields; /* a multipart body's plain fields: name and value */
    size_t nfields;
    struct user who; /* id 0: nobody (a public route) */
    bool by_token;   /* authenticated by an API token, not a session */
    struct store *store;
    const struct settings *cfg;
    void *conn; /* the server's: for http_query */
    long long now;
    char address[64]; /* the client's IP address, for rate limits only (never logged) */
};

struct http_res {
    int status;
    json_t *json;             /* the body as JSON (owned), or NULL ... */
    struct buf body;          /* ... else these bytes */
    const char *content_type; /* for body; static storage */
    char *location;           /* Location, for 201 (owned) */
    char *set_cookie;         /* Set-Cookie (owned) */
    bool no_etag;             /* a GET whose body must not be cached or revalidated */
    const char *csp;          /* Content-Security-Policy, when not the API's (static) */
    /* the web app's files (http/static.c): */
    const char *cache_control;    /* static storage; NULL: "private, no-cache" */
    const char *content_encoding; /* "gzip" when the body is compressed */
    bool vary_encoding;           /* another encoding of the same file exists */
    bool app;                     /* a page of the web app: its CSP, not the API's */
    long long retry_after;        /* Retry-After of a 429 in seconds; 0: the login window's */
};

/* A query parameter (decoded), or NULL. */
const char *http_query(const struct http_req *req, const char *name);
/* A request header's value, or NULL. */
const char *http_header(const struct http_req *req, const char *name);
/* A plain field of a multipart body (the first of that name), or NULL. */
const char *http_form(const struct http_req *req, const char *name);
/* A cookie's value, or NULL. */
const char *http_cookie(const struct http_req *req, const char *name);

/* Sets a problem response (RFC 9457): status and type from e, detail from msg, and the
 * field at fault when known. */
void http_problem(struct http_res *res, enum rb_err e, const char *msg, const char *field);
/* A problem for a core error whose message starts with the field at fault ("stages[2].name:
 * ...", "email: ..."): that field is named when e is RB_EINVAL. */
void http_problem_lead(struct http_res *res, enum rb_err e, const char *msg);
/* The same with the detail formatted. */
void http_problemf(struct http_res *res, enum rb_err e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Sets a JSON response, stealing v. */
void http_json(struct http_res *res, int status, json_t *v);

/* Reads limit and offset from the query (defaults 50 and 0, limit at most 500). False, with
 * a problem set, when they are not whole numbers in range. */
bool http_paging(const struct http_req *req, struct http_res *res, size_t *limit, size_t *offset);
/* {"items": items, "total", "limit", "offset"}: stealing items. */
json_t *http_page(json_t *items, size_t total, size_t limit, size_t offset);

/* The path parameter i as a positive whole number, or 0 with a 404 problem set. */
long long http_param_id(const struct http_req *req, struct http_res *res, size_t i);

/* ---- the route table ---- */

typedef void (*http_handler)(struct http_req *req, struct http_res *res);

enum body_kind { BODY_NONE, BODY_JSON, BODY_UPLOAD };

/* Where a route's handler runs: on the request thread, or on a bounded pool for slow work
 * (the request thread answers others meanwhile; a full pool answers 503). */
enum route_pool { POOL_NONE, POOL_PARSE, POOL_HASH };

struct route {
    const char *method;
    const char *pattern; /* "/api/v1/questions/{id}" */
    http_handler fn;
    unsigned roles; /* ROLE_BIT()s that may call it; 0: anyone, logged in or not */
    enum body_kind body;
    const char *name; /* for metrics and the access log: "GET /api/v1/questions/{id}" */
    int cached;       /* the answer depends only on the bank and roles, not on the caller: kept
                       * and served again while the store's bank generation is the same */
};

extern const struct route http_routes[];
extern const size_t http_nroutes;

/* The route for method and path, with its parameters in req. NULL with *e = RB_ENOTFOUND
 * for no path, RB_EMETHOD for a path without that method. */
const struct route *http_route_find(const char *method, const char *path, struct http_req *req,
                                    enum rb_err *e);
/* The pool r's handler runs on (routes.c's table of slow handlers). */
enum route_pool http_route_pool(const struct route *r);

/* Handlers, by resource (http/api_*.c). */
void api_healthz(struct http_req *req, struct http_res *res);
void api_readyz(struct http_req *req, struct http_res *res);
void api_metrics(struct http_req *req, struct http_res *res);
void api_openapi(struct http_req *req, struct http_res *res);
void api_session_create(struct http_req *req, struct http_res *res);
void api_session_get(struct http_req *req, struct http_res *res);
void api_session_delete(struct http_req *req, struct http_res *res);
void api_users_list(struct http_req *req, struct http_res *res);
void api_users_create(struct http_req *req, struct http_res *res);
void api_user_get(struct http_req *req, struct http_res *res);
void api_user_update(struct http_req *req, struct http_res *res);
void api_tokens_list(struct http_req *req, struct http_res *res);
void api_tokens_create(struct http_req *req, struct http_res *res);
void api_account_password(struct http_req *req, struct http_res *res);
void api_token_delete(struct http_req *req, struct http_res *res);
void api_questions_list(struct http_req *req, struct http_res *res);
void api_questions_create(struct http_req *req, struct http_res *res);
void api_question_get(struct http_req *req, struct http_res *res);
void api_question_update(struct http_req *req, struct http_res *res);
void api_question_retire(struct http_req *req, struct http_res *res);
void api_roles_list(struct http_req *req, struct http_res *res);
void api_role_get(struct http_req *req, struct http_res *res);
void api_kits_create(struct http_req *req, struct http_res *res);
void api_kit_get(struct http_req *req, struct http_res *res);
void api_candidates_list(struct http_req *req, struct http_res *res);
void api_candidates_create(struct http_req *req, struct http_res *res);
void api_candidate_get(struct http_req *req, struct http_res *res);
void api_resumes_upload(struct http_req *req, struct http_res *res);
void api_resume_get(struct http_req *req, struct http_res *res);
void api_screenings_create(struct http_req *req, struct http_res *res);
void api_screening_get(struct http_req *req, struct http_res *res);
void api_screening_results(struct http_req *req, struct http_res *res);
void api_candidate_export(struct http_req *req, struct http_res *res);
void api_candidate_erase(struct http_req *req, struct http_res *res);
void api_audit_list(struct http_req *req, struct http_res *res);
/* admin (http/api_admin.c) */
void api_roles_import(struct http_req *req, struct http_res *res);
void api_bank_import(struct http_req *req, struct http_res *res);
void api_status(struct http_req *req, struct http_res *res);

/* Records in the audit log that the caller did action (AUDIT_ACTIONS) to candidate (0:
 * none) and what (formatted: "resume %lld"; ids and kinds, nothing personal). On failure
 * sets a problem in res and returns false (a read must then not be answered); with res
 * NULL (a change already made) the failure is logged. One line per hook:
 *     if (!api_audit(req, res, "view", id, "candidate")) return; */
bool api_audit(struct http_req *req, struct http_res *res, const char *action, long long candidate,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same with one entry per candidate of a list: the ids are items[i][key] (entries
 * without one are skipped). */
bool api_audit_items(struct http_req *req, struct http_res *res, const char *action, json_t *items,
                     const char *key, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* For a change, inside the transaction its handler opened (store_tx_begin) after the change
 * succeeded: records it, so that the change and its entry commit together. On failure msg
 * says the change was not made (and store_tx_end with the error undoes it).
 *     e = store_tx_begin(...); e = e ? e : change(...);
 *     e = e ? e : api_audit_change(req, "create", id, msg, "candidate");
 *     e = store_tx_end(req->store, e, msg); */
enum rb_err api_audit_change(struct http_req *req, const char *action, long long candidate,
                             char *msg, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void api_candidate_stage(struct http_req *req, struct http_res *res);
void api_interviews_list(struct http_req *req, struct http_res *res);
void api_interviews_create(struct http_req *req, struct http_res *res);
void api_interview_get(struct http_req *req, struct http_res *res);
/* calendar: a new time or zone, a cancel, the invite as text/calendar (http/api_loops.c) */
void api_interview_update(struct http_req *req, struct http_res *res);
void api_interview_cancel(struct http_req *req, struct http_res *res);
void api_interview_invite(struct http_req *req, struct http_res *res);
void api_scorecard_template(struct http_req *req, struct http_res *res);
void api_scorecards_submit(struct http_req *req, struct http_res *res);
void api_interview_scorecards(struct http_req *req, struct http_res *res);
void api_candidate_scorecards(struct http_req *req, struct http_res *res);
void api_scorecard_get(struct http_req *req, struct http_res *res);
void api_scorecard_amend(struct http_req *req, struct http_res *res);
/* a job description read into criteria, as a screening would (http/api_hiring.c) */
void api_job_read(struct http_req *req, struct http_res *res);
/* a screening's results as CSV or the HTML report (http/api_hiring.c) */
void api_screening_report(struct http_req *req, struct http_res *res);
/* a resume's original file, as uploaded (http/api_hiring.c) */
void api_resume_original(struct http_req *req, struct http_res *res);
/* who may sit on a panel, for scheduling (http/api_loops.c) */
void api_interviewers_list(struct http_req *req, struct http_res *res);
/* scorecard drafts (http/api_loops.c) */
void api_draft_get(struct http_req *req, struct http_res *res);
void api_draft_put(struct http_req *req, struct http_res *res);
void api_draft_delete(struct http_req *req, struct http_res *res);
void api_practice_next(struct http_req *req, struct http_res *res);
void api_practice_answer(struct http_req *req, struct http_res *res);
void api_practice_stats(struct http_req *req, struct http_res *res);
/* the web app's needs (http/api_bank.c, http/api_practice.c) */
void api_practice_export(struct http_req *req, struct http_res *res);
void api_practice_reveal(struct http_req *req, struct http_res *res);
void api_competencies_list(struct http_req *req, struct http_res *res);
/* debriefs and insight (http/api_insight.c) */
void api_candidate_debrief(struct http_req *req, struct http_res *res);
void api_role_comparison(struct http_req *req, struct http_res *res);
void api_insight_interviewers(struct http_req *req, struct http_res *res);
void api_insight_questions(struct http_req *req, struct http_res *res);
/* openings, applications and the careers page (http/api_openings.c, http/careers.c) */
void api_openings_list(struct http_req *req, struct http_res *res);
void api_openings_create(struct http_req *req, struct http_res *res);
void api_opening_get(struct http_req *req, struct http_res *res);
void api_opening_update(struct http_req *req, struct http_res *res);
void api_opening_status(struct http_req *req, struct http_res *res);
void api_opening_applications(struct http_req *req, struct http_res *res);
void api_applications_create(struct http_req *req, struct http_res *res);
void api_application_get(struct http_req *req, struct http_res *res);
void api_application_move(struct http_req *req, struct http_res *res);
void api_application_history(struct http_req *req, struct http_res *res);
void api_candidate_applications(struct http_req *req, struct http_res *res);
void api_apply_public(struct http_req *req, struct http_res *res);
void api_dashboard(struct http_req *req, struct http_res *res);
void careers_index(struct http_req *req, struct http_res *res);
void careers_opening(struct http_req *req, struct http_res *res);
void careers_style(struct http_req *req, struct http_res *res);

/* fairness (http/api_fairness.c) and the candidate-facing notice (http/careers.c) */
void api_selfid_categories(struct http_req *req, struct http_res *res);
void api_selfid_put(struct http_req *req, struct http_res *res);
void api_selfid_get(struct http_req *req, struct http_res *res);
void api_fairness_report(struct http_req *req, struct http_res *res);
void api_fairness_audit(struct http_req *req, struct http_res *res);
void careers_notice(struct http_req *req, struct http_res *res);

#endif
