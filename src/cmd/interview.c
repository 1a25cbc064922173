/* SPDX-License-Identifier: MIT */
/*
 * `rubric interview create|show`: interviews in a candidate's loop. Creating one builds a
 * kit for the candidate's role and the interview's stage and freezes it in the interview,
 * avoiding the questions of kits already made for the same candidate. Moving or cancelling
 * one queues its panel's calendar invites; `invite` prints the current one.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/audit.h"
#include "core/interview.h"
#include "core/notify.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/table.h"

static const struct option create_opts[] = {{"stage", required_argument, NULL, 's'},
                                            {"interviewer", required_argument, NULL, 'i'},
                                            {"minutes", required_argument, NULL, 'm'},
                                            {"at", required_argument, NULL, 'a'},
                                            {"seed", required_argument, NULL, 'S'},
                                            {"application", required_argument, NULL, 'A'},
                                            {"tz", required_argument, NULL, 'z'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
static const struct cmd_spec create_spec = {
    "interview create", "h", create_opts,
    "usage: rubric interview create CANDIDATE --stage STAGE --interviewer EMAIL\n"
    "                               [--interviewer EMAIL...] [--minutes N] [--at ISO-TIME]\n"
    "                               [--seed N] [--application ID] [--tz ZONE]\n\n"
    "Adds an interview to a candidate's loop and prints its id. Its kit is built now for the\n"
    "candidate's role at STAGE (screen, technical, system-design, behavioral, onsite) and\n"
    "frozen in the interview, so later bank edits do not change it; questions of earlier\n"
    "kits for the same candidate are not asked again. Interviewers are accounts (not\n"
    "candidates): at most " XSTR(
        INTERVIEWERS_MAX) ". The interview belongs to --application\n"
                          "(default: the candidate's only one), whose "
                          "opening's role the kit is for.\n"
                          "With --at, each interviewer's calendar invite is queued for email "
                          "(README, \"Email and\n"
                          "calendar\"); --tz names the time zone (Europe/Berlin) its times are "
                          "shown in, and in\n"
                          "which an --at without an offset is read.\n"};

static int
iv_create(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *stage = NULL, *at = NULL, *zone = NULL, *emails[INTERVIEWERS_MAX];
    long long ids[INTERVIEWERS_MAX], id = 0;
    size_t n = 0;
    long v = 0, minutes = 0, seed = -1, app = 0;
    struct store *s;
    char msg[RB_ERRMSG];
    int ch, rc = 0, st;
    bool partial;
    enum rb_err e;

    while ((ch = cmd_getopt(&create_spec, argc, argv, &rc)) > 0) {
        if (ch == 's')
            stage = optarg;
        else if (ch == 'z')
            zone = optarg;
        else if (ch == 'a')
            at = optarg;
        else if (ch == 'i') {
            if (n == INTERVIEWERS_MAX)
                return cmd_usage("interview create", "at most %d interviewers", INTERVIEWERS_MAX);
            emails[n++] = optarg;
        } else if (ch == 'm') {
            if (!cmd_parse_int(optarg, 5, KIT_MINUTES_MAX, &minutes))
                return cmd_usage("interview create", "bad --minutes '%s': 5 to %d", optarg,
                                 KIT_MINUTES_MAX);
        } else if (ch == 'A') {
            if (!cmd_parse_int(optarg, 1, 1L << 62, &app))
                return cmd_usage("interview create", "bad --application '%s': an id", optarg);
        } else if (ch == 'S') {
            if (!cmd_parse_int(optarg, 0, 1L << 62, &seed))
                return cmd_usage("interview create", "bad --seed '%s'", optarg);
        }
    }
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !cmd_parse_int(argv[optind], 1, 1L << 62, &v))
        return cmd_usage("interview create", "give one CANDIDATE id");
    if (!stage || (st = stage_parse(stage)) < 0)
        return cmd_usage("interview create",
                         "give --stage screen, technical, system-design, behavioral or onsite");
    if (!n)
        return cmd_usage("interview create", "give at least one --interviewer EMAIL");
    if (at && (strlen(at) < 10 || strlen(at) > 32))
        return cmd_usage("interview create", "bad --at '%s': an ISO 8601 time", at);
    if ((rc = cmd_open_store_seeded(ctx, &s)))
        return rc;
    if ((e = interview_interviewers(s, emails, n, ids, msg))) {
        rc = e == RB_EINVAL ? cmd_usage("interview create", "--interviewer: %s", msg)
                            : cmd_fail(e, msg);
    } else {
        struct interview_request r = {v,
                                      (enum stage)st,
                                      ids,
                                      n,
                                      (int)minutes,
                                      at,
                                      seed >= 0 ? (uint64_t)seed : (uint64_t)time(NULL),
                                      0,
                                      app,
                                      zone};
        char what[48];
        if (!(e = store_tx_begin(s, msg))) {
            e = interview_create(s, &r, &id, &partial, msg);
            snprintf(what, sizeof what, "interview %lld", id);
            e = e ? e : audit_append(s, NULL, "create", &r.candidate, 1, what, msg);
            e = store_tx_end(s, e, msg);
        }
        if (e)
            rc = e == RB_EINVAL ? (cmd_error("%s", msg), RB_EXIT_PROBLEMS) : cmd_fail(e, msg);
        else {
            printf("%lld\n", id);
            if (partial)
                cmd_error("the kit is partial: the bank could not fill every slot (see "
                          "'rubric interview show %lld')",
                          id);
        }
    }
    store_close(s);
    return rc;
}

static const struct option show_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec show_spec = {"interview show", "h", show_opts,
                                          "usage: rubric interview show ID [--json]\n\n"
                                          "An interview: candidate, stage, time, interviewers "
                                          "and its frozen kit.\n"};

static int
iv_show(struct cmd_ctx *ctx, int argc, char **argv)
{
    bool json = false;
    struct store *s;
    json_t *o, *v;
    size_t i;
    long id;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&show_spec, argc, argv, &rc)) > 0)
        json = json || ch == 'j';
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !cmd_parse_int(argv[optind], 1, 1L << 62, &id))
        return cmd_usage("interview show", "give one interview ID");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    if (!(e = store_interview_get(s, id, &o, msg))) {
        long long candidate = json_integer_value(json_object_get(o, "candidate"));
        char what[48];
        snprintf(what, sizeof what, "interview %ld", id);
        if ((e = audit_append(s, NULL, "view", &candidate, 1, what, msg)))
            json_decref(o);
    }
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    if (json)
        return cmd_print_json(o);
    printf("interview %ld: candidate %lld, %s, %lld minutes%s%s\n", id,
           (long long)json_integer_value(json_object_get(o, "candidate")),
           json_string_value(json_object_get(o, "stage")),
           (long long)json_integer_value(json_object_get(o, "minutes")),
           json_is_string(json_object_get(o, "scheduled_at")) ? ", at " : "",
           json_is_string(json_object_get(o, "scheduled_at"))
               ? json_string_value(json_object_get(o, "scheduled_at"))
               : "");
    json_array_foreach(json_object_get(o, "interviewers"), i, v)
    {
        printf("  interviewer: %s\n", json_string_value(v));
    }
    json_array_foreach(json_object_get(json_object_get(o, "kit"), "questions"), i, v)
    {
        printf("  %2zu. %s (%lld min)\n", i + 1, json_string_value(json_object_get(v, "title")),
               (long long)json_integer_value(json_object_get(v, "minutes")));
    }
    json_decref(o);
    return 0;
}

static const struct option move_opts[] = {{"at", required_argument, NULL, 'a'},
                                          {"tz", required_argument, NULL, 'z'},
                                          {"help", no_argument, NULL, 'h'},
                                          {0}};
static const struct cmd_spec move_spec = {
    "interview move", "h", move_opts,
    "usage: rubric interview move ID --at ISO-TIME [--tz ZONE]\n\n"
    "Moves an interview to a new time (and time zone: Europe/Berlin; \"\" for UTC). Each\n"
    "interviewer's updated calendar invite (the same event, a higher SEQUENCE) is queued\n"
    "for email in the same transaction.\n"};
static const struct option cancel_opts[] = {{"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec cancel_spec = {
    "interview cancel", "h", cancel_opts,
    "usage: rubric interview cancel ID\n\n"
    "Cancels an interview: it stays in the loop's history, and each interviewer is sent a\n"
    "calendar cancellation (METHOD:CANCEL) for the event their invite made.\n"};

/* move and cancel: one change, its audit entry and the invites, in one transaction */
static int
iv_change(struct cmd_ctx *ctx, const char *name, long id, const char *at, const char *zone,
          bool cancel)
{
    struct store *s;
    json_t *o = NULL;
    char msg[RB_ERRMSG], what[64];
    long long candidate = 0;
    int rc;
    enum rb_err e;
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    if (!(e = store_interview_get(s, id, &o, msg)))
        candidate = json_integer_value(json_object_get(o, "candidate"));
    json_decref(o);
    if (!e && !(e = store_tx_begin(s, msg))) {
        e = interview_reschedule(s, id, at, zone, cancel, (long long)time(NULL), msg);
        snprintf(what, sizeof what, "interview %ld %s", id, cancel ? "cancelled" : "moved");
        e = e ? e : audit_append(s, NULL, "change", &candidate, 1, what, msg);
        e = store_tx_end(s, e, msg);
    }
    store_close(s);
    if (e == RB_EINVAL) {
        cmd_error("%s: %s", name, msg);
        return RB_EXIT_PROBLEMS;
    }
    if (e)
        return cmd_fail(e, msg);
    printf("interview %ld %s\n", id, cancel ? "cancelled" : "moved");
    return 0;
}

