/* SPDX-License-Identifier: MIT */
/* Data protection in the store: the audit log, erasure and who is due for retention, on an
 * in-memory SQLite store. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/privacy.h"
#include "core/user.h"
#include "helpers.h"
#include "store/store.h"

static struct store *
open_store(void)
{
    struct store *s;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(test_store_open("sqlite::memory:", &s, msg), RB_OK, "%s", msg);
    return s;
}

static long long
add(struct store *s, const char *name, const char *email)
{
    struct candidate_new c = {.name = name, .email = email, .phone = "+1 555 0100"};
    char msg[RB_ERRMSG];
    long long id;
    cr_assert_eq(store_candidate_add(s, &c, &id, msg), RB_OK, "%s", msg);
    return id;
}

Test(privacy, erase_leaves_a_tombstone_and_its_audit_entry)
{
    struct store *s = open_store();
    struct audit_actor who = {0, "tester"};
    struct erase_result r;
    json_t *x, *items;
    size_t total;
    char msg[RB_ERRMSG];
    long long id = add(s, "Noor Testcase", "noor@example.org");
    long long other = add(s, "Ada Example", "ada@example.org");
    bool clean;

    cr_assert_eq(store_candidate_stage(s, id, "rejected", 0, NULL, "a private reason", msg), RB_OK);
    cr_assert_eq(store_candidate_erase(s, id, &who, &r, msg), RB_OK, "%s", msg);
    cr_assert(!r.already);
    cr_assert_eq(r.nhashes, 0);
    erase_result_cleanup(&r);
    cr_assert_eq(store_compact(s, &clean, msg), RB_OK, "%s", msg);
    cr_assert(clean);

    cr_assert_eq(store_candidate_export(s, id, &x, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(x, "candidate"), "name")),
                     CANDIDATE_ERASED_NAME);
    cr_assert(json_is_null(json_object_get(json_object_get(x, "candidate"), "email")));
    cr_assert(json_is_null(json_object_get(json_object_get(x, "candidate"), "phone")));
    cr_assert(json_is_string(json_object_get(json_object_get(x, "candidate"), "erased_at")));
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(x, "candidate"), "stage")),
                     "rejected");
    cr_assert(
        json_is_null(json_object_get(json_array_get(json_object_get(x, "history"), 1), "reason")));
    cr_assert_str_eq(json_string_value(
                         json_object_get(json_array_get(json_object_get(x, "audit"), 0), "action")),
                     "erase");
    json_decref(x);

    /* the other candidate is whole; a second erase only says it was done before */
    cr_assert_eq(store_candidate_export(s, other, &x, msg), RB_OK);
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(x, "candidate"), "name")),
                     "Ada Example");
    json_decref(x);
    cr_assert_eq(store_candidate_erase(s, id, &who, &r, msg), RB_OK);
    cr_assert(r.already);
    erase_result_cleanup(&r);
    cr_assert_eq(store_candidate_erase(s, 99, &who, &r, msg), RB_ENOTFOUND);

    cr_assert_eq(audit_list(s, &(struct audit_filter){id, "tester", "erase", NULL}, 10, 0, &items,
                            &total, msg),
                 RB_OK, "%s", msg);
    cr_assert_eq(total, 2);
    json_decref(items);
    store_close(s);
}

