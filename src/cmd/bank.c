/* SPDX-License-Identifier: MIT */
/*
 * `rubric bank`: load, lint, stats, search, show, export and import. Argument parsing and
 * printing only; the work is in core/bank*.c, core/import.c and the store.
 */
#include <editline/readline.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/bank.h"
#include "core/bank_json.h"
#include "core/bank_md.h"
#include "core/import.h"
#include "core/import_apply.h"
#include "model/skills.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/jsonv.h"
#include "util/mem.h"
#include "util/table.h"
#include "util/text.h"

#define BOLD(ctx) ((ctx)->out_tty ? "\033[1m" : "")
#define DIM(ctx) ((ctx)->out_tty ? "\033[2m" : "")
#define RESET(ctx) ((ctx)->out_tty ? "\033[0m" : "")

static const char bank_usage[] =
    "usage: rubric bank COMMAND [ARGS]\n"
    "\n"
    "The question bank: Markdown files (one per competency, docs/FORMATS.md) loaded into the\n"
    "store, searched and shown from there.\n"
    "\n"
    "commands:\n"
    "  load [DIR|FILE.json]   (re)load the bank into the store in one transaction\n"
    "  lint [DIR]             check bank files; problems as file:line: message\n"
    "  stats                  counts by competency, category and level, and the gaps\n"
    "  search QUERY           full-text search, best first\n"
    "  show ID                one question with its points\n"
    "  export                 the whole bank as JSON or Markdown files\n"
    "  import FILE.md         add the questions of a Markdown list people keep on GitHub\n"
    "\n"
    "Without DIR, load and lint use the bank built into rubric. 'rubric bank COMMAND --help'\n"
    "tells more about each.\n";

/* ---- reading a bank from files ------------------------------------------------------ */

/* The name of a bank source as the user gave it, for messages. */
static const char *
source_name(int n, char **srcs)
{
    if (!n)
        return "the built-in bank";
    return n == 1 ? srcs[0] : "the bank";
}

static bool
known_skill(const char *name, void *taxonomy)
{
    return skills_find(taxonomy, name) != NULL;
}

/* Reads the bank from the sources given (directories, JSON exports, and the word
 * "builtin" for the bank built into rubric; none: the built-in one) as one bank, and
 * checks it. Problems are printed; returns the exit code (0 when clean). */
static int
read_bank(int n, char **srcs, int strict, struct bank *b)
{
    struct diags d;
    char msg[RB_ERRMSG] = "";
    int rc = 0;

    diags_init(&d, 0);
    if (!n)
        bank_read_builtin(b, &d);
    for (int i = 0; i < n; i++) {
        if (strcmp(srcs[i], "builtin") == 0) {
            bank_read_builtin(b, &d);
        } else if (fs_is_dir(srcs[i])) {
            if (bank_read_dir(b, srcs[i], &d, msg)) {
                diags_cleanup(&d);
                return cmd_fail(RB_EIO, msg);
            }
        } else {
            char *data;
            size_t len;
            enum rb_err e = fs_read(srcs[i], 256u << 20, &data, &len, msg);
            if (e) {
                diags_cleanup(&d);
                return cmd_fail(e, msg);
            }
            bank_from_json(b, srcs[i], data, len, &d);
            free(data);
        }
    }
    bank_check(b, strict, &d);
    {
        /* skills name the taxonomy built into rubric, by canonical name */
        struct skills taxonomy;
        struct diags ignore;
        skills_init(&taxonomy);
        diags_init(&ignore, 0);
        skills_read_builtin(&taxonomy, &ignore);
        bank_check_skills(b, known_skill, &taxonomy, &d);
        diags_cleanup(&ignore);
        skills_cleanup(&taxonomy);
    }
    if (diags_count(&d)) {
        diags_sort(&d);
        diags_print(&d, stderr);
        cmd_error("%zu problem%s in %s", diags_count(&d), diags_count(&d) == 1 ? "" : "s",
                  source_name(n, srcs));
        rc = RB_EXIT_PROBLEMS;
    }
    diags_cleanup(&d);
    return rc;
}

/* ---- load --------------------------------------------------------------------------- */

