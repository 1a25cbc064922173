/* SPDX-License-Identifier: MIT */
/* Interview kits over the built-in bank and roles: budgets, coverage, determinism,
 * exclusions, alternates and partial kits. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/bank.h"
#include "core/kit.h"
#include "core/role.h"
#include "helpers.h"
#include "store/store.h"
#include "util/buf.h"

static struct store *store;
static struct role_set roles;
static char dir[64];

static void
setup(void)
{
    char url[128], msg[RB_ERRMSG] = "";
    struct bank b;
    struct diags d;
    struct load_result r;

    snprintf(dir, sizeof dir, "/tmp/rubric-kit-%d-XXXXXX", (int)getpid());
    cr_assert_not_null(mkdtemp(dir));
    snprintf(url, sizeof url, "sqlite:%s/k.db", dir);
    cr_assert_eq(test_store_open(url, &store, msg), RB_OK, "%s", msg);
    bank_init(&b);
    diags_init(&d, 0);
    bank_read_builtin(&b, &d);
    cr_assert_eq(store_bank_load(store, &b, &r, msg), RB_OK, "%s", msg);
    bank_cleanup(&b);
    role_set_init(&roles);
    role_read_builtin(&roles, &d);
    cr_assert_eq(diags_count(&d), 0);
    cr_assert_geq(roles.n, 7);
    cr_assert_eq(store_roles_save(store, roles.v, roles.n, "built-in", msg), RB_OK, "%s", msg);
    diags_cleanup(&d);
}

static void
teardown(void)
{
    char cmd[128];
    store_close(store);
    role_set_cleanup(&roles);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(kit, .init = setup, .fini = teardown);

static void
build(const char *role, enum stage stage, int minutes, uint64_t seed, const char *candidate,
      struct kit *k)
{
    struct kit_request req = {role_set_find(&roles, role), 0, stage, minutes, seed, candidate};
    char msg[RB_ERRMSG] = "";
    cr_assert_not_null(req.role, "%s", role);
    cr_assert_eq(kit_build(store, &req, k, msg), RB_OK, "%s", msg);
}

Test(kit, never_exceeds_the_budget_and_alternates_fit_too)
{
    static const int budgets[] = {10, 25, 45, 60, 90, 150, 240};
    for (size_t r = 0; r < roles.n; r++)
        for (int st = 0; st < STAGE_COUNT; st++)
            for (size_t m = 0; m < sizeof budgets / sizeof budgets[0]; m++) {
                struct kit k;
                int sum = 0;
                build(roles.v[r].id, (enum stage)st, budgets[m], 7 + m, NULL, &k);
                for (size_t i = 0; i < k.nslots; i++) {
                    sum += k.slots[i].q.minutes;
                    for (size_t a = 0; a < k.slots[i].nalts; a++) {
                        cr_assert_leq(k.slots[i].alts[a].minutes,
                                      k.slots[i].q.minutes + k.budget - k.minutes,
                                      "swapping in an alternate would exceed the budget");
                        cr_assert_str_eq(k.slots[i].alts[a].competencies[0],
                                         k.slots[i].q.competencies[0],
                                         "an alternate assesses the same competency");
                    }
                }
                cr_assert_eq(sum, k.minutes);
                cr_assert_leq(k.minutes, budgets[m], "%s %s %d: %d minutes", roles.v[r].id,
                              stage_name((enum stage)st), budgets[m], k.minutes);
                kit_cleanup(&k);
            }
}

Test(kit, levels_and_categories_fit_the_request)
{
    struct kit k;
    build("backend-developer-mid", STAGE_TECHNICAL, 60, 3, NULL, &k);
    cr_assert_gt(k.nslots, 2);
    for (size_t i = 0; i < k.nslots; i++) {
        const struct question *q = &k.slots[i].q;
        cr_assert(q->level_min <= LEVEL_MID && q->level_max >= LEVEL_MID, "%s", q->id);
        cr_assert(q->category == CAT_TECHNICAL || q->category == CAT_CODING ||
                      q->category == CAT_TROUBLESHOOTING,
                  "%s is %s", q->id, category_name(q->category));
        cr_assert_not_null(
            role_competency(role_set_find(&roles, "backend-developer-mid"), q->competencies[0]),
            "%s is outside the role's competencies", q->id);
    }
    kit_cleanup(&k);
    build("backend-developer-senior", STAGE_SCREEN, 30, 3, NULL, &k);
    {
        int logistics = 0;
        for (size_t i = 0; i < k.nslots; i++) {
            cr_assert_eq(k.slots[i].q.category, CAT_SCREENING, "a screen is screening questions");
            logistics += strcmp(k.slots[i].q.competencies[0], "screening") == 0;
        }
        cr_assert_gt(logistics, 0, "a screen asks about motivation, notice and salary");
        cr_assert_lt(logistics, (int)k.nslots, "and some light technical questions");
    }
    kit_cleanup(&k);
}

Test(kit, an_onsite_of_an_hour_or_more_covers_every_weighted_competency)
{
    for (size_t r = 0; r < roles.n; r++)
        for (int minutes = 60; minutes <= 240; minutes += 60) {
            struct kit k;
            build(roles.v[r].id, STAGE_ONSITE, minutes, 11, NULL, &k);
            for (size_t c = 0; c < roles.v[r].ncomps; c++) {
                bool found = false;
                for (size_t i = 0; i < k.nslots; i++)
                    found |= strcmp(k.slots[i].q.competencies[0], roles.v[r].comps[c].id) == 0;
                cr_assert(found || k.partial, "%s onsite %d: %s missing and not reported",
                          roles.v[r].id, minutes, roles.v[r].comps[c].id);
            }
            if (minutes >= 120)
                cr_assert_not(k.partial, "%s onsite %d is partial: %s", roles.v[r].id, minutes,
                              k.nshortfalls ? k.shortfalls[0].reason : "");
            kit_cleanup(&k);
        }
}

static char *
ids(const struct kit *k)
{
    struct buf b;
    buf_init(&b, 1u << 20);
    for (size_t i = 0; i < k->nslots; i++)
        buf_printf(&b, "%s ", k->slots[i].q.id);
    return buf_take(&b);
}

Test(kit, the_same_seed_gives_the_same_kit_and_another_seed_another)
{
    struct kit a, b, c;
    char *sa, *sb, *sc;
    build("backend-developer-mid", STAGE_ONSITE, 180, 42, NULL, &a);
    build("backend-developer-mid", STAGE_ONSITE, 180, 42, NULL, &b);
    build("backend-developer-mid", STAGE_ONSITE, 180, 43, NULL, &c);
    sa = ids(&a);
    sb = ids(&b);
    sc = ids(&c);
    cr_assert_str_eq(sa, sb);
    cr_assert_str_neq(sa, sc);
    cr_assert_not(c.partial, "another seed is just as valid");
    free(sa);
    free(sb);
    free(sc);
    kit_cleanup(&a);
    kit_cleanup(&b);
    kit_cleanup(&c);
}

Test(kit, a_candidate_is_never_asked_a_question_twice)
{
    struct kit first, second;
    char msg[RB_ERRMSG] = "";
    build("backend-developer-mid", STAGE_TECHNICAL, 60, 5, "cand-ana", &first);
    cr_assert_eq(kit_save(store, &first, msg), RB_OK, "%s", msg);
    cr_assert_gt(first.saved_id, 0);
    /* the same seed would draw the same questions; the saved kit must prevent it */
    build("backend-developer-mid", STAGE_TECHNICAL, 60, 5, "cand-ana", &second);
    cr_assert_gt(second.nslots, 0);
    for (size_t i = 0; i < second.nslots; i++)
        for (size_t j = 0; j < first.nslots; j++)
            cr_assert_str_neq(second.slots[i].q.id, first.slots[j].q.id, "%s asked again",
                              first.slots[j].q.id);
    kit_cleanup(&second);
    /* another candidate is unaffected */
    build("backend-developer-mid", STAGE_TECHNICAL, 60, 5, "cand-ben", &second);
    cr_assert_str_eq(second.slots[0].q.id, first.slots[0].q.id);
    kit_cleanup(&second);
    kit_cleanup(&first);
}

