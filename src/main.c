/* SPDX-License-Identifier: MIT */
/*
 * rubric: structured back-end engineering interviews. main finds the command and hands it
 * the rest of the arguments; commands live in src/cmd/, one file each.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "resume/skillscan.h"
#include "util/crypto.h"

#ifndef RUBRIC_VERSION
#define RUBRIC_VERSION "0.1.0"
#endif

static const struct {
    const char *name;
    cmd_fn fn;
    const char *summary;
} commands[] = {
    {"bank", cmd_bank, "the question bank: load, lint, stats, search, show, export, import"},
    {"role", cmd_role, "role profiles: load, list, show, lint, import a job description"},
    {"kit", cmd_kit, "an interview kit for a role, stage and time budget"},
    {"skills", cmd_skills, "the skills taxonomy: lint, list, find, scan resume files"},
    {"extract", cmd_extract, "the text Rubric reads from resume files (PDF, DOCX, ...)"},
    {"parse", cmd_parse, "what Rubric understands of resumes: contact, positions, skills"},
    {"screen", cmd_screen, "resumes ranked against a role, with a reason for every point"},
    {"job", cmd_job, "what Rubric reads from a job posting, each criterion with its line"},
    {"serve", cmd_serve, "the JSON HTTP API (OpenAPI at /api/openapi.json)"},
    {"user", cmd_user, "accounts: add, list, disable, passwd"},
    {"token", cmd_token, "personal API tokens: create, list, revoke"},
    {"candidate", cmd_candidate, "candidates: add, list, show, stages, export, erase, retention"},
    {"opening", cmd_opening, "openings: jobs with a description, team, status and stages"},
    {"application", cmd_application, "applications: a candidate in an opening's pipeline"},
    {"demo", cmd_demo, "an invented hiring world in an empty store, to look around in"},
    {"interview", cmd_interview, "interviews in a candidate's loop, each with a frozen kit"},
    {"mail", cmd_mail, "the email queue: invites and notifications, sent or waiting"},
    {"audit", cmd_audit, "who viewed, created, changed, exported or erased candidates' data"},
    {"scorecard", cmd_scorecard,
     "scorecards: the blank form, submitting, amending, who sees whose"},
    {"practice", cmd_practice, "mock interviews with spaced repetition, stats, Anki decks"},
    {"debrief", cmd_debrief, "a candidate's loop read together: ratings, flags, weighted score"},
    {"compare", cmd_compare, "a role's candidates side by side on its competencies"},
    {"insight", cmd_insight, "interviewer calibration and questions worth retiring"},
    {"fairness", cmd_fairness, "adverse-impact report, score audits, the candidate notice"},
    {"backup", cmd_backup, "a copy of the whole store, taken while servers use it"},
    {"restore", cmd_restore, "the store replaced by a backup, after checking it"},
    {"store", cmd_store, "a whole store copied into another (SQLite <-> PostgreSQL), verified"},
};

static void
usage(FILE *out)
{
    fprintf(out, "usage: rubric [--db URL] COMMAND [ARGS]\n"
                 "\n"
                 "Rubric runs structured back-end engineering interviews: a vetted question bank,\n"
                 "role profiles and interview kits, resume screening, scorecards and practice.\n"
                 "\n"
                 "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "  version    print the version\n"
            "  help       this text; 'rubric COMMAND --help' for a command\n"
            "\n"
            "options:\n"
            "  --db URL   the store (default: $RUBRIC_DB, else %s)\n"
            "             sqlite:PATH, a plain path to a SQLite file, or\n"
            "             postgresql://USER@HOST/DB (postgres:// too; docs/DEPLOY.md)\n"
            "\n"
            "exit status: 0 ok, 1 problems found or invalid input, 2 usage error, 3 not found,\n"
            "4 file error, 5 store error, 6 partial kit, 70 internal error (docs/CLI.md)\n",
            STORE_DEFAULT_URL);
}

int
main(int argc, char **argv)
{
    struct cmd_ctx ctx;
    int i = 1;

    setlocale(LC_CTYPE, "C.UTF-8");
    /* a child (pdftotext) or a peer that closes early is an error to handle, not a death */
    signal(SIGPIPE, SIG_IGN);
    if (crypto_setup()) {
        fputs("rubric: cannot initialise libsodium\n", stderr);
        return RB_EXIT_INTERNAL;
    }
    /* the skills database compiled at build time: a start loads it instead of compiling */
    skillscan_offer_saved(&skillscan_saved_builtin);
    /* and a new store's schema, made by the migrations at build time */
    store_offer_sqlite_snapshot(&sqlite_snapshot_builtin);
    memset(&ctx, 0, sizeof ctx);
    ctx.db_url = getenv("RUBRIC_DB");
    if (!ctx.db_url || !*ctx.db_url)
        ctx.db_url = STORE_DEFAULT_URL;
    ctx.out_tty = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    ctx.err_tty = isatty(STDERR_FILENO);

    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            ctx.db_url = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            ctx.db_url = argv[i] + 5;
            i++;
        } else if (strcmp(argv[i], "--db") == 0) {
            cmd_error("--db needs a store URL (sqlite:PATH, or a path)");
            fprintf(stderr, "Try 'rubric --help'.\n");
            return RB_EXIT_USAGE;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("rubric %s\n", RUBRIC_VERSION);
            return 0;
        } else {
            cmd_error("unknown option '%s'", argv[i]);
            fprintf(stderr, "Try 'rubric --help'.\n");
            return RB_EXIT_USAGE;
        }
    }
    if (!*ctx.db_url) {
        /* an empty --db is a mistake (an unset variable?), not a wish for the default */
        cmd_error("--db is empty: give a store URL (sqlite:PATH, or a path), or leave --db out "
                  "for $RUBRIC_DB or %s",
                  STORE_DEFAULT_URL);
        return RB_EXIT_USAGE;
    }
    if (i >= argc) {
        usage(stderr);
        return RB_EXIT_USAGE;
    }
    if (strcmp(argv[i], "help") == 0) {
        /* `rubric help bank` is `rubric bank --help` */
        if (i + 1 < argc) {
            for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
                if (strcmp(argv[i + 1], commands[k].name) == 0) {
                    char *args[] = {argv[i + 1], (char *)"--help", NULL};
                    return commands[k].fn(&ctx, 2, args);
                }
            }
            cmd_error("no command '%s' to describe", argv[i + 1]);
            fprintf(stderr, "Try 'rubric --help'.\n");
            return RB_EXIT_USAGE;
        }
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[i], "version") == 0) {
        printf("rubric %s\n", RUBRIC_VERSION);
        return 0;
    }
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        if (strcmp(argv[i], commands[k].name) == 0)
            return commands[k].fn(&ctx, argc - i, argv + i);
    cmd_error("unknown command '%s'", argv[i]);
    fprintf(stderr, "Try 'rubric --help'.\n");
    return RB_EXIT_USAGE;
}
