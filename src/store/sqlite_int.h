/* SPDX-License-Identifier: MIT */
/*
 * Inside the SQLite backend: what sqlite.c shares with the files that hold the rest of its
 * operations (sqlite_users.c, ...). Only those files include this header.
 */
#ifndef RUBRIC_STORE_SQLITE_INT_H
#define RUBRIC_STORE_SQLITE_INT_H

#include <sqlite3.h>

#include "store/store_impl.h"

/* Competency ids looked up during one write transaction (a bank names a few dozen). */
#define COMP_CACHE 64

struct sqlite_store {
    struct store base;
    sqlite3 *db;
    char *path;
    struct {
        char *slug;
        sqlite3_int64 id;
    } comps[COMP_CACHE];
    size_t ncomps;
    bool fresh; /* the load in progress started from a store with no questions */
    /* every prepared statement, by the address of its SQL (stmt) */
    struct sq_prepared {
        const char *sql;
        sqlite3_stmt *st;
    } * stmts;
    size_t nstmts, capstmts;
    int depth;  /* write transactions open: the outermost a BEGIN, the others savepoints */
    bool cache; /* store_cache_writes: commits unsynced, checkpointed (synced) at close */
};

static inline struct sqlite_store *
to_sq(struct store *s)
{
    return (struct sqlite_store *)s;
}

/* The prepared statement for sql (a string with static storage: it is found again by its
 * address, in a table without a cap), reset and without bindings after sq_done; NULL with
 * errmsg set. The one statement scheme of every sqlite_*.c file. */
sqlite3_stmt *sq_stmt(struct store *s, const char *sql, char *errmsg);
enum rb_err sq_fail(struct store *s, char *errmsg, const char *what);
void sq_done(sqlite3_stmt *st);
/* Steps a statement that returns no rows (or ignores them), then sq_done. */
enum rb_err sq_exec(struct store *s, sqlite3_stmt *st, char *errmsg, const char *what);
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);
char *sq_col_dup(sqlite3_stmt *st, int i);
enum rb_err sq_begin(struct store *s, char *errmsg);
/* Runs sql (no rows) through its prepared statement. */
enum rb_err sq_run(struct store *s, const char *sql, char *errmsg);
/* rc, or the bank's generation bumped inside the open write (store_bank_generation): what
 * was built from questions, competencies and roles is stale. */
enum rb_err sq_bump(struct store *s, enum rb_err rc, char *errmsg);
/* Commits when rc is RB_OK, else rolls back; returns rc or the commit's error. */
enum rb_err sq_end(struct store *s, enum rb_err rc, char *errmsg);
sqlite3 *sq_db(struct store *s);
/* The integer in the first column of sql's first row (a count, a counter). */
enum rb_err sq_scalar(struct store *s, const char *sql, long long *n, const char *what,
                      char *errmsg);

/* Parses column i (JSON text) into a new reference; NULL with errmsg when it is not. */
json_t *sq_col_json(sqlite3_stmt *st, int i, char *errmsg);
/* Steps st (bound, not yet stepped), appending the JSON of each row's first column to items
 * and, when total is not NULL, setting *total to the second column (a count(*) OVER ()).
 * The caller resets or finalizes st. */
enum rb_err sq_json_rows(struct store *s, sqlite3_stmt *st, json_t *items, size_t *total,
                         const char *what, char *errmsg);
/* The JSON in the first column of sql's one row, with id bound to ?1: *out (new), or
 * RB_ENOTFOUND saying there is no such what. */
enum rb_err sq_json_row(struct store *s, const char *sql, long long id, const char *what,
                        json_t **out, char *errmsg);

/* sqlite_bank.c: the id of competency slug, from the cache of the write in progress or the
 * store; RB_EINVAL naming it when there is none. */
enum rb_err sqlite_competency_id(struct sqlite_store *s, const char *slug, sqlite3_int64 *id,
                                 char *errmsg);
/* sqlite_bank.c, sqlite_search.c, sqlite_roles.c, sqlite_kits.c, sqlite_resumes.c: the
 * operations of struct store_ops by area (sqlite.c holds the table) */
