/* SPDX-License-Identifier: MIT */
/*
 * The connection guard (http/guard.h). Connections are kept in one list ordered by when their
 * head's clock started (a new connection, or a request answered, goes to the tail), so the one
 * that has waited longest for a head is always the first not in a request. One mutex: every call is
 * a few pointer moves, except sweeps, which walk the list every few hundred milliseconds.
 */
#include "http/guard.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "util/mem.h"

struct guard_conn {
    int fd;
    bool busy;       /* a request's head has arrived */
    bool body;       /* ... and its body is being read */
    bool cut;        /* shut down by the guard: the server will close it */
    long long since; /* ms: when the head's (or the body's) clock started */
    struct guard_conn *prev, *next;
};

struct guard {
    pthread_mutex_t mu;
    unsigned max_conns, head_ms, body_ms;
    struct guard_conn *first, *last;
    size_t n, cut_total;
};

static long long
now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void
unlink_conn(struct guard *g, struct guard_conn *c)
{
    if (c->prev)
        c->prev->next = c->next;
    else
        g->first = c->next;
    if (c->next)
        c->next->prev = c->prev;
    else
        g->last = c->prev;
    c->prev = c->next = NULL;
}

static void
append(struct guard *g, struct guard_conn *c)
{
    c->prev = g->last;
    c->next = NULL;
    if (g->last)
        g->last->next = c;
    else
        g->first = c;
    g->last = c;
}

/* Shuts the socket down: the server's next read sees the end and closes it. The record stays
 * until the server says it is closed, so the descriptor cannot be reused meanwhile. */
static void
cut(struct guard *g, struct guard_conn *c)
{
    if (c->cut)
        return;
    c->cut = true;
    g->cut_total++;
    shutdown(c->fd, SHUT_RDWR);
}

struct guard *
guard_new(unsigned max_conns, unsigned head_ms, unsigned body_ms)
{
    struct guard *g = xcalloc(1, sizeof *g);
    pthread_mutex_init(&g->mu, NULL);
    g->max_conns = max_conns;
    g->head_ms = head_ms;
    g->body_ms = body_ms;
    return g;
}

void
guard_free(struct guard *g)
{
    if (!g)
        return;
    for (struct guard_conn *c = g->first, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    pthread_mutex_destroy(&g->mu);
    free(g);
}

struct guard_conn *
guard_open(struct guard *g, int fd)
{
    struct guard_conn *c = xcalloc(1, sizeof *c);
    c->fd = fd;
    c->since = now_ms();
    pthread_mutex_lock(&g->mu);
    if (g->max_conns && g->n >= g->max_conns) {
        /* make room: the connection that has waited longest for its head goes first */
        struct guard_conn *old = g->first;
        while (old && (old->busy || old->cut))
            old = old->next;
        cut(g, old ? old : c);
    }
    append(g, c);
    g->n++;
    pthread_mutex_unlock(&g->mu);
    return c;
}

void
guard_close(struct guard *g, struct guard_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->mu);
    unlink_conn(g, c);
    g->n--;
    pthread_mutex_unlock(&g->mu);
    free(c);
}

void
guard_body(struct guard *g, struct guard_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->mu);
    c->busy = c->body = true;
    c->since = now_ms();
    pthread_mutex_unlock(&g->mu);
}

void
guard_busy(struct guard *g, struct guard_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->mu);
    c->busy = true;
    c->body = false;
    pthread_mutex_unlock(&g->mu);
}

void
guard_idle(struct guard *g, struct guard_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->mu);
    c->busy = c->body = false;
    c->since = now_ms();
    unlink_conn(g, c);
    append(g, c);
    pthread_mutex_unlock(&g->mu);
}

size_t
guard_sweep(struct guard *g)
{
    long long now = now_ms();
    size_t n = 0;
    pthread_mutex_lock(&g->mu);
    /* the whole list: a few thousand entries at most, five times a second */
    for (struct guard_conn *c = g->first; c; c = c->next) {
        unsigned limit = !c->busy ? g->head_ms : c->body ? g->body_ms : 0;
        if (limit && !c->cut && now - c->since > limit) {
            cut(g, c);
            n++;
        }
    }
    pthread_mutex_unlock(&g->mu);
    return n;
}

size_t
guard_drain(struct guard *g, unsigned idle_ms)
{
    long long now = now_ms();
    size_t open;
    pthread_mutex_lock(&g->mu);
    for (struct guard_conn *c = g->first; c; c = c->next)
        if (!c->busy && now - c->since >= idle_ms)
            cut(g, c);
    open = g->n;
    pthread_mutex_unlock(&g->mu);
    return open;
}

size_t
guard_count(struct guard *g)
{
    size_t n;
    pthread_mutex_lock(&g->mu);
    n = g->n;
    pthread_mutex_unlock(&g->mu);
    return n;
}

size_t
guard_cut_total(struct guard *g)
{
    size_t n;
    pthread_mutex_lock(&g->mu);
    n = g->cut_total;
    pthread_mutex_unlock(&g->mu);
    return n;
}
