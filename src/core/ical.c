/* SPDX-License-Identifier: MIT */
/* iCalendar invites (core/ical.h). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ical.h"
#include "util/fs.h"

#ifndef RUBRIC_VERSION /* the Makefile defines it */
#define RUBRIC_VERSION "0.1.0"
#endif
#define ZONEINFO "/usr/share/zoneinfo/"
#define ZONE_FILE_MAX (512u << 10)
#define ZONE_NAME_MAX 64

/* ---- civil time ------------------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's well-known method,
 * written out again here). */
static long long
days_of(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static void
civil_of(long long t, int *y, int *mo, int *d, int *h, int *mi, int *s)
{
    long long days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    long long secs = t - days * 86400;
    long long z = days + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)((long long)yoe + era * 400 + (m <= 2));
    *mo = (int)m;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *h = (int)(secs / 3600);
    *mi = (int)(secs / 60 % 60);
    *s = (int)(secs % 60);
}

/* "20261208T100000", with a Z when utc */
static void
ical_time(char *out, size_t n, long long t, bool utc)
{
    int y, mo, d, h, mi, s;
    civil_of(t, &y, &mo, &d, &h, &mi, &s);
    snprintf(out, n, "%04d%02d%02dT%02d%02d%02d%s", y, mo, d, h, mi, s, utc ? "Z" : "");
}

/* ---- zoneinfo (TZif, RFC 8536) --------------------------------------------------------- */

struct zone_at {
    int offset;      /* seconds east of UTC in force at the instant */
    int prev_offset; /* before the transition that began it */
    bool dst;
    long long since; /* that transition, unix seconds (LLONG_MIN: none) */
    char abbr[16];
};

static uint32_t
be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool
zone_name_ok(const char *z)
{
    size_t n = strlen(z);
    if (!n || n > ZONE_NAME_MAX || z[0] == '/' || strstr(z, ".."))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!isalnum((unsigned char)z[i]) && !strchr("/_+-", z[i]))
            return false;
    }
    return true;
}

static enum rb_err
zone_at(const char *zone, long long t, struct zone_at *z, char *errmsg)
{
    char path[sizeof ZONEINFO + ZONE_NAME_MAX];
    char *data = NULL;
    const unsigned char *p, *end;
    size_t len, timecnt, typecnt, charcnt, v1;
    long long prev_t = 0;
    size_t i, found = SIZE_MAX;
    enum rb_err e;

    memset(z, 0, sizeof *z);
    if (!zone_name_ok(zone)) {
        snprintf(errmsg, RB_ERRMSG, "time zone '%.64s': not a zone name such as Europe/Berlin",
                 zone);
        return RB_EINVAL;
    }
    snprintf(path, sizeof path, ZONEINFO "%s", zone);
    if (fs_read(path, ZONE_FILE_MAX, &data, &len, errmsg)) {
        snprintf(errmsg, RB_ERRMSG, "time zone '%s': not in %s (give a zone such as Europe/Berlin)",
                 zone, ZONEINFO);
        return RB_EINVAL;
    }
    p = (const unsigned char *)data;
    end = p + len;
    e = RB_EINVAL;
    if (len < 44 || memcmp(p, "TZif", 4) != 0 || p[4] < '2')
        goto bad;
    /* skip the 32-bit block to the 64-bit one */
    v1 = be32(p + 32) * 5 + be32(p + 36) * 6 + be32(p + 40) + be32(p + 28) * 8 + be32(p + 24) +
         be32(p + 20);
    if (v1 > len - 44 || len - 44 - v1 < 44)
        goto bad;
    p += 44 + v1;
    if (memcmp(p, "TZif", 4) != 0)
        goto bad;
    timecnt = be32(p + 32);
    typecnt = be32(p + 36);
    charcnt = be32(p + 40);
    p += 44;
    if (!typecnt || typecnt > 256 || timecnt > 100000 || charcnt > 1024 ||
        (size_t)(end - p) < timecnt * 9 + typecnt * 6 + charcnt)
        goto bad;
    for (i = 0; i < timecnt; i++) {
        const unsigned char *q = p + i * 8;
        long long tt = (long long)((uint64_t)be32(q) << 32 | be32(q + 4));
        if (i && tt <= prev_t)
            goto bad;
        prev_t = tt;
        if (tt <= t)
            found = i;
    }
    {
        const unsigned char *idx = p + timecnt * 8;
        const unsigned char *types = idx + timecnt;
        const unsigned char *chars = types + typecnt * 6;
        size_t ty = found == SIZE_MAX ? 0 : idx[found];
        size_t pty = found == SIZE_MAX || found == 0 ? ty : idx[found - 1];
        if (ty >= typecnt || pty >= typecnt)
            goto bad;
        if (found != SIZE_MAX && found + 1 == timecnt) {
            /* past the last transition the file's footer rule rules; a "fat" zoneinfo
             * lists transitions to 2037, so only far dates (or slim files) land here */
            const char *foot = (const char *)(chars + charcnt + (size_t)be32(p - 44 + 28) * 12 +
                                              be32(p - 44 + 24) + be32(p - 44 + 20));
            if (foot < (const char *)end && memchr(foot, ',', (size_t)((const char *)end - foot))) {
                snprintf(errmsg, RB_ERRMSG,
                         "time zone '%s': the zoneinfo file does not list this date's offset",
                         zone);
                goto out;
            }
        }
        z->offset = (int)(int32_t)be32(types + ty * 6);
        z->dst = types[ty * 6 + 4] != 0;
        z->prev_offset = (int)(int32_t)be32(types + pty * 6);
        if (types[ty * 6 + 5] < charcnt)
            snprintf(z->abbr, sizeof z->abbr, "%.15s", (const char *)chars + types[ty * 6 + 5]);
        z->since = found == SIZE_MAX
                       ? INT64_MIN
                       : (long long)((uint64_t)be32(p + found * 8) << 32 | be32(p + found * 8 + 4));
    }
    e = RB_OK;
    goto out;
bad:
    snprintf(errmsg, RB_ERRMSG, "time zone '%s': %s is not a zoneinfo file this reader knows", zone,
             path);
out:
    free(data);
    return e;
}

