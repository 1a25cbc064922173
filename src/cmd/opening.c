/* SPDX-License-Identifier: MIT */
/*
 * `rubric opening add|list|show|edit|status|stages` and `rubric application
 * add|list|move|show`. Options become the same JSON objects the API takes, and core (core/
 * opening.c, core/application.c) checks and applies them, so both front ends share every
 * rule. --as EMAIL acts as that account (its rights and its name in histories); without
 * it the command line may do anything and is recorded as 'command line'.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/application.h"
#include "core/audit.h"
#include "core/candidate.h"
#include "core/opening.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/table.h"

#define OPENING_FIELD_OPTS                                                                         \
    {"title", required_argument, NULL, 't'}, {"role", required_argument, NULL, 'r'},               \
        {"description", required_argument, NULL, 'd'}, {"location", required_argument, NULL, 'l'}, \
        {"remote", required_argument, NULL, 'R'}, {"salary", required_argument, NULL, 's'},        \
        {"headcount", required_argument, NULL, 'n'}, {"stages", required_argument, NULL, 'S'},     \
        {"recruiter", required_argument, NULL, 'c'},                                               \
        {"hiring-manager", required_argument, NULL, 'm'}, {"panel", required_argument, NULL, 'p'}, \
        {"questions", required_argument, NULL, 'Q'}, {"as", required_argument, NULL, 'a'},         \
        {"help", no_argument, NULL, 'h'},                                                          \
    {                                                                                              \
        0                                                                                          \
    }

#define OPENING_FIELD_HELP                                                                         \
    "  --title T             the job's title\n"                                                    \
    "  --role ROLE           the role profile it uses (see 'rubric role list')\n"                  \
    "  --description FILE    the job description, Markdown ('-': standard input); its\n"           \
    "                        requirements are read into criteria for screening\n"                  \
    "  --location L          where the job is\n"                                                   \
    "  --remote P            onsite, hybrid or remote\n"                                           \
    "  --salary MIN-MAX:CUR  the yearly band, e.g. 60000-80000:EUR\n"                              \
    "  --headcount N         how many people to hire (default 1)\n"                                \
    "  --stages LIST         the pipeline, NAME[:KIND] comma-separated, e.g.\n"                    \
    "                        applied,phone-screen:screened,onsite:interviewing,offer,hired,\n"     \
    "                        rejected,withdrawn (default: " CANDIDATE_STAGES ")\n"                 \
    "  --recruiter EMAIL     a recruiter who runs it (repeat; none: every recruiter)\n"            \
    "  --hiring-manager EMAIL  its hiring manager\n"                                               \
    "  --panel EMAIL         a member of its default interview panel (repeat)\n"                   \
    "  --questions FILE      the careers form's own questions, a JSON list of {id, label,\n"       \
    "                        kind: text|choice|file, required, choices} ('': none)\n"              \
    "  --as EMAIL            act as this account\n"

static const struct option field_opts[] = {OPENING_FIELD_OPTS};

static const struct cmd_spec add_spec = {
    "opening add", "h", field_opts,
    "usage: rubric opening add --title T [options]\n\n"
    "Adds an opening, as a draft, and prints its id.\n\n" OPENING_FIELD_HELP};
static const struct cmd_spec edit_spec = {
    "opening edit", "h", field_opts,
    "usage: rubric opening edit ID [options]\n\n"
    "Changes the fields given; the others stay. --recruiter and --panel replace the lists;\n"
    "--description '' clears the description.\n\n" OPENING_FIELD_HELP};

static bool
parse_id(const char *s, long long *id)
{
    long v;
    if (!s || !cmd_parse_int(s, 1, 1L << 62, &v))
        return false;
    *id = v;
    return true;
}

static json_t *
team_of(json_t *in)
{
    json_t *t = json_object_get(in, "team");
    if (!t) {
        t = json_pack("{s:[], s:n, s:[]}", "recruiters", "hiring_manager", "panel");
        json_object_set_new(in, "team", t);
    }
    return t;
}

/* "NAME[:KIND],..." as a stage list (new), or NULL after a usage error. */
static json_t *
parse_stages(const char *cmd, const char *list)
{
    json_t *a = json_array();
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        char *tok = xstrndup(p, n), *colon = strchr(tok, ':');
        if (colon)
            *colon = 0;
        if (*tok)
            json_array_append_new(
                a, json_pack("{s:s, s:s}", "name", tok, "kind", colon ? colon + 1 : tok));
        free(tok);
        p += n + (p[n] == ',');
    }
    if (!json_array_size(a)) {
        cmd_usage(cmd, "bad --stages '%s': NAME[:KIND],...", list);
        json_decref(a);
        return NULL;
    }
    return a;
}

