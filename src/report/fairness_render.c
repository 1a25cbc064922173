/* SPDX-License-Identifier: MIT */
/*
 * The adverse-impact report as a terminal table, CSV and a self-contained HTML page
 * (core/fairness.h). The HTML has its style inline and an SVG bar chart of the selection
 * rates whose values are also written as text; it loads nothing and runs no script.
 */
#include <stdio.h>
#include <string.h>

#include "core/fairness.h"
#include "report/fairness_render.h"
#include "report/report.h"
#include "util/table.h"

static const char *
str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static long long
integer(const json_t *o, const char *key)
{
    return (long long)json_integer_value(json_object_get(o, key));
}

/* v with prec decimals, or "-" when it is not a number. */
static const char *
num(char *tmp, size_t n, const json_t *v, int prec)
{
    if (!json_is_number(v))
        return "-";
    snprintf(tmp, n, "%.*f", prec, json_number_value(v));
    return tmp;
}

/* Every table of the report: the categories, then the intersections. */
static void
each_table(const json_t *r, void (*fn)(const json_t *t, void *arg), void *arg)
{
    size_t i;
    const json_t *t;
    json_array_foreach(json_object_get(r, "categories"), i, t) fn(t, arg);
    json_array_foreach(json_object_get(r, "intersections"), i, t) fn(t, arg);
}

/* ---- table ---- */

struct table_arg {
    FILE *out;
    size_t width;
};

static void
print_table(const json_t *c, void *arg)
{
    static const char *const head[] = {"GROUP",  ">ENTERED", ">PASSED", ">RATE",
                                       ">RATIO", "4/5",      ">P"};
    struct table_arg *a = arg;
    const json_t *g, *sup = json_object_get(c, "suppressed"),
                     *nr = json_object_get(c, "not_reported");
    struct table t;
    size_t i;
    fprintf(a->out, "\n%s\n", str(c, "category"));
    table_init(&t, 7, head, 0);
    json_array_foreach(json_object_get(c, "groups"), i, g)
    {
        char entered[24], passed[24], rate[32], ratio[32], p[32], group[128];
        const char *row[7];
        snprintf(entered, sizeof entered, "%lld", integer(g, "entered"));
        snprintf(passed, sizeof passed, "%lld", integer(g, "passed"));
        snprintf(group, sizeof group, "%s%s", str(g, "group"),
                 json_is_true(json_object_get(g, "reference")) ? " (reference)" : "");
        row[0] = group;
        row[1] = entered;
        row[2] = passed;
        row[3] = num(rate, sizeof rate, json_object_get(g, "rate"), 3);
        row[4] = num(ratio, sizeof ratio, json_object_get(g, "impact_ratio"), 3);
        row[5] = json_is_true(json_object_get(g, "four_fifths")) ? "below" : "";
        row[6] = num(p, sizeof p, json_object_get(g, "p_value"), 4);
        table_add(&t, row);
    }
    table_print(&t, a->out, a->width);
    table_cleanup(&t);
    if (integer(sup, "groups"))
        fprintf(a->out, "suppressed: %lld group(s), %lld people, under the minimum group size\n",
                integer(sup, "groups"), integer(sup, "entered"));
    fprintf(a->out, "not reported (prefer not to say or no answer): %lld entered, %lld passed\n",
            integer(nr, "entered"), integer(nr, "passed"));
}

void
fairness_report_table(const json_t *r, FILE *out, size_t width)
{
    const json_t *d = json_object_get(r, "decision"), *n;
    struct table_arg a = {out, width};
    size_t i;
    fprintf(out, "Adverse impact at '%s'", str(d, "stage"));
    if (json_is_number(json_object_get(d, "threshold")))
        fprintf(out, " (score at least %.2f)", json_number_value(json_object_get(d, "threshold")));
    fprintf(out, ": %lld applications counted, minimum group size %lld\n",
            integer(r, "applications"), integer(r, "min_group"));
    each_table(r, print_table, &a);
    fputc('\n', out);
    json_array_foreach(json_object_get(r, "notes"), i, n)
        fprintf(out, "- %s\n", json_string_value(n));
}

/* ---- CSV ---- */

static void
csv_table(const json_t *c, void *arg)
{
    struct buf *b = arg;
    const json_t *g;
    size_t i;
    char tmp[32];
    json_array_foreach(json_object_get(c, "groups"), i, g)
    {
        buf_csv(b, str(c, "category"));
        buf_putc(b, ',');
        buf_csv(b, str(g, "group"));
        buf_printf(b, ",%lld,%lld,", integer(g, "entered"), integer(g, "passed"));
        buf_printf(b, "%s,", num(tmp, sizeof tmp, json_object_get(g, "rate"), 6));
        buf_printf(b, "%s,", num(tmp, sizeof tmp, json_object_get(g, "impact_ratio"), 6));
        buf_printf(b, "%s,", json_is_true(json_object_get(g, "four_fifths")) ? "true" : "false");
        buf_printf(b, "%s\n", num(tmp, sizeof tmp, json_object_get(g, "p_value"), 6));
    }
}

