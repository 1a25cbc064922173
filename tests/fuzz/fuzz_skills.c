/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: skills taxonomy files, parsed, checked and looked up. Any input must give
 * skills and/or problems, never a crash, a leak or undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>

#include "model/skills.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct skills s;
    struct diags d;

    skills_init(&s);
    diags_init(&d, 50);
    skills_parse(&s, "fuzz.txt", (const char *)data, size, &d);
    skills_parse(&s, "again.txt", (const char *)data, size, &d);
    skills_check(&s, &d);
    for (size_t i = 0; i < s.n; i++)
        (void)skills_lookup(&s, s.v[i].name);
    skills_cleanup(&s);
    diags_cleanup(&d);
    return 0;
}
