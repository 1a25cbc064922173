/* SPDX-License-Identifier: MIT */
/* The store front door: picks a backend from the URL and forwards each call to it. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/store_impl.h"

enum rb_err
store_open(const char *url, struct store **out, char *errmsg)
{
    *out = NULL;
    if (!url || !*url)
        url = STORE_DEFAULT_URL;
    if (strncmp(url, "sqlite:", 7) == 0)
        return sqlite_store_open(url + 7, out, errmsg);
    if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
        return pg_store_open(url, out, errmsg);
    if (strstr(url, "://")) {
        snprintf(errmsg, RB_ERRMSG,
                 "unknown store URL '%.200s': expected sqlite:PATH or postgresql://...", url);
        return RB_EUSAGE;
    }
    return sqlite_store_open(url, out, errmsg);
}

/* Masks the value of a "password=" parameter in the query of out (in place). */
static void
mask_password_param(char *out, size_t size)
{
    char *q = strchr(out, '?'), *p, *end;
    char tail[512];
    while (q && (p = strstr(q, "password=")) != NULL) {
        if (p[-1] != '?' && p[-1] != '&') {
            q = p + 1;
            continue;
        }
        p += strlen("password=");
        end = p + strcspn(p, "&#");
        snprintf(tail, sizeof tail, "%s", end);
        snprintf(p, size - (size_t)(p - out), "***%s", tail);
        q = p;
    }
}

char *
store_url_redacted(const char *url, char *out, size_t size)
{
    const char *auth = strstr(url, "://"), *at, *colon, *end;

    snprintf(out, size, "%s", url);
    if (!auth)
        return out;
    auth += 3;
    end = auth + strcspn(auth, "/?#");
    at = memchr(auth, '@', (size_t)(end - auth));
    colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (colon)
        snprintf(out, size, "%.*s***%s", (int)(colon + 1 - url), url, at);
    mask_password_param(out, size);
    return out;
}

void
store_close(struct store *s)
{
    if (s)
        s->ops->close(s);
}

int
store_schema_latest(void)
{
    return sqlite_schema_latest();
}

int
store_schema_version(struct store *s)
{
    return s->ops->schema_version(s);
}

enum rb_err
store_bank_load(struct store *s, const struct bank *b, struct load_result *r, char *errmsg)
{
    return s->ops->bank_load(s, b, r, errmsg);
}

enum rb_err
store_question_get(struct store *s, const char *id, struct question *q, char *errmsg)
{
    return s->ops->question_get(s, id, q, errmsg);
}

enum rb_err
store_question_search(struct store *s, const struct search_query *sq, struct search_hit **hits,
                      size_t *n, char *errmsg)
{
    *hits = NULL;
    *n = 0;
    if (sq->limit < 1 || sq->limit > SEARCH_LIMIT_MAX) {
        snprintf(errmsg, RB_ERRMSG, "limit must be 1 to %d", SEARCH_LIMIT_MAX);
        return RB_EINVAL;
    }
    return s->ops->question_search(s, sq, hits, n, errmsg);
}

void
search_hits_free(struct search_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(hits[i].id);
        free(hits[i].title);
        free(hits[i].snippet);
        free(hits[i].competency);
    }
    free(hits);
}

enum rb_err
store_bank_stats(struct store *s, struct bank_stats *st, char *errmsg)
{
    memset(st, 0, sizeof *st);
    return s->ops->bank_stats(s, st, errmsg);
}

void
bank_stats_cleanup(struct bank_stats *st)
{
    for (size_t i = 0; i < st->ncomps; i++) {
        free(st->comps[i].id);
        free(st->comps[i].name);
    }
    st->ncomps = 0;
    for (size_t i = 0; i < st->ntracks; i++)
        free(st->tracks[i].track);
    st->ntracks = 0;
}

enum rb_err
store_bank_export(struct store *s, struct bank *b, char *errmsg)
{
    return s->ops->bank_export(s, b, errmsg);
}

enum rb_err
store_questions_import(struct store *s, const struct question *qs, size_t n,
                       const struct competency *comps, size_t ncomps, struct import_result *r,
                       char *errmsg)
{
    memset(r, 0, sizeof *r);
    return s->ops->questions_import(s, qs, n, comps, ncomps, r, errmsg);
}

