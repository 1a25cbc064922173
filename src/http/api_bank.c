/* SPDX-License-Identifier: MIT */
/* The question bank, roles and interview kits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bank.h"
#include "core/bank_json.h"
#include "core/kit.h"
#include "http/http.h"
#include "util/diag.h"
#include "util/mem.h"

/* The filters of the query (level, category, competency, minutes, role) into *f; *any_of is new
 * (free it). False with a problem set when one is bad. */
static bool
filters(struct http_req *req, struct http_res *res, struct search_query *f, const char ***any_of)
{
    const char *v;
    char msg[RB_ERRMSG];
    memset(f, 0, sizeof *f);
    f->category = -1;
    *any_of = NULL;
    if ((v = http_query(req, "level")) && !(f->level = level_parse(v, strlen(v)))) {
        http_problem(res, RB_EINVAL, "level: junior, mid, senior or architect", "level");
        return false;
    }
    if ((v = http_query(req, "category")) && (f->category = category_parse(v, strlen(v))) < 0) {
        http_problem(res, RB_EINVAL,
                     "category: screening, technical, system-design, coding, troubleshooting, "
                     "behavioral or past-project",
                     "category");
        return false;
    }
    f->competency = http_query(req, "competency");
    if ((v = http_query(req, "minutes"))) {
        char *end;
        long m = strtol(v, &end, 10);
        if (!*v || *end || m < 1 || m > 600) {
            http_problem(res, RB_EINVAL, "minutes: a whole number of minutes, 1 to 600", "minutes");
            return false;
        }
        f->max_minutes = (int)m;
    }
    if ((v = http_query(req, "role"))) {
        struct role role;
        enum rb_err e = store_role_get(req->store, v, &role, msg);
        if (e) {
            http_problem(res, e == RB_ENOTFOUND ? RB_EINVAL : e, msg, "role");
            return false;
        }
        /* the ids must outlive the role: they are kept in a block after the array */
        {
            size_t bytes = 0;
            char *p;
            for (size_t i = 0; i < role.ncomps; i++)
                bytes += strlen(role.comps[i].id) + 1;
            *any_of = xcalloc(1, (role.ncomps + 1) * sizeof **any_of + bytes);
            p = (char *)(*any_of + role.ncomps + 1);
            for (size_t i = 0; i < role.ncomps; i++) {
                size_t n = strlen(role.comps[i].id) + 1;
                memcpy(p, role.comps[i].id, n);
                (*any_of)[i] = p;
                p += n;
            }
        }
        f->any_of = *any_of;
        role_cleanup(&role);
    }
    return true;
}

void
api_questions_list(struct http_req *req, struct http_res *res)
{
    struct search_query f;
    struct search_hit *hits = NULL;
    const char **any_of = NULL;
    size_t n = 0, total = 0, limit, offset;
    char msg[RB_ERRMSG];
    enum rb_err e;
    json_t *all, *items;

    if (!http_paging(req, res, &limit, &offset) || !filters(req, res, &f, &any_of))
        goto out;
    f.text = http_query(req, "q");
    if (f.text) {
        /* ranked: the best SEARCH_LIMIT_MAX (so the total is known), paged here, with
         * snippets for the page only */
        f.limit = SEARCH_LIMIT_MAX;
        f.snip_from = offset;
        f.snip_len = limit;
        e = store_question_search(req->store, &f, &hits, &n, msg);
        if (e) {
            http_problem(res, e, msg, e == RB_EINVAL ? "q" : NULL);
            goto out;
        }
        total = n;
        /* only the page's hits are whole: the others were counted */
        all = search_hits_to_json(hits + (offset < n ? offset : n),
                                  offset < n ? (n - offset < limit ? n - offset : limit) : 0);
        items = json_incref(json_object_get(all, "results"));
        json_decref(all);
    } else {
        f.limit = limit;
        if ((e = store_question_list(req->store, &f, offset, &hits, &n, &total, msg))) {
            http_problem(res, e, msg, NULL);
            goto out;
        }
        all = search_hits_to_json(hits, n);
        items = json_incref(json_object_get(all, "results"));
        json_decref(all);
    }
    http_json(res, 200, http_page(items, total, limit, offset));
out:
    search_hits_free(hits, n);
    free(any_of);
}

