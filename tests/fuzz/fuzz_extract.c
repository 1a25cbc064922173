/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: reading resume files of every format but PDF (PDFs go to pdftotext in a
 * child process under limits; fuzzing poppler is poppler's business, and the pipe handling
 * is tested in tests/unit/test_extract.c). Any input must give text or a one-line reason,
 * never a crash, a leak or undefined behaviour. The limits are small so that bombs are
 * found fast. The text then goes through the skill scanner and the resume parser.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "model/skills.h"
#include "resume/resume.h"
#include "resume/skillscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct skills taxonomy;
static struct skillscan *scanner;

static void
cleanup(void)
{
    skillscan_free(scanner);
    skills_cleanup(&taxonomy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct extract_limits lim = extract_default_limits;
    struct extracted e;
    char msg[RB_ERRMSG];

    if (!scanner) {
        if (skillscan_builtin(&taxonomy, &scanner, msg))
            abort();
        atexit(cleanup);
    }
    if (extract_detect("fuzz", data, size) == FMT_PDF)
        return 0;
    lim.max_text = 64u << 10;
    lim.docx_max_uncompressed = 1u << 20;
    lim.docx_max_entries = 64;
    if (extract_buffer("fuzz.md", data, size, &lim, &e, msg) == RB_OK) {
        struct skill_hit *hits;
        size_t n;
        if (!e.text || strlen(e.text) != e.len)
            abort(); /* text is NUL-terminated, without NULs inside */
        if (skillscan_run(scanner, e.text, e.len, &hits, &n, msg) == RB_OK) {
            struct resume r;
            struct ym today = {2026, 11};
            for (size_t i = 0; i < n; i++)
                if (hits[i].end > e.len || hits[i].start >= hits[i].end)
                    abort();
            free(hits);
            if (resume_parse(e.text, e.len, scanner, today, &r, msg) == RB_OK) {
                json_t *j = resume_to_json(&r, &taxonomy, "fuzz", "text");
                if (r.experience_months < 0)
                    abort();
                json_decref(j);
                resume_cleanup(&r);
            }
        }
        extracted_cleanup(&e);
    }
    return 0;
}
