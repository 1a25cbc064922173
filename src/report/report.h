/* SPDX-License-Identifier: MIT */
/*
 * What Rubric's self-contained HTML reports share (report/screen_report.c,
 * report/debrief_report.c): the page's base style, so that every report looks the same.
 */
#ifndef RUBRIC_REPORT_REPORT_H
#define RUBRIC_REPORT_REPORT_H

/* The page, headings, meta line and tables; a report appends its own rules. */
#define REPORT_CSS                                                                                 \
    "*{box-sizing:border-box}"                                                                     \
    "body{font:10.5pt/1.45 -apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"              \
    "color:#1d2330;margin:0;background:#f4f5f7}"                                                   \
    "main{max-width:1040px;margin:24px auto;background:#fff;padding:28px 36px;"                    \
    "box-shadow:0 1px 4px rgba(0,0,0,.08)}"                                                        \
    "h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.15em;margin:28px 0 8px}"                     \
    ".meta span{display:inline-block;margin-right:14px;color:#555}"                                \
    "table{border-collapse:collapse;width:100%}"                                                   \
    "th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e4e6ea;vertical-align:top}"    \
    "th{font-weight:600;background:#f7f8fa}td.n{text-align:right;font-variant-numeric:tabular-"    \
    "nums}"

#endif
