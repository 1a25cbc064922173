/* SPDX-License-Identifier: MIT */
/* Resumes scored into ranked rows, for every front end (core/screening.h). */
#include "core/screening.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/intake.h"
#include "core/notify.h"
#include "extract/extract.h"
#include "resume/stored.h"
#include "util/buf.h"
#include "util/mem.h"

void
screen_row_cleanup(struct screen_row *r)
{
    free(r->id);
    free(r->file);
    free(r->name);
    free(r->email);
    free(r->phone);
    screen_cleanup(&r->s);
    memset(r, 0, sizeof *r);
}

void
screening_row_make(const struct resume *r, const struct role *role, const struct skills *tax,
                   struct ym today, bool blind, const char *id, const char *file,
                   struct screen_row *out)
{
    memset(out, 0, sizeof *out);
    screen_score(r, role, tax, today, &out->s);
    out->id = id ? xstrdup(id) : NULL;
    out->file = file ? xstrdup(file) : NULL;
    if (!blind) {
        out->name = r->name ? xstrdup(r->name) : NULL;
        out->email = r->email ? xstrdup(r->email) : NULL;
        out->phone = r->phone ? xstrdup(r->phone) : NULL;
    }
    out->experience_years = r->experience_months / 12.0;
}

int
screening_row_compare(const struct screen_row *a, const struct screen_row *b)
{
    int c = screen_compare(&a->s, a->experience_years, &b->s, b->experience_years);
    /* ties on the evidence too: the file name makes the order total (names are unique) */
    return c ? c : strcmp(a->file ? a->file : "", b->file ? b->file : "");
}

json_t *
screening_row_json(const struct screen_row *w, bool blind)
{
    json_t *o = screen_to_json(&w->s);
    json_object_set_new(o, "experience_years", json_real(round(w->experience_years * 10) / 10));
    json_object_set_new(o, "comparable_years", json_real(round(w->s.comparable_years * 10) / 10));
    if (!blind)
        json_object_set_new(o, "name", w->name ? json_string(w->name) : json_null());
    return o;
}

/* ---- a run over files on disk ---------------------------------------------------------- */

#define THREADS_MAX 64

/* The work shared by the threads. What is above mu is read-only while they run. */
struct files_run {
    struct screening_files *run;
    struct intake_files *in;

    pthread_mutex_t mu; /* guards what follows */
    pthread_cond_t progress;
    size_t next, done;
    struct screen_row *rows;
    size_t nrows, caprows;
};

static int
cmp_rows(const void *a, const void *b)
{
    return screening_row_compare(a, b);
}

static int
cmp_errors(const void *a, const void *b)
{
    const char *x = json_string_value(json_object_get(*(json_t *const *)a, "file"));
    const char *y = json_string_value(json_object_get(*(json_t *const *)b, "file"));
    return strcmp(x, y);
}

static int
cmp_strings(const void *a, const void *b)
{
    return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
}

/* The JSON array of strings a (each element a string), sorted in place. */
static void
sort_strings(json_t *a)
{
    size_t n = json_array_size(a);
    json_t **v = xcalloc(n + 1, sizeof(json_t *));
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(a, i));
    qsort(v, n, sizeof(json_t *), cmp_strings);
    json_array_clear(a);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, v[i]);
    free(v);
}

/* Keeps at most top rows (mu held): the order is total, so which rows survive does not
 * depend on the order they came in. */
static void
trim(struct files_run *j)
{
    qsort(j->rows, j->nrows, sizeof *j->rows, cmp_rows);
    while (j->nrows > (size_t)j->run->top)
        screen_row_cleanup(&j->rows[--j->nrows]);
}

static void
add_error(struct files_run *j, const char *file, const char *why)
{
    pthread_mutex_lock(&j->mu);
    json_array_append_new(j->run->errors, json_pack("{s:s, s:s}", "file", file, "error", why));
    j->run->sum.failed++;
    if (++j->done == j->run->nfiles)
        pthread_cond_signal(&j->progress);
    pthread_mutex_unlock(&j->mu);
}

static void
screen_one(struct files_run *j, struct skillscan *sc, size_t k)
{
    const char *file = j->run->files[k];
    const struct screening_files *run = j->run;
    char msg[RB_ERRMSG], id[13];
    struct intake_item it;
    struct screen_row row;
    int bin;

    if (intake_files_read(j->in, sc, file, j->run->walked && j->run->walked[k], &it, msg)) {
        add_error(j, file, msg);
        return;
    }
    if (it.database) {
        pthread_mutex_lock(&j->mu);
        json_array_append_new(j->run->skipped, json_string(file));
        if (++j->done == j->run->nfiles)
            pthread_cond_signal(&j->progress);
        pthread_mutex_unlock(&j->mu);
        return;
    }
    snprintf(id, sizeof id, "%.12s", it.hash);
    screening_row_make(&it.r, run->role, run->tax, run->today, run->blind, id, file, &row);
    bin = (int)(row.s.score / 10);
    pthread_mutex_lock(&j->mu);
    j->run->sum.ranked++;
    j->run->sum.from_store += it.from_store;
    j->run->sum.histogram[bin < 0 ? 0 : bin >= SCREEN_BINS ? SCREEN_BINS - 1 : bin]++;
    if (row.s.score >= run->min_score) {
        xgrow(&j->rows, &j->caprows, j->nrows + 1, sizeof *j->rows);
        j->rows[j->nrows++] = row;
        if (run->top && j->nrows >= 2 * (size_t)run->top + 1024)
            trim(j);
    } else {
        screen_row_cleanup(&row);
    }
    /* the last file wakes the waiting thread; a wake-up per file cost a context switch
     * each (3% of a run), and progress is shown every 100 ms all the same */
    if (++j->done == j->run->nfiles)
        pthread_cond_signal(&j->progress);
    pthread_mutex_unlock(&j->mu);
    intake_files_done(j->in, &it);
}

