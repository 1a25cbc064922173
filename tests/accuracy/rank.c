/* SPDX-License-Identifier: MIT */
/*
 * Ranking quality of `rubric screen` on a labelled pile (accuracy-gen -S), against two
 * baselines computed here in the same run on the same text (extract, as Rubric reads it):
 *
 *   keyword   the number of times the job's own words (folded, stop words left out) occur
 *             in the resume
 *   bm25      Okapi BM25 (k1 1.2, b 0.75) of the job's distinct words over the whole
 *             resume text, document frequencies from the pile
 *
 * For each job: NDCG@10 (gain 2^rel - 1 over the labelled relevance 0 to 3, ideal order from
 * the labels) and precision@10 (share of the first ten with relevance 2 or 3). Ties in a
 * baseline are broken by file name. Exit 1 when a target is missed: Rubric's mean NDCG@10
 * at least 0.10 above BM25's, and never below keyword counting on a job.
 *
 *   accuracy-rank PILE JOBS RESULTS     PILE/screening.jsonl and its resumes; JOBS/<job>;
 *                                       RESULTS/<job>.json, `rubric screen --json` of each
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "util/mem.h"
#include "util/text.h"

#define MAXDOC 4096
#define MAXJOB 16

struct words {
    char **v;
    size_t n, cap;
};

struct doc {
    char *file;
    struct words w;
    int rel[MAXJOB];
    double kw, bm;
};

static const char *const stop[] = {
    "a",    "an",   "and",   "are",  "as",  "at",    "be",   "by",    "for",  "from",
    "has",  "have", "in",    "is",   "it",  "its",   "of",   "on",    "or",   "our",
    "that", "the",  "their", "this", "to",  "we",    "will", "with",  "you",  "your",
    "who",  "what", "us",    "all",  "can", "do",    "day",  "every", "more", "not",
    "one",  "use",  "used",  "used", "us",  "into",  "than", "them",  "they", "them",
    "ll",   "s",    "d",     "re",   "ve",  "about", "job",  "role",  "work", "team"};

static int
collect(const char *w, size_t n, void *ctx)
{
    struct words *ws = ctx;
    xgrow(&ws->v, &ws->cap, ws->n + 1, sizeof *ws->v);
    ws->v[ws->n++] = xstrndup(w, n);
    return 0;
}

static void
words_of(const char *text, size_t len, struct words *out)
{
    char *f = text_fold(text, len);
    memset(out, 0, sizeof *out);
    text_words(f, strlen(f), collect, out);
    free(f);
}

static void
words_free(struct words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
}

static bool
stopword(const char *w)
{
    if (strlen(w) < 2)
        return true;
    for (size_t i = 0; i < sizeof stop / sizeof stop[0]; i++)
        if (!strcmp(w, stop[i]))
            return true;
    return false;
}

/* The job's distinct words, stop words left out. */
static void
query_of(const struct words *all, struct words *q)
{
    memset(q, 0, sizeof *q);
    for (size_t i = 0; i < all->n; i++) {
        bool seen = stopword(all->v[i]);
        for (size_t k = 0; k < q->n && !seen; k++)
            seen = !strcmp(q->v[k], all->v[i]);
        if (!seen) {
            xgrow(&q->v, &q->cap, q->n + 1, sizeof *q->v);
            q->v[q->n++] = xstrdup(all->v[i]);
        }
    }
}

static size_t
tf(const struct words *d, const char *w)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += !strcmp(d->v[i], w);
    return n;
}

static char *
read_all(const char *path, size_t *len)
{
    struct extracted x;
    char msg[RB_ERRMSG];
    if (extract_file(path, NULL, &x, msg)) {
        fprintf(stderr, "accuracy-rank: %s: %s (scored as empty)\n", path, msg);
        *len = 0;
        return xstrdup("");
    }
    *len = x.len;
    return x.text; /* taken: x holds nothing else to free */
}

