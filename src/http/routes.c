/* SPDX-License-Identifier: MIT */
/*
 * Every route of the API in one table: method, path pattern, handler, who may call it and
 * what body it takes. docs/openapi.json describes the same routes, and a test checks that
 * the two agree.
 */
#include <string.h>

#include "http/http.h"
#include "util/mem.h"

#define ANY 0u
#define STAFF ROLES_STAFF
#define HIRING ROLES_HIRING
#define ADMIN ROLE_BIT(USER_ADMIN)
#define SIGNED_IN ROLES_ALL
#define SELFID_WRITERS (ROLES_HIRING | ROLE_BIT(USER_CANDIDATE))
#define SELFID_READERS (ADMIN | ROLE_BIT(USER_CANDIDATE))
/* the answer depends only on the bank and roles: cached by bank generation */
#define CACHED 1

const struct route http_routes[] = {
    {"GET", "/healthz", api_healthz, ANY, BODY_NONE, "GET /healthz", 0},
    {"GET", "/readyz", api_readyz, ANY, BODY_NONE, "GET /readyz", 0},
    /* admins only on this listener, or off it (metrics_listen) */
    {"GET", "/metrics", api_metrics, ADMIN, BODY_NONE, "GET /metrics", 0},
    {"GET", "/api/openapi.json", api_openapi, ANY, BODY_NONE, "GET /api/openapi.json", 0},

    {"POST", "/api/v1/session", api_session_create, ANY, BODY_JSON, "POST /api/v1/session", 0},
    {"GET", "/api/v1/session", api_session_get, SIGNED_IN, BODY_NONE, "GET /api/v1/session", 0},
    {"DELETE", "/api/v1/session", api_session_delete, SIGNED_IN, BODY_NONE,
     "DELETE /api/v1/session", 0},

    {"POST", "/api/v1/account/password", api_account_password, SIGNED_IN, BODY_JSON,
     "POST /api/v1/account/password", 0},
    {"GET", "/api/v1/users", api_users_list, ADMIN, BODY_NONE, "GET /api/v1/users", 0},
    {"POST", "/api/v1/users", api_users_create, ADMIN, BODY_JSON, "POST /api/v1/users", 0},
    {"GET", "/api/v1/users/{id}", api_user_get, ADMIN, BODY_NONE, "GET /api/v1/users/{id}", 0},
    {"PATCH", "/api/v1/users/{id}", api_user_update, ADMIN, BODY_JSON, "PATCH /api/v1/users/{id}",
     0},
    {"GET", "/api/v1/tokens", api_tokens_list, SIGNED_IN, BODY_NONE, "GET /api/v1/tokens", 0},
    {"POST", "/api/v1/tokens", api_tokens_create, SIGNED_IN, BODY_JSON, "POST /api/v1/tokens", 0},
    {"DELETE", "/api/v1/tokens/{id}", api_token_delete, SIGNED_IN, BODY_NONE,
     "DELETE /api/v1/tokens/{id}", 0},

    {"GET", "/api/v1/questions", api_questions_list, STAFF, BODY_NONE, "GET /api/v1/questions",
     CACHED},
    {"POST", "/api/v1/questions", api_questions_create, ADMIN, BODY_JSON, "POST /api/v1/questions",
     0},
    {"GET", "/api/v1/questions/{id}", api_question_get, STAFF, BODY_NONE,
     "GET /api/v1/questions/{id}", CACHED},
    {"PUT", "/api/v1/questions/{id}", api_question_update, ADMIN, BODY_JSON,
     "PUT /api/v1/questions/{id}", 0},
    {"DELETE", "/api/v1/questions/{id}", api_question_retire, ADMIN, BODY_NONE,
     "DELETE /api/v1/questions/{id}", 0},

    /* the list in brief for everyone: candidates choose a role to practise for */
    {"GET", "/api/v1/roles", api_roles_list, SIGNED_IN, BODY_NONE, "GET /api/v1/roles", CACHED},
    {"GET", "/api/v1/roles/{id}", api_role_get, STAFF, BODY_NONE, "GET /api/v1/roles/{id}", CACHED},
    {"POST", "/api/v1/kits", api_kits_create, STAFF, BODY_JSON, "POST /api/v1/kits", 0},
    {"GET", "/api/v1/kits/{id}", api_kit_get, STAFF, BODY_NONE, "GET /api/v1/kits/{id}", 0},

    {"GET", "/api/v1/candidates", api_candidates_list, HIRING, BODY_NONE, "GET /api/v1/candidates",
     0},
    {"POST", "/api/v1/candidates", api_candidates_create, HIRING, BODY_JSON,
     "POST /api/v1/candidates", 0},
    {"GET", "/api/v1/candidates/{id}", api_candidate_get, HIRING, BODY_NONE,
     "GET /api/v1/candidates/{id}", 0},
    {"POST", "/api/v1/resumes", api_resumes_upload, HIRING, BODY_UPLOAD, "POST /api/v1/resumes", 0},
    {"GET", "/api/v1/resumes/{id}", api_resume_get, HIRING, BODY_NONE, "GET /api/v1/resumes/{id}",
     0},
    {"POST", "/api/v1/screenings", api_screenings_create, HIRING, BODY_JSON,
     "POST /api/v1/screenings", 0},
    {"GET", "/api/v1/screenings/{id}", api_screening_get, HIRING, BODY_NONE,
     "GET /api/v1/screenings/{id}", 0},
    {"GET", "/api/v1/screenings/{id}/results", api_screening_results, HIRING, BODY_NONE,
     "GET /api/v1/screenings/{id}/results", 0},

    /* loops: interviewers see their own interviews; scorecards by the panel rule */
    {"POST", "/api/v1/candidates/{id}/stage", api_candidate_stage, HIRING, BODY_JSON,
     "POST /api/v1/candidates/{id}/stage", 0},
    {"GET", "/api/v1/candidates/{id}/scorecards", api_candidate_scorecards, STAFF, BODY_NONE,
     "GET /api/v1/candidates/{id}/scorecards", 0},
    {"GET", "/api/v1/interviews", api_interviews_list, STAFF, BODY_NONE, "GET /api/v1/interviews",
     0},
    {"POST", "/api/v1/interviews", api_interviews_create, HIRING, BODY_JSON,
     "POST /api/v1/interviews", 0},
    {"GET", "/api/v1/interviews/{id}", api_interview_get, STAFF, BODY_NONE,
     "GET /api/v1/interviews/{id}", 0},
    {"PATCH", "/api/v1/interviews/{id}", api_interview_update, HIRING, BODY_JSON,
     "PATCH /api/v1/interviews/{id}", 0},
    {"POST", "/api/v1/interviews/{id}/cancel", api_interview_cancel, HIRING, BODY_NONE,
     "POST /api/v1/interviews/{id}/cancel", 0},
    {"GET", "/api/v1/interviews/{id}/invite.ics", api_interview_invite, STAFF, BODY_NONE,
     "GET /api/v1/interviews/{id}/invite.ics", 0},
    {"GET", "/api/v1/interviews/{id}/scorecard-template", api_scorecard_template, STAFF, BODY_NONE,
     "GET /api/v1/interviews/{id}/scorecard-template", 0},
    {"GET", "/api/v1/interviews/{id}/scorecards", api_interview_scorecards, STAFF, BODY_NONE,
     "GET /api/v1/interviews/{id}/scorecards", 0},
    {"POST", "/api/v1/interviews/{id}/scorecards", api_scorecards_submit, STAFF, BODY_JSON,
     "POST /api/v1/interviews/{id}/scorecards", 0},
    {"GET", "/api/v1/scorecards/{id}", api_scorecard_get, STAFF, BODY_NONE,
     "GET /api/v1/scorecards/{id}", 0},
    {"POST", "/api/v1/scorecards/{id}/amendments", api_scorecard_amend, STAFF, BODY_JSON,
     "POST /api/v1/scorecards/{id}/amendments", 0},
    {"GET", "/api/v1/candidates/{id}/export", api_candidate_export, HIRING, BODY_NONE,
     "GET /api/v1/candidates/{id}/export", 0},
    {"POST", "/api/v1/candidates/{id}/erase", api_candidate_erase, ADMIN, BODY_JSON,
     "POST /api/v1/candidates/{id}/erase", 0},
    {"GET", "/api/v1/audit", api_audit_list, ADMIN, BODY_NONE, "GET /api/v1/audit", 0},
    {"POST", "/api/v1/jobs/read", api_job_read, HIRING, BODY_JSON, "POST /api/v1/jobs/read", 0},
    {"GET", "/api/v1/screenings/{id}/report", api_screening_report, HIRING, BODY_NONE,
     "GET /api/v1/screenings/{id}/report", 0},
    {"GET", "/api/v1/resumes/{id}/original", api_resume_original, HIRING, BODY_NONE,
     "GET /api/v1/resumes/{id}/original", 0},
    {"GET", "/api/v1/interviewers", api_interviewers_list, HIRING, BODY_NONE,
     "GET /api/v1/interviewers", 0},
    /* scorecard drafts: the caller's own; the store checks the panel */
    {"GET", "/api/v1/interviews/{id}/draft", api_draft_get, STAFF, BODY_NONE,
     "GET /api/v1/interviews/{id}/draft", 0},
    {"PUT", "/api/v1/interviews/{id}/draft", api_draft_put, STAFF, BODY_JSON,
     "PUT /api/v1/interviews/{id}/draft", 0},
    {"DELETE", "/api/v1/interviews/{id}/draft", api_draft_delete, STAFF, BODY_NONE,
     "DELETE /api/v1/interviews/{id}/draft", 0},
    /* admin: imports and the server's status (http/api_admin.c) */
    {"POST", "/api/v1/roles/import", api_roles_import, ADMIN, BODY_JSON,
     "POST /api/v1/roles/import", 0},
    {"POST", "/api/v1/bank/imports", api_bank_import, ADMIN, BODY_JSON, "POST /api/v1/bank/imports",
     0},
    {"GET", "/api/v1/status", api_status, ADMIN, BODY_NONE, "GET /api/v1/status", 0},
    {"GET", "/api/v1/practice/next", api_practice_next, SIGNED_IN, BODY_NONE,
     "GET /api/v1/practice/next", 0},
    {"POST", "/api/v1/practice/answers", api_practice_answer, SIGNED_IN, BODY_JSON,
     "POST /api/v1/practice/answers", 0},
    {"GET", "/api/v1/practice/stats", api_practice_stats, SIGNED_IN, BODY_NONE,
     "GET /api/v1/practice/stats", 0},
    /* what the web app needed: competencies for the bank's filter, the Anki deck to download */
    {"GET", "/api/v1/competencies", api_competencies_list, STAFF, BODY_NONE,
     "GET /api/v1/competencies", CACHED},
    {"GET", "/api/v1/practice/export", api_practice_export, SIGNED_IN, BODY_NONE,
     "GET /api/v1/practice/export", 0},
    {"POST", "/api/v1/practice/reveal", api_practice_reveal, SIGNED_IN, BODY_JSON,
     "POST /api/v1/practice/reveal", 0},
    /* debriefs and insight: who on the staff may read a debrief is decided in the handler */
    {"GET", "/api/v1/candidates/{id}/debrief", api_candidate_debrief, STAFF, BODY_NONE,
     "GET /api/v1/candidates/{id}/debrief", 0},
    {"GET", "/api/v1/roles/{id}/comparison", api_role_comparison, HIRING, BODY_NONE,
     "GET /api/v1/roles/{id}/comparison", 0},
    {"GET", "/api/v1/insight/interviewers", api_insight_interviewers, HIRING, BODY_NONE,
     "GET /api/v1/insight/interviewers", 0},
    {"GET", "/api/v1/insight/questions", api_insight_questions, HIRING, BODY_NONE,
     "GET /api/v1/insight/questions", 0},
    /* openings and applications: who on the staff may see or move what is decided in core */
    {"GET", "/api/v1/openings", api_openings_list, HIRING, BODY_NONE, "GET /api/v1/openings", 0},
    {"POST", "/api/v1/openings", api_openings_create, HIRING, BODY_JSON, "POST /api/v1/openings",
     0},
    {"GET", "/api/v1/openings/{id}", api_opening_get, STAFF, BODY_NONE, "GET /api/v1/openings/{id}",
     0},
    {"PATCH", "/api/v1/openings/{id}", api_opening_update, HIRING, BODY_JSON,
     "PATCH /api/v1/openings/{id}", 0},
    {"POST", "/api/v1/openings/{id}/status", api_opening_status, HIRING, BODY_JSON,
     "POST /api/v1/openings/{id}/status", 0},
    {"GET", "/api/v1/openings/{id}/applications", api_opening_applications, STAFF, BODY_NONE,
     "GET /api/v1/openings/{id}/applications", 0},
    {"POST", "/api/v1/openings/{id}/applications", api_applications_create, HIRING, BODY_JSON,
     "POST /api/v1/openings/{id}/applications", 0},
    {"POST", "/api/v1/openings/{id}/applications/public", api_apply_public, ANY, BODY_UPLOAD,
     "POST /api/v1/openings/{id}/applications/public", 0},
    {"GET", "/api/v1/applications/{id}", api_application_get, STAFF, BODY_NONE,
     "GET /api/v1/applications/{id}", 0},
    {"POST", "/api/v1/applications/{id}/stage", api_application_move, STAFF, BODY_JSON,
     "POST /api/v1/applications/{id}/stage", 0},
    {"GET", "/api/v1/applications/{id}/history", api_application_history, STAFF, BODY_NONE,
     "GET /api/v1/applications/{id}/history", 0},
    {"GET", "/api/v1/candidates/{id}/applications", api_candidate_applications, HIRING, BODY_NONE,
     "GET /api/v1/candidates/{id}/applications", 0},
    {"GET", "/api/v1/dashboard", api_dashboard, HIRING, BODY_NONE, "GET /api/v1/dashboard", 0},
    {"GET", "/careers", careers_index, ANY, BODY_NONE, "GET /careers", 0},
    {"GET", "/careers/style.css", careers_style, ANY, BODY_NONE, "GET /careers/style.css", 0},
    /* before {id}, which would take it: the candidate-facing notice on automated screening */
    {"GET", "/careers/notice", careers_notice, ANY, BODY_NONE, "GET /careers/notice", 0},
    {"GET", "/careers/{id}", careers_opening, ANY, BODY_NONE, "GET /careers/{id}", 0},
    /* fairness: self-identification is read by the candidate or admins only (core/selfid.h) */
    {"GET", "/api/v1/self-id/categories", api_selfid_categories, ANY, BODY_NONE,
     "GET /api/v1/self-id/categories", 0},
    {"PUT", "/api/v1/candidates/{id}/self-id", api_selfid_put, SELFID_WRITERS, BODY_JSON,
     "PUT /api/v1/candidates/{id}/self-id", 0},
    {"GET", "/api/v1/candidates/{id}/self-id", api_selfid_get, SELFID_READERS, BODY_NONE,
     "GET /api/v1/candidates/{id}/self-id", 0},
    {"GET", "/api/v1/fairness/report", api_fairness_report, ADMIN, BODY_NONE,
     "GET /api/v1/fairness/report", 0},
    {"GET", "/api/v1/fairness/audit", api_fairness_audit, HIRING, BODY_NONE,
     "GET /api/v1/fairness/audit", 0},
};

