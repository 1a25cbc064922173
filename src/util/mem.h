/* SPDX-License-Identifier: MIT */
/*
 * Allocation that cannot fail. Out of memory aborts the process (as in Redis and Kore), so
 * callers stay simple; in exchange every allocation whose size comes from input is capped by
 * a limit checked before the call.
 */
#ifndef RUBRIC_UTIL_MEM_H
#define RUBRIC_UTIL_MEM_H

#include <stddef.h>

/* Each returns new memory (free with free()) or aborts. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows *items (of *cap elements of size elsize) so that it can hold need elements. */
void xgrow(void *items, size_t *cap, size_t need, size_t elsize);

#endif
