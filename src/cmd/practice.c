/* SPDX-License-Identifier: MIT */
/*
 * `rubric practice`: mock interview questions on a terminal, one at a time with a
 * countdown, keyword feedback on the typed answer, the points an interviewer listens for,
 * a self-rating that the FSRS scheduler turns into the next due day; and for scripts and
 * tests `practice next|answer` (the API's flow), `practice export` (an Anki deck) and
 * `practice stats`. Every rating is written in its own transaction the moment it is given,
 * so quitting, Ctrl-C or a closed terminal loses nothing already rated.
 */
#include <editline/readline.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/anki.h"
#include "core/fsrs.h"
#include "core/kit.h"
#include "core/practice.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/table.h"
#include "util/text.h"

#define USER_HELP                                                                                  \
    "  --as EMAIL     the account practising (any role); may be left out when the store\n"         \
    "                 has exactly one enabled candidate account (--user EMAIL: the same,\n"        \
    "                 its old name)\n"
#define NOW_HELP "  --now TIME     the clock, for tests: 2025-03-01 or 2025-03-01T09:30:00Z (UTC)\n"
#define SCOPE_HELP                                                                                 \
    "  --role R       questions of role R's competencies, at its level unless --level\n"           \
    "  --level L      junior, mid, senior or architect\n"                                          \
    "  --stage S      questions of one kind of interview: screen, technical,\n"                    \
    "                 system-design, behavioral or onsite\n"

static const char practice_usage[] =
    "usage: rubric practice [--as EMAIL] [--role R] [--level L] [--stage S] [--minutes N]\n"
    "                       [--now TIME]\n"
    "       rubric practice next --as EMAIL [--role R] [--level L] [--stage S] [--json]\n"
    "       rubric practice answer --as EMAIL QUESTION --rating R [--answer-file F] [--json]\n"
    "       rubric practice export --format apkg|csv [--role R] [--level L] [--output FILE]\n"
    "       rubric practice stats [--as EMAIL] [--json]\n"
    "\n"
    "Answer real interview questions against the clock, see what an interviewer listens for,\n"
    "and get each question back when spaced repetition (FSRS-5, as in Anki) says it is due.\n"
    "A session asks the questions due first, then new ones, one at a time. Type your answer\n"
    "over as many lines as you like; end it with a line holding only '.', or two empty\n"
    "lines. The prompt counts down the question's minutes ([02:59]) and then counts up\n"
    "([+00:12]). Then Rubric shows which key concepts of the good-answer points your words\n"
    "mention (keyword coverage: a hint, not a judgement of the answer), the points, pitfalls\n"
    "and follow-ups, and asks you to rate yourself: again, hard, good or easy (or 1 to 4).\n"
    "The rating is saved at once; the question comes back on its due day.\n"
    "\n"
    "Commands on a line of their own while answering:\n"
    "  :skip     leave this question for now (not rated; it stays due or new)\n"
    "  :hint     show one point a good answer covers\n"
    "  :reveal   stop answering and show the feedback\n"
    "  :pause    stop the clock until Enter\n"
    "  :quit     end the session (Ctrl-D and Ctrl-C too); every rating given is kept\n"
    "\n"
    "options:\n" USER_HELP SCOPE_HELP
    "  --minutes N    end the session after about N minutes\n" NOW_HELP "\n"
    "'rubric practice COMMAND --help' tells more about next, answer, export and stats.\n";

/* ---- shared helpers ----------------------------------------------------------------- */

/* The account practising: by email, or the one enabled candidate account. */
static int
find_user(struct store *s, const char *cmd, const char *email, struct user *u)
{
    char msg[RB_ERRMSG];
    enum rb_err e;
    memset(u, 0, sizeof *u);
    if (email) {
        char *norm = user_email_normal(email, msg);
        if (!norm)
            return cmd_usage(cmd, "--as: %s", msg);
        e = store_user_get(s, 0, norm, u, NULL, msg);
        free(norm);
        if (e == RB_ENOTFOUND) {
            cmd_error("no account '%s': add one with 'rubric user add %s --role candidate'", email,
                      email);
            return RB_EXIT_NOTFOUND;
        }
        if (e)
            return cmd_fail(e, msg);
    } else {
        struct user *v = NULL;
        size_t n = 0, found = 0, pick = 0;
        if ((e = store_user_list(s, &v, &n, msg)))
            return cmd_fail(e, msg);
        for (size_t i = 0; i < n; i++)
            if (v[i].role == USER_CANDIDATE && !v[i].disabled) {
                found++;
                pick = i;
            }
        if (found == 1) {
            *u = v[pick];
            memset(&v[pick], 0, sizeof v[pick]);
        }
        for (size_t i = 0; i < n; i++)
            user_cleanup(&v[i]);
        free(v);
        if (found != 1)
            return cmd_usage(cmd,
                             "give --as EMAIL: the store has %zu enabled candidate accounts, "
                             "so there is no one to pick by default",
                             found);
    }
    if (u->disabled) {
        cmd_error("%s is disabled: it cannot practise", u->email);
        user_cleanup(u);
        return RB_EXIT_PROBLEMS;
    }
    return 0;
}

static int
parse_clock(const char *cmd, const char *now, struct practice_clock *clk)
{
    char msg[RB_ERRMSG];
    if (!now) {
        practice_clock_at(clk, time(NULL));
        return 0;
    }
    if (practice_clock_parse(clk, now, msg))
        return cmd_usage(cmd, "--now: %s", msg);
    return 0;
}

