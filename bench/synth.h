/* SPDX-License-Identifier: MIT */
/*
 * Synthetic question banks for the benchmarks: deterministic (the same bank every run),
 * Zipf-like word frequencies, and query terms planted at known rates so that a query's
 * share of the bank is known.
 */
#ifndef RUBRIC_BENCH_SYNTH_H
#define RUBRIC_BENCH_SYNTH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/bank.h"

/* Planted term classes: class c's SYNTH_TERMS terms each appear in synth_rate[c] of the
 * questions. */
#define SYNTH_CLASSES 3
#define SYNTH_TERMS 10
extern const double synth_rate[SYNTH_CLASSES];

/* Adds ncomps competencies (comp-00, comp-01, ...) and n questions spread over them, over
 * every category and level range, with lengths typical of each category. */
void synth_bank(struct bank *b, size_t n, size_t ncomps);
/* Writes term k of class c into out. */
void synth_term(char *out, size_t n, int c, int k);
/* Milliseconds on a monotonic clock. */
double now_ms(void);

/* qsort order for doubles, smallest first. */
int cmp_double(const void *a, const void *b);

/* Opens a new, empty store at path (a file and its WAL from an earlier run are removed).
 * Prints why and returns false when it cannot. */
struct store;
bool bench_fresh_store(const char *path, struct store **s);

#endif
