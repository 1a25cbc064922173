/* SPDX-License-Identifier: MIT */
/* The skill scanner over the shipped taxonomy, and its rules for names that need care. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/skills.h"
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
    cr_assert_eq(found("a Node backend; Node.js 20 and nodejs", "node.js"), 2,
                 "'node' alone is prose, 'Node.js' and 'nodejs' are not");
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
