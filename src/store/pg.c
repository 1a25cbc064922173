/* SPDX-License-Identifier: MIT */
/*
 * The PostgreSQL backend (libpq): one connection per store handle (the server opens a store
 * per request thread, as with SQLite), prepared statements named by the address of their SQL
 * and prepared once per connection (pg_int.h), write transactions with savepoints inside, and
 * the migrations sql/postgres/NNN_name.sql applied at open in one transaction under an
 * advisory lock, so that two servers starting together on a new database do not both
 * migrate it. The table rubric_schema holds the version. The URL is kept for messages with
 * its password masked; the password itself is never printed.
 */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/pg_int.h"
#include "store/store_copy.h"
#include "store/store_impl.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/mem.h"

struct pg_stmt {
    const char *sql; /* NULL: a free slot */
    unsigned name;
};

/* Who a token or session is: each connection keeps the last AUTH_SLOTS tokens and sessions
 * it read (pg_auth_cached, pg_auth_keep), so that a request of a known caller costs no round trip
 * for them. An entry is used while no change was announced since it was read (pg_auth_epoch: a
 * commit of this process is heard before its answer is sent; another server's within the moment
 * PostgreSQL takes to deliver it), for AUTH_TTL seconds at most (a token's last use is written when
 * it is read again), and, for a session, until it expires. */

#define AUTH_SLOTS 8
#define PENDING_MAX 64
#define AUTH_TTL 60

struct auth_slot {
    char hash[65];       /* "" when free */
    bool session;        /* a session's (else an API token's) */
    struct user u;       /* who it is */
    char *csrf;          /* a session's CSRF token */
    long long expires;   /* a session's end, Unix seconds */
    long long until;     /* the entry's own end, monotonic seconds */
    unsigned long epoch; /* pg_auth_epoch when it was read */
};

static void
slot_clear(struct auth_slot *e)
{
    user_cleanup(&e->u);
    free(e->csrf);
    memset(e, 0, sizeof *e);
}

struct pg_store {
    struct store base;
    PGconn *conn;
    char *url;           /* as shown: the password masked */
    struct pg_stmt *tab; /* open addressing by the SQL's address; cap a power of two */
    size_t cap, n;
    unsigned next;           /* the next statement's number */
    int depth;               /* write transactions open: the outermost a BEGIN */
    json_t *kit_exclude;     /* pg_kit_exclude: the ids a kit being built leaves out, or NULL */
    long long gen;           /* the bank generation last read, valid while gen_known and */
    bool gen_known;          /* ... no connection of this process heard of a change since */
    unsigned long gen_epoch; /* (pg_bank_epoch when it was read) */
    bool notified;           /* the schema has the trigger that notifies (else: no caching) */
    bool auth_notified;      /* the schema has the triggers that announce auth changes */
    struct auth_slot *auth;  /* AUTH_SLOTS of them (above), or NULL before the first */
    unsigned auth_next;      /* the slot the next entry takes */
    /* Transaction control not sent yet (BEGIN, SAVEPOINT, RELEASE): it goes with the next
     * statement, in one round trip (a pipeline), and a nested write that ran no statement
     * sends none; a COMMIT needs no RELEASE before it. */
    const char *pending[PENDING_MAX];
    int npending;
};