/* Scope options shared by the session, next and export. */
struct scope_opts {
    const char *role;
    int level, stage;
};

static int
scope_opt(const char *cmd, int ch, struct scope_opts *o)
{
    if (ch == 'r') {
        o->role = optarg;
    } else if (ch == 'l') {
        if (!(o->level = level_parse(optarg, strlen(optarg))))
            return cmd_usage(cmd, "bad --level '%s': junior, mid, senior or architect", optarg);
    } else if (ch == 's') {
        if ((o->stage = stage_parse(optarg)) < 0)
            return cmd_usage(cmd,
                             "bad --stage '%s': screen, technical, system-design, behavioral "
                             "or onsite",
                             optarg);
    }
    return 0;
}

static int
scope_open(struct store *s, const char *cmd, const struct scope_opts *o, struct practice_scope *sc)
{
    char msg[RB_ERRMSG];
    enum rb_err e = practice_scope_init(sc, s, o->role, o->level, o->stage, msg);
    if (e == RB_EINVAL)
        return cmd_usage(cmd, "%s", msg);
    return e ? cmd_fail(e, msg) : 0;
}

/* Text without Markdown's emphasis and code marks, for the terminal. */
static void
print_md(FILE *out, const char *indent, const char *md, size_t width)
{
    char *plain = question_search_text(md);
    size_t col = 0, ilen = strlen(indent);
    const char *p = plain;
    if (width < ilen + 20)
        width = ilen + 20;
    fputs(indent, out);
    col = ilen;
    /* wrap at spaces; a newline in the text starts a new line */
    while (*p) {
        size_t wl = strcspn(p, " \n");
        size_t w = 0;
        for (size_t i = 0; i < wl; i++)
            w += ((unsigned char)p[i] & 0xc0) != 0x80;
        if (col > ilen && col + 1 + w > width) {
            fprintf(out, "\n%*s", (int)ilen, "");
            col = ilen;
        } else if (col > ilen) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, wl, out);
        col += w;
        p += wl;
        if (*p == '\n' && p[1] == '\n') {
            fprintf(out, "\n\n%*s", (int)ilen, "");
            col = ilen;
        }
        while (*p == ' ' || *p == '\n')
            p++;
    }
    fputc('\n', out);
    free(plain);
}

static size_t
out_width(void)
{
    size_t w = term_width(STDOUT_FILENO);
    return w ? (w > 100 ? 100 : w) : 80;
}

static void
print_points(const struct question *q, enum point_kind kind, const char *title)
{
    bool any = false;
    for (size_t i = 0; i < q->npoints; i++) {
        if (q->points[i].kind != kind)
            continue;
        if (!any)
            printf("%s\n", title);
        any = true;
        print_md(stdout, "  - ", q->points[i].text, out_width());
    }
}

static void
print_coverage(const struct question *q, const struct coverage *cov)
{
    printf("Keyword coverage (a hint, not a judgement of your answer):\n"
           "%zu of %zu key concepts mentioned, %zu of %zu points covered, %.0f%% weighted "
           "(essential points count twice)\n",
           cov->found, cov->concepts, cov->covered, cov->npoints, cov->score * 100);
    printf("A good answer shows ([x] every key concept mentioned, [~] some, [ ] none; "
           "(bonus) adds to a strong answer):\n");
    for (size_t i = 0; i < cov->npoints; i++) {
        const struct coverage_point *cp = &cov->points[i];
        struct buf line;
        const char *mark = !cp->nconcepts                ? "[?]"
                           : cp->nfound == cp->nconcepts ? "[x]"
                           : cp->nfound                  ? "[~]"
                                                         : "[ ]";
        buf_init(&line, 4096);
        for (int found = 1; found >= 0; found--) {
            bool first = true;
            for (size_t j = 0; j < cp->nconcepts; j++) {
                if (!cp->concepts[j].matched != !found)
                    continue;
                buf_printf(&line, "%s%s", first ? (found ? "found: " : "missing: ") : ", ",
                           cp->concepts[j].concept);
                first = false;
            }
            if (!first && found && cp->nfound < cp->nconcepts)
                buf_puts(&line, "; ");
        }
        printf("  %s %s%s\n", mark, cp->bonus ? "(bonus) " : "", buf_str(&line));
        buf_cleanup(&line);
        print_md(stdout, "      ", q->points[cp->point].text, out_width());
    }
}

static void
print_schedule(const struct practice_result *r)
{
    printf("Saved: %s. Next time in %d day%s, on %s.\n", fsrs_rating_name(r->rating), r->interval,
           r->interval == 1 ? "" : "s", r->card.due);
}

/* ---- practice next ------------------------------------------------------------------ */

static const struct option next_opts[] = {
    {"as", required_argument, NULL, 'u'},    {"role", required_argument, NULL, 'r'},
    {"level", required_argument, NULL, 'l'}, {"stage", required_argument, NULL, 's'},
    {"now", required_argument, NULL, 'n'},   {"json", no_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},        {0}};
