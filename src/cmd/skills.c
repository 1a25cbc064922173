/* SPDX-License-Identifier: MIT */
/* `rubric skills`: lint, list and look up the skills taxonomy (model/skills.c). */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "extract/extract.h"
#include "model/skills.h"
#include "resume/skillscan.h"
#include "util/mem.h"
#include "util/table.h"
#include "util/text.h"

static const char skills_usage[] =
    "usage: rubric skills COMMAND [ARGS]\n"
    "\n"
    "The skills taxonomy: canonical back-end skills with the aliases people write in\n"
    "resumes (data/skills, docs/FORMATS.md). Role profiles name skills by canonical name.\n"
    "\n"
    "commands:\n"
    "  lint [DIR]          check taxonomy files; problems as file:line: message\n"
    "  list                the skills, by category\n"
    "  find NAME           the canonical skill for a name or alias\n"
    "  scan FILE...        the skills found in resume files\n";

/* Reads and checks the taxonomy in dir (NULL: built-in); prints problems; returns the exit
 * code. */
static int
read_skills(const char *dir, struct skills *s)
{
    struct diags d;
    char msg[RB_ERRMSG] = "";
    int rc = 0;

    diags_init(&d, 0);
    if (!dir)
        skills_read_builtin(s, &d);
    else if (skills_read_dir(s, dir, &d, msg)) {
        diags_cleanup(&d);
        return cmd_fail(RB_EIO, msg);
    }
    skills_check(s, &d);
    if (diags_count(&d)) {
        diags_sort(&d);
        diags_print(&d, stderr);
        cmd_error("%zu problem%s in %s", diags_count(&d), diags_count(&d) == 1 ? "" : "s",
                  dir ? dir : "the built-in taxonomy");
        rc = RB_EXIT_PROBLEMS;
    }
    diags_cleanup(&d);
    return rc;
}

static const struct option lint_opts[] = {{"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec lint_spec = {
    "skills lint", "h", lint_opts,
    "usage: rubric skills lint [DIR]\n\n"
    "Checks the taxonomy files (*.txt) in DIR (default: the taxonomy built into rubric):\n"
    "the line format, lowercase names, each canonical skill defined once, and no alias that\n"
    "would match two skills. Each problem is printed as file:line: message.\n"
    "Exit status: 0 when clean, 1 when any problem was found.\n"};

static int
skills_lint(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct skills s;
    int c, rc = 0;

    (void)ctx;
    while ((c = cmd_getopt(&lint_spec, argc, argv, &rc)) > 0)
        ;
    if (c < 0)
        return rc;
    if (argc - optind > 1)
        return cmd_usage("skills lint", "give at most one directory");
    skills_init(&s);
    rc = read_skills(optind < argc ? argv[optind] : NULL, &s);
    if (!rc) {
        size_t aliases = 0;
        for (size_t i = 0; i < s.n; i++)
            aliases += s.v[i].naliases;
        fprintf(stderr, "rubric: ok: %zu skills, %zu aliases\n", s.n, aliases);
    }
    skills_cleanup(&s);
    return rc;
}

static const struct option list_opts[] = {{"category", required_argument, NULL, 'c'},
                                          {"json", no_argument, NULL, 'j'},
                                          {"help", no_argument, NULL, 'h'},
                                          {0}};
static const struct cmd_spec list_spec = {
    "skills list", "h", list_opts,
    "usage: rubric skills list [--category C] [--json]\n\n"
    "The skills of the built-in taxonomy with their category and aliases; [a] marks a name\n"
    "that needs context to be sure of (\"go\", \"spring\").\n"};

static int
skills_list(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct skills s;
    const char *category = NULL;
    bool json = false;
    int c, rc = 0;

    (void)ctx;
    while ((c = cmd_getopt(&list_spec, argc, argv, &rc)) > 0) {
        if (c == 'c')
            category = optarg;
        else if (c == 'j')
            json = true;
    }
    if (c < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("skills list", "unexpected argument '%s'", argv[optind]);
    skills_init(&s);
    if ((rc = read_skills(NULL, &s)))
        goto out;
    if (json) {
        json_t *a = json_array();
        for (size_t i = 0; i < s.n; i++) {
            json_t *al;
            if (category && strcmp(category, s.v[i].category) != 0)
                continue;
            al = json_array();
            for (size_t j = 0; j < s.v[i].naliases; j++)
                json_array_append_new(al, json_string(s.v[i].aliases[j]));
            json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:b}", "skill", s.v[i].name,
                                               "category", s.v[i].category, "aliases", al,
                                               "ambiguous", s.v[i].ambiguous));
        }
        rc = cmd_print_json(json_pack("{s:o}", "skills", a));
    } else {
        static const char *const head[] = {"SKILL", "CATEGORY", "ALIASES"};
        struct table t;
        table_init(&t, 3, head, 2);
        for (size_t i = 0; i < s.n; i++) {
            char name[80], aliases[2048] = "";
            size_t used = 0;
            const char *row[3] = {name, s.v[i].category, aliases};
            if (category && strcmp(category, s.v[i].category) != 0)
                continue;
            snprintf(name, sizeof name, "%s%s", s.v[i].name, s.v[i].ambiguous ? " [a]" : "");
            for (size_t j = 0; j < s.v[i].naliases && used < sizeof aliases; j++)
                used += (size_t)snprintf(aliases + used, sizeof aliases - used, "%s%s",
                                         j ? ", " : "", s.v[i].aliases[j]);
            table_add(&t, row);
        }
        table_print(&t, stdout, term_width(STDOUT_FILENO));
        table_cleanup(&t);
    }
