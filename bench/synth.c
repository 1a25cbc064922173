/* SPDX-License-Identifier: MIT */
/* Synthetic banks for the benchmarks (bench/synth.h). */
#include "synth.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/mem.h"

const double synth_rate[SYNTH_CLASSES] = {0.01, 0.05, 0.20};
static const char *const cls[SYNTH_CLASSES] = {"xqa", "xqe", "xqo"};

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t
next(void)
{
    /* xorshift64*: deterministic, so every run builds the same bank */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ULL;
}

static double
uniform(void)
{
    return (double)(next() >> 11) / 9007199254740992.0;
}

double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

double
cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Filler words: syllable triples, drawn with a Zipf-like skew as in prose. */
static const char *const syl[] = {"ba", "de", "fi", "go", "ku", "la", "me", "ni",
                                  "po", "ru", "sa", "te", "vi", "wo", "ya", "zu"};
#define NSYL 16
#define NFILLER (NSYL * NSYL * NSYL)

static void
filler(struct buf *b, int words)
{
    for (int i = 0; i < words; i++) {
        /* rank ~ exp(uniform * ln N): many common words, a long tail */
        unsigned r = (unsigned)exp(uniform() * log((double)NFILLER)) - 1;
        buf_printf(b, "%s%s%s%s", i ? " " : "", syl[r % NSYL], syl[(r / NSYL) % NSYL],
                   syl[(r / NSYL / NSYL) % NSYL]);
    }
}

void
synth_term(char *out, size_t n, int c, int k)
{
    snprintf(out, n, "%s%c%c", cls[c], 'a' + k, 'k' + k);
}

/* Typical minutes of each category, as in the shipped bank. */
static const int base_minutes[CAT_COUNT] = {3, 8, 30, 25, 12, 10, 20};

void
synth_bank(struct bank *b, size_t n, size_t ncomps)
{
    struct buf t;
    char comp[32];

    for (size_t i = 0; i < ncomps; i++) {
        snprintf(comp, sizeof comp, "comp-%02zu", i);
        bank_add_competency(b, comp, comp, "synthetic", NULL, 0);
    }
    buf_init(&t, 1u << 20);
    for (size_t i = 0; i < n; i++) {
        struct question q;
        char id[32];
        memset(&q, 0, sizeof q);
        snprintf(id, sizeof id, "syn-%06zu", i);
        q.id = xstrdup(id);
        buf_reset(&t);
        filler(&t, 6);
        q.title = xstrdup(buf_str(&t));
        buf_reset(&t);
        filler(&t, 40);
        for (int c = 0; c < SYNTH_CLASSES; c++)
            for (int k = 0; k < SYNTH_TERMS; k++)
                if (uniform() < synth_rate[c]) {
                    char w[16];
                    synth_term(w, sizeof w, c, k);
                    buf_printf(&t, " %s ", w);
                    filler(&t, 3);
                }
        q.text = xstrdup(buf_str(&t));
        q.category = (enum category)(next() % CAT_COUNT);
        q.level_min = 1 + (int)(next() % 4);
        q.level_max = q.level_min + (int)(next() % (unsigned)(5 - q.level_min));
        q.minutes = base_minutes[q.category] + (int)(next() % 6);
        q.ncompetencies = 1;
        q.competencies = xcalloc(1, sizeof *q.competencies);
        snprintf(comp, sizeof comp, "comp-%02zu", (size_t)(next() % ncomps));
        q.competencies[0] = xstrdup(comp);
        q.npoints = 5;
        q.points = xcalloc(5, sizeof *q.points);
        for (int p = 0; p < 5; p++) {
            buf_reset(&t);
            buf_puts(&t, "Mentions **");
            filler(&t, 2);
            buf_puts(&t, "** ");
            filler(&t, 12);
            q.points[p].kind = p < 3 ? POINT_SHOWS : p == 3 ? POINT_PITFALL : POINT_FOLLOW_UP;
            q.points[p].text = xstrdup(buf_str(&t));
        }
        bank_add_question_take(b, &q);
    }
    buf_cleanup(&t);
}

int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

