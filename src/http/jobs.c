/* SPDX-License-Identifier: MIT */
/* The screening worker and the shared scanner (http/jobs.h). */
#include "http/jobs.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/mail.h"
#include "core/privacy.h"
#include "core/screening.h"
#include "store/store.h"
#include "util/mem.h"

#define RETENTION_EVERY 3600 /* seconds between two retention runs */
#define RETENTION_RETRY 60   /* ... and between tries to rewrite the store's files */

static struct skills taxonomy;
static struct skillscan *proto;
static pthread_mutex_t clones_mu = PTHREAD_MUTEX_INITIALIZER;
static struct skillscan **clones;
static size_t nclones, capclones;
static _Thread_local struct skillscan *thread_scanner;

enum rb_err
jobs_setup(char *errmsg)
{
    return skillscan_builtin(&taxonomy, &proto, errmsg);
}

const struct skills *
jobs_taxonomy(void)
{
    return &taxonomy;
}

struct skillscan *
jobs_scanner(void)
{
    char msg[RB_ERRMSG];
    if (!thread_scanner) {
        if (skillscan_clone(proto, &thread_scanner, msg))
            abort(); /* out of memory */
        pthread_mutex_lock(&clones_mu);
        xgrow(&clones, &capclones, nclones + 1, sizeof(struct skillscan *));
        clones[nclones++] = thread_scanner;
        pthread_mutex_unlock(&clones_mu);
    }
    return thread_scanner;
}

void
jobs_teardown(void)
{
    for (size_t i = 0; i < nclones; i++)
        skillscan_free(clones[i]);
    free(clones);
    clones = NULL;
    nclones = capclones = 0;
    skillscan_free(proto);
    proto = NULL;
    skills_cleanup(&taxonomy);
}

/* ---- the worker ------------------------------------------------------------------------- */

static pthread_t worker_thread;
static bool worker_running;
static int stopping; /* read and written atomically */
static const struct settings *worker_cfg;

/* Erases the candidates whose retention is over (retention_days), on start and then
 * every RETENTION_EVERY seconds, PRIVACY_RETENTION_BATCH at a time (a full batch: the next
 * one at once). Any server of a store may do it: an erase is one transaction, and a
 * candidate erased by another is no longer due. When the store's files could not be
 * rewritten after an erase (a long reader), that is tried again every RETENTION_RETRY s. */
struct retention {
    long long next;
    bool unclean;
};

static void
retention_tick(struct store *s, struct retention *rt)
{
    long long now = (long long)time(NULL), erased;
    json_t *r = NULL;
    char msg[RB_ERRMSG];
    bool clean = true;
    enum rb_err e;
    if (!worker_cfg->retention_days || now < rt->next)
        return;
    e = privacy_retention(s, worker_cfg->retention_days, now, false, worker_cfg->uploads, &r, msg);
    erased = r ? (long long)json_integer_value(json_object_get(r, "erased")) : 0;
    if (e)
        fprintf(stderr, "rubric: retention: %s\n", msg);
    if (erased)
        fprintf(
            stderr,
            "rubric: retention: erased %lld candidate%s at a final stage for more than %u days\n",
            erased, erased == 1 ? "" : "s", worker_cfg->retention_days);
    if (erased)
        rt->unclean = !json_is_true(json_object_get(r, "storage_clean"));
    else if (rt->unclean && !store_compact(s, &clean, msg))
        rt->unclean = !clean;
    if (rt->unclean)
        fprintf(stderr,
                "rubric: retention: the store's files could not be rewritten yet (a "
                "long reader); trying again in %d s\n",
                RETENTION_RETRY);
    rt->next = now + (erased == PRIVACY_RETENTION_BATCH ? 0
                      : rt->unclean                     ? RETENTION_RETRY
                                                        : RETENTION_EVERY);
    json_decref(r);
}

/* Housekeeping on start and then every RETENTION_EVERY s: the uploads sweep
 * (privacy_uploads_sweep: files no resume refers to, left by a crash between a file and its
 * row), the audit log's retention (audit_retention_days), and the sign-in addresses and
 * served practice questions past their periods (privacy_traces_prune). */
#define UPLOADS_GRACE 3600 /* seconds: older than any upload still in flight */
static void
uploads_tick(struct store *s, long long *next)
{
    long long now = (long long)time(NULL);
    size_t removed = 0;
    char msg[RB_ERRMSG];
    if (now < *next)
        return;
    *next = now + RETENTION_EVERY;
    if (privacy_uploads_sweep(s, worker_cfg->uploads, now, UPLOADS_GRACE, &removed, msg))
        fprintf(stderr, "rubric: uploads sweep: %s\n", msg);
    if (removed)
        fprintf(stderr, "rubric: uploads sweep: removed %zu file%s no resume refers to\n", removed,
                removed == 1 ? "" : "s");
    removed = 0;
    if (worker_cfg->audit_retention_days &&
        privacy_audit_retention(s, worker_cfg->audit_retention_days, now, &removed, msg))
        fprintf(stderr, "rubric: audit retention: %s\n", msg);
    if (removed)
        fprintf(stderr, "rubric: audit retention: deleted %zu entr%s older than %u days\n", removed,
                removed == 1 ? "y" : "ies", worker_cfg->audit_retention_days);
    if (privacy_traces_prune(s, now, &removed, msg))
        fprintf(stderr, "rubric: forgetting old sign-in addresses and served questions: %s\n", msg);
}

