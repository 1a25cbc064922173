/* SPDX-License-Identifier: MIT */
/*
 * Search benchmark: a synthetic bank of N questions (default 100,000) is loaded through the
 * store (questions/s), then the same queries run through Rubric's search and through SQLite
 * FTS5 queried directly on the same file (the baseline), for 20 ranked results with
 * snippets. Query terms are planted at known rates (1%, 5%, 20% of questions), so each row
 * of the table says how much of the bank a query matches. Absolute times drift on shared
 * machines; the ratio to the baseline, measured in the same run, is what to read.
 *
 * usage: bench_search [N] [QUERIES_PER_CLASS] [DB_PATH [--builtin]]
 */
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/bank.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/mem.h"

#include "synth.h"

struct result {
    double p50, p99, qps;
    size_t rows;
};

static struct result
summarise(double *lat, size_t n, double total_ms, size_t rows)
{
    struct result r;
    qsort(lat, n, sizeof *lat, cmp_double);
    r.p50 = lat[n / 2];
    r.p99 = lat[(size_t)((double)n * 0.99) < n ? (size_t)((double)n * 0.99) : n - 1];
    r.qps = (double)n / (total_ms / 1e3);
    r.rows = rows;
    return r;
}

static struct result
run_rubric(struct store *s, int c, size_t queries)
{
    double *lat = xcalloc(queries, sizeof *lat), t0 = now_ms();
    size_t rows = 0;
    for (size_t i = 0; i < queries; i++) {
        char w[16], msg[RB_ERRMSG];
        struct search_query q = {w, 0, -1, NULL, 20, NULL, 0, 0, 0};
        struct search_hit *hits;
        size_t n;
        double a;
        synth_term(w, sizeof w, c, (int)(i % SYNTH_TERMS));
        a = now_ms();
        if (store_question_search(s, &q, &hits, &n, msg)) {
            fprintf(stderr, "bench: %s\n", msg);
            exit(1);
        }
        lat[i] = now_ms() - a;
        rows += n;
        search_hits_free(hits, n);
    }
    struct result r = summarise(lat, queries, now_ms() - t0, rows);
    free(lat);
    return r;
}

/* The baseline: the query a developer would write against FTS5 by hand. */
static struct result
run_raw(sqlite3 *db, int c, size_t queries)
{
    sqlite3_stmt *st;
    double *lat = xcalloc(queries, sizeof *lat), t0;
    size_t rows = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT rowid, snippet(question_fts, -1, char(2), char(3), '…', 16) "
                           "FROM question_fts WHERE question_fts MATCH ?1 ORDER BY rank LIMIT 20",
                           -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench: %s\n", sqlite3_errmsg(db));
        exit(1);
    }
    t0 = now_ms();
    for (size_t i = 0; i < queries; i++) {
        char w[16];
        double a;
        synth_term(w, sizeof w, c, (int)(i % SYNTH_TERMS));
        a = now_ms();
        sqlite3_bind_text(st, 1, w, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(st) == SQLITE_ROW)
            rows++;
        sqlite3_reset(st);
        lat[i] = now_ms() - a;
    }
    struct result r = summarise(lat, queries, now_ms() - t0, rows);
    sqlite3_finalize(st);
    free(lat);
    return r;
}

int
main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 100000;
    size_t queries = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 300;
    const char *path = argc > 3 ? argv[3] : "build/bench/search.db";
    char msg[RB_ERRMSG] = "";
    struct bank b;
    struct store *s;
    struct load_result lr;
    sqlite3 *db;
    double t0, load_ms;
    int fails = 0;

    bank_init(&b);
    fprintf(stderr, "bench: building a synthetic bank of %zu questions\n", n);
    synth_bank(&b, n, 4);
    if (argc > 4 && strcmp(argv[4], "--builtin") == 0) {
        /* with the built-in bank too, so that its roles load beside it (bench/web_search.mjs
         * serves this store) */
        struct diags d;
        diags_init(&d, 0);
        bank_read_builtin(&b, &d);
        diags_cleanup(&d);
    }
    if (!bench_fresh_store(path, &s))
        return 1;
    t0 = now_ms();
    if (store_bank_load(s, &b, &lr, msg)) {
        fprintf(stderr, "bench: %s\n", msg);
        return 1;
    }
    load_ms = now_ms() - t0;
    bank_cleanup(&b);
    printf("Search benchmark: %zu synthetic questions, %zu queries per row, top 20 with "
           "snippets\n\n",
           n, queries);
    printf("load: %zu questions in %.0f ms = %.0f questions/s (target >= 20000) %s\n\n", lr.added,
           load_ms, (double)lr.added / (load_ms / 1e3),
           (double)lr.added / (load_ms / 1e3) >= 20000 ? "ok" : "MISSED");
    fails += (double)lr.added / (load_ms / 1e3) < 20000;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench: cannot open %s\n", path);
        return 1;
    }
    printf("%-8s %8s | %9s %9s %8s | %9s %9s %8s | %6s | %s\n", "matches", "rows", "rubric p50",
           "p99 ms", "q/s", "raw p50", "p99 ms", "q/s", "ratio", "target");
    for (int c = 0; c < SYNTH_CLASSES; c++) {
        /* warm both paths once so that neither pays for the first page reads */
        run_rubric(s, c, SYNTH_TERMS);
        run_raw(db, c, SYNTH_TERMS);
        struct result r = run_rubric(s, c, queries);
        struct result w = run_raw(db, c, queries);
        double ratio = r.p99 / w.p99;
        double limit = synth_rate[c] <= 0.05 ? 10.0 : 50.0;
        bool ok = ratio <= 1.5 && r.p99 < limit;
        fails += !ok;
        printf("%6.0f%%  %8zu | %9.2f %9.2f %8.0f | %9.2f %9.2f %8.0f | %5.2fx | p99 < %.0f ms, "
               "<= 1.5x: %s\n",
               synth_rate[c] * 100, r.rows / queries, r.p50, r.p99, r.qps, w.p50, w.p99, w.qps,
               ratio, limit, ok ? "ok" : "MISSED");
    }
    sqlite3_close(db);
    store_close(s);
    printf("\n%s\n", fails ? "some targets were missed" : "all targets met");
    return 0;
}
