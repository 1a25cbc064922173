/* SPDX-License-Identifier: MIT */
/*
 * Fault injection in SQLite's own style: each multi-statement write of the store is run with
 * its Nth row write failing, for every N until it succeeds, and after each failure the store
 * must be exactly as it was and the error must say what failed. The faults come from
 * triggers the test adds to every table of a real store (a countdown in a table of its own),
 * so the store's code carries no hook.
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/auth.h"
#include "store/store.h"
#include "util/buf.h"

static char dir[64], path[96];
static struct store *s;
static sqlite3 *raw;

static void
exec_raw(const char *sql)
{
    char *err = NULL;
    cr_assert_eq(sqlite3_exec(raw, sql, NULL, NULL, &err), SQLITE_OK, "%s: %s", sql, err);
}

/* A trigger before every write of every table: the countdown's Nth write raises. */
static void
install_faults(void)
{
    sqlite3_stmt *st;
    struct buf sql;
    const char *ev[] = {"INSERT", "UPDATE", "DELETE"};
    exec_raw("CREATE TABLE fault_countdown (n INTEGER NOT NULL); "
             "INSERT INTO fault_countdown VALUES (-1)");
    cr_assert_eq(sqlite3_prepare_v2(raw,
                                    "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                    "name NOT LIKE 'sqlite_%' AND name NOT LIKE 'question_fts%' "
                                    "AND name != 'fault_countdown' AND sql NOT LIKE 'CREATE "
                                    "VIRTUAL%'",
                                    -1, &st, NULL),
                 SQLITE_OK);
    buf_init(&sql, 1u << 20);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        for (int i = 0; i < 3; i++)
            buf_printf(&sql,
                       "CREATE TRIGGER \"fault_%s_%d\" BEFORE %s ON \"%s\" BEGIN "
                       "UPDATE fault_countdown SET n = n - 1 WHERE n > 0; "
                       "SELECT RAISE(ABORT, 'injected fault') "
                       "WHERE (SELECT n FROM fault_countdown) = 0; END;\n",
                       t, i, ev[i], t);
    }
    sqlite3_finalize(st);
    exec_raw(buf_str(&sql));
    buf_cleanup(&sql);
}

static void
arm(int n)
{
    char sql[80];
    snprintf(sql, sizeof sql, "UPDATE fault_countdown SET n = %d", n);
    exec_raw(sql);
}

/* Every row of every table but the countdown, in a stable order, as text. */
static char *
snapshot(void)
{
    sqlite3_stmt *tables, *st;
    struct buf out;
    buf_init(&out, 1u << 26);
    cr_assert_eq(sqlite3_prepare_v2(raw,
                                    "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                    "name NOT LIKE 'sqlite_%' AND name != 'fault_countdown' "
                                    "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                    -1, &tables, NULL),
                 SQLITE_OK);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(tables, 0);
        char q[200];
        int ncol;
        snprintf(q, sizeof q, "SELECT * FROM \"%s\"", t);
        cr_assert_eq(sqlite3_prepare_v2(raw, q, -1, &st, NULL), SQLITE_OK);
        ncol = sqlite3_column_count(st);
        sqlite3_finalize(st);
        /* ordered by every column: WITHOUT ROWID tables too */
        snprintf(q, sizeof q, "SELECT * FROM \"%s\" ORDER BY 1", t);
        for (int c = 2; c <= ncol && c < 10; c++)
            snprintf(q + strlen(q), sizeof q - strlen(q), ", %d", c);
        cr_assert_eq(sqlite3_prepare_v2(raw, q, -1, &st, NULL), SQLITE_OK, "%s", q);
        buf_printf(&out, "%s\n", t);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < ncol; c++) {
                const unsigned char *v = sqlite3_column_text(st, c);
                buf_printf(&out, "%s|", v ? (const char *)v : "NULL");
            }
            buf_putc(&out, '\n');
        }
        sqlite3_finalize(st);
    }
    sqlite3_finalize(tables);
    return buf_take(&out);
}

static long long user_id;

