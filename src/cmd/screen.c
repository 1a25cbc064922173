/* SPDX-License-Identifier: MIT */
/*
 * `rubric screen`: resumes ranked against a stored role or a job description. This file
 * reads the options, collects the files (folders walked), prints the criteria, the progress
 * and the summary, and renders the report (report/screen_report.h); the reading, the parses
 * kept in the store and the ranking are core's (core/screening.h, core/intake.h), the same
 * code the server's screenings run.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/job.h"
#include "core/role_import.h"
#include "core/screening.h"
#include "extract/extract.h"
#include "report/screen_report.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fs.h"
#include "util/jsonv.h"
#include "util/mem.h"
#include "util/table.h"

#define JOBS_MAX 64
#define REPORT_MAX (256u << 20) /* bytes of CSV or HTML */

static const struct option screen_opts[] = {
    {"role", required_argument, NULL, 'r'},  {"job", required_argument, NULL, 'J'},
    {"top", required_argument, NULL, 't'},   {"min-score", required_argument, NULL, 'm'},
    {"jobs", required_argument, NULL, 'j'},  {"format", required_argument, NULL, 'f'},
    {"json", no_argument, NULL, 'S'},        {"output", required_argument, NULL, 'o'},
    {"blind", no_argument, NULL, 'b'},       {"no-store", no_argument, NULL, 'n'},
    {"today", required_argument, NULL, 'T'}, {"must", required_argument, NULL, 'M'},
    {"nice", required_argument, NULL, 'N'},  {"years", required_argument, NULL, 'Y'},
    {"help", no_argument, NULL, 'h'},        {0}};
static const struct cmd_spec screen_spec = {
    "screen", "h", screen_opts,
    "usage: rubric screen PATH... (--role ROLE | --job FILE) [--top N] [--min-score S]\n"
    "                     [--jobs N] [--format table|csv|json|html] [--output FILE]\n"
    "                     [--blind] [--no-store] [--today YYYY-MM]\n"
    "                     [--must LIST] [--nice LIST] [--years N]\n\n"
    "Reads the resumes named (files, or every file in a folder and its subfolders) and\n"
    "ranks them against a role. A score from 0 to 100 is made of must-have skills (40, by\n"
    "the years of dated positions that use each), nice-to-have skills (20), relevant years\n"
    "(15), years in positions titled like the role (10) and how recently the skills were\n"
    "used (15), each with its reason; each missing must-have takes a share of the score off\n"
    "and is flagged. Ties go to the candidate with more relevant years. Files that cannot be read "
    "are listed with the reason and the run\n"
    "goes on. Parses are kept in the store by the file's SHA-256, so screening the same\n"
    "files again (against another role, say) does not read them again.\n\n"
    "  --role ROLE      a stored role (see 'rubric role list')\n"
    "  --job FILE       a job description instead: JSON Resume job (.json) or prose in any\n"
    "                   resume format (text, Markdown, HTML, DOCX, PDF); the criteria read\n"
    "                   from it are printed\n"
    "  --top N          show the N best\n"
    "  --min-score S    show only scores of at least S\n"
    "  --jobs N         read on N threads (default: every core); from 2, one more keeps\n"
    "                   the parses in the store; --jobs 1 uses one core in all\n"
    "  --format F       table (default), csv, json, or html (a report with charts);\n"
    "                   without it, --output's extension chooses\n"
    "  --json           the same as --format json\n"
    "  --output FILE    write there instead of standard output (atomically)\n"
    "  --blind          hide names, contact details, file names, and lines stating age,\n"
    "                   birth date, address, nationality, marital status, gender or photos,\n"
    "                   and score without them; candidates are shown by an id (the first\n"
    "                   12 hex digits of the file's SHA-256)\n"
    "  --no-store       do not keep parses in the store (nor use those kept)\n"
    "  --today YYYY-MM  the month that open positions run to (default: this one)\n"
    "  --must LIST      the must-have skills instead of those read: comma-separated, a|b\n"
    "                   for alternatives (\"java, spring framework, oracle|postgresql\");\n"
    "                   must-haves read but not listed become nice-to-haves\n"
    "  --nice LIST      the nice-to-have skills instead of those read\n"
    "  --years N        the minimum years instead of those read\n\n"
    "A progress bar shows on a terminal; a summary (read, failed by reason, ranked, from the\n"
    "store, time) goes to standard error. Exit: 0; 1 when a job file is not a job; 2 for\n"
    "usage, an unknown role or skill; 4 when a job file cannot be read; 5 for a store error.\n"};

enum format { OUT_TABLE, OUT_CSV, OUT_JSON, OUT_HTML };

