/* SPDX-License-Identifier: MIT */
/* The store: migrations, loading in one transaction, search with filters, stats and import,
 * against a real SQLite file, or a PostgreSQL schema when RUBRIC_TEST_PG is set (helpers.h). */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/bank.h"
#include "core/bank_json.h"
#include "core/role.h"
#include "core/seed.h"
#include "helpers.h"
#include "store/store.h"

static char dbpath[64];
static char url[80];

static void
setup(void)
{
    snprintf(dbpath, sizeof dbpath, "/tmp/rubric-test-%d-XXXXXX", (int)getpid());
    cr_assert_not_null(mkdtemp(dbpath));
    strncat(dbpath, "/s.db", sizeof dbpath - strlen(dbpath) - 1);
    snprintf(url, sizeof url, "sqlite:%s", dbpath);
}

static void
teardown(void)
{
    char cmd[128];
    char *slash = strrchr(dbpath, '/');
    *slash = '\0';
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dbpath);
    cr_assert_eq(system(cmd), 0);
}

static struct store *
open_loaded(struct bank *b)
{
    struct store *s;
    char msg[RB_ERRMSG] = "";
    struct diags d;
    struct load_result r;

    cr_assert_eq(test_store_open(url, &s, msg), RB_OK, "%s", msg);
    bank_init(b);
    diags_init(&d, 0);
    cr_assert_eq(bank_read_dir(b, "tests/data/bank-small", &d, msg), RB_OK, "%s", msg);
    cr_assert_eq(diags_count(&d), 0);
    cr_assert_eq(store_bank_load(s, b, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.added, 4);
    diags_cleanup(&d);
    return s;
}

static size_t
live(struct store *s)
{
    struct bank_stats st;
    char msg[RB_ERRMSG];
    size_t n;
    cr_assert_eq(store_bank_stats(s, &st, msg), RB_OK);
    n = st.questions;
    bank_stats_cleanup(&st);
    return n;
}

TestSuite(store, .init = setup, .fini = teardown);

Test(store, open_migrates_and_refuses_a_newer_schema)
{
    test_sqlite_only("the version is SQLite's user_version; see pg_open_migrates_once");
    struct store *s;
    char msg[RB_ERRMSG] = "";
    sqlite3 *db;

    cr_assert_eq(test_store_open(url, &s, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_schema_version(s), store_schema_latest());
    store_close(s);
    /* reopening an up-to-date store changes nothing */
    cr_assert_eq(test_store_open(url, &s, msg), RB_OK, "%s", msg);
    store_close(s);

    cr_assert_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    cr_assert_eq(test_store_open(url, &s, msg), RB_ESTORE);
    cr_assert_not_null(strstr(msg, "schema version 999, newer than"), "%s", msg);
}

/* A new store is made by the build-time script when one is offered; one that SQLite refuses
 * part of is undone, and the migrations make the store as they would without it. */
Test(store, a_new_store_is_made_by_the_migrations_when_its_script_fails)
{
    test_sqlite_only("the script is SQLite's (tools/sqlsnap.c)");
    static const char bad[] = "CREATE TABLE half_made (id INTEGER); CREATE TABLE oops (;";
    struct sqlite_snapshot snap = {bad, store_schema_latest()};
    struct store *s;
    char msg[RB_ERRMSG] = "";
    sqlite3 *db;
    sqlite3_stmt *st;
    int tables = -1;

    store_offer_sqlite_snapshot(&snap);
    cr_assert_eq(test_store_open(url, &s, msg), RB_OK, "%s", msg);
    store_offer_sqlite_snapshot(NULL);
    cr_assert_eq(store_schema_version(s), store_schema_latest());
    store_close(s);
    cr_assert_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(db,
                                    "SELECT (SELECT count(*) FROM sqlite_schema WHERE name = "
                                    "'half_made'), (SELECT count(*) FROM sqlite_schema WHERE name "
                                    "IN ('question', 'candidate', 'parsed_resume'))",
                                    -1, &st, NULL),
                 SQLITE_OK);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    cr_assert_eq(sqlite3_column_int(st, 0), 0, "the failed script's first table was kept");
    tables = sqlite3_column_int(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
    cr_assert_eq(tables, 3, "the migrations did not make the store");
}

Test(store, a_file_that_is_not_a_database_is_refused)
{
    test_sqlite_only("a database file");
    struct store *s;
    char msg[RB_ERRMSG] = "";
    FILE *f = fopen(dbpath, "w");
    fputs("this is not a database, it is a text file that is long enough to have a header..", f);
    fclose(f);
    cr_assert_eq(test_store_open(url, &s, msg), RB_ESTORE);
    cr_assert_not_null(strstr(msg, dbpath), "the message names the file: %s", msg);
}

/* The rows of parsed_resume in the store's file alone, without its log (a copy of the file
 * read on its own). */
static int
parses_in_file(void)
{
    char copy[96], buf[65536];
    sqlite3 *db;
    sqlite3_stmt *st;
    FILE *in = fopen(dbpath, "rb"), *out;
    size_t n;
    int rows = -1;
    snprintf(copy, sizeof copy, "%s.copy", dbpath);
    out = fopen(copy, "wb");
    cr_assert(in && out);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        cr_assert_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
    cr_assert_eq(sqlite3_open(copy, &db), SQLITE_OK);
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM parsed_resume", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        rows = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    unlink(copy);
    return rows;
}

Test(store, parses_written_unsynced_are_in_the_store_file_once_their_connection_closes)
{
    test_sqlite_only("the store's file and its write-ahead log");
    struct store *s, *w;
    char msg[RB_ERRMSG] = "", hash[3][65];
    struct parsed_resume v[3];

    /* as `rubric screen` runs: the readers' connection open all along, the writer's own
     * connection committing without syncs and with checkpoints put off */
    cr_assert_eq(test_store_open(url, &s, msg), RB_OK, "%s", msg);
    store_close(s); /* the new store's tables into its file */
    cr_assert_eq(test_store_open(url, &s, msg), RB_OK, "%s", msg);
    cr_assert_eq(test_store_open(url, &w, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_cache_writes(w, msg), RB_OK, "%s", msg);
    for (int i = 0; i < 3; i++) {
        memset(hash[i], 'a' + i, 64);
        hash[i][64] = '\0';
        v[i] = (struct parsed_resume){hash[i], false, "p1", "text", "{\"name\":\"Ines Sample\"}"};
    }
    cr_assert_eq(store_resumes_put(w, v, 3, msg), RB_OK, "%s", msg);
    cr_assert_eq(parses_in_file(), 0, "committed to the log only, before the close");
    store_close(w);
    /* the close copied them into the file (and synced it): durable, with s still open */
    cr_assert_eq(parses_in_file(), 3);
    store_close(s);
}

Test(store, unknown_url_schemes_are_usage_errors)
{
    struct store *s;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(store_open("mysql://x", &s, msg), RB_EUSAGE);
    cr_assert_not_null(strstr(msg, "postgresql://"), "%s", msg);
}

Test(store, a_database_that_cannot_be_reached_is_named_without_its_password)
{
    struct store *s;
    char msg[RB_ERRMSG] = "";
    /* a socket folder that does not exist: refused at once, nothing leaves the machine */
    cr_assert_eq(store_open("postgresql://ada:s3cret@/rubric?host=/nonexistent-rubric", &s, msg),
                 RB_ESTORE);
    cr_assert_not_null(strstr(msg, "postgresql://ada:***@/rubric?host=/nonexistent-rubric"), "%s",
                       msg);
    cr_assert_null(strstr(msg, "s3cret"), "%s", msg);
    cr_assert_eq(store_open("postgres:///rubric?host=/nonexistent-rubric&password=s3cret", &s, msg),
                 RB_ESTORE);
    cr_assert_null(strstr(msg, "s3cret"), "%s", msg);
    cr_assert_not_null(strstr(msg, "password=***"), "%s", msg);
}

Test(store, pg_open_migrates_once_and_refuses_a_newer_schema)
{
    struct store *s, *t;
    char msg[RB_ERRMSG] = "";
    pid_t kids[4];
    int status;

    if (!test_on_pg())
        cr_skip_test("PostgreSQL only: set RUBRIC_TEST_PG (make check-pg)");
    /* four processes open the same new schema at once: the advisory lock lets one migrate
     * and the others find it done */
    test_pg_exec("SELECT 1"); /* makes the schema */
    for (int i = 0; i < 4; i++) {
        kids[i] = fork();
        cr_assert_geq(kids[i], 0);
        if (kids[i] == 0) {
            char m[RB_ERRMSG];
            struct store *k;
            enum rb_err rc = test_store_open(NULL, &k, m);
            if (rc)
                fprintf(stderr, "%s\n", m);
            store_close(k);
            _exit(rc ? 1 : 0);
        }
    }
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(waitpid(kids[i], &status, 0), kids[i]);
        cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "an open failed");
    }
    cr_assert_eq(test_store_open(NULL, &s, msg), RB_OK, "%s", msg);
    cr_assert_gt(store_schema_version(s), 0);
    /* two handles are two connections: a write committed on one is seen by the other */
    cr_assert_eq(test_store_open(NULL, &t, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_ping(t, msg), RB_OK, "%s", msg);
    store_close(t);
    store_close(s);

    test_pg_exec("UPDATE rubric_schema SET version = 999");
    cr_assert_eq(test_store_open(NULL, &s, msg), RB_ESTORE);
    cr_assert_not_null(strstr(msg, "schema version 999, newer than"), "%s", msg);
}

Test(store, reload_counts_unchanged_updated_and_retired)
{
    struct bank b;
    struct store *s = open_loaded(&b);
    struct load_result r;
    char msg[RB_ERRMSG] = "";
    struct question q;

    cr_assert_eq(store_bank_load(s, &b, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.unchanged, 4);
    cr_assert_eq(r.added + r.updated + r.retired, 0);

    /* edit one, drop one */
    free(b.qs[0].title);
    b.qs[0].title = strdup("A new title");
    question_cleanup(&b.qs[3]);
    b.nqs = 3;
    cr_assert_eq(store_bank_load(s, &b, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.updated, 1);
    cr_assert_eq(r.unchanged, 2);
    cr_assert_eq(r.retired, 1);
    cr_assert_eq(live(s), 3);
    cr_assert_eq(store_question_get(s, b.qs[0].id, &q, msg), RB_OK);
    cr_assert_str_eq(q.title, "A new title");
    question_cleanup(&q);
    store_close(s);
    bank_cleanup(&b);
}

Test(store, a_failed_load_leaves_the_store_as_it_was)
{
    struct bank b;
    struct store *s = open_loaded(&b);
    struct load_result r;
    char msg[RB_ERRMSG] = "";
    struct question q;

    /* a question naming a competency the store does not have fails halfway through */
    free(b.qs[1].title);
    b.qs[1].title = strdup("Changed before the failure");
    free(b.qs[2].competencies[0]);
    b.qs[2].competencies[0] = strdup("no-such-competency");
    cr_assert_neq(store_bank_load(s, &b, &r, msg), RB_OK);
    cr_assert_not_null(strstr(msg, "no-such-competency"), "%s", msg);
    cr_assert_eq(live(s), 4);
    cr_assert_eq(store_question_get(s, b.qs[1].id, &q, msg), RB_OK);
    cr_assert_str_neq(q.title, "Changed before the failure", "rolled back");
    question_cleanup(&q);
    store_close(s);
    bank_cleanup(&b);
}

Test(store, export_and_list_give_back_what_was_loaded)
{
    struct bank b, out;
    struct store *s = open_loaded(&b);
    struct search_query all = {NULL, 0, -1, NULL, 2, NULL, 0, 0, 0};
    struct search_hit *h;
    size_t n, total;
    char msg[RB_ERRMSG] = "";

    bank_init(&out);
    cr_assert_eq(store_bank_export(s, &out, msg), RB_OK, "%s", msg);
    cr_assert_eq(out.nqs, b.nqs);
    cr_assert_eq(out.ncomps, b.ncomps);
    cr_assert_eq(out.nsyns, b.nsyns);
    for (size_t i = 0; i < out.nqs; i++) {
        struct question q;
        char *d1, *d2;
        cr_assert_eq(store_question_get(s, out.qs[i].id, &q, msg), RB_OK, "%s", msg);
        d1 = question_digest(&q);
        d2 = question_digest(&out.qs[i]);
        cr_assert_str_eq(d1, d2, "%s exported whole", q.id);
        free(d1);
        free(d2);
        question_cleanup(&q);
    }
    bank_cleanup(&out);

    /* by id, a page at a time, with the count of all */
    cr_assert_eq(store_question_list(s, &all, 0, &h, &n, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(n, 2);
    cr_assert_eq(total, b.nqs);
    cr_assert_lt(strcmp(h[0].id, h[1].id), 0, "%s before %s", h[0].id, h[1].id);
    search_hits_free(h, n);
    cr_assert_eq(store_question_list(s, &all, 100, &h, &n, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(n, 0);
    cr_assert_eq(total, b.nqs, "past the end the count stays");
    search_hits_free(h, n);
    all.category = CAT_CODING;
    all.limit = 50;
    cr_assert_eq(store_question_list(s, &all, 0, &h, &n, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(n, total);
    cr_assert_geq(n, 1);
    cr_assert_lt(n, b.nqs);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(h[i].category, CAT_CODING);
    search_hits_free(h, n);
    store_close(s);
    bank_cleanup(&b);
}

Test(store, get_returns_the_whole_question)
{
    struct bank b;
    struct store *s = open_loaded(&b);
    struct question q;
    char msg[RB_ERRMSG] = "";
    char *d1, *d2;
    const struct question *orig = NULL;

    cr_assert_eq(store_question_get(s, "sb-transfer-atomic", &q, msg), RB_OK, "%s", msg);
    for (size_t i = 0; i < b.nqs; i++)
        if (strcmp(b.qs[i].id, "sb-transfer-atomic") == 0)
            orig = &b.qs[i];
    d1 = question_digest(orig);
    d2 = question_digest(&q);
    cr_assert_str_eq(d1, d2, "stored and read back unchanged");
    free(d1);
    free(d2);
    question_cleanup(&q);
    cr_assert_eq(store_question_get(s, "no-such-id", &q, msg), RB_ENOTFOUND);
    cr_assert_not_null(strstr(msg, "no-such-id"));
    store_close(s);
    bank_cleanup(&b);
}

static size_t
search(struct store *s, const char *text, int level, int category, const char *comp,
       struct search_hit **hits)
{
    struct search_query q = {text, level, category, comp, 20, NULL, 0, 0, 0};
    size_t n = 0;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(store_question_search(s, &q, hits, &n, msg), RB_OK, "%s: %s", text, msg);
    return n;
}

Test(store, search_ranks_stems_and_filters)
{
    struct bank b;
    struct store *s = open_loaded(&b);
    struct search_hit *h;
    size_t n;

    n = search(s, "indexes", 0, -1, NULL, &h);
    cr_assert_geq(n, 1, "stemming: 'indexes' finds 'index'");
    cr_assert_str_eq(h[0].id, "sb-index-lookup", "the title match ranks first");
    cr_assert_not_null(strstr(h[0].snippet, "\x02"), "the snippet marks the match");
    search_hits_free(h, n);

    n = search(s, "transaction", LEVEL_JUNIOR, -1, NULL, &h);
    cr_assert_eq(n, 0, "the transfer question is mid level");
    search_hits_free(h, n);
    n = search(s, "transaction", LEVEL_MID, CAT_CODING, NULL, &h);
    cr_assert_eq(n, 1);
    search_hits_free(h, n);
    n = search(s, "transaction", 0, -1, "storage-extra", &h);
    cr_assert_eq(n, 1, "found through its second competency");
    search_hits_free(h, n);
    n = search(s, "\"replication lag\"", 0, -1, NULL, &h);
    cr_assert_eq(n, 1, "phrase");
    search_hits_free(h, n);
    n = search(s, "replic*", 0, -1, NULL, &h);
    cr_assert_eq(n, 1, "prefix");
    search_hits_free(h, n);
    store_close(s);
    bank_cleanup(&b);
}

/* The API's search: every match up to the limit is counted, only the page asked for is read
 * whole (with its snippets), and the page is the same slice of the ranking as a whole search
 * gives, with and without filters. */
Test(store, search_pages_are_slices_of_the_whole_ranking)
{
    struct store *s;
    struct bank b;
    struct diags d;
    struct load_result r;
    char msg[RB_ERRMSG] = "";
    static const char *const texts[] = {"dat*", "cache", "fail*"};

    cr_assert_eq(test_store_open(url, &s, msg), RB_OK, "%s", msg);
    bank_init(&b);
    diags_init(&d, 0);
    bank_read_builtin(&b, &d);
    cr_assert_eq(store_bank_load(s, &b, &r, msg), RB_OK, "%s", msg);
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
        for (int level = 0; level <= LEVEL_SENIOR; level += LEVEL_SENIOR) {
            struct search_query all = {texts[t], level, -1, NULL, SEARCH_LIMIT_MAX, NULL, 0, 0, 0};
            struct search_query page = all;
            struct search_hit *wh = NULL, *ph = NULL;
            size_t wn = 0, pn = 0;

            page.snip_from = 3;
            page.snip_len = 7;
            cr_assert_eq(store_question_search(s, &all, &wh, &wn, msg), RB_OK, "%s", msg);
            cr_assert_eq(store_question_search(s, &page, &ph, &pn, msg), RB_OK, "%s", msg);
            cr_assert_gt(wn, 10, "%s: a common word matches many questions", texts[t]);
            cr_assert_eq(pn, wn, "%s (level %d): the same count", texts[t], level);
            for (size_t i = 0; i < pn; i++) {
                if (i < 3 || i >= 10) {
                    cr_assert_null(ph[i].id, "%s: hit %zu is outside the page", texts[t], i);
                    continue;
                }
                cr_assert_str_eq(ph[i].id, wh[i].id, "%s: hit %zu in the same place", texts[t], i);
                cr_assert_not_null(strstr(ph[i].snippet, "\x02"), "%s: a marked snippet", texts[t]);
                if (i > 3)
                    cr_assert_geq(ph[i - 1].score, ph[i].score, "best first");
            }
            search_hits_free(wh, wn);
            search_hits_free(ph, pn);
        }
    diags_cleanup(&d);
    bank_cleanup(&b);
    store_close(s);
}

Test(store, search_treats_operators_as_words_and_refuses_empty_queries)
{
    struct bank b;
    struct store *s = open_loaded(&b);
    struct search_hit *h = NULL;
    struct search_query q = {"", 0, -1, NULL, 20, NULL, 0, 0, 0};
    size_t n;
    char msg[RB_ERRMSG] = "";
    static const char *const odd[] = {"AND",    "index OR", "NEAR(index", "\"unclosed", "col:index",
                                      "-index", "^index",   "index*)",    "((("};

    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        q.text = odd[i];
        enum rb_err rc = store_question_search(s, &q, &h, &n, msg);
        cr_assert(rc == RB_OK || rc == RB_EINVAL, "'%s': %s", odd[i], msg);
        search_hits_free(h, n);
    }
    q.text = "  ?! ";
    cr_assert_eq(store_question_search(s, &q, &h, &n, msg), RB_EINVAL);
    cr_assert_not_null(strstr(msg, "empty query"));
    store_close(s);
    bank_cleanup(&b);
}

Test(store, retired_questions_are_not_found)
{
    struct bank b;
    struct store *s = open_loaded(&b);
    struct search_hit *h;
    struct load_result r;
    char msg[RB_ERRMSG];
    struct question q;

    /* drop sb-index-lookup from the bank and reload */
    for (size_t i = 0; i < b.nqs; i++)
        if (strcmp(b.qs[i].id, "sb-index-lookup") == 0) {
            question_cleanup(&b.qs[i]);
            b.qs[i] = b.qs[--b.nqs];
            break;
        }
    cr_assert_eq(store_bank_load(s, &b, &r, msg), RB_OK);
    cr_assert_eq(search(s, "index", 0, -1, NULL, &h), 0);
    search_hits_free(h, 0);
    cr_assert_eq(store_question_get(s, "sb-index-lookup", &q, msg), RB_OK, "kept for history");
    question_cleanup(&q);
    store_close(s);
    bank_cleanup(&b);
}

Test(store, stats_count_by_competency_category_and_level)
{
    struct bank b;
    struct store *s = open_loaded(&b);
    struct bank_stats st;
    char msg[RB_ERRMSG];

    cr_assert_eq(store_bank_stats(s, &st, msg), RB_OK);
    cr_assert_eq(st.questions, 4);
    cr_assert_eq(st.ncomps, 2);
    cr_assert_str_eq(st.comps[0].id, "storage-basics");
    cr_assert_eq(st.comps[0].total, 3, "counted under the primary competency");
    cr_assert_eq(st.by_category[CAT_CODING], 1);
    /* junior-mid, mid, mid-senior, senior-architect */
    cr_assert_eq(st.by_level[LEVEL_JUNIOR], 1);
    cr_assert_eq(st.by_level[LEVEL_MID], 3);
    cr_assert_eq(st.by_level[LEVEL_SENIOR], 2);
    cr_assert_eq(st.by_level[LEVEL_ARCHITECT], 1);
    cr_assert_eq(st.matrix[CAT_SYSTEM_DESIGN][LEVEL_ARCHITECT], 1);
    bank_stats_cleanup(&st);
    store_close(s);
    bank_cleanup(&b);
}

Test(store, import_skips_text_already_stored)
{
    struct bank b;
    struct store *s = open_loaded(&b);
    struct question q;
    struct competency c = {"imported", "Imported", "x"};
    struct import_result r;
    char msg[RB_ERRMSG] = "";

    memset(&q, 0, sizeof q);
    q.id = "imp-new";
    q.title = "New";
    q.text = "Why does an INDEX speed up... a lookup?";
    q.category = CAT_TECHNICAL;
    q.level_min = 1;
    q.level_max = 4;
    q.minutes = 5;
    q.source = "list.md";
    char *comps[] = {"imported"};
    q.competencies = comps;
    q.ncompetencies = 1;
    cr_assert_eq(store_questions_import(s, &q, 1, &c, 1, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.added, 1);
    free(r.was_added);
    cr_assert_eq(store_questions_import(s, &q, 1, &c, 1, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.added, 0, "the same text again adds nothing");
    cr_assert_eq(r.skipped, 1);
    free(r.was_added);
    q.text = "why does an index speed up a LOOKUP";
    q.id = "imp-other";
    cr_assert_eq(store_questions_import(s, &q, 1, &c, 1, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.added, 0, "case and punctuation do not make a new question");
    free(r.was_added);
    store_close(s);
    bank_cleanup(&b);
}

/* FTS5's own structural check of the index (SQLite 3.40 does not compare it with the
 * external content; the searches in the tests below do that). PostgreSQL's is a generated
 * column, which cannot drift from its question. */
static void
assert_index_consistent(void)
{
    sqlite3 *db;
    char *err = NULL;
    if (test_on_pg())
        return;
    cr_assert_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db,
                              "INSERT INTO question_fts (question_fts) "
                              "VALUES ('integrity-check')",
                              NULL, NULL, &err),
                 SQLITE_OK, "%s", err ? err : "");
    sqlite3_close(db);
}

Test(store, edits_move_the_search_index_with_them)
{
    struct bank b;
    struct store *s = open_loaded(&b);
    struct search_hit *h;
    struct load_result r;
    char msg[RB_ERRMSG];
    struct question *q = NULL;

    for (size_t i = 0; i < b.nqs; i++)
        if (strcmp(b.qs[i].id, "sb-index-lookup") == 0)
            q = &b.qs[i];
    free(q->text);
    q->text = strdup("Why does a covering index help a report query?");
    free(q->points[0].text);
    q->points[0].text = strdup("Names the **heap fetch** that a covering index avoids.");
    cr_assert_eq(store_bank_load(s, &b, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.updated, 1);
    assert_index_consistent();
    cr_assert_eq(search(s, "covering", 0, -1, NULL, &h), 1);
    search_hits_free(h, 1);
    cr_assert_eq(search(s, "heap fetch", 0, -1, NULL, &h), 1, "new point text is found");
    search_hits_free(h, 1);
    cr_assert_eq(search(s, "logarithmic", 0, -1, NULL, &h), 0, "old point text is gone");
    search_hits_free(h, 0);
    /* and a retirement removes it from the index too */
    question_cleanup(q);
    *q = b.qs[--b.nqs];
    cr_assert_eq(store_bank_load(s, &b, &r, msg), RB_OK, "%s", msg);
    assert_index_consistent();
    cr_assert_eq(search(s, "covering", 0, -1, NULL, &h), 0);
    search_hits_free(h, 0);
    store_close(s);
    bank_cleanup(&b);
}

Test(store, question_json_is_question_to_json)
{
    struct bank b;
    struct store *s = open_loaded(&b);
    char msg[RB_ERRMSG] = "";
    for (size_t i = 0; i < b.nqs; i++) {
        struct question q;
        char *text, *want;
        json_t *j;
        cr_assert_eq(store_question_json(s, b.qs[i].id, &text, msg), RB_OK, "%s", msg);
        cr_assert_eq(store_question_get(s, b.qs[i].id, &q, msg), RB_OK, "%s", msg);
        j = question_to_json(&q);
        want = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        {
            /* the same document (SQLite writes no spaces either, but may escape differently) */
            json_t *got = json_loads(text, 0, NULL);
            char *again = json_dumps(got, JSON_COMPACT | JSON_PRESERVE_ORDER);
            cr_assert_str_eq(again, want, "%s", b.qs[i].id);
            free(again);
            json_decref(got);
        }
        free(want);
        free(text);
        json_decref(j);
        question_cleanup(&q);
    }
    {
        char *none;
        cr_assert_eq(store_question_json(s, "no-such-question", &none, msg), RB_ENOTFOUND);
    }
    store_close(s);
    bank_cleanup(&b);
}

Test(store, urls_in_messages_keep_everything_but_the_password)
{
    char out[256];
    cr_assert_str_eq(
        store_url_redacted("postgres://ada:s3cret@db.example.org:5432/rubric", out, sizeof out),
        "postgres://ada:***@db.example.org:5432/rubric");
    cr_assert_str_eq(store_url_redacted("postgres://ada@localhost/rubric", out, sizeof out),
                     "postgres://ada@localhost/rubric");
    cr_assert_str_eq(store_url_redacted("sqlite:./rubric.db", out, sizeof out),
                     "sqlite:./rubric.db");
    /* an '@' after the host is not a user's */
    cr_assert_str_eq(store_url_redacted("postgres://localhost/db?user=a:b@c", out, sizeof out),
                     "postgres://localhost/db?user=a:b@c");
    /* libpq also takes the password as a parameter */
    cr_assert_str_eq(store_url_redacted("postgresql:///db?host=/run/pg&password=s3cret&user=ada",
                                        out, sizeof out),
                     "postgresql:///db?host=/run/pg&password=***&user=ada");
    cr_assert_str_eq(store_url_redacted("postgresql:///db?password=s3cret", out, sizeof out),
                     "postgresql:///db?password=***");
    cr_assert_str_eq(store_url_redacted("postgresql:///db?xpassword=s", out, sizeof out),
                     "postgresql:///db?xpassword=s");
}

Test(store, a_fresh_store_is_seeded_once_and_a_store_of_another_field_not_at_all)
{
    struct store *s;
    struct seed_result r;
    struct bank_stats st;
    struct role_set roles;
    char msg[RB_ERRMSG];

    cr_assert_eq(test_store_open("sqlite::memory:", &s, msg), RB_OK, "%s", msg);
    cr_assert_eq(seed_builtin(s, SEED_FRESH, &r, msg), RB_OK, "%s", msg);
    cr_assert_gt(r.questions, 700);
    cr_assert_gt(r.roles, 5);
    cr_assert_eq(seed_builtin(s, SEED_FRESH, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.questions + r.roles, 0, "seeded twice");
    store_close(s);

    /* a bank of its own: SEED_FRESH leaves it, SEED_ROLES cannot store roles it lacks */
    test_store_next();
    cr_assert_eq(test_store_open("sqlite::memory:", &s, msg), RB_OK, "%s", msg);
    {
        struct bank b;
        struct diags d;
        struct load_result lr;
        bank_init(&b);
        diags_init(&d, 0);
        cr_assert_eq(bank_read_dir(&b, "tests/data/bank-small", &d, msg), RB_OK, "%s", msg);
        cr_assert_eq(store_bank_load(s, &b, &lr, msg), RB_OK, "%s", msg);
        bank_cleanup(&b);
        diags_cleanup(&d);
    }
    cr_assert_eq(seed_builtin(s, SEED_FRESH, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.questions + r.roles, 0);
    cr_assert_eq(seed_builtin(s, SEED_ROLES, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.roles, 0, "roles stored without their competencies");
    role_set_init(&roles);
    cr_assert_eq(store_role_list(s, &roles, msg), RB_OK, "%s", msg);
    cr_assert_eq(roles.n, 0);
    role_set_cleanup(&roles);
    cr_assert_eq(store_bank_stats(s, &st, msg), RB_OK, "%s", msg);
    cr_assert_lt(st.questions, 100, "the built-in bank was loaded over the store's own");
    bank_stats_cleanup(&st);
    store_close(s);
}

/* ---- parsed resumes (schema 20) ---- */

#define HASH_A "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"
#define HASH_B "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"

static char *
parse_body(struct store *s, const char *hash, bool blind)
{
    char msg[RB_ERRMSG] = "", *format = NULL, *body = NULL;
    enum rb_err rc = store_resume_get(s, hash, blind, "p1", &format, &body, msg);
    free(format);
    return rc ? NULL : body;
}

Test(store, parses_are_kept_replaced_and_refused_when_malformed)
{
    struct store *s;
    char msg[RB_ERRMSG] = "", *body;
    struct parsed_resume rows[] = {{HASH_A, false, "p1", "txt", "{\"name\":\"Ana Lima\"}"},
                                   {HASH_A, true, "p1", "txt", "{\"name\":null}"},
                                   {HASH_B, false, "p1", "pdf", "{}"}};
    struct parsed_resume bad[] = {
        {HASH_B, true, "p1", "txt", "{\"ok\":1}"},
        {"0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9", false, "p1", "txt",
         "{}"},
        {"0a1b", false, "p1", "txt", "{}"},
        {HASH_B, true, "p1", "txt", "[1]"},
        {HASH_B, true, "p1", "txt", "{\"cut\": "},
    };

    cr_assert_eq(test_store_open(url, &s, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_resumes_put(s, rows, 3, msg), RB_OK, "%s", msg);
    body = parse_body(s, HASH_A, false);
    cr_assert_str_eq(body, "{\"name\":\"Ana Lima\"}");
    free(body);
    body = parse_body(s, HASH_A, true);
    cr_assert_str_eq(body, "{\"name\":null}");
    free(body);
    /* the same file and blindness again: replaced, not added */
    rows[0].body = "{\"name\":\"Ana B. Lima\"}";
    cr_assert_eq(store_resumes_put(s, rows, 1, msg), RB_OK, "%s", msg);
    body = parse_body(s, HASH_A, false);
    cr_assert_str_eq(body, "{\"name\":\"Ana B. Lima\"}");
    free(body);
    /* a bad row refuses its whole batch, the good row before it too */
    for (size_t i = 1; i < sizeof bad / sizeof bad[0]; i++) {
        struct parsed_resume two[] = {bad[0], bad[i]};
        msg[0] = '\0';
        cr_assert_eq(store_resumes_put(s, two, 2, msg), RB_EINVAL, "row %zu", i);
        cr_assert(strstr(msg, "parse 2"), "%s", msg);
        cr_assert_null(parse_body(s, HASH_B, true));
    }
    store_close(s);
}

Test(store, schema_20_keeps_the_parses_of_a_store_made_before_it)
{
    struct store *s;
    sqlite3 *db;
    char msg[RB_ERRMSG] = "", *body;

    test_sqlite_only("SQLite's migration 20");
    cr_assert_eq(store_open(url, &s, msg), RB_OK, "%s", msg);
    store_close(s);
    /* the table as schema 3 made it, with a row, at version 19 */
    cr_assert_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db,
                              "DROP TABLE parsed_resume;"
                              "CREATE TABLE parsed_resume (hash TEXT NOT NULL, blind INTEGER NOT "
                              "NULL, parser TEXT NOT NULL, format TEXT NOT NULL, body TEXT NOT "
                              "NULL CHECK (json_valid(body)), created_at TEXT NOT NULL, PRIMARY "
                              "KEY (hash, blind)) WITHOUT ROWID;"
                              "INSERT INTO parsed_resume VALUES ('" HASH_B
                              "', 0, 'p1', 'md', '{\"name\":\"Kofi\"}', '2026-01-02T03:04:05Z');"
                              "PRAGMA user_version = 19;",
                              NULL, NULL, NULL),
                 SQLITE_OK, "%s", sqlite3_errmsg(db));
    sqlite3_close(db);
    cr_assert_eq(store_open(url, &s, msg), RB_OK, "%s", msg);
    cr_assert_geq(store_schema_version(s), 20);
    body = parse_body(s, HASH_B, false);
    cr_assert_str_eq(body, "{\"name\":\"Kofi\"}");
    free(body);
    store_close(s);
}
