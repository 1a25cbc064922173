/* SPDX-License-Identifier: MIT */
/*
 * Full-text search over the questions (FTS5, ranked by the index alone, snippets only for
 * the hits shown) and the filtered list of live questions.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

#define SEARCH_RANK "'rubric_rank(4.0, 2.0, 1.0)'"
#define Q_FILTERS                                                                                  \
    "AND (?2 = 0 OR (q.level_min <= ?2 AND q.level_max >= ?2)) "                                   \
    "AND (?3 IS NULL OR q.category = ?3) "                                                         \
    "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM question_competency qc "                             \
    " JOIN competency c ON c.id = qc.competency WHERE qc.question = q.id AND c.slug = ?4)) "       \
    "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM question_competency qc "                             \
    " JOIN competency c ON c.id = qc.competency "                                                  \
    " WHERE qc.question = q.id AND c.slug IN (SELECT value FROM json_each(?5)))) "                 \
    "AND (?8 IS NULL OR q.minutes <= ?8) "
/* MATCH alone, ordered by rank alone: FTS5 ranks in its own sorter, and the
 * filters (the _F forms) are tested on the ranked rows as they come, up to the
 * LIMIT. OFFSET skips rows before their columns are computed, so snippets are
 * made for the page only: each snippet of a prefix query would otherwise
 * expand the prefix again. The rank is rubric_rank (sqlite_rank.c: BM25 without
 * the per-row length lookup that makes bm25() slow on broad prefixes); the
 * table's own default stays bm25(), so other SQLite tools can still read it. */
static const char SQL_SEARCH_PAGE[] =
    "SELECT rowid, rank, snippet(question_fts, -1, char(2), char(3), '…', 16) "
    "FROM question_fts WHERE question_fts MATCH ?1 AND rank MATCH " SEARCH_RANK
    " ORDER BY rank LIMIT ?6 OFFSET ?7";
static const char SQL_SEARCH_PAGE_F[] =
    "SELECT rowid, rank, snippet(question_fts, -1, char(2), char(3), '…', 16) "
    "FROM question_fts WHERE question_fts MATCH ?1 AND EXISTS (SELECT 1 FROM "
    "question q WHERE q.id = question_fts.rowid AND q.retired = 0 " Q_FILTERS
    ") AND rank MATCH " SEARCH_RANK " ORDER BY rank LIMIT ?6 OFFSET ?7";
/* how many match, up to a limit: no ranking needed for that */
static const char SQL_SEARCH_COUNT[] = "SELECT count(*) FROM (SELECT 1 FROM question_fts "
                                       "WHERE question_fts MATCH ?1 LIMIT ?6)";
static const char SQL_SEARCH_COUNT_F[] =
    "SELECT count(*) FROM (SELECT 1 FROM question_fts WHERE question_fts MATCH "
    "?1 AND EXISTS (SELECT 1 FROM question q WHERE q.id = question_fts.rowid "
    "AND q.retired = 0 " Q_FILTERS ") LIMIT ?6)";
static const char SQL_SEARCH_ROW[] =
    "SELECT q.slug, q.title, q.category, q.level_min, q.level_max, q.minutes, "
    "(SELECT c.slug FROM question_competency qc JOIN competency c "
    " ON c.id = qc.competency WHERE qc.question = q.id AND qc.position = 0) "
    "FROM question q WHERE q.id = ?1 AND q.retired = 0 "
    "AND (?2 = 0 OR (q.level_min <= ?2 AND q.level_max >= ?2)) "
    "AND (?3 IS NULL OR q.category = ?3) "
    "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM question_competency qc "
    " JOIN competency c ON c.id = qc.competency "
    " WHERE qc.question = q.id AND c.slug = ?4)) "
    "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM question_competency qc "
    " JOIN competency c ON c.id = qc.competency "
    " WHERE qc.question = q.id AND c.slug IN (SELECT value FROM json_each(?5)))) "
    "AND (?8 IS NULL OR q.minutes <= ?8)";
