/* SPDX-License-Identifier: MIT */
/*
 * Bank files: CommonMark parsed by cmark, then walked block by block. Text is taken from the
 * source lines (not re-rendered), so what an author wrote is exactly what is stored and
 * exported. Field problems are reported here with the field's line; content rules that apply
 * to questions from any source live in question_check.
 */
#include "core/bank.h"
#include "core/md.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/embed.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/text.h"

/* ---- cmark helpers ------------------------------------------------------------------ */

/* Collects the plain text of every strong emphasis under n into *v. */
static void
collect_strong(cmark_node *n, char ***v, size_t *cnt, size_t *cap)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        if (cmark_node_get_type(c) == CMARK_NODE_STRONG) {
            char *s = md_plain(c);
            size_t len = strlen(s);
            /* "**Situation:**" style labels are not concepts */
            while (len && (s[len - 1] == ':' || s[len - 1] == '.'))
                s[--len] = '\0';
            if (len) {
                xgrow(v, cap, *cnt + 1, sizeof **v);
                (*v)[(*cnt)++] = s;
            } else {
                free(s);
            }
        } else {
            collect_strong(c, v, cnt, cap);
        }
    }
}

static bool
is_list(cmark_node *n)
{
    return n && cmark_node_get_type(n) == CMARK_NODE_LIST;
}

/* "name: value" with a lowercase name of letters and '-': the shape of a field item. */
static bool
split_field(const char *s, size_t *namelen, const char **value, size_t *valuelen)
{
    const char *colon = strchr(s, ':');
    size_t n;
    if (!colon || colon == s || colon - s > 20)
        return false;
    for (const char *p = s; p < colon; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '-' || *p == '_'))
            return false;
    *namelen = (size_t)(colon - s);
    n = strlen(colon + 1);
    *value = text_trim(colon + 1, &n);
    *valuelen = n;
    return true;
}

static bool
is_field_list(const struct md_lines *l, cmark_node *list)
{
    cmark_node *item = cmark_node_first_child(list);
    char *s;
    size_t nl, vl;
    const char *v;
    bool ok;

    if (!item || cmark_node_get_list_type(list) != CMARK_BULLET_LIST)
        return false;
    s = md_item_source(l, item);
    ok = split_field(s, &nl, &v, &vl);
    free(s);
    return ok;
}

/* ---- one file ----------------------------------------------------------------------- */

static const struct {
    const char *heading;
    enum point_kind kind;
} section_names[] = {
    {"a good answer shows", POINT_SHOWS},
    {"pitfalls", POINT_PITFALL},
    {"pitfall", POINT_PITFALL},
    {"red flags", POINT_RED_FLAG},
    {"red flag", POINT_RED_FLAG},
    {"follow-ups", POINT_FOLLOW_UP},
    {"follow-up questions", POINT_FOLLOW_UP},
    {"a complete star answer", POINT_STAR},
    {"notes", POINT_NOTE},
    {"bonus points", POINT_BONUS},
    {"grades", POINT_GRADE},
    {"by level", POINT_BY_LEVEL},
    {"interviewer notes", POINT_INTERVIEWER},
};

static int
section_kind(const char *heading)
{
    for (size_t i = 0; i < sizeof section_names / sizeof section_names[0]; i++)
        if (strcasecmp(heading, section_names[i].heading) == 0)
            return (int)section_names[i].kind;
    return -1;
}

enum state { ST_START, ST_HEADER, ST_INTRO, ST_FIELDS, ST_TEXT, ST_SECTION };

struct parser {
    struct bank *b;
    const char *file;
    struct diags *d;
    struct md_lines l;
    struct competency comp;
    int comp_line;
    char *track; /* the file's "- track:", for every question in it */
    /* the question being read */
    struct question q;
    bool inq;
    int text_first, text_col, text_last;
    char **also;
    size_t nalso, capalso;
    char *qcomp; /* the question's own "- competency:", overriding the file's */
    size_t cappoints;
    bool seen[16];
    bool had_fields; /* the question had a field list at all */
};

enum field {
    F_ID,
    F_CATEGORY,
    F_LEVEL,
    F_MINUTES,
    F_ALSO,
    F_SOURCE,
    F_TOPIC,
    F_SKILLS,
    F_COMPETENCY,
    F_COUNT
};
static const char *const field_names[F_COUNT] = {
    "id", "category", "level", "minutes", "also", "source", "topic", "skills", "competency"};

/* The tag of a "1: ..." grade or a "mid: ..." by-level item: *tag and the text after the
 * colon, or false when the item does not start so. */
static bool
split_tag(enum point_kind kind, const char *s, int *tag, const char **rest)
{
    const char *colon = strchr(s, ':');
    size_t n;

    if (!colon)
        return false;
    n = (size_t)(colon - s);
    if (kind == POINT_GRADE)
        *tag = n == 1 && s[0] >= '1' && s[0] <= '4' ? s[0] - '0' : 0;
    else
        *tag = level_parse(s, n);
    if (!*tag)
        return false;
    *rest = colon + 1;
    while (**rest == ' ' || **rest == '\n')
        (*rest)++;
    return true;
}