bool
bench_fresh_store(const char *path, struct store **s)
{
    char url[512], wal[512], msg[RB_ERRMSG] = "";
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(path);
    unlink(wal);
    snprintf(url, sizeof url, "sqlite:%s", path);
    if (store_open(url, s, msg)) {
        fprintf(stderr, "bench: %s\n", msg);
        return false;
    }
    return true;
}

/* ---- resumes ---------------------------------------------------------------------------- */

/* Skills as people write them, with their canonical names in the built-in taxonomy (some
 * written as an alias). */
static const struct {
    const char *written, *name;
} pool[] = {
    {"Go", "go"},
    {"Java", "java"},
    {"Python", "python"},
    {"TypeScript", "typescript"},
    {"Rust", "rust"},
    {"C#", "c#"},
    {"Kotlin", "kotlin"},
    {"Scala", "scala"},
    {"Ruby", "ruby"},
    {"Elixir", "elixir"},
    {"C++", "c++"},
    {"Spring Boot", "spring boot"},
    {"Django", "django"},
    {"Flask", "flask"},
    {"FastAPI", "fastapi"},
    {"Rails", "ruby on rails"},
    {"Node.js", "node.js"},
    {"Express", "express"},
    {"gRPC", "grpc"},
    {"GraphQL", "graphql"},
    {"Celery", "celery"},
    {".NET", ".net"},
    {"PostgreSQL", "postgresql"},
    {"Postgres", "postgresql"},
    {"MySQL", "mysql"},
    {"MongoDB", "mongodb"},
    {"Redis", "redis"},
    {"Cassandra", "apache cassandra"},
    {"ScyllaDB", "scylladb"},
    {"SQL Server", "sql server"},
    {"DynamoDB", "dynamodb"},
    {"Elasticsearch", "elasticsearch"},
    {"Kafka", "apache kafka"},
    {"RabbitMQ", "rabbitmq"},
    {"NATS", "nats"},
    {"SQS", "amazon sqs"},
    {"AWS", "aws"},
    {"GCP", "gcp"},
    {"Azure", "azure"},
    {"AWS Lambda", "aws lambda"},
    {"Docker", "docker"},
    {"Kubernetes", "kubernetes"},
    {"K8s", "kubernetes"},
    {"Helm", "helm"},
    {"Terraform", "terraform"},
    {"Ansible", "ansible"},
    {"Jenkins", "jenkins"},
    {"Prometheus", "prometheus"},
    {"Grafana", "grafana"},
    {"OpenTelemetry", "opentelemetry"},
    {"Datadog", "datadog"},
    {"Linux", "linux"},
};
#define NPOOL (sizeof pool / sizeof pool[0])

static const char *const first[] = {"Amara", "Tomasz", "Priya", "Lena", "Kofi",
                                    "Sofia", "Mateo",  "Yuki",  "Noor", "Elif"};
static const char *const last[] = {"Okafor", "Nowak", "Raman",  "Vasquez", "Mensah",
                                   "Rossi",  "Silva", "Tanaka", "Haddad",  "Demir"};

