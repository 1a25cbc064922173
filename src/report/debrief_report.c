/* SPDX-License-Identifier: MIT */
/* Debrief, comparison and insight reports: tables, CSV, HTML (report/debrief_report.h). */
#include "report/debrief_report.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/table.h"

static const char *const recs[] = {"strong-no", "no", "yes", "strong-yes"};
static const char *const palette[] = {"#2f6fdf", "#e0a030", "#39a67a", "#d9534f", "#9b59b6",
                                      "#17a2b8", "#8c6d31", "#e377c2", "#7f7f7f", "#bcbd22"};
#define NPALETTE (sizeof palette / sizeof palette[0])
/* the comparison chart draws at most this many candidates (the best) */
#define CHART_CANDIDATES 12

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

/* A number as text with prec decimals, or "-" when v is not a number. */
static const char *
fmt_num(char *tmp, size_t n, const json_t *v, int prec)
{
    if (!json_is_number(v))
        return "-";
    snprintf(tmp, n, "%.*f", prec, json_number_value(v));
    return tmp;
}

/* A share as a whole percentage, or "-". */
static const char *
fmt_pct(char *tmp, size_t n, const json_t *v)
{
    if (!json_is_number(v))
        return "-";
    snprintf(tmp, n, "%.0f%%", json_number_value(v) * 100);
    return tmp;
}

static void
esc(struct buf *out, const char *s)
{
    buf_html(out, s ? s : "");
}

/* The text a table or CSV gets for a candidate: their name, else their id. */
static void
candidate_label(char *tmp, size_t n, const json_t *c)
{
    const char *name = str(c, "name");
    if (name)
        snprintf(tmp, n, "%s", name);
    else
        snprintf(tmp, n, "candidate %lld", integer(c, "candidate"));
}

/* ---- CSV (RFC 4180) --------------------------------------------------------------------- */

static void
csv_field(struct buf *out, const char *s, bool last)
{
    buf_csv(out, s);
    buf_puts(out, last ? "\r\n" : ",");
}

static void
csv_value(struct buf *out, const json_t *v, bool last)
{
    if (json_is_integer(v))
        buf_printf(out, "%lld", (long long)json_integer_value(v));
    else if (json_is_number(v))
        buf_printf(out, "%.3f", json_number_value(v));
    else if (json_is_boolean(v))
        buf_puts(out, json_is_true(v) ? "yes" : "no");
    else if (json_is_string(v))
        buf_csv(out, json_string_value(v));
    buf_puts(out, last ? "\r\n" : ",");
}

/* ---- HTML pieces ------------------------------------------------------------------------ */

static const char css[] = REPORT_CSS
    ".flag{color:#b03030;font-weight:600}.legend span{margin-right:14px;white-space:nowrap}"
    ".legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:5px}"
    "svg{max-width:100%;height:auto}.wide{overflow-x:auto}"
    "@media print{body{background:#fff}main{box-shadow:none;margin:0}}";

static void
html_head(struct buf *out, const char *kind, const char *title)
{
    buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                  "<title>");
    buf_puts(out, kind);
    buf_puts(out, ": ");
    esc(out, title);
    buf_printf(out, "</title><style>%s</style></head><body><main>\n<h1>%s: ", css, kind);
    esc(out, title);
    buf_puts(out, "</h1>");
}

static void
html_legend_item(struct buf *out, size_t colour, const char *label)
{
    buf_printf(out, "<span><i style=\"background:%s\"></i>", palette[colour % NPALETTE]);
    esc(out, label);
    buf_puts(out, "</span>");
}

/* ---- the debrief ------------------------------------------------------------------------ */

/* The interviewers of a debrief in the order of its recommendations (one per scorecard):
 * their index gives each one colour throughout. */
static size_t
interviewer_index(const json_t *d, const char *email)
{
    size_t i, k = 0;
    const json_t *r;
    json_array_foreach(json_object_get(d, "recommendations"), i, r)
    {
        const char *who = str(r, "interviewer");
        bool first = true;
        for (size_t j = 0; j < i && first; j++) {
            const char *w =
                str(json_array_get(json_object_get(d, "recommendations"), j), "interviewer");
            first = !(w && who && strcmp(w, who) == 0);
        }
        if (who && email && strcmp(who, email) == 0)
            return k;
        k += first;
    }
    return k;
}

