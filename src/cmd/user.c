/* SPDX-License-Identifier: MIT */
/*
 * `rubric user` and `rubric token`: accounts and personal API tokens from the command line,
 * for whoever runs the server (the same as an admin can do through the API).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/auth.h"
#include "util/mem.h"
#include "util/table.h"

#define PASSWORD_MAX 1024

/* Reads a password: one line from stdin, or asked twice on the terminal without echo. */
static bool
read_password(bool from_stdin, char *out, size_t n)
{
    struct termios old, quiet;
    bool tty = !from_stdin && isatty(STDIN_FILENO);
    char again[PASSWORD_MAX + 2];
    size_t len;

    for (int round = 0; round < (tty ? 2 : 1); round++) {
        char *dst = round ? again : out;
        size_t cap = round ? sizeof again : n;
        if (tty) {
            fputs(round ? "again: " : "password: ", stderr);
            tcgetattr(STDIN_FILENO, &old);
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        if (!fgets(dst, (int)cap, stdin))
            dst[0] = '\0';
        if (tty) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
            fputc('\n', stderr);
        }
        len = strlen(dst);
        while (len && (dst[len - 1] == '\n' || dst[len - 1] == '\r'))
            dst[--len] = '\0';
    }
    if (tty && strcmp(out, again) != 0) {
        cmd_error("the two passwords differ");
        return false;
    }
    return true;
}

static const struct option add_opts[] = {
    {"role", required_argument, NULL, 'r'},     {"name", required_argument, NULL, 'n'},
    {"password-stdin", no_argument, NULL, 'p'}, {"no-password", no_argument, NULL, 'N'},
    {"help", no_argument, NULL, 'h'},           {0}};
static const struct cmd_spec add_spec = {
    "user add", "h", add_opts,
    "usage: rubric user add EMAIL --role ROLE [--name NAME] [--password-stdin | --no-password]\n\n"
    "Adds an account. ROLE is admin, recruiter, interviewer or candidate. The password (10 to\n"
    "1024 characters) is asked on the terminal, or read as one line from standard input with\n"
    "--password-stdin; --no-password makes an account that signs in only with API tokens.\n"
    "Prints the new user's id.\n"};

static int
user_add(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *name = NULL, *role_name = NULL;
    bool from_stdin = false, none = false;
    char pw[PASSWORD_MAX + 2] = "", msg[RB_ERRMSG];
    struct store *s;
    long long id;
    int c, rc = 0, role;
    enum rb_err e;

    while ((c = cmd_getopt(&add_spec, argc, argv, &rc)) > 0) {
        if (c == 'r')
            role_name = optarg;
        else if (c == 'n')
            name = optarg;
        else if (c == 'p')
            from_stdin = true;
        else if (c == 'N')
            none = true;
    }
    if (c < 0)
        return rc;
    if (optind + 1 != argc)
        return cmd_usage("user add", "give one EMAIL");
    if (!role_name || !(role = user_role_parse(role_name)))
        return cmd_usage("user add", "give --role admin, recruiter, interviewer or candidate");
    if (!none && !read_password(from_stdin, pw, sizeof pw))
        return RB_EXIT_PROBLEMS;
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = auth_user_add(s, argv[optind], name, role, none ? NULL : pw, strlen(pw), &id, msg);
    store_close(s);
    memset(pw, 0, sizeof pw);
    if (e)
        return cmd_fail(e, msg);
    printf("%lld\n", id);
    return 0;
}

static const struct option list_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec list_spec = {"user list", "h", list_opts,
                                          "usage: rubric user list [--json]\n\n"
                                          "Every account: id, email, name, role, and whether "
                                          "it is disabled.\n"};