/* NDCG@10 and P@10 of an order (indexes into docs) for job j. */
static void
metrics(const struct doc *docs, size_t n, const size_t *order, int j, double *ndcg, double *p10)
{
    double dcg = 0, idcg = 0;
    int *ideal = xcalloc(n + 1, sizeof *ideal);
    size_t hits = 0;
    for (size_t i = 0; i < n; i++)
        ideal[i] = docs[i].rel[j];
    for (size_t i = 0; i < n; i++) /* sort descending (n is small) */
        for (size_t k = i + 1; k < n; k++)
            if (ideal[k] > ideal[i]) {
                int t = ideal[i];
                ideal[i] = ideal[k];
                ideal[k] = t;
            }
    for (size_t i = 0; i < 10 && i < n; i++) {
        int r = docs[order[i]].rel[j];
        dcg += (pow(2, r) - 1) / log2((double)i + 2);
        idcg += (pow(2, ideal[i]) - 1) / log2((double)i + 2);
        hits += r >= 2;
    }
    *ndcg = idcg > 0 ? dcg / idcg : 0;
    *p10 = hits / 10.0;
    free(ideal);
}

static const struct doc *sort_docs;
static int sort_by; /* 0 keyword, 1 bm25 */

static int
cmp_base(const void *a, const void *b)
{
    const struct doc *x = &sort_docs[*(const size_t *)a], *y = &sort_docs[*(const size_t *)b];
    double sx = sort_by ? x->bm : x->kw, sy = sort_by ? y->bm : y->kw;
    if (sx != sy)
        return sx < sy ? 1 : -1;
    return strcmp(x->file, y->file);
}

