/* SPDX-License-Identifier: MIT */
/* Copying a whole store (store/store_copy.c): the list of tables fits the schema, and a table
 * it lacks stops every copy; a copy through a SQLite file and back compares equal and keeps
 * awkward text whole; a destination with rows is refused; a copy that does not compare equal
 * is rolled back. The "lane" store is SQLite, or PostgreSQL when RUBRIC_TEST_PG is set
 * (helpers.h), so that make check-pg runs the same tests across the two backends. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/bank.h"
#include "helpers.h"
#include "store/store.h"

static char dir[64];
static char lane_path[96], lane_url[112];

static void
setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/rubric-copy-%d-XXXXXX", (int)getpid());
    cr_assert_not_null(mkdtemp(dir));
    snprintf(lane_path, sizeof lane_path, "%s/lane.db", dir);
    snprintf(lane_url, sizeof lane_url, "sqlite:%s", lane_path);
}

static void
teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(store_copy, .init = setup, .fini = teardown);

/* A store in the test's folder, always SQLite. */
static struct store *
open_sqlite(const char *name)
{
    char u[160], msg[RB_ERRMSG] = "";
    struct store *s;
    snprintf(u, sizeof u, "sqlite:%s/%s", dir, name);
    cr_assert_eq(store_open(u, &s, msg), RB_OK, "%s", msg);
    return s;
}

/* The lane's store: a SQLite file, or a fresh PostgreSQL schema. */
static struct store *
open_lane(void)
{
    char msg[RB_ERRMSG] = "";
    struct store *s;
    cr_assert_eq(test_store_open(lane_url, &s, msg), RB_OK, "%s", msg);
    return s;
}

/* A second store of the lane (lane_exec no longer reaches the first). */
static struct store *
open_lane_again(void)
{
    char u[160], msg[RB_ERRMSG] = "";
    struct store *s;
    snprintf(u, sizeof u, "sqlite:%s/lane2.db", dir);
    test_store_next();
    cr_assert_eq(test_store_open(u, &s, msg), RB_OK, "%s", msg);
    return s;
}

/* Runs sql in the lane's store, behind the store's back. */
static void
lane_exec(const char *sqlite_sql, const char *pg_sql)
{
    sqlite3 *db;
    if (test_on_pg()) {
        test_pg_exec(pg_sql);
        return;
    }
    cr_assert_eq(sqlite3_open(lane_path, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db, sqlite_sql, NULL, NULL, NULL), SQLITE_OK, "%s",
                 sqlite3_errmsg(db));
    sqlite3_close(db);
}

static long long
add_candidate(struct store *s, const char *name, const char *email)
{
    struct candidate_new c = {.name = name, .email = email, .role = "backend-engineer"};
    char msg[RB_ERRMSG] = "";
    long long id = 0;
    cr_assert_eq(store_candidate_add(s, &c, &id, msg), RB_OK, "%s", msg);
    return id;
}

static size_t
candidates(struct store *s)
{
    json_t *items = NULL;
    size_t total = 0;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(store_candidate_list(s, NULL, NULL, 100, 0, &items, &total, msg), RB_OK, "%s",
                 msg);
    json_decref(items);
    return total;
}

