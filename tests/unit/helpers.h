/* SPDX-License-Identifier: MIT */
/* What the unit tests share. */
#ifndef RUBRIC_TESTS_HELPERS_H
#define RUBRIC_TESTS_HELPERS_H

#include <stdbool.h>
#include <string.h>

#include "store/store.h"
#include "util/diag.h"

/* The shared store tests run on every backend (tests/unit/store_url.c). Without the
 * environment variable RUBRIC_TEST_PG they open the SQLite URL they name. With it (a
 * PostgreSQL URL, such as tests/pg/cluster prints), every store a test opens is one fresh
 * schema in that database, made on the test's first open and dropped when the test's process
 * ends, and an operation the backend does not have yet skips the test by name instead of
 * failing it (store_unavailable_hook). */
enum rb_err test_store_open(const char *sqlite_url, struct store **out, char *errmsg);
/* The next test_store_open opens a new, empty store (on SQLite: its URL says which). */
void test_store_next(void);
/* Whether the tests run on PostgreSQL. */
bool test_on_pg(void);
/* Skips the running test when it runs on PostgreSQL: for what only SQLite has (its files). */
void test_sqlite_only(const char *why);
/* Runs sql in the running test's PostgreSQL schema (test_on_pg only); aborts the test when it
 * fails. */
void test_pg_exec(const char *sql);

/* Whether d holds a problem at line (0: any line) whose message contains needle. */
static inline bool
has_problem(const struct diags *d, int line, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if ((line == 0 || d->items[i].line == line) && strstr(d->items[i].msg, needle))
            return true;
    return false;
}

#endif
