/* SPDX-License-Identifier: MIT */
/* The screening score: criteria with points, maxima and reasons (core/screen.h). */
#include "core/screen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

static const char *const names[CRIT_COUNT] = {"must_have", "nice_to_have", "total_years",
                                              "comparable_years", "recency"};

const char *
screen_criterion_name(enum screen_criterion c)
{
    return (unsigned)c < CRIT_COUNT ? names[c] : "unknown";
}

void
screen_cleanup(struct screen_result *s)
{
    for (int i = 0; i < CRIT_COUNT; i++)
        free(s->reasons[i]);
    for (size_t i = 0; i < s->nmissing; i++)
        free(s->missing[i]);
    free(s->missing);
    memset(s, 0, sizeof *s);
}

/* The resume's entry for the skill called name, or NULL. */
static const struct resume_skill *
found(const struct resume *r, const struct skills *tax, const char *name)
{
    for (size_t i = 0; i < r->nskills; i++)
        if (!strcmp(tax->v[r->skills[i].skill].name, name))
            return &r->skills[i];
    return NULL;
}

/* How much a skill last used in year counts now: 1 within a year, falling to 0.2 after ten;
 * 0.5 when no dated position mentions it (a skills list only). */
static double
freshness(int year, struct ym today)
{
    int age;
    if (!year)
        return 0.5;
    age = today.year - year;
    if (age <= 1)
        return 1.0;
    if (age >= 10)
        return 0.2;
    return 1.0 - 0.8 * (age - 1) / 9.0;
}

/* Whether a position's title is like the role's: they share a significant word
 * ("Backend Engineer" and "Backend developer (senior)" share "backend"). */
static int
title_words(const char *w, size_t n, void *ctx)
{
    static const char *const skip[] = {"senior",    "junior", "mid", "lead", "staff",
                                       "principal", "the",    "and", "of",   "a"};
    char ***v = ctx;
    size_t k = 0;
    if (n < 3)
        return 0;
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
        if (strlen(skip[i]) == n && !strncmp(w, skip[i], n))
            return 0;
    while ((*v)[k])
        k++;
    if (k < 15) {
        (*v)[k] = xstrndup(w, n);
        (*v)[k + 1] = NULL;
    }
    return 0;
}

static bool
comparable(const char *role_title, const char *title)
{
    char *rf = text_fold(role_title, strlen(role_title)), *tf;
    char **words = xcalloc(17, sizeof *words);
    bool yes = false;
    if (!title) {
        free(rf);
        free(words);
        return false;
    }
    tf = text_fold(title, strlen(title));
    text_words(rf, strlen(rf), title_words, &words);
    for (size_t i = 0; words[i] && !yes; i++) {
        size_t l = strlen(words[i]);
        for (const char *p = strstr(tf, words[i]); p && !yes; p = strstr(p + 1, words[i]))
            yes = (p == tf || p[-1] == ' ') && (p[l] == '\0' || p[l] == ' ' || p[l] == ',');
    }
    for (size_t i = 0; words[i]; i++)
        free(words[i]);
    free(words);
    free(rf);
    free(tf);
    return yes;
}

void
screen_score(const struct resume *r, const struct role *role, const struct skills *tax,
             struct ym today, struct screen_result *out)
{
    double must_w = 0, must_found = 0, nice_w = 0, nice_found = 0, fresh_w = 0, fresh = 0;
    struct buf b;
    size_t nfound_must = 0, nmust = 0, nfound_nice = 0, nnice = 0;
    double years = r->experience_months / 12.0;

    memset(out, 0, sizeof *out);
    out->max[CRIT_MUST] = 40;
    out->max[CRIT_NICE] = 20;
    out->max[CRIT_YEARS] = 15;
    out->max[CRIT_COMPARABLE] = 10;
    out->max[CRIT_RECENCY] = 15;

