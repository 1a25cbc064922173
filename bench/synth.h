/* SPDX-License-Identifier: MIT */
/*
 * Synthetic data for the benchmarks, deterministic (the same every run): question banks
 * with Zipf-like word frequencies and query terms planted at known rates so that a query's
 * share of the bank is known; and text resumes whose skills are known, for recall.
 */
#ifndef RUBRIC_BENCH_SYNTH_H
#define RUBRIC_BENCH_SYNTH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/bank.h"

struct buf;

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
/* A skill the generator put in a resume: its canonical name in the built-in taxonomy, the
 * form written (an alias at times: "Postgres", "K8s"), and whether the resume's SKILLS list
 * names it (else only its positions do). Static strings. */
struct synth_skill {
    const char *name;
    const char *written;
    bool listed;
};
#define SYNTH_MAX_SKILLS 48

/* Appends resume i to b: about 5 KB of text (contact, a profile link, a summary, five dated
 * positions of six bullet points, education, a SKILLS list), or about 700 bytes (one
 * position of two) when small. Fills skills (SYNTH_MAX_SKILLS room) with every skill named
 * in it, each once, and returns how many. The same i gives the same resume. */
size_t synth_resume(unsigned i, bool small, struct buf *b, struct synth_skill *skills);

/* Milliseconds on a monotonic clock. */
double now_ms(void);

/* Milliseconds of CPU time (user and system) this process has used, all threads: on a shared
 * machine, steadier than the clock on the wall. */
double cpu_ms(void);

/* qsort order for doubles, smallest first. */
int cmp_double(const void *a, const void *b);

/* Opens a new, empty store at path (a file and its WAL from an earlier run are removed).
 * Prints why and returns false when it cannot. */
struct store;
bool bench_fresh_store(const char *path, struct store **s);

#endif
