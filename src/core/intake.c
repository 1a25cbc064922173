/* SPDX-License-Identifier: MIT */
/* Resume files into parsed resumes the store keeps (core/intake.h). */
#include "core/intake.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/extract.h"
#include "resume/stored.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/text.h"

/* The last path component of a client's file name, without control characters, in valid
 * UTF-8, at most 200 bytes (new). */
static char *
clean_name(const char *name)
{
    const char *base = name ? name : "";
    char *out;
    size_t n, bad;
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    out = xstrdup(*base ? base : "upload");
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '_';
    if ((n = strlen(out)) > 200) {
        n = 200;
        while (n && ((unsigned char)out[n] & 0xc0) == 0x80)
            n--;
        out[n] = '\0';
    }
    while (!text_utf8_valid(out, n, &bad))
        out[bad] = '_';
    return out;
}

enum rb_err
intake_upload(struct store *s, const char *filename, const void *data, size_t len,
              long long candidate, long long by, const struct opening_reader *rd,
              struct intake_result *out, char *errmsg)
{
    struct resume_new v = {0};
    struct resume r;
    char *name = clean_name(filename), *parsed = NULL;
    enum rb_err e;

    memset(out, 0, sizeof *out);
    snprintf(out->filename, sizeof out->filename, "%s", name);
    resume_content_hash(data ? data : "", len, out->hash);
    v = (struct resume_new){candidate, out->hash, name, len, data ? data : "",
                            NULL,      NULL,      NULL, by};
    if (!resume_read(name, data ? data : "", len, false, rd->sc, dates_today(), &r, &out->format,
                     out->error)) {
        json_t *o = resume_to_json(&r, rd->taxonomy, name, out->format);
        parsed = json_dumps(o, JSON_COMPACT);
        json_decref(o);
        resume_cleanup(&r);
        v.format = out->format;
        v.parsed = parsed;
    } else {
        out->format = NULL;
        v.error = out->error;
    }
    e = store_resumes_add(s, &v, 1, &out->resume, errmsg);
    free(parsed);
    free(name);
    return e;
}

/* ---- files on disk, many at once ------------------------------------------------------- */

#define PENDING_MAX 1024 /* parses waiting for the writer before readers wait */

/* A parse to keep, owned: the resume itself, turned into JSON by whoever writes it. */
struct pending {
    char *hash;
    char format[32];
    struct resume r;
};

struct intake_files {
    struct intake_config c; /* read-only while it runs */
    char parser[128];       /* resume_parser_key of c.tax */

    pthread_mutex_t store_mu; /* guards the store and the warnings */
    struct store *store;      /* NULL: none, or after a store error */
    bool lookups;             /* the store kept parses when the run began: look files up */

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
    pthread_t writer_thread;

    /* The writer thread's own connection (SQLite in WAL mode reads beside a writer), so that
     * its transactions never hold up the readers' lookups in store; only the writer (and,
     * after it is joined, the closing thread) uses it. NULL: no writer thread. */
    struct store *wstore;
    bool write_failed;
};

/* Says msg in the run's warnings (store_mu held). */
static void
warn_locked(struct intake_files *in, const char *what, const char *msg)
{
    char line[RB_ERRMSG + 64];
    if (!in->c.warnings)
        return;
    snprintf(line, sizeof line, "%s: %s", what, msg);
    json_array_append_new(in->c.warnings, json_string(line));
}

/* Keeps n parses (v, taken) in the store in one transaction. The JSON is made here, off the
 * scanning threads when a writer thread calls it. A store that fails is warned about once
 * and not used again: the run goes on without it. */
