/* SPDX-License-Identifier: MIT */
/*
 * What admins do besides users: import a role from a job description, import a Markdown
 * question list (a dry run first, then for real), and read the server's status and settings.
 * The work is core's (role_import_run, import_apply), shared with `rubric role import` and
 * `rubric bank import`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bank.h"
#include "core/import_apply.h"
#include "core/role_import.h"
#include "core/settings.h"
#include "http/http.h"
#include "util/diag.h"

#ifndef RUBRIC_VERSION /* the Makefile defines it */
#define RUBRIC_VERSION "0.1.0"
#endif

/* Whether the optional boolean field name is true. */
static bool
flag(json_t *body, const char *name)
{
    return json_is_true(json_object_get(body, name));
}

/* An optional string field, NULL when left out or null. */
static const char *
opt_str(json_t *body, const char *name)
{
    return json_string_value(json_object_get(body, name));
}

void
api_roles_import(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {{"text", F_STRING, true, 1u << 20},
                                             {"id", F_STRING, false, 64},
                                             {"dry_run", F_BOOL, false, 0},
                                             {0}};
    const char *field, *text, *id;
    struct role r = {0};
    struct diags notes;
    char msg[RB_ERRMSG];
    enum rb_err e;
    bool dry;
    json_t *un;

    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    text = opt_str(req->json, "text");
    id = opt_str(req->json, "id");
    dry = flag(req->json, "dry_run");
    if (id && !question_id_valid(id, strlen(id))) {
        http_problemf(res, RB_EINVAL, "id", "id: '%s' is not an id: use 3 to 64 of a-z, 0-9, '-'",
                      id);
        return;
    }
    diags_init(&notes, 0);
    e = role_import_run(req->store, "text", text, strlen(text), id, dry, &r, &notes, msg);
    if (e) {
        /* the reader names the input "text": that is the field at fault */
        http_problem(res, e, msg, e == RB_EINVAL ? "text" : NULL);
        goto out;
    }
    un = json_array();
    for (size_t i = 0; i < notes.n; i++)
        json_array_append_new(un, json_string(notes.items[i].msg));
    http_json(
        res, dry ? 200 : 201,
        json_pack("{s:o, s:o, s:b}", "role", role_to_json(&r), "unmapped", un, "dry_run", dry));
    if (!dry) {
        char loc[96];
        snprintf(loc, sizeof loc, "/api/v1/roles/%s", r.id);
        res->location = strdup(loc);
    }
out:
    role_cleanup(&r);
    diags_cleanup(&notes);
}

void
api_bank_import(struct http_req *req, struct http_res *res)
{
    static const struct field_spec spec[] = {{"markdown", F_STRING, true, IMPORT_FILE_MAX},
                                             {"source", F_STRING, false, 200},
                                             {"competency", F_STRING, false, 64},
                                             {"dry_run", F_BOOL, false, 0},
                                             {0}};
    const char *field, *md, *source, *competency;
    struct import_set set;
    struct import_result r = {0};
    char msg[RB_ERRMSG];
    enum rb_err e;
    bool dry;
    json_t *o;

    if ((e = http_check_body(req->json, spec, &field, msg))) {
        http_problem(res, e, msg, field);
        return;
    }
    md = opt_str(req->json, "markdown");
    source = opt_str(req->json, "source");
    competency = opt_str(req->json, "competency");
    dry = flag(req->json, "dry_run");
    import_set_init(&set);
    e = import_apply(req->store, "markdown", md, strlen(md), source ? source : "upload", competency,
                     dry, &set, &r, msg);
    if (e) {
        http_problem(res, e, msg,
                     e != RB_EINVAL                         ? NULL
                     : strncmp(msg, "competency:", 11) == 0 ? "competency"
                                                            : "markdown");
        goto out;
    }
    o = import_to_json(&set, r.was_added);
    json_object_set_new(o, "dry_run", json_boolean(dry));
    json_object_set_new(o, "added", json_integer((json_int_t)r.added));
    http_json(res, dry ? 200 : 201, o);
out:
    free(r.was_added);
    import_set_cleanup(&set);
}

void
api_status(struct http_req *req, struct http_res *res)
{
    struct bank_stats st;
    char msg[RB_ERRMSG];
    char *text = NULL;
    size_t len = 0;
    FILE *mem;
    json_t *settings = json_object();
    bool ready = store_ping(req->store, msg) == RB_OK;
    json_t *store = json_pack("{s:s, s:i, s:b}", "url", req->cfg->db, "schema",
                              store_schema_version(req->store), "ready", ready);

    if (ready && store_bank_stats(req->store, &st, msg) == RB_OK) {
        json_object_set_new(store, "questions", json_integer((json_int_t)st.questions));
        json_object_set_new(store, "competencies", json_integer((json_int_t)st.ncomps));
        bank_stats_cleanup(&st);
    }
    /* the settings as `rubric serve --print-config` writes them: none is a secret */
    if ((mem = open_memstream(&text, &len))) {
        settings_print(req->cfg, mem);
        fclose(mem);
        for (char *line = text; line && *line;) {
            char *nl = strchr(line, '\n'), *eq = strstr(line, " = "), *hash;
            if (nl)
                *nl = '\0';
            if (eq && *line != '#') {
                /* "key = value    # what it is": the value without its comment */
                *eq = '\0';
                if ((hash = strstr(eq + 3, " #")))
                    *hash = '\0';
                for (char *end = eq + 3 + strlen(eq + 3); end > eq + 3 && end[-1] == ' ';)
                    *--end = '\0';
                json_object_set_new(settings, line, json_string(eq + 3));
            }
            line = nl ? nl + 1 : NULL;
        }
        free(text);
    }
    http_json(res, 200,
              json_pack("{s:s, s:o, s:o}", "version", RUBRIC_VERSION, "store", store, "settings",
                        settings));
    res->no_etag = true;
}
