/* SPDX-License-Identifier: MIT */
/*
 * The iCalendar writer (core/ical.h) read back as a calendar program would: physical lines
 * of at most 75 octets ending in CRLF, unfolded into content lines, values unescaped; and
 * the times it writes checked against the C library's own calendar arithmetic (timegm).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/ical.h"
#include "core/mail.h"

static long long
utc(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    return (long long)timegm(&tm);
}

static const struct ical_person panel[] = {
    {"ada@example.org", "Ada Quill, PhD"},
    {"bo@example.org", NULL},
};

static struct ical_event
event(void)
{
    struct ical_event e = {0};
    e.uid = "rubric-interview-7-20261201T090000Z";
    e.sequence = 0;
    e.start = utc(2026, 12, 8, 9, 0);
    e.minutes = 45;
    e.stamp = utc(2026, 12, 1, 8, 0);
    e.summary = "technical interview with Noor Vale";
    e.organizer = (struct ical_person){"rita@example.org", "Rita Fenn"};
    e.attendees = panel;
    e.nattendees = 2;
    return e;
}

/* Checks the physical lines of text and returns its content lines unfolded (a new array
 * of new strings, NULL-terminated). */
static char **
unfold(const char *text)
{
    char **lines = calloc(256, sizeof *lines);
    size_t n = 0;
    const char *p = text;
    while (*p) {
        const char *eol = strstr(p, "\r\n");
        size_t len;
        cr_assert(eol, "a line without CRLF: '%s'", p);
        len = (size_t)(eol - p);
        cr_assert(len <= ICAL_LINE_MAX, "a line of %zu octets: '%.*s'", len, (int)len, p);
        cr_assert(!memchr(p, '\n', len), "a bare LF inside '%.*s'", (int)len, p);
        if (*p == ' ') {
            /* a continuation never starts inside a UTF-8 character */
            cr_assert(n > 0 && ((unsigned char)p[1] & 0xC0) != 0x80, "a split character");
            size_t old = strlen(lines[n - 1]);
            lines[n - 1] = realloc(lines[n - 1], old + len);
            memcpy(lines[n - 1] + old, p + 1, len - 1);
            lines[n - 1][old + len - 1] = '\0';
        } else {
            cr_assert(n < 255);
            lines[n] = strndup(p, len);
            n++;
        }
        p = eol + 2;
    }
    return lines;
}

static const char *
prop(char **lines, const char *name)
{
    size_t k = strlen(name);
    for (size_t i = 0; lines[i]; i++)
        if (strncmp(lines[i], name, k) == 0 && (lines[i][k] == ':' || lines[i][k] == ';'))
            return lines[i];
    return NULL;
}

static const char *
starting(char **lines, const char *prefix)
{
    for (size_t i = 0; lines[i]; i++)
        if (strncmp(lines[i], prefix, strlen(prefix)) == 0)
            return lines[i];
    return NULL;
}

static bool
has(char **lines, const char *line)
{
    for (size_t i = 0; lines[i]; i++)
        if (strcmp(lines[i], line) == 0)
            return true;
    return false;
}

static void
free_lines(char **lines)
{
    for (size_t i = 0; lines[i]; i++)
        free(lines[i]);
    free(lines);
}

static char **
written(const struct ical_event *e)
{
    struct buf b;
    char msg[RB_ERRMSG];
    char **lines;
    buf_init(&b, ICAL_MAX);
    cr_assert_eq(ical_write(e, &b, msg), RB_OK, "%s", msg);
    lines = unfold(buf_str(&b));
    buf_cleanup(&b);
    return lines;
}

Test(ical, long_lines_fold_at_75_octets_and_unfold_to_the_value)
{
    struct ical_event e = event();
    char summary[400];
    char **lines;
    for (size_t i = 0; i < 300; i++)
        summary[i] = (char)('a' + i % 26);
    summary[300] = '\0';
    e.summary = summary;
    lines = written(&e);
    cr_assert_str_eq(prop(lines, "SUMMARY") + 8, summary);
    free_lines(lines);
}

