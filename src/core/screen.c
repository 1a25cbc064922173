/* SPDX-License-Identifier: MIT */
/* The screening score: criteria with points, maxima and reasons (core/screen.h). */
#include "core/screen.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

#define REASON_MAX 8192
#define GROUP_MAX 64

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

/* ---- titles ------------------------------------------------------------------------------ */

#define TWORDS 16

struct tword {
    char w[32];
    double weight;
    bool noun; /* one of title_nouns */
};

/* Words that say only how senior, or nothing at all. */
static const char *const title_skip[] = {
    "senior", "sr",   "junior", "jr",     "mid",    "level",   "lead",     "staff",     "principal",
    "chief",  "head", "i",      "ii",     "iii",    "iv",      "the",      "of",        "and",
    "a",      "an",   "at",     "in",     "for",    "with",    "m",        "f",         "d",
    "w",      "x",    "remote", "hybrid", "intern", "trainee", "graduate", "associate", "expert",
};
/* Spellings of one word. */
static const struct {
    const char *from, *to;
} title_same[] = {
    {"developer", "engineer"},
    {"dev", "engineer"},
    {"programmer", "engineer"},
    {"eng", "engineer"},
    {"engineering", "engineer"},
    {"swe", "software"},
    {"admin", "administrator"},
    {"dba", "database"},
    {"sre", "devops"},
    {"reliability", "devops"},
    {"qa", "quality"},
    {"tester", "quality"},
    {"platform", "devops"},
    {"infrastructure", "devops"},
    {"site", "devops"},
    {"testing", "quality"},
    {"programming", "engineer"},
    {"devops", "devops"},
    {"analyst", "analyst"},
    {"consultant", "consultant"},
    {"mgr", "manager"},
    /* other names of one trade: a UI developer writes front ends, an ETL developer
     * builds data pipelines, an SDET automates tests */
    {"ui", "frontend"},
    {"etl", "data"},
    {"sdet", "quality"},
    {"test", "quality"},
};
/* Role nouns, what a person is (engineer, analyst, designer): they count half, because two
 * engineers of different kinds are not alike; and two titles whose nouns differ name two
 * trades however many other words they share (a data analyst is not a data engineer, a web
 * designer not a web developer, a Java instructor not a Java developer). */
static const char *const title_nouns[] = {
    "engineer",  "administrator", "manager",   "analyst",    "consultant", "specialist",
    "architect", "officer",       "designer",  "instructor", "trainer",    "teacher",
    "inspector", "technician",    "clerk",     "assistant",  "recruiter",  "coordinator",
    "scientist", "accountant",    "executive", "author"};

/* The three word lists above, sorted once (by bsearch then: add_word runs for every word of
 * every position's title of every resume screened, and scanning the lists one by one was 3%
 * of a screening's time). */
#define NSKIP (sizeof title_skip / sizeof title_skip[0])
#define NSAME (sizeof title_same / sizeof title_same[0])
#define NNOUNS (sizeof title_nouns / sizeof title_nouns[0])
static const char *skip_sorted[NSKIP], *nouns_sorted[NNOUNS];
static size_t same_sorted[NSAME]; /* indices of title_same by from, then by index */
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static int
cmp_word(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
cmp_same(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(title_same[x].from, title_same[y].from);
    return c ? c : (x > y) - (x < y);
}

static int
cmp_same_key(const void *key, const void *e)
{
    return strcmp(key, title_same[*(const size_t *)e].from);
}

static void
lists_sort(void)
{
    memcpy(skip_sorted, title_skip, sizeof skip_sorted);
    qsort(skip_sorted, NSKIP, sizeof *skip_sorted, cmp_word);
    memcpy(nouns_sorted, title_nouns, sizeof nouns_sorted);
    qsort(nouns_sorted, NNOUNS, sizeof *nouns_sorted, cmp_word);
    for (size_t i = 0; i < NSAME; i++)
        same_sorted[i] = i;
    qsort(same_sorted, NSAME, sizeof *same_sorted, cmp_same);
}

static bool
listed(const char *const *sorted, size_t n, const char *w)
{
    return bsearch(&w, sorted, n, sizeof *sorted, cmp_word) != NULL;
}

static void
add_word(struct tword *v, size_t *n, const char *w, size_t l)
{
    char buf[32];
    const size_t *same;
    if (!l || l >= sizeof buf || *n >= TWORDS)
        return;
    memcpy(buf, w, l);
    buf[l] = '\0';
    pthread_once(&lists_once, lists_sort);
    if (listed(skip_sorted, NSKIP, buf))
        return;
    if ((same = bsearch(buf, same_sorted, NSAME, sizeof *same_sorted, cmp_same_key))) {
        while (same > same_sorted && !strcmp(title_same[same[-1]].from, buf))
            same--; /* the first listed, as a scan would find */
        snprintf(buf, sizeof buf, "%s", title_same[*same].to);
    }
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(v[i].w, buf))
            return;
    snprintf(v[*n].w, sizeof v[*n].w, "%s", buf);
    v[*n].noun = listed(nouns_sorted, NNOUNS, buf);
    v[*n].weight = v[*n].noun ? 0.5 : 1.0;
    (*n)++;
}