static const struct cmd_spec next_spec = {
    "practice next", "h", next_opts,
    "usage: rubric practice next --as EMAIL [--role R] [--level L] [--stage S] [--now TIME]\n"
    "                            [--json]\n\n"
    "The question to practise next: the most overdue of those due, with a new one after\n"
    "every three reviews answered that day while both are left. Its points are not shown:\n"
    "they come with 'rubric practice answer'. With --json:\n"
    "{\"question\": {\"id\", \"title\", \"text\", \"competencies\", \"category\", \"level\",\n"
    "\"minutes\"}, \"kind\": \"due\" or \"new\", \"card\", \"due_count\", \"new_count\"}, and\n"
    "\"question\": null when nothing is due and no question is new.\n\n"
    "options:\n" USER_HELP SCOPE_HELP NOW_HELP};

static int
practice_next_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct scope_opts so = {NULL, 0, -1};
    const char *email = NULL, *now = NULL;
    bool json = false;
    struct practice_clock clk;
    struct practice_scope sc;
    struct practice_next n;
    struct store *s = NULL;
    struct user u = {0};
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&next_spec, argc, argv, &rc)) > 0) {
        if (ch == 'u')
            email = optarg;
        else if (ch == 'n')
            now = optarg;
        else if (ch == 'j')
            json = true;
        else if ((rc = scope_opt("practice next", ch, &so)))
            return rc;
    }
    if (ch < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("practice next", "unexpected argument '%s'", argv[optind]);
    if ((rc = parse_clock("practice next", now, &clk)))
        return rc;
    if ((rc = cmd_open_store_seeded(ctx, &s)))
        return rc;
    if ((rc = find_user(s, "practice next", email, &u)) ||
        (rc = scope_open(s, "practice next", &so, &sc))) {
        user_cleanup(&u);
        store_close(s);
        return rc;
    }
    e = practice_next(s, u.id, &sc, &clk, &n, msg);
    if (e == RB_ENOTFOUND) {
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "question", json_null());
            json_object_set_new(o, "kind", json_null());
            json_object_set_new(o, "card", json_null());
            json_object_set_new(o, "due_count", json_integer(0));
            json_object_set_new(o, "new_count", json_integer(0));
            rc = cmd_print_json(o);
        } else {
            printf("Nothing to practise: no question is due and none is new.\n");
        }
    } else if (e) {
        rc = cmd_fail(e, msg);
    } else {
        if (json) {
            rc = cmd_print_json(practice_next_to_json(&n));
        } else {
            printf("%s (%s, %s, %d min): %s\n\n", n.q.id, n.due ? "due" : "new",
                   n.q.competencies ? n.q.competencies[0] : "-", n.q.minutes, n.q.title);
            print_md(stdout, "", n.q.text, out_width());
            printf("\n%lld due, %lld new\n", n.ndue, n.nnew);
        }
        practice_next_cleanup(&n);
    }
    practice_scope_cleanup(&sc);
    user_cleanup(&u);
    store_close(s);
    return rc;
}

/* ---- practice answer ---------------------------------------------------------------- */

