/* SPDX-License-Identifier: MIT */
/*
 * The operations the PostgreSQL backend does not have yet: each answers RB_ESTORE, "NAME is
 * not yet available on PostgreSQL" (pg_unavailable), never a crash or a wrong answer. When an
 * area's file (pg_users.c, ...) implements one, its pg_*_ops sets it before pg_todo_ops runs
 * and the stub here is no longer used; delete it then.
 */
#include "store/pg_int.h"

/* The stubs keep the operations' signatures, out-parameters and all, and use none of them. */
/* NOLINTBEGIN(readability-non-const-parameter) */
static enum rb_err
todo_backup(struct store *s, const char *path, char *errmsg)
{
    (void)s;
    (void)path;
    return pg_unavailable("backup", errmsg);
}

static enum rb_err
todo_restore(struct store *s, const char *path, int latest, char *errmsg)
{
    (void)s;
    (void)path;
    (void)latest;
    return pg_unavailable("restore", errmsg);
}

/* NOLINTEND(readability-non-const-parameter) */

void
pg_todo_ops(struct store_ops *ops)
{
    if (!ops->backup)
        ops->backup = todo_backup;
    if (!ops->restore)
        ops->restore = todo_restore;
}
