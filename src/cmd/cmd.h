/* SPDX-License-Identifier: MIT */
/*
 * The command line: one file per command, each parsing its own arguments and printing its
 * own output, with no business rule of its own. Shared here: the context every command
 * gets, opening the store, and reporting errors the same way everywhere.
 */
#ifndef RUBRIC_CMD_CMD_H
#define RUBRIC_CMD_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "store/store.h"
#include "util/err.h"

struct cmd_ctx {
    const char *db_url; /* --db, else RUBRIC_DB, else the default */
    bool out_tty;       /* stdout is a terminal: tables and colour */
    bool err_tty;       /* stderr is a terminal: progress */
};

/* A command: run with argv[0] = its name. Returns the process exit code. */
typedef int (*cmd_fn)(struct cmd_ctx *ctx, int argc, char **argv);

int cmd_bank(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_role(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_kit(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_skills(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_extract(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_parse(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_screen(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_job(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_serve(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_user(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_token(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_candidate(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_interview(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_mail(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_audit(struct cmd_ctx *ctx, int argc, char **argv);
/* `rubric backup` and `rubric restore` (cmd/backup.c). */
int cmd_backup(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_restore(struct cmd_ctx *ctx, int argc, char **argv);
/* `rubric store copy|compare` (cmd/store.c). */
int cmd_store(struct cmd_ctx *ctx, int argc, char **argv);
/* `rubric candidate export|erase|retention` (cmd/privacy.c). */
int cmd_candidate_export(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_candidate_erase(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_candidate_retention(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_scorecard(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_practice(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_debrief(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_compare(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_insight(struct cmd_ctx *ctx, int argc, char **argv);
/* `rubric fairness report|audit|notice` (cmd/fairness.c). */
int cmd_fairness(struct cmd_ctx *ctx, int argc, char **argv);
/* `rubric opening ...` and `rubric application ...` (cmd/opening.c). */
int cmd_opening(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_application(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_demo(struct cmd_ctx *ctx, int argc, char **argv);

/* A subcommand ("bank load") and its function. */
struct cmd_sub {
    const char *name;
    cmd_fn fn;
};

/* Runs argv[1] of the command called name from subs (n of them), with option parsing
 * restarted; with no subcommand prints usage to stderr (exit 2), with --help, -h or help to
 * stdout (exit 0); an unknown one is a usage error naming it. */
int cmd_dispatch(struct cmd_ctx *ctx, int argc, char **argv, const char *name,
                 const struct cmd_sub *subs, size_t n, const char *usage);

/* A command's options and help, declared together (routes will work the same way). */
struct option;
struct cmd_spec {
    const char *name;              /* "bank search", for messages */
    const char *shortopts;         /* getopt's; must include 'h' */
    const struct option *longopts; /* getopt_long's; must include {"help", ..., 'h'} */
    const char *usage;             /* the whole --help text */
};

/* The next option of argv, as getopt_long gives it; 0 when there are no more. --help
 * prints the usage, a bad option prints where to look: both return -1 with *exit_code set
 * (0 or RB_EXIT_USAGE), and the command returns it. */
int cmd_getopt(const struct cmd_spec *spec, int argc, char **argv, int *exit_code);

#define STR(x) #x
#define XSTR(x) STR(x)

/* Prints "rubric: message" to stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "rubric: message" and returns the exit code for e. */
int cmd_fail(enum rb_err e, const char *msg);
/* Prints a usage error with a pointer to help and returns RB_EXIT_USAGE. */
int cmd_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens the store; on failure prints why and returns the exit code (else 0). */
int cmd_open_store(struct cmd_ctx *ctx, struct store **s);

/* The same for a command that reads the bank or the roles: a store that has never held a
 * question first gets the built-in bank and roles, as `rubric serve` gives it (core/seed),
 * and a line on stderr says so. */
int cmd_open_store_seeded(struct cmd_ctx *ctx, struct store **s);

/* The enabled account with email, for a command's --as (*u: user_cleanup it): 0, or the
 * exit code after saying what is wrong (a usage error for cmd when there is no such
 * account or it is disabled). */
struct user;
int cmd_as_user(struct store *s, const char *cmd, const char *email, struct user *u);

/* The server's settings as a command sees them (its uploads folder): the defaults, then
 * config (NULL: none), then RUBRIC_*. 0, or the exit code after saying what is wrong. */
struct settings;
int cmd_server_settings(const char *config, struct settings *cfg);

/* Parses a whole decimal number in [min, max] from s; false if s is anything else. */
bool cmd_parse_int(const char *s, long min, long max, long *out);

/* Prints a JSON value (stealing the reference) to stdout, indented, and a newline. */
struct json_t;
int cmd_print_json(struct json_t *v);
/* The same on one line, for JSON lines output (one object per input). */
int cmd_print_jsonl(struct json_t *v);

/* ---- reports (cmd/debrief.c): debrief, compare, insight ---- */

enum report_format { REPORT_TABLE, REPORT_JSON, REPORT_CSV, REPORT_HTML };
struct buf;
/* The format called s (table, json, csv, html): 1, else 0. */
int cmd_report_format(const char *s, enum report_format *f);
/* The format an output file's extension names (.html, .htm, .csv, .json), else a table. */
enum report_format cmd_report_default(const char *output);
/* v as indented JSON with a newline into b; the exit code. */
int cmd_report_json(const struct json_t *v, struct buf *b);
/* print's table of v into b, as wide as the terminal (100 columns into a file). */
int cmd_report_table(const char *output, void (*print)(const struct json_t *, FILE *, size_t),
                     const struct json_t *v, struct buf *b);
/* b to output (atomically) or to stdout when output is NULL; the exit code. */
int cmd_report_write(const char *output, struct buf *b);

#endif