out:
    skills_cleanup(&s);
    return rc;
}

static const struct option find_opts[] = {{"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec find_spec = {
    "skills find", "h", find_opts,
    "usage: rubric skills find NAME\n\n"
    "Prints the canonical skill for NAME, a canonical name or an alias (\"k8s\" gives\n"
    "kubernetes). Exit status 3 when the taxonomy does not know it.\n"};

static int
skills_find_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct skills s;
    struct diags d;
    const struct skill *k;
    int c, rc = 0;

    (void)ctx;
    while ((c = cmd_getopt(&find_spec, argc, argv, &rc)) > 0)
        ;
    if (c < 0)
        return rc;
    if (argc - optind != 1)
        return cmd_usage("skills find", "give one name");
    skills_init(&s);
    diags_init(&d, 0);
    skills_read_builtin(&s, &d);
    diags_cleanup(&d);
    k = skills_lookup(&s, argv[optind]);
    if (k) {
        printf("%s (%s)\n", k->name, k->category);
    } else {
        char clip[TEXT_CLIP_SIZE];
        cmd_error("'%s' is not in the skills taxonomy: see 'rubric skills list'",
                  text_clip(argv[optind], clip));
        rc = RB_EXIT_NOTFOUND;
    }
    skills_cleanup(&s);
    return rc;
}

static const struct option scan_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec scan_spec = {
    "skills scan", "h", scan_opts,
    "usage: rubric skills scan FILE... [--json]\n\n"
    "Reads each resume file (any format 'rubric extract' reads) and lists the skills of the\n"
    "taxonomy found in it, with how many times each is mentioned. Names must stand as words\n"
    "(no 'java' inside 'javascript'), the longest name wins ('spring boot' over 'spring'),\n"
    "and a skill whose name is an ordinary word ('go', 'swift') counts only next to another\n"
    "skill.\n\n"
    "  --json   one JSON object a line: file and skills (skill, category, mentions); or file\n"
    "           and error\n"};

static int
skills_scan(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct skills s;
    struct skillscan *sc = NULL;
    char msg[RB_ERRMSG] = "";
    bool json = false;
    int c, rc = 0, failed = 0;

    (void)ctx;
    while ((c = cmd_getopt(&scan_spec, argc, argv, &rc)) > 0)
        if (c == 'j')
            json = true;
    if (c < 0)
        return rc;
    if (optind >= argc)
        return cmd_usage("skills scan", "give one or more files");
    if (skillscan_builtin(&s, &sc, msg))
        return cmd_fail(RB_EINTERNAL, msg);
    for (int i = optind; i < argc; i++) {
        struct extracted e;
        struct skill_hit *hits = NULL;
        size_t n = 0;
        unsigned *count = xcalloc(s.n, sizeof *count);
        enum rb_err err = extract_file(argv[i], NULL, &e, msg);
        if (!err)
            err = skillscan_run(sc, e.text, e.len, &hits, &n, msg);
        if (err) {
            failed++;
            cmd_error("cannot read %s: %s", argv[i], msg);
            if (json) {
                json_t *o = json_pack("{s:s, s:s}", "file", argv[i], "error", msg);
                cmd_print_jsonl(o);
            }
            free(count);
            continue;
        }
        for (size_t h = 0; h < n; h++)
            count[hits[h].skill]++;
        if (json) {
            json_t *a = json_array();
            for (size_t k = 0; k < s.n; k++)
                if (count[k])
                    json_array_append_new(a, json_pack("{s:s, s:s, s:i}", "skill", s.v[k].name,
                                                       "category", s.v[k].category, "mentions",
                                                       count[k]));
            cmd_print_jsonl(json_pack("{s:s, s:o}", "file", argv[i], "skills", a));
        } else {
            printf("%s:", argv[i]);
            for (size_t k = 0; k < s.n; k++)
                if (count[k])
                    printf(" %s (%u)", s.v[k].name, count[k]);
            putchar('\n');
        }
        free(hits);
        free(count);
        extracted_cleanup(&e);
    }
    skillscan_free(sc);
    skills_cleanup(&s);
    return failed ? RB_EXIT_PROBLEMS : 0;
}

static const struct cmd_sub sub[] = {
    {"lint", skills_lint}, {"list", skills_list}, {"find", skills_find_cmd}, {"scan", skills_scan}};

int
cmd_skills(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "skills", sub, sizeof sub / sizeof sub[0], skills_usage);
}
