/* SPDX-License-Identifier: MIT */
/*
 * Importing the Markdown question lists people keep on GitHub. The shapes recognised:
 * questions as bulleted or numbered items, as headings, as a short title heading with the
 * question in the paragraph beneath, as <details><summary> blocks, with "Q." or number
 * prefixes, in any language. Section headings become topics; answers and nested points are
 * kept as notes. Tables of contents, back-to-top links, badges, link lists and introductory
 * prose are not questions.
 */
#ifndef RUBRIC_CORE_IMPORT_H
#define RUBRIC_CORE_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/question.h"
#include "util/err.h"

#define IMPORT_FILE_MAX (8u << 20)
#define IMPORT_MAX_QUESTIONS 20000
#define IMPORT_DEFAULT_COMPETENCY "imported"

struct import_skip {
    char *text;
    int line;
};

struct import_set {
    struct question *qs; /* each with source, topic, notes; category technical, any level */
    size_t n, cap;
    struct import_skip *skips; /* repeated within the file */
    size_t nskipped, capskips;
    struct competency competency; /* the "imported" competency, when used */
    bool new_competency;
};

void import_set_init(struct import_set *set);
void import_set_cleanup(struct import_set *set);

/* Reads the Markdown list in data (named file in messages) into set. source is recorded
 * on every question; competency is their competency. RB_EINVAL (with errmsg naming the
 * file and line) for text that is not UTF-8; RB_ETOOBIG past IMPORT_MAX_QUESTIONS. */
enum rb_err import_markdown(const char *file, const char *data, size_t len, const char *source,
                            const char *competency, struct import_set *set, char *errmsg);

/* {"questions": [...], "skipped": [...]}: was_added[i] says whether question i was (or
 * would be) added; those that were not are listed in skipped with the reason. New
 * reference. */
json_t *import_to_json(const struct import_set *set, const unsigned char *was_added);

/* Whether text reads as a question: ends with a question mark of any script, or starts
 * with an interrogative or a request word in one of several languages. Exposed for tests. */
bool import_looks_like_question(const char *text);

#endif