enum rb_err sqlite_bank_load(struct store *s, const struct bank *b, struct load_result *r,
                             char *errmsg);
enum rb_err sqlite_question_get(struct store *s, const char *id, struct question *q, char *errmsg);
enum rb_err sqlite_question_search(struct store *s, const struct search_query *sq,
                                   struct search_hit **hits, size_t *n, char *errmsg);
enum rb_err sqlite_bank_stats(struct store *s, struct bank_stats *st, char *errmsg);
enum rb_err sqlite_bank_export(struct store *s, struct bank *b, char *errmsg);
enum rb_err sqlite_questions_import(struct store *s, const struct question *qs, size_t n,
                                    const struct competency *comps, size_t ncomps,
                                    struct import_result *r, char *errmsg);
enum rb_err sqlite_question_text_exists(struct store *s, const char *text, int *exists,
                                        char *errmsg);
enum rb_err sqlite_question_json(struct store *s, const char *id, char **text, char *errmsg);
enum rb_err sqlite_question_save(struct store *s, const struct question *q, bool create,
                                 char *errmsg);
enum rb_err sqlite_question_retire(struct store *s, const char *id, char *errmsg);
enum rb_err sqlite_question_list(struct store *s, const struct search_query *f, size_t offset,
                                 struct search_hit **hits, size_t *n, size_t *total, char *errmsg);
enum rb_err sqlite_roles_save(struct store *s, const struct role *roles, size_t n,
                              const char *source, char *errmsg);
enum rb_err sqlite_role_list(struct store *s, struct role_set *set, char *errmsg);
enum rb_err sqlite_role_get(struct store *s, const char *id, struct role *r, char *errmsg);
enum rb_err sqlite_kit_begin(struct store *s, const char *candidate, char *errmsg);
enum rb_err sqlite_kit_exclude(struct store *s, const char *id, char *errmsg);
enum rb_err sqlite_kit_count(struct store *s, const struct kit_pick *p, size_t *n, char *errmsg);
enum rb_err sqlite_kit_nth(struct store *s, const struct kit_pick *p, size_t nth, char **id,
                           int *minutes, char *errmsg);
enum rb_err sqlite_kit_save(struct store *s, const char *role, int level, const char *stage,
                            int minutes, unsigned long long seed, const char *candidate,
                            const char *body, const char *const *questions, size_t nquestions,
                            long long *kit_id, char *errmsg);
enum rb_err sqlite_kit_get(struct store *s, long long id, char **body, char *errmsg);
enum rb_err sqlite_resume_get(struct store *s, const char *hash, bool blind, const char *parser,
                              char **format, char **body, char *errmsg);
enum rb_err sqlite_resumes_put(struct store *s, const struct parsed_resume *v, size_t n,
                               char *errmsg);
enum rb_err sqlite_resumes_any(struct store *s, bool *any, char *errmsg);
/* sqlite_rank.c: registers rubric_rank(), the rank of question searches, on db. */
enum rb_err sqlite_rank_register(sqlite3 *db, char *errmsg);

/* sqlite_skills.c: a question's skills and track (schema 15), and kit picks among the
 * stack tracks' questions. Write after the question's row; clear before rewriting it. */
enum rb_err sqlite_question_skills_write(struct store *s, long long id, const struct question *q,
                                         char *errmsg);
enum rb_err sqlite_question_skills_clear(struct store *s, long long id, char *errmsg);
enum rb_err sqlite_question_skills_read(struct store *s, long long id, struct question *q,
                                        char *errmsg);
/* Fills st->tracks with the live questions of each stack track. */
enum rb_err sqlite_stats_tracks(struct store *s, struct bank_stats *st, char *errmsg);
enum rb_err sqlite_kit_stack_count(struct store *s, const struct kit_pick *p, size_t *n,
                                   char *errmsg);
enum rb_err sqlite_kit_stack_nth(struct store *s, const struct kit_pick *p, size_t nth, char **id,
                                 int *minutes, char *errmsg);

/* sqlite_users.c */
enum rb_err sqlite_user_add(struct store *s, const struct user *u, const char *pwhash,
                            long long *id, char *errmsg);
