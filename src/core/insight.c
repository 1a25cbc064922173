/* SPDX-License-Identifier: MIT */
/* Interviewer calibration and question insight from scorecards (core/insight.h). */
#include "core/insight.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/debrief.h"
#include "util/mem.h"

int
insight_decision(const char *stage)
{
    if (!stage)
        return -1;
    if (strcmp(stage, "offer") == 0 || strcmp(stage, "hired") == 0)
        return 1;
    return strcmp(stage, "rejected") == 0 ? 0 : -1;
}

static json_t *
real3(double v)
{
    return json_real(round(v * 1000) / 1000);
}

static json_t *
ratio_or_null(double num, double den)
{
    return den > 0 ? real3(num / den) : json_null();
}

/* ---- calibration ------------------------------------------------------------------------ */

/* What calibration needs of one scorecard. */
struct card {
    json_int_t who, cand;
    const char *email;
    int yes;
    int nr, sum; /* its competency ratings: how many, their sum */
};

static struct card *
cards_read(const json_t *cards, size_t *n)
{
    size_t i, j;
    const json_t *c, *k;
    struct card *v = xcalloc(json_array_size(cards) + 1, sizeof *v);
    json_array_foreach(cards, i, c)
    {
        struct card *d = &v[i];
        d->who = json_integer_value(json_object_get(c, "interviewer_id"));
        d->cand = json_integer_value(json_object_get(c, "candidate"));
        d->email = json_string_value(json_object_get(c, "interviewer"));
        d->yes = debrief_positive_recommendation(
            json_string_value(json_object_get(c, "recommendation")));
        json_array_foreach(json_object_get(c, "competencies"), j, k)
        {
            int r = debrief_rating(json_object_get(k, "rating"));
            if (r) {
                d->nr++;
                d->sum += r;
            }
        }
    }
    *n = json_array_size(cards);
    return v;
}

/* The ratings and recommendations of some cards on one candidate. */
struct side {
    int cards, yes, nr, sum;
};

static void
side_add(struct side *s, const struct card *c)
{
    s->cards++;
    s->yes += c->yes;
    s->nr += c->nr;
    s->sum += c->sum;
}

static json_t *
interviewer_json(const struct card *v, size_t n, json_int_t who, int min_candidates)
{
    struct side all = {0};
    const char *email = NULL;
    json_int_t *cands = xcalloc(n + 1, sizeof *cands);
    size_t ncands = 0, shared = 0, rated = 0;
    double r_own = 0, r_pan = 0, y_own = 0, y_pan = 0;
    json_t *o, *panel;
    char note[160] = "";

    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        if (v[i].who != who)
            continue;
        email = v[i].email;
        side_add(&all, &v[i]);
        for (size_t k = 0; k < ncands && !seen; k++)
            seen = cands[k] == v[i].cand;
        if (!seen)
            cands[ncands++] = v[i].cand;
    }
    /* per shared candidate: own against everyone else's, then averaged over candidates so
     * that each candidate counts once whatever the size of their panel */
    for (size_t k = 0; k < ncands; k++) {
        struct side own = {0}, others = {0};
        for (size_t i = 0; i < n; i++)
            if (v[i].cand == cands[k])
                side_add(v[i].who == who ? &own : &others, &v[i]);
        if (!others.cards)
            continue;
        shared++;
        y_own += (double)own.yes / own.cards;
        y_pan += (double)others.yes / others.cards;
        if (own.nr && others.nr) {
            rated++;
            r_own += (double)own.sum / own.nr;
            r_pan += (double)others.sum / others.nr;
        }
    }
    free(cands);
    panel =
        json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "n", (json_int_t)shared, "rated_n",
                  (json_int_t)rated, "mean_rating", ratio_or_null(r_own, (double)rated),
                  "panel_mean_rating", ratio_or_null(r_pan, (double)rated), "rating_difference",
                  rated ? real3(r_own / (double)rated - r_pan / (double)rated) : json_null(),
                  "yes_rate", ratio_or_null(y_own, (double)shared), "panel_yes_rate",
                  ratio_or_null(y_pan, (double)shared), "yes_rate_difference",
                  shared ? real3(y_own / (double)shared - y_pan / (double)shared) : json_null());
    if ((int)shared < min_candidates)
        snprintf(note, sizeof note,
                 "too few candidates shared with other interviewers to judge: %zu of the %d "
                 "needed",
                 shared, min_candidates);
    o = json_pack("{s:o, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:b, s:o}", "interviewer",
                  email ? json_string(email) : json_null(), "interviewer_id", who, "scorecards",
                  (json_int_t)all.cards, "candidates", (json_int_t)ncands, "ratings",
                  (json_int_t)all.nr, "mean_rating", ratio_or_null(all.sum, all.nr), "yes_rate",
                  ratio_or_null(all.yes, all.cards), "panel", panel, "enough_data", !*note, "note",
                  *note ? json_string(note) : json_null());
    return o;
}

