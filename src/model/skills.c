/* SPDX-License-Identifier: MIT */
/* Taxonomy files: a line a skill, checked for the mistakes that would make a scanner match
 * the wrong skill (names defined twice, an alias shared by two skills). */
#include "model/skills.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/embed.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/text.h"

#define AMBIGUOUS_TAG "[ambiguous]"

void
skills_init(struct skills *s)
{
    memset(s, 0, sizeof *s);
}

void
skills_cleanup(struct skills *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].name);
        free(s->v[i].category);
        for (size_t j = 0; j < s->v[i].naliases; j++)
            free(s->v[i].aliases[j]);
        free(s->v[i].aliases);
        free(s->v[i].file);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}

static bool
has_upper(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (t[i] >= 'A' && t[i] <= 'Z')
            return true;
    return false;
}

void
skills_parse(struct skills *s, const char *file, const char *data, size_t len, struct diags *d)
{
    size_t bad, i = 0;
    int line = 0;
    char *category = NULL;

    if (!text_utf8_valid(data, len, &bad)) {
        diags_add(d, file, text_line_at(data, bad), "not valid UTF-8 (byte %zu)", bad);
        return;
    }
    while (i < len) {
        size_t e = i, n, nl;
        const char *t, *eq, *name;
        struct skill k;
        size_t cap = 0;

        while (e < len && data[e] != '\n')
            e++;
        line++;
        n = e - i;
        t = text_trim(data + i, &n);
        i = e + 1;
        if (!n)
            continue;
        if (t[0] == '#') {
            static const char key[] = "category:";
            const char *c = t + 1;
            size_t cn = n - 1;
            c = text_trim(c, &cn);
            if (cn > sizeof key - 1 && strncmp(c, key, sizeof key - 1) == 0) {
                const char *v = c + sizeof key - 1;
                size_t vn = cn - (sizeof key - 1);
                v = text_trim(v, &vn);
                free(category);
                category = xstrndup(v, vn);
            }
            continue;
        }
        eq = memchr(t, '=', n);
        if (!eq) {
            diags_add(d, file, line, "expected 'canonical = alias, alias, ...'");
            continue;
        }
        memset(&k, 0, sizeof k);
        nl = (size_t)(eq - t);
        name = text_trim(t, &nl);
        if (nl > strlen(AMBIGUOUS_TAG) &&
            strncmp(name + nl - strlen(AMBIGUOUS_TAG), AMBIGUOUS_TAG, strlen(AMBIGUOUS_TAG)) == 0) {
            k.ambiguous = true;
            nl -= strlen(AMBIGUOUS_TAG);
            name = text_trim(name, &nl);
        } else if (memchr(name, '[', nl)) {
            diags_add(d, file, line, "unknown tag in '%.*s' (the only tag is %s)", (int)nl, name,
                      AMBIGUOUS_TAG);
            continue;
        }
        if (!nl || nl > 60) {
            diags_add(d, file, line, "a skill name is 1 to 60 characters");
            continue;
        }
        if (has_upper(name, nl)) {
            diags_add(d, file, line, "'%.*s': write skill names in lowercase", (int)nl, name);
            continue;
        }
        k.name = xstrndup(name, nl);
        for (const char *p = eq + 1; p < t + n;) {
            const char *q = memchr(p, ',', (size_t)(t + n - p));
            size_t al;
            const char *a;
            if (!q)
                q = t + n;
            al = (size_t)(q - p);
            a = text_trim(p, &al);
            if (al && has_upper(a, al))
                diags_add(d, file, line, "alias '%.*s': write aliases in lowercase", (int)al, a);
            else if (al && al == nl && strncmp(a, name, nl) == 0)
                diags_add(d, file, line, "alias '%.*s' repeats the skill's own name", (int)al, a);
            else if (al) {
                xgrow(&k.aliases, &cap, k.naliases + 1, sizeof *k.aliases);
                k.aliases[k.naliases++] = xstrndup(a, al);
            }
            p = q + 1;
        }
        if (!category)
            diags_add(d, file, line, "no '# category: ID' line before the first skill");
        k.category = xstrdup(category ? category : "");
        k.file = xstrdup(file);
        k.line = line;
        xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
        s->v[s->n++] = k;
    }
    free(category);
}

static void
parse_file(void *ctx, const char *name, const char *data, size_t len, struct diags *d)
{
    skills_parse(ctx, name, data, len, d);
}

enum rb_err
skills_read_dir(struct skills *s, const char *dir, struct diags *d, char *errmsg)
{
    return fs_each_text(dir, ".txt", SKILLS_FILE_MAX, parse_file, s, d, errmsg);
}

void
skills_read_builtin(struct skills *s, struct diags *d)
{
    embed_each("skills/", ".txt", parse_file, s, d);
}

/* A name or alias and where it is, for finding collisions by sorting. */
struct term {
    const char *text;
    const struct skill *skill;
    bool alias;
};

static int
cmp_term(const void *a, const void *b)
{
    const struct term *x = a, *y = b;
    int c = strcmp(x->text, y->text);
    if (c)
        return c;
    /* canonical names first, then in file order */
    if (x->alias != y->alias)
        return x->alias ? 1 : -1;
    return (x->skill > y->skill) - (x->skill < y->skill);
}

void
skills_check(const struct skills *s, struct diags *d)
{
    size_t n = 0, cap = 0;
    struct term *t = NULL;

    for (size_t i = 0; i < s->n; i++) {
        xgrow(&t, &cap, n + 1 + s->v[i].naliases, sizeof *t);
        t[n++] = (struct term){s->v[i].name, &s->v[i], false};
        for (size_t j = 0; j < s->v[i].naliases; j++)
            t[n++] = (struct term){s->v[i].aliases[j], &s->v[i], true};
    }
    if (n)
        qsort(t, n, sizeof *t, cmp_term);
    for (size_t i = 1; i < n; i++) {
        const struct term *a = &t[i - 1], *b = &t[i];
        if (strcmp(a->text, b->text) != 0 || a->skill == b->skill)
            continue;
        if (!a->alias && !b->alias)
            diags_add(d, b->skill->file, b->skill->line, "skill '%s' is already defined at %s:%d",
                      b->text, a->skill->file, a->skill->line);
        else
            diags_add(d, b->skill->file, b->skill->line,
                      "'%s' would match two skills: %s here and %s (%s:%d)", b->text,
                      b->skill->name, a->skill->name, a->skill->file, a->skill->line);
    }
    free(t);
}

const struct skill *
skills_find(const struct skills *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].name, name) == 0)
            return &s->v[i];
    return NULL;
}

const struct skill *
skills_lookup(const struct skills *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++) {
        if (strcasecmp(s->v[i].name, name) == 0)
            return &s->v[i];
        for (size_t j = 0; j < s->v[i].naliases; j++)
            if (strcasecmp(s->v[i].aliases[j], name) == 0)
                return &s->v[i];
    }
    return NULL;
}
