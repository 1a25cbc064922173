/* SPDX-License-Identifier: MIT */
/* Users, sessions, API tokens and failed logins in SQLite (store/store.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/mem.h"

static const char SQL_USER_ADD[] =
    "INSERT INTO account (email, name, role, password, disabled) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_USER_BY_ID[] =
    "SELECT id, email, name, role, disabled, created_at, password FROM account WHERE id = ?1";
static const char SQL_USER_BY_EMAIL[] =
    "SELECT id, email, name, role, disabled, created_at, password FROM account WHERE email = ?1";
static const char SQL_USER_LIST[] =
    "SELECT id, email, name, role, disabled, created_at, NULL FROM account ORDER BY email";
static const char SQL_USER_UPDATE[] =
    "UPDATE account SET name = coalesce(?2, name), role = coalesce(?3, role), "
    "disabled = coalesce(?4, disabled), password = coalesce(?5, password), "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char SQL_SESSIONS_END[] =
    "DELETE FROM session WHERE account = ?1 AND token_hash IS NOT ?2";
static const char SQL_TOKENS_REVOKE_ALL[] = "UPDATE api_token SET revoked = 1 WHERE account = ?1";
static const char SQL_SESSION_ADD[] =
    "INSERT INTO session (token_hash, account, csrf, created_at, expires_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_SESSION_GET[] =
    "SELECT u.id, u.email, u.name, u.role, u.disabled, u.created_at, s.csrf "
    "FROM session s JOIN account u ON u.id = s.account "
    "WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.disabled = 0";
static const char SQL_SESSION_DELETE[] = "DELETE FROM session WHERE token_hash = ?1";
static const char SQL_SESSION_PRUNE[] = "DELETE FROM session WHERE expires_at <= ?1";
static const char SQL_TOKEN_ADD[] =
    "INSERT INTO api_token (account, name, token_hash) VALUES (?1, ?2, ?3)";
static const char SQL_TOKEN_GET[] =
    "SELECT u.id, u.email, u.name, u.role, u.disabled, u.created_at, t.id, "
    "t.last_used_at IS NULL OR t.last_used_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', "
    "'-60 seconds') "
    "FROM api_token t JOIN account u ON u.id = t.account "
    "WHERE t.token_hash = ?1 AND t.revoked = 0 AND u.disabled = 0";
static const char SQL_TOKEN_USED[] =
    "UPDATE api_token SET last_used_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char SQL_TOKEN_LIST[] =
    "SELECT id, name, created_at, last_used_at, revoked FROM api_token WHERE account = ?1 "
    "ORDER BY id";
static const char SQL_TOKEN_REVOKE[] =
    "UPDATE api_token SET revoked = 1 WHERE id = ?1 AND (?2 = 0 OR account = ?2)";
static const char SQL_FAIL_COUNT[] =
    "SELECT count(*) FROM login_failure WHERE key = ?1 AND at > ?2";
static const char SQL_FAIL_ADD[] = "INSERT INTO login_failure (key, at) VALUES (?1, ?2)";
static const char SQL_FAIL_PRUNE[] = "DELETE FROM login_failure WHERE key = ?1 AND at <= ?2";
static const char SQL_FAIL_CLEAR[] = "DELETE FROM login_failure WHERE key = ?1";
static const char SQL_FAIL_STATE[] =
    "SELECT count(*), coalesce(max(at), 0) FROM login_failure WHERE key = ?1 AND at > ?2";
static const char SQL_KNOWN_GET[] = "SELECT 1 FROM login_known WHERE account = ?1 AND address = ?2";
static const char SQL_KNOWN_PUT[] =
    "INSERT INTO login_known (account, address, at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (account, address) DO UPDATE SET at = excluded.at";
static const char SQL_KNOWN_PRUNE[] = "DELETE FROM login_known WHERE at < ?1";
static const char SQL_SERVED_PRUNE[] = "DELETE FROM practice_served WHERE at < ?1";
static const char SQL_PING[] = "SELECT 1";
static const char SQL_GENERATION[] = "SELECT n FROM bank_generation WHERE id = 1";

/* Columns 0 to 5 of a user row into *u. */
static void
user_from_row(sqlite3_stmt *st, struct user *u)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(st, 0);
    u->email = sq_col_dup(st, 1);
    u->name = sq_col_dup(st, 2);
    {
        const char *r = (const char *)sqlite3_column_text(st, 3);
        u->role = user_role_parse(r);
    }
    u->disabled = sqlite3_column_int(st, 4) != 0;
    u->created_at = sq_col_dup(st, 5);
}

