/* SPDX-License-Identifier: MIT */
/* Bank files from the model. Multi-line text keeps its lines; list items are indented so
 * that their continuation lines stay inside the item. */
#include "core/bank_md.h"

#include <string.h>

/* Appends text with every line after the first indented by indent spaces. */
static void
put_indented(struct buf *out, const char *text, int indent)
{
    for (const char *p = text; *p; p++) {
        buf_putc(out, *p);
        if (*p == '\n' && p[1] != '\n' && p[1])
            buf_printf(out, "%*s", indent, "");
    }
}

enum rb_err
bank_write_md(const struct bank *b, const struct competency *c, struct buf *out)
{
    buf_puts(out, "<!-- SPDX-License-Identifier: MIT -->\n");
    buf_printf(out, "# %s\n\n- competency: %s\n- summary: %s\n", c->name, c->id,
               c->summary ? c->summary : "");
    for (size_t i = 0; i < b->nqs; i++) {
        const struct question *q = &b->qs[i];
        char range[32];
        int last = -1;

        if (!q->ncompetencies || strcmp(q->competencies[0], c->id) != 0)
            continue;
        level_range_format(q->level_min, q->level_max, range, sizeof range);
        buf_printf(out, "\n## %s\n\n- id: %s\n- category: %s\n- level: %s\n- minutes: %d\n",
                   q->title, q->id, category_name(q->category), range, q->minutes);
        if (q->ncompetencies > 1) {
            buf_puts(out, "- also: ");
            for (size_t k = 1; k < q->ncompetencies; k++)
                buf_printf(out, "%s%s", k > 1 ? ", " : "", q->competencies[k]);
            buf_putc(out, '\n');
        }
        if (q->source)
            buf_printf(out, "- source: %s\n", q->source);
        if (q->topic)
            buf_printf(out, "- topic: %s\n", q->topic);
        buf_printf(out, "\n%s\n", q->text);
        for (size_t k = 0; k < q->npoints; k++) {
            const struct point *p = &q->points[k];
            if ((int)p->kind != last) {
                buf_printf(out, "\n### %s\n\n", point_kind_heading(p->kind));
                last = (int)p->kind;
            }
            buf_puts(out, "- ");
            put_indented(out, p->text, 2);
            buf_putc(out, '\n');
        }
    }
    return out->len < out->max ? RB_OK : RB_ETOOBIG;
}

enum rb_err
bank_write_synonyms(const struct bank *b, struct buf *out)
{
    buf_puts(out, "# SPDX-License-Identifier: MIT\n"
                  "# Key-concept synonyms for practice feedback: concept = synonym, synonym\n");
    for (size_t i = 0; i < b->nsyns; i++) {
        buf_printf(out, "%s =", b->syns[i].concept);
        for (size_t j = 0; j < b->syns[i].nalts; j++)
            buf_printf(out, "%s %s", j ? "," : "", b->syns[i].alts[j]);
        buf_putc(out, '\n');
    }
    return out->len < out->max ? RB_OK : RB_ETOOBIG;
}
