/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: times and text people type that end up in calendar invites (core/ical.h).
 * The input is split at its first two NUL bytes into a time, a time zone name and a
 * summary. The time is read (in the zone, when it reads as one); then an invite with the
 * summary, a display name made of it and the zone is written, and its output must keep
 * the format's promises whatever went in: CRLF line ends only, every physical line at most
 * 75 octets, no line break smuggled in through a value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/ical.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 3), msg[RB_ERRMSG];
    const char *at, *zone, *summary;
    struct ical_event e = {0};
    struct ical_person who;
    struct buf b;
    long long t = 0;
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = text[size + 1] = text[size + 2] = '\0';
    at = text;
    zone = at + strlen(at) + 1;
    summary = zone + strlen(zone) + 1;
    if (ical_parse_time(at, *zone ? zone : NULL, &t, msg) != RB_OK)
        t = 0;
    who = (struct ical_person){"ada@example.org", summary};
    e.uid = summary;
    e.start = t;
    e.minutes = 30;
    e.zone = *zone ? zone : NULL;
    e.summary = summary;
    e.description = at;
    e.organizer = who;
    e.attendees = &who;
    e.nattendees = 1;
    buf_init(&b, ICAL_MAX);
    if (ical_write(&e, &b, msg) == RB_OK) {
        const char *p = buf_str(&b);
        while (*p) {
            const char *eol = strstr(p, "\r\n");
            if (!eol || eol - p > ICAL_LINE_MAX || memchr(p, '\n', (size_t)(eol - p)) ||
                memchr(p, '\r', (size_t)(eol - p)))
                abort();
            p = eol + 2;
        }
    }
    buf_cleanup(&b);
    free(text);
    return 0;
}
