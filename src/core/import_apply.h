/* SPDX-License-Identifier: MIT */
/*
 * A Markdown question list brought into the store, the same way from the CLI (`rubric bank
 * import`) and the API (`POST /api/v1/bank/imports`): read, checked against the store's
 * competencies, then added, or with a dry run only compared with what is stored.
 */
#ifndef RUBRIC_CORE_IMPORT_APPLY_H
#define RUBRIC_CORE_IMPORT_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/import.h"
#include "store/store.h"

/* Reads the list in data (named file in messages) into set (import_set_init'ed by the
 * caller), filed under competency (NULL: the default 'imported', made when missing; a named
 * one must exist: RB_EINVAL naming it) with source recorded, then adds the questions not yet
 * stored in one transaction, or with dry only says which would be added. r->was_added (new:
 * free it) has one flag per question of set. */
enum rb_err import_apply(struct store *s, const char *file, const char *data, size_t len,
                         const char *source, const char *competency, bool dry,
                         struct import_set *set, struct import_result *r, char *errmsg);

#endif