/* The normalised words of a title: lower case, "back end" and "back-end" one word, "c++"
 * and "c#" kept, the rest split at anything but letters and digits. */
static size_t
title_words(const char *title, struct tword *v)
{
    char low[256];
    size_t n = 0, l = 0;
    int depth = 0;
    /* qualifiers are not the title: "(Payments Platform)", ", Payments", " - Remote" */
    for (const char *p = title; *p && l + 1 < sizeof low; p++) {
        if (*p == '(' || *p == '[')
            depth++;
        else if ((*p == ')' || *p == ']') && depth)
            depth--;
        else if (!depth && l &&
                 (*p == ',' || *p == '|' || !strncmp(p, " - ", 3) ||
                  !strncmp(p, " \xe2\x80\x93 ", 5)))
            break;
        else if (!depth)
            low[l++] = (char)tolower((unsigned char)*p);
    }
    low[l] = '\0';
    for (size_t i = 0; i < l;) {
        size_t j = i;
        if (!isalnum((unsigned char)low[i])) {
            i++;
            continue;
        }
        while (j < l && (isalnum((unsigned char)low[j]) || low[j] == '+' || low[j] == '#'))
            j++;
        /* "back end", "back-end", "front end", "full stack" as one word */
        if ((!strncmp(low + i, "back", 4) || !strncmp(low + i, "front", 5) ||
             !strncmp(low + i, "full", 4)) &&
            j - i <= 5 && j < l && (low[j] == ' ' || low[j] == '-') &&
            (!strncmp(low + j + 1, "end", 3) || !strncmp(low + j + 1, "stack", 5))) {
            char w[16];
            size_t k = j + 1;
            while (k < l && isalpha((unsigned char)low[k]))
                k++;
            snprintf(w, sizeof w, "%.*s%.*s", (int)(j - i), low + i, (int)(k - j - 1), low + j + 1);
            add_word(v, &n, w, strlen(w));
            i = k;
            continue;
        }
        add_word(v, &n, low + i, j - i);
        i = j;
    }
    return n;
}

double
screen_title_similarity(const char *a, const char *b)
{
    struct tword va[TWORDS], vb[TWORDS];
    size_t na, nb;
    double wa = 0, wb = 0, both = 0;
    bool nouns_a = false, nouns_b = false, noun_shared = false;
    /* a is the job's title, the same at every call of a run: its words are kept */
    static _Thread_local char last[256];
    static _Thread_local struct tword last_words[TWORDS];
    static _Thread_local size_t nlast;
    if (!a || !b)
        return 0;
    if (strlen(a) < sizeof last && strcmp(a, last) == 0) {
        na = nlast;
        memcpy(va, last_words, na * sizeof *va);
    } else {
        na = title_words(a, va);
        if (strlen(a) < sizeof last) {
            memcpy(last, a, strlen(a) + 1);
            memcpy(last_words, va, na * sizeof *va);
            nlast = na;
        }
    }
    nb = title_words(b, vb);
    for (size_t i = 0; i < na; i++) {
        wa += va[i].weight;
        nouns_a |= va[i].noun;
        for (size_t k = 0; k < nb; k++)
            if (!strcmp(va[i].w, vb[k].w)) {
                both += va[i].weight;
                noun_shared |= va[i].noun;
            }
    }
    for (size_t k = 0; k < nb; k++) {
        wb += vb[k].weight;
        nouns_b |= vb[k].noun;
    }
    if (wa <= 0 || wb <= 0)
        return 0;
    /* both say what the person is, and not the same thing: another trade */
    if (nouns_a && nouns_b && !noun_shared)
        return 0.5 * both / fmax(wa, wb);
    return both / fmax(wa, wb);
}

