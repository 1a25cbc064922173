/* SPDX-License-Identifier: MIT */
/*
 * A kit for people: Markdown to read anywhere, and a printable HTML page (print CSS, no
 * external assets, nothing fetched) for the interviewer's desk. Question text and points
 * are Markdown rendered by cmark with raw HTML suppressed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/md.h"
#include "report/kit_render.h"
#include "util/embed.h"

static const struct role_competency *
anchors_of(const struct kit *k, const struct question *q)
{
    return role_competency(&k->role_copy, q->competencies[0]);
}

static const char *const rating_names[4] = {"strong no", "no", "yes", "strong yes"};

/* "3: " before a grade, "senior: " before a by-level item; "" otherwise. */
static void
point_label(const struct point *p, char *out, size_t n)
{
    if (p->kind == POINT_GRADE)
        snprintf(out, n, "%d: ", p->tag);
    else if (p->kind == POINT_BY_LEVEL)
        snprintf(out, n, "%s: ", level_name(p->tag));
    else
        out[0] = '\0';
}

/* The stacks a kit draws from, as one line: "java-spring (java, spring boot): 2 questions". */
static void
stacks_line(const struct kit *k, struct buf *out, enum rb_err (*put)(struct buf *, const char *))
{
    for (size_t i = 0; i < k->nstacks; i++) {
        const struct kit_stack *st = &k->stacks[i];
        buf_puts(out, i ? "; " : "");
        put(out, st->track);
        buf_puts(out, " (");
        for (size_t j = 0; j < st->nskills; j++) {
            buf_puts(out, j ? ", " : "");
            put(out, st->skills[j]);
        }
        buf_printf(out, "): %zu question%s, %d min", st->questions, st->questions == 1 ? "" : "s",
                   st->minutes);
    }
}

/* ---- Markdown ------------------------------------------------------------------------- */

static void
md_points(struct buf *out, const struct question *q, enum point_kind kind, const char *title,
          bool boxes)
{
    bool any = false;
    for (size_t i = 0; i < q->npoints; i++) {
        if (q->points[i].kind != kind)
            continue;
        if (!any)
            buf_printf(out, "\n**%s**\n\n", title);
        any = true;
        buf_puts(out, boxes ? "- [ ] " : "- ");
        {
            char label[24];
            point_label(&q->points[i], label, sizeof label);
            buf_puts(out, label);
        }
        for (const char *p = q->points[i].text; *p; p++) {
            buf_putc(out, *p);
            if (*p == '\n')
                buf_puts(out, boxes ? "      " : "  ");
        }
        buf_putc(out, '\n');
    }
}