/* Transaction control (pg_begin, pg_end): named by address, as every statement is. */
static const char SQL_BEGIN[] = "BEGIN";
static const char SQL_BEGIN_SNAPSHOT[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";
static const char SQL_SAVEPOINT[] = "SAVEPOINT nested";
static const char SQL_RELEASE[] = "RELEASE SAVEPOINT nested";
static const char SQL_UNDO_NESTED[] = "ROLLBACK TO SAVEPOINT nested";

static bool
is_begin(const char *sql)
{
    return sql == SQL_BEGIN || sql == SQL_BEGIN_SNAPSHOT;
}

/* Changes to the bank that a connection of this process has heard of (the trigger on
 * bank_generation notifies rubric_bank, to every connection that listens, the committing one
 * too, with its COMMIT): a generation read before the last one is read again, so that a
 * change is served at once by every thread of the server that made it, and by the other
 * servers as soon as PostgreSQL delivers the notification. */
static unsigned long pg_bank_epoch;

/* Changes to who a token or session is (an account, a token, a session changed or went)
 * that a connection of this process has heard of: each announced by the schema's triggers
 * on the channel rubric_auth, to every connection that listens, the committing one too. A
 * cached entry taken before the last change is not used. */
static unsigned long pg_auth_epoch;

/* Any number will do, as long as every rubric takes the same: the migration lock's key. */
#define PG_MIGRATE_LOCK "7465117920123"

void (*store_unavailable_hook)(const char *op);

static struct pg_store *
to_pg(struct store *s)
{
    return (struct pg_store *)s;
}

json_t **
pg_kit_exclude(struct store *s)
{
    return &to_pg(s)->kit_exclude;
}

static enum rb_err flush_pending(struct pg_store *s, char *errmsg);

PGconn *
pg_conn(struct store *base)
{
    struct pg_store *s = to_pg(base);
    char ignore[RB_ERRMSG];
    (void)flush_pending(s, ignore); /* a failure is the next statement's to report */
    return s->conn;
}

const char *
pg_url(struct store *s)
{
    return to_pg(s)->url;
}

enum rb_err
pg_unavailable(const char *op, char *errmsg)
{
    if (store_unavailable_hook)
        store_unavailable_hook(op);
    snprintf(errmsg, RB_ERRMSG,
             "%s is not yet available on PostgreSQL: use a sqlite:PATH store for this", op);
    return RB_ESTORE;
}

/* ---- parameters and rows ------------------------------------------------------------- */

void
pg_arg_text(struct pg_args *a, const char *v)
{
    if (a->n >= PG_ARGS_MAX)
        abort(); /* a statement with more parameters is a bug */
    a->len[a->n] = a->fmt[a->n] = 0;
    a->v[a->n++] = v;
}

void
pg_arg_bytes(struct pg_args *a, const void *v, size_t len)
{
    if (a->n >= PG_ARGS_MAX || len > INT_MAX)
        abort(); /* uploads are capped far below INT_MAX (upload_max) */
    a->len[a->n] = (int)len;
    a->fmt[a->n] = 1;
    a->v[a->n++] = len ? v : "";
    a->binary = true;
}

void
pg_arg_ll(struct pg_args *a, long long v)
{
    if (a->n >= PG_ARGS_MAX)
        abort();
    snprintf(a->num[a->n], sizeof a->num[a->n], "%lld", v);
    a->len[a->n] = a->fmt[a->n] = 0;
    a->v[a->n] = a->num[a->n];
    a->n++;
}

void
pg_arg_bool(struct pg_args *a, bool v)
{
    pg_arg_text(a, v ? "true" : "false");
}

const char *
pg_str(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

char *
pg_dup(const PGresult *r, int row, int col)
{
    const char *v = pg_str(r, row, col);
    return v ? xstrdup(v) : NULL;
}

long long
pg_ll(const PGresult *r, int row, int col)
{
    const char *v = pg_str(r, row, col);
    return v ? strtoll(v, NULL, 10) : 0;
}

double
pg_double(const PGresult *r, int row, int col)
{
    const char *v = pg_str(r, row, col);
    return v ? strtod(v, NULL) : 0;
}

bool
pg_bool(const PGresult *r, int row, int col)
{
    const char *v = pg_str(r, row, col);
    return v && (v[0] == 't' || v[0] == '1');
}

json_t *
pg_json(const PGresult *r, int row, int col, char *errmsg)
{
    json_error_t e;
    const char *v = pg_str(r, row, col);
    json_t *j = v ? json_loads(v, JSON_DECODE_ANY, &e) : json_null();
    if (!j)
        snprintf(errmsg, RB_ERRMSG, "stored JSON is not valid (a bug): %s", e.text);
    return j;
}

/* ---- errors --------------------------------------------------------------------------- */

const char *
pg_state(const PGresult *r)
{
    const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    return st ? st : "";
}

enum rb_err
pg_fail(struct store *base, const PGresult *r, const char *what, char *errmsg)
{
    struct pg_store *s = to_pg(base);
    const char *state = pg_state(r);
    const char *why = r ? PQresultErrorMessage(r) : "";
    size_t len;

    if (!why || !*why)
        why = PQerrorMessage(s->conn);
    len = strcspn(why, "\n"); /* libpq's first line: the rest repeats the statement */
    if (PQstatus(s->conn) == CONNECTION_BAD || strncmp(state, "08", 2) == 0) {
        snprintf(errmsg, RB_ERRMSG,
                 "store %s: %s: the connection to the database was lost (%.*s); check that "
                 "the server runs, then try again",
                 s->url, what, (int)len, why);
        return RB_ESTORE;
    }
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0) {
        snprintf(errmsg, RB_ERRMSG,
                 "store %s is busy (%s: %.*s); try again when the other writer is done", s->url,
                 what, (int)len, why);
        return RB_ESTORE;
    }
    snprintf(errmsg, RB_ERRMSG, "store %s: %s: %.*s", s->url, what, (int)len, why);
    return strncmp(state, "23", 2) == 0 ? RB_ECONFLICT : RB_ESTORE;
}

/* ---- statements ----------------------------------------------------------------------- */

static uintptr_t
slot_of(const struct pg_store *s, const char *sql)
{
    uintptr_t h = (uintptr_t)sql;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ULL;
    return (h >> 7) & (s->cap - 1);
}

static struct pg_stmt *
stmt_find(struct pg_store *s, const char *sql)
{
    for (uintptr_t i = slot_of(s, sql);; i = (i + 1) & (s->cap - 1))
        if (s->tab[i].sql == sql || !s->tab[i].sql)
            return &s->tab[i];
}

static void
stmt_grow(struct pg_store *s)
{
    struct pg_stmt *old = s->tab;
    size_t oldcap = s->cap;
    s->cap = oldcap ? oldcap * 2 : 64;
    s->tab = xcalloc(s->cap, sizeof *s->tab);
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].sql)
            *stmt_find(s, old[i].sql) = old[i];
    free(old);
}