enum rb_err
sqlite_user_add(struct store *s, const struct user *u, const char *pwhash, long long *id,
                char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_USER_ADD, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, u->email);
    sq_bind_text(st, 2, u->name);
    sq_bind_text(st, 3, user_role_name(u->role));
    sq_bind_text(st, 4, pwhash);
    sqlite3_bind_int(st, 5, u->disabled);
    r = sqlite3_step(st);
    sq_done(st);
    if (r == SQLITE_DONE) {
        *id = sqlite3_last_insert_rowid(sq_db(s));
        return RB_OK;
    }
    if (sqlite3_extended_errcode(sq_db(s)) == SQLITE_CONSTRAINT_UNIQUE) {
        snprintf(errmsg, RB_ERRMSG, "email: a user with %s exists already", u->email);
        return RB_ECONFLICT;
    }
    return sq_fail(s, errmsg, "add user");
}

enum rb_err
sqlite_user_get(struct store *s, long long id, const char *email, struct user *u, char **pwhash,
                char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, email ? SQL_USER_BY_EMAIL : SQL_USER_BY_ID, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    memset(u, 0, sizeof *u);
    if (pwhash)
        *pwhash = NULL;
    if (!st)
        return RB_ESTORE;
    if (email)
        sq_bind_text(st, 1, email);
    else
        sqlite3_bind_int64(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        user_from_row(st, u);
        if (pwhash)
            *pwhash = sq_col_dup(st, 6);
    } else if (r == SQLITE_DONE) {
        if (email)
            snprintf(errmsg, RB_ERRMSG, "no user with email %s", email);
        else
            snprintf(errmsg, RB_ERRMSG, "no user %lld", id);
        rc = RB_ENOTFOUND;
    } else {
        rc = sq_fail(s, errmsg, "read user");
    }
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_user_list(struct store *s, struct user **v, size_t *n, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_USER_LIST, errmsg);
    size_t cap = 0;
    int r;
    *v = NULL;
    *n = 0;
    if (!st)
        return RB_ESTORE;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        xgrow(v, &cap, *n + 1, sizeof **v);
        user_from_row(st, &(*v)[(*n)++]);
    }
    sq_done(st);
    return r == SQLITE_DONE ? RB_OK : sq_fail(s, errmsg, "list users");
}

enum rb_err
sqlite_user_update(struct store *s, long long id, const struct user_update *up, char *errmsg)
{
    sqlite3_stmt *st;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_USER_UPDATE, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, up->name);
    sq_bind_text(st, 3, up->role > 0 ? user_role_name(up->role) : NULL);
    if (up->disabled >= 0)
        sqlite3_bind_int(st, 4, up->disabled != 0);
    sq_bind_text(st, 5, up->pwhash);
    if ((rc = sq_exec(s, st, errmsg, "update user")))
        goto out;
    if (!sqlite3_changes(sq_db(s))) {
        snprintf(errmsg, RB_ERRMSG, "no user %lld", id);
        rc = RB_ENOTFOUND;
        goto out;
    }
    if (up->disabled > 0 || up->pwhash) {
        if (!(st = sq_stmt(s, SQL_SESSIONS_END, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, id);
        sq_bind_text(st, 2, up->keep_session);
        rc = sq_exec(s, st, errmsg, "end sessions");
    }
    if (!rc && (up->disabled > 0 || (up->pwhash && !up->keep_tokens))) {
        if (!(st = sq_stmt(s, SQL_TOKENS_REVOKE_ALL, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, id);
        rc = sq_exec(s, st, errmsg, "revoke tokens");
    }
out:
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_session_create(struct store *s, long long user, const char *token_hash, const char *csrf,
                      long long now, long long expires, char *errmsg)
{
    sqlite3_stmt *st;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_SESSION_PRUNE, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sqlite3_bind_int64(st, 1, now);
    if ((rc = sq_exec(s, st, errmsg, "prune sessions")))
        goto out;
    if (!(st = sq_stmt(s, SQL_SESSION_ADD, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sq_bind_text(st, 1, token_hash);
    sqlite3_bind_int64(st, 2, user);
    sq_bind_text(st, 3, csrf);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, expires);
    rc = sq_exec(s, st, errmsg, "create session");
out:
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_session_get(struct store *s, const char *token_hash, long long now, struct user *u,
                   char **csrf, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_SESSION_GET, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    memset(u, 0, sizeof *u);
    *csrf = NULL;
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, token_hash);
    sqlite3_bind_int64(st, 2, now);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        user_from_row(st, u);
        *csrf = sq_col_dup(st, 6);
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no such session, or it has expired");
        rc = RB_ENOTFOUND;
    } else {
        rc = sq_fail(s, errmsg, "read session");
    }
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_session_delete(struct store *s, const char *token_hash, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_SESSION_DELETE, errmsg);
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, token_hash);
    return sq_exec(s, st, errmsg, "end session");
}

enum rb_err
sqlite_token_create(struct store *s, long long user, const char *name, const char *token_hash,
                    long long *id, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_TOKEN_ADD, errmsg);
    enum rb_err rc;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, user);
    sq_bind_text(st, 2, name);
    sq_bind_text(st, 3, token_hash);
    rc = sq_exec(s, st, errmsg, "create token");
    if (!rc)
        *id = sqlite3_last_insert_rowid(sq_db(s));
    return rc;
}

enum rb_err
sqlite_token_get(struct store *s, const char *token_hash, struct user *u, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_TOKEN_GET, errmsg);
    enum rb_err rc = RB_OK;
    long long id = 0;
    bool stale = false;
    int r;
    memset(u, 0, sizeof *u);
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, token_hash);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        user_from_row(st, u);
        id = sqlite3_column_int64(st, 6);
        stale = sqlite3_column_int(st, 7) != 0;
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no such token, or it was revoked");
        rc = RB_ENOTFOUND;
    } else {
        rc = sq_fail(s, errmsg, "read token");
    }
    sq_done(st);
    /* the last use, to the minute: a write (and the write lock) once a minute, not per
     * request */
    if (!rc && stale && (st = sq_stmt(s, SQL_TOKEN_USED, errmsg))) {
        char ignore[RB_ERRMSG];
        sqlite3_bind_int64(st, 1, id);
        (void)sq_exec(s, st, ignore, "note token use"); /* a busy store must not refuse */
    }
    return rc;
}

