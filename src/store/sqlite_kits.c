/* SPDX-License-Identifier: MIT */
/*
 * Kit selection in SQLite: the questions a kit may draw, counted and picked in the
 * question_pick index's stable order, excluded as the kit fills; saved kits.
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

/* Questions of the stack tracks are drawn apart, for the role's skills (sqlite_skills.c), so
 * that they keep to their share of a kit and a Java kit never draws the Go track's. */
#define KIT_TRACK_FITS "AND id NOT IN (SELECT question FROM question_track) "
static const char SQL_KX_CREATE[] =
    "CREATE TEMP TABLE IF NOT EXISTS kit_exclude (id INTEGER PRIMARY KEY)";
static const char SQL_KX_CLEAR[] = "DELETE FROM temp.kit_exclude";
static const char SQL_KX_CANDIDATE[] =
    "INSERT OR IGNORE INTO temp.kit_exclude (id) SELECT kq.question "
    "FROM kit k JOIN kit_question kq ON kq.kit = k.id WHERE k.candidate = ?1";
static const char SQL_KX_ADD[] =
    "INSERT OR IGNORE INTO temp.kit_exclude (id) SELECT id FROM question "
    "WHERE slug = ?1";
/* Both walk the question_pick index: competency and category fixed, then level and
 * length; the order of the nth is the index's, so it is stable. */
static const char SQL_KIT_COUNT[] =
    "SELECT count(*) FROM question WHERE competency = "
    "(SELECT id FROM competency WHERE slug = ?1) AND category = ?2 "
    "AND level_min <= ?3 AND (level_max >= ?3 OR ?5) AND minutes <= ?4 "
    "AND retired = 0 "
    "AND id NOT IN temp.kit_exclude " KIT_TRACK_FITS;
static const char SQL_KIT_NTH[] =
    "SELECT slug, minutes FROM question WHERE competency = "
    "(SELECT id FROM competency WHERE slug = ?1) AND category = ?2 "
    "AND level_min <= ?3 AND (level_max >= ?3 OR ?5) AND minutes <= ?4 "
    "AND retired = 0 AND id NOT IN temp.kit_exclude " KIT_TRACK_FITS
    "ORDER BY level_min, level_max, minutes, id LIMIT 1 OFFSET ?6";
static const char SQL_KIT_INSERT[] =
    "INSERT INTO kit (role, level, stage, minutes, seed, candidate, body) "
    "VALUES ((SELECT id FROM role WHERE slug = ?1), ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_KQ_INSERT[] = "INSERT OR IGNORE INTO kit_question (kit, question) "
                                    "SELECT ?1, id FROM question WHERE slug = ?2";
static const char SQL_KIT_GET[] = "SELECT body FROM kit WHERE id = ?1";

/* ---- kits ------------------------------------------------------------------------------ */

enum rb_err
sqlite_kit_begin(struct store *base, const char *candidate, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    enum rb_err rc = sq_run(&s->base, SQL_KX_CREATE, errmsg);
    if (!rc)
        rc = sq_run(&s->base, SQL_KX_CLEAR, errmsg);
    if (rc || !candidate)
        return rc;
    if (!(st = sq_stmt(&s->base, SQL_KX_CANDIDATE, errmsg)))
        return RB_ESTORE;
    sq_bind_text(st, 1, candidate);
    return sq_exec(&s->base, st, errmsg, "exclude asked questions");
}

enum rb_err
sqlite_kit_exclude(struct store *base, const char *id, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_KX_ADD, errmsg);
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, id);
    return sq_exec(&s->base, st, errmsg, "exclude question");
}

static void
bind_pick(sqlite3_stmt *st, const struct kit_pick *p)
{
    sq_bind_text(st, 1, p->competency);
    sq_bind_text(st, 2, category_name(p->category));
    sqlite3_bind_int(st, 3, p->level);
    sqlite3_bind_int(st, 4, p->max_minutes);
    sqlite3_bind_int(st, 5, p->or_below);
}

enum rb_err
sqlite_kit_count(struct store *base, const struct kit_pick *p, size_t *n, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    int r;
    if (p->stack_only)
        return sqlite_kit_stack_count(base, p, n, errmsg);
    if (!(st = sq_stmt(&s->base, SQL_KIT_COUNT, errmsg)))
        return RB_ESTORE;
    bind_pick(st, p);
    r = sqlite3_step(st);
    *n = r == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sq_done(st);
    return r == SQLITE_ROW ? RB_OK : sq_fail(&s->base, errmsg, "count kit questions");
}

enum rb_err
sqlite_kit_nth(struct store *base, const struct kit_pick *p, size_t nth, char **id, int *minutes,
               char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    int r;
    *id = NULL;
    if (p->stack_only)
        return sqlite_kit_stack_nth(base, p, nth, id, minutes, errmsg);
    if (!(st = sq_stmt(&s->base, SQL_KIT_NTH, errmsg)))
        return RB_ESTORE;
    bind_pick(st, p);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)nth);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *id = sq_col_dup(st, 0);
        *minutes = sqlite3_column_int(st, 1);
    }
    sq_done(st);
    if (r == SQLITE_ROW)
        return RB_OK;
    if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no question number %zu for %s", nth, p->competency);
        return RB_ENOTFOUND;
    }
    return sq_fail(&s->base, errmsg, "pick kit question");
}

enum rb_err
sqlite_kit_save(struct store *base, const char *role, int level, const char *stage, int minutes,
                unsigned long long seed, const char *candidate, const char *body,
                const char *const *questions, size_t nquestions, long long *kit_id, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    enum rb_err rc = sq_begin(&s->base, errmsg);
    sqlite3_int64 id = 0;

    if (rc)
        return rc;
    if (!(st = sq_stmt(&s->base, SQL_KIT_INSERT, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sq_bind_text(st, 1, role);
    sqlite3_bind_int(st, 2, level);
    sq_bind_text(st, 3, stage);
    sqlite3_bind_int(st, 4, minutes);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)seed);
    sq_bind_text(st, 6, candidate);
    sq_bind_text(st, 7, body);
    rc = sq_exec(&s->base, st, errmsg, "save kit");
    id = sqlite3_last_insert_rowid(s->db);
    for (size_t i = 0; i < nquestions && !rc; i++) {
        if (!(st = sq_stmt(&s->base, SQL_KQ_INSERT, errmsg))) {
            rc = RB_ESTORE;
            break;
        }
        sqlite3_bind_int64(st, 1, id);
        sq_bind_text(st, 2, questions[i]);
        rc = sq_exec(&s->base, st, errmsg, "save kit question");
    }
out:
    rc = sq_end(&s->base, rc, errmsg);
    if (!rc)
        *kit_id = id;
    return rc;
}

enum rb_err
sqlite_kit_get(struct store *base, long long id, char **body, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_KIT_GET, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    *body = NULL;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *body = sq_col_dup(st, 0);
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no kit %lld", id);
        rc = RB_ENOTFOUND;
    } else {
        rc = sq_fail(&s->base, errmsg, "read kit");
    }
    sq_done(st);
    return rc;
}