/* Forgets every prepared statement: a reset connection has none. */
static void
stmt_forget(struct pg_store *s)
{
    if (s->tab)
        memset(s->tab, 0, s->cap * sizeof *s->tab);
    s->n = 0;
}

/* The pending transaction control, then the prepared statement name, in one round trip (a
 * pipeline): the statement's result, or the first control statement's failure (NULL when
 * the connection failed before any). The pending list is empty after, whatever happened: a
 * failure is the caller's to roll back. */
static PGresult *
run_piped(struct pg_store *s, const char *name, const struct pg_args *args)
{
    PGresult *out = NULL, *r;
    int n = s->npending;
    bool ok = PQenterPipelineMode(s->conn) == 1;

    for (int i = 0; ok && i < n; i++)
        ok = PQsendQueryParams(s->conn, s->pending[i], 0, NULL, NULL, NULL, NULL, 0) == 1;
    s->npending = 0;
    if (ok && args)
        ok = PQsendQueryPrepared(s->conn, name, args->n, args->v, args->binary ? args->len : NULL,
                                 args->binary ? args->fmt : NULL, args->binary_result ? 1 : 0) == 1;
    else if (ok)
        ok = PQsendQueryPrepared(s->conn, name, 0, NULL, NULL, NULL, 0) == 1;
    ok = ok && PQpipelineSync(s->conn) == 1;
    if (!ok) {
        (void)PQexitPipelineMode(s->conn); /* refused while results wait: the reset clears it */
        return NULL;
    }
    /* each query's results end with a NULL; the statement's is the last, then the sync's */
    for (int q = 0; q <= n; q++)
        while ((r = PQgetResult(s->conn))) {
            ExecStatusType t = PQresultStatus(r);
            if (!out && (q == n || (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)))
                out = r;
            else
                PQclear(r);
        }
    while ((r = PQgetResult(s->conn))) {
        bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        PQclear(r);
        if (sync)
            break;
    }
    (void)PQexitPipelineMode(s->conn);
    return out;
}

/* Sends the pending transaction control now, alone: for what reaches the connection without
 * pg_query (pg_conn's users). */
static enum rb_err
flush_pending(struct pg_store *s, char *errmsg)
{
    struct buf sql;
    PGresult *r;
    enum rb_err rc = RB_OK;
    if (!s->npending)
        return RB_OK;
    buf_init(&sql, 4096);
    for (int i = 0; i < s->npending; i++)
        buf_printf(&sql, "%s%s", i ? "; " : "", s->pending[i]);
    s->npending = 0;
    r = PQexec(s->conn, buf_str(&sql));
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = pg_fail(&s->base, r, "begin", errmsg);
    PQclear(r);
    buf_cleanup(&sql);
    return rc;
}

