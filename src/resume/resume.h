/* SPDX-License-Identifier: MIT */
/*
 * Understanding a resume's text: contact details, sections under the headings people use,
 * dated positions, experience as the union of their intervals, skills with their mentions
 * and the last year used, education, projects, certifications, and warnings where a human
 * should look (no dated positions, encoding damage, two columns). Text that pdftotext laid
 * out in two columns is read one column after the other.
 */
#ifndef RUBRIC_RESUME_RESUME_H
#define RUBRIC_RESUME_RESUME_H

#include <jansson.h>
#include <stdint.h>

#include "model/skills.h"
#include "resume/dates.h"
#include "resume/skillscan.h"

struct position {
    char *title;   /* NULL when not found */
    char *company; /* NULL when not found */
    struct date_range range;
    double confidence; /* 0 to 1 */
    size_t from, to;   /* the lines that describe it: byte offsets in the text as read
                        * (two columns read one after the other) */
};

struct resume_skill {
    size_t skill; /* index in the taxonomy */
    unsigned mentions;
    int last_used;      /* year; 0 when no dated position mentions it */
    uint64_t positions; /* bit p: position p mentions it (the first 64 positions) */
};

struct resume {
    char *name, *email, *phone;
    double name_confidence;
    char **links;
    size_t nlinks;
    struct position *positions;
    size_t npositions;
    struct resume_skill *skills;
    size_t nskills;
    char **education;
    size_t neducation;
    int experience_months;
    char **warnings;
    size_t nwarnings;
    /* 0 to 1, 0 when not found: an address or number at the top of the resume is the
     * candidate's; one further down may be a referee's */
    double email_confidence, phone_confidence;
    char **projects; /* the lines naming projects (not their bullets) */
    size_t nprojects;
    char **certifications;
    size_t ncertifications;
};

/* Reads text (UTF-8) into *out (free with resume_cleanup). today closes open ranges. */
enum rb_err resume_parse(const char *text, size_t len, struct skillscan *sc, struct ym today,
                         struct resume *out, char *errmsg);
void resume_cleanup(struct resume *r);

/* The JSON of `rubric parse` (docs/FORMATS.md). New reference. */
json_t *resume_to_json(const struct resume *r, const struct skills *taxonomy, const char *file,
                       const char *format);

struct buf;
/* Appends to out the JSON of resume_to_json, as json_dumps with JSON_COMPACT writes it, byte
 * for byte, without building the tree (a fifth of the time); file NULL leaves the "file"
 * key out, as the stored parses have it. RB_ETOOBIG when out reached its maximum (what was
 * written is then cut short). */
enum rb_err resume_json_write(const struct resume *r, const struct skills *taxonomy,
                              const char *file, const char *format, struct buf *out);

#endif
