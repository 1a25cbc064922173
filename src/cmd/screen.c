/* SPDX-License-Identifier: MIT */
/*
 * `rubric screen`: resumes ranked against a stored role or a job description
 * (core/screen.c). Files are read on --jobs threads, each with its own clone of the skill
 * scanner; results are ranked by score, then by the evidence (relevant years, must-haves met,
 * total years) and last by file name, so the output does not depend on the number of
 * threads or the order in which they finish. Parses are kept in the store
 * by the SHA-256 of the file, so screening the same folder again reads no file twice; a
 * writer thread of its own keeps them, in batches of one transaction, so that the reading
 * threads never wait on the store's writes (nor on its syncs to disk).
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/job.h"
#include "core/role_import.h"
#include "core/screen.h"
#include "extract/extract.h"
#include "report/screen_report.h"
#include "resume/stored.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fs.h"
#include "util/jsonv.h"
#include "util/mem.h"
#include "util/table.h"

#define JOBS_MAX 64
#define STORE_BATCH 256         /* parses written per transaction */
#define PENDING_MAX 1024        /* parses waiting for the writer before readers wait */
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
    "  --jobs N         read on N threads (default: every core)\n"
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

/* A parse to keep, owned: the resume itself, turned into JSON by whoever writes it. */
struct pending {
    char *hash;
    char format[32];
    struct resume r;
};

/* The work shared by the threads. What is above mu is read-only while they run. */
struct screening {
    char **files;
    size_t nfiles;
    const struct role *role;
    const struct skills *tax;
    const struct skillscan *proto;
    const char *parser;
    bool blind;
    struct ym today;
    long top;
    double min_score;

    pthread_mutex_t mu; /* guards what follows */
    pthread_cond_t progress;
    size_t next, done;
    struct screen_row *rows;
    size_t nrows, caprows;
    json_t *errors;
    struct screen_summary sum;

    pthread_mutex_t store_mu; /* guards the store */
    struct store *store;      /* NULL: --no-store, or after a store error */

    /* Parses wait here for the writer thread, which takes them a batch at a time and keeps
     * them in the store while the scanning threads go on reading; with no writer thread, a
     * scanning thread writes each batch itself. */
    pthread_mutex_t queue_mu; /* guards what follows */
    pthread_cond_t queue_cv;  /* a batch is ready, the run is over, or there is room */
    struct pending *pending;
    size_t npending, cappending;
    bool keeping;   /* false: no store, or it failed: parses are dropped */
    bool writer_on; /* a writer thread takes the batches */
    bool closing;   /* no more parses will come */

    /* The writer thread's own connection (SQLite in WAL mode reads beside a writer), so that
     * its transactions never hold up the readers' lookups in store; only the writer (and,
     * after it is joined, the main thread) uses it. NULL: no writer thread. */
    struct store *wstore;
    bool write_failed;
};

static int
cmp_rows(const void *a, const void *b)
{
    const struct screen_row *x = a, *y = b;
    int c = screen_compare(&x->s, x->experience_years, &y->s, y->experience_years);
    /* ties on the evidence too: the file name makes the order total (names are unique) */
    return c ? c : strcmp(x->file, y->file);
}

static int
cmp_errors(const void *a, const void *b)
{
    const char *x = json_string_value(json_object_get(*(json_t *const *)a, "file"));
    const char *y = json_string_value(json_object_get(*(json_t *const *)b, "file"));
    return strcmp(x, y);
}

/* Keeps n parses (v, taken) in the store in one transaction. The JSON is made here, off the
 * scanning threads when a writer thread calls it. A store that fails is warned about once
 * and not used again: screening goes on without it. */
static void
write_batch(struct screening *j, struct pending *v, size_t n)
{
    char msg[RB_ERRMSG];
    struct parsed_resume *rows = xcalloc(n ? n : 1, sizeof *rows);
    char **bodies = xcalloc(n ? n : 1, sizeof *bodies);
    bool failed = false;
    for (size_t i = 0; i < n; i++) {
        json_t *o = resume_to_json(&v[i].r, j->tax, "", v[i].format);
        json_object_del(o, "file");
        bodies[i] = json_dumps(o, JSON_COMPACT);
        json_decref(o);
        if (!bodies[i])
            abort(); /* jansson fails only when out of memory */
        rows[i] = (struct parsed_resume){v[i].hash, j->blind, j->parser, v[i].format, bodies[i]};
    }
    if (j->wstore) {
        if (n && !j->write_failed && store_resumes_put(j->wstore, rows, n, msg)) {
            cmd_error("parses are not being kept: %s", msg);
            j->write_failed = failed = true;
        }
    } else {
        pthread_mutex_lock(&j->store_mu);
        if (j->store && n && store_resumes_put(j->store, rows, n, msg)) {
            cmd_error("parses are not being kept: %s", msg);
            j->store = NULL;
            failed = true;
        }
        pthread_mutex_unlock(&j->store_mu);
    }
    if (failed) {
        pthread_mutex_lock(&j->queue_mu);
        j->keeping = false;
        pthread_cond_broadcast(&j->queue_cv);
        pthread_mutex_unlock(&j->queue_mu);
    }
    for (size_t i = 0; i < n; i++) {
        free(bodies[i]);
        free(v[i].hash);
        resume_cleanup(&v[i].r);
    }
    free(bodies);
    free(rows);
    free(v);
}

