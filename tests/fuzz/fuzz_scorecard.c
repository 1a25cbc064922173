/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: scorecards as interviewers submit and amend them (core/scorecard.c), from a
 * file or an HTTP body: any bytes must give a checked scorecard, or an error naming the
 * field at fault, never a crash, leak or undefined behaviour. An accepted scorecard is also
 * used as an amendment of itself and of a fixed scorecard, which must check or fail cleanly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/scorecard.h"
#include "util/jsonv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char INTERVIEW[] =
    "{\"id\": 1, \"candidate\": 1, \"stage\": \"technical\", \"kit\": {\"role\": \"r\", "
    "\"questions\": [{\"id\": \"q1\", \"title\": \"One\", \"minutes\": 10, \"competencies\": "
    "[\"api\"]}, {\"id\": \"q2\", \"title\": \"Two\", \"minutes\": 10, \"competencies\": "
    "[\"api\", \"data\"]}, {\"id\": \"q3\", \"minutes\": 5, \"competencies\": [\"data\"]}]}}";
static const char STORED[] =
    "{\"id\": 1, \"interview\": 1, \"recommendation\": \"no\", \"notes\": null, \"ratings\": "
    "[{\"question\": \"q1\", \"competency\": \"api\", \"rating\": 2, \"notes\": null}, "
    "{\"question\": \"q2\", \"competency\": \"api\", \"rating\": null, \"notes\": \"n\"}, "
    "{\"question\": \"q3\", \"competency\": \"data\", \"rating\": 3, \"notes\": null}], "
    "\"competencies\": [{\"competency\": \"api\", \"derived\": 2, \"rating\": 2, "
    "\"override_reason\": null}, {\"competency\": \"data\", \"derived\": 3, \"rating\": 1, "
    "\"override_reason\": \"r\"}]}";

static void
amend(json_t *now, json_t *patch, json_t *iv, const struct role *role)
{
    char msg[RB_ERRMSG] = "";
    json_t *doc = scorecard_patch(now, patch, msg);
    struct scorecard_form f;
    struct scorecard_diff d;
    if (!doc) {
        if (!msg[0])
            abort();
        return;
    }
    if (scorecard_check(doc, iv, role, &f, msg) == RB_OK) {
        scorecard_diff(now, &f, &d);
        scorecard_diff_cleanup(&d);
    } else if (!msg[0])
        abort();
    scorecard_form_cleanup(&f);
    json_decref(doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *anchors[4] = {"a", "b", "c", "d"};
    struct role_competency comps[3] = {{"api", 3, {0}, 0}, {"data", 2, {0}, 0}, {"ops", 1, {0}, 0}};
    struct role role = {0};
    struct scorecard_form f;
    char msg[RB_ERRMSG] = "";
    json_t *doc = http_decode_json((const char *)data, size, msg), *iv, *now;
    enum rb_err e;

    if (!doc)
        return 0;
    for (int i = 0; i < 3; i++)
        memcpy(comps[i].anchors, anchors, sizeof anchors);
    role.id = "r";
    role.comps = comps;
    role.ncomps = 3;
    iv = json_loads(INTERVIEW, 0, NULL);
    now = json_loads(STORED, 0, NULL);
    e = scorecard_check(doc, iv, &role, &f, msg);
    if (e && !msg[0])
        abort(); /* a refusal always says why */
    if (!e && (!f.card.recommendation || !f.original))
        abort();
    scorecard_form_cleanup(&f);
    amend(now, doc, iv, &role);
    json_decref(scorecard_template(iv, &role));
    json_decref(now);
    json_decref(iv);
    json_decref(doc);
    return 0;
}
