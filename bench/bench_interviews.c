/* SPDX-License-Identifier: MIT */
/*
 * Interviews waiting for a scorecard, for bench/backends.sh to submit through the API: N
 * copies of interview TEMPLATE (its stage, minutes and frozen kit), each for a candidate of
 * its own and with the interviewer account INTERVIEWER on its panel, written through the
 * store a thousand to a transaction. Prints the first and the last new interview's ids.
 *
 * usage: bench_interviews STORE_URL TEMPLATE INTERVIEWER N
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"

int
main(int argc, char **argv)
{
    struct store *s = NULL;
    char msg[RB_ERRMSG] = "";
    json_t *tpl = NULL;
    char *kit = NULL;
    long long interviewer, first = 0, last = 0, n;
    enum rb_err rc;

    if (argc != 5) {
        fprintf(stderr, "usage: bench_interviews STORE_URL TEMPLATE INTERVIEWER N\n");
        return 2;
    }
    interviewer = strtoll(argv[3], NULL, 10);
    n = strtoll(argv[4], NULL, 10);
    if ((rc = store_open(argv[1], &s, msg)) ||
        (rc = store_interview_get(s, strtoll(argv[2], NULL, 10), &tpl, msg)))
        goto out;
    kit = json_dumps(json_object_get(tpl, "kit"), JSON_COMPACT | JSON_PRESERVE_ORDER);
    for (long long i = 0; i < n && !rc; i++) {
        struct candidate_new c = {0};
        struct interview_new v = {0};
        char name[64];
        long long cand, id;
        if (i % 1000 == 0 && (rc = store_tx_begin(s, msg)))
            break;
        snprintf(name, sizeof name, "Bench Candidate %lld", i);
        c.name = name;
        v.stage = json_string_value(json_object_get(tpl, "stage"));
        v.minutes = (int)json_integer_value(json_object_get(tpl, "minutes"));
        v.kit_json = kit;
        v.interviewers = &interviewer;
        v.ninterviewers = 1;
        if (!(rc = store_candidate_add(s, &c, &cand, msg))) {
            v.candidate = cand;
            rc = store_interview_create(s, &v, &id, msg);
        }
        if (!rc) {
            first = first ? first : id;
            last = id;
        }
        if (i % 1000 == 999 || i == n - 1 || rc)
            rc = store_tx_end(s, rc, msg);
    }
    if (!rc)
        printf("%lld %lld\n", first, last);
out:
    if (rc)
        fprintf(stderr, "bench_interviews: %s\n", msg);
    free(kit);
    json_decref(tpl);
    store_close(s);
    return rc ? 1 : 0;
}
