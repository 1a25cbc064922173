/* SPDX-License-Identifier: MIT */
/*
 * Keyword coverage (core/coverage.h). An answer becomes a sequence of word stems, each kept
 * as a 64-bit hash; a concept (or one of its synonyms) becomes a short list of stems, with
 * little words such as "the" or "to" dropped when it has others. A concept of one word is
 * found when its stem occurs; one of several words when every stem occurs within a window
 * around the rarest of them, so "reduced load" also finds "the load is reduced". The work
 * is bounded: the answer's size is capped, and so are the synonyms tried and their words.
 */
#include "core/coverage.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/text.h"

/* Words longer than this are hashed as they are, not stemmed. */
#define STEM_WORD_MAX 64
/* At most this many concepts of one question are looked for. */
#define CONCEPTS_MAX 64

struct stems {
    uint64_t *h;
    size_t n, cap, max;
};

struct tokenizer {
    struct sb_stemmer *stemmer;
    struct stems *out;
    bool drop_small; /* leave out the little words of stop_words */
};

static const char *const stop_words[] = {"a",   "an", "the", "of",  "to",   "in", "on", "for",
                                         "and", "or", "is",  "are", "with", "by", "at", NULL};

static bool
is_stop(const char *w, size_t n)
{
    for (size_t i = 0; stop_words[i]; i++)
        if (strlen(stop_words[i]) == n && memcmp(stop_words[i], w, n) == 0)
            return true;
    return false;
}

static int
on_word(const char *w, size_t n, void *ctx)
{
    struct tokenizer *t = ctx;
    uint64_t h;
    if (t->out->n >= t->out->max)
        return 1;
    if (t->drop_small && is_stop(w, n))
        return 0;
    if (n <= STEM_WORD_MAX) {
        const sb_symbol *s = sb_stemmer_stem(t->stemmer, (const sb_symbol *)w, (int)n);
        h = s ? text_hash((const char *)s, (size_t)sb_stemmer_length(t->stemmer)) : text_hash(w, n);
    } else {
        h = text_hash(w, n);
    }
    xgrow(&t->out->h, &t->out->cap, t->out->n + 1, sizeof *t->out->h);
    t->out->h[t->out->n++] = h;
    return 0;
}

/* The stems of folded text, at most max of them. */
static void
stem_text(struct sb_stemmer *st, const char *folded, size_t max, bool drop_small, struct stems *out)
{
    struct tokenizer t = {st, out, drop_small};
    out->n = 0;
    out->max = max;
    text_words(folded, strlen(folded), on_word, &t);
}

/* The stems of a concept or synonym: without little words unless they are all it has. */
static void
stem_phrase(struct sb_stemmer *st, const char *text, struct stems *out)
{
    char *f = text_fold(text, strlen(text));
    stem_text(st, f, COVERAGE_PHRASE_WORDS, true, out);
    if (!out->n)
        stem_text(st, f, COVERAGE_PHRASE_WORDS, false, out);
    free(f);
}

/* Whether every stem of p occurs in a within a window around one occurrence of the rarest. */
static bool
phrase_in(const struct stems *a, const struct stems *p)
{
    size_t counts[COVERAGE_PHRASE_WORDS] = {0}, rare = 0, window;
    if (!p->n || !a->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < p->n; j++)
            if (a->h[i] == p->h[j])
                counts[j]++;
    for (size_t j = 0; j < p->n; j++) {
        if (!counts[j])
            return false;
        if (counts[j] < counts[rare])
            rare = j;
    }
    if (p->n == 1)
        return true;
    window = 2 * p->n + 2;
    for (size_t i = 0; i < a->n; i++) {
        size_t lo, hi;
        bool all = true;
        if (a->h[i] != p->h[rare])
            continue;
        lo = i > window ? i - window : 0;
        hi = i + window < a->n ? i + window : a->n - 1;
        for (size_t j = 0; j < p->n && all; j++) {
            bool found = false;
            for (size_t k = lo; k <= hi && !found; k++)
                found = a->h[k] == p->h[j];
            all = found;
        }
        if (all)
            return true;
    }
    return false;
}

/* Good-answer points (essential and bonus), and STAR points where the bank marks key
 * concepts in them. */
static bool
counts_for_coverage(const struct point *p)
{
    return p->kind == POINT_SHOWS || p->kind == POINT_BONUS ||
           (p->kind == POINT_STAR && p->nconcepts);
}

