/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: job descriptions in prose (criteria for `rubric screen --job`) and blind
 * mode's redaction of resume text. Any text must give criteria or a clear error, keep its
 * length when redacted, and never crash, leak or reach undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/job.h"
#include "resume/blind.h"

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
    char msg[RB_ERRMSG], *text;
    struct role r;

    if (!scanner) {
        if (skillscan_builtin(&taxonomy, &scanner, msg))
            abort();
        atexit(cleanup);
    }
    text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (job_from_text("fuzz.txt", text, size, scanner, &taxonomy, &r, msg) == RB_OK) {
        json_t *j = job_criteria_json(&r);
        if (!j || r.nskills == 0 || r.min_years < 0 || r.min_years > 30)
            abort();
        json_decref(j);
        role_cleanup(&r);
    }
    (void)blind_redact(text, size);
    if (text[size] != '\0')
        abort();
    free(text);
    return 0;
}
