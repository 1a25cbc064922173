/* SPDX-License-Identifier: MIT */
/*
 * The JSON that the store's calls answer with, key by key, whatever the backend: SQLite
 * builds it with json_object() in SQL, another backend however it likes, and core reads it
 * by key, so these are the contract. tests/unit/test_store_shapes.c asks every call below on
 * a filled store and checks its answer against its shape; a new backend passes that test
 * unchanged.
 *
 * Notation: {key:TYPE ...} an object with exactly those keys ("..." in it: other keys may
 * follow, for stored documents merged in); [TYPE] an array whose every element is TYPE; []
 * an array of anything. TYPE is int, num (integer or real), str, bool, obj (an object core
 * wrote and the store keeps as it is: a parse, a kit, criteria, a draft), any, or one of
 * the above; a trailing ? allows null.
 */
#ifndef RUBRIC_STORE_STORE_SHAPES_H
#define RUBRIC_STORE_STORE_SHAPES_H

/* A stage change, of a candidate or an application. */
#define STORE_SHAPE_HISTORY_ENTRY "{from:str? to:str by:str reason:str? at:str}"

#define STORE_SHAPE_CANDIDATE_ROW                                                                  \
    "id:int name:str email:str? phone:str? role:str? stage:str screening:int? created_at:str "     \
    "updated_at:str erased_at:str?"
/* store_candidate_list, store_candidate_search */
#define STORE_SHAPE_CANDIDATE_LIST "[{" STORE_SHAPE_CANDIDATE_ROW "}]"
/* store_candidate_get */
#define STORE_SHAPE_CANDIDATE                                                                      \
    "{" STORE_SHAPE_CANDIDATE_ROW " resumes:[{id:int filename:str format:str? error:str? "         \
    "created_at:str}] history:[" STORE_SHAPE_HISTORY_ENTRY "]}"
/* store_resume_row */
#define STORE_SHAPE_RESUME                                                                         \
    "{id:int candidate:int? hash:str filename:str size:int format:str? error:str? parsed:obj? "    \
    "created_at:str}"
/* store_screening_get */
#define STORE_SHAPE_SCREENING                                                                      \
    "{id:int role:str blind:bool state:str total:int done:int failed:int error:str? "              \
    "created_at:str started_at:str? finished_at:str? criteria:obj}"
/* store_screening_results: the stored result (core's screen JSON) with these merged in */
#define STORE_SHAPE_SCREENING_RESULTS "[{score:num? resume:int candidate:int? rank:int? ...}]"

#define STORE_SHAPE_INTERVIEW_ROW                                                                  \
    "id:int candidate:int stage:str minutes:int scheduled_at:str? created_at:str "                 \
    "interviewers:[str] scorecards:int"
/* store_interview_get */
#define STORE_SHAPE_INTERVIEW                                                                      \
    "{id:int candidate:int application:int? stage:str minutes:int scheduled_at:str? "              \
    "created_at:str interviewers:[str] kit:obj time_zone:str? sequence:int cancelled_at:str?}"
/* store_interview_list and store_interview_find */
#define STORE_SHAPE_INTERVIEW_LIST                                                                 \
    "[{" STORE_SHAPE_INTERVIEW_ROW " candidate_name:str role:str? panel:[{email:str name:str? "    \
    "scorecard:int? submitted_at:str?}]}]"
#define STORE_SHAPE_INTERVIEW_FIND STORE_SHAPE_INTERVIEW_LIST

#define STORE_SHAPE_RATINGS                                                                        \
    "ratings:[{question:str competency:str? rating:int? notes:str?}] "                             \
    "competencies:[{competency:str derived:int? rating:int? override_reason:str?}]"
/* store_scorecards */
#define STORE_SHAPE_SCORECARDS                                                                     \
    "[{id:int interview:int candidate:int role:str? stage:str candidate_stage:str "                \
    "interviewer:str interviewer_id:int? recommendation:str notes:str? "                           \
    "submitted_at:str " STORE_SHAPE_RATINGS                                                        \
    " amendments:[{by:str field:str old:str? new:str? reason:str at:str}] "                        \
    "original:obj}]"
/* store_draft_get */
#define STORE_SHAPE_DRAFT "{interview:int candidate:int draft:obj revision:int updated_at:str}"

#define STORE_SHAPE_COUNTS "[{stage:str kind:str count:int}]"
#define STORE_SHAPE_OPENING_ROW                                                                    \
    "id:int title:str role:str? description:str criteria:obj? location:str? remote:str? "          \
    "salary:{min:int max:int currency:str}? headcount:int status:str "                             \
    "stages:[{name:str kind:str}] questions:[] team:{recruiters:[str] hiring_manager:str? "        \
    "panel:[str]} counts:" STORE_SHAPE_COUNTS " created_at:str updated_at:str "                    \
    "team_ids:{recruiters:[int] hiring_manager:int?}"
/* store_opening_get */
#define STORE_SHAPE_OPENING "{" STORE_SHAPE_OPENING_ROW "}"
/* store_opening_list */
#define STORE_SHAPE_OPENING_LIST "[{" STORE_SHAPE_OPENING_ROW "}]"

#define STORE_SHAPE_APPLICATION_ROW                                                                \
    "id:int candidate:int name:str email:str? opening:int opening_title:str stage:str kind:str "   \
    "source:str screening:int? resume:int? score:num? stage_since:str created_at:str "             \
    "updated_at:str"