/* The writer thread: batches of parses into the store until the run is over. */
static void *
writer(void *arg)
{
    struct screening *j = arg;
    pthread_mutex_lock(&j->queue_mu);
    for (;;) {
        struct pending *v;
        size_t n;
        while (j->npending < STORE_BATCH && !j->closing)
            pthread_cond_wait(&j->queue_cv, &j->queue_mu);
        if (!j->npending && j->closing)
            break;
        v = j->pending;
        n = j->npending;
        j->pending = NULL;
        j->npending = j->cappending = 0;
        pthread_cond_broadcast(&j->queue_cv); /* room for the scanning threads */
        pthread_mutex_unlock(&j->queue_mu);
        write_batch(j, v, n);
        pthread_mutex_lock(&j->queue_mu);
    }
    pthread_mutex_unlock(&j->queue_mu);
    return NULL;
}

/* Hands what is left to be written (queue_mu not held) and waits for the writer. */
static void
finish_writing(struct screening *j, pthread_t w)
{
    struct pending *v;
    size_t n;
    pthread_mutex_lock(&j->queue_mu);
    j->closing = true;
    pthread_cond_broadcast(&j->queue_cv);
    pthread_mutex_unlock(&j->queue_mu);
    if (j->writer_on)
        pthread_join(w, NULL);
    pthread_mutex_lock(&j->queue_mu);
    v = j->pending;
    n = j->npending;
    j->pending = NULL;
    j->npending = j->cappending = 0;
    pthread_mutex_unlock(&j->queue_mu);
    write_batch(j, v, n);
}

/* The stored parse of hash, or false. */
static bool
from_store(struct screening *j, const char *hash, struct resume *r, char *format, size_t nformat)
{
    char msg[RB_ERRMSG], *fmt = NULL, *body = NULL;
    enum rb_err e = RB_ENOTFOUND;
    json_t *o;
    pthread_mutex_lock(&j->store_mu);
    if (j->store) {
        e = store_resume_get(j->store, hash, j->blind, j->parser, &fmt, &body, msg);
        if (e && e != RB_ENOTFOUND) {
            cmd_error("parses kept in the store are not being used: %s", msg);
            j->store = NULL;
        }
    }
    pthread_mutex_unlock(&j->store_mu);
    if (e || !body) {
        free(fmt);
        free(body);
        return false;
    }
    o = json_loads(body, 0, NULL);
    e = o ? resume_from_json(o, j->tax, j->today, r, msg) : RB_EINVAL;
    json_decref(o);
    snprintf(format, nformat, "%s", fmt);
    free(fmt);
    free(body);
    return e == RB_OK; /* a damaged row is parsed again and replaced */
}

/* Queues r (taken) to be kept in the store under hash. */
static void
keep_take(struct screening *j, const char *hash, const char *format, struct resume *r)
{
    struct pending *batch = NULL;
    size_t n = 0;
    pthread_mutex_lock(&j->queue_mu);
    /* a writer slower than the readers: wait rather than hold every parse in memory */
    while (j->writer_on && j->keeping && j->npending >= PENDING_MAX)
        pthread_cond_wait(&j->queue_cv, &j->queue_mu);
    if (!j->keeping) {
        pthread_mutex_unlock(&j->queue_mu);
        resume_cleanup(r);
        return;
    }
    xgrow(&j->pending, &j->cappending, j->npending + 1, sizeof *j->pending);
    j->pending[j->npending] = (struct pending){.hash = xstrdup(hash), .r = *r};
    snprintf(j->pending[j->npending].format, sizeof j->pending[j->npending].format, "%s", format);
    j->npending++;
    if (j->npending >= STORE_BATCH && j->writer_on) {
        pthread_cond_broadcast(&j->queue_cv);
    } else if (j->npending >= STORE_BATCH) {
        batch = j->pending; /* no writer thread: this one writes the batch */
        n = j->npending;
        j->pending = NULL;
        j->npending = j->cappending = 0;
    }
    pthread_mutex_unlock(&j->queue_mu);
    if (batch)
        write_batch(j, batch, n);
}

/* Keeps at most top rows (mu held): the order is total, so which rows survive does not
 * depend on the order they came in. */
