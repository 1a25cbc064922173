/* SPDX-License-Identifier: MIT */
/*
 * A JSON Resume job description (job-schema.json of the jsonresume project) mapped onto a
 * role profile: title, experience -> level, responsibilities, qualifications -> years,
 * skills[].keywords -> skills, and the words of the whole description -> competencies and
 * their weights. Rating anchors come from the shipped role at the same level that has the
 * competency. Whatever is not used is said, field by field.
 */
#include "core/role_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/job.h"
#include "core/question.h"
#include "model/skills.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

/* Words that show a competency in a job description (folded, matched as whole words). */
static const struct {
    const char *competency;
    const char *words[24];
} signals[] = {
    {"api-design",
     {"api", "apis", "rest", "restful", "graphql", "grpc", "openapi", "http", "endpoints",
      "web services", "integration", "integrations"}},
    {"data-storage",
     {"sql", "nosql", "database", "databases", "postgres", "postgresql", "mysql", "mongodb",
      "cassandra", "dynamodb", "oracle", "sqlite", "data model", "data models", "schema",
      "elasticsearch", "database management"}},
    {"caching", {"cache", "caching", "redis", "memcached", "cdn"}},
    {"messaging-async",
     {"kafka", "rabbitmq", "queue", "queues", "messaging", "event driven", "pub sub", "sqs", "nats",
      "asynchronous", "streaming", "background jobs"}},
    {"distributed-systems",
     {"distributed", "distributed systems", "consensus", "replication", "microservices",
      "eventual consistency", "fault tolerant", "fault tolerance"}},
    {"scalability-performance",
     {"performance", "scalability", "scalable", "latency", "throughput", "optimize", "optimise",
      "speed", "high traffic", "load testing"}},
    {"security",
     {"security", "secure", "oauth", "oauth2", "authentication", "authorization", "authorisation",
      "owasp", "encryption", "tls", "compliance", "gdpr"}},
    {"reliability-operations",
     {"monitoring", "observability", "on call", "incident", "incidents", "sre", "reliability",
      "uptime", "prometheus", "grafana", "alerting", "logging", "production support"}},
    {"cloud-infrastructure",
     {"aws", "azure", "gcp", "cloud", "kubernetes", "docker", "terraform", "infrastructure",
      "devops", "ci cd", "containers", "serverless", "lambda", "deployment", "deployments"}},
    {"architecture-design",
     {"architecture", "design patterns", "system design", "domain driven", "ddd",
      "technical design", "architect", "technical feasibility"}},
    {"testing-quality",
     {"test", "tests", "testing", "tdd", "unit tests", "quality", "code review", "code reviews",
      "qa"}},
    {"languages-runtimes",
     {"javascript", "typescript", "java", "go", "golang", "python", "node js", "nodejs", "c",
      "rust", "kotlin", "ruby", "php", "scala", "c++", "c#", "programming", "elixir"}},
    {"leadership-communication",
     {"collaborate", "cross functional", "mentor", "mentoring", "communication", "lead",
      "stakeholders", "teamwork", "coach"}},
};
#define NSIGNALS (sizeof signals / sizeof signals[0])

/* Whether the folded, single-spaced text holds word (a whole word or phrase). */
static bool
has_word(const char *text, const char *word)
{
    size_t wl = strlen(word);
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        bool before = p == text || p[-1] == ' ';
        bool after = p[wl] == '\0' || p[wl] == ' ';
        if (before && after)
            return true;
    }
    return false;
}

struct normal {
    struct buf b;
};

static int
norm_word(const char *w, size_t n, void *ctx)
{
    struct buf *b = ctx;
    if (b->len)
        buf_putc(b, ' ');
    buf_append(b, w, n);
    return 0;
}

/* Folded words of s joined by single spaces ("Node.js, CI/CD" -> "node js ci cd"). */
static void
normalise(struct buf *b, const char *s)
{
    char *f = text_fold(s, strlen(s));
    text_words(f, strlen(f), norm_word, b);
    free(f);
}