static const struct option answer_opts[] = {{"as", required_argument, NULL, 'u'},
                                            {"rating", required_argument, NULL, 'r'},
                                            {"answer-file", required_argument, NULL, 'a'},
                                            {"seconds", required_argument, NULL, 's'},
                                            {"now", required_argument, NULL, 'n'},
                                            {"json", no_argument, NULL, 'j'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
static const struct cmd_spec answer_spec = {
    "practice answer", "h", answer_opts,
    "usage: rubric practice answer --as EMAIL QUESTION --rating again|hard|good|easy\n"
    "                              [--answer-file F] [--seconds N] [--now TIME] [--json]\n\n"
    "Records a self-rating of QUESTION (its id) and prints the new schedule: the due day and\n"
    "the interval FSRS gives it. With --answer-file (a UTF-8 text file of at most 64 KiB, or\n"
    "- for standard input) the answer's keyword coverage comes first: which key concepts of\n"
    "the good-answer points it mentions (a hint, not a judgement of the answer). The answer\n"
    "itself is not stored. With --json: {\"question\", \"rating\", \"coverage\" (or null),\n"
    "\"points\", \"schedule\": {\"due\", \"interval_days\", \"stability\", \"difficulty\", "
    "\"reps\",\n"
    "\"lapses\", ...}}.\n\n"
    "options:\n" USER_HELP "  --rating R       again, hard, good or easy (or 1 to 4)\n"
    "  --seconds N      time spent on the answer, for stats (default 0)\n" NOW_HELP};

/* Reads the answer file (or standard input for "-"), at most COVERAGE_ANSWER_MAX bytes. */
static enum rb_err
read_answer(const char *path, char **data, size_t *len, char *msg)
{
    struct buf b;
    char chunk[4096];
    size_t n;
    if (strcmp(path, "-") != 0) {
        enum rb_err e = fs_read(path, COVERAGE_ANSWER_MAX, data, len, msg);
        if (e == RB_ETOOBIG)
            snprintf(msg, RB_ERRMSG, "%s: more than %u bytes: an answer is shorter than that", path,
                     COVERAGE_ANSWER_MAX);
        return e;
    }
    buf_init(&b, COVERAGE_ANSWER_MAX);
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        if (buf_append(&b, chunk, n)) {
            buf_cleanup(&b);
            snprintf(msg, RB_ERRMSG, "standard input: more than %u bytes", COVERAGE_ANSWER_MAX);
            return RB_ETOOBIG;
        }
    }
    *len = b.len;
    *data = buf_take(&b);
    return RB_OK;
}

static int
practice_answer_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *email = NULL, *now = NULL, *file = NULL;
    int rating = 0;
    long seconds = 0;
    bool json = false, have_cov = false;
    struct practice_clock clk;
    struct practice_result r;
    struct coverage cov;
    struct question q = {0};
    struct store *s = NULL;
    struct user u = {0};
    char msg[RB_ERRMSG], *answer = NULL;
    size_t alen = 0, bad;
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&answer_spec, argc, argv, &rc)) > 0) {
        if (ch == 'u') {
            email = optarg;
        } else if (ch == 'n') {
            now = optarg;
        } else if (ch == 'j') {
            json = true;
        } else if (ch == 'a') {
            file = optarg;
        } else if (ch == 'r') {
            if (!(rating = fsrs_rating_parse(optarg)))
                return cmd_usage("practice answer", "bad --rating '%s': again, hard, good or easy",
                                 optarg);
        } else if (ch == 's') {
            if (!cmd_parse_int(optarg, 0, PRACTICE_SECONDS_MAX, &seconds))
                return cmd_usage("practice answer", "bad --seconds '%s': 0 to %d", optarg,
                                 PRACTICE_SECONDS_MAX);
        }
    }
    if (ch < 0)
        return rc;
    if (optind + 1 != argc)
        return cmd_usage("practice answer", "give one QUESTION id");
    if (!rating)
        return cmd_usage("practice answer", "give --rating again, hard, good or easy");
    if ((rc = parse_clock("practice answer", now, &clk)))
        return rc;
    if (file) {
        if ((e = read_answer(file, &answer, &alen, msg)))
            return cmd_fail(e, msg);
        if (!text_utf8_valid(answer, alen, &bad)) {
            cmd_error("%s:%d: not UTF-8 text (byte %zu): save the answer as UTF-8", file,
                      text_line_at(answer, bad), bad);
            free(answer);
            return RB_EXIT_PROBLEMS;
        }
    }
    if ((rc = cmd_open_store_seeded(ctx, &s))) {
        free(answer);
        return rc;
    }
    if ((rc = find_user(s, "practice answer", email, &u)))
        goto out;
    if ((e = store_question_get(s, argv[optind], &q, msg))) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    if (answer) {
        if ((e = practice_coverage(s, &q, answer, alen, &cov, msg))) {
            rc = cmd_fail(e, msg);
            goto out;
        }
        have_cov = true;
    }
    if ((e = practice_rate(s, u.id, &q, rating, have_cov ? &cov : NULL, (int)seconds, &clk, &r,
                           msg))) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    if (json) {
        rc = cmd_print_json(practice_result_to_json(&q, have_cov ? &cov : NULL, &r));
    } else {
        if (have_cov)
            print_coverage(&q, &cov);
        print_schedule(&r);
    }
out:
    if (have_cov)
        coverage_cleanup(&cov);
    question_cleanup(&q);
    user_cleanup(&u);
    store_close(s);
    free(answer);
    return rc;
}

/* ---- practice stats ----------------------------------------------------------------- */

static const struct option stats_opts[] = {{"as", required_argument, NULL, 'u'},
                                           {"now", required_argument, NULL, 'n'},
                                           {"json", no_argument, NULL, 'j'},
                                           {"help", no_argument, NULL, 'h'},
                                           {0}};
static const struct cmd_spec stats_spec = {
    "practice stats", "h", stats_opts,
    "usage: rubric practice stats [--as EMAIL] [--now TIME] [--json]\n\n"
    "Progress: questions due today, answers, retention (the share of reviews, answers after\n"
    "the first, not rated again), the streak (days in a row with an answer, up to today),\n"
    "time spent, answers by competency, and the weakest competencies (lowest mean of the\n"
    "ratings and keyword coverage of the last " XSTR(
        PRACTICE_RECENT_DAYS) " days).\n\n"
                              "options:\n" USER_HELP NOW_HELP};

static void
format_seconds(long long s, char *out, size_t len)
{
    if (s < 60)
        snprintf(out, len, "%lld s", s);
    else if (s < 3600)
        snprintf(out, len, "%lld min", (s + 30) / 60);
    else
        snprintf(out, len, "%lld h %lld min", s / 3600, (s % 3600 + 30) / 60);
}

static void
format_number(json_t *v, bool percent, char *out, size_t len)
{
    if (!json_is_number(v))
        snprintf(out, len, "-");
    else if (percent)
        snprintf(out, len, "%.0f%%", json_number_value(v) * 100);
    else
        snprintf(out, len, "%.2f", json_number_value(v));
}