enum rb_err
store_question_text_exists(struct store *s, const char *text, int *exists, char *errmsg)
{
    return s->ops->question_text_exists(s, text, exists, errmsg);
}

enum rb_err
store_roles_save(struct store *s, const struct role *roles, size_t n, const char *source,
                 char *errmsg)
{
    return s->ops->roles_save(s, roles, n, source, errmsg);
}

enum rb_err
store_role_list(struct store *s, struct role_set *set, char *errmsg)
{
    return s->ops->role_list(s, set, errmsg);
}

enum rb_err
store_role_get(struct store *s, const char *id, struct role *r, char *errmsg)
{
    return s->ops->role_get(s, id, r, errmsg);
}

enum rb_err
store_kit_begin(struct store *s, const char *candidate, char *errmsg)
{
    return s->ops->kit_begin(s, candidate, errmsg);
}

enum rb_err
store_kit_exclude(struct store *s, const char *id, char *errmsg)
{
    return s->ops->kit_exclude(s, id, errmsg);
}

enum rb_err
store_kit_count(struct store *s, const struct kit_pick *p, size_t *n, char *errmsg)
{
    return s->ops->kit_count(s, p, n, errmsg);
}

enum rb_err
store_kit_nth(struct store *s, const struct kit_pick *p, size_t nth, char **id, int *minutes,
              char *errmsg)
{
    return s->ops->kit_nth(s, p, nth, id, minutes, errmsg);
}

enum rb_err
store_kit_save(struct store *s, const char *role, int level, const char *stage, int minutes,
               unsigned long long seed, const char *candidate, const char *body,
               const char *const *questions, size_t nquestions, long long *kit_id, char *errmsg)
{
    return s->ops->kit_save(s, role, level, stage, minutes, seed, candidate, body, questions,
                            nquestions, kit_id, errmsg);
}

enum rb_err
store_resume_get(struct store *s, const char *hash, bool blind, const char *parser, char **format,
                 char **body, char *errmsg)
{
    return s->ops->resume_get(s, hash, blind, parser, format, body, errmsg);
}

/* What the table no longer checks row by row (schema 20 dropped SQLite's json_valid, which
 * parsed every body again): the key's shape, and a body that is an object from its first
 * byte to its last. That the JSON inside is well formed is its writer's promise
 * (resume_json_write, tested against jansson), as for every other JSON column. */
static bool
resume_row_ok(const struct parsed_resume *r, size_t i, char *errmsg)
{
    size_t h = 0, b = r->body ? strlen(r->body) : 0;
    while (r->hash && h < 65 &&
           ((r->hash[h] >= '0' && r->hash[h] <= '9') || (r->hash[h] >= 'a' && r->hash[h] <= 'f')))
        h++;
    if (!r->hash || h != 64 || r->hash[64]) {
        snprintf(errmsg, RB_ERRMSG, "parse %zu: its hash is not 64 lowercase hex digits", i + 1);
        return false;
    }
    if (b < 2 || r->body[0] != '{' || r->body[b - 1] != '}' || !r->parser || !r->format) {
        snprintf(errmsg, RB_ERRMSG, "parse %zu (%.12s): its body is not a JSON object", i + 1,
                 r->hash);
        return false;
    }
    return true;
}

enum rb_err
store_resumes_put(struct store *s, const struct parsed_resume *v, size_t n, char *errmsg)
{
    for (size_t i = 0; i < n; i++)
        if (!resume_row_ok(&v[i], i, errmsg))
            return RB_EINVAL;
    return s->ops->resumes_put(s, v, n, errmsg);
}

enum rb_err
store_resumes_any(struct store *s, bool *any, char *errmsg)
{
    *any = true; /* on failure: look files up, as without this answer */
    return s->ops->resumes_any(s, any, errmsg);
}

enum rb_err
store_user_add(struct store *s, const struct user *u, const char *pwhash, long long *id,
               char *errmsg)
{
    return s->ops->user_add(s, u, pwhash, id, errmsg);
}

enum rb_err
store_user_get(struct store *s, long long id, const char *email, struct user *u, char **pwhash,
               char *errmsg)
{
    return s->ops->user_get(s, id, email, u, pwhash, errmsg);
}

