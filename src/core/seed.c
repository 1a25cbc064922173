/* SPDX-License-Identifier: MIT */
/* The built-in bank and roles loaded into a store that lacks them (core/seed.h). */
#include "core/seed.h"

#include <stdbool.h>
#include <string.h>

#include "core/bank.h"
#include "core/role.h"
#include "util/diag.h"

static enum rb_err
seed_bank(struct store *s, struct seed_result *r, bool *had_bank, char *errmsg)
{
    struct bank_stats st;
    struct bank b;
    struct diags d;
    struct load_result lr;
    enum rb_err e = store_bank_stats(s, &st, errmsg);

    if (e)
        return e;
    if (st.questions || st.retired) {
        *had_bank = true;
        bank_stats_cleanup(&st);
        return RB_OK;
    }
    bank_stats_cleanup(&st);
    bank_init(&b);
    diags_init(&d, 0);
    bank_read_builtin(&b, &d);
    memset(&lr, 0, sizeof lr);
    e = store_bank_load(s, &b, &lr, errmsg);
    if (!e)
        r->questions = lr.added;
    bank_cleanup(&b);
    diags_cleanup(&d);
    return e;
}

static enum rb_err
seed_roles(struct store *s, struct seed_result *r, char *errmsg)
{
    struct role_set have, builtin;
    struct diags d;
    enum rb_err e;

    role_set_init(&have);
    role_set_init(&builtin);
    diags_init(&d, 0);
    if ((e = store_role_list(s, &have, errmsg)) || have.n)
        goto out;
    role_read_builtin(&builtin, &d);
    e = store_roles_save(s, builtin.v, builtin.n, "built-in", errmsg);
    if (!e) {
        r->roles = builtin.n;
    } else if (e == RB_EINVAL) {
        /* a bank of another field: its roles are the user's to load */
        e = RB_OK;
        errmsg[0] = '\0';
    }
out:
    role_set_cleanup(&have);
    role_set_cleanup(&builtin);
    diags_cleanup(&d);
    return e;
}

enum rb_err
seed_builtin(struct store *s, unsigned what, struct seed_result *r, char *errmsg)
{
    enum rb_err e = RB_OK;
    bool had_bank = false;

    memset(r, 0, sizeof *r);
    if (what & (SEED_BANK | SEED_FRESH))
        e = seed_bank(s, r, &had_bank, errmsg);
    if (!e && had_bank && (what & SEED_FRESH))
        return RB_OK;
    if (!e && (what & (SEED_ROLES | SEED_FRESH)))
        e = seed_roles(s, r, errmsg);
    return e;
}
