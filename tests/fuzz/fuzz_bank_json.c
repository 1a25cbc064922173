/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: reading a bank export (JSON) back, and checking what was read. Any input must
 * give questions and/or problems naming the JSON path, never a crash or a leak.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/bank.h"
#include "core/bank_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bank b;
    struct diags d;

    diags_init(&d, 50);
    bank_init(&b);
    bank_from_json(&b, "fuzz.json", (const char *)data, size, &d);
    bank_check(&b, 0, &d);
    bank_cleanup(&b);
    diags_cleanup(&d);
    return 0;
}
