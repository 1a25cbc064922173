/* SPDX-License-Identifier: MIT */
/* Interview loops in the store, on every backend: an interview as created and read back, the
 * lists of interviews with their panels, paging and the "waiting for my scorecard" filter,
 * calendar changes, scorecards submitted, amended and read, and the panel rule's counts. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/user.h"
#include "helpers.h"
#include "store/store.h"

struct world {
    struct store *s;
    long long ada, ben, cy;   /* candidates: Ada and Ben for role backend, Cy for sre */
    long long a, b, outsider; /* accounts: a and b interview, outsider does not */
};

static long long
account(struct store *s, const char *email, const char *name)
{
    char mail[64], nm[64], msg[RB_ERRMSG] = "";
    struct user u = {.email = mail, .name = nm, .role = USER_INTERVIEWER};
    long long id;
    snprintf(mail, sizeof mail, "%s", email);
    snprintf(nm, sizeof nm, "%s", name);
    cr_assert_eq(store_user_add(s, &u, NULL, &id, msg), RB_OK, "%s", msg);
    return id;
}

static long long
candidate(struct store *s, const char *name, const char *role)
{
    struct candidate_new c = {.name = name, .role = role};
    char msg[RB_ERRMSG] = "";
    long long id;
    cr_assert_eq(store_candidate_add(s, &c, &id, msg), RB_OK, "%s", msg);
    return id;
}

static struct world
world_new(void)
{
    struct world w = {0};
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(test_store_open("sqlite::memory:", &w.s, msg), RB_OK, "%s", msg);
    /* added out of email order: panels are listed by email */
    w.b = account(w.s, "bo@example.org", "Bo Fictive");
    w.a = account(w.s, "al@example.org", "Al Madeup");
    w.outsider = account(w.s, "zed@example.org", "Zed Nobody");
    w.ada = candidate(w.s, "Ada Inventa", "backend");
    w.ben = candidate(w.s, "Ben Imaginary", "backend");
    w.cy = candidate(w.s, "Cy Pretend", "sre");
    return w;
}

static long long
interview(struct world *w, long long cand, const char *stage, const long long *panel, size_t n)
{
    struct interview_new iv = {.candidate = cand,
                               .stage = stage,
                               .minutes = 45,
                               .scheduled_at = "2026-03-02T10:00:00Z",
                               .kit_json = "{\"questions\":[{\"id\":\"q-one\"}]}",
                               .interviewers = panel,
                               .ninterviewers = n,
                               .created_by = w->outsider};
    char msg[RB_ERRMSG] = "";
    long long id = 0;
    cr_assert_eq(store_interview_create(w->s, &iv, &id, msg), RB_OK, "%s", msg);
    return id;
}

static long long
submit(struct world *w, long long iv, long long who, const char *rec, enum rb_err want)
{
    static const struct scorecard_rating ratings[] = {
        {.question = "q-zeta", .competency = "design", .rating = 3, .notes = "clear"},
        {.question = "q-alpha", .competency = "coding", .rating = 0},
    };
    static const struct scorecard_comp comps[] = {
        {.competency = "design", .derived = 3, .rating = 3},
        {.competency = "coding", .derived = 0, .rating = 2, .override_reason = "pairing showed"},
    };
    struct scorecard_new v = {.interview = iv,
                              .interviewer = who,
                              .recommendation = rec,
                              .notes = "solid",
                              .ratings = ratings,
                              .nratings = 2,
                              .comps = comps,
                              .ncomps = 2,
                              .original = "{\"as\":\"submitted\"}"};
    char msg[RB_ERRMSG] = "";
    long long id = 0;
    cr_assert_eq(store_scorecard_submit(w->s, &v, &id, msg), want, "%s", msg);
    return id;
}

static const char *
str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static long long
num(const json_t *o, const char *key)
{
    return (long long)json_integer_value(json_object_get(o, key));
}

