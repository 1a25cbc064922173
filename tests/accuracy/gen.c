/* SPDX-License-Identifier: MIT */
/*
 * The accuracy corpus generator: resumes whose skills, positions and experience are known,
 * written as TXT, Markdown, HTML, DOCX and PDF, with a labels file (JSON lines) that says what
 * a perfect parser would find in each file.
 *
 *   accuracy-gen [-n N] [-s SEED] [-o DIR]         N synthetic resumes (default 200)
 *   accuracy-gen -o DIR FILE.json...               JSON Resumes rendered in every format
 *   accuracy-gen -J [-n N] [-o DIR]                N invented people as JSON Resumes (pNNNN.json)
 *                                                  for the themes, with volunteering, education,
 *                                                  projects and awards dated beside the positions
 *   accuracy-gen -W [-n N] [-o DIR]                N Word documents (wNNNN.docx) laid out as
 *                                                  templates are: tables, text boxes, headers
 *   accuracy-gen -S [-n N] [-o DIR]                a mixed pile of N resumes of eighteen
 *                                                  occupations and N/4 harder ones (near
 *                                                  misses, keyword stuffers), labelled with their
 * relevance to the jobs of tests/data/screening/jobs
 *
 * It is deterministic: the same seed writes the same files (a splitmix64 generator, never
 * rand()). Skills come from the shipped taxonomy; ambiguous names are used as skills and as
 * ordinary words ("go to market", "swift delivery"), and only the skill uses are labelled.
 * Every resume is first built as a list of blocks (name, heading, title, date, bullet, ...),
 * which each format then renders; layouts vary (one column, two columns as pdftotext -layout
 * flattens them, tables, Markdown headings) and so do headings and date styles. PDFs are
 * PostScript pages turned into PDF by one Ghostscript run (one page, one file). Labels for
 * JSON Resumes carry the positions of the JSON and "skills": null: the test takes the skills
 * of the JSON itself as the reference.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include "model/skills.h"
#include "resume/dates.h"
#include "resume/skillscan.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"

#define BIG (1u << 24)
/* A space inside a skill's name: lines are never wrapped there. */
#define NOBREAK '\x01'
/* Where dates at the right margin start, in a line of text. */
#define TAB_RIGHT '\x02'

static const struct ym today = {2026, 11};

/* ---- a deterministic random source (splitmix64) ------------------------------------------ */

static uint64_t rng;

static uint64_t
rnd(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* 0 to n-1 */
static int
pick(int n)
{
    return (int)(rnd() % (uint64_t)n);
}

static bool
chance(int percent)
{
    return pick(100) < percent;
}

#define PICK(a) ((a)[pick((int)(sizeof(a) / sizeof((a)[0])))])

/* ---- what a resume says ------------------------------------------------------------------ */

struct job {
    char *title, *company;
    struct ym start, end; /* as labelled: a year alone starts in January, ends in December */
    bool present;
    char *dates; /* as written */
    char **lines;
    size_t nlines;
};

struct group {
    char *label; /* "Languages", or NULL */
    char **items;
    size_t n;
};

struct cv {
    char *base; /* file name without extension */
    char *name, *label, *email, *phone;
    char **links;
    size_t nlinks;
    char *summary;
    struct job *jobs;
    size_t njobs;
    struct group *groups;
    size_t ngroups;
    char **edu, **projects, **certs;
    size_t nedu, nprojects, ncerts;
    /* how it is laid out */
    int layout, skills_style, bullet;
    bool skills_first, edu_first, upper_headings;
    const char *h_exp, *h_skills, *h_edu, *h_projects, *h_certs, *h_summary;
    /* labels */
    bool *skill_set; /* by taxonomy index; NULL: not labelled */
};

enum {
    L_CLASSIC,
    L_INLINE,
    L_DATEFIRST,
    L_HEADINGS,
    L_TWOCOL,
    L_TABLE,
    L_RIGHTDATES, /* dates on the title's line, at the right margin */
    L_COUNT,
    L_SOURCE = L_COUNT
};
static const char *const layout_names[L_COUNT + 1] = {
    "classic", "inline", "date-first", "headings", "two-column", "table", "right-dates", "source"};

static void
push(char ***v, size_t *n, char *s)
{
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = s;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *
fmt(const char *f, ...)
{
    struct buf b;
    va_list ap;
    buf_init(&b, BIG);
    va_start(ap, f);
    buf_vprintf(&b, f, ap);
    va_end(ap);
    return buf_take(&b);
}

static void
cv_free(struct cv *c)
{
    free(c->base);
    free(c->name);
    free(c->label);
    free(c->email);
    free(c->phone);
    for (size_t i = 0; i < c->nlinks; i++)
        free(c->links[i]);
    free(c->links);
    free(c->summary);
    for (size_t i = 0; i < c->njobs; i++) {
        free(c->jobs[i].title);
        free(c->jobs[i].company);
        free(c->jobs[i].dates);
        for (size_t k = 0; k < c->jobs[i].nlines; k++)
            free(c->jobs[i].lines[k]);
        free(c->jobs[i].lines);
    }
    free(c->jobs);
    for (size_t i = 0; i < c->ngroups; i++) {
        free(c->groups[i].label);
        for (size_t k = 0; k < c->groups[i].n; k++)
            free(c->groups[i].items[k]);
        free(c->groups[i].items);
    }
    free(c->groups);
    for (size_t i = 0; i < c->nedu; i++)
        free(c->edu[i]);
    free(c->edu);
    for (size_t i = 0; i < c->nprojects; i++)
        free(c->projects[i]);
    free(c->projects);
    for (size_t i = 0; i < c->ncerts; i++)
        free(c->certs[i]);
    free(c->certs);
    free(c->skill_set);
}

/* ---- dates as people write them ---------------------------------------------------------- */

static const char *const mon3[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const monfull[12] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
#define EN_DASH "\xE2\x80\x93"
#define EM_DASH "\xE2\x80\x94"

enum {
    D_MON_YEAR,   /* Jan 2019 - Present */
    D_ISO,        /* 2019-01 to 2021-06 */
    D_SLASH,      /* 03/2018 - 11/2020 */
    D_YEARS,      /* 2015 - 2017 */
    D_SEPT,       /* Sept. 2016 – current */
    D_FULL_EM,    /* September 2016 — December 2018 */
    D_DOTS,       /* 01.2019 - 12.2020 */
    D_MON_EN,     /* Jan 2019 – Now */
    D_YEARS_EN,   /* 2019 – 2021 */
    D_FULL_TO,    /* March 2019 to June 2021; since March 2019 */
    D_SINCE_YEAR, /* since 2020; 2018 to 2020 */
    D_COUNT
};

static bool
year_only(int style)
{
    return style == D_YEARS || style == D_YEARS_EN || style == D_SINCE_YEAR;
}

static const char *
month_name(int style, int m)
{
    if (style == D_SEPT)
        return m == 9 ? "Sept." : m == 5 ? "May" : NULL;
    return style == D_FULL_EM || style == D_FULL_TO ? monfull[m - 1] : mon3[m - 1];
}

static void
date1(struct buf *b, int style, struct ym d)
{
    switch (style) {
    case D_ISO:
        buf_printf(b, "%04d-%02d", d.year, d.month);
        break;
    case D_SLASH:
        buf_printf(b, "%02d/%04d", d.month, d.year);
        break;
    case D_DOTS:
        buf_printf(b, "%02d.%04d", d.month, d.year);
        break;
    case D_YEARS:
    case D_YEARS_EN:
    case D_SINCE_YEAR:
        buf_printf(b, "%04d", d.year);
        break;
    case D_SEPT:
        if (month_name(style, d.month))
            buf_printf(b, "%s %04d", month_name(style, d.month), d.year);
        else
            buf_printf(b, "%s. %04d", mon3[d.month - 1], d.year);
        break;
    default:
        buf_printf(b, "%s %04d", month_name(style, d.month), d.year);
    }
}

/* Writes j's dates in a style and sets its labelled months. */
static void
job_dates(struct job *j, int style)
{
    static const char *const open[] = {"Present", "present", "Current", "current",
                                       "Now",     "Today",   "Ongoing"};
    struct buf b;
    buf_init(&b, 256);
    if (year_only(style)) {
        j->start.month = 1;
        if (!j->present)
            j->end.month = 12;
    }
    if (j->present && (style == D_SINCE_YEAR || (style == D_FULL_TO && chance(50)))) {
        buf_puts(&b, chance(50) ? "since " : "Since ");
        date1(&b, style, j->start);
    } else {
        const char *sep = style == D_ISO || style == D_FULL_TO || style == D_SINCE_YEAR ? " to "
                          : style == D_SEPT || style == D_MON_EN || style == D_YEARS_EN
                              ? " " EN_DASH " "
                          : style == D_FULL_EM ? (chance(50) ? " " EM_DASH " " : EM_DASH)
                                               : (chance(80) ? " - " : "-");
        date1(&b, style, j->start);
        buf_puts(&b, sep);
        if (j->present)
            buf_puts(&b, style == D_MON_EN ? "Now" : PICK(open));
        else
            date1(&b, style, j->end);
    }
    j->dates = buf_take(&b);
}

static int
months_of(struct ym d)
{
    return d.year * 12 + d.month - 1;
}

/* Experience as labelled: the union of the positions' months, today closing open ones. */
static double
experience_years(const struct job *jobs, size_t n)
{
    int lo = 1950 * 12, hi = 2101 * 12, total = 0;
    char *seen = xcalloc((size_t)(hi - lo), 1);
    for (size_t i = 0; i < n; i++) {
        int a = months_of(jobs[i].start),
            z = jobs[i].present ? months_of(today) : months_of(jobs[i].end);
        for (int m = a; m <= z; m++)
            if (m >= lo && m < hi && !seen[m - lo]) {
                seen[m - lo] = 1;
                total++;
            }
    }
    free(seen);
    return total / 12.0;
}

/* ---- skills -------------------------------------------------------------------------------- */

static struct skills tax;
static struct skillscan *scanner;

/* Skills people list most, with the way they are usually written; aliases from the taxonomy
 * that people use instead. Ambiguous names come first: they are the hard part. */
static const struct {
    const char *canon, *shown, *alias;
} common[] = {
    {"go", "Go", "golang"},
    {"rust", "Rust", NULL},
    {"c", "C", NULL},
    {"c++", "C++", "cpp"},
    {"c#", "C#", NULL},
    {"r", "R", NULL},
    {"swift", "Swift", NULL},
    {"spring framework", "Spring", NULL},
    {"react", "React", "ReactJS"},
    {"express", "Express", "Express.js"},
    {"node.js", "Node.js", "Node"},
    {"ruby", "Ruby", NULL},
    {"java", "Java", NULL},
    {"javascript", "JavaScript", NULL},
    {"typescript", "TypeScript", NULL},
    {"sql", "SQL", NULL},
    {"postgresql", "PostgreSQL", "Postgres"},
    {"mysql", "MySQL", NULL},
    {"kubernetes", "Kubernetes", "k8s"},
    {"aws lambda", "AWS Lambda", "Lambda"},
    {"aws", "AWS", NULL},
    {"python", "Python", NULL},
    {"docker", "Docker", NULL},
    {"redis", "Redis", NULL},
    {"apache kafka", "Kafka", "Apache Kafka"},
    {"terraform", "Terraform", NULL},
    {"spring boot", "Spring Boot", NULL},
    {"grpc", "gRPC", NULL},
    {"graphql", "GraphQL", NULL},
    {"rabbitmq", "RabbitMQ", NULL},
    {"prometheus", "Prometheus", NULL},
    {"grafana", "Grafana", NULL},
    {"linux", "Linux", NULL},
    {"kotlin", "Kotlin", NULL},
    {"scala", "Scala", NULL},
    {"elasticsearch", "Elasticsearch", NULL},
    {"mongodb", "MongoDB", "Mongo"},
    {"django", "Django", NULL},
    {"ansible", "Ansible", NULL},
    {"helm", "Helm", NULL},
};
#define NCOMMON (sizeof common / sizeof common[0])
#define NAMBIG_COMMON 12 /* the first entries of common: names that are also words */

struct chosen {
    size_t skill;
    char *shown; /* as written, spaces as NOBREAK */
    bool ambig;  /* a name that is also a word: needs a list or a telling context */
    bool lang;   /* a programming language (for "written in X") */
    int where;   /* 0 list, 1 prose, 2 both */
};

static size_t
skill_index(const char *canon)
{
    const struct skill *k = skills_find(&tax, canon);
    if (!k) {
        fprintf(stderr, "accuracy-gen: %s is not in the taxonomy\n", canon);
        exit(2);
    }
    return (size_t)(k - tax.v);
}

/* A taxonomy name as people write it: words capitalised, short ones in capitals. */
static char *
display(const char *name)
{
    char *s = xstrdup(name);
    size_t n = strlen(s);
    bool start = true;
    if (n <= 3) {
        for (size_t i = 0; i < n; i++)
            if (s[i] >= 'a' && s[i] <= 'z')
                s[i] = (char)(s[i] - 32);
        return s;
    }
    for (size_t i = 0; i < n; i++) {
        if (start && s[i] >= 'a' && s[i] <= 'z')
            s[i] = (char)(s[i] - 32);
        start = s[i] == ' ' || s[i] == '-' || s[i] == '/';
    }
    return s;
}

static char *
nobreak(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == ' ')
            *p = NOBREAK;
    return s;
}

/* Whether a random taxonomy name is fit to write: not one of the common ones (they come
 * with their own spellings) and found as itself by the scanner in a list. */
static bool
usable(size_t k)
{
    const struct skill *s = &tax.v[k];
    for (size_t i = 0; i < NCOMMON; i++)
        if (!strcmp(common[i].canon, s->name))
            return false;
    return strlen(s->name) >= 2 && !strchr(s->name, '(');
}

static void
choose_skills(struct cv *c, struct chosen *out, size_t *n)
{
    size_t want = 6 + (size_t)pick(9);
    *n = 0;
    while (*n < want) {
        struct chosen ch = {0};
        if (chance(60)) {
            size_t i = (size_t)(chance(40) ? pick(NAMBIG_COMMON) : pick((int)NCOMMON));
            ch.skill = skill_index(common[i].canon);
            ch.shown = xstrdup(common[i].alias && chance(30) ? common[i].alias : common[i].shown);
            ch.ambig = i < NAMBIG_COMMON || tax.v[ch.skill].ambiguous;
            ch.lang = !strcmp(tax.v[ch.skill].category, "languages");
        } else {
            const struct skill *s;
            do
                ch.skill = (size_t)pick((int)tax.n);
            while (!usable(ch.skill));
            s = &tax.v[ch.skill];
            ch.shown =
                display(s->naliases && chance(25) ? s->aliases[pick((int)s->naliases)] : s->name);
            ch.ambig = s->ambiguous;
            ch.lang = !strcmp(s->category, "languages");
        }
        if (c->skill_set[ch.skill]) {
            free(ch.shown);
            continue;
        }
        nobreak(ch.shown);
        ch.where = chance(55) ? 0 : chance(45) ? 1 : 2;
        c->skill_set[ch.skill] = true;
        out[(*n)++] = ch;
    }
}

/* ---- sentences ------------------------------------------------------------------------------ */

/* Prose that names one skill ({a}) or two ({a}, {b}). The first set gives an ambiguous name
 * the context a reader uses ("Go services", "written in Rust"); anything goes in the others. */
static const char *const prose_lang[] = {
    "Built {a} services that settle 2M card payments a day",
    "Rewrote the pricing engine in {a}, cutting p99 latency from 900 ms to 120 ms",
    "Maintained a {a} codebase of 200k lines across 14 services",
    "Wrote the ingestion workers in {a}",
    "Shipped a {a} SDK used by 40 partner teams",
    "Moved the batch jobs to {a} and halved their cost",
    "Introduced {a} for the routing service after a two-week spike",
    "Led a team of five writing {a} services for the order pipeline",
};
static const char *const prose_one[] = {
    "Ran {a} in production for the checkout and search teams",
    "Introduced {a} for the internal platform",
    "Cut p99 latency by 35% with {a} in front of the catalogue API",
    "Automated release checks with {a}",
    "Moved reporting onto {a}, saving two days of manual work a month",
    "Owned the {a} upgrade across 30 services with no downtime",
    "Trained six engineers on {a}",
};
static const char *const prose_two[] = {
    "Built the tracking API with {a} and {b}",
    "Moved order processing from {a} to {b}",
    "Used {a} with {b} for the nightly reconciliation jobs",
    "Designed the event pipeline on {a}, {b} and a small amount of glue code",
    "Replaced a home-grown scheduler with {a} and {b}",
};
/* The ambiguous names as ordinary words: never labelled. */
static const char *const decoys[] = {
    "Owned the go-to-market plan for two product launches",
    "Known for swift delivery under tight deadlines",
    "Invited to express interest in the staff engineer track",
    "Shipped the spring release two weeks early",
    "Helped support react quickly to outages with clear runbooks",
    "Got the rest of the team to write things down",
    "Made solid progress on a backlog of 300 tickets",
    "Kept a weekly release cadence for two years",
    "Took the helm of a team of six after a reorganisation",
    "Drafted plan B and plan C for the data centre move",
    "Claimed R&D tax credits for two years of platform work",
    "Spoke at a meetup in Phoenix about team health",
    "Mentored Julia and Ada, two new graduates, through their first year",
    "Go-live for the new ledger came a month early",
    "Swift handover to the new team after the acquisition",
    "Reviewed the rust-proofing budget for the warehouse robots",
};

/* Writes a sentence from tmpl with a and b in place of {a} and {b}. */
static char *
fill(const char *tmpl, const char *a, const char *b)
{
    struct buf o;
    buf_init(&o, BIG);
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '{' && (p[1] == 'a' || p[1] == 'b') && p[2] == '}') {
            buf_puts(&o, p[1] == 'a' ? a : b);
            p += 2;
        } else {
            buf_putc(&o, *p);
        }
    }
    return buf_take(&o);
}

