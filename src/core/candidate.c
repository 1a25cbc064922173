/* SPDX-License-Identifier: MIT */
/* The candidate stages (core/candidate.h). */
#include "core/candidate.h"

#include <string.h>

static const char *const stages[] = {"applied", "screened", "interviewing", "offer",
                                     "hired",   "rejected", "withdrawn"};

const char *
candidate_stage_nth(size_t i)
{
    return i < sizeof stages / sizeof stages[0] ? stages[i] : NULL;
}

bool
candidate_stage_known(const char *stage)
{
    for (size_t i = 0; stage && i < sizeof stages / sizeof stages[0]; i++)
        if (strcmp(stage, stages[i]) == 0)
            return true;
    return false;
}
