/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: date ranges in arbitrary text, and the experience they add up to. Any input
 * must give well-formed ranges (inside the text, valid months and years, never backwards),
 * never a crash or undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>

#include "resume/dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct date_range r[64];
    struct ym today = {2026, 11};
    size_t n = dates_find((const char *)data, size, r, 64);

    for (size_t i = 0; i < n; i++) {
        int a, b;
        if (r[i].begin >= r[i].stop || r[i].stop > size || r[i].start.month < 0 ||
            r[i].start.month > 12 || r[i].start.year < 1950 || r[i].start.year > 2100)
            abort();
        if (!r[i].present && (r[i].end.month < 0 || r[i].end.month > 12))
            abort();
        if (!r[i].present && !dates_span(&r[i], today, &a, &b))
            abort(); /* a backwards range is never reported */
        if (i && r[i].begin < r[i - 1].stop)
            abort(); /* in order, not overlapping */
    }
    if (dates_union_months(r, n, today) < 0)
        abort();
    return 0;
}
