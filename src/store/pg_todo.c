/* SPDX-License-Identifier: MIT */
/*
 * The operations the PostgreSQL backend does not have yet: each answers RB_ESTORE, "NAME is
 * not yet available on PostgreSQL" (pg_unavailable), never a crash or a wrong answer. When an
 * area's file (pg_users.c, ...) implements one, its pg_*_ops sets it before pg_todo_ops runs
 * and the stub here is no longer used; delete it then. None is missing today (backup and
 * restore are pg_copy.c's); an operation added to struct store_ops for SQLite first gets its
 * stub here.
 */
#include "store/pg_int.h"

void
pg_todo_ops(struct store_ops *ops)
{
    (void)ops;
}
