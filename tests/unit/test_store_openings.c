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

/* The careers limit as the servers of a store apply it: a place reserved before the form is
 * read, refused at the limit with the oldest attempt's time, given back when the form is. */
Test(store, careers_places_are_reserved_up_to_the_limit_and_given_back)
{
    struct store *s = open_store();
    char msg[RB_ERRMSG];
    long long n, oldest;
    bool ok;

    for (long long t = 1000; t < 1003; t++) {
        cr_assert_eq(store_apply_reserve(s, "addr:192.0.2.1", t, 60, 3, &ok, &n, &oldest, msg),
                     RB_OK, "%s", msg);
        cr_assert(ok, "place %lld", t - 999);
        cr_assert_eq(n, t - 999);
        cr_assert_eq(oldest, 1000);
    }
    cr_assert_eq(store_apply_reserve(s, "addr:192.0.2.1", 1010, 60, 3, &ok, &n, &oldest, msg),
                 RB_OK, "%s", msg);
    cr_assert(!ok, "a fourth within the window");
    cr_assert_eq(n, 3);
    cr_assert_eq(oldest, 1000, "the oldest says when a place comes free");
    cr_assert_eq(store_apply_reserve(s, "addr:192.0.2.2", 1010, 60, 3, &ok, &n, &oldest, msg),
                 RB_OK, "%s", msg);
    cr_assert(ok && n == 1 && oldest == 1010, "another key counts apart");
    /* a form refused after all gives its place back: one row, the others stay */
    cr_assert_eq(store_apply_release(s, "addr:192.0.2.1", 1001, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_apply_attempts(s, "addr:192.0.2.1", 1010, 60, false, &n, &oldest, msg),
                 RB_OK, "%s", msg);
    cr_assert_eq(n, 2);
    cr_assert_eq(store_apply_reserve(s, "addr:192.0.2.1", 1011, 60, 3, &ok, &n, &oldest, msg),
                 RB_OK, "%s", msg);
    cr_assert(ok && n == 3);
    /* past the window of the oldest, a place again */
    cr_assert_eq(store_apply_reserve(s, "addr:192.0.2.1", 1060, 60, 3, &ok, &n, &oldest, msg),
                 RB_OK, "%s", msg);
    cr_assert(ok, "the oldest left the window");
    cr_assert_eq(n, 3);
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

Test(store, applications_move_through_stages_and_their_candidate_follows)
{
    struct store *s = open_store();
    struct audit_actor who = {0, "tester"};
    char msg[RB_ERRMSG];
    long long opening = new_opening(s, "Backend engineer"), app, cand, again, other_cand, found,
              owner;
    struct candidate_new person = {.name = "Imani Testperson", .email = "imani@example.org"};
    struct application_new a = {.opening = opening,
                                .person = &person,
                                .stage = "Applied",
                                .kind = "applied",
                                .source = "careers",
                                .reason = "applied on the careers page"};
    struct application_filter f = {.opening = opening};
    json_t *x, *items, *counts, *hist;
    size_t total;

    /* a candidate made first: a backend without candidates skips here, outside any
     * transaction */
    cr_assert_eq(store_candidate_add(s, &(struct candidate_new){.name = "Other Testperson"},
                                     &other_cand, msg),
                 RB_OK, "%s", msg);
    cr_assert_eq(store_application_add(s, &a, &who, &app, &cand, msg), RB_OK, "%s", msg);
    cr_assert_gt(cand, 0);
    cr_assert_neq(cand, other_cand, "a new person becomes a new candidate");
    a.candidate = cand;
    cr_assert_eq(store_application_add(s, &a, &who, &again, &other_cand, msg), RB_ECONFLICT);
    cr_assert(strstr(msg, "holds application"), "%s", msg);
    a.opening = 999999;
    cr_assert_eq(store_application_add(s, &a, &who, &again, &other_cand, msg), RB_ENOTFOUND);

    cr_assert_eq(store_application_by_email(s, opening, "imani@example.org", &found, &owner, msg),
                 RB_OK, "%s", msg);
    cr_assert_eq(found, app);
    cr_assert_eq(owner, cand);
    cr_assert_eq(store_application_by_email(s, opening, "nobody@example.org", &found, &owner, msg),
                 RB_ENOTFOUND);

    cr_assert_eq(
        store_application_move(s, app, "Onsite", "interviewing", &who, "strong screen", msg), RB_OK,
        "%s", msg);
    cr_assert_eq(store_application_move(s, app, "Onsite", "interviewing", &who, NULL, msg),
                 RB_ECONFLICT);
    cr_assert_eq(store_application_move(s, app, "Nowhere", "offer", &who, NULL, msg), RB_EINVAL);
    cr_assert(strstr(msg, "has no stage 'Nowhere'"), "%s", msg);
    cr_assert_eq(store_application_move(s, 999999, "Onsite", "interviewing", &who, NULL, msg),
                 RB_ENOTFOUND);
    cr_assert_eq(store_application_answers(s, app, "{\"why\": \"The team.\"}", msg), RB_OK, "%s",
                 msg);

    cr_assert_eq(store_application_get(s, app, &x, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(x, "stage"), "Onsite");
    cr_assert_str_eq(str(x, "kind"), "interviewing");
    cr_assert_str_eq(str(x, "name"), "Imani Testperson");
    cr_assert_str_eq(str(x, "opening_title"), "Backend engineer");
    hist = json_object_get(x, "history");
    cr_assert_eq(json_array_size(hist), 2, "its first stage and the move, in order");
    cr_assert(json_is_null(json_object_get(json_array_get(hist, 0), "from")));
    cr_assert_str_eq(str(json_array_get(hist, 1), "from"), "Applied");
    cr_assert_str_eq(str(json_array_get(hist, 1), "reason"), "strong screen");
    cr_assert_str_eq(str(json_object_get(x, "answers"), "why"), "The team.");
    cr_assert_eq(json_array_size(json_object_get(x, "interviews")), 0);
    json_decref(x);
    cr_assert_eq(store_application_get(s, 999999, &x, msg), RB_ENOTFOUND);

    cr_assert_eq(store_candidate_get(s, cand, &x, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(x, "stage"), "interviewing", "the candidate follows the application");
    json_decref(x);

    f.q = "IMANI";
    cr_assert_eq(store_application_list(s, &f, 10, 0, &items, &total, &counts, msg), RB_OK, "%s",
                 msg);
    cr_assert_eq(total, 1);
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(items, 0), "id")), app);
    cr_assert_eq(json_array_size(counts), 4);
    cr_assert_eq(json_integer_value(json_object_get(json_array_get(counts, 2), "count")), 1);
    json_decref(items);
    json_decref(counts);
    f.q = "someone else";
    cr_assert_eq(store_application_list(s, &f, 10, 0, &items, &total, NULL, msg), RB_OK, "%s", msg);
    cr_assert_eq(total, 0);
    json_decref(items);

    cr_assert_eq(store_opening_get(s, opening, &x, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_integer_value(
                     json_object_get(json_array_get(json_object_get(x, "counts"), 2), "count")),
                 1);
    json_decref(x);
    {
        struct opening_row up = {.id = opening,
                                 .title = "Backend engineer",
                                 .stages = "[{\"name\": \"Applied\", \"kind\": \"applied\"}]"};
        long long same;
        cr_assert_eq(store_opening_save(s, &up, &who, &same, msg), RB_ECONFLICT);
        cr_assert(strstr(msg, "stage 'Onsite' holds 1 application(s)"), "%s", msg);
    }
    {
        bool used = true;
        cr_assert_eq(
            store_upload_used(s, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                              &used, msg),
            RB_OK, "%s", msg);
        cr_assert(!used, "no resume refers to a file never uploaded");
    }
    store_close(s);
}

Test(store, fairness_rows_carry_stages_reached_and_self_identification)
{
    struct store *s = open_store();
    struct audit_actor who = {0, "tester"};
    char msg[RB_ERRMSG];
    long long opening = new_opening(s, "Backend engineer"), app, cand;
    struct candidate_new person = {.name = "Tomas Testperson", .email = "tomas@example.org"};
    struct application_new a = {.opening = opening,
                                .person = &person,
                                .stage = "Applied",
                                .kind = "applied",
                                .source = "manual"};
    struct fairness_filter f = {.role = "backend"};
    json_t *rows, *answers = json_pack("{s:s, s:s}", "gender", "woman", "age", "40-49"), *x;

    /* made first: a backend without candidates skips here, outside any transaction */
    cr_assert_eq(store_candidate_add(s, &person, &a.candidate, msg), RB_OK, "%s", msg);
    a.person = NULL;
    cr_assert_eq(store_application_add(s, &a, &who, &app, &cand, msg), RB_OK, "%s", msg);
    cr_assert_eq(cand, a.candidate);
    cr_assert_eq(store_application_move(s, app, "Phone screen", "screened", &who, NULL, msg), RB_OK,
                 "%s", msg);
    cr_assert_eq(store_selfid_put(s, cand, answers, "candidate", NULL, &who, msg), RB_OK, "%s",
                 msg);
    cr_assert_eq(store_selfid_put(s, 999999, answers, "candidate", NULL, &who, msg), RB_ENOTFOUND);
    json_decref(answers);
    cr_assert_eq(store_selfid_get(s, cand, &x, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(json_object_get(x, "answers"), "gender"), "woman");
    cr_assert_str_eq(str(x, "given_by"), "candidate");
    json_decref(x);

    cr_assert_eq(store_fairness_rows(s, &f, &rows, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(rows), 1);
    x = json_array_get(rows, 0);
    cr_assert_eq(json_integer_value(json_object_get(x, "application")), app);
    cr_assert_eq(json_array_size(json_object_get(x, "reached")), 2);
    cr_assert_str_eq(str(json_object_get(x, "self_id"), "age"), "40-49");
    cr_assert(json_is_null(json_object_get(x, "score")));
    json_decref(rows);
    f.role = "frontend";
    cr_assert_eq(store_fairness_rows(s, &f, &rows, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(rows), 0);
    json_decref(rows);
    store_close(s);
}