/* ---- a synthetic resume ---------------------------------------------------------------------- */

static const char *const first_names[] = {
    "Amara", "Tomasz",  "Ines",  "Kofi",   "Mei",     "Lars",   "Priya", "Diego", "Noor",
    "Yuki",  "Ruby",    "Julia", "Oskar",  "Leila",   "Mateo",  "Sione", "Hana",  "Emeka",
    "Freya", "Rohan",   "Zofia", "Tariq",  "Elif",    "Ada",    "Bruno", "Chidi", "Greta",
    "Ilse",  "Joaquín", "Kaito", "Linnea", "Marisol", "Nikhil", "Oona",  "Petra", "Renée",
};
static const char *const last_names[] = {
    "Marsh",     "Delacroix", "Oyelaran",  "Kowalczyk", "Brandt",     "Haddad",      "Sato",
    "Lindqvist", "Ferreira",  "Quist",     "Adeyemi",   "Castellano", "Varga",       "Holm",
    "Jackson",   "Okonjo",    "Pereira",   "Szabó",     "Vance",      "Whitlow",     "Yilmaz",
    "Abernathy", "Bergström", "Coulibaly", "Dunmore",   "Esposito",   "Fairweather",
};
static const char *const companies[] = {
    "Northwind Freight",   "Bluefin Ledger",     "Copperleaf Health",  "Tidewater Analytics",
    "Brightline Payments", "Kestrel Logistics",  "Harborview Media",   "Orchard Labs",
    "Pinecrest Insurance", "Granite Data",       "Saltmarsh Games",    "Redwood Transit",
    "Aurora Freight",      "Phoenix Retail",     "Spark Mobility",     "Lantern Bank",
    "Meridian Energy",     "Quillfeather Books", "Foxglove Telecom",   "Ironbridge Capital",
    "Silverpine Travel",   "Cobalt Robotics",    "Wren & Moss Retail", "Eastmoor Council",
};
static const char *const titles[] = {
    "Backend Engineer",        "Senior Software Engineer",
    "Platform Engineer",       "Site Reliability Engineer",
    "Data Engineer",           "Staff Engineer",
    "Engineering Manager",     "Software Developer",
    "Lead Backend Developer",  "Junior Developer",
    "Database Administrator",  "Solutions Architect",
    "Infrastructure Engineer", "Principal Engineer",
    "Software Engineer II",
};
static const char *const schools[] = {
    "University of Eastmoor", "Northfield Institute of Technology",
    "Lakeside University",    "Crestwood College",
    "Université de Valmont",  "Polytechnic of Saltash",
};
static const char *const degrees[] = {
    "BSc Computer Science", "MSc Software Engineering", "BEng Electronic Engineering",
    "BA Mathematics",       "MSc Data Science",         "BSc Physics",
};
static const char *const h_exp[] = {
    "Experience",
    "Work Experience",
    "Professional Experience",
    "Work History",
    "Employment",
    "Employment History",
    "Career History",
    "Relevant Experience",
    "Experience:",
    "Career",
    "Professional Background",
};
static const char *const h_skills[] = {"Skills",       "Technical Skills", "Core Competencies",
                                       "Technologies", "Skills:",          "Tech Stack",
                                       "Toolbox"};
static const char *const h_edu[] = {"Education", "Education and Training", "Academic Background"};
static const char *const groups[] = {"Languages", "Databases",  "Cloud",
                                     "Tools",     "Frameworks", "Infrastructure"};

static char *
email_of(const char *first, const char *last)
{
    char *s = fmt("%s.%s@example.%s", first, last, chance(50) ? "org" : "com");
    char *o = s, *p = s;
    /* ASCII only, lower case: accented letters dropped */
    for (; *p; p++)
        if ((unsigned char)*p < 0x80)
            *o++ = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    *o = '\0';
    return s;
}

static void
synth(struct cv *c, int index)
{
    const char *first = PICK(first_names), *last = PICK(last_names);
    struct chosen sk[16];
    size_t nsk, nprose = 0, ndecoy = (size_t)pick(4);
    int style = pick(D_COUNT), njobs = 1 + pick(5), y, m;
    char *prose[24];

    c->base = fmt("r%04d", index);
    c->skill_set = xcalloc(tax.n, sizeof *c->skill_set);
    c->layout = pick(L_COUNT);
    c->skills_style = pick(4);
    c->bullet = pick(3);
    c->skills_first = chance(30);
    c->edu_first = chance(20);
    c->upper_headings = chance(40);
    c->h_exp = PICK(h_exp);
    c->h_skills = PICK(h_skills);
    c->h_edu = PICK(h_edu);
    c->h_projects = chance(50) ? "Projects" : "Personal Projects";
    c->h_certs = chance(50) ? "Certifications" : "Licenses & Certifications";
    c->h_summary = chance(50) ? "Summary" : "Profile";
    c->name = fmt("%s %s", first, last);
    c->email = email_of(first, last);
    c->phone = chance(50) ? fmt("+44 20 7946 %04d", pick(10000))
                          : fmt("(%03d) 555-%04d", 200 + pick(700), pick(10000));
    if (chance(50))
        push(&c->links, &c->nlinks, fmt("github.com/%c%s", first[0] | 0x20, "-builds"));
    if (chance(40))
        push(&c->links, &c->nlinks, fmt("https://www.linkedin.com/in/%s-%d", "profile", pick(999)));

    choose_skills(c, sk, &nsk);

    /* jobs, newest first, from today backwards; some overlap, some run to today */
    y = today.year - pick(3);
    m = 1 + pick(12);
    c->jobs = xcalloc((size_t)njobs + 1, sizeof *c->jobs);
    for (int i = 0; i < njobs; i++) {
        struct job *j = &c->jobs[c->njobs++];
        int len = 6 + pick(60), st = chance(80) ? style : pick(D_COUNT);
        j->title = xstrdup(PICK(titles));
        j->company = xstrdup(PICK(companies));
        j->present = i == 0 && chance(60);
        j->end = j->present ? today : (struct ym){y, m};
        if (!j->present &&
            (j->end.year > today.year || (j->end.year == today.year && j->end.month > today.month)))
            j->end = (struct ym){today.year - 1, 12};
        {
            int e = months_of(j->end) - len;
            j->start = (struct ym){e / 12, e % 12 + 1};
        }
        if (j->present && (st == D_SINCE_YEAR || st == D_YEARS || st == D_YEARS_EN))
            j->end = today;
        job_dates(j, st);
        /* a title that names a practice of the taxonomy is a mention of it */
        if (!strcmp(j->title, "Site Reliability Engineer"))
            c->skill_set[skill_index("site reliability engineering")] = true;
        /* the next (older) job ends a little before this one starts, or overlaps it */
        {
            int e = months_of(j->start) - (chance(15) ? -(1 + pick(8)) : pick(6));
            y = e / 12;
            m = e % 12 + 1;
        }
        if (y < 1990)
            break;
    }
    if (chance(15) && c->njobs >= 2) {
        /* a side job that overlaps the others */
        struct job *j = &c->jobs[c->njobs++], *o = &c->jobs[1];
        j->title = xstrdup("Part-time Lecturer");
        j->company = xstrdup("Crestwood College");
        j->present = false;
        j->start = o->start;
        j->end = (struct ym){o->start.year + 1, o->start.month};
        if (months_of(j->end) > months_of(today) - 1)
            j->end = (struct ym){today.year - 1, 6};
        job_dates(j, style);
    }

    /* prose for the skills meant for it */
    for (size_t i = 0; i < nsk; i++) {
        if (sk[i].where == 0)
            continue;
        if (nprose >= 20) {
            sk[i].where = 0;
            continue;
        }
        if (sk[i].lang && chance(85))
            prose[nprose++] = fill(PICK(prose_lang), sk[i].shown, "");
        else if (!sk[i].ambig && chance(70))
            prose[nprose++] = fill(PICK(prose_one), sk[i].shown, "");
        else {
            /* paired with a plain skill, as people write "Helm and Terraform" */
            size_t o = (size_t)pick((int)nsk);
            while (sk[o].ambig && o + 1 < nsk)
                o++;
            if (o == i || sk[o].ambig) {
                if (sk[i].where == 1)
                    sk[i].where = 0; /* nothing to pair with: it goes in the list */
                continue;
            }
            prose[nprose++] = chance(50) ? fill(PICK(prose_two), sk[i].shown, sk[o].shown)
                                         : fill(PICK(prose_two), sk[o].shown, sk[i].shown);
        }
    }
    for (size_t i = 0; i < ndecoy && nprose < 24; i++)
        prose[nprose++] = xstrdup(PICK(decoys));
    /* shuffle and deal the sentences to the jobs (and a few to the summary) */
    for (size_t i = nprose; i > 1; i--) {
        size_t k = (size_t)pick((int)i);
        char *t = prose[i - 1];
        prose[i - 1] = prose[k];
        prose[k] = t;
    }
    if (chance(60))
        c->summary = fmt("%s with %d years of experience building payment, logistics and "
                         "media systems.",
                         chance(50) ? "Backend engineer" : "Software engineer", 2 + pick(15));
    for (size_t i = 0; i < nprose; i++) {
        struct job *j = &c->jobs[i % c->njobs];
        if (c->summary && i == 0 && chance(50)) {
            char *s = fmt("%s %s.", c->summary, prose[i]);
            free(c->summary);
            c->summary = s;
            free(prose[i]);
            continue;
        }
        push(&j->lines, &j->nlines, prose[i]);
    }
    for (size_t i = 0; i < c->njobs; i++)
        if (!c->jobs[i].nlines)
            push(&c->jobs[i].lines, &c->jobs[i].nlines,
                 xstrdup("Handled support rotations for the team's services"));

    /* the skills section */
    {
        size_t nlist = 0;
        int ng = c->skills_style == 3 ? 2 + pick(3) : 1;
        c->groups = xcalloc((size_t)ng, sizeof *c->groups);
        c->ngroups = (size_t)ng;
        if (ng > 1)
            for (int g = 0; g < ng; g++)
                c->groups[g].label = xstrdup(groups[(g + pick(2)) % 6]);
        for (size_t i = 0; i < nsk; i++) {
            struct group *g = &c->groups[nlist++ % (size_t)ng];
            if (sk[i].where == 1) {
                free(sk[i].shown);
                continue;
            }
            push(&g->items, &g->n, sk[i].shown);
        }
        /* a group that got nothing is dropped */
        while (c->ngroups && !c->groups[c->ngroups - 1].n) {
            free(c->groups[c->ngroups - 1].label);
            c->ngroups--;
        }
    }

    /* education, projects, certifications: dated, but not positions */
    {
        int gy = c->jobs[c->njobs - 1].start.year - pick(2);
        push(&c->edu, &c->nedu,
             fmt("%s, %s, %d - %d", PICK(degrees), PICK(schools), gy - 3 - pick(2), gy));
    }
    if (chance(30)) {
        push(&c->projects, &c->nprojects,
             fmt("Tidepool, an open-source rate limiter (%d - %d)", 2019 + pick(3), 2023));
        c->skill_set[skill_index("rate limiting")] = true; /* "rate limiter" says so */
    }
    if (chance(30)) {
        size_t k = skill_index("kubernetes");
        push(&c->certs, &c->ncerts, fmt("Certified Kubernetes Administrator, %d", 2018 + pick(6)));
        c->skill_set[k] = true;
    }
}