static void
add_point(struct parser *p, enum point_kind kind, char *text, cmark_node *node, int line)
{
    struct point *pt;
    size_t cap = 0;
    int tag = 0;

    if (point_kind_tagged(kind)) {
        const char *rest;
        if (!split_tag(kind, text, &tag, &rest)) {
            if (kind == POINT_GRADE)
                diags_add(p->d, p->file, line,
                          "a grade starts with its number: '- 1: ...' to '- 4: ...' in '%s'",
                          p->q.title);
            else
                diags_add(p->d, p->file, line,
                          "a by-level item starts with its level: '- mid: ...' (junior, mid, "
                          "senior or architect) in '%s'",
                          p->q.title);
            free(text);
            return;
        }
        memmove(text, rest, strlen(rest) + 1);
    }
    xgrow(&p->q.points, &p->cappoints, p->q.npoints + 1, sizeof *p->q.points);
    pt = &p->q.points[p->q.npoints++];
    memset(pt, 0, sizeof *pt);
    pt->kind = kind;
    pt->text = text;
    pt->line = line;
    pt->tag = tag;
    if ((kind == POINT_SHOWS || kind == POINT_BONUS) && node)
        collect_strong(node, &pt->concepts, &pt->nconcepts, &cap);
}

/* Splits "a, b, c" into trimmed items, calling one(item, len) for each non-empty one. */
static void
each_item(struct parser *p, const char *v, size_t vlen, int line,
          void (*one)(struct parser *, const char *, size_t, int))
{
    size_t i = 0;
    while (i < vlen) {
        size_t j = i, n;
        const char *t;
        while (j < vlen && v[j] != ',')
            j++;
        n = j - i;
        t = text_trim(v + i, &n);
        if (n)
            one(p, t, n, line);
        i = j + 1;
    }
}

static void
also_one(struct parser *p, const char *t, size_t n, int line)
{
    if (!question_id_valid(t, n)) {
        diags_add(p->d, p->file, line, "bad competency id '%.*s' in also", (int)n, t);
        return;
    }
    xgrow(&p->also, &p->capalso, p->nalso + 1, sizeof *p->also);
    p->also[p->nalso++] = xstrndup(t, n);
}

static void
skill_one(struct parser *p, const char *t, size_t n, int line)
{
    size_t cap = p->q.nskills;
    /* canonical names are lowercase words; the taxonomy itself is checked by lint */
    for (size_t i = 0; i < n; i++)
        if (t[i] >= 'A' && t[i] <= 'Z') {
            diags_add(p->d, p->file, line,
                      "skill '%.*s' in skills: write the taxonomy's canonical name, in lowercase",
                      (int)n, t);
            return;
        }
    for (size_t i = 0; i < p->q.nskills; i++)
        if (strlen(p->q.skills[i]) == n && strncmp(p->q.skills[i], t, n) == 0)
            return;
    xgrow(&p->q.skills, &cap, p->q.nskills + 1, sizeof *p->q.skills);
    p->q.skills[p->q.nskills++] = xstrndup(t, n);
}

static void
parse_field(struct parser *p, const char *name, size_t nlen, const char *v, size_t vlen, int line)
{
    int f = -1;

    for (int i = 0; i < F_COUNT; i++)
        if (strlen(field_names[i]) == nlen && strncmp(field_names[i], name, nlen) == 0)
            f = i;
    if (f < 0) {
        diags_add(p->d, p->file, line,
                  "unknown field '%.*s' (expected id, category, level, minutes, also, skills, "
                  "competency, source or topic)",
                  (int)nlen, name);
        return;
    }
    if (p->seen[f]) {
        diags_add(p->d, p->file, line, "field '%s' given twice", field_names[f]);
        return;
    }
    p->seen[f] = true;
    switch (f) {
    case F_ID:
        if (!question_id_valid(v, vlen))
            diags_add(p->d, p->file, line,
                      "bad id '%.*s': use 3 to 64 of a-z, 0-9 and '-', starting with a letter",
                      (int)vlen, v);
        else
            p->q.id = xstrndup(v, vlen);
        break;
    case F_CATEGORY: {
        int c = category_parse(v, vlen);
        if (c < 0)
            diags_add(p->d, p->file, line,
                      "unknown category '%.*s' (expected screening, technical, system-design, "
                      "coding, troubleshooting, behavioral or past-project)",
                      (int)vlen, v);
        else
            p->q.category = (enum category)c;
        break;
    }
    case F_LEVEL:
        if (!level_range_parse(v, vlen, &p->q.level_min, &p->q.level_max))
            diags_add(p->d, p->file, line,
                      "bad level '%.*s' (expected junior, mid, senior or architect, or a range "
                      "such as mid-senior)",
                      (int)vlen, v);
        break;
    case F_MINUTES: {
        int m = 0;
        size_t i;
        for (i = 0; i < vlen && v[i] >= '0' && v[i] <= '9' && m <= 1000; i++)
            m = m * 10 + (v[i] - '0');
        if (i != vlen || m < 1 || m > 90)
            diags_add(p->d, p->file, line, "bad minutes '%.*s' (expected a whole number, 1 to 90)",
                      (int)vlen, v);
        else
            p->q.minutes = m;
        break;
    }
    case F_ALSO:
        each_item(p, v, vlen, line, also_one);
        break;
    case F_SKILLS:
        each_item(p, v, vlen, line, skill_one);
        if (!p->q.nskills)
            diags_add(p->d, p->file, line, "empty skills: name one or more, or leave it out");
        break;
    case F_COMPETENCY:
        if (!question_id_valid(v, vlen))
            diags_add(p->d, p->file, line,
                      "bad competency id '%.*s': use 3 to 64 of a-z, 0-9 and '-'", (int)vlen, v);
        else
            p->qcomp = xstrndup(v, vlen);
        break;
    case F_SOURCE:
        p->q.source = xstrndup(v, vlen);
        break;
    case F_TOPIC:
        p->q.topic = xstrndup(v, vlen);
        break;
    }
}

