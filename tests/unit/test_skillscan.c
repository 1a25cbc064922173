/* SPDX-License-Identifier: MIT */
/* The skill scanner over the shipped taxonomy, and its rules for names that need care. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model/skills.h"
#include "resume/skillscan.h"

static struct skills tax;
static struct skillscan *sc;

static void
setup(void)
{
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(skillscan_builtin(&tax, &sc, msg), RB_OK, "%s", msg);
}

static void
teardown(void)
{
    skillscan_free(sc);
    skills_cleanup(&tax);
}

TestSuite(skillscan, .init = setup, .fini = teardown);

/* How many times the skill called name is found in text. */
static size_t
found(const char *text, const char *name)
{
    struct skill_hit *hits;
    size_t n, count = 0;
    char msg[RB_ERRMSG];
    const struct skill *k = skills_find(&tax, name);
    cr_assert_not_null(k, "%s is in the taxonomy", name);
    cr_assert_eq(skillscan_run(sc, text, strlen(text), &hits, &n, msg), RB_OK);
    for (size_t i = 0; i < n; i++)
        count += hits[i].skill == (size_t)(k - tax.v);
    free(hits);
    return count;
}

Test(skillscan, aliases_any_case)
{
    cr_assert_eq(found("Ran k8s clusters and Postgres replicas", "kubernetes"), 1);
    cr_assert_eq(found("Ran k8s clusters and Postgres replicas", "postgresql"), 1);
    cr_assert_eq(found("AWS Lambda functions behind API Gateway", "aws lambda"), 1);
    cr_assert_eq(found("services in golang", "go"), 1);
    cr_assert_eq(found("a Node backend; Node.js 20 and nodejs", "node.js"), 3,
                 "'Node' before 'backend' says what it is");
    cr_assert_eq(found("each node of the cluster", "node.js"), 0, "'node' alone is prose");
}

Test(skillscan, words_inside_other_words_do_not_count)
{
    cr_assert_eq(found("JavaScript and TypeScript", "java"), 0, "java in javascript");
    cr_assert_eq(found("JavaScript and TypeScript", "javascript"), 1);
    cr_assert_eq(found("PostgreSQL and MySQL", "sql"), 0, "sql inside postgresql");
    cr_assert_eq(found("C++ and C#, some Rust", "c"), 0, "c inside c++ and c#");
    cr_assert_eq(found("C++ and C#, some Rust", "c++"), 1);
    cr_assert_eq(found("C++ and C#, some Rust", "c#"), 1);
    cr_assert_eq(found("Spring Boot microservices", "spring framework"), 0,
                 "the longest name wins");
    cr_assert_eq(found("Spring Boot microservices", "spring boot"), 1);
}

Test(skillscan, ambiguous_names_need_a_list_around_them)
{
    cr_assert_eq(found("Languages: Go, Rust, C, R", "go"), 1);
    cr_assert_eq(found("Languages: Go, Rust, C, R", "rust"), 1);
    cr_assert_eq(found("Languages: Go, Rust, C, R", "c"), 1);
    cr_assert_eq(found("Languages: Go, Rust, C, R", "r"), 1);
    cr_assert_eq(found("Worked with Python, Go and Kafka", "go"), 1);
    cr_assert_eq(found("I go to meetups to learn about Kafka", "go"), 0);
    cr_assert_eq(found("Removed rust from the old pipes", "rust"), 0);
    cr_assert_eq(found("Our team moved swift as the spring release neared", "swift"), 0);
    cr_assert_eq(found("Our team moved swift as the spring release neared", "spring framework"), 0);
    cr_assert_eq(found("React, Express and MongoDB", "react"), 1);
    cr_assert_eq(found("React, Express and MongoDB", "express"), 1);
    cr_assert_eq(found("We express our thanks", "express"), 0);
    cr_assert_eq(found("iOS apps in Swift and Kotlin", "swift"), 1);
}

Test(skillscan, a_list_of_ambiguous_names_needs_a_sure_one_or_three)
{
    cr_assert_eq(found("Mentored Julia and Ada through their first year", "julia"), 0,
                 "two names, both also words");
    cr_assert_eq(found("Mentored Julia and Ada through their first year", "ada"), 0);
    cr_assert_eq(found("Learned Go, Rust and C", "c"), 1, "three names make a list");
    cr_assert_eq(found("Go and Kafka on call", "go"), 1, "a sure name beside it");
    cr_assert_eq(found("Go and Rust services", "go"), 1, "Rust is sure before 'services'");
}

Test(skillscan, ambiguous_names_in_prose_with_a_cue)
{
    cr_assert_eq(found("Built Go services on Kubernetes", "go"), 1, "'services' after it");
    cr_assert_eq(found("Rewrote the pricing engine in Rust, halving latency", "rust"), 1,
                 "a language after 'in'");
    cr_assert_eq(found("Moved the workers to Swift 5 last year", "swift"), 1, "a version");
    cr_assert_eq(found("Maintained a Go\ncodebase of 200k lines", "go"), 1,
                 "the cue on the next line, as wrapped PDF text has it");
    cr_assert_eq(found("Known for swift delivery under pressure", "swift"), 0, "lower case");
    cr_assert_eq(found("Swift handover to the new team", "swift"), 0, "no cue");
    cr_assert_eq(found("Shipped the Spring release early", "spring framework"), 0);
    cr_assert_eq(found("Relocated to Phoenix in 2019", "phoenix"), 0,
                 "'to' is a cue for languages only");
    cr_assert_eq(found("The Phoenix 2019 offsite", "phoenix"), 0, "a year is no version");
    cr_assert_eq(found("we go code-free on Fridays", "go"), 0, "lower case");
    cr_assert_eq(found("Owned the go-to-market plan", "go"), 0);
}

