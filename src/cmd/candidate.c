/* SPDX-License-Identifier: MIT */
/*
 * `rubric candidate add|list|show|stage`: candidates from the command line, with the stage
 * they are at and the history of how they got there (who, when, why). Each of them is
 * recorded in the audit log (by 'command line', or the account of --as); export, erase and
 * retention are in cmd/privacy.c.
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
#include "core/candidate_file.h"
#include "core/settings.h"
#include "model/skills.h"
#include "resume/skillscan.h"
#include "util/mem.h"
#include "util/table.h"

static const struct option add_opts[] = {{"name", required_argument, NULL, 'n'},
                                         {"email", required_argument, NULL, 'e'},
                                         {"phone", required_argument, NULL, 'p'},
                                         {"role", required_argument, NULL, 'r'},
                                         {"screening", required_argument, NULL, 'S'},
                                         {"resume", required_argument, NULL, 'R'},
                                         {"from-resume", required_argument, NULL, 'f'},
                                         {"uploads", required_argument, NULL, 'u'},
                                         {"config", required_argument, NULL, 'c'},
                                         {"as", required_argument, NULL, 'a'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
static const struct cmd_spec add_spec = {
    "candidate add", "h", add_opts,
    "usage: rubric candidate add --name NAME [--email E] [--phone P] [--role ROLE] [--json]\n"
    "       rubric candidate add --from-resume FILE [--name NAME] [--email E] [--phone P]\n"
    "                            [--role ROLE] [--uploads DIR] [--config FILE] [--as EMAIL]\n"
    "       rubric candidate add --screening ID --resume ID [--name NAME] [--email E] ...\n\n"
    "Adds a candidate at the stage 'applied' and prints their id (--json: the candidate as\n"
    "'rubric candidate show --json' prints it). ROLE is a stored role ('rubric role list').\n\n"
    "With --from-resume, the candidate comes from a resume file (one that 'rubric screen'\n"
    "ranked): name, email and phone default to what the file says, and the file becomes\n"
    "their resume, its original kept in the store. --as EMAIL records who. --uploads DIR is\n"
    "deprecated: an uploads folder of an older version, moved into the store first (default:\n"
    "the `uploads` setting of --config FILE or RUBRIC_UPLOADS, else ./uploads).\n\n"
    "With --screening and --resume, the candidate comes from a scored resume of a screening\n"
    "run by the server: at the stage 'screened', the resume theirs and the screening linked;\n"
    "name, email, phone and role default to the resume's parse and the screening's role.\n"};

/* Prints candidate id as 'candidate show --json' does, or its id; the exit code. */
static int
print_candidate(struct store *s, long long id, bool json)
{
    char msg[RB_ERRMSG];
    json_t *c;
    enum rb_err e;
    if (!json) {
        printf("%lld\n", id);
        return 0;
    }
    if ((e = store_candidate_get(s, id, &c, msg)))
        return cmd_fail(e, msg);
    return cmd_print_json(c);
}

/* The skills scanner and taxonomy a resume file is read with. */
struct file_reader {
    struct skills tax;
    struct skillscan *sc;
    struct opening_reader rd;
};

static int
reader_open(struct file_reader *fr)
{
    char msg[RB_ERRMSG];
    if (skillscan_builtin(&fr->tax, &fr->sc, msg))
        return cmd_fail(RB_EINTERNAL, msg);
    fr->rd.sc = fr->sc;
    fr->rd.taxonomy = &fr->tax;
    return 0;
}

static void
reader_close(struct file_reader *fr)
{
    skillscan_free(fr->sc);
    skills_cleanup(&fr->tax);
}