/* ---- a JSON Resume --------------------------------------------------------------------------- */

static const char *
jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? s : NULL;
}

static struct ym
json_date(const char *s)
{
    struct ym d = {0, 0};
    if (s && strlen(s) >= 7) {
        d.year = (int)strtol(s, NULL, 10);
        d.month = (int)strtol(s + 5, NULL, 10);
    }
    return d;
}

static int
from_json(struct cv *c, const char *path, int index)
{
    json_error_t err;
    json_t *r = json_load_file(path, 0, &err), *basics, *a, *v, *h;
    const char *slash = strrchr(path, '/'), *dot;
    size_t i, k;

    if (!r) {
        fprintf(stderr, "accuracy-gen: cannot read %s: %s\n", path, err.text);
        return -1;
    }
    slash = slash ? slash + 1 : path;
    dot = strstr(slash, ".json");
    c->base = fmt("%.*s-%s", (int)(dot ? dot - slash : (long)strlen(slash)), slash,
                  layout_names[index % 2 ? L_TWOCOL : L_CLASSIC]);
    c->layout = index % 2 ? L_TWOCOL : L_CLASSIC;
    c->skills_style = pick(3);
    c->bullet = pick(3);
    c->upper_headings = chance(50);
    c->h_exp = "Experience";
    c->h_skills = "Skills";
    c->h_edu = "Education";
    c->h_projects = "Projects";
    c->h_certs = "Certifications";
    c->h_summary = "Summary";
    basics = json_object_get(r, "basics");
    c->name = xstrdup(jstr(basics, "name") ? jstr(basics, "name") : "Unnamed");
    if (jstr(basics, "label"))
        c->label = xstrdup(jstr(basics, "label"));
    if (jstr(basics, "email"))
        c->email = xstrdup(jstr(basics, "email"));
    if (jstr(basics, "phone"))
        c->phone = xstrdup(jstr(basics, "phone"));
    if (jstr(basics, "url"))
        push(&c->links, &c->nlinks, xstrdup(jstr(basics, "url")));
    json_array_foreach(json_object_get(basics, "profiles"), i, v) if (jstr(v, "url"))
        push(&c->links, &c->nlinks, xstrdup(jstr(v, "url")));
    if (jstr(basics, "summary"))
        c->summary = xstrdup(jstr(basics, "summary"));
    a = json_object_get(r, "work");
    c->jobs = xcalloc(json_array_size(a) + 1, sizeof *c->jobs);
    json_array_foreach(a, i, v)
    {
        struct job *j = &c->jobs[c->njobs];
        if (!jstr(v, "startDate"))
            continue;
        c->njobs++;
        j->title = xstrdup(jstr(v, "position") ? jstr(v, "position") : "");
        j->company = xstrdup(jstr(v, "name") ? jstr(v, "name") : "");
        j->start = json_date(jstr(v, "startDate"));
        j->present = !jstr(v, "endDate");
        j->end = j->present ? today : json_date(jstr(v, "endDate"));
        job_dates(j, (int)(i + (size_t)index) % 3 == 0   ? D_MON_YEAR
                     : (int)(i + (size_t)index) % 3 == 1 ? D_SLASH
                                                         : D_SEPT);
        if (jstr(v, "summary"))
            push(&j->lines, &j->nlines, xstrdup(jstr(v, "summary")));
        json_array_foreach(json_object_get(v, "highlights"), k, h) if (json_is_string(h))
            push(&j->lines, &j->nlines, xstrdup(json_string_value(h)));
    }
    a = json_object_get(r, "skills");
    c->groups = xcalloc(json_array_size(a) + 1, sizeof *c->groups);
    json_array_foreach(a, i, v)
    {
        struct group *g = &c->groups[c->ngroups++];
        g->label = jstr(v, "name") ? xstrdup(jstr(v, "name")) : NULL;
        json_array_foreach(json_object_get(v, "keywords"), k, h) if (json_is_string(h))
            push(&g->items, &g->n, nobreak(xstrdup(json_string_value(h))));
    }
    json_array_foreach(json_object_get(r, "education"), i, v)
    {
        const char *t = jstr(v, "studyType"), *ar = jstr(v, "area"), *in = jstr(v, "institution");
        push(&c->edu, &c->nedu,
             fmt("%s%s%s%s%s", t ? t : "", t && ar ? " in " : "", ar ? ar : "",
                 (t || ar) && in ? ", " : "", in ? in : ""));
    }
    json_array_foreach(json_object_get(r, "projects"), i, v)
    {
        const char *nm = jstr(v, "name"), *ds = jstr(v, "description");
        push(&c->projects, &c->nprojects,
             fmt("%s%s%s", nm ? nm : "", nm && ds ? ": " : "", ds ? ds : ""));
        json_array_foreach(json_object_get(v, "highlights"), k, h) if (json_is_string(h))
            push(&c->projects, &c->nprojects, fmt("- %s", json_string_value(h)));
    }
    json_array_foreach(json_object_get(r, "certificates"), i, v)
    {
        const char *nm = jstr(v, "name"), *is = jstr(v, "issuer");
        push(&c->certs, &c->ncerts,
             fmt("%s%s%s", nm ? nm : "", nm && is ? ", " : "", is ? is : ""));
    }
    json_decref(r);
    return 0;
}

/* ---- JSON Resumes of invented people, for the themes (-J) --------------------------------- *
 *
 * A synthetic person written as a JSON Resume, which the run renders with popular themes and
 * prints to PDF. Besides the positions (labelled), it has what themes set beside them and what
 * a parser must not count as work: volunteering, education, projects, certificates and awards,
 * all dated, and placed before the first position or overlapping the gaps between positions
 * so that counting them as work changes the experience. Positions carry both "name" (the
 * schema's) and "company" (what older themes print). */

static void unguard(char *s);
static void label(FILE *out, const struct cv *c, const char *file);
static void label_eval(FILE *out, const struct cv *c, const char *file, const char *layout,
                       const char *eval);

static json_t *
jtext(const char *s)
{
    char *t = xstrdup(s);
    json_t *v;
    unguard(t);
    v = json_string(t);
    free(t);
    return v;
}

static json_t *
jday(struct ym d)
{
    char s[16];
    snprintf(s, sizeof s, "%04d-%02d-%02d", d.year, d.month, 1 + pick(28));
    return json_string(s);
}

static struct ym
ym_add(struct ym d, int months)
{
    int m = months_of(d) + months;
    return (struct ym){m / 12, m % 12 + 1};
}

static json_t *
to_json_resume(const struct cv *c)
{
    json_t *r = json_object(), *b = json_object(), *a, *o, *h;
    struct ym first = c->jobs[0].start;
    static const char *const orgs[] = {"Code Club Eastmoor", "Riverside Food Bank",
                                       "Open Maps Collective", "Saltash Rowing Club",
                                       "Harbour Youth Mentors"};
    static const char *const roles[] = {"Volunteer Tutor", "Coordinator", "Mentor", "Treasurer"};
    static const char *const areas[] = {"Computer Science", "Software Engineering", "Mathematics",
                                        "Physics", "Electronic Engineering"};

    for (size_t i = 0; i < c->njobs; i++)
        if (months_of(c->jobs[i].start) < months_of(first))
            first = c->jobs[i].start;
    json_object_set_new(b, "name", jtext(c->name));
    json_object_set_new(b, "label", json_string(c->jobs[0].title));
    if (c->email)
        json_object_set_new(b, "email", json_string(c->email));
    if (c->phone)
        json_object_set_new(b, "phone", json_string(c->phone));
    if (c->summary)
        json_object_set_new(b, "summary", jtext(c->summary));
    o = json_object();
    {
        bool uk = chance(50);
        json_object_set_new(o, "city", json_string(uk ? "Leeds" : "Porto"));
        json_object_set_new(o, "countryCode", json_string(uk ? "GB" : "PT"));
    }
    json_object_set_new(b, "location", o);
    a = json_array();
    for (size_t i = 0; i < c->nlinks; i++) {
        o = json_object();
        json_object_set_new(o, "network",
                            json_string(strstr(c->links[i], "github") ? "GitHub" : "LinkedIn"));
        json_object_set_new(o, "url", json_string(c->links[i]));
        json_array_append_new(a, o);
    }
    json_object_set_new(b, "profiles", a);
    json_object_set_new(r, "basics", b);

    a = json_array();
    for (size_t i = 0; i < c->njobs; i++) {
        const struct job *j = &c->jobs[i];
        o = json_object();
        json_object_set_new(o, "name", json_string(j->company));
        json_object_set_new(o, "company", json_string(j->company));
        json_object_set_new(o, "position", json_string(j->title));
        if (chance(40))
            json_object_set_new(o, "location", json_string(chance(50) ? "Leeds" : "Remote"));
        json_object_set_new(o, "startDate", jday(j->start));
        if (!j->present)
            json_object_set_new(o, "endDate", jday(j->end));
        h = json_array();
        for (size_t k = 0; k < j->nlines; k++)
            if (k == 0 && j->nlines > 1 && chance(40))
                json_object_set_new(o, "summary", jtext(j->lines[k]));
            else
                json_array_append_new(h, jtext(j->lines[k]));
        json_object_set_new(o, "highlights", h);
        json_array_append_new(a, o);
    }
    json_object_set_new(r, "work", a);

    /* volunteering: before the first position, or over a gap, or still going on */
    a = json_array();
    for (int i = 0, nv = pick(3); i < nv; i++) {
        struct ym st = ym_add(first, -(12 + pick(48))), en = ym_add(st, 6 + pick(30));
        bool open = i == 0 && chance(30);
        o = json_object();
        json_object_set_new(o, "organization", json_string(PICK(orgs)));
        json_object_set_new(o, "position", json_string(PICK(roles)));
        json_object_set_new(o, "startDate", jday(open ? ym_add(today, -(6 + pick(40))) : st));
        if (!open)
            json_object_set_new(o, "endDate", jday(months_of(en) < months_of(first) ? en : first));
        json_object_set_new(o, "summary",
                            json_string("Ran weekend sessions and kept the rota for volunteers"));
        json_array_append_new(a, o);
    }
    json_object_set_new(r, "volunteer", a);

    a = json_array();
    for (size_t i = 0; i < c->nedu; i++) {
        struct ym en = ym_add(first, -(1 + pick(10)));
        o = json_object();
        json_object_set_new(o, "institution", json_string(PICK(schools)));
        json_object_set_new(o, "area", json_string(PICK(areas)));
        json_object_set_new(o, "studyType", json_string(chance(50) ? "Bachelor" : "Master"));
        json_object_set_new(o, "startDate", jday(ym_add(en, -(24 + 12 * pick(3)))));
        json_object_set_new(o, "endDate", jday(en));
        if (chance(40)) {
            h = json_array();
            json_array_append_new(h, json_string("Distributed Systems"));
            json_array_append_new(h, json_string("Databases"));
            json_object_set_new(o, "courses", h);
        }
        json_array_append_new(a, o);
    }
    json_object_set_new(r, "education", a);

    a = json_array();
    if (chance(50)) {
        struct ym st = ym_add(today, -(12 + pick(60)));
        o = json_object();
        json_object_set_new(o, "name", json_string("Tidepool"));
        json_object_set_new(o, "description", json_string("An open-source rate limiter"));
        json_object_set_new(o, "startDate", jday(st));
        if (chance(50))
            json_object_set_new(o, "endDate", jday(ym_add(st, 3 + pick(12))));
        json_array_append_new(a, o);
    }
    if (chance(40)) {
        struct ym st = ym_add(first, -(6 + pick(30)));
        o = json_object();
        json_object_set_new(o, "name", json_string("Ferry timetable app"));
        json_object_set_new(o, "description", json_string("A student project, still in use"));
        json_object_set_new(o, "startDate", jday(st));
        json_object_set_new(o, "endDate", jday(ym_add(st, 4 + pick(8))));
        json_array_append_new(a, o);
    }
    json_object_set_new(r, "projects", a);

    a = json_array();
    for (size_t i = 0; i < c->ncerts; i++) {
        o = json_object();
        json_object_set_new(o, "name", json_string("Certified Kubernetes Administrator"));
        json_object_set_new(o, "issuer", json_string("CNCF"));
        json_object_set_new(o, "date", jday(ym_add(today, -(6 + pick(60)))));
        json_array_append_new(a, o);
    }
    json_object_set_new(r, "certificates", a);
    if (chance(30)) {
        a = json_array();
        o = json_object();
        json_object_set_new(o, "title", json_string("Hackathon winner"));
        json_object_set_new(o, "awarder", json_string("Eastmoor Tech Week"));
        json_object_set_new(o, "date", jday(ym_add(first, -(3 + pick(20)))));
        json_array_append_new(a, o);
        json_object_set_new(r, "awards", a);
    }

    a = json_array();
    for (size_t g = 0; g < c->ngroups; g++) {
        o = json_object();
        json_object_set_new(o, "name",
                            json_string(c->groups[g].label ? c->groups[g].label : "Skills"));
        h = json_array();
        for (size_t k = 0; k < c->groups[g].n; k++)
            json_array_append_new(h, jtext(c->groups[g].items[k]));
        json_object_set_new(o, "keywords", h);
        json_array_append_new(a, o);
    }
    json_object_set_new(r, "skills", a);
    a = json_array();
    o = json_object();
    json_object_set_new(o, "language", json_string("English"));
    json_object_set_new(o, "fluency", json_string("Fluent"));
    json_array_append_new(a, o);
    json_object_set_new(r, "languages", a);
    return r;
}