/* Reads the options into in (an OpeningCreate-shaped object) and *as; 0 or the exit code. */
static int
opening_options(const struct cmd_spec *spec, int argc, char **argv, json_t *in, const char **as,
                char **desc_text)
{
    int ch, rc = 0;
    long n;
    while ((ch = cmd_getopt(spec, argc, argv, &rc)) > 0) {
        switch (ch) {
        case 't':
            json_object_set_new(in, "title", json_string(optarg));
            break;
        case 'r':
            json_object_set_new(in, "role", *optarg ? json_string(optarg) : json_null());
            break;
        case 'd': {
            char msg[RB_ERRMSG], *data = NULL;
            size_t len = 0;
            enum rb_err e;
            if (!*optarg) {
                json_object_set_new(in, "description", json_null());
                break;
            }
            e = fs_read(strcmp(optarg, "-") == 0 ? "/dev/stdin" : optarg, OPENING_DESCRIPTION_MAX,
                        &data, &len, msg);
            if (e)
                return cmd_fail(e, msg);
            free(*desc_text);
            *desc_text = data;
            json_object_set_new(in, "description", json_stringn(data, len));
            break;
        }
        case 'l':
            json_object_set_new(in, "location", *optarg ? json_string(optarg) : json_null());
            break;
        case 'R':
            json_object_set_new(in, "remote", *optarg ? json_string(optarg) : json_null());
            break;
        case 's': {
            long long lo, hi;
            char cur[8];
            if (sscanf(optarg, "%lld-%lld:%3[A-Z]", &lo, &hi, cur) != 3)
                return cmd_usage(spec->name, "bad --salary '%s': MIN-MAX:CUR, e.g. 60000-80000:EUR",
                                 optarg);
            json_object_set_new(in, "salary",
                                json_pack("{s:I, s:I, s:s}", "min", (json_int_t)lo, "max",
                                          (json_int_t)hi, "currency", cur));
            break;
        }
        case 'n':
            if (!cmd_parse_int(optarg, 1, 1000, &n))
                return cmd_usage(spec->name, "bad --headcount '%s': 1 to 1000", optarg);
            json_object_set_new(in, "headcount", json_integer(n));
            break;
        case 'S': {
            json_t *st = parse_stages(spec->name, optarg);
            if (!st)
                return RB_EXIT_USAGE;
            json_object_set_new(in, "stages", st);
            break;
        }
        case 'c':
            json_array_append_new(json_object_get(team_of(in), "recruiters"), json_string(optarg));
            break;
        case 'p':
            json_array_append_new(json_object_get(team_of(in), "panel"), json_string(optarg));
            break;
        case 'm':
            json_object_set_new(team_of(in), "hiring_manager", json_string(optarg));
            break;
        case 'Q': {
            char msg[RB_ERRMSG];
            json_error_t je;
            json_t *q;
            if (!*optarg) {
                json_object_set_new(in, "questions", json_null());
                break;
            }
            if (!(q = json_load_file(strcmp(optarg, "-") == 0 ? "/dev/stdin" : optarg, 0, &je))) {
                snprintf(msg, sizeof msg, "%s:%d: %s (a JSON list of questions)", optarg, je.line,
                         je.text);
                return cmd_fail(RB_EINVAL, msg);
            }
            json_object_set_new(in, "questions", q);
            break;
        }
        case 'a':
            *as = optarg;
            break;
        }
    }
    return ch < 0 ? rc : 0;
}

/* The --as account into *u (who: &u) or the command line (who: NULL); 0 or the exit code. */
static int
acting(struct store *s, const char *cmd, const char *as, struct user *u, const struct user **who)
{
    int rc = 0;
    *who = NULL;
    if (as && !(rc = cmd_as_user(s, cmd, as, u)))
        *who = u;
    return rc;
}