Test(loops, an_interview_reads_back_as_created)
{
    struct world w = world_new();
    long long panel[] = {w.b, w.a, w.b}, id, none;
    char msg[RB_ERRMSG] = "";
    json_t *iv;

    id = interview(&w, w.ada, "technical", panel, 3);
    cr_assert_eq(store_interview_get(w.s, id, &iv, msg), RB_OK, "%s", msg);
    cr_assert_eq(num(iv, "id"), id);
    cr_assert_eq(num(iv, "candidate"), w.ada);
    cr_assert(json_is_null(json_object_get(iv, "application")));
    cr_assert_str_eq(str(iv, "stage"), "technical");
    cr_assert_eq(num(iv, "minutes"), 45);
    cr_assert_str_eq(str(iv, "scheduled_at"), "2026-03-02T10:00:00Z");
    cr_assert_not_null(str(iv, "created_at"));
    /* each interviewer once, by email */
    json_t *who = json_object_get(iv, "interviewers");
    cr_assert_eq(json_array_size(who), 2);
    cr_assert_str_eq(json_string_value(json_array_get(who, 0)), "al@example.org");
    cr_assert_str_eq(json_string_value(json_array_get(who, 1)), "bo@example.org");
    /* the kit comes back as the document it was */
    cr_assert_str_eq(
        str(json_array_get(json_object_get(json_object_get(iv, "kit"), "questions"), 0), "id"),
        "q-one");
    cr_assert_eq(num(iv, "sequence"), 0);
    cr_assert(json_is_null(json_object_get(iv, "time_zone")));
    cr_assert(json_is_null(json_object_get(iv, "cancelled_at")));
    json_decref(iv);

    cr_assert_eq(store_interview_get(w.s, id + 100, &iv, msg), RB_ENOTFOUND);
    cr_assert_not_null(strstr(msg, "no interview"), "%s", msg);
    struct interview_new bad = {
        .candidate = 9999, .stage = "technical", .minutes = 30, .kit_json = "{}"};
    cr_assert_eq(store_interview_create(w.s, &bad, &none, msg), RB_ENOTFOUND);
    cr_assert_str_eq(msg, "no candidate 9999");
    store_close(w.s);
}

