/* SPDX-License-Identifier: MIT */
/* Writing bank files: the inverse of bank_parse, for `rubric bank export --format md`. */
#ifndef RUBRIC_CORE_BANK_MD_H
#define RUBRIC_CORE_BANK_MD_H

#include "core/bank.h"
#include "util/buf.h"

/* Appends to out the bank file of competency c: its header and every question of b whose
 * primary competency is c, in the format of docs/FORMATS.md. Parsing the result gives the
 * same questions back. */
enum rb_err bank_write_md(const struct bank *b, const struct competency *c, struct buf *out);

/* Appends the file of stack track (stack-TRACK.md): a header naming the track and every
 * question of b in it. Questions of a track are left out of bank_write_md. */
enum rb_err bank_write_md_track(const struct bank *b, const char *track, struct buf *out);

/* The distinct tracks of b's questions, at most max, in order of first use; borrowed. */
size_t bank_tracks(const struct bank *b, const char **out, size_t max);

/* Appends the synonyms file of b. */
enum rb_err bank_write_synonyms(const struct bank *b, struct buf *out);

#endif