static int
level_of(const char *s)
{
    char *f;
    int lv = 0;
    struct buf b;
    if (!s)
        return 0;
    buf_init(&b, strlen(s) * 2 + 8);
    f = text_fold(s, strlen(s));
    normalise(&b, f);
    free(f);
    if (has_word(b.data ? b.data : "", "principal") || has_word(buf_str(&b), "staff") ||
        has_word(buf_str(&b), "architect"))
        lv = LEVEL_ARCHITECT;
    else if (has_word(buf_str(&b), "senior") || has_word(buf_str(&b), "lead") ||
             has_word(buf_str(&b), "sr"))
        lv = LEVEL_SENIOR;
    else if (has_word(buf_str(&b), "mid") || has_word(buf_str(&b), "intermediate") ||
             has_word(buf_str(&b), "experienced"))
        lv = LEVEL_MID;
    else if (has_word(buf_str(&b), "junior") || has_word(buf_str(&b), "entry") ||
             has_word(buf_str(&b), "graduate") || has_word(buf_str(&b), "intern") ||
             has_word(buf_str(&b), "jr"))
        lv = LEVEL_JUNIOR;
    buf_cleanup(&b);
    return lv;
}

/* Years asked for in a qualification ("3+ years", "at least 5 years"), or -1. */
static int
years_in(const char *s)
{
    for (const char *p = s; *p; p++) {
        int n = 0, digits = 0;
        const char *q = p;
        if (*p < '0' || *p > '9' || (p > s && p[-1] >= '0' && p[-1] <= '9'))
            continue;
        while (*q >= '0' && *q <= '9' && digits < 3) {
            n = n * 10 + (*q++ - '0');
            digits++;
        }
        while (*q == '+' || *q == ' ' || *q == '-')
            q++;
        if (strncasecmp(q, "year", 4) == 0 || strncasecmp(q, "yr", 2) == 0)
            return n <= 50 ? n : -1;
    }
    return -1;
}

static int
weight_of(const char *skill_level)
{
    if (!skill_level)
        return 2;
    if (!strcasecmp(skill_level, "master") || !strcasecmp(skill_level, "expert") ||
        !strcasecmp(skill_level, "advanced"))
        return 3;
    if (!strcasecmp(skill_level, "beginner") || !strcasecmp(skill_level, "basic") ||
        !strcasecmp(skill_level, "novice"))
        return 1;
    return 2;
}

static void
add_skill(struct role *r, size_t *cap, const char *name, int weight, bool must)
{
    char *low = text_fold(name, strlen(name));
    size_t n = strlen(low);
    const char *t = text_trim(low, &n);
    if (!n || n > 60) {
        free(low);
        return;
    }
    for (size_t i = 0; i < r->nskills; i++)
        if (strlen(r->skills[i].name) == n && strncmp(r->skills[i].name, t, n) == 0) {
            if (weight > r->skills[i].weight)
                r->skills[i].weight = weight;
            free(low);
            return;
        }
    xgrow(&r->skills, cap, r->nskills + 1, sizeof *r->skills);
    r->skills[r->nskills] =
        (struct role_skill){.name = xstrndup(t, n), .weight = weight, .must = must};
    r->nskills++;
    free(low);
}

struct title_overlap {
    const char *title; /* the job's title, normalised */
    int n;
};

static int
count_shared(const char *w, size_t n, void *ctx)
{
    struct title_overlap *o = ctx;
    char word[64];
    /* words of three letters or more: "engineer", "reliability", not "of" */
    if (n >= 3 && n < sizeof word) {
        memcpy(word, w, n);
        word[n] = '\0';
        o->n += has_word(o->title, word);
    }
    return 0;
}

/* How many words of a shipped role's title the job's (normalised) title shares. */
static int
title_shared(const char *job_title, const char *role_title)
{
    struct title_overlap o = {job_title, 0};
    char *f;
    if (!job_title || !role_title)
        return 0;
    f = text_fold(role_title, strlen(role_title));
    text_words(f, strlen(f), count_shared, &o);
    free(f);
    return o.n;
}

/* Anchors for competency: from the shipped role that has it whose title shares most words
 * with the job's (a site reliability job takes the SRE role's anchors, not the database
 * administrator's), then the nearest in level. */
static const struct role_competency *
template_for(const struct role_set *templates, const char *competency, int level,
             const char *job_title)
{
    const struct role_competency *best = NULL;
    int bestd = 99, bests = -1;
    for (size_t i = 0; templates && i < templates->n; i++) {
        const struct role_competency *c = role_competency(&templates->v[i], competency);
        int d = abs(templates->v[i].level - level);
        int sh = c ? title_shared(job_title, templates->v[i].title) : 0;
        if (c && (sh > bests || (sh == bests && d < bestd))) {
            best = c;
            bestd = d;
            bests = sh;
        }
    }
    return best;
}