static PGresult *
run_once(struct pg_store *s, const char *sql, const struct pg_args *args)
{
    struct pg_stmt *st;
    char name[16];

    if ((s->n + 1) * 2 > s->cap)
        stmt_grow(s);
    st = stmt_find(s, sql);
    if (!st->sql) {
        PGresult *p;
        snprintf(name, sizeof name, "rb%u", s->next);
        p = PQprepare(s->conn, name, sql, 0, NULL);
        if (PQresultStatus(p) != PGRES_COMMAND_OK)
            return p;
        PQclear(p);
        st->sql = sql;
        st->name = s->next++;
        s->n++;
    } else {
        snprintf(name, sizeof name, "rb%u", st->name);
    }
    if (s->npending)
        return run_piped(s, name, args);
    if (!args)
        return PQexecPrepared(s->conn, name, 0, NULL, NULL, NULL, 0);
    return PQexecPrepared(s->conn, name, args->n, args->v, args->binary ? args->len : NULL,
                          args->binary ? args->fmt : NULL, args->binary_result ? 1 : 0);
}

/* The channels the schema's triggers notify: on bank_generation, and on the tables that
 * say who a token or session is. */
static const char SQL_LISTEN[] = "LISTEN rubric_bank";
static const char SQL_LISTEN_AUTH[] = "LISTEN rubric_auth";
#define AUTH_CHANNEL "rubric_auth"

/* Takes the notifications that came: from the socket too when consume, else only those
 * libpq has already read (with a result: a commit's own come with it). A change of who a
 * token is moves the process's epoch; any other is the bank's. */
static void
take_notes(struct pg_store *s, bool consume)
{
    PGnotify *note;
    if (consume && !PQconsumeInput(s->conn)) {
        /* the connection is in trouble (the next query will say): notes may be lost */
        __atomic_fetch_add(&pg_bank_epoch, 1, __ATOMIC_RELEASE);
        __atomic_fetch_add(&pg_auth_epoch, 1, __ATOMIC_RELEASE);
        return;
    }
    while ((note = PQnotifies(s->conn))) {
        if (strcmp(note->relname, AUTH_CHANNEL) == 0)
            __atomic_fetch_add(&pg_auth_epoch, 1, __ATOMIC_RELEASE);
        else
            __atomic_fetch_add(&pg_bank_epoch, 1, __ATOMIC_RELEASE);
        PQfreemem(note);
    }
}

static bool
result_ok(const PGresult *r)
{
    ExecStatusType t = PQresultStatus(r);
    return t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK;
}

PGresult *
pg_query(struct store *base, const char *sql, const struct pg_args *args, const char *what,
         enum rb_err *rc, char *errmsg)
{
    struct pg_store *s = to_pg(base);
    /* a transaction whose BEGIN goes with this statement has done nothing on the server yet:
     * like a statement outside one, it may be tried again on a new connection */
    const char *pending[PENDING_MAX];
    int npending = s->npending;
    bool fresh = npending && is_begin(s->pending[0]);
    PGresult *r;

    memcpy(pending, s->pending, (size_t)npending * sizeof *pending);
    r = run_once(s, sql, args);
    if (!result_ok(r) && PQstatus(s->conn) == CONNECTION_BAD && (s->depth == 0 || fresh)) {
        /* the server restarted or dropped us: outside a transaction nothing is lost by
         * connecting again and repeating the statement */
        PQclear(r);
        PQreset(s->conn);
        stmt_forget(s);
        /* a new session: LISTEN again; notes may have been lost */
        __atomic_fetch_add(&pg_bank_epoch, 1, __ATOMIC_RELEASE);
        __atomic_fetch_add(&pg_auth_epoch, 1, __ATOMIC_RELEASE);
        if (s->notified && PQstatus(s->conn) == CONNECTION_OK)
            PQclear(PQexec(s->conn, SQL_LISTEN));
        if (s->auth_notified && PQstatus(s->conn) == CONNECTION_OK)
            PQclear(PQexec(s->conn, SQL_LISTEN_AUTH));
        memcpy(s->pending, pending, (size_t)npending * sizeof *pending);
        s->npending = fresh ? npending : 0;
        r = PQstatus(s->conn) == CONNECTION_OK ? run_once(s, sql, args) : NULL;
    }
    if (r && result_ok(r)) {
        if (s->depth == 0)
            take_notes(s, false); /* a commit's own: before its answer leaves this server */
        *rc = RB_OK;
        return r;
    }
    *rc = pg_fail(base, r, what, errmsg);
    PQclear(r);
    return NULL;
}

