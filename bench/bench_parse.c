/* SPDX-License-Identifier: MIT */
/*
 * Resume parsing benchmark, one core: text resumes of about 5 KB (bench/synth.c: a
 * realistic layout with varied names, dates and skills) read and understood, with the time
 * of each stage, and the skill scan on its own over the same texts in the same run, to show
 * how much of the understanding it is. (A raw Hyperscan floor, and npm's resume-parser on the same
 * texts, are for the screening benchmark still to come.)
 *
 * usage: bench_parse [RESUMES]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/skills.h"
#include "extract/extract.h"
#include "resume/resume.h"
#include "resume/skillscan.h"
#include "util/buf.h"
#include "util/mem.h"

#include "synth.h"

int
main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 20000;
    struct skills tax;
    struct skillscan *sc;
    char msg[RB_ERRMSG];
    struct synth_skill labels[SYNTH_MAX_SKILLS];
    char **texts;
    size_t bytes = 0, positions = 0;
    double t_extract = 0, t_parse = 0, t_floor = 0, t0;
    struct ym today = {2026, 11};

    if (n < 1 || n > 10000000) {
        fprintf(stderr, "bench: RESUMES must be 1 to 10000000\n");
        return 2;
    }
    if (skillscan_builtin(&tax, &sc, msg)) {
        fprintf(stderr, "bench: %s\n", msg);
        return 1;
    }
    texts = xcalloc(n, sizeof *texts);
    for (unsigned i = 0; i < n; i++) {
        struct buf b;
        buf_init(&b, 64u << 10);
        synth_resume(i, false, &b, labels);
        bytes += b.len;
        texts[i] = buf_take(&b);
    }
    for (unsigned i = 0; i < n; i++) {
        struct extracted e;
        struct resume r;
        struct skill_hit *hits;
        size_t nh;
        t0 = now_ms();
        if (extract_buffer("r.txt", (const unsigned char *)texts[i], strlen(texts[i]), NULL, &e,
                           msg))
            return 1;
        t_extract += now_ms() - t0;
        t0 = now_ms();
        if (resume_parse(e.text, e.len, sc, today, &r, msg))
            return 1;
        t_parse += now_ms() - t0;
        positions += r.npositions;
        resume_cleanup(&r);
        t0 = now_ms();
        skillscan_run(sc, e.text, e.len, &hits, &nh, msg);
        t_floor += now_ms() - t0;
        free(hits);
        extracted_cleanup(&e);
    }
    printf("Resume parsing benchmark: %u text resumes, %.1f KB each, one core\n\n", n,
           bytes / 1024.0 / n);
    printf("%-34s %10s %12s\n", "stage", "total ms", "resumes/s");
    printf("%-34s %10.0f %12.0f\n", "read (detect, decode)", t_extract, n / (t_extract / 1e3));
    printf("%-34s %10.0f %12.0f\n", "understand (sections, dates, skills)", t_parse,
           n / (t_parse / 1e3));
    printf("%-34s %10.0f %12.0f\n", "both", t_extract + t_parse, n / ((t_extract + t_parse) / 1e3));
    printf("%-34s %10.0f %12.0f\n", "of which the skill scan (again)", t_floor,
           n / (t_floor / 1e3));
    printf("\n%.1f positions a resume; target >= 5,000 resumes/s/core: %s\n", (double)positions / n,
           n / ((t_extract + t_parse) / 1e3) >= 5000 ? "ok" : "MISSED");
    for (unsigned i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    skillscan_free(sc);
    skills_cleanup(&tax);
    return 0;
}
