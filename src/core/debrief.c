/* SPDX-License-Identifier: MIT */
/* Debriefs and comparisons from scorecards (core/debrief.h, docs/INSIGHT.md). */
#include "core/debrief.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

static const char *const recs[] = {"strong-no", "no", "yes", "strong-yes"};

int
debrief_rating(const json_t *v)
{
    json_int_t n;
    if (!json_is_integer(v))
        return 0;
    n = json_integer_value(v);
    return n >= 1 && n <= 4 ? (int)n : 0;
}

int
debrief_positive_recommendation(const char *rec)
{
    return rec && (strcmp(rec, "yes") == 0 || strcmp(rec, "strong-yes") == 0);
}

static const char *
str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static json_t *
str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* A copy of o's key, or null when it has none. */
static json_t *
copy_or_null(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return v ? json_deep_copy(v) : json_null();
}

/* Three decimals: enough to read and stable to compare. */
static json_t *
real3(double v)
{
    return json_real(round(v * 1000) / 1000);
}

/* The rating card gives competency id, or 0. */
static int
card_rating(const json_t *card, const char *id)
{
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(card, "competencies"), i, c)
    {
        const char *cid = str(c, "competency");
        if (cid && strcmp(cid, id) == 0)
            return debrief_rating(json_object_get(c, "rating"));
    }
    return 0;
}

struct comp {
    const char *id;
    int weight;
};

/* The role's competencies, then any other that a card rated, in order of appearance. */
static struct comp *
competencies(const struct role *r, const json_t *cards, size_t *n)
{
    size_t cap = r->ncomps + 8, k = 0, i, j;
    struct comp *v = xcalloc(cap, sizeof *v);
    const json_t *card, *c;
    for (; k < r->ncomps; k++)
        v[k] = (struct comp){r->comps[k].id, r->comps[k].weight};
    json_array_foreach(cards, i, card){json_array_foreach(json_object_get(card, "competencies"), j,
                                                          c){const char *id = str(c, "competency");
    bool known = !id || !debrief_rating(json_object_get(c, "rating"));
    for (size_t m = 0; m < k && !known; m++)
        known = strcmp(v[m].id, id) == 0;
    if (known)
        continue;
    xgrow(&v, &cap, k + 1, sizeof *v);
    v[k++] = (struct comp){id, 0};
}
}
*n = k;
return v;
}

static json_t *
rec_counts(void)
{
    json_t *o = json_object();
    for (size_t i = 0; i < 4; i++)
        json_object_set_new(o, recs[i], json_integer(0));
    return o;
}

static void
rec_count(json_t *counts, const char *rec)
{
    json_t *n = rec ? json_object_get(counts, rec) : NULL;
    if (n)
        json_integer_set(n, json_integer_value(n) + 1);
}

/* Who on the panel has not submitted: each interview's interviewers without a card. */
static json_t *
pending(const json_t *cards, const json_t *interviews)
{
    json_t *out = json_array();
    size_t i, j, k;
    const json_t *iv, *who, *card;
    json_array_foreach(interviews, i, iv)
    {
        json_int_t id = json_integer_value(json_object_get(iv, "id"));
        json_array_foreach(json_object_get(iv, "interviewers"), j, who)
        {
            const char *email = json_string_value(who);
            bool done = false;
            if (!email)
                continue;
            json_array_foreach(cards, k, card)
            {
                const char *by = str(card, "interviewer");
                done = done || (json_integer_value(json_object_get(card, "interview")) == id &&
                                by && strcmp(by, email) == 0);
            }
            if (!done)
                json_array_append_new(out,
                                      json_pack("{s:I, s:o, s:s}", "interview", id, "stage",
                                                copy_or_null(iv, "stage"), "interviewer", email));
        }
    }
    return out;
}

static size_t
count_interviewers(const json_t *cards)
{
    size_t i, j, n = 0;
    const json_t *a;
    json_array_foreach(cards, i, a)
    {
        bool seen = false;
        const char *who = str(a, "interviewer");
        for (j = 0; j < i && !seen && who; j++) {
            const char *w = str(json_array_get(cards, j), "interviewer");
            seen = w && strcmp(w, who) == 0;
        }
        n += who && !seen;
    }
    return n;
}