static void *
worker(void *arg)
{
    struct store *s = NULL;
    char msg[RB_ERRMSG];
    struct retention rt = {0, false};
    long long sweep_next = 0;
    (void)arg;
    while (!__atomic_load_n(&stopping, __ATOMIC_RELAXED)) {
        long long id;
        char *criteria;
        bool blind;
        enum rb_err e;
        if (!s && store_open(worker_cfg->db, &s, msg)) {
            fprintf(stderr, "rubric: the screening worker cannot open the store: %s\n", msg);
            s = NULL;
        }
        if (s) {
            retention_tick(s, &rt);
            uploads_tick(s, &sweep_next);
        }
        /* a running job whose server beat no heartbeat for the lease is taken over */
        e = s ? store_screening_claim(s, (long long)time(NULL), worker_cfg->job_lease_seconds, &id,
                                      &criteria, &blind, msg)
              : RB_ESTORE;
        if (!e) {
            /* the id alone: which server ran which job, when several share a store */
            fprintf(stderr, "rubric: screening %lld: running on this server\n", id);
            struct opening_reader rd = {jobs_scanner(), &taxonomy};
            /* scored and recorded in core (core/screening.h), as `rubric screen` scores */
            if (screening_job_run(s, id, criteria, blind, worker_cfg->uploads, &rd, &stopping, msg))
                fprintf(stderr, "rubric: screening %lld: %s\n", id, msg);
            free(criteria);
            continue;
        }
        for (int i = 0; i < 5 && !__atomic_load_n(&stopping, __ATOMIC_RELAXED); i++)
            usleep(100000); /* nothing queued: look again in half a second */
    }
    store_close(s);
    return NULL;
}

/* The mail sender: what is due, every second, on a store connection of its own; a slow
 * SMTP server holds up only this thread. Counts only in the log (no addresses, no
 * subjects): `rubric mail list` shows the rows. */
static pthread_t mail_thread;
static bool mail_running;
static struct mail_config mail_cfg;

static void *
mail_worker(void *arg)
{
    struct store *s = NULL;
    char msg[RB_ERRMSG];
    (void)arg;
    while (!__atomic_load_n(&stopping, __ATOMIC_RELAXED)) {
        size_t sent = 0, failed = 0;
        if (!s && store_open(worker_cfg->db, &s, msg)) {
            fprintf(stderr, "rubric: the mail sender cannot open the store: %s\n", msg);
            s = NULL;
        }
        if (s && mail_send_due(s, &mail_cfg, (long long)time(NULL), 16, &sent, &failed, msg))
            fprintf(stderr, "rubric: mail: %s\n", msg);
        if (sent || failed)
            fprintf(stderr,
                    "rubric: mail: %zu sent, %zu failed (retried later; see 'rubric mail "
                    "list')\n",
                    sent, failed);
        if (sent + failed == 16)
            continue; /* a full batch: more may wait */
        for (int i = 0; i < 10 && !__atomic_load_n(&stopping, __ATOMIC_RELAXED); i++)
            usleep(100000);
    }
    store_close(s);
    return NULL;
}

static enum rb_err
mail_start(const struct settings *cfg, char *errmsg)
{
    bool on;
    int err;
    enum rb_err e;
    mail_cfg = (struct mail_config){cfg->smtp_url,      cfg->smtp_from,          cfg->smtp_user,
                                    cfg->smtp_password, cfg->mail_retry_seconds, 60};
    if ((e = mail_config_check(&mail_cfg, &on, errmsg)) || !on)
        return e;
    if ((e = mail_global_init(errmsg)))
        return e;
    if ((err = pthread_create(&mail_thread, NULL, mail_worker, NULL))) {
        snprintf(errmsg, RB_ERRMSG, "cannot start the mail sender: %s", strerror(err));
        return RB_EINTERNAL;
    }
    mail_running = true;
    return RB_OK;
}

enum rb_err
jobs_start(const struct settings *cfg, char *errmsg)
{
    int err;
    enum rb_err e;
    worker_cfg = cfg;
    __atomic_store_n(&stopping, 0, __ATOMIC_RELAXED);
    if ((e = mail_start(cfg, errmsg)))
        return e;
    __atomic_store_n(&stopping, 0, __ATOMIC_RELAXED);
    if ((err = pthread_create(&worker_thread, NULL, worker, NULL))) {
        snprintf(errmsg, RB_ERRMSG, "cannot start the screening worker: %s", strerror(err));
        return RB_EINTERNAL;
    }
    worker_running = true;
    return RB_OK;
}

void
jobs_stopping(void)
{
    __atomic_store_n(&stopping, 1, __ATOMIC_RELAXED);
}

void
jobs_stop(void)
{
    __atomic_store_n(&stopping, 1, __ATOMIC_RELAXED); /* a job stopped midway is queued again */
    if (mail_running)
        pthread_join(mail_thread, NULL);
    mail_running = false;
    if (!worker_running)
        return;
    pthread_join(worker_thread, NULL);
    worker_running = false;
}
