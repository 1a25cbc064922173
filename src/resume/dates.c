/* SPDX-License-Identifier: MIT */
/*
 * A small scanner for dates and ranges. It reads one date at a time ("Jan 2019", "2019-01",
 * "03/2018", "01.2019", "2019"), then looks past a separator ("-", en or em dash, "to",
 * "until", "till", "through") for a second date or an open end ("present", "current",
 * "now", "today", "date", "ongoing", also after a second word: "- till date"). "since
 * DATE" is an open range. Two-digit years after a month with an apostrophe ("Jan '19") and
 * seasons ("Summer 2019": June) are dates too. A date and a dash at the very end ("2019-01-27 —")
 * is an open range, as some themes print one. A lone date is not a range. A date starts a word, or
 * is glued to the word before it where extraction lost a space between two elements ("Acme LtdJan
 * 2019", "Acme2019 - 2021"): a capital after a small letter, or a digit after a letter.
 */
#include "resume/dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define YEAR_MIN 1950
#define YEAR_MAX 2100

static const char *const months[12][3] = {
    {"january", "jan", NULL}, {"february", "feb", NULL}, {"march", "mar", NULL},
    {"april", "apr", NULL},   {"may", NULL, NULL},       {"june", "jun", NULL},
    {"july", "jul", NULL},    {"august", "aug", NULL},   {"september", "sept", "sep"},
    {"october", "oct", NULL}, {"november", "nov", NULL}, {"december", "dec", NULL},
};

static bool
alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The month whose names begin with the three letters at p (any case), 1 to 12, else 0: every
 * name and abbreviation of a month begins with that month's own three letters, so a word is
 * compared with one month's names at most (this runs at every word of a resume). */
static int
month_prefix(const char *p)
{
    static const char pre[12][4] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    char a = (char)(p[0] | 0x20), b = (char)(p[1] | 0x20), c = (char)(p[2] | 0x20);
    for (int m = 0; m < 12; m++)
        if (pre[m][0] == a && pre[m][1] == b && pre[m][2] == c)
            return m + 1;
    return 0;
}

/* A month name at p (whole word, optional '.'): its number, and *len; else 0. */
static int
month_at(const char *p, const char *end, size_t *len)
{
    size_t n = 0;
    int m;
    while (p + n < end && alpha(p[n]))
        n++;
    if (n < 3 || n > 9)
        return 0; /* "may" to "september" */
    m = month_prefix(p);
    for (int k = 0; m && k < 3 && months[m - 1][k]; k++)
        if (strlen(months[m - 1][k]) == n && !strncasecmp(p, months[m - 1][k], n)) {
            *len = n + (p + n < end && p[n] == '.' ? 1 : 0);
            return m;
        }
    return 0;
}