static const struct option load_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec load_spec = {
    "bank load", "h", load_opts,
    "usage: rubric bank load [SOURCE...] [--json]\n\n"
    "Reads and checks a bank and loads it into the store in one transaction. A SOURCE is a\n"
    "directory of bank files, a JSON file written by 'rubric bank export', or the word\n"
    "'builtin' for the bank built into rubric (the default). Several sources make one bank:\n"
    "'rubric bank load builtin my-field/' adds a field's own competencies and questions to\n"
    "the built-in bank. Questions are matched by id: new ones are\n"
    "added, changed ones updated, and questions from bank files that are gone\n"
    "are retired (kept for history, no longer found). Imported questions stay.\n"
    "Any problem in any file stops the load and leaves the store unchanged.\n"};

static int
bank_load(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct bank b;
    struct store *s = NULL;
    struct load_result r;
    char msg[RB_ERRMSG] = "";
    bool json = false;
    int c, rc;

    while ((c = cmd_getopt(&load_spec, argc, argv, &rc)) > 0) {
        switch (c) {
        case 'j':
            json = true;
            break;
        }
    }
    if (c < 0)
        return rc;
    bank_init(&b);
    rc = read_bank(argc - optind, argv + optind, 0, &b);
    if (rc) {
        cmd_error("nothing was loaded; the store is unchanged");
        goto out;
    }
    if ((rc = cmd_open_store(ctx, &s)))
        goto out;
    {
        enum rb_err e = store_bank_load(s, &b, &r, msg);
        if (e) {
            rc = cmd_fail(e, msg);
            goto out;
        }
    }
    if (json) {
        rc = cmd_print_json(
            json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "questions", (json_int_t)b.nqs,
                      "added", (json_int_t)r.added, "updated", (json_int_t)r.updated, "unchanged",
                      (json_int_t)r.unchanged, "retired", (json_int_t)r.retired, "competencies",
                      (json_int_t)r.competencies, "synonyms", (json_int_t)r.synonyms));
    } else {
        printf("loaded %zu questions in %zu competencies from %s: %zu added, %zu updated, %zu "
               "unchanged, %zu retired\n",
               b.nqs, r.competencies, source_name(argc - optind, argv + optind), r.added, r.updated,
               r.unchanged, r.retired);
    }
out:
    store_close(s);
    bank_cleanup(&b);
    return rc;
}

/* ---- lint --------------------------------------------------------------------------- */

