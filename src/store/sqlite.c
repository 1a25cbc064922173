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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/sqlite_int.h"
#include "store/store_copy.h"
#include "store/store_impl.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/mem.h"
#include "util/text.h"

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";
static const char SQL_GEN_BUMP[] = "UPDATE bank_generation SET n = n + 1 WHERE id = 1";

static void
comp_cache_clear(struct sqlite_store *s)
{
    for (size_t i = 0; i < s->ncomps; i++)
        free(s->comps[i].slug);
    s->ncomps = 0;
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

/* The slot of sql in the statement table: its own, or the empty one where it would go. */
static size_t
stmt_slot(const struct sqlite_store *s, const char *sql)
{
    /* the address of a string with static storage: its low bits are alignment */
    size_t i = (size_t)(((uintptr_t)sql >> 3) * 0x9E3779B97F4A7C15u) & (s->capstmts - 1);
    while (s->stmts[i].sql && s->stmts[i].sql != sql)
        i = (i + 1) & (s->capstmts - 1);
    return i;
}

/* Twice the room, every statement moved to its slot there. */
static void
stmt_grow(struct sqlite_store *s)
{
    struct sq_prepared *old = s->stmts;
    size_t n = s->capstmts;
    s->capstmts = n ? 2 * n : 256;
    s->stmts = xcalloc(s->capstmts, sizeof *s->stmts);
    for (size_t i = 0; i < n; i++)
        if (old[i].sql)
            s->stmts[stmt_slot(s, old[i].sql)] = old[i];
    free(old);
}

/* The prepared statement for sql (static storage: it is found again by its address),
 * prepared on first use, or NULL with errmsg set. One scheme for every sqlite_*.c file:
 * a table keyed by the address, grown at half full, so there is no cap to outgrow. */
static sqlite3_stmt *
stmt(struct sqlite_store *s, const char *sql, char *errmsg)
{
    size_t i;
    sqlite3_stmt *st;
    if (2 * (s->nstmts + 1) > s->capstmts)
        stmt_grow(s);
    i = stmt_slot(s, sql);
    if (s->stmts[i].sql)
        return s->stmts[i].st;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fail(s, errmsg, "prepare");
        return NULL;
    }
    s->stmts[i].sql = sql;
    s->stmts[i].st = st;
    s->nstmts++;
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
run(struct sqlite_store *s, const char *sql, char *errmsg)
{
    sqlite3_stmt *st = stmt(s, sql, errmsg);
    return st ? exec_stmt(s, st, errmsg, sql) : RB_ESTORE;
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
    if (!(rc = run(s, SQL_BEGIN, errmsg)))
        s->depth = 1;
    return rc;
}

/* Marks the bank (questions, competencies, roles) as changed in the transaction open: what
 * was built from it is stale (store_bank_generation). */
static enum rb_err
bump(struct sqlite_store *s, enum rb_err rc, char *errmsg)
{
    return rc ? rc : run(s, SQL_GEN_BUMP, errmsg);
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
        rc = run(s, SQL_COMMIT, errmsg);
        if (rc == RB_OK)
            return rc;
    }
    if (!sqlite3_get_autocommit(s->db))
        run(s, SQL_ROLLBACK, ignore);
    return rc;
}

/* ---- for the other sqlite_*.c files (store/sqlite_int.h) ---------------------------- */

sqlite3_stmt *
sq_stmt(struct store *base, const char *sql, char *errmsg)
{
    return stmt(to_sq(base), sql, errmsg);
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
sq_run(struct store *base, const char *sql, char *errmsg)
{
    return run(to_sq(base), sql, errmsg);
}

enum rb_err
sq_bump(struct store *base, enum rb_err rc, char *errmsg)
{
    return bump(to_sq(base), rc, errmsg);
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

static const struct sqlite_snapshot *snapshot; /* store_offer_sqlite_snapshot */

void
store_offer_sqlite_snapshot(const struct sqlite_snapshot *snap)
{
    snapshot = snap;
}

/* Whether the open store is new: no schema object at all. */
static bool
store_empty(sqlite3 *db)
{
    sqlite3_stmt *st;
    bool empty = false;
    if (sqlite3_prepare_v2(db, "SELECT NOT EXISTS (SELECT 1 FROM sqlite_schema)", -1, &st, NULL) !=
        SQLITE_OK)
        return false;
    if (sqlite3_step(st) == SQLITE_ROW)
        empty = sqlite3_column_int(st, 0) != 0;
    sqlite3_finalize(st);
    return empty;
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
    /* a new store: the schema the migrations make, made by them at build time */
    if (have == 0 && snapshot && snapshot->version == latest && latest == migration_last() &&
        store_empty(s->db)) {
        if (sqlite3_exec(s->db, snapshot->sql, NULL, NULL, &err) == SQLITE_OK)
            goto out;
        /* an SQLite that refuses part of it (a build that forbids writing an FTS index's
         * own tables): undone, and the migrations make the store as they always did */
        sqlite3_free(err);
        err = NULL;
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return fail(s, errmsg, "begin migration");
        /* another process may have made it meanwhile: go on from where it is */
        if ((have = user_version(s->db)) < 0 || have > latest) {
            rc = have < 0 ? fail(s, errmsg, "read schema version") : RB_ESTORE;
            if (have > latest)
                snprintf(errmsg, RB_ERRMSG,
                         "store %s has schema version %d, newer than the %d this rubric knows",
                         s->path, have, latest);
            goto out;
        }
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
    for (size_t i = 0; i < s->capstmts; i++)
        sqlite3_finalize(s->stmts[i].st);
    free(s->stmts);
    comp_cache_clear(s);
    if (s->db && s->cache)
        /* what its unsynced commits wrote is copied into the store and synced (the log
         * first) before the close returns: a connection that writes the parse cache leaves
         * it durable. Passive: never waits for another connection's readers. */
        sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
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
    /* 8 KB pages for a new store (an existing one keeps its own: the pragma does nothing once
     * the file has pages; it has to come before WAL mode, which writes the first page). A
     * parse kept by `rubric screen` is about 2.4 KB: on 4 KB pages each took a page of its
     * own, on 8 KB pages three share one, so the store is a third smaller and its batches
     * write that much less (docs/BENCHMARKS.md, "Screening speed"). */
    if (sqlite3_exec(s->db, "PRAGMA page_size = 8192", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK ||
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

static const struct store_ops sqlite_ops = {
    .name = "sqlite",
    .copy = &sqlite_copy_ops,
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
    .screening_release = sqlite_screening_release,
    .screening_results = sqlite_screening_results,
    .screenings_active = sqlite_screenings_active,
    .question_save = sqlite_question_save,
    .question_retire = sqlite_question_retire,
    .question_list = sqlite_question_list,
    .resume_get = sqlite_resume_get,
    .resumes_put = sqlite_resumes_put,
    .resumes_any = sqlite_resumes_any,
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
    .original_get = sqlite_original_get,
    .original_keep = sqlite_original_keep,
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
    .cache_writes = sqlite_cache_writes,
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
    .apply_reserve = sqlite_apply_reserve,
    .apply_release = sqlite_apply_release,
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