static void
trim(struct screening *j)
{
    qsort(j->rows, j->nrows, sizeof *j->rows, cmp_rows);
    while (j->nrows > (size_t)j->top)
        screen_row_cleanup(&j->rows[--j->nrows]);
}

static void
add_error(struct screening *j, const char *file, const char *why)
{
    pthread_mutex_lock(&j->mu);
    json_array_append_new(j->errors, json_pack("{s:s, s:s}", "file", file, "error", why));
    j->sum.failed++;
    j->done++;
    pthread_cond_signal(&j->progress);
    pthread_mutex_unlock(&j->mu);
}

static void
screen_one(struct screening *j, struct skillscan *sc, const char *file)
{
    char msg[RB_ERRMSG], hash[65], format[32] = "";
    char *data = NULL;
    size_t len;
    struct resume r;
    struct screen_row row = {0};
    bool stored;
    enum rb_err e;
    int bin;

    if (extract_read(file, NULL, &data, &len, msg)) {
        add_error(j, file, msg);
        return;
    }
    resume_content_hash(data, len, hash);
    stored = from_store(j, hash, &r, format, sizeof format);
    if (!stored) {
        const char *fmt;
        e = resume_read(file, data, len, j->blind, sc, j->today, &r, &fmt, msg);
        if (e) {
            free(data);
            add_error(j, file, msg);
            return;
        }
        snprintf(format, sizeof format, "%s", fmt);
    }
    free(data);

    screen_score(&r, j->role, j->tax, j->today, &row.s);
    row.id = xstrndup(hash, 12);
    row.file = xstrdup(file);
    if (!j->blind) {
        row.name = r.name ? xstrdup(r.name) : NULL;
        row.email = r.email ? xstrdup(r.email) : NULL;
        row.phone = r.phone ? xstrdup(r.phone) : NULL;
    }
    row.experience_years = r.experience_months / 12.0;
    if (stored)
        resume_cleanup(&r);
    else
        keep_take(j, hash, format, &r);

    bin = (int)(row.s.score / 10);
    pthread_mutex_lock(&j->mu);
    j->sum.ranked++;
    j->sum.from_store += stored;
    j->sum.histogram[bin < 0 ? 0 : bin >= SCREEN_BINS ? SCREEN_BINS - 1 : bin]++;
    if (row.s.score >= j->min_score) {
        xgrow(&j->rows, &j->caprows, j->nrows + 1, sizeof *j->rows);
        j->rows[j->nrows++] = row;
        if (j->top && j->nrows >= 2 * (size_t)j->top + 1024)
            trim(j);
    } else {
        screen_row_cleanup(&row);
    }
    j->done++;
    pthread_cond_signal(&j->progress);
    pthread_mutex_unlock(&j->mu);
}

static void *
worker(void *arg)
{
    struct screening *j = arg;
    struct skillscan *sc;
    char msg[RB_ERRMSG];

    if (skillscan_clone(j->proto, &sc, msg)) {
        cmd_error("%s", msg);
        sc = NULL;
    }
    for (;;) {
        size_t i;
        pthread_mutex_lock(&j->mu);
        i = j->next++;
        pthread_mutex_unlock(&j->mu);
        if (i >= j->nfiles)
            break;
        if (sc)
            screen_one(j, sc, j->files[i]);
        else
            add_error(j, j->files[i], "not read: the skill scanner could not start");
    }
    skillscan_free(sc);
    return NULL;
}

static double
now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
draw_progress(size_t done, size_t total, size_t failed)
{
    char bar[31];
    size_t fill = total ? done * 30 / total : 30;
    memset(bar, '#', fill);
    memset(bar + fill, '.', 30 - fill);
    bar[30] = '\0';
    fprintf(stderr, "\rrubric: screening [%s] %zu/%zu %3zu%%  %zu failed ", bar, done, total,
            total ? done * 100 / total : 100, failed);
}

/* Runs the screening on nthreads threads, drawing progress on stderr when it is a
 * terminal. */