/* An error of core: a usage-like problem for bad input (exit 1), else cmd_fail. */
static int
core_fail(enum rb_err e, const char *msg)
{
    if (e == RB_EINVAL) {
        cmd_error("%s", msg);
        return RB_EXIT_PROBLEMS;
    }
    return cmd_fail(e, msg);
}

/* A reader of descriptions for the opening's criteria (only when one is given). */
struct cli_reader {
    struct skills tax;
    struct opening_reader rd;
    bool made;
};

static const struct opening_reader *
cli_reader(struct cli_reader *r, bool needed)
{
    char msg[RB_ERRMSG];
    memset(r, 0, sizeof *r);
    if (needed && !skillscan_builtin(&r->tax, &r->rd.sc, msg)) {
        r->rd.taxonomy = &r->tax;
        r->made = true;
    }
    return &r->rd;
}

static void
cli_reader_cleanup(struct cli_reader *r)
{
    if (r->made) {
        skillscan_free(r->rd.sc);
        skills_cleanup(&r->tax);
    }
}

static int
opening_add_or_edit(struct cmd_ctx *ctx, int argc, char **argv, bool edit)
{
    const struct cmd_spec *spec = edit ? &edit_spec : &add_spec;
    json_t *in = json_object();
    const char *as = NULL;
    char *desc = NULL, msg[RB_ERRMSG];
    struct store *s = NULL;
    struct user u = {0};
    const struct user *who;
    struct cli_reader cr;
    long long id = 0;
    int rc;
    enum rb_err e;

    memset(&cr, 0, sizeof cr);
    if ((rc = opening_options(spec, argc, argv, in, &as, &desc)))
        goto out;
    if (edit ? (optind + 1 != argc || !parse_id(argv[optind], &id)) : optind != argc) {
        rc = cmd_usage(spec->name, edit ? "give one opening ID" : "unexpected argument '%s'",
                       argv[optind]);
        goto out;
    }
    if (!edit && !json_object_get(in, "title")) {
        rc = cmd_usage(spec->name, "give --title");
        goto out;
    }
    if ((rc = cmd_open_store_seeded(ctx, &s)) || (rc = acting(s, spec->name, as, &u, &who)))
        goto out;
    cli_reader(&cr, desc != NULL);
    e = edit ? opening_update(s, id, in, &cr.rd, who, msg)
             : opening_create(s, in, &cr.rd, who, &id, msg);
    if (e) {
        rc = core_fail(e, msg);
        goto out;
    }
    if (!edit)
        printf("%lld\n", id);
    else
        fprintf(stderr, "rubric: opening %lld changed\n", id);
out:
    cli_reader_cleanup(&cr);
    if (s)
        store_close(s);
    user_cleanup(&u);
    free(desc);
    json_decref(in);
    return rc;
}

static int
opening_add(struct cmd_ctx *ctx, int argc, char **argv)
{
    return opening_add_or_edit(ctx, argc, argv, false);
}

static int
opening_edit(struct cmd_ctx *ctx, int argc, char **argv)
{
    return opening_add_or_edit(ctx, argc, argv, true);
}

static const struct option list_opts[] = {{"status", required_argument, NULL, 's'},
                                          {"json", no_argument, NULL, 'j'},
                                          {"help", no_argument, NULL, 'h'},
                                          {0}};
static const struct cmd_spec list_spec = {
    "opening list", "h", list_opts,
    "usage: rubric opening list [--status STATUS] [--json]\n\n"
    "Openings by id: title, status, role and how many applications each holds. STATUS is\n"
    "one of " OPENING_STATUSES ".\n"};

static long long
count_of(const json_t *o)
{
    size_t i;
    const json_t *v;
    long long n = 0;
    json_array_foreach(json_object_get(o, "counts"), i, v) n +=
        json_integer_value(json_object_get(v, "count"));
    return n;
}

