/* SPDX-License-Identifier: MIT */
/* Criteria from job descriptions in prose: must-haves, nice-to-haves, years, title. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/job.h"

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

TestSuite(job, .init = setup, .fini = teardown);

static const struct role_skill *
skill(const struct role *r, const char *name)
{
    for (size_t i = 0; i < r->nskills; i++)
        if (!strcmp(r->skills[i].name, name))
            return &r->skills[i];
    return NULL;
}

static void
read_job(const char *text, struct role *r)
{
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(job_from_text("jobs/backend.txt", text, strlen(text), sc, &tax, r, msg), RB_OK,
                 "%s", msg);
}

Test(job, sections_decide_must_and_nice)
{
    struct role r;
    read_job("## Staff Backend Engineer\n\n"
             "You will build services with Terraform.\n\n"
             "What you'll need:\n"
             "* 7+ years building back-end systems\n"
             "* Java and PostgreSQL\n\n"
             "Nice to have:\n"
             "* Apache Kafka\n",
             &r);
    cr_assert_str_eq(r.title, "Staff Backend Engineer");
    cr_assert_eq(r.level, 3, "staff reads as senior");
    cr_assert_eq(r.min_years, 7);
    cr_assert(skill(&r, "java") && skill(&r, "java")->must);
    cr_assert(skill(&r, "postgresql") && skill(&r, "postgresql")->must);
    cr_assert(skill(&r, "apache kafka") && !skill(&r, "apache kafka")->must);
    cr_assert_eq(skill(&r, "apache kafka")->weight, 2);
    cr_assert(skill(&r, "terraform") && !skill(&r, "terraform")->must);
    cr_assert_eq(skill(&r, "terraform")->weight, 1, "only mentioned: the least weight");
    cr_assert_str_eq(r.id, "backend-txt");
    role_cleanup(&r);
}

Test(job, an_ambiguous_name_written_as_a_name_in_a_requirement_counts)
{
    struct role r;
    read_job("Frontend Developer\n\nYou have:\n"
             "* 2+ years building web applications with React\n"
             "* the calm to react quickly when a release goes wrong\n"
             "* TypeScript\n",
             &r);
    cr_assert(skill(&r, "react") && skill(&r, "react")->must, "'with React' in a must section");
    cr_assert_eq(skill(&r, "react")->years, 2, "the years of the line are React's");
    cr_assert_eq(skill(&r, "react")->line, 4, "from the line that names it as a name");
    role_cleanup(&r);
}

Test(job, an_ambiguous_word_in_lower_case_is_not_a_skill)
{
    struct role r;
    read_job("Support Engineer\n\nRequirements:\n"
             "* you react quickly to incidents and stay calm\n"
             "* Linux\n",
             &r);
    cr_assert_null(skill(&r, "react"), "'react quickly' is a verb");
    role_cleanup(&r);
}

Test(job, line_marks_override_the_section)
{
    struct role r;
    read_job("Backend developer\nRequirements:\n- Python is required\n- Docker is a plus\n"
             "- 3-5 years of experience as a backend developer\n",
             &r);
    cr_assert(skill(&r, "python")->must);
    cr_assert(!skill(&r, "docker")->must, "'a plus' wins over the section");
    cr_assert_eq(r.min_years, 3, "the lower bound of a range");
    cr_assert_eq(r.min_comparable_years, 3, "'as a backend developer' asks for a comparable role");
    cr_assert_eq(r.level, 2);
    role_cleanup(&r);
}

Test(job, years_are_not_read_from_other_numbers)
{
    struct role r;
    read_job("Backend engineer\nWe are 250 people in 12 countries, founded in 2015.\n"
             "Must have: Go, PostgreSQL\n",
             &r);
    cr_assert_eq(r.min_years, 0);
    cr_assert(skill(&r, "go")->must);
    role_cleanup(&r);
}

Test(job, no_known_skill_is_read_with_a_warning)
{
    struct job j;
    char msg[RB_ERRMSG] = "";
    const char *t = "Office manager\nKeeps the office running.\n3+ years in an office role.\n";
    cr_assert_eq(job_read("jobs/office.txt", t, strlen(t), sc, &tax, &j, msg), RB_OK, "%s", msg);
    cr_assert_eq(j.role.nskills, 0);
    cr_assert_eq(j.role.min_years, 3, "what could be read is kept");
    cr_assert_eq(j.nwarnings, 1);
    cr_assert_not_null(strstr(j.warnings[0], "jobs/office.txt"), "%s", j.warnings[0]);
    job_cleanup(&j);
}

Test(job, board_export_markdown)
{
    struct role r;
    read_job("**Senior Java Back\\-end Developer**\n\n\n\n**About the job**\n\n"
             "We build things\\.\n\n**Requirements**\n\n"
             "\\- 3\\+ years of professional experience developing back\\-end software in Java\n\n"
             "\\- Solid experience with the Spring framework\n\n"
             "\\- Relational databases \\(Oracle, MySQL or PostgreSQL\\)\n\n"
             "**Preferred**\n\n\\- 7\\+ years with Apache Kafka\n",
             &r);
    cr_assert_str_eq(r.title, "Senior Java Back-end Developer");
    cr_assert(skill(&r, "java")->must);
    cr_assert_eq(skill(&r, "java")->years, 3, "3+ years ... in Java asks for 3 years of Java");
    cr_assert(skill(&r, "spring framework")->must);
    cr_assert(skill(&r, "oracle database")->must && skill(&r, "mysql")->must);
    cr_assert_neq(skill(&r, "mysql")->group, 0, "alternatives share a group");
    cr_assert_eq(skill(&r, "mysql")->group, skill(&r, "postgresql")->group);
    cr_assert_eq(skill(&r, "mysql")->group, skill(&r, "oracle database")->group);
    cr_assert(!skill(&r, "apache kafka")->must);
    cr_assert_eq(r.min_years, 3, "a preferred figure is not a requirement");
    role_cleanup(&r);
}

Test(job, word_numbers_and_slashes)
{
    struct role r;
    read_job("Backend Engineer\nWhat you bring:\n- Ten or more years of software development\n"
             "- python/C++\n- Docker\n",
             &r);
    cr_assert_eq(r.min_years, 10);
    cr_assert(skill(&r, "python")->must && skill(&r, "c++")->must);
    cr_assert_neq(skill(&r, "python")->group, 0);
    cr_assert_eq(skill(&r, "python")->group, skill(&r, "c++")->group, "one group: either will do");
    cr_assert_eq(skill(&r, "docker")->group, 0);
    role_cleanup(&r);
    read_job("Data Engineer\nMinimum qualifications:\n- At least five (5) years with SQL\n", &r);
    cr_assert_eq(r.min_years, 5);
    cr_assert_eq(skill(&r, "sql")->years, 5);
    role_cleanup(&r);
}

Test(job, overrides)
{
    struct role r;
    char msg[RB_ERRMSG] = "";
    const char *must[] = {"golang", "oracle|postgres"}, *nice[] = {"redis"}, *bad[] = {"cobolt"};
    read_job("Backend Engineer\nRequirements:\n- Java\n- Docker\n", &r);
    cr_assert_eq(job_override(&r, must, 2, nice, 1, 4, &tax, "--must", "--nice", msg), RB_OK, "%s",
                 msg);
    cr_assert(skill(&r, "go")->must);
    cr_assert(skill(&r, "postgresql")->must && skill(&r, "postgresql")->group);
    cr_assert(!skill(&r, "java"), "a new nice list replaces the old one, demoted ones too");
    cr_assert(!skill(&r, "redis")->must);
    cr_assert_eq(r.min_years, 4);
    cr_assert_eq(job_override(&r, bad, 1, NULL, 0, -1, &tax, "--must", "--nice", msg), RB_EINVAL);
    cr_assert_not_null(strstr(msg, "--must: 'cobolt'"), "%s", msg);
    role_cleanup(&r);
}