/* A candidate from a resume file (--from-resume). */
static int
add_from_file(struct cmd_ctx *ctx, const char *path, struct candidate_new *c, const char *uploads,
              const char *config, const char *as, bool json)
{
    struct settings cfg;
    struct file_reader fr;
    struct store *s = NULL;
    struct user u = {0};
    const struct user *who = NULL;
    char msg[RB_ERRMSG] = "";
    long long id = 0, resume = 0;
    int rc;
    enum rb_err e;

    if ((rc = cmd_server_settings(config, &cfg)))
        return rc;
    if ((rc = reader_open(&fr)))
        return rc;
    if ((rc = cmd_open_store_seeded(ctx, &s)) || (rc = cmd_uploads_import(s, uploads, &cfg)))
        goto out;
    if (as && (rc = cmd_as_user(s, "candidate add", as, &u)))
        goto out;
    who = as ? &u : NULL;
    e = candidate_from_file(s, path, c, who ? &(struct audit_actor){who->id, who->email} : NULL,
                            &fr.rd, &id, &resume, msg);
    if (e == RB_EINVAL) {
        cmd_error("%s", msg);
        rc = RB_EXIT_PROBLEMS;
    } else if (e) {
        rc = cmd_fail(e, msg);
    } else {
        fprintf(stderr, "rubric: candidate %lld added from %s (resume %lld)\n", id, path, resume);
        rc = print_candidate(s, id, json);
    }
out:
    user_cleanup(&u);
    store_close(s);
    reader_close(&fr);
    return rc;
}

static int
candidate_add(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct candidate_new c = {0};
    const char *from = NULL, *uploads = NULL, *config = NULL, *as = NULL;
    bool json = false;
    struct store *s;
    char msg[RB_ERRMSG], *email = NULL;
    long long id;
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&add_spec, argc, argv, &rc)) > 0) {
        long v;
        if (ch == 'f')
            from = optarg;
        else if (ch == 'u')
            uploads = optarg;
        else if (ch == 'c')
            config = optarg;
        else if (ch == 'a')
            as = optarg;
        else if (ch == 'j')
            json = true;
        else if (ch == 'S' || ch == 'R') {
            if (!cmd_parse_int(optarg, 1, 1L << 62, &v))
                return cmd_usage("candidate add", "bad --%s '%s': an id",
                                 ch == 'S' ? "screening" : "resume", optarg);
            *(ch == 'S' ? &c.screening : &c.resume) = v;
        } else if (ch == 'n')
            c.name = optarg;
        else if (ch == 'e')
            c.email = optarg;
        else if (ch == 'p')
            c.phone = optarg;
        else if (ch == 'r')
            c.role = optarg;
    }
    if (ch < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("candidate add", "unexpected argument '%s'", argv[optind]);
    if (!c.screening != !c.resume)
        return cmd_usage("candidate add", "give --screening and --resume together");
    if (from && c.screening)
        return cmd_usage("candidate add", "give --from-resume or --screening, not both");
    if (from && c.name && (!*c.name || strlen(c.name) > 200))
        return cmd_usage("candidate add", "give --name (1 to 200 bytes)");
    if (from) {
        if (c.email && !(email = user_email_normal(c.email, msg)))
            return cmd_usage("candidate add", "%s", msg);
        c.email = email;
        rc = add_from_file(ctx, from, &c, uploads, config, as, json);
        free(email);
        return rc;
    }
    if ((!c.resume && !c.name) || (c.name && (!*c.name || strlen(c.name) > 200)))
        return cmd_usage("candidate add", "give --name (1 to 200 bytes)");
    if (c.email && !(email = user_email_normal(c.email, msg)))
        return cmd_usage("candidate add", "%s", msg);
    c.email = email;
    if ((rc = cmd_open_store_seeded(ctx, &s))) {
        free(email);
        return rc;
    }
    if (c.role) {
        struct role r;
        if ((e = store_role_get(s, c.role, &r, msg))) {
            store_close(s);
            free(email);
            return e == RB_ENOTFOUND ? cmd_usage("candidate add", "%s: see 'rubric role list'", msg)
                                     : cmd_fail(e, msg);
        }
        role_cleanup(&r);
    }
    if (uploads || config) {
        store_close(s);
        free(email);
        return cmd_usage("candidate add", "--uploads and --config go with --from-resume");
    }
    {
        struct user u = {0};
        if (as && (rc = cmd_as_user(s, "candidate add", as, &u))) {
            store_close(s);
            free(email);
            return rc;
        }
        if (as) {
            c.created_by = u.id;
            c.created_by_label = u.email;
        }
        /* the candidate and its audit entry in one transaction */
        if (!(e = store_tx_begin(s, msg))) {
            e = store_candidate_add(s, &c, &id, msg);
            e = e ? e
                  : audit_append(s, as ? &(struct audit_actor){u.id, u.email} : NULL, "create", &id,
                                 1, "candidate", msg);
            e = store_tx_end(s, e, msg);
        }
        user_cleanup(&u);
    }
    free(email);
    if (e == RB_EINVAL) {
        store_close(s);
        cmd_error("%s", msg);
        return RB_EXIT_PROBLEMS;
    }
    if (e) {
        store_close(s);
        return cmd_fail(e, msg);
    }
    rc = print_candidate(s, id, json);
    store_close(s);
    return rc;
}

