/* SPDX-License-Identifier: MIT */
/* Candidates, resume uploads (parsed on arrival) and screenings (background jobs). Each
 * read or change of a candidate's data is recorded in the audit log (api_audit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/application.h"
#include "core/candidate.h"
#include "core/job.h"
#include "core/privacy.h"
#include "core/settings.h"
#include "http/http.h"
#include "http/jobs.h"
#include "report/screen_export.h"
#include "resume/resume.h"
#include "resume/stored.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/text.h"

void
api_candidates_list(struct http_req *req, struct http_res *res)
{
    const char *stage = http_query(req, "stage"), *q = http_query(req, "q");
    size_t limit, offset, total;
    json_t *items;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!http_paging(req, res, &limit, &offset))
        return;
    if (stage && !candidate_stage_known(stage)) {
        http_problem(res, RB_EINVAL, "stage: " CANDIDATE_STAGES, "stage");
        return;
    }
    if (q && strlen(q) > 200) {
        http_problem(res, RB_EINVAL, "q: 200 bytes at most (a piece of a name or an email)", "q");
        return;
    }
    e = store_candidate_search(req->store, stage, http_query(req, "role"), q && *q ? q : NULL,
                               limit, offset, &items, &total, msg);
    if (e) {
        json_decref(items);
        http_problem(res, e, msg, NULL);
        return;
    }
    if (!api_audit_items(req, res, "view", items, "id", "candidate list")) {
        json_decref(items);
        return;
    }
    http_json(res, 200, http_page(items, total, limit, offset));
}

static void
send_candidate(struct http_req *req, struct http_res *res, long long id, int status)
{
    json_t *o;
    char msg[RB_ERRMSG];
    enum rb_err e = store_candidate_get(req->store, id, &o, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    if (status == 200 && !api_audit(req, res, "view", id, "candidate")) {
        json_decref(o);
        return;
    }
    http_json(res, status, o);
}

void
api_candidates_create(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {
        {"name", F_STRING, false, 200}, {"email", F_STRING, false, 254},
        {"phone", F_STRING, false, 40}, {"role", F_STRING, false, 64},
        {"screening", F_INT, false, 0}, {"resume", F_INT, false, 0},
        {"opening", F_INT, false, 0},   {0}};
    struct candidate_new c = {0};
    const char *field;
    char msg[RB_ERRMSG], loc[64], *email = NULL;
    long long id;
    enum rb_err e;

    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    if (json_is_integer(json_object_get(req->json, "opening"))) {
        /* into an opening: the candidate comes in with their application, as every way in */
        if ((e = application_candidate_create(req->store, req->json, &req->who, &id, msg))) {
            http_problem_lead(res, e, msg);
            return;
        }
        snprintf(loc, sizeof loc, "/api/v1/candidates/%lld", id);
        res->location = xstrdup(loc);
        send_candidate(req, res, id, 201);
        return;
    }
    c.name = json_string_value(json_object_get(req->json, "name"));
    c.screening = json_integer_value(json_object_get(req->json, "screening"));
    c.resume = json_integer_value(json_object_get(req->json, "resume"));
    if (!c.screening != !c.resume || c.screening < 0 || c.resume < 0) {
        http_problem(res, RB_EINVAL,
                     "screening and resume: give both (a resume's result in a screening), or "
                     "neither",
                     c.screening ? "resume" : "screening");
        return;
    }
    if (!c.resume && (!c.name || !*c.name)) {
        http_problem(res, RB_EINVAL, "name: required (unless the candidate comes from a screening)",
                     "name");
        return;
    }
    if (json_is_string(json_object_get(req->json, "email")) &&
        !(email = user_email_normal(json_string_value(json_object_get(req->json, "email")), msg))) {
        http_problem(res, RB_EINVAL, msg, "email");
        return;
    }
    c.email = email;
    c.phone = json_string_value(json_object_get(req->json, "phone"));
    c.role = json_string_value(json_object_get(req->json, "role"));
    if (c.role) {
        struct role r;
        if ((e = store_role_get(req->store, c.role, &r, msg))) {
            free(email);
            http_problem(res, e == RB_ENOTFOUND ? RB_EINVAL : e, msg, "role");
            return;
        }
        role_cleanup(&r);
    }
    c.created_by = req->who.id;
    c.created_by_label = req->who.email;
    if (!(e = store_tx_begin(req->store, msg))) {
        e = store_candidate_add(req->store, &c, &id, msg);
        e = e ? e : api_audit_change(req, "create", id, msg, "candidate");
        e = store_tx_end(req->store, e, msg);
    }
    free(email);
    if (e) {
        http_problem(res, e, msg, e == RB_EINVAL && c.resume ? "resume" : NULL);
        return;
    }
    snprintf(loc, sizeof loc, "/api/v1/candidates/%lld", id);
    res->location = xstrdup(loc);
    send_candidate(req, res, id, 201);
}