/* N people as JSON Resumes in dir, with their labels (the positions of "work"). */
static int
json_people(const char *dir, long n, FILE *labels)
{
    for (long i = 1; i <= n; i++) {
        struct cv cv = {0};
        json_t *r;
        char *path;
        int rc;
        synth(&cv, (int)i);
        free(cv.base);
        cv.base = fmt("p%04ld", i);
        r = to_json_resume(&cv);
        path = fmt("%s/%s.json", dir, cv.base);
        rc = json_dump_file(r, path, JSON_INDENT(2));
        json_decref(r);
        if (rc)
            fprintf(stderr, "accuracy-gen: cannot write %s\n", path);
        else {
            char *name = fmt("%s.json", cv.base);
            label_eval(labels, &cv, name, "source", "themes");
            free(name);
        }
        free(path);
        cv_free(&cv);
        if (rc)
            return -1;
    }
    return 0;
}

/* ---- blocks: the resume laid out, before any format --------------------------------------- */

/* K_RIGHT: a title with its dates at the right margin (cell 0 and 1) */
enum kind { K_NAME, K_LINE, K_HEAD, K_TITLE, K_DATE, K_BULLET, K_PARA, K_ROW, K_RIGHT };

struct blk {
    enum kind k;
    int side; /* 1: the narrow column of a two-column layout */
    char *t;
    char *cell[3];
};

struct doc {
    struct blk *v;
    size_t n, cap;
    bool two_col;
    const struct cv *cv;
};

static void
add(struct doc *d, enum kind k, int side, char *t)
{
    xgrow(&d->v, &d->cap, d->n + 1, sizeof *d->v);
    d->v[d->n++] = (struct blk){k, side, t, {NULL, NULL, NULL}};
}

static void
add_row(struct doc *d, char *a, char *b, char *c)
{
    xgrow(&d->v, &d->cap, d->n + 1, sizeof *d->v);
    d->v[d->n++] = (struct blk){K_ROW, 0, NULL, {a, b, c}};
}

static void
doc_free(struct doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].t);
        for (int k = 0; k < 3; k++)
            free(d->v[i].cell[k]);
    }
    free(d->v);
}

static char *
heading(const struct cv *c, const char *h)
{
    char *s = xstrdup(h);
    if (c->upper_headings)
        for (char *p = s; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 32);
    return s;
}

/* Marks the skills in s (a new string) so that wrapping never splits their names. */
static char *
guard(char *s)
{
    struct skill_hit *hits = NULL;
    size_t n = 0;
    char msg[RB_ERRMSG];
    if (skillscan_run(scanner, s, strlen(s), &hits, &n, msg) == RB_OK)
        for (size_t i = 0; i < n; i++)
            for (size_t k = hits[i].start; k < hits[i].end; k++)
                if (s[k] == ' ')
                    s[k] = NOBREAK;
    free(hits);
    return s;
}

static void
skills_blocks(struct doc *d, const struct cv *c, int side)
{
    if (!c->ngroups)
        return;
    add(d, K_HEAD, side, heading(c, c->h_skills));
    for (size_t g = 0; g < c->ngroups; g++) {
        const struct group *gr = &c->groups[g];
        struct buf b;
        if (side || c->skills_style == 1) {
            /* one a line, as a sidebar or a bulleted list has them */
            for (size_t i = 0; i < gr->n; i++)
                add(d, side ? K_LINE : K_BULLET, side, xstrdup(gr->items[i]));
            continue;
        }
        buf_init(&b, BIG);
        if (gr->label)
            buf_printf(&b, "%s: ", gr->label);
        else if (c->skills_style == 0)
            buf_puts(&b, "Skills: ");
        for (size_t i = 0; i < gr->n; i++)
            buf_printf(&b, "%s%s", i ? (c->skills_style == 2 ? " | " : ", ") : "", gr->items[i]);
        add(d, K_PARA, side, buf_take(&b));
    }
}

static void
edu_blocks(struct doc *d, const struct cv *c, int side)
{
    if (!c->nedu)
        return;
    add(d, K_HEAD, side, heading(c, c->h_edu));
    for (size_t i = 0; i < c->nedu; i++)
        add(d, side ? K_PARA : K_LINE, side, xstrdup(c->edu[i]));
}

static void
job_blocks(struct doc *d, const struct cv *c)
{
    add(d, K_HEAD, 0, heading(c, c->h_exp));
    for (size_t i = 0; i < c->njobs; i++) {
        const struct job *j = &c->jobs[i];
        switch (c->layout) {
        case L_INLINE:
            add(d, K_TITLE, 0, fmt("%s | %s | %s", j->title, j->company, j->dates));
            break;
        case L_DATEFIRST:
            add(d, K_TITLE, 0, fmt("%s   %s at %s", j->dates, j->title, j->company));
            break;
        case L_TABLE:
            add_row(d, xstrdup(j->dates), xstrdup(j->title), xstrdup(j->company));
            break;
        case L_RIGHTDATES:
            add_row(d, fmt("%s, %s", j->title, j->company), xstrdup(j->dates), NULL);
            d->v[d->n - 1].k = K_RIGHT;
            break;
        case L_HEADINGS:
            add(d, K_TITLE, 0, fmt("%s " EM_DASH " %s", j->title, j->company));
            add(d, K_DATE, 0, xstrdup(j->dates));
            break;
        default:
            add(d, K_TITLE, 0, fmt("%s, %s", j->title, j->company));
            add(d, K_DATE, 0, xstrdup(j->dates));
        }
        for (size_t k = 0; k < j->nlines; k++)
            add(d, K_BULLET, 0, guard(xstrdup(j->lines[k])));
    }
}

static void
build(struct doc *d, const struct cv *c)
{
    int side = c->layout == L_TWOCOL;
    memset(d, 0, sizeof *d);
    d->cv = c;
    d->two_col = side;
    add(d, K_NAME, 0, xstrdup(c->name));
    if (c->label)
        add(d, K_LINE, 0, xstrdup(c->label));
    if (side) {
        /* a header across the top: the sidebar is too narrow for addresses */
        add(d, K_LINE, 0,
            fmt("%s%s%s", c->email ? c->email : "", c->email && c->phone ? " | " : "",
                c->phone ? c->phone : ""));
        for (size_t i = 0; i < c->nlinks; i++)
            add(d, K_LINE, 0, xstrdup(c->links[i]));
    } else {
        struct buf b;
        buf_init(&b, BIG);
        buf_printf(&b, "%s", c->email ? c->email : "");
        if (c->phone)
            buf_printf(&b, " | %s", c->phone);
        for (size_t i = 0; i < c->nlinks; i++)
            buf_printf(&b, " | %s", c->links[i]);
        add(d, K_LINE, 0, buf_take(&b));
    }
    if (c->summary) {
        if (chance(50))
            add(d, K_HEAD, 0, heading(c, c->h_summary));
        add(d, K_PARA, 0, guard(xstrdup(c->summary)));
    }
    if (side) {
        skills_blocks(d, c, 1);
        edu_blocks(d, c, 1);
    } else {
        if (c->skills_first)
            skills_blocks(d, c, 0);
        if (c->edu_first)
            edu_blocks(d, c, 0);
    }
    job_blocks(d, c);
    if (c->nprojects) {
        add(d, K_HEAD, 0, heading(c, c->h_projects));
        for (size_t i = 0; i < c->nprojects; i++)
            add(d, c->projects[i][0] == '-' ? K_BULLET : K_PARA, 0,
                guard(xstrdup(c->projects[i] + (c->projects[i][0] == '-' ? 2 : 0))));
    }
    if (c->ncerts) {
        add(d, K_HEAD, 0, heading(c, c->h_certs));
        for (size_t i = 0; i < c->ncerts; i++)
            add(d, K_LINE, 0, xstrdup(c->certs[i]));
    }
    if (!side) {
        if (!c->edu_first)
            edu_blocks(d, c, 0);
        if (!c->skills_first)
            skills_blocks(d, c, 0);
    }
}

/* ---- text lines: TXT, Markdown, and what PostScript places --------------------------------- */

/* UTF-8 characters in s (what a monospaced column counts). */
static size_t
width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* Splits s into lines of at most w characters at spaces (never at NOBREAK); each line is
 * appended to *v with prefix (first line) or indent (the others). A word longer than a line
 * gets a line of its own. */
static void
wrap(const char *s, size_t w, const char *prefix, const char *indent, char ***v, size_t *n)
{
    size_t len = strlen(s), at = 0;
    bool first = true;
    while (at < len) {
        const char *pre = first ? prefix : indent;
        size_t lead = width(pre, strlen(pre)), end = at, fits = at;
        while (end < len) {
            size_t we = end;
            while (we < len && s[we] != ' ')
                we++;
            if (fits > at && lead + width(s + at, we - at) > w)
                break;
            fits = we;
            end = we;
            while (end < len && s[end] == ' ')
                end++;
        }
        push(v, n, fmt("%s%.*s", pre, (int)(fits - at), s + at));
        at = fits;
        while (at < len && s[at] == ' ')
            at++;
        first = false;
    }
}

static void
unguard(char *s)
{
    for (; *s; s++)
        if (*s == NOBREAK)
            *s = ' ';
}

/* Spaces that take s to a column w characters wide, at least 3. */
static int
column_pad(const char *s, int w)
{
    int pad = w - (int)width(s, strlen(s));
    return pad < 3 ? 3 : pad;
}

static const char *const bullets[] = {"- ", "\xE2\x80\xA2 ", "* "};

/* The lines of one column of blocks for plain text: w is its width (0: no wrapping). */
static void
text_lines(const struct doc *d, int side, size_t w, bool md, char ***v, size_t *n)
{
    const struct cv *c = d->cv;
    bool in_table = false;
    for (size_t i = 0; i < d->n; i++) {
        const struct blk *b = &d->v[i];
        size_t ww = w ? w : 100000;
        if (b->side != side && !(b->k == K_NAME && side == 0))
            continue;
        if (b->k != K_ROW && in_table) {
            in_table = false;
            push(v, n, xstrdup(""));
        }
        switch (b->k) {
        case K_NAME:
            push(v, n, fmt("%s%s", md ? "# " : "", b->t));
            break;
        case K_HEAD:
            push(v, n, xstrdup(""));
            push(v, n, fmt("%s%s", md ? "## " : "", b->t));
            break;
        case K_TITLE:
            push(v, n, xstrdup(""));
            push(v, n,
                 fmt("%s%s%s", md ? (c->layout == L_HEADINGS ? "### " : "**") : "", b->t,
                     md && c->layout != L_HEADINGS ? "**" : ""));
            break;
        case K_DATE:
            push(v, n, fmt(md && c->layout == L_HEADINGS ? "*%s*" : "%s", b->t));
            break;
        case K_BULLET:
            wrap(b->t, ww, md ? "- " : bullets[c->bullet], "  ", v, n);
            break;
        case K_PARA:
            wrap(b->t, ww, "", "", v, n);
            break;
        case K_LINE:
            push(v, n, xstrdup(b->t));
            break;
        case K_RIGHT:
            /* TAB_RIGHT marks where the right-aligned dates start: a text file pads it,
             * a PDF places them at the margin */
            push(v, n, xstrdup(""));
            push(v, n,
                 md ? fmt("**%s** | %s", b->cell[0], b->cell[1])
                    : fmt("%s%c%s", b->cell[0], TAB_RIGHT, b->cell[1]));
            break;
        case K_ROW:
            if (!in_table) {
                in_table = true;
                push(v, n, xstrdup(""));
                if (md) {
                    push(v, n, xstrdup("| Dates | Role | Company |"));
                    push(v, n, xstrdup("|---|---|---|"));
                }
            }
            if (md)
                push(v, n, fmt("| %s | %s | %s |", b->cell[0], b->cell[1], b->cell[2]));
            else
                push(v, n,
                     fmt("%s%*s%s%*s%s", b->cell[0], column_pad(b->cell[0], 34), "", b->cell[1],
                         column_pad(b->cell[1], 28), "", b->cell[2]));
            break;
        }
    }
}