/* the filters of SQL_SEARCH_ROW, over every live question, by slug */
static const char SQL_Q_LIST[] =
    "SELECT q.slug, q.title, q.category, q.level_min, q.level_max, q.minutes, "
    "(SELECT c.slug FROM question_competency qc JOIN competency c "
    " ON c.id = qc.competency WHERE qc.question = q.id AND qc.position = 0), "
    "count(*) OVER () "
    "FROM question q WHERE q.retired = 0 " Q_FILTERS "ORDER BY q.slug LIMIT ?6 OFFSET ?7";
static const char SQL_Q_COUNT[] = "SELECT count(*) FROM question q WHERE q.retired = 0 " Q_FILTERS;

/* ---- search ------------------------------------------------------------------------- */

#define QUERY_MAX_BYTES ((size_t)1000)
#define QUERY_MAX_TERMS 32

struct fts_query {
    struct buf out;
    int terms;
};

static int
fts_word(const char *w, size_t n, void *ctx)
{
    struct fts_query *f = ctx;
    /* words hold no '"' (text_words splits on punctuation), so quoting is safe */
    buf_printf(&f->out, "%s\"%.*s\"", f->out.len ? " " : "", (int)n, w);
    f->terms++;
    return 0;
}

/* Turns what a person typed into an FTS5 expression: every word quoted (so no word is read
 * as an operator), "a b" kept as a phrase, a trailing * kept as a prefix search, and all
 * terms required. */
static enum rb_err
build_fts_query(const char *text, char **out, char *errmsg)
{
    struct fts_query f;
    size_t len = strlen(text), i = 0;

    if (len > QUERY_MAX_BYTES) {
        snprintf(errmsg, RB_ERRMSG, "query too long (%zu bytes, limit %zu)", len, QUERY_MAX_BYTES);
        return RB_EINVAL;
    }
    buf_init(&f.out, 16 * QUERY_MAX_BYTES);
    f.terms = 0;
    while (i < len) {
        if (text[i] == '"') {
            size_t j = i + 1;
            struct fts_query ph;
            while (j < len && text[j] != '"')
                j++;
            buf_init(&ph.out, 16 * QUERY_MAX_BYTES);
            ph.terms = 0;
            text_words(text + i + 1, j - i - 1, fts_word, &ph);
            if (ph.terms) {
                /* "a" "b" -> "a b": one phrase */
                buf_printf(&f.out, "%s\"", f.out.len ? " " : "");
                for (const char *p = buf_str(&ph.out); *p; p++)
                    if (*p != '"')
                        buf_putc(&f.out, *p);
                buf_putc(&f.out, '"');
                f.terms += ph.terms;
            }
            buf_cleanup(&ph.out);
            i = j + 1;
            continue;
        }
        {
            size_t j = i;
            while (j < len && text[j] != '"' && text[j] != ' ' && text[j] != '\t')
                j++;
            size_t before = f.out.len;
            text_words(text + i, j - i, fts_word, &f);
            if (f.out.len > before && j > i && text[j - 1] == '*')
                buf_putc(&f.out, '*');
            i = j == i ? j + 1 : j;
        }
    }
    if (!f.terms) {
        buf_cleanup(&f.out);
        snprintf(errmsg, RB_ERRMSG, "empty query: give one or more words to search for");
        return RB_EINVAL;
    }
    if (f.terms > QUERY_MAX_TERMS) {
        buf_cleanup(&f.out);
        snprintf(errmsg, RB_ERRMSG, "too many words in the query (%d, limit %d)", f.terms,
                 QUERY_MAX_TERMS);
        return RB_EINVAL;
    }
    *out = buf_take(&f.out);
    return RB_OK;
}

/* Binds the filters of sq (parameters 2 to 5 and 8 of Q_FILTERS) to st; anyof holds the
 * JSON list of sq->any_of. */
static void
bind_filters(sqlite3_stmt *st, const struct search_query *sq, const char *anyof)
{
    sqlite3_bind_int(st, 2, sq->level);
    sq_bind_text(st, 3, sq->category >= 0 ? category_name((enum category)sq->category) : NULL);
    sq_bind_text(st, 4, sq->competency);
    sq_bind_text(st, 5, anyof);
    if (sq->max_minutes > 0)
        sqlite3_bind_int(st, 8, sq->max_minutes);
}

