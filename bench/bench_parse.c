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
#include "util/buf.h"
#include "util/mem.h"

#include "synth.h"

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

/* Milliseconds to scan every text with db and the no-op callback; -1 on error. */
static double
raw_scan(hs_database_t *db, hs_scratch_t *scratch, char **texts, const size_t *lens, unsigned n)
{
    double t0 = now_ms();
    for (unsigned i = 0; i < n; i++)
        if (hs_scan(db, texts[i], (unsigned)lens[i], 0, scratch, on_match_noop, NULL) != HS_SUCCESS)
            return -1;
    return now_ms() - t0;
}

/* Milliseconds for the scanner over every text; -1 on error. *hits counts what it kept. */
static double
rubric_scan(struct skillscan *sc, char **texts, const size_t *lens, unsigned n, size_t *kept)
{
    char msg[RB_ERRMSG];
    double t0 = now_ms();
    *kept = 0;
    for (unsigned i = 0; i < n; i++) {
        struct skill_hit *hits;
        size_t nh;
        if (skillscan_run(sc, texts[i], lens[i], &hits, &nh, msg))
            return -1;
        *kept += nh;
        free(hits);
    }
    return now_ms() - t0;
}

static double
mb_s(size_t bytes, double ms)
{
    return bytes / 1e6 / (ms / 1e3);
}

int
main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 20000;
    struct skills tax;
    struct skillscan *sc;
    struct synth_skill labels[SYNTH_MAX_SKILLS];
    char msg[RB_ERRMSG];
    char **texts;
    size_t *lens, bytes = 0, positions = 0, kept = 0, raw_matches = 0, npatterns = 0;
    double t_extract = 0, t_parse = 0, t0;
    double t_scan = 1e300, t_raw = 1e300, t_raw_nosom = 1e300;
    struct ym today = {2026, 11};
    hs_database_t *db = NULL, *db_nosom = NULL;
    hs_scratch_t *scratch = NULL;
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
        struct resume r;
        t0 = now_ms();
        if (extract_buffer("r.txt", (const unsigned char *)texts[i], lens[i], NULL, &e, msg))
            goto out;
        t_extract += now_ms() - t0;
        t0 = now_ms();
        if (resume_parse(e.text, e.len, sc, today, &r, msg)) {
            extracted_cleanup(&e);
            goto out;
        }
        t_parse += now_ms() - t0;
        positions += r.npositions;
        resume_cleanup(&r);
        extracted_cleanup(&e);
    }

    /* the skill scan alone against raw Hyperscan on the same texts, rounds interleaved */
    db = raw_compile(&tax, HS_FLAG_CASELESS, true, &npatterns);
    db_nosom = raw_compile(&tax, HS_FLAG_CASELESS | HS_FLAG_SOM_LEFTMOST, false, &npatterns);
    if (!db || !db_nosom || hs_alloc_scratch(db, &scratch) != HS_SUCCESS ||
        hs_alloc_scratch(db_nosom, &scratch) != HS_SUCCESS)
        goto out;
    for (int round = 0; round < SCAN_ROUNDS; round++) {
        double a = rubric_scan(sc, texts, lens, n, &kept);
        double b = raw_scan(db, scratch, texts, lens, n);
        double c = raw_scan(db_nosom, scratch, texts, lens, n);
        if (a < 0 || b < 0 || c < 0) {
            snprintf(msg, sizeof msg, "a scan failed");
            goto out;
        }
        t_scan = a < t_scan ? a : t_scan;
        t_raw = b < t_raw ? b : t_raw;
        t_raw_nosom = c < t_raw_nosom ? c : t_raw_nosom;
    }
    /* matches Hyperscan reports, the callbacks the scanner pays for (not timed) */
    for (unsigned i = 0; i < n; i++)
        hs_scan(db, texts[i], (unsigned)lens[i], 0, scratch, on_match_count, &raw_matches);

    printf("Resume parsing benchmark: %u text resumes, %.1f KB each, one core\n\n", n,
           bytes / 1024.0 / n);
    printf("%-38s %10s %12s\n", "stage", "total ms", "resumes/s");
    printf("%-38s %10.0f %12.0f\n", "read (detect, decode)", t_extract, n / (t_extract / 1e3));
    printf("%-38s %10.0f %12.0f\n", "understand (sections, dates, skills)", t_parse,
           n / (t_parse / 1e3));
    printf("%-38s %10.0f %12.0f\n", "both", t_extract + t_parse, n / ((t_extract + t_parse) / 1e3));
    printf("\n%.1f positions a resume; target >= 5,000 resumes/s/core: %s\n\n",
           (double)positions / n, n / ((t_extract + t_parse) / 1e3) >= 5000 ? "ok" : "MISSED");

    printf("%-38s %10s %12s %10s %8s\n", "skill scan, same texts (best of 3)", "total ms",
           "resumes/s", "MB/s", "vs raw");
    printf("%-38s %10.0f %12.0f %10.1f %7.2fx\n", "rubric skillscan_run", t_scan,
           n / (t_scan / 1e3), mb_s(bytes, t_scan), t_scan / t_raw);
    printf("%-38s %10.0f %12.0f %10.1f %7.2fx\n", "raw hs_scan, same db, no-op callback", t_raw,
           n / (t_raw / 1e3), mb_s(bytes, t_raw), 1.0);
    printf("%-38s %10.0f %12.0f %10.1f %7.2fx\n", "raw hs_scan, every name, SOM (before)",
           t_raw_nosom, n / (t_raw_nosom / 1e3), mb_s(bytes, t_raw_nosom), t_raw_nosom / t_raw);
    printf("\n%zu patterns; a resume gives %.0f raw matches, of which the scanner keeps %.1f; "
           "skill scan vs raw Hyperscan: %.2fx\n",
           npatterns, (double)raw_matches / n, (double)kept / n, t_scan / t_raw);
    rc = 0;
out:
    if (rc)
        fprintf(stderr, "bench: %s\n", msg);
    hs_free_scratch(scratch);
    hs_free_database(db);
    hs_free_database(db_nosom);
    for (unsigned i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    free(lens);
    skillscan_free(sc);
    skills_cleanup(&tax);
    return rc;
}
