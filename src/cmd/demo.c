/* SPDX-License-Identifier: MIT */
/*
 * `rubric demo`: fills an empty store with the invented world of core/demo.h, then says how
 * to see it (`rubric serve`, or `make run`). The resumes' originals are kept in the store;
 * --uploads is accepted, deprecated, and has no effect.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd/cmd.h"
#include "core/demo.h"

static const struct option demo_opts[] = {
    {"uploads", required_argument, NULL, 'u'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec demo_spec = {
    "demo", "h", demo_opts,
    "usage: rubric demo [--uploads DIR]\n\n"
    "Fills an empty store with an invented hiring world: three open openings and forty\n"
    "candidates with resumes in several formats (parsed, their screenings queued for the\n"
    "server), at every stage of each opening; two interviewers and a loop with their\n"
    "scorecards for everyone who reached interviewing; a candidate account with a fortnight\n"
    "of practice. A store that holds openings or candidates is refused. Then 'rubric\n"
    "serve' (or 'make run') shows it in the browser.\n\n"
    "  --uploads DIR   deprecated, no effect: the originals are kept in the store\n\n"
    "Exit: 0; 1 when the store is not empty; 5 when the store cannot be written.\n"};

int
cmd_demo(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct store *s = NULL;
    struct skills tax;
    struct opening_reader rd = {0};
    struct demo_counts n;
    const char *uploads = NULL;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&demo_spec, argc, argv, &rc)) > 0)
        if (ch == 'u')
            uploads = optarg;
    if (ch < 0)
        return rc;
    if (uploads)
        fprintf(stderr, "rubric: --uploads is deprecated and has no effect: resume originals "
                        "are kept in the store\n");
    if ((e = skillscan_builtin(&tax, &rd.sc, msg)))
        return cmd_fail(e, msg);
    rd.taxonomy = &tax;
    if ((rc = cmd_open_store(ctx, &s)))
        goto out;
    e = demo_fill(s, &rd, &n, msg);
    if (e == RB_ECONFLICT) {
        cmd_error("%s", msg);
        rc = RB_EXIT_PROBLEMS;
        goto out;
    }
    if (e) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    printf("the demo: %zu openings, %zu candidates with their resumes, %zu stage moves, %zu "
           "interviews with %zu scorecards, %zu practice answers\n"
           "see it: rubric serve (or make run), then sign in as the admin it prints\n",
           n.openings, n.candidates, n.moves, n.interviews, n.scorecards, n.practice);
out:
    store_close(s);
    skillscan_free(rd.sc);
    skills_cleanup(&tax);
    return rc;
}
