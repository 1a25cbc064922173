/* SPDX-License-Identifier: MIT */
/* Role files, their checks, their JSON, and job descriptions imported as roles. */
#include <criterion/criterion.h>

#include "helpers.h"
#include <stdlib.h>
#include <string.h>

#include "core/bank.h"
#include "core/role.h"
#include "core/role_import.h"
#include "model/skills.h"
#include "util/fs.h"

/* The built-in bank's competency ids, NULL-terminated (a static array of borrowed names). */
static const char *const *
known(struct bank *b)
{
    static const char *ids[64];
    struct diags d;
    bank_init(b);
    diags_init(&d, 0);
    bank_read_builtin(b, &d);
    diags_cleanup(&d);
    for (size_t i = 0; i < b->ncomps && i < 63; i++)
        ids[i] = b->comps[i].id;
    ids[b->ncomps < 63 ? b->ncomps : 63] = NULL;
    return ids;
}

Test(role, shipped_roles_are_complete_and_lint_clean)
{
    struct skills taxonomy;
    struct role_set set;
    struct diags d;
    struct bank b;
    static const char *const required[] = {"backend-developer-junior", "backend-developer-mid",
                                           "backend-developer-senior", "backend-architect",
                                           "system-architect",         "database-administrator",
                                           "site-reliability-engineer"};

    role_set_init(&set);
    diags_init(&d, 0);
    role_read_builtin(&set, &d);
    skills_init(&taxonomy);
    skills_read_builtin(&taxonomy, &d);
    role_check(&set, known(&b), &taxonomy, &d);
    skills_cleanup(&taxonomy);
    diags_print(&d, stderr);
    cr_assert_eq(diags_count(&d), 0);
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        const struct role *r = role_set_find(&set, required[i]);
        cr_assert_not_null(r, "%s is shipped", required[i]);
        cr_assert_geq(r->ncomps, 3);
        for (size_t c = 0; c < r->ncomps; c++)
            for (int k = 0; k < 4; k++)
                cr_assert(r->comps[c].anchors[k] && *r->comps[c].anchors[k]);
        cr_assert(r->nresponsibilities > 0 && r->summary && *r->summary);
    }
    role_set_cleanup(&set);
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(role, problems_are_reported_at_their_line)
{
    struct role_set set;
    struct diags d;
    struct bank b;
    const char *t = "# Broken role\n"             /* 1 */
                    "\n"                          /* 2 */
                    "- id: broken-role\n"         /* 3 */
                    "- level: principal\n"        /* 4 */
                    "- min-years: many\n"         /* 5 */
                    "- min-comparable-years: 1\n" /* 6 */
                    "\n"
                    "Summary.\n"
                    "\n"
                    "## Responsibilities\n"
                    "\n"
                    "- Something.\n"
                    "\n"
                    "## Competencies\n" /* 14 */
                    "\n"
                    "### no-such-competency\n" /* 16 */
                    "\n"
                    "- weight: 9\n" /* 18 */
                    "- 1: a\n"
                    "- 2: b\n"
                    "- 3: c\n"
                    "\n"
                    "## Must-have skills\n"
                    "\n"
                    "- Go: 3\n" /* 25 */
                    "- postgresql: 2\n"
                    "\n"
                    "## Nice-to-have skills\n"
                    "\n"
                    "- postgresql: 1\n"; /* 30 */
    role_set_init(&set);
    diags_init(&d, 0);
    role_parse(&set, "broken-role.md", t, strlen(t), &d);
    role_check(&set, known(&b), NULL, &d);
    cr_assert(has_problem(&d, 4, "bad level 'principal'"));
    cr_assert(has_problem(&d, 5, "bad min-years 'many'"));
    cr_assert(has_problem(&d, 16, "unknown competency 'no-such-competency'"));
    cr_assert(has_problem(&d, 18, "bad weight '9'"));
    cr_assert(has_problem(&d, 16, "has no anchor '4:'"));
    cr_assert(has_problem(&d, 25, "write skill names in lowercase"));
    cr_assert(has_problem(&d, 30, "in both must-have and nice-to-have"));
    role_set_cleanup(&set);
    role_set_init(&set);
    {
        const char *dup = "# R\n\n- id: r-dup\n- salary: 1\n- salary: 2\n";
        role_parse(&set, "r-dup.md", dup, strlen(dup), &d);
        cr_assert(has_problem(&d, 5, "field 'salary' given twice"));
    }
    role_set_cleanup(&set);
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(role, json_round_trip)
{
    struct role_set set;
    struct diags d;
    struct role back;
    char msg[RB_ERRMSG];
    json_t *a, *b;

    role_set_init(&set);
    diags_init(&d, 0);
    role_read_builtin(&set, &d);
    for (size_t i = 0; i < set.n; i++) {
        a = role_to_json(&set.v[i]);
        cr_assert(role_from_json(a, &back, msg), "%s", msg);
        b = role_to_json(&back);
        cr_assert(json_equal(a, b), "%s changed in the round trip", set.v[i].id);
        json_decref(a);
        json_decref(b);
        role_cleanup(&back);
    }
    role_set_cleanup(&set);
    diags_cleanup(&d);
}

static void
import_file(const char *path, struct role *r, struct diags *notes, enum rb_err want, char *msg)
{
    struct role_set templates;
    struct skills taxonomy;
    struct diags d;
    struct bank b;
    char *data;
    size_t len;
    cr_assert_eq(fs_read(path, ROLE_FILE_MAX, &data, &len, msg), RB_OK, "%s", msg);
    role_set_init(&templates);
    diags_init(&d, 0);
    role_read_builtin(&templates, &d);
    skills_init(&taxonomy);
    skills_read_builtin(&taxonomy, &d);
    cr_assert_eq(role_import_job(path, data, len, &templates, known(&b), &taxonomy, r, notes, msg),
                 want, "%s", msg);
    skills_cleanup(&taxonomy);
    free(data);
    role_set_cleanup(&templates);
    bank_cleanup(&b);
    diags_cleanup(&d);
}

static bool
has_skill(const struct role *r, const char *name, bool must)
{
    for (size_t i = 0; i < r->nskills; i++)
        if (strcmp(r->skills[i].name, name) == 0)
            return r->skills[i].must == must;
    return false;
}

Test(role_import, the_sample_job_of_the_jsonresume_schema_package)
{
    struct role r;
    struct diags notes;
    char msg[RB_ERRMSG] = "";
    diags_init(&notes, 0);
    import_file("node_modules/@jsonresume/schema/sample.job.json", &r, &notes, RB_OK, msg);
    cr_assert_str_eq(r.title, "Web Developer");
    cr_assert_str_eq(r.id, "web-developer");
    cr_assert_eq(r.level, 2, "Mid-level is mid");
    cr_assert_eq(r.min_years, 3, "from '3+ years of experience'");
    cr_assert_eq(r.nresponsibilities, 4);
    cr_assert(has_skill(&r, "javascript", true));
    cr_assert(has_skill(&r, "mongodb", true));
    cr_assert_not_null(role_competency(&r, "data-storage"), "SQL, NoSQL, MongoDB");
    cr_assert_not_null(role_competency(&r, "scalability-performance"), "speed, scalability");
    cr_assert_not_null(role_competency(&r, "leadership-communication"), "collaborate");
    for (size_t i = 0; i < r.ncomps; i++)
        cr_assert(r.comps[i].anchors[3] && *r.comps[i].anchors[3], "anchors for %s", r.comps[i].id);
    cr_assert(has_problem(&notes, 0, "company: not part of a role profile"));
    cr_assert(has_problem(&notes, 0, "qualifications[0]"), "the degree is said to be unused");
    cr_assert_str_eq(r.location, "Berlin, DE");
    role_cleanup(&r);
    diags_cleanup(&notes);
}

Test(role_import, a_job_written_for_the_tests)
{
    struct role r;
    struct diags notes;
    char msg[RB_ERRMSG] = "";
    diags_init(&notes, 0);
    import_file("tests/data/jobs/sre-senior.json", &r, &notes, RB_OK, msg);
    cr_assert_eq(r.level, 3);
    cr_assert_eq(r.min_years, 6);
    cr_assert(has_skill(&r, "kubernetes", true));
    cr_assert(has_skill(&r, "go", false), "a 'nice to have' group gives nice-to-have skills");
    cr_assert_not_null(role_competency(&r, "reliability-operations"));
    cr_assert_not_null(role_competency(&r, "cloud-infrastructure"));
    role_cleanup(&r);
    diags_cleanup(&notes);
}

Test(role_import, bad_job_descriptions_name_the_problem)
{
    struct role r;
    struct diags notes;
    char msg[RB_ERRMSG] = "";
    diags_init(&notes, 0);
    import_file("tests/data/jobs/no-title.json", &r, &notes, RB_EINVAL, msg);
    cr_assert_not_null(strstr(msg, "title"), "%s", msg);
    import_file("tests/data/jobs/no-competency.json", &r, &notes, RB_EINVAL, msg);
    cr_assert_not_null(strstr(msg, "names a competency"), "%s", msg);
    import_file("tests/data/jobs/truncated.json", &r, &notes, RB_EINVAL, msg);
    cr_assert_not_null(strstr(msg, "truncated.json:1: not valid JSON"), "%s", msg);
    import_file("tests/data/jobs/array.json", &r, &notes, RB_EINVAL, msg);
    cr_assert_not_null(strstr(msg, "expected a JSON object"), "%s", msg);
    diags_cleanup(&notes);
}
