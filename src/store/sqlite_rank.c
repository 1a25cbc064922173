/* SPDX-License-Identifier: MIT */
/*
 * The rank of a question search: BM25 without length normalisation (b = 0), as an FTS5
 * auxiliary function, rubric_rank(w_title, w_body, w_points).
 *
 * FTS5's own bm25() reads each matching row's column sizes from its docsize table, one
 * B-tree lookup per row: for a word typed as a prefix that matches most of a 100,000
 * question bank, that is ~3 us a row and 300 ms a keystroke. Questions are of much the same
 * length, so the length term changes little; without it a row costs its position lists,
 * which FTS5 already holds (~0.4 us). Per phrase: idf = ln((N - n + 0.5) / (n + 0.5)) (at
 * least 1e-6, as bm25() has it), f = the sum over columns of weight x hits, and the row's
 * score is the sum of idf x f (k1 + 1) / (f + k1), k1 = 1.2; returned negated, so that
 * "ORDER BY rank" puts the best first, as with bm25().
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/sqlite_int.h"

#define RANK_K1 1.2
#define RANK_COLS 3

struct rank_query {
    int nphrases;
    double w[RANK_COLS];
    double idf[]; /* per phrase */
};

static int
count_row(const Fts5ExtensionApi *x, Fts5Context *c, void *ctx)
{
    (void)x;
    (void)c;
    ++*(sqlite3_int64 *)ctx;
    return SQLITE_OK;
}

/* The per-query part (weights and each phrase's idf), computed at the first row. */
static struct rank_query *
rank_query(const Fts5ExtensionApi *x, Fts5Context *c, int nv, sqlite3_value **av, int *rc)
{
    struct rank_query *q = x->xGetAuxdata(c, 0);
    sqlite3_int64 rows = 0;
    int n;

    if (q)
        return q;
    n = x->xPhraseCount(c);
    if (!(q = sqlite3_malloc64(sizeof *q + (size_t)n * sizeof q->idf[0]))) {
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    q->nphrases = n;
    for (int i = 0; i < RANK_COLS; i++)
        q->w[i] = i < nv ? sqlite3_value_double(av[i]) : 1.0;
    if ((*rc = x->xRowCount(c, &rows)) != SQLITE_OK)
        goto fail;
    for (int i = 0; i < n; i++) {
        sqlite3_int64 hits = 0;
        double idf;
        if ((*rc = x->xQueryPhrase(c, i, &hits, count_row)) != SQLITE_OK)
            goto fail;
        idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
        q->idf[i] = idf > 1e-6 ? idf : 1e-6;
    }
    if ((*rc = x->xSetAuxdata(c, q, sqlite3_free)) != SQLITE_OK)
        return NULL; /* xSetAuxdata freed it */
    return q;
fail:
    sqlite3_free(q);
    return NULL;
}

static void
rank_row(const Fts5ExtensionApi *x, Fts5Context *c, sqlite3_context *ctx, int nv,
         sqlite3_value **av)
{
    int rc = SQLITE_OK;
    struct rank_query *q = rank_query(x, c, nv, av, &rc);
    double score = 0;

    if (!q) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    for (int i = 0; i < q->nphrases; i++) {
        Fts5PhraseIter it;
        int col, off;
        double f = 0;
        if ((rc = x->xPhraseFirst(c, i, &it, &col, &off)) != SQLITE_OK) {
            sqlite3_result_error_code(ctx, rc);
            return;
        }
        for (; col >= 0; x->xPhraseNext(c, &it, &col, &off))
            f += q->w[col < RANK_COLS ? col : RANK_COLS - 1];
        score += q->idf[i] * f * (RANK_K1 + 1) / (f + RANK_K1);
    }
    sqlite3_result_double(ctx, -score);
}

enum rb_err
sqlite_rank_register(sqlite3 *db, char *errmsg)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    int r = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);

    if (r == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2 ||
        api->xCreateFunction(api, "rubric_rank", NULL, rank_row, NULL) != SQLITE_OK) {
        snprintf(errmsg, RB_ERRMSG,
                 "this SQLite has no usable FTS5 (the search index needs it): %s",
                 sqlite3_errmsg(db));
        return RB_ESTORE;
    }
    return RB_OK;
}