static void
setup(void)
{
    char url[128], msg[RB_ERRMSG];
    snprintf(dir, sizeof dir, "/tmp/rubric-faults-%d-XXXXXX", (int)getpid());
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.db", dir);
    snprintf(url, sizeof url, "sqlite:%s", path);
    cr_assert_eq(store_open(url, &s, msg), RB_OK, "%s", msg);
    cr_assert_eq(auth_user_add(s, "ola@example.org", NULL, USER_RECRUITER, "a-long-password", 15,
                               &user_id, msg),
                 RB_OK, "%s", msg);
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    sqlite3_busy_timeout(raw, 5000);
    install_faults();
}

static void
teardown(void)
{
    char cmd[96];
    sqlite3_close(raw);
    store_close(s);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(faults, .init = setup, .fini = teardown);

/* A write under test: its error, with errmsg. */
typedef enum rb_err (*write_fn)(char *errmsg);

/* Runs w with its Nth row write failing, N = 1, 2, ... until it succeeds: each failure must
 * leave the store as it was and say so; returns how many writes it makes. */
static int
every_fault(const char *what, write_fn w)
{
    char msg[RB_ERRMSG];
    int n;
    for (n = 1; n < 200; n++) {
        char *before = snapshot(), *after;
        enum rb_err rc;
        arm(n);
        msg[0] = '\0';
        rc = w(msg);
        arm(-1);
        if (rc == RB_OK) {
            free(before);
            break;
        }
        after = snapshot();
        cr_assert_str_eq(after, before, "%s: write %d failing changed the store", what, n);
        cr_assert(strstr(msg, "injected fault"), "%s: write %d failing says '%s'", what, n, msg);
        free(before);
        free(after);
    }
    cr_assert_lt(n, 200, "%s never succeeded", what);
    return n - 1;
}

static long long cand;

static enum rb_err
add_candidate(char *msg)
{
    struct candidate_new c = {.name = "Test Person", .email = "t.person@example.org"};
    return store_candidate_add(s, &c, &cand, msg);
}

static enum rb_err
change_stage(char *msg)
{
    return store_candidate_stage(s, cand, "screened", user_id, "ola@example.org", "a reason", msg);
}

static enum rb_err
audit_list(char *msg)
{
    long long ids[] = {1, 2, 3};
    return store_audit_append(s, NULL, "view", ids, 3, "candidate list", msg);
}

static enum rb_err
new_password(char *msg)
{
    return auth_password_set(s, user_id, "another-long-password", 21, msg);
}

/* a change and its audit entry in one transaction, the store's calls nested in it */
static enum rb_err
change_with_entry(char *msg)
{
    long long id = 0;
    struct candidate_new c = {.name = "Second Person"};
    enum rb_err rc = store_tx_begin(s, msg);
    if (rc)
        return rc;
    rc = store_candidate_add(s, &c, &id, msg);
    rc = rc ? rc : store_audit_append(s, NULL, "create", &id, 1, "candidate", msg);
    return store_tx_end(s, rc, msg);
}

static enum rb_err
erase(char *msg)
{
    struct erase_result r = {0};
    enum rb_err rc = store_candidate_erase(s, cand, NULL, &r, msg);
    erase_result_cleanup(&r);
    return rc;
}

Test(faults, every_multi_statement_write_is_all_or_nothing)
{
    char msg[RB_ERRMSG], tok[65];
    long long tid;
    cr_assert_geq(every_fault("candidate add", add_candidate), 2);
    cr_assert_geq(every_fault("stage change", change_stage), 2);
    cr_assert_geq(every_fault("audit entry of a list", audit_list), 4);
    /* a session and a token for the password change to end */
    memset(tok, 'a', 64);
    tok[64] = '\0';
    cr_assert_eq(store_session_create(s, user_id, tok, "csrf", 1, 1LL << 40, msg), RB_OK);
    tok[0] = 'b';
    cr_assert_eq(store_token_create(s, user_id, "ci", tok, &tid, msg), RB_OK);
    cr_assert_geq(every_fault("password change", new_password), 3);
    cr_assert_geq(every_fault("change with its audit entry", change_with_entry), 3);
    cr_assert_geq(every_fault("erase", erase), 3);
}
