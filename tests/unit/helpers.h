/* SPDX-License-Identifier: MIT */
/* What the unit tests share. */
#ifndef RUBRIC_TESTS_HELPERS_H
#define RUBRIC_TESTS_HELPERS_H

#include <stdbool.h>
#include <string.h>

#include "util/diag.h"

/* Whether d holds a problem at line (0: any line) whose message contains needle. */
static inline bool
has_problem(const struct diags *d, int line, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if ((line == 0 || d->items[i].line == line) && strstr(d->items[i].msg, needle))
            return true;
    return false;
}

#endif
