/* SPDX-License-Identifier: MIT */
/*
 * `rubric scorecard template|submit|show|amend`: an interviewer's scorecard for an
 * interview, from the blank form to the amendment trail. --as names the account acting;
 * without it `show` runs as the store's operator and sees every scorecard.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/audit.h"
#include "core/scorecard.h"
#include "util/fs.h"
#include "util/jsonv.h"

/* FILE as strict JSON (*doc new); prints what is wrong, naming the file, and returns the
 * exit code, else 0. */
static int
read_json(const char *path, json_t **doc)
{
    char msg[RB_ERRMSG], *data;
    size_t len;
    enum rb_err e = fs_read(path, SCORECARD_FILE_MAX, &data, &len, msg);
    *doc = NULL;
    if (e)
        return cmd_fail(e, msg);
    *doc = json_decode_strict(data, len, "the file", msg);
    free(data);
    if (!*doc) {
        cmd_error("%s: %s (start from 'rubric scorecard template INTERVIEW --json')", path, msg);
        return RB_EXIT_PROBLEMS;
    }
    return 0;
}

/* Records that who did action to scorecard id in the audit log (by its candidate), inside
 * the transaction of the change: the change is undone when this fails. */
static enum rb_err
audit_card(struct store *s, const struct user *who, const char *action, long long id, char *msg)
{
    char what[48];
    json_t *card;
    long long candidate;
    enum rb_err e = scorecard_get(s, id, &card, msg);
    if (e)
        return e;
    candidate = json_integer_value(json_object_get(card, "candidate"));
    json_decref(card);
    snprintf(what, sizeof what, "scorecard %lld", id);
    return audit_append(s, &(struct audit_actor){who->id, who->email}, action, &candidate, 1, what,
                        msg);
}

static int
parse_id(const char *cmd, const char *what, const char *s, long long *id)
{
    long v;
    if (!s || !cmd_parse_int(s, 1, 1L << 62, &v))
        return cmd_usage(cmd, "give one %s id", what);
    *id = v;
    return 0;
}

static const struct option template_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec template_spec = {
    "scorecard template", "h", template_opts,
    "usage: rubric scorecard template INTERVIEW [--json]\n\n"
    "The blank scorecard of an interview: each question of its kit with its competency, each\n"
    "competency of the role with its weight and the anchors of ratings 1 to 4, and the\n"
    "recommendation. --json gives the form to fill in for 'rubric scorecard submit':\n"
    "ratings[].rating (1 to 4, or null when not asked) and notes, competencies[].rating\n"
    "(null: derived from the question ratings; another value needs an override_reason),\n"
    "recommendation (" RECOMMENDATIONS ") and notes.\n"};

static void
print_template(json_t *t)
{
    json_t *v, *a;
    size_t i;
    printf("Scorecard for interview %lld (%s), candidate %lld, role %s\n\n",
           (long long)json_integer_value(json_object_get(t, "interview")),
           json_string_value(json_object_get(t, "stage")),
           (long long)json_integer_value(json_object_get(t, "candidate")),
           json_is_string(json_object_get(t, "role"))
               ? json_string_value(json_object_get(t, "role"))
               : "(none)");
    printf("Questions (rate each 1 to 4 on its grades and its competency's anchors):\n");
    json_array_foreach(json_object_get(t, "ratings"), i, v)
    {
        json_t *g = json_object_get(v, "grades");
        printf("  %2zu. %s\n      %s, %lld min\n", i + 1,
               json_string_value(json_object_get(v, "title")),
               json_string_value(json_object_get(v, "competency")),
               (long long)json_integer_value(json_object_get(v, "minutes")));
        /* the question's own grades beside its rating */
        for (int r = 1; r <= 4 && json_is_object(g); r++) {
            char k[2] = {(char)('0' + r), 0};
            const char *text = json_string_value(json_object_get(g, k));
            if (text)
                printf("      %d: %s\n", r, text);
        }
    }
    printf("\nCompetencies:\n");
    json_array_foreach(json_object_get(t, "competencies"), i, v)
    {
        printf("  %s (weight %lld, %lld question%s)\n",
               json_string_value(json_object_get(v, "competency")),
               (long long)json_integer_value(json_object_get(v, "weight")),
               (long long)json_integer_value(json_object_get(v, "questions")),
               json_integer_value(json_object_get(v, "questions")) == 1 ? "" : "s");
        if ((a = json_object_get(v, "anchors")) &&
            json_integer_value(json_object_get(v, "questions")))
            for (int r = 1; r <= 4; r++) {
                char k[2] = {(char)('0' + r), 0};
                printf("    %d: %s\n", r, json_string_value(json_object_get(a, k)));
            }
    }
    printf("\nRecommendation: %s\n", RECOMMENDATIONS);
    printf("Fill in 'rubric scorecard template %lld --json' and submit it with\n"
           "'rubric scorecard submit %lld --as EMAIL FILE'.\n",
           (long long)json_integer_value(json_object_get(t, "interview")),
           (long long)json_integer_value(json_object_get(t, "interview")));
}

