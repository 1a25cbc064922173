/* SPDX-License-Identifier: MIT */
/*
 * A question bank in memory: competencies, questions and synonym groups, as the bank files
 * give them (core/bank.h parses and checks them) and as the store loads and exports them.
 */
#ifndef RUBRIC_MODEL_QUESTION_BANK_H
#define RUBRIC_MODEL_QUESTION_BANK_H

#include <stddef.h>

#include "model/question.h"

struct synonym {
    char *concept; /* as written, lowercase */
    char **alts;
    size_t nalts;
    char *file;
    int line;
};

struct bank {
    struct competency *comps;
    size_t ncomps, capcomps;
    char **comp_files; /* the file each competency came from, parallel to comps */
    int *comp_lines;
    struct question *qs;
    size_t nqs, capqs;
    struct synonym *syns;
    size_t nsyns, capsyns;
};

void bank_init(struct bank *b);
void bank_cleanup(struct bank *b);

/* Adds a competency (the strings are copied; name and summary may be NULL). A second one
 * with the same id is kept only when it comes from a file, so lint can name both places. */
void bank_add_competency(struct bank *b, const char *id, const char *name, const char *summary,
                         const char *file, int line);
/* Adds a question, taking ownership of its members (q is zeroed). */
void bank_add_question_take(struct bank *b, struct question *q);

/* Returns the competency with id, or NULL. Borrowed. */
const struct competency *bank_competency(const struct bank *b, const char *id);

#endif
