/* SPDX-License-Identifier: MIT */
/*
 * Bounded worker pools: a fixed number of threads and a queue of fixed length, so that slow
 * work (a PDF read by pdftotext, an argon2id hash) never runs on a thread that should answer
 * others, and a burst of it is refused at once rather than piled up without end. A slot is
 * reserved first and the job handed over after, so that the caller can prepare for the job
 * (suspend a connection) knowing it will be taken.
 */
#ifndef RUBRIC_UTIL_POOL_H
#define RUBRIC_UTIL_POOL_H

#include <stdbool.h>
#include <stddef.h>

struct pool;

typedef void (*pool_fn)(void *arg);

/* A new pool of threads workers (at least 1) with room for queue_max jobs waiting besides
 * those running (free with pool_free). Aborts when the threads cannot be started. */
struct pool *pool_new(const char *name, unsigned threads, size_t queue_max);

/* Reserves room for one job: false when every worker is busy and the queue is full. A true
 * must be followed by exactly one pool_submit. */
bool pool_reserve(struct pool *p);
/* Hands fn(arg) to the pool under a reservation; it runs on one of the workers. */
void pool_submit(struct pool *p, pool_fn fn, void *arg);

/* Jobs reserved and not finished (running or waiting). */
size_t pool_pending(struct pool *p);

/* Takes no more jobs (pool_reserve says false from now on) and waits until every job taken
 * has run. The pool stays valid for pool_reserve until pool_free. Accepts NULL. */
void pool_quiesce(struct pool *p);

/* Runs every job already submitted, stops the workers and frees the pool. Accepts NULL. */
void pool_free(struct pool *p);

#endif