int
main(int argc, char **argv)
{
    char path[4096], line[65536];
    struct doc *docs = xcalloc(MAXDOC, sizeof *docs);
    char jobs[MAXJOB][256];
    size_t ndocs = 0, njobs = 0, *order = xcalloc(MAXDOC, sizeof *order);
    double sum[3][2] = {{0}}, avgdl = 0;
    bool below_keyword = false;
    FILE *f;
    int rc = 0;

    if (argc != 4) {
        fprintf(stderr, "usage: accuracy-rank PILE JOBS RESULTS\n");
        return 2;
    }
    snprintf(path, sizeof path, "%s/screening.jsonl", argv[1]);
    if (!(f = fopen(path, "r"))) {
        fprintf(stderr, "accuracy-rank: cannot read %s\n", path);
        return 2;
    }
    while (fgets(line, sizeof line, f) && ndocs < MAXDOC) {
        json_t *o = json_loads(line, 0, NULL), *rel = json_object_get(o, "relevance"), *v;
        const char *k;
        struct doc *d = &docs[ndocs];
        char *text;
        size_t len;
        if (!o)
            continue;
        d->file = xstrdup(json_string_value(json_object_get(o, "file")));
        if (!ndocs)
            json_object_foreach(rel, k, v) snprintf(jobs[njobs++], sizeof jobs[0], "%s", k);
        for (size_t j = 0; j < njobs; j++)
            d->rel[j] = (int)json_integer_value(json_object_get(rel, jobs[j]));
        snprintf(path, sizeof path, "%s/%s", argv[1], d->file);
        text = read_all(path, &len);
        words_of(text, len, &d->w);
        avgdl += (double)d->w.n;
        free(text);
        json_decref(o);
        ndocs++;
    }
    fclose(f);
    if (!ndocs || !njobs) {
        fprintf(stderr, "accuracy-rank: no labelled resumes in %s\n", argv[1]);
        return 2;
    }
    avgdl /= (double)ndocs;

    printf("Screening a mixed pile: %zu resumes, %zu jobs (NDCG@10, P@10: relevance >= 2)\n\n",
           ndocs, njobs);
    printf("%-20s %8s %6s   %8s %6s   %8s %6s\n", "job", "rubric", "P@10", "keyword", "P@10",
           "bm25", "P@10");
    for (size_t j = 0; j < njobs; j++) {
        struct words all, q;
        char *text;
        size_t len, nr = 0;
        double m[3][2];
        json_error_t jerr;
        json_t *res, *c;
        size_t i;

        snprintf(path, sizeof path, "%s/%s", argv[2], jobs[j]);
        text = read_all(path, &len);
        words_of(text, len, &all);
        free(text);
        query_of(&all, &q);
        for (size_t d = 0; d < ndocs; d++) {
            docs[d].kw = docs[d].bm = 0;
            for (size_t k = 0; k < q.n; k++) {
                double t = (double)tf(&docs[d].w, q.v[k]), df = 0, idf;
                docs[d].kw += t;
                if (!t)
                    continue;
                for (size_t e = 0; e < ndocs; e++)
                    df += tf(&docs[e].w, q.v[k]) > 0;
                idf = log(1 + ((double)ndocs - df + 0.5) / (df + 0.5));
                docs[d].bm +=
                    idf * t * 2.2 / (t + 1.2 * (0.25 + 0.75 * (double)docs[d].w.n / avgdl));
            }
        }
        words_free(&all);
        words_free(&q);
        sort_docs = docs;
        for (int b = 0; b < 2; b++) {
            for (size_t d = 0; d < ndocs; d++)
                order[d] = d;
            sort_by = b;
            qsort(order, ndocs, sizeof *order, cmp_base);
            metrics(docs, ndocs, order, (int)j, &m[1 + b][0], &m[1 + b][1]);
        }

        /* Rubric's order, as `rubric screen --json` ranked it; unread files last */
        snprintf(path, sizeof path, "%s/%s.json", argv[3], jobs[j]);
        res = json_load_file(path, 0, &jerr);
        if (!res) {
            fprintf(stderr, "accuracy-rank: %s: %s\n", path, jerr.text);
            return 2;
        }
        json_array_foreach(json_object_get(res, "candidates"), i, c)
        {
            const char *file = json_string_value(json_object_get(c, "file"));
            const char *base = file ? strrchr(file, '/') : NULL;
            base = base ? base + 1 : file;
            for (size_t d = 0; base && d < ndocs; d++)
                if (!strcmp(docs[d].file, base)) {
                    order[nr++] = d;
                    break;
                }
        }
        json_decref(res);
        for (size_t d = 0; d < ndocs && nr < ndocs; d++) {
            bool in = false;
            for (size_t k = 0; k < nr && !in; k++)
                in = order[k] == d;
            if (!in)
                order[nr++] = d;
        }
        metrics(docs, ndocs, order, (int)j, &m[0][0], &m[0][1]);
        printf("%-20s %8.3f %6.1f   %8.3f %6.1f   %8.3f %6.1f%s\n", jobs[j], m[0][0], m[0][1],
               m[1][0], m[1][1], m[2][0], m[2][1],
               m[0][0] < m[1][0] ? "   below keyword counting" : "");
        below_keyword |= m[0][0] < m[1][0];
        for (int s = 0; s < 3; s++)
            for (int k = 0; k < 2; k++)
                sum[s][k] += m[s][k];
    }
    printf("%-20s %8.3f %6.2f   %8.3f %6.2f   %8.3f %6.2f\n\n", "mean", sum[0][0] / (double)njobs,
           sum[0][1] / (double)njobs, sum[1][0] / (double)njobs, sum[1][1] / (double)njobs,
           sum[2][0] / (double)njobs, sum[2][1] / (double)njobs);
    {
        double gain = (sum[0][0] - sum[2][0]) / (double)njobs;
        printf("targets: mean NDCG@10 >= BM25 + 0.10 (%+.3f): %s; never below keyword "
               "counting: %s\n",
               gain, gain >= 0.10 ? "met" : "MISSED", below_keyword ? "MISSED" : "met");
        if (gain < 0.10 || below_keyword)
            rc = 1;
    }
    for (size_t d = 0; d < ndocs; d++) {
        words_free(&docs[d].w);
        free(docs[d].file);
    }
    free(docs);
    free(order);
    return rc;
}
