/* SPDX-License-Identifier: MIT */
/* Resume text understood: contact, positions, experience, skills and their last use. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/skills.h"
#include "extract/extract.h"
#include "resume/resume.h"

static struct skills tax;
static struct skillscan *sc;
static const struct ym today = {2026, 11};

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

TestSuite(resume, .init = setup, .fini = teardown);

static void
parse_file(const char *path, struct resume *r)
{
    struct extracted e;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(extract_file(path, NULL, &e, msg), RB_OK, "%s", msg);
    cr_assert_eq(resume_parse(e.text, e.len, sc, today, r, msg), RB_OK, "%s", msg);
    extracted_cleanup(&e);
}

static const struct resume_skill *
skill(const struct resume *r, const char *name)
{
    for (size_t i = 0; i < r->nskills; i++)
        if (!strcmp(tax.v[r->skills[i].skill].name, name))
            return &r->skills[i];
    return NULL;
}

Test(resume, a_plain_text_resume)
{
    struct resume r;
    parse_file("tests/data/resumes/plain.txt", &r);
    cr_assert_str_eq(r.name, "Amara Okafor");
    cr_assert_str_eq(r.email, "amara.okafor@example.org");
    cr_assert_str_eq(r.phone, "+44 20 7946 0958");
    cr_assert_eq(r.nlinks, 2);
    cr_assert_eq(r.npositions, 3);
    cr_assert_str_eq(r.positions[0].title, "Senior Backend Engineer");
    cr_assert_str_eq(r.positions[0].company, "Example Freight Ltd");
    cr_assert(r.positions[0].range.present);
    cr_assert_str_eq(r.positions[1].company, "Northwind Payments");
    cr_assert_eq(r.positions[1].range.start.month, 3);
    cr_assert_str_eq(r.positions[2].title, "Junior Developer");
    cr_assert_str_eq(r.positions[2].company, "Contoso Web");
    /* 2015-01..2016-12 and 2017-03..2026-11 (the 2021 overlap counted once): 24 + 117 */
    cr_assert_eq(r.experience_months, 141);
    cr_assert_eq(r.neducation, 1);
    cr_assert_not_null(skill(&r, "go"), "Go, in a list and in prose next to Kubernetes");
    cr_assert_eq(skill(&r, "java")->last_used, 2021);
    cr_assert_eq(skill(&r, "kubernetes")->last_used, 2026, "a current position");
    cr_assert_eq(skill(&r, "php")->last_used, 2016);
    cr_assert_eq(skill(&r, "kotlin")->last_used, 0, "only in the skills list");
    cr_assert_eq(r.nwarnings, 0);
    resume_cleanup(&r);
}

Test(resume, markdown_with_work_history_and_since)
{
    struct resume r;
    parse_file("tests/data/resumes/markdown.md", &r);
    cr_assert_str_eq(r.name, "Tomasz Nowak");
    cr_assert_eq(r.npositions, 2);
    cr_assert_str_eq(r.positions[0].title, "Site Reliability Engineer");
    cr_assert_str_eq(r.positions[0].company, "Globex");
    cr_assert(r.positions[1].range.present, "since 2023");
    cr_assert_eq(skill(&r, "prometheus")->last_used, 2023);
    cr_assert_eq(skill(&r, "ansible")->last_used, 2026);
    resume_cleanup(&r);
}

Test(resume, warnings_where_a_person_should_look)
{
    struct resume r;
    char msg[RB_ERRMSG];
    const char *t = "Jane Roe\nI like building things with Go, Rust and PostgreSQL.\n";
    cr_assert_eq(resume_parse(t, strlen(t), sc, today, &r, msg), RB_OK);
    cr_assert_eq(r.npositions, 0);
    cr_assert_eq(r.nwarnings, 1);
    cr_assert_not_null(strstr(r.warnings[0], "no dated positions"));
    resume_cleanup(&r);
    t = "Jos\xEF\xBF\xBD Pe\xEF\xBF\xBD"
        "a\nJan 2020 - Present, Engineer at Acme\n";
    cr_assert_eq(resume_parse(t, strlen(t), sc, today, &r, msg), RB_OK);
    cr_assert_not_null(strstr(r.warnings[0], "encoding"));
    resume_cleanup(&r);
}

Test(resume, json_resume_examples_of_the_schema_package)
{
    struct resume r;
    parse_file("node_modules/@jsonresume/schema/examples/senior-engineer.resume.json", &r);
    cr_assert_not_null(r.name);
    cr_assert_not_null(r.email);
    cr_assert_geq(r.npositions, 3);
    cr_assert_gt(r.experience_months, 12 * 10);
    cr_assert_not_null(skill(&r, "apache kafka"));
    resume_cleanup(&r);
}
