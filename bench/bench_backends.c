/* SPDX-License-Identifier: MIT */
/*
 * The two backends side by side: one synthetic bank of N questions (bench_search's
 * generator, 14 competencies) is loaded through the store into a new SQLite file and into
 * an empty PostgreSQL database, then on each, in turns so that a busy neighbour slows both
 * alike, the same searches (terms planted in 1%, 5% and 20% of the questions, top 20 with
 * snippets) and the same kits (a senior role weighing 9 competencies, every stage). What to
 * read is the ratio in the same run, not the absolute times.
 *
 * Prints one tab-separated line per measure for bench/backends.sh to put in its table:
 *   ROW <measure> <sqlite> <postgresql> <unit> <target>
 * where target is "-" (none), "le:X" (PostgreSQL at most X times SQLite's) or "ge:X" (at
 * least X times), and a readable table of its own on stderr as it goes.
 *
 * usage: bench_backends N QUERIES KITS SQLITE_PATH POSTGRESQL_URL
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bank.h"
#include "core/kit.h"
#include "core/role.h"
#include "store/store.h"
#include "util/mem.h"

#include "synth.h"

enum { SQ, PG, NB };
static const char *const backend_name[NB] = {"SQLite", "PostgreSQL"};

struct lat {
    double p50, p99;
};

static struct lat
percentiles(double *v, size_t n)
{
    struct lat l;
    size_t i99 = (size_t)((double)n * 0.99);
    qsort(v, n, sizeof *v, cmp_double);
    l.p50 = v[n / 2];
    l.p99 = v[i99 < n ? i99 : n - 1];
    return l;
}

static void
die(const char *what, const char *msg)
{
    fprintf(stderr, "bench_backends: %s: %s\n", what, msg);
    exit(1);
}

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

/* queries searches for class c's terms on s, latencies into lat */
static void
search_run(struct store *s, int c, size_t queries, double *lat)
{
    for (size_t i = 0; i < queries; i++) {
        char w[16], msg[RB_ERRMSG];
        struct search_query q = {w, 0, -1, NULL, 20, NULL, 0, 0, 0};
        struct search_hit *hits;
        size_t n;
        double a;
        synth_term(w, sizeof w, c, (int)(i % SYNTH_TERMS));
        a = now_ms();
        if (store_question_search(s, &q, &hits, &n, msg))
            die("search", msg);
        lat[i] = now_ms() - a;
        search_hits_free(hits, n);
    }
}

/* kits kits of every stage on s, latencies into lat (kits * STAGE_COUNT of them) */
static void
kit_run(struct store *s, const struct role *r, int kits, double *lat)
{
    for (int stage = 0; stage < STAGE_COUNT; stage++)
        for (int i = 0; i < kits; i++) {
            struct kit_request req = {r, 0, (enum stage)stage, 0, (uint64_t)i + 1, NULL};
            struct kit k;
            char msg[RB_ERRMSG];
            double t0 = now_ms();
            if (kit_build(s, &req, &k, msg))
                die("kit", msg);
            lat[stage * kits + i] = now_ms() - t0;
            kit_cleanup(&k);
        }
}

static void
row(const char *measure, double sq, double pg, const char *unit, const char *target)
{
    printf("ROW\t%s\t%.3f\t%.3f\t%s\t%s\n", measure, sq, pg, unit, target);
    fprintf(stderr, "  %-28s %12.2f %12.2f %s\n", measure, sq, pg, unit);
    fflush(stdout);
}

int
main(int argc, char **argv)
{
    size_t n, queries;
    int kits;
    struct store *s[NB];
    struct bank b;
    struct role r;
    char msg[RB_ERRMSG] = "";
    double rate[NB], *lat;

    if (argc != 6) {
        fprintf(stderr, "usage: bench_backends N QUERIES KITS SQLITE_PATH POSTGRESQL_URL\n");
        return 2;
    }
    n = (size_t)strtoul(argv[1], NULL, 10);
    queries = (size_t)strtoul(argv[2], NULL, 10);
    kits = (int)strtol(argv[3], NULL, 10);
    if (n < 100 || queries < 10 || kits < 1 || kits > 10000) {
        fprintf(stderr, "bench_backends: N >= 100, QUERIES >= 10 and KITS 1 to 10000\n");
        return 2;
    }
    if (!bench_fresh_store(argv[4], &s[SQ]))
        return 1;
    if (store_open(argv[5], &s[PG], msg))
        die("open", msg);

    bank_init(&b);
    fprintf(stderr, "bench_backends: a synthetic bank of %zu questions\n", n);
    synth_bank(&b, n, 14);
    make_role(&r);
    for (int k = 0; k < NB; k++) {
        struct load_result lr;
        double t0 = now_ms();
        if (store_bank_load(s[k], &b, &lr, msg))
            die("load", msg);
        rate[k] = (double)lr.added / ((now_ms() - t0) / 1e3);
        if (store_roles_save(s[k], &r, 1, "bench", msg))
            die("role", msg);
        fprintf(stderr, "  %s: %zu questions loaded, %.0f a second\n", backend_name[k], lr.added,
                rate[k]);
    }
    bank_cleanup(&b);
    row("bank load", rate[SQ], rate[PG], "questions/s", "-");

    lat = xcalloc(queries > (size_t)kits * STAGE_COUNT ? queries : (size_t)kits * STAGE_COUNT,
                  sizeof *lat);
    for (int c = 0; c < SYNTH_CLASSES; c++) {
        struct lat l[NB];
        char name[2][64];
        for (int k = 0; k < NB; k++) {
            search_run(s[k], c, SYNTH_TERMS, lat); /* warm: the first page reads */
            search_run(s[k], c, queries, lat);
            l[k] = percentiles(lat, queries);
        }
        snprintf(name[0], sizeof name[0], "search %.0f%% p50", synth_rate[c] * 100);
        snprintf(name[1], sizeof name[1], "search %.0f%% p99", synth_rate[c] * 100);
        row(name[0], l[SQ].p50, l[PG].p50, "ms", "-");
        row(name[1], l[SQ].p99, l[PG].p99, "ms", "le:2");
    }
    {
        struct lat l[NB];
        for (int k = 0; k < NB; k++) {
            kit_run(s[k], &r, 1, lat); /* warm */
            kit_run(s[k], &r, kits, lat);
            l[k] = percentiles(lat, (size_t)kits * STAGE_COUNT);
        }
        row("kit p50 (all stages)", l[SQ].p50, l[PG].p50, "ms", "-");
        row("kit p99 (all stages)", l[SQ].p99, l[PG].p99, "ms", "-");
    }
    free(lat);
    role_cleanup(&r);
    store_close(s[SQ]);
    store_close(s[PG]);
    return 0;
}
