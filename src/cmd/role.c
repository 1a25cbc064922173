/* SPDX-License-Identifier: MIT */
/* `rubric role`: load, list, show, lint and import role profiles (core/role*.c). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/bank.h"
#include "core/role.h"
#include "core/role_import.h"
#include "core/seed.h"
#include "model/skills.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/table.h"

static const char role_usage[] =
    "usage: rubric role COMMAND [ARGS]\n"
    "\n"
    "Role profiles: competencies with weights and rating anchors, skills and experience\n"
    "(docs/FORMATS.md). Kits are built from stored roles.\n"
    "\n"
    "commands:\n"
    "  load [DIR]          check and store the role files in DIR (default: the built-in ones)\n"
    "  list                the stored roles\n"
    "  show ID             one role\n"
    "  lint [DIR]          check role files; problems as file:line: message\n"
    "  import JOB.json     a JSON Resume job description as a role\n";

/* The competency ids of the built-in bank and of the bank files in dir (when not NULL). A
 * new NULL-terminated array of new strings; NULL (and a message printed) when the bank
 * cannot be read. */
static char **
bank_competencies(const char *dir)
{
    struct bank b;
    struct diags d;
    char msg[RB_ERRMSG] = "";
    char **ids = NULL;

    bank_init(&b);
    diags_init(&d, 0);
    bank_read_builtin(&b, &d);
    if (dir && bank_read_dir(&b, dir, &d, msg)) {
        cmd_error("%s", msg);
    } else {
        ids = xcalloc(b.ncomps + 1, sizeof *ids);
        for (size_t i = 0; i < b.ncomps; i++)
            ids[i] = xstrdup(b.comps[i].id);
    }
    bank_cleanup(&b);
    diags_cleanup(&d);
    return ids;
}

static void
free_strv(char **v)
{
    for (char **p = v; p && *p; p++)
        free(*p);
    free(v);
}

/* Reads and checks the roles of dir (NULL: built-in); prints problems; returns the exit
 * code. Competencies are checked against the built-in bank and bank_dir when check_bank is
 * set (lint); a load leaves that to the store, which knows the competencies loaded. */
static int
read_roles(const char *dir, const char *bank_dir, bool check_bank, struct role_set *set)
{
    struct skills taxonomy;
    struct diags d;
    char msg[RB_ERRMSG] = "";
    char **known = check_bank ? bank_competencies(bank_dir) : NULL;
    int rc = 0;

    if (check_bank && !known)
        return RB_EXIT_IO;
    skills_init(&taxonomy);
    diags_init(&d, 0);
    if (!dir)
        role_read_builtin(set, &d);
    else if (role_read_dir(set, dir, &d, msg)) {
        free_strv(known);
        diags_cleanup(&d);
        return cmd_fail(RB_EIO, msg);
    }
    skills_read_builtin(&taxonomy, &d);
    role_check(set, (const char *const *)known, &taxonomy, &d);
    skills_cleanup(&taxonomy);
    if (diags_count(&d)) {
        diags_sort(&d);
        diags_print(&d, stderr);
        cmd_error("%zu problem%s in %s", diags_count(&d), diags_count(&d) == 1 ? "" : "s",
                  dir ? dir : "the built-in roles");
        rc = RB_EXIT_PROBLEMS;
    }
    diags_cleanup(&d);
    free_strv(known);
    return rc;
}

/* ---- load, lint --------------------------------------------------------------------- */

