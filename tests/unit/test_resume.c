/* SPDX-License-Identifier: MIT */
/* Resume text understood: contact, positions, experience, skills and their last use. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "model/skills.h"
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

static const struct resume_skill *
parsed_skill(const char *text, const char *name, struct resume *r)
{
    char msg[RB_ERRMSG];
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, r, msg), RB_OK, "%s", msg);
    return skill(r, name);
}

static bool
has_warning(const struct resume *r, const char *needle)
{
    for (size_t i = 0; i < r->nwarnings; i++)
        if (strstr(r->warnings[i], needle))
            return true;
    return false;
}

Test(resume, ambiguous_names_count_in_the_skills_section)
{
    struct resume r;
    cr_assert_not_null(parsed_skill("Ana Lind\nSkills\n- Go\n- Rust\n", "go", &r),
                       "one a line: no list punctuation, but the section is a list");
    cr_assert_not_null(skill(&r, "rust"));
    resume_cleanup(&r);
    cr_assert_null(parsed_skill("Ana Lind\nSummary\nI go where the work is.\n", "go", &r));
    resume_cleanup(&r);
}

Test(resume, links_are_not_skills)
{
    struct resume r;
    cr_assert_null(parsed_skill("Ana Lind\nhttps://github.com/ana-l\n", "github", &r));
    cr_assert_null(skill(&r, "http"));
    resume_cleanup(&r);
}

Test(resume, headings_people_use)
{
    struct resume r;
    char msg[RB_ERRMSG];
    const char *t = "Ana Lind\nSkills\nKafka\n\nCareer\nEngineer, Acme\nJan 2020 - Present\n\n"
                    "Licenses & Certifications\nCertified Kubernetes Administrator, 2021\n";
    cr_assert_eq(resume_parse(t, strlen(t), sc, today, &r, msg), RB_OK);
    cr_assert_eq(r.npositions, 1, "'Career' heads the experience");
    cr_assert_eq(r.ncertifications, 1);
    cr_assert_str_eq(r.certifications[0], "Certified Kubernetes Administrator, 2021");
    resume_cleanup(&r);
}

Test(resume, projects_and_certifications)
{
    struct resume r;
    char msg[RB_ERRMSG];
    const char *t = "Ana Lind\nExperience\nEngineer, Acme\n2019 - 2021\n\nProjects\n"
                    "Tidepool, a rate limiter (2020 - 2022)\n- written in Rust\n\n"
                    "Certifications\n- AWS Certified Developer\n";
    cr_assert_eq(resume_parse(t, strlen(t), sc, today, &r, msg), RB_OK);
    cr_assert_eq(r.npositions, 1, "a dated project is not a position");
    cr_assert_eq(r.nprojects, 1, "bullets describe a project, they do not name one");
    cr_assert_str_eq(r.projects[0], "Tidepool, a rate limiter (2020 - 2022)");
    cr_assert_eq(r.ncertifications, 1);
    cr_assert_str_eq(r.certifications[0], "AWS Certified Developer", "without its bullet");
    resume_cleanup(&r);
}

Test(resume, contact_confidence)
{
    struct resume r;
    char msg[RB_ERRMSG];
    const char *t = "Ana Lind\nana.lind@example.org | +44 20 7946 0001\nExperience\n";
    cr_assert_eq(resume_parse(t, strlen(t), sc, today, &r, msg), RB_OK);
    cr_assert_float_eq(r.email_confidence, 0.95, 1e-9);
    cr_assert_float_eq(r.phone_confidence, 0.9, 1e-9);
    resume_cleanup(&r);
    t = "Ana Lind\nExperience\nEngineer, Acme, 2019 - 2021\nReferences\n"
        "Ben Roe, ben@example.org, 020 7946 0002\n";
    cr_assert_eq(resume_parse(t, strlen(t), sc, today, &r, msg), RB_OK);
    cr_assert_str_eq(r.email, "ben@example.org");
    cr_assert_float_eq(r.email_confidence, 0.7, 1e-9, "below the top: maybe a referee's");
    cr_assert_str_eq(r.phone, "020 7946 0002");
    cr_assert_float_eq(r.phone_confidence, 0.5, 1e-9);
    resume_cleanup(&r);
}

Test(resume, email_whose_only_dots_trail_is_not_taken)
{
    struct resume r;
    char msg[RB_ERRMSG];
    /* found by fuzzing: the dots are all trailing, so none is left once they are trimmed */
    const char *t = "\xef\xbb\xbf"
                    "Ana Lind\nana@examplecom...\nExperience\n";
    cr_assert_eq(resume_parse(t, strlen(t), sc, today, &r, msg), RB_OK);
    cr_assert_null(r.email, "an address with no dot in its domain is not an address");
    resume_cleanup(&r);
}