enum rb_err
pg_exec(struct store *s, const char *sql, const struct pg_args *args, const char *what,
        char *errmsg)
{
    enum rb_err rc;
    PQclear(pg_query(s, sql, args, what, &rc, errmsg));
    return rc;
}

enum rb_err
pg_exec_n(struct store *s, const char *sql, const struct pg_args *args, long long *changed,
          const char *what, char *errmsg)
{
    enum rb_err rc;
    PGresult *r = pg_query(s, sql, args, what, &rc, errmsg);
    *changed = r ? strtoll(PQcmdTuples(r), NULL, 10) : 0;
    PQclear(r);
    return rc;
}

enum rb_err
pg_scalar(struct store *s, const char *sql, const struct pg_args *args, long long *n,
          const char *what, char *errmsg)
{
    enum rb_err rc;
    PGresult *r = pg_query(s, sql, args, what, &rc, errmsg);
    *n = 0;
    if (!r)
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "store %s: %s: no row", pg_url(s), what);
        rc = RB_ENOTFOUND;
    } else {
        *n = pg_ll(r, 0, 0);
    }
    PQclear(r);
    return rc;
}

/* ---- transactions --------------------------------------------------------------------- */

/* Queues a transaction control statement to go with the next statement (run_piped). */
static enum rb_err
defer(struct pg_store *s, const char *sql, char *errmsg)
{
    enum rb_err rc = RB_OK;
    if (s->npending == PENDING_MAX)
        rc = flush_pending(s, errmsg); /* deeper than any write nests: sent as they are */
    if (!rc)
        s->pending[s->npending++] = sql;
    return rc;
}

/* Transactions begin lazily: BEGIN and SAVEPOINT are sent with the first statement inside
 * them (a write that runs none sends nothing), RELEASE with the next statement after, and
 * not at all before a COMMIT. A scorecard submit, three nested writes deep, was 18 round
 * trips, of which 7 were these. */
enum rb_err
pg_begin(struct store *base, char *errmsg)
{
    struct pg_store *s = to_pg(base);
    enum rb_err rc;
    if (s->depth > 0) {
        rc = defer(s, SQL_SAVEPOINT, errmsg);
        if (!rc)
            s->depth++;
        return rc;
    }
    rc = defer(s, SQL_BEGIN, errmsg);
    if (!rc)
        s->depth = 1;
    return rc;
}

enum rb_err
pg_begin_snapshot(struct store *base, char *errmsg)
{
    struct pg_store *s = to_pg(base);
    enum rb_err rc;
    if (s->depth > 0)
        return pg_begin(base, errmsg); /* inside a transaction: its snapshot it is */
    rc = defer(s, SQL_BEGIN_SNAPSHOT, errmsg);
    if (!rc)
        s->depth = 1;
    return rc;
}

enum rb_err
pg_end(struct store *base, enum rb_err rc, char *errmsg)
{
    struct pg_store *s = to_pg(base);
    char ignore[RB_ERRMSG];
    if (s->depth > 1) {
        s->depth--;
        /* its SAVEPOINT still waiting: it ran nothing, so there is nothing to undo or end */
        if (s->npending && s->pending[s->npending - 1] == SQL_SAVEPOINT) {
            s->npending--;
            return rc;
        }
        if (rc) {
            if (!defer(s, SQL_UNDO_NESTED, ignore))
                (void)defer(s, SQL_RELEASE, ignore);
            return rc;
        }
        return defer(s, SQL_RELEASE, errmsg);
    }
    if (s->depth == 0)
        return rc;
    /* a COMMIT ends every savepoint: the RELEASEs waiting before it need not go */
    while (s->npending && s->pending[s->npending - 1] == SQL_RELEASE)
        s->npending--;
    /* its BEGIN still waiting: nothing ran, nothing to commit or roll back */
    if (s->npending && is_begin(s->pending[0]) && s->npending == 1) {
        s->npending = 0;
        s->depth = 0;
        return rc;
    }
    if (rc == RB_OK) {
        /* still inside the transaction while the COMMIT runs: a connection lost under it
         * is not connected again to repeat the COMMIT alone, which would answer that
         * nothing was lost */
        rc = pg_exec(base, SQL_COMMIT, NULL, "commit", errmsg);
        s->depth = 0;
        if (rc == RB_OK) {
            take_notes(s, false); /* its own notifications: before its answer leaves */
            return rc;
        }
    }
    s->depth = 0;
    s->npending = 0; /* what was still to be sent, the rollback makes moot */
    if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
        pg_exec(base, SQL_ROLLBACK, NULL, "roll back", ignore);
    return rc;
}

