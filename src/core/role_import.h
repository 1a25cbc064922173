/* SPDX-License-Identifier: MIT */
/* JSON Resume job descriptions as role profiles (`rubric role import`). */
#ifndef RUBRIC_CORE_ROLE_IMPORT_H
#define RUBRIC_CORE_ROLE_IMPORT_H

#include "core/role.h"

/* Maps the job description in data (named file in messages) onto *r (role_cleanup it).
 * templates give rating anchors (the shipped roles); known lists the competency ids the
 * bank defines (NULL-terminated; NULL: any); taxonomy turns skill keywords into canonical
 * skill names (NULL: kept as written). What could not be mapped goes to notes, one per
 * field. RB_EINVAL with errmsg naming the file and field when it is not a job. */
struct skills;
enum rb_err role_import_job(const char *file, const char *data, size_t len,
                            const struct role_set *templates, const char *const *known,
                            const struct skills *taxonomy, struct role *r, struct diags *notes,
                            char *errmsg);

/* The whole import, for every front end: data is a JSON Resume job (it starts with '{') or a
 * job description in prose (its first line the title; skills and years read from the text);
 * the role uses the store's competencies and the built-in rating anchors and taxonomy. It is
 * stored unless dry (an existing role with the same id is replaced). id (may be NULL)
 * overrides the id made from the title. On success r is filled (free with role_cleanup) and
 * notes lists what could not be mapped. */
struct store;
enum rb_err role_import_run(struct store *s, const char *file, const char *data, size_t len,
                            const char *id, bool dry, struct role *r, struct diags *notes,
                            char *errmsg);

#endif
