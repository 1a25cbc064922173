/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: accounts, sessions, API tokens, login throttling and sign-in traces, and the
 * audit log's append and list (as sqlite_users.c and sqlite_privacy.c do for SQLite).
 * Login reservations are serialized per key by transaction-scoped advisory locks, taken in
 * the order of the keys' text so that two reservations never wait on each other in a cycle
 * (SQLite gets the same from BEGIN IMMEDIATE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/buf.h"
#include "util/mem.h"

#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static const char SQL_USER_ADD[] =
    "INSERT INTO account (email, name, role, password, disabled) VALUES ($1, $2, $3, $4, $5) "
    "RETURNING id";
static const char SQL_USER_BY_ID[] =
    "SELECT id, email, name, role, disabled, created_at, password FROM account WHERE id = $1";
static const char SQL_USER_BY_EMAIL[] =
    "SELECT id, email, name, role, disabled, created_at, password FROM account WHERE email = $1";
static const char SQL_USER_LIST[] =
    "SELECT id, email, name, role, disabled, created_at, NULL FROM account ORDER BY email";
static const char SQL_USER_UPDATE[] =
    "UPDATE account SET name = coalesce($2, name), role = coalesce($3, role), "
    "disabled = coalesce($4::boolean, disabled), password = coalesce($5, password), "
    "updated_at = " PG_NOW " WHERE id = $1";
static const char SQL_SESSIONS_END[] =
    "DELETE FROM session WHERE account = $1 AND token_hash IS DISTINCT FROM $2::text";
static const char SQL_TOKENS_REVOKE_ALL[] =
    "UPDATE api_token SET revoked = true WHERE account = $1";
static const char SQL_SESSION_ADD[] =
    "INSERT INTO session (token_hash, account, csrf, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)";
static const char SQL_SESSION_GET[] =
    "SELECT u.id, u.email, u.name, u.role, u.disabled, u.created_at, s.csrf, s.expires_at "
    "FROM session s JOIN account u ON u.id = s.account "
    "WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled";
static const char SQL_SESSION_DELETE[] = "DELETE FROM session WHERE token_hash = $1";
static const char SQL_SESSION_PRUNE[] = "DELETE FROM session WHERE expires_at <= $1";
static const char SQL_TOKEN_ADD[] =
    "INSERT INTO api_token (account, name, token_hash) VALUES ($1, $2, $3) RETURNING id";
static const char SQL_TOKEN_GET[] =
    "SELECT u.id, u.email, u.name, u.role, u.disabled, u.created_at, t.id, "
    "t.last_used_at IS NULL OR t.last_used_at < to_char(now() AT TIME ZONE 'UTC' - "
    "interval '60 seconds', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
    "FROM api_token t JOIN account u ON u.id = t.account "
    "WHERE t.token_hash = $1 AND NOT t.revoked AND NOT u.disabled";
static const char SQL_TOKEN_USED[] = "UPDATE api_token SET last_used_at = " PG_NOW " WHERE id = $1";
static const char SQL_TOKEN_LIST[] =
    "SELECT id, name, created_at, last_used_at, revoked FROM api_token WHERE account = $1 "
    "ORDER BY id";
static const char SQL_TOKEN_REVOKE[] =
    "UPDATE api_token SET revoked = true WHERE id = $1 AND ($2::bigint = 0 OR account = $2)";
static const char SQL_FAIL_COUNT[] =
    "SELECT count(*) FROM login_failure WHERE key = $1 AND at > $2";
static const char SQL_FAIL_ADD[] = "INSERT INTO login_failure (key, at) VALUES ($1, $2)";
static const char SQL_FAIL_PRUNE[] = "DELETE FROM login_failure WHERE key = $1 AND at <= $2";
static const char SQL_FAIL_CLEAR[] = "DELETE FROM login_failure WHERE key = $1";
static const char SQL_FAIL_STATE[] =
    "SELECT count(*), coalesce(max(at), 0) FROM login_failure WHERE key = $1 AND at > $2";
static const char SQL_KEY_LOCK[] = "SELECT pg_advisory_xact_lock(hashtextextended($1, 1))";
static const char SQL_KNOWN_GET[] = "SELECT 1 FROM login_known WHERE account = $1 AND address = $2";
static const char SQL_KNOWN_PUT[] =
    "INSERT INTO login_known (account, address, at) VALUES ($1, $2, $3) "
    "ON CONFLICT (account, address) DO UPDATE SET at = excluded.at";
static const char SQL_KNOWN_PRUNE[] = "DELETE FROM login_known WHERE at < $1";
static const char SQL_SERVED_PRUNE[] = "DELETE FROM practice_served WHERE at < $1";

static const char SQL_AUDIT_ADD[] =
    "INSERT INTO audit (actor, actor_label, action, candidate, what, candidates) "
    "VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id";
static const char SQL_AUDIT_SUBJECT[] =
    "INSERT INTO audit_subject (candidate, audit) VALUES ($1, $2) ON CONFLICT DO NOTHING";
/* An entry as listed ($1: the candidate filter, or NULL); the filters given are the ones
 * not NULL. The plans are custom per call while the NULLs fold away (PostgreSQL plans a
 * prepared statement for its values for the first five calls, and keeps a generic plan only
 * when it is no worse). A candidate's entries have statements of their own: "$1 IS NULL OR id
 * IN (...)" cannot become a join, so the planner filtered the whole log, newest first, by a
 * hashed list of that candidate's ids (116 ms at 100,000 entries, where the join takes 0.1). */
#define AUDIT_FILTER_REST                                                                          \
    "AND ($2::text IS NULL OR actor_label = $2) AND ($3::text IS NULL OR action = $3) "            \
    "AND ($4::text IS NULL OR at >= $4) "
#define AUDIT_ANY "WHERE $1::bigint IS NULL " AUDIT_FILTER_REST
#define AUDIT_OF                                                                                   \
    "WHERE id IN (SELECT id FROM audit WHERE candidate = $1 UNION ALL "                            \
    "SELECT audit FROM audit_subject WHERE candidate = $1) " AUDIT_FILTER_REST
#define AUDIT_ROW                                                                                  \
    "SELECT json_build_object('id', id, 'at', at, 'actor', actor_label, 'actor_id', actor, "       \
    "'action', action, 'candidate', coalesce(candidate, $1), 'candidates', CASE WHEN "             \
    "candidates IS NOT NULL THEN candidates WHEN candidate IS NOT NULL THEN "                      \
    "jsonb_build_array(candidate) ELSE '[]'::jsonb END, 'what', what) FROM audit "
static const char SQL_AUDIT_LIST[] = AUDIT_ROW AUDIT_ANY "ORDER BY id DESC LIMIT $5 OFFSET $6";
static const char SQL_AUDIT_COUNT[] = "SELECT count(*) FROM audit " AUDIT_ANY;
static const char SQL_AUDIT_LIST_OF[] = AUDIT_ROW AUDIT_OF "ORDER BY id DESC LIMIT $5 OFFSET $6";
static const char SQL_AUDIT_COUNT_OF[] = "SELECT count(*) FROM audit " AUDIT_OF;
static const char SQL_AUDIT_PRUNE[] =
    "DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < $1 ORDER BY id LIMIT $2)";

/* Columns 0 to 5 of row i into *u. */
static void
user_from_row(const PGresult *r, int i, struct user *u)
{
    memset(u, 0, sizeof *u);
    u->id = pg_ll(r, i, 0);
    u->email = pg_dup(r, i, 1);
    u->name = pg_dup(r, i, 2);
    u->role = user_role_parse(pg_str(r, i, 3));
    u->disabled = pg_bool(r, i, 4);
    u->created_at = pg_dup(r, i, 5);
}

static enum rb_err
pg_user_add(struct store *s, const struct user *u, const char *pwhash, long long *id, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    pg_arg_text(&a, u->email);
    pg_arg_text(&a, u->name);
    pg_arg_text(&a, user_role_name(u->role));
    pg_arg_text(&a, pwhash);
    pg_arg_bool(&a, u->disabled);
    rc = pg_scalar(s, SQL_USER_ADD, &a, id, "add user", errmsg);
    if (rc == RB_ECONFLICT)
        snprintf(errmsg, RB_ERRMSG, "email: a user with %s exists already", u->email);
    return rc;
}

static enum rb_err
pg_user_get(struct store *s, long long id, const char *email, struct user *u, char **pwhash,
            char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    memset(u, 0, sizeof *u);
    if (pwhash)
        *pwhash = NULL;
    if (email)
        pg_arg_text(&a, email);
    else
        pg_arg_ll(&a, id);
    r = pg_query(s, email ? SQL_USER_BY_EMAIL : SQL_USER_BY_ID, &a, "read user", &rc, errmsg);
    if (!r)
        return rc;
    if (PQntuples(r) == 0) {
        if (email)
            snprintf(errmsg, RB_ERRMSG, "no user with email %s", email);
        else
            snprintf(errmsg, RB_ERRMSG, "no user %lld", id);
        rc = RB_ENOTFOUND;
    } else {
        user_from_row(r, 0, u);
        if (pwhash)
            *pwhash = pg_dup(r, 0, 6);
    }
    PQclear(r);
    return rc;
}

static enum rb_err
pg_user_list(struct store *s, struct user **v, size_t *n, char *errmsg)
{
    enum rb_err rc;
    PGresult *r = pg_query(s, SQL_USER_LIST, NULL, "list users", &rc, errmsg);
    *v = NULL;
    *n = 0;
    if (!r)
        return rc;
    if (PQntuples(r) > 0) {
        *v = xcalloc((size_t)PQntuples(r), sizeof **v);
        for (int i = 0; i < PQntuples(r); i++)
            user_from_row(r, i, &(*v)[(*n)++]);
    }
    PQclear(r);
    return RB_OK;
}

static enum rb_err
pg_user_update(struct store *s, long long id, const struct user_update *up, char *errmsg)
{
    struct pg_args a = {0};
    long long changed;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, id);
    pg_arg_text(&a, up->name);
    pg_arg_text(&a, up->role > 0 ? user_role_name(up->role) : NULL);
    if (up->disabled >= 0)
        pg_arg_bool(&a, up->disabled != 0);
    else
        pg_arg_text(&a, NULL);
    pg_arg_text(&a, up->pwhash);
    if ((rc = pg_exec_n(s, SQL_USER_UPDATE, &a, &changed, "update user", errmsg)))
        goto out;
    if (!changed) {
        snprintf(errmsg, RB_ERRMSG, "no user %lld", id);
        rc = RB_ENOTFOUND;
        goto out;
    }
    if (up->disabled > 0 || up->pwhash) {
        struct pg_args b = {0};
        pg_arg_ll(&b, id);
        pg_arg_text(&b, up->keep_session);
        rc = pg_exec(s, SQL_SESSIONS_END, &b, "end sessions", errmsg);
    }
    if (!rc && (up->disabled > 0 || (up->pwhash && !up->keep_tokens))) {
        struct pg_args b = {0};
        pg_arg_ll(&b, id);
        rc = pg_exec(s, SQL_TOKENS_REVOKE_ALL, &b, "revoke tokens", errmsg);
    }
out:
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_session_create(struct store *s, long long user, const char *token_hash, const char *csrf,
                  long long now, long long expires, char *errmsg)
{
    struct pg_args a = {0}, b = {0};
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, now);
    if ((rc = pg_exec(s, SQL_SESSION_PRUNE, &a, "prune sessions", errmsg)))
        goto out;
    pg_arg_text(&b, token_hash);
    pg_arg_ll(&b, user);
    pg_arg_text(&b, csrf);
    pg_arg_ll(&b, now);
    pg_arg_ll(&b, expires);
    rc = pg_exec(s, SQL_SESSION_ADD, &b, "create session", errmsg);
out:
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_session_get(struct store *s, const char *token_hash, long long now, struct user *u, char **csrf,
               char *errmsg)
{
    struct pg_args a = {0};
    unsigned long epoch;
    enum rb_err rc;
    PGresult *r;
    memset(u, 0, sizeof *u);
    *csrf = NULL;
    if (pg_auth_cached(s, token_hash, true, now, u, csrf))
        return RB_OK;
    epoch = pg_auth_epoch_now(s);
    pg_arg_text(&a, token_hash);
    pg_arg_ll(&a, now);
    if (!(r = pg_query(s, SQL_SESSION_GET, &a, "read session", &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "no such session, or it has expired");
        rc = RB_ENOTFOUND;
    } else {
        user_from_row(r, 0, u);
        *csrf = pg_dup(r, 0, 6);
        pg_auth_keep(s, token_hash, true, pg_ll(r, 0, 7), u, *csrf, epoch);
    }
    PQclear(r);
    return rc;
}

static enum rb_err
pg_session_delete(struct store *s, const char *token_hash, char *errmsg)
{
    struct pg_args a = {0};
    pg_arg_text(&a, token_hash);
    return pg_exec(s, SQL_SESSION_DELETE, &a, "end session", errmsg);
}

static enum rb_err
pg_token_create(struct store *s, long long user, const char *name, const char *token_hash,
                long long *id, char *errmsg)
{
    struct pg_args a = {0};
    pg_arg_ll(&a, user);
    pg_arg_text(&a, name);
    pg_arg_text(&a, token_hash);
    return pg_scalar(s, SQL_TOKEN_ADD, &a, id, "create token", errmsg);
}

static enum rb_err
pg_token_get(struct store *s, const char *token_hash, struct user *u, char *errmsg)
{
    struct pg_args a = {0};
    unsigned long epoch;
    enum rb_err rc;
    long long id = 0;
    bool stale = false;
    PGresult *r;
    memset(u, 0, sizeof *u);
    if (pg_auth_cached(s, token_hash, false, 0, u, NULL))
        return RB_OK;
    epoch = pg_auth_epoch_now(s);
    pg_arg_text(&a, token_hash);
    if (!(r = pg_query(s, SQL_TOKEN_GET, &a, "read token", &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "no such token, or it was revoked");
        rc = RB_ENOTFOUND;
    } else {
        user_from_row(r, 0, u);
        id = pg_ll(r, 0, 6);
        stale = pg_bool(r, 0, 7);
        pg_auth_keep(s, token_hash, false, 0, u, NULL, epoch);
    }
    PQclear(r);
    /* the last use, to the minute: a write once a minute, not per request */
    if (!rc && stale) {
        struct pg_args b = {0};
        char ignore[RB_ERRMSG];
        pg_arg_ll(&b, id);
        (void)pg_exec(s, SQL_TOKEN_USED, &b, "note token use", ignore);
    }
    return rc;
}

static enum rb_err
pg_token_list(struct store *s, long long user, json_t **out, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    *out = json_array();
    pg_arg_ll(&a, user);
    if (!(r = pg_query(s, SQL_TOKEN_LIST, &a, "list tokens", &rc, errmsg)))
        return rc;
    for (int i = 0; i < PQntuples(r); i++)
        json_array_append_new(*out, json_pack("{s:I, s:s, s:s, s:s?, s:b}", "id",
                                              (json_int_t)pg_ll(r, i, 0), "name", pg_str(r, i, 1),
                                              "created_at", pg_str(r, i, 2), "last_used_at",
                                              pg_str(r, i, 3), "revoked", pg_bool(r, i, 4)));
    PQclear(r);
    return RB_OK;
}

static enum rb_err
pg_token_revoke(struct store *s, long long user, long long id, char *errmsg)
{
    struct pg_args a = {0};
    long long changed;
    enum rb_err rc;
    pg_arg_ll(&a, id);
    pg_arg_ll(&a, user);
    if ((rc = pg_exec_n(s, SQL_TOKEN_REVOKE, &a, &changed, "revoke token", errmsg)))
        return rc;
    if (!changed) {
        snprintf(errmsg, RB_ERRMSG, "no token %lld", id);
        return RB_ENOTFOUND;
    }
    return RB_OK;
}

static enum rb_err
pg_login_failures(struct store *s, const char *const *keys, size_t nkeys, long long now,
                  long long window, int op, int *count, char *errmsg)
{
    enum rb_err rc = RB_OK;
    bool write = op != LOGIN_COUNT;
    *count = 0;
    if (write && (rc = pg_begin(s, errmsg)))
        return rc;
    for (size_t i = 0; i < nkeys && !rc; i++) {
        struct pg_args a = {0};
        long long c;
        if (write) {
            pg_arg_text(&a, keys[i]);
            if (op != LOGIN_CLEAR)
                pg_arg_ll(&a, now - window);
            if ((rc = pg_exec(s, op == LOGIN_CLEAR ? SQL_FAIL_CLEAR : SQL_FAIL_PRUNE, &a,
                              "prune login failures", errmsg)))
                break;
        }
        if (op == LOGIN_RECORD) {
            a.n = 0;
            pg_arg_text(&a, keys[i]);
            pg_arg_ll(&a, now);
            if ((rc = pg_exec(s, SQL_FAIL_ADD, &a, "record login failure", errmsg)))
                break;
        }
        a.n = 0;
        pg_arg_text(&a, keys[i]);
        pg_arg_ll(&a, now - window);
        if ((rc = pg_scalar(s, SQL_FAIL_COUNT, &a, &c, "count login failures", errmsg)))
            break;
        if (c > *count)
            *count = (int)c;
    }
    return write ? pg_end(s, rc, errmsg) : rc;
}

static int
by_text(const void *a, const void *b)
{
    const char *const *x = a, *const *y = b;
    return strcmp(*x, *y);
}

static enum rb_err
pg_login_reserve(struct store *s, const struct login_rule *rules, size_t n, long long now,
                 long long window, int *refused, long long *wait, char *errmsg)
{
    const char **order = xcalloc(n ? n : 1, sizeof(const char *));
    enum rb_err rc;
    size_t i;
    *refused = -1;
    *wait = 0;
    if ((rc = pg_begin(s, errmsg)))
        goto done;
    /* the counts read here cannot change before the attempts are added: each key's lock is
     * held to the end of the transaction */
    for (i = 0; i < n; i++)
        order[i] = rules[i].key;
    qsort(order, n, sizeof(const char *), by_text);
    for (i = 0; i < n && !rc; i++) {
        struct pg_args a = {0};
        pg_arg_text(&a, order[i]);
        rc = pg_exec(s, SQL_KEY_LOCK, &a, "lock login key", errmsg);
    }
    for (i = 0; i < n && !rc && *refused < 0; i++) {
        struct pg_args a = {0};
        PGresult *r;
        long long w;
        pg_arg_text(&a, rules[i].key);
        pg_arg_ll(&a, now - window);
        if (!(r = pg_query(s, SQL_FAIL_STATE, &a, "count login failures", &rc, errmsg)))
            break;
        w = store_login_wait(&rules[i], pg_ll(r, 0, 0), pg_ll(r, 0, 1), now, window);
        PQclear(r);
        if (w) {
            *refused = (int)i;
            *wait = w;
        }
    }
    for (i = 0; i < n && !rc && *refused < 0; i++) {
        struct pg_args a = {0};
        pg_arg_text(&a, rules[i].key);
        pg_arg_ll(&a, now - window);
        if ((rc = pg_exec(s, SQL_FAIL_PRUNE, &a, "prune login failures", errmsg)))
            break;
        a.n = 0;
        pg_arg_text(&a, rules[i].key);
        pg_arg_ll(&a, now);
        rc = pg_exec(s, SQL_FAIL_ADD, &a, "record login attempt", errmsg);
    }
    rc = pg_end(s, rc, errmsg);
done:
    free(order);
    return rc;
}

static enum rb_err
pg_login_known(struct store *s, const char *account, const char *address, long long now,
               bool remember, bool *known, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    *known = false;
    pg_arg_text(&a, account);
    pg_arg_text(&a, address);
    if (remember) {
        pg_arg_ll(&a, now);
        *known = true;
        return pg_exec(s, SQL_KNOWN_PUT, &a, "remember a sign-in address", errmsg);
    }
    if (!(r = pg_query(s, SQL_KNOWN_GET, &a, "look up a sign-in address", &rc, errmsg)))
        return rc;
    *known = PQntuples(r) > 0;
    PQclear(r);
    return RB_OK;
}

static enum rb_err
pg_traces_prune(struct store *s, long long known_before, long long served_before, size_t *deleted,
                char *errmsg)
{
    const char *sql[] = {SQL_KNOWN_PRUNE, SQL_SERVED_PRUNE};
    const long long before[] = {known_before, served_before};
    enum rb_err rc;
    *deleted = 0;
    if ((rc = pg_begin(s, errmsg)))
        return rc;
    for (size_t i = 0; i < 2 && !rc; i++) {
        struct pg_args a = {0};
        long long changed;
        pg_arg_ll(&a, before[i]);
        if (!(rc = pg_exec_n(s, sql[i], &a, &changed, "forget old sign-in and practice traces",
                             errmsg)))
            *deleted += (size_t)changed;
    }
    return pg_end(s, rc, errmsg);
}

/* ---- the audit log -------------------------------------------------------------------- */

static enum rb_err
pg_audit_append(struct store *s, const struct audit_actor *who, const char *action,
                const long long *ids, size_t n, const char *what, char *errmsg)
{
    struct pg_args a = {0};
    struct buf list;
    long long row;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    buf_init(&list, (size_t)1 << 24);
    if (who && who->account)
        pg_arg_ll(&a, who->account);
    else
        pg_arg_text(&a, NULL);
    pg_arg_text(&a, who && who->label ? who->label : "command line");
    pg_arg_text(&a, action);
    if (n == 1)
        pg_arg_ll(&a, ids[0]);
    else
        pg_arg_text(&a, NULL);
    pg_arg_text(&a, what);
    if (n > 1) {
        buf_putc(&list, '[');
        for (size_t i = 0; i < n; i++)
            buf_printf(&list, "%s%lld", i ? "," : "", ids[i]);
        buf_putc(&list, ']');
        pg_arg_text(&a, buf_str(&list));
    } else {
        pg_arg_text(&a, NULL);
    }
    rc = pg_scalar(s, SQL_AUDIT_ADD, &a, &row, "record audit entry", errmsg);
    for (size_t i = 0; n > 1 && i < n && !rc; i++) {
        struct pg_args b = {0};
        pg_arg_ll(&b, ids[i]);
        pg_arg_ll(&b, row);
        rc = pg_exec(s, SQL_AUDIT_SUBJECT, &b, "record audit entry", errmsg);
    }
    buf_cleanup(&list);
    return pg_end(s, rc, errmsg);
}

static void
filter_args(struct pg_args *a, const struct audit_filter *f)
{
    if (f->candidate)
        pg_arg_ll(a, f->candidate);
    else
        pg_arg_text(a, NULL);
    pg_arg_text(a, f->actor);
    pg_arg_text(a, f->action);
    pg_arg_text(a, f->since);
}

static enum rb_err
pg_audit_list(struct store *s, const struct audit_filter *f, size_t limit, size_t offset,
              json_t **items, size_t *total, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    long long n;
    PGresult *r;
    *items = json_array();
    *total = 0;
    filter_args(&a, f);
    pg_arg_ll(&a, (long long)limit);
    pg_arg_ll(&a, (long long)offset);
    if (!(r = pg_query(s, f->candidate ? SQL_AUDIT_LIST_OF : SQL_AUDIT_LIST, &a,
                       "list audit entries", &rc, errmsg)))
        return rc;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        json_t *j = pg_json(r, i, 0, errmsg);
        if (!j)
            rc = RB_ESTORE;
        else
            json_array_append_new(*items, j);
    }
    PQclear(r);
    if (rc)
        return rc;
    a.n = 0;
    filter_args(&a, f);
    rc = pg_scalar(s, f->candidate ? SQL_AUDIT_COUNT_OF : SQL_AUDIT_COUNT, &a, &n,
                   "count audit entries", errmsg);
    *total = (size_t)n;
    return rc;
}

static enum rb_err
pg_audit_prune(struct store *s, const char *before, size_t *deleted, char *errmsg)
{
    enum rb_err rc;
    *deleted = 0;
    /* in batches, so that the rows locked by one statement stay few */
    for (;;) {
        struct pg_args a = {0};
        long long n = 0;
        pg_arg_text(&a, before);
        pg_arg_ll(&a, 5000);
        if ((rc = pg_exec_n(s, SQL_AUDIT_PRUNE, &a, &n, "delete old audit entries", errmsg)))
            return rc;
        *deleted += (size_t)n;
        if (n < 5000)
            return RB_OK;
    }
}

void
pg_users_ops(struct store_ops *ops)
{
    ops->user_add = pg_user_add;
    ops->user_get = pg_user_get;
    ops->user_list = pg_user_list;
    ops->user_update = pg_user_update;
    ops->session_create = pg_session_create;
    ops->session_get = pg_session_get;
    ops->session_delete = pg_session_delete;
    ops->token_create = pg_token_create;
    ops->token_get = pg_token_get;
    ops->token_list = pg_token_list;
    ops->token_revoke = pg_token_revoke;
    ops->login_failures = pg_login_failures;
    ops->login_reserve = pg_login_reserve;
    ops->login_known = pg_login_known;
    ops->traces_prune = pg_traces_prune;
    ops->audit_append = pg_audit_append;
    ops->audit_list = pg_audit_list;
    ops->audit_prune = pg_audit_prune;
}
