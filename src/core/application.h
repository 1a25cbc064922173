/* SPDX-License-Identifier: MIT */
/*
 * Applications: a candidate in one opening's pipeline. The rules live here once: a new
 * application lands at its opening's first stage; it moves only to a stage its opening has,
 * by those core/opening.h allows; every move is in its history; a candidate holds at most
 * one application per opening; and the old single-stage view of a candidate
 * (`rubric candidate stage`, POST /candidates/{id}/stage) acts on their one application.
 *
 * The careers page's applications come in through application_apply: an open opening,
 * limits per address, a honeypot, consent, the resume kept and parsed as uploads are, the
 * application merged with an earlier one from the same email, and a screening queued
 * against the opening's criteria (or its role).
 */
#ifndef RUBRIC_CORE_APPLICATION_H
#define RUBRIC_CORE_APPLICATION_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/intake.h"
#include "core/opening.h"
#include "store/store.h"
#include "util/err.h"

#define APPLICATION_SOURCES "careers, upload, referral, screening or manual"

/* A new application to opening from in (ApplicationCreate): *id. RB_EINVAL naming the
 * field; RB_EDENIED when who may not change the opening; RB_ENOTFOUND without it;
 * RB_ECONFLICT when the candidate holds one to it already. */
enum rb_err application_create(struct store *s, long long opening, json_t *in,
                               const struct user *who, long long *id, char *errmsg);
/* A new candidate straight into an opening, for POST /candidates with "opening" (in:
 * CandidateCreate): their application is made as application_create makes it (source
 * "screening" with a screening's resume, else "manual"), so a candidate added with an opening
 * named is never without one. *candidate is the candidate's id (an existing one when the
 * resume is theirs already). RB_EINVAL naming the field ("role" with an opening: the
 * opening's role is theirs); as application_create otherwise. */
enum rb_err application_candidate_create(struct store *s, const json_t *in, const struct user *who,
                                         long long *candidate, char *errmsg);
/* The application when who may see its opening: *out new (ApplicationWithHistory). */
enum rb_err application_read(struct store *s, long long id, const struct user *who, json_t **out,
                             char *errmsg);
/* Moves application id to stage (a stage of its opening), with why (may be NULL, except
 * for a stage of kind rejected: RB_EINVAL naming "reason" without one).
 * RB_EINVAL naming the stages there are; RB_ECONFLICT when it is there already;
 * RB_EDENIED when who may not move it. */
enum rb_err application_move(struct store *s, long long id, const char *stage, const char *reason,
                             const struct user *who, char *errmsg);
/* A candidate's stage as before openings: moves their one application to the stage of that
 * name (else the first of that kind) of its opening; with no application, the candidate
 * alone; with several, RB_ECONFLICT naming them. stage is one of CANDIDATE_STAGES;
 * "rejected" needs a reason (RB_EINVAL naming "reason"). */
enum rb_err application_candidate_stage(struct store *s, long long candidate, const char *stage,
                                        const char *reason, const struct user *who, char *errmsg);

/* A careers-page application. */
struct apply_form {
    const char *name, *email, *phone;
    const char *consent;  /* must be "yes" */
    const char *honeypot; /* must be empty */
    const char *filename;
    const void *resume;
    size_t resume_len;
    const char *address_key; /* the client's address, hashed (the rate limit's key) */
    long long now;           /* Unix seconds */
    /* the answers to the opening's own questions, by field name ("q-" and the question's
     * id): a plain field's value, or a file (false when absent); either may be NULL when the
     * form has no such fields */
    const char *(*field)(void *ctx, const char *name);
    bool (*file)(void *ctx, const char *name, const char **filename, const void **data,
                 size_t *len);
    void *ctx;
};
#define APPLY_ANSWER_MAX 2000 /* bytes of a text answer */
/* What a careers-page application needs from the server. */
struct apply_env {
    const struct opening_reader *reader;
    int per_hour; /* applications accepted per address per hour */
};
/* The careers page's rate limit's window, in seconds: per_hour applications within it. */
#define APPLY_WINDOW 3600
/* Field errors of a form, for showing next to each field. */
struct apply_errors {
    char name[160], email[160], consent[160], resume[160];
    char questions[OPENING_QUESTIONS_MAX][160]; /* by the opening's questions' order */
    long long retry_after; /* with RB_ERATE: seconds until this address may send one again */
};
/* Takes an application to open opening id. RB_ENOTFOUND when it is not open; RB_ERATE
 * when the address sent per_hour in the last APPLY_WINDOW seconds (nothing is kept: the same
 * form sent fe->retry_after seconds later is taken); RB_EINVAL with fe filled for each field at
 * fault (errmsg: the first); a filled honeypot answers RB_OK and keeps nothing. *app is the
 * application (0 for the honeypot). The opening's own questions are answered through
 * f->field and f->file: an answer a required question lacks, a choice not among its choices
 * or text over APPLY_ANSWER_MAX is a field error ("q-ID: ..."); the answers are kept with the
 * application (store_application_answers), a file as a resume row of the candidate, named
 * by its id. */
enum rb_err application_apply(struct store *s, long long id, const struct apply_form *f,
                              const struct apply_env *env, struct apply_errors *fe, long long *app,
                              char *errmsg);

/* A recruiter's upload of one resume (POST /resumes): the intake (intake_upload), for candidate (0:
 * none), and with opening (0: none) an application to it made with the resume (source
 * "upload") and its screening queued against the opening's criteria: the candidate's, or a
 * new candidate named as the resume names them (else by the file's name). A candidate who
 * holds an application to the opening already keeps it as it was. RB_EDENIED when who may
 * not add to the opening, RB_ENOTFOUND without it; as application_create otherwise. */
enum rb_err application_upload(struct store *s, const char *filename, const void *data, size_t len,
                               long long candidate, long long opening, const struct user *who,
                               const struct opening_reader *rd, struct intake_result *out,
                               char *errmsg);

#endif
