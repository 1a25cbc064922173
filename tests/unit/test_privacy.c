/* SPDX-License-Identifier: MIT */
/* Data protection in the store: the audit log, erasure and who is due for retention, on an
 * in-memory SQLite store. */
#include <criterion/criterion.h>
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