static const struct option load_opts[] = {{"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec load_spec = {
    "role load", "h", load_opts,
    "usage: rubric role load [DIR]\n\n"
    "Checks the role files in DIR (default: the roles built into rubric) and stores them in\n"
    "one transaction, replacing stored roles with the same ids. The competencies they name\n"
    "must be in the store: load the bank first ('rubric bank load'). Any problem stops the\n"
    "load and leaves the store unchanged.\n"};

static int
role_load(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct role_set set;
    struct store *s = NULL;
    char msg[RB_ERRMSG] = "";
    const char *dir;
    int c, rc = 0;

    while ((c = cmd_getopt(&load_spec, argc, argv, &rc)) > 0)
        ;
    if (c < 0)
        return rc;
    if (argc - optind > 1)
        return cmd_usage("role load", "give at most one directory");
    dir = optind < argc ? argv[optind] : NULL;
    role_set_init(&set);
    rc = read_roles(dir, NULL, false, &set);
    if (rc) {
        cmd_error("nothing was loaded; the store is unchanged");
        goto out;
    }
    if ((rc = cmd_open_store(ctx, &s)))
        goto out;
    if (!dir) {
        /* the built-in roles need the built-in bank's competencies: a fresh store gets it */
        struct seed_result sr;
        enum rb_err e = seed_builtin(s, SEED_BANK, &sr, msg);
        if (e) {
            rc = cmd_fail(e, msg);
            goto out;
        }
        if (sr.questions)
            cmd_error("a fresh store: loaded the built-in bank first (%zu questions)",
                      sr.questions);
    }
    {
        enum rb_err e = store_roles_save(s, set.v, set.n, dir ? dir : "built-in", msg);
        if (e) {
            rc = cmd_fail(e, msg);
            goto out;
        }
    }
    printf("loaded %zu roles from %s\n", set.n, dir ? dir : "the built-in roles");
out:
    store_close(s);
    role_set_cleanup(&set);
    return rc;
}

static const struct option lint_opts[] = {
    {"bank", required_argument, NULL, 'b'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec lint_spec = {
    "role lint", "h", lint_opts,
    "usage: rubric role lint [DIR] [--bank DIR]\n\n"
    "Checks every role file in DIR (default: the roles built into rubric) against\n"
    "docs/FORMATS.md: fields, summary, responsibilities, weights, four anchors per\n"
    "competency, skills, and that every competency is defined by the bank (the built-in\n"
    "bank and the bank files in --bank DIR). Each problem is printed as file:line: message.\n"
    "Exit status: 0 when clean, 1 when any problem was found.\n"};

static int
role_lint(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct role_set set;
    const char *bank_dir = NULL;
    int c, rc = 0;

    (void)ctx;
    while ((c = cmd_getopt(&lint_spec, argc, argv, &rc)) > 0)
        if (c == 'b')
            bank_dir = optarg;
    if (c < 0)
        return rc;
    if (argc - optind > 1)
        return cmd_usage("role lint", "give at most one directory");
    role_set_init(&set);
    rc = read_roles(optind < argc ? argv[optind] : NULL, bank_dir, true, &set);
    if (!rc)
        fprintf(stderr, "rubric: ok: %zu roles\n", set.n);
    role_set_cleanup(&set);
    return rc;
}

/* ---- list, show --------------------------------------------------------------------- */

static const struct option list_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec list_spec = {"role list", "h", list_opts,
                                          "usage: rubric role list [--json]\n\n"
                                          "The stored roles: id, level, title, competencies "
                                          "and years asked for.\n"};

static int
role_list(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct store *s = NULL;
    struct role_set set;
    char msg[RB_ERRMSG] = "";
    bool json = false;
    int c, rc = 0;
    enum rb_err e;

    while ((c = cmd_getopt(&list_spec, argc, argv, &rc)) > 0)
        if (c == 'j')
            json = true;
    if (c < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("role list", "unexpected argument '%s'", argv[optind]);
    if ((rc = cmd_open_store_seeded(ctx, &s)))
        return rc;
    role_set_init(&set);
    e = store_role_list(s, &set, msg);
    store_close(s);
    if (e) {
        role_set_cleanup(&set);
        return cmd_fail(e, msg);
    }
    if (json) {
        json_t *a = json_array();
        for (size_t i = 0; i < set.n; i++)
            json_array_append_new(a, role_to_json(&set.v[i]));
        rc = cmd_print_json(json_pack("{s:o}", "roles", a));
    } else if (!set.n) {
        printf("no roles stored: run 'rubric role load'\n");
    } else {
        static const char *const head[] = {"ID", "LEVEL", ">YEARS", "COMPETENCIES", "TITLE"};
        struct table t;
        table_init(&t, 5, head, 4);
        for (size_t i = 0; i < set.n; i++) {
            char years[32], comps[32];
            const char *row[5] = {set.v[i].id, level_name(set.v[i].level), years, comps,
                                  set.v[i].title};
            snprintf(years, sizeof years, "%d", set.v[i].min_years);
            snprintf(comps, sizeof comps, "%zu", set.v[i].ncomps);
            table_add(&t, row);
        }
        table_print(&t, stdout, term_width(STDOUT_FILENO));
        table_cleanup(&t);
    }
    role_set_cleanup(&set);
    return rc;
}

static void
print_role(const struct role *r)
{
    printf("%s  %s\n%s · at least %d years, %d in a comparable role", r->id, r->title,
           level_name(r->level), r->min_years, r->min_comparable_years);
    if (r->location)
        printf(" · %s", r->location);
    if (r->remote)
        printf(" · %s", r->remote);
    if (r->salary)
        printf(" · %s", r->salary);
    printf("\n\n%s\n\nResponsibilities\n", r->summary);
    for (size_t i = 0; i < r->nresponsibilities; i++)
        printf("  - %s\n", r->responsibilities[i]);
    printf("\nCompetencies (weight 1-%d) and what a rating of 1 to 4 looks like\n",
           ROLE_WEIGHT_MAX);
    for (size_t i = 0; i < r->ncomps; i++) {
        printf("  %s (weight %d)\n", r->comps[i].id, r->comps[i].weight);
        for (int k = 0; k < 4; k++)
            printf("    %d: %s\n", k + 1, r->comps[i].anchors[k] ? r->comps[i].anchors[k] : "");
    }
    for (int must = 1; must >= 0; must--) {
        bool any = false;
        for (size_t i = 0; i < r->nskills; i++) {
            if (r->skills[i].must != must)
                continue;
            if (!any)
                printf("\n%s skills (weight):", must ? "Must-have" : "Nice-to-have");
            printf("%s %s (%d)", any ? "," : "", r->skills[i].name, r->skills[i].weight);
            any = true;
        }
        if (any)
            putchar('\n');
    }
}

static const struct option show_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec show_spec = {"role show", "h", show_opts,
                                          "usage: rubric role show ID [--json]\n\n"
                                          "One stored role: summary, responsibilities, "
                                          "competencies with weights and\nrating anchors, "
                                          "skills and experience.\n"};

static int
role_show(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct store *s = NULL;
    struct role r;
    char msg[RB_ERRMSG] = "";
    bool json = false;
    int c, rc = 0;
    enum rb_err e;

    while ((c = cmd_getopt(&show_spec, argc, argv, &rc)) > 0)
        if (c == 'j')
            json = true;
    if (c < 0)
        return rc;
    if (argc - optind != 1)
        return cmd_usage("role show", "give one role id");
    if ((rc = cmd_open_store_seeded(ctx, &s)))
        return rc;
    e = store_role_get(s, argv[optind], &r, msg);
    store_close(s);
    if (e == RB_ENOTFOUND) {
        cmd_error("%s: see 'rubric role list'", msg);
        return rb_err_exit(e);
    }
    if (e)
        return cmd_fail(e, msg);
    if (json)
        rc = cmd_print_json(role_to_json(&r));
    else
        print_role(&r);
    role_cleanup(&r);
    return rc;
}

/* ---- import ------------------------------------------------------------------------- */

static const struct option import_opts[] = {{"id", required_argument, NULL, 'i'},
                                            {"dry-run", no_argument, NULL, 'n'},
                                            {"json", no_argument, NULL, 'j'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
static const struct cmd_spec import_spec = {
    "role import", "nh", import_opts,
    "usage: rubric role import JOB.json [--id ID] [--dry-run] [--json]\n\n"
    "Maps a JSON Resume job description (job-schema.json of the jsonresume project) onto a\n"
    "role profile and stores it: title, experience (the level), description (the summary),\n"
    "responsibilities, qualifications (years of experience), skills[].keywords (must-have\n"
    "skills, weighted by the skill's level; a group named 'nice to have' or 'bonus' gives\n"
    "nice-to-have ones) and competencies with weights from the words of the whole\n"
    "description. Rating anchors come from the built-in role nearest in level. Everything\n"
    "that could not be mapped is listed.\n\n"
    "  --id ID        the role's id (default: from the title)\n"
    "  -n, --dry-run  show the role; store nothing\n"
    "  --json         the role and the unmapped fields as JSON\n"};

static int
role_import(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *id = NULL, *file;
    bool dry = false, json = false;
    struct store *s = NULL;
    struct role r = {0};
    struct diags notes;
    char msg[RB_ERRMSG] = "";
    char *data = NULL;
    size_t len;
    int c, rc = 0;
    enum rb_err e;

    while ((c = cmd_getopt(&import_spec, argc, argv, &rc)) > 0) {
        if (c == 'i')
            id = optarg;
        else if (c == 'n')
            dry = true;
        else if (c == 'j')
            json = true;
    }
    if (c < 0)
        return rc;
    if (argc - optind != 1)
        return cmd_usage("role import", "give one job description file");
    if (id && !question_id_valid(id, strlen(id)))
        return cmd_usage("role import", "bad --id '%s': use 3 to 64 of a-z, 0-9 and '-'", id);
    file = argv[optind];
    if ((e = fs_read(file, ROLE_FILE_MAX, &data, &len, msg)))
        return cmd_fail(e, msg);
    if ((rc = cmd_open_store_seeded(ctx, &s))) {
        free(data);
        return rc;
    }
    diags_init(&notes, 0);
    if ((e = role_import_run(s, file, data, len, id, dry, &r, &notes, msg))) {
        if (strstr(msg, "load the bank first")) {
            cmd_error("%s", msg);
            rc = RB_EXIT_PROBLEMS;
        } else {
            rc = cmd_fail(e, msg);
        }
        goto out;
    }
    if (json) {
        json_t *un = json_array();
        for (size_t i = 0; i < notes.n; i++)
            json_array_append_new(un, json_string(notes.items[i].msg));
        rc = cmd_print_json(
            json_pack("{s:o, s:o, s:b}", "role", role_to_json(&r), "unmapped", un, "dry_run", dry));
    } else {
        print_role(&r);
        if (notes.n) {
            printf("\nCould not map:\n");
            for (size_t i = 0; i < notes.n; i++)
                printf("  - %s\n", notes.items[i].msg);
        }
        fprintf(stderr, "rubric: %s role %s\n", dry ? "dry run: would store" : "stored", r.id);
    }
out:
    free(data);
    role_cleanup(&r);
    diags_cleanup(&notes);
    store_close(s);
    return rc;
}

/* ---- dispatch ----------------------------------------------------------------------- */

static const struct cmd_sub sub[] = {
    {"load", role_load}, {"list", role_list},     {"show", role_show},
    {"lint", role_lint}, {"import", role_import},
};

int
cmd_role(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "role", sub, sizeof sub / sizeof sub[0], role_usage);
}
