/* SPDX-License-Identifier: MIT */
/* Sign-in throttling (core/auth.c) on a real store, with the clock given to each call. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/user.h"
#include "helpers.h"

static char dir[64];
static struct store *s;
static const char pw[] = "a-long-enough-password";

static void
setup(void)
{
    char url[96], msg[RB_ERRMSG];
    long long id;
    snprintf(dir, sizeof dir, "/tmp/rubric-auth-%d-XXXXXX", (int)getpid());
    cr_assert_not_null(mkdtemp(dir));
    snprintf(url, sizeof url, "sqlite:%s/s.db", dir);
    cr_assert_eq(test_store_open(url, &s, msg), RB_OK, "%s", msg);
    cr_assert_eq(
        auth_user_add(s, "ola@example.org", NULL, USER_INTERVIEWER, pw, strlen(pw), &id, msg),
        RB_OK, "%s", msg);
}

static void
teardown(void)
{
    char cmd[96];
    store_close(s);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

/* The error of a sign-in as ola from address at now with password p. */
static enum rb_err
login(const char *address, const char *p, long long now)
{
    struct user u;
    struct auth_session out;
    char msg[RB_ERRMSG];
    enum rb_err rc = auth_login(s, &auth_default_policy, "ola@example.org", p, strlen(p), address,
                                now, &u, &out, msg);
    if (!rc)
        user_cleanup(&u);
    return rc;
}

TestSuite(auth, .init = setup, .fini = teardown);

Test(auth, a_delay_past_ten_failures_doubles_and_spares_the_owners_address)
{
    const long long t = 1700000000;
    const char *from[] = {"10.0.0.1", "10.0.0.2"};
    cr_assert_eq(login("10.0.0.9", pw, t), RB_OK, "the owner signs in from 10.0.0.9");
    /* 5 failures from each of two addresses: 10 for the account */
    for (int a = 0; a < 2; a++)
        for (int i = 0; i < 5; i++)
            cr_assert_eq(login(from[a], "wrong", t + 1), RB_EAUTH);
    /* past 10, an unfamiliar address waits 1 s after the last failure, then 2 s, ... */
    cr_assert_eq(login("10.0.0.3", pw, t + 1), RB_ERATE, "even the right password waits");
    cr_assert_eq(login("10.0.0.3", "wrong", t + 2), RB_EAUTH, "1 s later: checked");
    cr_assert_eq(login("10.0.0.4", "wrong", t + 3), RB_ERATE, "11 failures: 2 s");
    cr_assert_eq(login("10.0.0.4", "wrong", t + 4), RB_EAUTH);
    cr_assert_eq(login("10.0.0.5", "wrong", t + 7), RB_ERATE, "12 failures: 4 s");
    cr_assert_eq(login("10.0.0.5", "wrong", t + 8), RB_EAUTH);
    /* meanwhile the owner's address is never slowed */
    cr_assert_eq(login("10.0.0.9", pw, t + 8), RB_OK);
    /* and their success forgets the account's failures */
    cr_assert_eq(login("10.0.0.6", pw, t + 8), RB_OK);
}

Test(auth, an_address_and_an_account_from_one_address_have_hard_limits)
{
    const long long t = 1700000000;
    for (int i = 0; i < 5; i++)
        cr_assert_eq(login("10.0.0.1", "wrong", t + i), RB_EAUTH);
    cr_assert_eq(login("10.0.0.1", pw, t + 10), RB_ERATE, "5 from one address for one account");
    cr_assert_eq(login("10.0.0.1", pw, t + 15 * 60 + 5), RB_OK, "after the window");
}
