/* SPDX-License-Identifier: MIT */
/*
 * iCalendar (RFC 5545) invites, written by hand: CRLF line ends, content lines folded at 75
 * octets without splitting a UTF-8 character, TEXT values escaped (backslash, semicolon,
 * comma, newline), parameter values quoted or stripped of what they cannot hold. An event
 * in a named time zone carries a VTIMEZONE built from the system's zoneinfo file for the
 * offset in force at its start; without a zone its times are UTC. The UID is the caller's
 * (stable per interview), SEQUENCE the caller's counter; METHOD:REQUEST or METHOD:CANCEL.
 */
#ifndef RUBRIC_CORE_ICAL_H
#define RUBRIC_CORE_ICAL_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* the longest content line, in octets, before CRLF (RFC 5545, 3.1) */
#define ICAL_LINE_MAX 75
/* an invite's most bytes (the panel is at most 16 people) */
#define ICAL_MAX (64u << 10)

struct ical_person {
    const char *email; /* an address without CR, LF or ':' ... */
    const char *name;  /* ... and a display name, or NULL */
};

struct ical_event {
    const char *uid;
    long long sequence;
    bool cancel;         /* METHOD:CANCEL, STATUS:CANCELLED */
    long long start;     /* unix seconds */
    int minutes;         /* its length */
    long long stamp;     /* DTSTAMP: unix seconds when this object was made */
    const char *zone;    /* an IANA zone name, or NULL: times in UTC */
    const char *summary; /* plain text, any characters */
    const char *description;
    struct ical_person organizer;
    const struct ical_person *attendees;
    size_t nattendees;
};

/* Appends one content line to out, folded (CRLF and a space before every 74 octets after
 * the first 75) and ended with CRLF. */
enum rb_err ical_line(struct buf *out, const char *line, size_t len);
/* Appends s as a TEXT value: '\\' ';' ',' and newlines escaped, CR and other control
 * characters (but tab) dropped. */
enum rb_err ical_escape(struct buf *out, const char *s);
/* The VCALENDAR of e into out (appended). RB_EINVAL naming the field when an address
 * cannot be written or the zone cannot be read (errmsg says which). */
enum rb_err ical_write(const struct ical_event *e, struct buf *out, char *errmsg);

/* An ISO 8601 time ("2026-12-08T10:00", seconds and a zone optional: Z, +01:00, +0100) as
 * unix seconds: without its own offset it is local time in zone (NULL: UTC). RB_EINVAL
 * saying what is wrong; a bare date has no time of day and is refused too. */
enum rb_err ical_parse_time(const char *iso, const char *zone, long long *t, char *errmsg);
/* t (unix seconds) as people read it: "2026-12-08 10:00 Europe/Berlin" in zone, or
 * "... UTC" (zone NULL, or its offset unknown for that date). */
void ical_local_text(long long t, const char *zone, char *out, size_t n);
/* Whether zone names a readable zone of the system's zoneinfo (checked where people type
 * it); RB_EINVAL saying why not. */
enum rb_err ical_zone_check(const char *zone, char *errmsg);

#endif
