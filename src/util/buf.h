/* SPDX-License-Identifier: MIT */
/*
 * Growable byte buffers with a maximum size (as in curl's dynbuf): input can never grow one
 * past the limit it was created with. The content is always NUL-terminated.
 */
#ifndef RUBRIC_UTIL_BUF_H
#define RUBRIC_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util/err.h"

struct buf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
    size_t max; /* the most bytes it may hold, excluding the NUL */
};

/* Initialises an empty buffer that refuses to grow past max bytes. */
void buf_init(struct buf *b, size_t max);
/* Frees the content; the buffer is empty and reusable afterwards. Accepts a zeroed buf. */
void buf_cleanup(struct buf *b);
/* Empties the buffer but keeps its memory. */
void buf_reset(struct buf *b);

/* Append n bytes, a string, a byte or formatted text. RB_ETOOBIG (and nothing appended) when
 * the result would exceed the maximum. */
enum rb_err buf_append(struct buf *b, const void *p, size_t n);
enum rb_err buf_puts(struct buf *b, const char *s);
enum rb_err buf_putc(struct buf *b, char c);
enum rb_err buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
enum rb_err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Appends s as a JSON string literal, quotes included: '"' and '\\' escaped, control
 * characters as \\uXXXX. s must be valid UTF-8 (it is copied through as is). */
enum rb_err buf_json_string(struct buf *b, const char *s);

/* Appends s as one CSV cell (RFC 4180): quoted when it holds a comma, quote or line break,
 * quotes doubled, and a leading = + - @ tab or CR defused with an apostrophe so that a
 * spreadsheet does not run a formula from a name or a title. s may be NULL (empty). */
enum rb_err buf_csv(struct buf *b, const char *s);

/* Appends s with &, <, >, " and ' as HTML entities. */
enum rb_err buf_html(struct buf *b, const char *s);

/* Returns the content (never NULL; "" when empty), borrowed until the next change. */
const char *buf_str(const struct buf *b);
/* Returns the content as a new string (free with free()) and empties the buffer. */
char *buf_take(struct buf *b);

#endif
