/* SPDX-License-Identifier: MIT */
/*
 * A kit (core/kit.h) for people: a Markdown document to read anywhere and a printable HTML
 * page with the kit style sheet every kit page shares (data/kit/kit.css).
 */
#ifndef RUBRIC_REPORT_KIT_RENDER_H
#define RUBRIC_REPORT_KIT_RENDER_H

#include "core/kit.h"
#include "util/buf.h"

/* The kit as a Markdown document or a printable HTML page, appended to out. */
void kit_render_md(const struct kit *k, struct buf *out);
void kit_render_html(const struct kit *k, struct buf *out);

#endif
