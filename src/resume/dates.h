/* SPDX-License-Identifier: MIT */
/*
 * Dates as people write them in resumes: "Jan 2019 - Present", "2019-01 to 2021-06",
 * "03/2018 - 11/2020", "2015 - 2017", "since 2020", "Sept. 2016 – current". Ranges are found
 * in text and experience is the union of their intervals, so overlapping positions are not
 * counted twice.
 */
#ifndef RUBRIC_RESUME_DATES_H
#define RUBRIC_RESUME_DATES_H

#include <stdbool.h>
#include <stddef.h>

/* A month. A year alone is written with month 0 ("2015"): it starts in January and ends in
 * December. */
struct ym {
    int year;  /* 1950 to 2100 */
    int month; /* 1 to 12, or 0 for a year alone */
};

struct date_range {
    struct ym start, end; /* end is meaningless when present */
    bool present;         /* "present", "current", "now", "since ..." */
    bool dangling;        /* present because nothing follows its dash ("2019-01 -"): a theme's
                             open end, or a range wrapped onto the next line */
    size_t begin, stop;   /* where in the text, bytes, stop exclusive */
};

/* Finds up to max date ranges in text[0..len), in order. Returns how many were found. A date
 * and a dash that end the text ("Jan 2019 –") are an open range, marked dangling. */
size_t dates_find(const char *text, size_t len, struct date_range *out, size_t max);

/* The first and last months a range covers (year-only ends widened to the whole year;
 * present is today), as month numbers (year * 12 + month - 1). False when the range ends
 * before it starts. */
bool dates_span(const struct date_range *r, struct ym today, int *first, int *last);

/* Months covered by the union of the ranges, each counted once. */
int dates_union_months(const struct date_range *r, size_t n, struct ym today);

/* Writes "YYYY-MM" (January for a year alone) into out (at least 8 bytes). */
void dates_format(struct ym d, char *out, size_t n);

/* The same for the end of a range: a year alone ends in December ("2015 - 2016" is 2015-01
 * to 2016-12), as dates_span counts it. Text, JSON and reports all write ends with this. */
void dates_format_end(struct ym d, char *out, size_t n);

/* "YYYY-MM" (a year of 1950 to 2100, a month of 1 to 12) into *out; false when s is not
 * exactly that. For options such as --today. */
bool dates_parse_month(const char *s, struct ym *out);

/* Today's year and month (UTC). */
struct ym dates_today(void);

#endif