Test(resume, two_columns_are_read_one_after_the_other)
{
    struct resume r;
    char msg[RB_ERRMSG];
    /* pdftotext -layout of a sidebar (skills, education) beside the main column */
    const char *t = "Ana Lind\n"
                    "\n"
                    "Skills                            Experience\n"
                    "Go\n"
                    "Rust                              Platform Engineer, Acme\n"
                    "Kafka                             Jan 2021 - Present\n"
                    "                                  - Built the billing services\n"
                    "Education\n"
                    "BSc Physics, Lakeside             Backend Engineer, Globex\n"
                    "University, 2012 - 2016           2017 - 2020\n"
                    "                                  - Ran the Kafka consumers\n";
    cr_assert_eq(resume_parse(t, strlen(t), sc, today, &r, msg), RB_OK);
    cr_assert_eq(r.npositions, 2, "education's dates are not a position");
    cr_assert_eq(r.positions[0].range.start.year, 2021);
    cr_assert_str_eq(r.positions[0].title, "Platform Engineer");
    cr_assert_eq(r.positions[1].range.end.year, 2020);
    cr_assert_not_null(skill(&r, "go"), "the sidebar's skills section, read as one");
    cr_assert_not_null(skill(&r, "rust"));
    cr_assert_eq(skill(&r, "apache kafka")->last_used, 2020);
    cr_assert_eq(r.neducation, 2);
    cr_assert(has_warning(&r, "two columns were read one after the other"));
    resume_cleanup(&r);
}

Test(resume, dates_at_the_right_margin_are_not_a_second_column)
{
    struct resume r;
    char msg[RB_ERRMSG];
    const char *t = "Ana Lind\n"
                    "Experience\n"
                    "Platform Engineer, Acme                              Jan 2021 - Present\n"
                    "- Built billing services in Go\n"
                    "Backend Engineer, Globex                             2017 - 2020\n"
                    "- Ran the Kafka consumers\n"
                    "Developer, Initech                                   2015 - 2016\n"
                    "- PHP\n"
                    "Intern, Hooli                                        2014 - 2014\n"
                    "Intern, Umbrella                                     2013 - 2013\n";
    cr_assert_eq(resume_parse(t, strlen(t), sc, today, &r, msg), RB_OK);
    cr_assert_eq(r.npositions, 5);
    cr_assert_str_eq(r.positions[0].title, "Platform Engineer");
    cr_assert_not(has_warning(&r, "two columns"));
    resume_cleanup(&r);
}

Test(resume, sections_that_are_not_work_keep_out_of_experience)
{
    static const char text[] =
        "Jane Roe\njane@example.com\n\nExperience\n"
        "Backend Developer, Acme\nJan '19 - Mar '21\n- Built Java services\n\n"
        "Volunteering\nMentor, Code Club, 2010 - 2020\n\n"
        "Courses\nKubernetes for developers, 2015 - 2016\n\n"
        "Education\nBSc Computer Science, Crestwood College, 2012 - 2016\n";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.npositions, 1, "volunteering, courses and education are not positions");
    cr_assert_eq(r.experience_months, 27);
    cr_assert_eq(r.neducation, 1);
    resume_cleanup(&r);
}

Test(resume, section_labels_in_a_left_margin)
{
    static const char text[] =
        "Ada Quist\nada.quist@example.org\n\n"
        "Work          Backend Engineer, Orchard Labs              2019-01 - 2024-12\n"
        "              Built Go services for scheduling\n"
        "              Data Analyst, Granite Data                  2016-03 - 2018-12\n\n"
        "Volunteer     Mentor, Code Club                           2012-01 - 2020-12\n\n"
        "Education     BSc Mathematics, Lakeside University        2012-09 - 2016-06\n";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.npositions, 2, "the label's section holds the line beside it");
    cr_assert_str_eq(r.positions[0].title, "Backend Engineer");
    cr_assert_str_eq(r.positions[0].company, "Orchard Labs");
    cr_assert_eq(r.experience_months, 72 + 34);
    cr_assert_eq(r.neducation, 1);
    resume_cleanup(&r);
}

/* pdftotext -layout of a theme that sets the labels in a margin column of their own, the
 * entries beside them indented, bullets further in: a margin of labels is not a sidebar. */
