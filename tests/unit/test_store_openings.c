/* SPDX-License-Identifier: MIT */
/* Openings, the careers page's attempt counter, the dashboard and the mail queue in the
 * store, on every backend (helpers.h): what a recruiter and the mail sender rely on. */
#include <criterion/criterion.h>
#include <string.h>

#include "helpers.h"
#include "store/store.h"

#define STAGES                                                                                     \
    "[{\"name\": \"Applied\", \"kind\": \"applied\"}, {\"name\": \"Phone screen\", \"kind\": "     \
    "\"screened\"}, {\"name\": \"Onsite\", \"kind\": \"interviewing\"}, {\"name\": \"Hired\", "    \
    "\"kind\": \"hired\"}]"

static struct store *
open_store(void)
{
    struct store *s;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(test_store_open("sqlite::memory:", &s, msg), RB_OK, "%s", msg);
    return s;
}

static long long
new_opening(struct store *s, const char *title)
{
    struct opening_row o = {.title = title,
                            .role = "backend",
                            .description = "Build the API.",
                            .remote = "hybrid",
                            .salary = true,
                            .salary_min = 90000,
                            .salary_max = 120000,
                            .currency = "EUR",
                            .headcount = 2,
                            .stages = STAGES,
                            .questions = "[{\"id\": \"why\", \"label\": \"Why us?\"}]"};
    struct audit_actor who = {0, "tester"};
    char msg[RB_ERRMSG];
    long long id = 0;
    cr_assert_eq(store_opening_save(s, &o, &who, &id, msg), RB_OK, "%s", msg);
    cr_assert_gt(id, 0);
    return id;
}

static const char *
str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

Test(store, an_opening_is_saved_read_listed_and_moved_through_its_statuses)
{
    struct store *s = open_store();
    struct audit_actor who = {0, "tester"};
    char msg[RB_ERRMSG];
    json_t *o, *items, *counts;
    size_t total;
    long long id = new_opening(s, "Backend engineer"), other = new_opening(s, "Data engineer");

    cr_assert_eq(store_opening_get(s, id, &o, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(o, "title"), "Backend engineer");
    cr_assert_str_eq(str(o, "status"), "draft", "a new opening is a draft");
    cr_assert_str_eq(str(o, "remote"), "hybrid");
    cr_assert_eq(json_integer_value(json_object_get(json_object_get(o, "salary"), "min")), 90000);
    cr_assert_str_eq(str(json_object_get(o, "salary"), "currency"), "EUR");
    cr_assert_eq(json_integer_value(json_object_get(o, "headcount")), 2);
    cr_assert_eq(json_array_size(json_object_get(o, "stages")), 4);
    cr_assert_str_eq(str(json_array_get(json_object_get(o, "questions"), 0), "id"), "why");
    counts = json_object_get(o, "counts");
    cr_assert_eq(json_array_size(counts), 4, "one count per stage, in the opening's order");
    cr_assert_str_eq(str(json_array_get(counts, 1), "stage"), "Phone screen");
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(counts, 1), "count")), 0);
    cr_assert(json_is_array(json_object_get(json_object_get(o, "team"), "recruiters")));
    cr_assert(json_is_null(json_object_get(json_object_get(o, "team"), "hiring_manager")));
    json_decref(o);

    cr_assert_eq(store_opening_status(s, id, "draft", "open", &who, "go", msg), RB_OK, "%s", msg);
    cr_assert_eq(store_opening_status(s, id, "draft", "open", &who, NULL, msg), RB_ECONFLICT);
    cr_assert(strstr(msg, "is 'open' now"), "%s", msg);
    cr_assert_eq(store_opening_status(s, 999999, "draft", "open", &who, NULL, msg), RB_ENOTFOUND);

    cr_assert_eq(store_opening_list(s, "open", 10, 0, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(total, 1);
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(items, 0), "id")), id);
    json_decref(items);
    cr_assert_eq(store_opening_list(s, NULL, 1, 1, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(total, 2);
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(items, 0), "id")), other,
                 "by id");
    json_decref(items);
    cr_assert_eq(store_opening_list(s, NULL, 10, 5, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(items), 0);
    cr_assert_eq(total, 2, "a page past the end still says how many there are");
    json_decref(items);

    {
        struct opening_row up = {.id = id, .title = "Senior backend engineer", .stages = STAGES};
        long long same = 0;
        cr_assert_eq(store_opening_save(s, &up, &who, &same, msg), RB_OK, "%s", msg);
        cr_assert_eq(same, id);
        cr_assert_eq(store_opening_get(s, id, &o, msg), RB_OK, "%s", msg);
        cr_assert_str_eq(str(o, "title"), "Senior backend engineer");
        cr_assert(json_is_null(json_object_get(o, "salary")));
        cr_assert_str_eq(str(o, "status"), "open", "saving keeps the status");
        cr_assert_str_eq(str(json_array_get(json_object_get(o, "questions"), 0), "id"), "why",
                         "questions left out stay as they were");
        json_decref(o);
        up.id = 999999;
        cr_assert_eq(store_opening_save(s, &up, &who, &same, msg), RB_ENOTFOUND);
        cr_assert(strstr(msg, "no opening 999999"), "%s", msg);
    }
    cr_assert_eq(store_opening_get(s, 999999, &o, msg), RB_ENOTFOUND);
    store_close(s);
}

