/* SPDX-License-Identifier: MIT */
/*
 * A parse's JSON written straight into a buffer, byte for byte what jansson's json_dumps
 * with JSON_COMPACT gives for resume_to_json's tree, without building the tree: the
 * screening pipeline writes one for every resume it keeps, and the tree's allocations,
 * format-string packing and freeing cost more than the understanding of the resume did.
 * What jansson would refuse is left out as it leaves it out: a string that is not valid
 * UTF-8 (its key or array element is dropped) and a number that is not finite.
 */
#include "resume/resume.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"

/* The buffer written to, and the first error (the buffer's maximum reached): once set,
 * nothing more is written. */
struct jw {
    struct buf *b;
    enum rb_err rc;
};

/* Most appends are a few bytes into room the buffer already has: copied here without
 * buf_append's checks and terminating NUL (resume_json_write ends the text). The room is
 * within the buffer's maximum, which bounds its capacity. */
static void
jw_append(struct jw *w, const char *p, size_t n)
{
    struct buf *b = w->b;
    if (w->rc)
        return;
    if (b->data && b->len + n < b->cap) {
        memcpy(b->data + b->len, p, n);
        b->len += n;
    } else {
        w->rc = buf_append(b, p, n);
    }
}

/* "s" (n bytes, nothing in them to escape): one check of the room for the three parts. */
static void
jw_quoted(struct jw *w, const char *s, size_t n)
{
    struct buf *b = w->b;
    if (!w->rc && b->data && b->len + n + 2 < b->cap) {
        b->data[b->len] = '"';
        memcpy(b->data + b->len + 1, s, n);
        b->data[b->len + n + 1] = '"';
        b->len += n + 2;
    } else {
        jw_append(w, "\"", 1);
        jw_append(w, s, n);
        jw_append(w, "\"", 1);
    }
}

static void
jw_puts(struct jw *w, const char *s)
{
    jw_append(w, s, strlen(s));
}

static void
jw_putc(struct jw *w, char c)
{
    jw_append(w, &c, 1);
}

/* What a string needs: STR_BAD, jansson would refuse it (not UTF-8); STR_PLAIN, printable
 * ASCII without '"' or '\\', written as it is (nearly every string of a parse); STR_ESCAPE,
 * the rest, written by put_str. */
enum str_kind { STR_BAD, STR_PLAIN, STR_ESCAPE };

static enum str_kind
str_kind(const char *s, size_t *len)
{
    size_t i = 0, bad;
    while (s[i] >= 0x20 && s[i] < 0x7F && s[i] != '"' && s[i] != '\\')
        i++;
    if (!s[i]) {
        *len = i;
        return STR_PLAIN;
    }
    i += strlen(s + i);
    *len = i;
    return text_utf8_valid(s, i, &bad) ? STR_ESCAPE : STR_BAD;
}

/* Whether jansson would take s as a string. */
static bool
str_ok(const char *s)
{
    size_t len;
    return str_kind(s, &len) != STR_BAD;
}

/* s as jansson writes a string: '"' and '\\' escaped, the control characters with the
 * short escapes JSON has (\b \f \n \r \t) or as \u00XX in capitals, the rest as it is. */
static void
put_str(struct jw *b, const char *s)
{
    const char *run = s;
    size_t len;
    if (str_kind(s, &len) == STR_PLAIN) {
        jw_quoted(b, s, len);
        return;
    }
    jw_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        jw_append(b, run, (size_t)(s - run));
        run = s + 1;
        switch (c) {
        case '"':
            jw_puts(b, "\\\"");
            break;
        case '\\':
            jw_puts(b, "\\\\");
            break;
        case '\b':
            jw_puts(b, "\\b");
            break;
        case '\f':
            jw_puts(b, "\\f");
            break;
        case '\n':
            jw_puts(b, "\\n");
            break;
        case '\r':
            jw_puts(b, "\\r");
            break;
        case '\t':
            jw_puts(b, "\\t");
            break;
        default:
            snprintf(esc, sizeof esc, "\\u%04X", c);
            jw_puts(b, esc);
        }
    }
    jw_append(b, run, (size_t)(s - run));
    jw_putc(b, '"');
}

