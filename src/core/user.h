/* SPDX-License-Identifier: MIT */
/*
 * Users and what they may do. Four roles, from most to least trusted: admin (everything,
 * users included), recruiter (candidates, resumes, screenings, loops), interviewer (the bank,
 * kits, their own interviews) and candidate (practice and their own data).
 */
#ifndef RUBRIC_CORE_USER_H
#define RUBRIC_CORE_USER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/user_account.h"
#include "util/err.h"

/* Checks an email address (a plausible local@domain, at most 254 bytes) and returns it
 * folded to lower case (new), or NULL with errmsg saying what is wrong. */
char *user_email_normal(const char *email, char *errmsg);

/* Checks a new password: 10 to 1024 bytes of UTF-8. */
enum rb_err user_password_check(const char *password, size_t len, char *errmsg);

#endif
