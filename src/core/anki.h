/* SPDX-License-Identifier: MIT */
/*
 * Practice decks for Anki: the bank's questions as notes, the question on the front and the
 * points on the back, either as an .apkg package (a zip holding collection.anki2, a SQLite
 * database in Anki's schema 11, and an empty media map) or as a CSV file for Anki's text
 * import (with its #header lines). Notes carry a guid made from the question's id, so that
 * importing a newer export updates them rather than adding copies.
 */
#ifndef RUBRIC_CORE_ANKI_H
#define RUBRIC_CORE_ANKI_H

#include <stdint.h>

#include "core/practice.h"
#include "util/buf.h"

enum anki_format { ANKI_CSV, ANKI_APKG };

/* The largest deck written, in bytes. */
#define ANKI_EXPORT_MAX (256u << 20)

/* Appends to out the deck named deck (Anki's "Parent::Child" names) of the live questions
 * with points in sc's scope, made at now (Unix seconds). */
enum rb_err anki_export(struct store *s, const struct practice_scope *sc, const char *deck,
                        enum anki_format format, long long now, struct buf *out, char *errmsg);

/* Anki's field checksum: the first 32 bits of the SHA-1 of the field's text without HTML. */
uint32_t anki_field_checksum(const char *html);

#endif