/* A store with the small bank and candidates whose text COPY and SQL must carry whole. */
static void
fill(struct store *s)
{
    struct bank b;
    struct diags d;
    struct load_result r;
    char msg[RB_ERRMSG] = "";

    bank_init(&b);
    diags_init(&d, 0);
    cr_assert_eq(bank_read_dir(&b, "tests/data/bank-small", &d, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_bank_load(s, &b, &r, msg), RB_OK, "%s", msg);
    bank_cleanup(&b);
    diags_cleanup(&d);
    add_candidate(s, "Zoë Tab\there", "zoe@example.org");
    add_candidate(s, "Line\nBreak \\N Back\\slash", NULL);
    add_candidate(s, "Ōtsuka \"Quoted\" 'Name'\r", "o@example.org");
}

static void
cr_progress(void *ctx, const char *phase, const char *table, long long rows, bool done)
{
    (void)phase;
    (void)table;
    (void)rows;
    if (done)
        ++*(int *)ctx;
}

Test(store_copy, the_list_of_tables_fits_the_schema)
{
    struct store *s = open_lane();
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(store_copy_check(s, msg), RB_OK, "%s", msg);
    store_close(s);
}

Test(store_copy, a_table_the_list_lacks_stops_the_copy_and_names_it)
{
    struct store *s = open_lane(), *to = open_sqlite("to.db");
    char msg[RB_ERRMSG] = "";

    add_candidate(s, "Ada Listed", NULL);
    lane_exec("CREATE TABLE resume_original (hash TEXT PRIMARY KEY, bytes BLOB)",
              "CREATE TABLE resume_original (hash text PRIMARY KEY, bytes bytea)");
    cr_assert_eq(store_copy_check(s, msg), RB_EINTERNAL);
    cr_assert_not_null(strstr(msg, "'resume_original'"), "%s", msg);
    cr_assert_not_null(strstr(msg, "src/store/store_copy.c"), "%s", msg);
    cr_assert_eq(store_copy(s, to, STORE_COPY_EMPTY, NULL, NULL, msg), RB_EINTERNAL);
    cr_assert_not_null(strstr(msg, "'resume_original'"), "%s", msg);
    cr_assert_eq(candidates(to), 0, "nothing was copied");
    store_close(to);
    store_close(s);
}

Test(store_copy, a_round_trip_through_sqlite_compares_equal_and_keeps_text_whole)
{
    struct store *a = open_lane(), *mid = open_sqlite("mid.db"), *c;
    char msg[RB_ERRMSG] = "";
    json_t *ja = NULL, *jc = NULL;
    int tables = 0;
    long long next;

    fill(a);
    cr_assert_eq(store_copy(a, mid, STORE_COPY_EMPTY, cr_progress, &tables, msg), RB_OK, "%s", msg);
    cr_assert_gt(tables, 40, "progress heard of every table, twice (copy, verify)");
    c = open_lane_again();
    cr_assert_eq(store_copy(mid, c, STORE_COPY_EMPTY, NULL, NULL, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_compare(a, c, NULL, NULL, msg), RB_OK, "%s", msg);
    for (long long id = 1; id <= 3; id++) {
        cr_assert_eq(store_candidate_get(a, id, &ja, msg), RB_OK, "%s", msg);
        cr_assert_eq(store_candidate_get(c, id, &jc, msg), RB_OK, "%s", msg);
        cr_assert(json_equal(json_object_get(ja, "name"), json_object_get(jc, "name")),
                  "candidate %lld's name: %s", id, json_string_value(json_object_get(jc, "name")));
        json_decref(ja);
        json_decref(jc);
    }
    /* the copy's ids go on where the source's stopped */
    next = add_candidate(c, "Ada Next", NULL);
    cr_assert_eq(next, 4);
    cr_assert_eq(store_compare(a, c, NULL, NULL, msg), RB_ECONFLICT);
    cr_assert_not_null(strstr(msg, "table candidate differs: 3 rows in the first store, 4 in"),
                       "%s", msg);
    store_close(c);
    store_close(mid);
    store_close(a);
}

Test(store_copy, a_destination_with_rows_is_refused_and_left_alone)
{
    struct store *from = open_sqlite("from.db"), *to = open_lane();
    char msg[RB_ERRMSG] = "";

    add_candidate(from, "Ada Source", NULL);
    add_candidate(to, "Grace Already", NULL);
    cr_assert_eq(store_copy(from, to, STORE_COPY_EMPTY, NULL, NULL, msg), RB_ECONFLICT);
    cr_assert_not_null(strstr(msg, "not empty (its table candidate holds 1 row)"), "%s", msg);
    cr_assert_eq(candidates(to), 1);
    /* replacing is what a restore does */
    cr_assert_eq(store_copy(from, to, STORE_COPY_REPLACE, NULL, NULL, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_compare(from, to, NULL, NULL, msg), RB_OK, "%s", msg);
    store_close(to);
    store_close(from);
}

Test(store_copy, a_copy_that_does_not_compare_equal_is_rolled_back)
{
    struct store *from = open_sqlite("from.db"), *to = open_lane();
    char msg[RB_ERRMSG] = "";

    add_candidate(from, "Ada Quiet", NULL);
    /* the destination changes what it is given: the comparison must see it */
    lane_exec("CREATE TRIGGER shout AFTER INSERT ON candidate BEGIN "
              "UPDATE candidate SET name = upper(new.name) WHERE id = new.id; END",
              "CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
              "NEW.name := upper(NEW.name); RETURN NEW; END $$; "
              "CREATE TRIGGER shout BEFORE INSERT ON candidate FOR EACH ROW "
              "EXECUTE FUNCTION shout()");
    cr_assert_eq(store_copy(from, to, STORE_COPY_EMPTY, NULL, NULL, msg), RB_ESTORE);
    cr_assert_not_null(strstr(msg, "table candidate differs"), "%s", msg);
    cr_assert_not_null(strstr(msg, "rolled back"), "%s", msg);
    cr_assert_eq(candidates(to), 0, "nothing of the copy stayed");
    store_close(to);
    store_close(from);
}

Test(store_copy, a_table_listed_before_one_it_references_stops_the_copy)
{
    struct store *s = open_lane();
    char msg[RB_ERRMSG] = "";

    /* rows of competency would be copied before the candidates they point at */
    lane_exec("ALTER TABLE competency ADD COLUMN owner INTEGER REFERENCES candidate (id)",
              "ALTER TABLE competency ADD COLUMN owner bigint REFERENCES candidate (id)");
    cr_assert_eq(store_copy_check(s, msg), RB_EINTERNAL);
    cr_assert_not_null(strstr(msg, "table 'competency' references 'candidate', which the copy "
                                   "lists after it"),
                       "%s", msg);
    store_close(s);
}