/* ---- evidence ------------------------------------------------------------------------------ */

/* What a resume shows of one skill. */
struct evidence {
    const struct resume_skill *f; /* NULL: not found */
    double years;                 /* of the dated positions that name it, merged */
    int npos;
    size_t latest; /* the most recent position naming it, when npos */
};

static const struct resume_skill *
found(const struct resume *r, const struct skills *tax, const char *name)
{
    for (size_t i = 0; i < r->nskills; i++)
        if (!strcmp(tax->v[r->skills[i].skill].name, name))
            return &r->skills[i];
    return NULL;
}

static int
end_month(const struct position *p, struct ym today)
{
    int a, z;
    return dates_span(&p->range, today, &a, &z) ? z : -1;
}

/* What using one skill shows of a broader one: nobody who ran PostgreSQL for five years
 * lacks SQL because the word is not written, nor CI/CD with Jenkins pipelines. */
static const struct {
    const char *skill;
    const char *by[10];
} implied[] = {
    {"sql",
     {"postgresql", "mysql", "oracle database", "sql server", "mariadb", "sqlite", "pl/sql",
      "t-sql", NULL}},
    {"relational databases",
     {"postgresql", "mysql", "oracle database", "sql server", "mariadb", "sqlite", NULL}},
    {"ci/cd",
     {"jenkins", "github actions", "gitlab ci", "circleci", "travis ci", "teamcity", "argo cd",
      NULL}},
    {"java", {"spring boot", "spring framework", "hibernate", "jpa", NULL}},
    {"javascript", {"typescript", "react", "node.js", "vue.js", "angular", "express", NULL}},
    {"test automation", {"selenium", "cypress", "playwright", "testng", "rest assured", NULL}},
    {"api testing", {"postman", "rest assured", NULL}},
};

static struct evidence evidence_of(const struct resume *r, const struct skills *tax,
                                   const char *name, struct ym today);

/* The best evidence of a skill that implies name, or none (.f NULL); *via gets its name. */
static struct evidence
implied_by(const struct resume *r, const struct skills *tax, const char *name, struct ym today,
           const char **via)
{
    struct evidence best = {0};
    for (size_t i = 0; i < sizeof implied / sizeof implied[0]; i++) {
        if (strcmp(implied[i].skill, name) != 0)
            continue;
        for (size_t k = 0; implied[i].by[k]; k++) {
            struct evidence e = evidence_of(r, tax, implied[i].by[k], today);
            if (e.f && (!best.f || e.years > best.years || (!best.npos && e.npos))) {
                best = e;
                *via = implied[i].by[k];
            }
        }
    }
    return best;
}

static struct evidence
evidence_of(const struct resume *r, const struct skills *tax, const char *name, struct ym today)
{
    struct evidence e = {found(r, tax, name), 0, 0, 0};
    struct date_range rs[64];
    size_t n = 0;
    int best = -1;
    if (!e.f)
        return e;
    for (size_t p = 0; p < r->npositions && p < 64; p++) {
        if (!(e.f->positions >> p & 1))
            continue;
        rs[n++] = r->positions[p].range;
        if (end_month(&r->positions[p], today) > best) {
            best = end_month(&r->positions[p], today);
            e.latest = p;
        }
    }
    e.npos = (int)n;
    e.years = dates_union_months(rs, n, today) / 12.0;
    return e;
}

/* 0.5 for a skill used in a dated position, rising to 1 with the years asked of it (else
 * the role's minimum years, 2 to 5); 0.35 when it is only listed; 0 when absent. */