void
fairness_report_csv(const json_t *r, struct buf *b)
{
    buf_puts(b, "category,group,entered,passed,rate,impact_ratio,four_fifths,p_value\n");
    each_table(r, csv_table, b);
}

/* ---- HTML ---- */

#define BAR_W 420
#define ROW_H 22
#define LABEL_W 260

static void
html_table(const json_t *c, void *arg)
{
    struct buf *b = arg;
    const json_t *g, *sup = json_object_get(c, "suppressed"),
                     *nr = json_object_get(c, "not_reported");
    size_t i, n = json_array_size(json_object_get(c, "groups"));
    char tmp[32];
    buf_puts(b, "<section><h2>");
    buf_html(b, str(c, "category"));
    buf_puts(b, "</h2>\n");
    if (n) {
        /* the chart: one bar per group, the four-fifths line of the reference's rate */
        double ref = 0;
        json_array_foreach(json_object_get(c, "groups"), i,
                           g) if (json_is_true(json_object_get(g, "reference"))) ref =
            json_number_value(json_object_get(g, "rate"));
        buf_printf(b,
                   "<svg role=\"img\" width=\"%d\" height=\"%zu\" viewBox=\"0 0 %d %zu\" "
                   "aria-label=\"Selection rate by group; the dashed line is four fifths of the "
                   "reference group's rate\">\n",
                   LABEL_W + BAR_W + 60, n * ROW_H + 10, LABEL_W + BAR_W + 60, n * ROW_H + 10);
        json_array_foreach(json_object_get(c, "groups"), i, g)
        {
            double rate = json_number_value(json_object_get(g, "rate"));
            bool below = json_is_true(json_object_get(g, "four_fifths"));
            buf_printf(b, "<text x=\"0\" y=\"%zu\" font-size=\"12\">", i * ROW_H + 16);
            buf_html(b, str(g, "group"));
            buf_printf(b,
                       "</text><rect x=\"%d\" y=\"%zu\" width=\"%.1f\" height=\"14\" "
                       "fill=\"%s\"/><text x=\"%.1f\" y=\"%zu\" font-size=\"12\">%.1f%%</text>\n",
                       LABEL_W, i * ROW_H + 5, rate * BAR_W, below ? "#b3261e" : "#2f5d9e",
                       LABEL_W + rate * BAR_W + 4, i * ROW_H + 16, rate * 100);
        }
        if (ref > 0)
            buf_printf(b,
                       "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%zu\" stroke=\"#333\" "
                       "stroke-dasharray=\"4 3\"/>\n",
                       LABEL_W + 0.8 * ref * BAR_W, LABEL_W + 0.8 * ref * BAR_W, n * ROW_H + 10);
        buf_puts(b, "</svg>\n");
    }
    buf_puts(b, "<table><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Entered</th>"
                "<th scope=\"col\">Passed</th><th scope=\"col\">Selection rate</th>"
                "<th scope=\"col\">Impact ratio</th><th scope=\"col\">Under four fifths</th>"
                "<th scope=\"col\">Fisher p</th></tr></thead><tbody>\n");
    json_array_foreach(json_object_get(c, "groups"), i, g)
    {
        buf_puts(b, "<tr><td>");
        buf_html(b, str(g, "group"));
        if (json_is_true(json_object_get(g, "reference")))
            buf_puts(b, " (reference)");
        buf_printf(b, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td>",
                   integer(g, "entered"), integer(g, "passed"));
        buf_printf(b, "<td class=\"n\">%s</td>",
                   num(tmp, sizeof tmp, json_object_get(g, "rate"), 3));
        buf_printf(b, "<td class=\"n\">%s</td>",
                   num(tmp, sizeof tmp, json_object_get(g, "impact_ratio"), 3));
        buf_printf(b, "<td>%s</td>",
                   json_is_true(json_object_get(g, "four_fifths")) ? "yes" : "no");
        buf_printf(b, "<td class=\"n\">%s</td></tr>\n",
                   num(tmp, sizeof tmp, json_object_get(g, "p_value"), 4));
    }
    buf_puts(b, "</tbody></table>\n<p class=\"meta\">");
    if (integer(sup, "groups"))
        buf_printf(b, "Suppressed (under the minimum group size): %lld group(s), %lld people. ",
                   integer(sup, "groups"), integer(sup, "entered"));
    buf_printf(b, "Not reported (prefer not to say or no answer): %lld entered, %lld passed.</p>",
               integer(nr, "entered"), integer(nr, "passed"));
    buf_puts(b, "</section>\n");
}