static int
practice_stats_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *email = NULL, *now = NULL;
    bool json = false;
    struct practice_clock clk;
    struct store *s = NULL;
    struct user u = {0};
    json_t *o, *c;
    size_t i;
    char msg[RB_ERRMSG], a[32], b[32], t[32];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&stats_spec, argc, argv, &rc)) > 0) {
        if (ch == 'u')
            email = optarg;
        else if (ch == 'n')
            now = optarg;
        else if (ch == 'j')
            json = true;
    }
    if (ch < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("practice stats", "unexpected argument '%s'", argv[optind]);
    if ((rc = parse_clock("practice stats", now, &clk)))
        return rc;
    if ((rc = cmd_open_store_seeded(ctx, &s)))
        return rc;
    if ((rc = find_user(s, "practice stats", email, &u))) {
        store_close(s);
        return rc;
    }
    e = practice_stats(s, u.id, &clk, &o, msg);
    store_close(s);
    if (e) {
        user_cleanup(&u);
        return cmd_fail(e, msg);
    }
    json_object_set_new(o, "user", json_string(u.email));
    user_cleanup(&u);
    if (json)
        return cmd_print_json(o);
    format_number(json_object_get(o, "retention"), true, a, sizeof a);
    format_seconds(json_integer_value(json_object_get(o, "seconds")), t, sizeof t);
    printf("Practice of %s on %s\n", json_string_value(json_object_get(o, "user")),
           json_string_value(json_object_get(o, "today")));
    printf("  due today    %lld\n", (long long)json_integer_value(json_object_get(o, "due_today")));
    printf("  answers      %lld (%lld questions)\n",
           (long long)json_integer_value(json_object_get(o, "answers")),
           (long long)json_integer_value(json_object_get(o, "cards")));
    printf("  retention    %s of %lld reviews not rated again\n", a,
           (long long)json_integer_value(json_object_get(o, "reviews")));
    printf("  streak       %lld day%s\n",
           (long long)json_integer_value(json_object_get(o, "streak")),
           json_integer_value(json_object_get(o, "streak")) == 1 ? "" : "s");
    printf("  time spent   %s\n", t);
    if (json_array_size(json_object_get(o, "competencies"))) {
        static const char *const head[] = {"competency", ">answers",       ">questions",
                                           ">time",      ">recent rating", ">recent coverage"};
        struct table tb;
        printf("\n");
        table_init(&tb, 6, head, 0);
        json_array_foreach(json_object_get(o, "competencies"), i, c)
        {
            char n1[24], n2[24];
            const char *cells[6];
            snprintf(n1, sizeof n1, "%lld",
                     (long long)json_integer_value(json_object_get(c, "answers")));
            snprintf(n2, sizeof n2, "%lld",
                     (long long)json_integer_value(json_object_get(c, "questions")));
            format_seconds(json_integer_value(json_object_get(c, "seconds")), t, sizeof t);
            format_number(json_object_get(c, "recent_rating"), false, a, sizeof a);
            format_number(json_object_get(c, "recent_coverage"), true, b, sizeof b);
            cells[0] = json_string_value(json_object_get(c, "competency"));
            cells[1] = n1;
            cells[2] = n2;
            cells[3] = t;
            cells[4] = a;
            cells[5] = b;
            table_add(&tb, cells);
        }
        table_print(&tb, stdout, term_width(STDOUT_FILENO));
        table_cleanup(&tb);
    }
    if (json_array_size(json_object_get(o, "weakest"))) {
        printf("\nweakest:");
        json_array_foreach(json_object_get(o, "weakest"), i, c)
        {
            printf("%s %s", i ? "," : "", json_string_value(json_object_get(c, "competency")));
        }
        printf(" (recent ratings on 1 to 4 and keyword coverage)\n");
    }
    json_decref(o);
    return 0;
}

/* ---- practice export ---------------------------------------------------------------- */

static const struct option export_opts[] = {
    {"format", required_argument, NULL, 'f'}, {"role", required_argument, NULL, 'r'},
    {"level", required_argument, NULL, 'l'},  {"stage", required_argument, NULL, 's'},
    {"output", required_argument, NULL, 'o'}, {"now", required_argument, NULL, 'n'},
    {"help", no_argument, NULL, 'h'},         {0}};
static const struct cmd_spec export_spec = {
    "practice export", "h", export_opts,
    "usage: rubric practice export --format apkg|csv [--role R] [--level L] [--stage S]\n"
    "                              [--output FILE]\n\n"
    "The bank as an Anki deck: one note per question (with points), the question on the\n"
    "front, the points a good answer shows, pitfalls, red flags and follow-ups on the back,\n"
    "tagged with its competency, category and level. apkg is an Anki package (File > Import\n"
    "in Anki); csv is Anki's text import with its #headers. Notes keep a stable id, so\n"
    "importing a newer export updates them. Written to standard output unless --output\n"
    "(an apkg is not written to a terminal).\n\n"
    "options:\n" SCOPE_HELP "  --output FILE  where to write it\n" NOW_HELP};

