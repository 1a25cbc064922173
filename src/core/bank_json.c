/* SPDX-License-Identifier: MIT */
/* Questions, search hits, stats and whole banks to JSON and back. */
#include "core/bank_json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

static json_t *
str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *
levels_json(int min, int max)
{
    char range[32];
    json_t *o = json_object();
    level_range_format(min, max, range, sizeof range);
    json_object_set_new(o, "level", json_string(range));
    json_object_set_new(o, "level_min", json_string(level_name(min)));
    json_object_set_new(o, "level_max", json_string(level_name(max)));
    return o;
}

static json_t *
points_json(const struct point *pts, size_t n)
{
    json_t *points = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_object(), *c = json_array();
        json_object_set_new(p, "kind", json_string(point_kind_name(pts[i].kind)));
        if (pts[i].kind == POINT_GRADE)
            json_object_set_new(p, "grade", json_integer(pts[i].tag));
        else if (pts[i].kind == POINT_BY_LEVEL)
            json_object_set_new(p, "level", json_string(level_name(pts[i].tag)));
        json_object_set_new(p, "text", json_string(pts[i].text));
        for (size_t j = 0; j < pts[i].nconcepts; j++)
            json_array_append_new(c, json_string(pts[i].concepts[j]));
        json_object_set_new(p, "concepts", c);
        json_array_append_new(points, p);
    }
    return points;
}

json_t *
question_to_json(const struct question *q)
{
    json_t *o = json_object(), *comps = json_array();
    json_t *lv = levels_json(q->level_min, q->level_max);

    json_object_set_new(o, "id", json_string(q->id));
    json_object_set_new(o, "title", json_string(q->title));
    json_object_set_new(o, "text", json_string(q->text));
    json_object_set_new(o, "category", json_string(category_name(q->category)));
    json_object_update(o, lv);
    json_decref(lv);
    json_object_set_new(o, "minutes", json_integer(q->minutes));
    for (size_t i = 0; i < q->ncompetencies; i++)
        json_array_append_new(comps, json_string(q->competencies[i]));
    json_object_set_new(o, "competencies", comps);
    json_object_set_new(o, "points", points_json(q->points, q->npoints));
    json_object_set_new(o, "source", str_or_null(q->source));
    json_object_set_new(o, "topic", str_or_null(q->topic));
    {
        json_t *sk = json_array();
        for (size_t i = 0; i < q->nskills; i++)
            json_array_append_new(sk, json_string(q->skills[i]));
        json_object_set_new(o, "skills", sk);
    }
    json_object_set_new(o, "track", str_or_null(q->track));
    return o;
}

json_t *
competency_to_json(const struct competency *c)
{
    return json_pack("{s:s, s:s, s:s}", "id", c->id, "name", c->name, "summary",
                     c->summary ? c->summary : "");
}

char *
snippet_mark(const char *snippet, const char *open, const char *close)
{
    struct buf b;
    buf_init(&b, strlen(snippet) * (1 + strlen(open) + strlen(close)) + 1);
    for (const char *p = snippet; *p; p++) {
        /* "a" and "b" of one phrase, marked apart: mark them as one */
        if (*p == '\x03' && p[1] == ' ' && p[2] == '\x02') {
            buf_putc(&b, ' ');
            p += 2;
            continue;
        }
        if (*p == '\x02')
            buf_puts(&b, open);
        else if (*p == '\x03')
            buf_puts(&b, close);
        else
            buf_putc(&b, *p);
    }
    return buf_take(&b);
}

json_t *
search_hits_to_json(const struct search_hit *hits, size_t n)
{
    json_t *o = json_object(), *a = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct search_hit *h = &hits[i];
        json_t *r = json_object(), *lv = levels_json(h->level_min, h->level_max);
        char *snip = snippet_mark(h->snippet ? h->snippet : "", "**", "**");
        json_object_set_new(r, "id", json_string(h->id));
        json_object_set_new(r, "text", json_string(h->title));
        json_object_set_new(r, "snippet", json_string(snip));
        json_object_set_new(r, "score", json_real(h->score));
        json_object_set_new(r, "category", json_string(category_name(h->category)));
        json_object_update(r, lv);
        json_decref(lv);
        json_object_set_new(r, "minutes", json_integer(h->minutes));
        json_object_set_new(r, "competency", str_or_null(h->competency));
        json_array_append_new(a, r);
        free(snip);
    }
    json_object_set_new(o, "results", a);
    json_object_set_new(o, "count", json_integer((json_int_t)n));
    return o;
}

static json_t *
by_level_json(const size_t *by_level)
{
    json_t *o = json_object();
    for (int l = LEVEL_JUNIOR; l <= LEVEL_MAX; l++)
        json_object_set_new(o, level_name(l), json_integer((json_int_t)by_level[l]));
    return o;
}

static json_t *
by_category_json(const size_t *by_category)
{
    json_t *o = json_object();
    for (int c = 0; c < CAT_COUNT; c++)
        json_object_set_new(o, category_name((enum category)c),
                            json_integer((json_int_t)by_category[c]));
    return o;
}

