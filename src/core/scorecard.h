/* SPDX-License-Identifier: MIT */
/*
 * Scorecards: the blank form of an interview, the rules a filled one must follow, what an
 * amendment changes, and who may see whose. The store keeps them (store.h); the command
 * line and the API share everything here.
 *
 * A scorecard rates each question of the interview's kit on the 1 to 4 scale of its
 * competency's anchors, with notes; rates each competency (by default the question ratings'
 * mean, rounded half down; another rating needs a reason); and ends with a recommendation.
 */
#ifndef RUBRIC_CORE_SCORECARD_H
#define RUBRIC_CORE_SCORECARD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/role.h"
#include "core/user.h"
#include "store/store.h"
#include "util/err.h"

#define SCORECARD_FILE_MAX ((size_t)256 * 1024)
#define SCORECARD_NOTES_MAX 10000u
#define SCORECARD_REASON_MAX 2000u

/* The blank scorecard of an interview (store_interview_get's JSON) whose kit was built for
 * role (NULL when the role is gone: competencies are then the kit's): interview, candidate,
 * stage, role, scale, ratings (question, title, competency, rating null, notes null),
 * competencies (competency, weight, anchors, rating null, override_reason null),
 * recommendation null, notes null. New reference. */
json_t *scorecard_template(json_t *interview, const struct role *role);

/* A filled scorecard, checked: everything store_scorecard_submit needs but the interview,
 * the interviewer and nothing else. */
struct scorecard_form {
    struct scorecard_new card;
    json_t *keep; /* owns the strings card points to */
    struct scorecard_rating *ratings;
    struct scorecard_comp *comps;
    char *original;
};

/* Checks doc (a scorecard as the template shows it, filled in; the fields of
 * store_scorecards' JSON are accepted and ignored) against the interview and role, as
 * scorecard_template reads them. RB_EINVAL with errmsg naming the field at fault
 * ("ratings[2].rating: ..."). *f is filled on success; release it with
 * scorecard_form_cleanup either way. */
enum rb_err scorecard_check(json_t *doc, json_t *interview, const struct role *role,
                            struct scorecard_form *f, char *errmsg);
void scorecard_form_cleanup(struct scorecard_form *f);

/* An amendment: the scorecard now (one item of store_scorecards) with patch applied (any
 * of recommendation, notes, ratings [{question, rating?, notes?}], competencies
 * [{competency, rating?, override_reason?}]). A competency rating that followed its
 * derived value follows the new one unless the patch sets it. New reference, or NULL with
 * errmsg naming the patch field at fault. */
json_t *scorecard_patch(json_t *now, json_t *patch, char *errmsg);

/* What changed from now (store_scorecards' JSON) to f: d->n changes in d->v (none: 0).
 * Release with scorecard_diff_cleanup. */
struct scorecard_diff {
    struct scorecard_change *v;
    size_t n;
    char **owned;
    size_t nowned;
};
void scorecard_diff(json_t *now, const struct scorecard_form *f, struct scorecard_diff *d);
void scorecard_diff_cleanup(struct scorecard_diff *d);

/* The competency rating a list of question ratings (1 to 4) gives: their mean rounded to
 * the nearest, a half rounded down (a tie does not lift a rating); 0 for none. */
int scorecard_derive(const int *ratings, size_t n);

/* The recommendations a scorecard ends with, worst first. */
#define RECOMMENDATIONS "strong-no, no, yes or strong-yes"

/* Whose scorecards of a candidate's loop someone may see. Nobody on the panel sees another
 * interviewer's card before submitting all of their own. */
enum scorecard_view {
    VIEW_NONE, /* candidates, and interviewers not on the panel */
    VIEW_OWN,  /* on the panel with a scorecard still to give */
    VIEW_ALL,  /* recruiters and admins off the panel; a panel member with nothing pending */
};
/* who NULL: the operator of the store (the command line without --as) sees all. */
enum rb_err scorecard_view(struct store *s, long long candidate, const struct user *who,
                           enum scorecard_view *view, char *errmsg);

/* The scorecards of filter f, all in candidate's loop, that who may see (who NULL: the
 * operator, all): *cards new; *complete false when only who's own are shown because they
 * have scorecards of that loop still to give. RB_EDENIED saying why when who may see none of
 * that loop's cards, or when f->id names a card who may not see yet. Every front end that
 * lists one loop's cards calls this. */
enum rb_err scorecard_list(struct store *s, const struct user *who, long long candidate,
                           const struct scorecard_filter *f, json_t **cards, bool *complete,
                           char *errmsg);

/* The loop f names (f->candidate's, else interview f->interview's, else card f->id's) into
 * *candidate, and that loop's cards of f that who may see, as scorecard_list: the one
 * door through which the command line and the API show scorecards. RB_ENOTFOUND without
 * the interview or the card. */
enum rb_err scorecard_find(struct store *s, const struct user *who,
                           const struct scorecard_filter *f, json_t **cards, bool *complete,
                           long long *candidate, char *errmsg);

/* The panel rule over cards of any number of candidates (store_scorecards' JSON array):
 * removes in place every card who may not see, decided per candidate by scorecard_view. A
 * loop who has not finished is left out whole, their own cards too, since figures across a
 * panel (comparisons, calibration) of one's own card alone would mislead. *withheld counts
 * the candidates left out. who NULL keeps all. Used by comparisons and insight. */
enum rb_err scorecard_visible(struct store *s, const struct user *who, json_t *cards,
                              size_t *withheld, char *errmsg);

/* The interview id (*iv, new) and the role its kit was built for (*has_role false when the
 * role is gone; role_cleanup role either way). */
enum rb_err scorecard_context(struct store *s, long long interview, json_t **iv, struct role *role,
                              bool *has_role, char *errmsg);
/* Checks doc and stores it as who's scorecard for interview: *id. RB_EINVAL naming the
 * field, RB_EDENIED when who is not its interviewer, RB_ECONFLICT when submitted already. */
enum rb_err scorecard_submit(struct store *s, long long interview, const struct user *who,
                             json_t *doc, long long *id, char *errmsg);
/* Saves draft (a scorecard as far as it goes: an object, checked for size only, since it
 * may be half filled) as who's draft for interview; base and *revision as
 * store_draft_put. RB_EINVAL when draft is not an object, RB_ETOOBIG over
 * SCORECARD_FILE_MAX, and store_draft_put's errors. */
enum rb_err scorecard_draft_save(struct store *s, long long interview, const struct user *who,
                                 json_t *draft, long long base, long long *revision, char *errmsg);
/* Scorecard id as store_scorecards gives it (*card new); RB_ENOTFOUND. */
enum rb_err scorecard_get(struct store *s, long long id, json_t **card, char *errmsg);
/* Amends scorecard id with patch (see scorecard_patch) for reason, as who (its author or an
 * admin, else RB_EDENIED); *nchanges says how many fields changed (none: RB_EINVAL). */
enum rb_err scorecard_amend(struct store *s, long long id, const struct user *who,
                            const char *reason, json_t *patch, size_t *nchanges, char *errmsg);

#endif
