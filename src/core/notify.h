/* SPDX-License-Identifier: MIT */
/*
 * Notifications: the emails a change causes, queued in the store (store_outbox_add) inside
 * the transaction of that change, so that the change and its mail commit or roll back
 * together and sending (core/mail.h) never holds the change up. Each message says only
 * what its recipient may see in Rubric: an interviewer the interview they sit on (the
 * candidate's name, the stage, the time, the panel), a recruiter that a loop is complete or
 * a screening done (counts, no results), an applicant that their application arrived.
 * Rows about a candidate carry their id, so an erase deletes them.
 */
#ifndef RUBRIC_CORE_NOTIFY_H
#define RUBRIC_CORE_NOTIFY_H

#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

/* The From address and the invites' organizer when an interview has no maker (made from
 * the command line): smtp_from once the settings are read, else this default. */
#define NOTIFY_FROM_DEFAULT "rubric@localhost"
/* Sets the address above for this process; call before any thread starts. NULL or "":
 * the default. */
void notify_set_from(const char *from);
const char *notify_from(void);

/* Interview id's invite as iCalendar (*ics new, free), stamped now (unix seconds): a
 * REQUEST, or a CANCEL once it is cancelled. RB_ENOTFOUND; RB_EINVAL when it has no time
 * (errmsg says how to give it one). */
enum rb_err notify_invite(struct store *s, long long id, long long now, char **ics, char *errmsg);

/* Why an interview's panel hears of it. */
enum notify_why { NOTIFY_NEW, NOTIFY_MOVED, NOTIFY_CANCELLED };
/* Queues interview id's invite for each member of its panel. An interview without a time
 * queues nothing (there is nothing to put in a calendar yet). */
enum rb_err notify_interview(struct store *s, long long id, enum notify_why why, long long now,
                             char *errmsg);
/* After a scorecard for interview was submitted: when it was the last one missing in its
 * loop, queues a note to the recruiters. */
enum rb_err notify_scorecard(struct store *s, long long interview, long long now, char *errmsg);
/* After screening id finished (or failed): a note to the account that started it. */
enum rb_err notify_screening(struct store *s, long long id, long long now, char *errmsg);
/* After an application through the careers page: the confirmation to the applicant at
 * email (name may be NULL), about candidate, for the opening titled title. */
enum rb_err notify_applied(struct store *s, long long candidate, const char *email,
                           const char *name, const char *title, long long now, char *errmsg);

#endif
