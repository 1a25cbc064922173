/* SPDX-License-Identifier: MIT */
/* An opening's criteria: what the job reader reads from its description, with a
 * recruiter's edits over it, and the checks on those edits. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/opening.h"

static struct skills tax;
static struct skillscan *sc;
static struct opening_reader rd;

static void
setup(void)
{
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(skillscan_builtin(&tax, &sc, msg), RB_OK, "%s", msg);
    rd.sc = sc;
    rd.taxonomy = &tax;
}

static void
teardown(void)
{
    skillscan_free(sc);
    skills_cleanup(&tax);
}

TestSuite(opening_criteria, .init = setup, .fini = teardown);

static const char DESCRIPTION[] = "## Requirements\n- 3+ years of Java\n- PostgreSQL\n\n"
                                  "## Nice to have\n- Docker\n";

static const struct role_skill *
skill(const struct role *r, const char *name)
{
    for (size_t i = 0; i < r->nskills; i++)
        if (!strcmp(r->skills[i].name, name))
            return &r->skills[i];
    return NULL;
}

static void
assert_edits_fail(const char *json, const char *want)
{
    char msg[RB_ERRMSG] = "";
    json_t *v = json_loads(json, 0, NULL);
    cr_assert(v, "bad test JSON: %s", json);
    cr_expect_eq(opening_edits_check(v, msg), RB_EINVAL, "%s passed", json);
    cr_expect(strstr(msg, want), "%s: '%s' lacks '%s'", json, msg, want);
    json_decref(v);
}

Test(opening_criteria, edits_are_checked_field_by_field)
{
    char msg[RB_ERRMSG] = "";
    json_t *ok =
        json_loads("{\"must\":[\"java\",\"oracle|mysql\"],\"nice\":null,\"years\":5}", 0, NULL);
    cr_expect_eq(opening_edits_check(ok, msg), RB_OK, "%s", msg);
    cr_expect_eq(opening_edits_check(NULL, msg), RB_OK);
    json_decref(ok);
    assert_edits_fail("[]", "criteria_edits: an object");
    assert_edits_fail("{\"colour\":1}", "criteria_edits.colour: not a field");
    assert_edits_fail("{\"must\":\"java\"}", "criteria_edits.must: a list");
    assert_edits_fail("{\"nice\":[\"go\",7]}", "criteria_edits.nice[1]");
    assert_edits_fail("{\"must\":[\"\"]}", "criteria_edits.must[0]");
    assert_edits_fail("{\"years\":51}", "criteria_edits.years: whole years from 0 to 50");
    assert_edits_fail("{\"years\":\"five\"}", "criteria_edits.years");
}

Test(opening_criteria, read_from_the_description_then_edited)
{
    struct role r;
    char msg[RB_ERRMSG] = "";
    json_t *edits;

    cr_assert_eq(opening_criteria_read("Backend Engineer", DESCRIPTION, NULL, &rd, &r, msg), RB_OK,
                 "%s", msg);
    cr_assert(skill(&r, "java") && skill(&r, "java")->must, "java is not a must-have as read");
    cr_expect(skill(&r, "docker") && !skill(&r, "docker")->must, "docker is not nice as read");
    cr_expect_eq(r.min_years, 3);
    role_cleanup(&r);

    /* java or kotlin now; postgresql, left out of the musts, becomes a nice-to-have */
    edits = json_loads("{\"must\":[\"java|kotlin\"],\"years\":6}", 0, NULL);
    cr_assert_eq(opening_criteria_read("Backend Engineer", DESCRIPTION, edits, &rd, &r, msg), RB_OK,
                 "%s", msg);
    cr_expect(skill(&r, "kotlin") && skill(&r, "kotlin")->must, "kotlin is not a must-have");
    cr_expect_eq(skill(&r, "kotlin")->group, skill(&r, "java")->group, "not alternatives");
    cr_expect(skill(&r, "postgresql") && !skill(&r, "postgresql")->must,
              "postgresql left out is still a must-have");
    cr_expect_eq(r.min_years, 6);
    role_cleanup(&r);
    json_decref(edits);

    /* an unknown skill names the field at fault; no description, nothing to read */
    edits = json_loads("{\"nice\":[\"no-such-skill-here\"]}", 0, NULL);
    cr_expect_eq(opening_criteria_read("Backend Engineer", DESCRIPTION, edits, &rd, &r, msg),
                 RB_EINVAL);
    cr_expect(strstr(msg, "criteria_edits.nice"), "'%s' does not name the field", msg);
    json_decref(edits);
    cr_expect_eq(opening_criteria_read("Backend Engineer", "", NULL, &rd, &r, msg), RB_ENOTFOUND);
}