/* Reals formatted lately, by their bits: printf's 17 digits cost a microsecond each, and the
 * confidences of a parse take a handful of values. One cache a thread (screening writes from
 * several). */
#define REALS 64
static _Thread_local struct {
    uint64_t bits;
    char text[31];
    unsigned char len; /* 0: empty */
} reals[REALS];

/* A real as jansson writes one: 17 significant digits, ".0" when that reads as an integer,
 * and an exponent without its '+' or leading zeros. */
static void
put_real(struct jw *b, double v)
{
    char d[40], *e;
    uint64_t bits;
    size_t slot;
    int n;
    memcpy(&bits, &v, sizeof bits);
    slot = (size_t)((bits * 0x9E3779B97F4A7C15u) >> 58);
    if (reals[slot].len && reals[slot].bits == bits) {
        jw_append(b, reals[slot].text, reals[slot].len);
        return;
    }
    n = snprintf(d, sizeof d, "%.17g", v);
    if (n < 0 || (size_t)n >= sizeof d - 3)
        return; /* "%.17g" of a finite double is at most 24 bytes */
    if (!strchr(d, '.') && !strchr(d, 'e')) {
        memcpy(d + n, ".0", 3);
        n += 2;
    }
    e = strchr(d, 'e');
    if (e) {
        char *from = e + 1, *to = e + 1;
        if (*from == '-')
            from++, to++;
        else if (*from == '+')
            from++;
        while (*from == '0' && from[1])
            from++;
        memmove(to, from, strlen(from) + 1);
        n = (int)strlen(d);
    }
    if ((size_t)n < sizeof reals[slot].text) {
        memcpy(reals[slot].text, d, (size_t)n);
        reals[slot].len = (unsigned char)n;
        reals[slot].bits = bits;
    }
    jw_append(b, d, (size_t)n);
}

/* Separators of an object or array being written: a comma before every member but the
 * first. */
struct seq {
    struct jw *b;
    bool any;
};

static void
next(struct seq *q)
{
    if (q->any)
        jw_putc(q->b, ',');
    q->any = true;
}

/* "key": before a value, given as qk, the key already quoted with its colon (qn bytes): keys
 * are this file's own words, nothing to escape, and each member is then one append instead
 * of three and a strlen. The macros below take the key as a string literal. */
static void
key_q(struct seq *q, const char *qk, size_t qn)
{
    next(q);
    jw_append(q->b, qk, qn);
}

#define QUOTED(k) "\"" k "\":", sizeof(k) + 2
#define key(q, k) key_q((q), QUOTED(k))
#define member_str(q, k, s) member_str_q((q), QUOTED(k), (s))
#define member_real(q, k, v) member_real_q((q), QUOTED(k), (v))
#define member_strs(q, k, v, n) member_strs_q((q), QUOTED(k), (v), (n))

/* "key":"s", or "key":null when s is NULL; nothing when jansson would refuse s. */
static void
member_str_q(struct seq *q, const char *qk, size_t qn, const char *s)
{
    size_t len = 0;
    enum str_kind kind = s ? str_kind(s, &len) : STR_PLAIN;
    if (kind == STR_BAD)
        return;
    key_q(q, qk, qn);
    if (!s) {
        jw_puts(q->b, "null");
    } else if (kind == STR_PLAIN) {
        jw_quoted(q->b, s, len);
    } else {
        put_str(q->b, s);
    }
}

static void
member_real_q(struct seq *q, const char *qk, size_t qn, double v)
{
    if (!isfinite(v))
        return;
    key_q(q, qk, qn);
    put_real(q->b, v);
}

/* "key":[...] of n strings, those jansson would refuse left out. */
static void
member_strs_q(struct seq *q, const char *qk, size_t qn, char *const *v, size_t n)
{
    struct seq a = {q->b, false};
    key_q(q, qk, qn);
    jw_putc(q->b, '[');
    for (size_t i = 0; i < n; i++)
        if (str_ok(v[i])) {
            next(&a);
            put_str(q->b, v[i]);
        }
    jw_putc(q->b, ']');
}

/* An integer as jansson writes one ("%lld"), without printf: a resume has hundreds (each
 * skill's mentions, last year and positions). */
