/* SPDX-License-Identifier: MIT */
/* The adverse-impact report's arithmetic and its assembly from the store's rows
 * (core/fairness.h). */
#include "core/fairness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "util/mem.h"

/* ---- the arithmetic ------------------------------------------------------------------- */

/* log(k!) for k = 0..n into a new array: sums of logarithms, exact enough for any table
 * Rubric will meet, and free of lgamma's shared sign variable. */
static double *
log_factorials(long long n)
{
    double *lf = xcalloc((size_t)n + 1, sizeof *lf);
    for (long long k = 1; k <= n; k++)
        lf[k] = lf[k - 1] + log((double)k);
    return lf;
}

double
fairness_fisher(long long a, long long b, long long c, long long d)
{
    long long r1 = a + b, r2 = c + d, c1 = a + c, c2 = b + d, n = r1 + r2;
    long long lo, hi;
    double *lf, base, observed, p = 0;
    if (a < 0 || b < 0 || c < 0 || d < 0 || n == 0)
        return 1;
    lf = log_factorials(n);
    /* P(x) = r1! r2! c1! c2! / (n! x! (r1-x)! (c1-x)! (r2-c1+x)!) */
    base = lf[r1] + lf[r2] + lf[c1] + lf[c2] - lf[n];
#define LOGP(x) (base - lf[x] - lf[r1 - (x)] - lf[c1 - (x)] - lf[r2 - c1 + (x)])
    observed = LOGP(a);
    lo = c1 - r2 > 0 ? c1 - r2 : 0;
    hi = r1 < c1 ? r1 : c1;
    for (long long x = lo; x <= hi; x++) {
        double lp = LOGP(x);
        if (lp <= observed + 1e-7) /* log(1 + 1e-7): the tolerance on P */
            p += exp(lp);
    }
#undef LOGP
    free(lf);
    return p > 1 ? 1 : p;
}

json_t *
fairness_table(const struct fairness_count *g, size_t n, long long min_group)
{
    json_t *groups = json_array(), *out;
    long long sup_groups = 0, sup_entered = 0;
    const struct fairness_count *ref = NULL;
    for (size_t i = 0; i < n; i++) {
        if (g[i].entered <= 0)
            continue;
        if (g[i].entered < min_group) {
            sup_groups++;
            sup_entered += g[i].entered;
            continue;
        }
        /* passed/entered > ref's, on whole numbers */
        if (!ref || g[i].passed * ref->entered > ref->passed * g[i].entered)
            ref = &g[i];
    }
    for (size_t i = 0; i < n; i++) {
        const struct fairness_count *x = &g[i];
        json_t *row;
        if (x->entered <= 0 || x->entered < min_group)
            continue;
        row = json_pack("{s:s, s:I, s:I, s:f, s:b}", "group", x->group, "entered",
                        (json_int_t)x->entered, "passed", (json_int_t)x->passed, "rate",
                        (double)x->passed / (double)x->entered, "reference", x == ref);
        if (ref->passed > 0) {
            json_object_set_new(row, "impact_ratio",
                                json_real(((double)x->passed * (double)ref->entered) /
                                          ((double)x->entered * (double)ref->passed)));
            json_object_set_new(
                row, "four_fifths",
                json_boolean(5 * x->passed * ref->entered < 4 * x->entered * ref->passed));
        } else {
            json_object_set_new(row, "impact_ratio", json_null());
            json_object_set_new(row, "four_fifths", json_false());
        }
        json_object_set_new(
            row, "p_value",
            x == ref ? json_null()
                     : json_real(fairness_fisher(x->passed, x->entered - x->passed, ref->passed,
                                                 ref->entered - ref->passed)));
        json_array_append_new(groups, row);
    }
    out = json_pack("{s:o, s:{s:I, s:I}}", "groups", groups, "suppressed", "groups",
                    (json_int_t)sup_groups, "entered", (json_int_t)sup_entered);
    json_object_set_new(out, "reference", ref ? json_string(ref->group) : json_null());
    return out;
}

double
fairness_kendall(const double *x, const double *y, size_t n)
{
    long long conc = 0, disc = 0, tx = 0, ty = 0;
    double den;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double dx = x[i] - x[j], dy = y[i] - y[j];
            if (dx == 0 && dy == 0)
                continue;
            if (dx == 0)
                tx++;
            else if (dy == 0)
                ty++;
            else if ((dx > 0) == (dy > 0))
                conc++;
            else
                disc++;
        }
    den = sqrt((double)(conc + disc + tx) * (double)(conc + disc + ty));
    return den > 0 ? (double)(conc - disc) / den : 1;
}

