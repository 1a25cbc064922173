/* SPDX-License-Identifier: MIT */
/* Screening results as JSON, CSV, HTML and a terminal table (report/screen_report.h). */
#include "report/screen_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/mem.h"
#include "util/table.h"

json_t *
screen_failures_by_reason(const json_t *errors)
{
    json_t *o = json_object();
    size_t i;
    const json_t *e;
    json_array_foreach(errors, i, e)
    {
        const char *why = json_string_value(json_object_get(e, "error"));
        json_t *n = json_object_get(o, why ? why : "unknown");
        json_object_set_new(o, why ? why : "unknown",
                            json_integer(n ? json_integer_value(n) + 1 : 1));
    }
    return o;
}

static json_t *
summary_json(const struct screen_report *r)
{
    json_t *hist = json_array();
    for (int i = 0; i < SCREEN_BINS; i++)
        json_array_append_new(hist, json_integer((json_int_t)r->sum.histogram[i]));
    return json_pack("{s:I, s:I, s:I, s:I, s:o, s:f, s:i, s:o}", "files", (json_int_t)r->sum.files,
                     "ranked", (json_int_t)r->sum.ranked, "failed", (json_int_t)r->sum.failed,
                     "from_store", (json_int_t)r->sum.from_store, "failed_by_reason",
                     screen_failures_by_reason(r->errors), "seconds",
                     round(r->sum.seconds * 1000) / 1000, "threads", (int)r->sum.threads,
                     "histogram", hist);
}

json_t *
screen_report_json(const struct screen_report *r)
{
    json_t *o = json_object(), *cands = json_array();
    json_object_set_new(o, "role", json_string(r->role_id));
    if (r->criteria)
        json_object_set_new(o, "criteria", json_deep_copy(r->criteria));
    json_object_set_new(o, "blind", json_boolean(r->blind));
    for (size_t i = 0; i < r->nrows; i++) {
        const struct screen_row *w = &r->rows[i];
        /* the row as the API gives it (core/screening.h), named as the command line does */
        json_t *c = screening_row_json(w, r->blind);
        json_object_set_new(c, "rank", json_integer((json_int_t)i + 1));
        json_object_set_new(c, "id", json_string(w->id));
        if (!r->blind) {
            json_object_set_new(c, "file", json_string(w->file));
            json_object_set_new(c, "email", w->email ? json_string(w->email) : json_null());
            json_object_set_new(c, "phone", w->phone ? json_string(w->phone) : json_null());
        }
        json_array_append_new(cands, c);
    }
    json_object_set_new(o, "candidates", cands);
    if (r->blind) {
        /* a file name may be a person's name: errors say only why */
        json_t *errs = json_array();
        size_t i;
        const json_t *e;
        json_array_foreach(r->errors, i, e)
        {
            json_array_append_new(errs, json_pack("{s:O}", "error", json_object_get(e, "error")));
        }
        json_object_set_new(o, "errors", errs);
    } else {
        json_object_set_new(o, "errors", json_deep_copy(r->errors));
    }
    json_object_set_new(o, "summary", summary_json(r));
    return o;
}

/* ---- CSV (RFC 4180) --------------------------------------------------------------------- */

/* A field, quoted when it must be; a leading = + - @ is defused so that a spreadsheet does
 * not run a formula from a resume. */
static void
csv_field(struct buf *out, const char *s, bool last)
{
    buf_csv(out, s);
    buf_puts(out, last ? "\r\n" : ",");
}

static void
csv_number(struct buf *out, double v, bool last)
{
    buf_printf(out, "%.1f%s", v, last ? "\r\n" : ",");
}

void
screen_report_csv(const struct screen_report *r, struct buf *out)
{
    buf_puts(out, "rank,id,score,capped,must_have_missing");
    for (int c = 0; c < CRIT_COUNT; c++)
        buf_printf(out, ",%s_points", screen_criterion_name(c));
    buf_puts(out, ",experience_years,comparable_years");
    buf_puts(out, r->blind ? "\r\n" : ",name,email,phone,file\r\n");
    for (size_t i = 0; i < r->nrows; i++) {
        const struct screen_row *w = &r->rows[i];
        struct buf miss;
        buf_init(&miss, 1 << 16);
        for (size_t m = 0; m < w->s.nmissing; m++)
            buf_printf(&miss, "%s%s", m ? "; " : "", w->s.missing[m]);
        buf_printf(out, "%zu,%s,%.1f,%s,", i + 1, w->id, w->s.score, w->s.capped ? "yes" : "no");
        csv_field(out, buf_str(&miss), false);
        buf_cleanup(&miss);
        for (int c = 0; c < CRIT_COUNT; c++)
            csv_number(out, w->s.points[c], false);
        csv_number(out, w->experience_years, false);
        csv_number(out, w->s.comparable_years, r->blind);
        if (!r->blind) {
            csv_field(out, w->name, false);
            csv_field(out, w->email, false);
            csv_field(out, w->phone, false);
            csv_field(out, w->file, true);
        }
    }
}

