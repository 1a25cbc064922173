/* SPDX-License-Identifier: MIT */
/*
 * The SQLite backend: WAL journal, foreign keys on, a busy timeout, and prepared statements
 * only (each prepared once per connection, reset after use, parameters always bound).
 * Migrations are the embedded files sql/sqlite/NNN_name.sql, applied in order in one
 * transaction at open; PRAGMA user_version holds the schema version.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/bank_json.h"
#include "store/sqlite_int.h"
#include "store/store_impl.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/mem.h"
#include "util/text.h"

enum stmt_id {
    S_BEGIN,
    S_COMMIT,
    S_ROLLBACK,
    S_COMP_UPSERT,
    S_COMP_ID,
    S_SYN_CLEAR,
    S_SYN_INSERT,
    S_Q_LOOKUP,
    S_Q_INSERT,
    S_Q_UPDATE,
    S_QC_INSERT,
    S_QC_CLEAR,
    S_FTS_INSERT,
    S_FTS_DELETE,
    S_SEEN_CREATE,
    S_SEEN_CLEAR,
    S_SEEN_INSERT,
    S_RETIRE_FTS,
    S_RETIRE,
    S_Q_GET,
    S_QC_GET,
    S_SEARCH_PAGE,
    S_SEARCH_PAGE_F,
    S_SEARCH_COUNT,
    S_SEARCH_COUNT_F,
    S_SEARCH_ROW,
    S_STATS_TOTAL,
    S_STATS_MATRIX,
    S_STATS_COMP,
    S_EXPORT_COMPS,
    S_EXPORT_QS,
    S_EXPORT_SYNS,
    S_TEXT_EXISTS,
    S_ANY_QUESTION,
    S_ROLE_UPSERT,
    S_ROLE_ID,
    S_RC_CLEAR,
    S_RC_INSERT,
    S_RS_CLEAR,
    S_RS_INSERT,
    S_ROLE_GET,
    S_ROLE_LIST,
    S_KX_CREATE,
    S_KX_CLEAR,
    S_KX_CANDIDATE,
    S_KX_ADD,
    S_KIT_COUNT,
    S_KIT_NTH,
    S_KIT_INSERT,
    S_KQ_INSERT,
    S_RESUME_GET,
    S_RESUME_PUT,
    S_KIT_GET,
    S_GEN_BUMP,
    S_Q_JSON,
    S_Q_RETIRE_ONE,
    S_Q_LIST,
    S_Q_COUNT,
    S_COUNT
};

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

/* Questions of the stack tracks are drawn apart, for the role's skills (sqlite_skills.c), so
 * that they keep to their share of a kit and a Java kit never draws the Go track's. */
#define KIT_TRACK_FITS "AND id NOT IN (SELECT question FROM question_track) "
/* question_to_json's "skills" and "track" of question q, for S_Q_JSON */
#define Q_JSON_SKILLS                                                                              \
    "'skills', (SELECT json_group_array(skill) FROM (SELECT skill FROM question_skill WHERE "      \
    "question = q.id ORDER BY position)), 'track', (SELECT track FROM question_track WHERE "       \
    "question = q.id)"
#define LEVEL_NAME(col)                                                                            \
    "CASE " col " WHEN 1 THEN 'junior' WHEN 2 THEN 'mid' WHEN 3 THEN 'senior' "                    \
    "WHEN 4 THEN 'architect' END"