static int
practice_export_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct scope_opts so = {NULL, 0, -1};
    const char *format = NULL, *output = NULL, *now = NULL;
    struct practice_clock clk;
    struct practice_scope sc;
    struct store *s = NULL;
    struct buf out;
    char msg[RB_ERRMSG], deck[128];
    int ch, rc = 0;
    bool apkg;
    enum rb_err e;

    while ((ch = cmd_getopt(&export_spec, argc, argv, &rc)) > 0) {
        if (ch == 'f')
            format = optarg;
        else if (ch == 'o')
            output = optarg;
        else if (ch == 'n')
            now = optarg;
        else if ((rc = scope_opt("practice export", ch, &so)))
            return rc;
    }
    if (ch < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("practice export", "unexpected argument '%s'", argv[optind]);
    if (!format || (strcmp(format, "apkg") != 0 && strcmp(format, "csv") != 0))
        return cmd_usage("practice export", "give --format apkg or csv");
    apkg = strcmp(format, "apkg") == 0;
    if (apkg && !output && isatty(STDOUT_FILENO))
        return cmd_usage("practice export",
                         "an apkg is a zip file: give --output FILE or redirect standard output");
    if ((rc = parse_clock("practice export", now, &clk)))
        return rc;
    if ((rc = cmd_open_store_seeded(ctx, &s)))
        return rc;
    if ((rc = scope_open(s, "practice export", &so, &sc))) {
        store_close(s);
        return rc;
    }
    snprintf(deck, sizeof deck, "Rubric%s%s", so.role ? "::" : "", so.role ? so.role : "");
    buf_init(&out, ANKI_EXPORT_MAX);
    e = anki_export(s, &sc, deck, apkg ? ANKI_APKG : ANKI_CSV, (long long)clk.t, &out, msg);
    practice_scope_cleanup(&sc);
    store_close(s);
    if (!e && output) {
        e = fs_write_atomic(output, out.data ? out.data : "", out.len, msg);
    } else if (!e) {
        if (fwrite(out.data ? out.data : "", 1, out.len, stdout) != out.len || fflush(stdout)) {
            snprintf(msg, sizeof msg, "cannot write the deck to standard output");
            e = RB_EIO;
        }
    }
    buf_cleanup(&out);
    return e ? cmd_fail(e, msg) : 0;
}

/* ---- the interactive session -------------------------------------------------------- */

static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
    stop_signal = sig;
}

static double
mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One line read through libedit's callback interface, so that the prompt can be redrawn
 * every second with the time left. */
static char *got_line;
static bool line_done;

static void
on_line(char *line)
{
    got_line = line;
    line_done = true;
}

/* libedit's callback interface swallows end of file (Ctrl-D on an empty line, or a terminal
 * gone): characters are read here instead, so that both end the session, and a signal
 * during a read ends it too. */
static bool saw_eof;

static int
getc_fn(FILE *f)
{
    unsigned char c;
    ssize_t n;
    (void)f;
    do {
        n = read(STDIN_FILENO, &c, 1);
    } while (n < 0 && errno == EINTR && !stop_signal);
    if (n <= 0) {
        saw_eof = true;
        return EOF;
    }
    if (c == 4 && rl_end == 0)
        saw_eof = true;
    return c;
}

struct clock_prompt {
    double start, limit; /* monotonic start and seconds allowed; limit 0: no countdown */
    double paused;       /* seconds spent paused */
};

static void
format_prompt(const struct clock_prompt *cp, char *out, size_t len)
{
    double left;
    long s;
    if (!cp || cp->limit <= 0) {
        snprintf(out, len, "> ");
        return;
    }
    left = cp->limit - (mono() - cp->start - cp->paused);
    s = left >= 0 ? (long)(left + 0.999) : (long)(-left);
    snprintf(out, len, "[%s%02ld:%02ld] > ", left >= 0 ? "" : "+", s / 60, s % 60);
}

enum read_status { READ_LINE, READ_EOF, READ_STOP };

static enum read_status
read_line(const struct clock_prompt *cp, char **line)
{
    char prompt[32], shown[32];
    *line = NULL;
    got_line = NULL;
    line_done = false;
    saw_eof = false;
    format_prompt(cp, prompt, sizeof prompt);
    memcpy(shown, prompt, sizeof shown);
    rl_callback_handler_install(prompt, on_line);
    while (!line_done && !stop_signal && !saw_eof) {
        fd_set fds;
        struct timeval tv = {0, 250000};
        int r;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        r = select(STDIN_FILENO + 1, &fds, NULL, NULL, &tv);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (r > 0) {
            rl_callback_read_char();
            continue;
        }
        format_prompt(cp, prompt, sizeof prompt);
        if (strcmp(prompt, shown) != 0) {
            /* libedit redraws from where it believes the line starts: go back to the row the
             * prompt is on (the line may have wrapped), clear below, and let it draw anew */
            size_t w = term_width(STDOUT_FILENO);
            size_t row = w ? (strlen(shown) + (size_t)(rl_point > 0 ? rl_point : 0)) / w : 0;
            if (row)
                printf("\033[%zuA", row);
            fputs("\r\033[J", stdout);
            fflush(stdout);
            memcpy(shown, prompt, sizeof shown);
            rl_set_prompt(prompt);
            rl_forced_update_display();
        }
    }
    rl_callback_handler_remove();
    if (stop_signal) {
        free(got_line);
        fputc('\n', stdout);
        return READ_STOP;
    }
    if (!line_done || !got_line) {
        fputc('\n', stdout);
        return READ_EOF;
    }
    *line = got_line;
    return READ_LINE;
}

struct session {
    struct store *s;
    struct user u;
    struct practice_scope sc;
    const char *now; /* --now, or NULL for the real clock */
    int budget;      /* seconds; 0: none */
    double started;
    int answered, reviews, fresh;
};

enum outcome { NEXT, QUIT };

static bool
is_cmd(const char *t, const char *name)
{
    return t[0] == ':' && strcmp(t + 1, name) == 0;
}

/* Asks for a rating until one is given; 0 when the session ends instead. */
static int
ask_rating(void)
{
    printf("How did it go? again (1), hard (2), good (3) or easy (4)\n");
    for (;;) {
        char *line;
        enum read_status st = read_line(NULL, &line);
        size_t n;
        const char *t;
        int r;
        if (st != READ_LINE)
            return 0;
        n = strlen(line);
        t = text_trim(line, &n);
        line[t - line + (ptrdiff_t)n] = '\0';
        if (is_cmd(t, "quit") || is_cmd(t, "q")) {
            free(line);
            return 0;
        }
        r = fsrs_rating_parse(t);
        free(line);
        if (r)
            return r;
        printf("Type again, hard, good or easy (or 1 to 4); :quit ends the session.\n");
    }
}