Test(resume, a_margin_of_labels_is_not_read_as_a_sidebar)
{
    static const char text[] = "            Ines Holm\n"
                               "            Backend Engineer\n"
                               "               ines.holm@example.org\n\n"
                               "    Work    Backend Engineer\n"
                               "            Orchard Labs\n"
                               "            Jan 2020 - Dec 2024\n"
                               "              Built Go services for scheduling\n"
                               "              Ran the Kafka consumers\n\n"
                               "            Data Analyst\n"
                               "            Granite Data\n"
                               "            Mar 2016 - Dec 2018\n\n"
                               "Volunteer   Code Club\n"
                               "            Mentor\n"
                               "            Apr 2024 - Present\n\n"
                               "Education   Lakeside University\n"
                               "            Apr 2012 - Apr 2016\n\n"
                               " Projects   Ferry timetable app\n"
                               "            Jul 2018 - May 2019\n"
                               "   Awards   Hackathon winner\n"
                               "            Feb 2019\n";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_not(has_warning(&r, "two columns"));
    cr_assert_eq(r.npositions, 2, "volunteering, education and projects are not work");
    cr_assert_eq(r.positions[0].range.start.year, 2020);
    cr_assert_eq(r.positions[1].range.start.year, 2016);
    cr_assert_eq(r.experience_months, 60 + 34);
    resume_cleanup(&r);
}

/* A sidebar beside a main column whose bullets are indented past the column's edge: the
 * bullets are the main column's, and the sidebar's headings do not cut its positions. */
Test(resume, a_sidebar_beside_indented_bullets)
{
    static const char text[] =
        "Lars Brandt\n"
        "Site Reliability Engineer\n\n"
        "About                  Summary\n"
        "Porto                  Engineer with 11 years of experience.\n"
        "lars@example.org\n"
        "                       Experience\n"
        "                       Wren Retail                                 09/2023 - 09/2026\n"
        "                       Site Reliability Engineer\n"
        "Skills                       Maintained a Rust codebase\n"
        "                             Cut p99 latency by 35%\n"
        "C MongoDB\n"
        "Helm                         Introduced MySQL for the platform\n"
        "                       Ironbridge Capital                          07/2020 - 07/2023\n"
        "Languages              Site Reliability Engineer\n"
        "English                      Trained six engineers on MongoDB\n"
        "                             Moved order processing to Kotlin\n";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert(has_warning(&r, "two columns were read one after the other"));
    cr_assert_eq(r.npositions, 2, "both positions, though \"Languages\" stands beside one");
    cr_assert_eq(r.positions[1].range.start.year, 2020);
    cr_assert_eq(r.experience_months, 37 + 37);
    cr_assert_not_null(skill(&r, "kotlin"));
    resume_cleanup(&r);
}

/* Entries indented under their headings, with the odd line (icons, contact details) set
 * apart on the right, are one column. */
Test(resume, an_indent_is_not_a_second_column)
{
    static const char text[] =
        "                      Noor Sato\n"
        "   Leeds, GB              (233) 555-3910      noor.sato@example.com\n\n"
        "Background\n"
        "       Work Experience\n"
        "               Infrastructure Engineer, Copperleaf Health\n"
        "               Jan, 2022 - Present\n"
        "                     Led a team of five writing Rust services\n"
        "               Software Engineer II, Pinecrest Insurance\n"
        "               Nov, 2017 - Nov, 2021   4 years\n"
        "                     Built the tracking API with Node.js\n"
        "               Software Developer, Meridian Energy\n"
        "               Nov, 2014 - Nov, 2017   3 years\n"
        "    Skills\n"
        "             Languages\n"
        "             Node.js   C#    Swift\n"
        "    Education\n"
        "        Physics, Bachelor, Crestwood College\n"
        "        Dec, 2009 - Dec, 2011\n";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_not(has_warning(&r, "two columns"));
    cr_assert_eq(r.npositions, 3);
    cr_assert_str_eq(r.positions[0].title, "Infrastructure Engineer");
    cr_assert_eq(r.positions[2].range.start.year, 2014);
    resume_cleanup(&r);
}

/* Headings in spaced capitals come out of a PDF as letters and pairs ("V O LU N T E E R");
 * they still open their sections, so volunteering stays out of experience. */
