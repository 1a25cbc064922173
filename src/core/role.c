/* SPDX-License-Identifier: MIT */
/*
 * Role files, walked block by block like bank files (core/bank.c): a field list under the
 * title, the summary, then sections. Problems are recorded with their line; what could be
 * read is kept so that one run reports everything.
 */
#include "core/role.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/md.h"
#include "core/question.h"
#include "model/skills.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/text.h"

/* ---- parsing ------------------------------------------------------------------------ */

enum section { SEC_NONE, SEC_RESP, SEC_COMPS, SEC_MUST, SEC_NICE };

struct rparser {
    const char *file;
    struct diags *d;
    struct md_lines l;
    struct role r;
    size_t capresp, capcomps, capskills;
    enum section sec;
    struct role_competency *comp; /* the competency being read */
    bool seen_fields[7];
};

/* "name: value" split; false when s has no such shape. */
static bool
split(const char *s, const char **name, size_t *nlen, const char **value, size_t *vlen)
{
    const char *colon = strchr(s, ':');
    size_t n;
    if (!colon || colon == s || colon - s > 32)
        return false;
    *name = s;
    *nlen = (size_t)(colon - s);
    n = strlen(colon + 1);
    *value = text_trim(colon + 1, &n);
    *vlen = n;
    return true;
}

static bool
parse_count(const char *v, size_t n, int max, int *out)
{
    int x = 0;
    if (!n || n > 3)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return false;
        x = x * 10 + (v[i] - '0');
    }
    if (x > max)
        return false;
    *out = x;
    return true;
}

static void
header_field(struct rparser *p, const char *s, int line)
{
    static const char *const names[] = {"id",     "level",    "min-years", "min-comparable-years",
                                        "salary", "location", "remote"};
    const char *name, *v;
    size_t nl, vl;
    int f = -1;

    if (!split(s, &name, &nl, &v, &vl)) {
        diags_add(p->d, p->file, line, "expected 'name: value' in the field list");
        return;
    }
    for (int i = 0; i < 7; i++)
        if (strlen(names[i]) == nl && strncmp(names[i], name, nl) == 0)
            f = i;
    if (f >= 0) {
        if (p->seen_fields[f]) {
            diags_add(p->d, p->file, line, "field '%s' given twice", names[f]);
            return;
        }
        p->seen_fields[f] = true;
    }
    switch (f) {
    case 0:
        if (!question_id_valid(v, vl))
            diags_add(p->d, p->file, line, "bad id '%.*s': use 3 to 64 of a-z, 0-9 and '-'",
                      (int)vl, v);
        else
            p->r.id = xstrndup(v, vl);
        return;
    case 1:
        p->r.level = level_parse(v, vl);
        if (!p->r.level)
            diags_add(p->d, p->file, line,
                      "bad level '%.*s' (expected junior, mid, senior or architect)", (int)vl, v);
        return;
    case 2:
    case 3:
        if (!parse_count(v, vl, 50, f == 2 ? &p->r.min_years : &p->r.min_comparable_years))
            diags_add(p->d, p->file, line, "bad %s '%.*s' (expected a whole number, 0 to 50)",
                      names[f], (int)vl, v);
        return;
    case 4:
        p->r.salary = xstrndup(v, vl);
        return;
    case 5:
        p->r.location = xstrndup(v, vl);
        return;
    case 6:
        p->r.remote = xstrndup(v, vl);
        return;
    }
    diags_add(p->d, p->file, line,
              "unknown field '%.*s' (expected id, level, min-years, min-comparable-years, "
              "salary, location or remote)",
              (int)nl, name);
}

static void
competency_item(struct rparser *p, const char *s, int line)
{
    const char *name, *v;
    size_t nl, vl;
    struct role_competency *c = p->comp;

    if (!split(s, &name, &nl, &v, &vl)) {
        diags_add(p->d, p->file, line, "expected 'weight: N' or '1:' to '4:' anchors");
        return;
    }
    if (nl == 6 && strncmp(name, "weight", 6) == 0) {
        if (!parse_count(v, vl, ROLE_WEIGHT_MAX, &c->weight) || c->weight < 1) {
            diags_add(p->d, p->file, line, "bad weight '%.*s' (expected 1 to %d)", (int)vl, v,
                      ROLE_WEIGHT_MAX);
            c->weight = 1;
        }
    } else if (nl == 1 && name[0] >= '1' && name[0] <= '4') {
        int k = name[0] - '1';
        if (c->anchors[k])
            diags_add(p->d, p->file, line, "anchor %c given twice for %s", name[0], c->id);
        else if (!vl)
            diags_add(p->d, p->file, line, "empty anchor %c for %s", name[0], c->id);
        else
            c->anchors[k] = xstrndup(v, vl);
    } else {
        diags_add(p->d, p->file, line, "unknown item '%.*s' (expected weight or 1: to 4:)", (int)nl,
                  name);
    }
}

