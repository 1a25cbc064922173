/* SPDX-License-Identifier: MIT */
/*
 * `rubric insight interviewers|questions`: what many loops say about the people and the
 * questions. Each interviewer's mean rating and yes-rate against the rest of the panel on
 * the same candidates; each question's use, rating distribution and agreement with the
 * final decision, with the ones worth retiring named.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/debrief_load.h"
#include "core/insight.h"
#include "report/debrief_report.h"
#include "util/buf.h"

#define REPORT_MAX ((size_t)64 << 20)
#define MIN_MAX 100000

static const struct option interviewers_opts[] = {{"role", required_argument, NULL, 'r'},
                                                  {"min", required_argument, NULL, 'm'},
                                                  {"json", no_argument, NULL, 'j'},
                                                  {"help", no_argument, NULL, 'h'},
                                                  {0}};
static const struct cmd_spec interviewers_spec = {
    "insight interviewers", "h", interviewers_opts,
    "usage: rubric insight interviewers [--role ROLE] [--min N] [--json]\n\n"
    "Each interviewer against the rest of the panel, from submitted scorecards (of\n"
    "candidates for ROLE, or all): scorecards, candidates, mean competency rating and\n"
    "share of yes or strong-yes recommendations; then, on the candidates they share with\n"
    "other interviewers, their mean rating and yes-rate beside the others' on the same\n"
    "candidates (each candidate counted once) and the difference. With fewer than N\n"
    "shared candidates a note says there is too little to judge. The statistics are\n"
    "defined in docs/INSIGHT.md.\n\n"
    "  --min N   shared candidates needed to judge (default " XSTR(INSIGHT_MIN_CANDIDATES) ")\n"};

static int
insight_interviewers_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *role = NULL;
    long min = INSIGHT_MIN_CANDIDATES;
    bool json = false;
    struct store *s;
    json_t *v;
    struct buf b;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&interviewers_spec, argc, argv, &rc)) > 0) {
        if (ch == 'r')
            role = optarg;
        else if (ch == 'j')
            json = true;
        else if (ch == 'm' && !cmd_parse_int(optarg, 1, MIN_MAX, &min))
            return cmd_usage("insight interviewers", "bad --min '%s': a whole number from 1",
                             optarg);
    }
    if (ch < 0)
        return rc;
    if (optind != argc)
        return cmd_usage("insight interviewers", "unexpected '%s'", argv[optind]);
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = debrief_load_interviewers(s, role, NULL, (int)min, &v, msg);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    if (json)
        return cmd_print_json(v);
    buf_init(&b, REPORT_MAX);
    if (!(rc = cmd_report_table(NULL, debrief_report_interviewers_table, v, &b)))
        rc = cmd_report_write(NULL, &b);
    buf_cleanup(&b);
    json_decref(v);
    return rc;
}

static const struct option questions_opts[] = {
    {"role", required_argument, NULL, 'r'}, {"min", required_argument, NULL, 'm'},
    {"json", no_argument, NULL, 'j'},       {"format", required_argument, NULL, 'f'},
    {"help", no_argument, NULL, 'h'},       {0}};
static const struct cmd_spec questions_spec = {
    "insight questions", "h", questions_opts,
    "usage: rubric insight questions [--role ROLE] [--min N] [--json | --format table|json|csv]\n\n"
    "Each question rated on a submitted scorecard (of candidates for ROLE, or all), most\n"
    "asked first: how often it was in a kit and asked, its ratings 1/2/3/4 and mean, and\n"
    "how well its ratings agree with the final decision: candidates at offer or hired are\n"
    "positive, rejected negative, others undecided and left out. AGREE is the share of\n"
    "decided ratings where 3 or 4 went with a positive decision and 1 or 2 with a negative\n"
    "one; R the point-biserial correlation of rating and decision. A question with at\n"
    "least N decided ratings is marked 'consider retiring' when AGREE is below 60%, or\n"
    "when hired and rejected candidates both rated it and R is below 0.1 (or every\n"
    "rating is the same). The statistics are defined in docs/INSIGHT.md.\n\n"
    "  --format F   table (default), json or csv\n"
    "  --json       the same as --format json\n"
    "  --min N      decided ratings needed to judge (default " XSTR(INSIGHT_MIN_DECIDED) ")\n"};

static int
insight_questions_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *role = NULL;
    long min = INSIGHT_MIN_DECIDED;
    enum report_format f = REPORT_TABLE;
    struct store *s;
    json_t *v;
    struct buf b;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&questions_spec, argc, argv, &rc)) > 0) {
        if (ch == 'r') {
            role = optarg;
        } else if (ch == 'j') {
            f = REPORT_JSON;
        } else if (ch == 'f') {
            if (!cmd_report_format(optarg, &f) || f == REPORT_HTML)
                return cmd_usage("insight questions", "bad --format '%s': use table, json or csv",
                                 optarg);
        } else if (ch == 'm' && !cmd_parse_int(optarg, 1, MIN_MAX, &min)) {
            return cmd_usage("insight questions", "bad --min '%s': a whole number from 1", optarg);
        }
    }
    if (ch < 0)
        return rc;
    if (optind != argc)
        return cmd_usage("insight questions", "unexpected '%s'", argv[optind]);
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = debrief_load_questions(s, role, NULL, (int)min, &v, msg);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    buf_init(&b, REPORT_MAX);
    if (f == REPORT_JSON)
        rc = cmd_report_json(v, &b);
    else if (f == REPORT_CSV)
        debrief_report_questions_csv(v, &b);
    else
        rc = cmd_report_table(NULL, debrief_report_questions_table, v, &b);
    if (!rc)
        rc = cmd_report_write(NULL, &b);
    buf_cleanup(&b);
    json_decref(v);
    return rc;
}

static const char insight_usage[] =
    "usage: rubric insight interviewers [--role R] [--min N] [--json]\n"
    "       rubric insight questions [--role R] [--min N] [--json | --format csv]\n\n"
    "  interviewers   each interviewer's ratings and yes-rate against the panel's\n"
    "  questions      each question's use, ratings and agreement with the decision\n\n"
    "'rubric insight COMMAND --help' says more.\n";

static const struct cmd_sub sub[] = {{"interviewers", insight_interviewers_cmd},
                                     {"questions", insight_questions_cmd}};

int
cmd_insight(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "insight", sub, sizeof sub / sizeof sub[0], insight_usage);
}