enum rb_err
sqlite_token_list(struct store *s, long long user, json_t **out, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_TOKEN_LIST, errmsg);
    int r;
    *out = json_array();
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, user);
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(*out,
                              json_pack("{s:I, s:s, s:s, s:s?, s:b}", "id",
                                        (json_int_t)sqlite3_column_int64(st, 0), "name",
                                        (const char *)sqlite3_column_text(st, 1), "created_at",
                                        (const char *)sqlite3_column_text(st, 2), "last_used_at",
                                        (const char *)sqlite3_column_text(st, 3), "revoked",
                                        sqlite3_column_int(st, 4)));
    sq_done(st);
    return r == SQLITE_DONE ? RB_OK : sq_fail(s, errmsg, "list tokens");
}

enum rb_err
sqlite_token_revoke(struct store *s, long long user, long long id, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_TOKEN_REVOKE, errmsg);
    enum rb_err rc;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, user);
    if ((rc = sq_exec(s, st, errmsg, "revoke token")))
        return rc;
    if (!sqlite3_changes(sq_db(s))) {
        snprintf(errmsg, RB_ERRMSG, "no token %lld", id);
        return RB_ENOTFOUND;
    }
    return RB_OK;
}

enum rb_err
sqlite_login_failures(struct store *s, const char *const *keys, size_t nkeys, long long now,
                      long long window, int op, int *count, char *errmsg)
{
    enum rb_err rc = RB_OK;
    bool write = op != LOGIN_COUNT;
    *count = 0;
    if (write && (rc = sq_begin(s, errmsg)))
        return rc;
    for (size_t i = 0; i < nkeys && !rc; i++) {
        sqlite3_stmt *st;
        if (write) {
            if (!(st = sq_stmt(s, op == LOGIN_CLEAR ? SQL_FAIL_CLEAR : SQL_FAIL_PRUNE, errmsg))) {
                rc = RB_ESTORE;
                break;
            }
            sq_bind_text(st, 1, keys[i]);
            if (op != LOGIN_CLEAR)
                sqlite3_bind_int64(st, 2, now - window);
            if ((rc = sq_exec(s, st, errmsg, "prune login failures")))
                break;
        }
        if (op == LOGIN_RECORD) {
            if (!(st = sq_stmt(s, SQL_FAIL_ADD, errmsg))) {
                rc = RB_ESTORE;
                break;
            }
            sq_bind_text(st, 1, keys[i]);
            sqlite3_bind_int64(st, 2, now);
            if ((rc = sq_exec(s, st, errmsg, "record login failure")))
                break;
        }
        if (!(st = sq_stmt(s, SQL_FAIL_COUNT, errmsg))) {
            rc = RB_ESTORE;
            break;
        }
        sq_bind_text(st, 1, keys[i]);
        sqlite3_bind_int64(st, 2, now - window);
        if (sqlite3_step(st) == SQLITE_ROW) {
            int c = sqlite3_column_int(st, 0);
            if (c > *count)
                *count = c;
        } else {
            rc = sq_fail(s, errmsg, "count login failures");
        }
        sq_done(st);
    }
    return write ? sq_end(s, rc, errmsg) : rc;
}

