/* SPDX-License-Identifier: MIT */
/*
 * Score audits that need no demographics (core/fairness.h): how far each criterion of the
 * screening score moves the ranking when it is taken out, and how ranks change between a
 * blind and an open screening of the same resumes. Read from the stored results; nothing
 * is scored again.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/fairness.h"
#include "core/selfid.h"
#include "store/store.h"
#include "util/mem.h"

struct ranked {
    double score;
    size_t at;
};

static int
cmp_ranked(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

void
fairness_ranks(const double *score, size_t n, size_t *rank)
{
    struct ranked *r = xcalloc(n + 1, sizeof *r);
    for (size_t i = 0; i < n; i++)
        r[i] = (struct ranked){score[i], i};
    qsort(r, n, sizeof *r, cmp_ranked);
    for (size_t i = 0; i < n; i++)
        rank[r[i].at] = i + 1;
    free(r);
}

/* The items that moved most, at most max, as [{"resume", key_a, key_b}]. */
static json_t *
most_moved(const long long *resume, const size_t *ra, const size_t *rb, size_t n, size_t max,
           const char *key_a, const char *key_b)
{
    struct ranked *m = xcalloc(n + 1, sizeof *m);
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++)
        m[i] = (struct ranked){fabs((double)ra[i] - (double)rb[i]), i};
    qsort(m, n, sizeof *m, cmp_ranked);
    for (size_t i = 0; i < n && i < max && m[i].score > 0; i++) {
        size_t k = m[i].at;
        json_array_append_new(out, json_pack("{s:I, s:I, s:I}", "resume", (json_int_t)resume[k],
                                             key_a, (json_int_t)ra[k], key_b, (json_int_t)rb[k]));
    }
    free(m);
    return out;
}

/* mean and largest |ra - rb| */
static void
shifts(const size_t *ra, const size_t *rb, size_t n, double *mean, size_t *max)
{
    double sum = 0;
    *max = 0;
    for (size_t i = 0; i < n; i++) {
        size_t d = ra[i] > rb[i] ? ra[i] - rb[i] : rb[i] - ra[i];
        sum += (double)d;
        if (d > *max)
            *max = d;
    }
    *mean = n ? sum / (double)n : 0;
}

/* The scored results of screening id, best first: *items new. */
static enum rb_err
scored(struct store *s, long long id, json_t **items, char *errmsg)
{
    size_t total = 0, i;
    json_t *all = NULL, *v;
    enum rb_err e = store_screening_results(s, id, FAIRNESS_AUDIT_MAX, 0, &all, &total, errmsg);
    *items = NULL;
    if (e) {
        json_decref(all);
        return e;
    }
    *items = json_array();
    json_array_foreach(all, i, v) if (json_is_number(json_object_get(v, "score")))
        json_array_append(*items, v);
    json_decref(all);
    return RB_OK;
}

/* One criterion's ablation over the n results of items. */
static json_t *
ablate(json_t *items, const char *crit, const double *score, const size_t *rank,
       const long long *resume, size_t n)
{
    double *without = xcalloc(n + 1, sizeof *without), mean;
    size_t *r2 = xcalloc(n + 1, sizeof *r2), max;
    json_t *v, *out;
    size_t i;
    json_array_foreach(items, i, v)
    {
        json_t *bd = json_object_get(v, "breakdown"), *p;
        const char *key;
        double sum = 0,
               mine = json_number_value(json_object_get(json_object_get(bd, crit), "points"));
        json_object_foreach(bd, key, p) sum += json_number_value(json_object_get(p, "points"));
        /* the penalty for missing must-haves scales the whole: kept, unless the
         * must-haves themselves are what is taken out */
        if (strcmp(crit, "must_have") == 0 || sum <= 0)
            without[i] = sum - mine;
        else
            without[i] = (sum - mine) * (score[i] / sum);
    }
    fairness_ranks(without, n, r2);
    shifts(rank, r2, n, &mean, &max);
    out = json_pack("{s:s, s:f, s:f, s:I, s:o}", "criterion", crit, "kendall_tau",
                    fairness_kendall(score, without, n), "mean_rank_shift", mean, "max_rank_shift",
                    (json_int_t)max, "moved",
                    most_moved(resume, rank, r2, n, 5, "rank", "rank_without"));
    free(without);
    free(r2);
    return out;
}

