/* SPDX-License-Identifier: MIT */
/* Bank files from the model. Multi-line text keeps its lines; list items are indented so
 * that their continuation lines stay inside the item. */
#include "core/bank_md.h"

#include <stdbool.h>
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

/* One question; its primary competency is written only when it is not the file's. */
static void
write_question(const struct question *q, const char *file_comp, struct buf *out)
{
    char range[32];
    int last = -1;

    level_range_format(q->level_min, q->level_max, range, sizeof range);
    buf_printf(out, "\n## %s\n\n- id: %s\n- category: %s\n- level: %s\n- minutes: %d\n", q->title,
               q->id, category_name(q->category), range, q->minutes);
    if (q->ncompetencies && strcmp(q->competencies[0], file_comp) != 0)
        buf_printf(out, "- competency: %s\n", q->competencies[0]);
    {
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
        if (q->nskills) {
            buf_puts(out, "- skills: ");
            for (size_t k = 0; k < q->nskills; k++)
                buf_printf(out, "%s%s", k ? ", " : "", q->skills[k]);
            buf_putc(out, '\n');
        }
        buf_printf(out, "\n%s\n", q->text);
        for (size_t k = 0; k < q->npoints; k++) {
            const struct point *p = &q->points[k];
            if ((int)p->kind != last) {
                buf_printf(out, "\n### %s\n\n", point_kind_heading(p->kind));
                last = (int)p->kind;
            }
            buf_puts(out, "- ");
            if (p->kind == POINT_GRADE)
                buf_printf(out, "%d: ", p->tag);
            else if (p->kind == POINT_BY_LEVEL)
                buf_printf(out, "%s: ", level_name(p->tag));
            put_indented(out, p->text, 2);
            buf_putc(out, '\n');
        }
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
        /* a track's questions go to its own file */
        if (q->track || !q->ncompetencies || strcmp(q->competencies[0], c->id) != 0)
            continue;
        write_question(q, c->id, out);
    }
    return out->len < out->max ? RB_OK : RB_ETOOBIG;
}

enum rb_err
bank_write_md_track(const struct bank *b, const char *track, struct buf *out)
{
    const char *comp = NULL;
    const struct competency *c;

    /* the file's competency: its first question's */
    for (size_t i = 0; i < b->nqs && !comp; i++)
        if (b->qs[i].track && strcmp(b->qs[i].track, track) == 0 && b->qs[i].ncompetencies)
            comp = b->qs[i].competencies[0];
    if (!comp)
        comp = "languages-runtimes";
    c = bank_competency(b, comp);
    buf_puts(out, "<!-- SPDX-License-Identifier: MIT -->\n");
    buf_printf(out, "# Stack: %s\n\n- competency: %s\n- summary: %s\n- track: %s\n", track, comp,
               c && c->summary ? c->summary : "", track);
    for (size_t i = 0; i < b->nqs; i++)
        if (b->qs[i].track && strcmp(b->qs[i].track, track) == 0)
            write_question(&b->qs[i], comp, out);
    return out->len < out->max ? RB_OK : RB_ETOOBIG;
}

size_t
bank_tracks(const struct bank *b, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < b->nqs; i++) {
        bool seen = false;
        if (!b->qs[i].track)
            continue;
        for (size_t j = 0; j < n && !seen; j++)
            seen = strcmp(out[j], b->qs[i].track) == 0;
        if (!seen && n < max)
            out[n++] = b->qs[i].track;
    }
    return n;
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
