/* SPDX-License-Identifier: MIT */
/*
 * The fairness module's results for people (core/fairness.h computes them): the
 * adverse-impact report as a terminal table, CSV and a self-contained HTML page, and the
 * candidate notice's HTML.
 */
#ifndef RUBRIC_REPORT_FAIRNESS_RENDER_H
#define RUBRIC_REPORT_FAIRNESS_RENDER_H

#include <jansson.h>
#include <stdio.h>

#include "util/buf.h"

/* The report as a terminal table, CSV (one row per group: category, group, entered,
 * passed, rate, impact_ratio, four_fifths, p_value) and a self-contained HTML page with an
 * inline SVG bar chart of the selection rates (no external assets, no script). */
void fairness_report_table(const json_t *r, FILE *out, size_t width);
void fairness_report_csv(const json_t *r, struct buf *b);
void fairness_report_html(const json_t *r, struct buf *b);

/* The candidate-facing notice (our words): what Rubric evaluates and with which features,
 * how a person reviews every decision, what self-identification is for, and how to ask for
 * another process or a person's review; contact is who to ask (NULL: "the recruiter who
 * wrote to you"). The body's HTML (from <h1>, no page around it) into b; served at
 * /careers/notice and printed by `rubric fairness notice`. */
void fairness_notice_html(struct buf *b, const char *contact);

#endif
