/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: reading resume files of every format but PDF (PDFs go to pdftotext in a
 * child process under limits; fuzzing poppler is poppler's business, and the pipe handling
 * is tested in tests/unit/test_extract.c). Any input must give text or a one-line reason,
 * never a crash, a leak or undefined behaviour. The limits are small so that bombs are
 * found fast.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct extract_limits lim = extract_default_limits;
    struct extracted e;
    char msg[RB_ERRMSG];

    if (extract_detect("fuzz", data, size) == FMT_PDF)
        return 0;
    lim.max_text = 64u << 10;
    lim.docx_max_uncompressed = 1u << 20;
    lim.docx_max_entries = 64;
    if (extract_buffer("fuzz.md", data, size, &lim, &e, msg) == RB_OK) {
        if (!e.text || strlen(e.text) != e.len)
            abort(); /* text is NUL-terminated, without NULs inside */
        extracted_cleanup(&e);
    }
    return 0;
}
