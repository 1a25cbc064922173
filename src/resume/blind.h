/* SPDX-License-Identifier: MIT */
/*
 * Blind screening: what should not sway a first pass is taken out of a resume's text
 * before it is read. Lines that state a date of birth, age, address, nationality,
 * citizenship, marital or family status, gender, religion or a photo (with their captions)
 * are blanked, and so are gendered words (he, she, Mrs, husband, ...). Blanking writes
 * spaces over the bytes, so offsets into the text stay valid. Names and contact details
 * are dropped from the parse by the caller (screen), which never shows the file name either.
 */
#ifndef RUBRIC_RESUME_BLIND_H
#define RUBRIC_RESUME_BLIND_H

#include <stddef.h>

/* Redacts text[0..len) in place; returns how many lines or words were blanked. */
size_t blind_redact(char *text, size_t len);

#endif