enum rb_err
coverage_compute(const struct question *q, const char *answer, size_t len, coverage_synonyms_fn syn,
                 void *ctx, struct coverage *out, char *errmsg)
{
    struct sb_stemmer *st;
    struct stems ans = {0}, phrase = {0};
    char *folded;
    size_t looked = 0, weight_all = 0, weight_found = 0;

    memset(out, 0, sizeof *out);
    if (len > COVERAGE_ANSWER_MAX) {
        snprintf(errmsg, RB_ERRMSG, "answer: %zu bytes, more than the %u taken", len,
                 COVERAGE_ANSWER_MAX);
        return RB_ETOOBIG;
    }
    if (!(st = sb_stemmer_new("english", NULL))) {
        snprintf(errmsg, RB_ERRMSG, "cannot start the English stemmer");
        return RB_EINTERNAL;
    }
    folded = text_fold(answer ? answer : "", answer ? len : 0);
    stem_text(st, folded, COVERAGE_ANSWER_MAX, false, &ans);
    free(folded);

    for (size_t i = 0; i < q->npoints; i++)
        out->npoints += counts_for_coverage(&q->points[i]);
    out->points = xcalloc(out->npoints ? out->npoints : 1, sizeof *out->points);
    out->npoints = 0;
    for (size_t i = 0; i < q->npoints; i++) {
        const struct point *pt = &q->points[i];
        struct coverage_point *cp;
        if (!counts_for_coverage(pt))
            continue;
        cp = &out->points[out->npoints++];
        cp->point = i;
        cp->bonus = pt->kind == POINT_BONUS;
        cp->concepts = xcalloc(pt->nconcepts ? pt->nconcepts : 1, sizeof *cp->concepts);
        for (size_t j = 0; j < pt->nconcepts; j++) {
            struct coverage_concept *cc = &cp->concepts[cp->nconcepts++];
            char **alts = NULL, *key;
            size_t nalts = 0;
            cc->concept = xstrdup(pt->concepts[j]);
            out->concepts++;
            weight_all += cp->bonus ? 1 : COVERAGE_ESSENTIAL_WEIGHT;
            if (looked++ >= CONCEPTS_MAX)
                continue;
            key = text_fold(pt->concepts[j], strlen(pt->concepts[j]));
            stem_phrase(st, key, &phrase);
            if (phrase_in(&ans, &phrase))
                cc->matched = xstrdup(key);
            else if (syn)
                syn(ctx, key, &alts, &nalts);
            for (size_t k = 0; k < nalts && !cc->matched && k < COVERAGE_ALTS_MAX; k++) {
                stem_phrase(st, alts[k], &phrase);
                if (phrase_in(&ans, &phrase))
                    cc->matched = xstrdup(alts[k]);
            }
            for (size_t k = 0; k < nalts; k++)
                free(alts[k]);
            free(alts);
            free(key);
            if (cc->matched) {
                cp->nfound++;
                out->found++;
                weight_found += cp->bonus ? 1 : COVERAGE_ESSENTIAL_WEIGHT;
            }
        }
        if (cp->nconcepts && cp->nfound == cp->nconcepts)
            out->covered++;
    }
    out->score = weight_all ? (double)weight_found / (double)weight_all : 0;
    free(ans.h);
    free(phrase.h);
    sb_stemmer_delete(st);
    return RB_OK;
}

void
coverage_cleanup(struct coverage *c)
{
    for (size_t i = 0; i < c->npoints; i++) {
        for (size_t j = 0; j < c->points[i].nconcepts; j++) {
            free(c->points[i].concepts[j].concept);
            free(c->points[i].concepts[j].matched);
        }
        free(c->points[i].concepts);
    }
    free(c->points);
    memset(c, 0, sizeof *c);
}

json_t *
coverage_to_json(const struct question *q, const struct coverage *c)
{
    json_t *o = json_object(), *points = json_array();
    json_object_set_new(o, "kind", json_string("keyword coverage"));
    json_object_set_new(o, "note", json_string(COVERAGE_NOTE));
    json_object_set_new(o, "score", json_real((double)(long long)(c->score * 1000 + 0.5) / 1000));
    json_object_set_new(o, "concepts", json_integer((json_int_t)c->concepts));
    json_object_set_new(o, "found", json_integer((json_int_t)c->found));
    json_object_set_new(o, "points_covered", json_integer((json_int_t)c->covered));
    json_object_set_new(o, "points_total", json_integer((json_int_t)c->npoints));
    for (size_t i = 0; i < c->npoints; i++) {
        const struct coverage_point *cp = &c->points[i];
        json_t *p = json_object(), *found = json_array(), *missing = json_array();
        json_object_set_new(p, "text", json_string(q->points[cp->point].text));
        json_object_set_new(p, "bonus", json_boolean(cp->bonus));
        json_object_set_new(p, "status",
                            json_string(!cp->nconcepts                ? "unchecked"
                                        : cp->nfound == cp->nconcepts ? "covered"
                                        : cp->nfound                  ? "partly"
                                                                      : "missed"));
        for (size_t j = 0; j < cp->nconcepts; j++)
            json_array_append_new(cp->concepts[j].matched ? found : missing,
                                  json_string(cp->concepts[j].concept));
        json_object_set_new(p, "found", found);
        json_object_set_new(p, "missing", missing);
        json_array_append_new(points, p);
    }
    json_object_set_new(o, "points", points);
    return o;
}
