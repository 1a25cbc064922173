/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the bank file parser, the synonyms parser and the checks that follow, on
 * arbitrary bytes. Any input must give questions and/or problems, never a crash, a leak or
 * undefined behaviour. The parsed questions are also written back as Markdown and parsed
 * again, which must not crash either.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/bank.h"
#include "core/bank_md.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bank b, again;
    struct diags d;
    struct buf out;

    diags_init(&d, 50);
    bank_init(&b);
    bank_parse(&b, "fuzz.md", (const char *)data, size, &d);
    bank_parse_synonyms(&b, "fuzz.txt", (const char *)data, size, &d);
    bank_check(&b, 1, &d);
    buf_init(&out, 16u << 20);
    bank_init(&again);
    for (size_t i = 0; i < b.ncomps; i++) {
        buf_reset(&out);
        bank_write_md(&b, &b.comps[i], &out);
        bank_parse(&again, "again.md", buf_str(&out), out.len, &d);
    }
    bank_cleanup(&again);
    buf_cleanup(&out);
    bank_cleanup(&b);
    diags_cleanup(&d);
    return 0;
}