static void
parse_fields(struct parser *p, cmark_node *list)
{
    for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
        char *s = md_item_source(&p->l, item);
        int line = cmark_node_get_start_line(item);
        size_t nlen, vlen;
        const char *v;
        if (!split_field(s, &nlen, &v, &vlen))
            diags_add(p->d, p->file, line, "expected 'name: value' in the field list");
        else
            parse_field(p, s, nlen, v, vlen, line);
        free(s);
    }
}

static void
start_question(struct parser *p, cmark_node *h)
{
    memset(&p->q, 0, sizeof p->q);
    memset(p->seen, 0, sizeof p->seen);
    p->had_fields = false;
    p->inq = true;
    p->q.title = md_plain(h);
    p->q.file = xstrdup(p->file);
    p->q.line = cmark_node_get_start_line(h);
    p->q.category = CAT_TECHNICAL;
    p->q.level_min = LEVEL_JUNIOR;
    p->q.level_max = LEVEL_ARCHITECT;
    p->q.minutes = 5;
    p->text_first = p->text_last = 0;
    p->text_col = 1;
    p->nalso = 0;
    p->cappoints = 0;
    free(p->qcomp);
    p->qcomp = NULL;
    p->q.track = p->track ? xstrdup(p->track) : NULL;
}

static void
finish_question(struct parser *p)
{
    size_t cap = 0, n = 0;
    char **comps = NULL;

    if (!p->inq)
        return;
    p->inq = false;
    for (int f = F_ID; f <= F_MINUTES && p->had_fields; f++)
        if (!p->seen[f])
            diags_add(p->d, p->file, p->q.line, "question '%s' has no '%s:' field", p->q.title,
                      field_names[f]);
    if (p->text_first)
        p->q.text = md_slice(&p->l, p->text_first, p->text_col, p->text_last, 0);
    else
        p->q.text = xstrdup("");
    /* The question's own competency or the file's first, then the others once each. */
    if (p->qcomp || p->comp.id) {
        xgrow(&comps, &cap, n + 1, sizeof *comps);
        comps[n++] = xstrdup(p->qcomp ? p->qcomp : p->comp.id);
    }
    for (size_t i = 0; i < p->nalso; i++) {
        bool dup = false;
        for (size_t j = 0; j < n; j++)
            dup |= strcmp(comps[j], p->also[i]) == 0;
        if (!dup) {
            xgrow(&comps, &cap, n + 1, sizeof *comps);
            comps[n++] = p->also[i];
        } else {
            free(p->also[i]);
        }
    }
    p->nalso = 0;
    p->q.competencies = comps;
    p->q.ncompetencies = n;
    /* Kept even without a usable id (already reported), so its content is checked too. */
    if (!p->q.id)
        p->q.id = xstrdup("");
    bank_add_question_take(p->b, &p->q);
}

/* A track name: 2 to 64 of [a-z0-9-], starting with a letter ("go", "java-spring"). */
static bool
track_valid(const char *s, size_t len)
{
    if (len < 2 || len > 64 || s[0] < 'a' || s[0] > 'z')
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return false;
    return true;
}

static void
parse_header(struct parser *p, cmark_node *list)
{
    for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
        char *s = md_item_source(&p->l, item);
        int line = cmark_node_get_start_line(item);
        size_t nlen, vlen;
        const char *v;
        if (!split_field(s, &nlen, &v, &vlen)) {
            diags_add(p->d, p->file, line, "expected 'name: value' in the header list");
        } else if (nlen == 10 && strncmp(s, "competency", 10) == 0) {
            if (!question_id_valid(v, vlen))
                diags_add(p->d, p->file, line,
                          "bad competency id '%.*s': use 3 to 64 of a-z, 0-9 and '-'", (int)vlen,
                          v);
            else if (!p->comp.id)
                p->comp.id = xstrndup(v, vlen);
        } else if (nlen == 7 && strncmp(s, "summary", 7) == 0) {
            free(p->comp.summary);
            p->comp.summary = xstrndup(v, vlen);
        } else if (nlen == 5 && strncmp(s, "track", 5) == 0) {
            if (!track_valid(v, vlen))
                diags_add(p->d, p->file, line,
                          "bad track '%.*s': use 2 to 64 of a-z, 0-9 and '-', starting with a "
                          "letter (java-spring, go)",
                          (int)vlen, v);
            else if (!p->track)
                p->track = xstrndup(v, vlen);
        } else {
            diags_add(p->d, p->file, line,
                      "unknown header field '%.*s' (expected competency, summary or track)",
                      (int)nlen, s);
        }
        free(s);
    }
}

static void
parse_section_list(struct parser *p, enum point_kind kind, cmark_node *list)
{
    for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item))
        add_point(p, kind, md_item_source(&p->l, item), item, cmark_node_get_start_line(item));
}