Test(loops, lists_page_show_panels_and_what_waits_for_me)
{
    struct world w = world_new();
    long long both[] = {w.a, w.b}, only_b[] = {w.b}, i1, i2, i3, card, seq;
    char msg[RB_ERRMSG] = "";
    json_t *items;
    size_t total;

    i1 = interview(&w, w.ada, "technical", both, 2);
    i2 = interview(&w, w.ada, "design", only_b, 1);
    i3 = interview(&w, w.ben, "technical", both, 2);

    cr_assert_eq(store_interview_list(w.s, w.ada, 0, 10, 0, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(total, 2);
    cr_assert_eq(json_array_size(items), 2);
    cr_assert_eq(num(json_array_get(items, 0), "id"), i1);
    cr_assert_eq(num(json_array_get(items, 1), "id"), i2);
    json_decref(items);

    /* a's interviews, one a page; past the end the total still holds */
    cr_assert_eq(store_interview_list(w.s, 0, w.a, 1, 1, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(total, 2);
    cr_assert_eq(num(json_array_get(items, 0), "id"), i3);
    json_decref(items);
    cr_assert_eq(store_interview_list(w.s, 0, w.a, 1, 5, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(items), 0);
    cr_assert_eq(total, 2);
    json_decref(items);

    /* the panel shows who has submitted */
    card = submit(&w, i1, w.b, "yes", RB_OK);
    struct interview_filter f = {.candidate = w.ada};
    cr_assert_eq(store_interview_find(w.s, &f, 10, 0, &items, &total, msg), RB_OK, "%s", msg);
    json_t *first = json_array_get(items, 0);
    cr_assert_str_eq(str(first, "candidate_name"), "Ada Inventa");
    cr_assert_str_eq(str(first, "role"), "backend");
    cr_assert_eq(num(first, "scorecards"), 1);
    json_t *panel = json_object_get(first, "panel");
    cr_assert_eq(json_array_size(panel), 2);
    cr_assert_str_eq(str(json_array_get(panel, 0), "email"), "al@example.org");
    cr_assert_str_eq(str(json_array_get(panel, 0), "name"), "Al Madeup");
    cr_assert(json_is_null(json_object_get(json_array_get(panel, 0), "scorecard")));
    cr_assert(json_is_null(json_object_get(json_array_get(panel, 0), "submitted_at")));
    cr_assert_eq(num(json_array_get(panel, 1), "scorecard"), card);
    cr_assert_not_null(str(json_array_get(panel, 1), "submitted_at"));
    json_decref(items);

    /* waiting for b: not i1 (scored), not i3 once cancelled; i2 stays */
    cr_assert_eq(store_interview_reschedule(w.s, i3, NULL, NULL, true, &seq, msg), RB_OK, "%s",
                 msg);
    f = (struct interview_filter){.account = w.b, .waiting = true};
    cr_assert_eq(store_interview_find(w.s, &f, 10, 0, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(total, 1);
    cr_assert_eq(num(json_array_get(items, 0), "id"), i2);
    json_decref(items);
    store_close(w.s);
}

Test(loops, rescheduling_counts_keeps_the_zone_and_cancelling_is_final)
{
    struct world w = world_new();
    long long panel[] = {w.b, w.a}, id, seq = 0;
    char msg[RB_ERRMSG] = "";
    json_t *cal;

    id = interview(&w, w.cy, "technical", panel, 2);
    cr_assert_eq(store_interview_calendar(w.s, id, &cal, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(cal, "candidate_name"), "Cy Pretend");
    cr_assert_eq(num(cal, "sequence"), 0);
    cr_assert_str_eq(str(json_object_get(cal, "organizer"), "email"), "zed@example.org");
    json_t *att = json_object_get(cal, "attendees");
    cr_assert_eq(json_array_size(att), 2);
    cr_assert_str_eq(str(json_array_get(att, 0), "email"), "al@example.org");
    cr_assert_str_eq(str(json_array_get(att, 1), "name"), "Bo Fictive");
    json_decref(cal);

    cr_assert_eq(store_interview_reschedule(w.s, id, "2026-03-03T09:00:00Z", "Europe/Paris", false,
                                            &seq, msg),
                 RB_OK, "%s", msg);
    cr_assert_eq(seq, 1);
    /* no zone given: the one set stays */
    cr_assert_eq(
        store_interview_reschedule(w.s, id, "2026-03-04T09:00:00Z", NULL, false, &seq, msg), RB_OK,
        "%s", msg);
    cr_assert_eq(seq, 2);
    cr_assert_eq(store_interview_calendar(w.s, id, &cal, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(cal, "scheduled_at"), "2026-03-04T09:00:00Z");
    cr_assert_str_eq(str(cal, "time_zone"), "Europe/Paris");
    cr_assert_eq(num(cal, "sequence"), 2);
    cr_assert(json_is_null(json_object_get(cal, "cancelled_at")));
    json_decref(cal);

    cr_assert_eq(store_interview_reschedule(w.s, id, NULL, NULL, true, &seq, msg), RB_OK, "%s",
                 msg);
    cr_assert_eq(seq, 3);
    cr_assert_eq(store_interview_get(w.s, id, &cal, msg), RB_OK, "%s", msg);
    cr_assert_not_null(str(cal, "cancelled_at"));
    cr_assert_eq(num(cal, "sequence"), 3);
    json_decref(cal);
    cr_assert_eq(
        store_interview_reschedule(w.s, id, "2026-03-05T09:00:00Z", NULL, false, &seq, msg),
        RB_ECONFLICT);
    cr_assert_not_null(strstr(msg, "is cancelled"), "%s", msg);
    cr_assert_eq(store_interview_reschedule(w.s, id + 100, NULL, NULL, false, &seq, msg),
                 RB_ENOTFOUND);
    cr_assert_eq(store_interview_calendar(w.s, id + 100, &cal, msg), RB_ENOTFOUND);
    store_close(w.s);
}

Test(loops, a_scorecard_is_submitted_once_read_whole_and_amended_with_a_trail)
{
    struct world w = world_new();
    long long panel[] = {w.a, w.b}, iv, card, other;
    char msg[RB_ERRMSG] = "", want[64];
    json_t *cards;

    iv = interview(&w, w.ada, "technical", panel, 2);
    submit(&w, iv, w.outsider, "yes", RB_EDENIED);
    submit(&w, iv + 100, w.a, "yes", RB_ENOTFOUND);
    card = submit(&w, iv, w.a, "yes", RB_OK);
    submit(&w, iv, w.a, "no", RB_ECONFLICT);

    struct scorecard_filter f = {.id = card};
    cr_assert_eq(store_scorecards(w.s, &f, &cards, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(cards), 1);
    json_t *c = json_array_get(cards, 0);
    cr_assert_eq(num(c, "interview"), iv);
    cr_assert_eq(num(c, "candidate"), w.ada);
    cr_assert_str_eq(str(c, "role"), "backend");
    cr_assert_str_eq(str(c, "stage"), "technical");
    cr_assert_str_eq(str(c, "interviewer"), "al@example.org");
    cr_assert_eq(num(c, "interviewer_id"), w.a);
    cr_assert_str_eq(str(c, "recommendation"), "yes");
    cr_assert_str_eq(str(c, "notes"), "solid");
    /* ratings in kit order, not by name; a question not asked has a null rating */
    json_t *r = json_object_get(c, "ratings");
    cr_assert_eq(json_array_size(r), 2);
    cr_assert_str_eq(str(json_array_get(r, 0), "question"), "q-zeta");
    cr_assert_eq(num(json_array_get(r, 0), "rating"), 3);
    cr_assert(json_is_null(json_object_get(json_array_get(r, 1), "rating")));
    /* competencies by name */
    json_t *k = json_object_get(c, "competencies");
    cr_assert_str_eq(str(json_array_get(k, 0), "competency"), "coding");
    cr_assert(json_is_null(json_object_get(json_array_get(k, 0), "derived")));
    cr_assert_str_eq(str(json_array_get(k, 0), "override_reason"), "pairing showed");
    cr_assert_eq(json_array_size(json_object_get(c, "amendments")), 0);
    cr_assert_str_eq(str(json_object_get(c, "original"), "as"), "submitted");
    json_decref(cards);

    struct scorecard_rating now_r[] = {{.question = "q-zeta", .competency = "design", .rating = 4}};
    struct scorecard_comp now_c[] = {{.competency = "design", .derived = 4, .rating = 4}};
    struct scorecard_new now = {.recommendation = "strong-yes",
                                .ratings = now_r,
                                .nratings = 1,
                                .comps = now_c,
                                .ncomps = 1};
    struct scorecard_change ch[] = {{"recommendation", "yes", "strong-yes"},
                                    {"notes", "solid", NULL}};
    cr_assert_eq(store_scorecard_amend(w.s, card, &now, ch, 2, w.a, "al@example.org",
                                       "typed the wrong one", msg),
                 RB_OK, "%s", msg);
    cr_assert_eq(store_scorecard_amend(w.s, card + 100, &now, ch, 2, 0, NULL, "x", msg),
                 RB_ENOTFOUND);
    snprintf(want, sizeof want, "no scorecard %lld", card + 100);
    cr_assert_str_eq(msg, want);
    cr_assert_eq(store_scorecards(w.s, &f, &cards, msg), RB_OK, "%s", msg);
    c = json_array_get(cards, 0);
    cr_assert_str_eq(str(c, "recommendation"), "strong-yes");
    cr_assert(json_is_null(json_object_get(c, "notes")));
    cr_assert_eq(json_array_size(json_object_get(c, "ratings")), 1);
    cr_assert_eq(num(json_array_get(json_object_get(c, "ratings"), 0), "rating"), 4);
    cr_assert_eq(json_array_size(json_object_get(c, "competencies")), 1);
    json_t *m = json_object_get(c, "amendments");
    cr_assert_eq(json_array_size(m), 2);
    cr_assert_str_eq(str(json_array_get(m, 0), "by"), "al@example.org");
    cr_assert_str_eq(str(json_array_get(m, 0), "field"), "recommendation");
    cr_assert_str_eq(str(json_array_get(m, 0), "old"), "yes");
    cr_assert_str_eq(str(json_array_get(m, 0), "new"), "strong-yes");
    cr_assert_str_eq(str(json_array_get(m, 1), "field"), "notes");
    cr_assert(json_is_null(json_object_get(json_array_get(m, 1), "new")));
    cr_assert_str_eq(str(json_array_get(m, 1), "reason"), "typed the wrong one");
    cr_assert_not_null(str(json_array_get(m, 1), "at"));
    /* the original stays as it was submitted */
    cr_assert_str_eq(str(json_object_get(c, "original"), "as"), "submitted");
    json_decref(cards);

    /* filters: by interviewer, by candidate, by role; nothing matching is [] */
    other = submit(&w, iv, w.b, "no", RB_OK);
    f = (struct scorecard_filter){.interview = iv};
    cr_assert_eq(store_scorecards(w.s, &f, &cards, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(cards), 2);
    cr_assert_eq(num(json_array_get(cards, 0), "id"), card);
    cr_assert_eq(num(json_array_get(cards, 1), "id"), other);
    json_decref(cards);
    f = (struct scorecard_filter){.candidate = w.ada, .interviewer = w.b, .role = "backend"};
    cr_assert_eq(store_scorecards(w.s, &f, &cards, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(cards), 1);
    cr_assert_eq(num(json_array_get(cards, 0), "id"), other);
    json_decref(cards);
    f = (struct scorecard_filter){.role = "sre"};
    cr_assert_eq(store_scorecards(w.s, &f, &cards, msg), RB_OK, "%s", msg);
    cr_assert(json_is_array(cards));
    cr_assert_eq(json_array_size(cards), 0);
    json_decref(cards);
    store_close(w.s);
}

Test(loops, the_panel_rule_counts_what_is_still_mine_to_score)
{
    struct world w = world_new();
    long long both[] = {w.a, w.b}, only_a[] = {w.a}, i1, i2, i3, on = -1, pending = -1, seq;
    char msg[RB_ERRMSG] = "";

    i1 = interview(&w, w.ada, "technical", both, 2);
    i2 = interview(&w, w.ada, "design", only_a, 1);
    i3 = interview(&w, w.ada, "behavioral", only_a, 1);
    interview(&w, w.ben, "technical", both, 2);

    cr_assert_eq(store_loop_pending(w.s, w.ada, w.a, &on, &pending, msg), RB_OK, "%s", msg);
    cr_assert_eq(on, 3);
    cr_assert_eq(pending, 3);
    submit(&w, i1, w.a, "yes", RB_OK);
    /* a cancelled interview waits for nobody */
    cr_assert_eq(store_interview_reschedule(w.s, i3, NULL, NULL, true, &seq, msg), RB_OK, "%s",
                 msg);
    cr_assert_eq(store_loop_pending(w.s, w.ada, w.a, &on, &pending, msg), RB_OK, "%s", msg);
    cr_assert_eq(on, 3);
    cr_assert_eq(pending, 1);
    submit(&w, i2, w.a, "no", RB_OK);
    cr_assert_eq(store_loop_pending(w.s, w.ada, w.a, &on, &pending, msg), RB_OK, "%s", msg);
    cr_assert_eq(pending, 0);
    /* b sits on one of Ada's interviews and has not scored it; the outsider on none */
    cr_assert_eq(store_loop_pending(w.s, w.ada, w.b, &on, &pending, msg), RB_OK, "%s", msg);
    cr_assert_eq(on, 1);
    cr_assert_eq(pending, 1);
    cr_assert_eq(store_loop_pending(w.s, w.ada, w.outsider, &on, &pending, msg), RB_OK, "%s", msg);
    cr_assert_eq(on, 0);
    cr_assert_eq(pending, 0);
    store_close(w.s);
}