enum rb_err
store_user_list(struct store *s, struct user **v, size_t *n, char *errmsg)
{
    return s->ops->user_list(s, v, n, errmsg);
}

enum rb_err
store_user_update(struct store *s, long long id, const struct user_update *up, char *errmsg)
{
    return s->ops->user_update(s, id, up, errmsg);
}

enum rb_err
store_session_create(struct store *s, long long user, const char *token_hash, const char *csrf,
                     long long now, long long expires, char *errmsg)
{
    return s->ops->session_create(s, user, token_hash, csrf, now, expires, errmsg);
}

enum rb_err
store_session_get(struct store *s, const char *token_hash, long long now, struct user *u,
                  char **csrf, char *errmsg)
{
    return s->ops->session_get(s, token_hash, now, u, csrf, errmsg);
}

enum rb_err
store_session_delete(struct store *s, const char *token_hash, char *errmsg)
{
    return s->ops->session_delete(s, token_hash, errmsg);
}

enum rb_err
store_token_create(struct store *s, long long user, const char *name, const char *token_hash,
                   long long *id, char *errmsg)
{
    return s->ops->token_create(s, user, name, token_hash, id, errmsg);
}

enum rb_err
store_token_get(struct store *s, const char *token_hash, struct user *u, char *errmsg)
{
    return s->ops->token_get(s, token_hash, u, errmsg);
}

enum rb_err
store_token_list(struct store *s, long long user, json_t **out, char *errmsg)
{
    return s->ops->token_list(s, user, out, errmsg);
}

enum rb_err
store_token_revoke(struct store *s, long long user, long long id, char *errmsg)
{
    return s->ops->token_revoke(s, user, id, errmsg);
}

enum rb_err
store_login_failures(struct store *s, const char *const *keys, size_t nkeys, long long now,
                     long long window, enum login_op op, int *count, char *errmsg)
{
    return s->ops->login_failures(s, keys, nkeys, now, window, (int)op, count, errmsg);
}

enum rb_err
store_login_reserve(struct store *s, const struct login_rule *rules, size_t n, long long now,
                    long long window, int *refused, long long *wait, char *errmsg)
{
    return s->ops->login_reserve(s, rules, n, now, window, refused, wait, errmsg);
}

enum rb_err
store_login_known(struct store *s, const char *account, const char *address, long long now,
                  bool remember, bool *known, char *errmsg)
{
    return s->ops->login_known(s, account, address, now, remember, known, errmsg);
}

enum rb_err
store_audit_prune(struct store *s, const char *before, size_t *deleted, char *errmsg)
{
    return s->ops->audit_prune(s, before, deleted, errmsg);
}

enum rb_err
store_traces_prune(struct store *s, long long known_before, long long served_before,
                   size_t *deleted, char *errmsg)
{
    return s->ops->traces_prune(s, known_before, served_before, deleted, errmsg);
}

enum rb_err
store_kit_owner(struct store *s, long long kit, long long account, char *errmsg)
{
    return s->ops->kit_owner(s, kit, account, errmsg);
}

enum rb_err
store_kit_reader(struct store *s, long long kit, long long account, bool *yes, char *errmsg)
{
    return s->ops->kit_reader(s, kit, account, yes, errmsg);
}

enum rb_err
store_practice_served(struct store *s, long long account, const char *question, long long now,
                      bool remember, bool *yes, char *errmsg)
{
    return s->ops->practice_served(s, account, question, now, remember, yes, errmsg);
}

enum rb_err
store_backup(struct store *s, const char *path, char *errmsg)
{
    struct stat st;
    /* A backup is written beside path and renamed over it: over a device (/dev/null), a
     * link or a folder, that would replace the thing itself, not write into it. */
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        snprintf(errmsg, RB_ERRMSG,
                 "%s: not a regular file (%s): a backup replaces its file whole, so give the "
                 "name of a new file or of an earlier backup",
                 path,
                 S_ISDIR(st.st_mode)   ? "a folder"
                 : S_ISLNK(st.st_mode) ? "a symbolic link"
                                       : "a device, pipe or socket");
        return RB_EIO;
    }
    return s->ops->backup(s, path, errmsg);
}

enum rb_err
store_restore(struct store *s, const char *path, char *errmsg)
{
    return s->ops->restore(s, path, store_schema_latest(), errmsg);
}