json_t *
bank_stats_to_json(const struct bank_stats *st)
{
    json_t *o = json_object(), *bc = json_object(), *comps = json_array(), *m = json_object();

    json_object_set_new(o, "questions", json_integer((json_int_t)st->questions));
    json_object_set_new(o, "retired", json_integer((json_int_t)st->retired));
    json_object_set_new(o, "imported", json_integer((json_int_t)st->imported));
    for (size_t i = 0; i < st->ncomps; i++) {
        json_t *c = json_object();
        json_object_set_new(bc, st->comps[i].id, json_integer((json_int_t)st->comps[i].total));
        json_object_set_new(c, "id", json_string(st->comps[i].id));
        json_object_set_new(c, "name", json_string(st->comps[i].name));
        json_object_set_new(c, "questions", json_integer((json_int_t)st->comps[i].total));
        json_object_set_new(c, "by_category", by_category_json(st->comps[i].by_category));
        json_object_set_new(c, "by_level", by_level_json(st->comps[i].by_level));
        json_array_append_new(comps, c);
    }
    json_object_set_new(o, "by_competency", bc);
    json_object_set_new(o, "by_category", by_category_json(st->by_category));
    json_object_set_new(o, "by_level", by_level_json(st->by_level));
    for (int c = 0; c < CAT_COUNT; c++)
        json_object_set_new(m, category_name((enum category)c), by_level_json(st->matrix[c]));
    json_object_set_new(o, "matrix", m);
    json_object_set_new(o, "competencies", comps);
    {
        json_t *tracks = json_array();
        for (size_t i = 0; i < st->ntracks; i++)
            json_array_append_new(tracks,
                                  json_pack("{s:s, s:I, s:o}", "track", st->tracks[i].track,
                                            "questions", (json_int_t)st->tracks[i].total,
                                            "by_level", by_level_json(st->tracks[i].by_level)));
        json_object_set_new(o, "tracks", tracks);
    }
    return o;
}

json_t *
bank_to_json(const struct bank *b)
{
    json_t *o = json_object(), *comps = json_array(), *qs = json_array(), *syns = json_array();
    for (size_t i = 0; i < b->ncomps; i++)
        json_array_append_new(comps, competency_to_json(&b->comps[i]));
    for (size_t i = 0; i < b->nqs; i++)
        json_array_append_new(qs, question_to_json(&b->qs[i]));
    for (size_t i = 0; i < b->nsyns; i++) {
        json_t *alts = json_array();
        for (size_t j = 0; j < b->syns[i].nalts; j++)
            json_array_append_new(alts, json_string(b->syns[i].alts[j]));
        json_array_append_new(
            syns, json_pack("{s:s, s:o}", "concept", b->syns[i].concept, "alternatives", alts));
    }
    json_object_set_new(o, "format", json_string("rubric-bank"));
    json_object_set_new(o, "version", json_integer(1));
    json_object_set_new(o, "competencies", comps);
    json_object_set_new(o, "questions", qs);
    json_object_set_new(o, "synonyms", syns);
    return o;
}

/* ---- reading an export back --------------------------------------------------------- */

struct reader {
    const char *file;
    struct diags *d;
    char path[160];
};

/* A required string member; NULL (and a problem recorded) when missing or not a string. */
static const char *
get_str(struct reader *r, json_t *o, const char *key, int optional)
{
    json_t *v = json_object_get(o, key);
    if ((!v || json_is_null(v)) && optional)
        return NULL;
    if (!json_is_string(v)) {
        diags_add(r->d, r->file, 0, "%s.%s: expected a string", r->path, key);
        return NULL;
    }
    return json_string_value(v);
}

static char **
get_strv(struct reader *r, json_t *o, const char *key, size_t *n)
{
    json_t *a = json_object_get(o, key), *v;
    size_t i;
    char **out;

    *n = 0;
    if (!json_is_array(a)) {
        diags_add(r->d, r->file, 0, "%s.%s: expected an array of strings", r->path, key);
        return NULL;
    }
    out = xcalloc(json_array_size(a) + 1, sizeof *out);
    json_array_foreach(a, i, v)
    {
        if (!json_is_string(v)) {
            diags_add(r->d, r->file, 0, "%s.%s[%zu]: expected a string", r->path, key, i);
            continue;
        }
        out[(*n)++] = xstrdup(json_string_value(v));
    }
    return out;
}

