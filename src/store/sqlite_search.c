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

#define Q_FILTERS                                                                                  \
    "AND (?2 = 0 OR (q.level_min <= ?2 AND q.level_max >= ?2)) "                                   \
    "AND (?3 IS NULL OR q.category = ?3) "                                                         \
    "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM question_competency qc "                             \
    " JOIN competency c ON c.id = qc.competency WHERE qc.question = q.id AND c.slug = ?4)) "       \
    "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM question_competency qc "                             \
    " JOIN competency c ON c.id = qc.competency "                                                  \
    " WHERE qc.question = q.id AND c.slug IN (SELECT value FROM json_each(?5)))) "                 \
    "AND (?8 IS NULL OR q.minutes <= ?8) "
/* MATCH alone, ordered by rank alone: FTS5 ranks in its own sorter. Filters and
 * joins are applied row by row afterwards, so they never slow the match; the
 * snippet is computed only for the rows actually read. */
static const char SQL_SEARCH_FTS[] =
    "SELECT rowid, rank, snippet(question_fts, -1, char(2), char(3), '…', 16) "
    "FROM question_fts WHERE question_fts MATCH ?1 ORDER BY rank";
static const char SQL_SEARCH_FTS_BARE[] =
    "SELECT rowid, rank FROM question_fts WHERE question_fts MATCH ?1 "
    "ORDER BY rank";
static const char SQL_SNIPPET[] =
    "SELECT snippet(question_fts, -1, char(2), char(3), '…', 16) FROM question_fts "
    "WHERE question_fts MATCH ?1 AND rowid = ?2";
/* whether a hit passes the filters, for the hits counted but not shown */
static const char SQL_SEARCH_PASS[] =
    "SELECT 1 FROM question q WHERE q.id = ?1 AND q.retired = 0 " Q_FILTERS;
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

/* The snippet of row id for the FTS5 expression match, cleaned as search shows it. */
static char *
snippet_of(struct sqlite_store *s, const char *match, sqlite3_int64 id)
{
    char ignore[RB_ERRMSG];
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_SNIPPET, ignore);
    char *out = NULL;
    if (st) {
        sq_bind_text(st, 1, match);
        sqlite3_bind_int64(st, 2, id);
        if (sqlite3_step(st) == SQLITE_ROW)
            out = question_search_text((const char *)sqlite3_column_text(st, 0));
        sq_done(st);
    }
    return out ? out : xstrdup("");
}

enum rb_err
sqlite_question_search(struct store *base, const struct search_query *sq, struct search_hit **hits,
                       size_t *n, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *fts = NULL, *row = NULL, *pass = NULL;
    struct buf anyof = {0};
    char *match = NULL;
    struct search_hit *v = NULL;
    size_t cnt = 0, cap = 0;
    enum rb_err rc;
    int r = SQLITE_DONE, rr;

    rc = build_fts_query(sq->text, &match, errmsg);
    if (rc)
        return rc;
    if (!(fts = sq_stmt(&s->base, sq->snip_len ? SQL_SEARCH_FTS_BARE : SQL_SEARCH_FTS, errmsg)) ||
        !(row = sq_stmt(&s->base, SQL_SEARCH_ROW, errmsg)) ||
        (sq->snip_len && !(pass = sq_stmt(&s->base, SQL_SEARCH_PASS, errmsg)))) {
        rc = RB_ESTORE;
        goto out;
    }
    sq_bind_text(fts, 1, match);
    sqlite3_bind_int(row, 2, sq->level);
    sq_bind_text(row, 3, sq->category >= 0 ? category_name((enum category)sq->category) : NULL);
    sq_bind_text(row, 4, sq->competency);
    if (sq->max_minutes > 0)
        sqlite3_bind_int(row, 8, sq->max_minutes);
    if (sq->any_of) {
        buf_init(&anyof, 64u << 10);
        buf_putc(&anyof, '[');
        for (const char *const *c = sq->any_of; *c; c++) {
            if (c != sq->any_of)
                buf_putc(&anyof, ',');
            buf_json_string(&anyof, *c);
        }
        buf_putc(&anyof, ']');
        sq_bind_text(row, 5, buf_str(&anyof));
    }
    if (pass) {
        sqlite3_bind_int(pass, 2, sq->level);
        sq_bind_text(pass, 3,
                     sq->category >= 0 ? category_name((enum category)sq->category) : NULL);
        sq_bind_text(pass, 4, sq->competency);
        if (sq->max_minutes > 0)
            sqlite3_bind_int(pass, 8, sq->max_minutes);
        if (sq->any_of)
            sq_bind_text(pass, 5, buf_str(&anyof));
    }
    while (cnt < sq->limit && (r = sqlite3_step(fts)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(fts, 0);
        double rank = sqlite3_column_double(fts, 1);
        struct search_hit *h;

        if (pass && (cnt < sq->snip_from || cnt >= sq->snip_from + sq->snip_len)) {
            /* outside the page: only whether it counts */
            sqlite3_bind_int64(pass, 1, id);
            rr = sqlite3_step(pass);
            sqlite3_reset(pass);
            if (rr == SQLITE_ROW) {
                xgrow(&v, &cap, cnt + 1, sizeof *v);
                h = &v[cnt++];
                memset(h, 0, sizeof *h);
                h->score = -rank;
            } else if (rr != SQLITE_DONE) {
                rc = sq_fail(&s->base, errmsg, "search");
                goto out;
            }
            continue;
        }
        sqlite3_bind_int64(row, 1, id);
        rr = sqlite3_step(row);
        if (rr == SQLITE_ROW) {
            const char *c = (const char *)sqlite3_column_text(row, 2);
            int ci = category_parse(c, strlen(c));
            xgrow(&v, &cap, cnt + 1, sizeof *v);
            h = &v[cnt++];
            memset(h, 0, sizeof *h);
            h->id = sq_col_dup(row, 0);
            h->title = sq_col_dup(row, 1);
            h->category = ci < 0 ? CAT_TECHNICAL : (enum category)ci;
            h->level_min = sqlite3_column_int(row, 3);
            h->level_max = sqlite3_column_int(row, 4);
            h->minutes = sqlite3_column_int(row, 5);
            h->competency = sq_col_dup(row, 6);
            h->score = -rank;
            /* cut from the Markdown as written: drop its emphasis and code marks */
            if (!sq->snip_len)
                h->snippet = question_search_text((const char *)sqlite3_column_text(fts, 2));
            else if (cnt - 1 >= sq->snip_from && cnt - 1 < sq->snip_from + sq->snip_len)
                h->snippet = snippet_of(s, match, id);
            else
                h->snippet = xstrdup("");
        } else if (rr != SQLITE_DONE) {
            rc = sq_fail(&s->base, errmsg, "search");
            goto out;
        }
        sqlite3_reset(row);
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        rc = sq_fail(&s->base, errmsg, "search");
        goto out;
    }
out:
    sq_done(fts);
    sq_done(row);
    sq_done(pass);
    buf_cleanup(&anyof);
    free(match);
    if (rc) {
        search_hits_free(v, cnt);
        return rc;
    }
    *hits = v;
    *n = cnt;
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