/* ---- HTML ------------------------------------------------------------------------------- */

static const char *const labels[CRIT_COUNT] = {"must-have skills", "nice-to-have skills",
                                               "total years", "comparable years", "recency"};
static const char *const colours[CRIT_COUNT] = {"#2f6fdf", "#39a67a", "#e0a030", "#9b59b6",
                                                "#d9534f"};

static const char css[] = REPORT_CSS
    ".miss{color:#b03030}.legend span{margin-right:14px}"
    ".legend i{display:inline-block;width:10px;height:10px;margin-right:4px}"
    "details summary{cursor:pointer;color:#2f6fdf}details ul{margin:4px 0 0 18px;padding:0}"
    "@media print{body{background:#fff}main{box-shadow:none;margin:0}}";

static void
html_histogram(struct buf *out, const size_t *bins)
{
    size_t most = 1;
    const int w = 560, h = 180, bw = 50, base = 150;
    for (int i = 0; i < SCREEN_BINS; i++)
        if (bins[i] > most)
            most = bins[i];
    buf_printf(out,
               "<svg role=\"img\" aria-label=\"score histogram\" width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\" "
               "font-size=\"11\" font-family=\"sans-serif\">",
               w, h, w, h);
    for (int i = 0; i < SCREEN_BINS; i++) {
        int bh = (int)(120.0 * (double)bins[i] / (double)most), x = 20 + i * (bw + 4);
        buf_printf(out,
                   "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2f6fdf\">"
                   "<title>%d to %d: %zu</title></rect>",
                   x, base - bh, bw, bh, i * 10, i == SCREEN_BINS - 1 ? 100 : i * 10 + 9, bins[i]);
        buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%zu</text>", x + bw / 2,
                   base - bh - 4, bins[i]);
        buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%d-%d</text>",
                   x + bw / 2, base + 16, i * 10, i == SCREEN_BINS - 1 ? 100 : i * 10 + 9);
    }
    buf_printf(out, "<line x1=\"16\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/></svg>\n", base,
               w - 10, base);
}

/* The score as a bar of its criteria's points, out of 100. */
static void
html_breakdown(struct buf *out, const struct screen_result *s)
{
    double x = 0;
    buf_puts(out, "<svg width=\"200\" height=\"14\" viewBox=\"0 0 200 14\" "
                  "xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"200\" height=\"14\" "
                  "fill=\"#eceef2\"/>");
    for (int c = 0; c < CRIT_COUNT; c++) {
        double wdt = 2.0 * s->points[c];
        if (wdt <= 0)
            continue;
        buf_printf(out,
                   "<rect x=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\"><title>%s: %.1f of "
                   "%.0f</title></rect>",
                   x, wdt, colours[c], labels[c], s->points[c], s->max[c]);
        x += wdt;
    }
    if (s->capped && s->penalty > 0)
        /* what a missing must-have took off, after the points kept */
        buf_printf(out,
                   "<rect x=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"none\" "
                   "stroke=\"#b03030\" stroke-dasharray=\"3 2\"><title>%.1f points off: a "
                   "must-have is missing</title></rect>",
                   2.0 * s->score, 2.0 * s->penalty, s->penalty);
    buf_puts(out, "</svg>");
}

static void
html_criteria(struct buf *out, const json_t *c)
{
    size_t i;
    const json_t *v;
    buf_puts(out, "<h2>Criteria read from the job description</h2><ul><li>Must-have: ");
    json_array_foreach(json_object_get(c, "must_have"), i, v)
    {
        if (i)
            buf_puts(out, ", ");
        buf_html(out, json_string_value(v));
    }
    if (!json_array_size(json_object_get(c, "must_have")))
        buf_puts(out, "none");
    buf_puts(out, "</li><li>Nice-to-have: ");
    json_array_foreach(json_object_get(c, "nice_to_have"), i, v)
    {
        if (i)
            buf_puts(out, ", ");
        buf_html(out, json_string_value(json_object_get(v, "skill")));
    }
    if (!json_array_size(json_object_get(c, "nice_to_have")))
        buf_puts(out, "none");
    buf_printf(out, "</li><li>Years: at least %lld, of which %lld in a comparable role</li></ul>\n",
               (long long)json_integer_value(json_object_get(c, "min_years")),
               (long long)json_integer_value(json_object_get(c, "min_comparable_years")));
}