/* ---- migrations ----------------------------------------------------------------------- */

#define MIGRATION_DIR "sql/postgres/"

static int
migration_version(const char *name)
{
    const char *b = name + strlen(MIGRATION_DIR);
    int v = 0;
    for (int i = 0; i < 3; i++) {
        if (b[i] < '0' || b[i] > '9')
            return 0;
        v = v * 10 + (b[i] - '0');
    }
    return v;
}

static const struct embedded_file *
migration_file(int v)
{
    for (size_t i = 0; i < embedded_nfiles; i++)
        if (strncmp(embedded_files[i].name, MIGRATION_DIR, strlen(MIGRATION_DIR)) == 0 &&
            migration_version(embedded_files[i].name) == v)
            return &embedded_files[i];
    return NULL;
}

int
pg_schema_latest(void)
{
    int v = 0;
    while (migration_file(v + 1))
        v++;
    return v;
}

/* The version (0: no schema yet), or -1 with errmsg set. Not prepared statements: the table
 * they read appears during the first open. */
static int
read_version(struct pg_store *s, char *errmsg)
{
    PGresult *r = PQexec(s->conn, "SELECT to_regclass('rubric_schema') IS NOT NULL");
    int v = -1;
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        pg_fail(&s->base, r, "read the schema version", errmsg);
    } else if (!pg_bool(r, 0, 0)) {
        v = 0;
    } else {
        PQclear(r);
        r = PQexec(s->conn, "SELECT coalesce(max(version), 0) FROM rubric_schema");
        if (PQresultStatus(r) != PGRES_TUPLES_OK)
            pg_fail(&s->base, r, "read the schema version", errmsg);
        else
            v = (int)pg_ll(r, 0, 0);
    }
    PQclear(r);
    return v;
}

/* Runs a whole script (several statements) with the simple query protocol. */
static enum rb_err
run_script(struct pg_store *s, const char *sql, const char *what, char *errmsg)
{
    PGresult *r = PQexec(s->conn, sql);
    enum rb_err rc = RB_OK;
    if (!result_ok(r))
        rc = pg_fail(&s->base, r, what, errmsg);
    PQclear(r);
    return rc;
}

static enum rb_err
migrate(struct pg_store *s, char *errmsg)
{
    int latest = pg_schema_latest(), have;
    enum rb_err rc;
    char ignore[RB_ERRMSG], what[96];
    struct buf sql;

    /* A database already current takes no lock: every request thread opens its own
     * connection, and the version only grows. */
    have = read_version(s, errmsg);
    if (have < 0)
        return RB_ESTORE;
    if (have == latest)
        return RB_OK;
    rc = run_script(s,
                    "BEGIN; SELECT pg_advisory_xact_lock(" PG_MIGRATE_LOCK "); "
                    "CREATE TABLE IF NOT EXISTS rubric_schema (version integer NOT NULL)",
                    "begin migration", errmsg);
    if (rc)
        goto out;
    have = read_version(s, errmsg);
    if (have < 0) {
        rc = RB_ESTORE;
        goto out;
    }
    if (have > latest) {
        snprintf(errmsg, RB_ERRMSG,
                 "store %s has schema version %d, newer than the %d this rubric knows: use the "
                 "newer rubric that wrote it",
                 s->url, have, latest);
        rc = RB_ESTORE;
        goto out;
    }
    for (int v = have + 1; v <= latest && !rc; v++) {
        const struct embedded_file *f = migration_file(v);
        buf_init(&sql, f->len + 96);
        buf_append(&sql, f->data, f->len);
        buf_printf(&sql, ";\nDELETE FROM rubric_schema; INSERT INTO rubric_schema VALUES (%d);", v);
        snprintf(what, sizeof what, "migration %s failed", f->name);
        rc = run_script(s, buf_str(&sql), what, errmsg);
        buf_cleanup(&sql);
    }
    if (!rc)
        rc = run_script(s, "COMMIT", "commit migration", errmsg);
out:
    if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
        run_script(s, "ROLLBACK", "roll back migration", ignore);
    return rc;
}

/* ---- open and close ------------------------------------------------------------------- */

