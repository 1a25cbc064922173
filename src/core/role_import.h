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

#endif
