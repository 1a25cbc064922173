/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: role files (Markdown) and job descriptions (JSON Resume), the two ways a role
 * gets in. Any input must give a role and/or problems, never a crash, a leak or undefined
 * behaviour. The first byte chooses the parser.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/role.h"
#include "core/role_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct role_set set;
    struct diags d;
    char msg[RB_ERRMSG];

    if (!size)
        return 0;
    role_set_init(&set);
    diags_init(&d, 50);
    if (data[0] & 1) {
        struct role r;
        static const char *const known[] = {"api-design", "data-storage", NULL};
        if (role_import_job("job.json", (const char *)data + 1, size - 1, NULL, known, NULL, &r, &d,
                            msg) == RB_OK) {
            json_t *j = role_to_json(&r);
            json_decref(j);
            role_cleanup(&r);
        }
    } else {
        role_parse(&set, "role.md", (const char *)data + 1, size - 1, &d);
        role_check(&set, NULL, NULL, &d);
        for (size_t i = 0; i < set.n; i++) {
            json_t *j = role_to_json(&set.v[i]);
            struct role back;
            if (role_from_json(j, &back, msg))
                role_cleanup(&back);
            json_decref(j);
        }
    }
    role_set_cleanup(&set);
    diags_cleanup(&d);
    return 0;
}