static int
user_list(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct store *s;
    struct user *v;
    size_t n;
    char msg[RB_ERRMSG];
    bool json = false;
    int c, rc = 0;
    enum rb_err e;

    while ((c = cmd_getopt(&list_spec, argc, argv, &rc)) > 0)
        json = json || c == 'j';
    if (c < 0)
        return rc;
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = store_user_list(s, &v, &n, msg);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    if (json) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, user_to_json(&v[i]));
        rc = cmd_print_json(a);
    } else {
        static const char *const head[] = {">ID", "EMAIL", "NAME", "ROLE", "STATE"};
        struct table t;
        table_init(&t, 5, head, 2);
        for (size_t i = 0; i < n; i++) {
            char id[24];
            const char *row[5] = {id, v[i].email, v[i].name ? v[i].name : "-",
                                  user_role_name(v[i].role), v[i].disabled ? "disabled" : "active"};
            snprintf(id, sizeof id, "%lld", v[i].id);
            table_add(&t, row);
        }
        table_print(&t, stdout, term_width(STDOUT_FILENO));
        table_cleanup(&t);
    }
    for (size_t i = 0; i < n; i++)
        user_cleanup(&v[i]);
    free(v);
    return rc;
}

static const struct option one_opts[] = {
    {"password-stdin", no_argument, NULL, 'p'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec disable_spec = {
    "user disable", "h", one_opts,
    "usage: rubric user disable EMAIL\n\n"
    "Disables an account: it cannot log in, its sessions end and its API tokens are revoked.\n"
    "Its records stay.\n"};
static const struct cmd_spec passwd_spec = {
    "user passwd", "h", one_opts,
    "usage: rubric user passwd EMAIL [--password-stdin]\n\n"
    "Sets a new password (asked twice on the terminal, or one line from standard input) and\n"
    "ends the account's sessions and revokes its API tokens.\n"};

static int
user_one(struct cmd_ctx *ctx, int argc, char **argv, bool passwd)
{
    struct store *s;
    struct user u;
    char msg[RB_ERRMSG], pw[PASSWORD_MAX + 2] = "", *email;
    bool from_stdin = false;
    int c, rc = 0;
    enum rb_err e;

    while ((c = cmd_getopt(passwd ? &passwd_spec : &disable_spec, argc, argv, &rc)) > 0)
        from_stdin = from_stdin || c == 'p';
    if (c < 0)
        return rc;
    if (optind + 1 != argc)
        return cmd_usage(passwd ? "user passwd" : "user disable", "give one EMAIL");
    if (!(email = user_email_normal(argv[optind], msg)))
        return cmd_usage(passwd ? "user passwd" : "user disable", "%s", msg);
    if (passwd && !read_password(from_stdin, pw, sizeof pw)) {
        free(email);
        return RB_EXIT_PROBLEMS;
    }
    if ((rc = cmd_open_store(ctx, &s))) {
        free(email);
        return rc;
    }
    e = store_user_get(s, 0, email, &u, NULL, msg);
    if (!e && passwd) {
        e = auth_password_set(s, u.id, pw, strlen(pw), msg);
    } else if (!e) {
        struct user_update up = {NULL, -1, 1, NULL, NULL, false};
        e = store_user_update(s, u.id, &up, msg);
    }
    memset(pw, 0, sizeof pw);
    store_close(s);
    user_cleanup(&u);
    free(email);
    if (e)
        return cmd_fail(e, msg);
    fprintf(stderr, "rubric: %s\n", passwd ? "password changed; sessions ended" : "disabled");
    return 0;
}

static int
user_disable(struct cmd_ctx *ctx, int argc, char **argv)
{
    return user_one(ctx, argc, argv, false);
}

static int
user_passwd(struct cmd_ctx *ctx, int argc, char **argv)
{
    return user_one(ctx, argc, argv, true);
}

static const char user_usage[] =
    "usage: rubric user add|list|disable|passwd ...\n\n"
    "  add EMAIL --role ROLE   a new account (prints its id)\n"
    "  list [--json]           every account\n"
    "  disable EMAIL           no more logins; sessions and tokens end\n"
    "  passwd EMAIL            a new password\n\n"
    "'rubric user COMMAND --help' says more.\n";

static const struct cmd_sub user_subs[] = {
    {"add", user_add}, {"list", user_list}, {"disable", user_disable}, {"passwd", user_passwd}};

int
cmd_user(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "user", user_subs, sizeof user_subs / sizeof user_subs[0],
                        user_usage);
}

static const struct option create_opts[] = {
    {"name", required_argument, NULL, 'n'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec create_spec = {
    "token create", "h", create_opts,
    "usage: rubric token create EMAIL [--name NAME]\n\n"
    "Creates a personal API token for the account and prints it once: send it as\n"
    "'Authorization: Bearer TOKEN'. Only its hash is stored; revoke it with 'rubric token\n"
    "revoke ID' or DELETE /api/v1/tokens/ID.\n"};
static const struct cmd_spec revoke_spec = {"token revoke", "h", create_opts + 1,
                                            "usage: rubric token revoke ID\n\n"
                                            "Revokes the API token with that id (see 'rubric "
                                            "token list EMAIL').\n"};
static const struct cmd_spec tlist_spec = {"token list", "h", create_opts + 1,
                                           "usage: rubric token list EMAIL\n\n"
                                           "The account's API tokens (never their values), as "
                                           "JSON.\n"};

/* One of create, list, revoke (spec), with argv[0] the subcommand. */
static int
token_run(struct cmd_ctx *ctx, int argc, char **argv, const struct cmd_spec *spec)
{
    const char *name = "cli";
    struct store *s;
    struct user u;
    char msg[RB_ERRMSG], token[CRYPTO_TOKEN_MAX], *email = NULL;
    long long id;
    long v;
    int c, rc = 0;
    enum rb_err e;

    while ((c = cmd_getopt(spec, argc, argv, &rc)) > 0)
        if (c == 'n')
            name = optarg;
    if (c < 0)
        return rc;
    if (optind + 1 != argc)
        return cmd_usage(spec->name, "give one %s", spec == &revoke_spec ? "ID" : "EMAIL");
    if (spec == &revoke_spec) {
        if (!cmd_parse_int(argv[optind], 1, 1L << 62, &v))
            return cmd_usage(spec->name, "bad ID '%s'", argv[optind]);
        if ((rc = cmd_open_store(ctx, &s)))
            return rc;
        e = store_token_revoke(s, 0, v, msg);
        store_close(s);
        if (e)
            return cmd_fail(e, msg);
        fprintf(stderr, "rubric: token %ld revoked\n", v);
        return 0;
    }
    if (!(email = user_email_normal(argv[optind], msg)))
        return cmd_usage(spec->name, "%s", msg);
    if ((rc = cmd_open_store(ctx, &s))) {
        free(email);
        return rc;
    }
    e = store_user_get(s, 0, email, &u, NULL, msg);
    if (!e && spec == &create_spec) {
        e = auth_token_create(s, u.id, name, token, &id, msg);
        if (!e) {
            printf("%s\n", token);
            fprintf(stderr, "rubric: token %lld for %s (shown once)\n", id, email);
        }
    } else if (!e) {
        json_t *list;
        e = store_token_list(s, u.id, &list, msg);
        if (!e)
            rc = cmd_print_json(list);
        else
            json_decref(list);
    }
    store_close(s);
    if (!e)
        user_cleanup(&u);
    free(email);
    return e ? cmd_fail(e, msg) : rc;
}

static int
token_create(struct cmd_ctx *ctx, int argc, char **argv)
{
    return token_run(ctx, argc, argv, &create_spec);
}

static int
token_list(struct cmd_ctx *ctx, int argc, char **argv)
{
    return token_run(ctx, argc, argv, &tlist_spec);
}

static int
token_revoke(struct cmd_ctx *ctx, int argc, char **argv)
{
    return token_run(ctx, argc, argv, &revoke_spec);
}

static const struct cmd_sub token_subs[] = {
    {"create", token_create}, {"list", token_list}, {"revoke", token_revoke}};

int
cmd_token(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(
        ctx, argc, argv, "token", token_subs, sizeof token_subs / sizeof token_subs[0],
        "usage: rubric token create EMAIL [--name NAME] | list EMAIL | revoke ID\n\n"
        "'rubric token COMMAND --help' says more.\n");
}