enum rb_err sqlite_user_get(struct store *s, long long id, const char *email, struct user *u,
                            char **pwhash, char *errmsg);
enum rb_err sqlite_user_list(struct store *s, struct user **v, size_t *n, char *errmsg);
enum rb_err sqlite_user_update(struct store *s, long long id, const struct user_update *up,
                               char *errmsg);
enum rb_err sqlite_session_create(struct store *s, long long user, const char *token_hash,
                                  const char *csrf, long long now, long long expires, char *errmsg);
enum rb_err sqlite_session_get(struct store *s, const char *token_hash, long long now,
                               struct user *u, char **csrf, char *errmsg);
enum rb_err sqlite_session_delete(struct store *s, const char *token_hash, char *errmsg);
enum rb_err sqlite_token_create(struct store *s, long long user, const char *name,
                                const char *token_hash, long long *id, char *errmsg);
enum rb_err sqlite_token_get(struct store *s, const char *token_hash, struct user *u, char *errmsg);
enum rb_err sqlite_token_list(struct store *s, long long user, json_t **out, char *errmsg);
enum rb_err sqlite_token_revoke(struct store *s, long long user, long long id, char *errmsg);
enum rb_err sqlite_login_failures(struct store *s, const char *const *keys, size_t nkeys,
                                  long long now, long long window, int record, int *count,
                                  char *errmsg);
enum rb_err sqlite_login_reserve(struct store *s, const struct login_rule *rules, size_t n,
                                 long long now, long long window, int *refused, long long *wait,
                                 char *errmsg);
enum rb_err sqlite_login_known(struct store *s, const char *account, const char *address,
                               long long now, bool remember, bool *known, char *errmsg);
enum rb_err sqlite_audit_prune(struct store *s, const char *before, size_t *deleted, char *errmsg);
enum rb_err sqlite_traces_prune(struct store *s, long long known_before, long long served_before,
                                size_t *deleted, char *errmsg);
enum rb_err sqlite_kit_owner(struct store *s, long long kit, long long account, char *errmsg);
enum rb_err sqlite_kit_reader(struct store *s, long long kit, long long account, bool *yes,
                              char *errmsg);
enum rb_err sqlite_practice_served(struct store *s, long long account, const char *question,
                                   long long now, bool remember, bool *yes, char *errmsg);
/* sqlite_backup.c */
enum rb_err sqlite_backup(struct store *s, const char *path, char *errmsg);
enum rb_err sqlite_restore(struct store *s, const char *path, int latest, char *errmsg);
enum rb_err sqlite_upload_used(struct store *s, const char *hash, bool *used, char *errmsg);
enum rb_err sqlite_original_get(struct store *s, const char *hash, size_t max, void **data,
                                size_t *len, char *errmsg);
enum rb_err sqlite_original_keep(struct store *s, const char *hash, const void *data, size_t len,
                                 bool *kept, char *errmsg);
enum rb_err sqlite_ping(struct store *s, char *errmsg);
enum rb_err sqlite_cache_writes(struct store *s, char *errmsg);
enum rb_err sqlite_bank_generation(struct store *s, long long *n, char *errmsg);

/* sqlite_hiring.c */
enum rb_err sqlite_interview_get(struct store *s, long long id, json_t **out, char *errmsg);
enum rb_err sqlite_interview_create(struct store *s, const struct interview_new *v, long long *id,
                                    char *errmsg);
enum rb_err sqlite_candidate_stage(struct store *s, long long id, const char *stage, long long by,
                                   const char *by_label, const char *reason, char *errmsg);
enum rb_err sqlite_candidate_add(struct store *s, const struct candidate_new *c, long long *id,
                                 char *errmsg);
enum rb_err sqlite_candidate_get(struct store *s, long long id, json_t **out, char *errmsg);
enum rb_err sqlite_candidate_list(struct store *s, const char *stage, const char *role,
                                  size_t limit, size_t offset, json_t **items, size_t *total,
                                  char *errmsg);
enum rb_err sqlite_resumes_add(struct store *s, const struct resume_new *v, size_t n,
                               long long *ids, char *errmsg);