/* store_application_list, and its counts */
#define STORE_SHAPE_APPLICATION_LIST "[{" STORE_SHAPE_APPLICATION_ROW "}]"
#define STORE_SHAPE_APPLICATION_COUNTS STORE_SHAPE_COUNTS
/* store_application_get */
#define STORE_SHAPE_APPLICATION                                                                    \
    "{" STORE_SHAPE_APPLICATION_ROW " history:[" STORE_SHAPE_HISTORY_ENTRY "] interviews:[] "      \
    "answers:obj}"
/* store_dashboard */
#define STORE_SHAPE_DASHBOARD                                                                      \
    "{openings:[{id:int title:str status:str headcount:int counts:" STORE_SHAPE_COUNTS " "         \
    "funnel:[{kind:str reached:int}] time_in_stage:[{stage:str count:int mean_days:num? "          \
    "max_days:num?}] opened_at:str? filled_at:str? time_to_fill_days:num?}] "                      \
    "awaiting_screening:{total:int items:" STORE_SHAPE_APPLICATION_LIST "} "                       \
    "awaiting_scorecards:{total:int items:[{interview:int candidate:int application:int? "         \
    "stage:str scheduled_at:str? pending:[str]}]}}"

/* store_audit_list */
#define STORE_SHAPE_AUDIT_LIST                                                                     \
    "[{id:int at:str actor:str actor_id:int? action:str candidate:int? candidates:[int] "          \
    "what:str}]"
/* store_candidate_export: what is kept about one person (docs/PRIVACY.md) */
#define STORE_SHAPE_EXPORT                                                                         \
    "{candidate:{" STORE_SHAPE_CANDIDATE_ROW " created_by:int?} "                                  \
    "history:[" STORE_SHAPE_HISTORY_ENTRY "] "                                                     \
    "applications:[{id:int opening:int opening_title:str stage:str kind:str source:str "           \
    "created_at:str answers:obj? history:[" STORE_SHAPE_HISTORY_ENTRY "]}] "                       \
    "resumes:[{id:int hash:str filename:str size:int format:str? error:str? parsed:obj? "          \
    "uploaded_by:int? created_at:str}] parses:[] "                                                 \
    "screenings:[{screening:int resume:int role:str blind:bool score:num? result:obj? "            \
    "error:str? created_at:str}] "                                                                 \
    "interviews:[{id:int stage:str minutes:int scheduled_at:str? created_at:str "                  \
    "interviewers:[str] kit:obj}] "                                                                \
    "scorecards:[{id:int interview:int interviewer:str recommendation:str notes:str? "             \
    "submitted_at:str " STORE_SHAPE_RATINGS " amendments:[] original:obj}] "                       \
    "drafts:[{interview:int interviewer:str draft:obj updated_at:str}] "                           \
    "audit:[{at:str actor:str action:str what:str}] "                                              \
    "files:[{resume:int hash:str filename:str size:int}] self_id:obj}"
/* store_retention_due */
#define STORE_SHAPE_RETENTION_DUE "[{id:int stage:str since:str}]"
/* store_selfid_get */
#define STORE_SHAPE_SELFID "{candidate:int answers:obj given_by:str? consent:str? at:str?}"
/* store_fairness_rows */
#define STORE_SHAPE_FAIRNESS_ROWS                                                                  \
    "[{application:int candidate:int opening:int role:str? kind:str stages:[{name:str kind:str}] " \
    "reached:[str] score:num? self_id:obj}]"

/* store_interview_calendar */
#define STORE_SHAPE_CALENDAR                                                                       \
    "{id:int candidate:int candidate_name:str application:int? stage:str minutes:int "             \
    "scheduled_at:str? created_at:str time_zone:str? sequence:int cancelled_at:str? "              \
    "organizer:{email:str name:str?}? attendees:[{email:str name:str?}]}"
/* store_outbox_list */
#define STORE_SHAPE_OUTBOX_LIST                                                                    \
    "[{id:int kind:str candidate:int? recipient:str subject:str attempts:int next_try:int "        \
    "sent_at:str? last_error:str? created_at:str}]"
/* store_outbox_claim */
#define STORE_SHAPE_OUTBOX_CLAIM                                                                   \
    "[{id:int kind:str recipient:str subject:str body:str attachment:str? "                        \
    "attachment_type:str? attempts:int}]"
/* store_mail_notice "loop" and "screening" */
#define STORE_SHAPE_NOTICE_LOOP                                                                    \
    "{candidate:int candidate_name:str application:int? opening:str? interviews:int "              \
    "missing:int recruiters:[str] panel:[str]}"
#define STORE_SHAPE_NOTICE_SCREENING                                                               \
    "{id:int role:str state:str total:int done:int failed:int error:str? recipient:str?}"
/* store_practice_stats */
#define STORE_SHAPE_PRACTICE_STATS                                                                 \
    "{due_today:int cards:int answers:int first_answers:int reviews_again:int reviews:int "        \
    "seconds:int days:[str] competencies:[{competency:str answers:int questions:int seconds:int "  \
    "recent_answers:int recent_rating:num? recent_coverage:num?}] due_ahead:[{day:str "            \
    "count:int}]}"
/* store_token_list */
#define STORE_SHAPE_TOKEN_LIST "[{id:int name:str created_at:str last_used_at:str? revoked:bool}]"

#endif
