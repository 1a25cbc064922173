/* SPDX-License-Identifier: MIT */
/*
 * Plain-text tables for terminals: columns sized to their content, one flexible column
 * truncated to fit the terminal's width, numbers right-aligned. Widths count characters,
 * not bytes.
 */
#ifndef RUBRIC_UTIL_TABLE_H
#define RUBRIC_UTIL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define TABLE_MAX_COLS 16

struct table {
    size_t ncols;
    const char *head[TABLE_MAX_COLS];
    bool right[TABLE_MAX_COLS]; /* right-align (numbers) */
    int flex;                   /* the column that shrinks to fit, or -1 */
    char **cells;               /* nrows * ncols new strings */
    size_t nrows, cap;
};

/* Starts a table with ncols columns; a header beginning with '>' is right-aligned (the '>'
 * is not printed). */
void table_init(struct table *t, size_t ncols, const char *const *head, int flex);
void table_cleanup(struct table *t);
/* Adds a row of ncols cells (copied; NULL prints as empty). */
void table_add(struct table *t, const char *const *cells);
/* Prints the table to out, at most width characters wide (0: no limit). */
void table_print(const struct table *t, FILE *out, size_t width);

/* The width of the terminal on fd, or 0 when fd is not a terminal. */
size_t term_width(int fd);
/* The display width of a UTF-8 string. */
size_t text_width(const char *s);

#endif
