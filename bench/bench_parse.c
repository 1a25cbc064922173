/* SPDX-License-Identifier: MIT */
/*
 * Resume parsing benchmark, one core: text resumes of about 5 KB (bench/synth.c: a
 * realistic layout with varied names, dates and skills) read and understood, with the time
 * of each stage; then the skill scan on its own over the same texts, against raw Hyperscan
 * scanning them with the same literal database (every name and alias of the built-in
 * taxonomy, the scanner's flags) and a callback that does nothing: the floor a scan built on
 * Hyperscan can reach. The same database without start-of-match tracking is timed too,
 * because that flag is what the scanner's speed mostly depends on.
 *
 * Then writing the parses as `rubric screen` keeps them: each resume's JSON as the screening
 * pipeline makes it today (resume_to_json's jansson tree, json_dumps) against
 * resume_json_write (the same bytes, written directly), and the store's resumes_put in
 * batches of 256 (the writer thread's) into a new SQLite file, all against the CPU time of
 * reading and understanding the same resumes: the share of a cold screening run that
 * keeping its parses costs.
 *
 * The machine is shared: every figure is CPU time of this process (user and system) beside
 * the wall time, rates are per CPU second (per core), and the load average is printed. The
 * verdicts read the CPU figures.
 *
 * This file includes hs.h, which the house style keeps to resume/skillscan.c: a floor for
 * Hyperscan has to call it directly.
 *
 * usage: bench_parse [RESUMES]
 */
#include <hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "model/skills.h"
#include "resume/resume.h"
#include "resume/skillscan.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/mem.h"

#include <unistd.h>

#include "synth.h"

/* Parses a transaction, as the screening pipeline's writer thread batches them. */
#define STORE_BATCH 256

/* Rounds of the scan comparisons: each side's best round counts, so that a neighbour's
 * burst on this shared machine does not decide the ratio. */
#define SCAN_ROUNDS 3

/* The scanner's database, rebuilt as skillscan_new builds it: a taxonomy name or alias a
 * pattern, caseless, with flags. The scanner's own: HS_FLAG_CASELESS alone, and without the
 * one-letter names (skip_single), which it finds with a byte loop. */
static hs_database_t *
raw_compile(const struct skills *tax, unsigned flags, bool skip_single, size_t *npatterns)
{
    const char **exprs = NULL;
    size_t *lens, n = 0, cap = 0;
    unsigned *fl, *ids;
    hs_database_t *db = NULL;
    hs_compile_error_t *err = NULL;

    for (size_t i = 0; i < tax->n; i++) {
        xgrow(&exprs, &cap, n + 1 + tax->v[i].naliases, sizeof *exprs);
        if (!skip_single || strlen(tax->v[i].name) > 1)
            exprs[n++] = tax->v[i].name;
        for (size_t j = 0; j < tax->v[i].naliases; j++)
            if (!skip_single || strlen(tax->v[i].aliases[j]) > 1)
                exprs[n++] = tax->v[i].aliases[j];
    }
    lens = xmalloc(n * sizeof *lens);
    fl = xmalloc(n * sizeof *fl);
    ids = xmalloc(n * sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        lens[i] = strlen(exprs[i]);
        fl[i] = flags;
        ids[i] = (unsigned)i;
    }
    if (hs_compile_lit_multi(exprs, fl, ids, lens, (unsigned)n, HS_MODE_BLOCK, NULL, &db, &err) !=
        HS_SUCCESS) {
        fprintf(stderr, "bench: hs_compile_lit_multi: %s\n", err ? err->message : "?");
        hs_free_compile_error(err);
        db = NULL;
    }
    free(exprs);
    free(lens);
    free(fl);
    free(ids);
    *npatterns = n;
    return db;
}

static int
on_match_noop(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags,
              void *ctx)
{
    (void)id;
    (void)from;
    (void)to;
    (void)flags;
    (void)ctx;
    return 0;
}

static int
on_match_count(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags,
               void *ctx)
{
    (void)id;
    (void)from;
    (void)to;
    (void)flags;
    (*(size_t *)ctx)++;
    return 0;
}

/* A stretch of work timed twice: on the wall and in CPU time. */
struct span {
    double wall, cpu;
};

static struct span
span_start(void)
{
    return (struct span){now_ms(), cpu_ms()};
}