static int
opening_list(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *status = NULL;
    bool json = false;
    struct store *s;
    json_t *items, *v;
    size_t total, i;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&list_spec, argc, argv, &rc)) > 0) {
        if (ch == 's')
            status = optarg;
        else if (ch == 'j')
            json = true;
    }
    if (ch < 0)
        return rc;
    if (status && !opening_status_valid(status))
        return cmd_usage("opening list", "bad --status '%s': " OPENING_STATUSES, status);
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = store_opening_list(s, status, 1000000, 0, &items, &total, msg);
    store_close(s);
    if (e) {
        json_decref(items);
        return cmd_fail(e, msg);
    }
    json_array_foreach(items, i, v) opening_public_json(v);
    if (json)
        return cmd_print_json(items);
    {
        static const char *const head[] = {">ID", "TITLE", "STATUS", "ROLE", ">APPLICATIONS"};
        struct table t;
        table_init(&t, 5, head, 1);
        json_array_foreach(items, i, v)
        {
            char id[24], n[24];
            const char *role = json_string_value(json_object_get(v, "role"));
            const char *row[5] = {id, json_string_value(json_object_get(v, "title")),
                                  json_string_value(json_object_get(v, "status")),
                                  role ? role : "-", n};
            snprintf(id, sizeof id, "%lld",
                     (long long)json_integer_value(json_object_get(v, "id")));
            snprintf(n, sizeof n, "%lld", count_of(v));
            table_add(&t, row);
        }
        table_print(&t, stdout, term_width(STDOUT_FILENO));
        table_cleanup(&t);
    }
    json_decref(items);
    return 0;
}

static const struct option show_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec show_spec = {
    "opening show", "h", show_opts,
    "usage: rubric opening show ID [--json]\n\n"
    "An opening: its fields, team, criteria read from its description, and its stages\n"
    "with how many applications are at each.\n"};
static const struct cmd_spec stages_spec = {
    "opening stages", "h", show_opts,
    "usage: rubric opening stages ID [--json]\n\n"
    "An opening's stages in order, each with its kind and how many applications are at it.\n"
    "Change them with 'rubric opening edit ID --stages LIST'.\n"};

static int
print_stages(const json_t *o)
{
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(o, "counts"), i, v)
    {
        printf("  %-20s %-13s %lld\n", json_string_value(json_object_get(v, "stage")),
               json_string_value(json_object_get(v, "kind")),
               (long long)json_integer_value(json_object_get(v, "count")));
    }
    return 0;
}

static int
opening_show_any(struct cmd_ctx *ctx, int argc, char **argv, bool stages_only)
{
    const struct cmd_spec *spec = stages_only ? &stages_spec : &show_spec;
    bool json = false;
    struct store *s;
    json_t *o, *v;
    long long id;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(spec, argc, argv, &rc)) > 0)
        json = json || ch == 'j';
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !parse_id(argv[optind], &id))
        return cmd_usage(spec->name, "give one opening ID");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = store_opening_get(s, id, &o, msg);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    opening_public_json(o);
    if (json) {
        if (stages_only) {
            json_t *c = json_incref(json_object_get(o, "counts"));
            json_decref(o);
            return cmd_print_json(c);
        }
        return cmd_print_json(o);
    }
    if (!stages_only) {
        printf("%s (opening %lld)\n", json_string_value(json_object_get(o, "title")), id);
        printf("  status:      %s\n", json_string_value(json_object_get(o, "status")));
        if (json_is_string(v = json_object_get(o, "role")))
            printf("  role:        %s\n", json_string_value(v));
        if (json_is_string(v = json_object_get(o, "location")))
            printf("  location:    %s\n", json_string_value(v));
        if (json_is_string(v = json_object_get(o, "remote")))
            printf("  remote:      %s\n", json_string_value(v));
        if (json_is_object(v = json_object_get(o, "salary")))
            printf("  salary:      %lld-%lld %s\n",
                   (long long)json_integer_value(json_object_get(v, "min")),
                   (long long)json_integer_value(json_object_get(v, "max")),
                   json_string_value(json_object_get(v, "currency")));
        printf("  headcount:   %lld\n",
               (long long)json_integer_value(json_object_get(o, "headcount")));
        if (json_is_object(v = json_object_get(o, "criteria"))) {
            char *c = json_dumps(json_object_get(v, "must_have"), JSON_COMPACT);
            printf("  must have:   %s\n", c);
            free(c);
        }
        printf("  stages:\n");
    }
    print_stages(o);
    json_decref(o);
    return 0;
}

