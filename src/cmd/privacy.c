/* SPDX-License-Identifier: MIT */
/*
 * Data protection from the command line: `rubric candidate export|erase|retention` and
 * `rubric audit`. Resume originals are in the store; an uploads folder of an older version
 * (--uploads, deprecated, else the `uploads` setting of --config FILE or RUBRIC_UPLOADS, else
 * ./uploads) is moved into it first, as `rubric serve` does at start.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/audit.h"
#include "core/privacy.h"
#include "core/settings.h"
#include "util/table.h"

/* The server's settings as the command line sees them: defaults, then config (may be
 * NULL), then RUBRIC_*. */
int
cmd_server_settings(const char *config, struct settings *cfg)
{
    char msg[RB_ERRMSG];
    enum rb_err e;
    settings_default(cfg);
    if (config && (e = settings_file(cfg, config, msg)))
        return cmd_fail(e, msg);
    if ((e = settings_env(cfg, msg)))
        return cmd_fail(e, msg);
    return 0;
}

int
cmd_uploads_import(struct store *s, const char *dir, const struct settings *cfg)
{
    struct uploads_import r;
    char msg[RB_ERRMSG];
    enum rb_err e;
    if (dir || cfg->uploads_set)
        fprintf(stderr,
                "rubric: %s is deprecated: resume originals are kept in the store; it "
                "names only an old uploads folder to move into it\n",
                dir ? "--uploads" : "the uploads setting");
    if (!dir)
        dir = cfg->uploads;
    /* the ceiling of upload_max: a file kept under an older, higher limit comes in too */
    if ((e = privacy_uploads_import(s, dir, 1ul << 30, &r, msg)))
        return cmd_fail(e, msg);
    if (r.found)
        fprintf(stderr,
                "rubric: uploads folder %s: %zu original%s moved into the store, %zu file%s no "
                "resume refers to removed, %zu left (unreadable, too large or not the bytes "
                "their name says)%s\n",
                dir, r.imported, r.imported == 1 ? "" : "s", r.removed, r.removed == 1 ? "" : "s",
                r.left, r.folder_removed ? "; the folder is removed" : "; the folder stays");
    return 0;
}

static bool
parse_id(const char *s, long long *id)
{
    long v;
    if (!s || !cmd_parse_int(s, 1, 1L << 62, &v))
        return false;
    *id = v;
    return true;
}

/* ---- export ---------------------------------------------------------------------------- */

static const struct option export_opts[] = {
    {"output", required_argument, NULL, 'o'},  {"force", no_argument, NULL, 'f'},
    {"uploads", required_argument, NULL, 'u'}, {"config", required_argument, NULL, 'c'},
    {"help", no_argument, NULL, 'h'},          {0}};
static const struct cmd_spec export_spec = {
    "candidate export", "h", export_opts,
    "usage: rubric candidate export ID --output DIR [--force] [--uploads DIR] [--config FILE]\n\n"
    "Writes everything held about a candidate into DIR: " PRIVACY_EXPORT_JSON " (the candidate,\n"
    "the history of their stage, their resumes with the parses, screening results, interviews\n"
    "with their kits, scorecards with their amendments, and the audit entries about them) and\n"
    "each original resume file, byte for byte, as resume-ID-FILENAME. DIR is made with mode\n"
    "0700 and the files 0600; a DIR that is not empty is refused unless --force. The export\n"
    "is recorded in the audit log.\n\n"
    "  --output DIR     where to write (required)\n"
    "  --force          write into a DIR that is not empty\n" CMD_UPLOADS_HELP
    "  --config FILE    the server's settings file\n"};

