/* SPDX-License-Identifier: MIT */
/*
 * The operations the PostgreSQL backend does not have yet: each answers RB_ESTORE, "NAME is
 * not yet available on PostgreSQL" (pg_unavailable), never a crash or a wrong answer. When an
 * area's file (pg_users.c, ...) implements one, its pg_*_ops sets it before pg_todo_ops runs
 * and the stub here is no longer used; delete it then.
 */
#include "store/pg_int.h"

/* The stubs keep the operations' signatures, out-parameters and all, and use none of them. */
/* NOLINTBEGIN(readability-non-const-parameter) */
static enum rb_err
todo_bank_load(struct store *s, const struct bank *b, struct load_result *r, char *errmsg)
{
    (void)s;
    (void)b;
    (void)r;
    return pg_unavailable("bank_load", errmsg);
}

static enum rb_err
todo_question_get(struct store *s, const char *id, struct question *q, char *errmsg)
{
    (void)s;
    (void)id;
    (void)q;
    return pg_unavailable("question_get", errmsg);
}

static enum rb_err
todo_question_search(struct store *s, const struct search_query *sq, struct search_hit **hits,
                     size_t *n, char *errmsg)
{
    (void)s;
    (void)sq;
    (void)hits;
    (void)n;
    return pg_unavailable("question_search", errmsg);
}

static enum rb_err
todo_bank_stats(struct store *s, struct bank_stats *st, char *errmsg)
{
    (void)s;
    (void)st;
    return pg_unavailable("bank_stats", errmsg);
}

static enum rb_err
todo_bank_export(struct store *s, struct bank *b, char *errmsg)
{
    (void)s;
    (void)b;
    return pg_unavailable("bank_export", errmsg);
}

static enum rb_err
todo_questions_import(struct store *s, const struct question *qs, size_t n,
                      const struct competency *comps, size_t ncomps, struct import_result *r,
                      char *errmsg)
{
    (void)s;
    (void)qs;
    (void)n;
    (void)comps;
    (void)ncomps;
    (void)r;
    return pg_unavailable("questions_import", errmsg);
}

static enum rb_err
todo_question_text_exists(struct store *s, const char *text, int *exists, char *errmsg)
{
    (void)s;
    (void)text;
    (void)exists;
    return pg_unavailable("question_text_exists", errmsg);
}

static enum rb_err
todo_user_add(struct store *s, const struct user *u, const char *pwhash, long long *id,
              char *errmsg)
{
    (void)s;
    (void)u;
    (void)pwhash;
    (void)id;
    return pg_unavailable("user_add", errmsg);
}

static enum rb_err
todo_user_get(struct store *s, long long id, const char *email, struct user *u, char **pwhash,
              char *errmsg)
{
    (void)s;
    (void)id;
    (void)email;
    (void)u;
    (void)pwhash;
    return pg_unavailable("user_get", errmsg);
}

static enum rb_err
todo_user_list(struct store *s, struct user **v, size_t *n, char *errmsg)
{
    (void)s;
    (void)v;
    (void)n;
    return pg_unavailable("user_list", errmsg);
}

static enum rb_err
todo_user_update(struct store *s, long long id, const struct user_update *up, char *errmsg)
{
    (void)s;
    (void)id;
    (void)up;
    return pg_unavailable("user_update", errmsg);
}

static enum rb_err
todo_session_create(struct store *s, long long user, const char *token_hash, const char *csrf,
                    long long now, long long expires, char *errmsg)
{
    (void)s;
    (void)user;
    (void)token_hash;
    (void)csrf;
    (void)now;
    (void)expires;
    return pg_unavailable("session_create", errmsg);
}

static enum rb_err
todo_session_get(struct store *s, const char *token_hash, long long now, struct user *u,
                 char **csrf, char *errmsg)
{
    (void)s;
    (void)token_hash;
    (void)now;
    (void)u;
    (void)csrf;
    return pg_unavailable("session_get", errmsg);
}

static enum rb_err
todo_session_delete(struct store *s, const char *token_hash, char *errmsg)
{
    (void)s;
    (void)token_hash;
    return pg_unavailable("session_delete", errmsg);
}

static enum rb_err
todo_token_create(struct store *s, long long user, const char *name, const char *token_hash,
                  long long *id, char *errmsg)
{
    (void)s;
    (void)user;
    (void)name;
    (void)token_hash;
    (void)id;
    return pg_unavailable("token_create", errmsg);
}

static enum rb_err
todo_token_get(struct store *s, const char *token_hash, struct user *u, char *errmsg)
{
    (void)s;
    (void)token_hash;
    (void)u;
    return pg_unavailable("token_get", errmsg);
}

static enum rb_err
todo_token_list(struct store *s, long long user, json_t **out, char *errmsg)
{
    (void)s;
    (void)user;
    (void)out;
    return pg_unavailable("token_list", errmsg);
}

static enum rb_err
todo_token_revoke(struct store *s, long long user, long long id, char *errmsg)
{
    (void)s;
    (void)user;
    (void)id;
    return pg_unavailable("token_revoke", errmsg);
}

static enum rb_err
todo_login_failures(struct store *s, const char *const *keys, size_t nkeys, long long now,
                    long long window, int op, int *count, char *errmsg)
{
    (void)s;
    (void)keys;
    (void)nkeys;
    (void)now;
    (void)window;
    (void)op;
    (void)count;
    return pg_unavailable("login_failures", errmsg);
}