static enum outcome
ask(struct session *S, const struct practice_next *n)
{
    const struct question *q = &n->q;
    struct clock_prompt cp = {mono(), q->minutes * 60.0, 0};
    struct buf answer;
    struct coverage cov;
    struct practice_clock clk;
    struct practice_result res;
    size_t hint = 0;
    int empty = 0, rating;
    bool have_cov = false, reveal = false;
    enum outcome out = NEXT;
    char msg[RB_ERRMSG];

    printf("\n== %s (%s, %s, %s, %d min)\n", q->title, n->due ? "review" : "new",
           q->ncompetencies ? q->competencies[0] : "-", category_name(q->category), q->minutes);
    print_md(stdout, "", q->text, out_width());
    printf("\nAnswer below; end with a line holding only '.' (or two empty lines). "
           ":hint :reveal :skip :pause :quit\n");
    buf_init(&answer, COVERAGE_ANSWER_MAX);
    while (!reveal) {
        char *line;
        size_t len;
        const char *t;
        enum read_status st = read_line(&cp, &line);
        if (st != READ_LINE) {
            out = QUIT;
            goto done;
        }
        len = strlen(line);
        t = text_trim(line, &len);
        if (len && t[0] == ':') {
            char cmd[16];
            snprintf(cmd, sizeof cmd, "%.*s", (int)(len < 15 ? len : 15), t);
            if (is_cmd(cmd, "quit") || is_cmd(cmd, "q")) {
                out = QUIT;
                free(line);
                goto done;
            } else if (is_cmd(cmd, "skip")) {
                practice_scope_skip(&S->sc, q->id);
                printf("Skipped: not rated; it stays %s.\n", n->due ? "due" : "new");
                free(line);
                goto done;
            } else if (is_cmd(cmd, "reveal")) {
                reveal = true;
            } else if (is_cmd(cmd, "hint")) {
                while (hint < q->npoints && q->points[hint].kind != POINT_SHOWS)
                    hint++;
                if (hint < q->npoints)
                    print_md(stdout, "hint: ", q->points[hint++].text, out_width());
                else
                    printf("No more hints: :reveal shows everything.\n");
            } else if (is_cmd(cmd, "pause")) {
                double p = mono();
                char *ignore;
                printf("Paused: the clock is stopped. Press Enter to go on.\n");
                st = read_line(NULL, &ignore);
                free(ignore);
                cp.paused += mono() - p;
                if (st != READ_LINE) {
                    out = QUIT;
                    free(line);
                    goto done;
                }
            } else {
                printf("Commands: :hint :reveal :skip :pause :quit (an answer line starting "
                       "with ':' needs a space before it)\n");
            }
            free(line);
            continue;
        }
        if (len == 1 && t[0] == '.') {
            free(line);
            break;
        }
        if (!len) {
            free(line);
            if (++empty >= 2 && answer.len)
                break;
            buf_putc(&answer, '\n');
            continue;
        }
        empty = 0;
        if (buf_puts(&answer, line) || buf_putc(&answer, '\n'))
            printf("That is the longest answer taken (%u bytes): end it with '.'.\n",
                   COVERAGE_ANSWER_MAX);
        free(line);
    }

    {
        size_t alen = answer.len;
        const char *a = text_trim(buf_str(&answer), &alen);
        printf("\n");
        if (alen) {
            if (practice_coverage(S->s, q, a, alen, &cov, msg)) {
                cmd_error("%s", msg);
            } else {
                have_cov = true;
                print_coverage(q, &cov);
                printf("\n");
            }
        }
    }
    if (!have_cov) {
        print_points(q, POINT_SHOWS, "A good answer shows:");
        print_points(q, POINT_BONUS, "Bonus points:");
    }
    print_points(q, POINT_STAR, "A complete STAR answer:");
    print_points(q, POINT_PITFALL, "Pitfalls:");
    print_points(q, POINT_RED_FLAG, "Red flags:");
    print_points(q, POINT_FOLLOW_UP, "Follow-ups:");
    print_points(q, POINT_NOTE, "Notes:");
    printf("\n");
    if (!(rating = ask_rating())) {
        out = QUIT;
        goto done;
    }
    {
        double spent = mono() - cp.start - cp.paused;
        int secs = spent < 0 ? 0 : spent > PRACTICE_SECONDS_MAX ? PRACTICE_SECONDS_MAX : (int)spent;
        if (S->now)
            practice_clock_parse(&clk, S->now, msg);
        else
            practice_clock_at(&clk, time(NULL));
        if (practice_rate(S->s, S->u.id, q, rating, have_cov ? &cov : NULL, secs, &clk, &res,
                          msg)) {
            cmd_error("the rating was not saved: %s", msg);
            practice_scope_skip(&S->sc, q->id);
        } else {
            print_schedule(&res);
            S->answered++;
            if (res.first)
                S->fresh++;
            else
                S->reviews++;
        }
    }
done:
    if (have_cov)
        coverage_cleanup(&cov);
    buf_cleanup(&answer);
    return out;
}

