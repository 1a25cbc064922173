/* SPDX-License-Identifier: MIT */
/*
 * `rubric interview create|show`: interviews in a candidate's loop. Creating one builds a
 * kit for the candidate's role and the interview's stage and freezes it in the interview,
 * avoiding the questions of kits already made for the same candidate.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd/cmd.h"
#include "core/kit.h"
#include "util/mem.h"

#define INTERVIEWERS_MAX 16

static const struct option create_opts[] = {{"stage", required_argument, NULL, 's'},
                                            {"interviewer", required_argument, NULL, 'i'},
                                            {"minutes", required_argument, NULL, 'm'},
                                            {"at", required_argument, NULL, 'a'},
                                            {"seed", required_argument, NULL, 'S'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
static const struct cmd_spec create_spec = {
    "interview create", "h", create_opts,
    "usage: rubric interview create CANDIDATE --stage STAGE --interviewer EMAIL\n"
    "                               [--interviewer EMAIL...] [--minutes N] [--at ISO-TIME]\n"
    "                               [--seed N]\n\n"
    "Adds an interview to a candidate's loop and prints its id. Its kit is built now for the\n"
    "candidate's role at STAGE (screen, technical, system-design, behavioral, onsite) and\n"
    "frozen in the interview, so later bank edits do not change it; questions of earlier\n"
    "kits for the same candidate are not asked again. Interviewers are accounts (not\n"
    "candidates): at most " XSTR(INTERVIEWERS_MAX) ".\n"};

static int
interview_create(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *stage = NULL, *at = NULL, *emails[INTERVIEWERS_MAX];
    long long ids[INTERVIEWERS_MAX], candidate, id = 0;
    size_t n = 0;
    long v, minutes = 0, seed = -1;
    struct store *s;
    struct role role = {0};
    struct kit k;
    struct kit_request kr = {0};
    json_t *cand = NULL;
    char msg[RB_ERRMSG], ref[32], *kit_json = NULL;
    int ch, rc = 0, st;
    enum rb_err e;
    bool built = false;

    while ((ch = cmd_getopt(&create_spec, argc, argv, &rc)) > 0) {
        if (ch == 's')
            stage = optarg;
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
        } else if (ch == 'S') {
            if (!cmd_parse_int(optarg, 0, 1L << 62, &seed))
                return cmd_usage("interview create", "bad --seed '%s'", optarg);
        }
    }
    if (ch < 0)
        return rc;
    if (optind + 1 != argc || !cmd_parse_int(argv[optind], 1, 1L << 62, &v))
        return cmd_usage("interview create", "give one CANDIDATE id");
    candidate = v;
    if (!stage || (st = stage_parse(stage)) < 0)
        return cmd_usage("interview create",
                         "give --stage screen, technical, system-design, behavioral or onsite");
    if (!n)
        return cmd_usage("interview create", "give at least one --interviewer EMAIL");
    if (at && (strlen(at) < 10 || strlen(at) > 32))
        return cmd_usage("interview create", "bad --at '%s': an ISO 8601 time", at);
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        struct user u;
        char *email = user_email_normal(emails[i], msg);
        bool found;
        e = email ? store_user_get(s, 0, email, &u, NULL, msg) : RB_EINVAL;
        free(email);
        found = e == RB_OK;
        if (found && (u.disabled || u.role == USER_CANDIDATE)) {
            snprintf(msg, sizeof msg, "%s cannot interview: %s", u.email,
                     u.disabled ? "the account is disabled" : "a candidate's account");
            e = RB_EINVAL;
        }
        ids[i] = found ? u.id : 0;
        if (found)
            user_cleanup(&u);
        if (e) {
            rc = e == RB_EINVAL ? cmd_usage("interview create", "--interviewer: %s", msg)
                                : cmd_fail(e, msg);
            goto out;
        }
    }
    if ((e = store_candidate_get(s, candidate, &cand, msg))) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    if (!json_is_string(json_object_get(cand, "role"))) {
        cmd_error("candidate %lld has no role: the kit is chosen for one", candidate);
        rc = RB_EXIT_PROBLEMS;
        goto out;
    }
    if ((e = store_role_get(s, json_string_value(json_object_get(cand, "role")), &role, msg))) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    snprintf(ref, sizeof ref, "c-%lld", candidate);
    kr.role = &role;
    kr.stage = (enum stage)st;
    kr.minutes = (int)minutes;
    kr.seed = seed >= 0 ? (uint64_t)seed : (uint64_t)time(NULL);
    kr.candidate = ref;
    if ((e = kit_build(s, &kr, &k, msg))) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    built = true;
    if ((e = kit_save(s, &k, msg))) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    {
        json_t *j = kit_to_json(&k);
        kit_json = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(j);
    }
    {
        struct interview_new in = {
            candidate, stage_name(k.stage), k.budget, at, k.saved_id, kit_json, ids, n, 0};
        if ((e = store_interview_create(s, &in, &id, msg))) {
            rc = cmd_fail(e, msg);
            goto out;
        }
    }
    printf("%lld\n", id);
    if (k.partial)
        cmd_error("the kit is partial: the bank could not fill every slot (see 'rubric interview "
                  "show %lld')",
                  id);
out:
    if (built)
        kit_cleanup(&k);
    free(kit_json);
    json_decref(cand);
    role_cleanup(&role);
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
interview_show(struct cmd_ctx *ctx, int argc, char **argv)
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
    e = store_interview_get(s, id, &o, msg);
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

static const char interview_usage[] =
    "usage: rubric interview create CANDIDATE --stage S --interviewer EMAIL ... | show ID\n\n"
    "'rubric interview COMMAND --help' says more.\n";

static const struct cmd_sub sub[] = {{"create", interview_create}, {"show", interview_show}};

int
cmd_interview(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "interview", sub, sizeof sub / sizeof sub[0],
                        interview_usage);
}