enum rb_err
store_tx_begin(struct store *s, char *errmsg)
{
    return s->ops->tx_begin(s, errmsg);
}

enum rb_err
store_tx_end(struct store *s, enum rb_err rc, char *errmsg)
{
    return s->ops->tx_end(s, rc, errmsg);
}

enum rb_err
store_upload_used(struct store *s, const char *hash, bool *used, char *errmsg)
{
    return s->ops->upload_used(s, hash, used, errmsg);
}

enum rb_err
store_original_get(struct store *s, const char *hash, size_t max, void **data, size_t *len,
                   char *errmsg)
{
    *data = NULL;
    *len = 0;
    return s->ops->original_get(s, hash, max, data, len, errmsg);
}

enum rb_err
store_original_keep(struct store *s, const char *hash, const void *data, size_t len, bool *kept,
                    char *errmsg)
{
    *kept = false;
    return s->ops->original_keep(s, hash, data, len, kept, errmsg);
}

enum rb_err
store_ping(struct store *s, char *errmsg)
{
    return s->ops->ping(s, errmsg);
}

long long
store_login_wait(const struct login_rule *r, long long failures, long long last, long long now,
                 long long window)
{
    long long delay;
    if (failures >= r->limit)
        return last + window - now > 1 ? last + window - now : 1;
    if (!r->delay_after || failures < r->delay_after)
        return 0;
    delay = failures - r->delay_after >= 30 ? r->delay_max : 1LL << (failures - r->delay_after);
    if (delay > r->delay_max)
        delay = r->delay_max;
    return last + delay > now ? last + delay - now : 0;
}

enum rb_err
store_cache_writes(struct store *s, char *errmsg)
{
    return s->ops->cache_writes(s, errmsg);
}

enum rb_err
store_question_save(struct store *s, const struct question *q, bool create, char *errmsg)
{
    return s->ops->question_save(s, q, create, errmsg);
}

enum rb_err
store_question_retire(struct store *s, const char *id, char *errmsg)
{
    return s->ops->question_retire(s, id, errmsg);
}

enum rb_err
store_question_list(struct store *s, const struct search_query *f, size_t offset,
                    struct search_hit **hits, size_t *n, size_t *total, char *errmsg)
{
    return s->ops->question_list(s, f, offset, hits, n, total, errmsg);
}

enum rb_err
store_kit_get(struct store *s, long long id, char **body, char *errmsg)
{
    return s->ops->kit_get(s, id, body, errmsg);
}

enum rb_err
store_candidate_add(struct store *s, const struct candidate_new *c, long long *id, char *errmsg)
{
    return s->ops->candidate_add(s, c, id, errmsg);
}

enum rb_err
store_candidate_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return s->ops->candidate_get(s, id, out, errmsg);
}

enum rb_err
store_candidate_list(struct store *s, const char *stage, const char *role, size_t limit,
                     size_t offset, json_t **items, size_t *total, char *errmsg)
{
    return s->ops->candidate_list(s, stage, role, limit, offset, items, total, errmsg);
}

enum rb_err
store_resumes_add(struct store *s, const struct resume_new *v, size_t n, long long *ids,
                  char *errmsg)
{
    return s->ops->resumes_add(s, v, n, ids, errmsg);
}

enum rb_err
store_resume_row(struct store *s, long long id, json_t **out, char *errmsg)
{
    return s->ops->resume_row(s, id, out, errmsg);
}

enum rb_err
store_screening_create(struct store *s, const char *role, const char *criteria, bool blind,
                       const long long *resumes, size_t n, long long by, long long *id,
                       char *errmsg)
{
    return s->ops->screening_create(s, role, criteria, blind, resumes, n, by, id, errmsg);
}

enum rb_err
store_screening_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return s->ops->screening_get(s, id, out, errmsg);
}

enum rb_err
store_screening_claim(struct store *s, long long now, long long stale, long long *id,
                      char **criteria, bool *blind, char *errmsg)
{
    return s->ops->screening_claim(s, now, stale, id, criteria, blind, errmsg);
}

enum rb_err
store_screening_next(struct store *s, long long id, size_t max, long long *resumes, size_t *n,
                     char *errmsg)
{
    return s->ops->screening_next(s, id, max, resumes, n, errmsg);
}