static void
flags_text(struct buf *out, const json_t *c, bool html)
{
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(c, "flags"), i, f)
    {
        const char *s = json_string_value(f);
        if (i)
            buf_puts(out, ", ");
        if (html)
            buf_puts(out, "<span class=\"flag\">");
        buf_puts(out, s && strcmp(s, "not-assessed") == 0 ? "not assessed" : s ? s : "");
        if (html)
            buf_puts(out, "</span>");
    }
}

/* Each competency a row: a 1 to 4 scale, a dot per rating in the interviewer's colour
 * (ratings of the same value side by side), the mean as a dark bar. */
static void
html_dots(struct buf *out, const json_t *d)
{
    const json_t *comps = json_object_get(d, "competencies"), *c;
    const int left = 250, step = 140, row = 38, top = 30;
    size_t n = json_array_size(comps), i;
    int h = top + (int)n * row + 10, w = left + 3 * step + 60;

    buf_printf(out,
               "<svg role=\"img\" aria-label=\"ratings per competency\" width=\"%d\" "
               "height=\"%d\" viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\" "
               "font-size=\"11\" font-family=\"sans-serif\">",
               w, h, w, h);
    for (int v = 1; v <= 4; v++) {
        int x = left + (v - 1) * step;
        buf_printf(out,
                   "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d8dbe0\"/>"
                   "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%d</text>",
                   x, top - 8, x, h - 6, x, top - 14, v);
    }
    json_array_foreach(comps, i, c)
    {
        int y = top + (int)i * row + row / 2, counts[5] = {0}, seen[5] = {0};
        size_t j;
        const json_t *r;
        const json_t *mean = json_object_get(c, "mean");
        bool flagged = json_array_size(json_object_get(c, "flags")) > 0;
        if (i % 2 == 0)
            buf_printf(out, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f7f8fa\"/>",
                       y - row / 2, w, row);
        buf_printf(out, "<text x=\"4\" y=\"%d\"%s>", y - 1,
                   flagged ? " fill=\"#b03030\" font-weight=\"600\"" : "");
        esc(out, str(c, "name"));
        buf_printf(out, "</text><text x=\"4\" y=\"%d\" font-size=\"9\" fill=\"%s\">weight %lld",
                   y + 11, flagged ? "#b03030" : "#777", integer(c, "weight"));
        if (flagged) {
            struct buf f;
            buf_init(&f, 256);
            flags_text(&f, c, false);
            buf_puts(out, " \xc2\xb7 ");
            esc(out, buf_str(&f));
            buf_cleanup(&f);
        }
        buf_puts(out, "</text>");
        json_array_foreach(json_object_get(c, "ratings"), j, r)
        {
            long long v = integer(r, "rating");
            if (v >= 1 && v <= 4)
                counts[v]++;
        }
        if (json_is_number(mean)) {
            double x = left + (json_number_value(mean) - 1) * step;
            buf_printf(out,
                       "<rect x=\"%.1f\" y=\"%d\" width=\"3\" height=\"22\" fill=\"#1d2330\">"
                       "<title>mean %.2f</title></rect>",
                       x - 1.5, y - 11, json_number_value(mean));
        }
        json_array_foreach(json_object_get(c, "ratings"), j, r)
        {
            long long v = integer(r, "rating");
            double x;
            if (v < 1 || v > 4)
                continue;
            x = left + (double)(v - 1) * step + ((double)seen[v]++ - (counts[v] - 1) / 2.0) * 13;
            buf_printf(out,
                       "<circle class=\"dot\" cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"%s\" "
                       "stroke=\"#fff\"><title>",
                       x, y, palette[interviewer_index(d, str(r, "interviewer")) % NPALETTE]);
            esc(out, str(r, "interviewer"));
            buf_puts(out, " (");
            esc(out, str(r, "stage"));
            buf_printf(out, ", interview %lld): %lld</title></circle>", integer(r, "interview"), v);
        }
        if (!json_array_size(json_object_get(c, "ratings")))
            buf_printf(out, "<text x=\"%d\" y=\"%d\" fill=\"#999\">no rating</text>", left + 6,
                       y + 4);
    }
    buf_puts(out, "</svg>\n");
}