int
cmd_candidate_export(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *dir = NULL, *uploads = NULL, *config = NULL;
    bool force = false;
    struct settings cfg;
    struct store *s;
    json_t *x = NULL, *f;
    long long id;
    size_t i, copied = 0, missing = 0;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&export_spec, argc, argv, &rc)) > 0) {
        if (ch == 'o')
            dir = optarg;
        else if (ch == 'f')
            force = true;
        else if (ch == 'u')
            uploads = optarg;
        else if (ch == 'c')
            config = optarg;
    }
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !parse_id(argv[optind], &id))
        return cmd_usage("candidate export", "give one candidate ID");
    if (!dir || !*dir)
        return cmd_usage("candidate export", "give --output DIR");
    if ((rc = cmd_server_settings(config, &cfg)) || (rc = cmd_open_store(ctx, &s)))
        return rc;
    if ((rc = cmd_uploads_import(s, uploads, &cfg))) {
        store_close(s);
        return rc;
    }
    e = privacy_export(s, id, NULL, dir, force, &x, msg);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    json_array_foreach(json_object_get(x, "files"), i, f)
    {
        if (json_is_true(json_object_get(f, "missing"))) {
            missing++;
            cmd_error("resume %lld: the store has no original file for it",
                      (long long)json_integer_value(json_object_get(f, "resume")));
        } else {
            copied++;
        }
    }
    json_decref(x);
    fprintf(stderr, "rubric: candidate %lld exported to %s: %s and %zu original file%s\n", id, dir,
            PRIVACY_EXPORT_JSON, copied, copied == 1 ? "" : "s");
    return missing ? RB_EXIT_PROBLEMS : 0;
}

/* ---- erase ------------------------------------------------------------------------------ */

static const struct option erase_opts[] = {
    {"yes", no_argument, NULL, 'y'},           {"json", no_argument, NULL, 'j'},
    {"uploads", required_argument, NULL, 'u'}, {"config", required_argument, NULL, 'c'},
    {"help", no_argument, NULL, 'h'},          {0}};
static const struct cmd_spec erase_spec = {
    "candidate erase", "h", erase_opts,
    "usage: rubric candidate erase ID --yes [--json] [--uploads DIR] [--config FILE]\n\n"
    "Erases a candidate's personal data: their name, email and phone, their resumes (rows,\n"
    "parses, screening results and the original files no other resume refers to), the\n"
    "reasons of their stage changes and the free-text notes of their scorecards (also in\n"
    "each scorecard as submitted and in its amendments). What stays, with no personal data:\n"
    "the candidate's id, role and stage (named " CANDIDATE_ERASED_NAME "), interviews and\n"
    "their kits, scorecard ratings and recommendations, and the audit log. The store's files\n"
    "are then rewritten (VACUUM, write-ahead log truncated) so that no copy of the erased\n"
    "bytes is left in them. Without --yes nothing is erased: it says what would be.\n\n"
    "  --yes            erase (cannot be undone)\n"
    "  --json           print what was done as JSON\n" CMD_UPLOADS_HELP
    "  --config FILE    the server's settings file\n\n"
    "Exit status 1 when the store's files could not be rewritten at once (another program\n"
    "kept the write-ahead log open): run it again when the server is idle.\n"};

/* What an erase of candidate id would touch, from its export (nothing personal shown). */
static int
erase_preview(struct store *s, long long id)
{
    json_t *x;
    char msg[RB_ERRMSG];
    size_t reasons = 0, i, notes = 0;
    json_t *v;
    enum rb_err e = store_candidate_export(s, id, &x, msg);
    if (e)
        return cmd_fail(e, msg);
    json_array_foreach(json_object_get(x, "history"), i, v) reasons +=
        json_is_string(json_object_get(v, "reason"));
    json_array_foreach(json_object_get(x, "scorecards"), i, v) notes +=
        json_is_string(json_object_get(v, "notes"));
    if (json_is_string(json_object_get(json_object_get(x, "candidate"), "erased_at")))
        cmd_error("candidate %lld was erased already; --yes clears anything left", id);
    cmd_error("not erased: give --yes to erase candidate %lld: name, email and phone; %zu "
              "resume%s with %zu screening result%s and their files; %zu stage-change "
              "reason%s; the notes of %zu scorecard%s (%zu with overall notes)",
              id, json_array_size(json_object_get(x, "resumes")),
              json_array_size(json_object_get(x, "resumes")) == 1 ? "" : "s",
              json_array_size(json_object_get(x, "screenings")),
              json_array_size(json_object_get(x, "screenings")) == 1 ? "" : "s", reasons,
              reasons == 1 ? "" : "s", json_array_size(json_object_get(x, "scorecards")),
              json_array_size(json_object_get(x, "scorecards")) == 1 ? "" : "s", notes);
    json_decref(x);
    return RB_EXIT_USAGE;
}