static const struct option session_opts[] = {
    {"as", required_argument, NULL, 'u'},      {"role", required_argument, NULL, 'r'},
    {"level", required_argument, NULL, 'l'},   {"stage", required_argument, NULL, 's'},
    {"minutes", required_argument, NULL, 'm'}, {"now", required_argument, NULL, 'n'},
    {"help", no_argument, NULL, 'h'},          {0}};
static const struct cmd_spec session_spec = {"practice", "h", session_opts, practice_usage};

static int
practice_session(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct scope_opts so = {NULL, 0, -1};
    const char *email = NULL;
    struct session S;
    struct practice_clock clk;
    struct sigaction sa, old_int, old_hup, old_term;
    long minutes = 0;
    char msg[RB_ERRMSG];
    int ch, rc = 0;

    memset(&S, 0, sizeof S);
    while ((ch = cmd_getopt(&session_spec, argc, argv, &rc)) > 0) {
        if (ch == 'u') {
            email = optarg;
        } else if (ch == 'n') {
            S.now = optarg;
        } else if (ch == 'm') {
            if (!cmd_parse_int(optarg, 1, 600, &minutes))
                return cmd_usage("practice", "bad --minutes '%s': 1 to 600", optarg);
        } else if ((rc = scope_opt("practice", ch, &so))) {
            return rc;
        }
    }
    if (ch < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("practice", "unknown practice command '%s'", argv[optind]);
    if (!isatty(STDIN_FILENO))
        return cmd_usage("practice",
                         "a practice session needs a terminal; scripts use 'rubric practice "
                         "next' and 'rubric practice answer'");
    if ((rc = parse_clock("practice", S.now, &clk)))
        return rc;
    if ((rc = cmd_open_store_seeded(ctx, &S.s)))
        return rc;
    if ((rc = find_user(S.s, "practice", email, &S.u)) ||
        (rc = scope_open(S.s, "practice", &so, &S.sc))) {
        user_cleanup(&S.u);
        store_close(S.s);
        return rc;
    }
    S.budget = (int)minutes * 60;
    S.started = mono();

    /* Ctrl-C, a closed terminal or a kill end the session between two reads: every rating
     * given is already committed */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGHUP, &sa, &old_hup);
    sigaction(SIGTERM, &sa, &old_term);
    rl_catch_signals = 0;
    rl_readline_name = "rubric";
    rl_getc_function = getc_fn;

    printf("Practice for %s%s%s, %s. Ratings are saved as you give them.\n", S.u.email,
           so.role ? " as " : "", so.role ? so.role : "", clk.today);
    for (;;) {
        struct practice_next n;
        enum rb_err e;
        if (S.budget && mono() - S.started >= S.budget) {
            printf("\nThe %ld minutes are up.\n", minutes);
            break;
        }
        if (S.now)
            practice_clock_parse(&clk, S.now, msg);
        else
            practice_clock_at(&clk, time(NULL));
        e = practice_next(S.s, S.u.id, &S.sc, &clk, &n, msg);
        if (e == RB_ENOTFOUND) {
            printf("\nNothing more to practise today: no question is due and none is new.\n");
            break;
        }
        if (e) {
            rc = cmd_fail(e, msg);
            break;
        }
        printf("\n%lld due, %lld new", n.ndue, n.nnew);
        if (ask(&S, &n) == QUIT) {
            practice_next_cleanup(&n);
            break;
        }
        practice_next_cleanup(&n);
        if (stop_signal)
            break;
    }
    printf("\nAnswered %d (%d new, %d review%s). Progress kept.\n", S.answered, S.fresh, S.reviews,
           S.reviews == 1 ? "" : "s");
    fflush(stdout);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    practice_scope_cleanup(&S.sc);
    user_cleanup(&S.u);
    store_close(S.s);
    return rc ? rc : stop_signal ? 128 + stop_signal : 0;
}

static const struct cmd_sub subs[] = {{"next", practice_next_cmd},
                                      {"answer", practice_answer_cmd},
                                      {"export", practice_export_cmd},
                                      {"stats", practice_stats_cmd}};

/* --user EMAIL was practice's own name for what every other command calls --as EMAIL: it
 * still works, read as --as, with a note on stderr. argv's strings are rewritten in place
 * ("--user=X" is longer than "--as=X"). */
static void
user_is_as(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (strcmp(a, "--") == 0)
            break;
        if (strcmp(a, "--user") != 0 && strncmp(a, "--user=", 7) != 0)
            continue;
        fputs("rubric: --user is now --as EMAIL, as in the other commands; --user still works\n",
              stderr);
        if (a[6] == '=')
            memmove(a + 4, a + 6, strlen(a + 6) + 1); /* "--user=X" -> "--as=X" */
        else
            a[4] = '\0'; /* "--user" -> "--us", then "--as" */
        a[2] = 'a';
        a[3] = 's';
    }
}

int
cmd_practice(struct cmd_ctx *ctx, int argc, char **argv)
{
    user_is_as(argc, argv);
    if (argc >= 2 && argv[1][0] != '-') {
        if (strcmp(argv[1], "help") == 0) {
            fputs(practice_usage, stdout);
            return 0;
        }
        return cmd_dispatch(ctx, argc, argv, "practice", subs, sizeof subs / sizeof subs[0],
                            practice_usage);
    }
    return practice_session(ctx, argc, argv);
}