enum rb_err
store_screening_record(struct store *s, long long id, const struct screening_outcome *v, size_t n,
                       long long now, char *errmsg)
{
    return s->ops->screening_record(s, id, v, n, now, errmsg);
}

enum rb_err
store_screening_finish(struct store *s, long long id, const char *error, char *errmsg)
{
    return s->ops->screening_finish(s, id, error, errmsg);
}

enum rb_err
store_screening_release(struct store *s, long long id, char *errmsg)
{
    return s->ops->screening_release(s, id, errmsg);
}

enum rb_err
store_screening_results(struct store *s, long long id, size_t limit, size_t offset, json_t **items,
                        size_t *total, char *errmsg)
{
    return s->ops->screening_results(s, id, limit, offset, items, total, errmsg);
}

enum rb_err
store_screenings_active(struct store *s, long long *n, char *errmsg)
{
    return s->ops->screenings_active(s, n, errmsg);
}

enum rb_err
store_question_json(struct store *s, const char *id, char **text, char *errmsg)
{
    return s->ops->question_json(s, id, text, errmsg);
}

enum rb_err
store_bank_generation(struct store *s, long long *n, char *errmsg)
{
    return s->ops->bank_generation(s, n, errmsg);
}

enum rb_err
store_candidate_stage(struct store *s, long long id, const char *stage, long long by,
                      const char *by_label, const char *reason, char *errmsg)
{
    return s->ops->candidate_stage(s, id, stage, by, by_label, reason, errmsg);
}

enum rb_err
store_interview_create(struct store *s, const struct interview_new *v, long long *id, char *errmsg)
{
    return s->ops->interview_create(s, v, id, errmsg);
}

enum rb_err
store_interview_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    return s->ops->interview_get(s, id, out, errmsg);
}

enum rb_err
store_audit_append(struct store *s, const struct audit_actor *who, const char *action,
                   const long long *candidates, size_t n, const char *what, char *errmsg)
{
    return s->ops->audit_append(s, who, action, candidates, n, what, errmsg);
}

enum rb_err
store_audit_list(struct store *s, const struct audit_filter *f, size_t limit, size_t offset,
                 json_t **items, size_t *total, char *errmsg)
{
    *items = NULL;
    *total = 0;
    return s->ops->audit_list(s, f, limit, offset, items, total, errmsg);
}

enum rb_err
store_candidate_export(struct store *s, long long id, json_t **out, char *errmsg)
{
    *out = NULL;
    return s->ops->candidate_export(s, id, out, errmsg);
}

void
erase_result_cleanup(struct erase_result *r)
{
    for (size_t i = 0; i < r->nhashes; i++)
        free(r->hashes[i]);
    free(r->hashes);
    memset(r, 0, sizeof *r);
}

enum rb_err
store_candidate_erase(struct store *s, long long id, const struct audit_actor *who,
                      struct erase_result *r, char *errmsg)
{
    memset(r, 0, sizeof *r);
    return s->ops->candidate_erase(s, id, who, r, errmsg);
}

enum rb_err
store_compact(struct store *s, bool *clean, char *errmsg)
{
    *clean = false;
    return s->ops->compact(s, clean, errmsg);
}

enum rb_err
store_retention_due(struct store *s, long long before, size_t max, json_t **items, char *errmsg)
{
    *items = NULL;
    return s->ops->retention_due(s, before, max, items, errmsg);
}

enum rb_err
store_scorecard_submit(struct store *s, const struct scorecard_new *v, long long *id, char *errmsg)
{
    return s->ops->scorecard_submit(s, v, id, errmsg);
}

enum rb_err
store_scorecard_amend(struct store *s, long long id, const struct scorecard_new *now,
                      const struct scorecard_change *changes, size_t nchanges, long long by,
                      const char *by_label, const char *reason, char *errmsg)
{
    return s->ops->scorecard_amend(s, id, now, changes, nchanges, by, by_label, reason, errmsg);
}

enum rb_err
store_scorecards(struct store *s, const struct scorecard_filter *f, json_t **out, char *errmsg)
{
    return s->ops->scorecards(s, f, out, errmsg);
}

enum rb_err
store_loop_pending(struct store *s, long long candidate, long long account, long long *on_panel,
                   long long *pending, char *errmsg)
{
    return s->ops->loop_pending(s, candidate, account, on_panel, pending, errmsg);
}