enum rb_err
sqlite_login_reserve(struct store *s, const struct login_rule *rules, size_t n, long long now,
                     long long window, int *refused, long long *wait, char *errmsg)
{
    enum rb_err rc;
    size_t i;
    *refused = -1;
    *wait = 0;
    /* BEGIN IMMEDIATE: the counts read here cannot change before the failures are added */
    if ((rc = sq_begin(s, errmsg)))
        return rc;
    for (i = 0; i < n && !rc && *refused < 0; i++) {
        sqlite3_stmt *st = sq_stmt(s, SQL_FAIL_STATE, errmsg);
        if (!st) {
            rc = RB_ESTORE;
            break;
        }
        sq_bind_text(st, 1, rules[i].key);
        sqlite3_bind_int64(st, 2, now - window);
        if (sqlite3_step(st) == SQLITE_ROW) {
            long long w = store_login_wait(&rules[i], sqlite3_column_int64(st, 0),
                                           sqlite3_column_int64(st, 1), now, window);
            if (w) {
                *refused = (int)i;
                *wait = w;
            }
        } else {
            rc = sq_fail(s, errmsg, "count login failures");
        }
        sq_done(st);
    }
    for (i = 0; i < n && !rc && *refused < 0; i++) {
        sqlite3_stmt *st = sq_stmt(s, SQL_FAIL_PRUNE, errmsg);
        if (!st) {
            rc = RB_ESTORE;
            break;
        }
        sq_bind_text(st, 1, rules[i].key);
        sqlite3_bind_int64(st, 2, now - window);
        if ((rc = sq_exec(s, st, errmsg, "prune login failures")))
            break;
        if (!(st = sq_stmt(s, SQL_FAIL_ADD, errmsg))) {
            rc = RB_ESTORE;
            break;
        }
        sq_bind_text(st, 1, rules[i].key);
        sqlite3_bind_int64(st, 2, now);
        rc = sq_exec(s, st, errmsg, "record login attempt");
    }
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_login_known(struct store *s, const char *account, const char *address, long long now,
                   bool remember, bool *known, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, remember ? SQL_KNOWN_PUT : SQL_KNOWN_GET, errmsg);
    int r;
    *known = false;
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, account);
    sq_bind_text(st, 2, address);
    if (remember) {
        sqlite3_bind_int64(st, 3, now);
        *known = true;
        return sq_exec(s, st, errmsg, "remember a sign-in address");
    }
    r = sqlite3_step(st);
    *known = r == SQLITE_ROW;
    sq_done(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? RB_OK
                                               : sq_fail(s, errmsg, "look up a sign-in address");
}

enum rb_err
sqlite_traces_prune(struct store *s, long long known_before, long long served_before,
                    size_t *deleted, char *errmsg)
{
    const char *sql[] = {SQL_KNOWN_PRUNE, SQL_SERVED_PRUNE};
    const long long before[] = {known_before, served_before};
    enum rb_err rc;
    *deleted = 0;
    if ((rc = sq_begin(s, errmsg)))
        return rc;
    for (size_t i = 0; i < 2 && !rc; i++) {
        sqlite3_stmt *st = sq_stmt(s, sql[i], errmsg);
        if (!st) {
            rc = RB_ESTORE;
            break;
        }
        sqlite3_bind_int64(st, 1, before[i]);
        if (!(rc = sq_exec(s, st, errmsg, "forget old sign-in and practice traces")))
            *deleted += (size_t)sqlite3_changes(sq_db(s));
    }
    return sq_end(s, rc, errmsg);
}

enum rb_err
sqlite_ping(struct store *s, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_PING, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    r = sqlite3_step(st);
    sq_done(st);
    return r == SQLITE_ROW ? RB_OK : sq_fail(s, errmsg, "ping");
}

/* WAL with synchronous = NORMAL: a commit is written to the log but not synced; the log is
 * synced at checkpoints, every 1,024 pages of log (8 MB on 8 KB pages). They run on the
 * writing thread, beside the threads that read resumes: a single checkpoint at the end
 * (sqlite_close) copied a whole run's log after the last file was read, serial work that
 * kept 2 threads from doubling 1, where the few index pages each checkpoint copies again
 * cost less (bench/screen.sh, docs/BENCHMARKS.md: 0.55 s against 0.61 s on 2 threads). */
enum rb_err
sqlite_cache_writes(struct store *s, char *errmsg)
{
    if (sqlite3_exec(sq_db(s), "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(sq_db(s), "PRAGMA wal_autocheckpoint = 1024", NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, errmsg, "cache writes");
    to_sq(s)->cache = true;
    return RB_OK;
}

enum rb_err
sqlite_bank_generation(struct store *s, long long *n, char *errmsg)
{
    return sq_scalar(s, SQL_GENERATION, n, "bank generation", errmsg);
}