Test(ical, folding_never_splits_a_utf8_character)
{
    struct ical_event e = event();
    char summary[600] = "";
    char **lines;
    /* two-, three- and four-octet characters, so that every fold offset is tried */
    size_t at = 0;
    for (int i = 0; i < 40; i++)
        at += (size_t)snprintf(summary + at, sizeof summary - at, "%s",
                               i % 3 == 0   ? "é"
                               : i % 3 == 1 ? "€"
                                            : "𝄞");
    e.summary = summary;
    for (int shift = 0; shift < 4; shift++) {
        char uid[16];
        snprintf(uid, sizeof uid, "%.*s", shift + 1, "uuuu");
        e.uid = uid; /* nothing else moves; the SUMMARY line is the one under test */
        lines = written(&e);
        cr_assert_str_eq(prop(lines, "SUMMARY") + 8, summary);
        free_lines(lines);
    }
}

Test(ical, text_values_escape_commas_semicolons_backslashes_and_newlines)
{
    struct buf b;
    buf_init(&b, 1024);
    cr_assert_eq(ical_escape(&b, "a,b;c\\d\ne\rf\x01g"), RB_OK);
    cr_assert_str_eq(buf_str(&b), "a\\,b\\;c\\\\d\\ne"
                                  "fg");
    buf_cleanup(&b);
}

Test(ical, request_names_organizer_and_each_attendee_with_quoted_names)
{
    struct ical_event e = event();
    char **lines = written(&e);
    cr_assert_str_eq(lines[0], "BEGIN:VCALENDAR");
    cr_assert_str_eq(prop(lines, "METHOD"), "METHOD:REQUEST");
    cr_assert_str_eq(prop(lines, "SEQUENCE"), "SEQUENCE:0");
    cr_assert_str_eq(prop(lines, "UID"), "UID:rubric-interview-7-20261201T090000Z");
    cr_assert_str_eq(prop(lines, "DTSTART"), "DTSTART:20261208T090000Z");
    cr_assert_str_eq(prop(lines, "DTSTAMP"), "DTSTAMP:20261201T080000Z");
    cr_assert_str_eq(prop(lines, "DURATION"), "DURATION:PT45M");
    cr_assert_str_eq(prop(lines, "ORGANIZER"), "ORGANIZER;CN=Rita Fenn:mailto:rita@example.org");
    cr_assert(strstr(prop(lines, "ATTENDEE"), ";CN=\"Ada Quill, PhD\";"));
    cr_assert(strstr(prop(lines, "ATTENDEE"), ":mailto:ada@example.org"));
    cr_assert(!has(lines, "BEGIN:VTIMEZONE"));
    cr_assert_str_eq(lines[4], "METHOD:REQUEST");
    cr_assert(has(lines, "END:VEVENT") && has(lines, "END:VCALENDAR"));
    free_lines(lines);
}

Test(ical, a_cancel_keeps_the_uid_with_a_higher_sequence)
{
    struct ical_event e = event();
    char **lines;
    e.sequence = 3;
    e.cancel = true;
    lines = written(&e);
    cr_assert_str_eq(prop(lines, "METHOD"), "METHOD:CANCEL");
    cr_assert_str_eq(prop(lines, "SEQUENCE"), "SEQUENCE:3");
    cr_assert_str_eq(prop(lines, "STATUS"), "STATUS:CANCELLED");
    cr_assert_str_eq(prop(lines, "UID"), "UID:rubric-interview-7-20261201T090000Z");
    free_lines(lines);
}

Test(ical, a_zone_gets_its_vtimezone_and_local_times)
{
    struct ical_event e = event();
    char **lines;
    e.zone = "Europe/Berlin";
    lines = written(&e); /* December: CET, an hour east of UTC */
    cr_assert_str_eq(starting(lines, "DTSTART;TZID="),
                     "DTSTART;TZID=Europe/Berlin:20261208T100000");
    cr_assert_str_eq(prop(lines, "TZID"), "TZID:Europe/Berlin");
    cr_assert_str_eq(prop(lines, "TZOFFSETTO"), "TZOFFSETTO:+0100");
    cr_assert_str_eq(prop(lines, "TZOFFSETFROM"), "TZOFFSETFROM:+0200");
    cr_assert(has(lines, "BEGIN:STANDARD") && has(lines, "TZNAME:CET"));
    free_lines(lines);
    e.start = utc(2026, 7, 8, 8, 0); /* July: CEST, two hours */
    lines = written(&e);
    cr_assert_str_eq(starting(lines, "DTSTART;TZID="),
                     "DTSTART;TZID=Europe/Berlin:20260708T100000");
    cr_assert_str_eq(prop(lines, "TZOFFSETTO"), "TZOFFSETTO:+0200");
    cr_assert(has(lines, "BEGIN:DAYLIGHT") && has(lines, "TZNAME:CEST"));
    free_lines(lines);
}