void
fairness_report_html(const json_t *r, struct buf *b)
{
    const json_t *d = json_object_get(r, "decision"), *n;
    size_t i;
    buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>Adverse-impact report</title><style>" REPORT_CSS
                "svg{max-width:100%;height:auto;margin:8px 0}</style></head>\n<body><main>\n"
                "<h1>Adverse-impact report</h1>\n<div class=\"meta\"><span>Decision point: ");
    buf_html(b, str(d, "stage"));
    if (json_is_number(json_object_get(d, "threshold")))
        buf_printf(b, " (score at least %.2f)", json_number_value(json_object_get(d, "threshold")));
    buf_printf(
        b, "</span><span>Applications counted: %lld</span><span>Minimum group size: %lld</span>",
        integer(r, "applications"), integer(r, "min_group"));
    if (str(d, "since")) {
        buf_puts(b, "<span>Since: ");
        buf_html(b, str(d, "since"));
        buf_puts(b, "</span>");
    }
    if (str(d, "role")) {
        buf_puts(b, "<span>Role: ");
        buf_html(b, str(d, "role"));
        buf_puts(b, "</span>");
    }
    if (json_is_integer(json_object_get(d, "opening")))
        buf_printf(b, "<span>Opening: %lld</span>", integer(d, "opening"));
    buf_puts(b, "</div>\n");
    each_table(r, html_table, b);
    buf_puts(b, "<h2>How to read this</h2>\n<ul>\n");
    json_array_foreach(json_object_get(r, "notes"), i, n)
    {
        buf_puts(b, "<li>");
        buf_html(b, json_string_value(n));
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ul>\n</main></body></html>\n");
}

/* ---- the notice ---- */

void
fairness_notice_html(struct buf *b, const char *contact)
{
    buf_puts(
        b,
        "<h1>How your application is considered</h1>\n"
        "<p>This employer uses Rubric, a hiring tool, to keep track of applications and to help "
        "its recruiters read them. This page says what Rubric does with yours, what it does "
        "not do, and how to ask for something else.</p>\n"
        "<h2>What is evaluated automatically</h2>\n"
        "<p>When a recruiter screens applications, Rubric reads your resume and scores it from 0 "
        "to 100 against the job's requirements. The score is made of five parts, and a "
        "recruiter sees the reason behind each one:</p>\n<ul>\n"
        "<li><strong>Required skills</strong> (up to 40 points): each skill the job requires, "
        "counted by the years of the positions on your resume that mention it.</li>\n"
        "<li><strong>Desirable skills</strong> (up to 20 points): the same, for skills the job "
        "would like.</li>\n"
        "<li><strong>Relevant experience</strong> (up to 15 points): years in positions that use "
        "the job's skills or have a similar title.</li>\n"
        "<li><strong>Comparable titles</strong> (up to 10 points): years in positions titled "
        "like the job.</li>\n"
        "<li><strong>Recency</strong> (up to 15 points): how recently your positions used those "
        "skills.</li>\n</ul>\n"
        "<p>A required skill that is missing lowers the score. Rubric does not read or infer your "
        "age, sex, race, ethnicity, disability, religion or any other protected characteristic "
        "from your resume. The recruiter may turn on blind screening, which hides your name and "
        "contact details while reading scores.</p>\n"
        "<h2>A person decides</h2>\n"
        "<p>The score only orders applications for reading. Rubric never rejects anyone, and "
        "never moves an application forward, by itself: every change of stage is made by a named "
        "person, and a rejection is recorded with who made it and why. Interviews are scored by "
        "interviewers against written guidance, and the decision is taken by people.</p>\n"
        "<h2>Voluntary self-identification</h2>\n"
        "<p>You may be asked, separately, about your sex and race or ethnicity. Answering is "
        "voluntary and &ldquo;prefer not to say&rdquo; is always offered. Your answers are kept "
        "apart from your application: recruiters, interviewers and hiring managers never see "
        "them. They are only counted, in groups large enough that no one can be picked out, to "
        "check that each stage of hiring treats groups alike. You may read, change or remove "
        "them, and they are erased with the rest of your data.</p>\n"
        "<h2>Asking for another process</h2>\n"
        "<p>You may ask for your application to be considered without the automatic score, for "
        "a person to review a decision about you, for an adjustment to the process, or for a copy "
        "or the erasure of your data. Write to ");
    if (contact && *contact)
        buf_html(b, contact);
    else
        buf_puts(b, "the recruiter who wrote to you, or to the address given with the job");
    buf_puts(b, ", saying what you would like; asking has no effect on how your application is "
                "judged.</p>\n");
}