enum rb_err sqlite_resume_row(struct store *s, long long id, json_t **out, char *errmsg);
enum rb_err sqlite_screening_create(struct store *s, const char *role, const char *criteria,
                                    bool blind, const long long *resumes, size_t n, long long by,
                                    long long *id, char *errmsg);
enum rb_err sqlite_screening_get(struct store *s, long long id, json_t **out, char *errmsg);
enum rb_err sqlite_screening_claim(struct store *s, long long now, long long stale, long long *id,
                                   char **criteria, bool *blind, char *errmsg);
enum rb_err sqlite_screening_next(struct store *s, long long id, size_t max, long long *resumes,
                                  size_t *n, char *errmsg);
enum rb_err sqlite_screening_record(struct store *s, long long id,
                                    const struct screening_outcome *v, size_t n, long long now,
                                    char *errmsg);
enum rb_err sqlite_screening_finish(struct store *s, long long id, const char *error, char *errmsg);
enum rb_err sqlite_screening_release(struct store *s, long long id, char *errmsg);
enum rb_err sqlite_screening_results(struct store *s, long long id, size_t limit, size_t offset,
                                     json_t **items, size_t *total, char *errmsg);
enum rb_err sqlite_screenings_active(struct store *s, long long *n, char *errmsg);

/* sqlite_privacy.c */
enum rb_err sqlite_audit_append(struct store *s, const struct audit_actor *who, const char *action,
                                const long long *candidates, size_t n, const char *what,
                                char *errmsg);
enum rb_err sqlite_audit_list(struct store *s, const struct audit_filter *f, size_t limit,
                              size_t offset, json_t **items, size_t *total, char *errmsg);
enum rb_err sqlite_candidate_export(struct store *s, long long id, json_t **out, char *errmsg);
enum rb_err sqlite_candidate_erase(struct store *s, long long id, const struct audit_actor *who,
                                   struct erase_result *r, char *errmsg);
enum rb_err sqlite_compact(struct store *s, bool *clean, char *errmsg);
enum rb_err sqlite_retention_due(struct store *s, long long before, size_t max, json_t **items,
                                 char *errmsg);
/* sqlite_scorecards.c */
enum rb_err sqlite_scorecard_submit(struct store *s, const struct scorecard_new *v, long long *id,
                                    char *errmsg);
enum rb_err sqlite_scorecard_amend(struct store *s, long long id, const struct scorecard_new *now,
                                   const struct scorecard_change *changes, size_t nchanges,
                                   long long by, const char *by_label, const char *reason,
                                   char *errmsg);
enum rb_err sqlite_scorecards(struct store *s, const struct scorecard_filter *f, json_t **out,
                              char *errmsg);
enum rb_err sqlite_loop_pending(struct store *s, long long candidate, long long account,
                                long long *on_panel, long long *pending, char *errmsg);
enum rb_err sqlite_interview_list(struct store *s, long long candidate, long long account,
                                  size_t limit, size_t offset, json_t **items, size_t *total,
                                  char *errmsg);
enum rb_err sqlite_interview_find(struct store *s, const struct interview_filter *f, size_t limit,
                                  size_t offset, json_t **items, size_t *total, char *errmsg);
enum rb_err sqlite_candidate_search(struct store *s, const char *stage, const char *role,
                                    const char *q, size_t limit, size_t offset, json_t **items,
                                    size_t *total, char *errmsg);
enum rb_err sqlite_draft_get(struct store *s, long long interview, long long account, json_t **out,
                             char *errmsg);
enum rb_err sqlite_draft_put(struct store *s, long long interview, long long account,
                             const char *body, long long base, long long *revision, char *errmsg);
enum rb_err sqlite_draft_delete(struct store *s, long long interview, long long account,
                                char *errmsg);
/* sqlite_practice.c */
enum rb_err sqlite_practice_card(struct store *s, long long account, const char *question,
                                 struct practice_card *c, char *errmsg);
enum rb_err sqlite_practice_record(struct store *s, const struct practice_answer *a, char *errmsg);
enum rb_err sqlite_practice_next(struct store *s, long long account,
                                 const struct practice_filter *f, const char *today,
                                 char **question, bool *due, long long *ndue, long long *nnew,
                                 char *errmsg);
