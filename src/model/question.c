/* SPDX-License-Identifier: MIT */
/* Names and lifetimes of the question model. */
#include "model/question.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/text.h"

static const char *const category_names[CAT_COUNT] = {
    "screening",       "technical",  "system-design", "coding",
    "troubleshooting", "behavioral", "past-project",
};

static const char *const level_names[] = {"", "junior", "mid", "senior", "architect"};

static const struct {
    const char *heading;
    const char *name;
} kinds[POINT_KIND_COUNT] = {
    [POINT_SHOWS] = {"A good answer shows", "shows"},
    [POINT_PITFALL] = {"Pitfalls", "pitfall"},
    [POINT_RED_FLAG] = {"Red flags", "red_flag"},
    [POINT_FOLLOW_UP] = {"Follow-ups", "follow_up"},
    [POINT_STAR] = {"A complete STAR answer", "star"},
    [POINT_NOTE] = {"Notes", "note"},
    [POINT_BONUS] = {"Bonus points", "bonus"},
    [POINT_GRADE] = {"Grades", "grade"},
    [POINT_BY_LEVEL] = {"By level", "by_level"},
    [POINT_INTERVIEWER] = {"Interviewer notes", "interviewer_note"},
};

static bool
eq(const char *a, size_t alen, const char *b)
{
    return strlen(b) == alen && strncmp(a, b, alen) == 0;
}

const char *
category_name(enum category c)
{
    return (unsigned)c < CAT_COUNT ? category_names[c] : "unknown";
}

int
category_parse(const char *name, size_t len)
{
    for (int i = 0; i < CAT_COUNT; i++)
        if (eq(name, len, category_names[i]))
            return i;
    /* the spelling people also write */
    if (eq(name, len, "behavioural"))
        return CAT_BEHAVIORAL;
    return -1;
}

const char *
level_name(int level)
{
    return level >= LEVEL_JUNIOR && level <= LEVEL_MAX ? level_names[level] : "unknown";
}

int
level_parse(const char *name, size_t len)
{
    for (int i = LEVEL_JUNIOR; i <= LEVEL_MAX; i++)
        if (eq(name, len, level_names[i]))
            return i;
    return 0;
}

bool
level_range_parse(const char *s, size_t len, int *min, int *max)
{
    const char *dash = memchr(s, '-', len);
    int a, b;

    if (!dash) {
        a = b = level_parse(s, len);
    } else {
        a = level_parse(s, (size_t)(dash - s));
        b = level_parse(dash + 1, len - (size_t)(dash - s) - 1);
    }
    if (!a || !b || a > b)
        return false;
    *min = a;
    *max = b;
    return true;
}

void
level_range_format(int min, int max, char *out, size_t outlen)
{
    if (min == max)
        snprintf(out, outlen, "%s", level_name(min));
    else
        snprintf(out, outlen, "%s-%s", level_name(min), level_name(max));
}

const char *
point_kind_heading(enum point_kind k)
{
    return (unsigned)k < POINT_KIND_COUNT ? kinds[k].heading : "";
}

bool
point_kind_tagged(enum point_kind k)
{
    return k == POINT_GRADE || k == POINT_BY_LEVEL;
}

const char *
point_kind_name(enum point_kind k)
{
    return (unsigned)k < POINT_KIND_COUNT ? kinds[k].name : "unknown";
}

int
point_kind_parse(const char *name, size_t len)
{
    for (int i = 0; i < POINT_KIND_COUNT; i++)
        if (eq(name, len, kinds[i].name))
            return i;
    return -1;
}

