/* SPDX-License-Identifier: MIT */
/*
 * The question model shared by the bank parser, the store and both front ends: categories,
 * levels, points and competencies, with their names as people write them.
 */
#ifndef RUBRIC_MODEL_QUESTION_H
#define RUBRIC_MODEL_QUESTION_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "util/err.h"

enum category {
    CAT_SCREENING,
    CAT_TECHNICAL,
    CAT_SYSTEM_DESIGN,
    CAT_CODING,
    CAT_TROUBLESHOOTING,
    CAT_BEHAVIORAL,
    CAT_PAST_PROJECT,
    CAT_COUNT
};

enum level {
    LEVEL_JUNIOR = 1,
    LEVEL_MID,
    LEVEL_SENIOR,
    LEVEL_ARCHITECT,
    LEVEL_MAX = LEVEL_ARCHITECT
};

/* What a point is, in the order the sections are written. */
enum point_kind {
    POINT_SHOWS,     /* "A good answer shows" */
    POINT_PITFALL,   /* "Pitfalls" */
    POINT_RED_FLAG,  /* "Red flags" */
    POINT_FOLLOW_UP, /* "Follow-ups" */
    POINT_STAR,      /* "A complete STAR answer" */
    POINT_NOTE,      /* "Notes" */
    /* the graded guidance (docs/FORMATS.md); after the first six so stored kinds keep
     * their numbers */
    POINT_BONUS,       /* "Bonus points": what a strong answer adds */
    POINT_GRADE,       /* "Grades": what a 1, 2, 3 or 4 answer looks like (tag: 1-4) */
    POINT_BY_LEVEL,    /* "By level": what one level must show (tag: enum level) */
    POINT_INTERVIEWER, /* "Interviewer notes": how to run the question, what not to score */
    POINT_KIND_COUNT
};

struct point {
    enum point_kind kind;
    int line;        /* where it was read from; 0 when unknown */
    char *text;      /* Markdown, as written */
    char **concepts; /* bold key concepts, plain text */
    size_t nconcepts;
    int tag; /* POINT_GRADE: the grade 1-4; POINT_BY_LEVEL: the level; else 0 */
};

struct question {
    char *id;
    char *title;
    char *text; /* Markdown, as written */
    enum category category;
    int level_min, level_max; /* enum level */
    int minutes;
    char **competencies; /* the first is the primary one */
    size_t ncompetencies;
    struct point *points;
    size_t npoints;
    char *source;  /* NULL unless imported */
    char *topic;   /* NULL unless set */
    char **skills; /* canonical skill names of the taxonomy ("java", "spring"); may be 0 */
    size_t nskills;
    char *track; /* the stack track of its file ("java-spring"), NULL for the others */
    /* where it was read from (NULL and 0 when it came from the store) */
    char *file;
    int line;
};

struct competency {
    char *id;
    char *name;
    char *summary;
};

/* Names as written in files and on the command line ("system-design", "mid"). */
const char *category_name(enum category c);
/* Returns the category for name, or -1. */
int category_parse(const char *name, size_t len);
const char *level_name(int level);
/* Returns the level for name, or 0. */
int level_parse(const char *name, size_t len);
/* Parses "mid" or "mid-senior" into *min and *max; false when it is neither. */
bool level_range_parse(const char *s, size_t len, int *min, int *max);
/* Writes "mid" or "mid-senior" into out (at least 24 bytes). */
void level_range_format(int min, int max, char *out, size_t outlen);
/* The section heading for kind ("A good answer shows"). */
const char *point_kind_heading(enum point_kind k);
/* Whether points of kind k carry a tag (a grade or a level) written "N: text". */
bool point_kind_tagged(enum point_kind k);
/* The short name used in JSON ("shows", "pitfall", ...). */
const char *point_kind_name(enum point_kind k);
int point_kind_parse(const char *name, size_t len);

/* A competency or question id: 3 to 64 of [a-z0-9-], starting with a letter. */
bool question_id_valid(const char *s, size_t len);

/* Frees the members of q (not q itself); accepts a zeroed question. */
void question_cleanup(struct question *q);
void competency_cleanup(struct competency *c);
/* Deep-copies src into dst. */
void question_copy(struct question *dst, const struct question *src);

/* Returns a new 16-hex-digit key of text's words, folded (case, accents, width) and joined
 * by single spaces: two texts that differ only in punctuation, case or spacing share it. */
char *question_text_key(const char *text, size_t len);

/* Returns a new string: Markdown text without its emphasis and code marks ('*', '`'), as
 * indexed for search, so that snippets show words rather than syntax. */
char *question_search_text(const char *md);

/* Returns a new 16-hex-digit digest of everything q holds but its file and line: equal
 * digests mean a reload would change nothing. */
char *question_digest(const struct question *q);

/* The points of a question as a JSON array text ([{"kind", "text", "concepts"}]), as the
 * store keeps them. Returns a new string (free with free()). */
char *points_to_json_text(const struct point *p, size_t n);
/* The tag of a point of kind read from its JSON object: "grade" (1-4) of a grade, "level"
 * of a by-level item; 0 for other kinds or when missing or out of range. */
int point_tag_from_json(enum point_kind kind, json_t *point);
/* Reads such an array back into *p (new; free each with the question) and *n. RB_EINVAL
 * when the text is not that shape. */
enum rb_err points_from_json_text(const char *text, struct point **p, size_t *n);

#endif