/* A saved kit is kept as written and shown to whoever saved it, never to another
 * interviewer outside its panel (store_kit_get, store_kit_owner, store_kit_reader). */
Test(kit, a_saved_kit_reads_back_as_written_for_its_author_only)
{
    struct user author = {0}, other = {0};
    struct kit k;
    json_t *j;
    char *want, *body = NULL, msg[RB_ERRMSG] = "";

    author.email = "nell.quarry@example.org";
    author.role = USER_INTERVIEWER;
    other.email = "otto.brink@example.org";
    other.role = USER_INTERVIEWER;
    cr_assert_eq(store_user_add(store, &author, NULL, &author.id, msg), RB_OK, "%s", msg);
    cr_assert_eq(store_user_add(store, &other, NULL, &other.id, msg), RB_OK, "%s", msg);
    /* a seed above the signed range: stored as its two's complement */
    build("backend-developer-mid", STAGE_TECHNICAL, 45, 0xfedcba9876543210ULL, "cand-cy", &k);
    /* the body as kit_save writes it: before the kit has its id */
    j = kit_to_json(&k);
    want = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    cr_assert_eq(kit_save_by(store, &k, &author, msg), RB_OK, "%s", msg);
    cr_assert_gt(k.saved_id, 0);

    cr_assert_eq(kit_get(store, k.saved_id, &author, &body, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(body, want, "the kit's JSON comes back byte for byte, keys in order");
    free(body);
    cr_assert_eq(kit_get(store, k.saved_id, &other, &body, msg), RB_EDENIED);
    cr_assert_null(body);
    cr_assert(strstr(msg, "whoever saved it"), "%s", msg);
    cr_assert_eq(kit_get(store, k.saved_id + 1000, &author, &body, msg), RB_ENOTFOUND);
    cr_assert(strstr(msg, "no kit"), "%s", msg);
    free(want);
    kit_cleanup(&k);
}

Test(kit, partial_kits_say_what_is_short)
{
    struct kit k;
    struct role r;
    char msg[RB_ERRMSG];
    /* a budget too small for any question */
    build("backend-architect", STAGE_SYSTEM_DESIGN, 5, 1, NULL, &k);
    cr_assert(k.partial);
    cr_assert_eq(k.nslots, 0);
    cr_assert_not_null(strstr(k.shortfalls[0].reason, "fits 5 minutes"), "%s",
                       k.shortfalls[0].reason);
    kit_cleanup(&k);
    /* a weighted competency the bank has no question for */
    {
        struct competency empty = {"empty-field", "Empty field", "No questions yet."};
        struct import_result ir;
        struct role_competency *c;
        cr_assert_eq(store_questions_import(store, NULL, 0, &empty, 1, &ir, msg), RB_OK, "%s", msg);
        free(ir.was_added);
        cr_assert_eq(store_role_get(store, "backend-developer-mid", &r, msg), RB_OK);
        r.comps = realloc(r.comps, (r.ncomps + 1) * sizeof *r.comps);
        c = &r.comps[r.ncomps++];
        memset(c, 0, sizeof *c);
        c->id = strdup("empty-field");
        c->weight = 5;
        struct kit_request req = {&r, 0, STAGE_ONSITE, 120, 1, NULL};
        cr_assert_eq(kit_build(store, &req, &k, msg), RB_OK, "%s", msg);
        cr_assert(k.partial);
        bool named = false;
        for (size_t i = 0; i < k.nshortfalls; i++)
            if (k.shortfalls[i].competency &&
                strcmp(k.shortfalls[i].competency, "empty-field") == 0) {
                named = true;
                cr_assert_gt(k.shortfalls[i].minutes, 5, "it says by how much");
            }
        cr_assert(named, "the shortfall names the competency");
        cr_assert_gt(k.nslots, 3, "the rest of the kit is still built");
        kit_cleanup(&k);
        role_cleanup(&r);
    }
}

/* Sum of a kit's minutes by its questions and by its coverage rows. */
static void
assert_sums(const struct kit *k)
{
    int byq = 0, byc = 0;
    for (size_t i = 0; i < k->nslots; i++)
        byq += k->slots[i].q.minutes;
    for (size_t c = 0; c < k->ncoverage; c++)
        byc += k->coverage[c].minutes;
    cr_assert_eq(byq, k->minutes);
    cr_assert_eq(byc, k->minutes);
}

Test(kit, a_swap_puts_the_alternate_in_place_and_can_be_undone)
{
    struct kit k;
    char msg[RB_ERRMSG] = "", q[64], alt[64];
    size_t slot = 0;
    build("backend-developer-mid", STAGE_TECHNICAL, 60, 11, NULL, &k);
    while (slot < k.nslots && !k.slots[slot].nalts)
        slot++;
    cr_assert_lt(slot, k.nslots, "no question with an alternate");
    snprintf(q, sizeof q, "%s", k.slots[slot].q.id);
    snprintf(alt, sizeof alt, "%s", k.slots[slot].alts[0].id);

    cr_assert_eq(kit_swap(&k, q, alt, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(k.slots[slot].q.id, alt);
    cr_assert_str_eq(k.slots[slot].alts[0].id, q, "the question becomes an alternate");
    assert_sums(&k);
    cr_assert_leq(k.minutes, k.budget);

    /* and back */
    cr_assert_eq(kit_swap(&k, alt, q, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(k.slots[slot].q.id, q);
    assert_sums(&k);

    cr_assert_eq(kit_swap(&k, "no-such-question", alt, msg), RB_EINVAL);
    cr_assert_not_null(strstr(msg, "not in this kit"), "%s", msg);
    cr_assert_eq(kit_swap(&k, q, q, msg), RB_EINVAL);
    cr_assert_not_null(strstr(msg, "not an alternate"), "%s", msg);
    kit_cleanup(&k);
}

Test(kit, swaps_that_together_exceed_the_budget_are_refused)
{
    struct kit k;
    char msg[RB_ERRMSG] = "";
    enum rb_err e = RB_OK;
    build("backend-developer-mid", STAGE_ONSITE, 180, 5, NULL, &k);
    /* swap in the longest alternate everywhere: the kit never goes over, and the swap that
     * would take it over says so */
    for (size_t i = 0; i < k.nslots; i++) {
        size_t best = 0;
        if (!k.slots[i].nalts)
            continue;
        for (size_t a = 1; a < k.slots[i].nalts; a++)
            if (k.slots[i].alts[a].minutes > k.slots[i].alts[best].minutes)
                best = a;
        char q[64], alt[64];
        snprintf(q, sizeof q, "%s", k.slots[i].q.id);
        snprintf(alt, sizeof alt, "%s", k.slots[i].alts[best].id);
        e = kit_swap(&k, q, alt, msg);
        if (e) {
            cr_assert_eq(e, RB_EINVAL);
            cr_assert_not_null(strstr(msg, "would take the kit to"), "%s", msg);
        }
        cr_assert_leq(k.minutes, k.budget);
        assert_sums(&k);
    }
    kit_cleanup(&k);
}
