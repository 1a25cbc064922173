/* SPDX-License-Identifier: MIT */
/* The audit log's actions and its checked doors (core/audit.h). */
#include "core/audit.h"

#include <stdio.h>
#include <string.h>

static const char *const actions[] = {"view", "create", "change", "export", "erase"};

bool
audit_action_known(const char *action)
{
    for (size_t i = 0; action && i < sizeof actions / sizeof actions[0]; i++)
        if (strcmp(action, actions[i]) == 0)
            return true;
    return false;
}

enum rb_err
audit_append(struct store *s, const struct audit_actor *who, const char *action,
             const long long *candidates, size_t n, const char *what, char *errmsg)
{
    if (!audit_action_known(action) || !what || !*what || strlen(what) > 200) {
        snprintf(errmsg, RB_ERRMSG, "audit: an action (%s) and what, 1 to 200 bytes (a bug)",
                 AUDIT_ACTIONS);
        return RB_EINTERNAL;
    }
    return store_audit_append(s, who, action, candidates, n, what, errmsg);
}

enum rb_err
audit_list(struct store *s, const struct audit_filter *f, size_t limit, size_t offset,
           json_t **items, size_t *total, char *errmsg)
{
    *items = NULL;
    *total = 0;
    if (f->action && !audit_action_known(f->action)) {
        snprintf(errmsg, RB_ERRMSG, "action: %s, not '%.40s'", AUDIT_ACTIONS, f->action);
        return RB_EINVAL;
    }
    return store_audit_list(s, f, limit, offset, items, total, errmsg);
}
