/* SPDX-License-Identifier: MIT */
/* Scorecard drafts in the store: one per interviewer and interview, theirs alone, checked
 * against the panel, guarded by revision, and gone on submit and on erase. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/user.h"
#include "helpers.h"
#include "store/store.h"

struct loop {
    struct store *s;
    long long candidate, interview, a, b, outsider;
};

static long long
account(struct store *s, const char *email)
{
    char mail[64], msg[RB_ERRMSG];
    struct user u = {.email = mail, .role = USER_INTERVIEWER};
    long long id;
    snprintf(mail, sizeof mail, "%s", email);
    cr_assert_eq(store_user_add(s, &u, NULL, &id, msg), RB_OK, "%s", msg);
    return id;
}

/* A candidate with one interview whose panel is a and b. */
static struct loop
loop_new(void)
{
    struct loop l = {0};
    struct candidate_new c = {.name = "Quinn Placeholder", .email = "quinn@example.org"};
    char msg[RB_ERRMSG] = "";
    long long panel[2];
    cr_assert_eq(test_store_open("sqlite::memory:", &l.s, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_candidate_add(l.s, &c, &l.candidate, msg), RB_OK, "%s", msg);
    panel[0] = l.a = account(l.s, "a@example.org");
    panel[1] = l.b = account(l.s, "b@example.org");
    l.outsider = account(l.s, "c@example.org");
    struct interview_new iv = {.candidate = l.candidate,
                               .stage = "technical",
                               .minutes = 45,
                               .kit_json = "{\"questions\":[]}",
                               .interviewers = panel,
                               .ninterviewers = 2};
    cr_assert_eq(store_interview_create(l.s, &iv, &l.interview, msg), RB_OK, "%s", msg);
    return l;
}

static long long
put(struct loop *l, long long who, const char *body, long long base, enum rb_err want)
{
    char msg[RB_ERRMSG] = "";
    long long rev = 0;
    cr_assert_eq(store_draft_put(l->s, l->interview, who, body, base, &rev, msg), want, "%s", msg);
    return rev;
}

static const char *
notes_of(struct loop *l, long long who)
{
    static char out[64];
    json_t *d;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(store_draft_get(l->s, l->interview, who, &d, msg), RB_OK, "%s", msg);
    snprintf(out, sizeof out, "%s",
             json_string_value(json_object_get(json_object_get(d, "draft"), "notes")));
    json_decref(d);
    return out;
}

Test(drafts, each_author_reads_only_their_own)
{
    struct loop l = loop_new();
    json_t *d;
    char msg[RB_ERRMSG];

    cr_assert_eq(store_draft_get(l.s, l.interview, l.a, &d, msg), RB_ENOTFOUND);
    cr_assert_eq(put(&l, l.a, "{\"notes\":\"from a\"}", 0, RB_OK), 1);
    cr_assert_eq(put(&l, l.b, "{\"notes\":\"from b\"}", 0, RB_OK), 1);
    cr_assert_str_eq(notes_of(&l, l.a), "from a");
    cr_assert_str_eq(notes_of(&l, l.b), "from b");
    /* off the panel: refused, whoever they are */
    cr_assert_eq(store_draft_get(l.s, l.interview, l.outsider, &d, msg), RB_EDENIED);
    put(&l, l.outsider, "{}", 0, RB_EDENIED);
    cr_assert_eq(store_draft_get(l.s, 999, l.a, &d, msg), RB_ENOTFOUND);
    put(&l, l.a, "{}", 0, RB_OK);
    l.interview = 999;
    put(&l, l.a, "{}", 0, RB_ENOTFOUND);
    store_close(l.s);
}

Test(drafts, a_stale_revision_is_refused_and_changes_nothing)
{
    struct loop l = loop_new();
    cr_assert_eq(put(&l, l.a, "{\"notes\":\"one\"}", 0, RB_OK), 1);
    cr_assert_eq(put(&l, l.a, "{\"notes\":\"two\"}", 1, RB_OK), 2);
    put(&l, l.a, "{\"notes\":\"old tab\"}", 1, RB_ECONFLICT);
    cr_assert_str_eq(notes_of(&l, l.a), "two");
    /* without a base, whatever is there is replaced */
    cr_assert_eq(put(&l, l.a, "{\"notes\":\"three\"}", 0, RB_OK), 3);
    store_close(l.s);
}

Test(drafts, submitting_removes_the_draft_and_ends_drafting)
{
    struct loop l = loop_new();
    struct scorecard_new card = {
        .interview = l.interview, .interviewer = l.a, .recommendation = "yes", .original = "{}"};
    char msg[RB_ERRMSG] = "";
    long long id;
    json_t *d;

    put(&l, l.a, "{\"notes\":\"mine\"}", 0, RB_OK);
    put(&l, l.b, "{\"notes\":\"theirs\"}", 0, RB_OK);
    cr_assert_eq(store_scorecard_submit(l.s, &card, &id, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_draft_get(l.s, l.interview, l.a, &d, msg), RB_ENOTFOUND);
    cr_assert_not_null(strstr(msg, "is submitted"), "%s", msg);
    put(&l, l.a, "{}", 0, RB_ECONFLICT);
    cr_assert_str_eq(notes_of(&l, l.b), "theirs");
    cr_assert_eq(store_draft_delete(l.s, l.interview, l.b, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_draft_delete(l.s, l.interview, l.b, msg), RB_ENOTFOUND);
    store_close(l.s);
}

Test(drafts, a_candidates_drafts_are_exported_and_erased)
{
    struct loop l = loop_new();
    struct audit_actor who = {0, "tester"};
    struct erase_result r;
    char msg[RB_ERRMSG] = "";
    json_t *d;

    put(&l, l.a, "{\"notes\":\"about Quinn\"}", 0, RB_OK);
    /* held about them, so exported with the rest */
    cr_assert_eq(store_candidate_export(l.s, l.candidate, &d, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(
        json_string_value(json_object_get(
            json_object_get(json_array_get(json_object_get(d, "drafts"), 0), "draft"), "notes")),
        "about Quinn");
    json_decref(d);
    cr_assert_eq(store_candidate_erase(l.s, l.candidate, &who, &r, msg), RB_OK, "%s", msg);
    erase_result_cleanup(&r);
    cr_assert_eq(store_draft_get(l.s, l.interview, l.a, &d, msg), RB_ENOTFOUND);
    store_close(l.s);
}
