/* SPDX-License-Identifier: MIT */
/*
 * Kit selection. Each stage has a category mix (a screen is mostly screening questions, an
 * onsite covers every category); the role's weights split the budget between competencies.
 * Questions are chosen greedily: the competency furthest below its share of minutes next,
 * in the category furthest below its share, a question drawn at random (seeded) among those
 * that fit the level and the minutes left. The store counts and indexes the candidates, so
 * a kit costs a few dozen index look-ups whatever the size of the bank. A question never
 * makes the total exceed the budget, and alternates are never longer than the question
 * they replace, so swapping one in keeps the kit within budget.
 */
#include "core/kit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bank_json.h"
#include "util/mem.h"
#include "util/text.h"

static const char *const stage_names[STAGE_COUNT] = {"screen", "technical", "system-design",
                                                     "behavioral", "onsite"};
static const int stage_minutes[STAGE_COUNT] = {30, 60, 60, 45, 180};

/* Shares of the budget by category, in percent. */
static const int mix[STAGE_COUNT][CAT_COUNT] = {
    [STAGE_SCREEN] = {[CAT_SCREENING] = 100},
    [STAGE_TECHNICAL] = {[CAT_TECHNICAL] = 55, [CAT_CODING] = 25, [CAT_TROUBLESHOOTING] = 20},
    [STAGE_SYSTEM_DESIGN] = {[CAT_SYSTEM_DESIGN] = 75, [CAT_TECHNICAL] = 25},
    [STAGE_BEHAVIORAL] = {[CAT_BEHAVIORAL] = 60, [CAT_PAST_PROJECT] = 40},
    [STAGE_ONSITE] = {[CAT_TECHNICAL] = 30,
                      [CAT_SYSTEM_DESIGN] = 20,
                      [CAT_CODING] = 15,
                      [CAT_TROUBLESHOOTING] = 15,
                      [CAT_BEHAVIORAL] = 10,
                      [CAT_PAST_PROJECT] = 10},
};

/* Two stages have a competency of their own that takes half their minutes, whatever the
 * role's weights: a screen the screening set (motivation, notice, salary, other processes),
 * the rest going to light checks of the role's competencies; a behavioural interview how
 * the candidate works with people. */
static const struct {
    const char *competency;
    int share; /* percent of the budget */
} focus[STAGE_COUNT] = {
    [STAGE_SCREEN] = {"screening", 50},
    [STAGE_BEHAVIORAL] = {"leadership-communication", 50},
};
/* The share of a stage's budget, in percent, given first to questions of the stack tracks
 * whose skills the role asks for (a Java job's kit asks about Java and Spring). */
#define STACK_SHARE 25
/* Budget left over that counts as unfilled: shorter than any real question otherwise. */
#define KIT_SLACK 5
/* Minutes an onsite keeps for each weighted competency not yet covered. */
#define ONSITE_RESERVE 12

const char *
stage_name(enum stage s)
{
    return (unsigned)s < STAGE_COUNT ? stage_names[s] : "unknown";
}

int
stage_parse(const char *name)
{
    for (int i = 0; i < STAGE_COUNT; i++)
        if (strcmp(name, stage_names[i]) == 0)
            return i;
    if (strcmp(name, "behavioural") == 0)
        return STAGE_BEHAVIORAL;
    return -1;
}

int
stage_default_minutes(enum stage s)
{
    return (unsigned)s < STAGE_COUNT ? stage_minutes[s] : 60;
}

bool
stage_has_category(enum stage s, enum category c)
{
    return (unsigned)s < STAGE_COUNT && (unsigned)c < CAT_COUNT && mix[s][c] > 0;
}

/* splitmix64: small, fast and the same everywhere, so a seed means the same kit on every
 * machine. */
static uint64_t
rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void
kit_cleanup(struct kit *k)
{
    if (!k)
        return;
    free(k->role);
    free(k->role_title);
    free(k->candidate);
    for (size_t i = 0; i < k->nslots; i++) {
        question_cleanup(&k->slots[i].q);
        for (size_t a = 0; a < k->slots[i].nalts; a++)
            question_cleanup(&k->slots[i].alts[a]);
    }
    free(k->slots);
    for (size_t i = 0; i < k->ncoverage; i++)
        free(k->coverage[i].competency);
    free(k->coverage);
    for (size_t i = 0; i < k->nstacks; i++) {
        free(k->stacks[i].track);
        for (size_t j = 0; j < k->stacks[i].nskills; j++)
            free(k->stacks[i].skills[j]);
        free(k->stacks[i].skills);
    }
    free(k->stacks);
    for (size_t i = 0; i < k->nshortfalls; i++) {
        free(k->shortfalls[i].competency);
        free(k->shortfalls[i].reason);
    }
    free(k->shortfalls);
    role_cleanup(&k->role_copy);
    memset(k, 0, sizeof *k);
}

