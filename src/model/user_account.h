/* SPDX-License-Identifier: MIT */
/*
 * A user account in memory and its role (core/user.h holds the rules for addresses and
 * passwords): four roles, from most to least trusted.
 */
#ifndef RUBRIC_MODEL_USER_ACCOUNT_H
#define RUBRIC_MODEL_USER_ACCOUNT_H

#include <jansson.h>
#include <stdbool.h>

enum user_role {
    USER_ADMIN = 1,
    USER_RECRUITER,
    USER_INTERVIEWER,
    USER_CANDIDATE,
    USER_ROLE_MAX = USER_CANDIDATE
};

/* Role bits, for what a route allows. */
#define ROLE_BIT(r) (1u << (r))
#define ROLES_ALL                                                                                  \
    (ROLE_BIT(USER_ADMIN) | ROLE_BIT(USER_RECRUITER) | ROLE_BIT(USER_INTERVIEWER) |                \
     ROLE_BIT(USER_CANDIDATE))
#define ROLES_STAFF (ROLE_BIT(USER_ADMIN) | ROLE_BIT(USER_RECRUITER) | ROLE_BIT(USER_INTERVIEWER))
#define ROLES_HIRING (ROLE_BIT(USER_ADMIN) | ROLE_BIT(USER_RECRUITER))

struct user {
    long long id;
    char *email; /* folded to lower case */
    char *name;  /* NULL when not given */
    int role;    /* enum user_role */
    bool disabled;
    char *created_at; /* ISO 8601 UTC */
};

void user_cleanup(struct user *u);

const char *user_role_name(int role);
/* The role called name, or 0. */
int user_role_parse(const char *name);

/* {"id", "email", "name", "role", "disabled", "created_at"}. New reference. */
json_t *user_to_json(const struct user *u);

#endif