int
cmd_candidate_erase(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *uploads = NULL, *config = NULL;
    bool yes = false, json = false, clean;
    struct settings cfg;
    struct store *s;
    json_t *r = NULL;
    long long id;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&erase_spec, argc, argv, &rc)) > 0) {
        if (ch == 'y')
            yes = true;
        else if (ch == 'j')
            json = true;
        else if (ch == 'u')
            uploads = optarg;
        else if (ch == 'c')
            config = optarg;
    }
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !parse_id(argv[optind], &id))
        return cmd_usage("candidate erase", "give one candidate ID");
    if ((rc = cmd_server_settings(config, &cfg)) || (rc = cmd_open_store(ctx, &s)))
        return rc;
    if ((rc = cmd_uploads_import(s, uploads, &cfg))) {
        store_close(s);
        return rc;
    }
    if (!yes) {
        rc = erase_preview(s, id);
        store_close(s);
        return rc;
    }
    e = privacy_erase(s, id, NULL, &r, msg);
    store_close(s);
    if (e && !r)
        return cmd_fail(e, msg);
    clean = json_is_true(json_object_get(r, "storage_clean"));
    fprintf(stderr,
            "rubric: candidate %lld erased: %lld resume%s, %lld file%s removed, %lld "
            "scorecard%s cleared%s\n",
            id, (long long)json_integer_value(json_object_get(r, "resumes")),
            json_integer_value(json_object_get(r, "resumes")) == 1 ? "" : "s",
            (long long)json_integer_value(json_object_get(r, "files_removed")),
            json_integer_value(json_object_get(r, "files_removed")) == 1 ? "" : "s",
            (long long)json_integer_value(json_object_get(r, "scorecards")),
            json_integer_value(json_object_get(r, "scorecards")) == 1 ? "" : "s",
            json_is_true(json_object_get(r, "already_erased")) ? " (erased before)" : "");
    if (json)
        cmd_print_json(json_incref(r));
    json_decref(r);
    if (e)
        return cmd_fail(e, msg);
    if (!clean) {
        cmd_error("the store's files could not be rewritten now (another program kept the "
                  "write-ahead log open), so old copies of the erased bytes may remain in them "
                  "until the next checkpoint; run 'rubric candidate erase %lld --yes' again "
                  "when the server is idle",
                  id);
        return RB_EXIT_PROBLEMS;
    }
    return 0;
}

/* ---- retention -------------------------------------------------------------------------- */

static const struct option retention_opts[] = {{"days", required_argument, NULL, 'd'},
                                               {"dry-run", no_argument, NULL, 'n'},
                                               {"json", no_argument, NULL, 'j'},
                                               {"uploads", required_argument, NULL, 'u'},
                                               {"config", required_argument, NULL, 'c'},
                                               {"help", no_argument, NULL, 'h'},
                                               {0}};
static const struct cmd_spec retention_spec = {
    "candidate retention", "h", retention_opts,
    "usage: rubric candidate retention [--days N] [--dry-run] [--json] [--uploads DIR]\n"
    "                                  [--config FILE]\n\n"
    "Erases (as 'rubric candidate erase' does) every candidate who reached a final stage\n"
    "(hired, rejected, withdrawn) more than N days ago, oldest first, at most\n" XSTR(
        PRIVACY_RETENTION_BATCH) " per run; each erase is in the audit log by 'retention'.\n"
                                 "`rubric serve` does the same on start and every hour when "
                                 "retention_days is set.\n\n"
                                 "  --days N         1 to 36500 (default: the retention_days "
                                 "setting of --config FILE\n"
                                 "                   or RUBRIC_RETENTION_DAYS)\n"
                                 "  --dry-run        list who would be erased; erase nobody\n"
                                 "  --json           print the run as JSON\n" CMD_UPLOADS_HELP
                                 "  --config FILE    the server's settings file\n"};