void
bank_parse(struct bank *b, const char *file, const char *data, size_t len, struct diags *d)
{
    struct parser p;
    cmark_node *doc, *n;
    enum state st = ST_START;
    int kind = -1;
    size_t bad;

    if (!text_utf8_valid(data, len, &bad)) {
        diags_add(d, file, text_line_at(data, bad),
                  "not valid UTF-8 (byte %zu): save the file as UTF-8", bad);
        return;
    }
    memset(&p, 0, sizeof p);
    p.b = b;
    p.file = file;
    p.d = d;
    md_lines_init(&p.l, data, len);
    doc = cmark_parse_document(data, len, CMARK_OPT_DEFAULT);

    for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        int line = cmark_node_get_start_line(n);

        if (t == CMARK_NODE_HEADING) {
            int lvl = cmark_node_get_heading_level(n);
            if (lvl == 1) {
                if (st != ST_START) {
                    diags_add(d, file, line,
                              "a second level-1 heading: a bank file holds one competency");
                    continue;
                }
                p.comp.name = md_plain(n);
                p.comp_line = line;
                st = ST_HEADER;
            } else if (lvl == 2) {
                if (st == ST_START)
                    diags_add(d, file, line, "a question before the '# Title' of the file");
                finish_question(&p);
                start_question(&p, n);
                st = ST_FIELDS;
            } else if (lvl == 3 && p.inq) {
                char *h = md_plain(n);
                kind = section_kind(h);
                if (kind < 0)
                    diags_add(d, file, line,
                              "unknown section '%s' (expected A good answer shows, Bonus points, "
                              "Grades, By level, Pitfalls, Red flags, Follow-ups, Interviewer "
                              "notes, A complete STAR answer or Notes)",
                              h);
                free(h);
                st = ST_SECTION;
            } else if (st == ST_TEXT) {
                p.text_last = cmark_node_get_end_line(n);
            } else {
                diags_add(d, file, line, "unexpected level-%d heading here", lvl);
            }
            continue;
        }

        switch (st) {
        case ST_START:
            if (t != CMARK_NODE_HTML_BLOCK)
                diags_add(d, file, line, "a bank file starts with '# Title' (the competency)");
            st = t == CMARK_NODE_HTML_BLOCK ? ST_START : ST_INTRO;
            break;
        case ST_HEADER:
            if (is_list(n))
                parse_header(&p, n);
            else
                diags_add(d, file, line,
                          "expected the header list (- competency: ..., - summary: ...) under "
                          "the title");
            st = ST_INTRO;
            break;
        case ST_INTRO:
            break; /* prose for readers */
        case ST_FIELDS:
            if (is_list(n) && is_field_list(&p.l, n)) {
                p.had_fields = true;
                parse_fields(&p, n);
                st = ST_TEXT;
                break;
            }
            diags_add(d, file, line,
                      "expected the field list (- id: ..., - category: ..., - level: ..., "
                      "- minutes: ...) right under the question heading");
            st = ST_TEXT;
            /* the block is the question's text */
            __attribute__((fallthrough));
        case ST_TEXT:
            if (!p.text_first) {
                p.text_first = line;
                p.text_col = 1;
            }
            p.text_last = cmark_node_get_end_line(n);
            break;
        case ST_SECTION:
            if (kind < 0)
                break;
            if (is_list(n))
                parse_section_list(&p, (enum point_kind)kind, n);
            else if (kind == POINT_NOTE || t == CMARK_NODE_HTML_BLOCK)
                add_point(&p, POINT_NOTE, md_slice(&p.l, line, 1, cmark_node_get_end_line(n), 0),
                          NULL, line);
            else
                diags_add(d, file, line, "expected a bullet list under '### %s'",
                          point_kind_heading((enum point_kind)kind));
            break;
        }
    }
    finish_question(&p);

    if (st == ST_START)
        diags_add(d, file, 1, "empty bank file: expected '# Title' and a competency");
    else if (!p.comp.id)
        diags_add(d, file, p.comp_line ? p.comp_line : 1, "no '- competency: ID' under the title");
    else {
        if (!p.comp.summary)
            diags_add(d, file, p.comp_line, "no '- summary: ...' under the title");
        /* a stack track's file names the competency its questions default to; the
         * competency's own file defines it */
        if (!p.track)
            bank_add_competency(b, p.comp.id, p.comp.name, p.comp.summary, file, p.comp_line);
    }
    competency_cleanup(&p.comp);
    free(p.track);
    free(p.qcomp);
    for (size_t i = 0; i < p.nalso; i++)
        free(p.also[i]);
    free(p.also);
    cmark_node_free(doc);
    md_lines_cleanup(&p.l);
}

/* ---- synonyms ----------------------------------------------------------------------- */