static void
read_question(struct reader *r, struct bank *b, json_t *o)
{
    struct question q;
    const char *s;
    json_t *pts, *p, *m;
    size_t i;

    memset(&q, 0, sizeof q);
    if (!json_is_object(o)) {
        diags_add(r->d, r->file, 0, "%s: expected an object", r->path);
        return;
    }
    if ((s = get_str(r, o, "id", 0)))
        q.id = xstrdup(s);
    q.title = xstrdup((s = get_str(r, o, "title", 0)) ? s : "");
    q.text = xstrdup((s = get_str(r, o, "text", 0)) ? s : "");
    if ((s = get_str(r, o, "category", 0))) {
        int c = category_parse(s, strlen(s));
        if (c < 0)
            diags_add(r->d, r->file, 0, "%s.category: unknown category '%s'", r->path, s);
        q.category = c < 0 ? CAT_TECHNICAL : (enum category)c;
    }
    if ((s = get_str(r, o, "level", 0)) &&
        !level_range_parse(s, strlen(s), &q.level_min, &q.level_max))
        diags_add(r->d, r->file, 0, "%s.level: bad level '%s'", r->path, s);
    m = json_object_get(o, "minutes");
    if (!json_is_integer(m))
        diags_add(r->d, r->file, 0, "%s.minutes: expected a whole number", r->path);
    else
        q.minutes = (int)json_integer_value(m);
    q.competencies = get_strv(r, o, "competencies", &q.ncompetencies);
    if ((s = get_str(r, o, "source", 1)))
        q.source = xstrdup(s);
    if ((s = get_str(r, o, "topic", 1)))
        q.topic = xstrdup(s);
    if ((s = get_str(r, o, "track", 1)))
        q.track = xstrdup(s);
    if (json_object_get(o, "skills"))
        q.skills = get_strv(r, o, "skills", &q.nskills);
    pts = json_object_get(o, "points");
    if (!json_is_array(pts)) {
        diags_add(r->d, r->file, 0, "%s.points: expected an array", r->path);
    } else {
        char base[160];
        memcpy(base, r->path, sizeof base);
        q.points = xcalloc(json_array_size(pts) + 1, sizeof *q.points);
        json_array_foreach(pts, i, p)
        {
            struct point *pt = &q.points[q.npoints];
            int k;
            snprintf(r->path, sizeof r->path, "%.100s.points[%zu]", base, i);
            if (!json_is_object(p) || !(s = get_str(r, p, "kind", 0)) ||
                (k = point_kind_parse(s, strlen(s))) < 0) {
                diags_add(r->d, r->file, 0, "%s: expected an object with a known kind", r->path);
                continue;
            }
            pt->kind = (enum point_kind)k;
            pt->tag = point_tag_from_json((enum point_kind)k, p);
            if (point_kind_tagged(pt->kind) && !pt->tag)
                diags_add(r->d, r->file, 0, "%s: a %s needs %s", r->path, s,
                          k == POINT_GRADE ? "\"grade\": 1 to 4"
                                           : "\"level\": junior, mid, senior or architect");
            pt->text = xstrdup((s = get_str(r, p, "text", 0)) ? s : "");
            pt->concepts = get_strv(r, p, "concepts", &pt->nconcepts);
            q.npoints++;
        }
        memcpy(r->path, base, sizeof base);
    }
    q.file = xstrdup(r->file);
    if (q.id && question_id_valid(q.id, strlen(q.id)))
        bank_add_question_take(b, &q);
    else {
        diags_add(r->d, r->file, 0, "%s.id: missing or bad id", r->path);
        question_cleanup(&q);
    }
}

void
bank_json_read_question(struct bank *b, const char *file, json_t *o, struct diags *d)
{
    struct reader r = {file, d, "question"};
    read_question(&r, b, o);
}

void
bank_from_json(struct bank *b, const char *file, const char *data, size_t len, struct diags *d)
{
    json_error_t err;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err), *a, *v;
    struct reader r = {file, d, ""};
    size_t i;

    if (!root) {
        diags_add(d, file, err.line, "not valid JSON: %s", err.text);
        return;
    }
    if (!json_is_object(root) || !json_is_string(json_object_get(root, "format")) ||
        strcmp(json_string_value(json_object_get(root, "format")), "rubric-bank") != 0) {
        diags_add(d, file, 0, "not a Rubric bank export (no \"format\": \"rubric-bank\")");
        goto out;
    }
    a = json_object_get(root, "competencies");
    json_array_foreach(a, i, v)
    {
        const char *id, *name, *summary;
        snprintf(r.path, sizeof r.path, "competencies[%zu]", i);
        id = get_str(&r, v, "id", 0);
        name = get_str(&r, v, "name", 0);
        summary = get_str(&r, v, "summary", 1);
        if (id && name)
            bank_add_competency(b, id, name, summary, file, 0);
    }
    a = json_object_get(root, "questions");
    json_array_foreach(a, i, v)
    {
        snprintf(r.path, sizeof r.path, "questions[%zu]", i);
        read_question(&r, b, v);
    }
    a = json_object_get(root, "synonyms");
    json_array_foreach(a, i, v)
    {
        struct synonym syn = {0};
        const char *c;
        snprintf(r.path, sizeof r.path, "synonyms[%zu]", i);
        if (!(c = get_str(&r, v, "concept", 0)))
            continue;
        syn.alts = get_strv(&r, v, "alternatives", &syn.nalts);
        syn.concept = xstrdup(c);
        syn.file = xstrdup(file);
        xgrow(&b->syns, &b->capsyns, b->nsyns + 1, sizeof *b->syns);
        b->syns[b->nsyns++] = syn;
    }
out:
    json_decref(root);
}