int
cmd_candidate_retention(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *uploads = NULL, *config = NULL, *days_arg = NULL;
    bool dry = false, json = false;
    struct settings cfg;
    struct store *s;
    json_t *r = NULL, *c;
    size_t i;
    long days;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&retention_spec, argc, argv, &rc)) > 0) {
        if (ch == 'd')
            days_arg = optarg;
        else if (ch == 'n')
            dry = true;
        else if (ch == 'j')
            json = true;
        else if (ch == 'u')
            uploads = optarg;
        else if (ch == 'c')
            config = optarg;
    }
    if (ch < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("candidate retention", "unexpected argument '%s'", argv[optind]);
    if (days_arg && !cmd_parse_int(days_arg, 1, 36500, &days))
        return cmd_usage("candidate retention", "--days: a whole number of days, 1 to 36500");
    if ((rc = cmd_server_settings(config, &cfg)))
        return rc;
    if (!days_arg)
        days = (long)cfg.retention_days;
    if (days < 1)
        return cmd_usage("candidate retention",
                         "give --days N (or set retention_days in the config file or "
                         "RUBRIC_RETENTION_DAYS)");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    if ((rc = cmd_uploads_import(s, uploads, &cfg))) {
        store_close(s);
        return rc;
    }
    e = privacy_retention(s, (unsigned)days, (long long)time(NULL), dry, &r, msg);
    store_close(s);
    if (e && !r)
        return cmd_fail(e, msg);
    if (json) {
        cmd_print_json(json_incref(r));
    } else {
        static const char *const head[] = {">ID", "STAGE", "SINCE"};
        struct table t;
        table_init(&t, 3, head, 1);
        json_array_foreach(json_object_get(r, "due"), i, c)
        {
            char id[24];
            const char *row[3];
            snprintf(id, sizeof id, "%lld",
                     (long long)json_integer_value(json_object_get(c, "id")));
            row[0] = id;
            row[1] = json_string_value(json_object_get(c, "stage"));
            row[2] = json_string_value(json_object_get(c, "since"));
            table_add(&t, row);
        }
        if (json_array_size(json_object_get(r, "due")))
            table_print(&t, stdout, term_width(STDOUT_FILENO));
        table_cleanup(&t);
    }
    fprintf(stderr, "rubric: %zu candidate%s at a final stage since before %s; %lld erased%s\n",
            json_array_size(json_object_get(r, "due")),
            json_array_size(json_object_get(r, "due")) == 1 ? "" : "s",
            json_string_value(json_object_get(r, "before")),
            (long long)json_integer_value(json_object_get(r, "erased")), dry ? " (dry run)" : "");
    rc = e ? cmd_fail(e, msg) : 0;
    if (!rc && !json_is_true(json_object_get(r, "storage_clean"))) {
        cmd_error("the store's files could not be rewritten now (another program kept the "
                  "write-ahead log open); run this again when the server is idle");
        rc = RB_EXIT_PROBLEMS;
    }
    json_decref(r);
    return rc;
}

/* ---- rubric audit ----------------------------------------------------------------------- */

static const struct option audit_opts[] = {{"candidate", required_argument, NULL, 'C'},
                                           {"actor", required_argument, NULL, 'a'},
                                           {"action", required_argument, NULL, 'A'},
                                           {"since", required_argument, NULL, 's'},
                                           {"limit", required_argument, NULL, 'l'},
                                           {"offset", required_argument, NULL, 'o'},
                                           {"json", no_argument, NULL, 'j'},
                                           {"help", no_argument, NULL, 'h'},
                                           {0}};