Test(resume, letter_spaced_headings)
{
    static const char text[] =
        "Bruno Fairweather\n"
        "S U M M A RY\n"
        "Engineer with 9 years of experience.\n"
        "W O R K E X P E R I E N C E\n"
        "Site Reliability Engineer at Aurora Freight       Feb 2022 - Current\n"
        "V O LU N T E E R\n"
        "Coordinator at Code Club Eastmoor                 Jan 2013 - Jul 2015\n"
        "E D U C AT I O N\n"
        "Bachelor Physics at University of Eastmoor        Dec 2013 - Dec 2016\n"
        "Projects Experience\n"
        "Tidepool                                          Mar 2020 - Jan 2021\n";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.npositions, 1, "only the work section's line is a position");
    cr_assert_str_eq(r.positions[0].company, "Aurora Freight");
    cr_assert_eq(r.experience_months, 58);
    cr_assert_eq(r.neducation, 1);
    cr_assert_eq(r.nprojects, 1);
    resume_cleanup(&r);
}

/* Letters set apart that do not spell a heading, and lists of short names, are not one. */
Test(resume, short_words_are_not_a_spaced_heading)
{
    static const char text[] = "Ada Quist\nExperience\n"
                               "Backend Engineer, Orchard Labs, 2019 - 2024\n"
                               "C R Go\n"
                               "Data Analyst, Granite Data, 2016 - 2018\n";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.npositions, 2);
    resume_cleanup(&r);
}

/* A range wrapped after its dash ends on the next line; a dash and nothing under it is an
 * open end. */
Test(resume, a_range_wrapped_after_its_dash)
{
    static const char text[] = "Mei Holm\nExperience\n"
                               "Platform Engineer, Orchard Labs   Mar 2019 -\n"
                               "Dec 2021\n"
                               "- Ran the Kafka consumers\n"
                               "Data Engineer, Granite Data   2022-01-10 \xE2\x80\x94\n"
                               "- Built the ingestion in Go\n";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.npositions, 2);
    cr_assert_not(r.positions[0].range.present);
    cr_assert_eq(r.positions[0].range.end.year, 2021);
    cr_assert_eq(r.positions[0].range.end.month, 12);
    cr_assert(r.positions[1].range.present, "nothing after the dash: still there");
    cr_assert_eq(r.experience_months, 34 + 59);
    resume_cleanup(&r);
}

/* A browser's print adds a header (date, title) and a footer (address, page number) to every
 * page; across a page break they would stand between a title and its dates. */
Test(resume, running_heads_of_printed_pages_are_dropped)
{
    static const char text[] = "12/7/26, 5:07 PM                             Ilse Jackson\n"
                               "Ilse Jackson\nilse.jackson@example.org\n\n"
                               "Experience\n"
                               "Engineering Manager, Bluefin Ledger     Jan 2023 - Present\n"
                               "- Ran the platform team\n"
                               "Junior Developer, Saltmarsh Games\n"
                               "about:blank                                                1/2\n"
                               "\f12/7/26, 5:07 PM                           Ilse Jackson\n"
                               "Jan 2018 - Nov 2022\n"
                               "- Wrote Kotlin services\n"
                               "Volunteering\n"
                               "Treasurer, Code Club          Jan 2014 - May 2016\n"
                               "about:blank                                                2/2\n"
                               "\f";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.npositions, 2);
    cr_assert_str_eq(r.positions[1].title, "Junior Developer", "not the page's header");
    cr_assert_str_eq(r.positions[1].company, "Saltmarsh Games");
    cr_assert_str_eq(r.name, "Ilse Jackson");
    resume_cleanup(&r);
}

/* A name set in the page header of a two-page PDF is the only place the name is. */
Test(resume, a_name_in_the_page_header_is_kept)
{
    static const char text[] = "Tariq Haddad\n"
                               "tariq.haddad@example.org\n"
                               "Experience\n"
                               "Data Engineer, Orchard Labs      Jan 2020 - Present\n"
                               "- Built the ingestion in Go\n"
                               "Page 1\n"
                               "\fTariq Haddad\n"
                               "Analyst, Granite Data      2016 - 2019\n"
                               "Page 2\n"
                               "\f";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(r.name, "Tariq Haddad");
    cr_assert_eq(r.npositions, 2);
    resume_cleanup(&r);
}

