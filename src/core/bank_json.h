/* SPDX-License-Identifier: MIT */
/*
 * JSON for the bank: the one place where questions, search results and stats become JSON,
 * so the CLI's --json, the HTTP API and exports agree. Shapes are documented in
 * docs/FORMATS.md. Every json_t returned is a new reference (json_decref it).
 */
#ifndef RUBRIC_CORE_BANK_JSON_H
#define RUBRIC_CORE_BANK_JSON_H

#include <jansson.h>

#include "core/bank.h"
#include "store/store.h"
#include "util/diag.h"

json_t *question_to_json(const struct question *q);
json_t *competency_to_json(const struct competency *c);
json_t *search_hits_to_json(const struct search_hit *hits, size_t n);
json_t *bank_stats_to_json(const struct bank_stats *st);
/* The whole bank: {"format": "rubric-bank", "version": 1, "competencies", "questions",
 * "synonyms"}. */
json_t *bank_to_json(const struct bank *b);

/* Reads a bank export back (the inverse of bank_to_json). Problems name the JSON path
 * ("questions[3].level") and go to d against file. */
void bank_from_json(struct bank *b, const char *file, const char *data, size_t len,
                    struct diags *d);

/* One question in the JSON of question_to_json into b (problems name "question.FIELD").
 * Used for questions sent to the API. */
void bank_json_read_question(struct bank *b, const char *file, json_t *o, struct diags *d);

/* Replaces \x02 and \x03 snippet marks with open and close. Returns a new string. */
char *snippet_mark(const char *snippet, const char *open, const char *close);

#endif
