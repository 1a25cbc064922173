/* SPDX-License-Identifier: MIT */
/* The binary formats, each in its own file, for extract.c only. Same contract as
 * extract_buffer for one known format. */
#ifndef RUBRIC_EXTRACT_FORMATS_H
#define RUBRIC_EXTRACT_FORMATS_H

#include "extract/extract.h"

enum rb_err docx_text(const unsigned char *data, size_t len, const struct extract_limits *lim,
                      struct extracted *out, char *errmsg);
enum rb_err pdf_text(const unsigned char *data, size_t len, const struct extract_limits *lim,
                     struct extracted *out, char *errmsg);

#endif