/* A run of exactly want digits at p (not part of a longer number): its value, else -1. */
static int
number_at(const char *p, const char *end, int want)
{
    int v = 0;
    for (int i = 0; i < want; i++) {
        if (p + i >= end || !digit(p[i]))
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    if (p + want < end && digit(p[want]))
        return -1;
    return v;
}

static bool
year_ok(int y)
{
    return y >= YEAR_MIN && y <= YEAR_MAX;
}

/* One date at p (p not inside a word or number): *d and the bytes it took, else 0. */
static size_t
date_at(const char *p, const char *end, struct ym *d)
{
    size_t mlen;
    int m = month_at(p, end, &mlen), y, a;

    if (m) {
        /* "Jan 2019", "Sept. 2016", "March, 2020", and "Jan '19" (an apostrophe says it is
         * a year: "Jan 19" may be a day, and is not taken) */
        const char *q = p + mlen;
        size_t apo;
        while (q < end && (*q == ' ' || *q == ','))
            q++;
        y = number_at(q, end, 4);
        if (year_ok(y)) {
            d->year = y;
            d->month = m;
            return (size_t)(q + 4 - p);
        }
        apo = q < end && *q == '\'' ? 1 : end - q >= 3 && !memcmp(q, "\xE2\x80\x99", 3) ? 3 : 0;
        if (apo && (y = number_at(q + apo, end, 2)) >= 0) {
            d->year = y < 50 ? 2000 + y : 1900 + y;
            d->month = m;
            return (size_t)(q + apo + 2 - p);
        }
        return 0;
    }
    {
        /* seasons: "Summer 2019" starts in June */
        static const struct {
            const char *name;
            int month;
        } seasons[] = {{"spring", 3}, {"summer", 6}, {"fall", 9}, {"autumn", 9}, {"winter", 1}};
        size_t n = 0;
        char f;
        while (p + n < end && alpha(p[n]))
            n++;
        /* the names are of 4 and 6 letters, and start with one of four */
        f = n ? (char)(*p | 0x20) : 0;
        if ((n != 4 && n != 6) || (f != 's' && f != 'f' && f != 'a' && f != 'w'))
            n = 0;
        for (size_t i = 0; n && i < sizeof seasons / sizeof seasons[0]; i++)
            if (strlen(seasons[i].name) == n && !strncasecmp(p, seasons[i].name, n)) {
                const char *q = p + n;
                while (q < end && (*q == ' ' || *q == ','))
                    q++;
                y = number_at(q, end, 4);
                if (!year_ok(y))
                    return 0;
                d->year = y;
                d->month = seasons[i].month;
                return (size_t)(q + 4 - p);
            }
    }
    y = number_at(p, end, 4);
    if (year_ok(y)) {
        /* "2019-01", "2019/01", "2019.01", or "2019" alone */
        if (p + 7 <= end && (p[4] == '-' || p[4] == '/' || p[4] == '.') &&
            (a = number_at(p + 5, end, 2)) >= 1 && a <= 12) {
            int day;
            d->year = y;
            d->month = a;
            /* "2019-01-15": the day is read and dropped */
            if (p + 10 <= end && p[7] == p[4] && (day = number_at(p + 8, end, 2)) >= 1 && day <= 31)
                return 10;
            return 7;
        }
        d->year = y;
        d->month = 0;
        return 4;
    }
    /* "03/2018", "3/2018", "01.2019" */
    for (int w = 2; w >= 1; w--) {
        a = number_at(p, end, w);
        if (a >= 1 && a <= 12 && p + w < end && (p[w] == '/' || p[w] == '.')) {
            y = number_at(p + w + 1, end, 4);
            if (year_ok(y)) {
                d->year = y;
                d->month = a;
                return (size_t)w + 5;
            }
        }
    }
    return 0;
}

/* Whether a date may start at p: at the start of a word or number, or where a word glued to
 * the one before begins (see the file comment). */
static bool
word_start(const char *text, const char *p)
{
    char b;
    if (p == text)
        return true;
    b = p[-1];
    if (!alpha(b) && !digit(b))
        return true;
    if (b >= 'a' && b <= 'z' && *p >= 'A' && *p <= 'Z')
        return true;
    return alpha(b) && digit(*p);
}

/* Skips spaces; then a separator if one is there. Returns the new position, or NULL when
 * what follows is not a separator. */
static const char *
separator(const char *p, const char *end)
{
    static const char *const words[] = {"to", "until", "till", "through", "thru"};
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p < end && (*p == '-' || *p == '~'))
        p++;
    else if (end - p >= 3 && (!memcmp(p, "\xE2\x80\x93", 3) || !memcmp(p, "\xE2\x80\x94", 3) ||
                              !memcmp(p, "\xE2\x88\x92", 3)))
        p += 3; /* en dash, em dash, minus sign (pdftotext gives it for some fonts' hyphen) */
    else {
        size_t n = 0;
        bool ok = false;
        while (p + n < end && alpha(p[n]))
            n++;
        for (size_t i = 0; i < sizeof words / sizeof words[0] && !ok; i++)
            ok = strlen(words[i]) == n && !strncasecmp(p, words[i], n);
        if (!ok)
            return NULL;
        p += n;
    }
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* Whether a dash (not a word such as "to") comes after the spaces at p. */
static bool
dash_at(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p < end &&
           (*p == '-' || *p == '~' ||
            (end - p >= 3 && (!memcmp(p, "\xE2\x80\x93", 3) || !memcmp(p, "\xE2\x80\x94", 3) ||
                              !memcmp(p, "\xE2\x88\x92", 3))));
}

/* An open end at p ("present", "current", ...): the bytes it took, else 0. */
static size_t
open_end_at(const char *p, const char *end)
{
    static const char *const words[] = {"present", "current", "currently", "now",
                                        "today",   "date",    "ongoing"};
    size_t n = 0;
    while (p + n < end && alpha(p[n]))
        n++;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && !strncasecmp(p, words[i], n))
            return n;
    return 0;
}