/* ---- the report ----------------------------------------------------------------------- */

/* Whether kind ends a pipeline rather than standing in its order. */
static bool
terminal(const char *kind)
{
    return kind && (strcmp(kind, "rejected") == 0 || strcmp(kind, "withdrawn") == 0);
}

/* Where application row stands at the decision point: *entered and *passed; false when
 * the decision does not apply to it (its opening has no such stage; no screening score). */
static bool
decide(const json_t *row, const struct fairness_opts *o, bool *entered, bool *passed)
{
    const json_t *stages = json_object_get(row, "stages"), *st;
    long long target = -1, before = -1, reached = -1;
    size_t i, j;
    const json_t *name;
    if (strcmp(o->stage, FAIRNESS_SCREENING) == 0) {
        const json_t *score = json_object_get(row, "score");
        if (!json_is_number(score))
            return false;
        *entered = true;
        *passed = json_number_value(score) >= o->threshold;
        return true;
    }
    json_array_foreach(stages, i, st)
    {
        const char *kind = json_string_value(json_object_get(st, "kind"));
        if (kind && strcmp(kind, o->stage) == 0) {
            target = (long long)i;
            break;
        }
        if (!terminal(kind))
            before = (long long)i;
    }
    if (target < 0)
        return false;
    /* the furthest stage in the opening's order it was ever at (a rejection is not a step) */
    json_array_foreach(json_object_get(row, "reached"), j, name){json_array_foreach(stages, i, st){
        const char *n = json_string_value(json_object_get(st, "name"));
    if (n && json_string_value(name) && strcmp(n, json_string_value(name)) == 0 &&
        !terminal(json_string_value(json_object_get(st, "kind"))) && (long long)i > reached)
        reached = (long long)i;
}
}
*entered = reached >= before;
*passed = reached >= target;
return true;
}

/* Counts per group, grown as groups are met. */
struct tally {
    struct fairness_count *g;
    char **names; /* g[i].group, owned */
    size_t n, cap, ncap;
    long long unknown_entered, unknown_passed;
};

static void
tally_add(struct tally *t, const char *group, bool passed)
{
    size_t i;
    if (!group) {
        t->unknown_entered++;
        t->unknown_passed += passed;
        return;
    }
    for (i = 0; i < t->n; i++)
        if (strcmp(t->g[i].group, group) == 0)
            break;
    if (i == t->n) {
        xgrow(&t->g, &t->cap, t->n + 1, sizeof *t->g);
        xgrow(&t->names, &t->ncap, t->n + 1, sizeof *t->names);
        t->names[t->n] = xstrdup(group);
        t->g[t->n].group = t->names[t->n];
        t->g[t->n].entered = t->g[t->n].passed = 0;
        t->n++;
    }
    t->g[i].entered++;
    t->g[i].passed += passed;
}

static void
tally_cleanup(struct tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->names[i]);
    free(t->names);
    free(t->g);
}

/* The answer to category of row, or NULL when not given or withheld. */
static const char *
answer(const json_t *row, const char *category)
{
    const char *a = json_string_value(json_object_get(json_object_get(row, "self_id"), category));
    return a && strcmp(a, SELFID_PREFER_NOT) != 0 ? a : NULL;
}

static int
cmp_group(const void *a, const void *b)
{
    return strcmp(((const struct fairness_count *)a)->group,
                  ((const struct fairness_count *)b)->group);
}

/* One category's (or intersection's) table from the tally. */
static json_t *
category_table(const char *name, struct tally *t, long long min_group)
{
    json_t *v;
    /* the configured order is not the answers' meaning: groups by name, for stable output */
    if (t->n > 1)
        qsort(t->g, t->n, sizeof *t->g, cmp_group);
    v = fairness_table(t->g, t->n, min_group);
    json_object_set_new(v, "category", json_string(name));
    json_object_set_new(v, "not_reported",
                        json_pack("{s:I, s:I}", "entered", (json_int_t)t->unknown_entered, "passed",
                                  (json_int_t)t->unknown_passed));
    return v;
}

static bool
stage_known(const char *stage)
{
    static const char *const known[] = {FAIRNESS_SCREENING, "screened", "interviewing", "offer",
                                        "hired"};
    for (size_t i = 0; stage && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(stage, known[i]) == 0)
            return true;
    return false;
}