static int
by_email(const void *a, const void *b)
{
    const char *x = json_string_value(json_object_get(*(const json_t *const *)a, "interviewer"));
    const char *y = json_string_value(json_object_get(*(const json_t *const *)b, "interviewer"));
    return strcmp(x ? x : "", y ? y : "");
}

json_t *
insight_interviewers(const json_t *cards, int min_candidates)
{
    size_t n, nwho = 0;
    struct card *v = cards_read(cards, &n);
    json_t **rows = xcalloc(n + 1, sizeof(json_t *)), *list = json_array();

    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = v[k].who == v[i].who;
        if (!seen)
            rows[nwho++] = interviewer_json(v, n, v[i].who, min_candidates);
    }
    qsort(rows, nwho, sizeof(json_t *), by_email);
    for (size_t k = 0; k < nwho; k++)
        json_array_append_new(list, rows[k]);
    free(rows);
    free(v);
    return json_pack("{s:i, s:I, s:o}", "min_candidates", min_candidates, "scorecards",
                     (json_int_t)n, "interviewers", list);
}

/* ---- questions -------------------------------------------------------------------------- */

struct question {
    const char *id, *competency;
    size_t in_kits, asked, dist[4];
    double sum;
    json_t *cands; /* candidate ids asked, as keys */
    size_t pos, neg, agree;
    double pos_sum, neg_sum, dsum, dsq; /* over decided ratings: sums of v and v^2 */
};

static json_t *
question_json(const struct question *q, int min_decided)
{
    size_t n = q->pos + q->neg;
    json_t *dist = json_array(), *decided, *corr = json_null();
    char reason[200] = "";
    double agreement = n ? (double)q->agree / (double)n : 0, r = 0;
    bool have_r = false, both = q->pos && q->neg;

    for (int i = 0; i < 4; i++)
        json_array_append_new(dist, json_integer((json_int_t)q->dist[i]));
    if (both) {
        /* point-biserial: (M1 - M0) / s * sqrt(p q), s the population standard deviation */
        double mean = q->dsum / (double)n, var = q->dsq / (double)n - mean * mean;
        double p = (double)q->pos / (double)n;
        if (var > 1e-12) {
            r = (q->pos_sum / (double)q->pos - q->neg_sum / (double)q->neg) / sqrt(var) *
                sqrt(p * (1 - p));
            have_r = true;
            corr = real3(r);
        }
    }
    if ((int)n >= min_decided && n) {
        if (agreement < INSIGHT_AGREEMENT_MIN)
            snprintf(reason, sizeof reason,
                     "ratings of 3 or 4 matched the decision in %.0f%% of %zu decided ratings",
                     agreement * 100, n);
        else if (both && !have_r)
            snprintf(reason, sizeof reason,
                     "every one of %zu decided ratings is the same: it does not tell hired from "
                     "rejected",
                     n);
        else if (both && r < INSIGHT_CORRELATION_MIN)
            snprintf(reason, sizeof reason,
                     "ratings barely rise with the decision: correlation %.2f over %zu decided "
                     "ratings",
                     r, n);
    }
    decided = json_pack("{s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "n", (json_int_t)n, "positive",
                        (json_int_t)q->pos, "negative", (json_int_t)q->neg, "positive_mean",
                        ratio_or_null(q->pos_sum, (double)q->pos), "negative_mean",
                        ratio_or_null(q->neg_sum, (double)q->neg), "agreement",
                        n ? real3(agreement) : json_null(), "correlation", corr);
    return json_pack(
        "{s:s, s:n, s:o, s:I, s:I, s:I, s:o, s:o, s:o, s:b, s:o}", "question", q->id, "title",
        "competency", q->competency ? json_string(q->competency) : json_null(), "in_kits",
        (json_int_t)q->in_kits, "asked", (json_int_t)q->asked, "candidates",
        (json_int_t)json_object_size(q->cands), "distribution", dist, "mean",
        ratio_or_null(q->sum, (double)q->asked), "decided", decided, "consider_retiring",
        *reason != 0, "reason", *reason ? json_string(reason) : json_null());
}