/* The progress bar on a terminal (screening_files' progress callback). */
static void
draw_progress(void *ctx, size_t done, size_t total, size_t failed)
{
    char bar[31];
    size_t fill = total ? done * 30 / total : 30;
    (void)ctx;
    memset(bar, '#', fill);
    memset(bar + fill, '.', 30 - fill);
    bar[30] = '\0';
    fprintf(stderr, "\rrubric: screening [%s] %zu/%zu %3zu%%  %zu failed ", bar, done, total,
            total ? done * 100 / total : 100, failed);
}

/* One must-have group as people read it: "java (3+ years)", "oracle | mysql | postgresql". */
static void
print_group(const json_t *g)
{
    size_t i;
    const json_t *v;
    long long years = json_integer_value(json_object_get(g, "years"));
    json_array_foreach(json_object_get(g, "any_of"), i, v)
    {
        fprintf(stderr, "%s%s", i ? " | " : "", json_string_value(v));
    }
    if (years)
        fprintf(stderr, " (%lld+ years)", years);
}

static void
print_criteria(const json_t *c, const struct job *job)
{
    size_t i;
    const json_t *v;
    fprintf(stderr, "rubric: criteria read from the job: %s (%s)\n",
            json_string_value(json_object_get(c, "title")),
            json_string_value(json_object_get(c, "level")));
    fprintf(stderr, "rubric:   must-have:");
    json_array_foreach(json_object_get(c, "must_have_groups"), i, v)
    {
        fputs(i ? ", " : " ", stderr);
        print_group(v);
    }
    fprintf(stderr, "%s\nrubric:   nice-to-have:",
            json_array_size(json_object_get(c, "must_have")) ? "" : " none");
    json_array_foreach(json_object_get(c, "nice_to_have"), i, v)
    {
        fprintf(stderr, "%s %s", i ? "," : "", json_string_value(json_object_get(v, "skill")));
    }
    fprintf(stderr, "%s\nrubric:   years: at least %lld, %lld of them in a comparable role\n",
            json_array_size(json_object_get(c, "nice_to_have")) ? "" : " none",
            (long long)json_integer_value(json_object_get(c, "min_years")),
            (long long)json_integer_value(json_object_get(c, "min_comparable_years")));
    for (i = 0; job && i < job->nwarnings; i++)
        fprintf(stderr, "rubric: warning: %s\n", job->warnings[i]);
    fprintf(stderr, "rubric:   (see them with their lines: rubric job show FILE; change them "
                    "with --must, --nice, --years)\n");
}

static void
print_summary(const struct screening_files *j, const json_t *errors)
{
    json_t *why = screen_failures_by_reason(errors);
    const char *k;
    json_t *v;
    fprintf(stderr,
            "rubric: %zu files in %.2f s on %u thread%s: %zu ranked, %zu could not be read, "
            "%zu came from the store\n",
            j->nfiles, j->sum.seconds, j->sum.threads, j->sum.threads == 1 ? "" : "s",
            j->sum.ranked, j->sum.failed, j->sum.from_store);
    json_object_foreach(why, k, v)
    {
        fprintf(stderr, "rubric:   %lld: %s\n", (long long)json_integer_value(v), k);
    }
    json_decref(why);
}

static bool
parse_format(const char *s, enum format *f)
{
    static const char *const names[] = {"table", "csv", "json", "html"};
    for (int i = 0; i < 4; i++)
        if (!strcasecmp(s, names[i])) {
            *f = (enum format)i;
            return true;
        }
    return false;
}

/* The report in format f into out (a table is written as it would be on a terminal). */
static int
render(const struct screen_report *rep, enum format f, size_t width, struct buf *out)
{
    if (f == OUT_JSON) {
        json_t *o = screen_report_json(rep);
        char *s = json_dumps(o, JSON_INDENT(2) | JSON_OUT_REAL);
        json_decref(o);
        if (!s || buf_puts(out, s) || buf_putc(out, '\n')) {
            free(s);
            return RB_EXIT_INTERNAL;
        }
        free(s);
    } else if (f == OUT_CSV) {
        screen_report_csv(rep, out);
    } else if (f == OUT_HTML) {
        screen_report_html(rep, out);
    } else {
        char *mem = NULL;
        size_t n = 0;
        FILE *m = open_memstream(&mem, &n);
        if (!m)
            return RB_EXIT_INTERNAL;
        screen_report_table(rep, m, width);
        fclose(m);
        buf_append(out, mem, n);
        free(mem);
    }
    return 0;
}

struct opts {
    const char *role_id, *job, *output, *must, *nice;
    long years;
    long top, jobs;
    double min_score;
    enum format format;
    bool format_given, blind, no_store;
    struct ym today;
};