void
debrief_report_html(const json_t *d, struct buf *out)
{
    const json_t *sum = json_object_get(d, "summary"), *c, *r;
    const char *name = str(d, "name");
    char title[400], a[32], b[32];
    size_t i, j;

    snprintf(title, sizeof title, "%s%s%lld \xe2\x80\x94 %s", name ? name : "",
             name ? ", candidate " : "candidate ", integer(d, "candidate"),
             str(d, "role_title") ? str(d, "role_title")
             : str(d, "role")     ? str(d, "role")
                                  : "");
    html_head(out, "Debrief", title);
    buf_printf(out,
               "<div class=\"meta\"><span>weighted score <b>%s</b> of 4</span>"
               "<span>%s of the role's weight assessed</span><span>%lld scorecards</span>"
               "<span>%lld interviewers</span><span>stage: ",
               fmt_num(a, sizeof a, json_object_get(sum, "score"), 2),
               fmt_pct(b, sizeof b, json_object_get(sum, "coverage")), integer(sum, "scorecards"),
               integer(sum, "interviewers"));
    esc(out, str(d, "candidate_stage"));
    buf_puts(out, "</span></div>\n");
    if (json_array_size(json_object_get(d, "pending"))) {
        buf_puts(out, "<p class=\"flag\">Still to submit: ");
        json_array_foreach(json_object_get(d, "pending"), i, r)
        {
            if (i)
                buf_puts(out, ", ");
            esc(out, str(r, "interviewer"));
            buf_printf(out, " (interview %lld, ", integer(r, "interview"));
            esc(out, str(r, "stage"));
            buf_puts(out, ")");
        }
        buf_puts(out, "</p>\n");
    }

    buf_puts(out, "<h2>Ratings</h2><p class=\"legend\">");
    json_array_foreach(json_object_get(d, "recommendations"), i, r)
    {
        const char *who = str(r, "interviewer");
        bool first = true;
        for (j = 0; j < i && first; j++) {
            const char *w =
                str(json_array_get(json_object_get(d, "recommendations"), j), "interviewer");
            first = !(w && who && strcmp(w, who) == 0);
        }
        if (first)
            html_legend_item(out, interviewer_index(d, who), who);
    }
    buf_puts(out, "<span><i style=\"background:#1d2330;border-radius:0\"></i>mean</span></p>");
    html_dots(out, d);

    buf_puts(out, "<table><thead><tr><th>Competency</th><th>Weight</th><th>Ratings</th>"
                  "<th>Mean</th><th>Spread</th><th>Flags</th></tr></thead><tbody>\n");
    json_array_foreach(json_object_get(d, "competencies"), i, c)
    {
        buf_puts(out, "<tr><td>");
        esc(out, str(c, "name"));
        buf_printf(out, "</td><td class=\"n\">%lld</td><td>", integer(c, "weight"));
        json_array_foreach(json_object_get(c, "ratings"), j, r)
        {
            if (j)
                buf_puts(out, "<br>");
            buf_printf(out, "<b>%lld</b> ", integer(r, "rating"));
            esc(out, str(r, "interviewer"));
            buf_puts(out, " <small>(");
            esc(out, str(r, "stage"));
            buf_puts(out, ")</small>");
        }
        buf_printf(out, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>",
                   fmt_num(a, sizeof a, json_object_get(c, "mean"), 2),
                   fmt_num(b, sizeof b, json_object_get(c, "spread"), 0));
        flags_text(out, c, true);
        buf_puts(out, "</td></tr>\n");
    }
    buf_puts(out, "</tbody></table>\n<h2>Recommendations</h2><p class=\"meta\">");
    for (i = 4; i-- > 0;)
        buf_printf(out, "<span>%s: <b>%lld</b></span>", recs[i],
                   integer(json_object_get(d, "recommendation_counts"), recs[i]));
    buf_puts(out, "</p><table><thead><tr><th>Interviewer</th><th>Interview</th><th>Stage</th>"
                  "<th>Recommendation</th></tr></thead><tbody>\n");
    json_array_foreach(json_object_get(d, "recommendations"), i, r)
    {
        buf_puts(out, "<tr><td>");
        esc(out, str(r, "interviewer"));
        buf_printf(out, "</td><td class=\"n\">%lld</td><td>", integer(r, "interview"));
        esc(out, str(r, "stage"));
        buf_puts(out, "</td><td><b>");
        esc(out, str(r, "recommendation"));
        buf_puts(out, "</b></td></tr>\n");
    }
    buf_puts(out, "</tbody></table>\n<p class=\"meta\"><span>The weighted score averages each "
                  "assessed competency's mean rating by the role's weights; competencies nobody "
                  "rated are left out and counted in the coverage. A spread of 2 or more "
                  "points between interviewers is flagged.</span></p>\n</main></body></html>\n");
}