enum rb_err sqlite_practice_stats(struct store *s, long long account, const char *today,
                                  const char *since, json_t **out, char *errmsg);
enum rb_err sqlite_synonyms_of(struct store *s, const char *concept, char ***alts, size_t *n,
                               char *errmsg);

/* sqlite_openings.c */
enum rb_err sqlite_opening_save(struct store *s, const struct opening_row *o,
                                const struct audit_actor *who, long long *id, char *errmsg);
enum rb_err sqlite_opening_get(struct store *s, long long id, json_t **out, char *errmsg);
enum rb_err sqlite_opening_list(struct store *s, const char *status, size_t limit, size_t offset,
                                json_t **items, size_t *total, char *errmsg);
enum rb_err sqlite_opening_status(struct store *s, long long id, const char *from, const char *to,
                                  const struct audit_actor *who, const char *reason, char *errmsg);
enum rb_err sqlite_application_add(struct store *s, const struct application_new *a,
                                   const struct audit_actor *who, long long *id,
                                   long long *candidate, char *errmsg);
enum rb_err sqlite_application_get(struct store *s, long long id, json_t **out, char *errmsg);
enum rb_err sqlite_application_list(struct store *s, const struct application_filter *f,
                                    size_t limit, size_t offset, json_t **items, size_t *total,
                                    json_t **counts, char *errmsg);
enum rb_err sqlite_application_by_email(struct store *s, long long opening, const char *email,
                                        long long *id, long long *candidate, char *errmsg);
enum rb_err sqlite_application_move(struct store *s, long long id, const char *stage,
                                    const char *kind, const struct audit_actor *who,
                                    const char *reason, char *errmsg);
enum rb_err sqlite_application_resume(struct store *s, long long id, long long resume,
                                      long long screening, char *errmsg);
enum rb_err sqlite_dashboard(struct store *s, json_t **out, char *errmsg);
enum rb_err sqlite_application_answers(struct store *s, long long id, const char *answers,
                                       char *errmsg);
enum rb_err sqlite_apply_reserve(struct store *s, const char *key, long long now, long long window,
                                 long long max, bool *reserved, long long *count, long long *oldest,
                                 char *errmsg);
enum rb_err sqlite_apply_release(struct store *s, const char *key, long long at, char *errmsg);
enum rb_err sqlite_apply_attempts(struct store *s, const char *key, long long now, long long window,
                                  bool record, long long *count, long long *oldest, char *errmsg);
/* sqlite_hiring.c, inside a transaction the caller holds */
enum rb_err sqlite_candidate_insert(struct store *s, const struct candidate_new *c, long long *id,
                                    char *errmsg);

/* sqlite_fairness.c: self-identification and the fairness report's rows (schema 16) */
enum rb_err sqlite_selfid_put(struct store *s, long long candidate, json_t *answers,
                              const char *given_by, const char *consent,
                              const struct audit_actor *who, char *errmsg);
enum rb_err sqlite_selfid_get(struct store *s, long long candidate, json_t **out, char *errmsg);
enum rb_err sqlite_fairness_rows(struct store *s, const struct fairness_filter *f, json_t **rows,
                                 char *errmsg);
/* sqlite_mail.c */
enum rb_err sqlite_interview_calendar(struct store *s, long long id, json_t **out, char *errmsg);
enum rb_err sqlite_interview_reschedule(struct store *s, long long id, const char *at,
                                        const char *time_zone, bool cancel, long long *sequence,
                                        char *errmsg);
enum rb_err sqlite_outbox_add(struct store *s, const struct mail_new *m, char *errmsg);
enum rb_err sqlite_outbox_claim(struct store *s, long long now, long long lease, size_t max,
                                json_t **items, char *errmsg);
enum rb_err sqlite_outbox_done(struct store *s, long long id, const char *error, long long next_try,
                               char *errmsg);
enum rb_err sqlite_outbox_list(struct store *s, bool pending, size_t limit, json_t **items,
                               size_t *total, char *errmsg);
enum rb_err sqlite_mail_notice(struct store *s, const char *what, long long id, json_t **out,
                               char *errmsg);

#endif
