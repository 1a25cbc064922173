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
    struct job jb;

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
    if (job_read("fuzz.txt", text, size, scanner, &taxonomy, &jb, msg) == RB_OK) {
        json_t *j = job_criteria_json(&jb.role), *k = job_to_json(&jb, "fuzz.txt");
        if (!j || !k || jb.role.min_years < 0 || jb.role.min_years > 40)
            abort();
        /* every criterion quotes a line of the text as read */
        for (size_t i = 0; i < jb.role.nskills; i++) {
            char *line = job_line(&jb, jb.role.skills[i].line);
            if (!line || jb.role.skills[i].years < 0 || jb.role.skills[i].years > 40)
                abort();
            free(line);
        }
        json_decref(j);
        json_decref(k);
        job_cleanup(&jb);
    }
    (void)blind_redact(text, size);
    if (text[size] != '\0')
        abort();
    free(text);
    return 0;
}