Test(privacy, audit_entries_are_filtered_paged_and_checked)
{
    struct store *s = open_store();
    struct audit_actor rita = {0, "rita@example.org"};
    long long ids[] = {1, 2, 3};
    json_t *items = NULL;
    char *list;
    size_t total;
    char msg[RB_ERRMSG];

    cr_assert_eq(audit_append(s, &rita, "view", ids, 3, "candidate list", msg), RB_OK);
    cr_assert_eq(audit_append(s, NULL, "create", NULL, 0, "resume 7", msg), RB_OK);
    cr_assert_eq(audit_append(s, NULL, "delete", ids, 1, "candidate", msg), RB_EINTERNAL);
    cr_assert_eq(audit_append(s, NULL, "view", ids, 1, "", msg), RB_EINTERNAL);

    cr_assert_eq(audit_list(s, &(struct audit_filter){0}, 2, 0, &items, &total, msg), RB_OK);
    cr_assert_eq(total, 2, "one entry per request, not one per candidate listed");
    cr_assert_eq(json_array_size(items), 2);
    /* newest first: the resume with no candidate, by the command line */
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 0), "actor")),
                     "command line");
    cr_assert(json_is_null(json_object_get(json_array_get(items, 0), "candidate")));
    /* the list's entry keeps every id, and is found by each */
    list = json_dumps(json_object_get(json_array_get(items, 1), "candidates"),
                      JSON_COMPACT | JSON_ENCODE_ANY);
    cr_assert_str_eq(list, "[1,2,3]");
    free(list);
    json_decref(items);
    cr_assert_eq(
        audit_list(s, &(struct audit_filter){2, NULL, NULL, NULL}, 10, 0, &items, &total, msg),
        RB_OK);
    cr_assert_eq(total, 1);
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(items, 0), "candidate")), 2);
    json_decref(items);
    cr_assert_eq(
        audit_list(s, &(struct audit_filter){2, NULL, NULL, NULL}, 10, 5, &items, &total, msg),
        RB_OK);
    cr_assert_eq(total, 1, "a page past the end still counts");
    json_decref(items);
    cr_assert_eq(
        audit_list(s, &(struct audit_filter){0, NULL, "lookup", NULL}, 10, 0, &items, &total, msg),
        RB_EINVAL);
    cr_assert_null(items);
    cr_assert_eq(audit_list(s, &(struct audit_filter){0, NULL, NULL, "2999-01-01"}, 10, 0, &items,
                            &total, msg),
                 RB_OK);
    cr_assert_eq(total, 0);
    json_decref(items);
    store_close(s);
}

Test(privacy, retention_takes_final_stages_older_than_the_cutoff)
{
    struct store *s = open_store();
    json_t *due;
    char msg[RB_ERRMSG];
    long long now = (long long)time(NULL);
    long long hired = add(s, "A", NULL), applied = add(s, "B", NULL), withdrawn = add(s, "C", NULL);
    struct erase_result r;

    cr_assert_eq(store_candidate_stage(s, hired, "hired", 0, NULL, NULL, msg), RB_OK);
    cr_assert_eq(store_candidate_stage(s, withdrawn, "withdrawn", 0, NULL, NULL, msg), RB_OK);
    /* changes made now are not before now - 60 s ... */
    cr_assert_eq(store_retention_due(s, now - 60, 10, &due, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(due), 0);
    json_decref(due);
    /* ... but are before a minute from now; applied is not a final stage */
    cr_assert_eq(store_retention_due(s, now + 60, 10, &due, msg), RB_OK);
    cr_assert_eq(json_array_size(due), 2);
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(due, 0), "id")), hired);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(due, 1), "stage")),
                     "withdrawn");
    json_decref(due);
    cr_assert_eq(store_retention_due(s, now + 60, 1, &due, msg), RB_OK);
    cr_assert_eq(json_array_size(due), 1, "at most max");
    json_decref(due);
    /* an erased candidate is no longer due */
    cr_assert_eq(store_candidate_erase(s, hired, NULL, &r, msg), RB_OK);
    erase_result_cleanup(&r);
    cr_assert_eq(store_retention_due(s, now + 60, 10, &due, msg), RB_OK);
    cr_assert_eq(json_array_size(due), 1);
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(due, 0), "id")), withdrawn);
    json_decref(due);
    (void)applied;
    store_close(s);
}

Test(privacy, old_sign_in_addresses_and_served_questions_are_forgotten)
{
    struct store *s = open_store();
    char mail[] = "kim.sample@example.org", msg[RB_ERRMSG];
    struct user u = {.email = mail, .role = USER_CANDIDATE};
    long long now = 1900000000, day = 86400, account;
    size_t deleted;
    bool yes;
    cr_assert_eq(store_user_add(s, &u, NULL, &account, msg), RB_OK, "%s", msg);
    /* an address used long ago and one used last week; a question served long ago, one today */
    store_login_known(s, mail, "192.0.2.1", now - (PRIVACY_KNOWN_DAYS + 1) * day, true, &yes, msg);
    store_login_known(s, mail, "192.0.2.2", now - 7 * day, true, &yes, msg);
    store_practice_served(s, account, "q-old", now - (PRIVACY_SERVED_DAYS + 1) * day, true, &yes,
                          msg);
    store_practice_served(s, account, "q-new", now, true, &yes, msg);
    cr_assert_eq(privacy_traces_prune(s, now, &deleted, msg), RB_OK, "%s", msg);
    cr_expect_eq(deleted, 2);
    store_login_known(s, mail, "192.0.2.1", now, false, &yes, msg);
    cr_expect_not(yes, "an address not used for %d days still counts as the owner's",
                  PRIVACY_KNOWN_DAYS);
    store_login_known(s, mail, "192.0.2.2", now, false, &yes, msg);
    cr_expect(yes, "an address used last week was forgotten");
    store_practice_served(s, account, "q-old", now, false, &yes, msg);
    cr_expect_not(yes);
    store_practice_served(s, account, "q-new", now, false, &yes, msg);
    cr_expect(yes);
    store_close(s);
}