static int
sc_template(struct cmd_ctx *ctx, int argc, char **argv)
{
    bool json = false, has_role;
    struct store *s;
    struct role role;
    json_t *iv, *t;
    long long id = 0;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&template_spec, argc, argv, &rc)) > 0)
        json = json || ch == 'j';
    if (ch < 0)
        return rc;
    if (optind + 1 != argc)
        return cmd_usage("scorecard template", "give one INTERVIEW id");
    if ((rc = parse_id("scorecard template", "INTERVIEW", argv[optind], &id)) ||
        (rc = cmd_open_store(ctx, &s)))
        return rc;
    e = scorecard_context(s, id, &iv, &role, &has_role, msg);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    t = scorecard_template(iv, has_role ? &role : NULL);
    json_decref(iv);
    role_cleanup(&role);
    if (json)
        return cmd_print_json(t);
    print_template(t);
    json_decref(t);
    return 0;
}

static const struct option submit_opts[] = {
    {"as", required_argument, NULL, 'a'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec submit_spec = {
    "scorecard submit", "h", submit_opts,
    "usage: rubric scorecard submit INTERVIEW --as EMAIL FILE\n\n"
    "Submits EMAIL's scorecard for an interview they are an interviewer of, from FILE (the\n"
    "JSON of 'rubric scorecard template INTERVIEW --json', filled in), and prints its id. A\n"
    "submitted scorecard is final: correct it with 'rubric scorecard amend'. Errors name\n"
    "the field at fault (ratings[2].rating, recommendation, ...).\n"};

static int
sc_submit(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *as = NULL;
    struct store *s;
    struct user u;
    json_t *doc;
    long long id = 0, card;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&submit_spec, argc, argv, &rc)) > 0)
        as = optarg;
    if (ch < 0)
        return rc;
    if (optind + 2 != argc)
        return cmd_usage("scorecard submit", "give the INTERVIEW id and the scorecard FILE");
    if (!as)
        return cmd_usage("scorecard submit", "say whose scorecard it is with --as EMAIL");
    if ((rc = parse_id("scorecard submit", "INTERVIEW", argv[optind], &id)) ||
        (rc = read_json(argv[optind + 1], &doc)))
        return rc;
    if ((rc = cmd_open_store(ctx, &s))) {
        json_decref(doc);
        return rc;
    }
    if (!(rc = cmd_as_user(s, "scorecard submit", as, &u))) {
        if (!(e = store_tx_begin(s, msg))) {
            e = scorecard_submit(s, id, &u, doc, &card, msg);
            e = e ? e : audit_card(s, &u, "create", card, msg);
            e = store_tx_end(s, e, msg);
        }
        if (e == RB_EINVAL) {
            cmd_error("%s: %s", argv[optind + 1], msg);
            rc = RB_EXIT_PROBLEMS;
        } else if (e)
            rc = cmd_fail(e, msg);
        else
            printf("%lld\n", card);
        user_cleanup(&u);
    }
    json_decref(doc);
    store_close(s);
    return rc;
}