static double
strength(const struct evidence *e, int years_asked)
{
    double want = years_asked > 0 ? years_asked : 2.0;
    if (!e->f)
        return 0;
    if (!e->npos)
        return 0.35;
    return 0.5 + 0.5 * fmin(1.0, e->years / want);
}

/* How much a skill last used in year counts now: 1 within a year, falling to 0.2 after ten;
 * 0.4 when no dated position names it (a skills list only). */
static double
freshness(int year, struct ym today)
{
    int age;
    if (!year)
        return 0.4;
    age = today.year - year;
    if (age <= 1)
        return 1.0;
    if (age >= 10)
        return 0.2;
    return 1.0 - 0.8 * (age - 1) / 9.0;
}

/* "Backend Developer at Acme, 2018-01 to present" */
static void
put_position(struct buf *b, const struct position *p)
{
    char from[16], to[16];
    dates_format(p->range.start, from, sizeof from);
    if (p->range.present)
        snprintf(to, sizeof to, "present");
    else
        dates_format_end(p->range.end, to, sizeof to);
    buf_printf(b, "'%s'", p->title ? p->title : "untitled position");
    if (p->company)
        buf_printf(b, " at %s", p->company);
    buf_printf(b, ", %s to %s", from, to);
}

/* "java: 6.5 years in 3 positions, last 'Backend Developer' at Acme, 2018-01 to present" */
static void
put_evidence(struct buf *b, const char *name, const struct evidence *e, const struct resume *r)
{
    if (!e->f) {
        buf_printf(b, "%s: not found", name);
    } else if (!e->npos) {
        buf_printf(b, "%s: only listed (no dated position names it)", name);
    } else {
        buf_printf(b, "%s: %.1f years in %d position%s, latest ", name, e->years, e->npos,
                   e->npos == 1 ? "" : "s");
        put_position(b, &r->positions[e->latest]);
    }
}

/* One criterion of the role: a skill alone, or a group of alternatives. */
struct group {
    size_t member[16];
    size_t n;
    int weight, years;
    bool must;
};

static size_t
role_groups(const struct role *role, struct group *g)
{
    size_t n = 0;
    for (size_t i = 0; i < role->nskills && n < GROUP_MAX; i++) {
        const struct role_skill *k = &role->skills[i];
        size_t at = n;
        for (size_t p = 0; k->group && p < n; p++) {
            const struct role_skill *o = &role->skills[g[p].member[0]];
            if (o->group == k->group && o->must == k->must)
                at = p;
        }
        if (at == n)
            g[n++] = (struct group){.must = k->must};
        if (g[at].n < 16)
            g[at].member[g[at].n++] = i;
        if (k->weight > g[at].weight)
            g[at].weight = k->weight;
        if (k->years > g[at].years)
            g[at].years = k->years;
    }
    return n;
}

static char *
group_name(const struct role *role, const struct group *g)
{
    struct buf b;
    buf_init(&b, 1024);
    for (size_t m = 0; m < g->n; m++)
        buf_printf(&b, "%s%s", m ? " | " : "", role->skills[g->member[m]].name);
    return buf_take(&b);
}

/* Scores the groups of one kind (must or nice): the weighted share of their strength into
 * *share, the reason into b, and each must group that is missing into out. */