static void
free_lines(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

#define LEFT_W 34 /* the narrow column's width in a two-column text */

/* Pads each TAB_RIGHT so that the rest of its line ends at column 80. Takes s; returns a new
 * string. */
static char *
right_align(char *s)
{
    struct buf o;
    buf_init(&o, BIG);
    for (char *p = s, *nl; *p; p = nl + (*nl != 0)) {
        char *tab;
        nl = strchr(p, '\n');
        if (!nl)
            nl = p + strlen(p);
        tab = memchr(p, TAB_RIGHT, (size_t)(nl - p));
        if (tab) {
            int pad =
                80 - (int)width(p, (size_t)(tab - p)) - (int)width(tab + 1, (size_t)(nl - tab - 1));
            buf_append(&o, p, (size_t)(tab - p));
            buf_printf(&o, "%*s", pad < 3 ? 3 : pad, "");
            buf_append(&o, tab + 1, (size_t)(nl - tab - 1));
        } else {
            buf_append(&o, p, (size_t)(nl - p));
        }
        if (*nl)
            buf_putc(&o, '\n');
    }
    free(s);
    return buf_take(&o);
}

/* The whole text of a TXT or Markdown file. Two columns are written side by side, as
 * pdftotext -layout flattens them: the name on its own line, then the sidebar padded to
 * LEFT_W characters and the main column beside it. */
static char *
render_text(const struct doc *d, bool md)
{
    struct buf o;
    char **l = NULL, **r = NULL;
    size_t nl = 0, nr = 0;
    buf_init(&o, BIG);
    if (d->two_col && !md) {
        text_lines(d, 1, LEFT_W - 3, false, &l, &nl);
        text_lines(d, 0, 62, false, &r, &nr);
        /* the name is the first main line: it spans the page */
        buf_printf(&o, "%s\n\n", r[0]);
        for (size_t i = 0; i + 1 < nr || i < nl; i++) {
            const char *a = i < nl ? l[i] : "", *b = i + 1 < nr ? r[i + 1] : "";
            int pad = LEFT_W - (int)width(a, strlen(a));
            if (*b)
                buf_printf(&o, "%s%*s%s\n", a, pad < 3 ? 3 : pad, "", b);
            else
                buf_printf(&o, "%s\n", a);
        }
    } else {
        text_lines(d, 1, 0, md, &l, &nl);
        text_lines(d, 0, md ? 80 : (d->cv->layout == L_CLASSIC ? 78 : 0), md, &r, &nr);
        buf_printf(&o, "%s\n", nr ? r[0] : "");
        for (size_t i = 0; i < nl; i++)
            buf_printf(&o, "%s\n", l[i]);
        for (size_t i = 1; i < nr; i++)
            buf_printf(&o, "%s\n", r[i]);
    }
    free_lines(l, nl);
    free_lines(r, nr);
    unguard(o.data);
    return right_align(buf_take(&o));
}

/* ---- HTML ------------------------------------------------------------------------------------ */

static void
html_text(struct buf *o, const char *s)
{
    char *t = xstrdup(s);
    unguard(t);
    buf_html(o, t);
    free(t);
}

static char *
render_html(const struct doc *d)
{
    struct buf o;
    bool ul = false, table = false;
    buf_init(&o, BIG);
    buf_puts(&o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    html_text(&o, d->cv->name);
    buf_puts(&o, "</title><style>.side{float:left;width:30%}.main{margin-left:32%}</style>"
                 "</head>\n<body>\n");
    for (int side = 1; side >= 0; side--) {
        if (d->two_col)
            buf_printf(&o, "<div class=\"%s\">\n", side ? "side" : "main");
        else if (side == 0)
            continue;
        for (size_t i = 0; i < d->n; i++) {
            const struct blk *b = &d->v[i];
            if (d->two_col ? b->side != side : false)
                continue;
            if (ul && b->k != K_BULLET) {
                buf_puts(&o, "</ul>\n");
                ul = false;
            }
            if (table && b->k != K_ROW) {
                buf_puts(&o, "</table>\n");
                table = false;
            }
            switch (b->k) {
            case K_NAME:
                buf_puts(&o, "<h1>");
                html_text(&o, b->t);
                buf_puts(&o, "</h1>\n");
                break;
            case K_HEAD:
                buf_puts(&o, "<h2>");
                html_text(&o, b->t);
                buf_puts(&o, "</h2>\n");
                break;
            case K_TITLE:
                buf_puts(&o, d->cv->layout == L_HEADINGS ? "<h3>" : "<p><strong>");
                html_text(&o, b->t);
                buf_puts(&o, d->cv->layout == L_HEADINGS ? "</h3>\n" : "</strong></p>\n");
                break;
            case K_DATE:
                buf_puts(&o, "<p class=\"dates\"><em>");
                html_text(&o, b->t);
                buf_puts(&o, "</em></p>\n");
                break;
            case K_BULLET:
                if (!ul)
                    buf_puts(&o, "<ul>\n");
                ul = true;
                buf_puts(&o, "<li>");
                html_text(&o, b->t);
                buf_puts(&o, "</li>\n");
                break;
            case K_PARA:
            case K_LINE:
                buf_puts(&o, "<p>");
                html_text(&o, b->t);
                buf_puts(&o, "</p>\n");
                break;
            case K_RIGHT:
                buf_puts(&o, "<p><strong>");
                html_text(&o, b->cell[0]);
                buf_puts(&o, "</strong><span style=\"float:right\">");
                html_text(&o, b->cell[1]);
                buf_puts(&o, "</span></p>\n");
                break;
            case K_ROW:
                if (!table)
                    buf_puts(&o, "<table>\n<tr><th>Dates</th><th>Role</th><th>Company</th></tr>\n");
                table = true;
                buf_puts(&o, "<tr>");
                for (int k = 0; k < 3; k++) {
                    buf_puts(&o, "<td>");
                    html_text(&o, b->cell[k]);
                    buf_puts(&o, "</td>");
                }
                buf_puts(&o, "</tr>\n");
                break;
            }
        }
        if (ul)
            buf_puts(&o, "</ul>\n");
        if (table)
            buf_puts(&o, "</table>\n");
        ul = table = false;
        if (d->two_col)
            buf_puts(&o, "</div>\n");
    }
    buf_puts(&o, "</body></html>\n");
    return buf_take(&o);
}

/* ---- DOCX: the three parts Word needs, zipped with libzip ----------------------------------- */

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>\n";
static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>\n";

static void
w_para(struct buf *o, const char *text, bool bold, const char *prefix)
{
    buf_puts(o, "<w:p><w:r>");
    if (bold)
        buf_puts(o, "<w:rPr><w:b/></w:rPr>");
    buf_puts(o, "<w:t xml:space=\"preserve\">");
    if (prefix)
        buf_puts(o, prefix);
    html_text(o, text);
    buf_puts(o, "</w:t></w:r></w:p>");
}

static void
w_blocks(struct buf *o, const struct doc *d, int side)
{
    bool table = false;
    for (size_t i = 0; i < d->n; i++) {
        const struct blk *b = &d->v[i];
        if (d->two_col && (b->side != side || b->k == K_NAME))
            continue;
        if (table && b->k != K_ROW) {
            buf_puts(o, "</w:tbl>");
            table = false;
        }
        switch (b->k) {
        case K_NAME:
        case K_HEAD:
        case K_TITLE:
            w_para(o, b->t, true, NULL);
            break;
        case K_BULLET:
            w_para(o, b->t, false, "\xE2\x80\xA2 ");
            break;
        case K_RIGHT:
            buf_puts(o, "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">");
            html_text(o, b->cell[0]);
            buf_puts(o, "</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">");
            html_text(o, b->cell[1]);
            buf_puts(o, "</w:t></w:r></w:p>");
            break;
        case K_ROW:
            if (!table)
                buf_puts(o, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"
                            "<w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/>"
                            "<w:gridCol w:w=\"3000\"/></w:tblGrid>");
            table = true;
            buf_puts(o, "<w:tr>");
            for (int k = 0; k < 3; k++) {
                buf_puts(o, "<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr>");
                w_para(o, b->cell[k], false, NULL);
                buf_puts(o, "</w:tc>");
            }
            buf_puts(o, "</w:tr>");
            break;
        default:
            w_para(o, b->t, false, NULL);
        }
    }
    if (table)
        buf_puts(o, "</w:tbl>");
}

static int
write_docx(const char *path, const struct doc *d)
{
    struct buf o;
    zip_t *z;
    int err = 0, rc = -1;
    buf_init(&o, BIG);
    buf_puts(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                 "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
                 "2006/main\"><w:body>");
    if (d->two_col) {
        /* a name across the page, then a table of two cells: sidebar and main column */
        w_para(&o, d->v[0].t, true, NULL);
        buf_puts(&o, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>"
                     "<w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"6000\"/></w:tblGrid><w:tr>");
        for (int side = 1; side >= 0; side--) {
            buf_printf(&o, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>",
                       side ? 3000 : 6000);
            w_blocks(&o, d, side);
            buf_puts(&o, "</w:tc>");
        }
        buf_puts(&o, "</w:tr></w:tbl>");
    } else {
        w_blocks(&o, d, 0);
    }
    buf_puts(&o, "<w:sectPr/></w:body></w:document>\n");
    z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        goto out;
    {
        const char *names[3] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml"};
        const char *data[3] = {content_types, rels, buf_str(&o)};
        size_t lens[3] = {sizeof content_types - 1, sizeof rels - 1, o.len};
        for (int i = 0; i < 3; i++) {
            zip_source_t *src = zip_source_buffer(z, data[i], lens[i], 0);
            if (!src || zip_file_add(z, names[i], src, ZIP_FL_ENC_UTF_8) < 0) {
                zip_source_free(src);
                zip_discard(z);
                goto out;
            }
        }
    }
    rc = zip_close(z) ? -1 : 0;
    if (rc)
        zip_discard(z);
out:
    buf_cleanup(&o);
    return rc;
}

/* ---- Word documents as templates lay them out (-W) ----------------------------------------
 *
 * Synthetic people written the way Word resume templates are built: the name and contact
 * details in the page header (repeated on every page) and a footer; positions in tables (the
 * dates in a narrow left cell, the title, company and bullets in the right one), in a table
 * whose left column holds the section labels, or in text boxes (each with the fallback copy
 * Word writes for older readers, mc:Fallback). Dates are written as people write them,
 * including two-digit years ("Jan '19"), seasons ("Summer 2019": June, the parser's reading)
 * and open ends such as "till date". */

enum { W_DATECELL, W_LABELCOL, W_TEXTBOX, W_COUNT };
static const char *const word_layouts[W_COUNT] = {"docx-date-cell", "docx-label-column",
                                                  "docx-text-box"};

/* The first month of the season a month is in (winter: January, December: fall). */
static int
season_month(int m)
{
    return m <= 2 ? 1 : m <= 5 ? 3 : m <= 8 ? 6 : 9;
}

static const char *
season_name(int m)
{
    return m == 1 ? "Winter" : m == 3 ? "Spring" : m == 6 ? "Summer" : "Fall";
}

/* Rewrites some jobs' dates in the forms of word-processed resumes; the labels follow. */
static void
word_dates(struct job *j)
{
    static const char *const open[] = {"till date", "to date", "now", "Till Date"};
    struct buf b;
    int style = pick(4);
    if (style == 3)
        return; /* as synth wrote them */
    buf_init(&b, 256);
    if (style == 0) {
        buf_printf(&b, "%s '%02d " EN_DASH " ", mon3[j->start.month - 1], j->start.year % 100);
        if (j->present)
            buf_puts(&b, PICK(open));
        else
            buf_printf(&b, "%s '%02d", mon3[j->end.month - 1], j->end.year % 100);
    } else if (style == 1) {
        j->start.month = season_month(j->start.month);
        buf_printf(&b, "%s %d - ", season_name(j->start.month), j->start.year);
        if (j->present) {
            buf_puts(&b, PICK(open));
        } else {
            j->end.month = season_month(j->end.month);
            buf_printf(&b, "%s %d", season_name(j->end.month), j->end.year);
        }
    } else {
        buf_printf(&b, "%s %d ", monfull[j->start.month - 1], j->start.year);
        if (j->present)
            buf_printf(&b, "- %s", PICK(open));
        else
            buf_printf(&b, "to %s %d", monfull[j->end.month - 1], j->end.year);
    }
    free(j->dates);
    j->dates = buf_take(&b);
}

static void
w_cell(struct buf *o, int width)
{
    buf_printf(o, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", width);
}

static void
w_table_open(struct buf *o, int left, int right)
{
    buf_printf(o,
               "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>"
               "<w:top w:val=\"nil\"/><w:bottom w:val=\"nil\"/></w:tblBorders></w:tblPr>"
               "<w:tblGrid><w:gridCol w:w=\"%d\"/><w:gridCol w:w=\"%d\"/></w:tblGrid>",
               left, right);
}

/* A job's paragraphs: "Title, Company" or title and company apart, dates unless in a cell. */
static void
w_job(struct buf *o, const struct job *j, bool dates, bool split)
{
    if (split) {
        w_para(o, j->title, true, NULL);
        w_para(o, j->company, false, NULL);
    } else {
        char *t = fmt("%s, %s", j->title, j->company);
        w_para(o, t, true, NULL);
        free(t);
    }
    if (dates)
        w_para(o, j->dates, false, NULL);
    for (size_t k = 0; k < j->nlines; k++)
        w_para(o, j->lines[k], false, "\xE2\x80\xA2 ");
}

static void
w_skills(struct buf *o, const struct cv *c)
{
    for (size_t g = 0; g < c->ngroups; g++) {
        struct buf b;
        buf_init(&b, BIG);
        if (c->groups[g].label)
            buf_printf(&b, "%s: ", c->groups[g].label);
        for (size_t i = 0; i < c->groups[g].n; i++)
            buf_printf(&b, "%s%s", i ? ", " : "", c->groups[g].items[i]);
        w_para(o, buf_str(&b), false, NULL);
        buf_cleanup(&b);
    }
}

/* A floating text box holding xml (paragraphs), as Word writes one: the DrawingML shape and
 * the VML fallback, each with the same content. */
static void
w_textbox(struct buf *o, const char *xml)
{
    buf_puts(o, "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
                "<wp:anchor behindDoc=\"0\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" "
                "simplePos=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\" "
                "relativeHeight=\"2\"><wp:simplePos x=\"0\" y=\"0\"/>"
                "<wp:extent cx=\"2000000\" cy=\"3000000\"/><wp:docPr id=\"1\" name=\"Text Box\"/>"
                "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/"
                "wordprocessingShape\"><wps:wsp><wps:cNvSpPr txBox=\"1\"/><wps:txbx>"
                "<w:txbxContent>");
    buf_puts(o, xml);
    buf_puts(o, "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
                "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
                "<v:shape type=\"#_x0000_t202\" style=\"width:157pt;height:236pt\"><v:textbox>"
                "<w:txbxContent>");
    buf_puts(o, xml);
    buf_puts(o, "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
                "</mc:AlternateContent></w:r></w:p>");
}

#define W_NS                                                                                       \
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "                    \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "             \
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "                    \
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "         \
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "                           \
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "             \
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" mc:Ignorable=\"wps\""

/* Projects and certifications: dated, but not positions. */
static void
w_extras(struct buf *o, const struct cv *c)
{
    if (c->nprojects) {
        w_para(o, c->h_projects, true, NULL);
        for (size_t i = 0; i < c->nprojects; i++)
            w_para(o, c->projects[i], false, NULL);
    }
    if (c->ncerts) {
        w_para(o, c->h_certs, true, NULL);
        for (size_t i = 0; i < c->ncerts; i++)
            w_para(o, c->certs[i], false, NULL);
    }
}

static char *
word_body(const struct cv *c, int layout)
{
    struct buf o, box;
    const char *hx = c->upper_headings ? "EXPERIENCE" : c->h_exp;
    buf_init(&o, BIG);
    buf_puts(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " W_NS
                 "><w:body>");
    if (c->summary)
        w_para(&o, c->summary, false, NULL);
    switch (layout) {
    case W_DATECELL:
        w_para(&o, hx, true, NULL);
        w_table_open(&o, 2200, 7000);
        for (size_t i = 0; i < c->njobs; i++) {
            buf_puts(&o, "<w:tr>");
            w_cell(&o, 2200);
            w_para(&o, c->jobs[i].dates, false, NULL);
            buf_puts(&o, "</w:tc>");
            w_cell(&o, 7000);
            w_job(&o, &c->jobs[i], false, chance(50));
            buf_puts(&o, "</w:tc></w:tr>");
        }
        buf_puts(&o, "</w:tbl>");
        w_para(&o, c->h_edu, true, NULL);
        for (size_t i = 0; i < c->nedu; i++)
            w_para(&o, c->edu[i], false, NULL);
        w_para(&o, c->h_skills, true, NULL);
        w_skills(&o, c);
        break;
    case W_LABELCOL:
        w_table_open(&o, 2000, 7200);
        buf_puts(&o, "<w:tr>");
        w_cell(&o, 2000);
        w_para(&o, hx, true, NULL);
        buf_puts(&o, "</w:tc>");
        w_cell(&o, 7200);
        for (size_t i = 0; i < c->njobs; i++)
            w_job(&o, &c->jobs[i], true, false);
        buf_puts(&o, "</w:tc></w:tr><w:tr>");
        w_cell(&o, 2000);
        w_para(&o, c->h_edu, true, NULL);
        buf_puts(&o, "</w:tc>");
        w_cell(&o, 7200);
        for (size_t i = 0; i < c->nedu; i++)
            w_para(&o, c->edu[i], false, NULL);
        buf_puts(&o, "</w:tc></w:tr><w:tr>");
        w_cell(&o, 2000);
        w_para(&o, c->h_skills, true, NULL);
        buf_puts(&o, "</w:tc>");
        w_cell(&o, 7200);
        w_skills(&o, c);
        buf_puts(&o, "</w:tc></w:tr></w:tbl>");
        break;
    default:
        /* a sidebar box with the skills and education, then each position in a box */
        buf_init(&box, BIG);
        w_para(&box, c->h_skills, true, NULL);
        w_skills(&box, c);
        w_para(&box, c->h_edu, true, NULL);
        for (size_t i = 0; i < c->nedu; i++)
            w_para(&box, c->edu[i], false, NULL);
        w_textbox(&o, buf_str(&box));
        buf_cleanup(&box);
        w_para(&o, hx, true, NULL);
        for (size_t i = 0; i < c->njobs; i++) {
            buf_init(&box, BIG);
            w_job(&box, &c->jobs[i], true, chance(50));
            w_textbox(&o, buf_str(&box));
            buf_cleanup(&box);
        }
    }
    w_extras(&o, c);
    buf_puts(&o, "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\"/>"
                 "<w:footerReference w:type=\"default\" r:id=\"rId3\"/></w:sectPr>"
                 "</w:body></w:document>\n");
    return buf_take(&o);
}

static char *
word_part(const char *tag, const struct cv *c, bool header)
{
    struct buf o;
    buf_init(&o, BIG);
    buf_printf(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:%s " W_NS ">",
               tag);
    if (header) {
        w_para(&o, c->name, true, NULL);
        {
            char *t = fmt("%s | %s", c->email, c->phone);
            w_para(&o, t, false, NULL);
            free(t);
        }
    } else {
        char *t = fmt("%s \xC2\xB7 %s \xC2\xB7 Page ", c->name, c->email);
        buf_puts(&o, "<w:p><w:r><w:t xml:space=\"preserve\">");
        html_text(&o, t);
        buf_puts(&o, "</w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r>"
                     "</w:fldSimple></w:p>");
        free(t);
    }
    buf_printf(&o, "</w:%s>\n", tag);
    return buf_take(&o);
}

static const char word_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/></Types>\n";
static const char word_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/header\" Target=\"header1.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/footer\" Target=\"footer1.xml\"/></Relationships>\n";

static int
write_word(const char *path, const struct cv *c, int layout)
{
    char *parts[3] = {word_body(c, layout), word_part("hdr", c, true), word_part("ftr", c, false)};
    const char *names[6] = {
        "[Content_Types].xml", "_rels/.rels",      "word/_rels/document.xml.rels",
        "word/document.xml",   "word/header1.xml", "word/footer1.xml"};
    const char *data[6] = {word_types, rels, word_rels, parts[0], parts[1], parts[2]};
    int err = 0, rc = -1;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        goto out;
    for (int i = 0; i < 6; i++) {
        zip_source_t *src = zip_source_buffer(z, data[i], strlen(data[i]), 0);
        if (!src || zip_file_add(z, names[i], src, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(src);
            zip_discard(z);
            goto out;
        }
    }
    rc = zip_close(z) ? -1 : 0;
    if (rc)
        zip_discard(z);
out:
    for (int i = 0; i < 3; i++)
        free(parts[i]);
    return rc;
}

/* N synthetic people as Word documents in dir, the layouts in turn, labelled "eval": "docx". */
static int
word_people(const char *dir, long n, FILE *labels)
{
    for (long i = 1; i <= n; i++) {
        struct cv cv = {0};
        int layout = (int)((i - 1) % W_COUNT), rc;
        char *path, *name;
        synth(&cv, (int)i);
        for (size_t k = 0; k < cv.njobs; k++)
            word_dates(&cv.jobs[k]);
        name = fmt("w%04ld.docx", i);
        path = fmt("%s/%s", dir, name);
        rc = write_word(path, &cv, layout);
        if (rc)
            fprintf(stderr, "accuracy-gen: cannot write %s\n", path);
        else
            label_eval(labels, &cv, name, word_layouts[layout], "docx");
        free(path);
        free(name);
        cv_free(&cv);
        if (rc)
            return -1;
    }
    return 0;
}

/* ---- PostScript pages, made into PDFs by Ghostscript -------------------------------------- */

/* Helvetica re-encoded as Latin-1 with the dashes, bullet and quotes of Windows-1252, and
 * '-' as a hyphen (Latin-1 encoding has a minus sign there, which pdftotext gives as
 * U+2212, where a word processor's PDF has a hyphen). */
static const char ps_prolog[] =
    "%!PS-Adobe-3.0\n"
    "/Enc ISOLatin1Encoding 256 array copy def\n"
    "Enc 146 /quoteright put Enc 147 /quotedblleft put Enc 148 /quotedblright put\n"
    "Enc 149 /bullet put Enc 150 /endash put Enc 151 /emdash put Enc 45 /hyphen put\n"
    "/reenc { findfont dup length dict begin { 1 index /FID ne { def } { pop pop } ifelse }\n"
    "  forall /Encoding Enc def currentdict end definefont pop } def\n"
    "/R /Helvetica reenc /B /Helvetica-Bold reenc\n";

/* s as a PostScript string: Latin-1 and the Windows-1252 punctuation above, the rest '?'. */
static void
ps_string(struct buf *o, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    buf_putc(o, '(');
    while (*p) {
        unsigned cp = *p++;
        if (cp >= 0xC0) {
            int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
            cp &= 0x3Fu >> more;
            for (; more && *p; more--)
                cp = (cp << 6) | (*p++ & 0x3Fu);
        }
        if (cp == 0x2013)
            cp = 150;
        else if (cp == 0x2014)
            cp = 151;
        else if (cp == 0x2022)
            cp = 149;
        else if (cp == 0x2019)
            cp = 146;
        else if (cp == 0x201C || cp == 0x201D)
            cp = cp == 0x201C ? 147 : 148;
        else if (cp == (unsigned char)NOBREAK)
            cp = ' ';
        else if (cp > 0xFF || (cp >= 0x80 && cp < 0xA0))
            cp = '?';
        if (cp == '(' || cp == ')' || cp == '\\')
            buf_printf(o, "\\%c", (char)cp);
        else if (cp >= 0x80)
            buf_printf(o, "\\%03o", cp);
        else
            buf_putc(o, (char)cp);
    }
    buf_putc(o, ')');
}

struct ps_line {
    int x, size;
    bool bold;
    char *t;
};

/* One page for the resume: each line placed by x (two columns side by side), y from the top. */
static void
ps_page(struct buf *o, const struct doc *d)
{
    struct ps_line *col[2] = {NULL, NULL};
    size_t n[2] = {0, 0}, cap[2] = {0, 0};
    int height, lines;

    for (int side = 0; side < 2; side++) {
        char **v = NULL;
        size_t nv = 0;
        if (side && !d->two_col)
            break;
        /* the text lines of the column, with headings and names in bold */
        text_lines(d, side, d->two_col ? (side ? LEFT_W - 3 : 62) : 92, false, &v, &nv);
        for (size_t i = 0; i < nv; i++) {
            struct ps_line l = {side ? 40 : (d->two_col ? 230 : 40), 10, false, v[i]};
            if (i == 0 && side == 0) {
                l.size = 16;
                l.bold = true;
                l.x = 40;
            }
            for (size_t k = 0; k < d->n && !l.bold; k++)
                if ((d->v[k].k == K_HEAD || d->v[k].k == K_TITLE) && d->v[k].t &&
                    !strcmp(d->v[k].t, v[i]))
                    l.bold = true;
            xgrow(&col[side], &cap[side], n[side] + 1, sizeof *col[side]);
            col[side][n[side]++] = l;
        }
        free(v);
    }
    lines = (int)(n[0] > n[1] ? n[0] : n[1]) + 2;
    height = lines * 13 + 100 > 792 ? lines * 13 + 100 : 792;
    buf_printf(o, "<< /PageSize [612 %d] >> setpagedevice\n", height);
    for (int side = 0; side < 2; side++) {
        /* in two columns the name (main column, line 0) spans the page and the sidebar
         * starts beside the main column's second line */
        int y = height - 50 - (side ? 26 : 0);
        for (size_t i = 0; i < n[side]; i++) {
            const struct ps_line *l = &col[side][i];
            if (*l->t) {
                buf_printf(o, "/%s %d selectfont %d %d moveto ", l->bold ? "B" : "R", l->size, l->x,
                           y);
                ps_string(o, l->t);
                buf_puts(o, " show\n");
            }
            y -= l->size > 10 ? 26 : 13;
            free(l->t);
        }
    }
    buf_puts(o, "showpage\n");
    free(col[0]);
    free(col[1]);
}

/* Runs gs over the pages; page i becomes DIR/.pageNNNN.pdf, renamed to names[i]. */
static int
make_pdfs(const char *dir, const char *ps, char **names, size_t n)
{
    char *in = fmt("%s/.pages.ps", dir), *out = fmt("-sOutputFile=%s/.page%%04d.pdf", dir);
    FILE *f = fopen(in, "w");
    int rc = -1, status;
    pid_t pid;

    if (!f || fputs(ps, f) < 0 || fclose(f)) {
        fprintf(stderr, "accuracy-gen: cannot write %s: %s\n", in, strerror(errno));
        goto out;
    }
    pid = fork();
    if (pid == 0) {
        execlp("gs", "gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfwrite", out, in,
               (char *)NULL);
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
        fprintf(stderr, "accuracy-gen: gs failed (install ghostscript: scripts/deps)\n");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        char *from = fmt("%s/.page%04zu.pdf", dir, i + 1);
        if (rename(from, names[i])) {
            fprintf(stderr, "accuracy-gen: cannot rename %s: %s\n", from, strerror(errno));
            free(from);
            goto out;
        }
        free(from);
    }
    rc = 0;
out:
    unlink(in);
    free(in);
    free(out);
    return rc;
}

/* ---- files and labels --------------------------------------------------------------------------
 */

static int
write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(s, f) < 0 || fclose(f)) {
        fprintf(stderr, "accuracy-gen: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* The label of a file of an evaluation of its own (accuracy-score keeps it out of the
 * overall row): label()'s, with a layout and an "eval" key. */
static const char *eval_layout, *eval_name;

static void
label_eval(FILE *out, const struct cv *c, const char *file, const char *layout, const char *eval)
{
    eval_layout = layout;
    eval_name = eval;
    label(out, c, file);
    eval_layout = eval_name = NULL;
}

static void
label(FILE *out, const struct cv *c, const char *file)
{
    json_t *o = json_object(), *a;
    char d[16];
    json_object_set_new(o, "file", json_string(file));
    if (eval_layout) {
        json_object_set_new(o, "layout", json_string(eval_layout));
        json_object_set_new(o, "eval", json_string(eval_name));
    } else if (c->skill_set) {
        json_object_set_new(o, "layout", json_string(layout_names[c->layout]));
    } else {
        /* a JSON Resume's renderings are a group of their own in the scores */
        char *g = fmt("jsonresume-%s", layout_names[c->layout]);
        json_object_set_new(o, "layout", json_string(g));
        free(g);
    }
    if (c->skill_set) {
        a = json_array();
        for (size_t i = 0; i < tax.n; i++)
            if (c->skill_set[i])
                json_array_append_new(a, json_string(tax.v[i].name));
        json_object_set_new(o, "skills", a);
    } else {
        json_object_set_new(o, "skills", json_null());
    }
    a = json_array();
    for (size_t i = 0; i < c->njobs; i++) {
        json_t *p = json_object();
        dates_format(c->jobs[i].start, d, sizeof d);
        json_object_set_new(p, "start", json_string(d));
        if (c->jobs[i].title && *c->jobs[i].title && c->jobs[i].company && *c->jobs[i].company) {
            json_object_set_new(p, "title", json_string(c->jobs[i].title));
            json_object_set_new(p, "company", json_string(c->jobs[i].company));
        }
        if (c->jobs[i].present) {
            json_object_set_new(p, "end", json_null());
        } else {
            dates_format(c->jobs[i].end, d, sizeof d);
            json_object_set_new(p, "end", json_string(d));
        }
        json_array_append_new(a, p);
    }
    json_object_set_new(o, "positions", a);
    json_object_set_new(o, "experience_years", json_real(experience_years(c->jobs, c->njobs)));
    json_dumpf(o, out, JSON_COMPACT);
    fputc('\n', out);
    json_decref(o);
}

static int
emit(const char *dir, struct cv *c, FILE *labels, struct buf *ps, char ***pdfs, size_t *npdfs)
{
    static const char *const exts[] = {"txt", "md", "html", "docx", "pdf"};
    struct doc d;
    int rc = 0;
    build(&d, c);
    for (size_t i = 0; i < 5 && !rc; i++) {
        char *path = fmt("%s/%s.%s", dir, c->base, exts[i]), *name = fmt("%s.%s", c->base, exts[i]);
        char *s = NULL;
        switch (i) {
        case 0:
        case 1:
            s = render_text(&d, i == 1);
            rc = write_file(path, s);
            break;
        case 2:
            s = render_html(&d);
            rc = write_file(path, s);
            break;
        case 3:
            rc = write_docx(path, &d);
            if (rc)
                fprintf(stderr, "accuracy-gen: cannot write %s\n", path);
            break;
        default:
            ps_page(ps, &d);
            push(pdfs, npdfs, path);
            path = NULL;
        }
        free(s);
        free(path);
        label(labels, c, name);
        free(name);
    }
    doc_free(&d);
    return rc;
}

/* ---- a mixed pile for screening (-S) ----------------------------------------------------------
 *
 * Resumes of eighteen occupations, software and not, as a real pile of applications is: each
 * with its positions, years and the words people of that trade write, including the tech words
 * that people outside it write too (a recruiter who hired Java developers, a project manager who
 * ran a Kubernetes migration). Each resume is labelled with its occupation, the years it spent in
 * it, and a relevance of 0 to 3 for each job of tests/data/screening/jobs, from the table below:
 * written from the jobs and the occupations, before any ranking was looked at. A 3 needs the
 * years the job asks for in the occupation; short of them it is a 2. An earlier trade (a
 * career change) counts one grade less than the same trade now. A third of the resumes also
 * list technologies of other trades ("Familiar with"), as many do. */

#define SJOBS 6
static const char *const sjob_files[SJOBS] = {"java-backend.md",    "devops.txt",
                                              "data-engineer.html", "qa-automation.md",
                                              "frontend.txt",       "dba.txt"};
static const int sjob_years[SJOBS] = {3, 4, 3, 2, 2, 5};

struct occ {
    const char *id;
    const char *titles[3];
    const char *used[9];   /* skills named in positions (as written), NULL-terminated */
    const char *listed[7]; /* only in the skills list */
    const char *prose[7];  /* a position's lines; {a} and {b}: two of used */
    int rel[SJOBS];        /* relevance for each job, with the years it asks for */
};

static const struct occ occs[] = {
    {"java-developer",
     {"Java Developer", "Backend Developer", "Software Engineer"},
     {"Java", "Spring Boot", "Hibernate", "PostgreSQL", "Oracle", "Maven", "REST", "Kafka", NULL},
     {"JUnit", "Git", "Docker", "IntelliJ", NULL},
     {"Built {a} services for the order platform", "Moved the billing module from {a} to {b}",
      "Wrote REST endpoints with {a} and {b}", "Tuned {a} queries behind the claims screens",
      "Kept a {a} monolith of 400k lines healthy while splitting it up", NULL},
     {3, 0, 1, 1, 0, 0}},
    {"python-developer",
     {"Python Developer", "Backend Engineer", "Software Developer"},
     {"Python", "Django", "Flask", "PostgreSQL", "Celery", "Redis", "FastAPI", NULL},
     {"pytest", "Git", "Linux", NULL},
     {"Built the booking API in {a} and {b}", "Wrote background jobs with {a}",
      "Cut page load times by caching in {a}", "Maintained {a} services for the partner portal",
      NULL},
     {1, 0, 2, 0, 0, 0}},
    {"data-engineer",
     {"Data Engineer", "Big Data Engineer", "ETL Developer"},
     {"Python", "SQL", "Apache Spark", "Apache Airflow", "Snowflake", "Kafka", "dbt", NULL},
     {"Pandas", "AWS", "Git", NULL},
     {"Built batch pipelines with {a} and {b}", "Moved nightly loads from cron to {a}",
      "Modelled the sales data in {a}", "Wrote {a} jobs that process 2 TB a day", NULL},
     {0, 0, 3, 0, 0, 1}},
    {"devops-engineer",
     {"DevOps Engineer", "Site Reliability Engineer", "Platform Engineer"},
     {"AWS", "Terraform", "Kubernetes", "Docker", "Jenkins", "Ansible", "Prometheus", "Linux",
      NULL},
     {"Bash", "Python", "GitHub Actions", "Helm", NULL},
     {"Ran {a} clusters for 40 services", "Wrote the {a} modules for every environment",
      "Moved the build pipeline from {a} to {b}", "Set up alerting with {a}",
      "Automated server builds with {a}", NULL},
     {0, 3, 0, 0, 0, 1}},
    {"qa-automation",
     {"QA Automation Engineer", "Test Automation Engineer", "SDET"},
     {"Selenium", "Cypress", "Java", "JavaScript", "Postman", "Jenkins", "TestNG", NULL},
     {"Jira", "Git", "SQL", NULL},
     {"Wrote end-to-end tests with {a} for the checkout", "Moved the UI tests from {a} to {b}",
      "Ran the regression suite in {a} on every merge", "Tested the partner API with {a}", NULL},
     {1, 0, 0, 3, 0, 0}},
    {"qa-manual",
     {"QA Tester", "Software Tester", "QA Analyst"},
     {"Jira", "SQL", "Postman", NULL},
     {"TestRail", "Excel", NULL},
     {"Wrote and ran 300 manual test cases for each release", "Logged and triaged defects in {a}",
      "Checked report figures with {a} queries",
      "Tested the mobile app on 12 devices before each release", NULL},
     {0, 0, 0, 2, 0, 0}},
    {"frontend-developer",
     {"Frontend Developer", "UI Developer", "Front-End Engineer"},
     {"React", "TypeScript", "JavaScript", "CSS", "HTML", "Redux", "Next.js", NULL},
     {"Figma", "Git", "Jest", NULL},
     {"Built the account pages in {a} and {b}", "Moved the design system to {a}",
      "Cut the bundle size by 40% with {a}", "Wrote the checkout flow in {a}", NULL},
     {0, 0, 0, 1, 3, 0}},
    {"fullstack-js",
     {"Full Stack Developer", "Full Stack Engineer", "JavaScript Developer"},
     {"Node.js", "React", "TypeScript", "MongoDB", "Express", "PostgreSQL", NULL},
     {"Docker", "Git", "AWS", NULL},
     {"Built the admin app in {a} with an {b} API", "Wrote {a} services for notifications",
      "Moved the data layer from {a} to {b}", NULL},
     {1, 0, 0, 1, 2, 0}},
    {"dotnet-developer",
     {".NET Developer", "C# Developer", "Software Engineer"},
     {"C#", ".NET", "ASP.NET", "SQL Server", "Entity Framework", "Azure", NULL},
     {"Visual Studio", "Git", NULL},
     {"Built the claims API in {a} on {b}", "Moved reports from {a} to {b}",
      "Maintained the {a} intranet used by 2,000 staff", NULL},
     {1, 0, 0, 0, 0, 0}},
    {"dba",
     {"Database Administrator", "Oracle DBA", "PostgreSQL DBA"},
     {"Oracle", "PostgreSQL", "SQL", "PL/SQL", "Linux", "MySQL", NULL},
     {"Performance tuning", "Backup and recovery", "Ansible", NULL},
     {"Ran 60 {a} databases with 99.99% uptime", "Moved the ledger from {a} to {b}",
      "Tuned slow {a} queries for the finance team", "Set up replication for {a}", NULL},
     {0, 1, 1, 0, 0, 3}},
    {"blockchain-developer",
     {"Blockchain Developer", "Smart Contract Engineer", "Web3 Developer"},
     {"Solidity", "Go", "Rust", "JavaScript", NULL},
     {"Java", "Python", "Docker", NULL},
     {"Wrote {a} contracts for a lending protocol", "Built chain indexers in {a}",
      "Audited {a} code for three launches", NULL},
     {1, 0, 0, 0, 0, 0}},
    {"project-manager",
     {"Project Manager", "IT Project Manager", "Delivery Manager"},
     {NULL},
     {"Jira", "Confluence", "Scrum", "Agile", "MS Project", NULL},
     {"Managed the migration of a Java monolith to AWS with a team of 12",
      "Ran Scrum ceremonies for two Kubernetes platform teams",
      "Delivered the CRM roll-out on time and 8% under budget",
      "Reported weekly to the steering board on risks and spend", NULL},
     {0, 0, 0, 0, 0, 0}},
    {"recruiter",
     {"Technical Recruiter", "HR Generalist", "Talent Acquisition Partner"},
     {NULL},
     {"Workday", "LinkedIn Recruiter", "Greenhouse", NULL},
     {"Hired 30 Java developers and DevOps engineers in one year",
      "Ran technical hiring for Python, React and Kubernetes roles",
      "Handled onboarding and employee relations for 200 staff",
      "Screened 80 applications a week for software roles", NULL},
     {0, 0, 0, 0, 0, 0}},
    {"sales",
     {"Account Executive", "Sales Manager", "Business Development Manager"},
     {NULL},
     {"Salesforce", "HubSpot", "Negotiation", NULL},
     {"Sold SaaS analytics to 60 mid-market accounts", "Beat quota by 30% two years running",
      "Opened the Nordic market for cloud hosting resold on AWS", NULL},
     {0, 0, 0, 0, 0, 0}},
    {"accountant",
     {"Accountant", "Financial Analyst", "Finance Manager"},
     {NULL},
     {"Excel", "SAP", "Xero", "IFRS", NULL},
     {"Closed the monthly books for three entities", "Prepared statutory accounts under IFRS",
      "Built cash-flow forecasts in Excel for the board", NULL},
     {0, 0, 0, 0, 0, 0}},
    {"business-analyst",
     {"Business Analyst", "Data Analyst", "Reporting Analyst"},
     {"SQL", "Power BI", "Tableau", NULL},
     {"Excel", "Jira", NULL},
     {"Wrote {a} queries to reconcile orders and invoices", "Built sales dashboards in {a}",
      "Gathered requirements for the Java-based claims system", NULL},
     {0, 0, 1, 0, 0, 0}},
    {"it-support",
     {"IT Support Engineer", "Helpdesk Analyst", "Desktop Support Technician"},
     {"Windows Server", "Active Directory", "PowerShell", NULL},
     {"ServiceNow", "Office 365", NULL},
     {"Handled 40 tickets a day for 600 users", "Scripted account set-up with {a}",
      "Managed user accounts in {a}", NULL},
     {0, 1, 0, 0, 0, 0}},
    {"network-admin",
     {"Network Administrator", "Network Engineer", "Systems Administrator"},
     {"Linux", "TCP/IP", "Cisco", "Bash", NULL},
     {"Firewalls", "VPN", NULL},
     {"Ran the network for four offices on {a} kit", "Moved the file servers to {a}",
      "Wrote {a} scripts for nightly backups", NULL},
     {0, 1, 0, 0, 0, 0}},
};
#define NOCCS (sizeof occs / sizeof occs[0])

/* Harder resumes, after the pile's first N (a quarter as many again), for what fools a
 * count of words. Near misses: trades whose titles and words come close to a job's without
 * being its work (a Java instructor, a quality inspector on a factory line, a pre-sales
 * engineer who demonstrates Kubernetes, a web designer, an application support analyst).
 * Keyword stuffers: a resume of any trade (of the table above or of these) whose skills
 * section and summary copy every skill of the trade a posting asks for, with no position
 * that uses them. Labels, written from the trades and the jobs before any ranking was run: a
 * near miss is worth at most 1 (it knows the words, has not done the job); stuffing adds
 * nothing (a list is not experience), so a stuffer keeps its trade's relevance. */
static const struct occ near_misses[] = {
    {"java-instructor",
     {"Java Instructor", "Programming Trainer", "Java Course Author"},
     {"Java", "Spring Boot", "Hibernate", NULL},
     {"Moodle", "PowerPoint", NULL},
     {"Taught {a} to evening classes of 25 adults", "Wrote a 12-week course on {a} and {b}",
      "Marked 300 student projects in {a} each term",
      "Ran {a} workshops for companies hiring graduates", NULL},
     {1, 0, 0, 0, 0, 0}},
    {"quality-inspector",
     {"Quality Assurance Inspector", "QA Technician", "Quality Control Inspector"},
     {NULL},
     {"ISO 9001", "Six Sigma", "Excel", NULL},
     {"Inspected 400 machined parts a shift on the automated assembly line",
      "Ran the test rigs and logged results for every batch",
      "Wrote test reports and defect logs for the automotive customer",
      "Led root-cause analysis of quality defects with the plant engineers", NULL},
     {0, 0, 0, 0, 0, 0}},
    {"sales-engineer",
     {"Sales Engineer", "Solutions Engineer", "Pre-Sales Engineer"},
     {"AWS", "Kubernetes", "Docker", NULL},
     {"Salesforce", "Gong", NULL},
     {"Demonstrated the {a} platform to 40 prospects a quarter",
      "Wrote technical proposals for {a} migrations",
      "Answered security questionnaires about {a} for enterprise deals",
      "Beat the pre-sales team's quota by 20%", NULL},
     {0, 1, 0, 0, 0, 0}},
    {"web-designer",
     {"Web Designer", "Graphic Designer", "Visual Designer"},
     {"HTML", "CSS", NULL},
     {"Photoshop", "Illustrator", "WordPress", NULL},
     {"Designed landing pages for 30 small businesses", "Styled WordPress themes with {a}",
      "Made brand guidelines and print layouts for the marketing team",
      "Handed designs to the developers as {a} mock-ups", NULL},
     {0, 0, 0, 0, 1, 0}},
    {"app-support",
     {"Application Support Analyst", "Production Support Analyst", "IT Service Desk Lead"},
     {"SQL", "Oracle", NULL},
     {"ServiceNow", "Splunk", NULL},
     {"Answered incidents about the Java order system for 300 branches",
      "Ran {a} queries to correct customer records", "Restarted services during outages",
      "Read stack traces and passed defects to the Java developers", NULL},
     {1, 1, 0, 0, 0, 0}},
};
#define NNEAR (sizeof near_misses / sizeof near_misses[0])

static size_t
count_used(const struct occ *o)
{
    size_t n = 0;
    while (n < 9 && o->used[n])
        n++;
    return n;
}

/* What people of every trade write. */
static const char *const anyone[] = {
    "Worked closely with stakeholders across the business",
    "Mentored two new members of the team",
    "Improved our processes and documentation",
    "Took part in planning and weekly reviews with the wider department",
    "Led the team's share of a company-wide cost review",
    "Presented results to senior management every quarter",
};

/* A position's lines for occupation o. */
static void
occ_lines(struct job *j, const struct occ *o)
{
    size_t nu = count_used(o), np = 0, want = 2 + (size_t)pick(3);
    while (np < 7 && o->prose[np])
        np++;
    size_t at = (size_t)pick((int)np);
    if (want > np)
        want = np;
    for (size_t i = 0; i < want; i++) {
        const char *t = o->prose[(at + i) % np]; /* each line once */
        const char *a = nu ? o->used[pick((int)nu)] : "", *b = nu ? o->used[pick((int)nu)] : "";
        char *sa = nobreak(xstrdup(a)), *sb = nobreak(xstrdup(b));
        push(&j->lines, &j->nlines, fill(t, sa, sb));
        free(sa);
        free(sb);
    }
    for (int i = pick(3); i > 0; i--)
        push(&j->lines, &j->nlines, xstrdup(PICK(anyone)));
}

/* One resume of the pile: occupation o, its years there, and maybe an older position in
 * another trade (a career change). *occ_years gets the years in o. */
static void
occ_cv(struct cv *c, int index, const struct occ *o, double *occ_years, const struct occ **was,
       double *was_years)
{
    const char *first = PICK(first_names), *last = PICK(last_names);
    int style = pick(D_COUNT), months = 6 + pick(170), njobs = 1 + pick(3), y, m;
    const struct occ *before = chance(15) ? &occs[pick((int)NOCCS)] : NULL;
    *was = NULL;
    *was_years = 0;
    const char *level = months >= 72 ? "Senior " : months < 24 ? "Junior " : "";

    c->base = fmt("s%04d", index);
    c->layout = pick(L_COUNT);
    c->skills_style = pick(4);
    c->bullet = pick(3);
    c->skills_first = chance(30);
    c->edu_first = chance(20);
    c->upper_headings = chance(40);
    c->h_exp = PICK(h_exp);
    c->h_skills = PICK(h_skills);
    c->h_edu = PICK(h_edu);
    c->h_projects = "Projects";
    c->h_certs = "Certifications";
    c->h_summary = chance(50) ? "Summary" : "Profile";
    c->name = fmt("%s %s", first, last);
    c->email = email_of(first, last);
    c->phone = fmt("(%03d) 555-%04d", 200 + pick(700), pick(10000));
    if (before == o)
        before = NULL;
    if (chance(50))
        c->summary = fmt("%s%s with %d years of experience.", level, o->titles[0],
                         months / 12 ? months / 12 : 1);

    /* positions in o, newest first, splitting its months */
    y = today.year - (chance(70) ? 0 : 1 + pick(2));
    m = chance(70) ? today.month : 1 + pick(12);
    c->jobs = xcalloc((size_t)njobs + 2, sizeof *c->jobs);
    {
        int left = months;
        for (int i = 0; i < njobs && left > 0; i++) {
            struct job *j = &c->jobs[c->njobs++];
            int len = i == njobs - 1 ? left : 6 + pick(left > 12 ? left - 6 : 6);
            int e;
            if (len > left)
                len = left;
            left -= len;
            j->title = fmt("%s%s", i == 0 ? level : "", o->titles[pick(3)]);
            j->company = xstrdup(PICK(companies));
            j->present = i == 0 && y == today.year && m == today.month;
            j->end = j->present ? today : (struct ym){y, m};
            e = months_of(j->end) - len + 1;
            j->start = (struct ym){e / 12, e % 12 + 1};
            job_dates(j, style);
            occ_lines(j, o);
            e = months_of(j->start) - 1 - pick(3);
            y = e / 12;
            m = e % 12 + 1;
        }
    }
    *occ_years = experience_years(c->jobs, c->njobs);
    if (before && y > 1995) {
        struct job *j = &c->jobs[c->njobs++];
        int len = 12 + pick(36), e;
        j->title = xstrdup(before->titles[0]);
        j->company = xstrdup(PICK(companies));
        j->end = (struct ym){y, m};
        e = months_of(j->end) - len + 1;
        j->start = (struct ym){e / 12, e % 12 + 1};
        job_dates(j, style);
        occ_lines(j, before);
        *was = before;
        *was_years = experience_years(j, 1);
    }

    /* the skills list: some of what the positions name, and what only gets listed */
    c->groups = xcalloc(1, sizeof *c->groups);
    c->ngroups = 1;
    for (size_t i = 0; i < count_used(o); i++)
        if (chance(60))
            push(&c->groups[0].items, &c->groups[0].n, nobreak(xstrdup(o->used[i])));
    for (size_t i = 0; i < 7 && o->listed[i]; i++)
        if (chance(70))
            push(&c->groups[0].items, &c->groups[0].n, nobreak(xstrdup(o->listed[i])));
    /* a broad list, as many write: technologies of other trades, met in passing */
    if (chance(35)) {
        struct group *g;
        c->groups = xrealloc(c->groups, 2 * sizeof *c->groups);
        g = &c->groups[c->ngroups++];
        *g = (struct group){.label = xstrdup("Familiar with")};
        for (int k = 4 + pick(4); k > 0; k--) {
            const struct occ *x = &occs[pick((int)NOCCS)];
            size_t nu = count_used(x);
            if (nu)
                push(&g->items, &g->n, nobreak(xstrdup(x->used[pick((int)nu)])));
        }
        if (c->groups[0].n && !c->groups[0].label)
            c->groups[0].label = xstrdup("Skills");
    }
    if (!c->groups[0].n && c->ngroups == 1) {
        free(c->groups);
        c->groups = NULL;
        c->ngroups = 0;
    }
    {
        int gy = c->jobs[c->njobs - 1].start.year - pick(2);
        push(&c->edu, &c->nedu,
             fmt("%s, %s, %d - %d", PICK(degrees), PICK(schools), gy - 3 - pick(2), gy));
    }
}

/* Keyword stuffing as it is done: the skills of the trade a posting asks for (one of the six
 * jobs' trades), every one of them, copied into a list of their own with a few of other
 * trades, and four of them again in the summary; none in a position. */
static void
stuff(struct cv *c)
{
    static const char *const targets[SJOBS] = {"java-developer",     "devops-engineer",
                                               "data-engineer",      "qa-automation",
                                               "frontend-developer", "dba"};
    const struct occ *t = NULL;
    const char *want = targets[pick(SJOBS)];
    struct group *g;
    char *head = NULL;
    for (size_t i = 0; i < NOCCS && !t; i++)
        if (!strcmp(occs[i].id, want))
            t = &occs[i];
    c->groups = xrealloc(c->groups, (c->ngroups + 1) * sizeof *c->groups);
    g = &c->groups[c->ngroups++];
    *g = (struct group){.label = xstrdup(chance(50) ? "Keywords" : "Technologies")};
    for (size_t i = 0; t && i < 9 && t->used[i]; i++)
        push(&g->items, &g->n, nobreak(xstrdup(t->used[i])));
    for (size_t i = 0; t && i < 7 && t->listed[i]; i++)
        push(&g->items, &g->n, nobreak(xstrdup(t->listed[i])));
    for (int k = 2 + pick(4); k > 0; k--) {
        const struct occ *x = &occs[pick((int)NOCCS)];
        size_t nu = count_used(x);
        if (nu)
            push(&g->items, &g->n, nobreak(xstrdup(x->used[pick((int)nu)])));
    }
    if (g->n >= 4)
        head = fmt("Skilled in %s, %s, %s and %s.", g->items[0], g->items[1], g->items[2],
                   g->items[3]);
    if (head && c->summary) {
        char *s2 = fmt("%s %s", c->summary, head);
        free(c->summary);
        free(head);
        c->summary = s2;
    } else if (head) {
        c->summary = head;
    }
}

/* Writes n resumes of the pile into dir, one format each in turn, and screening.jsonl. */
static int
occ_pile(const char *dir, long n, struct buf *ps, char ***pdfs, size_t *npdfs)
{
    static const char *const exts[] = {"txt", "md", "html", "docx", "pdf"};
    char *lpath = fmt("%s/screening.jsonl", dir);
    FILE *labels = fopen(lpath, "w");
    int rc = 0;
    if (!labels) {
        fprintf(stderr, "accuracy-gen: cannot write %s: %s\n", lpath, strerror(errno));
        free(lpath);
        return -1;
    }
    for (long i = 1; i <= n + n / 4 && !rc; i++) {
        /* the first n: every trade in turn; then near misses and stuffers, in turn */
        long h = i - n - 1;
        bool stuffed = h >= 0 && h % 2 == 0;
        const struct occ *o = h < 0     ? &occs[(size_t)(i - 1) % NOCCS]
                              : stuffed ? &occs[pick((int)NOCCS)]
                                        : &near_misses[(size_t)(h / 2) % NNEAR],
                         *was;
        struct cv c = {0};
        struct doc d;
        double years, was_years;
        const char *ext = h < 0 ? exts[(i - 1) / (long)NOCCS % 5] : exts[h / 2 % 5];
        char *name, *path;
        json_t *l, *rel;

        occ_cv(&c, (int)i, o, &years, &was, &was_years);
        if (h >= 0 && !stuffed && chance(30))
            stuffed = true; /* a near miss may stuff too */
        if (stuffed)
            stuff(&c);
        build(&d, &c);
        name = fmt("%s.%s", c.base, ext);
        path = fmt("%s/%s", dir, name);
        if (!strcmp(ext, "pdf")) {
            ps_page(ps, &d);
            push(pdfs, npdfs, path);
            path = NULL;
        } else if (!strcmp(ext, "docx")) {
            rc = write_docx(path, &d);
        } else {
            char *s = !strcmp(ext, "html") ? render_html(&d) : render_text(&d, ext[0] == 'm');
            rc = write_file(path, s);
            free(s);
        }
        rel = json_object();
        for (int k = 0; k < SJOBS; k++) {
            int r = o->rel[k];
            if (r == 3 && years < sjob_years[k])
                r = 2; /* the right trade, short of the years asked */
            if (was) {
                /* an earlier trade counts a grade less than the same trade now */
                int w = was->rel[k] == 3 && was_years < sjob_years[k] ? 2 : was->rel[k];
                if (w - 1 > r)
                    r = w - 1;
            }
            json_object_set_new(rel, sjob_files[k], json_integer(r));
        }
        l = json_pack("{s:s, s:s, s:s, s:f, s:b, s:o}", "file", name, "occupation", o->id, "layout",
                      layout_names[c.layout], "years", round(years * 10) / 10, "stuffed", stuffed,
                      "relevance", rel);
        json_dumpf(l, labels, JSON_COMPACT);
        fputc('\n', labels);
        json_decref(l);
        free(name);
        free(path);
        doc_free(&d);
        cv_free(&c);
    }
    if (fclose(labels))
        rc = -1;
    free(lpath);
    return rc;
}

int
main(int argc, char **argv)
{
    const char *dir = ".";
    long n = 200, seed = 1;
    bool pile = false, people = false, word = false;
    int c, rc = 1;
    char msg[RB_ERRMSG] = "", *path, **pdfs = NULL;
    size_t npdfs = 0;
    FILE *labels = NULL;
    struct buf ps;

    while ((c = getopt(argc, argv, "n:s:o:SJWh")) != -1) {
        switch (c) {
        case 'S':
            pile = true;
            break;
        case 'J':
            people = true;
            break;
        case 'W':
            word = true;
            break;
        case 'n':
            n = strtol(optarg, NULL, 10);
            break;
        case 's':
            seed = strtol(optarg, NULL, 10);
            break;
        case 'o':
            dir = optarg;
            break;
        default:
            fprintf(
                stderr,
                "usage: accuracy-gen [-n N] [-s SEED] [-o DIR] [-S | -J | -W | FILE.json...]\n");
            return 2;
        }
    }
    if (n < 1 || n > 9999) {
        fprintf(stderr, "accuracy-gen: -n takes 1 to 9999\n");
        return 2;
    }
    rng = (uint64_t)seed;
    if (skillscan_builtin(&tax, &scanner, msg)) {
        fprintf(stderr, "accuracy-gen: %s\n", msg);
        return 1;
    }
    /* the output folder is made as needed, as any generator's would be */
    if (fs_mkdirs(dir, msg)) {
        fprintf(stderr, "accuracy-gen: %s\n", msg);
        return 1;
    }
    buf_init(&ps, 1u << 28);
    buf_puts(&ps, ps_prolog);
    path = fmt("%s/labels.jsonl", dir);
    labels = fopen(path, "w");
    if (!labels) {
        fprintf(stderr, "accuracy-gen: cannot write %s: %s\n", path, strerror(errno));
        goto out;
    }
    if (pile) {
        if (occ_pile(dir, n, &ps, &pdfs, &npdfs))
            goto out;
    } else if (people) {
        if (json_people(dir, n, labels))
            goto out;
    } else if (word) {
        if (word_people(dir, n, labels))
            goto out;
    } else if (optind < argc) {
        for (int i = optind; i < argc; i++)
            for (int k = 0; k < 2; k++) {
                struct cv cv = {0};
                if (from_json(&cv, argv[i], k) || emit(dir, &cv, labels, &ps, &pdfs, &npdfs)) {
                    cv_free(&cv);
                    goto out;
                }
                if (k == 0) {
                    /* the JSON itself, whose positions are known */
                    const char *b = strrchr(argv[i], '/');
                    cv.layout = L_SOURCE;
                    label(labels, &cv, b ? b + 1 : argv[i]);
                }
                cv_free(&cv);
            }
    } else {
        for (long i = 1; i <= n; i++) {
            struct cv cv = {0};
            synth(&cv, (int)i);
            if (emit(dir, &cv, labels, &ps, &pdfs, &npdfs)) {
                cv_free(&cv);
                goto out;
            }
            cv_free(&cv);
        }
    }
    if (fclose(labels)) {
        labels = NULL;
        goto out;
    }
    labels = NULL;
    rc = make_pdfs(dir, buf_str(&ps), pdfs, npdfs) ? 1 : 0;
out:
    if (labels)
        fclose(labels);
    for (size_t i = 0; i < npdfs; i++)
        free(pdfs[i]);
    free(pdfs);
    free(path);
    buf_cleanup(&ps);
    skillscan_free(scanner);
    skills_cleanup(&tax);
    return rc;
}
