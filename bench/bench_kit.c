/* SPDX-License-Identifier: MIT */
/*
 * Kit benchmark: interview kits built from a synthetic bank of N questions (default
 * 100,000) over 14 competencies, for a role weighing 9 of them, at every stage. The
 * reference in the same run is what the obvious design pays before choosing anything:
 * reading the role's candidate questions (competency and level fit) into memory.
 *
 * usage: bench_kit [N] [KITS_PER_STAGE] [DB_PATH]
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bank.h"
#include "core/kit.h"
#include "core/role.h"
#include "store/store.h"
#include "util/mem.h"

#include "synth.h"

static void
make_role(struct role *r)
{
    memset(r, 0, sizeof *r);
    r->id = xstrdup("synthetic-senior");
    r->title = xstrdup("Synthetic senior");
    r->summary = xstrdup("A role for the benchmark.");
    r->level = LEVEL_SENIOR;
    r->min_years = 5;
    r->responsibilities = xcalloc(1, sizeof *r->responsibilities);
    r->responsibilities[0] = xstrdup("Benchmarks things.");
    r->nresponsibilities = 1;
    r->ncomps = 9;
    r->comps = xcalloc(9, sizeof *r->comps);
    for (size_t i = 0; i < 9; i++) {
        char id[32];
        snprintf(id, sizeof id, "comp-%02zu", i);
        r->comps[i].id = xstrdup(id);
        r->comps[i].weight = 1 + (int)(i % 5);
        for (int k = 0; k < 4; k++)
            r->comps[i].anchors[k] = xstrdup("An anchor.");
    }
}

/* The reference: read every question a kit for r could draw from. Returns the row count. */
static size_t
read_pool(sqlite3 *db, const struct role *r)
{
    sqlite3_stmt *st;
    size_t rows = 0;
    sqlite3_prepare_v2(db,
                       "SELECT q.slug, q.category, q.minutes FROM question q JOIN competency c "
                       "ON c.id = q.competency WHERE c.slug IN (SELECT value FROM json_each(?1)) "
                       "AND q.level_min <= ?2 AND q.level_max >= ?2 AND q.retired = 0",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1,
                      "[\"comp-00\",\"comp-01\",\"comp-02\",\"comp-03\",\"comp-04\","
                      "\"comp-05\",\"comp-06\",\"comp-07\",\"comp-08\"]",
                      -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, r->level);
    while (sqlite3_step(st) == SQLITE_ROW)
        rows++;
    sqlite3_finalize(st);
    return rows;
}

int
main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 100000;
    int kits = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 50;
    const char *path = argc > 3 ? argv[3] : "build/bench/kit.db";
    char msg[RB_ERRMSG] = "";
    struct bank b;
    struct store *s;
    struct load_result lr;
    struct role r;
    sqlite3 *db;
    double *lat = xcalloc((size_t)kits, sizeof *lat), *ref = xcalloc((size_t)kits, sizeof *ref);
    int fails = 0;
    size_t pool = 0;

    if (kits < 1 || kits > 100000) {
        fprintf(stderr, "bench: KITS_PER_STAGE must be 1 to 100000\n");
        return 2;
    }
    bank_init(&b);
    fprintf(stderr, "bench: building a synthetic bank of %zu questions\n", n);
    synth_bank(&b, n, 14);
    make_role(&r);
    if (!bench_fresh_store(path, &s))
        return 1;
    if (store_bank_load(s, &b, &lr, msg) || store_roles_save(s, &r, 1, "bench", msg)) {
        fprintf(stderr, "bench: %s\n", msg);
        return 1;
    }
    bank_cleanup(&b);
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return 1;

    printf("Kit benchmark: %zu synthetic questions, 14 competencies, a senior role weighing 9, "
           "%d kits per stage\n\n",
           n, kits);
    printf("%-14s %6s %9s | %8s %8s %8s | %13s | %s\n", "stage", "budget", "questions", "p50 ms",
           "p99 ms", "max ms", "read pool p50", "target");
    for (int stage = 0; stage < STAGE_COUNT; stage++) {
        size_t questions = 0;
        for (int i = 0; i < kits; i++) {
            struct kit_request req = {&r, 0, (enum stage)stage, 0, (uint64_t)i + 1, NULL};
            struct kit k;
            double t0 = now_ms();
            if (kit_build(s, &req, &k, msg)) {
                fprintf(stderr, "bench: %s\n", msg);
                return 1;
            }
            lat[i] = now_ms() - t0;
            questions += k.nslots;
            kit_cleanup(&k);
            t0 = now_ms();
            pool = read_pool(db, &r);
            ref[i] = now_ms() - t0;
        }
        qsort(lat, (size_t)kits, sizeof *lat, cmp_double);
        qsort(ref, (size_t)kits, sizeof *ref, cmp_double);
        {
            double p99 = lat[(size_t)(kits * 99 / 100) < (size_t)kits ? kits * 99 / 100 : kits - 1];
            bool ok = p99 < 20.0;
            fails += !ok;
            printf("%-14s %6d %9.1f | %8.2f %8.2f %8.2f | %10.2f ms | p99 < 20 ms: %s\n",
                   stage_name((enum stage)stage), stage_default_minutes((enum stage)stage),
                   (double)questions / kits, lat[kits / 2], p99, lat[kits - 1], ref[kits / 2],
                   ok ? "ok" : "MISSED");
        }
    }
    printf("\n(the reference reads the %zu candidate questions of the role; a kit reads only "
           "what it draws)\n%s\n",
           pool, fails ? "some targets were missed" : "all targets met");
    sqlite3_close(db);
    store_close(s);
    role_cleanup(&r);
    free(lat);
    free(ref);
    return 0;
}
