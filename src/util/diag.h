/* SPDX-License-Identifier: MIT */
/*
 * Diagnostics: problems found in user input, each tied to a place (file and line) so the
 * user can go straight to it. Parsers collect them instead of stopping at the first.
 */
#ifndef RUBRIC_UTIL_DIAG_H
#define RUBRIC_UTIL_DIAG_H

#include <stddef.h>
#include <stdio.h>

struct diag {
    char *file; /* may be NULL when the problem has no file */
    int line;   /* 0 when unknown */
    char *msg;  /* lowercase, no full stop */
};

struct diags {
    struct diag *items;
    size_t n, cap;
    size_t max; /* after this many, further problems are only counted */
    size_t dropped;
};

/* Initialises an empty list that keeps at most max problems (0: a default of 1000). */
void diags_init(struct diags *d, size_t max);
void diags_cleanup(struct diags *d);
/* Records a problem at file:line (file is copied). */
void diags_add(struct diags *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Number of problems recorded, dropped ones included. */
size_t diags_count(const struct diags *d);
/* Sorts by file then line, keeping the order of problems at the same place. */
void diags_sort(struct diags *d);
/* Writes each problem as "file:line: message". */
void diags_print(const struct diags *d, FILE *out);

#endif