static int
by_asked(const void *a, const void *b)
{
    const json_t *x = *(const json_t *const *)a, *y = *(const json_t *const *)b;
    json_int_t nx = json_integer_value(json_object_get(x, "asked"));
    json_int_t ny = json_integer_value(json_object_get(y, "asked"));
    if (nx != ny)
        return nx > ny ? -1 : 1;
    return strcmp(json_string_value(json_object_get(x, "question")),
                  json_string_value(json_object_get(y, "question")));
}

json_t *
insight_questions(const json_t *cards, int min_decided)
{
    json_t *index = json_object(), *list = json_array(), **rows;
    struct question *qs;
    size_t nq = 0, most = 0, i, j;
    const json_t *card, *rt;

    /* at most one question per rating */
    json_array_foreach(cards, i, card)
    {
        most += json_array_size(json_object_get(card, "ratings"));
    }
    qs = xcalloc(most + 1, sizeof *qs);

    json_array_foreach(cards, i, card)
    {
        int d = insight_decision(json_string_value(json_object_get(card, "candidate_stage")));
        char cand[32];
        snprintf(cand, sizeof cand, "%lld",
                 (long long)json_integer_value(json_object_get(card, "candidate")));
        json_array_foreach(json_object_get(card, "ratings"), j, rt)
        {
            const char *id = json_string_value(json_object_get(rt, "question"));
            int v = debrief_rating(json_object_get(rt, "rating"));
            json_t *at;
            struct question *q;
            if (!id)
                continue;
            if ((at = json_object_get(index, id))) {
                q = &qs[json_integer_value(at)];
            } else {
                q = &qs[nq];
                q->id = id;
                q->competency = json_string_value(json_object_get(rt, "competency"));
                q->cands = json_object();
                json_object_set_new(index, id, json_integer((json_int_t)nq++));
            }
            q->in_kits++;
            if (!v)
                continue;
            q->asked++;
            q->dist[v - 1]++;
            q->sum += v;
            json_object_set_new(q->cands, cand, json_true());
            if (d < 0)
                continue;
            q->agree += (v >= 3) == (d == 1);
            q->dsum += v;
            q->dsq += (double)v * v;
            if (d == 1) {
                q->pos++;
                q->pos_sum += v;
            } else {
                q->neg++;
                q->neg_sum += v;
            }
        }
    }
    rows = xcalloc(nq + 1, sizeof(json_t *));
    for (i = 0; i < nq; i++) {
        rows[i] = question_json(&qs[i], min_decided);
        json_decref(qs[i].cands);
    }
    qsort(rows, nq, sizeof(json_t *), by_asked);
    for (i = 0; i < nq; i++)
        json_array_append_new(list, rows[i]);
    free(rows);
    free(qs);
    json_decref(index);
    return json_pack("{s:i, s:I, s:o}", "min_decided", min_decided, "scorecards",
                     (json_int_t)json_array_size(cards), "questions", list);
}