/* splitmix64 of (i, k): resume i is the same whoever asks and in whatever order. */
static uint64_t
mix(unsigned i, unsigned k)
{
    uint64_t z = ((uint64_t)i << 20 | k) + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Bullet points, each naming two or three skills, as in a list or not. Returns how many of
 * s1, s2, s3 it named. */
static size_t
bullet(struct buf *b, unsigned k, unsigned v, const char *s1, const char *s2, const char *s3)
{
    switch (k % 6) {
    case 0:
        buf_printf(b,
                   "- Built and operated services in %s, %s and %s, cutting p99 latency by "
                   "%u%% and on-call pages by half across %u teams.\n",
                   s1, s2, s3, 20 + v % 60, 2 + v % 7);
        return 3;
    case 1:
        buf_printf(b,
                   "- Moved %u services from %s to %s with no downtime, and wrote the runbooks "
                   "the on-call rota still uses.\n",
                   3 + v % 40, s1, s2);
        return 2;
    case 2:
        buf_printf(b,
                   "- Designed the %s and %s pipeline that handles %u million events a day, "
                   "with alerts in %s.\n",
                   s1, s2, 5 + v % 900, s3);
        return 3;
    case 3:
        buf_printf(b,
                   "- Led a team of %u engineers on the billing platform (%s, %s), shipping "
                   "weekly with small, reviewed changes.\n",
                   3 + v % 9, s1, s2);
        return 2;
    case 4:
        buf_printf(b,
                   "- Cut infrastructure costs by %u%% by right-sizing %s clusters and caching "
                   "hot reads in %s.\n",
                   10 + v % 50, s1, s2);
        return 2;
    default:
        buf_printf(b,
                   "- Mentored %u engineers and reviewed designs for services in %s and %s, "
                   "raising test coverage to %u%%.\n",
                   2 + v % 6, s1, s2, 60 + v % 35);
        return 2;
    }
}

size_t
synth_resume(unsigned i, bool small, struct buf *b, struct synth_skill *skills)
{
    const char *fn = first[mix(i, 0) % 10], *ln = last[mix(i, 1) % 10];
    unsigned npos = small ? 1 : 5, nbul = small ? 2 : 6;
    size_t want = small ? 4 : 12 + mix(i, 2) % 6, n = 0, nlisted, slot = 0;

    /* the resume's skills: distinct canonical names, drawn from the pool (the first draw
     * always counts) */
    skills[n++] = (struct synth_skill){pool[mix(i, 99) % NPOOL].name,
                                       pool[mix(i, 99) % NPOOL].written, false};
    for (unsigned k = 0; n < want && k < 1000; k++) {
        size_t p = mix(i, 100 + k) % NPOOL, j;
        for (j = 0; j < n && strcmp(skills[j].name, pool[p].name) != 0; j++)
            ;
        if (j == n)
            skills[n++] = (struct synth_skill){pool[p].name, pool[p].written, false};
    }
    /* the SKILLS list names most of them; the others appear only in positions */
    nlisted = small ? 3 : n * 2 / 3;
    for (size_t j = 0; j < nlisted; j++)
        skills[j].listed = true;

    buf_printf(b, "%s %s\nBackend Engineer\n%s.%s%u@example.org | +44 20 7946 %04u\n", fn, ln, fn,
               ln, i, i % 10000);
    buf_printf(b, "https://github.com/%s-%s-%u\n\n", fn, ln, i);
    buf_puts(b, "SUMMARY\nBackend engineer who builds and runs services that handle payments, "
                "search and logistics for millions of users, with a focus on reliability, "
                "clear APIs and measured performance. Comfortable owning a service end to end, "
                "from the design review to the incident review, and at home with on-call, "
                "capacity planning and the slow work of paying down technical debt.\n\n"
                "EXPERIENCE\n\n");
    for (unsigned p = 0; p < npos; p++) {
        unsigned y = 2024 - p * 3 - (i % 3);
        buf_printf(b, "Senior Backend Engineer, Company %u\n%s %u - %s\n", (i + p) % 97,
                   p % 2 ? "Jan" : "Sept.", y - 2, p ? "Dec 2023" : "Present");
        if (!small)
            buf_printf(b,
                       "Owned the order, payment and ledger services of a team of %u: design, "
                       "build, on-call and cost.\n",
                       4 + (unsigned)(mix(i, 300 + p) % 8));
        for (unsigned k = 0; k < nbul; k++) {
            /* every skill in turn, the unlisted ones first, so that each appears */
            const char *s1 = skills[n - 1 - slot % n].written;
            const char *s2 = skills[n - 1 - (slot + 1) % n].written;
            const char *s3 = skills[n - 1 - (slot + 2) % n].written;
            slot += bullet(b, k, (unsigned)mix(i, 200 + p * 8 + k), s1, s2, s3);
        }
        buf_putc(b, '\n');
    }
    buf_puts(b, "EDUCATION\nBSc Computer Science, University of Lagos, 2008 - 2012\n\nSKILLS\n");
    for (size_t j = 0; j < nlisted; j++)
        buf_printf(b, "%s%s", j ? ", " : "", skills[j].written);
    buf_putc(b, '\n');
    return n;
}