const size_t http_nroutes = sizeof http_routes / sizeof http_routes[0];

/* Handlers that do slow work, and the pool each runs on (server.c): the request threads
 * answer others meanwhile, and a full pool answers 503. */
static const struct {
    http_handler fn;
    enum route_pool pool;
} pooled[] = {
    {api_session_create, POOL_HASH}, /* argon2id */
    {api_users_create, POOL_HASH},
    {api_user_update, POOL_HASH},
    {api_account_password, POOL_HASH},
    {api_resumes_upload, POOL_PARSE}, /* pdftotext, DOCX, the parser */
};

enum route_pool
http_route_pool(const struct route *r)
{
    for (size_t i = 0; i < sizeof pooled / sizeof pooled[0]; i++)
        if (pooled[i].fn == r->fn)
            return pooled[i].pool;
    return POOL_NONE;
}

/* Whether path matches pattern; parameters are captured into req when it does. */
static bool
match(const char *pattern, const char *path, struct http_req *req)
{
    const char *p = pattern, *u = path;
    size_t n = 0;
    const char *caps[HTTP_MAX_PARAMS];
    size_t lens[HTTP_MAX_PARAMS];

    while (*p && *u) {
        if (*p == '{') {
            const char *end = strchr(u, '/');
            size_t len = end ? (size_t)(end - u) : strlen(u);
            if (!len || n == HTTP_MAX_PARAMS)
                return false;
            caps[n] = u;
            lens[n++] = len;
            u += len;
            p = strchr(p, '}') + 1;
            continue;
        }
        if (*p++ != *u++)
            return false;
    }
    if (*p || *u)
        return false;
    if (req) {
        for (size_t i = 0; i < n; i++)
            req->params[i] = xstrndup(caps[i], lens[i]);
        req->nparams = n;
    }
    return true;
}

const struct route *
http_route_find(const char *method, const char *path, struct http_req *req, enum rb_err *e)
{
    bool path_known = false;
    for (size_t i = 0; i < http_nroutes; i++) {
        const struct route *r = &http_routes[i];
        if (!match(r->pattern, path, NULL))
            continue;
        path_known = true;
        if (strcmp(r->method, method) == 0 ||
            (strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0)) {
            match(r->pattern, path, req);
            return r;
        }
    }
    *e = path_known ? RB_EMETHOD : RB_ENOTFOUND;
    return NULL;
}