void
api_candidate_get(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    if (id)
        send_candidate(req, res, id, 200);
}

/* A positive id from query parameter name (0 when absent); false with a problem set when
 * it is there but not an id. */
static bool
query_id(struct http_req *req, struct http_res *res, const char *name, const char *what,
         long long *out)
{
    const char *v = http_query(req, name);
    char *end;
    *out = 0;
    if (!v)
        return true;
    *out = strtoll(v, &end, 10);
    if (*end || *out < 1) {
        http_problemf(res, RB_EINVAL, name, "%s: %s", name, what);
        return false;
    }
    return true;
}

void
api_resumes_upload(struct http_req *req, struct http_res *res)
{
    struct opening_reader rd = {jobs_scanner(), jobs_taxonomy()};
    long long candidate, opening;
    struct intake_result *kept = NULL;
    size_t done = 0;
    char msg[RB_ERRMSG];
    json_t *items;
    enum rb_err e;

    if (!query_id(req, res, "candidate", "a candidate's id", &candidate) ||
        !query_id(req, res, "opening", "an opening's id", &opening))
        return;
    if (!req->nfiles) {
        http_problem(res, RB_EINVAL, "files: send one or more files in multipart/form-data",
                     "files");
        return;
    }
    kept = xcalloc(req->nfiles, sizeof *kept);
    /* one intake for every way in (core/application.h): parsed, kept with its original (by
     * its hash) and with an opening an application made and screened, in one transaction: a
     * refused upload leaves nothing behind */
    if (!(e = store_tx_begin(req->store, msg))) {
        for (; !e && done < req->nfiles; done++) {
            const struct http_file *f = &req->files[done];
            e = application_upload(req->store, f->name, f->data.data ? f->data.data : "",
                                   f->data.len, candidate, opening, &req->who, &rd, &kept[done],
                                   msg);
            if (!e)
                e = api_audit_change(req, "create", candidate, msg, "resume %lld",
                                     kept[done].resume);
        }
        e = store_tx_end(req->store, e, msg);
    }
    if (e) {
        http_problem(res, e, msg,
                     e == RB_EINVAL ? (strncmp(msg, "opening", 7) == 0 ? "opening" : "candidate")
                                    : NULL);
        goto out;
    }
    items = json_array();
    for (size_t i = 0; i < req->nfiles; i++) {
        json_t *o;
        o = json_pack("{s:I, s:s, s:I, s:s?, s:s?}", "id", (json_int_t)kept[i].resume, "filename",
                      kept[i].filename, "size", (json_int_t)req->files[i].data.len, "format",
                      kept[i].format, "error", *kept[i].error ? kept[i].error : NULL);
        json_array_append_new(items, o);
    }
    http_json(res, 201, json_pack("{s:o}", "items", items));
out:
    free(kept);
}

