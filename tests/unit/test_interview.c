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
