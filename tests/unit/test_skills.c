/* SPDX-License-Identifier: MIT */
/* The skills taxonomy: its format, its checks, and what the shipped one promises. */
#include <criterion/criterion.h>

#include "helpers.h"
#include <string.h>

#include "model/skills.h"

Test(skills, parses_names_aliases_and_tags)
{
    struct skills s;
    struct diags d;
    const char *t = "# SPDX-License-Identifier: MIT\n"
                    "# category: databases\n"
                    "postgresql = postgres, pgsql\n"
                    "go [ambiguous] = golang\n"
                    "sqlite =\n";
    skills_init(&s);
    diags_init(&d, 0);
    skills_parse(&s, "db.txt", t, strlen(t), &d);
    skills_check(&s, &d);
    cr_assert_eq(diags_count(&d), 0);
    cr_assert_eq(s.n, 3);
    cr_assert_str_eq(s.v[0].category, "databases");
    cr_assert_eq(s.v[0].naliases, 2);
    cr_assert(s.v[1].ambiguous);
    cr_assert_str_eq(s.v[1].name, "go");
    cr_assert_eq(s.v[2].naliases, 0);
    cr_assert_eq(skills_lookup(&s, "Postgres"), &s.v[0], "aliases, any case");
    cr_assert_eq(skills_find(&s, "postgres"), NULL, "find is by canonical name only");
    skills_cleanup(&s);
    diags_cleanup(&d);
}

Test(skills, collisions_and_bad_lines_are_reported)
{
    struct skills s;
    struct diags d;
    const char *a = "# category: one\n"
                    "redis = redis db\n"   /* 2 */
                    "Kafka = kafka\n"      /* 3 */
                    "no equals sign\n"     /* 4 */
                    "rust [fuzzy] = rs\n"; /* 5 */
    const char *b = "redis =\n"            /* 1 */
                    "# category: two\n"
                    "valkey = redis db\n"; /* 3 */
    skills_init(&s);
    diags_init(&d, 0);
    skills_parse(&s, "a.txt", a, strlen(a), &d);
    skills_parse(&s, "b.txt", b, strlen(b), &d);
    skills_check(&s, &d);
    cr_assert(has_problem(&d, 3, "write skill names in lowercase"));
    cr_assert(has_problem(&d, 4, "expected 'canonical = alias"));
    cr_assert(has_problem(&d, 5, "unknown tag"));
    cr_assert(has_problem(&d, 1, "no '# category: ID' line"));
    cr_assert(has_problem(&d, 1, "skill 'redis' is already defined at a.txt:2"));
    cr_assert(has_problem(&d, 3, "'redis db' would match two skills"));
    skills_cleanup(&s);
    diags_cleanup(&d);
}

Test(skills, the_shipped_taxonomy)
{
    struct skills s;
    struct diags d;
    static const struct {
        const char *alias, *skill;
    } known[] = {{"k8s", "kubernetes"},
                 {"Postgres", "postgresql"},
                 {"golang", "go"},
                 {"node", "node.js"},
                 {"AWS Lambda", "aws lambda"}};
    skills_init(&s);
    diags_init(&d, 0);
    skills_read_builtin(&s, &d);
    skills_check(&s, &d);
    diags_print(&d, stderr);
    cr_assert_eq(diags_count(&d), 0, "the shipped taxonomy lints clean");
    cr_assert_geq(s.n, 1000, "at least 1,000 canonical skills (%zu)", s.n);
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        const struct skill *k = skills_lookup(&s, known[i].alias);
        cr_assert_not_null(k, "%s", known[i].alias);
        cr_assert_str_eq(k->name, known[i].skill);
    }
    cr_assert(skills_find(&s, "go")->ambiguous, "'go' needs context");
    skills_cleanup(&s);
    diags_cleanup(&d);
}
