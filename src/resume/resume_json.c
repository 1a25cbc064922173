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

static void
jw_append(struct jw *w, const char *p, size_t n)
{
    if (!w->rc)
        w->rc = buf_append(w->b, p, n);
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

/* Whether jansson would take s as a string. */
static bool
str_ok(const char *s)
{
    size_t bad;
    return text_utf8_valid(s, strlen(s), &bad);
}

/* s as jansson writes a string: '"' and '\\' escaped, the control characters with the
 * short escapes JSON has (\b \f \n \r \t) or as \u00XX in capitals, the rest as it is. */
static void
put_str(struct jw *b, const char *s)
{
    const char *run = s;
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

/* A real as jansson writes one: 17 significant digits, ".0" when that reads as an integer,
 * and an exponent without its '+' or leading zeros. */
static void
put_real(struct jw *b, double v)
{
    char d[40], *e;
    int n = snprintf(d, sizeof d, "%.17g", v);
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

/* "key": before a value. */
static void
key(struct seq *q, const char *k)
{
    next(q);
    put_str(q->b, k);
    jw_putc(q->b, ':');
}

/* "key":"s", or "key":null when s is NULL; nothing when jansson would refuse s. */
static void
member_str(struct seq *q, const char *k, const char *s)
{
    if (s && !str_ok(s))
        return;
    key(q, k);
    if (s)
        put_str(q->b, s);
    else
        jw_puts(q->b, "null");
}

static void
member_real(struct seq *q, const char *k, double v)
{
    if (!isfinite(v))
        return;
    key(q, k);
    put_real(q->b, v);
}

/* "key":[...] of n strings, those jansson would refuse left out. */
static void
member_strs(struct seq *q, const char *k, char *const *v, size_t n)
{
    struct seq a = {q->b, false};
    key(q, k);
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
        dates_format(p->range.start, d, sizeof d);
        member_str(&s, "start", d);
        if (p->range.present) {
            member_str(&s, "end", NULL);
        } else {
            dates_format_end(p->range.end, d, sizeof d);
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
    return w.rc;
}
