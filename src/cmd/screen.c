/* SPDX-License-Identifier: MIT */
/*
 * `rubric screen`: resumes ranked against a stored role (core/screen.c). This first version
 * reads the files one after another; parallel reading, CSV and HTML reports, blind mode,
 * job descriptions and the store of parsed resumes come next (issue 4).
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/screen.h"
#include "extract/extract.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/table.h"

static const struct option screen_opts[] = {{"role", required_argument, NULL, 'r'},
                                            {"top", required_argument, NULL, 't'},
                                            {"min-score", required_argument, NULL, 'm'},
                                            {"json", no_argument, NULL, 'j'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
static const struct cmd_spec screen_spec = {
    "screen", "h", screen_opts,
    "usage: rubric screen PATH... --role ROLE [--top N] [--min-score S] [--json]\n\n"
    "Reads the resumes named (files, or every file in a folder) and ranks them against a\n"
    "stored role: a score from 0 to 100 made of must-have skills (40; a missing one caps the\n"
    "score at 50), nice-to-have skills (20), total years (15), years in positions titled like\n"
    "the role (10) and how recently the skills were used (15), each with its reason. Files\n"
    "that cannot be read are listed with the reason and the run goes on.\n\n"
    "  --role ROLE     a stored role (see 'rubric role list')\n"
    "  --top N         show the N best\n"
    "  --min-score S   show only scores of at least S\n"
    "  --json          {\"candidates\": [...], \"errors\": [...]} (docs/FORMATS.md)\n"};

struct ranked {
    char *file;
    char *name;
    struct screen_result s;
};

static int
cmp_ranked(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->s.score != y->s.score)
        return x->s.score < y->s.score ? 1 : -1;
    return strcmp(x->file, y->file); /* stable for equal scores */
}

/* Every file named: files as they are, folders' regular files by name. */
static void
collect(int n, char **paths, char ***files, size_t *nfiles)
{
    size_t cap = 0;
    for (int i = 0; i < n; i++) {
        if (fs_is_dir(paths[i])) {
            char **v;
            size_t m;
            char msg[RB_ERRMSG];
            if (fs_list(paths[i], "", &v, &m, msg)) {
                cmd_error("%s", msg);
                continue;
            }
            xgrow(files, &cap, *nfiles + m, sizeof **files);
            for (size_t k = 0; k < m; k++)
                (*files)[(*nfiles)++] = v[k];
            free(v);
        } else {
            xgrow(files, &cap, *nfiles + 1, sizeof **files);
            (*files)[(*nfiles)++] = xstrdup(paths[i]);
        }
    }
}

