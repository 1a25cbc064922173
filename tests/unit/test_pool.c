/* SPDX-License-Identifier: MIT */
/* Bounded worker pools: what the server's 503 for a full queue and its drain rely on. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <unistd.h>

#include "util/pool.h"

/* A job that waits until the test opens the gate, then counts itself. */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int gate_open, done;

static void
gated_job(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    while (!gate_open)
        pthread_cond_wait(&cv, &mu);
    done++;
    pthread_mutex_unlock(&mu);
}

static void
open_gate(void)
{
    pthread_mutex_lock(&mu);
    gate_open = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

Test(pool, a_full_pool_refuses_and_every_job_taken_runs)
{
    struct pool *p = pool_new("test", 2, 3);
    int taken = 0;
    gate_open = done = 0;
    /* two running and three waiting: the sixth is refused */
    for (int i = 0; i < 6; i++) {
        if (pool_reserve(p)) {
            pool_submit(p, gated_job, NULL);
            taken++;
        }
    }
    cr_assert_eq(taken, 5);
    cr_assert_eq(pool_pending(p), 5);
    cr_assert_not(pool_reserve(p), "still full while the jobs wait");
    open_gate();
    pool_free(p); /* runs what was taken before it returns */
    cr_assert_eq(done, 5);
}

Test(pool, room_comes_back_when_jobs_finish)
{
    struct pool *p = pool_new("test", 1, 0);
    gate_open = done = 0;
    cr_assert(pool_reserve(p));
    pool_submit(p, gated_job, NULL);
    cr_assert_not(pool_reserve(p), "one worker, no queue: busy");
    open_gate();
    /* 10 s at most */
    for (int i = 0; i < 10000 && pool_pending(p); i++)
        usleep(1000);
    cr_assert_eq(pool_pending(p), 0);
    cr_assert(pool_reserve(p), "the worker is free again");
    pool_submit(p, gated_job, NULL);
    pool_free(p);
    cr_assert_eq(done, 2);
}

Test(pool, quiesce_waits_for_the_jobs_taken_and_takes_no_more)
{
    struct pool *p = pool_new("test", 1, 4);
    gate_open = done = 0;
    for (int i = 0; i < 3; i++) {
        cr_assert(pool_reserve(p));
        pool_submit(p, gated_job, NULL);
    }
    open_gate();
    pool_quiesce(p);
    cr_assert_eq(done, 3, "every job taken has run when quiesce returns");
    cr_assert_not(pool_reserve(p), "a quiesced pool takes nothing more");
    pool_free(p);
}