static const struct option lint_opts[] = {
    {"strict", no_argument, NULL, 's'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec lint_spec = {
    "bank lint", "h", lint_opts,
    "usage: rubric bank lint [SOURCE...] [--strict]\n\n"
    "Checks every bank file of the sources (directories, JSON exports, or 'builtin'; default:\n"
    "the bank built into rubric), as one bank, against\n"
    "docs/FORMATS.md: fields, sections, bold key concepts, STAR answers for\n"
    "behavioural questions, unique ids, known competencies, and near-duplicate\n"
    "questions. Each problem is printed as file:line: message.\n\n"
    "  --strict   the editor's checks too (docs/BANK.md): grades 1 to 4 on every\n"
    "             question, a 'By level' item for each level a question spans, one check\n"
    "             per point, no vague points, no screening point that scores a\n"
    "             disclosure; and imported questions must have points\n\n"
    "Exit status: 0 when clean, 1 when any problem was found.\n"};

static int
bank_lint(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct bank b;
    size_t nfiles = 0;
    int strict = 0, c, rc;

    (void)ctx;
    while ((c = cmd_getopt(&lint_spec, argc, argv, &rc)) > 0) {
        switch (c) {
        case 's':
            strict = 1;
            break;
        }
    }
    if (c < 0)
        return rc;
    bank_init(&b);
    rc = read_bank(argc - optind, argv + optind, strict, &b);
    nfiles = b.ncomps;
    if (!rc)
        fprintf(stderr, "rubric: ok: %zu questions in %zu competencies\n", b.nqs, nfiles);
    bank_cleanup(&b);
    return rc;
}

/* ---- stats -------------------------------------------------------------------------- */

static const char *const cat_short[CAT_COUNT] = {">SCREEN",  ">TECH",  ">DESIGN", ">CODE",
                                                 ">TROUBLE", ">BEHAV", ">PROJECT"};

static void
count_cell(char *out, size_t n, size_t v)
{
    if (v)
        snprintf(out, n, "%zu", v);
    else
        snprintf(out, n, "-");
}

static const struct option stats_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec stats_spec = {
    "bank stats", "h", stats_opts,
    "usage: rubric bank stats [--json]\n\n"
    "Counts the live questions in the store by competency (each question under\n"
    "its primary competency), by category and by level, and shows the category\n"
    "by level matrix so that gaps ('-') are visible. A question with a level\n"
    "range counts at every level of the range.\n"};

static int
bank_stats(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct store *s = NULL;
    struct bank_stats st;
    char msg[RB_ERRMSG] = "";
    bool json = false;
    int c, rc;
    enum rb_err e;

    while ((c = cmd_getopt(&stats_spec, argc, argv, &rc)) > 0) {
        switch (c) {
        case 'j':
            json = true;
            break;
        }
    }
    if (c < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("bank stats", "unexpected argument '%s'", argv[optind]);
    if ((rc = cmd_open_store_seeded(ctx, &s)))
        return rc;
    e = store_bank_stats(s, &st, msg);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    if (json) {
        rc = cmd_print_json(bank_stats_to_json(&st));
        bank_stats_cleanup(&st);
        return rc;
    }
    printf("%s%zu questions%s in %zu competencies (%zu imported, %zu retired)\n\n", BOLD(ctx),
           st.questions, RESET(ctx), st.ncomps, st.imported, st.retired);
    if (!st.questions) {
        printf("The store has no questions yet: run 'rubric bank load'.\n");
        bank_stats_cleanup(&st);
        return 0;
    }
    {
        const char *head[1 + 1 + CAT_COUNT + LEVEL_MAX];
        struct table t;
        size_t k = 0;
        head[k++] = "COMPETENCY";
        head[k++] = ">TOTAL";
        for (int i = 0; i < CAT_COUNT; i++)
            head[k++] = cat_short[i];
        head[k++] = ">JUN";
        head[k++] = ">MID";
        head[k++] = ">SEN";
        head[k++] = ">ARCH";
        table_init(&t, k, head, 0);
        for (size_t i = 0; i < st.ncomps; i++) {
            char cells[1 + 1 + CAT_COUNT + LEVEL_MAX][72];
            const char *row[1 + 1 + CAT_COUNT + LEVEL_MAX];
            size_t j = 0;
            snprintf(cells[j], sizeof cells[j], "%s", st.comps[i].id);
            row[j] = cells[j];
            j++;
            count_cell(cells[j], sizeof cells[j], st.comps[i].total);
            row[j] = cells[j];
            j++;
            for (int ci = 0; ci < CAT_COUNT; ci++, j++) {
                count_cell(cells[j], sizeof cells[j], st.comps[i].by_category[ci]);
                row[j] = cells[j];
            }
            for (int l = LEVEL_JUNIOR; l <= LEVEL_MAX; l++, j++) {
                count_cell(cells[j], sizeof cells[j], st.comps[i].by_level[l]);
                row[j] = cells[j];
            }
            table_add(&t, row);
        }
        table_print(&t, stdout, term_width(STDOUT_FILENO));
        table_cleanup(&t);
    }
    {
        static const char *const head[] = {"CATEGORY", ">TOTAL",  ">JUNIOR",
                                           ">MID",     ">SENIOR", ">ARCHITECT"};
        struct table t;
        printf("\n%sBy category and level%s (a range counts at each of its levels; '-' is a "
               "gap)\n",
               BOLD(ctx), RESET(ctx));
        table_init(&t, 6, head, -1);
        for (int ci = 0; ci < CAT_COUNT; ci++) {
            char cells[6][24];
            const char *row[6];
            snprintf(cells[0], sizeof cells[0], "%s", category_name((enum category)ci));
            count_cell(cells[1], sizeof cells[1], st.by_category[ci]);
            for (int l = LEVEL_JUNIOR; l <= LEVEL_MAX; l++)
                count_cell(cells[1 + l], sizeof cells[1 + l], st.matrix[ci][l]);
            for (int j = 0; j < 6; j++)
                row[j] = cells[j];
            table_add(&t, row);
        }
        table_print(&t, stdout, 0);
        table_cleanup(&t);
    }
    if (st.ntracks) {
        static const char *const head[] = {"TRACK", ">TOTAL",  ">JUNIOR",
                                           ">MID",  ">SENIOR", ">ARCHITECT"};
        struct table t;
        printf("\n%sStack tracks%s (questions by level)\n", BOLD(ctx), RESET(ctx));
        table_init(&t, 6, head, -1);
        for (size_t i = 0; i < st.ntracks; i++) {
            char cells[6][72];
            const char *row[6];
            snprintf(cells[0], sizeof cells[0], "%s", st.tracks[i].track);
            count_cell(cells[1], sizeof cells[1], st.tracks[i].total);
            for (int l = LEVEL_JUNIOR; l <= LEVEL_MAX; l++)
                count_cell(cells[1 + l], sizeof cells[1 + l], st.tracks[i].by_level[l]);
            for (int j = 0; j < 6; j++)
                row[j] = cells[j];
            table_add(&t, row);
        }
        table_print(&t, stdout, 0);
        table_cleanup(&t);
    }
    bank_stats_cleanup(&st);
    return 0;
}

/* ---- search ------------------------------------------------------------------------- */

static void
print_hits(struct cmd_ctx *ctx, const struct search_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct search_hit *h = &hits[i];
        char range[32];
        char *snip = snippet_mark(h->snippet ? h->snippet : "", ctx->out_tty ? "\033[1m" : "**",
                                  ctx->out_tty ? "\033[0m" : "**");
        level_range_format(h->level_min, h->level_max, range, sizeof range);
        for (char *p = snip; *p; p++)
            if (*p == '\n')
                *p = ' ';
        printf("%2zu. %s%s%s  %s\n", i + 1, BOLD(ctx), h->id, RESET(ctx), h->title);
        printf("    %s%s · %s · %d min · %s · score %.2f%s\n", DIM(ctx), category_name(h->category),
               range, h->minutes, h->competency ? h->competency : "-", h->score, RESET(ctx));
        if (*snip)
            printf("    %s\n", snip);
        free(snip);
    }
}

static int
run_search(struct cmd_ctx *ctx, struct store *s, struct search_query *q, bool json)
{
    struct search_hit *hits;
    size_t n;
    char msg[RB_ERRMSG] = "";
    enum rb_err e = store_question_search(s, q, &hits, &n, msg);

    if (e)
        return cmd_fail(e, msg);
    if (json) {
        json_t *o = search_hits_to_json(hits, n);
        json_object_set_new(o, "query", json_string(q->text));
        search_hits_free(hits, n);
        return cmd_print_json(o);
    }
    if (!n) {
        char clip[TEXT_CLIP_SIZE];
        printf("no questions match '%s'\n", text_clip(q->text, clip));
    }
    print_hits(ctx, hits, n);
    search_hits_free(hits, n);
    return 0;
}

static void print_question(struct cmd_ctx *ctx, const struct question *q);

/* The prompt of `make run` and `rubric bank search --interactive`. */
static int
search_interactive(struct cmd_ctx *ctx, struct store *s, struct search_query *q)
{
    char *line;

    printf("Search the bank: type words to search, ':show ID' to read a question, "
           "':quit' or Ctrl-D to leave.\n");
    using_history();
    while ((line = readline("rubric> "))) {
        size_t len = strlen(line);
        const char *t = line;
        while (*t == ' ')
            t++;
        if (*t)
            add_history(line);
        if (!*t) {
            /* nothing */
        } else if (strcmp(t, ":quit") == 0 || strcmp(t, ":q") == 0) {
            free(line);
            break;
        } else if (strncmp(t, ":show ", 6) == 0) {
            struct question qq;
            char msg[RB_ERRMSG] = "";
            const char *id = t + 6;
            while (*id == ' ')
                id++;
            if (store_question_get(s, id, &qq, msg) == RB_OK) {
                print_question(ctx, &qq);
                question_cleanup(&qq);
            } else {
                cmd_error("%s", msg);
            }
        } else {
            q->text = t;
            run_search(ctx, s, q, false);
        }
        (void)len;
        free(line);
    }
    return 0;
}

static const struct option search_opts[] = {{"level", required_argument, NULL, 'l'},
                                            {"category", required_argument, NULL, 'c'},
                                            {"competency", required_argument, NULL, 'C'},
                                            {"role", required_argument, NULL, 'r'},
                                            {"limit", required_argument, NULL, 'n'},
                                            {"json", no_argument, NULL, 'j'},
                                            {"interactive", no_argument, NULL, 'i'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
static const struct cmd_spec search_spec = {
    "bank search", "ih", search_opts,
    "usage: rubric bank search QUERY [--level L] [--category C]\n"
    "                          [--competency X] [--role R] [--limit N] [--json]\n"
    "       rubric bank search --interactive [filters]\n\n"
    "Full-text search over question titles, texts and points, ranked by BM25\n"
    "(title matches count most), with English stemming: 'caches' finds 'cache'.\n"
    "Every word must match; \"two words\" in quotes is a phrase; word* is a\n"
    "prefix. Retired questions are not found.\n\n"
    "  --level L        junior, mid, senior or architect (within the range)\n"
    "  --category C     screening, technical, system-design, coding,\n"
    "                   troubleshooting, behavioral, past-project\n"
    "  --competency X   questions that assess competency X\n"
    "  --role R         questions fit for stored role R: its competencies, at its\n"
    "                   level unless --level says otherwise\n"
    "  --limit N        at most N results (default 20, at most " XSTR(
        SEARCH_LIMIT_MAX) ")\n"
                          "  --json           results as JSON (docs/FORMATS.md)\n"
                          "  -i, --interactive  a prompt: type queries, ':show ID', ':quit'\n"};

static int
bank_search(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct search_query q = {NULL, 0, -1, NULL, 20, NULL, 0, 0, 0};
    struct store *s = NULL;
    struct role role = {0};
    const char *role_id = NULL;
    const char **any_of = NULL;
    struct buf text;
    bool json = false, interactive = false;
    int c, rc;
    long v;

    while ((c = cmd_getopt(&search_spec, argc, argv, &rc)) > 0) {
        switch (c) {
        case 'l':
            q.level = level_parse(optarg, strlen(optarg));
            if (!q.level)
                return cmd_usage("bank search",
                                 "bad --level '%s': expected junior, mid, senior or architect",
                                 optarg);
            break;
        case 'c':
            q.category = category_parse(optarg, strlen(optarg));
            if (q.category < 0)
                return cmd_usage("bank search",
                                 "bad --category '%s': expected screening, technical, "
                                 "system-design, coding, troubleshooting, behavioral or "
                                 "past-project",
                                 optarg);
            break;
        case 'C':
            q.competency = optarg;
            break;
        case 'r':
            role_id = optarg;
            break;
        case 'n':
            if (!cmd_parse_int(optarg, 1, SEARCH_LIMIT_MAX, &v))
                return cmd_usage("bank search", "bad --limit '%s': expected 1 to %d", optarg,
                                 SEARCH_LIMIT_MAX);
            q.limit = (size_t)v;
            break;
        case 'j':
            json = true;
            break;
        case 'i':
            interactive = true;
            break;
        }
    }
    if (c < 0)
        return rc;
    buf_init(&text, 4096);
    for (int i = optind; i < argc; i++)
        if (buf_printf(&text, "%s%s", i > optind ? " " : "", argv[i])) {
            buf_cleanup(&text);
            return cmd_usage("bank search", "query too long");
        }
    if (!interactive && !text.len) {
        buf_cleanup(&text);
        return cmd_usage("bank search", "empty query: give one or more words to search for");
    }
    if ((rc = cmd_open_store_seeded(ctx, &s))) {
        buf_cleanup(&text);
        return rc;
    }
    if (role_id) {
        char msg[RB_ERRMSG] = "";
        enum rb_err e = store_role_get(s, role_id, &role, msg);
        if (e) {
            rc = e == RB_ENOTFOUND ? cmd_usage("bank search", "%s: see 'rubric role list'", msg)
                                   : cmd_fail(e, msg);
            goto out;
        }
        any_of = xcalloc(role.ncomps + 1, sizeof *any_of);
        for (size_t i = 0; i < role.ncomps; i++)
            any_of[i] = role.comps[i].id;
        q.any_of = any_of;
        if (!q.level)
            q.level = role.level;
    }
    if (interactive) {
        rc = search_interactive(ctx, s, &q);
    } else {
        q.text = buf_str(&text);
        rc = run_search(ctx, s, &q, json);
    }
out:
    free(any_of);
    role_cleanup(&role);
    store_close(s);
    buf_cleanup(&text);
    return rc;
}

/* ---- show --------------------------------------------------------------------------- */

static void
print_question(struct cmd_ctx *ctx, const struct question *q)
{
    char range[32];
    int last = -1;

    level_range_format(q->level_min, q->level_max, range, sizeof range);
    printf("%s%s%s  %s\n", BOLD(ctx), q->id, RESET(ctx), q->title);
    printf("%s%s · %s · %d min · ", DIM(ctx), category_name(q->category), range, q->minutes);
    for (size_t i = 0; i < q->ncompetencies; i++)
        printf("%s%s", i ? ", " : "", q->competencies[i]);
    if (q->source)
        printf(" · imported from %s", q->source);
    if (q->topic)
        printf(" · topic: %s", q->topic);
    if (q->track)
        printf(" · track: %s", q->track);
    if (q->nskills) {
        printf(" · skills: ");
        for (size_t i = 0; i < q->nskills; i++)
            printf("%s%s", i ? ", " : "", q->skills[i]);
    }
    printf("%s\n\n%s\n", RESET(ctx), q->text);
    for (size_t i = 0; i < q->npoints; i++) {
        const struct point *p = &q->points[i];
        if ((int)p->kind != last) {
            printf("\n%s%s%s\n", BOLD(ctx), point_kind_heading(p->kind), RESET(ctx));
            last = (int)p->kind;
        }
        printf("  - ");
        if (p->kind == POINT_GRADE)
            printf("%d: ", p->tag);
        else if (p->kind == POINT_BY_LEVEL)
            printf("%s: ", level_name(p->tag));
        for (const char *t = p->text; *t; t++) {
            putchar(*t);
            if (*t == '\n')
                printf("    ");
        }
        putchar('\n');
    }
}

static const struct option show_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec show_spec = {
    "bank show", "h", show_opts,
    "usage: rubric bank show ID [--json]\n\n"
    "Prints one question: its text, level, category, minutes, competencies, skills and\n"
    "track, what a good answer shows (essential) and bonus points, its grades 1 to 4,\n"
    "what each level it spans must show, pitfalls, red flags, follow-ups, interviewer\n"
    "notes and the STAR outline of behavioural questions.\n"};

static int
bank_show(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct store *s = NULL;
    struct question q;
    char msg[RB_ERRMSG] = "";
    bool json = false;
    int c, rc;
    enum rb_err e;

    while ((c = cmd_getopt(&show_spec, argc, argv, &rc)) > 0) {
        switch (c) {
        case 'j':
            json = true;
            break;
        }
    }
    if (c < 0)
        return rc;
    if (argc - optind != 1)
        return cmd_usage("bank show", "give one question id");
    if ((rc = cmd_open_store_seeded(ctx, &s)))
        return rc;
    e = store_question_get(s, argv[optind], &q, msg);
    store_close(s);
    if (e == RB_ENOTFOUND) {
        char clip[TEXT_CLIP_SIZE];
        cmd_error("no question with id '%s': try 'rubric bank search WORDS' to find its id",
                  text_clip(argv[optind], clip));
        return rb_err_exit(e);
    }
    if (e)
        return cmd_fail(e, msg);
    if (json)
        rc = cmd_print_json(question_to_json(&q));
    else
        print_question(ctx, &q);
    question_cleanup(&q);
    return rc;
}

/* ---- export ------------------------------------------------------------------------- */

static int
export_md(const struct bank *b, const char *dir)
{
    char msg[RB_ERRMSG] = "";
    struct buf out, path;
    enum rb_err e = fs_mkdirs(dir, msg);

    if (e)
        return cmd_fail(e, msg);
    buf_init(&out, 256u << 20);
    buf_init(&path, 8192);
    for (size_t i = 0; i < b->ncomps && !e; i++) {
        buf_reset(&out);
        buf_reset(&path);
        buf_printf(&path, "%s/%s.md", dir, b->comps[i].id);
        e = bank_write_md(b, &b->comps[i], &out);
        if (!e)
            e = fs_write_atomic(buf_str(&path), out.data, out.len, msg);
    }
    {
        const char *tracks[64];
        size_t nt = bank_tracks(b, tracks, 64);
        for (size_t i = 0; i < nt && !e; i++) {
            buf_reset(&out);
            buf_reset(&path);
            buf_printf(&path, "%s/stack-%s.md", dir, tracks[i]);
            e = bank_write_md_track(b, tracks[i], &out);
            if (!e)
                e = fs_write_atomic(buf_str(&path), out.data, out.len, msg);
        }
    }
    if (!e) {
        buf_reset(&out);
        buf_reset(&path);
        buf_printf(&path, "%s/synonyms.txt", dir);
        e = bank_write_synonyms(b, &out);
        if (!e)
            e = fs_write_atomic(buf_str(&path), out.data, out.len, msg);
    }
    buf_cleanup(&out);
    buf_cleanup(&path);
    if (e)
        return cmd_fail(e, msg);
    fprintf(stderr, "rubric: wrote %zu questions in %zu files to %s\n", b->nqs, b->ncomps, dir);
    return 0;
}

static const struct option export_opts[] = {{"format", required_argument, NULL, 'f'},
                                            {"output", required_argument, NULL, 'o'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
static const struct cmd_spec export_spec = {
    "bank export", "o:h", export_opts,
    "usage: rubric bank export [--format json|md] [--output PATH]\n\n"
    "Writes every live question, competency and synonym in the store.\n"
    "  --format json   one JSON document (default), to PATH or stdout\n"
    "  --format md     bank files, one per competency, and synonyms.txt, into\n"
    "                  the directory PATH (required)\n"
    "'rubric bank load PATH' reads either back, and gives the same store.\n"};

static int
bank_export(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *format = "json", *output = NULL;
    struct store *s = NULL;
    struct bank b;
    char msg[RB_ERRMSG] = "";
    int c, rc;
    enum rb_err e;

    while ((c = cmd_getopt(&export_spec, argc, argv, &rc)) > 0) {
        switch (c) {
        case 'f':
            format = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        }
    }
    if (c < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("bank export", "unexpected argument '%s'", argv[optind]);
    if (strcmp(format, "json") != 0 && strcmp(format, "md") != 0)
        return cmd_usage("bank export", "bad --format '%s': expected json or md", format);
    if (strcmp(format, "md") == 0 && !output)
        return cmd_usage("bank export", "--format md writes one file per competency: give "
                                        "--output DIR");
    if ((rc = cmd_open_store_seeded(ctx, &s)))
        return rc;
    bank_init(&b);
    e = store_bank_export(s, &b, msg);
    store_close(s);
    if (e) {
        bank_cleanup(&b);
        return cmd_fail(e, msg);
    }
    if (strcmp(format, "md") == 0) {
        rc = export_md(&b, output);
    } else {
        json_t *j = bank_to_json(&b);
        char *text = json_dumps(j, JSON_INDENT(2) | JSON_OUT_REAL | JSON_PRESERVE_ORDER);
        json_decref(j);
        if (!text) {
            rc = cmd_fail(RB_EINTERNAL, "cannot encode the bank as JSON");
        } else if (output) {
            size_t len = strlen(text);
            text = xrealloc(text, len + 2);
            memcpy(text + len, "\n", 2);
            e = fs_write_atomic(output, text, len + 1, msg);
            if (e)
                rc = cmd_fail(e, msg);
        } else {
            puts(text);
        }
        free(text);
    }
    bank_cleanup(&b);
    return rc;
}

/* ---- import ------------------------------------------------------------------------- */

static const struct option import_opts[] = {{"competency", required_argument, NULL, 'C'},
                                            {"source", required_argument, NULL, 's'},
                                            {"dry-run", no_argument, NULL, 'n'},
                                            {"json", no_argument, NULL, 'j'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
static const struct cmd_spec import_spec = {
    "bank import", "nh", import_opts,
    "usage: rubric bank import FILE.md [--competency X] [--source NAME]\n"
    "                          [--dry-run] [--json]\n\n"
    "Adds the questions of a Markdown question list (the kind people keep on\n"
    "GitHub): bulleted or numbered items, headings, a title heading with the\n"
    "question beneath, <details><summary> blocks, 'Q.' or number prefixes, in\n"
    "any language. Section headings become topics; answers beneath a question\n"
    "are kept as notes. Tables of contents, badges, link lists, back-to-top\n"
    "links and introductions are left out. Imported questions are marked with\n"
    "their source and have no points until someone writes them.\n"
    "Importing the same file again adds nothing twice.\n\n"
    "  --competency X   file them under competency X (default: 'imported')\n"
    "  --source NAME    the source to record (default: the file's name)\n"
    "  -n, --dry-run    show what would be imported; change nothing\n"
    "  --json           the questions as JSON (docs/FORMATS.md)\n"};

static int
bank_import(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *competency = NULL, *source = NULL, *file;
    bool dry = false, json = false;
    struct store *s = NULL;
    struct import_set set;
    struct import_result r = {0};
    char msg[RB_ERRMSG] = "";
    char *data = NULL;
    size_t len;
    int c, rc;
    enum rb_err e;

    while ((c = cmd_getopt(&import_spec, argc, argv, &rc)) > 0) {
        switch (c) {
        case 'C':
            competency = optarg;
            break;
        case 's':
            source = optarg;
            break;
        case 'n':
            dry = true;
            break;
        case 'j':
            json = true;
            break;
        }
    }
    if (c < 0)
        return rc;
    if (argc - optind != 1)
        return cmd_usage("bank import", "give one Markdown file");
    file = argv[optind];
    if (competency && !question_id_valid(competency, strlen(competency)))
        return cmd_usage("bank import", "bad --competency '%s': use a competency id", competency);
    e = fs_read(file, IMPORT_FILE_MAX, &data, &len, msg);
    if (e)
        return cmd_fail(e, msg);
    import_set_init(&set);
    if ((rc = cmd_open_store_seeded(ctx, &s)))
        goto out;
    e = import_apply(s, file, data, len, source ? source : fs_basename(file), competency, dry, &set,
                     &r, msg);
    if (e) {
        rc = e == RB_EINVAL && strncmp(msg, "competency:", 11) == 0
                 ? cmd_usage("bank import", "%s", msg + 12)
                 : cmd_fail(e, msg);
        goto out;
    }
    if (json) {
        json_t *o = import_to_json(&set, r.was_added);
        json_object_set_new(o, "dry_run", json_boolean(dry));
        json_object_set_new(o, "added", json_integer((json_int_t)r.added));
        rc = cmd_print_json(o);
    } else {
        for (size_t i = 0; i < set.n; i++)
            printf("%s %s%s%s  %s\n", r.was_added[i] ? "+" : "=", BOLD(ctx), set.qs[i].id,
                   RESET(ctx), set.qs[i].title);
        printf("%s%zu question%s %s, %zu already in the store\n", dry ? "dry run: " : "", r.added,
               r.added == 1 ? "" : "s", dry ? "would be added" : "added", r.skipped);
        if (set.nskipped)
            printf("%zu repeated in the file itself\n", set.nskipped);
    }
out:
    free(data);
    free(r.was_added);
    store_close(s);
    import_set_cleanup(&set);
    return rc;
}

/* ---- dispatch ----------------------------------------------------------------------- */

static const struct cmd_sub sub[] = {
    {"load", bank_load}, {"lint", bank_lint},     {"stats", bank_stats},   {"search", bank_search},
    {"show", bank_show}, {"export", bank_export}, {"import", bank_import},
};

int
cmd_bank(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "bank", sub, sizeof sub / sizeof sub[0], bank_usage);
}