static void
write_batch(struct intake_files *in, struct pending *v, size_t n)
{
    char msg[RB_ERRMSG];
    struct parsed_resume *rows = xcalloc(n ? n : 1, sizeof *rows);
    char **bodies = xcalloc(n ? n : 1, sizeof *bodies); /* the ones jansson wrote, else NULL */
    size_t *at = xcalloc(n ? n : 1, sizeof *at);
    bool failed = false;
    struct buf b;
    /* the stored JSON written straight from the resume (resume_json_write: the bytes jansson
     * would write, without building the tree), without the "file" key, as parses are kept;
     * the batch's texts one after the other in one buffer, each ended by a NUL (a copy and
     * an allocation a parse fewer) */
    buf_init(&b, (size_t)1 << 30);
    for (size_t i = 0; i < n; i++) {
        json_t *o;
        at[i] = b.len;
        if (!resume_json_write(&v[i].r, in->c.tax, NULL, v[i].format, &b) && !buf_append(&b, "", 1))
            continue;
        /* over the batch's 1 GB: this one jansson's way, which has no bound */
        b.len = at[i];
        o = resume_to_json(&v[i].r, in->c.tax, "", v[i].format);
        json_object_del(o, "file");
        bodies[i] = json_dumps(o, JSON_COMPACT);
        json_decref(o);
        if (!bodies[i])
            abort(); /* jansson fails only when out of memory */
    }
    for (size_t i = 0; i < n; i++)
        rows[i] = (struct parsed_resume){v[i].hash, in->c.blind, in->parser, v[i].format,
                                         bodies[i] ? bodies[i] : b.data + at[i]};
    if (in->wstore) {
        /* the writer thread's alone, or, without one, the readers' in turn */
        if (!in->writer_on)
            pthread_mutex_lock(&in->store_mu);
        if (n && !in->write_failed && store_resumes_put(in->wstore, rows, n, msg)) {
            if (in->writer_on)
                pthread_mutex_lock(&in->store_mu);
            warn_locked(in, "parses are not being kept", msg);
            if (in->writer_on)
                pthread_mutex_unlock(&in->store_mu);
            in->write_failed = failed = true;
        }
        if (!in->writer_on)
            pthread_mutex_unlock(&in->store_mu);
    } else {
        pthread_mutex_lock(&in->store_mu);
        if (in->store && n && store_resumes_put(in->store, rows, n, msg)) {
            warn_locked(in, "parses are not being kept", msg);
            in->store = NULL;
            failed = true;
        }
        pthread_mutex_unlock(&in->store_mu);
    }
    if (failed) {
        pthread_mutex_lock(&in->queue_mu);
        in->keeping = false;
        pthread_cond_broadcast(&in->queue_cv);
        pthread_mutex_unlock(&in->queue_mu);
    }
    for (size_t i = 0; i < n; i++) {
        free(bodies[i]);
        free(v[i].hash);
        resume_cleanup(&v[i].r);
    }
    buf_cleanup(&b);
    free(at);
    free(bodies);
    free(rows);
    free(v);
}

/* The writer thread: batches of parses into the store until the run is over. */
static void *
writer(void *arg)
{
    struct intake_files *in = arg;
    pthread_mutex_lock(&in->queue_mu);
    for (;;) {
        struct pending *v;
        size_t n;
        while (in->npending < INTAKE_BATCH && !in->closing)
            pthread_cond_wait(&in->queue_cv, &in->queue_mu);
        if (!in->npending && in->closing)
            break;
        v = in->pending;
        n = in->npending;
        in->pending = NULL;
        in->npending = in->cappending = 0;
        pthread_cond_broadcast(&in->queue_cv); /* room for the scanning threads */
        pthread_mutex_unlock(&in->queue_mu);
        write_batch(in, v, n);
        pthread_mutex_lock(&in->queue_mu);
    }
    pthread_mutex_unlock(&in->queue_mu);
    return NULL;
}

void
intake_files_open(const struct intake_config *c, struct intake_files **out)
{
    struct intake_files *in = xcalloc(1, sizeof *in);
    char msg[RB_ERRMSG];
    in->c = *c;
    in->store = c->store;
    resume_parser_key(c->tax, in->parser, sizeof in->parser);
    pthread_mutex_init(&in->store_mu, NULL);
    pthread_mutex_init(&in->queue_mu, NULL);
    pthread_cond_init(&in->queue_cv, NULL);
    in->keeping = c->store != NULL;
    /* a store with no parse at all (a new one) has none of these files: looking each up
     * was most of what a first run spent on the store beside writing (a failure to tell
     * leaves the lookups on) */
    if (c->store)
        (void)store_resumes_any(c->store, &in->lookups, msg);
    /* a second connection to an in-memory store would be another, empty store */
    if (c->store && c->db_url && !strstr(c->db_url, ":memory:") &&
        store_open(c->db_url, &in->wstore, msg) == RB_OK) {
        /* the writer keeps only parses, which a lost commit costs a parse again: its commits
         * need no sync (a failure here leaves them synced, which is only slower) */
        (void)store_cache_writes(in->wstore, msg);
        in->writer_on =
            c->readers >= 2 && pthread_create(&in->writer_thread, NULL, writer, in) == 0;
        if (!in->writer_on && c->readers >= 2) {
            store_close(in->wstore); /* the reading threads write instead */
            in->wstore = NULL;
        }
    }
    *out = in;
}