static void
skill_item(struct rparser *p, const char *s, int line)
{
    const char *name, *v;
    size_t nl, vl;
    struct role_skill *k;
    int w = 0;

    if (!split(s, &name, &nl, &v, &vl) || !parse_count(v, vl, ROLE_WEIGHT_MAX, &w) || w < 1) {
        diags_add(p->d, p->file, line, "expected '- skill: weight' with a weight of 1 to %d",
                  ROLE_WEIGHT_MAX);
        return;
    }
    for (size_t i = 0; i < nl; i++)
        if (name[i] >= 'A' && name[i] <= 'Z') {
            diags_add(p->d, p->file, line, "skill '%.*s': write skill names in lowercase", (int)nl,
                      name);
            return;
        }
    xgrow(&p->r.skills, &p->capskills, p->r.nskills + 1, sizeof *p->r.skills);
    k = &p->r.skills[p->r.nskills++];
    *k = (struct role_skill){
        .name = xstrndup(name, nl), .weight = w, .must = p->sec == SEC_MUST, .line = line};
}

static void
on_list(struct rparser *p, cmark_node *list)
{
    for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it)) {
        char *s = md_item_source(&p->l, it);
        int line = cmark_node_get_start_line(it);
        switch (p->sec) {
        case SEC_NONE:
            header_field(p, s, line);
            break;
        case SEC_RESP:
            xgrow(&p->r.responsibilities, &p->capresp, p->r.nresponsibilities + 1,
                  sizeof *p->r.responsibilities);
            p->r.responsibilities[p->r.nresponsibilities++] = s;
            s = NULL;
            break;
        case SEC_COMPS:
            if (p->comp)
                competency_item(p, s, line);
            else
                diags_add(p->d, p->file, line, "a list before the first '### competency-id'");
            break;
        case SEC_MUST:
        case SEC_NICE:
            skill_item(p, s, line);
            break;
        }
        free(s);
    }
}

static void
on_heading(struct rparser *p, cmark_node *n)
{
    int lv = cmark_node_get_heading_level(n), line = cmark_node_get_start_line(n);
    char *h = md_plain(n);

    if (lv == 1) {
        if (p->r.title)
            diags_add(p->d, p->file, line, "a second level-1 heading: a role file holds one role");
        else
            p->r.title = xstrdup(h);
    } else if (lv == 2) {
        p->comp = NULL;
        if (strcasecmp(h, "Responsibilities") == 0)
            p->sec = SEC_RESP;
        else if (strcasecmp(h, "Competencies") == 0)
            p->sec = SEC_COMPS;
        else if (strcasecmp(h, "Must-have skills") == 0)
            p->sec = SEC_MUST;
        else if (strcasecmp(h, "Nice-to-have skills") == 0)
            p->sec = SEC_NICE;
        else
            diags_add(p->d, p->file, line,
                      "unknown section '%s' (expected Responsibilities, Competencies, Must-have "
                      "skills or Nice-to-have skills)",
                      h);
    } else if (lv == 3 && p->sec == SEC_COMPS) {
        if (!question_id_valid(h, strlen(h))) {
            diags_add(p->d, p->file, line, "bad competency id '%s'", h);
            p->comp = NULL;
        } else {
            xgrow(&p->r.comps, &p->capcomps, p->r.ncomps + 1, sizeof *p->r.comps);
            p->comp = &p->r.comps[p->r.ncomps++];
            memset(p->comp, 0, sizeof *p->comp);
            p->comp->id = xstrdup(h);
            p->comp->line = line;
        }
    } else {
        diags_add(p->d, p->file, line, "unexpected level-%d heading here", lv);
    }
    free(h);
}