size_t
dates_find(const char *text, size_t len, struct date_range *out, size_t max)
{
    const char *p = text, *end = text + len;
    size_t found = 0;

    while (p < end && found < max) {
        struct date_range r;
        size_t took;
        const char *q;
        bool since = false;

        /* only at the start of a word or number */
        if (!word_start(text, p)) {
            p++;
            continue;
        }
        if ((*p | 0x20) == 's' && end - p >= 5 && !strncasecmp(p, "since", 5) &&
            (p + 5 == end || !alpha(p[5]))) {
            const char *s = p + 5;
            while (s < end && *s == ' ')
                s++;
            memset(&r, 0, sizeof r);
            took = date_at(s, end, &r.start);
            if (took) {
                r.present = true;
                r.begin = (size_t)(p - text);
                r.stop = (size_t)(s + took - text);
                out[found++] = r;
                p = s + took;
                continue;
            }
            since = true;
        }
        memset(&r, 0, sizeof r);
        took = since ? 0 : date_at(p, end, &r.start);
        if (!took) {
            p++;
            continue;
        }
        q = separator(p + took, end);
        if (q && q == end && dash_at(p + took, end)) {
            /* "2019-01-27 —" and nothing after it: an open end, as some themes print one */
            r.present = r.dangling = true;
            r.begin = (size_t)(p - text);
            r.stop = len;
            out[found++] = r;
            break;
        }
        if (q) {
            size_t t2 = open_end_at(q, end);
            if (!t2) {
                /* "- till date", "- to date" */
                const char *w = separator(q, end);
                if (w && w > q && alpha(*q) && (t2 = open_end_at(w, end)))
                    q = w;
            }
            if (t2) {
                r.present = true;
            } else {
                t2 = date_at(q, end, &r.end);
                /* "2019 - 03/2020" is fine; a range that runs backwards is not a range */
                if (t2 &&
                    (r.end.year < r.start.year || (r.end.year == r.start.year && r.end.month &&
                                                   r.start.month && r.end.month < r.start.month)))
                    t2 = 0;
            }
            if (t2) {
                r.begin = (size_t)(p - text);
                r.stop = (size_t)(q + t2 - text);
                out[found++] = r;
                p = q + t2;
                continue;
            }
        }
        p += took; /* a lone date: not a range */
    }
    return found;
}

bool
dates_span(const struct date_range *r, struct ym today, int *first, int *last)
{
    *first = r->start.year * 12 + (r->start.month ? r->start.month : 1) - 1;
    if (r->present)
        *last = today.year * 12 + (today.month ? today.month : 12) - 1;
    else
        *last = r->end.year * 12 + (r->end.month ? r->end.month : 12) - 1;
    return *last >= *first;
}

static int
cmp_int2(const void *a, const void *b)
{
    const int *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

int
dates_union_months(const struct date_range *r, size_t n, struct ym today)
{
    int(*iv)[2] = malloc((n ? n : 1) * sizeof *iv);
    size_t k = 0;
    int total = 0, cur_a = 0, cur_b = -1;

    if (!iv)
        abort();
    for (size_t i = 0; i < n; i++)
        if (dates_span(&r[i], today, &iv[k][0], &iv[k][1]))
            k++;
    qsort(iv, k, sizeof *iv, cmp_int2);
    for (size_t i = 0; i < k; i++) {
        if (cur_b >= cur_a && iv[i][0] <= cur_b + 1) {
            if (iv[i][1] > cur_b)
                cur_b = iv[i][1];
            continue;
        }
        if (cur_b >= cur_a)
            total += cur_b - cur_a + 1;
        cur_a = iv[i][0];
        cur_b = iv[i][1];
    }
    if (cur_b >= cur_a)
        total += cur_b - cur_a + 1;
    free(iv);
    return total;
}

void
dates_format(struct ym d, char *out, size_t n)
{
    snprintf(out, n, "%04d-%02d", d.year, d.month ? d.month : 1);
}

void
dates_format_end(struct ym d, char *out, size_t n)
{
    snprintf(out, n, "%04d-%02d", d.year, d.month ? d.month : 12);
}

struct ym
dates_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return (struct ym){tm.tm_year + 1900, tm.tm_mon + 1};
}

bool
dates_parse_month(const char *s, struct ym *out)
{
    int y, m, used = 0;
    if (sscanf(s, "%4d-%2d%n", &y, &m, &used) != 2 || s[used] || used != 7 || y < 1950 ||
        y > 2100 || m < 1 || m > 12)
        return false;
    out->year = y;
    out->month = m;
    return true;
}