static int
parse_opts(int argc, char **argv, struct opts *o)
{
    int c, rc = 0;
    long v;
    while ((c = cmd_getopt(&screen_spec, argc, argv, &rc)) > 0) {
        switch (c) {
        case 'r':
            o->role_id = optarg;
            break;
        case 'J':
            o->job = optarg;
            break;
        case 't':
            if (!cmd_parse_int(optarg, 1, 10000000, &v))
                return cmd_usage("screen", "bad --top '%s': expected a whole number", optarg);
            o->top = v;
            break;
        case 'm':
            if (!cmd_parse_int(optarg, 0, 100, &v))
                return cmd_usage("screen", "bad --min-score '%s': expected 0 to 100", optarg);
            o->min_score = (double)v;
            break;
        case 'j':
            if (!cmd_parse_int(optarg, 1, JOBS_MAX, &v))
                return cmd_usage("screen", "bad --jobs '%s': expected 1 to %d", optarg, JOBS_MAX);
            o->jobs = v;
            break;
        case 'f':
            if (!parse_format(optarg, &o->format))
                return cmd_usage("screen", "bad --format '%s': use table, csv, json or html",
                                 optarg);
            o->format_given = true;
            break;
        case 'S':
            o->format = OUT_JSON;
            o->format_given = true;
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'b':
            o->blind = true;
            break;
        case 'n':
            o->no_store = true;
            break;
        case 'M':
            o->must = optarg;
            break;
        case 'N':
            o->nice = optarg;
            break;
        case 'Y':
            if (!cmd_parse_int(optarg, 0, 50, &v))
                return cmd_usage("screen", "bad --years '%s': expected 0 to 50", optarg);
            o->years = v;
            break;
        case 'T':
            if (!dates_parse_month(optarg, &o->today))
                return cmd_usage("screen", "bad --today '%s': expected YYYY-MM", optarg);
            break;
        }
    }
    if (c < 0)
        return rc ? rc : -1;
    if (!!o->role_id == !!o->job || optind >= argc)
        return cmd_usage("screen", "give resumes and either --role ROLE or --job FILE");
    if (!o->format_given && o->output) {
        const char *dot = strrchr(o->output, '.');
        if (dot && !parse_format(dot + 1, &o->format) && !strcasecmp(dot + 1, "htm"))
            o->format = OUT_HTML;
    }
    return 0;
}

/* --must, --nice and --years over the criteria read (core/job.c). */
static int
apply_overrides(const struct opts *o, const struct skills *tax, struct role *role)
{
    char **must = NULL, **nice = NULL, msg[RB_ERRMSG];
    size_t nmust = 0, nnice = 0;
    int rc = 0;
    if (!o->must && !o->nice && o->years < 0)
        return 0;
    job_split_list(o->must, &must, &nmust);
    job_split_list(o->nice, &nice, &nnice);
    if (job_override(role, o->must ? (const char *const *)must : NULL, nmust,
                     o->nice ? (const char *const *)nice : NULL, nnice, (int)o->years, tax,
                     "--must", "--nice", msg))
        rc = cmd_usage("screen", "%s", msg);
    for (size_t i = 0; i < nmust; i++)
        free(must[i]);
    for (size_t i = 0; i < nnice; i++)
        free(nice[i]);
    free(must);
    free(nice);
    return rc;
}

/* The files of the folders screened that were not read as resumes: a database's companions
 * by name (by_name), databases by their first bytes (by_content); the first of them, then how
 * many, so that a store kept beside the resumes is said once and not in every line. */
static void
say_passed_over(const json_t *by_name, const json_t *by_content)
{
    size_t n = json_array_size(by_name) + json_array_size(by_content);
    const char *first = NULL;
    const json_t *lists[] = {by_name, by_content};
    for (size_t l = 0; l < 2; l++) {
        size_t i;
        const json_t *f;
        json_array_foreach(lists[l], i, f)
        {
            if (!first || strcmp(json_string_value(f), first) < 0)
                first = json_string_value(f);
        }
    }
    if (first)
        cmd_error("%s: not read as a resume (a database or its journal, such as the store)", first);
    if (n > 1)
        cmd_error("%zu files in all not read as resumes", n);
}

