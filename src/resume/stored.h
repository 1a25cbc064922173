/* SPDX-License-Identifier: MIT */
/*
 * Parsed resumes kept in the store and read back: the JSON of `rubric parse` turned into a
 * struct resume again, enough to score it (contact, positions, skills, experience), and the
 * key that says which parser made it, so that a parse by an older parser or taxonomy is
 * made again rather than trusted.
 */
#ifndef RUBRIC_RESUME_STORED_H
#define RUBRIC_RESUME_STORED_H

#include <jansson.h>

#include "resume/resume.h"

/* Bump when the parser finds something different in the same text. */
#define RESUME_PARSER_REVISION 3

/* "rubric parser rREVISION taxonomy HASH" into out (at least 64 bytes). */
void resume_parser_key(const struct skills *taxonomy, char *out, size_t n);

/* Fills *out (resume_cleanup it) from o, the JSON of resume_to_json. Skills are looked up
 * in taxonomy by canonical name (unknown ones are dropped); experience is the union of the
 * positions again, with open ones running to today. RB_EINVAL naming the field when o is
 * not such a JSON. */
enum rb_err resume_from_json(const json_t *o, const struct skills *taxonomy, struct ym today,
                             struct resume *out, char *errmsg);

/* A resume file's bytes (data, len; name in messages) read into *r (resume_cleanup it):
 * text extracted (extract/), redacted first when blind (resume/blind.h), parsed; and when
 * blind, no name, email, phone or link is kept. *format is the format's name (static). On
 * failure errmsg holds the one-line reason. */
struct skillscan;
enum rb_err resume_read(const char *name, const void *data, size_t len, bool blind,
                        struct skillscan *sc, struct ym today, struct resume *r,
                        const char **format, char *errmsg);

/* The hex SHA-256 of data into out (65 bytes). */
void resume_content_hash(const void *data, size_t len, char out[65]);

#endif