void
screen_report_html(const struct screen_report *r, struct buf *out)
{
    const char *title = r->role_title ? r->role_title : r->role_id;
    json_t *reasons = screen_failures_by_reason(r->errors);
    const char *why;
    json_t *count;

    buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                  "<title>Screening: ");
    buf_html(out, title);
    buf_printf(out, "</title><style>%s</style></head><body><main>\n<h1>Screening: ", css);
    buf_html(out, title);
    buf_printf(out,
               "</h1><div class=\"meta\"><span>%zu files</span><span>%zu ranked</span>"
               "<span>%zu could not be read</span><span>%zu shown</span>%s</div>\n",
               r->sum.files, r->sum.ranked, r->sum.failed, r->nrows,
               r->blind ? "<span>blind: names, contact details and file names hidden</span>" : "");
    if (r->criteria)
        html_criteria(out, r->criteria);
    buf_puts(out, "<h2>Scores</h2>");
    html_histogram(out, r->sum.histogram);
    buf_puts(out, "<h2>Ranking</h2><p class=\"legend\">");
    for (int c = 0; c < CRIT_COUNT; c++)
        buf_printf(out, "<span><i style=\"background:%s\"></i>%s</span>", colours[c], labels[c]);
    buf_printf(out,
               "</p><table><thead><tr><th>#</th><th>Score</th><th>Breakdown</th><th>%s</th>"
               "<th>Years</th><th>Missing must-haves</th></tr></thead><tbody>\n",
               r->blind ? "Candidate" : "Candidate and file");
    for (size_t i = 0; i < r->nrows; i++) {
        const struct screen_row *w = &r->rows[i];
        buf_printf(out, "<tr><td class=\"n\">%zu</td><td class=\"n\">%.1f</td><td>", i + 1,
                   w->s.score);
        html_breakdown(out, &w->s);
        buf_puts(out, "<details><summary>why</summary><ul>");
        for (int c = 0; c < CRIT_COUNT; c++) {
            buf_printf(out, "<li><b>%s</b> %.1f of %.0f: ", labels[c], w->s.points[c], w->s.max[c]);
            buf_html(out, w->s.reasons[c]);
            buf_puts(out, "</li>");
        }
        buf_puts(out, "</ul></details></td><td>");
        if (r->blind) {
            buf_printf(out, "<code>%s</code>", w->id);
        } else {
            buf_html(out, w->name ? w->name : "(no name found)");
            buf_puts(out, "<br><small>");
            buf_html(out, w->file);
            buf_puts(out, "</small>");
        }
        buf_printf(out, "</td><td class=\"n\">%.1f</td><td class=\"miss\">", w->experience_years);
        for (size_t m = 0; m < w->s.nmissing; m++) {
            if (m)
                buf_puts(out, ", ");
            buf_html(out, w->s.missing[m]);
        }
        buf_puts(out, "</td></tr>\n");
    }
    buf_puts(out, "</tbody></table>\n");
    if (json_array_size(r->errors)) {
        size_t i;
        const json_t *e;
        buf_puts(out, "<h2>Could not be read</h2><ul>");
        if (r->blind) {
            json_object_foreach(reasons, why, count)
            {
                buf_printf(out, "<li>%lld: ", (long long)json_integer_value(count));
                buf_html(out, why);
                buf_puts(out, "</li>");
            }
        } else {
            json_array_foreach(r->errors, i, e)
            {
                buf_puts(out, "<li>");
                buf_html(out, json_string_value(json_object_get(e, "file")));
                buf_puts(out, ": ");
                buf_html(out, json_string_value(json_object_get(e, "error")));
                buf_puts(out, "</li>");
            }
        }
        buf_puts(out, "</ul>\n");
    }
    buf_puts(out, "</main></body></html>\n");
    json_decref(reasons);
}

/* ---- terminal table --------------------------------------------------------------------- */

void
screen_report_table(const struct screen_report *r, FILE *out, size_t width)
{
    static const char *const head[] = {">RANK", ">SCORE", "CANDIDATE", ">YEARS", "MISSING", "FILE"};
    size_t ncols = r->blind ? 5 : 6;
    struct table t;
    table_init(&t, ncols, head, (int)ncols - 1);
    for (size_t i = 0; i < r->nrows; i++) {
        const struct screen_row *w = &r->rows[i];
        char rank[24], score[24], years[24];
        struct buf miss;
        const char *row[6];
        buf_init(&miss, 1 << 16);
        for (size_t m = 0; m < w->s.nmissing; m++)
            buf_printf(&miss, "%s%s", m ? ", " : "", w->s.missing[m]);
        snprintf(rank, sizeof rank, "%zu", i + 1);
        /* "!" marks a score lowered for a missing must-have (flagged) */
        snprintf(score, sizeof score, "%.1f%s", w->s.score, w->s.capped ? "!" : "");
        snprintf(years, sizeof years, "%.1f", w->experience_years);
        row[0] = rank;
        row[1] = score;
        row[2] = r->blind ? w->id : w->name ? w->name : "-";
        row[3] = years;
        row[4] = w->s.nmissing ? buf_str(&miss) : "-";
        row[5] = w->file;
        table_add(&t, row);
        buf_cleanup(&miss);
    }
    table_print(&t, out, width);
    table_cleanup(&t);
    for (size_t i = 0; i < r->nrows; i++)
        if (r->rows[i].s.capped) {
            fputs("! lowered for a missing must-have (under MISSING); --json gives the points "
                  "taken off\n",
                  out);
            break;
        }
}