Test(store, the_dashboard_shows_every_opening_with_its_funnel)
{
    struct store *s = open_store();
    char msg[RB_ERRMSG];
    json_t *d, *first, *funnel;
    long long id = new_opening(s, "Backend engineer");

    cr_assert_eq(store_dashboard(s, &d, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(json_object_get(d, "openings")), 1);
    first = json_array_get(json_object_get(d, "openings"), 0);
    cr_assert_eq(json_integer_value(json_object_get(first, "id")), id);
    funnel = json_object_get(first, "funnel");
    cr_assert_eq(json_array_size(funnel), 5, "applied to hired");
    cr_assert_str_eq(str(json_array_get(funnel, 0), "kind"), "applied");
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(funnel, 4), "reached")), 0);
    cr_assert_eq(json_array_size(json_object_get(first, "time_in_stage")), 4);
    cr_assert(json_is_null(json_object_get(first, "time_to_fill_days")));
    cr_assert_eq(
        json_integer_value(json_object_get(json_object_get(d, "awaiting_screening"), "total")), 0);
    cr_assert_eq(
        json_array_size(json_object_get(json_object_get(d, "awaiting_scorecards"), "items")), 0);
    json_decref(d);
    store_close(s);
}

Test(store, careers_attempts_are_counted_within_their_window)
{
    struct store *s = open_store();
    char msg[RB_ERRMSG];
    long long n, oldest;

    for (long long t = 1000; t < 1003; t++)
        cr_assert_eq(store_apply_attempts(s, "addr:192.0.2.1", t, 60, true, &n, &oldest, msg),
                     RB_OK, "%s", msg);
    cr_assert_eq(n, 3);
    cr_assert_eq(oldest, 1000);
    cr_assert_eq(store_apply_attempts(s, "addr:192.0.2.2", 1003, 60, false, &n, &oldest, msg),
                 RB_OK, "%s", msg);
    cr_assert_eq(n, 0, "another key counts apart");
    cr_assert_eq(store_apply_attempts(s, "addr:192.0.2.1", 1061, 60, false, &n, &oldest, msg),
                 RB_OK, "%s", msg);
    cr_assert_eq(n, 1, "attempts older than the window no longer count");
    cr_assert_eq(oldest, 1002);
    store_close(s);
}

Test(store, mail_is_claimed_once_oldest_first_and_recorded)
{
    struct store *s = open_store();
    char msg[RB_ERRMSG];
    json_t *items, *again, *list;
    size_t total;
    struct mail_new late = {.kind = "invite",
                            .recipient = "panel@example.org",
                            .subject = "Interview",
                            .body = "See you then.",
                            .attachment = "BEGIN:VCALENDAR",
                            .attachment_type = "text/calendar; method=REQUEST",
                            .next_try = 200};
    struct mail_new early = {.kind = "screening-done",
                             .recipient = "recruiter@example.org",
                             .subject = "Screening done",
                             .body = "Done.",
                             .next_try = 100};
    long long first = 0, second;

    cr_assert_eq(store_outbox_add(s, &late, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_outbox_add(s, &early, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_outbox_claim(s, 150, 1000, 10, &items, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(items), 1, "only what is due");
    json_decref(items);
    cr_assert_eq(store_outbox_claim(s, 300, 1300, 10, &items, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(items), 1, "the claimed one is leased until 1000");
    second = json_integer_value(json_object_get(json_array_get(items, 0), "id"));
    cr_assert_str_eq(str(json_array_get(items, 0), "attachment_type"),
                     "text/calendar; method=REQUEST");
    json_decref(items);
    cr_assert_eq(store_outbox_claim(s, 2000, 2100, 10, &items, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(items), 2, "both leases ran out");
    /* which of the two comes first is not asserted: SQLite hands them back by id */
    for (size_t i = 0; i < 2; i++) {
        json_t *m = json_array_get(items, i);
        if (strcmp(str(m, "kind"), "invite") == 0)
            cr_assert_eq(json_integer_value(json_object_get(m, "id")), second);
        else
            first = json_integer_value(json_object_get(m, "id"));
    }
    cr_assert_neq(first, 0);
    cr_assert_eq(store_outbox_claim(s, 2000, 2100, 10, &again, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(again), 0);
    json_decref(again);

    cr_assert_eq(store_outbox_done(s, first, NULL, 0, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_outbox_done(s, second, "refused by the relay", 0, msg), RB_OK, "%s", msg);
    json_decref(items);
    cr_assert_eq(store_outbox_list(s, true, 10, &list, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(total, 1, "the one given up is still unsent");
    cr_assert_str_eq(str(json_array_get(list, 0), "last_error"), "refused by the relay");
    cr_assert(json_is_null(json_object_get(json_array_get(list, 0), "next_try")));
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(list, 0), "attempts")), 1);
    json_decref(list);
    cr_assert_eq(store_outbox_list(s, false, 10, &list, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(total, 2);
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(list, 0), "id")), first,
                 "newest first: the one queued last");
    cr_assert(json_is_string(json_object_get(json_array_get(list, 0), "sent_at")));
    cr_assert(json_is_null(json_object_get(json_array_get(list, 1), "sent_at")));
    cr_assert(json_object_get(json_array_get(list, 0), "body") == NULL, "no bodies listed");
    json_decref(list);
    cr_assert_eq(store_outbox_claim(s, 99999, 100000, 10, &items, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(items), 0, "sent and given up are never claimed");
    json_decref(items);
    store_close(s);
}
