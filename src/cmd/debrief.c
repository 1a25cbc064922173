/* SPDX-License-Identifier: MIT */
/*
 * `rubric debrief CANDIDATE` and `rubric compare --role R`: a candidate's loop read
 * together (ratings per competency, disagreements, competencies nobody assessed,
 * recommendations, a score weighted by the role), and a role's candidates side by side.
 * Both as a terminal table, JSON, CSV (compare) or a self-contained HTML report.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/audit.h"
#include "core/debrief_load.h"
#include "report/debrief_report.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/jsonv.h"
#include "util/table.h"

#define REPORT_MAX ((size_t)64 << 20)

static const char *const format_names[] = {"table", "json", "csv", "html"};

int
cmd_report_format(const char *s, enum report_format *f)
{
    for (int i = 0; i < 4; i++)
        if (!strcasecmp(s, format_names[i])) {
            *f = (enum report_format)i;
            return 1;
        }
    return 0;
}

enum report_format
cmd_report_default(const char *output)
{
    const char *dot = output ? strrchr(output, '.') : NULL;
    enum report_format f = REPORT_TABLE;
    if (dot && !cmd_report_format(dot + 1, &f) && !strcasecmp(dot + 1, "htm"))
        f = REPORT_HTML;
    return f;
}

int
cmd_report_write(const char *output, struct buf *b)
{
    char msg[RB_ERRMSG];
    if (output) {
        enum rb_err e = fs_write_atomic(output, b->data ? b->data : "", b->len, msg);
        return e ? cmd_fail(e, msg) : 0;
    }
    if (fwrite(buf_str(b), 1, b->len, stdout) != b->len)
        return RB_EXIT_IO;
    return 0;
}

int
cmd_report_table(const char *output, void (*print)(const json_t *, FILE *, size_t), const json_t *v,
                 struct buf *b)
{
    char *mem = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&mem, &n);
    if (!m)
        return RB_EXIT_INTERNAL;
    print(v, m, output ? 100 : term_width(STDOUT_FILENO));
    fclose(m);
    buf_append(b, mem, n);
    free(mem);
    return 0;
}

int
cmd_report_json(const json_t *v, struct buf *b)
{
    char *s = json_dumps(v, JSON_INDENT(2) | JSON_OUT_REAL | JSON_PRESERVE_ORDER);
    int rc = !s || buf_puts(b, s) || buf_putc(b, '\n') ? RB_EXIT_INTERNAL : 0;
    free(s);
    return rc;
}

static const struct option debrief_opts[] = {
    {"json", no_argument, NULL, 'j'},         {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'}, {"as", required_argument, NULL, 'a'},
    {"help", no_argument, NULL, 'h'},         {0}};
static const struct cmd_spec debrief_spec = {
    "debrief", "h", debrief_opts,
    "usage: rubric debrief CANDIDATE [--json | --format table|json|html] [--output FILE]\n"
    "                      [--as EMAIL]\n\n"
    "A candidate's interview loop read together, from the submitted scorecards: per\n"
    "competency of their role (in the role's order, with its weight) every interviewer's\n"
    "rating (1 to 4), the mean and the spread (highest minus lowest), flagged\n"
    "'disagreement' when two interviewers are 2 or more points apart and 'not assessed'\n"
    "when nobody rated a weighted competency; the recommendations side by side; who has\n"
    "not submitted yet; and a score: the mean ratings weighted by the role, over the\n"
    "competencies assessed, with the share of the role's weight they cover.\n\n"
    "  --format F     table (default), json or html (a report with a chart of every\n"
    "                 rating); without it, --output's extension chooses\n"
    "  --json         the same as --format json\n"
    "  --output FILE  write there instead of standard output (atomically)\n"
    "  --as EMAIL     as that account would see it: recruiters and admins see every\n"
    "                 debrief, an interviewer only their candidates', and nobody on the panel\n"
    "                 before submitting their own scorecards; candidates none. Without it,\n"
    "                 as the store's operator (all).\n\n"
    "The statistics are defined in docs/INSIGHT.md.\n"};

int
cmd_debrief(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *output = NULL, *as = NULL;
    enum report_format f = REPORT_TABLE;
    bool given = false;
    struct store *s = NULL;
    struct user u = {0};
    json_t *d = NULL;
    struct buf b;
    long id;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&debrief_spec, argc, argv, &rc)) > 0) {
        if (ch == 'j') {
            f = REPORT_JSON;
            given = true;
        } else if (ch == 'f') {
            if (!cmd_report_format(optarg, &f) || f == REPORT_CSV)
                return cmd_usage("debrief", "bad --format '%s': use table, json or html", optarg);
            given = true;
        } else if (ch == 'o') {
            output = optarg;
        } else if (ch == 'a') {
            as = optarg;
        }
    }
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !cmd_parse_int(argv[optind], 1, 1L << 62, &id))
        return cmd_usage("debrief", "give one CANDIDATE id");
    if (!given && output && (f = cmd_report_default(output)) == REPORT_CSV)
        return cmd_usage("debrief", "--output %s: the debrief has no CSV form", output);
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    if (as && (rc = cmd_as_user(s, "debrief", as, &u)))
        goto out;
    if ((e = debrief_load_candidate(s, id, as ? &u : NULL, &d, msg)) ||
        (e = audit_append(s, as ? &(struct audit_actor){u.id, u.email} : NULL, "view",
                          &(long long){id}, 1, "debrief", msg))) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    buf_init(&b, REPORT_MAX);
    if (f == REPORT_JSON)
        rc = cmd_report_json(d, &b);
    else if (f == REPORT_HTML)
        debrief_report_html(d, &b);
    else
        rc = cmd_report_table(output, debrief_report_table, d, &b);
    if (!rc)
        rc = cmd_report_write(output, &b);
    buf_cleanup(&b);
out:
    json_decref(d);
    if (as)
        user_cleanup(&u);
    store_close(s);
    return rc;
}

static const struct option compare_opts[] = {
    {"role", required_argument, NULL, 'r'},   {"json", no_argument, NULL, 'j'},
    {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},         {0}};
static const struct cmd_spec compare_spec = {
    "compare", "h", compare_opts,
    "usage: rubric compare --role ROLE [--json | --format table|json|csv|html]\n"
    "                      [--output FILE]\n\n"
    "The candidates for a role who have submitted scorecards, side by side on the role's\n"
    "competencies: each one's mean rating per competency, the score weighted by the role\n"
    "(as in 'rubric debrief'), the share of the role's weight assessed and the\n"
    "recommendations; best score first.\n\n"
    "  --format F     table (default), json, csv, or html (a report with grouped bars per\n"
    "                 competency); without it, --output's extension chooses\n"
    "  --json         the same as --format json\n"
    "  --output FILE  write there instead of standard output (atomically)\n"};

int
cmd_compare(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *output = NULL, *role = NULL;
    enum report_format f = REPORT_TABLE;
    bool given = false;
    struct store *s;
    json_t *c = NULL;
    struct buf b;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&compare_spec, argc, argv, &rc)) > 0) {
        if (ch == 'j') {
            f = REPORT_JSON;
            given = true;
        } else if (ch == 'f') {
            if (!cmd_report_format(optarg, &f))
                return cmd_usage("compare", "bad --format '%s': use table, json, csv or html",
                                 optarg);
            given = true;
        } else if (ch == 'o') {
            output = optarg;
        } else if (ch == 'r') {
            role = optarg;
        }
    }
    if (ch < 0)
        return rc;
    if (optind != argc)
        return cmd_usage("compare", "unexpected '%s'", argv[optind]);
    if (!role || !*role || strlen(role) > 64)
        return cmd_usage("compare", "give the --role to compare candidates for");
    if (!given && output)
        f = cmd_report_default(output);
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = debrief_load_compare(s, role, NULL, &c, msg);
    if (!e) {
        json_t *v, *rows = json_object_get(c, "candidates");
        long long ids[512];
        size_t i, n = 0;
        /* one 'view' entry per candidate shown, in batches */
        json_array_foreach(rows, i, v)
        {
            ids[n++] = json_integer_value(json_object_get(v, "candidate"));
            if ((n == 512 || i + 1 == json_array_size(rows)) &&
                (e = audit_append(s, NULL, "view", ids, n, "comparison", msg)))
                break;
            n = n == 512 ? 0 : n;
        }
        if (e)
            json_decref(c);
    }
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    buf_init(&b, REPORT_MAX);
    if (f == REPORT_JSON)
        rc = cmd_report_json(c, &b);
    else if (f == REPORT_CSV)
        debrief_report_compare_csv(c, &b);
    else if (f == REPORT_HTML)
        debrief_report_compare_html(c, &b);
    else
        rc = cmd_report_table(output, debrief_report_compare_table, c, &b);
    if (!rc)
        rc = cmd_report_write(output, &b);
    buf_cleanup(&b);
    json_decref(c);
    return rc;
}