static struct store_ops pg_ops;

static void
pg_close(struct store *base)
{
    struct pg_store *s = to_pg(base);
    PQfinish(s->conn);
    for (unsigned i = 0; s->auth && i < AUTH_SLOTS; i++)
        slot_clear(&s->auth[i]);
    free(s->auth);
    json_decref(s->kit_exclude);
    free(s->tab);
    free(s->url);
    free(s);
}

static int
pg_schema_version(struct store *base)
{
    char ignore[RB_ERRMSG];
    return read_version(to_pg(base), ignore);
}

static const char SQL_PING[] = "SELECT 1";
static const char SQL_GENERATION[] = "SELECT n FROM bank_generation WHERE id = 1";

static enum rb_err
pg_ping(struct store *s, char *errmsg)
{
    return pg_exec(s, SQL_PING, NULL, "ping", errmsg);
}

/* This session's commits return before their WAL is flushed (synchronous_commit = off). */
static const char SQL_CACHE_WRITES[] = "SELECT set_config('synchronous_commit', 'off', false)";

static enum rb_err
pg_cache_writes(struct store *s, char *errmsg)
{
    return pg_exec(s, SQL_CACHE_WRITES, NULL, "cache writes", errmsg);
}

/* The generation, read from the database only when it may have changed: a connection of
 * this process heard of a change (pg_bank_epoch), or this one is inside a transaction (which
 * may have changed it itself). A cached question GET costs no round trip for it then, and
 * other writes of the process (a scorecard, the screening worker's claims) do not make
 * every connection read it again. */
static enum rb_err
pg_bank_generation(struct store *base, long long *n, char *errmsg)
{
    struct pg_store *s = to_pg(base);
    unsigned long epoch;
    enum rb_err rc;

    take_notes(s, true);
    epoch = __atomic_load_n(&pg_bank_epoch, __ATOMIC_ACQUIRE);
    if (s->gen_known && s->depth == 0 && s->gen_epoch == epoch) {
        *n = s->gen;
        return RB_OK;
    }
    rc = pg_scalar(base, SQL_GENERATION, NULL, n, "bank generation", errmsg);
    /* a notification that came with the answer may tell of a change it did not see */
    s->gen_known = !rc && s->depth == 0 && s->notified &&
                   __atomic_load_n(&pg_bank_epoch, __ATOMIC_ACQUIRE) == epoch;
    s->gen = *n;
    s->gen_epoch = epoch;
    return rc;
}

static long long
mono_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec;
}

static void
user_copy(struct user *to, const struct user *from)
{
    *to = *from;
    to->email = from->email ? xstrdup(from->email) : NULL;
    to->name = from->name ? xstrdup(from->name) : NULL;
    to->created_at = from->created_at ? xstrdup(from->created_at) : NULL;
}

unsigned long
pg_auth_epoch_now(struct store *base)
{
    struct pg_store *s = to_pg(base);
    if (s->auth_notified && s->depth == 0)
        take_notes(s, true);
    return __atomic_load_n(&pg_auth_epoch, __ATOMIC_ACQUIRE);
}

bool
pg_auth_cached(struct store *base, const char *hash, bool session, long long now, struct user *u,
               char **csrf)
{
    struct pg_store *s = to_pg(base);
    unsigned long epoch;
    long long mono;

    if (!s->auth || !s->auth_notified || s->depth != 0)
        return false;
    epoch = pg_auth_epoch_now(base);
    mono = mono_seconds();
    for (unsigned i = 0; i < AUTH_SLOTS; i++) {
        struct auth_slot *e = &s->auth[i];
        if (!e->hash[0] || e->session != session || strcmp(e->hash, hash) != 0)
            continue;
        if (e->epoch != epoch || e->until <= mono || (session && e->expires <= now)) {
            slot_clear(e);
            return false;
        }
        user_copy(u, &e->u);
        if (csrf)
            *csrf = xstrdup(e->csrf);
        return true;
    }
    return false;
}

void
pg_auth_keep(struct store *base, const char *hash, bool session, long long expires,
             const struct user *u, const char *csrf, unsigned long epoch)
{
    struct pg_store *s = to_pg(base);
    struct auth_slot *e;

    if (!s->auth_notified || s->depth != 0 || strlen(hash) >= sizeof e->hash)
        return;
    if (!s->auth)
        s->auth = xcalloc(AUTH_SLOTS, sizeof *s->auth);
    e = &s->auth[s->auth_next++ % AUTH_SLOTS];
    slot_clear(e);
    memcpy(e->hash, hash, strlen(hash) + 1);
    e->session = session;
    user_copy(&e->u, u);
    e->csrf = csrf ? xstrdup(csrf) : NULL;
    e->expires = expires;
    e->until = mono_seconds() + AUTH_TTL;
    e->epoch = epoch;
}

