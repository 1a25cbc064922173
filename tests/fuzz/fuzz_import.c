/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the Markdown question-list importer on arbitrary bytes, and the JSON it
 * reports. Any input must give questions or an error, never a crash, a leak or undefined
 * behaviour.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/bank.h"
#include "core/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct import_set set;
    struct diags d;
    char msg[RB_ERRMSG];
    json_t *j;

    diags_init(&d, 50);
    import_set_init(&set);
    import_markdown("fuzz.md", (const char *)data, size, "fuzz", "imported", &set, msg);
    j = import_to_json(&set, NULL);
    json_decref(j);
    for (size_t i = 0; i < set.n; i++)
        question_check(&set.qs[i], 0, &d);
    import_set_cleanup(&set);
    diags_cleanup(&d);
    return 0;
}