static const char *
str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* Adds skill name (a keyword of the job), by its canonical name when the taxonomy knows
 * it. */
static void
add_job_skill(struct role *r, size_t *cap, const struct skills *taxonomy, const char *name,
              int weight, bool must, const char *file, struct diags *notes)
{
    const struct skill *k = taxonomy ? skills_lookup(taxonomy, name) : NULL;
    if (taxonomy && !k)
        diags_add(notes, file, 0, "skills: '%s' is not in the skills taxonomy; kept as written",
                  name);
    add_skill(r, cap, k ? k->name : name, weight, must);
}

enum rb_err
role_import_job(const char *file, const char *data, size_t len, const struct role_set *templates,
                const char *const *known, const struct skills *taxonomy, struct role *r,
                struct diags *notes, char *errmsg)
{
    json_error_t jerr;
    json_t *job, *v, *a;
    const char *key;
    size_t i, capresp = 0, capskills = 0;
    struct buf all, title_words;
    enum rb_err rc = RB_EINVAL;
    int hits[NSIGNALS] = {0};

    memset(r, 0, sizeof *r);
    job = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!job) {
        snprintf(errmsg, RB_ERRMSG, "%s:%d: not valid JSON: %s", file, jerr.line, jerr.text);
        return RB_EINVAL;
    }
    buf_init(&all, 4u << 20);
    buf_init(&title_words, 1u << 16);
    if (!json_is_object(job)) {
        snprintf(errmsg, RB_ERRMSG, "%s: expected a JSON object (a JSON Resume job)", file);
        goto out;
    }
    if (!str(job, "title") || !*str(job, "title")) {
        snprintf(errmsg, RB_ERRMSG, "%s: title: missing; a job description needs a \"title\"",
                 file);
        goto out;
    }
    r->title = xstrdup(str(job, "title"));
    normalise(&title_words, r->title);
    r->id = text_slug(r->title, strlen(r->title), 56);
    if (!question_id_valid(r->id, strlen(r->id))) {
        char *id = xmalloc(strlen(r->id) + 8);
        snprintf(id, strlen(r->id) + 8, "role-%s", r->id);
        free(r->id);
        r->id = id;
    }
    r->file = xstrdup(file);

    /* level: experience first, then the title */
    r->level = level_of(str(job, "experience"));
    if (!r->level)
        r->level = level_of(r->title);
    if (!r->level) {
        r->level = LEVEL_MID;
        diags_add(notes, file, 0, "experience: '%s' does not name a level; the role is set to mid",
                  str(job, "experience") ? str(job, "experience") : "(missing)");
    }
    r->summary = xstrdup(str(job, "description") ? str(job, "description") : "");
    normalise(&all, r->summary);
    normalise(&all, r->title);

    a = json_object_get(job, "responsibilities");
    json_array_foreach(a, i, v)
    {
        if (!json_is_string(v))
            continue;
        xgrow(&r->responsibilities, &capresp, r->nresponsibilities + 1,
              sizeof *r->responsibilities);
        r->responsibilities[r->nresponsibilities++] = xstrdup(json_string_value(v));
        normalise(&all, json_string_value(v));
    }
    if (!r->nresponsibilities)
        diags_add(notes, file, 0, "responsibilities: none given; add them to the role");

    r->min_years = -1;
    a = json_object_get(job, "qualifications");
    json_array_foreach(a, i, v)
    {
        int y;
        if (!json_is_string(v))
            continue;
        normalise(&all, json_string_value(v));
        y = years_in(json_string_value(v));
        if (y >= 0 && y > r->min_years)
            r->min_years = y;
        else if (y < 0)
            diags_add(notes, file, 0,
                      "qualifications[%zu]: '%s' asks for no years of experience; its words "
                      "only informed the competencies",
                      i, json_string_value(v));
    }
    if (r->min_years < 0) {
        r->min_years = 0;
        diags_add(notes, file, 0, "qualifications: no years of experience found; min-years 0");
    }
    /* a job description's years are for the kind of work it describes */
    r->min_comparable_years = r->min_years;

    a = json_object_get(job, "skills");
    json_array_foreach(a, i, v)
    {
        const char *name = str(v, "name");
        int w = weight_of(str(v, "level"));
        bool nice = false;
        json_t *kw = json_object_get(v, "keywords"), *k;
        size_t j;
        if (name) {
            struct buf nb;
            buf_init(&nb, 1024);
            normalise(&nb, name);
            nice = has_word(buf_str(&nb), "nice") || has_word(buf_str(&nb), "bonus") ||
                   has_word(buf_str(&nb), "plus") || has_word(buf_str(&nb), "preferred");
            buf_cleanup(&nb);
            normalise(&all, name);
        }
        json_array_foreach(kw, j, k)
        {
            if (!json_is_string(k))
                continue;
            add_job_skill(r, &capskills, taxonomy, json_string_value(k), w, !nice, file, notes);
            normalise(&all, json_string_value(k));
        }
        if (!json_array_size(kw) && name)
            add_job_skill(r, &capskills, taxonomy, name, w, !nice, file, notes);
    }
    if (!r->nskills)
        diags_add(notes, file, 0, "skills: none given; the role has no must-have skills");

    /* competencies from the words of everything above */
    for (size_t s = 0; s < NSIGNALS; s++)
        for (size_t w = 0; signals[s].words[w]; w++)
            if (has_word(buf_str(&all), signals[s].words[w]))
                hits[s]++;
    {
        size_t capcomps = 0;
        for (size_t s = 0; s < NSIGNALS; s++) {
            struct role_competency *c;
            const struct role_competency *t;
            bool ok = !known;
            for (const char *const *kn = known; kn && *kn; kn++)
                ok |= strcmp(*kn, signals[s].competency) == 0;
            if (!hits[s] || !ok)
                continue;
            xgrow(&r->comps, &capcomps, r->ncomps + 1, sizeof *r->comps);
            c = &r->comps[r->ncomps++];
            memset(c, 0, sizeof *c);
            c->id = xstrdup(signals[s].competency);
            c->weight = hits[s] + 1 > ROLE_WEIGHT_MAX ? ROLE_WEIGHT_MAX : hits[s] + 1;
            t = template_for(templates, c->id, r->level, buf_str(&title_words));
            for (int k = 0; k < 4; k++)
                c->anchors[k] = xstrdup(t && t->anchors[k] ? t->anchors[k] : "");
            if (!t)
                diags_add(notes, file, 0,
                          "competencies: no shipped role has anchors for %s; write them", c->id);
        }
    }
    if (!r->ncomps) {
        snprintf(errmsg, RB_ERRMSG,
                 "%s: nothing in the title, description, responsibilities, qualifications or "
                 "skills names a competency of the bank",
                 file);
        goto out;
    }

    /* informational fields, and what has no place in a role */
    if (str(job, "salary"))
        r->salary = xstrdup(str(job, "salary"));
    else if (json_is_number(json_object_get(job, "salary"))) {
        char sal[64];
        snprintf(sal, sizeof sal, "%.0f", json_number_value(json_object_get(job, "salary")));
        r->salary = xstrdup(sal);
    }
    if (str(job, "remote"))
        r->remote = xstrdup(str(job, "remote"));
    v = json_object_get(job, "location");
    if (json_is_object(v)) {
        struct buf loc;
        static const char *const parts[] = {"city", "region", "countryCode"};
        buf_init(&loc, 1024);
        for (int p = 0; p < 3; p++) {
            const char *x = str(v, parts[p]);
            if (x && *x && !(p == 1 && str(v, "city") && strcmp(x, str(v, "city")) == 0))
                buf_printf(&loc, "%s%s", loc.len ? ", " : "", x);
        }
        if (loc.len)
            r->location = buf_take(&loc);
        buf_cleanup(&loc);
    }
    json_object_foreach(job, key, v)
    {
        static const char *const used[] = {
            "title",  "experience", "description", "responsibilities", "qualifications",
            "skills", "salary",     "remote",      "location",         "$schema"};
        bool is_used = false;
        for (size_t u = 0; u < sizeof used / sizeof used[0]; u++)
            is_used |= strcmp(key, used[u]) == 0;
        if (!is_used)
            diags_add(notes, file, 0, "%s: not part of a role profile (kept out)", key);
    }
    rc = RB_OK;
