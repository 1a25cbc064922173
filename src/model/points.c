/* SPDX-License-Identifier: MIT */
/* A question's points as the JSON text the store keeps (model/question.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/question.h"
#include "util/buf.h"
#include "util/mem.h"

int
point_tag_from_json(enum point_kind kind, json_t *point)
{
    json_t *v;
    if (kind == POINT_GRADE) {
        v = json_object_get(point, "grade");
        return json_is_integer(v) && json_integer_value(v) >= 1 && json_integer_value(v) <= 4
                   ? (int)json_integer_value(v)
                   : 0;
    }
    if (kind == POINT_BY_LEVEL) {
        const char *l = json_string_value(json_object_get(point, "level"));
        return l ? level_parse(l, strlen(l)) : 0;
    }
    return 0;
}

char *
points_to_json_text(const struct point *p, size_t n)
{
    /* Written directly rather than through a jansson tree: a bank load of 100,000
     * questions spent 0.8 s building and freeing those trees. */
    struct buf b;
    buf_init(&b, SIZE_MAX / 2);
    buf_putc(&b, '[');
    for (size_t i = 0; i < n; i++) {
        buf_puts(&b, i ? ",{\"kind\":\"" : "{\"kind\":\"");
        buf_puts(&b, point_kind_name(p[i].kind));
        if (p[i].kind == POINT_GRADE)
            buf_printf(&b, "\",\"grade\":%d", p[i].tag);
        else if (p[i].kind == POINT_BY_LEVEL)
            buf_printf(&b, "\",\"level\":\"%s\"", level_name(p[i].tag));
        else
            buf_putc(&b, '"');
        buf_puts(&b, ",\"text\":");
        buf_json_string(&b, p[i].text);
        buf_puts(&b, ",\"concepts\":[");
        for (size_t j = 0; j < p[i].nconcepts; j++) {
            if (j)
                buf_putc(&b, ',');
            buf_json_string(&b, p[i].concepts[j]);
        }
        buf_puts(&b, "]}");
    }
    buf_putc(&b, ']');
    return buf_take(&b);
}

enum rb_err
points_from_json_text(const char *text, struct point **out, size_t *n)
{
    json_t *a = json_loads(text, 0, NULL), *v;
    struct point *pts;
    size_t i;

    *out = NULL;
    *n = 0;
    if (!json_is_array(a)) {
        json_decref(a);
        return RB_EINVAL;
    }
    pts = xcalloc(json_array_size(a) + 1, sizeof *pts);
    json_array_foreach(a, i, v)
    {
        json_t *c = json_object_get(v, "concepts"), *cv;
        const char *k = json_string_value(json_object_get(v, "kind"));
        const char *t = json_string_value(json_object_get(v, "text"));
        int kind = k ? point_kind_parse(k, strlen(k)) : -1;
        size_t j;
        struct point *p = &pts[*n];
        if (kind < 0 || !t)
            continue;
        p->tag = point_tag_from_json((enum point_kind)kind, v);
        if (point_kind_tagged((enum point_kind)kind) && !p->tag)
            continue;
        p->kind = (enum point_kind)kind;
        p->text = xstrdup(t);
        p->concepts = xcalloc(json_array_size(c) + 1, sizeof *p->concepts);
        json_array_foreach(c, j, cv) if (json_is_string(cv)) p->concepts[p->nconcepts++] =
            xstrdup(json_string_value(cv));
        (*n)++;
    }
    json_decref(a);
    *out = pts;
    return RB_OK;
}
