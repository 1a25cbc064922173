/* SPDX-License-Identifier: MIT */
/*
 * A fresh store made usable: the built-in bank when the store has never held a question,
 * the built-in roles when it holds none and its bank defines their competencies. The server
 * runs it on start and the command line when a command needs the bank or the roles, so both
 * see the same store. Nothing is replaced: a store with a bank or roles of its own keeps them.
 */
#ifndef RUBRIC_CORE_SEED_H
#define RUBRIC_CORE_SEED_H

#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

/* SEED_FRESH: only a store that has never held a question (live or retired) is seeded, with
 * both; a store with a bank of its own is left as it is, roles and all. */
enum seed_what { SEED_BANK = 1, SEED_ROLES = 2, SEED_ALL = 3, SEED_FRESH = 4 };

struct seed_result {
    size_t questions; /* questions of the built-in bank loaded now (0: none needed) */
    size_t roles;     /* built-in roles stored now (0: none needed, or the bank lacks them) */
};

/* Loads what of `what` the store lacks, each in its own transaction. Roles are skipped,
 * not an error, when the store's bank does not define their competencies (a bank of
 * another field). *r is zeroed first. RB_OK, or the store's error with errmsg. */
enum rb_err seed_builtin(struct store *s, unsigned what, struct seed_result *r, char *errmsg);

#endif