void
debrief_report_table(const json_t *d, FILE *out, size_t width)
{
    static const char *const head[] = {"COMPETENCY", ">WEIGHT", "RATINGS",
                                       ">MEAN",      ">SPREAD", "FLAGS"};
    const json_t *sum = json_object_get(d, "summary"), *c, *r;
    struct table t;
    char a[32], b[32];
    size_t i, j;

    fprintf(out, "Debrief: %s%scandidate %lld%s for %s, now at %s\n",
            str(d, "name") ? str(d, "name") : "", str(d, "name") ? " (" : "",
            integer(d, "candidate"), str(d, "name") ? ")" : "",
            str(d, "role_title") ? str(d, "role_title")
            : str(d, "role")     ? str(d, "role")
                                 : "-",
            str(d, "candidate_stage") ? str(d, "candidate_stage") : "-");
    table_init(&t, 6, head, 2);
    json_array_foreach(json_object_get(d, "competencies"), i, c)
    {
        struct buf rs, fl;
        char weight[24];
        const char *row[6];
        buf_init(&rs, 1 << 16);
        buf_init(&fl, 1 << 10);
        json_array_foreach(json_object_get(c, "ratings"), j, r)
        {
            const char *who = str(r, "interviewer");
            const char *at = who ? strchr(who, '@') : NULL;
            buf_printf(&rs, "%s%.*s %lld", j ? ", " : "",
                       who ? (int)(at ? at - who : (long)strlen(who)) : 1, who ? who : "?",
                       integer(r, "rating"));
        }
        flags_text(&fl, c, false);
        snprintf(weight, sizeof weight, "%lld", integer(c, "weight"));
        row[0] = str(c, "competency");
        row[1] = weight;
        row[2] = rs.len ? buf_str(&rs) : "-";
        row[3] = fmt_num(a, sizeof a, json_object_get(c, "mean"), 2);
        row[4] = fmt_num(b, sizeof b, json_object_get(c, "spread"), 0);
        row[5] = fl.len ? buf_str(&fl) : "";
        table_add(&t, row);
        buf_cleanup(&rs);
        buf_cleanup(&fl);
    }
    table_print(&t, out, width);
    table_cleanup(&t);
    fputs("\nRecommendations:", out);
    for (i = 4; i-- > 0;)
        fprintf(out, " %s %lld%s", recs[i],
                integer(json_object_get(d, "recommendation_counts"), recs[i]), i ? "," : "\n");
    json_array_foreach(json_object_get(d, "recommendations"), i, r)
    {
        fprintf(out, "  %-12s %s (interview %lld, %s)\n",
                str(r, "recommendation") ? str(r, "recommendation") : "-",
                str(r, "interviewer") ? str(r, "interviewer") : "-", integer(r, "interview"),
                str(r, "stage") ? str(r, "stage") : "-");
    }
    json_array_foreach(json_object_get(d, "pending"), i, r)
    {
        fprintf(out, "  %-12s %s (interview %lld, %s)\n", "pending",
                str(r, "interviewer") ? str(r, "interviewer") : "-", integer(r, "interview"),
                str(r, "stage") ? str(r, "stage") : "-");
    }
    fprintf(out, "\nWeighted score %s of 4; %s of the role's weight assessed (%lld of %lld)\n",
            fmt_num(a, sizeof a, json_object_get(sum, "score"), 2),
            fmt_pct(b, sizeof b, json_object_get(sum, "coverage")), integer(sum, "assessed_weight"),
            integer(sum, "total_weight"));
}

/* ---- the comparison --------------------------------------------------------------------- */