bool
question_id_valid(const char *s, size_t len)
{
    if (len < 3 || len > 64 || s[0] < 'a' || s[0] > 'z')
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

static void
free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void
question_cleanup(struct question *q)
{
    if (!q)
        return;
    free(q->id);
    free(q->title);
    free(q->text);
    free_strv(q->competencies, q->ncompetencies);
    for (size_t i = 0; i < q->npoints; i++) {
        free(q->points[i].text);
        free_strv(q->points[i].concepts, q->points[i].nconcepts);
    }
    free(q->points);
    free(q->source);
    free(q->topic);
    free_strv(q->skills, q->nskills);
    free(q->track);
    free(q->file);
    memset(q, 0, sizeof *q);
}

void
competency_cleanup(struct competency *c)
{
    if (!c)
        return;
    free(c->id);
    free(c->name);
    free(c->summary);
    memset(c, 0, sizeof *c);
}

static char *
dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static char **
dup_strv(char *const *v, size_t n)
{
    char **d = xcalloc(n ? n : 1, sizeof *d);
    for (size_t i = 0; i < n; i++)
        d[i] = xstrdup(v[i]);
    return d;
}

void
question_copy(struct question *dst, const struct question *src)
{
    *dst = *src;
    dst->id = dup_or_null(src->id);
    dst->title = dup_or_null(src->title);
    dst->text = dup_or_null(src->text);
    dst->competencies = dup_strv(src->competencies, src->ncompetencies);
    dst->points = xcalloc(src->npoints ? src->npoints : 1, sizeof *dst->points);
    for (size_t i = 0; i < src->npoints; i++) {
        dst->points[i].kind = src->points[i].kind;
        dst->points[i].tag = src->points[i].tag;
        dst->points[i].line = src->points[i].line;
        dst->points[i].text = xstrdup(src->points[i].text);
        dst->points[i].concepts = dup_strv(src->points[i].concepts, src->points[i].nconcepts);
        dst->points[i].nconcepts = src->points[i].nconcepts;
    }
    dst->source = dup_or_null(src->source);
    dst->topic = dup_or_null(src->topic);
    dst->skills = dup_strv(src->skills, src->nskills);
    dst->track = dup_or_null(src->track);
    dst->file = dup_or_null(src->file);
}

struct key_ctx {
    uint64_t h;
    bool first;
};

static int
key_word(const char *w, size_t n, void *ctx)
{
    struct key_ctx *k = ctx;
    if (!k->first)
        k->h = (k->h ^ ' ') * 0x100000001b3ULL;
    k->first = false;
    for (size_t i = 0; i < n; i++)
        k->h = (k->h ^ (unsigned char)w[i]) * 0x100000001b3ULL;
    return 0;
}

char *
question_text_key(const char *text, size_t len)
{
    char *folded = text_fold(text, len);
    struct key_ctx k = {0xcbf29ce484222325ULL, true};
    char *out = xmalloc(17);

    text_words(folded, strlen(folded), key_word, &k);
    free(folded);
    snprintf(out, 17, "%016llx", (unsigned long long)k.h);
    return out;
}

static uint64_t
mix(uint64_t h, const char *s)
{
    /* each string with its terminator, so ("ab","c") and ("a","bc") differ */
    if (!s)
        s = "\x01";
    for (;; s++) {
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
        if (!*s)
            return h;
    }
}

char *
question_digest(const struct question *q)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    char num[64];
    char *out = xmalloc(17);

    h = mix(h, q->id);
    h = mix(h, q->title);
    h = mix(h, q->text);
    snprintf(num, sizeof num, "%d/%d/%d/%d", (int)q->category, q->level_min, q->level_max,
             q->minutes);
    h = mix(h, num);
    for (size_t i = 0; i < q->ncompetencies; i++)
        h = mix(h, q->competencies[i]);
    for (size_t i = 0; i < q->npoints; i++) {
        if (q->points[i].tag)
            snprintf(num, sizeof num, "p%d/%d", (int)q->points[i].kind, q->points[i].tag);
        else
            snprintf(num, sizeof num, "p%d", (int)q->points[i].kind);
        h = mix(h, num);
        h = mix(h, q->points[i].text);
        for (size_t j = 0; j < q->points[i].nconcepts; j++)
            h = mix(h, q->points[i].concepts[j]);
    }
    h = mix(h, q->source);
    h = mix(h, q->topic);
    /* added with the skills and tracks: mixed in only when set, so that older questions
     * keep their digests */
    for (size_t i = 0; i < q->nskills; i++)
        h = mix(h, q->skills[i]);
    if (q->track)
        h = mix(h, q->track);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
    return out;
}

char *
question_search_text(const char *md)
{
    size_t n = strlen(md), j = 0;
    char *out = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        if (md[i] != '*' && md[i] != '`')
            out[j++] = md[i];
    out[j] = '\0';
    return out;
}