static void
run_threads(struct screening *j, unsigned nthreads, bool progress)
{
    pthread_t *t = xcalloc(nthreads, sizeof *t);
    unsigned started = 0;

    for (unsigned i = 0; i < nthreads; i++) {
        int err = pthread_create(&t[i], NULL, worker, j);
        if (err) {
            cmd_error("cannot start a thread (%s): going on with %u", strerror(err), started);
            break;
        }
        started++;
    }
    if (!started)
        worker(j); /* no thread at all: do the work here */
    pthread_mutex_lock(&j->mu);
    while (j->done < j->nfiles) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100000000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&j->progress, &j->mu, &until);
        if (progress)
            draw_progress(j->done, j->nfiles, j->sum.failed);
    }
    pthread_mutex_unlock(&j->mu);
    for (unsigned i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    if (progress && j->nfiles)
        fprintf(stderr, "\r%*s\r", 78, "");
    j->sum.threads = started ? started : 1;
    free(t);
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
print_summary(const struct screening *j, const json_t *errors)
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

int
cmd_screen(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct opts o = {.min_score = -1, .years = -1, .today = dates_today()};
    struct job job = {0};
    struct screening j = {0};
    struct store *s = NULL;
    struct role role = {0};
    struct skills tax;
    struct skillscan *sc = NULL;
    char msg[RB_ERRMSG] = "", parser[128];
    json_t *criteria = NULL;
    struct diags walk_problems;
    struct buf out;
    int rc = parse_opts(argc, argv, &o);
    double t0;
    pthread_t writer_thread;

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
    for (int i = optind; i < argc; i++) {
        if (fs_is_dir(argv[i])) {
            size_t first = j.nfiles, kept = first, skipped = 0;
            fs_walk(argv[i], &j.files, &j.nfiles, &walk_problems);
            for (size_t k = first; k < j.nfiles; k++) {
                if (extract_resume_candidate(j.files[k])) {
                    j.files[kept++] = j.files[k];
                    continue;
                }
                if (!skipped++)
                    cmd_error("%s: not read as a resume (a database or its journal, such as "
                              "the store)",
                              j.files[k]);
                free(j.files[k]);
            }
            j.nfiles = kept;
            if (skipped > 1)
                cmd_error("%s: %zu files in all not read as resumes", argv[i], skipped);
        } else {
            size_t cap = j.nfiles;
            xgrow(&j.files, &cap, j.nfiles + 1, sizeof *j.files);
            j.files[j.nfiles++] = xstrdup(argv[i]);
        }
    }
    diags_print(&walk_problems, stderr);
    diags_cleanup(&walk_problems);

    resume_parser_key(&tax, parser, sizeof parser);
    j.role = &role;
    j.tax = &tax;
    j.proto = sc;
    j.parser = parser;
    j.blind = o.blind;
    j.today = o.today;
    j.top = o.top;
    j.min_score = o.min_score;
    j.store = s;
    j.errors = json_array();
    pthread_mutex_init(&j.mu, NULL);
    pthread_mutex_init(&j.store_mu, NULL);
    pthread_cond_init(&j.progress, NULL);
    pthread_mutex_init(&j.queue_mu, NULL);
    pthread_cond_init(&j.queue_cv, NULL);
    memset(&writer_thread, 0, sizeof writer_thread);
    j.keeping = s != NULL;
    /* a second connection to an in-memory store would be another, empty store */
    if (s && !strstr(ctx->db_url, ":memory:") && store_open(ctx->db_url, &j.wstore, msg) == RB_OK) {
        j.writer_on = pthread_create(&writer_thread, NULL, writer, &j) == 0;
        if (!j.writer_on) {
            store_close(j.wstore); /* the reading threads write instead */
            j.wstore = NULL;
        }
    }
    {
        long cores = o.jobs ? o.jobs : sysconf(_SC_NPROCESSORS_ONLN);
        unsigned n = cores < 1 ? 1 : cores > JOBS_MAX ? JOBS_MAX : (unsigned)cores;
        if (j.nfiles && n > j.nfiles)
            n = (unsigned)j.nfiles;
        t0 = now_seconds();
        run_threads(&j, n, ctx->err_tty);
    }
    finish_writing(&j, writer_thread);
    store_close(j.wstore);
    j.wstore = NULL;
    j.sum.files = j.nfiles;
    j.sum.seconds = now_seconds() - t0;

    qsort(j.rows, j.nrows, sizeof *j.rows, cmp_rows);
    if (o.top && j.nrows > (size_t)o.top)
        trim(&j);
    {
        size_t ne = json_array_size(j.errors);
        json_t **ev = xcalloc(ne + 1, sizeof(json_t *)), *sorted = json_array();
        for (size_t i = 0; i < ne; i++)
            ev[i] = json_array_get(j.errors, i);
        qsort(ev, ne, sizeof(json_t *), cmp_errors);
        for (size_t i = 0; i < ne; i++)
            json_array_append(sorted, ev[i]);
        free(ev);
        json_decref(j.errors);
        j.errors = sorted;
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

    for (size_t i = 0; i < j.nrows; i++)
        screen_row_cleanup(&j.rows[i]);
    free(j.rows);
    free(j.pending);
    fs_list_free(j.files, j.nfiles);
    json_decref(j.errors);
    pthread_mutex_destroy(&j.mu);
    pthread_mutex_destroy(&j.store_mu);
    pthread_cond_destroy(&j.progress);
    pthread_mutex_destroy(&j.queue_mu);
    pthread_cond_destroy(&j.queue_cv);
out:
    job_cleanup(&job);
    json_decref(criteria);
    if (s)
        store_close(s);
    skillscan_free(sc);
    skills_cleanup(&tax);
    role_cleanup(&role);
    return rc;
}