/* Adds the time since start to *to. */
static void
span_add(struct span *to, struct span start)
{
    to->wall += now_ms() - start.wall;
    to->cpu += cpu_ms() - start.cpu;
}

/* Keeps in *best the round with less CPU time. */
static void
span_best(struct span *best, struct span round)
{
    if (best->cpu <= 0 || round.cpu < best->cpu)
        *best = round;
}

/* Time to scan every text with db and the no-op callback; false on error. */
static bool
raw_scan(hs_database_t *db, hs_scratch_t *scratch, char **texts, const size_t *lens, unsigned n,
         struct span *took)
{
    struct span t0 = span_start();
    *took = (struct span){0, 0};
    for (unsigned i = 0; i < n; i++)
        if (hs_scan(db, texts[i], (unsigned)lens[i], 0, scratch, on_match_noop, NULL) != HS_SUCCESS)
            return false;
    span_add(took, t0);
    return true;
}

/* Time for the scanner over every text; false on error. *kept counts what it kept. */
static bool
rubric_scan(struct skillscan *sc, char **texts, const size_t *lens, unsigned n, size_t *kept,
            struct span *took)
{
    char msg[RB_ERRMSG];
    struct span t0 = span_start();
    *kept = 0;
    *took = (struct span){0, 0};
    for (unsigned i = 0; i < n; i++) {
        struct skill_hit *hits;
        size_t nh;
        if (skillscan_run(sc, texts[i], lens[i], &hits, &nh, msg))
            return false;
        *kept += nh;
        free(hits);
    }
    span_add(took, t0);
    return true;
}

static double
mb_s(size_t bytes, double ms)
{
    return bytes / 1e6 / (ms / 1e3);
}

/* A 64-hex-digit name for resume i, spread as SHA-256 digests are (splitmix64). New. */
static char *
fake_hash(unsigned i)
{
    char *h = xmalloc(65);
    uint64_t x = i;
    for (size_t k = 0; k < 4; k++) {
        uint64_t z = (x += 0x9E3779B97F4A7C15u);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
        snprintf(h + 16 * k, 17, "%016llx", (unsigned long long)(z ^ (z >> 31)));
    }
    return h;
}

/* The parses' JSON both ways (bodies[i]: the direct one, new) and then stored in batches
 * into a new SQLite file under build/bench. false with msg on error. */
static bool
write_parses(const struct skills *tax, const struct resume *rs, unsigned n, char **bodies,
             char **hashes, struct span *t_tree, struct span *t_direct, struct span *t_put,
             size_t *bytes, char *msg)
{
    const char *path = "build/bench/parse-store.db";
    struct parsed_resume *rows = xcalloc(STORE_BATCH, sizeof *rows);
    struct store *st = NULL;
    struct buf b;
    struct span t0;
    bool ok = false;

    t0 = span_start();
    for (unsigned i = 0; i < n; i++) {
        json_t *o = resume_to_json(&rs[i], tax, "", "txt");
        char *s;
        json_object_del(o, "file");
        s = json_dumps(o, JSON_COMPACT);
        json_decref(o);
        *bytes += strlen(s);
        free(s);
    }
    span_add(t_tree, t0);
    buf_init(&b, 16u << 20);
    t0 = span_start();
    for (unsigned i = 0; i < n; i++) {
        buf_reset(&b);
        if (resume_json_write(&rs[i], tax, NULL, "txt", &b)) {
            snprintf(msg, RB_ERRMSG, "resume_json_write: too big");
            goto out;
        }
        bodies[i] = xstrndup(buf_str(&b), b.len);
    }
    span_add(t_direct, t0);
    for (unsigned i = 0; i < n; i++)
        hashes[i] = fake_hash(i);
    if (!bench_fresh_store(path, &st)) {
        snprintf(msg, RB_ERRMSG, "cannot open %s", path);
        goto out;
    }
    /* as screen's writer keeps them (core/intake.c): commits not synced one by one */
    if (store_cache_writes(st, msg))
        goto out;
    t0 = span_start();
    for (unsigned i = 0; i < n; i += STORE_BATCH) {
        unsigned k = n - i < STORE_BATCH ? n - i : STORE_BATCH;
        for (unsigned j = 0; j < k; j++)
            rows[j] = (struct parsed_resume){hashes[i + j], false, "bench", "txt", bodies[i + j]};
        if (store_resumes_put(st, rows, k, msg))
            goto out;
    }
    span_add(t_put, t0);
    ok = true;
out:
    store_close(st);
    if (ok) {
        char wal[64];
        snprintf(wal, sizeof wal, "%s-wal", path);
        unlink(path);
        unlink(wal);
    }
    buf_cleanup(&b);
    free(rows);
    return ok;
}