static int
iv_move(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *at = NULL, *zone = NULL;
    long id;
    int ch, rc = 0;
    while ((ch = cmd_getopt(&move_spec, argc, argv, &rc)) > 0) {
        if (ch == 'a')
            at = optarg;
        else if (ch == 'z')
            zone = optarg;
    }
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !cmd_parse_int(argv[optind], 1, 1L << 62, &id))
        return cmd_usage("interview move", "give one interview ID");
    if (!at && !zone)
        return cmd_usage("interview move", "give --at ISO-TIME (and --tz ZONE if it changes)");
    return iv_change(ctx, "interview move", id, at, zone, false);
}

static int
iv_cancel(struct cmd_ctx *ctx, int argc, char **argv)
{
    long id;
    int ch, rc = 0;
    while ((ch = cmd_getopt(&cancel_spec, argc, argv, &rc)) > 0)
        ;
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !cmd_parse_int(argv[optind], 1, 1L << 62, &id))
        return cmd_usage("interview cancel", "give one interview ID");
    return iv_change(ctx, "interview cancel", id, NULL, NULL, true);
}

static const struct option invite_opts[] = {
    {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec invite_spec = {
    "interview invite", "h", invite_opts,
    "usage: rubric interview invite ID [--output FILE]\n\n"
    "The interview's calendar invite (iCalendar, RFC 5545), as its panel gets it by email: a\n"
    "REQUEST, or a CANCEL once it is cancelled. On standard output, or written to FILE.\n"};

static int
iv_invite(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *out = NULL;
    struct store *s;
    json_t *o = NULL;
    char *ics = NULL, msg[RB_ERRMSG], what[48];
    long id;
    long long candidate = 0;
    int ch, rc = 0;
    enum rb_err e;
    while ((ch = cmd_getopt(&invite_spec, argc, argv, &rc)) > 0) {
        if (ch == 'o')
            out = optarg;
    }
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !cmd_parse_int(argv[optind], 1, 1L << 62, &id))
        return cmd_usage("interview invite", "give one interview ID");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    if (!(e = store_interview_get(s, id, &o, msg)))
        candidate = json_integer_value(json_object_get(o, "candidate"));
    json_decref(o);
    e = e ? e : notify_invite(s, id, (long long)time(NULL), &ics, msg);
    snprintf(what, sizeof what, "interview %ld invite", id);
    e = e ? e : audit_append(s, NULL, "view", &candidate, 1, what, msg);
    store_close(s);
    if (e == RB_EINVAL) {
        cmd_error("%s", msg);
        rc = RB_EXIT_PROBLEMS;
    } else if (e) {
        rc = cmd_fail(e, msg);
    } else if (out) {
        if ((e = fs_write_atomic(out, ics, strlen(ics), msg)))
            rc = cmd_fail(e, msg);
    } else {
        fputs(ics, stdout);
    }
    free(ics);
    return rc;
}

static const struct option list_opts[] = {{"candidate", required_argument, NULL, 'c'},
                                          {"interviewer", required_argument, NULL, 'i'},
                                          {"upcoming", no_argument, NULL, 'u'},
                                          {"json", no_argument, NULL, 'j'},
                                          {"help", no_argument, NULL, 'h'},
                                          {0}};
static const struct cmd_spec list_spec = {
    "interview list", "h", list_opts,
    "usage: rubric interview list [--candidate ID] [--interviewer EMAIL] [--upcoming] [--json]\n\n"
    "Interviews by id: candidate, stage, time, panel and how many scorecards are in.\n"
    "--candidate keeps one candidate's loop, --interviewer those EMAIL sits on, --upcoming\n"
    "those scheduled after now, soonest first.\n"};

static int
iv_list(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *as = NULL;
    long long candidate = 0;
    bool upcoming = false, json = false;
    struct store *s = NULL;
    struct user u = {0};
    json_t *items = NULL, *v;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    size_t i;
    long id;
    enum rb_err e;

    while ((ch = cmd_getopt(&list_spec, argc, argv, &rc)) > 0) {
        if (ch == 'c') {
            if (!cmd_parse_int(optarg, 1, 1L << 62, &id))
                return cmd_usage("interview list", "bad --candidate '%s': an id", optarg);
            candidate = id;
        } else if (ch == 'i') {
            as = optarg;
        } else if (ch == 'u') {
            upcoming = true;
        } else if (ch == 'j') {
            json = true;
        }
    }
    if (ch < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("interview list", "unexpected argument '%s'", argv[optind]);
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    if (as && (rc = cmd_as_user(s, "interview list", as, &u)))
        goto out;
    e = interview_list(s, candidate, as ? u.id : 0, upcoming, (long long)time(NULL), &items, msg);
    if (e) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    if (json) {
        rc = cmd_print_json(items);
        items = NULL;
        goto out;
    }
    {
        static const char *const head[] = {">ID", ">CANDIDATE", "NAME",  "STAGE",
                                           "AT",  "PANEL",      ">CARDS"};
        struct table t;
        table_init(&t, 7, head, 1);
        json_array_foreach(items, i, v)
        {
            char sid[24], cand[24], cards[24];
            const char *row[7], *at = json_string_value(json_object_get(v, "scheduled_at"));
            struct buf panel;
            json_t *p;
            size_t k;
            buf_init(&panel, 1u << 16);
            json_array_foreach(json_object_get(v, "interviewers"), k, p)
            {
                buf_printf(&panel, "%s%s", k ? ", " : "", json_string_value(p));
            }
            snprintf(sid, sizeof sid, "%lld",
                     (long long)json_integer_value(json_object_get(v, "id")));
            snprintf(cand, sizeof cand, "%lld",
                     (long long)json_integer_value(json_object_get(v, "candidate")));
            snprintf(cards, sizeof cards, "%lld",
                     (long long)json_integer_value(json_object_get(v, "scorecards")));
            row[0] = sid;
            row[1] = cand;
            row[2] = json_string_value(json_object_get(v, "candidate_name"));
            row[3] = json_string_value(json_object_get(v, "stage"));
            row[4] = at ? at : "-";
            row[5] = buf_str(&panel);
            row[6] = cards;
            if (!row[2])
                row[2] = "-";
            table_add(&t, row);
            buf_cleanup(&panel);
        }
        table_print(&t, stdout, term_width(STDOUT_FILENO));
        table_cleanup(&t);
    }
out:
    json_decref(items);
    user_cleanup(&u);
    store_close(s);
    return rc;
}

static const char interview_usage[] =
    "usage: rubric interview create CANDIDATE --stage S --interviewer EMAIL ... | show ID\n"
    "                        | move ID --at TIME | cancel ID | invite ID [--output FILE]\n"
    "       rubric interview list [--candidate ID] [--interviewer EMAIL] [--upcoming]\n\n"
    "'rubric interview COMMAND --help' says more.\n";

static const struct cmd_sub sub[] = {{"create", iv_create}, {"show", iv_show},
                                     {"list", iv_list},     {"move", iv_move},
                                     {"cancel", iv_cancel}, {"invite", iv_invite}};

int
cmd_interview(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "interview", sub, sizeof sub / sizeof sub[0],
                        interview_usage);
}