static void
put_int(struct jw *w, long long v)
{
    char d[24];
    size_t i = sizeof d;
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    do {
        d[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        d[--i] = '-';
    jw_append(w, d + i, sizeof d - i);
}

/* dates_format (unknown month: the first) and dates_format_end (the last) without printf
 * for the years and months a parse holds; printf for anything else. */
static void
month_text(struct ym m, int unknown, char *out, size_t n)
{
    int mo = m.month ? m.month : unknown;
    if (m.year < 0 || m.year > 9999 || mo < 0 || mo > 99 || n < 8) {
        if (unknown == 1)
            dates_format(m, out, n);
        else
            dates_format_end(m, out, n);
        return;
    }
    out[0] = (char)('0' + m.year / 1000);
    out[1] = (char)('0' + m.year / 100 % 10);
    out[2] = (char)('0' + m.year / 10 % 10);
    out[3] = (char)('0' + m.year % 10);
    out[4] = '-';
    out[5] = (char)('0' + mo / 10);
    out[6] = (char)('0' + mo % 10);
    out[7] = '\0';
}

enum rb_err
resume_json_write(const struct resume *r, const struct skills *taxonomy, const char *file,
                  const char *format, struct buf *buf)
{
    struct jw w = {buf, RB_OK}, *out = &w;
    struct seq o = {out, false}, a;
    char d[16];

    jw_putc(out, '{');
    if (file)
        member_str(&o, "file", file);
    member_str(&o, "format", format);
    member_str(&o, "name", r->name);
    member_real(&o, "name_confidence", r->name ? r->name_confidence : 0);
    member_str(&o, "email", r->email);
    member_real(&o, "email_confidence", r->email ? r->email_confidence : 0);
    member_str(&o, "phone", r->phone);
    member_real(&o, "phone_confidence", r->phone ? r->phone_confidence : 0);
    member_strs(&o, "links", r->links, r->nlinks);

    key(&o, "skills");
    jw_putc(out, '[');
    a = (struct seq){out, false};
    for (size_t i = 0; i < r->nskills; i++) {
        const struct resume_skill *k = &r->skills[i];
        const char *name = taxonomy->v[k->skill].name;
        struct seq s = {out, false}, in = {out, false};
        if (!str_ok(name))
            continue;
        next(&a);
        jw_putc(out, '{');
        member_str(&s, "skill", name);
        key(&s, "mentions");
        /* json_pack's "i" takes an int */
        put_int(out, (int)k->mentions);
        key(&s, "last_used");
        if (k->last_used)
            put_int(out, k->last_used);
        else
            jw_puts(out, "null");
        key(&s, "positions");
        jw_putc(out, '[');
        for (size_t p = 0; p < r->npositions && p < 64; p++)
            if (k->positions & ((uint64_t)1 << p)) {
                next(&in);
                put_int(out, (long long)p);
            }
        jw_puts(out, "]}");
    }
    jw_putc(out, ']');

    key(&o, "positions");
    jw_putc(out, '[');
    a = (struct seq){out, false};
    for (size_t i = 0; i < r->npositions; i++) {
        const struct position *p = &r->positions[i];
        struct seq s = {out, false};
        next(&a);
        jw_putc(out, '{');
        member_str(&s, "title", p->title);
        member_str(&s, "company", p->company);
        month_text(p->range.start, 1, d, sizeof d);
        member_str(&s, "start", d);
        if (p->range.present) {
            member_str(&s, "end", NULL);
        } else {
            month_text(p->range.end, 12, d, sizeof d);
            member_str(&s, "end", d);
        }
        member_real(&s, "confidence", p->confidence);
        jw_putc(out, '}');
    }
    jw_putc(out, ']');

    member_real(&o, "experience_years", (double)r->experience_months / 12.0);
    member_strs(&o, "education", r->education, r->neducation);
    member_strs(&o, "projects", r->projects, r->nprojects);
    member_strs(&o, "certifications", r->certifications, r->ncertifications);
    member_strs(&o, "warnings", r->warnings, r->nwarnings);
    jw_putc(out, '}');
    if (buf->data)
        buf->data[buf->len] = '\0';
    return w.rc;
}
