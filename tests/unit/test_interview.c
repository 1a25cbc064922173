/* SPDX-License-Identifier: MIT */
/* Interview times as `rubric interview list --upcoming` reads them (core/interview.c). */
#include <criterion/criterion.h>

#include "core/interview.h"

Test(interview, times_as_people_write_them_read_in_utc)
{
    long long t = 0, u = 0;
    cr_assert(interview_time_parse("2026-12-08T10:00:00Z", &t));
    cr_assert_eq(t, 1796724000LL);
    cr_assert(interview_time_parse("2026-12-08T12:00+02:00", &u), "an offset");
    cr_assert_eq(u, t, "12:00 at +02:00 is 10:00 UTC");
    cr_assert(interview_time_parse("2026-12-08T10:00:00.500Z", &u), "fractions");
    cr_assert_eq(u, t);
    cr_assert(interview_time_parse("2026-12-08", &u), "a day alone");
    cr_assert_eq(u, t - 10 * 3600);
}

Test(interview, what_is_not_a_time_is_refused)
{
    long long t;
    const char *bad[] = {"",
                         "tomorrow",
                         "2026-13-08",
                         "2026-12-08T25:00",
                         "2026-12-08T10",
                         "2026-12-08T10:00 CET",
                         "2026-12-08T10:00+2",
                         NULL};
    for (size_t i = 0; bad[i]; i++)
        cr_assert_not(interview_time_parse(bad[i], &t), "'%s' was read as a time", bad[i]);
    cr_assert_not(interview_time_parse(NULL, &t));
}

/* Who sees an interview: the rule every interview, kit, scorecard and draft route asks. */
Test(interview, only_its_panel_and_the_hiring_team_see_an_interview)
{
    json_t *iv = json_pack("{s:I, s:[s, s]}", "id", (json_int_t)7, "interviewers",
                           "ivan@example.org", "pia@example.org");
    struct user ivan = {.id = 3, .email = "ivan@example.org", .role = USER_INTERVIEWER};
    struct user otto = {.id = 4, .email = "otto@example.org", .role = USER_INTERVIEWER};
    struct user rita = {.id = 5, .email = "rita@example.org", .role = USER_RECRUITER};
    struct user ada = {.id = 1, .email = "ada@example.org", .role = USER_ADMIN};
    struct user cleo = {.id = 9, .email = "cleo@example.org", .role = USER_CANDIDATE};

    cr_assert(interview_visible(&ivan, iv), "a panel member");
    cr_assert_not(interview_visible(&otto, iv), "an interviewer on another panel");
    cr_assert_not(interview_visible(&cleo, iv), "a candidate");
    cr_assert(interview_visible(&rita, iv) && interview_visible(&ada, iv), "the hiring team");
    json_decref(iv);

    cr_assert_eq(interview_list_scope(&rita, false, false), 0, "a recruiter lists every one");
    cr_assert_eq(interview_list_scope(&rita, true, false), 5, "unless she asks for her own");
    cr_assert_eq(interview_list_scope(&ada, false, true), 1, "or for what waits on her");
    cr_assert_eq(interview_list_scope(&ivan, false, false), 3, "an interviewer only his own");
}
