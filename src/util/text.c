/* SPDX-License-Identifier: MIT */
/* Unicode helpers over utf8proc. */
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/buf.h"
#include "util/mem.h"

bool
text_utf8_valid(const char *s, size_t n, size_t *bad)
{
    size_t i = 0;

    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        if ((unsigned char)s[i] < 0x80) {
            if (s[i] == '\0')
                goto fail;
            i++;
            continue;
        }
        k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k < 0)
            goto fail;
        i += (size_t)k;
    }
    return true;
fail:
    if (bad)
        *bad = i;
    return false;
}

int
text_line_at(const char *s, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n')
            line++;
    return line;
}

char *
text_utf8_clean(const char *s, size_t n)
{
    struct buf b;
    size_t i = 0;
    buf_init(&b, n * 3 + 1);
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = -1;
        if (s[i] != '\0')
            k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k < 0) {
            buf_puts(&b, "\xEF\xBF\xBD");
            i++;
        } else {
            buf_append(&b, s + i, (size_t)k);
            i += (size_t)k;
        }
    }
    return buf_take(&b);
}

char *
text_fold(const char *s, size_t n)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r;
    char *clean = NULL;
    size_t bad;

    /* Most text is ASCII: lowercasing is all that folding does to it. */
    {
        size_t i = 0;
        while (i < n && (unsigned char)s[i] < 0x80 && s[i])
            i++;
        if (i == n) {
            char *low = xmalloc(n + 1);
            for (i = 0; i < n; i++)
                low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
            low[n] = '\0';
            return low;
        }
    }
    /* utf8proc refuses invalid input outright; replace bad bytes so folding never fails. */
    if (!text_utf8_valid(s, n, &bad)) {
        clean = text_utf8_clean(s, n);
        s = clean;
        n = strlen(clean);
    }
    r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
                     UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                         UTF8PROC_STRIPMARK);
    free(clean);
    if (r < 0)
        return xstrndup("", 0);
    /* utf8proc allocates with malloc; hand it on as ours. */
    return (char *)out;
}

static bool
is_word_cp(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

int
text_words(const char *s, size_t n, text_word_fn fn, void *ctx)
{
    size_t i = 0, start = 0;
    bool in = false;

    while (i <= n) {
        utf8proc_int32_t cp = -1;
        utf8proc_ssize_t k = 1;
        bool word = false;
        if (i < n && (unsigned char)s[i] < 0x80) {
            /* ASCII needs no table look-up */
            char c = s[i];
            cp = (unsigned char)c;
            word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        } else if (i < n) {
            k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            if (k < 0) {
                k = 1;
                cp = -1;
            }
            word = cp >= 0 && is_word_cp(cp);
        }
        if (word) {
            if (!in) {
                start = i;
                in = true;
            }
        } else if (in) {
            size_t end = i;
            int r;
            while (end < n && (s[end] == '+' || s[end] == '#') && end - i < 2)
                end++;
            r = fn(s + start, end - start, ctx);
            if (r)
                return r;
            in = false;
            if (end > i) {
                i = end;
                continue;
            }
        }
        i += (size_t)k;
    }
    return 0;
}

const char *
text_trim(const char *s, size_t *n)
{
    size_t len = *n;
    while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
        s++;
        len--;
    }
    while (len &&
           (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    *n = len;
    return s;
}

uint64_t
text_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

char *
text_slug(const char *s, size_t n, size_t max)
{
    struct buf b;
    bool dash = false;

    buf_init(&b, max);
    for (size_t i = 0; i < n && b.len < max; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && b.len && b.len + 1 < max)
                buf_putc(&b, '-');
            dash = false;
            buf_putc(&b, c);
        } else {
            dash = true;
        }
    }
    if (!b.len)
        buf_putc(&b, 'x');
    return buf_take(&b);
}

const char *
text_clip(const char *s, char *out)
{
    size_t len = strlen(s), cut = TEXT_CLIP_MAX - 20;

    if (len < TEXT_CLIP_MAX)
        return s;
    /* back to the first byte of a UTF-8 character */
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    snprintf(out, TEXT_CLIP_SIZE, "%.*s... (%zu bytes)", (int)cut, s, len);
    return out;
}
