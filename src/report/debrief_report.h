/* SPDX-License-Identifier: MIT */
/*
 * Debriefs, comparisons and insight as people read them, from the JSON of core/debrief.h
 * and core/insight.h: terminal tables, CSV for spreadsheets (formula-looking cells
 * defused), and self-contained HTML reports whose charts are inline SVG (no script, no
 * external resource, every string from the store escaped).
 */
#ifndef RUBRIC_REPORT_DEBRIEF_REPORT_H
#define RUBRIC_REPORT_DEBRIEF_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "util/buf.h"

/* A debrief (debrief_build's JSON): each competency's ratings, flags, recommendations and
 * the summary; the HTML draws each interviewer's rating as a dot on the 1 to 4 scale. */
void debrief_report_table(const json_t *d, FILE *out, size_t width);
void debrief_report_html(const json_t *d, struct buf *out);

/* A comparison (debrief_compare's JSON); the HTML draws grouped bars per competency. */
void debrief_report_compare_table(const json_t *c, FILE *out, size_t width);
void debrief_report_compare_csv(const json_t *c, struct buf *out);
void debrief_report_compare_html(const json_t *c, struct buf *out);

/* Interviewer calibration (insight_interviewers' JSON). */
void debrief_report_interviewers_table(const json_t *c, FILE *out, size_t width);
/* Question insight (insight_questions' JSON). */
void debrief_report_questions_table(const json_t *q, FILE *out, size_t width);
void debrief_report_questions_csv(const json_t *q, struct buf *out);

#endif