void
ical_local_text(long long t, const char *zone, char *out, size_t n)
{
    struct zone_at z;
    char msg[RB_ERRMSG];
    int y, mo, d, h, mi, s;
    bool known = zone && !zone_at(zone, t, &z, msg);
    civil_of(t + (known ? z.offset : 0), &y, &mo, &d, &h, &mi, &s);
    snprintf(out, n, "%04d-%02d-%02d %02d:%02d %s", y, mo, d, h, mi, known ? zone : "UTC");
}

enum rb_err
ical_zone_check(const char *zone, char *errmsg)
{
    struct zone_at z;
    return zone_at(zone, 0, &z, errmsg);
}

/* ---- times people type ------------------------------------------------------------------ */

static bool
digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

enum rb_err
ical_parse_time(const char *iso, const char *zone, long long *t, char *errmsg)
{
    int y, mo, d, h, mi, s = 0, oh, om, sign;
    const char *p = iso;
    bool has_offset = false;
    long long off = 0, local;

    if (!digits(p, 4, &y) || p[4] != '-' || !digits(p + 5, 2, &mo) || p[7] != '-' ||
        !digits(p + 8, 2, &d))
        goto bad;
    p += 10;
    if (!*p) {
        snprintf(errmsg, RB_ERRMSG,
                 "'%.40s' is a date without a time of day: give one such as "
                 "2026-12-08T10:00",
                 iso);
        return RB_EINVAL;
    }
    if ((*p != 'T' && *p != ' ') || !digits(p + 1, 2, &h) || p[3] != ':' || !digits(p + 4, 2, &mi))
        goto bad;
    p += 6;
    if (*p == ':') {
        if (!digits(p + 1, 2, &s))
            goto bad;
        p += 3;
        if (*p == '.')
            for (p++; isdigit((unsigned char)*p); p++)
                ;
    }
    if (*p == 'Z' || *p == 'z') {
        has_offset = true;
        p++;
    } else if (*p == '+' || *p == '-') {
        sign = *p == '-' ? -1 : 1;
        if (!digits(p + 1, 2, &oh))
            goto bad;
        p += 3;
        if (*p == ':')
            p++;
        if (!digits(p, 2, &om))
            goto bad;
        p += 2;
        if (oh > 18 || om > 59)
            goto bad;
        off = sign * (oh * 3600LL + om * 60LL);
        has_offset = true;
    }
    if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
        goto bad;
    local = days_of(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600LL + mi * 60LL + s;
    if (has_offset || !zone) {
        *t = local - off;
        return RB_OK;
    } else {
        /* local time in zone: the offset at a first guess, then at the instant it gives */
        struct zone_at z;
        enum rb_err e = zone_at(zone, local, &z, errmsg);
        if (!e)
            e = zone_at(zone, local - z.offset, &z, errmsg);
        if (!e)
            *t = local - z.offset;
        return e;
    }
bad:
    snprintf(errmsg, RB_ERRMSG,
             "'%.40s' is not an ISO 8601 time such as 2026-12-08T10:00 or "
             "2026-12-08T10:00:00+01:00",
             iso);
    return RB_EINVAL;
}

/* ---- writing ---------------------------------------------------------------------------- */

enum rb_err
ical_line(struct buf *out, const char *line, size_t len)
{
    size_t room = ICAL_LINE_MAX, i = 0;
    enum rb_err e = RB_OK;
    while (!e && len - i > room) {
        size_t cut = room;
        /* never inside a UTF-8 sequence: back up over continuation bytes */
        while (cut > 1 && ((unsigned char)line[i + cut] & 0xC0) == 0x80)
            cut--;
        e = buf_append(out, line + i, cut);
        e = e ? e : buf_puts(out, "\r\n ");
        i += cut;
        room = ICAL_LINE_MAX - 1;
    }
    e = e ? e : buf_append(out, line + i, len - i);
    return e ? e : buf_puts(out, "\r\n");
}

enum rb_err
ical_escape(struct buf *out, const char *s)
{
    enum rb_err e = RB_OK;
    for (; *s && !e; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == ';' || c == ',')
            e = buf_putc(out, '\\') ? RB_ETOOBIG : buf_putc(out, (char)c);
        else if (c == '\n')
            e = buf_puts(out, "\\n");
        else if ((c < 0x20 && c != '\t') || c == 0x7F)
            continue; /* CR and other controls have no place in TEXT */
        else
            e = buf_putc(out, (char)c);
    }
    return e;
}