static void
recs_text(char *tmp, size_t n, const json_t *counts)
{
    size_t k = 0;
    tmp[0] = '\0';
    for (size_t i = 4; i-- > 0;) {
        long long v = integer(counts, recs[i]);
        if (v && k < n)
            k += (size_t)snprintf(tmp + k, n - k, "%s%lld %s", k ? ", " : "", v, recs[i]);
    }
    if (!k)
        snprintf(tmp, n, "-");
}

void
debrief_report_compare_csv(const json_t *c, struct buf *out)
{
    const json_t *comps = json_object_get(c, "competencies"), *k, *row;
    size_t i, j;
    buf_puts(out, "rank,candidate,name,stage,score,coverage,scorecards");
    json_array_foreach(comps, i, k)
    {
        buf_putc(out, ',');
        buf_csv(out, str(k, "competency"));
    }
    buf_puts(out, ",strong_no,no,yes,strong_yes,disagreements,not_assessed\r\n");
    json_array_foreach(json_object_get(c, "candidates"), i, row)
    {
        buf_printf(out, "%zu,%lld,", i + 1, integer(row, "candidate"));
        csv_field(out, str(row, "name"), false);
        csv_field(out, str(row, "candidate_stage"), false);
        csv_value(out, json_object_get(row, "score"), false);
        csv_value(out, json_object_get(row, "coverage"), false);
        csv_value(out, json_object_get(row, "scorecards"), false);
        json_array_foreach(comps, j, k)
        {
            csv_value(out, json_object_get(json_object_get(row, "means"), str(k, "competency")),
                      false);
        }
        for (j = 0; j < 4; j++)
            csv_value(out, json_object_get(json_object_get(row, "recommendations"), recs[j]),
                      false);
        csv_value(out, json_object_get(row, "disagreements"), false);
        csv_value(out, json_object_get(row, "not_assessed"), true);
    }
}

/* Grouped bars: a group per competency, a bar per candidate (the best CHART_CANDIDATES),
 * height the mean rating on 0 to 4; a missing bar is a competency nobody rated. */
static void
html_bars(struct buf *out, const json_t *c)
{
    const json_t *comps = json_object_get(c, "competencies"), *cands, *k, *row;
    size_t ncomp = json_array_size(comps), ncand, i, j;
    /* room on the left for the first group's slanted label */
    const int base = 200, scale = 42, bw = 12, gap = 26, left = 150;
    int gw, w, h = base + 110;

    cands = json_object_get(c, "candidates");
    ncand = json_array_size(cands) < CHART_CANDIDATES ? json_array_size(cands) : CHART_CANDIDATES;
    gw = (int)ncand * bw + gap;
    w = left + (int)ncomp * gw + 20;
    if (w < 400)
        w = 400;
    buf_printf(out,
               "<svg role=\"img\" aria-label=\"mean rating per competency and candidate\" "
               "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
               "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\" font-family=\"sans-serif\">",
               w, h, w, h);
    for (int v = 1; v <= 4; v++)
        buf_printf(out,
                   "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e4e6ea\"/>"
                   "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">%d</text>",
                   left, base - v * scale, w - 10, base - v * scale, left - 6, base - v * scale + 4,
                   v);
    json_array_foreach(comps, i, k)
    {
        int gx = left + 10 + (int)i * gw;
        for (j = 0; j < ncand; j++) {
            const json_t *m;
            char who[300];
            row = json_array_get(cands, j);
            m = json_object_get(json_object_get(row, "means"), str(k, "competency"));
            candidate_label(who, sizeof who, row);
            if (!json_is_number(m)) {
                buf_printf(out,
                           "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"3\" fill=\"#c4c8cf\">"
                           "<title>",
                           gx + (int)j * bw, base - 3, bw - 2);
                esc(out, who);
                buf_puts(out, ", ");
                esc(out, str(k, "name"));
                buf_puts(out, ": not assessed</title></rect>");
                continue;
            }
            buf_printf(out,
                       "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
                       "fill=\"%s\"><title>",
                       gx + (int)j * bw, base - json_number_value(m) * scale, bw - 2,
                       json_number_value(m) * scale, palette[j % NPALETTE]);
            esc(out, who);
            buf_puts(out, ", ");
            esc(out, str(k, "name"));
            buf_printf(out, ": %.2f</title></rect>", json_number_value(m));
        }
        buf_printf(out,
                   "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-30 %d %d)\">",
                   gx + (int)ncand * bw / 2, base + 14, gx + (int)ncand * bw / 2, base + 14);
        esc(out, str(k, "name"));
        buf_puts(out, "</text>");
    }
    buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/></svg>\n", left,
               base, w - 10, base);
}

