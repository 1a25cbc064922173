/* SPDX-License-Identifier: MIT */
/* Dates in resumes as people write them, and experience as a union of intervals. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "resume/dates.h"

static const struct ym today = {2026, 11};

/* The single range in text as "YYYY-MM..YYYY-MM" (end "now" when present), or "none". */
static const char *
range(const char *text)
{
    static char out[64];
    struct date_range r[4];
    size_t n = dates_find(text, strlen(text), r, 4);
    char a[16], b[16];
    if (n != 1)
        return n ? "several" : "none";
    dates_format(r[0].start, a, sizeof a);
    if (r[0].present)
        snprintf(out, sizeof out, "%s..now", a);
    else {
        dates_format(r[0].end, b, sizeof b);
        snprintf(out, sizeof out, "%s..%s", a, b);
    }
    return out;
}

Test(dates, the_ways_people_write_them)
{
    cr_assert_str_eq(range("Jan 2019 - Present"), "2019-01..now");
    cr_assert_str_eq(range("2019-01 to 2021-06"), "2019-01..2021-06");
    cr_assert_str_eq(range("03/2018 - 11/2020"), "2018-03..2020-11");
    cr_assert_str_eq(range("2015 - 2017"), "2015-01..2017-01");
    cr_assert_str_eq(range("since 2020"), "2020-01..now");
    cr_assert_str_eq(range("Since March 2021, leading the team"), "2021-03..now");
    cr_assert_str_eq(range("Sept. 2016 \xE2\x80\x93 current"), "2016-09..now", "en dash, Sept.");
    cr_assert_str_eq(range("September 2016\xE2\x80\x94"
                           "December 2018"),
                     "2016-09..2018-12");
    cr_assert_str_eq(range("Backend Engineer, Acme (Feb 2014 until Aug 2015)"), "2014-02..2015-08");
    cr_assert_str_eq(range("01.2019 - 12.2020"), "2019-01..2020-12");
    cr_assert_str_eq(range("2019/04 - now"), "2019-04..now");
    cr_assert_str_eq(range("2012-2014"), "2012-01..2014-01");
    cr_assert_str_eq(range("2020-02-01 - 2023-06-30"), "2020-02..2023-06", "JSON Resume dates");
    cr_assert_str_eq(range("Sep 2016 \xE2\x88\x92 Dec 2018"), "2016-09..2018-12",
                     "a minus sign, as pdftotext gives some fonts' hyphen");
}

Test(dates, glued_to_the_word_before)
{
    /* HTML inline elements or PDF text runs without a space between them */
    cr_assert_str_eq(range("Platform Engineer, Orchard LabsDec 2016 - Jul 2017"),
                     "2016-12..2017-07", "a capital after a small letter");
    cr_assert_str_eq(range("Data Engineer, Quillfeather BooksSince 2023"), "2023-01..now");
    cr_assert_str_eq(range("Lead Developer, Cobalt Robotics2020 to 2022"), "2020-01..2022-01",
                     "a year after a letter");
    cr_assert_str_eq(range("Handled 12000 - 15000 requests"), "none", "inside numbers still not");
    cr_assert_str_eq(range("the cmdlet2019 - x"), "none", "a lone date");
}

Test(dates, what_is_not_a_range)
{
    cr_assert_str_eq(range("Graduated in 2014"), "none", "a lone date");
    cr_assert_str_eq(range("Handled 12000 - 15000 requests"), "none", "numbers, not years");
    cr_assert_str_eq(range("2020 - 2018"), "none", "backwards");
    cr_assert_str_eq(range("May the force be with you"), "none", "'May' alone");
    cr_assert_str_eq(range("Version 2019-13"), "none");
    cr_assert_str_eq(range("phone 555-2019"), "none", "inside a number");
}

Test(dates, two_ranges_on_a_line)
{
    struct date_range r[4];
    const char *t = "Acme 2010 - 2012; Globex Jan 2013 - Mar 2015";
    cr_assert_eq(dates_find(t, strlen(t), r, 4), 2);
    cr_assert_eq(r[1].start.year, 2013);
    cr_assert_eq(r[1].end.month, 3);
    cr_assert_eq(strncmp(t + r[1].begin, "Jan 2013", 8), 0);
}

Test(dates, experience_counts_overlaps_once)
{
    struct date_range r[3];
    const char *t = "Jan 2015 - Dec 2016\nJun 2016 - Dec 2017\nJan 2020 - Dec 2020";
    size_t n = dates_find(t, strlen(t), r, 3);
    cr_assert_eq(n, 3);
    /* 2015-01..2017-12 is 36 months; 2020 is 12 more */
    cr_assert_eq(dates_union_months(r, n, today), 48);
    t = "Jan 2025 - Present";
    n = dates_find(t, strlen(t), r, 3);
    cr_assert_eq(dates_union_months(r, n, today), 23, "January 2025 to November 2026");
    t = "2015 - 2016";
    n = dates_find(t, strlen(t), r, 3);
    cr_assert_eq(dates_union_months(r, n, today), 24, "a year alone ends in December");
}

Test(dates, two_digit_years_seasons_and_open_ends_in_words)
{
    cr_assert_str_eq(range("Jan '19 - Mar '21"), "2019-01..2021-03");
    cr_assert_str_eq(range("Sep \xE2\x80\x99"
                           "98 - Jun \xE2\x80\x99"
                           "02"),
                     "1998-09..2002-06", "a typographic apostrophe");
    cr_assert_str_eq(range("Jan 19 - Mar 21"), "none", "without the apostrophe: days, maybe");
    cr_assert_str_eq(range("Summer 2019 - Fall 2020"), "2019-06..2020-09");
    cr_assert_str_eq(range("Winter 2018 to present"), "2018-01..now");
    cr_assert_str_eq(range("June 2021 - till date"), "2021-06..now");
    cr_assert_str_eq(range("2020 to date"), "2020-01..now");
    cr_assert_str_eq(range("Mar 2022 - now"), "2022-03..now");
}

Test(dates, a_year_alone_starts_in_january_and_ends_in_december)
{
    char a[16], b[16];
    struct ym y = {2016, 0}, m = {2016, 3};
    dates_format(y, a, sizeof a);
    dates_format_end(y, b, sizeof b);
    cr_assert_str_eq(a, "2016-01");
    cr_assert_str_eq(b, "2016-12");
    dates_format_end(m, b, sizeof b);
    cr_assert_str_eq(b, "2016-03", "a month given is kept");
}

/* Themes print an ongoing position as its start and a dash with nothing after it. */
Test(dates, a_dash_at_the_end_is_an_open_range)
{
    struct date_range r[2];
    const char *t = "Bluefin Ledger            2023-01-27 \xE2\x80\x94";
    cr_assert_eq(dates_find(t, strlen(t), r, 2), 1);
    cr_assert(r[0].present);
    cr_assert(r[0].dangling);
    cr_assert_eq(r[0].start.year, 2023);
    cr_assert_eq(r[0].start.month, 1);
    cr_assert_str_eq(range("Jan 2019 -"), "2019-01..now");
    cr_assert_str_eq(range("Graduated 2014 to"), "none", "a word is not a dash");
    cr_assert_str_eq(range("Jan 2019 - Mar 2020"), "2019-01..2020-03");
    t = "Jan 2019 -\nMar 2020";
    cr_assert_eq(dates_find(t, strlen(t), r, 2), 0, "a dash before a line break: not here");
}