/* A theme's top line "Name, Title" gives the name; a line inside the sections never does. */
Test(resume, a_name_beside_its_title_and_none_from_the_sections)
{
    static const char named[] =
        "Ilse Jackson, Engineering Manager\n"
        "ilse.jackson@example.org | (873) 555-1301\n\n"
        "EXPERIENCE      Bluefin Ledger, Engineering Manager   2023 - 2025\n";
    static const char sidebar[] = "Technical Skills\nActive Directory\nScipy\nRuby\n"
                                  "Experience\nData Engineer, Orchard Labs   2020 - 2024\n";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(named, strlen(named), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_str_eq(r.name, "Ilse Jackson");
    resume_cleanup(&r);
    cr_assert_eq(resume_parse(sidebar, strlen(sidebar), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_null(r.name, "a skill under a heading is not a name: %s", r.name);
    cr_assert(has_warning(&r, "no name found"));
    resume_cleanup(&r);
}

/* Title and company on lines of their own around the dates, in either order: the role noun
 * of a title tells them apart. */
Test(resume, title_and_company_on_lines_of_their_own)
{
    static const char text[] = "Ana Lind\n"
                               "Experience\n"
                               "Site Reliability Engineer\n" /* both above */
                               "Wren & Moss Retail\n"
                               "Jan 2020 - Dec 2024\n"
                               "  Kept the billing services up\n"
                               "Ironbridge Capital      07/2018 - 12/2019\n" /* title below */
                               "Platform Engineer\n"
                               "  Moved the ledger to Kafka\n"
                               "Lantern Bank, Data Analyst      2016-01-10 - 2018-05-02\n"
                               "Mar 2014 - Dec 2015   1 year 10 months\n" /* a length */
                               "Junior Developer\n"
                               "Granite Data\n"
                               "  Wrote reports\n"
                               "**Intern, Orchard Labs**\n"
                               "2013 - 2013\n";
    static const char *const want[][2] = {{"Site Reliability Engineer", "Wren & Moss Retail"},
                                          {"Platform Engineer", "Ironbridge Capital"},
                                          {"Data Analyst", "Lantern Bank"},
                                          {"Junior Developer", "Granite Data"},
                                          {"Intern", "Orchard Labs"}};
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.npositions, 5);
    for (size_t i = 0; i < 5; i++) {
        cr_assert_str_eq(r.positions[i].title, want[i][0], "position %zu", i);
        cr_assert_str_eq(r.positions[i].company, want[i][1], "position %zu", i);
    }
    resume_cleanup(&r);
}

/* Table rows as text keeps them: cells apart by a tab (HTML, DOCX) or a gap of columns. */
Test(resume, title_and_company_in_table_cells)
{
    static const char text[] = "Ana Lind\nExperience\n"
                               "Jan 2020 - Present\tPlatform Engineer\tOrchard Labs\n"
                               "2016 - 2019     Data Engineer     Granite Data\n";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.npositions, 2);
    cr_assert_str_eq(r.positions[0].title, "Platform Engineer");
    cr_assert_str_eq(r.positions[0].company, "Orchard Labs");
    cr_assert_str_eq(r.positions[1].title, "Data Engineer");
    cr_assert_str_eq(r.positions[1].company, "Granite Data");
    resume_cleanup(&r);
}

Test(resume, job_board_exports_tell_title_from_company)
{
    static const char text[] = "Priya Sharma\nJava Developer - Example Systems\n\n"
                               "WORK EXPERIENCE\n\nJava Developer\n"
                               "Example Systems Limited - Pune, Maharashtra -\n"
                               "January 2018 to Present\n\nDeveloped REST services in Java.\n\n"
                               "Associate Software Engineer\n"
                               "Northwind Freight - Hyderabad, Telangana -\n"
                               "June 2015 to December 2017\n\nMaintained PL/SQL packages.\n";
    struct resume r;
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(resume_parse(text, strlen(text), sc, today, &r, msg), RB_OK, "%s", msg);
    cr_assert_eq(r.npositions, 2);
    cr_assert_str_eq(r.positions[0].title, "Java Developer");
    cr_assert_str_eq(r.positions[0].company, "Example Systems Limited");
    cr_assert_str_eq(r.positions[1].title, "Associate Software Engineer");
    cr_assert_str_eq(r.positions[1].company, "Northwind Freight");
    cr_assert_str_eq(r.name, "Priya Sharma");
    resume_cleanup(&r);
}

Test(resume, a_heading_a_place_or_a_degree_is_not_a_name)
{
    static const char *const tops[] = {
        "Skill Details\nJava - Exprience - 24 months\ncompany - Example Systems\n",
        "BCA Nanded, Maharashtra Nanded University\nEducation Details\n",
        "Pune, Maharashtra\nJava Developer\n",
    };
    for (size_t i = 0; i < sizeof tops / sizeof tops[0]; i++) {
        struct resume r;
        char msg[RB_ERRMSG] = "";
        bool warned = false;
        cr_assert_eq(resume_parse(tops[i], strlen(tops[i]), sc, today, &r, msg), RB_OK);
        cr_assert_null(r.name, "%s read as a name", r.name);
        for (size_t w = 0; w < r.nwarnings; w++)
            warned |= strstr(r.warnings[w], "no name found") != NULL;
        cr_assert(warned, "null with a warning");
        resume_cleanup(&r);
    }
}
