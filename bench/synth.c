/* SPDX-License-Identifier: MIT */
/* Synthetic banks for the benchmarks (bench/synth.h). */
#include "synth.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/mem.h"

const double synth_rate[SYNTH_CLASSES] = {0.01, 0.05, 0.20};
static const char *const cls[SYNTH_CLASSES] = {"xqa", "xqe", "xqo"};

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t
next(void)
{
    /* xorshift64*: deterministic, so every run builds the same bank */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ULL;
}

static double
uniform(void)
{
    return (double)(next() >> 11) / 9007199254740992.0;
}

double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Filler words: syllable triples, drawn with a Zipf-like skew as in prose. */
static const char *const syl[] = {"ba", "de", "fi", "go", "ku", "la", "me", "ni",
                                  "po", "ru", "sa", "te", "vi", "wo", "ya", "zu"};
#define NSYL 16
#define NFILLER (NSYL * NSYL * NSYL)

static void
filler(struct buf *b, int words)
{
    for (int i = 0; i < words; i++) {
        /* rank ~ exp(uniform * ln N): many common words, a long tail */
        unsigned r = (unsigned)exp(uniform() * log((double)NFILLER)) - 1;
        buf_printf(b, "%s%s%s%s", i ? " " : "", syl[r % NSYL], syl[(r / NSYL) % NSYL],
                   syl[(r / NSYL / NSYL) % NSYL]);
    }
}

void
synth_term(char *out, size_t n, int c, int k)
{
    snprintf(out, n, "%s%c%c", cls[c], 'a' + k, 'k' + k);
}

/* Typical minutes of each category, as in the shipped bank. */
static const int base_minutes[CAT_COUNT] = {3, 8, 30, 25, 12, 10, 20};

void
synth_bank(struct bank *b, size_t n, size_t ncomps)
{
    struct buf t;
    char comp[32];

    for (size_t i = 0; i < ncomps; i++) {
        snprintf(comp, sizeof comp, "comp-%02zu", i);
        bank_add_competency(b, comp, comp, "synthetic", NULL, 0);
    }
    buf_init(&t, 1u << 20);
    for (size_t i = 0; i < n; i++) {
        struct question q;
        char id[32];
        memset(&q, 0, sizeof q);
        snprintf(id, sizeof id, "syn-%06zu", i);
        q.id = xstrdup(id);
        buf_reset(&t);
        filler(&t, 6);
        q.title = xstrdup(buf_str(&t));
        buf_reset(&t);
        filler(&t, 40);
        for (int c = 0; c < SYNTH_CLASSES; c++)
            for (int k = 0; k < SYNTH_TERMS; k++)
                if (uniform() < synth_rate[c]) {
                    char w[16];
                    synth_term(w, sizeof w, c, k);
                    buf_printf(&t, " %s ", w);
                    filler(&t, 3);
                }
        q.text = xstrdup(buf_str(&t));
        q.category = (enum category)(next() % CAT_COUNT);
        q.level_min = 1 + (int)(next() % 4);
        q.level_max = q.level_min + (int)(next() % (unsigned)(5 - q.level_min));
        q.minutes = base_minutes[q.category] + (int)(next() % 6);
        q.ncompetencies = 1;
        q.competencies = xcalloc(1, sizeof *q.competencies);
        snprintf(comp, sizeof comp, "comp-%02zu", (size_t)(next() % ncomps));
        q.competencies[0] = xstrdup(comp);
        q.npoints = 5;
        q.points = xcalloc(5, sizeof *q.points);
        for (int p = 0; p < 5; p++) {
            buf_reset(&t);
            buf_puts(&t, "Mentions **");
            filler(&t, 2);
            buf_puts(&t, "** ");
            filler(&t, 12);
            q.points[p].kind = p < 3 ? POINT_SHOWS : p == 3 ? POINT_PITFALL : POINT_FOLLOW_UP;
            q.points[p].text = xstrdup(buf_str(&t));
        }
        bank_add_question_take(b, &q);
    }
    buf_cleanup(&t);
}

int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

bool
bench_fresh_store(const char *path, struct store **s)
{
    char url[512], wal[512], msg[RB_ERRMSG] = "";
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(path);
    unlink(wal);
    snprintf(url, sizeof url, "sqlite:%s", path);
    if (store_open(url, s, msg)) {
        fprintf(stderr, "bench: %s\n", msg);
        return false;
    }
    return true;
}