/* The ranks of the resumes common to items and other, in each. */
static json_t *
compare_with(struct store *s, long long other, json_t *items, char *errmsg, enum rb_err *e)
{
    json_t *o = NULL, *info = NULL, *v, *w, *out = NULL;
    size_t i, j, n = 0, cap = json_array_size(items) + 1;
    double *a = xcalloc(cap, sizeof *a), *b = xcalloc(cap, sizeof *b), mean;
    size_t *ra = xcalloc(cap, sizeof *ra), *rb = xcalloc(cap, sizeof *rb), max;
    long long *res = xcalloc(cap, sizeof *res);
    if ((*e = store_screening_get(s, other, &info, errmsg)) || (*e = scored(s, other, &o, errmsg)))
        goto out;
    json_array_foreach(items, i, v)
    {
        json_int_t rid = json_integer_value(json_object_get(v, "resume"));
        json_array_foreach(o, j, w) if (json_integer_value(json_object_get(w, "resume")) == rid)
        {
            res[n] = rid;
            a[n] = json_number_value(json_object_get(v, "score"));
            b[n++] = json_number_value(json_object_get(w, "score"));
            break;
        }
    }
    fairness_ranks(a, n, ra);
    fairness_ranks(b, n, rb);
    shifts(ra, rb, n, &mean, &max);
    out = json_pack("{s:I, s:O, s:I, s:f, s:f, s:I, s:o}", "screening", (json_int_t)other, "blind",
                    json_object_get(info, "blind") ? json_object_get(info, "blind") : json_null(),
                    "common", (json_int_t)n, "kendall_tau", fairness_kendall(a, b, n),
                    "mean_rank_shift", mean, "max_rank_shift", (json_int_t)max, "changed",
                    most_moved(res, ra, rb, n, 10, "rank", "rank_other"));
out:
    json_decref(o);
    json_decref(info);
    free(a);
    free(b);
    free(ra);
    free(rb);
    free(res);
    return out;
}

/* Pearson's r of x (0 or 1: in the group or not) and y over n; 0 when either is constant. */
static double
point_biserial(const double *x, const double *y, size_t n)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0;
}

/* Proxies: for each criterion and each self-identified group (of the results' candidates who
 * answered that category, "prefer not to say" left out), the correlation of the criterion's
 * points with being in the group; tested only where the group and the rest each hold at
 * least min_group people, flagged at |r| >= FAIRNESS_PROXY_R. Aggregate only. */
static json_t *
proxies(struct store *s, json_t *items, long long min_group, char *errmsg, enum rb_err *e)
{
    size_t n = json_array_size(items), i, tested = 0, suppressed = 0;
    json_t *ans = json_array(), *cats = json_object(), *flagged = json_array();
    json_t *crits = json_object_get(json_array_get(items, 0), "breakdown"), *v, *groups, *g;
    double *x = xcalloc(n + 1, sizeof *x), *y = xcalloc(n + 1, sizeof *y);
    const char *cat, *grp, *crit;
    json_t *out = NULL;

    *e = RB_OK;
    json_array_foreach(items, i, v)
    {
        json_t *row = NULL, *mine;
        long long cand = (long long)json_integer_value(json_object_get(v, "candidate"));
        /* ans[i]: item i's answers, or null */
        json_array_append_new(ans, json_null());
        if (cand <= 0)
            continue;
        if ((*e = store_selfid_get(s, cand, &row, errmsg)) == RB_ENOTFOUND) {
            *e = RB_OK;
            continue;
        }
        if (*e)
            goto out;
        mine = json_object_get(row, "answers");
        json_array_set(ans, i, mine);
        json_decref(row);
        json_object_foreach(mine, cat, g)
        {
            if (!json_is_string(g) || strcmp(json_string_value(g), SELFID_PREFER_NOT) == 0)
                continue;
            if (!(groups = json_object_get(cats, cat)))
                json_object_set_new(cats, cat, groups = json_object());
            json_object_set_new(groups, json_string_value(g), json_true());
        }
    }
    json_object_foreach(cats, cat, groups) json_object_foreach(groups, grp, g)
    {
        json_object_foreach(crits, crit, v)
        {
            size_t m = 0, in = 0;
            double r;
            json_array_foreach(items, i, v)
            {
                const char *a = json_string_value(json_object_get(json_array_get(ans, i), cat));
                if (!a || strcmp(a, SELFID_PREFER_NOT) == 0)
                    continue;
                x[m] = strcmp(a, grp) == 0;
                in += x[m] > 0;
                y[m++] = json_number_value(json_object_get(
                    json_object_get(json_object_get(v, "breakdown"), crit), "points"));
            }
            if ((long long)in < min_group || (long long)(m - in) < min_group) {
                suppressed++;
                continue;
            }
            tested++;
            r = point_biserial(x, y, m);
            if (fabs(r) >= FAIRNESS_PROXY_R)
                json_array_append_new(flagged,
                                      json_pack("{s:s, s:s, s:s, s:f, s:I, s:I}", "criterion", crit,
                                                "category", cat, "group", grp, "correlation",
                                                round(r * 1000) / 1000, "in_group", (json_int_t)in,
                                                "others", (json_int_t)(m - in)));
        }
    }
    out = json_pack("{s:f, s:I, s:I, s:I, s:O}", "threshold", FAIRNESS_PROXY_R, "min_group",
                    (json_int_t)min_group, "tested", (json_int_t)tested, "not_tested",
                    (json_int_t)suppressed, "flagged", flagged);
out:
    json_decref(ans);
    free(x);
    free(y);
    json_decref(cats);
    json_decref(flagged);
    return out;
}