json_t *
debrief_build(const struct role *r, const json_t *candidate, const json_t *cards,
              const json_t *interviews, const json_t *names)
{
    json_t *o = json_object(), *comps = json_array(), *recv = json_array(), *counts = rec_counts();
    size_t ncomps, i, disagreements = 0, not_assessed = 0;
    struct comp *cv = competencies(r, cards, &ncomps);
    double wsum = 0, wassessed = 0, wscore = 0;
    const json_t *card;

    for (size_t c = 0; c < ncomps; c++) {
        json_t *ratings = json_array(), *flags = json_array(), *co;
        const char *name = str(names, cv[c].id);
        int n = 0, lo = 5, hi = 0, sum = 0;
        json_array_foreach(cards, i, card)
        {
            int v = card_rating(card, cv[c].id);
            if (!v)
                continue;
            json_array_append_new(ratings, json_pack("{s:o, s:o, s:o, s:i}", "interviewer",
                                                     copy_or_null(card, "interviewer"), "interview",
                                                     copy_or_null(card, "interview"), "stage",
                                                     copy_or_null(card, "stage"), "rating", v));
            n++;
            sum += v;
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        if (n >= 2 && hi - lo >= DEBRIEF_DISAGREEMENT) {
            json_array_append_new(flags, json_string("disagreement"));
            disagreements++;
        }
        if (!n && cv[c].weight > 0) {
            json_array_append_new(flags, json_string("not-assessed"));
            not_assessed++;
        }
        wsum += cv[c].weight;
        if (n) {
            wassessed += cv[c].weight;
            wscore += cv[c].weight * ((double)sum / n);
        }
        co = json_pack("{s:s, s:s, s:i, s:o, s:o, s:o, s:o}", "competency", cv[c].id, "name",
                       name ? name : cv[c].id, "weight", cv[c].weight, "ratings", ratings, "mean",
                       n ? real3((double)sum / n) : json_null(), "spread",
                       n >= 2 ? json_integer(hi - lo) : json_null(), "flags", flags);
        json_array_append_new(comps, co);
    }
    free(cv);

    json_array_foreach(cards, i, card)
    {
        const char *rec = str(card, "recommendation");
        json_array_append_new(recv, json_pack("{s:o, s:o, s:o, s:o}", "interviewer",
                                              copy_or_null(card, "interviewer"), "interview",
                                              copy_or_null(card, "interview"), "stage",
                                              copy_or_null(card, "stage"), "recommendation",
                                              str_or_null(rec)));
        rec_count(counts, rec);
    }

    if (candidate) {
        json_object_set_new(o, "candidate", copy_or_null(candidate, "id"));
        json_object_set_new(o, "name", copy_or_null(candidate, "name"));
        json_object_set_new(o, "candidate_stage", copy_or_null(candidate, "stage"));
    } else {
        card = json_array_get(cards, 0);
        json_object_set_new(o, "candidate", copy_or_null(card, "candidate"));
        json_object_set_new(o, "name", json_null());
        json_object_set_new(o, "candidate_stage", copy_or_null(card, "candidate_stage"));
    }
    json_object_set_new(o, "role", json_string(r->id));
    json_object_set_new(o, "role_title", str_or_null(r->title));
    json_object_set_new(o, "competencies", comps);
    json_object_set_new(o, "recommendations", recv);
    json_object_set_new(o, "recommendation_counts", counts);
    json_object_set_new(o, "pending", pending(cards, interviews));
    json_object_set_new(
        o, "summary",
        json_pack("{s:o, s:o, s:I, s:I, s:I, s:I, s:I, s:I}", "score",
                  wassessed > 0 ? real3(wscore / wassessed) : json_null(), "coverage",
                  real3(wsum > 0 ? wassessed / wsum : 0), "assessed_weight", (json_int_t)wassessed,
                  "total_weight", (json_int_t)wsum, "scorecards",
                  (json_int_t)json_array_size(cards), "interviewers",
                  (json_int_t)count_interviewers(cards), "disagreements", (json_int_t)disagreements,
                  "not_assessed", (json_int_t)not_assessed));
    return o;
}

/* The candidate object of candidates with id, or NULL. */
static const json_t *
find_candidate(const json_t *candidates, json_int_t id)
{
    size_t i;
    const json_t *c;
    json_array_foreach(candidates, i, c)
    {
        if (json_integer_value(json_object_get(c, "id")) == id)
            return c;
    }
    return NULL;
}

static int
by_score(const void *a, const void *b)
{
    const json_t *x = *(const json_t *const *)a, *y = *(const json_t *const *)b;
    const json_t *sx = json_object_get(x, "score"), *sy = json_object_get(y, "score");
    json_int_t ix = json_integer_value(json_object_get(x, "candidate"));
    json_int_t iy = json_integer_value(json_object_get(y, "candidate"));
    if (json_is_number(sx) != json_is_number(sy))
        return json_is_number(sx) ? -1 : 1;
    if (json_is_number(sx) && json_number_value(sx) != json_number_value(sy))
        return json_number_value(sx) > json_number_value(sy) ? -1 : 1;
    return (ix > iy) - (ix < iy);
}

json_t *
debrief_compare(const struct role *r, const json_t *cards, const json_t *candidates,
                const json_t *names)
{
    json_t *o = json_object(), *comps = json_array(), *rows = json_array();
    json_int_t *ids = xcalloc(json_array_size(cards) + 1, sizeof *ids);
    json_t **sorted;
    size_t nids = 0, i, k;
    const json_t *card;

    for (i = 0; i < r->ncomps; i++) {
        const char *name = str(names, r->comps[i].id);
        json_array_append_new(comps, json_pack("{s:s, s:s, s:i}", "competency", r->comps[i].id,
                                               "name", name ? name : r->comps[i].id, "weight",
                                               r->comps[i].weight));
    }
    json_array_foreach(cards, i, card)
    {
        json_int_t id = json_integer_value(json_object_get(card, "candidate"));
        bool seen = false;
        for (k = 0; k < nids && !seen; k++)
            seen = ids[k] == id;
        if (!seen)
            ids[nids++] = id;
    }
    sorted = xcalloc(nids + 1, sizeof(json_t *));
    for (k = 0; k < nids; k++) {
        json_t *mine = json_array(), *d, *means = json_object(), *row, *sum;
        const json_t *who = find_candidate(candidates, ids[k]), *c;
        size_t j;
        json_array_foreach(cards, i, card)
        {
            if (json_integer_value(json_object_get(card, "candidate")) == ids[k])
                json_array_append_new(mine, json_deep_copy(card));
        }
        d = debrief_build(r, NULL, mine, NULL, names);
        sum = json_object_get(d, "summary");
        /* the role's competencies only: the same columns for everyone */
        json_array_foreach(json_object_get(d, "competencies"), j, c)
        {
            if (j < r->ncomps)
                json_object_set_new(means, str(c, "competency"),
                                    json_deep_copy(json_object_get(c, "mean")));
        }
        row = json_pack("{s:I, s:o, s:o, s:O, s:o, s:O, s:O, s:O, s:O, s:O}", "candidate", ids[k],
                        "name", who ? copy_or_null(who, "name") : json_null(), "candidate_stage",
                        copy_or_null(json_array_get(mine, 0), "candidate_stage"), "scorecards",
                        json_object_get(sum, "scorecards"), "means", means, "score",
                        json_object_get(sum, "score"), "coverage", json_object_get(sum, "coverage"),
                        "recommendations", json_object_get(d, "recommendation_counts"),
                        "disagreements", json_object_get(sum, "disagreements"), "not_assessed",
                        json_object_get(sum, "not_assessed"));
        sorted[k] = row;
        json_decref(d);
        json_decref(mine);
    }
    qsort(sorted, nids, sizeof(json_t *), by_score);
    for (k = 0; k < nids; k++)
        json_array_append_new(rows, sorted[k]);
    free(sorted);
    free(ids);
    json_object_set_new(o, "role", json_string(r->id));
    json_object_set_new(o, "role_title", str_or_null(r->title));
    json_object_set_new(o, "competencies", comps);
    json_object_set_new(o, "candidates", rows);
    return o;
}