enum rb_err
store_interview_list(struct store *s, long long candidate, long long account, size_t limit,
                     size_t offset, json_t **items, size_t *total, char *errmsg)
{
    return s->ops->interview_list(s, candidate, account, limit, offset, items, total, errmsg);
}

enum rb_err
store_practice_card(struct store *s, long long account, const char *question,
                    struct practice_card *c, char *errmsg)
{
    memset(c, 0, sizeof *c);
    return s->ops->practice_card(s, account, question, c, errmsg);
}

enum rb_err
store_practice_record(struct store *s, const struct practice_answer *a, char *errmsg)
{
    return s->ops->practice_record(s, a, errmsg);
}

enum rb_err
store_practice_next(struct store *s, long long account, const struct practice_filter *f,
                    const char *today, char **question, bool *due, long long *ndue, long long *nnew,
                    char *errmsg)
{
    *question = NULL;
    *due = false;
    *ndue = *nnew = 0;
    return s->ops->practice_next(s, account, f, today, question, due, ndue, nnew, errmsg);
}

enum rb_err
store_practice_stats(struct store *s, long long account, const char *today, const char *since,
                     json_t **out, char *errmsg)
{
    *out = NULL;
    return s->ops->practice_stats(s, account, today, since, out, errmsg);
}

enum rb_err
store_synonyms_of(struct store *s, const char *concept, char ***alts, size_t *n, char *errmsg)
{
    *alts = NULL;
    *n = 0;
    return s->ops->synonyms_of(s, concept, alts, n, errmsg);
}

/* ---- openings and applications ---- */

enum rb_err
store_opening_save(struct store *s, const struct opening_row *o, const struct audit_actor *who,
                   long long *id, char *errmsg)
{
    return s->ops->opening_save(s, o, who, id, errmsg);
}

enum rb_err
store_opening_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    *out = NULL;
    return s->ops->opening_get(s, id, out, errmsg);
}

enum rb_err
store_opening_list(struct store *s, const char *status, size_t limit, size_t offset, json_t **items,
                   size_t *total, char *errmsg)
{
    *items = NULL;
    *total = 0;
    return s->ops->opening_list(s, status, limit, offset, items, total, errmsg);
}

enum rb_err
store_opening_status(struct store *s, long long id, const char *from, const char *to,
                     const struct audit_actor *who, const char *reason, char *errmsg)
{
    return s->ops->opening_status(s, id, from, to, who, reason, errmsg);
}

enum rb_err
store_application_add(struct store *s, const struct application_new *a,
                      const struct audit_actor *who, long long *id, long long *candidate,
                      char *errmsg)
{
    return s->ops->application_add(s, a, who, id, candidate, errmsg);
}

enum rb_err
store_application_get(struct store *s, long long id, json_t **out, char *errmsg)
{
    *out = NULL;
    return s->ops->application_get(s, id, out, errmsg);
}

enum rb_err
store_application_list(struct store *s, const struct application_filter *f, size_t limit,
                       size_t offset, json_t **items, size_t *total, json_t **counts, char *errmsg)
{
    *items = NULL;
    *total = 0;
    if (counts)
        *counts = NULL;
    return s->ops->application_list(s, f, limit, offset, items, total, counts, errmsg);
}

enum rb_err
store_application_by_email(struct store *s, long long opening, const char *email, long long *id,
                           long long *candidate, char *errmsg)
{
    return s->ops->application_by_email(s, opening, email, id, candidate, errmsg);
}

enum rb_err
store_application_move(struct store *s, long long id, const char *stage, const char *kind,
                       const struct audit_actor *who, const char *reason, char *errmsg)
{
    return s->ops->application_move(s, id, stage, kind, who, reason, errmsg);
}

enum rb_err
store_application_answers(struct store *s, long long id, const char *answers, char *errmsg)
{
    return s->ops->application_answers(s, id, answers, errmsg);
}

enum rb_err
store_application_resume(struct store *s, long long id, long long resume, long long screening,
                         char *errmsg)
{
    return s->ops->application_resume(s, id, resume, screening, errmsg);
}