static void
ops_build(void)
{
    pg_ops.name = "postgresql";
    pg_ops.copy = &pg_copy_ops;
    pg_ops.close = pg_close;
    pg_ops.schema_version = pg_schema_version;
    pg_ops.tx_begin = pg_begin;
    pg_ops.tx_end = pg_end;
    pg_ops.ping = pg_ping;
    pg_ops.cache_writes = pg_cache_writes;
    pg_ops.bank_generation = pg_bank_generation;
    pg_users_ops(&pg_ops);
    pg_bank_ops(&pg_ops);
    pg_hiring_ops(&pg_ops);
    pg_roles_ops(&pg_ops);
    pg_practice_ops(&pg_ops);
    pg_loops_ops(&pg_ops);
    pg_openings_ops(&pg_ops);
    pg_mail_ops(&pg_ops);
    pg_fairness_ops(&pg_ops);
    pg_privacy_ops(&pg_ops);
    pg_copy_ops_set(&pg_ops);
}

enum rb_err
pg_store_open(const char *url, struct store **out, char *errmsg)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    /* Defaults first: what the URL says overrides them (expand_dbname). A statement waits
     * 5 s at most for another session's lock, as SQLite's busy timeout does, then fails as
     * "busy" (55P03), so that a request held up by a long writer gets a 503 with Retry-After
     * instead of hanging; set as a startup option, RESET returns to it. */
    const char *keys[] = {"application_name", "connect_timeout", "client_encoding",
                          "options",          "dbname",          NULL};
    const char *vals[] = {"rubric", "10", "UTF8", "-c lock_timeout=5s", url, NULL};
    char shown[512];
    struct pg_store *s;
    enum rb_err rc;

    *out = NULL;
    pthread_once(&once, ops_build);
    s = xcalloc(1, sizeof *s);
    s->base.ops = &pg_ops;
    s->url = xstrdup(store_url_redacted(url, shown, sizeof shown));
    s->conn = PQconnectdbParams(keys, vals, 1);
    if (!s->conn || PQstatus(s->conn) != CONNECTION_OK) {
        const char *why = s->conn ? PQerrorMessage(s->conn) : "out of memory";
        snprintf(errmsg, RB_ERRMSG,
                 "cannot open store %s: %.*s; check the URL, that the server runs and that it "
                 "lets this user in",
                 s->url, (int)strcspn(why, "\n"), why);
        rc = RB_ESTORE;
        goto err;
    }
    /* times are computed in UTC by the SQL itself; this keeps any timestamptz a caller
     * might print in UTC as well */
    rc = run_script(s, "SET TIME ZONE 'UTC'", "configure", errmsg);
    if (!rc)
        rc = migrate(s, errmsg);
    if (rc)
        goto err;
    {
        /* The generation is kept with the connection only where the schema has the trigger
         * that notifies and this is not a standby (which refuses LISTEN and replays no
         * notification): elsewhere it is read every time, as before. */
        PGresult *r =
            PQexec(s->conn,
                   "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = "
                   "'bank_generation_notify') AND NOT pg_is_in_recovery(), "
                   "(SELECT count(*) = 3 FROM pg_trigger WHERE tgname IN ('account_auth_notify', "
                   "'api_token_auth_notify', 'session_auth_notify')) AND NOT pg_is_in_recovery()");
        s->notified = PQresultStatus(r) == PGRES_TUPLES_OK && pg_bool(r, 0, 0);
        s->auth_notified = PQresultStatus(r) == PGRES_TUPLES_OK && pg_bool(r, 0, 1);
        PQclear(r);
    }
    if (s->notified && (rc = run_script(s, SQL_LISTEN, "listen for bank changes", errmsg)))
        goto err;
    if (s->auth_notified &&
        (rc = run_script(s, SQL_LISTEN_AUTH, "listen for token changes", errmsg)))
        goto err;
    *out = &s->base;
    return RB_OK;
err:
    pg_close(&s->base);
    return rc;
}