static const struct option list_opts[] = {
    {"stage", required_argument, NULL, 's'},  {"role", required_argument, NULL, 'r'},
    {"search", required_argument, NULL, 'q'}, {"json", no_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},         {0}};
static const struct cmd_spec list_spec = {
    "candidate list", "h", list_opts,
    "usage: rubric candidate list [--stage STAGE] [--role ROLE] [--search TEXT] [--json]\n\n"
    "Candidates by id: name, role, stage. STAGE is one of " CANDIDATE_STAGES ".\n"
    "--search keeps those whose name or email holds TEXT, in any case (as the API's ?q=).\n"};

/* One 'view' audit entry per candidate of a list. */
static enum rb_err
audit_listed(struct store *s, json_t *items, char *msg)
{
    size_t n = json_array_size(items), i;
    long long *ids = xcalloc(n + 1, sizeof *ids);
    json_t *c;
    enum rb_err e;
    json_array_foreach(items, i, c) ids[i] = json_integer_value(json_object_get(c, "id"));
    e = n ? audit_append(s, NULL, "view", ids, n, "candidate list", msg) : RB_OK;
    free(ids);
    return e;
}

static int
candidate_list(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *stage = NULL, *role = NULL, *q = NULL;
    bool json = false;
    struct store *s;
    json_t *items;
    size_t total;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&list_spec, argc, argv, &rc)) > 0) {
        if (ch == 's')
            stage = optarg;
        else if (ch == 'r')
            role = optarg;
        else if (ch == 'q')
            q = optarg;
        else if (ch == 'j')
            json = true;
    }
    if (ch < 0)
        return rc;
    if (q && (!*q || strlen(q) > 200))
        return cmd_usage("candidate list", "--search: 1 to 200 bytes (a piece of a name or email)");
    if (stage && !candidate_stage_known(stage))
        return cmd_usage("candidate list", "bad --stage '%s': " CANDIDATE_STAGES, stage);
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = q ? store_candidate_search(s, stage, role, q, 1000000, 0, &items, &total, msg)
          : store_candidate_list(s, stage, role, 1000000, 0, &items, &total, msg);
    if (!e)
        e = audit_listed(s, items, msg);
    store_close(s);
    if (e) {
        json_decref(items);
        return cmd_fail(e, msg);
    }
    if (json)
        return cmd_print_json(items);
    {
        static const char *const head[] = {">ID", "NAME", "ROLE", "STAGE", "EMAIL"};
        struct table t;
        size_t i;
        json_t *c;
        table_init(&t, 5, head, 1);
        json_array_foreach(items, i, c)
        {
            char id[24];
            const char *row[5];
            const char *email = json_string_value(json_object_get(c, "email"));
            const char *r = json_string_value(json_object_get(c, "role"));
            snprintf(id, sizeof id, "%lld",
                     (long long)json_integer_value(json_object_get(c, "id")));
            row[0] = id;
            row[1] = json_string_value(json_object_get(c, "name"));
            row[2] = r ? r : "-";
            row[3] = json_string_value(json_object_get(c, "stage"));
            row[4] = email ? email : "-";
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
    "candidate show", "h", show_opts,
    "usage: rubric candidate show ID [--json]\n\n"
    "A candidate: contact, role, stage, resumes, and the history of their stage.\n"};

static bool
parse_id(const char *s, long long *id)
{
    long v;
    if (!cmd_parse_int(s, 1, 1L << 62, &v))
        return false;
    *id = v;
    return true;
}

static int
candidate_show(struct cmd_ctx *ctx, int argc, char **argv)
{
    bool json = false;
    struct store *s;
    json_t *c, *v;
    long long id;
    size_t i;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&show_spec, argc, argv, &rc)) > 0)
        json = json || ch == 'j';
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !parse_id(argv[optind], &id))
        return cmd_usage("candidate show", "give one candidate ID");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = store_candidate_get(s, id, &c, msg);
    if (!e && (e = audit_append(s, NULL, "view", &id, 1, "candidate", msg)))
        json_decref(c);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    if (json)
        return cmd_print_json(c);
    printf("%s (candidate %lld)\n", json_string_value(json_object_get(c, "name")), id);
    printf("  stage:   %s\n", json_string_value(json_object_get(c, "stage")));
    if ((v = json_object_get(c, "role")) && json_is_string(v))
        printf("  role:    %s\n", json_string_value(v));
    if ((v = json_object_get(c, "email")) && json_is_string(v))
        printf("  email:   %s\n", json_string_value(v));
    if ((v = json_object_get(c, "phone")) && json_is_string(v))
        printf("  phone:   %s\n", json_string_value(v));
    json_array_foreach(json_object_get(c, "resumes"), i, v)
    {
        printf("  resume:  %lld %s%s%s\n", (long long)json_integer_value(json_object_get(v, "id")),
               json_string_value(json_object_get(v, "filename")),
               json_is_string(json_object_get(v, "error")) ? ": " : "",
               json_is_string(json_object_get(v, "error"))
                   ? json_string_value(json_object_get(v, "error"))
                   : "");
    }
    json_array_foreach(json_object_get(c, "history"), i, v)
    {
        const char *from = json_string_value(json_object_get(v, "from"));
        const char *why = json_string_value(json_object_get(v, "reason"));
        printf("  %s  %s%s%s by %s%s%s\n", json_string_value(json_object_get(v, "at")),
               from ? from : "", from ? " -> " : "created at ",
               json_string_value(json_object_get(v, "to")),
               json_string_value(json_object_get(v, "by")), why ? ": " : "", why ? why : "");
    }
    json_decref(c);
    return 0;
}