static void *
worker(void *arg)
{
    struct files_run *j = arg;
    struct skillscan *sc;
    char msg[RB_ERRMSG];

    if (skillscan_clone(j->run->proto, &sc, msg)) {
        pthread_mutex_lock(&j->mu);
        json_array_append_new(j->run->warnings, json_string(msg));
        pthread_mutex_unlock(&j->mu);
        sc = NULL;
    }
    for (;;) {
        size_t i;
        pthread_mutex_lock(&j->mu);
        i = j->next++;
        pthread_mutex_unlock(&j->mu);
        if (i >= j->run->nfiles)
            break;
        if (sc)
            screen_one(j, sc, i);
        else
            add_error(j, j->run->files[i], "not read: the skill scanner could not start");
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

/* Runs the files on nthreads threads, calling progress from this one. */
static void
run_threads(struct files_run *j, unsigned nthreads)
{
    pthread_t *t = xcalloc(nthreads, sizeof *t);
    unsigned started = 0;
    struct screening_files *run = j->run;

    for (unsigned i = 0; i < nthreads; i++) {
        int err = pthread_create(&t[i], NULL, worker, j);
        if (err) {
            char line[160];
            snprintf(line, sizeof line, "cannot start a thread (%s): going on with %u",
                     strerror(err), started);
            pthread_mutex_lock(&j->mu); /* the threads started may be warning too */
            json_array_append_new(run->warnings, json_string(line));
            pthread_mutex_unlock(&j->mu);
            break;
        }
        started++;
    }
    if (!started)
        worker(j); /* no thread at all: do the work here */
    pthread_mutex_lock(&j->mu);
    while (j->done < run->nfiles) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100000000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&j->progress, &j->mu, &until);
        if (run->progress)
            run->progress(run->ctx, j->done, run->nfiles, run->sum.failed);
    }
    pthread_mutex_unlock(&j->mu);
    for (unsigned i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    run->sum.threads = started ? started : 1;
    free(t);
}

void
screening_files_run(struct screening_files *run)
{
    struct files_run j = {.run = run};
    struct intake_config ic = {run->tax, run->blind, run->today, run->store, run->db_url, NULL, 0};
    unsigned n = run->threads < 1 ? 1 : run->threads > THREADS_MAX ? THREADS_MAX : run->threads;
    double t0;

    run->rows = NULL;
    run->nrows = 0;
    run->errors = json_array();
    run->skipped = json_array();
    run->warnings = json_array();
    memset(&run->sum, 0, sizeof run->sum);
    ic.warnings = json_array(); /* the intake's, under its own lock: added after the run */
    pthread_mutex_init(&j.mu, NULL);
    pthread_cond_init(&j.progress, NULL);
    if (run->nfiles && n > run->nfiles)
        n = (unsigned)run->nfiles;
    ic.readers = n;
    intake_files_open(&ic, &j.in);
    t0 = now_seconds();
    run_threads(&j, n);
    intake_files_close(j.in); /* the parses kept before the clock stops: they are the run's */
    json_array_extend(run->warnings, ic.warnings);
    json_decref(ic.warnings);
    run->sum.files = run->nfiles - json_array_size(run->skipped);
    run->sum.seconds = now_seconds() - t0;

    if (j.nrows) /* none: every file failed, and rows is NULL */
        qsort(j.rows, j.nrows, sizeof *j.rows, cmp_rows);
    if (run->top && j.nrows > (size_t)run->top)
        trim(&j);
    run->rows = j.rows;
    run->nrows = j.nrows;
    {
        size_t ne = json_array_size(run->errors);
        json_t **ev = xcalloc(ne + 1, sizeof(json_t *)), *sorted = json_array();
        for (size_t i = 0; i < ne; i++)
            ev[i] = json_array_get(run->errors, i);
        qsort(ev, ne, sizeof(json_t *), cmp_errors);
        for (size_t i = 0; i < ne; i++)
            json_array_append(sorted, ev[i]);
        free(ev);
        json_decref(run->errors);
        run->errors = sorted;
    }
    sort_strings(run->skipped);
    pthread_mutex_destroy(&j.mu);
    pthread_cond_destroy(&j.progress);
}

void
screening_files_cleanup(struct screening_files *run)
{
    for (size_t i = 0; i < run->nrows; i++)
        screen_row_cleanup(&run->rows[i]);
    free(run->rows);
    run->rows = NULL;
    run->nrows = 0;
    json_decref(run->errors);
    json_decref(run->warnings);
    json_decref(run->skipped);
    run->errors = run->warnings = NULL;
}

/* ---- a queued screening ---------------------------------------------------------------- */

#define JOB_BATCH 64

/* The most bytes of an original read back for a blind screening: upload_max's own ceiling
 * (what is kept was under the limit of its day); the extractor's limits apply after. */
#define ORIGINAL_READ_MAX (1ul << 30)

/* The resume for one row: the stored parse, or for a blind screening the original read
 * again from the store, redacted and parsed. */
static enum rb_err
resume_of(struct store *s, json_t *row, bool blind, struct ym today,
          const struct opening_reader *rd, struct resume *r, char *errmsg)
{
    const char *error = json_string_value(json_object_get(row, "error"));
    if (error) {
        snprintf(errmsg, RB_ERRMSG, "%s", error);
        return RB_EINVAL;
    }
    if (!blind)
        return resume_from_json(json_object_get(row, "parsed"), rd->taxonomy, today, r, errmsg);
    {
        void *data;
        size_t len;
        const char *format;
        enum rb_err e = store_original_get(s, json_string_value(json_object_get(row, "hash")),
                                           ORIGINAL_READ_MAX, &data, &len, errmsg);
        if (e)
            return e;
        e = resume_read(json_string_value(json_object_get(row, "filename")), data, len, true,
                        rd->sc, today, r, &format, errmsg);
        free(data);
        return e;
    }
}

/* A screening's end and the note to whoever started it, in one transaction; when the note
 * cannot be queued the end is recorded alone (the job must not run again for a mail). A job
 * no longer running (another server took it over after its lease and finished it, or will)
 * is left to that server, so that the note is sent once. */
static void
finish_job(struct store *s, long long id, const char *error, char *msg)
{
    enum rb_err e = store_tx_begin(s, msg), ended = RB_OK;
    if (!e) {
        e = ended = store_screening_finish(s, id, error, msg);
        e = e ? e : notify_screening(s, id, (long long)time(NULL), msg);
        e = store_tx_end(s, e, msg);
    }
    if (e && ended != RB_ENOTFOUND)
        store_screening_finish(s, id, error, msg);
}

enum rb_err
screening_job_run(struct store *s, long long id, const char *criteria, bool blind,
                  const struct opening_reader *rd, const int *stopping, char *errmsg)
{
    struct role role;
    json_t *cj = json_loads(criteria, 0, NULL);
    char msg[RB_ERRMSG];
    struct ym today = dates_today();
    bool ok = cj && role_from_json(cj, &role, msg);
    long long ids[JOB_BATCH];
    size_t n;
    enum rb_err rc = RB_OK;

    json_decref(cj);
    if (!ok) {
        finish_job(s, id, "the screening's criteria cannot be read", msg);
        return RB_OK;
    }
    while (!__atomic_load_n(stopping, __ATOMIC_RELAXED)) {
        struct screening_outcome out[JOB_BATCH];
        char *results[JOB_BATCH], errors[JOB_BATCH][RB_ERRMSG];
        if (store_screening_next(s, id, JOB_BATCH, ids, &n, msg) || !n)
            break;
        for (size_t i = 0; i < n; i++) {
            json_t *row = NULL;
            struct resume r;
            enum rb_err e = store_resume_row(s, ids[i], &row, errors[i]);
            out[i] = (struct screening_outcome){ids[i], 0, NULL, NULL};
            results[i] = NULL;
            if (!e)
                e = resume_of(s, row, blind, today, rd, &r, errors[i]);
            if (e) {
                out[i].error = errors[i];
            } else {
                struct screen_row w;
                json_t *o;
                screening_row_make(&r, &role, rd->taxonomy, today, blind, NULL,
                                   json_string_value(json_object_get(row, "filename")), &w);
                o = screening_row_json(&w, blind);
                if (!blind)
                    json_object_set(o, "filename", json_object_get(row, "filename"));
                out[i].score = w.s.score;
                out[i].result = results[i] = json_dumps(o, JSON_COMPACT);
                json_decref(o);
                screen_row_cleanup(&w);
                resume_cleanup(&r);
            }
            json_decref(row);
        }
        rc = store_screening_record(s, id, out, n, (long long)time(NULL), errmsg);
        for (size_t i = 0; i < n; i++)
            free(results[i]);
        if (rc) {
            /* left 'running': claimed again once its heartbeat is stale */
            role_cleanup(&role);
            return rc;
        }
    }
    if (!__atomic_load_n(stopping, __ATOMIC_RELAXED))
        finish_job(s, id, NULL, msg);
    else
        /* this server is stopping: another (or this one, started again) goes on at once
         * rather than after the lease; when this fails, the lease still hands it over */
        (void)store_screening_release(s, id, msg);
    role_cleanup(&role);
    return RB_OK;
}