void
api_question_get(struct http_req *req, struct http_res *res)
{
    char msg[RB_ERRMSG], *text;
    enum rb_err e = store_question_json(req->store, req->params[0], &text, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    buf_puts(&res->body, text);
    buf_putc(&res->body, '\n');
    res->content_type = "application/json";
    free(text);
}

/* The question in the body, checked as bank files are; NULL with a problem set. */
static bool
read_question(struct http_req *req, struct http_res *res, struct bank *b)
{
    struct diags d;
    const char *id = json_string_value(json_object_get(req->json, "id"));
    bank_init(b);
    diags_init(&d, 20);
    if (!json_is_object(req->json)) {
        http_problem(res, RB_EINVAL, "the body must be a question object", "body");
        diags_cleanup(&d);
        return false;
    }
    if (req->nparams && (!id || strcmp(id, req->params[0]) != 0)) {
        http_problemf(res, RB_EINVAL, "id", "id: must be '%s', as in the path", req->params[0]);
        diags_cleanup(&d);
        return false;
    }
    {
        /* the store's competencies, so that the question is checked against them */
        struct bank_stats st;
        char msg[RB_ERRMSG];
        if (store_bank_stats(req->store, &st, msg)) {
            http_problem(res, RB_ESTORE, msg, NULL);
            diags_cleanup(&d);
            bank_cleanup(b);
            return false;
        }
        for (size_t i = 0; i < st.ncomps; i++)
            bank_add_competency(b, st.comps[i].id, st.comps[i].name, NULL, "store", 0);
        bank_stats_cleanup(&st);
    }
    {
        /* the fields of question_to_json and no others; source is the API's to set */
        static const char *const known[] = {"id",           "title",     "text",      "category",
                                            "level",        "level_min", "level_max", "minutes",
                                            "competencies", "points",    "source",    "topic",
                                            "skills",       "track",     NULL};
        const char *key;
        json_t *v;
        json_object_foreach(req->json, key, v)
        {
            size_t k = 0;
            while (known[k] && strcmp(known[k], key) != 0)
                k++;
            if (!known[k]) {
                http_problemf(res, RB_EINVAL, key, "%.100s: unknown field", key);
                diags_cleanup(&d);
                bank_cleanup(b);
                return false;
            }
        }
        json_object_del(req->json, "source");
    }
    bank_json_read_question(b, "request", req->json, &d);
    if (!d.n)
        bank_check(b, 0, &d);
    if (d.n || b->nqs != 1) {
        char field[64] = "body";
        const char *msg = d.n ? d.items[0].msg : "not a question";
        const char *dot = strncmp(msg, "question.", 9) == 0 ? msg + 9 : NULL;
        if (dot) {
            size_t k = strcspn(dot, ":.[ ");
            snprintf(field, sizeof field, "%.*s", (int)(k < 60 ? k : 60), dot);
        }
        http_problem(res, RB_EINVAL, msg, field);
        diags_cleanup(&d);
        bank_cleanup(b);
        return false;
    }
    diags_cleanup(&d);
    free(b->qs[0].source);
    b->qs[0].source = xstrdup("api");
    return true;
}

static void
save(struct http_req *req, struct http_res *res, bool create)
{
    struct bank b;
    char msg[RB_ERRMSG], loc[128];
    enum rb_err e;
    if (!read_question(req, res, &b))
        return;
    if ((e = store_question_save(req->store, &b.qs[0], create, msg))) {
        const char *field = NULL;
        /* a conflict is on the id or, for a copy of another question, on its text */
        if (e == RB_ECONFLICT)
            field = strncmp(msg, "text:", 5) == 0 ? "text" : "id";
        http_problem(res, e, msg, field);
        bank_cleanup(&b);
        return;
    }
    snprintf(loc, sizeof loc, "/api/v1/questions/%s", b.qs[0].id);
    if (create)
        res->location = xstrdup(loc);
    http_json(res, create ? 201 : 200, question_to_json(&b.qs[0]));
    bank_cleanup(&b);
}

void
api_questions_create(struct http_req *req, struct http_res *res)
{
    save(req, res, true);
}

void
api_question_update(struct http_req *req, struct http_res *res)
{
    save(req, res, false);
}

void
api_question_retire(struct http_req *req, struct http_res *res)
{
    char msg[RB_ERRMSG];
    enum rb_err e = store_question_retire(req->store, req->params[0], msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    res->status = 204;
}

void
api_competencies_list(struct http_req *req, struct http_res *res)
{
    struct bank_stats st;
    char msg[RB_ERRMSG];
    size_t limit, offset;
    json_t *items;
    enum rb_err e;
    if (!http_paging(req, res, &limit, &offset))
        return;
    if ((e = store_bank_stats(req->store, &st, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    items = json_array();
    for (size_t i = offset; i < st.ncomps && i < offset + limit; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:I}", "id", st.comps[i].id, "name",
                                               st.comps[i].name ? st.comps[i].name : st.comps[i].id,
                                               "questions", (json_int_t)st.comps[i].total));
    http_json(res, 200, http_page(items, st.ncomps, limit, offset));
    bank_stats_cleanup(&st);
}

void
api_roles_list(struct http_req *req, struct http_res *res)
{
    struct role_set set;
    char msg[RB_ERRMSG];
    size_t limit, offset;
    json_t *items;
    enum rb_err e;
    if (!http_paging(req, res, &limit, &offset))
        return;
    role_set_init(&set);
    if ((e = store_role_list(req->store, &set, msg))) {
        role_set_cleanup(&set);
        http_problem(res, e, msg, NULL);
        return;
    }
    items = json_array();
    for (size_t i = offset; i < set.n && i < offset + limit; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:i}", "id", set.v[i].id, "title",
                                               set.v[i].title, "level", level_name(set.v[i].level),
                                               "min_years", set.v[i].min_years));
    http_json(res, 200, http_page(items, set.n, limit, offset));
    role_set_cleanup(&set);
}

void
api_role_get(struct http_req *req, struct http_res *res)
{
    struct role r;
    char msg[RB_ERRMSG];
    enum rb_err e = store_role_get(req->store, req->params[0], &r, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
        return;
    }
    http_json(res, 200, role_to_json(&r));
    role_cleanup(&r);
}

/* Applies the body's "swaps" ([{"question", "alternate"}], in order) to k; false with a
 * problem naming the swap at fault. */
static bool
swaps(json_t *body, struct kit *k, struct http_res *res)
{
    json_t *v, *sw = json_object_get(body, "swaps");
    size_t i;
    char msg[RB_ERRMSG];
    json_array_foreach(sw, i, v)
    {
        const char *q = json_string_value(json_object_get(v, "question"));
        const char *alt = json_string_value(json_object_get(v, "alternate"));
        if (!json_is_object(v) || !q || !alt || json_object_size(v) != 2) {
            http_problemf(res, RB_EINVAL, "swaps", "swaps[%zu]: give {\"question\", \"alternate\"}",
                          i);
            return false;
        }
        if (kit_swap(k, q, alt, msg)) {
            http_problemf(res, RB_EINVAL, "swaps", "swaps[%zu]: %s", i, msg);
            return false;
        }
    }
    return true;
}

void
api_kits_create(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {{"role", F_STRING, true, 64},
                                             {"level", F_STRING, false, 20},
                                             {"stage", F_STRING, false, 20},
                                             {"minutes", F_INT, false, KIT_MINUTES_MAX},
                                             {"seed", F_INT, false, 0},
                                             {"candidate", F_STRING, false, 100},
                                             {"save", F_BOOL, false, 0},
                                             {"swaps", F_ARRAY, false, KIT_SWAPS_MAX},
                                             {0}};
    struct kit_request kr = {0};
    struct role role;
    struct kit k;
    const char *field, *v;
    char msg[RB_ERRMSG], loc[64];
    enum rb_err e;
    json_t *j = req->json;

    if ((e = http_check_body(j, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    if ((v = json_string_value(json_object_get(j, "level"))) &&
        !(kr.level = level_parse(v, strlen(v)))) {
        http_problem(res, RB_EINVAL, "level: junior, mid, senior or architect", "level");
        return;
    }
    kr.stage = STAGE_TECHNICAL;
    if ((v = json_string_value(json_object_get(j, "stage")))) {
        int st = stage_parse(v);
        if (st < 0) {
            http_problem(res, RB_EINVAL, "stage: see GET /api/openapi.json for the stages",
                         "stage");
            return;
        }
        kr.stage = (enum stage)st;
    }
    kr.minutes = (int)json_integer_value(json_object_get(j, "minutes"));
    kr.seed = (uint64_t)json_integer_value(json_object_get(j, "seed"));
    if (!json_object_get(j, "seed"))
        kr.seed = (uint64_t)req->now;
    kr.candidate = json_string_value(json_object_get(j, "candidate"));
    if ((e = store_role_get(req->store, json_string_value(json_object_get(j, "role")), &role,
                            msg))) {
        http_problem(res, e == RB_ENOTFOUND ? RB_EINVAL : e, msg, "role");
        return;
    }
    kr.role = &role;
    e = kit_build(req->store, &kr, &k, msg);
    if (!e && !swaps(j, &k, res)) {
        kit_cleanup(&k);
        role_cleanup(&role);
        return;
    }
    /* a kit for a candidate is stored unless "save" is false: a preview, built as it would
     * be stored (their earlier kits' questions left out) */
    if (!e && (json_is_true(json_object_get(j, "save")) ||
               (kr.candidate && !json_is_false(json_object_get(j, "save")))))
        e = kit_save_by(req->store, &k, &req->who, msg);
    if (e) {
        http_problem(res, e, msg, NULL);
    } else {
        json_t *o = kit_to_json(&k);
        if (k.saved_id) {
            snprintf(loc, sizeof loc, "/api/v1/kits/%lld", k.saved_id);
            res->location = xstrdup(loc);
            json_object_set_new(o, "id", json_integer(k.saved_id));
        }
        http_json(res, k.saved_id ? 201 : 200, o);
        kit_cleanup(&k);
    }
    role_cleanup(&role);
}

void
api_kit_get(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0);
    char msg[RB_ERRMSG], *body;
    json_t *o;
    enum rb_err e;
    if (!id)
        return;
    if ((e = kit_get(req->store, id, &req->who, &body, msg))) {
        http_problem(res, e, msg, NULL);
        return;
    }
    o = json_loads(body, 0, NULL);
    free(body);
    if (!o) {
        http_problem(res, RB_EINTERNAL, "the stored kit is not valid JSON", NULL);
        return;
    }
    json_object_set_new(o, "id", json_integer(id));
    http_json(res, 200, o);
}