static const struct option stage_opts[] = {{"reason", required_argument, NULL, 'r'},
                                           {"as", required_argument, NULL, 'a'},
                                           {"help", no_argument, NULL, 'h'},
                                           {0}};
static const struct cmd_spec stage_spec = {
    "candidate stage", "h", stage_opts,
    "usage: rubric candidate stage ID STAGE [--reason TEXT] [--as EMAIL]\n\n"
    "Moves a candidate to STAGE (" CANDIDATE_STAGES ") and records\n"
    "who did it (the account EMAIL, else 'command line'), when and why.\n"};

static int
candidate_stage(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *reason = NULL, *as = NULL;
    struct store *s;
    struct user u = {0};
    long long id;
    char msg[RB_ERRMSG], *email = NULL;
    int ch, rc = 0;
    enum rb_err e = RB_OK;

    while ((ch = cmd_getopt(&stage_spec, argc, argv, &rc)) > 0) {
        if (ch == 'r')
            reason = optarg;
        else if (ch == 'a')
            as = optarg;
    }
    if (ch < 0)
        return rc;
    if (optind + 2 != argc || !parse_id(argv[optind], &id))
        return cmd_usage("candidate stage", "give a candidate ID and a STAGE");
    if (!candidate_stage_known(argv[optind + 1]))
        return cmd_usage("candidate stage", "bad stage '%s': " CANDIDATE_STAGES, argv[optind + 1]);
    if (reason && strlen(reason) > 2000)
        return cmd_usage("candidate stage", "--reason: at most 2000 bytes");
    if (as && !(email = user_email_normal(as, msg)))
        return cmd_usage("candidate stage", "%s", msg);
    if ((rc = cmd_open_store(ctx, &s))) {
        free(email);
        return rc;
    }
    if (email)
        e = store_user_get(s, 0, email, &u, NULL, msg);
    if (!e && !(e = store_tx_begin(s, msg))) {
        e = application_candidate_stage(s, id, argv[optind + 1], reason, email ? &u : NULL, msg);
        e = e ? e
              : audit_append(s, &(struct audit_actor){u.id, email}, "change", &id, 1, "stage", msg);
        e = store_tx_end(s, e, msg);
    }
    store_close(s);
    user_cleanup(&u);
    free(email);
    if (e)
        return cmd_fail(e, msg);
    fprintf(stderr, "rubric: candidate %lld is now at '%s'\n", id, argv[optind + 1]);
    return 0;
}