void
debrief_report_compare_html(const json_t *c, struct buf *out)
{
    const json_t *comps = json_object_get(c, "competencies"), *cands, *k, *row;
    char tmp[300], a[32], b[32];
    size_t i, j;

    cands = json_object_get(c, "candidates");
    html_head(out, "Candidates compared",
              str(c, "role_title") ? str(c, "role_title") : str(c, "role"));
    buf_printf(out, "<div class=\"meta\"><span>%zu candidates with scorecards</span>",
               json_array_size(cands));
    if (json_array_size(cands) > CHART_CANDIDATES)
        buf_printf(out, "<span>the chart shows the best %d</span>", CHART_CANDIDATES);
    buf_puts(out, "</div>\n<h2>Mean rating per competency</h2><p class=\"legend\">");
    json_array_foreach(cands, i, row)
    {
        if (i == CHART_CANDIDATES)
            break;
        candidate_label(tmp, sizeof tmp, row);
        html_legend_item(out, i, tmp);
    }
    buf_puts(out, "</p>");
    html_bars(out, c);
    buf_puts(out, "<h2>Ranking</h2><div "
                  "class=\"wide\"><table><thead><tr><th>#</th><th>Candidate</th><th>Stage</th>"
                  "<th>Score</th><th>Coverage</th>");
    json_array_foreach(comps, i, k)
    {
        buf_puts(out, "<th>");
        esc(out, str(k, "name"));
        buf_printf(out, " <small>(%lld)</small></th>", integer(k, "weight"));
    }
    buf_puts(out, "<th>Recommendations</th></tr></thead><tbody>\n");
    json_array_foreach(cands, i, row)
    {
        candidate_label(tmp, sizeof tmp, row);
        buf_printf(out, "<tr><td class=\"n\">%zu</td><td>", i + 1);
        esc(out, tmp);
        buf_puts(out, "</td><td>");
        esc(out, str(row, "candidate_stage"));
        buf_printf(out, "</td><td class=\"n\"><b>%s</b></td><td class=\"n\">%s</td>",
                   fmt_num(a, sizeof a, json_object_get(row, "score"), 2),
                   fmt_pct(b, sizeof b, json_object_get(row, "coverage")));
        json_array_foreach(comps, j, k)
        {
            buf_printf(out, "<td class=\"n\">%s</td>",
                       fmt_num(a, sizeof a,
                               json_object_get(json_object_get(row, "means"), str(k, "competency")),
                               2));
        }
        recs_text(tmp, sizeof tmp, json_object_get(row, "recommendations"));
        buf_puts(out, "<td>");
        esc(out, tmp);
        buf_puts(out, "</td></tr>\n");
    }
    buf_puts(
        out,
        "</tbody></table></div>\n<p class=\"meta\"><span>Scores are means of the interviewers' "
        "competency ratings (1 to 4) weighted by the role; coverage is the share of "
        "the role's weight that was rated.</span></p>\n</main></body></html>\n");
}