    buf_init(&b, 4096);
    for (size_t i = 0; i < role->nskills; i++) {
        const struct role_skill *k = &role->skills[i];
        const struct resume_skill *f = found(r, tax, k->name);
        if (k->must) {
            nmust++;
            must_w += k->weight;
            if (f) {
                must_found += k->weight;
                nfound_must++;
            } else {
                out->missing = xrealloc(out->missing, (out->nmissing + 1) * sizeof *out->missing);
                out->missing[out->nmissing++] = xstrdup(k->name);
            }
        } else {
            nnice++;
            nice_w += k->weight;
            if (f) {
                nice_found += k->weight;
                nfound_nice++;
            }
        }
        if (f) {
            fresh_w += k->weight;
            fresh += k->weight * freshness(f->last_used, today);
        }
    }
    if (!nnice) {
        /* no nice-to-haves: their points go to the must-haves */
        out->max[CRIT_MUST] += out->max[CRIT_NICE];
        out->max[CRIT_NICE] = 0;
    } else if (!nmust) {
        /* no must-haves (a job description that marks none): nobody gets their points
         * for free; they go to the nice-to-haves */
        out->max[CRIT_NICE] += out->max[CRIT_MUST];
        out->max[CRIT_MUST] = 0;
    }
    out->points[CRIT_MUST] =
        must_w > 0 ? out->max[CRIT_MUST] * must_found / must_w : out->max[CRIT_MUST];
    buf_reset(&b);
    if (!nmust) {
        buf_puts(&b, nnice ? "the role asks for no must-have skills (their points count for "
                             "nice-to-haves)"
                           : "the role asks for no skills");
    } else {
        buf_printf(&b, "%zu of %zu must-have skills found", nfound_must, nmust);
        if (out->nmissing) {
            buf_puts(&b, "; missing:");
            for (size_t i = 0; i < out->nmissing; i++)
                buf_printf(&b, "%s %s", i ? "," : "", out->missing[i]);
        }
    }
    out->reasons[CRIT_MUST] = xstrdup(buf_str(&b));

    out->points[CRIT_NICE] = nice_w > 0 ? out->max[CRIT_NICE] * nice_found / nice_w : 0;
    buf_reset(&b);
    if (nnice)
        buf_printf(&b, "%zu of %zu nice-to-have skills found", nfound_nice, nnice);
    else
        buf_puts(&b, "the role lists no nice-to-have skills (their points count for must-haves)");
    out->reasons[CRIT_NICE] = xstrdup(buf_str(&b));

    out->points[CRIT_YEARS] = role->min_years > 0
                                  ? out->max[CRIT_YEARS] * fmin(1.0, years / role->min_years)
                                  : out->max[CRIT_YEARS];
    buf_reset(&b);
    buf_printf(&b, "%.1f years of dated experience (overlaps counted once); the role asks for %d",
               years, role->min_years);
    out->reasons[CRIT_YEARS] = xstrdup(buf_str(&b));

    {
        struct date_range *rs = xcalloc(r->npositions + 1, sizeof *rs);
        size_t n = 0;
        for (size_t i = 0; i < r->npositions; i++)
            if (comparable(role->title ? role->title : role->id, r->positions[i].title))
                rs[n++] = r->positions[i].range;
        out->comparable_years = dates_union_months(rs, n, today) / 12.0;
        free(rs);
    }
    out->points[CRIT_COMPARABLE] =
        role->min_comparable_years > 0
            ? out->max[CRIT_COMPARABLE] *
                  fmin(1.0, out->comparable_years / role->min_comparable_years)
            : out->max[CRIT_COMPARABLE];
    buf_reset(&b);
    buf_printf(&b, "%.1f years in positions titled like '%s'; the role asks for %d",
               out->comparable_years, role->title ? role->title : role->id,
               role->min_comparable_years);
    out->reasons[CRIT_COMPARABLE] = xstrdup(buf_str(&b));

    out->points[CRIT_RECENCY] = fresh_w > 0 ? out->max[CRIT_RECENCY] * fresh / fresh_w : 0;
    buf_reset(&b);
    if (fresh_w > 0)
        buf_printf(&b, "the role's skills found were last used %s",
                   fresh / fresh_w >= 0.9   ? "recently"
                   : fresh / fresh_w >= 0.5 ? "some years ago, or only listed"
                                            : "long ago");
    else
        buf_puts(&b, "none of the role's skills was found");
    out->reasons[CRIT_RECENCY] = xstrdup(buf_str(&b));
    buf_cleanup(&b);

    for (int i = 0; i < CRIT_COUNT; i++)
        out->score += out->points[i];
    if (out->nmissing && out->score > SCREEN_CAP_MISSING) {
        out->score = SCREEN_CAP_MISSING;
        out->capped = true;
    }
    out->score = round(out->score * 10) / 10;
}

json_t *
screen_to_json(const struct screen_result *s)
{
    json_t *o = json_object(), *miss = json_array(), *bd = json_object(), *rs = json_object();
    for (size_t i = 0; i < s->nmissing; i++)
        json_array_append_new(miss, json_string(s->missing[i]));
    for (int c = 0; c < CRIT_COUNT; c++) {
        json_object_set_new(
            bd, names[c],
            json_pack("{s:f, s:f}", "points", round(s->points[c] * 10) / 10, "max", s->max[c]));
        json_object_set_new(rs, names[c], json_string(s->reasons[c]));
    }
    json_object_set_new(o, "score", json_real(s->score));
    json_object_set_new(o, "must_have_missing", miss);
    json_object_set_new(o, "capped", json_boolean(s->capped));
    json_object_set_new(o, "breakdown", bd);
    json_object_set_new(o, "reasons", rs);
    return o;
}
