/* SPDX-License-Identifier: MIT */
/* The store's candidates, uploaded resumes, stored parses and screening jobs, on every
 * backend (helpers.h: SQLite in memory, or a PostgreSQL schema when RUBRIC_TEST_PG is set). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static const char *
str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static long long
num(json_t *o, const char *key)
{
    return (long long)json_integer_value(json_object_get(o, key));
}

static long long
add(struct store *s, const char *name, const char *email, const char *role)
{
    struct candidate_new c = {.name = name, .email = email, .role = role};
    char msg[RB_ERRMSG];
    long long id;
    cr_assert_eq(store_candidate_add(s, &c, &id, msg), RB_OK, "%s", msg);
    return id;
}

/* The names of the candidates in items, joined with spaces, into out. */
static const char *
names(json_t *items, char *out, size_t size)
{
    size_t i;
    json_t *v;
    *out = '\0';
    json_array_foreach(items, i, v)
    {
        if (i)
            strncat(out, " ", size - strlen(out) - 1);
        strncat(out, str(v, "name"), size - strlen(out) - 1);
    }
    return out;
}

Test(store, candidates_are_listed_searched_and_moved_through_stages)
{
    struct store *s = open_store();
    char msg[RB_ERRMSG], buf[256];
    json_t *items, *c, *h;
    size_t total;
    long long ada = add(s, "Ada Example", "ada@example.org", "backend");

    add(s, "Bo Sample", "BO.SAMPLE@example.net", "frontend");
    add(s, "Cyra Testcase", NULL, "backend");

    cr_assert_eq(store_candidate_list(s, NULL, NULL, 10, 0, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(names(items, buf, sizeof buf), "Ada Example Bo Sample Cyra Testcase");
    cr_assert_eq(total, 3);
    json_decref(items);
    cr_assert_eq(store_candidate_list(s, NULL, "backend", 1, 1, &items, &total, msg), RB_OK);
    cr_assert_str_eq(names(items, buf, sizeof buf), "Cyra Testcase");
    cr_assert_eq(total, 2);
    json_decref(items);
    /* a page past the end still counts them all */
    cr_assert_eq(store_candidate_list(s, NULL, "backend", 10, 5, &items, &total, msg), RB_OK);
    cr_assert_eq(json_array_size(items), 0);
    cr_assert_eq(total, 2);
    json_decref(items);

    /* a piece of the name or the email, in any case */
    cr_assert_eq(store_candidate_search(s, NULL, NULL, "SAMPLE@", 10, 0, &items, &total, msg),
                 RB_OK, "%s", msg);
    cr_assert_str_eq(names(items, buf, sizeof buf), "Bo Sample");
    json_decref(items);
    cr_assert_eq(store_candidate_search(s, NULL, NULL, "testCASE", 10, 0, &items, &total, msg),
                 RB_OK);
    cr_assert_str_eq(names(items, buf, sizeof buf), "Cyra Testcase");
    json_decref(items);
    cr_assert_eq(store_candidate_search(s, NULL, NULL, "nobody", 10, 0, &items, &total, msg),
                 RB_OK);
    cr_assert_eq(json_array_size(items), 0);
    cr_assert_eq(total, 0);
    json_decref(items);

    cr_assert_eq(
        store_candidate_stage(s, ada, "interviewing", 0, "Lee Recruiter", "strong CV", msg), RB_OK,
        "%s", msg);
    cr_assert_eq(store_candidate_stage(s, ada, "interviewing", 0, NULL, NULL, msg), RB_ECONFLICT);
    cr_assert(strstr(msg, "already at 'interviewing'"), "%s", msg);
    cr_assert_eq(store_candidate_stage(s, 999, "offer", 0, NULL, NULL, msg), RB_ENOTFOUND);
    cr_assert_str_eq(msg, "no candidate 999");
    cr_assert_eq(store_candidate_list(s, "interviewing", NULL, 10, 0, &items, &total, msg), RB_OK);
    cr_assert_str_eq(names(items, buf, sizeof buf), "Ada Example");
    json_decref(items);

    cr_assert_eq(store_candidate_get(s, ada, &c, msg), RB_OK, "%s", msg);
    cr_assert_eq(num(c, "id"), ada);
    cr_assert_str_eq(str(c, "email"), "ada@example.org");
    cr_assert_str_eq(str(c, "stage"), "interviewing");
    cr_assert(json_is_null(json_object_get(c, "screening")));
    cr_assert(json_is_null(json_object_get(c, "erased_at")));
    cr_assert_eq(json_array_size(json_object_get(c, "resumes")), 0);
    h = json_object_get(c, "history");
    cr_assert_eq(json_array_size(h), 2);
    cr_assert(json_is_null(json_object_get(json_array_get(h, 0), "from")));
    cr_assert_str_eq(str(json_array_get(h, 0), "to"), "applied");
    cr_assert_str_eq(str(json_array_get(h, 0), "by"), "command line");
    cr_assert_str_eq(str(json_array_get(h, 1), "from"), "applied");
    cr_assert_str_eq(str(json_array_get(h, 1), "to"), "interviewing");
    cr_assert_str_eq(str(json_array_get(h, 1), "by"), "Lee Recruiter");
    cr_assert_str_eq(str(json_array_get(h, 1), "reason"), "strong CV");
    json_decref(c);
    cr_assert_eq(store_candidate_get(s, 999, &c, msg), RB_ENOTFOUND);
    store_close(s);
}

Test(store, stored_parses_are_kept_per_file_blindness_and_parser)
{
    struct store *s = open_store();
    char msg[RB_ERRMSG], hash[65], *format, *body;
    struct parsed_resume v[2];
    bool any = true;

    /* a new store says it has none, so that a first run looks no file up */
    cr_assert_eq(store_resumes_any(s, &any, msg), RB_OK, "%s", msg);
    cr_assert(!any);
    /* as `rubric screen`'s writer connection keeps them: commits not synced, read back alike */
    cr_assert_eq(store_cache_writes(s, msg), RB_OK, "%s", msg);
    memset(hash, 'c', 64);
    hash[64] = '\0';
    v[0] = (struct parsed_resume){hash, false, "p1", "text", "{\"name\":\"Ines Placeholder\"}"};
    v[1] = (struct parsed_resume){hash, true, "p1", "text", "{\"name\":null}"};
    cr_assert_eq(store_resumes_put(s, v, 2, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_resumes_any(s, &any, msg), RB_OK, "%s", msg);
    cr_assert(any);
    cr_assert_eq(store_resume_get(s, hash, true, "p1", &format, &body, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(format, "text");
    cr_assert_str_eq(body, "{\"name\":null}");
    free(format);
    free(body);
    /* another parser's is not this one's */
    cr_assert_eq(store_resume_get(s, hash, false, "p2", &format, &body, msg), RB_ENOTFOUND);
    cr_assert_null(body);
    /* a new parse of the same file and blindness replaces the old */
    v[0] = (struct parsed_resume){hash, false, "p2", "markdown", "{\"name\":\"Ines P.\"}"};
    cr_assert_eq(store_resumes_put(s, v, 1, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_resume_get(s, hash, false, "p1", &format, &body, msg), RB_ENOTFOUND);
    cr_assert_eq(store_resume_get(s, hash, false, "p2", &format, &body, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(format, "markdown");
    cr_assert_str_eq(body, "{\"name\":\"Ines P.\"}");
    free(format);
    free(body);
    store_close(s);
}

/* Three uploads (the third unreadable) and a screening of all of them. */
static long long
queue(struct store *s, long long ids[3], char hash[3][65])
{
    char msg[RB_ERRMSG];
    struct resume_new rn[3];
    long long sid, bad[2] = {0, 424242};
    for (int i = 0; i < 3; i++) {
        memset(hash[i], 'a' + i, 64);
        hash[i][64] = '\0';
        rn[i] = (struct resume_new){.hash = hash[i], .filename = "cv.txt", .size = 100 + i};
    }
    rn[0].format = rn[1].format = "text";
    rn[0].parsed = "{\"name\":\"Ines Placeholder\",\"email\":\"Ines@Example.ORG\"}";
    rn[1].parsed = "{\"name\":\"Omar Fictive\"}";
    rn[2].error = "not a resume";
    rn[1].candidate = 777;
    cr_assert_eq(store_resumes_add(s, rn, 3, ids, msg), RB_EINVAL);
    cr_assert_str_eq(msg, "candidate: no candidate 777");
    rn[1].candidate = 0;
    cr_assert_eq(store_resumes_add(s, rn, 3, ids, msg), RB_OK, "%s", msg);
    cr_assert(ids[0] < ids[1] && ids[1] < ids[2]);

    bad[0] = ids[0];
    cr_assert_eq(store_screening_create(s, "backend", "{}", false, bad, 2, 0, &sid, msg),
                 RB_EINVAL);
    cr_assert_str_eq(msg, "resumes: no resume 424242");
    /* one listed twice is screened once */
    {
        long long all[4] = {ids[2], ids[0], ids[1], ids[0]};
        cr_assert_eq(
            store_screening_create(s, "backend", "{\"must\":[\"go\"]}", true, all, 4, 0, &sid, msg),
            RB_OK, "%s", msg);
    }
    return sid;
}

Test(store, a_screening_is_claimed_scored_ranked_and_taken_over_when_its_worker_stops)
{
    struct store *s = open_store();
    char msg[RB_ERRMSG], hash[3][65], *criteria;
    long long ids[3], sid, id, n, got[8];
    size_t k, total;
    bool blind = false, used;
    json_t *j, *items, *r;
    struct screening_outcome out[3];

    sid = queue(s, ids, hash);
    cr_assert_eq(store_resume_row(s, ids[0], &j, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(j, "hash"), hash[0]);
    cr_assert_eq(num(j, "size"), 100);
    cr_assert(json_is_null(json_object_get(j, "candidate")));
    cr_assert_str_eq(str(json_object_get(j, "parsed"), "name"), "Ines Placeholder");
    json_decref(j);
    cr_assert_eq(store_resume_row(s, ids[2], &j, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(j, "error"), "not a resume");
    cr_assert(json_is_null(json_object_get(j, "parsed")));
    json_decref(j);
    cr_assert_eq(store_resume_row(s, 999, &j, msg), RB_ENOTFOUND);
    cr_assert_eq(store_upload_used(s, hash[1], &used, msg), RB_OK, "%s", msg);
    cr_assert(used);
    cr_assert_eq(store_upload_used(s, "0123456789abcdef", &used, msg), RB_OK, "%s", msg);
    cr_assert(!used);

    cr_assert_eq(store_screenings_active(s, &n, msg), RB_OK, "%s", msg);
    cr_assert_eq(n, 1);
    cr_assert_eq(store_screening_get(s, sid, &j, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(j, "state"), "queued");
    cr_assert_eq(num(j, "total"), 3);
    cr_assert(json_is_true(json_object_get(j, "blind")));
    cr_assert(json_is_array(json_object_get(json_object_get(j, "criteria"), "must")));
    json_decref(j);

    cr_assert_eq(store_screening_claim(s, 1000, 60, &id, &criteria, &blind, msg), RB_OK, "%s", msg);
    cr_assert_eq(id, sid);
    cr_assert(blind);
    j = json_loads(criteria, 0, NULL);
    cr_assert(json_is_array(json_object_get(j, "must")), "%s", criteria);
    json_decref(j);
    free(criteria);
    /* taken: nobody else gets it */
    cr_assert_eq(store_screening_claim(s, 1001, 60, &id, &criteria, &blind, msg), RB_ENOTFOUND);
    cr_assert_str_eq(msg, "no screening is queued");
    cr_assert_null(criteria);

    cr_assert_eq(store_screening_next(s, sid, 8, got, &k, msg), RB_OK, "%s", msg);
    cr_assert_eq(k, 3);
    cr_assert(got[0] == ids[0] && got[1] == ids[1] && got[2] == ids[2]);
    out[0] = (struct screening_outcome){ids[0], 0.25, "{\"score\":0.25,\"name\":\"I\"}", NULL};
    out[1] = (struct screening_outcome){ids[1], 0.75, "{\"score\":0.75,\"name\":\"O\"}", NULL};
    cr_assert_eq(store_screening_record(s, sid, out, 2, 1010, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_screening_next(s, sid, 8, got, &k, msg), RB_OK, "%s", msg);
    cr_assert_eq(k, 1);
    cr_assert_eq(got[0], ids[2]);

    /* the worker stops beating: past stale seconds, the job is queued and taken again */
    cr_assert_eq(store_screening_claim(s, 1050, 60, &id, &criteria, &blind, msg), RB_ENOTFOUND);
    cr_assert_eq(store_screening_claim(s, 1071, 60, &id, &criteria, &blind, msg), RB_OK, "%s", msg);
    cr_assert_eq(id, sid);
    free(criteria);
    out[2] = (struct screening_outcome){ids[2], 0, NULL, "cannot be read"};
    cr_assert_eq(store_screening_record(s, sid, &out[2], 1, 1080, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_screening_get(s, sid, &j, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(j, "state"), "running");
    cr_assert_eq(num(j, "done"), 3);
    cr_assert_eq(num(j, "failed"), 1);
    cr_assert(json_is_string(json_object_get(j, "started_at")));
    json_decref(j);
    cr_assert_eq(store_screening_finish(s, sid, NULL, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_screening_get(s, sid, &j, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(j, "state"), "done");
    cr_assert(json_is_string(json_object_get(j, "finished_at")));
    json_decref(j);
    cr_assert_eq(store_screenings_active(s, &n, msg), RB_OK, "%s", msg);
    cr_assert_eq(n, 0);

    /* best first, the unreadable last, each with its resume, candidate and rank */
    cr_assert_eq(store_screening_results(s, sid, 10, 0, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(total, 3);
    cr_assert_eq(json_array_size(items), 3);
    r = json_array_get(items, 0);
    cr_assert_eq(num(r, "resume"), ids[1]);
    cr_assert_str_eq(str(r, "name"), "O");
    cr_assert_eq(num(r, "rank"), 1);
    cr_assert(json_is_null(json_object_get(r, "candidate")));
    cr_assert_eq(num(json_array_get(items, 1), "resume"), ids[0]);
    r = json_array_get(items, 2);
    cr_assert_eq(num(r, "resume"), ids[2]);
    cr_assert_str_eq(str(r, "error"), "cannot be read");
    cr_assert_eq(num(r, "rank"), 3);
    json_decref(items);
    cr_assert_eq(store_screening_results(s, sid, 1, 1, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(num(json_array_get(items, 0), "rank"), 2);
    cr_assert_eq(total, 3);
    json_decref(items);
    cr_assert_eq(store_screening_results(s, sid, 10, 9, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(json_array_size(items), 0);
    cr_assert_eq(total, 3);
    json_decref(items);
    store_close(s);
}

/* A server that stops (SIGTERM) hands its running job back at once, not after the lease. */
Test(store, a_screening_given_back_is_claimed_again_at_once)
{
    struct store *s = open_store();
    char msg[RB_ERRMSG], hash[3][65], *criteria;
    long long ids[3], sid, id;
    bool blind;
    json_t *j;

    sid = queue(s, ids, hash);
    cr_assert_eq(store_screening_claim(s, 1000, 60, &id, &criteria, &blind, msg), RB_OK, "%s", msg);
    free(criteria);
    cr_assert_eq(store_screening_claim(s, 1001, 60, &id, &criteria, &blind, msg), RB_ENOTFOUND);
    cr_assert_eq(store_screening_release(s, sid, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_screening_get(s, sid, &j, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(j, "state"), "queued");
    json_decref(j);
    /* a second later, well within the lease */
    cr_assert_eq(store_screening_claim(s, 1002, 60, &id, &criteria, &blind, msg), RB_OK, "%s", msg);
    cr_assert_eq(id, sid);
    free(criteria);
    /* an ended job is not queued again */
    cr_assert_eq(store_screening_finish(s, sid, NULL, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_screening_release(s, sid, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_screening_get(s, sid, &j, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(j, "state"), "done");
    json_decref(j);
    store_close(s);
}

/* Two servers on one store: a worker whose lease ran out (paused, not dead) and the worker
 * that took its job over. Each resume keeps its first outcome, and only one of them ends the
 * job (so that one note of its end is queued). */
Test(store, a_worker_that_lost_its_lease_neither_overwrites_results_nor_ends_the_job_again)
{
    struct store *s = open_store();
    char msg[RB_ERRMSG], hash[3][65], *criteria;
    long long ids[3], sid, id;
    bool blind;
    json_t *j, *items;
    size_t total;
    struct screening_outcome out[3];

    sid = queue(s, ids, hash);
    cr_assert_eq(store_screening_claim(s, 1000, 60, &id, &criteria, &blind, msg), RB_OK, "%s", msg);
    free(criteria);
    out[0] = (struct screening_outcome){ids[0], 0.25, "{\"score\":0.25,\"by\":\"a\"}", NULL};
    cr_assert_eq(store_screening_record(s, sid, out, 1, 1010, msg), RB_OK, "%s", msg);
    /* worker a falls silent; b takes the job over past the lease */
    cr_assert_eq(store_screening_claim(s, 1071, 60, &id, &criteria, &blind, msg), RB_OK, "%s", msg);
    cr_assert_eq(id, sid);
    free(criteria);
    /* a wakes up and records what it had in hand: ids[0] again, and ids[1] */
    out[0] = (struct screening_outcome){ids[0], 0.9, "{\"score\":0.9,\"by\":\"a again\"}", NULL};
    out[1] = (struct screening_outcome){ids[1], 0.5, "{\"score\":0.5,\"by\":\"a\"}", NULL};
    cr_assert_eq(store_screening_record(s, sid, out, 2, 1072, msg), RB_OK, "%s", msg);
    /* b records ids[1] (already done by a) and ids[2] */
    out[1] = (struct screening_outcome){ids[1], 0.1, "{\"score\":0.1,\"by\":\"b\"}", NULL};
    out[2] = (struct screening_outcome){ids[2], 0, NULL, "cannot be read"};
    cr_assert_eq(store_screening_record(s, sid, &out[1], 2, 1073, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_screening_get(s, sid, &j, msg), RB_OK, "%s", msg);
    cr_assert_eq(num(j, "done"), 3);
    cr_assert_eq(num(j, "failed"), 1);
    json_decref(j);
    /* b ends it; a, finding it ended, is told so and changes nothing */
    cr_assert_eq(store_screening_finish(s, sid, NULL, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_screening_finish(s, sid, "a's error", msg), RB_ENOTFOUND);
    cr_assert(strstr(msg, "is not running"), "%s", msg);
    cr_assert_eq(store_screening_get(s, sid, &j, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(j, "state"), "done");
    cr_assert(json_is_null(json_object_get(j, "error")));
    json_decref(j);
    cr_assert_eq(store_screening_results(s, sid, 10, 0, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(total, 3);
    cr_assert_eq(num(json_array_get(items, 0), "resume"), ids[1]);
    cr_assert_str_eq(str(json_array_get(items, 0), "by"), "a");
    cr_assert_eq(num(json_array_get(items, 1), "resume"), ids[0]);
    cr_assert_str_eq(str(json_array_get(items, 1), "by"), "a");
    json_decref(items);
    store_close(s);
}

Test(store, a_candidate_from_a_screening_takes_the_resume_and_what_its_parse_says)
{
    struct store *s = open_store();
    char msg[RB_ERRMSG], hash[3][65], *criteria, want[64];
    long long ids[3], sid, id, cand;
    bool blind;
    json_t *c, *items;
    size_t total;
    struct screening_outcome out[2];
    struct candidate_new cn;

    sid = queue(s, ids, hash);
    cr_assert_eq(store_screening_claim(s, 1000, 60, &id, &criteria, &blind, msg), RB_OK, "%s", msg);
    free(criteria);
    out[0] = (struct screening_outcome){ids[0], 0.5, "{\"score\":0.5}", NULL};
    out[1] = (struct screening_outcome){ids[2], 0, NULL, "cannot be read"};
    cr_assert_eq(store_screening_record(s, sid, out, 2, 1010, msg), RB_OK, "%s", msg);

    cn = (struct candidate_new){.screening = sid, .resume = ids[1]};
    cr_assert_eq(store_candidate_add(s, &cn, &cand, msg), RB_EINVAL);
    cr_assert(strstr(msg, "has no score"), "%s", msg);
    cn.resume = ids[2];
    cr_assert_eq(store_candidate_add(s, &cn, &cand, msg), RB_EINVAL);
    cn.resume = 999;
    cr_assert_eq(store_candidate_add(s, &cn, &cand, msg), RB_ENOTFOUND);
    snprintf(want, sizeof want, "resume 999 was not in screening %lld", sid);
    cr_assert_str_eq(msg, want);

    cn = (struct candidate_new){.screening = sid,
                                .resume = ids[0],
                                .phone = "+1 555 0199",
                                .created_by_label = "Lee Recruiter"};
    cr_assert_eq(store_candidate_add(s, &cn, &cand, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_candidate_add(s, &cn, &id, msg), RB_ECONFLICT);
    cr_assert(strstr(msg, "belongs to candidate"), "%s", msg);

    cr_assert_eq(store_candidate_get(s, cand, &c, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(str(c, "name"), "Ines Placeholder");
    cr_assert_str_eq(str(c, "email"), "ines@example.org");
    cr_assert_str_eq(str(c, "phone"), "+1 555 0199");
    cr_assert_str_eq(str(c, "stage"), "screened");
    cr_assert_eq(num(c, "screening"), sid);
    cr_assert_eq(json_array_size(json_object_get(c, "resumes")), 1);
    cr_assert_eq(num(json_array_get(json_object_get(c, "resumes"), 0), "id"), ids[0]);
    snprintf(want, sizeof want, "from screening %lld", sid);
    cr_assert_str_eq(str(json_array_get(json_object_get(c, "history"), 0), "reason"), want);
    json_decref(c);
    cr_assert_eq(store_screening_results(s, sid, 10, 0, &items, &total, msg), RB_OK, "%s", msg);
    cr_assert_eq(num(json_array_get(items, 0), "candidate"), cand);
    json_decref(items);
    store_close(s);
}

/* Two servers on one database: a job one of them holds (its claim not yet committed) is
 * skipped by the other, not waited for. PostgreSQL only: SQLite has one writer. */
Test(store, two_workers_never_claim_the_same_screening, .timeout = 30)
{
    struct store *a, *b;
    char msg[RB_ERRMSG], hash[3][65], *criteria;
    long long ids[3], first, second, id;
    bool blind;

    if (!test_on_pg())
        cr_skip_test("PostgreSQL only: two connections writing at once");
    a = open_store();
    b = open_store();
    first = queue(a, ids, hash);
    cr_assert_eq(store_screening_create(a, "backend", "{}", false, ids, 2, 0, &second, msg), RB_OK,
                 "%s", msg);
    cr_assert_eq(store_tx_begin(a, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_screening_claim(a, 1000, 60, &id, &criteria, &blind, msg), RB_OK, "%s", msg);
    cr_assert_eq(id, first);
    free(criteria);
    cr_assert_eq(store_screening_claim(b, 1000, 60, &id, &criteria, &blind, msg), RB_OK, "%s", msg);
    cr_assert_eq(id, second);
    free(criteria);
    cr_assert_eq(store_screening_claim(b, 1000, 60, &id, &criteria, &blind, msg), RB_ENOTFOUND);
    cr_assert_eq(store_tx_end(a, RB_OK, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_screening_claim(b, 1000, 60, &id, &criteria, &blind, msg), RB_ENOTFOUND);
    store_close(b);
    store_close(a);
}