static const struct option show_opts[] = {{"interview", required_argument, NULL, 'i'},
                                          {"candidate", required_argument, NULL, 'c'},
                                          {"as", required_argument, NULL, 'a'},
                                          {"json", no_argument, NULL, 'j'},
                                          {"help", no_argument, NULL, 'h'},
                                          {0}};
static const struct cmd_spec show_spec = {
    "scorecard show", "h", show_opts,
    "usage: rubric scorecard show ID | --interview ID | --candidate ID [--as EMAIL] [--json]\n\n"
    "Submitted scorecards with their amendments. With --as, what that account may see:\n"
    "someone on the candidate's panel sees only their own scorecards until they have\n"
    "submitted every one of theirs for the loop; recruiters and admins off the panel see\n"
    "all; other interviewers and candidates see none. Without --as, all (the operator).\n"};

static void
print_card(json_t *c)
{
    json_t *v;
    size_t i;
    printf("scorecard %lld: interview %lld (%s), candidate %lld, by %s, %s\n",
           (long long)json_integer_value(json_object_get(c, "id")),
           (long long)json_integer_value(json_object_get(c, "interview")),
           json_string_value(json_object_get(c, "stage")),
           (long long)json_integer_value(json_object_get(c, "candidate")),
           json_string_value(json_object_get(c, "interviewer")),
           json_string_value(json_object_get(c, "submitted_at")));
    printf("  recommendation: %s\n", json_string_value(json_object_get(c, "recommendation")));
    json_array_foreach(json_object_get(c, "competencies"), i, v)
    {
        json_t *r = json_object_get(v, "override_reason");
        printf("  %-28s %lld%s%s%s\n", json_string_value(json_object_get(v, "competency")),
               (long long)json_integer_value(json_object_get(v, "rating")),
               json_is_string(r) ? " (overridden: " : "",
               json_is_string(r) ? json_string_value(r) : "", json_is_string(r) ? ")" : "");
    }
    json_array_foreach(json_object_get(c, "ratings"), i, v)
    {
        json_t *r = json_object_get(v, "rating");
        printf("    %-40s ", json_string_value(json_object_get(v, "question")));
        if (json_is_integer(r))
            printf("%lld\n", (long long)json_integer_value(r));
        else
            printf("not asked\n");
    }
    json_array_foreach(json_object_get(c, "amendments"), i, v)
    {
        json_t *o = json_object_get(v, "old"), *n = json_object_get(v, "new");
        printf("  amended %s by %s: %s: %s -> %s (%s)\n",
               json_string_value(json_object_get(v, "at")),
               json_string_value(json_object_get(v, "by")),
               json_string_value(json_object_get(v, "field")),
               json_is_string(o) ? json_string_value(o) : "none",
               json_is_string(n) ? json_string_value(n) : "none",
               json_string_value(json_object_get(v, "reason")));
    }
}

static int
sc_show(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *as = NULL;
    bool json = false;
    struct store *s;
    struct user u = {0};
    struct scorecard_filter f = {0};
    bool complete;
    json_t *cards = NULL, *v;
    long long candidate = 0;
    size_t i;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&show_spec, argc, argv, &rc)) > 0) {
        if (ch == 'j')
            json = true;
        else if (ch == 'a')
            as = optarg;
        else if ((rc = parse_id("scorecard show", ch == 'i' ? "--interview" : "--candidate", optarg,
                                ch == 'i' ? &f.interview : &f.candidate)))
            return rc;
    }
    if (ch < 0)
        return rc;
    if (optind < argc && (rc = parse_id("scorecard show", "scorecard", argv[optind++], &f.id)))
        return rc;
    if (optind != argc || (!f.id && !f.interview && !f.candidate))
        return cmd_usage("scorecard show", "give a scorecard ID, --interview or --candidate");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    if (as && (rc = cmd_as_user(s, "scorecard show", as, &u)))
        goto out;
    if ((e = scorecard_find(s, as ? &u : NULL, &f, &cards, &complete, &candidate, msg))) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    if (json_array_size(cards) &&
        (e = audit_append(s, as ? &(struct audit_actor){u.id, u.email} : NULL, "view", &candidate,
                          1, "scorecards", msg))) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    if (!complete)
        cmd_error("only %s's own scorecards are shown: the others' are hidden until every "
                  "scorecard of theirs for candidate %lld is submitted",
                  u.email, candidate);
    if (json) {
        rc = cmd_print_json(cards);
        cards = NULL;
        goto out;
    }
    if (!json_array_size(cards))
        printf("no scorecards\n");
    json_array_foreach(cards, i, v)
    {
        print_card(v);
    }