void
debrief_report_compare_table(const json_t *c, FILE *out, size_t width)
{
    const char *head[TABLE_MAX_COLS] = {">#",     "CANDIDATE", "STAGE",
                                        ">SCORE", ">COVERAGE", "RECOMMENDATIONS"};
    char names[TABLE_MAX_COLS][8];
    const json_t *comps = json_object_get(c, "competencies"), *k, *row;
    size_t ncomp = json_array_size(comps), i, j, ncols;
    struct table t;

    if (ncomp > TABLE_MAX_COLS - 6)
        ncomp = TABLE_MAX_COLS - 6;
    ncols = 6 + ncomp;
    for (i = 0; i < ncomp; i++) {
        snprintf(names[i], sizeof names[i], ">C%zu", i + 1);
        head[6 + i] = names[i];
    }
    fprintf(out, "Candidates for %s\n",
            str(c, "role_title") ? str(c, "role_title")
            : str(c, "role")     ? str(c, "role")
                                 : "-");
    table_init(&t, ncols, head, 1);
    json_array_foreach(json_object_get(c, "candidates"), i, row)
    {
        char rank[24], who[300], a[32], b[32], recs_s[200], means[TABLE_MAX_COLS][32];
        const char *cells[TABLE_MAX_COLS];
        snprintf(rank, sizeof rank, "%zu", i + 1);
        candidate_label(who, sizeof who, row);
        recs_text(recs_s, sizeof recs_s, json_object_get(row, "recommendations"));
        cells[0] = rank;
        cells[1] = who;
        cells[2] = str(row, "candidate_stage");
        cells[3] = fmt_num(a, sizeof a, json_object_get(row, "score"), 2);
        cells[4] = fmt_pct(b, sizeof b, json_object_get(row, "coverage"));
        cells[5] = recs_s;
        for (j = 0; j < ncomp; j++) {
            k = json_array_get(comps, j);
            cells[6 + j] =
                fmt_num(means[j], sizeof means[j],
                        json_object_get(json_object_get(row, "means"), str(k, "competency")), 1);
        }
        table_add(&t, cells);
    }
    table_print(&t, out, width);
    table_cleanup(&t);
    json_array_foreach(comps, i, k)
    {
        if (i < ncomp)
            fprintf(out, "%sC%zu %s (weight %lld)", i ? "; " : "\n", i + 1, str(k, "competency"),
                    integer(k, "weight"));
    }
    if (ncomp)
        fputc('\n', out);
}

/* ---- insight ---------------------------------------------------------------------------- */

void
debrief_report_interviewers_table(const json_t *c, FILE *out, size_t width)
{
    static const char *const head[] = {"INTERVIEWER", ">CARDS",     ">CANDIDATES", ">MEAN",
                                       ">YES",        ">SHARED",    ">OWN",        ">PANEL",
                                       ">DIFF",       ">PANEL YES", ">YES DIFF",   "NOTE"};
    struct table t;
    size_t i;
    const json_t *r;
    table_init(&t, 12, head, 11);
    json_array_foreach(json_object_get(c, "interviewers"), i, r)
    {
        const json_t *p = json_object_get(r, "panel");
        char cards[24], cands[24], shared[24], mean[32], yes[32], own[32], pan[32], diff[32],
            pyes[32], ydiff[32];
        const char *row[12];
        snprintf(cards, sizeof cards, "%lld", integer(r, "scorecards"));
        snprintf(cands, sizeof cands, "%lld", integer(r, "candidates"));
        snprintf(shared, sizeof shared, "%lld", integer(p, "n"));
        row[0] = str(r, "interviewer");
        row[1] = cards;
        row[2] = cands;
        row[3] = fmt_num(mean, sizeof mean, json_object_get(r, "mean_rating"), 2);
        row[4] = fmt_pct(yes, sizeof yes, json_object_get(r, "yes_rate"));
        row[5] = shared;
        row[6] = fmt_num(own, sizeof own, json_object_get(p, "mean_rating"), 2);
        row[7] = fmt_num(pan, sizeof pan, json_object_get(p, "panel_mean_rating"), 2);
        if (json_is_number(json_object_get(p, "rating_difference")))
            snprintf(diff, sizeof diff, "%+.2f",
                     json_number_value(json_object_get(p, "rating_difference")));
        else
            snprintf(diff, sizeof diff, "-");
        row[8] = diff;
        row[9] = fmt_pct(pyes, sizeof pyes, json_object_get(p, "panel_yes_rate"));
        if (json_is_number(json_object_get(p, "yes_rate_difference")))
            snprintf(ydiff, sizeof ydiff, "%+.0f%%",
                     json_number_value(json_object_get(p, "yes_rate_difference")) * 100);
        else
            snprintf(ydiff, sizeof ydiff, "-");
        row[10] = ydiff;
        row[11] = str(r, "note") ? str(r, "note") : "";
        table_add(&t, row);
    }
    table_print(&t, out, width);
    table_cleanup(&t);
    fprintf(out,
            "\nOWN and PANEL: mean competency rating on the candidates shared with other "
            "interviewers (each candidate counted once); DIFF = OWN - PANEL. Judged on at least "
            "%lld shared candidates.\n",
            integer(c, "min_candidates"));
}