static enum rb_err
todo_login_reserve(struct store *s, const struct login_rule *rules, size_t n, long long now,
                   long long window, int *refused, long long *wait, char *errmsg)
{
    (void)s;
    (void)rules;
    (void)n;
    (void)now;
    (void)window;
    (void)refused;
    (void)wait;
    return pg_unavailable("login_reserve", errmsg);
}

static enum rb_err
todo_login_known(struct store *s, const char *account, const char *address, long long now,
                 bool remember, bool *known, char *errmsg)
{
    (void)s;
    (void)account;
    (void)address;
    (void)now;
    (void)remember;
    (void)known;
    return pg_unavailable("login_known", errmsg);
}

static enum rb_err
todo_audit_prune(struct store *s, const char *before, size_t *deleted, char *errmsg)
{
    (void)s;
    (void)before;
    (void)deleted;
    return pg_unavailable("audit_prune", errmsg);
}

static enum rb_err
todo_traces_prune(struct store *s, long long known_before, long long served_before, size_t *deleted,
                  char *errmsg)
{
    (void)s;
    (void)known_before;
    (void)served_before;
    (void)deleted;
    return pg_unavailable("traces_prune", errmsg);
}

static enum rb_err
todo_backup(struct store *s, const char *path, char *errmsg)
{
    (void)s;
    (void)path;
    return pg_unavailable("backup", errmsg);
}

static enum rb_err
todo_restore(struct store *s, const char *path, int latest, char *errmsg)
{
    (void)s;
    (void)path;
    (void)latest;
    return pg_unavailable("restore", errmsg);
}

static enum rb_err
todo_question_json(struct store *s, const char *id, char **text, char *errmsg)
{
    (void)s;
    (void)id;
    (void)text;
    return pg_unavailable("question_json", errmsg);
}

static enum rb_err
todo_question_save(struct store *s, const struct question *q, bool create, char *errmsg)
{
    (void)s;
    (void)q;
    (void)create;
    return pg_unavailable("question_save", errmsg);
}

static enum rb_err
todo_question_retire(struct store *s, const char *id, char *errmsg)
{
    (void)s;
    (void)id;
    return pg_unavailable("question_retire", errmsg);
}

static enum rb_err
todo_question_list(struct store *s, const struct search_query *f, size_t offset,
                   struct search_hit **hits, size_t *n, size_t *total, char *errmsg)
{
    (void)s;
    (void)f;
    (void)offset;
    (void)hits;
    (void)n;
    (void)total;
    return pg_unavailable("question_list", errmsg);
}

static enum rb_err
todo_audit_append(struct store *s, const struct audit_actor *who, const char *action,
                  const long long *candidates, size_t n, const char *what, char *errmsg)
{
    (void)s;
    (void)who;
    (void)action;
    (void)candidates;
    (void)n;
    (void)what;
    return pg_unavailable("audit_append", errmsg);
}

static enum rb_err
todo_audit_list(struct store *s, const struct audit_filter *f, size_t limit, size_t offset,
                json_t **items, size_t *total, char *errmsg)
{
    (void)s;
    (void)f;
    (void)limit;
    (void)offset;
    (void)items;
    (void)total;
    return pg_unavailable("audit_list", errmsg);
}

/* NOLINTEND(readability-non-const-parameter) */

void
pg_todo_ops(struct store_ops *ops)
{
    if (!ops->bank_load)
        ops->bank_load = todo_bank_load;
    if (!ops->question_get)
        ops->question_get = todo_question_get;
    if (!ops->question_search)
        ops->question_search = todo_question_search;
    if (!ops->bank_stats)
        ops->bank_stats = todo_bank_stats;
    if (!ops->bank_export)
        ops->bank_export = todo_bank_export;
    if (!ops->questions_import)
        ops->questions_import = todo_questions_import;
    if (!ops->question_text_exists)
        ops->question_text_exists = todo_question_text_exists;
    if (!ops->user_add)
        ops->user_add = todo_user_add;
    if (!ops->user_get)
        ops->user_get = todo_user_get;
    if (!ops->user_list)
        ops->user_list = todo_user_list;
    if (!ops->user_update)
        ops->user_update = todo_user_update;
    if (!ops->session_create)
        ops->session_create = todo_session_create;
    if (!ops->session_get)
        ops->session_get = todo_session_get;
    if (!ops->session_delete)
        ops->session_delete = todo_session_delete;
    if (!ops->token_create)
        ops->token_create = todo_token_create;
    if (!ops->token_get)
        ops->token_get = todo_token_get;
    if (!ops->token_list)
        ops->token_list = todo_token_list;
    if (!ops->token_revoke)
        ops->token_revoke = todo_token_revoke;
    if (!ops->login_failures)
        ops->login_failures = todo_login_failures;
    if (!ops->login_reserve)
        ops->login_reserve = todo_login_reserve;
    if (!ops->login_known)
        ops->login_known = todo_login_known;
    if (!ops->audit_prune)
        ops->audit_prune = todo_audit_prune;
    if (!ops->traces_prune)
        ops->traces_prune = todo_traces_prune;
    if (!ops->backup)
        ops->backup = todo_backup;
    if (!ops->restore)
        ops->restore = todo_restore;
    if (!ops->question_json)
        ops->question_json = todo_question_json;
    if (!ops->question_save)
        ops->question_save = todo_question_save;
    if (!ops->question_retire)
        ops->question_retire = todo_question_retire;
    if (!ops->question_list)
        ops->question_list = todo_question_list;
    if (!ops->audit_append)
        ops->audit_append = todo_audit_append;
    if (!ops->audit_list)
        ops->audit_list = todo_audit_list;
}
