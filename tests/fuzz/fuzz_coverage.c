/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: keyword coverage of a typed practice answer (untrusted text, from the CLI and
 * the API). The input is key concepts, one a line as "concept = synonym, synonym", up to an
 * empty line, then the answer. Any input must give figures that add up (found <= concepts,
 * a score from 0 to 1), and never crash, leak or reach undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/coverage.h"
#include "util/mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CONCEPTS 16

struct line {
    char *concept;
    char **alts;
    size_t nalts;
};

static struct line lines[CONCEPTS];
static size_t nlines;

/* Synonyms: those written after '=' on the concept's line. */
static void
syns(void *ctx, const char *concept, char ***alts, size_t *n)
{
    (void)ctx;
    (void)concept;
    *alts = NULL;
    *n = 0;
    for (size_t i = 0; i < nlines; i++) {
        if (!lines[i].nalts)
            continue;
        *alts = xcalloc(lines[i].nalts, sizeof **alts);
        for (size_t j = 0; j < lines[i].nalts; j++)
            (*alts)[j] = xstrdup(lines[i].alts[j]);
        *n = lines[i].nalts;
        return;
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data, *end = s + size, *answer = end;
    struct question q;
    struct coverage c;
    char msg[RB_ERRMSG];

    memset(&q, 0, sizeof q);
    nlines = 0;
    while (s < end && nlines < CONCEPTS) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end, *eq;
        struct line *l;
        if (e == s) {
            answer = s + 1;
            break;
        }
        l = &lines[nlines++];
        memset(l, 0, sizeof *l);
        eq = memchr(s, '=', (size_t)(e - s));
        l->concept = xstrndup(s, (size_t)((eq ? eq : e) - s));
        for (const char *a = eq ? eq + 1 : e; a < e;) {
            const char *comma = memchr(a, ',', (size_t)(e - a));
            const char *ae = comma ? comma : e;
            l->alts = xrealloc(l->alts, (l->nalts + 1) * sizeof *l->alts);
            l->alts[l->nalts++] = xstrndup(a, (size_t)(ae - a));
            a = ae + 1;
        }
        s = nl ? nl + 1 : end;
        answer = s;
    }
    q.id = xstrdup("fuzz");
    q.points = xcalloc(nlines + 1, sizeof *q.points);
    for (size_t i = 0; i < nlines; i++) {
        struct point *p = &q.points[q.npoints++];
        p->kind = i % 3 == 2 ? POINT_PITFALL : POINT_SHOWS;
        p->text = xstrdup(lines[i].concept);
        p->concepts = xcalloc(1, sizeof *p->concepts);
        p->concepts[0] = xstrdup(lines[i].concept);
        p->nconcepts = 1;
    }
    if (coverage_compute(&q, answer, (size_t)(end - answer), syns, NULL, &c, msg) == RB_OK) {
        json_t *j = coverage_to_json(&q, &c);
        if (!j || c.found > c.concepts || c.covered > c.npoints || c.score < 0 || c.score > 1)
            abort();
        json_decref(j);
        coverage_cleanup(&c);
    }
    question_cleanup(&q);
    for (size_t i = 0; i < nlines; i++) {
        free(lines[i].concept);
        for (size_t j = 0; j < lines[i].nalts; j++)
            free(lines[i].alts[j]);
        free(lines[i].alts);
    }
    return 0;
}
