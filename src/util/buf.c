/* SPDX-License-Identifier: MIT */
/* Bounded growable buffers. */
#include "util/buf.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

void
buf_init(struct buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void
buf_cleanup(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static enum rb_err
reserve(struct buf *b, size_t extra)
{
    size_t need, cap;

    if (extra > b->max || b->len > b->max - extra)
        return RB_ETOOBIG;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return RB_OK;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    if (cap > b->max + 1)
        cap = b->max + 1;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
    return RB_OK;
}

enum rb_err
buf_append(struct buf *b, const void *p, size_t n)
{
    enum rb_err rc = reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return RB_OK;
}

enum rb_err
buf_puts(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

enum rb_err
buf_putc(struct buf *b, char c)
{
    return buf_append(b, &c, 1);
}

enum rb_err
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    enum rb_err rc;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return RB_EINVAL;
    rc = reserve(b, (size_t)n);
    if (rc)
        return rc;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return RB_OK;
}

enum rb_err
buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    enum rb_err rc;

    va_start(ap, fmt);
    rc = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

const char *
buf_str(const struct buf *b)
{
    return b->data ? b->data : "";
}

char *
buf_take(struct buf *b)
{
    char *s = b->data ? b->data : xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

enum rb_err
buf_json_string(struct buf *b, const char *s)
{
    enum rb_err rc = buf_putc(b, '"');
    const char *run = s;

    for (; *s && !rc; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        rc = buf_append(b, run, (size_t)(s - run));
        if (!rc && c == '"')
            rc = buf_puts(b, "\\\"");
        else if (!rc && c == '\\')
            rc = buf_puts(b, "\\\\");
        else if (!rc && c == '\n')
            rc = buf_puts(b, "\\n");
        else if (!rc)
            rc = buf_printf(b, "\\u%04x", c);
        run = s + 1;
    }
    if (!rc)
        rc = buf_append(b, run, (size_t)(s - run));
    return rc ? rc : buf_putc(b, '"');
}

enum rb_err
buf_csv(struct buf *b, const char *s)
{
    bool quote = false;
    enum rb_err rc = RB_OK;
    if (!s)
        s = "";
    for (const char *p = s; *p; p++)
        if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
            quote = true;
    if (quote)
        rc = buf_putc(b, '"');
    if (!rc && *s && strchr("=+-@\t\r", *s))
        rc = buf_putc(b, '\'');
    for (const char *p = s; *p && !rc; p++)
        rc = *p == '"' ? buf_puts(b, "\"\"") : buf_putc(b, *p);
    if (!rc && quote)
        rc = buf_putc(b, '"');
    return rc;
}

enum rb_err
buf_html(struct buf *b, const char *s)
{
    enum rb_err rc = RB_OK;
    for (; *s && !rc; s++) {
        switch (*s) {
        case '&':
            rc = buf_puts(b, "&amp;");
            break;
        case '<':
            rc = buf_puts(b, "&lt;");
            break;
        case '>':
            rc = buf_puts(b, "&gt;");
            break;
        case '"':
            rc = buf_puts(b, "&quot;");
            break;
        case '\'':
            rc = buf_puts(b, "&#39;");
            break;
        default:
            rc = buf_putc(b, *s);
        }
    }
    return rc;
}