int
cmd_screen(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct opts o = {.min_score = -1, .years = -1, .today = dates_today()};
    struct job job = {0};
    struct screening_files j = {0};
    struct store *s = NULL;
    struct role role = {0};
    struct skills tax;
    struct skillscan *sc = NULL;
    char msg[RB_ERRMSG] = "";
    json_t *criteria = NULL, *passed_over = NULL;
    bool *walked = NULL;
    size_t nwalked = 0;
    struct diags walk_problems;
    struct buf out;
    char **files = NULL;
    size_t nfiles = 0;
    int rc = parse_opts(argc, argv, &o);

    if (rc)
        return rc < 0 ? 0 : rc;
    if (skillscan_builtin(&tax, &sc, msg))
        return cmd_fail(RB_EINTERNAL, msg);
    if (o.role_id || !o.no_store) {
        /* a role is read from the store: a fresh one gets the built-in roles first */
        if ((rc = o.role_id ? cmd_open_store_seeded(ctx, &s) : cmd_open_store(ctx, &s)))
            goto out;
    }
    if (o.role_id) {
        enum rb_err e = store_role_get(s, o.role_id, &role, msg);
        if (e) {
            rc = e == RB_ENOTFOUND ? cmd_usage("screen", "%s: see 'rubric role list'", msg)
                                   : cmd_fail(e, msg);
            goto out;
        }
    } else {
        enum rb_err e = job_load(o.job, sc, &tax, &job, msg);
        if (e) {
            rc = cmd_fail(e, msg);
            goto out;
        }
        role = job.role;
        memset(&job.role, 0, sizeof job.role);
    }
    if ((rc = apply_overrides(&o, &tax, &role)))
        goto out;
    if (o.job) {
        criteria = job_criteria_json(&role);
        print_criteria(criteria, &job);
    }
    if (o.no_store && s) {
        store_close(s);
        s = NULL;
    }

    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0) {
            /* a mistyped path screens nothing: say so instead of an empty ranking */
            cmd_error("cannot read %s: %s; nothing was screened", argv[i], strerror(errno));
            rc = RB_EXIT_IO;
            goto out;
        }
    }
    diags_init(&walk_problems, 0);
    passed_over = json_array();
    for (int i = optind; i < argc; i++) {
        size_t first = nfiles, cap = nfiles;
        bool dir = fs_is_dir(argv[i]);
        if (dir) {
            size_t kept = first;
            fs_walk(argv[i], &files, &nfiles, &walk_problems);
            for (size_t k = first; k < nfiles; k++) {
                if (extract_resume_candidate(files[k])) {
                    files[kept++] = files[k];
                } else {
                    json_array_append_new(passed_over, json_string(files[k]));
                    free(files[k]);
                }
            }
            nfiles = kept;
        } else {
            xgrow(&files, &cap, nfiles + 1, sizeof *files);
            files[nfiles++] = xstrdup(argv[i]);
        }
        cap = nwalked;
        xgrow(&walked, &cap, nfiles + 1, sizeof *walked);
        for (size_t k = first; k < nfiles; k++)
            walked[k] = dir;
        nwalked = nfiles;
    }
    diags_print(&walk_problems, stderr);
    diags_cleanup(&walk_problems);

    {
        long cores = o.jobs ? o.jobs : sysconf(_SC_NPROCESSORS_ONLN);
        j = (struct screening_files){
            .files = files,
            .nfiles = nfiles,
            .walked = walked,
            .role = &role,
            .tax = &tax,
            .proto = sc,
            .store = s,
            .db_url = ctx->db_url,
            .blind = o.blind,
            .today = o.today,
            .top = o.top,
            .min_score = o.min_score,
            .threads = cores < 1          ? 1
                       : cores > JOBS_MAX ? JOBS_MAX
                                          : (unsigned)cores,
            .progress = ctx->err_tty ? draw_progress : NULL,
        };
    }
    /* read, parsed or taken from the store, kept, scored and ranked in core */
    screening_files_run(&j);
    if (ctx->err_tty && j.nfiles)
        fprintf(stderr, "\r%*s\r", 78, "");
    say_passed_over(passed_over, j.skipped);
    {
        size_t i;
        json_t *w;
        json_array_foreach(j.warnings, i, w)
        {
            cmd_error("%s", json_string_value(w));
        }
    }

    {
        struct screen_report rep = {
            .role_id = role.id,
            .role_title = role.title,
            .criteria = criteria,
            .blind = o.blind,
            .rows = j.rows,
            .nrows = j.nrows,
            .errors = j.errors,
            .sum = j.sum,
        };
        buf_init(&out, REPORT_MAX);
        rc = render(&rep, o.format, o.output ? 100 : term_width(STDOUT_FILENO), &out);
        if (!rc && o.output) {
            enum rb_err e = fs_write_atomic(o.output, out.data ? out.data : "", out.len, msg);
            if (e)
                rc = cmd_fail(e, msg);
        } else if (!rc) {
            fwrite(buf_str(&out), 1, out.len, stdout);
        }
        buf_cleanup(&out);
    }
    if (o.format != OUT_JSON && !o.blind) {
        size_t i;
        json_t *e;
        json_array_foreach(j.errors, i, e)
        {
            cmd_error("cannot read %s: %s", json_string_value(json_object_get(e, "file")),
                      json_string_value(json_object_get(e, "error")));
        }
    }
    print_summary(&j, j.errors);
    screening_files_cleanup(&j);
out:
    fs_list_free(files, nfiles);
    free(walked);
    json_decref(passed_over);
    job_cleanup(&job);
    json_decref(criteria);
    if (s)
        store_close(s);
    skillscan_free(sc);
    skills_cleanup(&tax);
    role_cleanup(&role);
    return rc;
}
