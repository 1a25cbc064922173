/* SPDX-License-Identifier: MIT */
/*
 * Authentication: password logins that open sessions (with a CSRF token), personal API
 * tokens, and new users and passwords. Secrets are shown once and stored only as hashes.
 * Failed logins are counted in the store (so that every server instance sees them) and an
 * attempt is counted before its password is checked, atomically, so that concurrent
 * attempts cannot overrun a limit. Three rules: a hard limit per account from one address
 * and per address over all accounts, and per account from anywhere a delay that doubles
 * with each failure, which does not apply from an address the owner has signed in from:
 * strangers guessing cannot lock the owner out. A login refused for a wrong password or an
 * unknown or disabled account says only "wrong email or password", after the same work,
 * so that nobody learns whether an account exists.
 */
#ifndef RUBRIC_CORE_AUTH_H
#define RUBRIC_CORE_AUTH_H

#include "core/user.h"
#include "store/store.h"
#include "util/crypto.h"

#define AUTH_SESSION_PREFIX "rbs_"
#define AUTH_TOKEN_PREFIX "rbt_"

struct auth_policy {
    int account_failures;        /* failed logins for one account from one address ... */
    int address_failures;        /* ... and from one address for any, within the window */
    int account_delay_after;     /* failures for an account from anywhere before each next
                                    attempt from an unfamiliar address waits 2^(n - this) s */
    long long account_delay_max; /* seconds, the most that wait grows to */
    long long window;            /* seconds */
    long long session_seconds;
};

/* 5 per account and address and 50 per address in 15 minutes; past 10 failures for an
 * account, a wait from 1 s doubling to 15 minutes; sessions of 12 hours. */
extern const struct auth_policy auth_default_policy;

struct auth_session {
    char token[CRYPTO_TOKEN_MAX]; /* the cookie's value: shown once */
    char csrf[CRYPTO_TOKEN_MAX];
    long long expires; /* Unix seconds */
};

/* Logs in: *u (user_cleanup it) and a new session. RB_EAUTH for a wrong email or password
 * or a disabled account (one message for all), RB_ERATE when too many attempts failed. */
enum rb_err auth_login(struct store *s, const struct auth_policy *p, const char *email,
                       const char *password, size_t plen, const char *address, long long now,
                       struct user *u, struct auth_session *out, char *errmsg);

/* The user of a session token (and its CSRF token, new), or RB_EAUTH. */
enum rb_err auth_session_user(struct store *s, const char *token, long long now, struct user *u,
                              char **csrf, char *errmsg);
enum rb_err auth_logout(struct store *s, const char *token, char *errmsg);

/* The user of an API token, or RB_EAUTH. */
enum rb_err auth_token_user(struct store *s, const char *token, struct user *u, char *errmsg);
/* A new API token for user, named name: *token is shown once. */
enum rb_err auth_token_create(struct store *s, long long user, const char *name,
                              char token[CRYPTO_TOKEN_MAX], long long *id, char *errmsg);

/* A new user: email checked and folded, password checked and hashed (NULL: none). */
enum rb_err auth_user_add(struct store *s, const char *email, const char *name, int role,
                          const char *password, size_t plen, long long *id, char *errmsg);
/* A new password for user, set by an admin or the operator: ends their sessions and
 * revokes their API tokens. RB_EINVAL "password: ..." when it breaks the rules. */
enum rb_err auth_password_set(struct store *s, long long user, const char *password, size_t plen,
                              char *errmsg);

/* A user's change of their own password. */
struct auth_password_change {
    const char *current, *new_pw;
    size_t current_len, new_len;
    bool keep_tokens;    /* their API tokens stay (else all are revoked) */
    const char *session; /* the session token making the change, which stays; NULL: none */
};
/* Changes who's password after checking the current one: their other sessions end and,
 * unless c->keep_tokens, their API tokens are revoked, in one transaction. The attempt is
 * throttled as a sign-in from address is. RB_EINVAL "new: ..." when the new password breaks
 * the rules (checked first, costing no attempt), RB_EDENIED "current: ..." when the current
 * one is wrong, RB_ERATE when too many were. */
enum rb_err auth_password_change(struct store *s, const struct auth_policy *p,
                                 const struct user *who, const struct auth_password_change *c,
                                 const char *address, long long now, char *errmsg);

#endif