static int
opening_show(struct cmd_ctx *ctx, int argc, char **argv)
{
    return opening_show_any(ctx, argc, argv, false);
}

static int
opening_stages(struct cmd_ctx *ctx, int argc, char **argv)
{
    return opening_show_any(ctx, argc, argv, true);
}

static const struct option status_opts[] = {{"reason", required_argument, NULL, 'r'},
                                            {"as", required_argument, NULL, 'a'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
static const struct cmd_spec status_spec = {
    "opening status", "h", status_opts,
    "usage: rubric opening status ID STATUS [--reason TEXT] [--as EMAIL]\n\n"
    "Moves an opening to STATUS (" OPENING_STATUSES "): draft -> open; open <->\n"
    "on-hold; open or on-hold -> closed or filled; closed -> open. Only open openings are\n"
    "on the careers page.\n"};

static int
opening_status(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *reason = NULL, *as = NULL;
    struct store *s;
    struct user u = {0};
    const struct user *who;
    long long id;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&status_spec, argc, argv, &rc)) > 0) {
        if (ch == 'r')
            reason = optarg;
        else if (ch == 'a')
            as = optarg;
    }
    if (ch < 0)
        return rc;
    if (optind + 2 != argc || !parse_id(argv[optind], &id))
        return cmd_usage("opening status", "give an opening ID and a STATUS");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    if (!(rc = acting(s, "opening status", as, &u, &who))) {
        e = opening_set_status(s, id, argv[optind + 1], reason, who, msg);
        rc = e ? core_fail(e, msg) : 0;
        if (!e)
            fprintf(stderr, "rubric: opening %lld is now '%s'\n", id, argv[optind + 1]);
    }
    store_close(s);
    user_cleanup(&u);
    return rc;
}

int
cmd_opening(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct cmd_sub subs[] = {
        {"add", opening_add},   {"list", opening_list},     {"show", opening_show},
        {"edit", opening_edit}, {"status", opening_status}, {"stages", opening_stages},
    };
    return cmd_dispatch(ctx, argc, argv, "opening", subs, sizeof subs / sizeof subs[0],
                        "usage: rubric opening add|list|show|edit|status|stages ...\n\n"
                        "Openings: jobs with a description, salary band, hiring team, status "
                        "and stages.\n'rubric opening SUBCOMMAND --help' for each.\n");
}

/* ---- applications ---- */

static const struct option app_add_opts[] = {{"candidate", required_argument, NULL, 'c'},
                                             {"name", required_argument, NULL, 'n'},
                                             {"email", required_argument, NULL, 'e'},
                                             {"phone", required_argument, NULL, 'p'},
                                             {"source", required_argument, NULL, 's'},
                                             {"reason", required_argument, NULL, 'r'},
                                             {"as", required_argument, NULL, 'a'},
                                             {"help", no_argument, NULL, 'h'},
                                             {0}};
static const struct cmd_spec app_add_spec = {
    "application add", "h", app_add_opts,
    "usage: rubric application add OPENING (--candidate ID | --name NAME [--email E]\n"
    "                              [--phone P]) [--source S] [--reason TEXT] [--as EMAIL]\n\n"
    "Adds an application to OPENING at its first stage and prints its id: of an existing\n"
    "candidate, or of a new one. A candidate holds at most one application per opening.\n"
    "SOURCE is one of " APPLICATION_SOURCES " (default manual); the reason is\n"
    "kept as the first entry of its history (for a referral: who referred).\n"};