static double
score_groups(const struct resume *r, const struct role *role, const struct skills *tax,
             struct ym today, const struct group *g, size_t ng, bool must, struct buf *b,
             struct screen_result *out, size_t *met, size_t *total, double *fresh, double *fresh_w)
{
    double w = 0, got = 0, missing_w = 0;
    size_t shown = 0;
    *met = *total = 0;
    for (size_t i = 0; i < ng; i++) {
        struct evidence best = {0}, e;
        double s = 0, bs = -1;
        size_t bm = 0;
        const char *via;
        int want;
        if (g[i].must != must)
            continue;
        (*total)++;
        w += g[i].weight;
        want = g[i].years            ? g[i].years
               : role->min_years > 5 ? 5
               : role->min_years > 2 ? role->min_years
                                     : 2;
        via = NULL;
        for (size_t m = 0; m < g[i].n; m++) {
            const char *name = role->skills[g[i].member[m]].name, *v = NULL;
            e = evidence_of(r, tax, name, today);
            if (!e.f)
                e = implied_by(r, tax, name, today, &v);
            s = strength(&e, want);
            if (s > bs) {
                bs = s;
                best = e;
                bm = m;
                via = v;
            }
        }
        got += g[i].weight * bs;
        if (best.f) {
            (*met)++;
            *fresh_w += g[i].weight;
            *fresh += g[i].weight * freshness(best.f->last_used, today);
            if (shown < 6) {
                buf_puts(b, shown++ ? "; " : ": ");
                if (via)
                    buf_printf(b, "%s, through ", role->skills[g[i].member[bm]].name);
                put_evidence(b, via ? via : role->skills[g[i].member[bm]].name, &best, r);
                if (g[i].years && best.years < g[i].years)
                    buf_printf(b, " (%d asked)", g[i].years);
            }
        } else if (must) {
            missing_w += g[i].weight;
            out->missing = xrealloc(out->missing, (out->nmissing + 1) * sizeof *out->missing);
            out->missing[out->nmissing++] = group_name(role, &g[i]);
        }
    }
    if (must)
        out->must_met = w > 0 ? 1.0 - missing_w / w : 1.0;
    return w > 0 ? got / w : 0;
}

void
screen_score(const struct resume *r, const struct role *role, const struct skills *tax,
             struct ym today, struct screen_result *out)
{
    struct group g[GROUP_MAX];
    size_t ng = role_groups(role, g), must_met, nmust, nice_met, nnice;
    double fresh = 0, fresh_w = 0, must_share, nice_share;
    double years = r->experience_months / 12.0;
    const char *jt = role->title ? role->title : role->id;
    struct buf b, why;
    int want;

    memset(out, 0, sizeof *out);
    out->max[CRIT_MUST] = 40;
    out->max[CRIT_NICE] = 20;
    out->max[CRIT_YEARS] = 15;
    out->max[CRIT_COMPARABLE] = 10;
    out->max[CRIT_RECENCY] = 15;
    buf_init(&b, REASON_MAX);
    buf_init(&why, REASON_MAX);

    must_share = score_groups(r, role, tax, today, g, ng, true, &why, out, &must_met, &nmust,
                              &fresh, &fresh_w);
    if (!nmust) {
        buf_puts(&b, "the role asks for no must-have skills (their points count for "
                     "nice-to-haves)");
    } else {
        buf_printf(&b, "%zu of %zu must-have%s found%s", must_met, nmust, nmust == 1 ? "" : "s",
                   buf_str(&why));
        if (out->nmissing) {
            buf_puts(&b, "; missing:");
            for (size_t i = 0; i < out->nmissing; i++)
                buf_printf(&b, "%s %s", i ? "," : "", out->missing[i]);
        }
    }
    out->reasons[CRIT_MUST] = xstrdup(buf_str(&b));

    buf_reset(&b);
    buf_reset(&why);
    nice_share = score_groups(r, role, tax, today, g, ng, false, &why, out, &nice_met, &nnice,
                              &fresh, &fresh_w);
    if (nnice)
        buf_printf(&b, "%zu of %zu nice-to-have skills found%s", nice_met, nnice, buf_str(&why));
    else
        buf_puts(&b, "the role lists no nice-to-have skills (their points count for must-haves)");
    out->reasons[CRIT_NICE] = xstrdup(buf_str(&b));
    if (!nnice) {
        out->max[CRIT_MUST] += out->max[CRIT_NICE];
        out->max[CRIT_NICE] = 0;
    } else if (!nmust) {
        /* no must-haves: nobody gets their points for free */
        out->max[CRIT_NICE] += out->max[CRIT_MUST];
        out->max[CRIT_MUST] = 0;
    }
    out->points[CRIT_MUST] = nmust ? out->max[CRIT_MUST] * must_share : out->max[CRIT_MUST];
    if (!nmust && !nnice)
        out->points[CRIT_MUST] = 0; /* nothing to judge skills by */
    out->points[CRIT_NICE] = out->max[CRIT_NICE] * nice_share;