void
bank_parse_synonyms(struct bank *b, const char *file, const char *data, size_t len, struct diags *d)
{
    size_t bad, i = 0;
    int line = 0;

    if (!text_utf8_valid(data, len, &bad)) {
        diags_add(d, file, text_line_at(data, bad), "not valid UTF-8 (byte %zu)", bad);
        return;
    }
    while (i < len) {
        size_t e = i, n;
        const char *s, *eq;
        struct synonym syn;
        size_t cap = 0;

        while (e < len && data[e] != '\n')
            e++;
        line++;
        n = e - i;
        s = text_trim(data + i, &n);
        i = e + 1;
        if (!n || s[0] == '#')
            continue;
        eq = memchr(s, '=', n);
        if (!eq) {
            diags_add(d, file, line, "expected 'concept = synonym, synonym, ...'");
            continue;
        }
        memset(&syn, 0, sizeof syn);
        {
            size_t cl = (size_t)(eq - s);
            const char *c = text_trim(s, &cl);
            if (!cl) {
                diags_add(d, file, line, "empty concept before '='");
                continue;
            }
            syn.concept = text_fold(c, cl);
        }
        for (const char *p = eq + 1; p < s + n;) {
            const char *q = memchr(p, ',', (size_t)(s + n - p));
            size_t al;
            const char *a;
            if (!q)
                q = s + n;
            al = (size_t)(q - p);
            a = text_trim(p, &al);
            if (al) {
                xgrow(&syn.alts, &cap, syn.nalts + 1, sizeof *syn.alts);
                syn.alts[syn.nalts++] = text_fold(a, al);
            }
            p = q + 1;
        }
        if (!syn.nalts) {
            diags_add(d, file, line, "concept '%s' has no synonyms after '='", syn.concept);
            free(syn.concept);
            free(syn.alts);
            continue;
        }
        syn.file = xstrdup(file);
        syn.line = line;
        xgrow(&b->syns, &b->capsyns, b->nsyns + 1, sizeof *b->syns);
        b->syns[b->nsyns++] = syn;
    }
}

static void
parse_file(void *ctx, const char *name, const char *data, size_t len, struct diags *d)
{
    bank_parse(ctx, name, data, len, d);
}

static void
parse_synonyms_file(void *ctx, const char *name, const char *data, size_t len, struct diags *d)
{
    bank_parse_synonyms(ctx, name, data, len, d);
}

enum rb_err
bank_read_dir(struct bank *b, const char *dir, struct diags *d, char *errmsg)
{
    struct buf syn;
    char *data;
    size_t len;
    char msg[RB_ERRMSG];
    enum rb_err rc = fs_each_text(dir, ".md", BANK_FILE_MAX, parse_file, b, d, errmsg);

    if (rc)
        return rc;
    buf_init(&syn, 8192);
    buf_printf(&syn, "%s/synonyms.txt", dir);
    if (fs_read(buf_str(&syn), BANK_FILE_MAX, &data, &len, msg) == RB_OK) {
        bank_parse_synonyms(b, buf_str(&syn), data, len, d);
        free(data);
    }
    buf_cleanup(&syn);
    return RB_OK;
}

void
bank_read_builtin(struct bank *b, struct diags *d)
{
    embed_each("bank/", ".md", parse_file, b, d);
    embed_each("bank/synonyms.txt", "", parse_synonyms_file, b, d);
}

/* ---- checks ------------------------------------------------------------------------- */

static bool
star_has(const struct question *q, const char *label)
{
    size_t ll = strlen(label);
    for (size_t i = 0; i < q->npoints; i++) {
        const char *t = q->points[i].text;
        if (q->points[i].kind != POINT_STAR)
            continue;
        while (*t == '*' || *t == '_')
            t++;
        if (strncasecmp(t, label, ll) == 0)
            return true;
    }
    return false;
}

void
question_check(const struct question *q, int strict, struct diags *d)
{
    size_t shows = 0, warnings = 0;
    const char *f = q->file;
    int line = q->line;
    const char *id = q->id && q->id[0] ? q->id : q->title ? q->title : "?";

    /* an empty id is one the parser already reported */
    if (!q->id || (q->id[0] && !question_id_valid(q->id, strlen(q->id))))
        diags_add(d, f, line, "question has a missing or bad id");
    if (!q->title || !q->title[0])
        diags_add(d, f, line, "question '%s' has no title", id);
    if (!q->text || !q->text[0])
        diags_add(d, f, line, "question '%s' has no question text under its fields", id);
    if ((unsigned)q->category >= CAT_COUNT)
        diags_add(d, f, line, "question '%s' has a bad category", id);
    if (q->level_min < LEVEL_JUNIOR || q->level_max > LEVEL_MAX || q->level_min > q->level_max)
        diags_add(d, f, line, "question '%s' has a bad level range", id);
    if (q->minutes < 1 || q->minutes > 90)
        diags_add(d, f, line, "question '%s' has minutes outside 1 to 90", id);
    if (!q->ncompetencies)
        diags_add(d, f, line, "question '%s' has no competency", id);

    for (size_t i = 0; i < q->npoints; i++) {
        const struct point *p = &q->points[i];
        if (p->kind == POINT_SHOWS) {
            shows++;
            if (!p->nconcepts)
                diags_add(d, f, p->line ? p->line : line,
                          "point of '%s' has no **bold** key concept", id);
        }
        if (p->kind == POINT_PITFALL || p->kind == POINT_RED_FLAG)
            warnings++;
        if (!p->text[0])
            diags_add(d, f, p->line ? p->line : line, "empty point in '%s'", id);
    }
    if (q->source && !strict)
        return; /* imported: points are written later */
    if (shows < 2)
        diags_add(d, f, line, "question '%s' needs two or more 'A good answer shows' points", id);
    if (!warnings)
        diags_add(d, f, line, "question '%s' needs a 'Pitfalls' or 'Red flags' point", id);
    if (q->category == CAT_BEHAVIORAL) {
        static const char *const labels[] = {"Situation", "Task", "Action", "Result"};
        for (int i = 0; i < 4; i++)
            if (!star_has(q, labels[i]))
                diags_add(d, f, line,
                          "behavioural question '%s' has no '%s:' item under '### A complete "
                          "STAR answer'",
                          id, labels[i]);
    }
}