void
role_parse(struct role_set *set, const char *file, const char *data, size_t len, struct diags *d)
{
    struct rparser p;
    cmark_node *doc;
    size_t bad;
    struct buf summary;

    if (!text_utf8_valid(data, len, &bad)) {
        diags_add(d, file, text_line_at(data, bad), "not valid UTF-8 (byte %zu)", bad);
        return;
    }
    memset(&p, 0, sizeof p);
    p.file = file;
    p.d = d;
    md_lines_init(&p.l, data, len);
    buf_init(&summary, ROLE_FILE_MAX);
    doc = cmark_parse_document(data, len, CMARK_OPT_DEFAULT);
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_HEADING)
            on_heading(&p, n);
        else if (t == CMARK_NODE_LIST)
            on_list(&p, n);
        else if (t == CMARK_NODE_PARAGRAPH && p.sec == SEC_NONE && p.r.title) {
            char *para = md_block_source(&p.l, n);
            buf_printf(&summary, "%s%s", summary.len ? "\n\n" : "", para);
            free(para);
        } else if (t != CMARK_NODE_HTML_BLOCK) {
            diags_add(d, file, cmark_node_get_start_line(n), "unexpected text here");
        }
    }
    cmark_node_free(doc);
    md_lines_cleanup(&p.l);
    p.r.summary = buf_take(&summary);
    p.r.file = xstrdup(file);
    p.r.line = 1;
    if (!p.r.title)
        diags_add(d, file, 1, "a role file starts with '# Title'");
    if (!p.r.id) {
        if (!p.seen_fields[0])
            diags_add(d, file, 1, "no '- id:' field");
        p.r.id = xstrdup("");
    }
    if (!p.seen_fields[1])
        diags_add(d, file, 1, "no '- level:' field");
    if (!p.seen_fields[2])
        diags_add(d, file, 1, "no '- min-years:' field");
    if (!p.seen_fields[3])
        diags_add(d, file, 1, "no '- min-comparable-years:' field");
    role_set_add_take(set, &p.r);
}

static void
parse_file(void *ctx, const char *name, const char *data, size_t len, struct diags *d)
{
    role_parse(ctx, name, data, len, d);
}

enum rb_err
role_read_dir(struct role_set *set, const char *dir, struct diags *d, char *errmsg)
{
    return fs_each_text(dir, ".md", ROLE_FILE_MAX, parse_file, set, d, errmsg);
}

void
role_read_builtin(struct role_set *set, struct diags *d)
{
    embed_each("roles/", ".md", parse_file, set, d);
}

/* ---- checks ------------------------------------------------------------------------- */

static bool
known_competency(const char *const *known, const char *id)
{
    for (; known && *known; known++)
        if (strcmp(*known, id) == 0)
            return true;
    return false;
}

void
role_check(const struct role_set *set, const char *const *known, const struct skills *taxonomy,
           struct diags *d)
{
    for (size_t i = 0; i < set->n; i++) {
        const struct role *r = &set->v[i];
        const char *f = r->file;
        const char *base = f ? fs_basename(f) : NULL;

        if (r->id[0] && base &&
            (strncmp(base, r->id, strlen(r->id)) != 0 || strcmp(base + strlen(r->id), ".md") != 0))
            diags_add(d, f, 1, "role '%s' should be in a file named %s.md", r->id, r->id);
        for (size_t j = 0; j < i; j++)
            if (r->id[0] && strcmp(set->v[j].id, r->id) == 0)
                diags_add(d, f, 1, "duplicate role id '%s' (also in %s)", r->id,
                          set->v[j].file ? set->v[j].file : "store");
        if (!r->summary || !r->summary[0])
            diags_add(d, f, 1, "role '%s' has no summary paragraph under its fields", r->id);
        if (!r->nresponsibilities)
            diags_add(d, f, 1, "role '%s' has no '## Responsibilities' list", r->id);
        if (!r->ncomps)
            diags_add(d, f, 1, "role '%s' has no '## Competencies'", r->id);
        for (size_t c = 0; c < r->ncomps; c++) {
            const struct role_competency *rc = &r->comps[c];
            if (known && !known_competency(known, rc->id))
                diags_add(d, f, rc->line, "unknown competency '%s' (no bank file defines it)",
                          rc->id);
            if (!rc->weight)
                diags_add(d, f, rc->line, "competency '%s' has no 'weight:'", rc->id);
            for (int k = 0; k < 4; k++)
                if (!rc->anchors[k])
                    diags_add(d, f, rc->line, "competency '%s' has no anchor '%d:'", rc->id, k + 1);
            for (size_t o = 0; o < c; o++)
                if (strcmp(r->comps[o].id, rc->id) == 0)
                    diags_add(d, f, rc->line, "competency '%s' listed twice", rc->id);
        }
        for (size_t k = 0; k < r->nskills && taxonomy; k++) {
            const struct role_skill *sk = &r->skills[k];
            const struct skill *t = skills_lookup(taxonomy, sk->name);
            if (!t)
                diags_add(d, f, sk->line, "unknown skill '%s' (not in the skills taxonomy)",
                          sk->name);
            else if (strcmp(t->name, sk->name) != 0)
                diags_add(d, f, sk->line, "skill '%s': write its canonical name '%s'", sk->name,
                          t->name);
        }
        for (size_t k = 0; k < r->nskills; k++)
            for (size_t o = 0; o < k; o++)
                if (strcmp(r->skills[o].name, r->skills[k].name) == 0)
                    diags_add(d, f, r->skills[k].line, "skill '%s' listed twice%s",
                              r->skills[k].name,
                              r->skills[o].must != r->skills[k].must
                                  ? " (in both must-have and nice-to-have)"
                                  : "");
    }
}