    /* positions that count: titled like the role, or naming one of its skills */
    {
        struct date_range rel[64], comp[64];
        size_t nrel = 0, ncomp = 0, best = 0;
        double best_sim = 0;
        for (size_t p = 0; p < r->npositions && p < 64; p++) {
            double sim = screen_title_similarity(jt, r->positions[p].title);
            bool uses = false;
            for (size_t i = 0; i < role->nskills && !uses; i++) {
                const struct resume_skill *f = found(r, tax, role->skills[i].name);
                uses = f && (f->positions >> p & 1);
            }
            if (sim >= 0.5) {
                comp[ncomp++] = r->positions[p].range;
                if (sim > best_sim) {
                    best_sim = sim;
                    best = p;
                }
            }
            if (sim >= 0.5 || uses)
                rel[nrel++] = r->positions[p].range;
        }
        out->relevant_years = dates_union_months(rel, nrel, today) / 12.0;
        out->comparable_years = dates_union_months(comp, ncomp, today) / 12.0;

        want = role->min_years > 0 ? role->min_years : 1;
        out->points[CRIT_YEARS] =
            out->max[CRIT_YEARS] *
            (0.7 * fmin(1.0, out->relevant_years / want) + 0.3 * fmin(1.0, years / want));
        buf_reset(&b);
        buf_printf(&b,
                   "%.1f relevant years (positions that use the role's skills or are titled "
                   "like it) of %.1f years of dated experience (overlaps counted once); the "
                   "role asks for %d",
                   out->relevant_years, years, role->min_years);
        out->reasons[CRIT_YEARS] = xstrdup(buf_str(&b));

        want = role->min_comparable_years > 0 ? role->min_comparable_years
               : role->min_years > 1          ? (role->min_years + 1) / 2
                                              : 1;
        out->points[CRIT_COMPARABLE] = out->max[CRIT_COMPARABLE] *
                                       fmin(1.0, out->comparable_years / want) *
                                       (ncomp ? 0.5 + 0.5 * best_sim : 0);
        buf_reset(&b);
        buf_printf(&b, "%.1f years in positions titled like '%s'", out->comparable_years, jt);
        if (ncomp) {
            buf_puts(&b, ", the closest ");
            put_position(&b, &r->positions[best]);
        }
        buf_printf(&b, "; the role asks for %d", want);
        out->reasons[CRIT_COMPARABLE] = xstrdup(buf_str(&b));
    }

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
    buf_cleanup(&why);

    for (int i = 0; i < CRIT_COUNT; i++)
        out->score += out->points[i];
    if (out->nmissing) {
        /* lowered by what is missing, not cut to a flat cap: candidates stay apart */
        out->penalty = out->score * SCREEN_MISSING_PENALTY * (1.0 - out->must_met);
        out->score -= out->penalty;
        out->capped = true;
    }
    out->score = round(out->score * 10) / 10;
}

int
screen_compare(const struct screen_result *a, double years_a, const struct screen_result *b,
               double years_b)
{
    /* the figures as shown (screen_to_json rounds them so), so that a store ordering the
     * stored JSON ranks exactly as this does; and a total preorder, as qsort needs */
    double ra = round(a->relevant_years * 10), rb = round(b->relevant_years * 10);
    double ma = round(a->must_met * 1000), mb = round(b->must_met * 1000);
    double ya = round(years_a * 10), yb = round(years_b * 10);
    if (a->score != b->score)
        return a->score < b->score ? 1 : -1;
    if (ra != rb)
        return ra < rb ? 1 : -1;
    if (ma != mb)
        return ma < mb ? 1 : -1;
    if (ya != yb)
        return ya < yb ? 1 : -1;
    return 0;
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
    json_object_set_new(o, "penalty", json_real(round(s->penalty * 10) / 10));
    json_object_set_new(o, "relevant_years", json_real(round(s->relevant_years * 10) / 10));
    json_object_set_new(o, "must_met", json_real(round(s->must_met * 1000) / 1000));
    json_object_set_new(o, "breakdown", bd);
    json_object_set_new(o, "reasons", rs);
    return o;
}