static const char
    *const
        sql_text[S_COUNT] =
            {
                [S_BEGIN] = "BEGIN IMMEDIATE",
                [S_COMMIT] = "COMMIT",
                [S_ROLLBACK] = "ROLLBACK",
                [S_COMP_UPSERT] =
                    "INSERT INTO competency (slug, name, summary) VALUES (?1, ?2, ?3) "
                    "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, "
                    "summary = excluded.summary",
                [S_COMP_ID] = "SELECT id FROM competency WHERE slug = ?1",
                [S_SYN_CLEAR] = "DELETE FROM synonym",
                [S_SYN_INSERT] =
                    "INSERT OR REPLACE INTO synonym (concept, alternatives) VALUES (?1, ?2)",
                [S_Q_LOOKUP] = "SELECT id, digest, retired FROM question WHERE slug = ?1",
                [S_Q_INSERT] =
                    "INSERT INTO question (slug, title, body, category, level_min, level_max, "
                    "minutes, source, topic, text_key, digest, points, competency) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                [S_Q_UPDATE] =
                    "UPDATE question SET title = ?2, body = ?3, category = ?4, level_min = ?5, "
                    "level_max = ?6, minutes = ?7, source = ?8, topic = ?9, text_key = ?10, "
                    "digest = ?11, points = ?12, competency = ?13, retired = 0, "
                    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                [S_QC_INSERT] = "INSERT INTO question_competency (question, competency, position) "
                                "VALUES (?1, ?2, ?3)",
                [S_QC_CLEAR] = "DELETE FROM question_competency WHERE question = ?1",
                [S_FTS_INSERT] = "INSERT INTO question_fts (rowid, title, body, points) "
                                 "VALUES (?1, ?2, ?3, ?4)",
                [S_FTS_DELETE] = "DELETE FROM question_fts WHERE rowid = ?1",
                [S_SEEN_CREATE] =
                    "CREATE TEMP TABLE IF NOT EXISTS load_seen (id INTEGER PRIMARY KEY)",
                [S_SEEN_CLEAR] = "DELETE FROM temp.load_seen",
                [S_SEEN_INSERT] = "INSERT OR IGNORE INTO temp.load_seen (id) VALUES (?1)",
                [S_RETIRE_FTS] = "DELETE FROM question_fts WHERE rowid IN (SELECT id FROM question "
                                 "WHERE source IS NULL AND retired = 0 "
                                 "AND id NOT IN (SELECT id FROM temp.load_seen))",
                [S_RETIRE] = "UPDATE question SET retired = 1, "
                             "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                             "WHERE source IS NULL AND retired = 0 "
                             "AND id NOT IN (SELECT id FROM temp.load_seen)",
                [S_Q_GET] =
                    "SELECT id, slug, title, body, category, level_min, level_max, minutes, "
                    "source, topic, points FROM question WHERE slug = ?1",
                [S_QC_GET] = "SELECT c.slug FROM question_competency qc JOIN competency c "
                             "ON c.id = qc.competency WHERE qc.question = ?1 ORDER BY qc.position",
                /* MATCH alone, ordered by rank alone: FTS5 ranks in its own sorter, and the
                 * filters (the _F forms) are tested on the ranked rows as they come, up to the
                 * LIMIT. OFFSET skips rows before their columns are computed, so snippets are
                 * made for the page only: each snippet of a prefix query would otherwise
                 * expand the prefix again. The rank is rubric_rank (sqlite_rank.c: BM25 without
                 * the per-row length lookup that makes bm25() slow on broad prefixes); the
                 * table's own default stays bm25(), so other SQLite tools can still read it. */
                [S_SEARCH_PAGE] =
                    "SELECT rowid, rank, snippet(question_fts, -1, char(2), char(3), '…', 16) "
                    "FROM question_fts WHERE question_fts MATCH ?1 AND rank MATCH " SEARCH_RANK
                    " ORDER BY rank LIMIT ?6 OFFSET ?7",
                [S_SEARCH_PAGE_F] =
                    "SELECT rowid, rank, snippet(question_fts, -1, char(2), char(3), '…', 16) "
                    "FROM question_fts WHERE question_fts MATCH ?1 AND EXISTS (SELECT 1 FROM "
                    "question q WHERE q.id = question_fts.rowid AND q.retired = 0 " Q_FILTERS
                    ") AND rank MATCH " SEARCH_RANK " ORDER BY rank LIMIT ?6 OFFSET ?7",
                /* how many match, up to a limit: no ranking needed for that */
                [S_SEARCH_COUNT] = "SELECT count(*) FROM (SELECT 1 FROM question_fts "
                                   "WHERE question_fts MATCH ?1 LIMIT ?6)",
                [S_SEARCH_COUNT_F] =
                    "SELECT count(*) FROM (SELECT 1 FROM question_fts WHERE question_fts MATCH "
                    "?1 AND EXISTS (SELECT 1 FROM question q WHERE q.id = question_fts.rowid "
                    "AND q.retired = 0 " Q_FILTERS ") LIMIT ?6)",
                [S_SEARCH_ROW] =
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
                    "AND (?8 IS NULL OR q.minutes <= ?8)",
                [S_STATS_TOTAL] =
                    "SELECT count(*), coalesce(sum(retired), 0), "
                    "coalesce(sum(source IS NOT NULL AND retired = 0), 0) FROM question",
                [S_STATS_MATRIX] = "SELECT category, level_min, level_max, count(*) FROM question "
                                   "WHERE retired = 0 GROUP BY 1, 2, 3",
                [S_STATS_COMP] =
                    "SELECT c.slug, c.name, q.category, q.level_min, q.level_max, count(q.id) "
                    "FROM competency c "
                    "LEFT JOIN question_competency qc ON qc.competency = c.id "
                    " AND qc.position = 0 "
                    "LEFT JOIN question q ON q.id = qc.question AND q.retired = 0 "
                    "GROUP BY c.slug, q.category, q.level_min, q.level_max ORDER BY c.slug",
                [S_EXPORT_COMPS] = "SELECT slug, name, summary FROM competency ORDER BY slug",
                [S_EXPORT_QS] = "SELECT q.slug FROM question q JOIN question_competency qc "
                                "ON qc.question = q.id AND qc.position = 0 "
                                "JOIN competency c ON c.id = qc.competency "
                                "WHERE q.retired = 0 ORDER BY c.slug, q.slug",
                [S_EXPORT_SYNS] = "SELECT concept, alternatives FROM synonym ORDER BY concept",
                [S_TEXT_EXISTS] = "SELECT 1 FROM question WHERE text_key = ?1 LIMIT 1",
                [S_ANY_QUESTION] = "SELECT 1 FROM question LIMIT 1",
                [S_ROLE_UPSERT] =
                    "INSERT INTO role (slug, title, level, source, body) VALUES (?1, ?2, ?3, ?4, "
                    "?5) ON CONFLICT (slug) DO UPDATE SET title = excluded.title, "
                    "level = excluded.level, source = excluded.source, body = excluded.body, "
                    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                [S_ROLE_ID] = "SELECT id FROM role WHERE slug = ?1",
                [S_RC_CLEAR] = "DELETE FROM role_competency WHERE role = ?1",
                [S_RC_INSERT] =
                    "INSERT INTO role_competency (role, competency, weight) VALUES (?1, ?2, ?3)",
                [S_RS_CLEAR] = "DELETE FROM role_skill WHERE role = ?1",
                [S_RS_INSERT] =
                    "INSERT INTO role_skill (role, skill, must, weight) VALUES (?1, ?2, ?3, ?4)",
                [S_ROLE_GET] = "SELECT body FROM role WHERE slug = ?1",
                [S_ROLE_LIST] = "SELECT body FROM role ORDER BY slug",
                [S_KX_CREATE] =
                    "CREATE TEMP TABLE IF NOT EXISTS kit_exclude (id INTEGER PRIMARY KEY)",
                [S_KX_CLEAR] = "DELETE FROM temp.kit_exclude",
                [S_KX_CANDIDATE] =
                    "INSERT OR IGNORE INTO temp.kit_exclude (id) SELECT kq.question "
                    "FROM kit k JOIN kit_question kq ON kq.kit = k.id WHERE k.candidate = ?1",
                [S_KX_ADD] = "INSERT OR IGNORE INTO temp.kit_exclude (id) SELECT id FROM question "
                             "WHERE slug = ?1",
                /* Both walk the question_pick index: competency and category fixed, then level and
                 * length; the order of the nth is the index's, so it is stable. */
                [S_KIT_COUNT] = "SELECT count(*) FROM question WHERE competency = "
                                "(SELECT id FROM competency WHERE slug = ?1) AND category = ?2 "
                                "AND level_min <= ?3 AND (level_max >= ?3 OR ?5) AND minutes <= ?4 "
                                "AND retired = 0 "
                                "AND id NOT IN temp.kit_exclude " KIT_TRACK_FITS,
                [S_KIT_NTH] = "SELECT slug, minutes FROM question WHERE competency = "
                              "(SELECT id FROM competency WHERE slug = ?1) AND category = ?2 "
                              "AND level_min <= ?3 AND (level_max >= ?3 OR ?5) AND minutes <= ?4 "
                              "AND retired = 0 AND id NOT IN temp.kit_exclude " KIT_TRACK_FITS
                              "ORDER BY level_min, level_max, minutes, id LIMIT 1 OFFSET ?6",
                [S_KIT_INSERT] =
                    "INSERT INTO kit (role, level, stage, minutes, seed, candidate, body) "
                    "VALUES ((SELECT id FROM role WHERE slug = ?1), ?2, ?3, ?4, ?5, ?6, ?7)",
                [S_KQ_INSERT] = "INSERT OR IGNORE INTO kit_question (kit, question) "
                                "SELECT ?1, id FROM question WHERE slug = ?2",
                [S_KIT_GET] = "SELECT body FROM kit WHERE id = ?1",
                [S_GEN_BUMP] = "UPDATE bank_generation SET n = n + 1 WHERE id = 1",
                /* question_to_json's text, built by SQLite from the row: no tree to build, dump and
                 * free for the API's most frequent read (keys in the same order) */
                [S_Q_JSON] = "SELECT json_object('id', q.slug, 'title', q.title, 'text', q.body, "
                             "'category', q.category, 'level', CASE WHEN q.level_min = q.level_max "
                             "THEN " LEVEL_NAME("q.level_min") " ELSE " LEVEL_NAME("q.level_min") " || '-' || " LEVEL_NAME("q.level_max") " END, 'level_min', " LEVEL_NAME(
                                 "q.level_min") ", "
                                                "'level_max', " LEVEL_NAME(
                                                    "q.level_max") ", 'minutes', q.minutes, "
                                                                   "'competencies', (SELECT "
                                                                   "json_group_array(slug) FROM "
                                                                   "(SELECT c.slug FROM "
                                                                   "question_competency qc JOIN "
                                                                   "competency c ON c.id = "
                                                                   "qc.competency "
                                                                   "WHERE qc.question = q.id ORDER "
                                                                   "BY qc.position)), "
                                                                   "'points', json(q.points), "
                                                                   "'source', q.source, 'topic', "
                                                                   "q.topic, " Q_JSON_SKILLS ") "
                                                                   "FROM question q WHERE q.slug = "
                                                                   "?1",
                [S_Q_RETIRE_ONE] =
                    "UPDATE question SET retired = 1, "
                    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                /* the filters of S_SEARCH_ROW, over every live question, by slug */
                [S_Q_LIST] =
                    "SELECT q.slug, q.title, q.category, q.level_min, q.level_max, q.minutes, "
                    "(SELECT c.slug FROM question_competency qc JOIN competency c "
                    " ON c.id = qc.competency WHERE qc.question = q.id AND qc.position = 0), "
                    "count(*) OVER () "
                    "FROM question q WHERE q.retired = 0 " Q_FILTERS
                    "ORDER BY q.slug LIMIT ?6 OFFSET ?7",
                [S_Q_COUNT] = "SELECT count(*) FROM question q WHERE q.retired = 0 " Q_FILTERS,
                [S_RESUME_GET] = "SELECT format, body FROM parsed_resume "
                                 "WHERE hash = ?1 AND blind = ?2 AND parser = ?3",
                [S_RESUME_PUT] =
                    "INSERT OR REPLACE INTO parsed_resume (hash, blind, parser, format, body) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)",
};

/* Competency ids looked up during one write transaction (a bank names a few dozen). */
#define COMP_CACHE 64

struct sqlite_store {
    struct store base;
    sqlite3 *db;
    char *path;
    sqlite3_stmt *stmts[S_COUNT];
    struct {
        char *slug;
        sqlite3_int64 id;
    } comps[COMP_CACHE];
    size_t ncomps;
    bool fresh; /* the load in progress started from a store with no questions */
    /* statements of the other sqlite_*.c files, found by the address of their SQL */
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } extra[SQ_EXTRA_MAX];
    size_t nextra;
    int depth; /* write transactions open: the outermost a BEGIN, the others savepoints */
};

static void
comp_cache_clear(struct sqlite_store *s)
{
    for (size_t i = 0; i < s->ncomps; i++)
        free(s->comps[i].slug);
    s->ncomps = 0;
}

static struct sqlite_store *
to_sq(struct store *s)
{
    return (struct sqlite_store *)s;
}

static enum rb_err
fail(struct sqlite_store *s, char *errmsg, const char *what)
{
    int code = sqlite3_extended_errcode(s->db);
    snprintf(errmsg, RB_ERRMSG, "store %s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        snprintf(errmsg, RB_ERRMSG,
                 "store %s is busy (%s); try again when the other writer is "
                 "done",
                 s->path, what);
    return RB_ESTORE;
}