/* ---- the editor's checks (--strict) -------------------------------------------------- */

/* Words an interviewer cannot hear or not hear: a point must name what is said instead. */
static const char *const vague_phrases[] = {
    "good understanding", "solid understanding", "deep understanding", "basic understanding",
    "understanding of",   "familiar with",       "familiarity with",   "knows about",
    "is aware of",        "awareness of",        "good grasp",         "solid grasp",
    "good knowledge",     "knowledge of",        "comfortable with",
};

/* What a screening call must never score: the candidate may fairly keep these to
 * themselves, and scoring them is unfair (docs/BANK.md). */
static const char *const disclosure_words[] = {
    "health",         "adjustment",      "disabilit",       "medical",     "illness",
    "pregnan",        "family",          "children",        "childcare",   "marital",
    "religio",        "deciding factor", "which companies", "other offer", "competing offer",
    "salary history", "current salary",
};

/* Verbs that open a check ("Names ...", "Explains ..."): a second one after "and" or ";"
 * means the point holds two checks. */
static const char *const check_verbs[] = {
    "names",      "explains",  "states",     "gives",      "describes",  "mentions", "notes",
    "says",       "proposes",  "uses",       "offers",     "compares",   "makes",    "shows",
    "asks",       "sets",      "chooses",    "defines",    "identifies", "suggests", "adds",
    "checks",     "knows",     "recognises", "recognizes", "warns",      "handles",  "measures",
    "avoids",     "prefers",   "picks",      "keeps",      "separates",  "ties",     "weighs",
    "treats",     "plans",     "tests",      "writes",     "designs",    "builds",   "puts",
    "quantifies", "considers", "admits",     "reflects",   "shares",     "credits",  "owns",
    "raises",     "calls",     "spots",      "fixes",      "finds",      "relates",  "cites",
    "lists",      "covers",    "justifies",  "argues",     "reports",    "points",   "discusses",
};

static bool
is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Case-insensitive (ASCII) search for needle in s; returns where, or NULL. */
static const char *
find_ci(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return s;
    return NULL;
}

/* The second check verb in text (code spans skipped), or NULL: "Gives numbers and makes
 * their role clear". *vlen is its length. */
static const char *
second_check(const char *text, size_t *vlen)
{
    static const char *const seps[] = {", and ", " and ", "; ", ", then ", ", but "};
    bool code = false;

    for (const char *p = text; *p; p++) {
        if (*p == '`')
            code = !code;
        if (code)
            continue;
        for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
            const char *w;
            size_t sl = strlen(seps[i]);
            if (strncmp(p, seps[i], sl) != 0)
                continue;
            w = p + sl;
            if (strncmp(w, "also ", 5) == 0)
                w += 5;
            for (size_t v = 0; v < sizeof check_verbs / sizeof check_verbs[0]; v++) {
                size_t vl = strlen(check_verbs[v]);
                if (strncmp(w, check_verbs[v], vl) == 0 && !is_alpha(w[vl])) {
                    *vlen = vl;
                    return w;
                }
            }
        }
    }
    return NULL;
}

void
question_check_editorial(const struct question *q, struct diags *d)
{
    const char *f = q->file;
    const char *id = q->id && q->id[0] ? q->id : q->title ? q->title : "?";
    int grades[5] = {0}, levels[LEVEL_MAX + 1] = {0};
    size_t ngrades = 0, nlevels = 0;

    for (size_t i = 0; i < q->npoints; i++) {
        const struct point *p = &q->points[i];
        int line = p->line ? p->line : q->line;
        bool scored = p->kind == POINT_SHOWS || p->kind == POINT_BONUS || p->kind == POINT_GRADE ||
                      p->kind == POINT_BY_LEVEL;
        if (p->kind == POINT_GRADE) {
            ngrades++;
            if (p->tag >= 1 && p->tag <= 4)
                grades[p->tag]++;
        }
        if (p->kind == POINT_BY_LEVEL) {
            nlevels++;
            if (p->tag >= LEVEL_JUNIOR && p->tag <= LEVEL_MAX)
                levels[p->tag]++;
            if (p->tag < q->level_min || p->tag > q->level_max)
                diags_add(d, f, line, "'%s' is level %s, outside the question's levels (%s-%s)", id,
                          level_name(p->tag), level_name(q->level_min), level_name(q->level_max));
        }
        if (p->kind == POINT_SHOWS || p->kind == POINT_BONUS) {
            size_t vl;
            const char *v = second_check(p->text, &vl);
            if (v)
                diags_add(d, f, line,
                          "point of '%s' holds several checks ('... %.*s ...'): split it into "
                          "one point per check, so partial credit is clear",
                          id, (int)vl, v);
        }
        if (scored) {
            for (size_t k = 0; k < sizeof vague_phrases / sizeof vague_phrases[0]; k++)
                if (find_ci(p->text, vague_phrases[k])) {
                    diags_add(d, f, line,
                              "vague point in '%s' ('%s'): say what the candidate says or does "
                              "that an interviewer can hear",
                              id, vague_phrases[k]);
                    break;
                }
        }
        if (scored && q->category == CAT_SCREENING) {
            for (size_t k = 0; k < sizeof disclosure_words / sizeof disclosure_words[0]; k++)
                if (find_ci(p->text, disclosure_words[k])) {
                    diags_add(d, f, line,
                              "screening point of '%s' scores a disclosure ('%s'): a candidate "
                              "may keep it to themselves; score only what the role needs",
                              id, disclosure_words[k]);
                    break;
                }
        }
    }
    if (!ngrades) {
        diags_add(d, f, q->line,
                  "question '%s' has no '### Grades': add four items, '- 1: ...' to '- 4: ...', "
                  "each what an answer of that grade says",
                  id);
    } else {
        for (int g = 1; g <= 4; g++)
            if (grades[g] != 1)
                diags_add(d, f, q->line,
                          "question '%s': grade %d is given %d times under '### Grades' "
                          "(expected once each, 1 to 4)",
                          id, g, grades[g]);
    }
    if (q->level_min < q->level_max) {
        if (!nlevels)
            diags_add(d, f, q->line,
                      "question '%s' spans %s to %s but has no '### By level': add one item per "
                      "level ('- %s: ...') saying what that level must show",
                      id, level_name(q->level_min), level_name(q->level_max),
                      level_name(q->level_min));
        else
            for (int l = q->level_min; l <= q->level_max; l++)
                if (levels[l] != 1)
                    diags_add(d, f, q->line,
                              "question '%s': level %s is given %d times under '### By level' "
                              "(expected once)",
                              id, level_name(l), levels[l]);
    } else if (nlevels) {
        diags_add(d, f, q->line,
                  "question '%s' is for one level only: drop its '### By level' or widen its "
                  "level",
                  id);
    }
}

