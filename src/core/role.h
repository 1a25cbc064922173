/* SPDX-License-Identifier: MIT */
/*
 * Role profiles: what a role at one level does, which competencies count how much (with
 * rating anchors for 1 to 4), which skills are required or welcome, and how much experience
 * it asks for. Read from Markdown (docs/FORMATS.md), imported from a JSON Resume job
 * description, stored, and used to build interview kits.
 */
#ifndef RUBRIC_CORE_ROLE_H
#define RUBRIC_CORE_ROLE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/role_profile.h"
#include "util/diag.h"
#include "util/err.h"

#define ROLE_FILE_MAX (1u << 20)

/* Parses one role file (named file in messages) into set. Problems go to d. */
void role_parse(struct role_set *set, const char *file, const char *data, size_t len,
                struct diags *d);
/* Reads every *.md in dir; RB_EIO with errmsg when dir cannot be read. */
enum rb_err role_read_dir(struct role_set *set, const char *dir, struct diags *d, char *errmsg);
/* Reads the roles compiled into the binary. */
void role_read_builtin(struct role_set *set, struct diags *d);

/* Rules of one role and across the set: required fields, weights, four anchors, no skill in
 * both lists, unique ids, competencies among known (NULL-terminated ids; NULL: not
 * checked), and skills by their canonical names in taxonomy (NULL: not checked). */
struct skills;
void role_check(const struct role_set *set, const char *const *known, const struct skills *taxonomy,
                struct diags *d);

#endif
