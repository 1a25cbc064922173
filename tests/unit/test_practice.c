/* SPDX-License-Identifier: MIT */
/* Practice on a real SQLite store: ratings are committed when given, the next question is
 * the most overdue, then a new one, stats, the clock, and Anki's field checksum. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/anki.h"
#include "core/bank.h"
#include "core/fsrs.h"
#include "core/kit.h"
#include "core/practice.h"
#include "helpers.h"
#include "store/store.h"

static char dir[64], url[96];

static void
setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/rubric-practice-%d-XXXXXX", (int)getpid());
    cr_assert_not_null(mkdtemp(dir));
    snprintf(url, sizeof url, "sqlite:%s/s.db", dir);
}

static void
teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

/* A store with the small test bank and one candidate account; *account is its id. */
static struct store *
open_store(long long *account)
{
    struct store *s;
    struct bank b;
    struct diags d;
    struct load_result r;
    struct user u = {0};
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(test_store_open(url, &s, msg), RB_OK, "%s", msg);
    bank_init(&b);
    diags_init(&d, 0);
    cr_assert_eq(bank_read_dir(&b, "tests/data/bank-small", &d, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_bank_load(s, &b, &r, msg), RB_OK, "%s", msg);
    bank_cleanup(&b);
    diags_cleanup(&d);
    u.email = "ada@example.org";
    u.role = USER_CANDIDATE;
    cr_assert_eq(store_user_add(s, &u, NULL, account, msg), RB_OK, "%s", msg);
    return s;
}

static void
rate(struct store *s, long long account, const char *id, int rating, const char *day,
     struct practice_result *r)
{
    struct question q;
    struct practice_clock clk;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(practice_clock_parse(&clk, day, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_question_get(s, id, &q, msg), RB_OK, "%s", msg);
    cr_assert_eq(practice_rate(s, account, &q, rating, NULL, 60, &clk, r, msg), RB_OK, "%s", msg);
    question_cleanup(&q);
}

TestSuite(practice, .init = setup, .fini = teardown);

Test(practice, a_rating_is_committed_the_moment_it_is_given)
{
    long long account;
    struct store *s = open_store(&account), *other;
    struct practice_result r;
    struct practice_card c;
    char msg[RB_ERRMSG] = "";

    rate(s, account, "sb-index-lookup", FSRS_GOOD, "2025-03-01", &r);
    cr_assert_str_eq(r.card.due, "2025-03-04", "good on a new question: 3 days");
    /* another connection sees it at once, while the first is still open: it is committed,
     * not waiting for the session to end */
    cr_assert_eq(test_store_open(url, &other, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_practice_card(other, account, "sb-index-lookup", &c, msg), RB_OK, "%s", msg);
    cr_assert_eq(c.reps, 1);
    cr_assert_str_eq(c.due, "2025-03-04");
    store_close(other);
    store_close(s);
}

Test(practice, a_stale_card_is_a_conflict_and_changes_nothing)
{
    long long account;
    struct store *s = open_store(&account);
    struct practice_result r;
    struct practice_card c = {3.0, 5.0, 1, 0, "2025-03-04", "2025-03-01"};
    struct practice_answer a = {
        account, "sb-index-lookup", 3, -1, 5, "2025-03-02T00:00:00Z", 1, 3, 7, &c};
    char msg[RB_ERRMSG] = "";

    rate(s, account, "sb-index-lookup", FSRS_GOOD, "2025-03-01", &r);
    /* an answer computed from a card with 7 reps, when the store has 1 */
    cr_assert_eq(store_practice_record(s, &a, msg), RB_ECONFLICT, "%s", msg);
    cr_assert_eq(store_practice_card(s, account, "sb-index-lookup", &c, msg), RB_OK);
    cr_assert_eq(c.reps, 1);
    a.expect_reps = 0; /* "never answered", when it was */
    cr_assert_eq(store_practice_record(s, &a, msg), RB_ECONFLICT, "%s", msg);
    a.question = "no-such-question";
    cr_assert_eq(store_practice_record(s, &a, msg), RB_ENOTFOUND, "%s", msg);
    store_close(s);
}

Test(practice, due_reviews_come_before_new_questions_and_scope_filters)
{
    long long account;
    struct store *s = open_store(&account);
    struct practice_scope sc;
    struct practice_clock clk;
    struct practice_next n;
    struct practice_result r;
    char msg[RB_ERRMSG] = "";

    cr_assert_eq(practice_scope_init(&sc, s, NULL, 0, -1, msg), RB_OK, "%s", msg);
    cr_assert_eq(practice_clock_parse(&clk, "2025-03-01", msg), RB_OK);
    cr_assert_eq(practice_next(s, account, &sc, &clk, &n, msg), RB_OK, "%s", msg);
    cr_assert_not(n.due);
    cr_assert_eq(n.nnew, 4, "every question of the small bank has points");
    practice_next_cleanup(&n);

    rate(s, account, "sb-transfer-atomic", FSRS_AGAIN, "2025-03-01", &r);
    cr_assert_str_eq(r.card.due, "2025-03-02");
    /* the same day: not due yet */
    cr_assert_eq(practice_next(s, account, &sc, &clk, &n, msg), RB_OK, "%s", msg);
    cr_assert_not(n.due);
    cr_assert_str_neq(n.q.id, "sb-transfer-atomic");
    cr_assert_eq(n.nnew, 3);
    practice_next_cleanup(&n);
    /* the next day it comes back first */
    cr_assert_eq(practice_clock_parse(&clk, "2025-03-02T08:00:00Z", msg), RB_OK);
    cr_assert_eq(practice_next(s, account, &sc, &clk, &n, msg), RB_OK, "%s", msg);
    cr_assert(n.due);
    cr_assert_str_eq(n.q.id, "sb-transfer-atomic");
    cr_assert(n.has_card);
    cr_assert_eq(n.ndue, 1);
    practice_next_cleanup(&n);
    /* skipped for the session: the new ones again */
    practice_scope_skip(&sc, "sb-transfer-atomic");
    cr_assert_eq(practice_next(s, account, &sc, &clk, &n, msg), RB_OK, "%s", msg);
    cr_assert_not(n.due);
    practice_next_cleanup(&n);
    practice_scope_cleanup(&sc);

    /* a stage keeps to its categories: behavioural questions only */
    cr_assert_eq(practice_scope_init(&sc, s, NULL, 0, STAGE_BEHAVIORAL, msg), RB_OK);
    cr_assert_eq(practice_next(s, account, &sc, &clk, &n, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(n.q.id, "sb-behav-feedback");
    cr_assert_eq(n.nnew, 1);
    practice_next_cleanup(&n);
    practice_scope_cleanup(&sc);
    /* a level outside every question's range: nothing */
    cr_assert_eq(practice_scope_init(&sc, s, NULL, LEVEL_JUNIOR, -1, msg), RB_OK);
    practice_scope_skip(&sc, "sb-index-lookup");
    cr_assert_eq(practice_next(s, account, &sc, &clk, &n, msg), RB_ENOTFOUND);
    practice_scope_cleanup(&sc);
    store_close(s);
}

/* The built-in bank with one candidate account; *account is its id. */
static struct store *
open_builtin(long long *account)
{
    struct store *s;
    struct bank b;
    struct diags d;
    struct load_result r;
    struct user u = {0};
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(test_store_open(url, &s, msg), RB_OK, "%s", msg);
    bank_init(&b);
    diags_init(&d, 0);
    bank_read_builtin(&b, &d);
    cr_assert_eq(store_bank_load(s, &b, &r, msg), RB_OK, "%s", msg);
    bank_cleanup(&b);
    diags_cleanup(&d);
    u.email = "noor@example.org";
    u.role = USER_CANDIDATE;
    cr_assert_eq(store_user_add(s, &u, NULL, account, msg), RB_OK, "%s", msg);
    return s;
}

Test(practice, a_session_mixes_a_new_question_in_after_every_three_reviews)
{
    long long account;
    struct store *s = open_builtin(&account);
    struct practice_scope sc;
    struct practice_clock clk;
    struct practice_next n;
    struct practice_result r;
    char msg[RB_ERRMSG] = "", seen[5][64];
    /* the kinds a session gets on day 2 with five reviews due and many new questions */
    const char *const want = "ddd"
                             "n"
                             "dd"
                             "n";

    cr_assert_eq(practice_scope_init(&sc, s, NULL, 0, -1, msg), RB_OK, "%s", msg);
    cr_assert_eq(practice_clock_parse(&clk, "2025-03-01", msg), RB_OK);
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(practice_next(s, account, &sc, &clk, &n, msg), RB_OK, "%s", msg);
        cr_assert_not(n.due);
        snprintf(seen[i], sizeof seen[i], "%s", n.q.id);
        practice_next_cleanup(&n);
        rate(s, account, seen[i], FSRS_AGAIN, "2025-03-01", &r);
    }
    cr_assert_eq(practice_clock_parse(&clk, "2025-03-02T09:00:00Z", msg), RB_OK);
    for (size_t i = 0; i < strlen(want); i++) {
        cr_assert_eq(practice_next(s, account, &sc, &clk, &n, msg), RB_OK, "%s", msg);
        cr_assert_eq(n.due, want[i] == 'd', "answer %zu of the day: %s, expected %s", i + 1,
                     n.due ? "a review" : "a new question", want[i] == 'd' ? "a review" : "new");
        rate(s, account, n.q.id, FSRS_GOOD, "2025-03-02T09:00:00Z", &r);
        practice_next_cleanup(&n);
    }
    /* the reviews are all done: new questions only */
    cr_assert_eq(practice_next(s, account, &sc, &clk, &n, msg), RB_OK, "%s", msg);
    cr_assert_not(n.due);
    cr_assert_eq(n.ndue, 0);
    practice_next_cleanup(&n);
    practice_scope_cleanup(&sc);
    store_close(s);
}

/* A candidate answers only what practice put to them or what they have a card for
 * (store_practice_served), and feedback finds a concept's synonyms whichever of its words
 * is asked (store_synonyms_of). */
Test(practice, a_candidate_answers_what_was_served_and_synonyms_go_both_ways)
{
    long long account;
    struct store *s = open_store(&account);
    struct user who = {.role = USER_CANDIDATE};
    struct practice_next n = {0};
    struct practice_result r;
    char **alts = NULL, msg[RB_ERRMSG] = "";
    size_t nalts = 0;

    who.id = account;
    cr_assert_eq(practice_may_answer(s, &who, "sb-index-lookup", msg), RB_EDENIED);
    cr_assert(strstr(msg, "has not been put to you"), "%s", msg);
    n.q.id = "sb-index-lookup";
    cr_assert_eq(practice_serve(s, &who, &n, 1700000000, msg), RB_OK, "%s", msg);
    cr_assert_eq(practice_serve(s, &who, &n, 1700000100, msg), RB_OK, "served twice: %s", msg);
    cr_assert_eq(practice_may_answer(s, &who, "sb-index-lookup", msg), RB_OK, "%s", msg);
    /* a card counts as served: its question was answered before */
    rate(s, account, "sb-transfer-atomic", FSRS_GOOD, "2025-03-01", &r);
    cr_assert_eq(practice_may_answer(s, &who, "sb-transfer-atomic", msg), RB_OK, "%s", msg);

    cr_assert_eq(store_synonyms_of(s, "b-tree", &alts, &nalts, msg), RB_OK, "%s", msg);
    cr_assert_eq(nalts, 2);
    cr_assert_str_eq(alts[0], "btree");
    cr_assert_str_eq(alts[1], "b+tree");
    for (size_t i = 0; i < nalts; i++)
        free(alts[i]);
    free(alts);
    alts = NULL;
    nalts = 0;
    cr_assert_eq(store_synonyms_of(s, "b+tree", &alts, &nalts, msg), RB_OK, "%s", msg);
    cr_assert_eq(nalts, 2);
    cr_assert_str_eq(alts[0], "b-tree", "the concept first, then the other alternatives");
    cr_assert_str_eq(alts[1], "btree");
    for (size_t i = 0; i < nalts; i++)
        free(alts[i]);
    free(alts);
    alts = NULL;
    nalts = 0;
    cr_assert_eq(store_synonyms_of(s, "tree", &alts, &nalts, msg), RB_OK, "%s", msg);
    cr_assert_eq(nalts, 0, "a part of a word is not a synonym");
    free(alts);
    store_close(s);
}

Test(practice, stats_count_retention_streak_and_the_weakest)
{
    long long account;
    struct store *s = open_store(&account);
    struct practice_result r;
    struct practice_clock clk;
    json_t *o;
    char msg[RB_ERRMSG] = "";

    rate(s, account, "sb-index-lookup", FSRS_GOOD, "2025-03-01", &r);
    rate(s, account, "sb-transfer-atomic", FSRS_AGAIN, "2025-03-01", &r);
    rate(s, account, "sb-transfer-atomic", FSRS_AGAIN, "2025-03-02", &r);
    rate(s, account, "sb-index-lookup", FSRS_GOOD, "2025-03-04", &r);
    cr_assert_eq(practice_clock_parse(&clk, "2025-03-05", msg), RB_OK);
    cr_assert_eq(practice_stats(s, account, &clk, &o, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_integer_value(json_object_get(o, "answers")), 4);
    cr_assert_eq(json_integer_value(json_object_get(o, "cards")), 2);
    /* two reviews (answers after the first), one rated again: 50% */
    cr_assert_eq(json_integer_value(json_object_get(o, "reviews")), 2);
    cr_assert_float_eq(json_real_value(json_object_get(o, "retention")), 0.5, 1e-9);
    /* 03-04 yesterday; 03-03 missed: the run is one day (today not practised yet) */
    cr_assert_eq(json_integer_value(json_object_get(o, "streak")), 1);
    cr_assert_eq(json_integer_value(json_object_get(o, "seconds")), 240);
    /* both questions' primary competency is storage-basics: rated (3 + 1 + 1 + 3) / 4 = 2 */
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(o, "weakest"), 0), "competency")),
                     "storage-basics");
    cr_assert_float_eq(json_real_value(json_object_get(
                           json_array_get(json_object_get(o, "competencies"), 0), "recent_rating")),
                       2.0, 1e-9);
    json_decref(o);
    /* a day later the streak is broken */
    cr_assert_eq(practice_clock_parse(&clk, "2025-03-06", msg), RB_OK);
    cr_assert_eq(practice_stats(s, account, &clk, &o, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_integer_value(json_object_get(o, "streak")), 0);
    json_decref(o);
    store_close(s);
}

Test(practice, the_clock_takes_days_and_utc_times_only)
{
    struct practice_clock c;
    char msg[RB_ERRMSG], day[11];
    cr_assert_eq(practice_clock_parse(&c, "2025-03-01T23:59:59Z", msg), RB_OK);
    cr_assert_str_eq(c.today, "2025-03-01");
    cr_assert_eq(practice_clock_parse(&c, "2025-02-30", msg), RB_EINVAL);
    cr_assert_eq(practice_clock_parse(&c, "2025-03-01T10:00:00+02:00", msg), RB_EINVAL);
    cr_assert(strstr(msg, "UTC") != NULL);
    cr_assert_eq(practice_clock_parse(&c, "yesterday", msg), RB_EINVAL);
    cr_assert_eq(practice_days_between("2024-02-28", "2024-03-01"), 2, "a leap year");
    practice_day_add("2025-12-31", 1, day);
    cr_assert_str_eq(day, "2026-01-01");
}

Test(anki, field_checksum_is_sha1_of_the_text_without_html)
{
    /* SHA-1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d (FIPS 180-4's example) */
    cr_assert_eq(anki_field_checksum("abc"), 0xa9993e36u);
    cr_assert_eq(anki_field_checksum("<b>a</b>b<i>c</i>"), 0xa9993e36u);
    /* SHA-1 of the empty string: da39a3ee ...; of the 56-byte message of FIPS 180-4:
     * 84983e44 ... (two blocks) */
    cr_assert_eq(anki_field_checksum(""), 0xda39a3eeu);
    cr_assert_eq(anki_field_checksum("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 0x84983e44u);
    cr_assert_eq(anki_field_checksum("a &amp; b"), anki_field_checksum("a & b"));
}