/* A parameter value: quoted when it holds ':' ';' or ','; DQUOTE and controls dropped. */
static enum rb_err
param_value(struct buf *out, const char *s)
{
    bool quote = strpbrk(s, ":;,") != NULL;
    enum rb_err e = quote ? buf_putc(out, '"') : RB_OK;
    for (; *s && !e; s++) {
        unsigned char c = (unsigned char)*s;
        if (c != '"' && (c >= 0x20 || c == '\t') && c != 0x7F)
            e = buf_putc(out, (char)c);
    }
    return e ? e : quote ? buf_putc(out, '"') : RB_OK;
}

static bool
address_ok(const char *a)
{
    if (!a || !*a || strlen(a) > 254 || !strchr(a, '@'))
        return false;
    for (; *a; a++) {
        unsigned char c = (unsigned char)*a;
        if (c <= 0x20 || c == 0x7F || c == ':' || c == ';' || c == ',' || c == '"')
            return false;
    }
    return true;
}

/* one property from its parts in b (reset first), folded into out */
static enum rb_err
put(struct buf *out, struct buf *b)
{
    enum rb_err e = ical_line(out, buf_str(b), b->len);
    buf_reset(b);
    return e;
}

static enum rb_err
person(struct buf *out, struct buf *b, const char *prop, const char *extra,
       const struct ical_person *p)
{
    enum rb_err e = buf_puts(b, prop);
    if (!e && p->name && *p->name) {
        e = buf_puts(b, ";CN=");
        e = e ? e : param_value(b, p->name);
    }
    e = e ? e : buf_printf(b, "%s:mailto:%s", extra, p->email);
    return e ? e : put(out, b);
}