void
debrief_report_questions_table(const json_t *q, FILE *out, size_t width)
{
    static const char *const head[] = {"QUESTION", ">ASKED", "1/2/3/4", ">MEAN", ">DECIDED",
                                       ">AGREE",   ">R",     "RETIRE?", "TITLE"};
    struct table t;
    size_t i;
    const json_t *r;
    table_init(&t, 9, head, 8);
    json_array_foreach(json_object_get(q, "questions"), i, r)
    {
        const json_t *d = json_object_get(r, "decided"), *dist = json_object_get(r, "distribution");
        char asked[24], dd[64], mean[32], decided[24], agree[32], corr[32];
        const char *row[9];
        snprintf(asked, sizeof asked, "%lld", integer(r, "asked"));
        snprintf(dd, sizeof dd, "%lld/%lld/%lld/%lld",
                 (long long)json_integer_value(json_array_get(dist, 0)),
                 (long long)json_integer_value(json_array_get(dist, 1)),
                 (long long)json_integer_value(json_array_get(dist, 2)),
                 (long long)json_integer_value(json_array_get(dist, 3)));
        snprintf(decided, sizeof decided, "%lld", integer(d, "n"));
        row[0] = str(r, "question");
        row[1] = asked;
        row[2] = dd;
        row[3] = fmt_num(mean, sizeof mean, json_object_get(r, "mean"), 2);
        row[4] = decided;
        row[5] = fmt_pct(agree, sizeof agree, json_object_get(d, "agreement"));
        row[6] = fmt_num(corr, sizeof corr, json_object_get(d, "correlation"), 2);
        row[7] = json_is_true(json_object_get(r, "consider_retiring")) ? "consider" : "";
        row[8] = str(r, "title") ? str(r, "title") : "";
        table_add(&t, row);
    }
    table_print(&t, out, width);
    table_cleanup(&t);
    fprintf(out,
            "\nDECIDED: ratings of candidates at offer or hired (positive) or rejected (negative). "
            "AGREE: share of them where a rating of 3 or 4 went with a positive decision and 1 "
            "or 2 with a negative one. R: point-biserial correlation. A question is judged on "
            "at least %lld decided ratings.\n",
            integer(q, "min_decided"));
    json_array_foreach(json_object_get(q, "questions"), i, r)
    {
        if (json_is_true(json_object_get(r, "consider_retiring")))
            fprintf(out, "consider retiring %s: %s\n", str(r, "question"), str(r, "reason"));
    }
}

void
debrief_report_questions_csv(const json_t *q, struct buf *out)
{
    size_t i;
    const json_t *r;
    buf_puts(out, "question,title,competency,in_kits,asked,candidates,rated_1,rated_2,rated_3,"
                  "rated_4,mean,decided,positive,negative,positive_mean,negative_mean,agreement,"
                  "correlation,consider_retiring,reason\r\n");
    json_array_foreach(json_object_get(q, "questions"), i, r)
    {
        const json_t *d = json_object_get(r, "decided");
        csv_field(out, str(r, "question"), false);
        csv_field(out, str(r, "title"), false);
        csv_field(out, str(r, "competency"), false);
        csv_value(out, json_object_get(r, "in_kits"), false);
        csv_value(out, json_object_get(r, "asked"), false);
        csv_value(out, json_object_get(r, "candidates"), false);
        for (size_t k = 0; k < 4; k++)
            csv_value(out, json_array_get(json_object_get(r, "distribution"), k), false);
        csv_value(out, json_object_get(r, "mean"), false);
        csv_value(out, json_object_get(d, "n"), false);
        csv_value(out, json_object_get(d, "positive"), false);
        csv_value(out, json_object_get(d, "negative"), false);
        csv_value(out, json_object_get(d, "positive_mean"), false);
        csv_value(out, json_object_get(d, "negative_mean"), false);
        csv_value(out, json_object_get(d, "agreement"), false);
        csv_value(out, json_object_get(d, "correlation"), false);
        csv_value(out, json_object_get(r, "consider_retiring"), false);
        csv_field(out, str(r, "reason"), true);
    }
}