/* The hits of the page [from, from + len) of the ranked matches, whole, into v[from...]. */
static enum rb_err
search_page(struct sqlite_store *s, const struct search_query *sq, const char *match,
            const char *anyof, bool filtered, size_t from, size_t len, struct search_hit *v,
            size_t *got, char *errmsg)
{
    sqlite3_stmt *page = sq_stmt(&s->base, filtered ? SQL_SEARCH_PAGE_F : SQL_SEARCH_PAGE, errmsg);
    sqlite3_stmt *row = page ? sq_stmt(&s->base, SQL_SEARCH_ROW, errmsg) : NULL;
    enum rb_err rc = RB_OK;
    int r;

    *got = 0;
    if (!row) {
        sq_done(page);
        return RB_ESTORE;
    }
    sq_bind_text(page, 1, match);
    if (filtered)
        bind_filters(page, sq, anyof);
    sqlite3_bind_int64(page, 6, (sqlite3_int64)len);
    sqlite3_bind_int64(page, 7, (sqlite3_int64)from);
    bind_filters(row, sq, anyof);
    while ((r = sqlite3_step(page)) == SQLITE_ROW) {
        struct search_hit *h = &v[from + *got];
        sqlite3_bind_int64(row, 1, sqlite3_column_int64(page, 0));
        r = sqlite3_step(row);
        if (r == SQLITE_ROW) {
            const char *c = (const char *)sqlite3_column_text(row, 2);
            int ci = category_parse(c, strlen(c));
            h->id = sq_col_dup(row, 0);
            h->title = sq_col_dup(row, 1);
            h->category = ci < 0 ? CAT_TECHNICAL : (enum category)ci;
            h->level_min = sqlite3_column_int(row, 3);
            h->level_max = sqlite3_column_int(row, 4);
            h->minutes = sqlite3_column_int(row, 5);
            h->competency = sq_col_dup(row, 6);
            h->score = -sqlite3_column_double(page, 1);
            /* cut from the Markdown as written: drop its emphasis and code marks */
            h->snippet = question_search_text((const char *)sqlite3_column_text(page, 2));
            ++*got;
        }
        sqlite3_reset(row);
        if (r != SQLITE_ROW && r != SQLITE_DONE)
            break;
    }
    if (r != SQLITE_DONE)
        rc = sq_fail(&s->base, errmsg, "search");
    sq_done(page);
    sq_done(row);
    return rc;
}