/* The stored parse of hash, or false. */
static bool
from_store(struct intake_files *in, const char *hash, struct resume *r, char *format,
           size_t nformat)
{
    char msg[RB_ERRMSG], *fmt = NULL, *body = NULL;
    enum rb_err e = RB_ENOTFOUND;
    json_t *o;
    if (!in->lookups)
        return false;
    pthread_mutex_lock(&in->store_mu);
    if (in->store) {
        e = store_resume_get(in->store, hash, in->c.blind, in->parser, &fmt, &body, msg);
        if (e && e != RB_ENOTFOUND) {
            warn_locked(in, "parses kept in the store are not being used", msg);
            in->store = NULL;
        }
    }
    pthread_mutex_unlock(&in->store_mu);
    if (e || !body) {
        free(fmt);
        free(body);
        return false;
    }
    o = json_loads(body, 0, NULL);
    e = o ? resume_from_json(o, in->c.tax, in->c.today, r, msg) : RB_EINVAL;
    json_decref(o);
    snprintf(format, nformat, "%s", fmt);
    free(fmt);
    free(body);
    return e == RB_OK; /* a damaged row is parsed again and replaced */
}

enum rb_err
intake_files_read(struct intake_files *in, struct skillscan *sc, const char *file, bool walked,
                  struct intake_item *it, char *errmsg)
{
    char *data = NULL;
    size_t len;
    enum rb_err e;

    memset(it, 0, sizeof *it);
    if ((e = extract_read(file, NULL, &data, &len, errmsg))) {
        /* a store grown past the size limit is still a store, not a resume too large */
        if (e == RB_ETOOBIG && walked && extract_file_is_database(file)) {
            it->database = true;
            return RB_OK;
        }
        return e;
    }
    if (walked && extract_is_database(data, len)) {
        it->database = true; /* such as the store, kept beside the resumes */
        free(data);
        return RB_OK;
    }
    resume_content_hash(data, len, it->hash);
    it->from_store = from_store(in, it->hash, &it->r, it->format, sizeof it->format);
    if (!it->from_store) {
        const char *fmt;
        e = resume_read(file, data, len, in->c.blind, sc, in->c.today, &it->r, &fmt, errmsg);
        if (!e)
            snprintf(it->format, sizeof it->format, "%s", fmt);
    }
    free(data);
    return e;
}

/* Queues r (taken) to be kept in the store under hash. */
static void
keep_take(struct intake_files *in, const char *hash, const char *format, struct resume *r)
{
    struct pending *batch = NULL;
    size_t n = 0;
    pthread_mutex_lock(&in->queue_mu);
    /* a writer slower than the readers: wait rather than hold every parse in memory */
    while (in->writer_on && in->keeping && in->npending >= PENDING_MAX)
        pthread_cond_wait(&in->queue_cv, &in->queue_mu);
    if (!in->keeping) {
        pthread_mutex_unlock(&in->queue_mu);
        resume_cleanup(r);
        return;
    }
    xgrow(&in->pending, &in->cappending, in->npending + 1, sizeof *in->pending);
    in->pending[in->npending] = (struct pending){.hash = xstrdup(hash), .r = *r};
    snprintf(in->pending[in->npending].format, sizeof in->pending[in->npending].format, "%s",
             format);
    in->npending++;
    if (in->npending >= INTAKE_BATCH && in->writer_on) {
        pthread_cond_broadcast(&in->queue_cv);
    } else if (in->npending >= INTAKE_BATCH) {
        batch = in->pending; /* no writer thread: this one writes the batch */
        n = in->npending;
        in->pending = NULL;
        in->npending = in->cappending = 0;
    }
    pthread_mutex_unlock(&in->queue_mu);
    if (batch)
        write_batch(in, batch, n);
}

void
intake_files_done(struct intake_files *in, struct intake_item *it)
{
    if (it->from_store)
        resume_cleanup(&it->r);
    else
        keep_take(in, it->hash, it->format, &it->r);
    memset(&it->r, 0, sizeof it->r);
}

void
intake_files_close(struct intake_files *in)
{
    struct pending *v;
    size_t n;
    if (!in)
        return;
    /* what is left is handed to be written, and the writer waited for */
    pthread_mutex_lock(&in->queue_mu);
    in->closing = true;
    pthread_cond_broadcast(&in->queue_cv);
    pthread_mutex_unlock(&in->queue_mu);
    if (in->writer_on)
        pthread_join(in->writer_thread, NULL);
    pthread_mutex_lock(&in->queue_mu);
    v = in->pending;
    n = in->npending;
    in->pending = NULL;
    in->npending = in->cappending = 0;
    pthread_mutex_unlock(&in->queue_mu);
    write_batch(in, v, n);
    store_close(in->wstore);
    pthread_mutex_destroy(&in->store_mu);
    pthread_mutex_destroy(&in->queue_mu);
    pthread_cond_destroy(&in->queue_cv);
    free(in);
}