enum rb_err
fairness_audit(struct store *s, long long id, long long compare, long long min_group,
               const struct user *who, json_t **out, char *errmsg)
{
    json_t *info = NULL, *items = NULL, *features = NULL, *cmp = NULL, *prox = NULL, *v, *notes;
    double *score = NULL;
    size_t *rank = NULL, n, i;
    long long *resume = NULL;
    enum rb_err e;
    const char *key;

    *out = NULL;
    if (who && who->role != USER_ADMIN && who->role != USER_RECRUITER) {
        snprintf(errmsg, RB_ERRMSG, "score audits are for recruiters and admins");
        return RB_EDENIED;
    }
    if ((e = store_screening_get(s, id, &info, errmsg)) || (e = scored(s, id, &items, errmsg)))
        goto out;
    n = json_array_size(items);
    score = xcalloc(n + 1, sizeof *score);
    rank = xcalloc(n + 1, sizeof *rank);
    resume = xcalloc(n + 1, sizeof *resume);
    json_array_foreach(items, i, v)
    {
        score[i] = json_number_value(json_object_get(v, "score"));
        resume[i] = (long long)json_integer_value(json_object_get(v, "resume"));
    }
    fairness_ranks(score, n, rank);
    features = json_array();
    if (n)
        json_object_foreach(json_object_get(json_array_get(items, 0), "breakdown"), key, v)
            json_array_append_new(features, ablate(items, key, score, rank, resume, n));
    if (compare && !(cmp = compare_with(s, compare, items, errmsg, &e)))
        goto out;
    /* proxies read self-identification (in aggregate): only for who may, and recorded */
    if (n && selfid_may_read(who)) {
        struct audit_actor actor = {who ? who->id : 0, who ? who->email : "command line"};
        if ((e = audit_append(s, &actor, "view", NULL, 0, "fairness proxies", errmsg)) ||
            !(prox = proxies(s, items, min_group > 0 ? min_group : FAIRNESS_MIN_GROUP, errmsg, &e)))
            goto out;
    }
    notes = json_array();
    json_array_append_new(notes,
                          json_string("kendall_tau: 1 when taking the criterion out leaves the "
                                      "order as it was, lower the more it reorders; rank shifts "
                                      "are in places"));
    json_array_append_new(
        notes, json_string("these audits use no self-identification: they show what drives the "
                           "ranking, not whether it is fair to any group"));
    json_array_append_new(
        notes, json_string("proxies: a criterion whose points go with being in a self-identified "
                           "group (point-biserial r, flagged at |r| >= 0.3), tested only where "
                           "the group and the rest each hold min_group people; shown to who may "
                           "read self-identification, else null"));
    *out = json_pack(
        "{s:I, s:O, s:O, s:I, s:o, s:o, s:o, s:o}", "screening", (json_int_t)id, "blind",
        json_object_get(info, "blind") ? json_object_get(info, "blind") : json_null(), "role",
        json_object_get(info, "role") ? json_object_get(info, "role") : json_null(), "results",
        (json_int_t)n, "features", features, "blind_comparison", cmp ? cmp : json_null(), "proxies",
        prox ? prox : json_null(), "notes", notes);
    features = cmp = prox = NULL;
out:
    json_decref(info);
    json_decref(items);
    json_decref(features);
    json_decref(cmp);
    json_decref(prox);
    free(score);
    free(rank);
    free(resume);
    return e;
}
