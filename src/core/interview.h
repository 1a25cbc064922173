/* SPDX-License-Identifier: MIT */
/*
 * Interviews in a candidate's loop: who may interview, and making one, with its kit built
 * for the candidate's role and stage and frozen in it. Shared by the command line and the
 * API.
 */
#ifndef RUBRIC_CORE_INTERVIEW_H
#define RUBRIC_CORE_INTERVIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/kit.h"
#include "core/user.h"
#include "store/store.h"
#include "util/err.h"

#define INTERVIEWERS_MAX 16

struct interview_request {
    long long candidate;
    enum stage stage;
    const long long *interviewers; /* account ids (interview_interviewers) */
    size_t ninterviewers;
    int minutes;    /* 0: the stage's default */
    const char *at; /* ISO 8601, or NULL */
    uint64_t seed;  /* the kit's */
    long long by;   /* the account making it; 0: the command line */
    /* the application it belongs to; 0: the candidate's only one, or none when they hold
     * none or several */
    long long application;
    const char *zone; /* an IANA time zone for its invites, or NULL: UTC */
};

/* The accounts with these emails, as interviewers: *ids. RB_EINVAL naming the email when
 * there is no such account, or it is disabled or a candidate's. */
enum rb_err interview_interviewers(struct store *s, const char *const *emails, size_t n,
                                   long long *ids, char *errmsg);

/* Whether u may sit on a panel: an enabled account that is not a candidate's. */
bool interview_may_interview(const struct user *u);
/* Who may see an interview and its kit: recruiters and admins every one; an interviewer
 * those whose panel (iv's "interviewers", emails, as store_interview_get gives them) names
 * them. The API's interview, kit, scorecard and draft routes all ask this. */
bool interview_visible(const struct user *who, const json_t *iv);
/* The panel member a list of interviews is limited to for who: 0 (all) for recruiters and
 * admins unless they ask for their own (mine) or for what waits on them (waiting), else
 * who's own id. */
long long interview_list_scope(const struct user *who, bool mine, bool waiting);
/* Everyone who may interview, by email: *out (new) [{"email", "name", "role"}]. */
enum rb_err interview_people(struct store *s, json_t **out, char *errmsg);
/* Builds a kit for the role of the application's opening (else the candidate's role) at
 * the request's stage, avoiding the questions of every earlier kit of the candidate in any
 * application, saves it, and makes the interview with the kit frozen in it: *id.
 * *partial says the bank could not fill every slot. RB_ENOTFOUND without the candidate;
 * RB_EINVAL when there is no role, the application is another candidate's, or the time or
 * the zone cannot be read. With a time, each panel member's invite is queued
 * (core/notify.h) in the same transaction. */
enum rb_err interview_create(struct store *s, const struct interview_request *r, long long *id,
                             bool *partial, char *errmsg);

/* Moves interview id to at (NULL: the same time) and zone (NULL: the same; "": UTC), or
 * cancels it, and queues the new invite (a REQUEST, or a CANCEL) for its panel, in one
 * transaction; now is unix seconds. RB_ENOTFOUND; RB_ECONFLICT when it is cancelled
 * already; RB_EINVAL saying what is wrong with the time or the zone. */
enum rb_err interview_reschedule(struct store *s, long long id, const char *at, const char *zone,
                                 bool cancel, long long now, char *errmsg);

/* An interview's time as people and the API write it ("2026-12-08", "2026-12-08T10:00",
 * "...:30Z", "...:30.5+02:00") as seconds since the epoch, UTC, into *out; false when t (a
 * NUL-terminated string, possibly NULL) is not one. */
bool interview_time_parse(const char *t, long long *out);

/* Interviews as store_interview_find summarises them (with "candidate_name", "role" and
 * "panel"): of candidate (0: any), with the account interviewer on the panel (0: any), by
 * id; upcoming: only those scheduled after now (seconds since the epoch, UTC), soonest
 * first. A time written with an offset ("+02:00") is compared in UTC; one that cannot be
 * read is not upcoming. *items is new. */
enum rb_err interview_list(struct store *s, long long candidate, long long interviewer,
                           bool upcoming, long long now, json_t **items, char *errmsg);

#endif
