/* SPDX-License-Identifier: MIT */
/* Logins, sessions, API tokens, new users (core/auth.h). */
#include "core/auth.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

const struct auth_policy auth_default_policy = {
    .account_failures = 5,
    .address_failures = 50,
    .account_delay_after = 10,
    .account_delay_max = 15 * 60LL,
    .window = 15 * 60LL,
    .session_seconds = 12 * 3600LL,
};

static const char wrong[] = "wrong email or password";

/* A hash to verify against when there is no account, so that the answer takes as long. */
static char dummy_hash[CRYPTO_PWHASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
make_dummy(void)
{
    if (crypto_password_hash("no account has this password", 28, dummy_hash))
        dummy_hash[0] = '\0';
}

/* The keys a password attempt for norm (NULL: not an email) from address is counted under. */
struct throttle_keys {
    char address[80], pair[400], account[300];
};

static void
throttle_keys(struct throttle_keys *k, const char *norm, const char *address)
{
    const char *who = norm ? norm : "(invalid)", *from = address ? address : "-";
    snprintf(k->address, sizeof k->address, "address:%s", from);
    snprintf(k->pair, sizeof k->pair, "account:%s from:%s", who, from);
    snprintf(k->account, sizeof k->account, "account:%s", who);
}

/* Reserves a password attempt for norm from address (core/auth.h: the three rules), before
 * the password is checked; RB_ERATE saying how long to wait when a rule refuses. */
static enum rb_err
throttle(struct store *s, const struct auth_policy *p, const struct throttle_keys *k,
         const char *norm, const char *address, long long now, char *errmsg)
{
    struct login_rule rules[3] = {
        {k->address, p->address_failures, 0, 0},
        {k->pair, p->account_failures, 0, 0},
        {k->account, INT_MAX, p->account_delay_after, p->account_delay_max},
    };
    long long wait = 0;
    int refused = -1;
    bool known = false;
    enum rb_err rc;
    /* the owner's own addresses are not delayed by strangers' failures */
    if (norm &&
        (rc = store_login_known(s, norm, address ? address : "-", now, false, &known, errmsg)))
        return rc;
    if ((rc =
             store_login_reserve(s, rules, known ? 2 : 3, now, p->window, &refused, &wait, errmsg)))
        return rc;
    if (refused < 0)
        return RB_OK;
    snprintf(errmsg, RB_ERRMSG, "%s; try again in %lld seconds",
             refused == 0   ? "too many failed logins from this address"
             : refused == 1 ? "too many failed logins for this account from this address"
                            : "failed logins for this account from elsewhere slow it down",
             wait);
    return RB_ERATE;
}

enum rb_err
auth_login(struct store *s, const struct auth_policy *p, const char *email, const char *password,
           size_t plen, const char *address, long long now, struct user *u,
           struct auth_session *out, char *errmsg)
{
    char msg[RB_ERRMSG], *norm = user_email_normal(email, msg), *pwhash = NULL, hash[65];
    struct throttle_keys k;
    const char *clear[2] = {k.pair, k.account};
    int count = 0;
    enum rb_err rc;
    bool ok = false, known = false;

    memset(u, 0, sizeof *u);
    throttle_keys(&k, norm, address);
    if ((rc = throttle(s, p, &k, norm, address, now, errmsg)))
        goto out;
    rc = norm ? store_user_get(s, 0, norm, u, &pwhash, errmsg) : RB_ENOTFOUND;
    if (rc && rc != RB_ENOTFOUND)
        goto out;
    pthread_once(&dummy_once, make_dummy);
    ok = crypto_password_verify(pwhash ? pwhash : dummy_hash, password, plen) && !rc &&
         !u->disabled && pwhash;
    if (!ok) {
        /* the attempt reserved above stands as the failure */
        user_cleanup(u);
        snprintf(errmsg, RB_ERRMSG, "%s", wrong);
        rc = RB_EAUTH;
        goto out;
    }
    if ((rc = store_login_failures(s, clear, 2, now, p->window, LOGIN_CLEAR, &count, errmsg)) ||
        (rc = store_login_known(s, norm, address ? address : "-", now, true, &known, errmsg)))
        goto out;
    crypto_token(AUTH_SESSION_PREFIX, out->token);
    crypto_token("", out->csrf);
    crypto_token_hash(out->token, hash);
    out->expires = now + p->session_seconds;
    rc = store_session_create(s, u->id, hash, out->csrf, now, out->expires, errmsg);
out:
    if (rc)
        user_cleanup(u);
    free(norm);
    free(pwhash);
    return rc;
}

enum rb_err
auth_session_user(struct store *s, const char *token, long long now, struct user *u, char **csrf,
                  char *errmsg)
{
    char hash[65];
    enum rb_err rc;
    crypto_token_hash(token, hash);
    rc = store_session_get(s, hash, now, u, csrf, errmsg);
    if (rc == RB_ENOTFOUND) {
        snprintf(errmsg, RB_ERRMSG, "the session has expired or ended: log in again");
        rc = RB_EAUTH;
    }
    return rc;
}

enum rb_err
auth_logout(struct store *s, const char *token, char *errmsg)
{
    char hash[65];
    crypto_token_hash(token, hash);
    return store_session_delete(s, hash, errmsg);
}

enum rb_err
auth_token_user(struct store *s, const char *token, struct user *u, char *errmsg)
{
    char hash[65];
    enum rb_err rc;
    crypto_token_hash(token, hash);
    rc = store_token_get(s, hash, u, errmsg);
    if (rc == RB_ENOTFOUND) {
        snprintf(errmsg, RB_ERRMSG, "the API token is not known or was revoked");
        rc = RB_EAUTH;
    }
    return rc;
}

enum rb_err
auth_token_create(struct store *s, long long user, const char *name, char token[CRYPTO_TOKEN_MAX],
                  long long *id, char *errmsg)
{
    char hash[65];
    crypto_token(AUTH_TOKEN_PREFIX, token);
    crypto_token_hash(token, hash);
    return store_token_create(s, user, name, hash, id, errmsg);
}

enum rb_err
auth_user_add(struct store *s, const char *email, const char *name, int role, const char *password,
              size_t plen, long long *id, char *errmsg)
{
    struct user u = {0};
    char pwhash[CRYPTO_PWHASH_MAX];
    enum rb_err rc;

    if (role < USER_ADMIN || role > USER_ROLE_MAX) {
        snprintf(errmsg, RB_ERRMSG, "role: one of admin, recruiter, interviewer, candidate");
        return RB_EINVAL;
    }
    if (name && (strlen(name) > 200 || !*name)) {
        snprintf(errmsg, RB_ERRMSG, "name: 1 to 200 bytes");
        return RB_EINVAL;
    }
    if (!(u.email = user_email_normal(email, errmsg)))
        return RB_EINVAL;
    if (password && (rc = user_password_check(password, plen, errmsg)))
        goto out;
    if (password && (rc = crypto_password_hash(password, plen, pwhash))) {
        snprintf(errmsg, RB_ERRMSG, "no memory to hash the password");
        goto out;
    }
    u.name = name ? xstrdup(name) : NULL;
    u.role = role;
    rc = store_user_add(s, &u, password ? pwhash : NULL, id, errmsg);
out:
    user_cleanup(&u);
    return rc;
}

enum rb_err
auth_password_set(struct store *s, long long user, const char *password, size_t plen, char *errmsg)
{
    char pwhash[CRYPTO_PWHASH_MAX];
    struct user_update up = {NULL, -1, -1, pwhash, NULL, false};
    enum rb_err rc = user_password_check(password, plen, errmsg);
    if (rc)
        return rc;
    if (crypto_password_hash(password, plen, pwhash)) {
        snprintf(errmsg, RB_ERRMSG, "no memory to hash the password");
        return RB_EINTERNAL;
    }
    return store_user_update(s, user, &up, errmsg);
}

enum rb_err
auth_password_change(struct store *s, const struct auth_policy *p, const struct user *who,
                     const struct auth_password_change *c, const char *address, long long now,
                     char *errmsg)
{
    char pwhash[CRYPTO_PWHASH_MAX], session_hash[65], *old = NULL;
    struct user_update up = {NULL, -1, -1, pwhash, NULL, c->keep_tokens};
    struct throttle_keys k;
    struct user u = {0};
    const char *clear[1] = {k.pair};
    int count;
    enum rb_err rc;

    /* the new password is checked first: a bad one costs no attempt */
    if ((rc = user_password_check(c->new_pw, c->new_len, errmsg))) {
        /* the rules say "password: ..."; the request's field is "new" */
        char m[RB_ERRMSG];
        snprintf(m, sizeof m, "new%s", errmsg + strlen("password"));
        snprintf(errmsg, RB_ERRMSG, "%s", m);
        return rc;
    }
    /* a stolen session must not be a way round the sign-in limits */
    throttle_keys(&k, who->email, address);
    if ((rc = throttle(s, p, &k, who->email, address, now, errmsg)) ||
        (rc = store_user_get(s, who->id, NULL, &u, &old, errmsg)))
        goto out;
    if (!old || !crypto_password_verify(old, c->current, c->current_len)) {
        snprintf(errmsg, RB_ERRMSG, "current: not your password");
        rc = RB_EDENIED;
        goto out;
    }
    if (crypto_password_hash(c->new_pw, c->new_len, pwhash)) {
        snprintf(errmsg, RB_ERRMSG, "no memory to hash the password");
        rc = RB_EINTERNAL;
        goto out;
    }
    if (c->session) {
        crypto_token_hash(c->session, session_hash);
        up.keep_session = session_hash;
    }
    if ((rc = store_login_failures(s, clear, 1, now, p->window, LOGIN_CLEAR, &count, errmsg)))
        goto out;
    rc = store_user_update(s, who->id, &up, errmsg);
out:
    user_cleanup(&u);
    free(old);
    return rc;
}