Test(ical, addresses_that_could_break_a_line_are_refused)
{
    struct ical_event e = event();
    struct ical_person bad[] = {{"eve@example.org\r\nATTENDEE:mailto:x@y", NULL}};
    struct buf b;
    char msg[RB_ERRMSG];
    e.attendees = bad;
    e.nattendees = 1;
    buf_init(&b, ICAL_MAX);
    cr_assert_eq(ical_write(&e, &b, msg), RB_EINVAL);
    cr_assert(strstr(msg, "attendee"), "%s", msg);
    e = event();
    e.zone = "../../etc/passwd";
    cr_assert_eq(ical_write(&e, &b, msg), RB_EINVAL);
    buf_cleanup(&b);
}

Test(ical, typed_times_are_read_with_their_offset_or_zone)
{
    long long t;
    char msg[RB_ERRMSG];
    cr_assert_eq(ical_parse_time("2026-12-08T10:00:00+01:00", NULL, &t, msg), RB_OK);
    cr_assert_eq(t, utc(2026, 12, 8, 9, 0));
    cr_assert_eq(ical_parse_time("2026-12-08T09:00Z", NULL, &t, msg), RB_OK);
    cr_assert_eq(t, utc(2026, 12, 8, 9, 0));
    cr_assert_eq(ical_parse_time("2026-12-08 10:00", "Europe/Berlin", &t, msg), RB_OK);
    cr_assert_eq(t, utc(2026, 12, 8, 9, 0));
    cr_assert_eq(ical_parse_time("2026-07-08T10:00", "Europe/Berlin", &t, msg), RB_OK);
    cr_assert_eq(t, utc(2026, 7, 8, 8, 0));
    cr_assert_eq(ical_parse_time("2026-12-08", NULL, &t, msg), RB_EINVAL);
    cr_assert(strstr(msg, "time of day"), "%s", msg);
    cr_assert_eq(ical_parse_time("next tuesday", NULL, &t, msg), RB_EINVAL);
    cr_assert_eq(ical_parse_time("2026-13-08T10:00", NULL, &t, msg), RB_EINVAL);
}

Test(mail, retries_wait_twice_as_long_each_time_then_give_up)
{
    struct mail_config c = {0};
    c.retry_seconds = 30;
    cr_assert_eq(mail_backoff(&c, 1), 30);
    cr_assert_eq(mail_backoff(&c, 2), 60);
    cr_assert_eq(mail_backoff(&c, 3), 120);
    cr_assert_eq(mail_backoff(&c, 11), MAIL_BACKOFF_MAX);
    cr_assert_eq(mail_backoff(&c, MAIL_TRIES_MAX), 0);
}

Test(mail, headers_cannot_be_injected_through_a_subject)
{
    struct mail_config c = {"smtp://127.0.0.1:1", "rubric@example.org", NULL, NULL, 60, 10};
    json_t *row =
        json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)4, "recipient", "ada@example.org",
                  "subject", "Hi\r\nBcc: eve@example.org", "body", "text");
    struct buf b;
    char msg[RB_ERRMSG];
    buf_init(&b, 1 << 16);
    cr_assert_eq(mail_message(&c, row, utc(2026, 12, 1, 8, 0), &b, msg), RB_OK, "%s", msg);
    cr_assert_null(strstr(buf_str(&b), "\r\nBcc:"), "%s", buf_str(&b));
    cr_assert_not_null(strstr(buf_str(&b), "Subject: =?UTF-8?B?"));
    json_object_set_new(row, "recipient", json_string("ada@example.org>\r\nBcc: <eve@x.org"));
    cr_assert_eq(mail_message(&c, row, 0, &b, msg), RB_EINVAL);
    json_decref(row);
    buf_cleanup(&b);
}
