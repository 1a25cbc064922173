/* SPDX-License-Identifier: MIT */
/*
 * Openings: one job a team hires for. The rules live here once, for the command line and
 * the API alike: the fields and their limits, the stages (an ordered list of names, each
 * of a candidate-stage kind; a default set), the status transitions (draft -> open <->
 * on-hold -> closed or filled; closed -> open), the hiring team (accounts by email), the
 * criteria read from the description, and who may see or change what.
 *
 * Input is JSON shaped as the API's OpeningCreate and OpeningUpdate (the command line
 * builds the same objects from its options); output is the store's Opening JSON.
 */
#ifndef RUBRIC_CORE_OPENING_H
#define RUBRIC_CORE_OPENING_H

#include <jansson.h>
#include <stdbool.h>

#include "core/user.h"
#include "model/skills.h"
#include "resume/skillscan.h"
#include "store/store.h"
#include "util/err.h"

#define OPENING_STATUSES "draft, open, on-hold, closed or filled"
#define OPENING_STAGES_MAX 30
#define OPENING_TITLE_MAX 200
#define OPENING_DESCRIPTION_MAX 65536

/* What reads a description into criteria; sc NULL: criteria are left out. */
struct opening_reader {
    struct skillscan *sc;
    const struct skills *taxonomy;
};

/* Whether s is one of OPENING_STATUSES. */
bool opening_status_valid(const char *s);
/* Whether an opening at status from may be moved to status to. */
bool opening_transition_ok(const char *from, const char *to);
/* The default stages: applied, screened, interviewing, offer, hired, rejected, withdrawn,
 * each of its own kind. New reference. */
json_t *opening_default_stages(void);
/* Checks a stage list (see OpeningStages in docs/openapi.json). RB_EINVAL with errmsg
 * naming the item at fault ("stages[2].name: ..."). */
enum rb_err opening_stages_check(const json_t *stages, char *errmsg);
/* The kind of stage in opening's stages (borrowed), or NULL when it has no such stage. */
const char *opening_stage_kind(const json_t *opening, const char *stage);
/* The first stage of the opening with kind (borrowed name), or NULL. */
const char *opening_stage_of_kind(const json_t *opening, const char *kind);

/* Who may: see an opening and its applications (admins, recruiters, its hiring manager);
 * change it (admins, its recruiters: every recruiter when it names none); move its
 * applications (those who may change it, and its hiring manager). who NULL: the command
 * line, which may do anything. opening: the store's JSON (with team_ids). */
bool opening_may_see(const struct user *who, const json_t *opening);
bool opening_may_change(const struct user *who, const json_t *opening);
bool opening_may_move(const struct user *who, const json_t *opening);

/* The audit actor for who (NULL: the command line). */
struct audit_actor opening_actor(const struct user *who);

/* A new opening from in (OpeningCreate), in draft: *id. RB_EINVAL with errmsg naming the
 * field ("team.panel[1]: ...") for bad input; RB_EDENIED when who may not add openings. */
enum rb_err opening_create(struct store *s, json_t *in, const struct opening_reader *rd,
                           const struct user *who, long long *id, char *errmsg);
/* Changes opening id by patch (OpeningUpdate). RB_ENOTFOUND, RB_EDENIED, RB_EINVAL as
 * above; RB_ECONFLICT when new stages leave out one that holds applications. */
enum rb_err opening_update(struct store *s, long long id, json_t *patch,
                           const struct opening_reader *rd, const struct user *who, char *errmsg);
/* Moves opening id to status to, with why (may be NULL). RB_ECONFLICT when its status
 * does not allow it (or is to already); RB_EINVAL for an unknown status. */
enum rb_err opening_set_status(struct store *s, long long id, const char *to, const char *reason,
                               const struct user *who, char *errmsg);
/* The opening when who may see it: *out new. RB_ENOTFOUND, RB_EDENIED. */
enum rb_err opening_read(struct store *s, long long id, const struct user *who, json_t **out,
                         char *errmsg);
/* The text the job reader reads for an opening: its title as a heading, then its
 * description (new). */
char *opening_job_text(const char *title, const char *description);
/* Criteria edited by hand over what the job reader read (OpeningCriteriaEdits): "must" and
 * "nice", lists of groups ("java", "oracle|mysql"), and "years", each null or absent to keep
 * what was read. Checks edits' shape: RB_EINVAL with errmsg naming the field
 * ("criteria_edits.must[1]: ..."). */
enum rb_err opening_edits_check(json_t *edits, char *errmsg);
/* The criteria of an opening: its description read by rd (title as a heading), then edits
 * (may be NULL) applied, into *out (role_cleanup it). RB_EINVAL naming the edit's unknown
 * skill ("criteria_edits.must: ..."); RB_ENOTFOUND when there is no description to read. */
enum rb_err opening_criteria_read(const char *title, const char *description, json_t *edits,
                                  const struct opening_reader *rd, struct role *out, char *errmsg);
#define OPENING_QUESTIONS_MAX 20
#define OPENING_CHOICES_MAX 20
/* Checks the careers form's own questions (OpeningQuestions in docs/openapi.json): a list of
 * at most OPENING_QUESTIONS_MAX {"id" (a-z, 0-9 and '-', 1 to 32, unique), "label" (1 to
 * 300 bytes), "kind" (text, choice or file), "required" (optional, false), "choices" (for a
 * choice only: 1 to OPENING_CHOICES_MAX distinct strings of 1 to 100 bytes)}. RB_EINVAL with
 * errmsg naming the item at fault ("questions[1].choices: ..."). */
enum rb_err opening_questions_check(json_t *questions, char *errmsg);
/* Removes what only the rules need ("team_ids") from the store's JSON before it is sent. */
void opening_public_json(json_t *opening);

#endif