/* A resume of candidate (0: nobody's) whose original is data (NULL: none kept), under hash. */
static long long
resume_with(struct store *s, long long candidate, const char *hash, const void *data, size_t len)
{
    struct resume_new v = {.candidate = candidate,
                           .hash = hash,
                           .filename = "cv.bin",
                           .size = len,
                           .data = data,
                           .error = "not a resume"};
    char msg[RB_ERRMSG];
    long long id;
    cr_assert_eq(store_resumes_add(s, &v, 1, &id, msg), RB_OK, "%s", msg);
    return id;
}

/* The original kept under hash equals want (len bytes). */
static void
assert_original(struct store *s, const char *hash, const void *want, size_t len)
{
    void *data;
    size_t n;
    char msg[RB_ERRMSG];
    cr_assert_eq(store_original_get(s, hash, 1u << 20, &data, &n, msg), RB_OK, "%s", msg);
    cr_assert_eq(n, len);
    cr_assert(memcmp(data, want, len) == 0, "the original's bytes differ");
    cr_assert_eq(((char *)data)[n], '\0', "no NUL after the bytes");
    free(data);
}

Test(privacy, an_original_is_kept_once_and_goes_with_the_last_resume_that_refers_to_it)
{
    struct store *s = open_store();
    struct audit_actor who = {0, "tester"};
    struct erase_result r;
    /* bytes no text column would keep as they are: a NUL, high bytes */
    static const char shared[] = "PK\0\x03\xff\xfe shared original", own[] = "own original\0\x80";
    static const char h1[] = "1111111111111111111111111111111111111111111111111111111111111111";
    static const char h2[] = "2222222222222222222222222222222222222222222222222222222222222222";
    static const char h3[] = "3333333333333333333333333333333333333333333333333333333333333333";
    char msg[RB_ERRMSG];
    void *data = NULL;
    size_t n;
    bool kept;
    long long a = add(s, "Noor Testcase", "noor@example.org");
    long long b = add(s, "Ada Example", "ada@example.org");

    resume_with(s, a, h1, shared, sizeof shared);
    resume_with(s, a, h2, own, sizeof own);
    resume_with(s, b, h1, shared, sizeof shared); /* the same bytes again: kept once */
    assert_original(s, h1, shared, sizeof shared);
    assert_original(s, h2, own, sizeof own);
    cr_assert_eq(store_original_get(s, h1, 4, &data, &n, msg), RB_ETOOBIG);
    cr_assert_null(data);
    cr_assert_eq(store_original_get(s, h3, 1u << 20, &data, &n, msg), RB_ENOTFOUND);

    /* the erase deletes the original only its resumes referred to */
    cr_assert_eq(store_candidate_erase(s, a, &who, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.nhashes, 1);
    cr_assert_str_eq(r.hashes[0], h2);
    erase_result_cleanup(&r);
    cr_assert_eq(store_original_get(s, h2, 1u << 20, &data, &n, msg), RB_ENOTFOUND);
    assert_original(s, h1, shared, sizeof shared);
    cr_assert_eq(store_candidate_erase(s, b, &who, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.nhashes, 1);
    erase_result_cleanup(&r);
    cr_assert_eq(store_original_get(s, h1, 1u << 20, &data, &n, msg), RB_ENOTFOUND);

    /* an old uploads folder's file comes in only for a resume that refers to it, once */
    cr_assert_eq(store_original_keep(s, h3, own, sizeof own, &kept, msg), RB_OK, "%s", msg);
    cr_assert(!kept, "kept for no resume");
    cr_assert_eq(store_original_get(s, h3, 1u << 20, &data, &n, msg), RB_ENOTFOUND);
    resume_with(s, 0, h3, NULL, sizeof own);
    cr_assert_eq(store_original_get(s, h3, 1u << 20, &data, &n, msg), RB_ENOTFOUND);
    cr_assert_eq(store_original_keep(s, h3, own, sizeof own, &kept, msg), RB_OK, "%s", msg);
    cr_assert(kept);
    cr_assert_eq(store_original_keep(s, h3, shared, sizeof shared, &kept, msg), RB_OK, "%s", msg);
    cr_assert(kept);
    assert_original(s, h3, own, sizeof own); /* the first kept, not replaced */
    store_close(s);
}