/* Returns the prepared statement id, reset and cleared, or NULL with errmsg set. */
static sqlite3_stmt *
stmt(struct sqlite_store *s, enum stmt_id id, char *errmsg)
{
    sqlite3_stmt *st = s->stmts[id];
    if (!st) {
        if (sqlite3_prepare_v3(s->db, sql_text[id], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
            SQLITE_OK) {
            fail(s, errmsg, "prepare");
            return NULL;
        }
        s->stmts[id] = st;
    }
    return st;
}

static void
done(sqlite3_stmt *st)
{
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
}

/* Runs a statement that returns no rows. */
static enum rb_err
exec_stmt(struct sqlite_store *s, sqlite3_stmt *st, char *errmsg, const char *what)
{
    int r = sqlite3_step(st);
    enum rb_err rc = RB_OK;
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        rc = fail(s, errmsg, what);
    done(st);
    return rc;
}

static enum rb_err
run(struct sqlite_store *s, enum stmt_id id, char *errmsg)
{
    sqlite3_stmt *st = stmt(s, id, errmsg);
    return st ? exec_stmt(s, st, errmsg, sql_text[id]) : RB_ESTORE;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrndup((const char *)t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* Starts a write transaction. The competency ids cached by the last one are dropped: they
 * may have come from a transaction that was rolled back. */
static enum rb_err
begin(struct sqlite_store *s, char *errmsg)
{
    enum rb_err rc;
    comp_cache_clear(s);
    /* inside a caller's transaction (store_tx_begin): a savepoint, so that a write and its
     * audit entry commit together or not at all */
    if (s->depth > 0) {
        if (sqlite3_exec(s->db, "SAVEPOINT nested", NULL, NULL, NULL) != SQLITE_OK)
            return fail(s, errmsg, "begin a nested write");
        s->depth++;
        return RB_OK;
    }
    if (!(rc = run(s, S_BEGIN, errmsg)))
        s->depth = 1;
    return rc;
}

/* Marks the bank (questions, competencies, roles) as changed in the transaction open: what
 * was built from it is stale (store_bank_generation). */
static enum rb_err
bump(struct sqlite_store *s, enum rb_err rc, char *errmsg)
{
    return rc ? rc : run(s, S_GEN_BUMP, errmsg);
}

/* Commits when rc is RB_OK, else rolls back; returns rc or the commit's error. */
static enum rb_err
end(struct sqlite_store *s, enum rb_err rc, char *errmsg)
{
    char ignore[RB_ERRMSG];
    if (s->depth > 1) {
        s->depth--;
        if (rc) {
            comp_cache_clear(s);
            sqlite3_exec(s->db, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
        } else if (sqlite3_exec(s->db, "RELEASE nested", NULL, NULL, NULL) != SQLITE_OK) {
            rc = fail(s, errmsg, "end a nested write");
        }
        return rc;
    }
    s->depth = 0;
    if (rc == RB_OK) {
        rc = run(s, S_COMMIT, errmsg);
        if (rc == RB_OK)
            return rc;
    }
    if (!sqlite3_get_autocommit(s->db))
        run(s, S_ROLLBACK, ignore);
    return rc;
}

/* ---- for the other sqlite_*.c files (store/sqlite_int.h) ---------------------------- */

sqlite3_stmt *
sq_stmt(struct store *base, const char *sql, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    for (size_t i = 0; i < s->nextra; i++)
        if (s->extra[i].sql == sql)
            return s->extra[i].st;
    if (s->nextra == SQ_EXTRA_MAX) {
        snprintf(errmsg, RB_ERRMSG, "store %s: more than %d statements (a bug)", s->path,
                 SQ_EXTRA_MAX);
        return NULL;
    }
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fail(s, errmsg, "prepare");
        return NULL;
    }
    s->extra[s->nextra].sql = sql;
    s->extra[s->nextra++].st = st;
    return st;
}

enum rb_err
sq_fail(struct store *base, char *errmsg, const char *what)
{
    return fail(to_sq(base), errmsg, what);
}

void
sq_done(sqlite3_stmt *st)
{
    done(st);
}

enum rb_err
sq_exec(struct store *base, sqlite3_stmt *st, char *errmsg, const char *what)
{
    return exec_stmt(to_sq(base), st, errmsg, what);
}

void
sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    bind_text(st, i, v);
}

char *
sq_col_dup(sqlite3_stmt *st, int i)
{
    return col_dup(st, i);
}

enum rb_err
sq_begin(struct store *base, char *errmsg)
{
    return begin(to_sq(base), errmsg);
}

enum rb_err
sq_end(struct store *base, enum rb_err rc, char *errmsg)
{
    return end(to_sq(base), rc, errmsg);
}

enum rb_err
sq_scalar(struct store *base, const char *sql, long long *n, const char *what, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(base, sql, errmsg);
    int r;
    *n = 0;
    if (!st)
        return RB_ESTORE;
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    done(st);
    return r == SQLITE_ROW ? RB_OK : sq_fail(base, errmsg, what);
}

sqlite3 *
sq_db(struct store *base)
{
    return to_sq(base)->db;
}

/* ---- migrations --------------------------------------------------------------------- */

static int
migration_version(const char *name)
{
    /* "sql/sqlite/001_bank.sql" -> 1 */
    const char *base = name + strlen("sql/sqlite/");
    int v = 0;
    for (int i = 0; i < 3; i++) {
        if (base[i] < '0' || base[i] > '9')
            return 0;
        v = v * 10 + (base[i] - '0');
    }
    return v;
}

static bool
is_migration(const struct embedded_file *f)
{
    return strncmp(f->name, "sql/sqlite/", 11) == 0 && migration_version(f->name) > 0;
}

static const struct embedded_file *
migration_file(int v)
{
    for (size_t i = 0; i < embedded_nfiles; i++)
        if (is_migration(&embedded_files[i]) && migration_version(embedded_files[i].name) == v)
            return &embedded_files[i];
    return NULL;
}

/* The highest migration file's number. */
static int
migration_last(void)
{
    int last = 0;
    for (size_t i = 0; i < embedded_nfiles; i++)
        if (is_migration(&embedded_files[i]) && migration_version(embedded_files[i].name) > last)
            last = migration_version(embedded_files[i].name);
    return last;
}

/* The schema version: the migrations from 1 up without a gap. Numbers are handed out to
 * branches in advance, so a build may hold 014 without 012: the files after a gap are
 * applied on every open without raising the version (they are written to run twice), and
 * once the missing file is there the store migrates through it. */
int
sqlite_schema_latest(void)
{
    int v = 0;
    while (migration_file(v + 1))
        v++;
    return v;
}

static int
user_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static enum rb_err
migrate(struct sqlite_store *s, char *errmsg)
{
    int latest = sqlite_schema_latest(), have;
    char *err = NULL;
    struct buf sql;
    enum rb_err rc = RB_OK;

    /* A store already at the latest version needs no lock: every request thread opens its
     * own connection on its first request, and waiting here for the write lock held it up
     * behind any long write (a request thread stuck while an upload was being read). The
     * version only grows, so a peek that finds it current is still right (with a gap in the
     * numbers the files after it run on every open, under the lock, as below). */
    if (latest == migration_last() && user_version(s->db) == latest)
        return RB_OK;
    /* Take the write lock before reading the version, so two processes opening a new store
     * at once cannot both migrate it. */
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail(s, errmsg, "begin migration");
    have = user_version(s->db);
    if (have < 0) {
        rc = fail(s, errmsg, "read schema version");
        goto out;
    }
    if (have > latest) {
        snprintf(errmsg, RB_ERRMSG,
                 "store %s has schema version %d, newer than the %d this rubric knows: use the "
                 "newer rubric that wrote it",
                 s->path, have, latest);
        rc = RB_ESTORE;
        goto out;
    }
    for (int v = have + 1, last = migration_last(); v <= last; v++) {
        const struct embedded_file *f = migration_file(v);
        if (!f)
            continue; /* a gap: see sqlite_schema_latest */
        buf_init(&sql, f->len + 64);
        buf_append(&sql, f->data, f->len);
        buf_printf(&sql, ";\nPRAGMA user_version = %d;", v <= latest ? v : latest);
        if (sqlite3_exec(s->db, buf_str(&sql), NULL, NULL, &err) != SQLITE_OK) {
            snprintf(errmsg, RB_ERRMSG, "store %s: migration %s failed: %s", s->path, f->name,
                     err ? err : "?");
            sqlite3_free(err);
            buf_cleanup(&sql);
            rc = RB_ESTORE;
            goto out;
        }
        buf_cleanup(&sql);
    }
out:
    if (rc == RB_OK && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = fail(s, errmsg, "commit migration");
    if (rc != RB_OK && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* ---- open and close ----------------------------------------------------------------- */

static const struct store_ops sqlite_ops;

static void
sqlite_close(struct store *base)
{
    struct sqlite_store *s = to_sq(base);
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(s->stmts[i]);
    for (size_t i = 0; i < s->nextra; i++)
        sqlite3_finalize(s->extra[i].st);
    comp_cache_clear(s);
    if (s->db) {
        /* leave no -wal file behind for a clean close */
        sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
        sqlite3_close_v2(s->db);
    }
    free(s->path);
    free(s);
}

/* While another connection writes: wait in short steps (50 us doubling to 1 ms), for 5 s
 * at most. sqlite3_busy_timeout's steps grow to 100 ms, which a writer's p99 then shows. */
static int
busy_wait(void *ctx, int n)
{
    static const long long budget_us = 5000000;
    long long step = n < 5 ? 50LL << n : 1000,
              spent = n < 5 ? (50LL << n) - 50 : 1550 + (n - 5) * 1000LL;
    (void)ctx;
    if (spent >= budget_us)
        return 0;
    usleep((useconds_t)step);
    return 1;
}

/* Once per process, before any connection: no memory statistics, which SQLite keeps under
 * one global mutex that every allocation of every connection takes (request threads
 * queued on it under load). */
static void
configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

enum rb_err
sqlite_store_open(const char *path, struct store **out, char *errmsg)
{
    struct sqlite_store *s;
    enum rb_err rc;
    bool memory = strcmp(path, ":memory:") == 0;

    if (!*path) {
        snprintf(errmsg, RB_ERRMSG, "empty store path: use sqlite:PATH");
        return RB_EUSAGE;
    }
    s = xcalloc(1, sizeof *s);
    s->base.ops = &sqlite_ops;
    s->path = xstrdup(path);
    {
        static pthread_once_t once = PTHREAD_ONCE_INIT;
        pthread_once(&once, configure);
    }
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        rc = fail(s, errmsg, "open");
        goto err;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_handler(s->db, busy_wait, NULL);
    if ((rc = sqlite_rank_register(s->db, errmsg)))
        goto err;
    if (sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK ||
        (!memory &&
         sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK) ||
        /* FULL: the log is synced at every commit, so an acknowledged write survives a power
         * loss, not only a crash (NORMAL syncs at checkpoints only). It costs a sync per
         * commit: docs/SECURITY.md, "Durability". */
        sqlite3_exec(s->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK) {
        rc = fail(s, errmsg, "configure");
        if (sqlite3_errcode(s->db) == SQLITE_NOTADB)
            snprintf(errmsg, RB_ERRMSG, "cannot open store %s: not a SQLite database", path);
        goto err;
    }
    rc = migrate(s, errmsg);
    if (rc)
        goto err;
    *out = &s->base;
    return RB_OK;
err:
    sqlite_close(&s->base);
    return rc;
}

static int
sqlite_schema_version(struct store *base)
{
    return user_version(to_sq(base)->db);
}

/* ---- writing questions -------------------------------------------------------------- */

/* The id of competency slug. Cached until the next write transaction begins, so a
 * rolled-back insert is never remembered. */
static enum rb_err
competency_id(struct sqlite_store *s, const char *slug, sqlite3_int64 *id, char *errmsg)
{
    sqlite3_stmt *st;
    int r;

    for (size_t i = 0; i < s->ncomps; i++)
        if (strcmp(s->comps[i].slug, slug) == 0) {
            *id = s->comps[i].id;
            return RB_OK;
        }
    if (!(st = stmt(s, S_COMP_ID, errmsg)))
        return RB_ESTORE;
    bind_text(st, 1, slug);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    done(st);
    if (r == SQLITE_ROW) {
        if (s->ncomps < COMP_CACHE) {
            s->comps[s->ncomps].slug = xstrdup(slug);
            s->comps[s->ncomps].id = *id;
            s->ncomps++;
        }
        return RB_OK;
    }
    if (r != SQLITE_DONE)
        return fail(s, errmsg, "look up competency");
    snprintf(errmsg, RB_ERRMSG, "unknown competency '%s'", slug);
    return RB_ENOTFOUND;
}

static enum rb_err
upsert_competency(struct sqlite_store *s, const struct competency *c, char *errmsg)
{
    sqlite3_stmt *st = stmt(s, S_COMP_UPSERT, errmsg);
    if (!st)
        return RB_ESTORE;
    bind_text(st, 1, c->id);
    bind_text(st, 2, c->name ? c->name : c->id);
    bind_text(st, 3, c->summary ? c->summary : "");
    return exec_stmt(s, st, errmsg, "save competency");
}

/* Binds the question's columns ?2..?12 (the caller binds ?1). points is the JSON of its
 * points (points_to_json_text). */
static void
bind_question(sqlite3_stmt *st, const struct question *q, const char *key, const char *digest,
              const char *points, sqlite3_int64 primary)
{
    bind_text(st, 2, q->title);
    bind_text(st, 3, q->text);
    bind_text(st, 4, category_name(q->category));
    sqlite3_bind_int(st, 5, q->level_min);
    sqlite3_bind_int(st, 6, q->level_max);
    sqlite3_bind_int(st, 7, q->minutes);
    bind_text(st, 8, q->source);
    bind_text(st, 9, q->topic);
    bind_text(st, 10, key);
    bind_text(st, 11, digest);
    bind_text(st, 12, points);
    sqlite3_bind_int64(st, 13, primary);
}

/* The id of q's primary competency; RB_EINVAL naming it when the store has no such one. */
static enum rb_err
primary_competency(struct sqlite_store *s, const struct question *q, sqlite3_int64 *id,
                   char *errmsg)
{
    enum rb_err rc;
    if (!q->ncompetencies) {
        snprintf(errmsg, RB_ERRMSG, "question '%s' has no competency", q->id);
        return RB_EINVAL;
    }
    rc = competency_id(s, q->competencies[0], id, errmsg);
    if (rc == RB_ENOTFOUND) {
        snprintf(errmsg, RB_ERRMSG, "question '%s': unknown competency '%s'", q->id,
                 q->competencies[0]);
        rc = RB_EINVAL;
    }
    return rc;
}

/* Writes the competencies and the search entry of question id. */
static enum rb_err
write_parts(struct sqlite_store *s, sqlite3_int64 id, const struct question *q, char *errmsg)
{
    sqlite3_stmt *st;
    enum rb_err rc = RB_OK;
    struct buf points;

    for (size_t i = 0; i < q->ncompetencies && !rc; i++) {
        sqlite3_int64 cid;
        rc = competency_id(s, q->competencies[i], &cid, errmsg);
        if (rc == RB_ENOTFOUND) {
            snprintf(errmsg, RB_ERRMSG, "question '%s': unknown competency '%s'", q->id,
                     q->competencies[i]);
            rc = RB_EINVAL;
        }
        if (rc)
            return rc;
        if (!(st = stmt(s, S_QC_INSERT, errmsg)))
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, cid);
        sqlite3_bind_int(st, 3, (int)i);
        rc = exec_stmt(s, st, errmsg, "save question competency");
    }
    /* exactly what the question_search view gives back, or deletes would not match */
    buf_init(&points, 64u << 20);
    for (size_t i = 0; i < q->npoints && !rc; i++)
        if ((i && buf_putc(&points, '\n')) || buf_puts(&points, q->points[i].text))
            rc = RB_ETOOBIG;
    if (!rc) {
        if (!(st = stmt(s, S_FTS_INSERT, errmsg))) {
            rc = RB_ESTORE;
        } else {
            sqlite3_bind_int64(st, 1, id);
            bind_text(st, 2, q->title);
            bind_text(st, 3, q->text);
            bind_text(st, 4, q->npoints ? buf_str(&points) : NULL);
            rc = exec_stmt(s, st, errmsg, "index question");
        }
    }
    buf_cleanup(&points);
    if (!rc)
        rc = sqlite_question_skills_write(&s->base, id, q, errmsg);
    return rc;
}

static enum rb_err
clear_parts(struct sqlite_store *s, sqlite3_int64 id, char *errmsg)
{
    /* the index entry first: FTS5 reads the old text from question_search to remove it */
    static const enum stmt_id ids[] = {S_FTS_DELETE, S_QC_CLEAR};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        sqlite3_stmt *st = stmt(s, ids[i], errmsg);
        enum rb_err rc;
        if (!st)
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, id);
        rc = exec_stmt(s, st, errmsg, "clear question");
        if (rc)
            return rc;
    }
    return sqlite_question_skills_clear(&s->base, id, errmsg);
}

static enum rb_err
insert_question(struct sqlite_store *s, const struct question *q, const char *key,
                const char *digest, sqlite3_int64 *id, char *errmsg)
{
    sqlite3_stmt *st = stmt(s, S_Q_INSERT, errmsg);
    sqlite3_int64 primary;
    char *points;
    enum rb_err rc;
    if (!st)
        return RB_ESTORE;
    rc = primary_competency(s, q, &primary, errmsg);
    if (rc)
        return rc;
    points = points_to_json_text(q->points, q->npoints);
    bind_text(st, 1, q->id);
    bind_question(st, q, key, digest, points, primary);
    rc = exec_stmt(s, st, errmsg, "save question");
    free(points);
    if (rc)
        return rc;
    *id = sqlite3_last_insert_rowid(s->db);
    return write_parts(s, *id, q, errmsg);
}

/* Rewrites question id (row number) with q, its competencies and its index entry. */
static enum rb_err
update_question(struct sqlite_store *s, sqlite3_int64 id, const struct question *q, const char *key,
                const char *digest, char *errmsg)
{
    sqlite3_stmt *st = stmt(s, S_Q_UPDATE, errmsg);
    sqlite3_int64 primary = 0;
    enum rb_err rc;
    char *points;
    if (!st)
        return RB_ESTORE;
    rc = primary_competency(s, q, &primary, errmsg);
    if (!rc)
        rc = clear_parts(s, id, errmsg);
    if (rc)
        return rc;
    points = points_to_json_text(q->points, q->npoints);
    sqlite3_bind_int64(st, 1, id);
    bind_question(st, q, key, digest, points, primary);
    rc = exec_stmt(s, st, errmsg, "update question");
    free(points);
    return rc ? rc : write_parts(s, id, q, errmsg);
}

/* Sets *id, *same (the stored digest equals digest and the question is live); *id is 0 when
 * no question has this slug. */
static enum rb_err
lookup_question(struct sqlite_store *s, const char *slug, const char *digest, sqlite3_int64 *id,
                bool *same, char *errmsg)
{
    sqlite3_stmt *st = stmt(s, S_Q_LOOKUP, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    bind_text(st, 1, slug);
    *id = 0;
    *same = false;
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(st, 1);
        *id = sqlite3_column_int64(st, 0);
        *same = d && strcmp(d, digest) == 0 && sqlite3_column_int(st, 2) == 0;
    }
    done(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return fail(s, errmsg, "look up question");
    return RB_OK;
}

static enum rb_err
save_question(struct sqlite_store *s, const struct question *q, struct load_result *r, char *errmsg)
{
    char *key = question_text_key(q->text, strlen(q->text));
    char *digest = question_digest(q);
    sqlite3_int64 id;
    bool same;
    sqlite3_stmt *st;
    enum rb_err rc = RB_OK;

    /* Into an empty store every question is new and nothing needs marking for
     * retirement: skip both look-ups (a first load of a large bank is mostly this). */
    if (s->fresh) {
        rc = insert_question(s, q, key, digest, &id, errmsg);
        r->added++;
        goto out;
    }
    rc = lookup_question(s, q->id, digest, &id, &same, errmsg);
    if (rc)
        goto out;
    if (!id) {
        rc = insert_question(s, q, key, digest, &id, errmsg);
        r->added++;
    } else if (same) {
        r->unchanged++;
    } else {
        rc = update_question(s, id, q, key, digest, errmsg);
        r->updated++;
    }
    if (!rc) {
        if (!(st = stmt(s, S_SEEN_INSERT, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, id);
        rc = exec_stmt(s, st, errmsg, "mark question");
    }
out:
    free(key);
    free(digest);
    return rc;
}

static enum rb_err
save_synonyms(struct sqlite_store *s, const struct bank *b, char *errmsg)
{
    enum rb_err rc = run(s, S_SYN_CLEAR, errmsg);
    struct buf alts;

    buf_init(&alts, 1u << 20);
    for (size_t i = 0; i < b->nsyns && !rc; i++) {
        sqlite3_stmt *st = stmt(s, S_SYN_INSERT, errmsg);
        if (!st) {
            rc = RB_ESTORE;
            break;
        }
        buf_reset(&alts);
        for (size_t j = 0; j < b->syns[i].nalts; j++)
            buf_printf(&alts, "%s%s", j ? "\n" : "", b->syns[i].alts[j]);
        bind_text(st, 1, b->syns[i].concept);
        bind_text(st, 2, buf_str(&alts));
        rc = exec_stmt(s, st, errmsg, "save synonym");
    }
    buf_cleanup(&alts);
    return rc;
}

/* Whether the store holds no question at all. */
static enum rb_err
is_empty(struct sqlite_store *s, bool *empty, char *errmsg)
{
    sqlite3_stmt *st = stmt(s, S_ANY_QUESTION, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    r = sqlite3_step(st);
    *empty = r == SQLITE_DONE;
    done(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return fail(s, errmsg, "count questions");
    return RB_OK;
}

static enum rb_err
sqlite_bank_load(struct store *base, const struct bank *b, struct load_result *r, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    enum rb_err rc;
    sqlite3_stmt *st;

    memset(r, 0, sizeof *r);
    rc = run(s, S_SEEN_CREATE, errmsg);
    if (rc)
        return rc;
    rc = begin(s, errmsg);
    if (rc)
        return rc;
    rc = is_empty(s, &s->fresh, errmsg);
    if (!rc)
        rc = run(s, S_SEEN_CLEAR, errmsg);
    for (size_t i = 0; i < b->ncomps && !rc; i++) {
        rc = upsert_competency(s, &b->comps[i], errmsg);
        r->competencies++;
    }
    if (!rc)
        rc = save_synonyms(s, b, errmsg);
    r->synonyms = b->nsyns;
    for (size_t i = 0; i < b->nqs && !rc; i++)
        rc = save_question(s, &b->qs[i], r, errmsg);
    if (!rc && !s->fresh)
        rc = run(s, S_RETIRE_FTS, errmsg);
    if (!rc && !s->fresh) {
        rc = run(s, S_RETIRE, errmsg);
        r->retired = (size_t)sqlite3_changes(s->db);
    }
    s->fresh = false;
    if (!rc && (st = stmt(s, S_SEEN_CLEAR, errmsg)))
        rc = exec_stmt(s, st, errmsg, "clear marks");
    return end(s, bump(s, rc, errmsg), errmsg);
}

/* ---- reading questions -------------------------------------------------------------- */

static void
split_lines(const char *s, char ***v, size_t *n)
{
    size_t cap = 0;
    *v = NULL;
    *n = 0;
    while (s && *s) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        xgrow(v, &cap, *n + 1, sizeof **v);
        (*v)[(*n)++] = xstrndup(s, len);
        s += len + (e ? 1 : 0);
    }
}

static enum rb_err
read_question(struct sqlite_store *s, const char *slug, struct question *q, char *errmsg)
{
    sqlite3_stmt *st = stmt(s, S_Q_GET, errmsg);
    sqlite3_int64 id;
    size_t cap = 0;
    int r;

    memset(q, 0, sizeof *q);
    if (!st)
        return RB_ESTORE;
    bind_text(st, 1, slug);
    r = sqlite3_step(st);
    if (r != SQLITE_ROW) {
        done(st);
        if (r != SQLITE_DONE)
            return fail(s, errmsg, "read question");
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", slug);
        return RB_ENOTFOUND;
    }
    id = sqlite3_column_int64(st, 0);
    q->id = col_dup(st, 1);
    q->title = col_dup(st, 2);
    q->text = col_dup(st, 3);
    {
        const char *c = (const char *)sqlite3_column_text(st, 4);
        int ci = category_parse(c, strlen(c));
        q->category = ci < 0 ? CAT_TECHNICAL : (enum category)ci;
    }
    q->level_min = sqlite3_column_int(st, 5);
    q->level_max = sqlite3_column_int(st, 6);
    q->minutes = sqlite3_column_int(st, 7);
    q->source = col_dup(st, 8);
    q->topic = col_dup(st, 9);
    r = points_from_json_text((const char *)sqlite3_column_text(st, 10), &q->points, &q->npoints)
            ? SQLITE_CORRUPT
            : SQLITE_OK;
    done(st);
    if (r != SQLITE_OK) {
        snprintf(errmsg, RB_ERRMSG, "store %s: question '%s' has unreadable points", s->path, slug);
        goto err;
    }

    if (!(st = stmt(s, S_QC_GET, errmsg)))
        goto err;
    sqlite3_bind_int64(st, 1, id);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        xgrow(&q->competencies, &cap, q->ncompetencies + 1, sizeof *q->competencies);
        q->competencies[q->ncompetencies++] = col_dup(st, 0);
    }
    done(st);
    if (r != SQLITE_DONE) {
        fail(s, errmsg, "read question competencies");
        goto err;
    }
    if (sqlite_question_skills_read(&s->base, id, q, errmsg))
        goto err;
    return RB_OK;
err:
    question_cleanup(q);
    return RB_ESTORE;
}

static enum rb_err
sqlite_question_get(struct store *base, const char *id, struct question *q, char *errmsg)
{
    return read_question(to_sq(base), id, q, errmsg);
}

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
    bind_text(st, 3, sq->category >= 0 ? category_name((enum category)sq->category) : NULL);
    bind_text(st, 4, sq->competency);
    bind_text(st, 5, anyof);
    if (sq->max_minutes > 0)
        sqlite3_bind_int(st, 8, sq->max_minutes);
}

/* The hits of the page [from, from + len) of the ranked matches, whole, into v[from...]. */
static enum rb_err
search_page(struct sqlite_store *s, const struct search_query *sq, const char *match,
            const char *anyof, bool filtered, size_t from, size_t len, struct search_hit *v,
            size_t *got, char *errmsg)
{
    sqlite3_stmt *page = stmt(s, filtered ? S_SEARCH_PAGE_F : S_SEARCH_PAGE, errmsg);
    sqlite3_stmt *row = page ? stmt(s, S_SEARCH_ROW, errmsg) : NULL;
    enum rb_err rc = RB_OK;
    int r;

    *got = 0;
    if (!row) {
        done(page);
        return RB_ESTORE;
    }
    bind_text(page, 1, match);
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
            h->id = col_dup(row, 0);
            h->title = col_dup(row, 1);
            h->category = ci < 0 ? CAT_TECHNICAL : (enum category)ci;
            h->level_min = sqlite3_column_int(row, 3);
            h->level_max = sqlite3_column_int(row, 4);
            h->minutes = sqlite3_column_int(row, 5);
            h->competency = col_dup(row, 6);
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
        rc = fail(s, errmsg, "search");
    done(page);
    done(row);
    return rc;
}

static enum rb_err
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
        if (!(count = stmt(s, filtered ? S_SEARCH_COUNT_F : S_SEARCH_COUNT, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        bind_text(count, 1, match);
        if (filtered)
            bind_filters(count, sq, sq->any_of ? buf_str(&anyof) : NULL);
        sqlite3_bind_int64(count, 6, (sqlite3_int64)sq->limit);
        if (sqlite3_step(count) != SQLITE_ROW) {
            rc = fail(s, errmsg, "search");
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
    done(count);
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

/* ---- stats, export, import ---------------------------------------------------------- */

static enum rb_err
sqlite_bank_stats(struct store *base, struct bank_stats *stt, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    int r;

    if (!(st = stmt(s, S_STATS_TOTAL, errmsg)))
        return RB_ESTORE;
    if ((r = sqlite3_step(st)) == SQLITE_ROW) {
        size_t all = (size_t)sqlite3_column_int64(st, 0);
        stt->retired = (size_t)sqlite3_column_int64(st, 1);
        stt->questions = all - stt->retired;
        stt->imported = (size_t)sqlite3_column_int64(st, 2);
    }
    done(st);
    if (r != SQLITE_ROW)
        return fail(s, errmsg, "count questions");

    if (!(st = stmt(s, S_STATS_MATRIX, errmsg)))
        return RB_ESTORE;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(st, 0);
        int ci = category_parse(c, strlen(c));
        int lo = sqlite3_column_int(st, 1), hi = sqlite3_column_int(st, 2);
        size_t k = (size_t)sqlite3_column_int64(st, 3);
        if (ci < 0)
            continue;
        stt->by_category[ci] += k;
        for (int l = lo; l <= hi && l <= LEVEL_MAX; l++) {
            stt->by_level[l] += k;
            stt->matrix[ci][l] += k;
        }
    }
    done(st);
    if (r != SQLITE_DONE)
        return fail(s, errmsg, "count questions");

    if (!(st = stmt(s, S_STATS_COMP, errmsg)))
        return RB_ESTORE;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *slug = (const char *)sqlite3_column_text(st, 0);
        size_t k = (size_t)sqlite3_column_int64(st, 5);
        size_t i = stt->ncomps;
        if (!i || strcmp(stt->comps[i - 1].id, slug) != 0) {
            if (i == STATS_MAX_COMPETENCIES)
                continue;
            stt->comps[i].id = col_dup(st, 0);
            stt->comps[i].name = col_dup(st, 1);
            stt->ncomps++;
        } else {
            i--;
        }
        if (sqlite3_column_type(st, 2) == SQLITE_NULL || !k)
            continue;
        {
            const char *c = (const char *)sqlite3_column_text(st, 2);
            int ci = category_parse(c, strlen(c));
            int lo = sqlite3_column_int(st, 3), hi = sqlite3_column_int(st, 4);
            stt->comps[i].total += k;
            if (ci >= 0)
                stt->comps[i].by_category[ci] += k;
            for (int l = lo; l <= hi && l <= LEVEL_MAX; l++)
                stt->comps[i].by_level[l] += k;
        }
    }
    done(st);
    if (r != SQLITE_DONE)
        return fail(s, errmsg, "count competencies");
    return sqlite_stats_tracks(base, stt, errmsg);
}

static enum rb_err
sqlite_bank_export(struct store *base, struct bank *b, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    enum rb_err rc = RB_OK;
    char **slugs = NULL;
    size_t nslugs = 0, cap = 0;
    int r;

    /* One read transaction, so the export is a consistent snapshot. */
    if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return fail(s, errmsg, "begin export");
    if (!(st = stmt(s, S_EXPORT_COMPS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        bank_add_competency(b, (const char *)sqlite3_column_text(st, 0),
                            (const char *)sqlite3_column_text(st, 1),
                            (const char *)sqlite3_column_text(st, 2), NULL, 0);
    }
    done(st);
    if (r != SQLITE_DONE) {
        rc = fail(s, errmsg, "export competencies");
        goto out;
    }
    if (!(st = stmt(s, S_EXPORT_SYNS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct synonym syn = {0};
        syn.concept = col_dup(st, 0);
        split_lines((const char *)sqlite3_column_text(st, 1), &syn.alts, &syn.nalts);
        xgrow(&b->syns, &b->capsyns, b->nsyns + 1, sizeof *b->syns);
        b->syns[b->nsyns++] = syn;
    }
    done(st);
    if (r != SQLITE_DONE) {
        rc = fail(s, errmsg, "export synonyms");
        goto out;
    }
    if (!(st = stmt(s, S_EXPORT_QS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        xgrow(&slugs, &cap, nslugs + 1, sizeof *slugs);
        slugs[nslugs++] = col_dup(st, 0);
    }
    done(st);
    if (r != SQLITE_DONE) {
        rc = fail(s, errmsg, "export questions");
        goto out;
    }
    for (size_t i = 0; i < nslugs && !rc; i++) {
        struct question q;
        rc = read_question(s, slugs[i], &q, errmsg);
        if (!rc)
            bank_add_question_take(b, &q);
    }
out:
    for (size_t i = 0; i < nslugs; i++)
        free(slugs[i]);
    free(slugs);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    return rc;
}

static enum rb_err
text_exists(struct sqlite_store *s, const char *key, int *exists, char *errmsg)
{
    sqlite3_stmt *st = stmt(s, S_TEXT_EXISTS, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    bind_text(st, 1, key);
    r = sqlite3_step(st);
    *exists = r == SQLITE_ROW;
    done(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return fail(s, errmsg, "look up question text");
    return RB_OK;
}

static enum rb_err
sqlite_question_text_exists(struct store *base, const char *text, int *exists, char *errmsg)
{
    char *key = question_text_key(text, strlen(text));
    enum rb_err rc = text_exists(to_sq(base), key, exists, errmsg);
    free(key);
    return rc;
}

static enum rb_err
sqlite_questions_import(struct store *base, const struct question *qs, size_t n,
                        const struct competency *comps, size_t ncomps, struct import_result *r,
                        char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    enum rb_err rc = begin(s, errmsg);

    if (rc)
        return rc;
    r->was_added = xcalloc(n ? n : 1, 1);
    for (size_t i = 0; i < ncomps && !rc; i++) {
        sqlite3_int64 id;
        rc = competency_id(s, comps[i].id, &id, errmsg);
        if (rc == RB_ENOTFOUND)
            rc = upsert_competency(s, &comps[i], errmsg);
    }
    for (size_t i = 0; i < n && !rc; i++) {
        char *key = question_text_key(qs[i].text, strlen(qs[i].text));
        char *digest = question_digest(&qs[i]);
        int exists = 0;
        sqlite3_int64 id;
        bool same;
        rc = text_exists(s, key, &exists, errmsg);
        if (!rc && !exists) {
            /* a different text under an id already taken: keep both, never overwrite */
            rc = lookup_question(s, qs[i].id, digest, &id, &same, errmsg);
            if (!rc && id) {
                snprintf(errmsg, RB_ERRMSG, "question id '%s' is already taken", qs[i].id);
                rc = RB_ECONFLICT;
            }
        }
        if (!rc && !exists) {
            rc = insert_question(s, &qs[i], key, digest, &id, errmsg);
            r->added++;
            r->was_added[i] = 1;
        } else if (!rc) {
            r->skipped++;
        }
        free(key);
        free(digest);
    }
    rc = end(s, bump(s, rc, errmsg), errmsg);
    if (rc) {
        free(r->was_added);
        r->was_added = NULL;
        r->added = r->skipped = 0;
    }
    return rc;
}

/* ---- roles -------------------------------------------------------------------------- */

static enum rb_err
save_role(struct sqlite_store *s, const struct role *r, const char *source, char *errmsg)
{
    sqlite3_stmt *st;
    sqlite3_int64 rid = 0;
    json_t *j = role_to_json(r);
    char *body = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    enum rb_err rc = RB_ESTORE;
    int step;

    json_decref(j);
    if (!body || !(st = stmt(s, S_ROLE_UPSERT, errmsg)))
        goto out;
    bind_text(st, 1, r->id);
    bind_text(st, 2, r->title ? r->title : r->id);
    sqlite3_bind_int(st, 3, r->level);
    bind_text(st, 4, source);
    bind_text(st, 5, body);
    if ((rc = exec_stmt(s, st, errmsg, "save role")))
        goto out;
    if (!(st = stmt(s, S_ROLE_ID, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    bind_text(st, 1, r->id);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        rid = sqlite3_column_int64(st, 0);
    done(st);
    if (step != SQLITE_ROW) {
        rc = fail(s, errmsg, "save role");
        goto out;
    }
    static const enum stmt_id clears[] = {S_RC_CLEAR, S_RS_CLEAR};
    for (size_t i = 0; i < 2 && !rc; i++) {
        if (!(st = stmt(s, clears[i], errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, rid);
        rc = exec_stmt(s, st, errmsg, "save role");
    }
    for (size_t i = 0; i < r->ncomps && !rc; i++) {
        sqlite3_int64 cid;
        rc = competency_id(s, r->comps[i].id, &cid, errmsg);
        if (rc == RB_ENOTFOUND) {
            snprintf(errmsg, RB_ERRMSG,
                     "role '%s': unknown competency '%s' (load the bank that defines it first)",
                     r->id, r->comps[i].id);
            rc = RB_EINVAL;
        }
        if (rc || !(st = stmt(s, S_RC_INSERT, errmsg))) {
            rc = rc ? rc : RB_ESTORE;
            break;
        }
        sqlite3_bind_int64(st, 1, rid);
        sqlite3_bind_int64(st, 2, cid);
        sqlite3_bind_int(st, 3, r->comps[i].weight);
        rc = exec_stmt(s, st, errmsg, "save role competency");
    }
    for (size_t i = 0; i < r->nskills && !rc; i++) {
        if (!(st = stmt(s, S_RS_INSERT, errmsg))) {
            rc = RB_ESTORE;
            break;
        }
        sqlite3_bind_int64(st, 1, rid);
        bind_text(st, 2, r->skills[i].name);
        sqlite3_bind_int(st, 3, r->skills[i].must);
        sqlite3_bind_int(st, 4, r->skills[i].weight);
        rc = exec_stmt(s, st, errmsg, "save role skill");
    }
out:
    free(body);
    return rc;
}

static enum rb_err
sqlite_roles_save(struct store *base, const struct role *roles, size_t n, const char *source,
                  char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    enum rb_err rc = begin(s, errmsg);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++)
        rc = save_role(s, &roles[i], source, errmsg);
    return end(s, bump(s, rc, errmsg), errmsg);
}

static enum rb_err
role_from_row(struct sqlite_store *s, sqlite3_stmt *st, struct role *r, char *errmsg)
{
    json_t *j = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
    char msg[RB_ERRMSG];
    bool ok = j && role_from_json(j, r, msg);
    json_decref(j);
    if (!ok) {
        snprintf(errmsg, RB_ERRMSG, "store %s: a stored role is unreadable", s->path);
        return RB_ESTORE;
    }
    return RB_OK;
}

static enum rb_err
sqlite_role_list(struct store *base, struct role_set *set, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = stmt(s, S_ROLE_LIST, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    if (!st)
        return RB_ESTORE;
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        struct role role;
        rc = role_from_row(s, st, &role, errmsg);
        if (!rc)
            role_set_add_take(set, &role);
    }
    if (!rc && r != SQLITE_DONE)
        rc = fail(s, errmsg, "list roles");
    done(st);
    return rc;
}

static enum rb_err
sqlite_role_get(struct store *base, const char *id, struct role *role, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = stmt(s, S_ROLE_GET, errmsg);
    enum rb_err rc;
    int r;
    memset(role, 0, sizeof *role);
    if (!st)
        return RB_ESTORE;
    bind_text(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        rc = role_from_row(s, st, role, errmsg);
    else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no role with id '%s'", id);
        rc = RB_ENOTFOUND;
    } else
        rc = fail(s, errmsg, "read role");
    done(st);
    return rc;
}

/* ---- kits ------------------------------------------------------------------------------ */

static enum rb_err
sqlite_kit_begin(struct store *base, const char *candidate, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    enum rb_err rc = run(s, S_KX_CREATE, errmsg);
    if (!rc)
        rc = run(s, S_KX_CLEAR, errmsg);
    if (rc || !candidate)
        return rc;
    if (!(st = stmt(s, S_KX_CANDIDATE, errmsg)))
        return RB_ESTORE;
    bind_text(st, 1, candidate);
    return exec_stmt(s, st, errmsg, "exclude asked questions");
}

static enum rb_err
sqlite_kit_exclude(struct store *base, const char *id, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = stmt(s, S_KX_ADD, errmsg);
    if (!st)
        return RB_ESTORE;
    bind_text(st, 1, id);
    return exec_stmt(s, st, errmsg, "exclude question");
}

static void
bind_pick(sqlite3_stmt *st, const struct kit_pick *p)
{
    bind_text(st, 1, p->competency);
    bind_text(st, 2, category_name(p->category));
    sqlite3_bind_int(st, 3, p->level);
    sqlite3_bind_int(st, 4, p->max_minutes);
    sqlite3_bind_int(st, 5, p->or_below);
}

static enum rb_err
sqlite_kit_count(struct store *base, const struct kit_pick *p, size_t *n, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    int r;
    if (p->stack_only)
        return sqlite_kit_stack_count(base, p, n, errmsg);
    if (!(st = stmt(s, S_KIT_COUNT, errmsg)))
        return RB_ESTORE;
    bind_pick(st, p);
    r = sqlite3_step(st);
    *n = r == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    done(st);
    return r == SQLITE_ROW ? RB_OK : fail(s, errmsg, "count kit questions");
}

static enum rb_err
sqlite_kit_nth(struct store *base, const struct kit_pick *p, size_t nth, char **id, int *minutes,
               char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    int r;
    *id = NULL;
    if (p->stack_only)
        return sqlite_kit_stack_nth(base, p, nth, id, minutes, errmsg);
    if (!(st = stmt(s, S_KIT_NTH, errmsg)))
        return RB_ESTORE;
    bind_pick(st, p);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)nth);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *id = col_dup(st, 0);
        *minutes = sqlite3_column_int(st, 1);
    }
    done(st);
    if (r == SQLITE_ROW)
        return RB_OK;
    if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no question number %zu for %s", nth, p->competency);
        return RB_ENOTFOUND;
    }
    return fail(s, errmsg, "pick kit question");
}

static enum rb_err
sqlite_kit_save(struct store *base, const char *role, int level, const char *stage, int minutes,
                unsigned long long seed, const char *candidate, const char *body,
                const char *const *questions, size_t nquestions, long long *kit_id, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    enum rb_err rc = begin(s, errmsg);
    sqlite3_int64 id = 0;

    if (rc)
        return rc;
    if (!(st = stmt(s, S_KIT_INSERT, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    bind_text(st, 1, role);
    sqlite3_bind_int(st, 2, level);
    bind_text(st, 3, stage);
    sqlite3_bind_int(st, 4, minutes);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)seed);
    bind_text(st, 6, candidate);
    bind_text(st, 7, body);
    rc = exec_stmt(s, st, errmsg, "save kit");
    id = sqlite3_last_insert_rowid(s->db);
    for (size_t i = 0; i < nquestions && !rc; i++) {
        if (!(st = stmt(s, S_KQ_INSERT, errmsg))) {
            rc = RB_ESTORE;
            break;
        }
        sqlite3_bind_int64(st, 1, id);
        bind_text(st, 2, questions[i]);
        rc = exec_stmt(s, st, errmsg, "save kit question");
    }
out:
    rc = end(s, rc, errmsg);
    if (!rc)
        *kit_id = id;
    return rc;
}

static enum rb_err
sqlite_kit_get(struct store *base, long long id, char **body, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = stmt(s, S_KIT_GET, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    *body = NULL;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *body = col_dup(st, 0);
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no kit %lld", id);
        rc = RB_ENOTFOUND;
    } else {
        rc = fail(s, errmsg, "read kit");
    }
    done(st);
    return rc;
}

static enum rb_err
sqlite_question_json(struct store *base, const char *id, char **text, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = stmt(s, S_Q_JSON, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    *text = NULL;
    if (!st)
        return RB_ESTORE;
    bind_text(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *text = col_dup(st, 0);
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", id);
        rc = RB_ENOTFOUND;
    } else {
        rc = fail(s, errmsg, "read question");
    }
    done(st);
    return rc;
}

/* ---- single questions (the API) ---------------------------------------------------------- */

static enum rb_err
sqlite_question_save(struct store *base, const struct question *q, bool create, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    char *key = question_text_key(q->text, strlen(q->text));
    char *digest = question_digest(q);
    sqlite3_int64 id = 0;
    bool same;
    enum rb_err rc = begin(s, errmsg);

    if (!rc)
        rc = lookup_question(s, q->id, digest, &id, &same, errmsg);
    if (!rc && create && id) {
        snprintf(errmsg, RB_ERRMSG, "id: question '%s' exists already", q->id);
        rc = RB_ECONFLICT;
    } else if (!rc && !create && !id) {
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", q->id);
        rc = RB_ENOTFOUND;
    }
    if (!rc && create) {
        int exists = 0;
        rc = text_exists(s, key, &exists, errmsg);
        if (!rc && exists) {
            snprintf(errmsg, RB_ERRMSG, "text: the bank has a question with the same text");
            rc = RB_ECONFLICT;
        }
        if (!rc)
            rc = insert_question(s, q, key, digest, &id, errmsg);
    } else if (!rc) {
        rc = update_question(s, id, q, key, digest, errmsg);
    }
    free(key);
    free(digest);
    return end(s, bump(s, rc, errmsg), errmsg);
}

static enum rb_err
sqlite_question_retire(struct store *base, const char *slug, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_int64 id = 0;
    bool same;
    sqlite3_stmt *st;
    enum rb_err rc = begin(s, errmsg);
    if (!rc)
        rc = lookup_question(s, slug, "", &id, &same, errmsg);
    if (!rc && !id) {
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", slug);
        rc = RB_ENOTFOUND;
    }
    if (!rc) {
        /* the index entry first: FTS5 reads the old text to remove it */
        rc = (st = stmt(s, S_FTS_DELETE, errmsg)) ? RB_OK : RB_ESTORE;
        if (!rc) {
            sqlite3_bind_int64(st, 1, id);
            rc = exec_stmt(s, st, errmsg, "unindex question");
        }
    }
    if (!rc) {
        rc = (st = stmt(s, S_Q_RETIRE_ONE, errmsg)) ? RB_OK : RB_ESTORE;
        if (!rc) {
            sqlite3_bind_int64(st, 1, id);
            rc = exec_stmt(s, st, errmsg, "retire question");
        }
    }
    return end(s, bump(s, rc, errmsg), errmsg);
}

static enum rb_err
sqlite_question_list(struct store *base, const struct search_query *f, size_t offset,
                     struct search_hit **hits, size_t *n, size_t *total, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = stmt(s, S_Q_LIST, errmsg);
    struct buf anyof;
    size_t cap = 0;
    int r;

    *hits = NULL;
    *n = *total = 0;
    if (!st)
        return RB_ESTORE;
    buf_init(&anyof, 1u << 16);
    sqlite3_bind_int(st, 2, f->level);
    bind_text(st, 3, f->category >= 0 ? category_name((enum category)f->category) : NULL);
    bind_text(st, 4, f->competency);
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
        bind_text(st, 5, buf_str(&anyof));
    }
    sqlite3_bind_int64(st, 6, (sqlite3_int64)f->limit);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)offset);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct search_hit *h;
        xgrow(hits, &cap, *n + 1, sizeof **hits);
        h = &(*hits)[(*n)++];
        memset(h, 0, sizeof *h);
        h->id = col_dup(st, 0);
        h->title = col_dup(st, 1);
        {
            const char *c = (const char *)sqlite3_column_text(st, 2);
            int ci = c ? category_parse(c, strlen(c)) : -1;
            h->category = ci < 0 ? CAT_TECHNICAL : (enum category)ci;
        }
        h->level_min = sqlite3_column_int(st, 3);
        h->level_max = sqlite3_column_int(st, 4);
        h->minutes = sqlite3_column_int(st, 5);
        h->competency = col_dup(st, 6);
        *total = (size_t)sqlite3_column_int64(st, 7);
    }
    done(st);
    if (r != SQLITE_DONE) {
        buf_cleanup(&anyof);
        return fail(s, errmsg, "list questions");
    }
    if (!*n && offset) {
        /* past the end: the window function saw no row, so count apart */
        if (!(st = stmt(s, S_Q_COUNT, errmsg))) {
            buf_cleanup(&anyof);
            return RB_ESTORE;
        }
        sqlite3_bind_int(st, 2, f->level);
        bind_text(st, 3, f->category >= 0 ? category_name((enum category)f->category) : NULL);
        bind_text(st, 4, f->competency);
        if (f->max_minutes > 0)
            sqlite3_bind_int(st, 8, f->max_minutes);
        if (f->any_of)
            bind_text(st, 5, buf_str(&anyof));
        if (sqlite3_step(st) == SQLITE_ROW)
            *total = (size_t)sqlite3_column_int64(st, 0);
        done(st);
    }
    buf_cleanup(&anyof);
    return RB_OK;
}

/* ---- parsed resumes -------------------------------------------------------------------- */

static enum rb_err
sqlite_resume_get(struct store *base, const char *hash, bool blind, const char *parser,
                  char **format, char **body, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = stmt(s, S_RESUME_GET, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    *format = *body = NULL;
    if (!st)
        return RB_ESTORE;
    bind_text(st, 1, hash);
    sqlite3_bind_int(st, 2, blind);
    bind_text(st, 3, parser);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *format = col_dup(st, 0);
        *body = col_dup(st, 1);
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no stored parse of %.12s", hash);
        rc = RB_ENOTFOUND;
    } else
        rc = fail(s, errmsg, "read parsed resume");
    done(st);
    return rc;
}

static enum rb_err
sqlite_resumes_put(struct store *base, const struct parsed_resume *v, size_t n, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    enum rb_err rc = begin(s, errmsg);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        sqlite3_stmt *st = stmt(s, S_RESUME_PUT, errmsg);
        if (!st) {
            rc = RB_ESTORE;
            break;
        }
        bind_text(st, 1, v[i].hash);
        sqlite3_bind_int(st, 2, v[i].blind);
        bind_text(st, 3, v[i].parser);
        bind_text(st, 4, v[i].format);
        bind_text(st, 5, v[i].body);
        rc = exec_stmt(s, st, errmsg, "store parsed resume");
    }
    return end(s, rc, errmsg);
}

static const struct store_ops sqlite_ops = {
    .name = "sqlite",
    .close = sqlite_close,
    .schema_version = sqlite_schema_version,
    .bank_load = sqlite_bank_load,
    .question_get = sqlite_question_get,
    .question_search = sqlite_question_search,
    .bank_stats = sqlite_bank_stats,
    .bank_export = sqlite_bank_export,
    .questions_import = sqlite_questions_import,
    .question_text_exists = sqlite_question_text_exists,
    .roles_save = sqlite_roles_save,
    .role_list = sqlite_role_list,
    .role_get = sqlite_role_get,
    .kit_begin = sqlite_kit_begin,
    .kit_exclude = sqlite_kit_exclude,
    .kit_count = sqlite_kit_count,
    .kit_nth = sqlite_kit_nth,
    .kit_save = sqlite_kit_save,
    .kit_get = sqlite_kit_get,
    .interview_get = sqlite_interview_get,
    .interview_create = sqlite_interview_create,
    .candidate_stage = sqlite_candidate_stage,
    .question_json = sqlite_question_json,
    .candidate_add = sqlite_candidate_add,
    .candidate_get = sqlite_candidate_get,
    .candidate_list = sqlite_candidate_list,
    .resumes_add = sqlite_resumes_add,
    .resume_row = sqlite_resume_row,
    .screening_create = sqlite_screening_create,
    .screening_get = sqlite_screening_get,
    .screening_claim = sqlite_screening_claim,
    .screening_next = sqlite_screening_next,
    .screening_record = sqlite_screening_record,
    .screening_finish = sqlite_screening_finish,
    .screening_results = sqlite_screening_results,
    .screenings_active = sqlite_screenings_active,
    .question_save = sqlite_question_save,
    .question_retire = sqlite_question_retire,
    .question_list = sqlite_question_list,
    .resume_get = sqlite_resume_get,
    .resumes_put = sqlite_resumes_put,
    .user_add = sqlite_user_add,
    .user_get = sqlite_user_get,
    .user_list = sqlite_user_list,
    .user_update = sqlite_user_update,
    .session_create = sqlite_session_create,
    .session_get = sqlite_session_get,
    .session_delete = sqlite_session_delete,
    .token_create = sqlite_token_create,
    .token_get = sqlite_token_get,
    .token_list = sqlite_token_list,
    .token_revoke = sqlite_token_revoke,
    .login_failures = sqlite_login_failures,
    .login_reserve = sqlite_login_reserve,
    .login_known = sqlite_login_known,
    .upload_used = sqlite_upload_used,
    .audit_prune = sqlite_audit_prune,
    .traces_prune = sqlite_traces_prune,
    .kit_owner = sqlite_kit_owner,
    .kit_reader = sqlite_kit_reader,
    .practice_served = sqlite_practice_served,
    .backup = sqlite_backup,
    .restore = sqlite_restore,
    .tx_begin = sq_begin,
    .tx_end = sq_end,
    .ping = sqlite_ping,
    .bank_generation = sqlite_bank_generation,
    .audit_append = sqlite_audit_append,
    .audit_list = sqlite_audit_list,
    .candidate_export = sqlite_candidate_export,
    .candidate_erase = sqlite_candidate_erase,
    .compact = sqlite_compact,
    .retention_due = sqlite_retention_due,
    .scorecard_submit = sqlite_scorecard_submit,
    .scorecard_amend = sqlite_scorecard_amend,
    .scorecards = sqlite_scorecards,
    .loop_pending = sqlite_loop_pending,
    .interview_list = sqlite_interview_list,
    .candidate_search = sqlite_candidate_search,
    .interview_find = sqlite_interview_find,
    .draft_get = sqlite_draft_get,
    .draft_put = sqlite_draft_put,
    .draft_delete = sqlite_draft_delete,
    .practice_card = sqlite_practice_card,
    .practice_record = sqlite_practice_record,
    .practice_next = sqlite_practice_next,
    .practice_stats = sqlite_practice_stats,
    .synonyms_of = sqlite_synonyms_of,
    .opening_save = sqlite_opening_save,
    .opening_get = sqlite_opening_get,
    .opening_list = sqlite_opening_list,
    .opening_status = sqlite_opening_status,
    .application_add = sqlite_application_add,
    .application_get = sqlite_application_get,
    .application_list = sqlite_application_list,
    .application_by_email = sqlite_application_by_email,
    .application_move = sqlite_application_move,
    .application_resume = sqlite_application_resume,
    .dashboard = sqlite_dashboard,
    .application_answers = sqlite_application_answers,
    .apply_attempts = sqlite_apply_attempts,
    .selfid_put = sqlite_selfid_put,
    .selfid_get = sqlite_selfid_get,
    .fairness_rows = sqlite_fairness_rows,
    .interview_calendar = sqlite_interview_calendar,
    .interview_reschedule = sqlite_interview_reschedule,
    .outbox_add = sqlite_outbox_add,
    .outbox_claim = sqlite_outbox_claim,
    .outbox_done = sqlite_outbox_done,
    .outbox_list = sqlite_outbox_list,
    .mail_notice = sqlite_mail_notice,
};
