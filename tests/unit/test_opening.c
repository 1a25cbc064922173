/* SPDX-License-Identifier: MIT */
/* Openings without a store: status transitions, the checks on a stage list, the stage a
 * name or kind finds, and who may see, change or move what. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/opening.h"

static json_t *
stages(const char *json)
{
    json_t *v = json_loads(json, 0, NULL);
    cr_assert(v, "bad test JSON: %s", json);
    return v;
}

static void
assert_stages_fail(const char *json, const char *want)
{
    char msg[RB_ERRMSG] = "";
    json_t *v = stages(json);
    cr_expect_eq(opening_stages_check(v, msg), RB_EINVAL, "%s passed", json);
    cr_expect(strstr(msg, want), "%s: '%s' lacks '%s'", json, msg, want);
    json_decref(v);
}

Test(opening, transitions_follow_the_status_rules)
{
    cr_expect(opening_transition_ok("draft", "open"));
    cr_expect(opening_transition_ok("open", "on-hold"));
    cr_expect(opening_transition_ok("on-hold", "open"));
    cr_expect(opening_transition_ok("on-hold", "filled"));
    cr_expect(opening_transition_ok("open", "closed"));
    cr_expect(opening_transition_ok("closed", "open"));
    cr_expect_not(opening_transition_ok("draft", "filled"));
    cr_expect_not(opening_transition_ok("filled", "open"));
    cr_expect_not(opening_transition_ok("open", "open"));
    cr_expect_not(opening_transition_ok("closed", "draft"));
    cr_expect(opening_status_valid("on-hold"));
    cr_expect_not(opening_status_valid("paused"));
}

Test(opening, default_stages_pass_their_own_check)
{
    char msg[RB_ERRMSG];
    json_t *d = opening_default_stages();
    cr_expect_eq(json_array_size(d), 7);
    cr_expect_eq(opening_stages_check(d, msg), RB_OK, "%s", msg);
    json_decref(d);
}

Test(opening, stage_lists_are_checked_item_by_item)
{
    assert_stages_fail("[]", "a list of 3 to");
    assert_stages_fail("[{\"name\":\"screen\",\"kind\":\"screened\"},{\"name\":\"hired\","
                       "\"kind\":\"hired\"},{\"name\":\"rejected\",\"kind\":\"rejected\"},"
                       "{\"name\":\"withdrawn\",\"kind\":\"withdrawn\"}]",
                       "stages[0].kind");
    assert_stages_fail("[{\"name\":\"applied\",\"kind\":\"applied\"},{\"name\":\"Phone "
                       "Screen\",\"kind\":\"screened\"},{\"name\":\"hired\",\"kind\":\"hired\"}]",
                       "stages[1].name");
    assert_stages_fail("[{\"name\":\"applied\",\"kind\":\"applied\"},{\"name\":\"x\",\"kind\":"
                       "\"maybe\"},{\"name\":\"hired\",\"kind\":\"hired\"}]",
                       "stages[1].kind");
    assert_stages_fail("[{\"name\":\"applied\",\"kind\":\"applied\"},{\"name\":\"applied\","
                       "\"kind\":\"screened\"},{\"name\":\"hired\",\"kind\":\"hired\"}]",
                       "'applied' is stages[0] already");
    assert_stages_fail("[{\"name\":\"applied\",\"kind\":\"applied\"},{\"name\":\"hired\","
                       "\"kind\":\"hired\"},{\"name\":\"rejected\",\"kind\":\"rejected\"}]",
                       "kind 'withdrawn'");
    assert_stages_fail("[{\"name\":\"applied\",\"kind\":\"applied\",\"x\":1},{\"name\":\"b\","
                       "\"kind\":\"hired\"},{\"name\":\"c\",\"kind\":\"rejected\"}]",
                       "stages[0]: an object with a name and a kind");
}

Test(opening, stages_are_found_by_name_and_by_kind)
{
    json_t *o = json_pack("{s:o}", "stages",
                          stages("[{\"name\":\"applied\",\"kind\":\"applied\"},{\"name\":"
                                 "\"phone\",\"kind\":\"screened\"},{\"name\":\"tech\",\"kind\":"
                                 "\"interviewing\"},{\"name\":\"onsite\",\"kind\":"
                                 "\"interviewing\"}]"));
    cr_expect_str_eq(opening_stage_kind(o, "phone"), "screened");
    cr_expect_null(opening_stage_kind(o, "screened"));
    cr_expect_str_eq(opening_stage_of_kind(o, "interviewing"), "tech");
    cr_expect_null(opening_stage_of_kind(o, "offer"));
    json_decref(o);
}

Test(opening, who_may_see_change_and_move)
{
    struct user admin = {.id = 1, .role = USER_ADMIN};
    struct user rita = {.id = 2, .role = USER_RECRUITER};
    struct user remy = {.id = 3, .role = USER_RECRUITER};
    struct user ada = {.id = 4, .role = USER_INTERVIEWER};
    struct user bo = {.id = 5, .role = USER_INTERVIEWER};
    json_t *o = json_loads("{\"team_ids\":{\"recruiters\":[2],\"hiring_manager\":4}}", 0, NULL);
    json_t *open_team =
        json_loads("{\"team_ids\":{\"recruiters\":[],\"hiring_manager\":null}}", 0, NULL);

    cr_expect(opening_may_change(NULL, o), "the command line may do anything");
    cr_expect(opening_may_change(&admin, o));
    cr_expect(opening_may_change(&rita, o));
    cr_expect_not(opening_may_change(&remy, o), "a recruiter not on its team");
    cr_expect(opening_may_change(&remy, open_team), "no recruiters named: every recruiter");
    cr_expect_not(opening_may_change(&ada, o), "the hiring manager does not edit it");
    cr_expect(opening_may_move(&ada, o), "but moves its applications");
    cr_expect(opening_may_see(&ada, o));
    cr_expect_not(opening_may_see(&bo, o));
    cr_expect_not(opening_may_move(&bo, o));
    cr_expect(opening_may_see(&remy, o), "every recruiter sees every opening");
    json_decref(o);
    json_decref(open_team);
}

static void
assert_questions(const char *json, enum rb_err want, const char *msg_has)
{
    char msg[RB_ERRMSG] = "";
    json_t *v = stages(json);
    cr_expect_eq(opening_questions_check(v, msg), want, "%s: '%s'", json, msg);
    if (msg_has)
        cr_expect(strstr(msg, msg_has), "%s: '%s' lacks '%s'", json, msg, msg_has);
    json_decref(v);
}

Test(opening, the_careers_forms_questions_are_checked_item_by_item)
{
    assert_questions("[]", RB_OK, NULL);
    assert_questions("[{\"id\":\"why\",\"label\":\"Why us?\",\"kind\":\"text\"},"
                     "{\"id\":\"notice\",\"label\":\"Notice\",\"kind\":\"choice\","
                     "\"required\":true,\"choices\":[\"none\",\"1 month\"]},"
                     "{\"id\":\"work-sample\",\"label\":\"A sample\",\"kind\":\"file\"}]",
                     RB_OK, NULL);
    assert_questions("{}", RB_EINVAL, "questions: a list");
    assert_questions("[{\"id\":\"Why\",\"label\":\"x\",\"kind\":\"text\"}]", RB_EINVAL,
                     "questions[0].id");
    assert_questions("[{\"id\":\"a\",\"label\":\"x\",\"kind\":\"text\"},"
                     "{\"id\":\"a\",\"label\":\"y\",\"kind\":\"text\"}]",
                     RB_EINVAL, "questions[1].id: 'a' is questions[0]'s too");
    assert_questions("[{\"id\":\"a\",\"label\":\"\",\"kind\":\"text\"}]", RB_EINVAL,
                     "questions[0].label");
    assert_questions("[{\"id\":\"a\",\"label\":\"x\",\"kind\":\"essay\"}]", RB_EINVAL,
                     "questions[0].kind: text, choice or file");
    assert_questions("[{\"id\":\"a\",\"label\":\"x\",\"kind\":\"text\",\"required\":1}]", RB_EINVAL,
                     "questions[0].required");
    assert_questions("[{\"id\":\"a\",\"label\":\"x\",\"kind\":\"text\",\"choices\":[\"y\"]}]",
                     RB_EINVAL, "only a choice has them");
    assert_questions("[{\"id\":\"a\",\"label\":\"x\",\"kind\":\"choice\"}]", RB_EINVAL,
                     "questions[0].choices: 1 to 20");
    assert_questions(
        "[{\"id\":\"a\",\"label\":\"x\",\"kind\":\"choice\",\"choices\":[\"y\",\"y\"]}]", RB_EINVAL,
        "questions[0].choices[1]: given twice");
    assert_questions("[{\"id\":\"a\",\"label\":\"x\",\"kind\":\"text\",\"colour\":1}]", RB_EINVAL,
                     "questions[0].colour: not a field");
}
