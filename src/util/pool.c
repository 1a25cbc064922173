/* SPDX-License-Identifier: MIT */
/* Bounded worker pools (util/pool.h): a ring of queue_max + threads jobs under one mutex. */
#include "util/pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

struct job {
    pool_fn fn;
    void *arg;
};

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_cond_t idle; /* reserved fell to 0 */
    pthread_t *threads;
    unsigned nthreads;
    struct job *ring;
    size_t cap;      /* ring slots: queue_max + nthreads */
    size_t head, n;  /* jobs submitted, not yet taken */
    size_t reserved; /* reservations not yet finished (taken, waiting or running) */
    bool closed;     /* no more reservations */
    bool stopping;   /* the workers end once the ring is empty */
};

static void *
worker(void *arg)
{
    struct pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        struct job j;
        while (!p->n && !p->stopping)
            pthread_cond_wait(&p->cv, &p->mu);
        if (!p->n)
            break; /* stopping, and nothing left to run */
        j = p->ring[p->head];
        p->head = (p->head + 1) % p->cap;
        p->n--;
        pthread_mutex_unlock(&p->mu);
        j.fn(j.arg);
        pthread_mutex_lock(&p->mu);
        if (--p->reserved == 0)
            pthread_cond_broadcast(&p->idle);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

struct pool *
pool_new(const char *name, unsigned threads, size_t queue_max)
{
    struct pool *p = xcalloc(1, sizeof *p);
    if (!threads)
        threads = 1;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    pthread_cond_init(&p->idle, NULL);
    p->nthreads = threads;
    p->cap = queue_max + threads;
    p->ring = xcalloc(p->cap, sizeof *p->ring);
    p->threads = xcalloc(threads, sizeof *p->threads);
    for (unsigned i = 0; i < threads; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0) {
            fprintf(stderr, "rubric: cannot start the %s pool's threads\n", name);
            abort();
        }
    }
    return p;
}

bool
pool_reserve(struct pool *p)
{
    bool ok;
    pthread_mutex_lock(&p->mu);
    ok = !p->closed && !p->stopping && p->reserved < p->cap;
    if (ok)
        p->reserved++;
    pthread_mutex_unlock(&p->mu);
    return ok;
}

void
pool_submit(struct pool *p, pool_fn fn, void *arg)
{
    pthread_mutex_lock(&p->mu);
    /* reserved <= cap, so the ring has room */
    p->ring[(p->head + p->n) % p->cap] = (struct job){fn, arg};
    p->n++;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

size_t
pool_pending(struct pool *p)
{
    size_t n;
    pthread_mutex_lock(&p->mu);
    n = p->reserved;
    pthread_mutex_unlock(&p->mu);
    return n;
}

void
pool_quiesce(struct pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->closed = true;
    while (p->reserved)
        pthread_cond_wait(&p->idle, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

void
pool_free(struct pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stopping = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    for (unsigned i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->cv);
    pthread_cond_destroy(&p->idle);
    pthread_mutex_destroy(&p->mu);
    free(p->threads);
    free(p->ring);
    free(p);
}