/* One row of a table: wall and CPU milliseconds, resumes per CPU second, MB per CPU second
 * when bytes is not 0, and a ratio to ref's CPU time when ref is given. */
static void
row(const char *label, struct span t, unsigned n, size_t bytes, const struct span *ref)
{
    printf("%-38s %9.0f %9.0f %12.0f", label, t.wall, t.cpu, n / (t.cpu / 1e3));
    if (bytes)
        printf(" %9.1f", mb_s(bytes, t.cpu));
    if (ref)
        printf(" %7.2fx", t.cpu / ref->cpu);
    printf("\n");
}

int
main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 20000;
    struct skills tax;
    struct skillscan *sc;
    struct synth_skill labels[SYNTH_MAX_SKILLS];
    char msg[RB_ERRMSG], load[64] = "?";
    char **texts;
    size_t *lens, bytes = 0, positions = 0, kept = 0, raw_matches = 0, npatterns = 0;
    struct span t_extract = {0, 0}, t_parse = {0, 0}, t_both, t0;
    struct span t_scan = {0, 0}, t_raw = {0, 0}, t_raw_nosom = {0, 0};
    struct span t_tree = {0, 0}, t_direct = {0, 0}, t_put = {0, 0};
    struct resume *parsed;
    char **bodies, **hashes;
    size_t body_bytes = 0;
    struct ym today = {2026, 11};
    hs_database_t *db = NULL, *db_nosom = NULL;
    hs_scratch_t *scratch = NULL;
    double rate;
    FILE *f;
    int rc = 1;

    if (n < 1 || n > 10000000) {
        fprintf(stderr, "bench: RESUMES must be 1 to 10000000\n");
        return 2;
    }
    if (skillscan_builtin(&tax, &sc, msg)) {
        fprintf(stderr, "bench: %s\n", msg);
        return 1;
    }
    texts = xcalloc(n, sizeof *texts);
    lens = xcalloc(n, sizeof *lens);
    parsed = xcalloc(n, sizeof *parsed);
    bodies = xcalloc(n, sizeof *bodies);
    hashes = xcalloc(n, sizeof *hashes);
    for (unsigned i = 0; i < n; i++) {
        struct buf b;
        buf_init(&b, 64u << 10);
        synth_resume(i, false, &b, labels);
        lens[i] = b.len;
        texts[i] = buf_take(&b);
        bytes += lens[i];
    }
    for (unsigned i = 0; i < n; i++) {
        struct extracted e;
        struct resume *r = &parsed[i];
        t0 = span_start();
        if (extract_buffer("r.txt", (const unsigned char *)texts[i], lens[i], NULL, &e, msg))
            goto out;
        span_add(&t_extract, t0);
        t0 = span_start();
        if (resume_parse(e.text, e.len, sc, today, r, msg)) {
            extracted_cleanup(&e);
            goto out;
        }
        span_add(&t_parse, t0);
        positions += r->npositions;
        extracted_cleanup(&e);
    }
    if (!write_parses(&tax, parsed, n, bodies, hashes, &t_tree, &t_direct, &t_put, &body_bytes,
                      msg))
        goto out;
    t_both = (struct span){t_extract.wall + t_parse.wall, t_extract.cpu + t_parse.cpu};

    /* the skill scan alone against raw Hyperscan on the same texts, rounds interleaved */
    db = raw_compile(&tax, HS_FLAG_CASELESS, true, &npatterns);
    db_nosom = raw_compile(&tax, HS_FLAG_CASELESS | HS_FLAG_SOM_LEFTMOST, false, &npatterns);
    if (!db || !db_nosom || hs_alloc_scratch(db, &scratch) != HS_SUCCESS ||
        hs_alloc_scratch(db_nosom, &scratch) != HS_SUCCESS)
        goto out;
    for (int round = 0; round < SCAN_ROUNDS; round++) {
        struct span a, b, c;
        if (!rubric_scan(sc, texts, lens, n, &kept, &a) ||
            !raw_scan(db, scratch, texts, lens, n, &b) ||
            !raw_scan(db_nosom, scratch, texts, lens, n, &c)) {
            snprintf(msg, sizeof msg, "a scan failed");
            goto out;
        }
        span_best(&t_scan, a);
        span_best(&t_raw, b);
        span_best(&t_raw_nosom, c);
    }
    /* matches Hyperscan reports, the callbacks the scanner pays for (not timed) */
    for (unsigned i = 0; i < n; i++)
        hs_scan(db, texts[i], (unsigned)lens[i], 0, scratch, on_match_count, &raw_matches);

    f = fopen("/proc/loadavg", "r");
    if (f) {
        if (!fgets(load, sizeof load, f))
            snprintf(load, sizeof load, "?");
        /* the three averages */
        for (int k = 0, sp = 0; load[k]; k++)
            if (load[k] == ' ' && ++sp == 3)
                load[k] = '\0';
        fclose(f);
    }
    printf("Resume parsing benchmark: %u text resumes, %.1f KB each, one thread; load average "
           "%s\n(ms of wall and of CPU time, user + system; rates per CPU second)\n\n",
           n, bytes / 1024.0 / n, load);
    printf("%-38s %9s %9s %12s\n", "stage", "wall ms", "cpu ms", "resumes/s");
    row("read (detect, decode)", t_extract, n, 0, NULL);
    row("understand (sections, dates, skills)", t_parse, n, 0, NULL);
    row("both", t_both, n, 0, NULL);
    rate = n / (t_both.cpu / 1e3);
    printf("\n%.1f positions a resume; %.0f resumes/s/core read and understood (%.1f us a "
           "resume); target >= 6,000: %s\n\n",
           (double)positions / n, rate, t_both.cpu * 1e3 / n, rate >= 6000 ? "ok" : "MISSED");

    printf("%-38s %9s %9s %12s\n", "writing the parses (screen's store)", "wall ms", "cpu ms",
           "resumes/s");
    row("JSON: resume_to_json + json_dumps", t_tree, n, 0, NULL);
    row("JSON: resume_json_write (same bytes)", t_direct, n, 0, NULL);
    row("store_resumes_put, 256 a transaction", t_put, n, 0, NULL);
    printf("\n%.1f KB of JSON a resume; keeping a parse costs %.0f%% of reading, understanding "
           "and keeping it with jansson's tree, %.0f%% written directly; target < 10%%: %s\n\n",
           body_bytes / 1024.0 / n,
           100 * (t_tree.cpu + t_put.cpu) / (t_both.cpu + t_tree.cpu + t_put.cpu),
           100 * (t_direct.cpu + t_put.cpu) / (t_both.cpu + t_direct.cpu + t_put.cpu),
           (t_direct.cpu + t_put.cpu) / (t_both.cpu + t_direct.cpu + t_put.cpu) < 0.10 ? "ok"
                                                                                       : "MISSED");

    printf("%-38s %9s %9s %12s %9s %8s\n", "skill scan, same texts (best of 3)", "wall ms",
           "cpu ms", "resumes/s", "MB/s", "vs raw");
    row("rubric skillscan_run", t_scan, n, bytes, &t_raw);
    row("raw hs_scan, same db, no-op callback", t_raw, n, bytes, &t_raw);
    row("raw hs_scan, every name, SOM (before)", t_raw_nosom, n, bytes, &t_raw);
    printf("\n%zu patterns; a resume gives %.0f raw matches, of which the scanner keeps %.1f; "
           "skill scan vs raw Hyperscan: %.2fx CPU time; target <= 2x: %s\n",
           npatterns, (double)raw_matches / n, (double)kept / n, t_scan.cpu / t_raw.cpu,
           t_scan.cpu <= 2 * t_raw.cpu ? "ok" : "MISSED");
    rc = 0;
out:
    if (rc)
        fprintf(stderr, "bench: %s\n", msg);
    hs_free_scratch(scratch);
    hs_free_database(db);
    hs_free_database(db_nosom);
    for (unsigned i = 0; i < n; i++) {
        free(texts[i]);
        resume_cleanup(&parsed[i]);
        free(bodies[i]);
        free(hashes[i]);
    }
    free(parsed);
    free(bodies);
    free(hashes);
    free(texts);
    free(lens);
    skillscan_free(sc);
    skills_cleanup(&tax);
    return rc;
}
