/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: interview times as clients send them (`--at`, the API's scheduled_at), read by
 * core/interview.c for `rubric interview list --upcoming`. Any bytes must be refused or give
 * a time that reads back the same, never a crash, overread or undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/interview.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *t = malloc(size + 1);
    long long a, b;
    if (!t)
        return 0;
    memcpy(t, data, size);
    t[size] = '\0';
    if (interview_time_parse(t, &a)) {
        /* the same text always gives the same time */
        if (!interview_time_parse(t, &b) || a != b)
            abort();
    }
    free(t);
    return 0;
}