void
api_resume_get(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    json_t *o;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    if ((e = store_resume_row(req->store, id, &o, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    if (!api_audit(req, res, "view", json_integer_value(json_object_get(o, "candidate")),
                   "resume %lld", id)) {
        json_decref(o);
        return;
    }
    json_object_del(o, "hash");
    http_json(res, 200, o);
}

/* A list of skill groups ("java", "oracle|postgresql") from a request array; NULL when the
 * field is absent or null, and *bad when an item is not a string. Borrowed strings. */
static const char **
skill_list(json_t *a, size_t *n, bool *bad)
{
    const char **v;
    size_t i;
    json_t *x;
    *n = 0;
    if (!json_is_array(a))
        return NULL;
    v = xcalloc(json_array_size(a) + 1, sizeof *v);
    json_array_foreach(a, i, x)
    {
        if (!json_is_string(x))
            *bad = true;
        else
            v[(*n)++] = json_string_value(x);
    }
    return v;
}

/* "must", "nice" and "years" over the criteria (core/job.c), as `rubric screen` has them. */
static enum rb_err
overrides(json_t *j, struct role *role, char *msg, const char **field)
{
    size_t nmust, nnice;
    bool bad = false;
    const char **must = skill_list(json_object_get(j, "must"), &nmust, &bad);
    const char **nice = skill_list(json_object_get(j, "nice"), &nnice, &bad);
    json_t *y = json_object_get(j, "years");
    enum rb_err e = RB_OK;
    if (bad) {
        snprintf(msg, RB_ERRMSG, "must, nice: skill names as strings, \"a|b\" for alternatives");
        *field = json_is_array(json_object_get(j, "must")) ? "must" : "nice";
        e = RB_EINVAL;
    } else {
        e = job_override(role, must, nmust, nice, nnice,
                         json_is_integer(y) ? (int)json_integer_value(y) : -1, jobs_taxonomy(),
                         "must", "nice", msg);
        *field = strncmp(msg, "must", 4) ? "nice" : "must";
    }
    free(must);
    free(nice);
    return e;
}

void
api_screenings_create(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {
        {"role", F_STRING, false, 64},       {"job", F_STRING, false, (size_t)64 * 1024},
        {"resumes", F_ARRAY, false, 100000}, {"blind", F_BOOL, false, 0},
        {"must", F_ARRAY, false, 100},       {"nice", F_ARRAY, false, 100},
        {"years", F_INT, false, 50},         {0}};
    json_t *j = req->json, *list = json_object_get(j, "resumes"), *v;
    const char *field, *role_id = json_string_value(json_object_get(j, "role"));
    const char *job = json_string_value(json_object_get(j, "job"));
    struct role role;
    long long *ids = NULL, id;
    size_t n = 0, i;
    char msg[RB_ERRMSG], loc[64], *criteria;
    json_t *cj, *o;
    enum rb_err e;

    if ((e = http_check_body(j, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    if (!role_id == !job) {
        http_problem(res, RB_EINVAL, "role: give either a role or a job description", "role");
        return;
    }
    if (role_id)
        e = store_role_get(req->store, role_id, &role, msg);
    else
        e = job_from_text("job", job, strlen(job), jobs_scanner(), jobs_taxonomy(), &role, msg);
    if (e) {
        http_problem(res, e == RB_ENOTFOUND ? RB_EINVAL : e, msg, role_id ? "role" : "job");
        return;
    }
    if ((e = overrides(j, &role, msg, &field))) {
        http_problem(res, e, msg, field);
        role_cleanup(&role);
        return;
    }
    if (json_is_array(list) && !json_array_size(list)) {
        /* an empty list must not mean every resume in the store, as leaving it out does */
        http_problem(res, RB_EINVAL,
                     "resumes: give at least one resume id, or leave it out to screen every "
                     "readable resume",
                     "resumes");
        role_cleanup(&role);
        return;
    }
    if (json_is_array(list)) {
        ids = xcalloc(json_array_size(list) + 1, sizeof *ids);
        json_array_foreach(list, i, v)
        {
            if (!json_is_integer(v) || json_integer_value(v) < 1) {
                http_problem(res, RB_EINVAL, "resumes: resume ids (whole numbers)", "resumes");
                free(ids);
                role_cleanup(&role);
                return;
            }
            ids[n++] = json_integer_value(v);
        }
    }
    cj = role_to_json(&role);
    criteria = json_dumps(cj, JSON_COMPACT);
    json_decref(cj);
    e = store_screening_create(req->store, role.id, criteria,
                               json_is_true(json_object_get(j, "blind")), ids, n, req->who.id, &id,
                               msg);
    free(criteria);
    free(ids);
    role_cleanup(&role);
    if (e) {
        http_problem(res, e, msg, e == RB_EINVAL ? "resumes" : NULL);
        return;
    }
    if ((e = store_screening_get(req->store, id, &o, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    snprintf(loc, sizeof loc, "/api/v1/screenings/%lld", id);
    res->location = xstrdup(loc);
    http_json(res, 202, o);
}

void
api_screening_get(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    json_t *o;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (!id)
        return;
    if ((e = store_screening_get(req->store, id, &o, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    res->no_etag = true; /* progress changes under the client: always fresh */
    http_json(res, 200, o);
}

void
api_screening_results(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    size_t limit, offset, total;
    json_t *o, *items;
    char msg[RB_ERRMSG];
    bool blind;
    enum rb_err e;
    if (!id || !http_paging(req, res, &limit, &offset))
        return;
    if ((e = store_screening_get(req->store, id, &o, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    blind = json_is_true(json_object_get(o, "blind"));
    json_decref(o);
    if ((e = store_screening_results(req->store, id, limit, offset, &items, &total, msg))) {
        json_decref(items);
        http_problem(res, e, msg, NULL);
        return;
    }
    if (!api_audit_items(req, res, "view", items, "candidate", "screening %lld results", id)) {
        json_decref(items);
        return;
    }
    if (blind)
        privacy_blind_results(items);
    http_json(res, 200, http_page(items, total, limit, offset));
}

void
api_job_read(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {{"job", F_STRING, true, (size_t)64 * 1024}, {0}};
    const char *field, *job;
    struct role role;
    char msg[RB_ERRMSG];
    enum rb_err e;

    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    job = json_string_value(json_object_get(req->json, "job"));
    /* the same reading a screening of this text makes (api_screenings_create) */
    if ((e = job_from_text("job", job, strlen(job), jobs_scanner(), jobs_taxonomy(), &role, msg))) {
        http_problem(res, e == RB_ENOTFOUND ? RB_EINVAL : e, msg, "job");
        return;
    }
    http_json(res, 200, role_to_json(&role));
    role_cleanup(&role);
}

void
api_screening_report(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    const char *format = http_query(req, "format");
    size_t total;
    json_t *o = NULL, *items = NULL;
    char msg[RB_ERRMSG];
    bool html = format && strcmp(format, "html") == 0;
    enum rb_err e;

    if (!id)
        return;
    if (!format || (!html && strcmp(format, "csv") != 0)) {
        http_problem(res, RB_EINVAL, "format: csv or html", "format");
        return;
    }
    if ((e = store_screening_get(req->store, id, &o, msg)) ||
        (e = store_screening_results(req->store, id,
                                     (size_t)100000 /* a screening's most resumes */, 0, &items,
                                     &total, msg))) {
        http_problem(res, e, msg, NULL);
        goto out;
    }
    if (!api_audit_items(req, res, "export", items, "candidate", "screening %lld report", id))
        goto out;
    if ((e = screen_export(o, items, html ? SCREEN_EXPORT_HTML : SCREEN_EXPORT_CSV, &res->body,
                           msg))) {
        http_problem(res, e == RB_EINVAL ? RB_EINTERNAL : e, msg, NULL);
        goto out;
    }
    res->status = 200;
    res->content_type = html ? "text/html; charset=utf-8" : "text/csv; charset=utf-8";
out:
    json_decref(o);
    json_decref(items);
}

void
api_resume_original(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    const char *hash;
    char msg[RB_ERRMSG];
    void *data = NULL;
    size_t len = 0, n;
    json_t *o;
    enum rb_err e;
    if (!id)
        return;
    if ((e = store_resume_row(req->store, id, &o, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    hash = json_string_value(json_object_get(o, "hash"));
    n = hash ? strspn(hash, "0123456789abcdef") : 0;
    if (n != 64 || hash[n]) {
        http_problemf(res, RB_ENOTFOUND, NULL, "resume %lld has no original file kept", id);
        goto out;
    }
    e = store_original_get(req->store, hash, req->cfg->upload_max, &data, &len, msg);
    if (e == RB_ENOTFOUND || e == RB_ETOOBIG) {
        /* erased meanwhile, never brought in from an old uploads folder, or over a limit
         * lowered since */
        http_problemf(res, RB_ENOTFOUND, NULL, "resume %lld: its original file is gone", id);
        goto out;
    }
    if (e) {
        http_problem(res, e, msg, NULL);
        goto out;
    }
    if (!api_audit(req, res, "view", json_integer_value(json_object_get(o, "candidate")),
                   "resume %lld original", id))
        goto out;
    buf_append(&res->body, data, len);
    /* bytes, never a page: an HTML resume must not run in the app's origin */
    res->content_type = "application/octet-stream";
out:
    free(data);
    json_decref(o);
}
