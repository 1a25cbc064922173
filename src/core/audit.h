/* SPDX-License-Identifier: MIT */
/*
 * The audit log's vocabulary and its checked doors: every entry names one of
 * AUDIT_ACTIONS, and a listing filtered by action names one too. The store keeps actions
 * as strings; this module decides which are valid.
 */
#ifndef RUBRIC_CORE_AUDIT_H
#define RUBRIC_CORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* What an audit entry records. */
#define AUDIT_ACTIONS "view, create, change, export or erase"

/* Whether action is one of AUDIT_ACTIONS (NULL is not). */
bool audit_action_known(const char *action);

/* store_audit_append after checking its arguments: action one of AUDIT_ACTIONS and what 1 to
 * 200 bytes, else RB_EINTERNAL (a caller's bug). */
enum rb_err audit_append(struct store *s, const struct audit_actor *who, const char *action,
                         const long long *candidates, size_t n, const char *what, char *errmsg);

/* store_audit_list after checking the filter: RB_EINVAL naming the actions when f->action is
 * set and not one of them. */
enum rb_err audit_list(struct store *s, const struct audit_filter *f, size_t limit, size_t offset,
                       json_t **items, size_t *total, char *errmsg);

#endif