Test(skillscan, names_in_links_and_addresses_are_not_mentions)
{
    cr_assert_eq(found("github.com/ada-builds | https://example.org", "github"), 0);
    cr_assert_eq(found("github.com/ada-builds | https://example.org", "http"), 0);
    cr_assert_eq(found("ruby.marsh@example.org", "ruby"), 0);
    cr_assert_eq(found("Ran CI on GitHub and GitLab", "github"), 1);
    cr_assert_eq(found("Lambda@Edge functions for the CDN", "aws lambda"), 1,
                 "an '@' without a domain after it");
}

Test(skillscan, run_all_keeps_what_lacks_context)
{
    struct skill_hit *hits;
    size_t n;
    char msg[RB_ERRMSG];
    const char *t = "Go";
    cr_assert_eq(skillscan_run_all(sc, t, strlen(t), &hits, &n, msg), RB_OK);
    cr_assert_eq(n, 1);
    cr_assert(hits[0].ambiguous);
    cr_assert_not(hits[0].context);
    free(hits);
    cr_assert_eq(skillscan_run(sc, t, strlen(t), &hits, &n, msg), RB_OK);
    cr_assert_eq(n, 0);
    free(hits);
}

/* The database saved at build time: loaded when its fingerprint is the taxonomy's, and
 * finding what a compiled one finds; any other database (another taxonomy, damaged bytes)
 * is compiled instead, never used. */
Test(skillscan, a_saved_database_loads_and_finds_the_same)
{
    static const char text[] = "Built Go services on Kubernetes with PostgreSQL and Spring Boot";
    char msg[RB_ERRMSG] = "", *data = NULL;
    size_t len = 0, n1 = 0, n2 = 0;
    uint64_t mark = 0;
    struct skill_hit *h1 = NULL, *h2 = NULL;
    struct skillscan *loaded = NULL;

    cr_assert_eq(skillscan_save(sc, &data, &len, &mark, msg), RB_OK, "%s", msg);
    cr_assert_gt(len, 0);
    struct skillscan_saved saved = {(const unsigned char *)data, len, mark};
    skillscan_offer_saved(&saved);
    cr_assert_eq(skillscan_new(&tax, &loaded, msg), RB_OK, "%s", msg);
    skillscan_offer_saved(NULL);
    cr_assert(skillscan_loaded(loaded), "the same literals: the saved database is used");
    cr_assert_eq(skillscan_run(sc, text, strlen(text), &h1, &n1, msg), RB_OK);
    cr_assert_eq(skillscan_run(loaded, text, strlen(text), &h2, &n2, msg), RB_OK);
    cr_assert_eq(n1, n2);
    cr_assert_geq(n1, 4);
    for (size_t i = 0; i < n1; i++) {
        cr_assert_eq(h1[i].skill, h2[i].skill);
        cr_assert_eq(h1[i].start, h2[i].start);
        cr_assert_eq(h1[i].end, h2[i].end);
    }
    free(h1);
    free(h2);
    skillscan_free(loaded);
    free(data);
}

Test(skillscan, a_foreign_or_damaged_saved_database_is_compiled_instead)
{
    static const char text[] = "Kubernetes and PostgreSQL";
    char msg[RB_ERRMSG] = "", *data = NULL;
    size_t len = 0, n = 0;
    uint64_t mark = 0;
    struct skill_hit *h = NULL;
    struct skillscan *other = NULL;

    cr_assert_eq(skillscan_save(sc, &data, &len, &mark, msg), RB_OK, "%s", msg);
    /* another taxonomy's fingerprint */
    struct skillscan_saved foreign = {(const unsigned char *)data, len, mark + 1};
    skillscan_offer_saved(&foreign);
    cr_assert_eq(skillscan_new(&tax, &other, msg), RB_OK, "%s", msg);
    cr_assert(!skillscan_loaded(other));
    skillscan_free(other);
    /* the right fingerprint, damaged bytes (as from another Hyperscan build) */
    memset(data, 0xA5, len < 64 ? len : 64);
    struct skillscan_saved damaged = {(const unsigned char *)data, len, mark};
    skillscan_offer_saved(&damaged);
    cr_assert_eq(skillscan_new(&tax, &other, msg), RB_OK, "%s", msg);
    skillscan_offer_saved(NULL);
    cr_assert(!skillscan_loaded(other), "a database that does not load is compiled");
    cr_assert_eq(skillscan_run(other, text, strlen(text), &h, &n, msg), RB_OK);
    cr_assert_eq(n, 2, "the compiled fallback finds the skills");
    free(h);
    skillscan_free(other);
    free(data);
}

/* One-letter names are found apart from Hyperscan and merged in: the hits come out in the
 * order of the text, so that a list with "C" or "R" first or in the middle is a list. */
Test(skillscan, one_letter_names_take_their_place_among_the_others)
{
    struct skill_hit *hits;
    size_t n;
    char msg[RB_ERRMSG];
    const char *t = "Learned C, Go and Rust; later R with Kafka, C and PostgreSQL, then Java.";
    cr_assert_eq(skillscan_run_all(sc, t, strlen(t), &hits, &n, msg), RB_OK);
    cr_assert_geq(n, 8);
    for (size_t i = 1; i < n; i++)
        cr_assert_lt(hits[i - 1].start, hits[i].start, "hit %zu before hit %zu", i - 1, i);
    free(hits);
    cr_assert_eq(found("Learned C, Go and Rust", "c"), 1, "C opens a list of three");
    cr_assert_eq(found("Learned Go, R and Rust", "r"), 1, "R inside a list of three");
    cr_assert_eq(found(t, "c"), 2);
}
