/* SPDX-License-Identifier: MIT */
/*
 * What a backend provides: the table of operations behind struct store. Only store.c and
 * the backends include this file.
 */
#ifndef RUBRIC_STORE_IMPL_H
#define RUBRIC_STORE_IMPL_H

#include "store/store.h"

/* The seconds rule r still refuses a key with failures failures, the last at last; 0 when it
 * accepts: the arithmetic every backend's login_reserve applies to the counts it read. */
long long store_login_wait(const struct login_rule *r, long long failures, long long last,
                           long long now, long long window);

struct store_copy_ops; /* store/store_copy.h */

struct store_ops {
    const char *name;
    const struct store_copy_ops *copy; /* a whole store's tables read and written */
    void (*close)(struct store *s);
    int (*schema_version)(struct store *s);
    enum rb_err (*bank_load)(struct store *s, const struct bank *b, struct load_result *r,
                             char *errmsg);
    enum rb_err (*question_get)(struct store *s, const char *id, struct question *q, char *errmsg);
    enum rb_err (*question_search)(struct store *s, const struct search_query *sq,
                                   struct search_hit **hits, size_t *n, char *errmsg);
    enum rb_err (*bank_stats)(struct store *s, struct bank_stats *st, char *errmsg);
    enum rb_err (*bank_export)(struct store *s, struct bank *b, char *errmsg);
    enum rb_err (*questions_import)(struct store *s, const struct question *qs, size_t n,
                                    const struct competency *comps, size_t ncomps,
                                    struct import_result *r, char *errmsg);
    enum rb_err (*question_text_exists)(struct store *s, const char *text, int *exists,
                                        char *errmsg);
    enum rb_err (*roles_save)(struct store *s, const struct role *roles, size_t n,
                              const char *source, char *errmsg);
    enum rb_err (*role_list)(struct store *s, struct role_set *set, char *errmsg);
    enum rb_err (*role_get)(struct store *s, const char *id, struct role *r, char *errmsg);
    enum rb_err (*kit_begin)(struct store *s, const char *candidate, char *errmsg);
    enum rb_err (*kit_exclude)(struct store *s, const char *id, char *errmsg);
    enum rb_err (*kit_count)(struct store *s, const struct kit_pick *p, size_t *n, char *errmsg);
    enum rb_err (*kit_nth)(struct store *s, const struct kit_pick *p, size_t nth, char **id,
                           int *minutes, char *errmsg);
    enum rb_err (*kit_save)(struct store *s, const char *role, int level, const char *stage,
                            int minutes, unsigned long long seed, const char *candidate,
                            const char *body, const char *const *questions, size_t nquestions,
                            long long *kit_id, char *errmsg);
    enum rb_err (*resume_get)(struct store *s, const char *hash, bool blind, const char *parser,
                              char **format, char **body, char *errmsg);
    enum rb_err (*resumes_put)(struct store *s, const struct parsed_resume *v, size_t n,
                               char *errmsg);
    enum rb_err (*resumes_any)(struct store *s, bool *any, char *errmsg);
    enum rb_err (*user_add)(struct store *s, const struct user *u, const char *pwhash,
                            long long *id, char *errmsg);
    enum rb_err (*user_get)(struct store *s, long long id, const char *email, struct user *u,
                            char **pwhash, char *errmsg);
    enum rb_err (*user_list)(struct store *s, struct user **v, size_t *n, char *errmsg);
    enum rb_err (*user_update)(struct store *s, long long id, const struct user_update *up,
                               char *errmsg);
    enum rb_err (*session_create)(struct store *s, long long user, const char *token_hash,
                                  const char *csrf, long long now, long long expires, char *errmsg);
    enum rb_err (*session_get)(struct store *s, const char *token_hash, long long now,
                               struct user *u, char **csrf, char *errmsg);
    enum rb_err (*session_delete)(struct store *s, const char *token_hash, char *errmsg);
    enum rb_err (*token_create)(struct store *s, long long user, const char *name,
                                const char *token_hash, long long *id, char *errmsg);
    enum rb_err (*token_get)(struct store *s, const char *token_hash, struct user *u, char *errmsg);
    enum rb_err (*token_list)(struct store *s, long long user, json_t **out, char *errmsg);
    enum rb_err (*token_revoke)(struct store *s, long long user, long long id, char *errmsg);
    enum rb_err (*login_failures)(struct store *s, const char *const *keys, size_t nkeys,
                                  long long now, long long window, int op, int *count,
                                  char *errmsg);
    enum rb_err (*login_reserve)(struct store *s, const struct login_rule *rules, size_t n,
                                 long long now, long long window, int *refused, long long *wait,
                                 char *errmsg);
    enum rb_err (*login_known)(struct store *s, const char *account, const char *address,
                               long long now, bool remember, bool *known, char *errmsg);
    enum rb_err (*audit_prune)(struct store *s, const char *before, size_t *deleted, char *errmsg);
    enum rb_err (*traces_prune)(struct store *s, long long known_before, long long served_before,
                                size_t *deleted, char *errmsg);
    enum rb_err (*kit_owner)(struct store *s, long long kit, long long account, char *errmsg);
    enum rb_err (*kit_reader)(struct store *s, long long kit, long long account, bool *yes,
                              char *errmsg);
    enum rb_err (*practice_served)(struct store *s, long long account, const char *question,
                                   long long now, bool remember, bool *yes, char *errmsg);
    enum rb_err (*backup)(struct store *s, const char *path, char *errmsg);
    enum rb_err (*restore)(struct store *s, const char *path, int latest, char *errmsg);
    enum rb_err (*tx_begin)(struct store *s, char *errmsg);
    enum rb_err (*tx_end)(struct store *s, enum rb_err rc, char *errmsg);
    enum rb_err (*upload_used)(struct store *s, const char *hash, bool *used, char *errmsg);
    enum rb_err (*original_get)(struct store *s, const char *hash, size_t max, void **data,
                                size_t *len, char *errmsg);
    enum rb_err (*original_keep)(struct store *s, const char *hash, const void *data, size_t len,
                                 bool *kept, char *errmsg);
    enum rb_err (*ping)(struct store *s, char *errmsg);
    enum rb_err (*cache_writes)(struct store *s, char *errmsg);
    enum rb_err (*bank_generation)(struct store *s, long long *n, char *errmsg);
    enum rb_err (*candidate_add)(struct store *s, const struct candidate_new *c, long long *id,
                                 char *errmsg);
    enum rb_err (*candidate_get)(struct store *s, long long id, json_t **out, char *errmsg);
    enum rb_err (*candidate_list)(struct store *s, const char *stage, const char *role,
                                  size_t limit, size_t offset, json_t **items, size_t *total,
                                  char *errmsg);
    enum rb_err (*resumes_add)(struct store *s, const struct resume_new *v, size_t n,
                               long long *ids, char *errmsg);
    enum rb_err (*resume_row)(struct store *s, long long id, json_t **out, char *errmsg);
    enum rb_err (*screening_create)(struct store *s, const char *role, const char *criteria,
                                    bool blind, const long long *resumes, size_t n, long long by,
                                    long long *id, char *errmsg);
    enum rb_err (*screening_get)(struct store *s, long long id, json_t **out, char *errmsg);
    enum rb_err (*screening_claim)(struct store *s, long long now, long long stale, long long *id,
                                   char **criteria, bool *blind, char *errmsg);
    enum rb_err (*screening_next)(struct store *s, long long id, size_t max, long long *resumes,
                                  size_t *n, char *errmsg);
    enum rb_err (*screening_record)(struct store *s, long long id,
                                    const struct screening_outcome *v, size_t n, long long now,
                                    char *errmsg);
    enum rb_err (*screening_finish)(struct store *s, long long id, const char *error, char *errmsg);
    enum rb_err (*screening_release)(struct store *s, long long id, char *errmsg);
    enum rb_err (*screening_results)(struct store *s, long long id, size_t limit, size_t offset,
                                     json_t **items, size_t *total, char *errmsg);
    enum rb_err (*screenings_active)(struct store *s, long long *n, char *errmsg);
    enum rb_err (*question_json)(struct store *s, const char *id, char **text, char *errmsg);
    enum rb_err (*candidate_stage)(struct store *s, long long id, const char *stage, long long by,
                                   const char *by_label, const char *reason, char *errmsg);
    enum rb_err (*interview_create)(struct store *s, const struct interview_new *v, long long *id,
                                    char *errmsg);
    enum rb_err (*interview_get)(struct store *s, long long id, json_t **out, char *errmsg);
    enum rb_err (*kit_get)(struct store *s, long long id, char **body, char *errmsg);
    enum rb_err (*question_save)(struct store *s, const struct question *q, bool create,
                                 char *errmsg);
    enum rb_err (*question_retire)(struct store *s, const char *id, char *errmsg);
    enum rb_err (*question_list)(struct store *s, const struct search_query *f, size_t offset,
                                 struct search_hit **hits, size_t *n, size_t *total, char *errmsg);
    enum rb_err (*audit_append)(struct store *s, const struct audit_actor *who, const char *action,
                                const long long *candidates, size_t n, const char *what,
                                char *errmsg);
    enum rb_err (*audit_list)(struct store *s, const struct audit_filter *f, size_t limit,
                              size_t offset, json_t **items, size_t *total, char *errmsg);
    enum rb_err (*candidate_export)(struct store *s, long long id, json_t **out, char *errmsg);
    enum rb_err (*candidate_erase)(struct store *s, long long id, const struct audit_actor *who,
                                   struct erase_result *r, char *errmsg);
    enum rb_err (*compact)(struct store *s, bool *clean, char *errmsg);
    enum rb_err (*retention_due)(struct store *s, long long before, size_t max, json_t **items,
                                 char *errmsg);
    enum rb_err (*scorecard_submit)(struct store *s, const struct scorecard_new *v, long long *id,
                                    char *errmsg);
    enum rb_err (*scorecard_amend)(struct store *s, long long id, const struct scorecard_new *now,
                                   const struct scorecard_change *changes, size_t nchanges,
                                   long long by, const char *by_label, const char *reason,
                                   char *errmsg);
    enum rb_err (*scorecards)(struct store *s, const struct scorecard_filter *f, json_t **out,
                              char *errmsg);
    enum rb_err (*loop_pending)(struct store *s, long long candidate, long long account,
                                long long *on_panel, long long *pending, char *errmsg);
    enum rb_err (*interview_list)(struct store *s, long long candidate, long long account,
                                  size_t limit, size_t offset, json_t **items, size_t *total,
                                  char *errmsg);
    enum rb_err (*practice_card)(struct store *s, long long account, const char *question,
                                 struct practice_card *c, char *errmsg);
    enum rb_err (*practice_record)(struct store *s, const struct practice_answer *a, char *errmsg);
    enum rb_err (*practice_next)(struct store *s, long long account,
                                 const struct practice_filter *f, const char *today,
                                 char **question, bool *due, long long *ndue, long long *nnew,
                                 char *errmsg);
    enum rb_err (*practice_stats)(struct store *s, long long account, const char *today,
                                  const char *since, json_t **out, char *errmsg);
    enum rb_err (*synonyms_of)(struct store *s, const char *concept, char ***alts, size_t *n,
                               char *errmsg);
    /* openings and applications (sqlite_openings.c) */
    enum rb_err (*opening_save)(struct store *s, const struct opening_row *o,
                                const struct audit_actor *who, long long *id, char *errmsg);
    enum rb_err (*opening_get)(struct store *s, long long id, json_t **out, char *errmsg);
    enum rb_err (*opening_list)(struct store *s, const char *status, size_t limit, size_t offset,
                                json_t **items, size_t *total, char *errmsg);
    enum rb_err (*opening_status)(struct store *s, long long id, const char *from, const char *to,
                                  const struct audit_actor *who, const char *reason, char *errmsg);
    enum rb_err (*application_add)(struct store *s, const struct application_new *a,
                                   const struct audit_actor *who, long long *id,
                                   long long *candidate, char *errmsg);
    enum rb_err (*application_get)(struct store *s, long long id, json_t **out, char *errmsg);
    enum rb_err (*application_list)(struct store *s, const struct application_filter *f,
                                    size_t limit, size_t offset, json_t **items, size_t *total,
                                    json_t **counts, char *errmsg);
    enum rb_err (*application_by_email)(struct store *s, long long opening, const char *email,
                                        long long *id, long long *candidate, char *errmsg);
    enum rb_err (*application_move)(struct store *s, long long id, const char *stage,
                                    const char *kind, const struct audit_actor *who,
                                    const char *reason, char *errmsg);
    enum rb_err (*application_resume)(struct store *s, long long id, long long resume,
                                      long long screening, char *errmsg);
    enum rb_err (*dashboard)(struct store *s, json_t **out, char *errmsg);
    enum rb_err (*application_answers)(struct store *s, long long id, const char *answers,
                                       char *errmsg);
    enum rb_err (*apply_attempts)(struct store *s, const char *key, long long now, long long window,
                                  bool record, long long *count, long long *oldest, char *errmsg);
    enum rb_err (*apply_reserve)(struct store *s, const char *key, long long now, long long window,
                                 long long max, bool *reserved, long long *count, long long *oldest,
                                 char *errmsg);
    enum rb_err (*apply_release)(struct store *s, const char *key, long long at, char *errmsg);
    enum rb_err (*candidate_search)(struct store *s, const char *stage, const char *role,
                                    const char *q, size_t limit, size_t offset, json_t **items,
                                    size_t *total, char *errmsg);
    enum rb_err (*interview_find)(struct store *s, const struct interview_filter *f, size_t limit,
                                  size_t offset, json_t **items, size_t *total, char *errmsg);
    enum rb_err (*draft_get)(struct store *s, long long interview, long long account, json_t **out,
                             char *errmsg);
    enum rb_err (*draft_put)(struct store *s, long long interview, long long account,
                             const char *body, long long base, long long *revision, char *errmsg);
    enum rb_err (*draft_delete)(struct store *s, long long interview, long long account,
                                char *errmsg);
    /* schema 16: self-identification and the fairness report */
    enum rb_err (*selfid_put)(struct store *s, long long candidate, json_t *answers,
                              const char *given_by, const char *consent,
                              const struct audit_actor *who, char *errmsg);
    enum rb_err (*selfid_get)(struct store *s, long long candidate, json_t **out, char *errmsg);
    enum rb_err (*fairness_rows)(struct store *s, const struct fairness_filter *f, json_t **rows,
                                 char *errmsg);
    /* schema 17: calendar invites and the mail queue */
    enum rb_err (*interview_calendar)(struct store *s, long long id, json_t **out, char *errmsg);
    enum rb_err (*interview_reschedule)(struct store *s, long long id, const char *at,
                                        const char *time_zone, bool cancel, long long *sequence,
                                        char *errmsg);
    enum rb_err (*outbox_add)(struct store *s, const struct mail_new *m, char *errmsg);
    enum rb_err (*outbox_claim)(struct store *s, long long now, long long lease, size_t max,
                                json_t **items, char *errmsg);
    enum rb_err (*outbox_done)(struct store *s, long long id, const char *error, long long next_try,
                               char *errmsg);
    enum rb_err (*outbox_list)(struct store *s, bool pending, size_t limit, json_t **items,
                               size_t *total, char *errmsg);
    enum rb_err (*mail_notice)(struct store *s, const char *what, long long id, json_t **out,
                               char *errmsg);
};

struct store {
    const struct store_ops *ops;
};

/* The SQLite backend: path is a file name or ":memory:". */
enum rb_err sqlite_store_open(const char *path, struct store **out, char *errmsg);
int sqlite_schema_latest(void);
/* The PostgreSQL backend: url is a libpq URI (postgres:// or postgresql://). */
enum rb_err pg_store_open(const char *url, struct store **out, char *errmsg);
int pg_schema_latest(void);

#endif