enum rb_err
store_apply_attempts(struct store *s, const char *key, long long now, long long window, bool record,
                     long long *count, long long *oldest, char *errmsg)
{
    long long ignored;
    return s->ops->apply_attempts(s, key, now, window, record, count, oldest ? oldest : &ignored,
                                  errmsg);
}

enum rb_err
store_apply_reserve(struct store *s, const char *key, long long now, long long window,
                    long long max, bool *reserved, long long *count, long long *oldest,
                    char *errmsg)
{
    return s->ops->apply_reserve(s, key, now, window, max, reserved, count, oldest, errmsg);
}

enum rb_err
store_apply_release(struct store *s, const char *key, long long at, char *errmsg)
{
    return s->ops->apply_release(s, key, at, errmsg);
}

enum rb_err
store_dashboard(struct store *s, json_t **out, char *errmsg)
{
    *out = NULL;
    return s->ops->dashboard(s, out, errmsg);
}

enum rb_err
store_draft_get(struct store *s, long long interview, long long account, json_t **out, char *errmsg)
{
    return s->ops->draft_get(s, interview, account, out, errmsg);
}

enum rb_err
store_draft_put(struct store *s, long long interview, long long account, const char *body,
                long long base, long long *revision, char *errmsg)
{
    return s->ops->draft_put(s, interview, account, body, base, revision, errmsg);
}

enum rb_err
store_draft_delete(struct store *s, long long interview, long long account, char *errmsg)
{
    return s->ops->draft_delete(s, interview, account, errmsg);
}

enum rb_err
store_candidate_search(struct store *s, const char *stage, const char *role, const char *q,
                       size_t limit, size_t offset, json_t **items, size_t *total, char *errmsg)
{
    return s->ops->candidate_search(s, stage, role, q, limit, offset, items, total, errmsg);
}

enum rb_err
store_interview_find(struct store *s, const struct interview_filter *f, size_t limit, size_t offset,
                     json_t **items, size_t *total, char *errmsg)
{
    return s->ops->interview_find(s, f, limit, offset, items, total, errmsg);
}

/* ---- self-identification and the fairness report ---- */

enum rb_err
store_selfid_put(struct store *s, long long candidate, json_t *answers, const char *given_by,
                 const char *consent, const struct audit_actor *who, char *errmsg)
{
    return s->ops->selfid_put(s, candidate, answers, given_by, consent, who, errmsg);
}

enum rb_err
store_selfid_get(struct store *s, long long candidate, json_t **out, char *errmsg)
{
    *out = NULL;
    return s->ops->selfid_get(s, candidate, out, errmsg);
}

enum rb_err
store_fairness_rows(struct store *s, const struct fairness_filter *f, json_t **rows, char *errmsg)
{
    *rows = NULL;
    return s->ops->fairness_rows(s, f, rows, errmsg);
}

/* ---- calendar invites and the mail queue (schema 17) ---- */

enum rb_err
store_interview_calendar(struct store *s, long long id, json_t **out, char *errmsg)
{
    return s->ops->interview_calendar(s, id, out, errmsg);
}

enum rb_err
store_interview_reschedule(struct store *s, long long id, const char *at, const char *time_zone,
                           bool cancel, long long *sequence, char *errmsg)
{
    return s->ops->interview_reschedule(s, id, at, time_zone, cancel, sequence, errmsg);
}

enum rb_err
store_outbox_add(struct store *s, const struct mail_new *m, char *errmsg)
{
    return s->ops->outbox_add(s, m, errmsg);
}

enum rb_err
store_outbox_claim(struct store *s, long long now, long long lease, size_t max, json_t **items,
                   char *errmsg)
{
    return s->ops->outbox_claim(s, now, lease, max, items, errmsg);
}

enum rb_err
store_outbox_done(struct store *s, long long id, const char *error, long long next_try,
                  char *errmsg)
{
    return s->ops->outbox_done(s, id, error, next_try, errmsg);
}

enum rb_err
store_outbox_list(struct store *s, bool pending, size_t limit, json_t **items, size_t *total,
                  char *errmsg)
{
    return s->ops->outbox_list(s, pending, limit, items, total, errmsg);
}

enum rb_err
store_mail_notice(struct store *s, const char *what, long long id, json_t **out, char *errmsg)
{
    return s->ops->mail_notice(s, what, id, out, errmsg);
}
