/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: search text as a person (or an HTTP client) types it, through the query
 * builder into a real FTS5 index. Any text must give results or a clean "invalid input"
 * error: never an FTS5 syntax error, a crash or a leak.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bank.h"
#include "store/store.h"
#include "util/mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *store;

static void
close_store(void)
{
    store_close(store);
}

static void
open_store(void)
{
    char msg[RB_ERRMSG];
    struct bank b;
    struct diags d;
    struct load_result r;

    if (store_open("sqlite::memory:", &store, msg)) {
        fprintf(stderr, "%s\n", msg);
        abort();
    }
    bank_init(&b);
    diags_init(&d, 0);
    bank_read_builtin(&b, &d);
    if (store_bank_load(store, &b, &r, msg)) {
        fprintf(stderr, "%s\n", msg);
        abort();
    }
    bank_cleanup(&b);
    diags_cleanup(&d);
    atexit(close_store);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct search_query q = {NULL, 0, -1, NULL, 5, NULL, 0, 0, 0};
    struct search_hit *hits = NULL;
    size_t n = 0;
    char msg[RB_ERRMSG];
    char *text;
    enum rb_err rc;

    if (!store)
        open_store();
    text = xstrndup((const char *)data, size);
    q.text = text;
    q.level = size ? data[0] % 5 : 0;
    rc = store_question_search(store, &q, &hits, &n, msg);
    /* the query builder must never hand FTS5 something it rejects */
    if (rc != RB_OK && rc != RB_EINVAL)
        abort();
    search_hits_free(hits, n);
    free(text);
    return 0;
}