static int
application_add(struct cmd_ctx *ctx, int argc, char **argv)
{
    json_t *in = json_object();
    const char *as = NULL;
    struct store *s = NULL;
    struct user u = {0};
    const struct user *who;
    long long opening, id;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&app_add_spec, argc, argv, &rc)) > 0) {
        long v;
        switch (ch) {
        case 'c':
            if (!cmd_parse_int(optarg, 1, 1L << 62, &v)) {
                rc = cmd_usage("application add", "bad --candidate '%s': an id", optarg);
                goto out;
            }
            json_object_set_new(in, "candidate", json_integer(v));
            break;
        case 'n':
            json_object_set_new(in, "name", json_string(optarg));
            break;
        case 'e':
            json_object_set_new(in, "email", json_string(optarg));
            break;
        case 'p':
            json_object_set_new(in, "phone", json_string(optarg));
            break;
        case 's':
            json_object_set_new(in, "source", json_string(optarg));
            break;
        case 'r':
            json_object_set_new(in, "reason", json_string(optarg));
            break;
        case 'a':
            as = optarg;
            break;
        }
    }
    if (ch < 0)
        goto out;
    if (optind + 1 != argc || !parse_id(argv[optind], &opening)) {
        rc = cmd_usage("application add", "give one OPENING id");
        goto out;
    }
    if ((rc = cmd_open_store(ctx, &s)) || (rc = acting(s, "application add", as, &u, &who)))
        goto out;
    if ((e = application_create(s, opening, in, who, &id, msg)))
        rc = core_fail(e, msg);
    else
        printf("%lld\n", id);
out:
    if (s)
        store_close(s);
    user_cleanup(&u);
    json_decref(in);
    return rc;
}

static const struct option app_list_opts[] = {
    {"opening", required_argument, NULL, 'o'}, {"candidate", required_argument, NULL, 'c'},
    {"stage", required_argument, NULL, 's'},   {"json", no_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},          {0}};
static const struct cmd_spec app_list_spec = {
    "application list", "h", app_list_opts,
    "usage: rubric application list [--opening ID [--stage STAGE]] [--candidate ID] [--json]\n\n"
    "Applications: of one opening (latest moved first), of one candidate, or all by id.\n"};

static int
application_list(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct application_filter f = {0};
    bool json = false;
    struct store *s;
    json_t *items, *v;
    size_t total, i;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&app_list_spec, argc, argv, &rc)) > 0) {
        if ((ch == 'o' && !parse_id(optarg, &f.opening)) ||
            (ch == 'c' && !parse_id(optarg, &f.candidate)))
            return cmd_usage("application list", "bad --%s '%s': an id",
                             ch == 'o' ? "opening" : "candidate", optarg);
        if (ch == 's')
            f.stage = optarg;
        else if (ch == 'j')
            json = true;
    }
    if (ch < 0)
        return rc;
    if (optind != argc)
        return cmd_usage("application list", "unexpected argument '%s'", argv[optind]);
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = store_application_list(s, &f, 1000000, 0, &items, &total, NULL, msg);
    if (!e && json_array_size(items)) {
        long long *ids = xcalloc(json_array_size(items), sizeof *ids);
        json_array_foreach(items, i, v) ids[i] =
            json_integer_value(json_object_get(v, "candidate"));
        e = audit_append(s, NULL, "view", ids, json_array_size(items), "application list", msg);
        free(ids);
    }
    store_close(s);
    if (e) {
        json_decref(items);
        return cmd_fail(e, msg);
    }
    if (json)
        return cmd_print_json(items);
    {
        static const char *const head[] = {">ID",   "CANDIDATE", "OPENING",
                                           "STAGE", "SOURCE",    ">SCORE"};
        struct table t;
        table_init(&t, 6, head, 1);
        json_array_foreach(items, i, v)
        {
            char id[24], score[24];
            const json_t *sc = json_object_get(v, "score");
            const char *row[6] = {id,
                                  json_string_value(json_object_get(v, "name")),
                                  json_string_value(json_object_get(v, "opening_title")),
                                  json_string_value(json_object_get(v, "stage")),
                                  json_string_value(json_object_get(v, "source")),
                                  score};
            snprintf(id, sizeof id, "%lld",
                     (long long)json_integer_value(json_object_get(v, "id")));
            if (json_is_number(sc))
                snprintf(score, sizeof score, "%.1f", json_number_value(sc));
            else
                snprintf(score, sizeof score, "-");
            table_add(&t, row);
        }
        table_print(&t, stdout, term_width(STDOUT_FILENO));
        table_cleanup(&t);
    }
    json_decref(items);
    return 0;
}

static const struct option app_move_opts[] = {{"reason", required_argument, NULL, 'r'},
                                              {"as", required_argument, NULL, 'a'},
                                              {"help", no_argument, NULL, 'h'},
                                              {0}};
