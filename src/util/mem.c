/* SPDX-License-Identifier: MIT */
/* Allocation wrappers: abort on exhaustion, never return NULL. */
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
oom(size_t n)
{
    fprintf(stderr, "rubric: out of memory allocating %zu bytes\n", n);
    abort();
}

void *
xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *
xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        oom(count * size);
    return p;
}

void *
xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *
xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *
xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

void
xgrow(void *items, size_t *cap, size_t need, size_t elsize)
{
    void **pp = items;
    size_t n = *cap ? *cap : 8;
    if (need <= *cap)
        return;
    while (n < need)
        n *= 2;
    *pp = xrealloc(*pp, n * elsize);
    *cap = n;
}
