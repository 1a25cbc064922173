/* SPDX-License-Identifier: MIT */
/* The shared store tests' way to a store on either backend (helpers.h): a fresh PostgreSQL
 * schema per test when RUBRIC_TEST_PG is set. libpq is used here only to make and drop the
 * schema; the tests reach the store through store.h like everyone else. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

static char schema[64];  /* the one the test opens now; "" until its first open */
static char made[8][64]; /* every one made in this process, dropped at its end */
static size_t nmade;
static char pg_url[1024];

bool
test_on_pg(void)
{
    const char *v = getenv("RUBRIC_TEST_PG");
    return v && *v;
}

void
test_sqlite_only(const char *why)
{
    if (test_on_pg())
        cr_skip_test("SQLite only: %s", why);
}

static void
unavailable(const char *op)
{
    cr_skip_test("%s is not yet available on PostgreSQL", op);
}

static PGconn *
admin(void)
{
    PGconn *c = PQconnectdb(getenv("RUBRIC_TEST_PG"));
    cr_assert_eq(PQstatus(c), CONNECTION_OK, "RUBRIC_TEST_PG: %s", PQerrorMessage(c));
    return c;
}

static void
run(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType t = PQresultStatus(r);
    cr_assert(t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK, "%s: %s", sql,
              PQresultErrorMessage(r));
    PQclear(r);
}

static void
drop_schemas(void)
{
    char sql[128];
    PGconn *c = PQconnectdb(getenv("RUBRIC_TEST_PG"));
    if (PQstatus(c) == CONNECTION_OK) {
        PQclear(PQexec(c, "SET client_min_messages = warning"));
        for (size_t i = 0; i < nmade; i++) {
            snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", made[i]);
            PQclear(PQexec(c, sql));
        }
    }
    PQfinish(c);
    nmade = 0;
}

void
test_store_next(void)
{
    *schema = '\0';
}

/* The test's schema and the URL that opens it, made on first use in this process (Criterion
 * runs each test in a process of its own). */
static const char *
schema_url(void)
{
    const char *base = getenv("RUBRIC_TEST_PG");
    char sql[128];
    PGconn *c;
    if (*schema)
        return pg_url;
    cr_assert_lt(nmade, sizeof made / sizeof made[0], "too many stores in one test");
    snprintf(schema, sizeof schema, "t%d_%zu", (int)getpid(), nmade);
    c = admin();
    /* quiet: CASCADE's notices are not news */
    run(c, "SET client_min_messages = warning");
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", schema);
    run(c, sql);
    PQfinish(c);
    if (nmade == 0)
        atexit(drop_schemas);
    snprintf(made[nmade++], sizeof made[0], "%s", schema);
    snprintf(pg_url, sizeof pg_url, "%s%coptions=-csearch_path%%3D%s", base,
             strchr(base, '?') ? '&' : '?', schema);
    store_unavailable_hook = unavailable;
    return pg_url;
}

enum rb_err
test_store_open(const char *sqlite_url, struct store **out, char *errmsg)
{
    return store_open(test_on_pg() ? schema_url() : sqlite_url, out, errmsg);
}

void
test_pg_exec(const char *sql)
{
    char set[128];
    PGconn *c;
    cr_assert(test_on_pg());
    schema_url();
    c = admin();
    snprintf(set, sizeof set, "SET search_path = %s", schema);
    run(c, set);
    run(c, sql);
    PQfinish(c);
}
