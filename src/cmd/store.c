/* SPDX-License-Identifier: MIT */
/*
 * `rubric store copy --from URL --to URL` (a whole store into an empty one, of either
 * backend, verified before it is committed) and `rubric store compare URL URL` (whether two
 * stores hold the same rows). The work is store/store_copy.c's; this file reads options and
 * prints progress on stderr. URLs are printed with their passwords masked.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

struct progress {
    bool tty, quiet, comparing;
    long long tables, rows;
};

/* Rows between two progress lines of one table when stderr is not a terminal (a log). */
#define LOG_ROWS 100000

/* One line per table when it is done (with the rows so far every 10,000 rows on a
 * terminal, overwritten in place). */
static void
report(void *ctx, const char *phase, const char *table, long long rows, bool done)
{
    struct progress *p = ctx;
    if (done && phase[0] == 'v') {
        p->tables++;
        p->rows += rows;
    }
    if (p->quiet)
        return;
    if (phase[0] == 'v' && !p->comparing) {
        p->comparing = true;
        fprintf(stderr, "%srubric: comparing the two stores, table by table\n",
                p->tty ? "\r\033[K" : "");
    }
    if (!done || phase[0] == 'v') {
        /* on a terminal, overwritten in place; in a log, a line now and then */
        if (p->tty)
            fprintf(stderr, "\r\033[Krubric: %s %s: %lld rows...", phase, table, rows);
        else if (!done && rows % LOG_ROWS == 0)
            fprintf(stderr, "rubric: %s %s: %lld rows so far\n", phase, table, rows);
        return;
    }
    fprintf(stderr, "%srubric: %s %s: %lld row%s\n", p->tty ? "\r\033[K" : "", phase, table, rows,
            rows == 1 ? "" : "s");
}

static int
open_url(const char *url, struct store **s)
{
    char msg[RB_ERRMSG] = "";
    enum rb_err rc = store_open(url, s, msg);
    return rc ? cmd_fail(rc, msg) : 0;
}

static const struct option copy_opts[] = {{"from", required_argument, NULL, 'f'},
                                          {"to", required_argument, NULL, 't'},
                                          {"quiet", no_argument, NULL, 'q'},
                                          {"help", no_argument, NULL, 'h'},
                                          {0}};
static const struct cmd_spec copy_spec = {
    "store copy", "hq", copy_opts,
    "usage: rubric store copy [--from URL] --to URL [--quiet]\n\n"
    "Copies every row of the store at --from (default: --db, $RUBRIC_DB or the default\n"
    "store) into the store at --to, of either backend: sqlite:PATH or postgresql://...\n"
    "The source is read in one snapshot, so servers using it go on reading and writing;\n"
    "the destination is written in one transaction and must be empty (a new store: it is\n"
    "created and migrated if need be). Before the destination commits, the two are\n"
    "compared, table by table (row counts and a digest of every row): the command says\n"
    "'verified', or names the first table that differs and leaves the destination as it\n"
    "was. Progress (table, rows) goes to stderr. The uploads folder is not in the store.\n\n"
    "  --from URL  the store to copy (default: the --db store)\n"
    "  --to URL    the empty store to copy into (required)\n"
    "  --quiet     no progress, only the result\n\n"
    "exit status: 0 copied and verified, 1 the destination is not empty, 2 usage,\n"
    "5 a store failed or the copy did not verify (nothing written)\n"};

static int
store_copy_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *from = ctx->db_url, *to = NULL;
    struct store *a = NULL, *b = NULL;
    struct progress p = {ctx->err_tty, false, false, 0, 0};
    char msg[RB_ERRMSG] = "", shown_a[512], shown_b[512];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&copy_spec, argc, argv, &rc)) > 0) {
        if (ch == 'f')
            from = optarg;
        else if (ch == 't')
            to = optarg;
        else if (ch == 'q')
            p.quiet = true;
    }
    if (ch < 0)
        return rc;
    if (optind != argc || !to || !*to)
        return cmd_usage("store copy", "give the store to copy into with --to URL");
    if (!from || !*from)
        return cmd_usage("store copy", "--from is empty: give the store to copy");
    if (strcmp(from, to) == 0)
        return cmd_usage("store copy", "--from and --to name the same store: give another --to");
    store_url_redacted(from, shown_a, sizeof shown_a);
    store_url_redacted(to, shown_b, sizeof shown_b);
    if ((rc = open_url(from, &a)) || (rc = open_url(to, &b)))
        goto out;
    if (!p.quiet)
        fprintf(stderr, "rubric: copying %s into %s\n", shown_a, shown_b);
    e = store_copy(a, b, STORE_COPY_EMPTY, report, &p, msg);
    if (p.tty && !p.quiet)
        fputs("\r\033[K", stderr);
    if (e) {
        cmd_error("store copy from %s to %s failed", shown_a, shown_b);
        rc = cmd_fail(e, msg);
        goto out;
    }
    printf("verified: %s holds the same rows as %s (%lld tables, %lld rows)\n", shown_b, shown_a,
           p.tables, p.rows);
out:
    store_close(a);
    store_close(b);
    return rc;
}

static const struct option compare_opts[] = {
    {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec compare_spec = {
    "store compare", "hq", compare_opts,
    "usage: rubric store compare URL1 URL2 [--quiet]\n\n"
    "Compares two stores of either backend, each read in one snapshot: every table's row\n"
    "count and a digest of its rows (JSON compared with its keys sorted). Says 'the same'\n"
    "or names the first table that differs.\n\n"
    "  --quiet  no progress, only the result\n\n"
    "exit status: 0 the same, 1 they differ, 2 usage, 5 a store failed\n"};

static int
store_compare_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct store *a = NULL, *b = NULL;
    struct progress p = {ctx->err_tty, false, false, 0, 0};
    char msg[RB_ERRMSG] = "", shown_a[512], shown_b[512];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&compare_spec, argc, argv, &rc)) > 0)
        if (ch == 'q')
            p.quiet = true;
    if (ch < 0)
        return rc;
    if (argc - optind != 2)
        return cmd_usage("store compare", "give the two stores' URLs");
    store_url_redacted(argv[optind], shown_a, sizeof shown_a);
    store_url_redacted(argv[optind + 1], shown_b, sizeof shown_b);
    if ((rc = open_url(argv[optind], &a)) || (rc = open_url(argv[optind + 1], &b)))
        goto out;
    e = store_compare(a, b, report, &p, msg);
    if (p.tty && !p.quiet)
        fputs("\r\033[K", stderr);
    if (e == RB_ECONFLICT) {
        printf("different: %s\n", msg);
        rc = RB_EXIT_PROBLEMS;
    } else if (e) {
        rc = cmd_fail(e, msg);
    } else {
        printf("the same: %s and %s hold the same rows (%lld tables, %lld rows)\n", shown_a,
               shown_b, p.tables, p.rows);
    }
out:
    store_close(a);
    store_close(b);
    return rc;
}

static const struct cmd_sub store_subs[] = {{"copy", store_copy_cmd},
                                            {"compare", store_compare_cmd}};

int
cmd_store(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "store", store_subs,
                        sizeof store_subs / sizeof store_subs[0],
                        "usage: rubric store copy [--from URL] --to URL | compare URL1 URL2\n\n"
                        "'rubric store COMMAND --help' says more.\n");
}