enum rb_err
ical_write(const struct ical_event *ev, struct buf *out, char *errmsg)
{
    struct buf b;
    struct zone_at z = {0};
    char t1[80], t2[80];
    enum rb_err e = RB_OK;

    if (!address_ok(ev->organizer.email)) {
        snprintf(errmsg, RB_ERRMSG, "organizer: '%.80s' is not an address an invite can name",
                 ev->organizer.email ? ev->organizer.email : "");
        return RB_EINVAL;
    }
    for (size_t i = 0; i < ev->nattendees; i++) {
        if (!address_ok(ev->attendees[i].email)) {
            snprintf(errmsg, RB_ERRMSG, "attendee: '%.80s' is not an address an invite can name",
                     ev->attendees[i].email ? ev->attendees[i].email : "");
            return RB_EINVAL;
        }
    }
    if (ev->zone && (e = zone_at(ev->zone, ev->start, &z, errmsg)))
        return e;
    buf_init(&b, ICAL_MAX);
#define LINE(...) (e = e ? e : buf_printf(&b, __VA_ARGS__), e = e ? e : put(out, &b))
    LINE("BEGIN:VCALENDAR");
    LINE("PRODID:-//Rubric//Interviews %s//EN", RUBRIC_VERSION);
    LINE("VERSION:2.0");
    LINE("CALSCALE:GREGORIAN");
    LINE("METHOD:%s", ev->cancel ? "CANCEL" : "REQUEST");
    if (ev->zone) {
        LINE("BEGIN:VTIMEZONE");
        LINE("TZID:%s", ev->zone);
        LINE("BEGIN:%s", z.dst ? "DAYLIGHT" : "STANDARD");
        /* the onset in the local time in force before it (RFC 5545, 3.6.5) */
        ical_time(t1, sizeof t1, z.since == INT64_MIN ? 0 : z.since + z.prev_offset, false);
        LINE("DTSTART:%s", t1);
        LINE("TZOFFSETFROM:%c%02d%02d", z.prev_offset < 0 ? '-' : '+', abs(z.prev_offset) / 3600,
             abs(z.prev_offset) / 60 % 60);
        LINE("TZOFFSETTO:%c%02d%02d", z.offset < 0 ? '-' : '+', abs(z.offset) / 3600,
             abs(z.offset) / 60 % 60);
        if (z.abbr[0] && isalpha((unsigned char)z.abbr[0]))
            LINE("TZNAME:%s", z.abbr);
        LINE("END:%s", z.dst ? "DAYLIGHT" : "STANDARD");
        LINE("END:VTIMEZONE");
    }
    LINE("BEGIN:VEVENT");
    e = e ? e : buf_puts(&b, "UID:");
    e = e ? e : ical_escape(&b, ev->uid);
    e = e ? e : put(out, &b);
    LINE("SEQUENCE:%lld", ev->sequence);
    ical_time(t1, sizeof t1, ev->stamp, true);
    LINE("DTSTAMP:%s", t1);
    if (ev->zone) {
        ical_time(t2, sizeof t2, ev->start + z.offset, false);
        LINE("DTSTART;TZID=%s:%s", ev->zone, t2);
    } else {
        ical_time(t2, sizeof t2, ev->start, true);
        LINE("DTSTART:%s", t2);
    }
    LINE("DURATION:PT%dM", ev->minutes);
    e = e ? e : buf_puts(&b, "SUMMARY:");
    e = e ? e : ical_escape(&b, ev->summary ? ev->summary : "Interview");
    e = e ? e : put(out, &b);
    if (ev->description) {
        e = e ? e : buf_puts(&b, "DESCRIPTION:");
        e = e ? e : ical_escape(&b, ev->description);
        e = e ? e : put(out, &b);
    }
    e = e ? e : person(out, &b, "ORGANIZER", "", &ev->organizer);
    for (size_t i = 0; i < ev->nattendees && !e; i++)
        e = person(out, &b, "ATTENDEE", ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE",
                   &ev->attendees[i]);
    LINE("STATUS:%s", ev->cancel ? "CANCELLED" : "CONFIRMED");
    LINE("TRANSP:OPAQUE");
    LINE("END:VEVENT");
    LINE("END:VCALENDAR");
#undef LINE
    buf_cleanup(&b);
    if (e)
        snprintf(errmsg, RB_ERRMSG, "the invite is over %u bytes", ICAL_MAX);
    return e;
}