void
bank_check_skills(const struct bank *b, bool (*known)(const char *name, void *ctx), void *ctx,
                  struct diags *d)
{
    for (size_t i = 0; i < b->nqs; i++) {
        const struct question *q = &b->qs[i];
        for (size_t k = 0; k < q->nskills; k++)
            if (!known(q->skills[k], ctx))
                diags_add(d, q->file, q->line,
                          "question '%s': unknown skill '%s' in skills (use a canonical name "
                          "from data/skills/*.txt: 'rubric skills list')",
                          q->id, q->skills[k]);
        if (q->track && !q->nskills)
            diags_add(d, q->file, q->line,
                      "question '%s' of track '%s' has no '- skills:' line: name the skills it "
                      "is about",
                      q->id, q->track);
    }
}

/* Word 3-shingles of folded text, as sorted unique hashes. */
struct shingles {
    uint64_t *h;
    size_t n, cap;
    /* the last three words while scanning */
    char *w[3];
    size_t nw;
};

static int
shingle_word(const char *word, size_t len, void *ctx)
{
    struct shingles *s = ctx;
    free(s->w[0]);
    s->w[0] = s->w[1];
    s->w[1] = s->w[2];
    s->w[2] = xstrndup(word, len);
    s->nw++;
    if (s->nw >= 3) {
        uint64_t h = text_hash(s->w[0], strlen(s->w[0]));
        h = h * 31 + text_hash(s->w[1], strlen(s->w[1]));
        h = h * 31 + text_hash(s->w[2], strlen(s->w[2]));
        xgrow(&s->h, &s->cap, s->n + 1, sizeof *s->h);
        s->h[s->n++] = h;
    }
    return 0;
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void
shingles_of(const char *text, size_t len, struct shingles *s)
{
    char *folded = text_fold(text, len);
    size_t j = 0;

    memset(s, 0, sizeof *s);
    text_words(folded, strlen(folded), shingle_word, s);
    if (s->nw > 0 && s->nw < 3) {
        /* too short for a shingle: the whole text is one */
        xgrow(&s->h, &s->cap, 1, sizeof *s->h);
        s->h[s->n++] = text_hash(folded, strlen(folded));
    }
    for (int i = 0; i < 3; i++)
        free(s->w[i]);
    free(folded);
    if (!s->n)
        return;
    qsort(s->h, s->n, sizeof *s->h, cmp_u64);
    for (size_t i = 1; i < s->n; i++)
        if (s->h[i] != s->h[j])
            s->h[++j] = s->h[i];
    s->n = j + 1;
}

double
bank_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
    struct shingles x, y;
    size_t i = 0, j = 0, inter = 0;
    double r;

    shingles_of(a, alen, &x);
    shingles_of(b, blen, &y);
    while (i < x.n && j < y.n) {
        if (x.h[i] == y.h[j]) {
            inter++;
            i++;
            j++;
        } else if (x.h[i] < y.h[j]) {
            i++;
        } else {
            j++;
        }
    }
    r = x.n + y.n - inter ? (double)inter / (double)(x.n + y.n - inter) : 0.0;
    free(x.h);
    free(y.h);
    return r;
}

struct posting {
    uint64_t h;
    uint32_t q;
};

static int
cmp_posting(const void *a, const void *b)
{
    const struct posting *x = a, *y = b;
    if (x->h != y->h)
        return (x->h > y->h) - (x->h < y->h);
    return (x->q > y->q) - (x->q < y->q);
}

/* Pairs of questions with shared shingles, counted in an open-addressing table. */
struct pairs {
    uint64_t *keys;
    uint32_t *counts;
    size_t cap, n;
};

