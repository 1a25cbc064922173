/* SPDX-License-Identifier: MIT */
/* Users' lifetimes, role names and JSON (model/user_account.h). */
#include "model/user_account.h"

#include <stdlib.h>
#include <string.h>

static const char *const role_names[] = {
    [USER_ADMIN] = "admin",
    [USER_RECRUITER] = "recruiter",
    [USER_INTERVIEWER] = "interviewer",
    [USER_CANDIDATE] = "candidate",
};

void
user_cleanup(struct user *u)
{
    if (!u)
        return;
    free(u->email);
    free(u->name);
    free(u->created_at);
    memset(u, 0, sizeof *u);
}

const char *
user_role_name(int role)
{
    return role >= USER_ADMIN && role <= USER_ROLE_MAX ? role_names[role] : "none";
}

int
user_role_parse(const char *name)
{
    for (int r = USER_ADMIN; r <= USER_ROLE_MAX; r++)
        if (name && strcmp(name, role_names[r]) == 0)
            return r;
    return 0;
}

json_t *
user_to_json(const struct user *u)
{
    return json_pack("{s:I, s:s, s:s?, s:s, s:b, s:s?}", "id", (json_int_t)u->id, "email", u->email,
                     "name", u->name, "role", user_role_name(u->role), "disabled", u->disabled,
                     "created_at", u->created_at);
}
