/* SPDX-License-Identifier: MIT */
/*
 * `rubric fairness report|audit|notice`: the adverse-impact report by self-identified group
 * at one decision point (the operator at the command line reads it as an admin would), the
 * score audits that need no demographics, and the candidate-facing notice as a page to
 * publish elsewhere. The figures are defined in docs/FAIRNESS.md.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/fairness.h"
#include "core/selfid.h"
#include "report/fairness_render.h"
#include "report/report.h"
#include "util/buf.h"

#define REPORT_MAX ((size_t)64 << 20)

static const struct option report_opts[] = {
    {"stage", required_argument, NULL, 's'},   {"threshold", required_argument, NULL, 't'},
    {"since", required_argument, NULL, 'S'},   {"role", required_argument, NULL, 'r'},
    {"opening", required_argument, NULL, 'o'}, {"min-group", required_argument, NULL, 'm'},
    {"format", required_argument, NULL, 'f'},  {"output", required_argument, NULL, 'O'},
    {"help", no_argument, NULL, 'h'},          {0}};
static const struct cmd_spec report_spec = {
    "fairness report", "h", report_opts,
    "usage: rubric fairness report --stage S [--threshold N] [--since DATE]\n"
    "                              [--role R | --opening ID] [--min-group N]\n"
    "                              [--format table|json|csv|html] [--output FILE]\n\n"
    "Selection rates at one decision point by self-identified group (each category the\n"
    "deployment asks about, and each pair of them), the impact ratio of each group against\n"
    "the most selected one, whether it is under four fifths, and Fisher's exact test\n"
    "against that group. Groups with fewer than N people at the decision point are\n"
    "counted but not shown. People who preferred not to say, or did not answer, are\n"
    "counted apart and left out of the ratios. Figures and their limits: docs/FAIRNESS.md.\n\n"
    "  --stage S       screening (a score of at least --threshold), or the stage kind\n"
    "                  screened, interviewing, offer or hired: of those who reached the\n"
    "                  stage before it in their opening, who reached it\n"
    "  --threshold N   the screening score that passes, 0 to 100 (default 50)\n"
    "  --since DATE    applications made on or after DATE (YYYY-MM-DD)\n"
    "  --role R        openings for role R; --opening ID one opening\n"
    "  --min-group N   the smallest group shown (default " XSTR(
        FAIRNESS_MIN_GROUP) ")\n"
                            "  --format F      table (default on a terminal), json, csv or html "
                            "(with a chart)\n"
                            "  --output FILE   write there instead of to standard output\n\n"
                            "The categories are those of RUBRIC_SELF_ID_CATEGORIES (as `rubric "
                            "serve` reads it),\n"
                            "else sex and race_ethnicity. Each run is recorded in the audit "
                            "log.\n"};

static int
fairness_report_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct fairness_opts o = {.threshold = 50};
    struct selfid_config c;
    enum report_format f = REPORT_TABLE;
    const char *output = NULL;
    bool format_given = false;
    struct store *s;
    json_t *v;
    struct buf b;
    char msg[RB_ERRMSG], *end;
    long n;
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&report_spec, argc, argv, &rc)) > 0) {
        switch (ch) {
        case 's':
            o.stage = optarg;
            break;
        case 't':
            o.threshold = strtod(optarg, &end);
            if (!*optarg || *end || !(o.threshold >= 0 && o.threshold <= 100))
                return cmd_usage("fairness report", "bad --threshold '%s': a score from 0 to 100",
                                 optarg);
            break;
        case 'S':
            o.since = optarg;
            break;
        case 'r':
            o.role = optarg;
            break;
        case 'o':
            if (!cmd_parse_int(optarg, 1, 0x7fffffffL, &n))
                return cmd_usage("fairness report", "bad --opening '%s': an opening's id", optarg);
            o.opening = n;
            break;
        case 'm':
            if (!cmd_parse_int(optarg, 1, FAIRNESS_MIN_GROUP_MAX, &n))
                return cmd_usage("fairness report", "bad --min-group '%s': a whole number from 1",
                                 optarg);
            o.min_group = n;
            break;
        case 'f':
            if (!cmd_report_format(optarg, &f))
                return cmd_usage("fairness report", "bad --format '%s': table, json, csv or html",
                                 optarg);
            format_given = true;
            break;
        case 'O':
            output = optarg;
            break;
        }
    }
    if (ch < 0)
        return rc;
    if (optind != argc)
        return cmd_usage("fairness report", "unexpected '%s'", argv[optind]);
    if (!o.stage)
        return cmd_usage("fairness report", "--stage is required: " FAIRNESS_STAGES);
    if (o.role && o.opening)
        return cmd_usage("fairness report", "give --role or --opening, not both");
    if (o.since && (strlen(o.since) < 10 || strlen(o.since) > 32))
        return cmd_usage("fairness report", "bad --since '%s': a date such as 2026-01-01", o.since);
    if (!format_given)
        f = cmd_report_default(output);
    if ((e = selfid_config_parse(getenv("RUBRIC_SELF_ID_CATEGORIES"), &c, msg))) {
        cmd_error("RUBRIC_SELF_ID_CATEGORIES: %s", msg);
        return rb_err_exit(e);
    }
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = fairness_report(s, &c, &o, NULL, &v, msg);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    buf_init(&b, REPORT_MAX);
    if (f == REPORT_JSON)
        rc = cmd_report_json(v, &b);
    else if (f == REPORT_CSV)
        fairness_report_csv(v, &b);
    else if (f == REPORT_HTML)
        fairness_report_html(v, &b);
    else
        rc = cmd_report_table(output, fairness_report_table, v, &b);
    if (!rc)
        rc = cmd_report_write(output, &b);
    buf_cleanup(&b);
    json_decref(v);
    return rc;
}

static const struct option audit_opts[] = {{"job", required_argument, NULL, 'j'},
                                           {"compare", required_argument, NULL, 'c'},
                                           {"help", no_argument, NULL, 'h'},
                                           {0}};
static const struct cmd_spec audit_spec = {
    "fairness audit", "h", audit_opts,
    "usage: rubric fairness audit --job ID [--compare ID]\n\n"
    "What drives a screening's ranking, without any self-identification: for each part of\n"
    "the score (must_have, nice_to_have, total_years, comparable_years, recency), the\n"
    "ranking with that part taken out against the real one (Kendall's tau, the mean and\n"
    "largest shift in places, the resumes that moved most). With --compare, the same\n"
    "resumes ranked by another screening of them (run with blind mode the other way).\n"
    "Prints JSON; resumes are named by id only.\n\n"
    "  --job ID       the screening to audit (its best " XSTR(
        FAIRNESS_AUDIT_MAX) " results)\n"
                            "  --compare ID   the screening to compare its ranks with\n"};

static int
fairness_audit_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    long job = 0, compare = 0;
    struct store *s;
    json_t *v;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&audit_spec, argc, argv, &rc)) > 0) {
        if (ch == 'j' && !cmd_parse_int(optarg, 1, 0x7fffffffL, &job))
            return cmd_usage("fairness audit", "bad --job '%s': a screening's id", optarg);
        if (ch == 'c' && !cmd_parse_int(optarg, 1, 0x7fffffffL, &compare))
            return cmd_usage("fairness audit", "bad --compare '%s': a screening's id", optarg);
    }
    if (ch < 0)
        return rc;
    if (optind != argc)
        return cmd_usage("fairness audit", "unexpected '%s'", argv[optind]);
    if (!job)
        return cmd_usage("fairness audit", "--job is required: the screening to audit");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = fairness_audit(s, job, compare, 0, NULL, &v, msg);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    return cmd_print_json(v);
}

static const struct option notice_opts[] = {
    {"contact", required_argument, NULL, 'c'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec notice_spec = {
    "fairness notice", "h", notice_opts,
    "usage: rubric fairness notice [--contact TEXT]\n\n"
    "The notice to candidates that `rubric serve` shows at /careers/notice, as a page of its\n"
    "own (HTML) to publish elsewhere: what Rubric evaluates and with which features, that a\n"
    "person makes every decision, what self-identification is for, and how to ask for\n"
    "another process.\n\n"
    "  --contact TEXT   who candidates write to (default: the recruiter who wrote to them)\n"};

static int
fairness_notice_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *contact = NULL;
    struct buf b;
    int ch, rc = 0;
    (void)ctx;
    while ((ch = cmd_getopt(&notice_spec, argc, argv, &rc)) > 0)
        if (ch == 'c')
            contact = optarg;
    if (ch < 0)
        return rc;
    if (optind != argc)
        return cmd_usage("fairness notice", "unexpected '%s'", argv[optind]);
    buf_init(&b, REPORT_MAX);
    buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                 "<title>How your application is considered</title><style>" REPORT_CSS
                 "</style></head>\n<body><main>\n");
    fairness_notice_html(&b, contact);
    buf_puts(&b, "</main></body></html>\n");
    rc = cmd_report_write(NULL, &b);
    buf_cleanup(&b);
    return rc;
}

static const char fairness_usage[] =
    "usage: rubric fairness report --stage S [--since DATE] [--role R | --opening ID]\n"
    "                              [--format table|json|csv|html]\n"
    "       rubric fairness audit --job ID [--compare ID]\n"
    "       rubric fairness notice [--contact TEXT]\n\n"
    "  report   selection rates and impact ratios by self-identified group (aggregate)\n"
    "  audit    what drives a screening's ranking, with no demographics\n"
    "  notice   the candidate-facing notice on automated screening, as HTML\n\n"
    "'rubric fairness COMMAND --help' says more; docs/FAIRNESS.md defines the figures.\n";

static const struct cmd_sub sub[] = {{"report", fairness_report_cmd},
                                     {"audit", fairness_audit_cmd},
                                     {"notice", fairness_notice_cmd}};

int
cmd_fairness(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "fairness", sub, sizeof sub / sizeof sub[0],
                        fairness_usage);
}