static const struct cmd_spec audit_spec = {
    "audit", "h", audit_opts,
    "usage: rubric audit [--candidate ID] [--actor WHO] [--action A] [--since TIME]\n"
    "                    [--limit N] [--offset N] [--json]\n\n"
    "The audit log, newest first: who viewed, created, changed, exported or erased\n"
    "candidates' data, and when. It holds ids and kinds only, and outlives an erase.\n\n"
    "  --candidate ID   entries about one candidate\n"
    "  --actor WHO      by one account (its email), 'command line' or 'retention'\n"
    "  --action A       " AUDIT_ACTIONS "\n"
    "  --since TIME     at or after TIME (UTC, 2026-05-01 or 2026-05-01T09:30:00Z)\n"
    "  --limit N        at most N entries (default 50, at most 100000)\n"
    "  --offset N       skip the N newest first\n"
    "  --json           a JSON array\n"};

/* Whether s starts as an ISO 8601 date (YYYY-MM-DD) and is a plausible time after it. */
static bool
iso_time(const char *s)
{
    size_t n = strlen(s);
    if (n < 10 || n > 32)
        return false;
    for (size_t i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    for (size_t i = 10; i < n; i++)
        if (!strchr("0123456789T:Z.", s[i]))
            return false;
    return true;
}

int
cmd_audit(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct audit_filter f = {0};
    bool json = false;
    long limit = 50, offset = 0;
    struct store *s;
    json_t *items = NULL, *v;
    size_t total, i;
    char msg[RB_ERRMSG], *email = NULL;
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&audit_spec, argc, argv, &rc)) > 0) {
        switch (ch) {
        case 'C':
            if (!parse_id(optarg, &f.candidate))
                return cmd_usage("audit", "--candidate: a candidate's id, not '%s'", optarg);
            break;
        case 'a':
            f.actor = optarg;
            break;
        case 'A':
            f.action = optarg;
            break;
        case 's':
            f.since = optarg;
            break;
        case 'l':
            if (!cmd_parse_int(optarg, 1, 100000, &limit))
                return cmd_usage("audit", "--limit: 1 to 100000");
            break;
        case 'o':
            if (!cmd_parse_int(optarg, 0, 1L << 40, &offset))
                return cmd_usage("audit", "--offset: 0 or more");
            break;
        case 'j':
            json = true;
            break;
        }
    }
    if (ch < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("audit", "unexpected argument '%s'", argv[optind]);
    if (f.since && !iso_time(f.since))
        return cmd_usage("audit", "--since: a UTC time such as 2026-05-01 or 2026-05-01T09:30:00Z");
    /* an email as people type it; the labels 'command line' and 'retention' as they are */
    if (f.actor && strchr(f.actor, '@')) {
        if (!(email = user_email_normal(f.actor, msg)))
            return cmd_usage("audit", "--actor: %s", msg);
        f.actor = email;
    }
    if ((rc = cmd_open_store(ctx, &s))) {
        free(email);
        return rc;
    }
    e = audit_list(s, &f, (size_t)limit, (size_t)offset, &items, &total, msg);
    store_close(s);
    free(email);
    if (e) {
        json_decref(items);
        return e == RB_EINVAL ? cmd_usage("audit", "%s", msg) : cmd_fail(e, msg);
    }
    if (json)
        return cmd_print_json(items);
    {
        static const char *const head[] = {"AT", "ACTOR", "ACTION", ">CANDIDATE", "WHAT"};
        struct table t;
        table_init(&t, 5, head, 4);
        json_array_foreach(items, i, v)
        {
            char cand[24] = "-";
            const char *row[5];
            if (json_is_integer(json_object_get(v, "candidate")))
                snprintf(cand, sizeof cand, "%lld",
                         (long long)json_integer_value(json_object_get(v, "candidate")));
            row[0] = json_string_value(json_object_get(v, "at"));
            row[1] = json_string_value(json_object_get(v, "actor"));
            row[2] = json_string_value(json_object_get(v, "action"));
            row[3] = cand;
            row[4] = json_string_value(json_object_get(v, "what"));
            table_add(&t, row);
        }
        table_print(&t, stdout, term_width(STDOUT_FILENO));
        table_cleanup(&t);
    }
    if (total > json_array_size(items))
        fprintf(stderr, "rubric: %zu of %zu entries shown; see --limit and --offset\n",
                json_array_size(items), total);
    json_decref(items);
    return 0;
}