int
cmd_screen(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *role_id = NULL;
    long top = 0, v;
    double min_score = -1;
    bool json = false;
    int c, rc = 0;
    struct store *s = NULL;
    struct role role = {0};
    struct skills tax;
    struct skillscan *sc = NULL;
    char msg[RB_ERRMSG] = "";
    char **files = NULL;
    size_t nfiles = 0, nranked = 0, nerr = 0;
    struct ranked *ranked = NULL;
    json_t *errors = json_array();
    struct ym today = dates_today();
    enum rb_err e;

    while ((c = cmd_getopt(&screen_spec, argc, argv, &rc)) > 0) {
        switch (c) {
        case 'r':
            role_id = optarg;
            break;
        case 't':
            if (!cmd_parse_int(optarg, 1, 10000000, &v))
                return cmd_usage("screen", "bad --top '%s': expected a whole number", optarg);
            top = v;
            break;
        case 'm':
            if (!cmd_parse_int(optarg, 0, 100, &v))
                return cmd_usage("screen", "bad --min-score '%s': expected 0 to 100", optarg);
            min_score = (double)v;
            break;
        case 'j':
            json = true;
            break;
        }
    }
    if (c < 0) {
        json_decref(errors);
        return rc;
    }
    if (!role_id || optind >= argc) {
        json_decref(errors);
        return cmd_usage("screen", "give resumes and --role ROLE");
    }
    if ((rc = cmd_open_store(ctx, &s))) {
        json_decref(errors);
        return rc;
    }
    e = store_role_get(s, role_id, &role, msg);
    store_close(s);
    if (e) {
        json_decref(errors);
        return e == RB_ENOTFOUND ? cmd_usage("screen", "%s: see 'rubric role list'", msg)
                                 : cmd_fail(e, msg);
    }
    if (skillscan_builtin(&tax, &sc, msg)) {
        role_cleanup(&role);
        json_decref(errors);
        return cmd_fail(RB_EINTERNAL, msg);
    }
    collect(argc - optind, argv + optind, &files, &nfiles);
    ranked = xcalloc(nfiles + 1, sizeof *ranked);
    for (size_t i = 0; i < nfiles; i++) {
        struct extracted x;
        struct resume r;
        e = extract_file(files[i], NULL, &x, msg);
        if (!e) {
            e = resume_parse(x.text, x.len, sc, today, &r, msg);
            extracted_cleanup(&x);
        }
        if (ctx->err_tty)
            fprintf(stderr, "\rrubric: screening %zu/%zu", i + 1, nfiles);
        if (e) {
            nerr++;
            json_array_append_new(errors, json_pack("{s:s, s:s}", "file", files[i], "error", msg));
            continue;
        }
        screen_score(&r, &role, &tax, today, &ranked[nranked].s);
        ranked[nranked].file = xstrdup(files[i]);
        ranked[nranked].name = r.name ? xstrdup(r.name) : NULL;
        nranked++;
        resume_cleanup(&r);
    }
    if (ctx->err_tty && nfiles)
        fputc('\n', stderr);
    qsort(ranked, nranked, sizeof *ranked, cmp_ranked);
    {
        size_t shown = 0;
        json_t *cands = json_array();
        struct table t;
        static const char *const head[] = {">RANK", ">SCORE", "NAME", "MISSING", "FILE"};
        table_init(&t, 5, head, 4);
        for (size_t i = 0; i < nranked; i++) {
            struct ranked *k = &ranked[i];
            if ((top && (long)shown >= top) || k->s.score < min_score)
                continue;
            shown++;
            if (json) {
                json_t *o = screen_to_json(&k->s);
                json_object_set_new(o, "file", json_string(k->file));
                json_object_set_new(o, "name", k->name ? json_string(k->name) : json_null());
                json_array_append_new(cands, o);
            } else {
                char rank[24], score[24], missing[512] = "";
                const char *row[5] = {rank, score, k->name ? k->name : "-", missing, k->file};
                size_t used = 0;
                snprintf(rank, sizeof rank, "%zu", i + 1);
                snprintf(score, sizeof score, "%.1f", k->s.score);
                for (size_t m = 0; m < k->s.nmissing && used < sizeof missing; m++)
                    used += (size_t)snprintf(missing + used, sizeof missing - used, "%s%s",
                                             m ? ", " : "", k->s.missing[m]);
                table_add(&t, row);
            }
        }
        if (json) {
            rc = cmd_print_json(json_pack("{s:s, s:o, s:O}", "role", role.id, "candidates", cands,
                                          "errors", errors));
        } else {
            json_decref(cands);
            table_print(&t, stdout, term_width(STDOUT_FILENO));
            for (size_t i = 0; i < json_array_size(errors); i++) {
                json_t *er = json_array_get(errors, i);
                fprintf(stderr, "rubric: cannot read %s: %s\n",
                        json_string_value(json_object_get(er, "file")),
                        json_string_value(json_object_get(er, "error")));
            }
        }
        table_cleanup(&t);
        fprintf(stderr, "rubric: %zu files: %zu ranked, %zu could not be read\n", nfiles, nranked,
                nerr);
    }
    for (size_t i = 0; i < nranked; i++) {
        free(ranked[i].file);
        free(ranked[i].name);
        screen_cleanup(&ranked[i].s);
    }
    free(ranked);
    fs_list_free(files, nfiles);
    json_decref(errors);
    skillscan_free(sc);
    skills_cleanup(&tax);
    role_cleanup(&role);
    return rc;
}