enum rb_err
fairness_report(struct store *s, const struct selfid_config *c, const struct fairness_opts *o,
                const struct user *who, json_t **out, char *errmsg)
{
    struct audit_actor actor = {who ? who->id : 0, who ? who->email : NULL};
    struct fairness_filter f = {o->since, o->role, o->opening};
    long long min_group = o->min_group ? o->min_group : FAIRNESS_MIN_GROUP, counted = 0;
    json_t *rows = NULL, *cats = NULL, *inter = NULL, *decision, *row, *notes;
    enum rb_err e;
    size_t i;

    *out = NULL;
    if (!selfid_may_read(who)) {
        snprintf(errmsg, RB_ERRMSG,
                 "the fairness report reads self-identification in aggregate: admins only");
        return RB_EDENIED;
    }
    if (!stage_known(o->stage)) {
        snprintf(errmsg, RB_ERRMSG, "stage: %s, not '%.40s'", FAIRNESS_STAGES,
                 o->stage ? o->stage : "");
        return RB_EINVAL;
    }
    if (!(o->threshold >= 0 && o->threshold <= 100)) {
        snprintf(errmsg, RB_ERRMSG, "threshold: a score from 0 to 100");
        return RB_EINVAL;
    }
    if (min_group < 1 || min_group > FAIRNESS_MIN_GROUP_MAX) {
        snprintf(errmsg, RB_ERRMSG, "min_group: a whole number from 1 to %d",
                 FAIRNESS_MIN_GROUP_MAX);
        return RB_EINVAL;
    }
    if ((e = store_fairness_rows(s, &f, &rows, errmsg)))
        return e;
    /* only the rows the decision applies to, entered, with whether they passed */
    {
        json_t *kept = json_array();
        json_array_foreach(rows, i, row)
        {
            bool entered = false, passed = false;
            if (!decide(row, o, &entered, &passed) || !entered)
                continue;
            json_object_set_new(row, "passed", json_boolean(passed));
            json_array_append(kept, row);
        }
        json_decref(rows);
        rows = kept;
        counted = (long long)json_array_size(rows);
    }
    cats = json_array();
    inter = json_array();
    for (size_t k = 0; k < c->n; k++) {
        struct tally t = {0};
        json_array_foreach(rows, i, row) tally_add(&t, answer(row, c->cats[k].name),
                                                   json_is_true(json_object_get(row, "passed")));
        json_array_append_new(cats, category_table(c->cats[k].name, &t, min_group));
        tally_cleanup(&t);
    }
    for (size_t k = 0; k < c->n; k++)
        for (size_t m = k + 1; m < c->n; m++) {
            struct tally t = {0};
            char name[2 * SELFID_NAME_MAX + 8];
            snprintf(name, sizeof name, "%s x %s", c->cats[k].name, c->cats[m].name);
            json_array_foreach(rows, i, row)
            {
                const char *a = answer(row, c->cats[k].name), *b = answer(row, c->cats[m].name);
                char group[2 * SELFID_NAME_MAX + 8];
                snprintf(group, sizeof group, "%s x %s", a ? a : "", b ? b : "");
                tally_add(&t, a && b ? group : NULL, json_is_true(json_object_get(row, "passed")));
            }
            json_array_append_new(inter, category_table(name, &t, min_group));
            tally_cleanup(&t);
        }
    decision = json_pack("{s:s}", "stage", o->stage);
    if (strcmp(o->stage, FAIRNESS_SCREENING) == 0)
        json_object_set_new(decision, "threshold", json_real(o->threshold));
    json_object_set_new(decision, "since", o->since ? json_string(o->since) : json_null());
    json_object_set_new(decision, "role", o->role ? json_string(o->role) : json_null());
    json_object_set_new(decision, "opening",
                        o->opening ? json_integer((json_int_t)o->opening) : json_null());
    notes = json_array();
    json_array_append_new(
        notes, json_sprintf("groups with fewer than %lld people at this decision point are "
                            "counted but not shown (suppressed); their outcomes are not given",
                            min_group));
    json_array_append_new(
        notes, json_string("not_reported: people who preferred not to say or gave no answer; "
                           "they are left out of every rate and ratio"));
    json_array_append_new(
        notes, json_string("an impact ratio under 0.8 (four_fifths) is a rule of thumb for a "
                           "closer look, not a finding of discrimination; see docs/FAIRNESS.md"));
    *out = json_pack("{s:o, s:I, s:I, s:o, s:o, s:o}", "decision", decision, "min_group",
                     (json_int_t)min_group, "applications", (json_int_t)counted, "categories", cats,
                     "intersections", inter, "notes", notes);
    cats = inter = NULL;
    if ((e = audit_append(s, who ? &actor : NULL, "view", NULL, 0, "fairness report", errmsg))) {
        json_decref(*out);
        *out = NULL;
    }
    json_decref(rows);
    return e;
}