void
kit_render_md(const struct kit *k, struct buf *out)
{
    char lv[16];

    level_range_format(k->level, k->level, lv, sizeof lv);
    buf_printf(out, "# Interview kit: %s\n\n", k->role_title);
    buf_printf(out, "%s stage · level %s · %d of %d minutes · %zu questions · seed %llu%s%s\n",
               stage_name(k->stage), lv, k->minutes, k->budget, k->nslots,
               (unsigned long long)k->seed, k->candidate ? " · candidate " : "",
               k->candidate ? k->candidate : "");
    if (k->partial) {
        buf_puts(out, "\n> **Partial kit.** The bank could not fill this request:\n");
        for (size_t i = 0; i < k->nshortfalls; i++)
            if (k->shortfalls[i].minutes > 0)
                buf_printf(out, "> - %s (short by %d minute%s)\n", k->shortfalls[i].reason,
                           k->shortfalls[i].minutes, k->shortfalls[i].minutes == 1 ? "" : "s");
            else
                buf_printf(out, "> - %s\n", k->shortfalls[i].reason);
    }
    for (size_t i = 0; i < k->nslots; i++) {
        const struct kit_slot *s = &k->slots[i];
        const struct question *q = &s->q;
        const struct role_competency *a = anchors_of(k, q);
        char range[32];
        level_range_format(q->level_min, q->level_max, range, sizeof range);
        buf_printf(out, "\n## %zu. %s\n\n", i + 1, q->title);
        buf_printf(out, "`%s` · %s · %s · %s · %d min\n\n%s\n", q->id, q->competencies[0],
                   category_name(q->category), range, q->minutes, q->text);
        if (q->nskills) {
            buf_puts(out, "\nStack: ");
            for (size_t j = 0; j < q->nskills; j++)
                buf_printf(out, "%s%s", j ? ", " : "", q->skills[j]);
            buf_putc(out, '\n');
        }
        md_points(out, q, POINT_SHOWS, "A good answer shows (essential)", true);
        md_points(out, q, POINT_BONUS, "Bonus points", true);
        md_points(out, q, POINT_BY_LEVEL, "By level", false);
        md_points(out, q, POINT_PITFALL, "Pitfalls", false);
        md_points(out, q, POINT_RED_FLAG, "Red flags", false);
        md_points(out, q, POINT_FOLLOW_UP, "Follow-ups", false);
        md_points(out, q, POINT_STAR, "A complete STAR answer", false);
        md_points(out, q, POINT_INTERVIEWER, "Interviewer notes", false);
        md_points(out, q, POINT_GRADE, "Grades for this question", false);
        if (a) {
            buf_printf(out, "\n**Rating anchors: %s**\n\n", a->id);
            for (int r = 0; r < 4; r++)
                buf_printf(out, "- %d (%s): %s\n", r + 1, rating_names[r],
                           a->anchors[r] ? a->anchors[r] : "");
        }
        if (s->nalts) {
            buf_puts(out, "\n**Alternates** (same competency; swapping one in keeps the kit within "
                          "budget):\n\n");
            for (size_t j = 0; j < s->nalts; j++)
                buf_printf(out, "- `%s` %s (%s, %d min)\n", s->alts[j].id, s->alts[j].title,
                           category_name(s->alts[j].category), s->alts[j].minutes);
        }
        buf_puts(out, "\nRating: ☐ 1 ☐ 2 ☐ 3 ☐ 4   Notes:\n");
    }
    buf_puts(out, "\n## Scorecard\n\n| # | Question | Competency | Rating (1-4) | Notes |\n"
                  "|---|---|---|---|---|\n");
    for (size_t i = 0; i < k->nslots; i++)
        buf_printf(out, "| %zu | %s | %s | | |\n", i + 1, k->slots[i].q.id,
                   k->slots[i].q.competencies[0]);
    buf_puts(out, "\nRate each question by its own grades, listed under it.\n");
    buf_puts(out, "\n| Competency | Rating (1-4) | Notes |\n|---|---|---|\n");
    for (size_t c = 0; c < k->ncoverage; c++)
        if (k->coverage[c].questions)
            buf_printf(out, "| %s | | |\n", k->coverage[c].competency);
    buf_puts(out, "\nRecommendation: ☐ strong no ☐ no ☐ yes ☐ strong yes\n");
    buf_puts(out, "\n## Coverage\n\n| Competency | Weight | Target min | Minutes | Questions |\n"
                  "|---|---|---|---|---|\n");
    for (size_t c = 0; c < k->ncoverage; c++) {
        const struct kit_coverage *cv = &k->coverage[c];
        buf_printf(out, "| %s | %d | %.0f | %d | %zu |\n", cv->competency, cv->weight, cv->target,
                   cv->minutes, cv->questions);
    }
    if (k->nstacks) {
        buf_puts(out, "\nStack: ");
        stacks_line(k, out, buf_puts);
        buf_putc(out, '\n');
    }
}

/* ---- HTML ----------------------------------------------------------------------------- */

/* The kit's style sheet, shared with the web app: data/kit/kit.css, embedded. */
static void
put_css(struct buf *out)
{
    const struct embedded_file *f = embed_find("kit/kit.css");
    if (f)
        buf_append(out, (const char *)f->data, f->len);
}