static void
pairs_add(struct pairs *p, uint64_t key)
{
    size_t i;
    if ((p->n + 1) * 2 > p->cap) {
        struct pairs old = *p;
        p->cap = p->cap ? p->cap * 2 : 1024;
        p->keys = xcalloc(p->cap, sizeof *p->keys);
        p->counts = xcalloc(p->cap, sizeof *p->counts);
        p->n = 0;
        for (size_t k = 0; k < old.cap; k++) {
            if (!old.keys[k])
                continue;
            i = (size_t)(old.keys[k] * 0x9E3779B97F4A7C15ULL) & (p->cap - 1);
            while (p->keys[i])
                i = (i + 1) & (p->cap - 1);
            p->keys[i] = old.keys[k];
            p->counts[i] = old.counts[k];
            p->n++;
        }
        free(old.keys);
        free(old.counts);
    }
    i = (size_t)(key * 0x9E3779B97F4A7C15ULL) & (p->cap - 1);
    while (p->keys[i] && p->keys[i] != key)
        i = (i + 1) & (p->cap - 1);
    if (!p->keys[i]) {
        p->keys[i] = key;
        p->n++;
    }
    p->counts[i]++;
}

/* A shingle shared by more questions than this is a stock phrase, not evidence. */
#define COMMON_SHINGLE 50

static void
check_near_duplicates(const struct bank *b, struct diags *d)
{
    struct posting *all = NULL;
    size_t nall = 0, cap = 0;
    size_t *sizes = xcalloc(b->nqs ? b->nqs : 1, sizeof *sizes);
    struct pairs pairs = {0};

    for (size_t q = 0; q < b->nqs; q++) {
        struct shingles s;
        shingles_of(b->qs[q].text, strlen(b->qs[q].text), &s);
        sizes[q] = s.n;
        xgrow(&all, &cap, nall + s.n, sizeof *all);
        for (size_t i = 0; i < s.n; i++) {
            all[nall].h = s.h[i];
            all[nall].q = (uint32_t)q;
            nall++;
        }
        free(s.h);
    }
    if (nall)
        qsort(all, nall, sizeof *all, cmp_posting);
    for (size_t i = 0; i < nall;) {
        size_t j = i;
        while (j < nall && all[j].h == all[i].h)
            j++;
        if (j - i > 1 && j - i <= COMMON_SHINGLE)
            for (size_t x = i; x < j; x++)
                for (size_t y = x + 1; y < j; y++)
                    pairs_add(&pairs, ((uint64_t)all[x].q << 32) | all[y].q);
        i = j;
    }
    for (size_t k = 0; k < pairs.cap; k++) {
        uint32_t a, c;
        double sim;
        const struct question *qa, *qb;
        if (!pairs.keys[k])
            continue;
        a = (uint32_t)(pairs.keys[k] >> 32);
        c = (uint32_t)pairs.keys[k];
        sim = (double)pairs.counts[k] / (double)(sizes[a] + sizes[c] - pairs.counts[k]);
        if (sim <= BANK_NEAR_DUP)
            continue;
        qa = &b->qs[a];
        qb = &b->qs[c];
        diags_add(d, qb->file, qb->line,
                  "question '%s' is nearly the same as '%s' (%s:%d): %.0f%% of their word "
                  "triples are shared",
                  qb->id, qa->id, qa->file ? qa->file : "store", qa->line, sim * 100);
    }
    free(pairs.keys);
    free(pairs.counts);
    free(all);
    free(sizes);
}

static int
cmp_qid(const void *a, const void *b)
{
    const struct question *x = *(const struct question *const *)a;
    const struct question *y = *(const struct question *const *)b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x > y) - (x < y);
}

void
bank_check(const struct bank *b, int strict, struct diags *d)
{
    /* competencies defined once */
    for (size_t i = 0; i < b->ncomps; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(b->comps[i].id, b->comps[j].id) == 0) {
                diags_add(d, b->comp_files[i], b->comp_lines[i],
                          "competency '%s' is already defined in %s:%d", b->comps[i].id,
                          b->comp_files[j] ? b->comp_files[j] : "store", b->comp_lines[j]);
                break;
            }
    for (size_t i = 0; i < b->nqs; i++) {
        const struct question *q = &b->qs[i];
        question_check(q, strict, d);
        if (strict)
            question_check_editorial(q, d);
        for (size_t c = 0; c < q->ncompetencies; c++)
            if (!bank_competency(b, q->competencies[c]))
                diags_add(d, q->file, q->line,
                          "question '%s': unknown competency '%s' in %s (no bank file "
                          "defines it)",
                          q->id, q->competencies[c], c ? "also" : "competency");
    }
    /* duplicate ids: sort pointers by id, then by position so the first stays first */
    {
        const struct question **v = xcalloc(b->nqs ? b->nqs : 1, sizeof(void *));
        for (size_t i = 0; i < b->nqs; i++)
            v[i] = &b->qs[i];
        qsort(v, b->nqs, sizeof(void *), cmp_qid);
        for (size_t i = 1; i < b->nqs; i++)
            if (v[i]->id[0] && strcmp(v[i - 1]->id, v[i]->id) == 0)
                diags_add(d, v[i]->file, v[i]->line, "duplicate id '%s' (also at %s:%d)", v[i]->id,
                          v[i - 1]->file ? v[i - 1]->file : "store", v[i - 1]->line);
        free(v);
    }
    check_near_duplicates(b, d);
}