enum rb_err
sqlite_question_search(struct store *base, const struct search_query *sq, struct search_hit **hits,
                       size_t *n, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    bool filtered =
        sq->level || sq->category >= 0 || sq->competency || sq->any_of || sq->max_minutes > 0;
    sqlite3_stmt *count = NULL;
    struct buf anyof = {0};
    char *match = NULL;
    struct search_hit *v = NULL;
    size_t total = 0, from = 0, len = sq->limit, got = 0;
    enum rb_err rc;

    rc = build_fts_query(sq->text, &match, errmsg);
    if (rc)
        return rc;
    if (sq->any_of) {
        buf_init(&anyof, 64u << 10);
        buf_putc(&anyof, '[');
        for (const char *const *c = sq->any_of; *c; c++) {
            if (c != sq->any_of)
                buf_putc(&anyof, ',');
            buf_json_string(&anyof, *c);
        }
        buf_putc(&anyof, ']');
    }
    if (sq->snip_len) {
        /* a page of many: count the matches (unranked, cheap), then rank for the page */
        if (!(count =
                  sq_stmt(&s->base, filtered ? SQL_SEARCH_COUNT_F : SQL_SEARCH_COUNT, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sq_bind_text(count, 1, match);
        if (filtered)
            bind_filters(count, sq, sq->any_of ? buf_str(&anyof) : NULL);
        sqlite3_bind_int64(count, 6, (sqlite3_int64)sq->limit);
        if (sqlite3_step(count) != SQLITE_ROW) {
            rc = sq_fail(&s->base, errmsg, "search");
            goto out;
        }
        total = (size_t)sqlite3_column_int64(count, 0);
        from = sq->snip_from < total ? sq->snip_from : total;
        len = total - from < sq->snip_len ? total - from : sq->snip_len;
    } else {
        total = sq->limit;
    }
    v = xcalloc(total ? total : 1, sizeof *v);
    if (len)
        rc = search_page(s, sq, match, sq->any_of ? buf_str(&anyof) : NULL, filtered, from, len, v,
                         &got, errmsg);
    if (!sq->snip_len || got < len)
        total = from + got; /* (a row retired meanwhile ends the page) */
out:
    sq_done(count);
    buf_cleanup(&anyof);
    free(match);
    if (rc) {
        search_hits_free(v, total);
        return rc;
    }
    *hits = v;
    *n = total;
    return RB_OK;
}

enum rb_err
sqlite_question_list(struct store *base, const struct search_query *f, size_t offset,
                     struct search_hit **hits, size_t *n, size_t *total, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_Q_LIST, errmsg);
    struct buf anyof;
    size_t cap = 0;
    int r;

    *hits = NULL;
    *n = *total = 0;
    if (!st)
        return RB_ESTORE;
    buf_init(&anyof, 1u << 16);
    sqlite3_bind_int(st, 2, f->level);
    sq_bind_text(st, 3, f->category >= 0 ? category_name((enum category)f->category) : NULL);
    sq_bind_text(st, 4, f->competency);
    if (f->max_minutes > 0)
        sqlite3_bind_int(st, 8, f->max_minutes);
    if (f->any_of) {
        buf_putc(&anyof, '[');
        for (const char *const *c = f->any_of; *c; c++) {
            if (c != f->any_of)
                buf_putc(&anyof, ',');
            buf_json_string(&anyof, *c);
        }
        buf_putc(&anyof, ']');
        sq_bind_text(st, 5, buf_str(&anyof));
    }
    sqlite3_bind_int64(st, 6, (sqlite3_int64)f->limit);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)offset);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct search_hit *h;
        xgrow(hits, &cap, *n + 1, sizeof **hits);
        h = &(*hits)[(*n)++];
        memset(h, 0, sizeof *h);
        h->id = sq_col_dup(st, 0);
        h->title = sq_col_dup(st, 1);
        {
            const char *c = (const char *)sqlite3_column_text(st, 2);
            int ci = c ? category_parse(c, strlen(c)) : -1;
            h->category = ci < 0 ? CAT_TECHNICAL : (enum category)ci;
        }
        h->level_min = sqlite3_column_int(st, 3);
        h->level_max = sqlite3_column_int(st, 4);
        h->minutes = sqlite3_column_int(st, 5);
        h->competency = sq_col_dup(st, 6);
        *total = (size_t)sqlite3_column_int64(st, 7);
    }
    sq_done(st);
    if (r != SQLITE_DONE) {
        buf_cleanup(&anyof);
        return sq_fail(&s->base, errmsg, "list questions");
    }
    if (!*n && offset) {
        /* past the end: the window function saw no row, so count apart */
        if (!(st = sq_stmt(&s->base, SQL_Q_COUNT, errmsg))) {
            buf_cleanup(&anyof);
            return RB_ESTORE;
        }
        sqlite3_bind_int(st, 2, f->level);
        sq_bind_text(st, 3, f->category >= 0 ? category_name((enum category)f->category) : NULL);
        sq_bind_text(st, 4, f->competency);
        if (f->max_minutes > 0)
            sqlite3_bind_int(st, 8, f->max_minutes);
        if (f->any_of)
            sq_bind_text(st, 5, buf_str(&anyof));
        if (sqlite3_step(st) == SQLITE_ROW)
            *total = (size_t)sqlite3_column_int64(st, 0);
        sq_done(st);
    }
    buf_cleanup(&anyof);
    return RB_OK;
}