out:
    buf_cleanup(&all);
    buf_cleanup(&title_words);
    json_decref(job);
    if (rc)
        role_cleanup(r);
    return rc;
}

/* Copies the skills job_from_text read from prose into r, each once. */
static void
add_prose_skills(struct role *r, const char *file, const char *text, size_t len,
                 const struct skills *taxonomy, struct diags *notes)
{
    struct skillscan *sc = NULL;
    struct role read = {0};
    char msg[RB_ERRMSG];
    size_t cap = r->nskills;
    if (skillscan_new(taxonomy, &sc, msg) ||
        job_from_text(file, text, len, sc, taxonomy, &read, msg)) {
        diags_add(notes, file, 0, "skills: none could be read (%s)", msg);
        goto out;
    }
    for (size_t i = 0; i < read.nskills; i++) {
        bool have = false;
        for (size_t k = 0; k < r->nskills && !have; k++)
            have = strcasecmp(r->skills[k].name, read.skills[i].name) == 0;
        if (!have)
            add_skill(r, &cap, read.skills[i].name, read.skills[i].weight, read.skills[i].must);
    }
    if (read.min_years > r->min_years)
        r->min_years = read.min_years;
out:
    role_cleanup(&read);
    skillscan_free(sc);
}

enum rb_err
role_import_run(struct store *s, const char *file, const char *data, size_t len, const char *id,
                bool dry, struct role *r, struct diags *notes, char *errmsg)
{
    struct role_set templates;
    struct skills taxonomy;
    struct bank_stats st;
    struct diags d;
    char **known = NULL;
    char *wrapped = NULL;
    size_t i = 0;
    bool prose;
    enum rb_err rc;

    memset(r, 0, sizeof *r);
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        i++;
    prose = i == len || data[i] != '{';
    role_set_init(&templates);
    skills_init(&taxonomy);
    diags_init(&d, 0);
    /* competencies the store knows: a role may only name those */
    if ((rc = store_bank_stats(s, &st, errmsg)))
        goto out;
    if (!st.ncomps) {
        bank_stats_cleanup(&st);
        snprintf(errmsg, RB_ERRMSG,
                 "the store has no competencies: load the bank first ('rubric bank load')");
        rc = RB_EINVAL;
        goto out;
    }
    known = xcalloc(st.ncomps + 1, sizeof *known);
    for (size_t k = 0; k < st.ncomps; k++)
        known[k] = xstrdup(st.comps[k].id);
    bank_stats_cleanup(&st);
    role_read_builtin(&templates, &d);
    skills_read_builtin(&taxonomy, &d);
    if (prose) {
        /* prose: its first line is the title, the whole text the description */
        const char *nl = memchr(data + i, '\n', len - i);
        size_t tlen = nl ? (size_t)(nl - (data + i)) : len - i;
        json_t *job;
        while (tlen && (data[i + tlen - 1] == '\r' || data[i + tlen - 1] == ' '))
            tlen--;
        if (!tlen) {
            snprintf(errmsg, RB_ERRMSG, "%s: the job description is empty", file);
            rc = RB_EINVAL;
            goto out;
        }
        job = json_pack("{s:s%, s:s%}", "title", data + i, tlen, "description", data, len);
        if (!job) {
            snprintf(errmsg, RB_ERRMSG, "%s: the job description is not valid UTF-8", file);
            rc = RB_EINVAL;
            goto out;
        }
        wrapped = json_dumps(job, JSON_COMPACT);
        json_decref(job);
        rc = role_import_job(file, wrapped, strlen(wrapped), &templates, (const char *const *)known,
                             &taxonomy, r, notes, errmsg);
        if (!rc)
            add_prose_skills(r, file, data, len, &taxonomy, notes);
    } else {
        rc = role_import_job(file, data, len, &templates, (const char *const *)known, &taxonomy, r,
                             notes, errmsg);
    }
    if (rc)
        goto out;
    if (id) {
        free(r->id);
        r->id = xstrdup(id);
    }
    if (!dry)
        rc = store_roles_save(s, r, 1, "import", errmsg);
out:
    if (known)
        for (size_t k = 0; known[k]; k++)
            free(known[k]);
    free(known);
    free(wrapped);
    skills_cleanup(&taxonomy);
    role_set_cleanup(&templates);
    diags_cleanup(&d);
    return rc;
}
