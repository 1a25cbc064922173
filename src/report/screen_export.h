/* SPDX-License-Identifier: MIT */
/*
 * A screening the server ran, exported as `rubric screen` writes its reports: CSV for
 * spreadsheets and the self-contained HTML report (report/screen_report.h), from what the
 * store keeps (the screening's JSON and its scored results), so the API and the command
 * line render with the same code. In a blind screening a candidate is their resume's id.
 */
#ifndef RUBRIC_REPORT_SCREEN_EXPORT_H
#define RUBRIC_REPORT_SCREEN_EXPORT_H

#include <jansson.h>
#include <stdbool.h>

#include "util/buf.h"
#include "util/err.h"

enum screen_export_format { SCREEN_EXPORT_CSV, SCREEN_EXPORT_HTML };

/* Appends the report of screening (store_screening_get's object) with its results
 * (store_screening_results' items, best first, failures last) to out. RB_EINVAL with
 * errmsg when the stored JSON is not of that shape. */
enum rb_err screen_export(const json_t *screening, const json_t *results,
                          enum screen_export_format format, struct buf *out, char *errmsg);

#endif