out:
    json_decref(cards);
    if (as && u.email)
        user_cleanup(&u);
    store_close(s);
    return rc;
}

static const struct option amend_opts[] = {{"as", required_argument, NULL, 'a'},
                                           {"reason", required_argument, NULL, 'r'},
                                           {"help", no_argument, NULL, 'h'},
                                           {0}};
static const struct cmd_spec amend_spec = {
    "scorecard amend", "h", amend_opts,
    "usage: rubric scorecard amend ID --as EMAIL --reason WHY FILE\n\n"
    "Corrects a submitted scorecard. FILE holds what changes, in the scorecard's own shape:\n"
    "any of recommendation, notes, ratings [{question, rating, notes}] and competencies\n"
    "[{competency, rating, override_reason}]; what it leaves out stays. The scorecard as first\n"
    "submitted is kept, and each changed field is recorded with who, when and WHY. Only the\n"
    "scorecard's author or an admin amends it. Prints how many fields changed.\n"};

static int
sc_amend(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *as = NULL, *reason = NULL;
    struct store *s;
    struct user u;
    json_t *patch;
    long long id = 0;
    size_t n = 0;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&amend_spec, argc, argv, &rc)) > 0) {
        if (ch == 'a')
            as = optarg;
        else if (ch == 'r')
            reason = optarg;
    }
    if (ch < 0)
        return rc;
    if (optind + 2 != argc)
        return cmd_usage("scorecard amend", "give the scorecard ID and the FILE of changes");
    if (!as || !reason)
        return cmd_usage("scorecard amend", "say who amends with --as EMAIL and why with --reason");
    if ((rc = parse_id("scorecard amend", "scorecard", argv[optind], &id)) ||
        (rc = read_json(argv[optind + 1], &patch)))
        return rc;
    if ((rc = cmd_open_store(ctx, &s))) {
        json_decref(patch);
        return rc;
    }
    if (!(rc = cmd_as_user(s, "scorecard amend", as, &u))) {
        if (!(e = store_tx_begin(s, msg))) {
            e = scorecard_amend(s, id, &u, reason, patch, &n, msg);
            e = e ? e : audit_card(s, &u, "change", id, msg);
            e = store_tx_end(s, e, msg);
        }
        if (e == RB_EINVAL) {
            cmd_error("%s: %s", argv[optind + 1], msg);
            rc = RB_EXIT_PROBLEMS;
        } else if (e)
            rc = cmd_fail(e, msg);
        else
            printf("amended scorecard %lld: %zu field%s changed\n", id, n, n == 1 ? "" : "s");
        user_cleanup(&u);
    }
    json_decref(patch);
    store_close(s);
    return rc;
}

static const char scorecard_usage[] =
    "usage: rubric scorecard template INTERVIEW [--json]\n"
    "       rubric scorecard submit INTERVIEW --as EMAIL FILE\n"
    "       rubric scorecard show ID | --interview ID | --candidate ID [--as EMAIL] [--json]\n"
    "       rubric scorecard amend ID --as EMAIL --reason WHY FILE\n\n"
    "'rubric scorecard COMMAND --help' says more.\n";

static const struct cmd_sub sub[] = {
    {"template", sc_template}, {"submit", sc_submit}, {"show", sc_show}, {"amend", sc_amend}};

int
cmd_scorecard(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "scorecard", sub, sizeof sub / sizeof sub[0],
                        scorecard_usage);
}