static void
html_md(struct buf *out, const char *md)
{
    char *h = md_to_html(md);
    buf_puts(out, h);
    free(h);
}

static void
html_points(struct buf *out, const struct question *q, enum point_kind kind, const char *title,
            bool check)
{
    bool any = false;
    for (size_t i = 0; i < q->npoints; i++) {
        if (q->points[i].kind != kind)
            continue;
        if (!any)
            buf_printf(out, "<h4>%s</h4><ul%s>", title, check ? " class=\"check\"" : "");
        any = true;
        buf_puts(out, "<li>");
        {
            char label[24];
            point_label(&q->points[i], label, sizeof label);
            if (label[0])
                buf_printf(out, "<b>%s</b>", label);
        }
        html_md(out, q->points[i].text);
        buf_puts(out, "</li>");
    }
    if (any)
        buf_puts(out, "</ul>");
}

void
kit_render_html(const struct kit *k, struct buf *out)
{
    char lv[16];

    level_range_format(k->level, k->level, lv, sizeof lv);
    buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                  "<title>Interview kit: ");
    buf_html(out, k->role_title);
    buf_puts(out, "</title><style>");
    put_css(out);
    buf_puts(out,
             "</style></head><body class=\"kit-page\"><main class=\"kit\">\n<h1>Interview kit: ");
    buf_html(out, k->role_title);
    buf_printf(out,
               "</h1><div class=\"meta\"><span>%s stage</span><span>level %s</span>"
               "<span>%d of %d minutes</span><span>%zu questions</span><span>seed %llu</span>",
               stage_name(k->stage), lv, k->minutes, k->budget, k->nslots,
               (unsigned long long)k->seed);
    if (k->candidate) {
        buf_puts(out, "<span>candidate ");
        buf_html(out, k->candidate);
        buf_puts(out, "</span>");
    }
    buf_puts(out, "<span>Interviewer: ____________________</span></div>\n");
    if (k->partial) {
        buf_puts(out, "<div class=\"partial\"><strong>Partial kit.</strong> The bank could not "
                      "fill this request:<ul>");
        for (size_t i = 0; i < k->nshortfalls; i++) {
            buf_puts(out, "<li>");
            buf_html(out, k->shortfalls[i].reason);
            buf_puts(out, "</li>");
        }
        buf_puts(out, "</ul></div>\n");
    }
    for (size_t i = 0; i < k->nslots; i++) {
        const struct kit_slot *s = &k->slots[i];
        const struct question *q = &s->q;
        const struct role_competency *a = anchors_of(k, q);
        char range[32];
        level_range_format(q->level_min, q->level_max, range, sizeof range);
        buf_printf(out, "<section class=\"q\"><h3><span class=\"n\">%zu.</span>", i + 1);
        buf_html(out, q->title);
        buf_puts(out, "</h3><div class=\"tags\"><span class=\"tag c\">");
        buf_html(out, q->competencies[0]);
        buf_printf(out,
                   "</span><span class=\"tag\">%s</span><span class=\"tag\">%s</span>"
                   "<span class=\"tag\">%d min</span><span class=\"tag\">",
                   category_name(q->category), range, q->minutes);
        buf_html(out, q->id);
        buf_puts(out, "</span></div><div class=\"text\">");
        html_md(out, q->text);
        buf_puts(out, "</div>");
        html_points(out, q, POINT_SHOWS, "A good answer shows (essential)", true);
        html_points(out, q, POINT_BONUS, "Bonus points", true);
        html_points(out, q, POINT_BY_LEVEL, "By level", false);
        html_points(out, q, POINT_PITFALL, "Pitfalls", false);
        html_points(out, q, POINT_RED_FLAG, "Red flags", false);
        html_points(out, q, POINT_FOLLOW_UP, "Follow-ups", false);
        html_points(out, q, POINT_STAR, "A complete STAR answer", false);
        html_points(out, q, POINT_INTERVIEWER, "Interviewer notes", false);
        html_points(out, q, POINT_GRADE, "Grades for this question", false);
        if (a) {
            buf_puts(out, "<h4>Rating anchors</h4><table class=\"anchors\">");
            for (int r = 0; r < 4; r++) {
                buf_printf(out, "<tr><td>%d %s</td><td>", r + 1, rating_names[r]);
                buf_html(out, a->anchors[r] ? a->anchors[r] : "");
                buf_puts(out, "</td></tr>");
            }
            buf_puts(out, "</table>");
        }
        if (s->nalts) {
            buf_puts(out, "<div class=\"alts\"><h4>Alternates</h4><ul>");
            for (size_t j = 0; j < s->nalts; j++) {
                buf_puts(out, "<li>");
                buf_html(out, s->alts[j].title);
                buf_printf(out, " <small>(%s, %d min, ", category_name(s->alts[j].category),
                           s->alts[j].minutes);
                buf_html(out, s->alts[j].id);
                buf_puts(out, ")</small></li>");
            }
            buf_puts(out, "</ul></div>");
        }
        buf_puts(out, "<div class=\"rate\"><span>Rating: ☐ 1 ☐ 2 ☐ 3 ☐ 4</span></div>"
                      "<div class=\"notes\"></div><div class=\"notes\"></div></section>\n");
    }
    buf_puts(out, "<h2>Scorecard</h2><table><tr><th>#</th><th>Question</th><th>Competency</th>"
                  "<th>Rating (1-4)</th><th>Notes</th></tr>");
    for (size_t i = 0; i < k->nslots; i++) {
        buf_printf(out, "<tr><td class=\"num\">%zu</td><td>", i + 1);
        buf_html(out, k->slots[i].q.title);
        buf_puts(out, "</td><td>");
        buf_html(out, k->slots[i].q.competencies[0]);
        buf_puts(out, "</td><td></td><td class=\"w35\"></td></tr>");
    }
    buf_puts(out, "</table><table><tr><th>Competency</th><th>Rating (1-4)</th><th>Notes</th>"
                  "</tr>");
    for (size_t c = 0; c < k->ncoverage; c++) {
        if (!k->coverage[c].questions)
            continue;
        buf_puts(out, "<tr><td>");
        buf_html(out, k->coverage[c].competency);
        buf_puts(out, "</td><td></td><td class=\"w50\"></td></tr>");
    }
    buf_puts(out, "</table><p>Recommendation: ☐ strong no &nbsp; ☐ no &nbsp; ☐ yes &nbsp; ☐ "
                  "strong yes</p>");
    buf_puts(out, "<h2>Coverage</h2><table><tr><th>Competency</th><th>Weight</th>"
                  "<th>Target min</th><th>Minutes</th><th>Questions</th>"
                  "<th class=\"w30\">Minutes against target</th></tr>");
    {
        double scale = 1;
        for (size_t c = 0; c < k->ncoverage; c++) {
            double m = fmax(k->coverage[c].target, k->coverage[c].minutes);
            if (m > scale)
                scale = m;
        }
        for (size_t c = 0; c < k->ncoverage; c++) {
            const struct kit_coverage *cv = &k->coverage[c];
            buf_puts(out, "<tr><td>");
            buf_html(out, cv->competency);
            buf_printf(
                out,
                "</td><td class=\"num\">%d</td><td class=\"num\">%.0f</td>"
                "<td class=\"num\">%d</td><td class=\"num\">%zu</td><td><div class=\"bar\">"
                "<i style=\"width:%.0f%%\"></i><b style=\"left:%.0f%%\"></b></div></td></tr>",
                cv->weight, cv->target, cv->minutes, cv->questions, 100.0 * cv->minutes / scale,
                100.0 * cv->target / scale);
        }
    }
    buf_puts(out, "</table>");
    if (k->nstacks) {
        buf_puts(out, "<p class=\"stacks\">Stack: ");
        stacks_line(k, out, buf_html);
        buf_puts(out, "</p>");
    }
    buf_puts(out, "</main></body></html>\n");
}
