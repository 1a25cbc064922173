/* SPDX-License-Identifier: MIT */
/*
 * A screening's results as people read them: JSON for machines, CSV for spreadsheets, an
 * HTML report (ranked table, score histogram and each candidate's breakdown as inline SVG,
 * no external assets) and the terminal table. In blind mode no output holds a name,
 * contact detail or file name: a candidate is the first 12 hex digits of their file's
 * SHA-256, which the recruiter can map back with a non-blind run.
 */
#ifndef RUBRIC_REPORT_SCREEN_REPORT_H
#define RUBRIC_REPORT_SCREEN_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "core/screening.h"
#include "util/buf.h"

struct screen_report {
    const char *role_id, *role_title;
    const json_t *criteria; /* from a job description, or NULL for a stored role */
    bool blind;
    const struct screen_row *rows; /* shown, best first */
    size_t nrows;
    const json_t *errors; /* [{"file", "error"}], by file */
    struct screen_summary sum;
};

/* {"role", "criteria"?, "blind", "candidates": [...], "errors": [...], "summary": {...}}
 * (docs/FORMATS.md). New reference. */
json_t *screen_report_json(const struct screen_report *r);
void screen_report_csv(const struct screen_report *r, struct buf *out);
void screen_report_html(const struct screen_report *r, struct buf *out);
void screen_report_table(const struct screen_report *r, FILE *out, size_t width);

/* Failures counted by reason: {"reason": count}. New reference. */
json_t *screen_failures_by_reason(const json_t *errors);

#endif
