/* SPDX-License-Identifier: MIT */
/*
 * Resume parsing benchmark, one core: text resumes of about 5 KB (a realistic layout with
 * varied names, dates and skills) read and understood, with the time of each stage, and
 * the skill scan on its own over the same texts in the same run, to show how much of the
 * understanding it is. (A raw Hyperscan floor, and npm's resume-parser on the same texts,
 * are for the screening benchmark still to come.)
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

static const char *const first[] = {"Amara", "Tomasz", "Priya", "Lena", "Kofi",
                                    "Sofia", "Mateo",  "Yuki",  "Noor", "Elif"};
static const char *const last[] = {"Okafor", "Nowak", "Raman",  "Vasquez", "Mensah",
                                   "Rossi",  "Silva", "Tanaka", "Haddad",  "Demir"};
static const char *const stacks[] = {"Go, PostgreSQL, Kafka and Kubernetes",
                                     "Java with Spring Boot, MySQL and RabbitMQ",
                                     "Python, Django, Redis and Celery",
                                     "C# and .NET with SQL Server on Azure",
                                     "Node.js, TypeScript, MongoDB and AWS Lambda",
                                     "Rust, gRPC, ScyllaDB and Terraform"};

static char *
make_resume(unsigned i)
{
    struct buf b;
    buf_init(&b, 64u << 10);
    buf_printf(&b, "%s %s\nBackend Engineer\n%s.%s%u@example.org | +44 20 7946 %04u\n\n",
               first[i % 10], last[(i / 10) % 10], first[i % 10], last[(i / 10) % 10], i,
               i % 10000);
    buf_puts(&b, "SUMMARY\nBackend engineer who builds and runs services that handle payments, "
                 "search and logistics for millions of users, with a focus on reliability, "
                 "clear APIs and measured performance.\n\nEXPERIENCE\n\n");
    for (unsigned p = 0; p < 5; p++) {
        unsigned y = 2024 - p * 3 - (i % 3);
        buf_printf(&b, "Senior Backend Engineer, Company %u\n%s %u - %s\n", (i + p) % 97,
                   p % 2 ? "Jan" : "Sept.", y - 2, p ? "Dec 2023" : "Present");
        for (unsigned k = 0; k < 6; k++)
            buf_printf(&b,
                       "- Built and operated services in %s, cutting p99 latency by %u%% "
                       "and on-call pages by half across %u teams.\n",
                       stacks[(i + p + k) % 6], 20 + k * 5, 2 + k);
        buf_putc(&b, '\n');
    }
    buf_puts(&b, "EDUCATION\nBSc Computer Science, University of Lagos, 2008 - 2012\n\n"
                 "SKILLS\nGo, Java, Python, PostgreSQL, Redis, Kafka, Kubernetes, Terraform, "
                 "AWS, Prometheus, Grafana, gRPC, REST, Docker, Linux\n");
    return buf_take(&b);
}

int
main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 20000;
    struct skills tax;
    struct skillscan *sc;
    char msg[RB_ERRMSG];
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
        texts[i] = make_resume(i);
        bytes += strlen(texts[i]);
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