static const struct option attach_opts[] = {
    {"uploads", required_argument, NULL, 'u'}, {"config", required_argument, NULL, 'c'},
    {"as", required_argument, NULL, 'a'},      {"json", no_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},          {0}};
static const struct cmd_spec attach_spec = {
    "candidate attach", "h", attach_opts,
    "usage: rubric candidate attach ID FILE [--uploads DIR] [--config FILE] [--as EMAIL]\n"
    "                               [--json]\n\n"
    "Attaches a resume file to candidate ID, as an upload to the API does: the original kept\n"
    "in the store by its SHA-256 and parsed; prints the resume's id (--json: the candidate as\n"
    "'rubric candidate show --json' prints it). A file that cannot be read as a resume is\n"
    "kept with the reason. --as EMAIL records who attached it.\n\n" CMD_UPLOADS_HELP
    "  --config FILE    the server's settings file\n"};

static int
candidate_attach(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *uploads = NULL, *config = NULL, *as = NULL;
    struct settings cfg;
    struct file_reader fr;
    struct store *s = NULL;
    struct user u = {0};
    bool json = false;
    long long id, resume = 0;
    char msg[RB_ERRMSG] = "";
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&attach_spec, argc, argv, &rc)) > 0) {
        if (ch == 'u')
            uploads = optarg;
        else if (ch == 'c')
            config = optarg;
        else if (ch == 'a')
            as = optarg;
        else if (ch == 'j')
            json = true;
    }
    if (ch < 0)
        return rc;
    if (optind + 2 != argc || !parse_id(argv[optind], &id))
        return cmd_usage("candidate attach", "give a candidate ID and a FILE");
    if ((rc = cmd_server_settings(config, &cfg)))
        return rc;
    if ((rc = reader_open(&fr)))
        return rc;
    if ((rc = cmd_open_store(ctx, &s)) || (rc = cmd_uploads_import(s, uploads, &cfg)))
        goto out;
    if (as && (rc = cmd_as_user(s, "candidate attach", as, &u)))
        goto out;
    e = candidate_attach_file(s, argv[optind + 1], id,
                              as ? &(struct audit_actor){u.id, u.email} : NULL, &fr.rd, &resume,
                              msg);
    if (e == RB_ENOTFOUND) {
        rc = cmd_fail(e, "no such candidate: see 'rubric candidate list'");
    } else if (e) {
        rc = cmd_fail(e, msg);
    } else if (json) {
        rc = print_candidate(s, id, true);
    } else {
        printf("%lld\n", resume);
    }
out:
    user_cleanup(&u);
    store_close(s);
    reader_close(&fr);
    return rc;
}

static const char candidate_usage[] =
    "usage: rubric candidate add|list|show|stage|attach|export|erase|retention ...\n\n"
    "  add --name N [--email E] [--phone P] [--role R]   a new candidate (prints the id)\n"
    "  add --from-resume FILE [--name N] ...             a candidate from a resume file\n"
    "  list [--stage S] [--role R] [--search T] [--json] candidates by id\n"
    "  attach ID FILE                                    a resume file for a candidate\n"
    "  show ID [--json]                                  one, with resumes and history\n"
    "  stage ID STAGE [--reason T] [--as EMAIL]          move to a stage, recorded\n"
    "  export ID --output DIR [--force]                  everything held, with the files\n"
    "  erase ID --yes                                    erase their personal data\n"
    "  retention [--days N] [--dry-run]                  erase those at a final stage long\n"
    "                                                    enough\n\n"
    "'rubric candidate COMMAND --help' says more.\n";

static const struct cmd_sub sub[] = {
    {"add", candidate_add},         {"list", candidate_list},
    {"show", candidate_show},       {"stage", candidate_stage},
    {"attach", candidate_attach},   {"export", cmd_candidate_export},
    {"erase", cmd_candidate_erase}, {"retention", cmd_candidate_retention}};

int
cmd_candidate(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "candidate", sub, sizeof sub / sizeof sub[0],
                        candidate_usage);
}
