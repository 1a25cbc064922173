/* SPDX-License-Identifier: MIT */
/*
 * Voluntary self-identification: the categories a deployment asks about (sex and
 * race/ethnicity unless configured otherwise, "prefer not to say" always among the
 * answers), who may give the answers and who may read them. The answers are special-category
 * personal data: kept apart from hiring (schema 16), written by the candidate (their
 * candidate account, or the careers form) or by a recruiter or admin who records how the
 * candidate consented; read one by one only by the candidate themselves or an admin (the
 * right to read them is admin's alone: see selfid_may_read), every read audited; otherwise
 * only counted, in aggregate, by core/fairness.c. Nothing here prints.
 */
#ifndef RUBRIC_CORE_SELFID_H
#define RUBRIC_CORE_SELFID_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/user.h"
#include "store/store.h"

/* The answer every category offers. */
#define SELFID_PREFER_NOT "prefer_not_to_say"
/* The categories when the deployment configures none: "NAME=ANSWER,ANSWER;NAME=...". */
#define SELFID_DEFAULT                                                                             \
    "sex=female,male,intersex;race_ethnicity=american_indian_or_alaska_native,asian,"              \
    "black_or_african_american,hispanic_or_latino,native_hawaiian_or_pacific_islander,white,"      \
    "two_or_more_races"
#define SELFID_MAX_CATEGORIES 8
#define SELFID_MAX_ANSWERS 24
#define SELFID_NAME_MAX 40
#define SELFID_CONSENT_MAX 500

struct selfid_category {
    char name[SELFID_NAME_MAX + 1];
    char answers[SELFID_MAX_ANSWERS][SELFID_NAME_MAX + 1]; /* SELFID_PREFER_NOT last */
    size_t nanswers;
};

struct selfid_config {
    struct selfid_category cats[SELFID_MAX_CATEGORIES];
    size_t n;
};

/* Reads spec ("NAME=ANSWER,ANSWER;NAME=...": names and answers of a-z, 0-9 and '_', 1 to
 * SELFID_NAME_MAX bytes; NULL or "": SELFID_DEFAULT) into c, adding SELFID_PREFER_NOT to
 * each category that lacks it. RB_EINVAL saying what is wrong and where. */
enum rb_err selfid_config_parse(const char *spec, struct selfid_config *c, char *errmsg);

/* The categories as a new {"categories": [{"name", "answers": [...]}], "prefer_not"}. */
json_t *selfid_config_json(const struct selfid_config *c);

/* Checks answers (an object: category -> answer) against c: every key a category, every
 * value one of its answers. A category left out is simply not answered. RB_EINVAL naming
 * the category. */
enum rb_err selfid_check(const struct selfid_config *c, json_t *answers, char *errmsg);

/* Whether who may read self-identification: one candidate's (beside the candidate
 * themselves) or in aggregate (the fairness report). Admins and the operator (who NULL,
 * the command line) only: a new role would have to be threaded through the account table,
 * every route's role bits and the web app's navigation, and admins already see the audit
 * log that records these reads. */
bool selfid_may_read(const struct user *who);

/* How the answers came. */
enum selfid_source {
    SELFID_BY_CANDIDATE, /* the candidate's own account */
    SELFID_BY_STAFF,     /* a recruiter or admin, with the candidate's consent */
    SELFID_BY_CAREERS,   /* the careers page's application form (who NULL) */
};

/* Replaces candidate's answers (checked by selfid_check) after deciding whether who may:
 * a candidate account whose email is the candidate's; a recruiter or admin only with
 * consent (how the candidate agreed, 1 to SELFID_CONSENT_MAX bytes; RB_EINVAL naming
 * "consent" without it); the careers form (SELFID_BY_CAREERS, who NULL). Interviewers:
 * RB_EDENIED; a candidate account writing for someone else: RB_ENOTFOUND (to a candidate,
 * other candidates do not exist). Audited as a 'change' in the same transaction. */
enum rb_err selfid_write(struct store *s, const struct selfid_config *c, long long candidate,
                         json_t *answers, const struct user *who, enum selfid_source src,
                         const char *consent, char *errmsg);

/* Candidate's answers for who: the candidate's own account or selfid_may_read (else
 * RB_EDENIED, or RB_ENOTFOUND for another candidate's account); the read is recorded in the
 * audit
 * log first (a read that cannot be recorded is refused). *out new: {"candidate",
 * "answers", "given_by", "consent", "at"}. */
enum rb_err selfid_read(struct store *s, long long candidate, const struct user *who, json_t **out,
                        char *errmsg);

#endif