static const struct cmd_spec app_move_spec = {
    "application move", "h", app_move_opts,
    "usage: rubric application move ID STAGE [--reason TEXT] [--as EMAIL]\n\n"
    "Moves an application to STAGE, one of its opening's stages ('rubric opening stages'),\n"
    "recording who, when and why in its history.\n"};

static int
application_move_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *reason = NULL, *as = NULL;
    struct store *s;
    struct user u = {0};
    const struct user *who;
    long long id;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&app_move_spec, argc, argv, &rc)) > 0) {
        if (ch == 'r')
            reason = optarg;
        else if (ch == 'a')
            as = optarg;
    }
    if (ch < 0)
        return rc;
    if (optind + 2 != argc || !parse_id(argv[optind], &id))
        return cmd_usage("application move", "give an application ID and a STAGE");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    if (!(rc = acting(s, "application move", as, &u, &who))) {
        e = application_move(s, id, argv[optind + 1], reason, who, msg);
        rc = e ? core_fail(e, msg) : 0;
        if (!e)
            fprintf(stderr, "rubric: application %lld is now at '%s'\n", id, argv[optind + 1]);
    }
    store_close(s);
    user_cleanup(&u);
    return rc;
}

static const struct cmd_spec app_show_spec = {
    "application show", "h", show_opts,
    "usage: rubric application show ID [--json]\n\n"
    "An application: its candidate, opening, stage, source, screening score, interviews and\n"
    "the history of its stage.\n"};

static int
application_show(struct cmd_ctx *ctx, int argc, char **argv)
{
    bool json = false;
    struct store *s;
    json_t *a, *v;
    long long id, cand;
    size_t i;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&app_show_spec, argc, argv, &rc)) > 0)
        json = json || ch == 'j';
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !parse_id(argv[optind], &id))
        return cmd_usage("application show", "give one application ID");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = store_application_get(s, id, &a, msg);
    if (!e) {
        cand = json_integer_value(json_object_get(a, "candidate"));
        if ((e = audit_append(s, NULL, "view", &cand, 1, "application", msg)))
            json_decref(a);
    }
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    if (json)
        return cmd_print_json(a);
    printf("%s (candidate %lld) for %s (opening %lld)\n",
           json_string_value(json_object_get(a, "name")),
           (long long)json_integer_value(json_object_get(a, "candidate")),
           json_string_value(json_object_get(a, "opening_title")),
           (long long)json_integer_value(json_object_get(a, "opening")));
    printf("  stage:   %s (%s) since %s\n", json_string_value(json_object_get(a, "stage")),
           json_string_value(json_object_get(a, "kind")),
           json_string_value(json_object_get(a, "stage_since")));
    printf("  source:  %s\n", json_string_value(json_object_get(a, "source")));
    if (json_is_number(v = json_object_get(a, "score")))
        printf("  score:   %.1f (screening %lld)\n", json_number_value(v),
               (long long)json_integer_value(json_object_get(a, "screening")));
    json_array_foreach(json_object_get(a, "interviews"), i, v)
    {
        printf("  interview: %lld\n", (long long)json_integer_value(v));
    }
    json_array_foreach(json_object_get(a, "history"), i, v)
    {
        const json_t *from = json_object_get(v, "from");
        const json_t *why = json_object_get(v, "reason");
        printf("  %s  %s -> %s by %s%s%s\n", json_string_value(json_object_get(v, "at")),
               json_is_string(from) ? json_string_value(from) : "(new)",
               json_string_value(json_object_get(v, "to")),
               json_string_value(json_object_get(v, "by")), json_is_string(why) ? ": " : "",
               json_is_string(why) ? json_string_value(why) : "");
    }
    json_decref(a);
    return 0;
}

int
cmd_application(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct cmd_sub subs[] = {
        {"add", application_add},
        {"list", application_list},
        {"move", application_move_cmd},
        {"show", application_show},
    };
    return cmd_dispatch(ctx, argc, argv, "application", subs, sizeof subs / sizeof subs[0],
                        "usage: rubric application add|list|move|show ...\n\n"
                        "Applications: a candidate in an opening's pipeline, with its own "
                        "stage and history.\n'rubric application SUBCOMMAND --help' for "
                        "each.\n");
}