static void shortfall(struct kit *k, const char *competency, int minutes, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
shortfall(struct kit *k, const char *competency, int minutes, const char *fmt, ...)
{
    struct buf b;
    va_list ap;
    buf_init(&b, 1024);
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    xgrow(&k->shortfalls, &k->capshort, k->nshortfalls + 1, sizeof *k->shortfalls);
    k->shortfalls[k->nshortfalls].competency = competency ? xstrdup(competency) : NULL;
    k->shortfalls[k->nshortfalls].reason = buf_take(&b);
    k->shortfalls[k->nshortfalls].minutes = minutes;
    k->nshortfalls++;
    k->partial = true;
}

/* The state of one build. */
struct builder {
    struct store *s;
    struct kit *k;
    uint64_t rng;
    double cat_target[CAT_COUNT];
    int cat_used[CAT_COUNT];
    bool cat_done[CAT_COUNT]; /* no competency has a question of it that still fits */
    char *skills;             /* the role's skills as a JSON array, or NULL */
    const struct role *role;
    char *errmsg;
};

/* Draws one question for (competency c, category cat) of at most max minutes: *id is new,
 * NULL when none fits. A screening question fits any level from its own up: a quick check
 * meant for a junior is one a senior should pass too. */
static enum rb_err
draw(struct builder *b, size_t c, enum category cat, int max, char **id, int *minutes)
{
    struct kit_pick p = {
        b->k->coverage[c].competency, cat, b->k->level, cat == CAT_SCREENING, max, false, NULL};
    size_t n;
    enum rb_err rc;

    *id = NULL;
    if (max < 1)
        return RB_OK;
    rc = store_kit_count(b->s, &p, &n, b->errmsg);
    if (rc || !n)
        return rc;
    rc = store_kit_nth(b->s, &p, (size_t)(rng_next(&b->rng) % n), id, minutes, b->errmsg);
    if (!rc)
        rc = store_kit_exclude(b->s, *id, b->errmsg);
    return rc;
}

static enum rb_err draw_stack(struct builder *b, const char *competency, enum category cat, int max,
                              char **id, int *minutes);

/* Categories of the stage's mix, furthest below their share first. */
static size_t
categories_by_deficit(const struct builder *b, enum category *out)
{
    size_t n = 0;
    for (int c = 0; c < CAT_COUNT; c++)
        if (mix[b->k->stage][c])
            out[n++] = (enum category)c;
    for (size_t i = 1; i < n; i++) {
        enum category t = out[i];
        size_t j = i;
        double dt = b->cat_target[t] - b->cat_used[t];
        for (; j > 0 && b->cat_target[out[j - 1]] - b->cat_used[out[j - 1]] < dt; j--)
            out[j] = out[j - 1];
        out[j] = t;
    }
    return n;
}

/* Draws a question of competency c in category cat of at most max minutes and puts it in
 * the kit. Sets *added. */
static enum rb_err
add_one(struct builder *b, size_t c, enum category cat, int max, bool *added)
{
    struct kit *k = b->k;
    char *id;
    int minutes = 0;
    enum rb_err rc = draw(b, c, cat, max, &id, &minutes);

    *added = false;
    if (rc || !id)
        return rc;
    xgrow(&k->slots, &k->capslots, k->nslots + 1, sizeof *k->slots);
    memset(&k->slots[k->nslots], 0, sizeof k->slots[k->nslots]);
    rc = store_question_get(b->s, id, &k->slots[k->nslots].q, b->errmsg);
    free(id);
    if (rc)
        return rc;
    k->nslots++;
    k->minutes += minutes;
    k->coverage[c].minutes += minutes;
    k->coverage[c].questions++;
    b->cat_used[cat] += minutes;
    *added = true;
    return RB_OK;
}

/* Competencies that can still get questions, furthest below their share of minutes first
 * (ties: the heavier weight first). Returns how many. */
static size_t
competencies_by_deficit(const struct builder *b, size_t *out)
{
    const struct kit *k = b->k;
    size_t n = 0;
    for (size_t c = 0; c < k->ncoverage; c++)
        if (k->coverage[c].target > 0 && k->coverage[c].available)
            out[n++] = c;
    for (size_t i = 1; i < n; i++) {
        size_t t = out[i], j = i;
        double dt = k->coverage[t].target - k->coverage[t].minutes;
        for (; j > 0; j--) {
            const struct kit_coverage *p = &k->coverage[out[j - 1]];
            double dp = p->target - p->minutes;
            if (dp > dt + 1e-9 || (fabs(dp - dt) <= 1e-9 && p->weight >= k->coverage[t].weight))
                break;
            out[j] = out[j - 1];
        }
        out[j] = t;
    }
    return n;
}

/* One more question in the category furthest below its share that still has one: of the
 * neediest competency that has one in it. Sets *added (false when nothing fits). */
static enum rb_err
add_next(struct builder *b, bool *added)
{
    enum category cats[CAT_COUNT];
    size_t comps[64];
    size_t ncat = categories_by_deficit(b, cats);
    enum rb_err rc = RB_OK;

    *added = false;
    for (size_t i = 0; i < ncat && !*added && !rc; i++) {
        size_t ncomp;
        if (b->cat_done[cats[i]])
            continue;
        ncomp = competencies_by_deficit(b, comps);
        for (size_t j = 0; j < ncomp && !*added && !rc; j++)
            rc = add_one(b, comps[j], cats[i], b->k->budget - b->k->minutes, added);
        if (!*added)
            b->cat_done[cats[i]] = true; /* the minutes left only shrink */
    }
    return rc;
}

static enum rb_err
add_alternates(struct builder *b, struct kit_slot *slot)
{
    enum category cats[CAT_COUNT];
    size_t n = 0, c;
    struct kit *k = b->k;
    enum rb_err rc = RB_OK;

    for (c = 0; c < k->ncoverage; c++)
        if (strcmp(k->coverage[c].competency, slot->q.competencies[0]) == 0)
            break;
    if (c == k->ncoverage)
        return RB_OK;
    /* a stack question's alternates come from the stacks first, of its competency too */
    for (int tries = 0; slot->q.track && slot->nalts < KIT_ALTERNATES && tries < KIT_ALTERNATES;
         tries++) {
        char *id;
        int minutes;
        rc = draw_stack(b, slot->q.competencies[0], slot->q.category,
                        slot->q.minutes + k->budget - k->minutes, &id, &minutes);
        if (rc || !id)
            break;
        rc = store_question_get(b->s, id, &slot->alts[slot->nalts], b->errmsg);
        free(id);
        if (rc)
            return rc;
        slot->nalts++;
    }
    /* the slot's own category first, then the rest of the mix */
    cats[n++] = slot->q.category;
    for (int i = 0; i < CAT_COUNT; i++)
        if (mix[k->stage][i] && (enum category)i != slot->q.category)
            cats[n++] = (enum category)i;
    for (size_t i = 0; i < n && slot->nalts < KIT_ALTERNATES && !rc; i++) {
        char *id;
        int minutes;
        /* swapping this alternate in for the slot keeps the kit within budget */
        rc = draw(b, c, cats[i], slot->q.minutes + k->budget - k->minutes, &id, &minutes);
        if (rc || !id)
            continue;
        rc = store_question_get(b->s, id, &slot->alts[slot->nalts], b->errmsg);
        free(id);
        if (!rc)
            slot->nalts++;
        i--; /* the same category may have a second */
        if (slot->nalts == KIT_ALTERNATES)
            break;
    }
    return rc;
}

/* Draws a question of a stack track about one of the role's skills, of the competency (any
 * when NULL) and category cat, of at most max minutes: *id is new, NULL when none fits. */
static enum rb_err
draw_stack(struct builder *b, const char *competency, enum category cat, int max, char **id,
           int *minutes)
{
    struct kit_pick p = {competency, cat, b->k->level, cat == CAT_SCREENING, max, true, b->skills};
    size_t n;
    enum rb_err rc;

    *id = NULL;
    if (max < 1 || !b->skills)
        return RB_OK;
    rc = store_kit_count(b->s, &p, &n, b->errmsg);
    if (rc || !n)
        return rc;
    rc = store_kit_nth(b->s, &p, (size_t)(rng_next(&b->rng) % n), id, minutes, b->errmsg);
    if (!rc)
        rc = store_kit_exclude(b->s, *id, b->errmsg);
    return rc;
}

static bool
role_has_skill(const struct role *r, const char *name)
{
    for (size_t i = 0; i < r->nskills; i++)
        if (r->skills[i].must && strcmp(r->skills[i].name, name) == 0)
            return true;
    return false;
}

/* Counts q, a stack track's question, in the kit's stacks. */
static void
count_stack(struct builder *b, const struct question *q)
{
    struct kit *k = b->k;
    struct kit_stack *st = NULL;

    for (size_t i = 0; i < k->nstacks && !st; i++)
        if (strcmp(k->stacks[i].track, q->track) == 0)
            st = &k->stacks[i];
    if (!st) {
        k->stacks = xrealloc(k->stacks, (k->nstacks + 1) * sizeof *k->stacks);
        st = &k->stacks[k->nstacks++];
        memset(st, 0, sizeof *st);
        st->track = xstrdup(q->track);
    }
    st->questions++;
    st->minutes += q->minutes;
    for (size_t i = 0; i < q->nskills; i++) {
        bool seen = false;
        if (!role_has_skill(b->role, q->skills[i]))
            continue;
        for (size_t j = 0; j < st->nskills && !seen; j++)
            seen = strcmp(st->skills[j], q->skills[i]) == 0;
        if (!seen) {
            st->skills = xrealloc(st->skills, (st->nskills + 1) * sizeof *st->skills);
            st->skills[st->nskills++] = xstrdup(q->skills[i]);
        }
    }
}

/* Questions of the stack tracks the role's skills ask for, up to STACK_SHARE of the budget,
 * in the categories furthest below their share, each of the neediest of the role's
 * competencies that has one: a stack question counts for its own competency (a question on
 * Spring's transactions assesses data storage), so it must be one the role weighs, and it
 * takes those minutes from that competency's share, not from the others'. */
static enum rb_err
add_stack(struct builder *b)
{
    struct kit *k = b->k;
    int target = k->budget * STACK_SHARE / 100, used = 0;
    enum rb_err rc = RB_OK;

    if (!b->skills)
        return RB_OK;
    for (bool added = true; added && used < target && !rc;) {
        enum category cats[CAT_COUNT];
        size_t comps[64];
        size_t ncat = categories_by_deficit(b, cats), ncomp = 0;
        /* the role's competencies with a share, neediest first; whether the bank has other
         * questions of them does not matter here */
        for (size_t c = 0; c < k->ncoverage; c++)
            if (k->coverage[c].target > 0)
                comps[ncomp++] = c;
        for (size_t i = 1; i < ncomp; i++) {
            size_t t = comps[i], j = i;
            double dt = k->coverage[t].target - k->coverage[t].minutes;
            for (; j > 0 &&
                   k->coverage[comps[j - 1]].target - k->coverage[comps[j - 1]].minutes < dt - 1e-9;
                 j--)
                comps[j] = comps[j - 1];
            comps[j] = t;
        }
        added = false;
        for (size_t i = 0; i < ncat && !added && !rc; i++)
            for (size_t j = 0; j < ncomp && !added && !rc; j++) {
                struct kit_coverage *cv = &k->coverage[comps[j]];
                char *id = NULL;
                int minutes = 0, left = k->budget - k->minutes;
                struct kit_slot *slot;
                /* never past the stack's share */
                rc = draw_stack(b, cv->competency, cats[i],
                                target - used < left ? target - used : left, &id, &minutes);
                if (rc || !id)
                    continue;
                xgrow(&k->slots, &k->capslots, k->nslots + 1, sizeof *k->slots);
                slot = &k->slots[k->nslots];
                memset(slot, 0, sizeof *slot);
                rc = store_question_get(b->s, id, &slot->q, b->errmsg);
                free(id);
                if (rc)
                    break;
                k->nslots++;
                k->minutes += minutes;
                cv->minutes += minutes;
                cv->questions++;
                b->cat_used[cats[i]] += minutes;
                used += minutes;
                added = true;
            }
    }
    return rc;
}

/* Whether any question of competency c fits the level and the budget in the stage's mix:
 * the first in index order, so no counting. */
static enum rb_err
available(struct builder *b, size_t c, int max, bool *any)
{
    *any = false;
    for (int cat = 0; cat < CAT_COUNT && !*any; cat++) {
        struct kit_pick p = {b->k->coverage[c].competency,
                             (enum category)cat,
                             b->k->level,
                             cat == CAT_SCREENING,
                             max,
                             false,
                             NULL};
        char *id = NULL;
        int minutes;
        enum rb_err rc;
        if (!mix[b->k->stage][cat])
            continue;
        rc = store_kit_nth(b->s, &p, 0, &id, &minutes, b->errmsg);
        if (rc && rc != RB_ENOTFOUND)
            return rc;
        *any = id != NULL;
        free(id);
    }
    return RB_OK;
}

static void
add_coverage(struct kit *k, const char *competency, int weight, double target)
{
    k->coverage = xrealloc(k->coverage, (k->ncoverage + 1) * sizeof *k->coverage);
    memset(&k->coverage[k->ncoverage], 0, sizeof *k->coverage);
    k->coverage[k->ncoverage].competency = xstrdup(competency);
    k->coverage[k->ncoverage].weight = weight;
    k->coverage[k->ncoverage].target = target;
    k->ncoverage++;
}

enum rb_err
kit_build(struct store *s, const struct kit_request *req, struct kit *k, char *errmsg)
{
    struct builder b;
    const struct role *r = req->role;
    double weights = 0, share;
    enum rb_err rc;
    char lv[16];

    memset(k, 0, sizeof *k);
    if ((unsigned)req->stage >= STAGE_COUNT) {
        snprintf(errmsg, RB_ERRMSG, "unknown stage");
        return RB_EINVAL;
    }
    if (req->minutes < 0 || req->minutes > KIT_MINUTES_MAX) {
        snprintf(errmsg, RB_ERRMSG, "minutes must be 1 to %d", KIT_MINUTES_MAX);
        return RB_EINVAL;
    }
    if (r->ncomps > 60) {
        snprintf(errmsg, RB_ERRMSG, "role %s has more than 60 competencies", r->id);
        return RB_EINVAL;
    }
    k->role = xstrdup(r->id);
    k->role_title = xstrdup(r->title ? r->title : r->id);
    k->level = req->level ? req->level : r->level;
    k->stage = req->stage;
    k->budget = req->minutes ? req->minutes : stage_default_minutes(req->stage);
    k->seed = req->seed;
    k->candidate = req->candidate ? xstrdup(req->candidate) : NULL;
    {
        /* a copy of the role, for its anchors when rendering */
        json_t *j = role_to_json(r);
        char ignore[RB_ERRMSG];
        role_from_json(j, &k->role_copy, ignore);
        json_decref(j);
    }

    memset(&b, 0, sizeof b);
    b.s = s;
    b.k = k;
    b.errmsg = errmsg;
    b.role = r;
    if (r->nskills) {
        /* the skills a role requires ask for a stack; welcome ones do not */
        json_t *sk = json_array();
        for (size_t i = 0; i < r->nskills; i++)
            if (r->skills[i].must)
                json_array_append_new(sk, json_string(r->skills[i].name));
        b.skills = json_dumps(sk, JSON_COMPACT);
        json_decref(sk);
    }
    /* the seed, mixed with what was asked for, so that two requests with one seed differ */
    b.rng = req->seed ^ text_hash(r->id, strlen(r->id)) ^
            ((uint64_t)k->stage << 40 | (uint64_t)k->level << 32 | (uint64_t)k->budget);
    for (int c = 0; c < CAT_COUNT; c++)
        b.cat_target[c] = k->budget * mix[k->stage][c] / 100.0;

    {
        const char *fc = focus[k->stage].competency;
        double fshare = fc ? k->budget * focus[k->stage].share / 100.0 : 0;
        share = k->budget - fshare;
        for (size_t i = 0; i < r->ncomps; i++)
            if (!fc || strcmp(r->comps[i].id, fc) != 0)
                weights += r->comps[i].weight;
        for (size_t i = 0; i < r->ncomps; i++) {
            bool focal = fc && strcmp(r->comps[i].id, fc) == 0;
            add_coverage(k, r->comps[i].id, r->comps[i].weight,
                         focal         ? fshare
                         : weights > 0 ? share * r->comps[i].weight / weights
                                       : 0);
        }
        if (fc && !role_competency(r, fc))
            add_coverage(k, fc, 0, fshare);
    }

    rc = store_kit_begin(s, req->candidate, errmsg);
    for (size_t c = 0; c < k->ncoverage && !rc; c++)
        rc = available(&b, c, k->budget, &k->coverage[c].available);
    if (!rc)
        rc = add_stack(&b);

    /* An onsite covers every weighted competency first, heaviest first; one a stack question
     * already covers needs no other. */
    if (!rc && k->stage == STAGE_ONSITE) {
        size_t order[64];
        for (size_t i = 0; i < k->ncoverage; i++)
            order[i] = i;
        for (size_t i = 1; i < k->ncoverage; i++) {
            size_t t = order[i], j = i;
            for (; j > 0 && k->coverage[order[j - 1]].weight < k->coverage[t].weight; j--)
                order[j] = order[j - 1];
            order[j] = t;
        }
        size_t uncovered = 0;
        for (size_t i = 0; i < k->ncoverage; i++)
            uncovered += k->coverage[i].weight > 0 && !k->coverage[i].questions;
        for (size_t i = 0; i < k->ncoverage && !rc; i++) {
            size_t c = order[i];
            enum category cats[CAT_COUNT];
            size_t ncat = categories_by_deficit(&b, cats);
            /* a fair part of what is left first, so that one long question leaves room for
             * the rest; failing that, anything that still leaves the others a short
             * question each; failing that, anything */
            int left = k->budget - k->minutes, fair, room;
            bool added = false;
            if (!k->coverage[c].weight || k->coverage[c].questions || !uncovered)
                continue;
            fair = left / (int)uncovered;
            room = left - ONSITE_RESERVE * (int)(uncovered - 1);
            uncovered--;
            for (size_t pass = 0; pass < 3 && !added && !rc; pass++) {
                int max = pass == 0 ? fair : pass == 1 ? room : left;
                for (size_t j = 0; j < ncat && !added && !rc; j++)
                    rc = add_one(&b, c, cats[j], max, &added);
            }
        }
    }
    /* Then the category furthest below its share, until nothing fits. */
    for (bool added = true; added && !rc;)
        rc = add_next(&b, &added);
    for (size_t i = 0; i < k->nslots && !rc; i++)
        rc = add_alternates(&b, &k->slots[i]);
    for (size_t i = 0; i < k->nslots && !rc; i++)
        if (k->slots[i].q.track)
            count_stack(&b, &k->slots[i].q);
    free(b.skills);
    if (rc) {
        kit_cleanup(k);
        return rc;
    }

    /* What the bank could not give. */
    level_range_format(k->level, k->level, lv, sizeof lv);
    if (!k->nslots) {
        shortfall(k, NULL, 0,
                  "no question of the role's competencies fits %d minutes at level %s for a "
                  "%s stage",
                  k->budget, lv, stage_name(k->stage));
    }
    /* A competency the bank has nothing for at this level and stage is short by its whole
     * share; an onsite must reach every weighted competency; and minutes left unfilled
     * when no question fits any more are the bank's shortfall too. A short budget that
     * cannot give every competency a question outside an onsite is not: the neediest go
     * first by design. */
    for (size_t c = 0; c < k->ncoverage && k->nslots; c++) {
        struct kit_coverage *cv = &k->coverage[c];
        if (!cv->available && cv->target >= 1)
            shortfall(k, cv->competency, (int)lround(cv->target),
                      "no %s question at level %s for a %s stage", cv->competency, lv,
                      stage_name(k->stage));
        else if (k->stage == STAGE_ONSITE && cv->weight && !cv->questions)
            shortfall(k, cv->competency, (int)lround(cv->target),
                      "no %s question fits the minutes left; give the onsite more time",
                      cv->competency);
    }
    if (k->nslots && k->budget - k->minutes >
                         (KIT_SLACK > k->budget * 15 / 100 ? KIT_SLACK : k->budget * 15 / 100))
        shortfall(k, NULL, k->budget - k->minutes,
                  "no more questions at level %s fit the %d minutes left of a %s stage", lv,
                  k->budget - k->minutes, stage_name(k->stage));
    return RB_OK;
}

enum rb_err
kit_swap(struct kit *k, const char *question, const char *alternate, char *errmsg)
{
    struct kit_slot *slot = NULL;
    size_t a;
    int delta;

    for (size_t i = 0; i < k->nslots && !slot; i++)
        if (strcmp(k->slots[i].q.id, question) == 0)
            slot = &k->slots[i];
    if (!slot) {
        snprintf(errmsg, RB_ERRMSG,
                 "question '%.64s' is not in this kit (the bank may have changed: build the kit "
                 "again)",
                 question);
        return RB_EINVAL;
    }
    for (a = 0; a < slot->nalts; a++)
        if (strcmp(slot->alts[a].id, alternate) == 0)
            break;
    if (a == slot->nalts) {
        snprintf(errmsg, RB_ERRMSG, "'%.64s' is not an alternate of question '%.64s'", alternate,
                 question);
        return RB_EINVAL;
    }
    delta = slot->alts[a].minutes - slot->q.minutes;
    /* each alternate fits alone; after other swaps it may not */
    if (k->minutes + delta > k->budget) {
        snprintf(errmsg, RB_ERRMSG,
                 "'%.64s' would take the kit to %d of its %d minutes: swap a longer question for "
                 "a shorter one first",
                 alternate, k->minutes + delta, k->budget);
        return RB_EINVAL;
    }
    {
        struct question t = slot->q;
        slot->q = slot->alts[a];
        slot->alts[a] = t;
    }
    k->minutes += delta;
    /* alternates share the slot's primary competency, so one coverage row moves */
    for (size_t c = 0; c < k->ncoverage; c++)
        if (strcmp(k->coverage[c].competency, slot->q.competencies[0]) == 0) {
            k->coverage[c].minutes += delta;
            break;
        }
    return RB_OK;
}

enum rb_err
kit_save(struct store *s, struct kit *k, char *errmsg)
{
    json_t *j = kit_to_json(k);
    char *body = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    const char **ids = xcalloc(k->nslots * (1 + KIT_ALTERNATES) + 1, sizeof *ids);
    size_t n = 0;
    enum rb_err rc;

    json_decref(j);
    /* the questions asked; alternates are not asked unless swapped in */
    for (size_t i = 0; i < k->nslots; i++)
        ids[n++] = k->slots[i].q.id;
    rc = store_kit_save(s, k->role, k->level, stage_name(k->stage), k->budget,
                        (unsigned long long)k->seed, k->candidate, body, ids, n, &k->saved_id,
                        errmsg);
    free(ids);
    free(body);
    return rc;
}

enum rb_err
kit_save_by(struct store *s, struct kit *k, const struct user *who, char *errmsg)
{
    enum rb_err rc = store_tx_begin(s, errmsg);
    if (rc)
        return rc;
    rc = kit_save(s, k, errmsg);
    if (!rc && who && who->id)
        rc = store_kit_owner(s, k->saved_id, who->id, errmsg);
    return store_tx_end(s, rc, errmsg);
}

enum rb_err
kit_get(struct store *s, long long id, const struct user *who, char **body, char *errmsg)
{
    bool yes = !who || who->role == USER_ADMIN || who->role == USER_RECRUITER;
    enum rb_err rc;
    *body = NULL;
    if (who && who->role == USER_CANDIDATE) {
        snprintf(errmsg, RB_ERRMSG, "interview kits are for staff");
        return RB_EDENIED;
    }
    if ((rc = store_kit_get(s, id, body, errmsg)))
        return rc;
    if (!yes && (rc = store_kit_reader(s, id, who->id, &yes, errmsg)))
        goto out;
    if (!yes) {
        snprintf(errmsg, RB_ERRMSG,
                 "kit %lld is for whoever saved it, the panel of its interview, recruiters and "
                 "admins",
                 id);
        rc = RB_EDENIED;
    }
out:
    if (rc) {
        free(*body);
        *body = NULL;
    }
    return rc;
}

/* ---- JSON ----------------------------------------------------------------------------- */

static json_t *
anchors_json(const struct kit *k, const char *competency)
{
    const struct role_competency *rc = role_competency(&k->role_copy, competency);
    json_t *o = json_object();
    for (int i = 0; i < 4; i++) {
        char key[2] = {(char)('1' + i), 0};
        json_object_set_new(o, key,
                            rc && rc->anchors[i] ? json_string(rc->anchors[i]) : json_null());
    }
    return o;
}

/* A question's grades as {"1": text, ..., "4": text}, null where it has none. */
static json_t *
grades_json(const struct question *q)
{
    json_t *o = json_object();
    for (int g = 1; g <= 4; g++) {
        char key[2] = {(char)('0' + g), 0};
        const char *text = NULL;
        for (size_t i = 0; i < q->npoints && !text; i++)
            if (q->points[i].kind == POINT_GRADE && q->points[i].tag == g)
                text = q->points[i].text;
        json_object_set_new(o, key, text ? json_string(text) : json_null());
    }
    return o;
}

json_t *
kit_to_json(const struct kit *k)
{
    json_t *o = json_object(), *qs = json_array(), *cov = json_array(), *sf = json_array();
    json_t *sc_q = json_array(), *sc_c = json_array();
    char lv[16];

    level_range_format(k->level, k->level, lv, sizeof lv);
    json_object_set_new(o, "role", json_string(k->role));
    json_object_set_new(o, "role_title", json_string(k->role_title));
    json_object_set_new(o, "level", json_string(lv));
    json_object_set_new(o, "stage", json_string(stage_name(k->stage)));
    json_object_set_new(o, "budget", json_integer(k->budget));
    json_object_set_new(o, "minutes", json_integer(k->minutes));
    json_object_set_new(o, "seed", json_integer((json_int_t)k->seed));
    json_object_set_new(o, "candidate", k->candidate ? json_string(k->candidate) : json_null());
    json_object_set_new(o, "partial", json_boolean(k->partial));
    for (size_t i = 0; i < k->nslots; i++) {
        const struct question *q = &k->slots[i].q;
        json_t *j = question_to_json(q), *alts = json_array();
        for (size_t a = 0; a < k->slots[i].nalts; a++) {
            const struct question *aq = &k->slots[i].alts[a];
            json_array_append_new(
                alts, json_pack("{s:s, s:s, s:s, s:i}", "id", aq->id, "title", aq->title,
                                "category", category_name(aq->category), "minutes", aq->minutes));
        }
        json_object_set_new(j, "competency", json_string(q->competencies[0]));
        json_object_set_new(j, "alternates", alts);
        json_object_set_new(j, "anchors", anchors_json(k, q->competencies[0]));
        json_object_set_new(j, "grades", grades_json(q));
        json_array_append_new(qs, j);
        json_array_append_new(sc_q, json_pack("{s:s, s:s, s:n, s:s, s:o}", "question", q->id,
                                              "competency", q->competencies[0], "rating", "notes",
                                              "", "grades", grades_json(q)));
    }
    json_object_set_new(o, "questions", qs);
    for (size_t c = 0; c < k->ncoverage; c++) {
        const struct kit_coverage *cv = &k->coverage[c];
        json_array_append_new(cov, json_pack("{s:s, s:i, s:f, s:i, s:I, s:f}", "competency",
                                             cv->competency, "weight", cv->weight, "target_minutes",
                                             round(cv->target * 10) / 10, "minutes", cv->minutes,
                                             "questions", (json_int_t)cv->questions, "share",
                                             k->minutes ? (double)cv->minutes / k->minutes : 0.0));
        if (cv->questions)
            json_array_append_new(sc_c, json_pack("{s:s, s:n, s:s}", "competency", cv->competency,
                                                  "rating", "notes", ""));
    }
    json_object_set_new(o, "coverage", cov);
    {
        json_t *stacks = json_array();
        for (size_t i = 0; i < k->nstacks; i++) {
            json_t *sk = json_array();
            for (size_t j = 0; j < k->stacks[i].nskills; j++)
                json_array_append_new(sk, json_string(k->stacks[i].skills[j]));
            json_array_append_new(stacks, json_pack("{s:s, s:o, s:I, s:i}", "track",
                                                    k->stacks[i].track, "skills", sk, "questions",
                                                    (json_int_t)k->stacks[i].questions, "minutes",
                                                    k->stacks[i].minutes));
        }
        json_object_set_new(o, "stacks", stacks);
    }
    for (size_t i = 0; i < k->nshortfalls; i++)
        json_array_append_new(sf, json_pack("{s:o, s:s, s:i}", "competency",
                                            k->shortfalls[i].competency
                                                ? json_string(k->shortfalls[i].competency)
                                                : json_null(),
                                            "reason", k->shortfalls[i].reason, "minutes_short",
                                            k->shortfalls[i].minutes));
    json_object_set_new(o, "shortfalls", sf);
    json_object_set_new(
        o, "scorecard",
        json_pack("{s:o, s:o, s:n}", "questions", sc_q, "competencies", sc_c, "recommendation"));
    if (k->saved_id)
        json_object_set_new(o, "kit_id", json_integer(k->saved_id));
    return o;
}

void
kit_candidate_ref(long long candidate, char *out, size_t n)
{
    snprintf(out, n, "c-%lld", candidate);
}
