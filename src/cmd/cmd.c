/* SPDX-License-Identifier: MIT */
/* Helpers shared by the commands. */
#include "cmd/cmd.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/seed.h"
#include "core/user.h"
#include "util/jsonv.h"

void
cmd_error(const char *fmt, ...)
{
    va_list ap;
    fputs("rubric: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int
cmd_fail(enum rb_err e, const char *msg)
{
    cmd_error("%s", msg && *msg ? msg : rb_err_str(e));
    return rb_err_exit(e);
}

int
cmd_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("rubric: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'rubric %s --help'.\n", cmd);
    return RB_EXIT_USAGE;
}

int
cmd_getopt(const struct cmd_spec *spec, int argc, char **argv, int *exit_code)
{
    int c = getopt_long(argc, argv, spec->shortopts, spec->longopts, NULL);
    if (c == -1)
        return 0;
    if (c == 'h') {
        fputs(spec->usage, stdout);
        *exit_code = RB_EXIT_OK;
        return -1;
    }
    if (c == '?' || c == ':') {
        *exit_code = cmd_usage(spec->name, "bad arguments");
        return -1;
    }
    return c;
}

int
cmd_open_store(struct cmd_ctx *ctx, struct store **s)
{
    char msg[RB_ERRMSG] = "";
    enum rb_err rc = store_open(ctx->db_url, s, msg);
    if (rc)
        return cmd_fail(rc, msg);
    return 0;
}

int
cmd_open_store_seeded(struct cmd_ctx *ctx, struct store **s)
{
    char msg[RB_ERRMSG] = "";
    struct seed_result r;
    enum rb_err e;
    int rc = cmd_open_store(ctx, s);

    if (rc)
        return rc;
    if ((e = seed_builtin(*s, SEED_FRESH, &r, msg))) {
        store_close(*s);
        *s = NULL;
        return cmd_fail(e, msg);
    }
    if (r.questions)
        cmd_error("a fresh store: loaded the built-in bank (%zu questions) and roles (%zu); "
                  "'rubric bank load DIR' and 'rubric role load DIR' load others",
                  r.questions, r.roles);
    return 0;
}

bool
cmd_parse_int(const char *s, long min, long max, long *out)
{
    char *end;
    long v;
    if (!s || !*s)
        return false;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

int
cmd_print_json(struct json_t *v)
{
    int rc = 0;
    if (!v || json_dumpf(v, stdout, JSON_INDENT(2) | JSON_OUT_REAL | JSON_PRESERVE_ORDER) < 0)
        rc = RB_EXIT_IO;
    else
        fputc('\n', stdout);
    json_decref(v);
    return rc;
}

int
cmd_print_jsonl(struct json_t *v)
{
    int rc = 0;
    if (!v || json_dumpf(v, stdout, JSON_COMPACT | JSON_OUT_REAL | JSON_PRESERVE_ORDER) < 0)
        rc = RB_EXIT_IO;
    else
        fputc('\n', stdout);
    json_decref(v);
    return rc;
}

int
cmd_dispatch(struct cmd_ctx *ctx, int argc, char **argv, const char *name,
             const struct cmd_sub *subs, size_t n, const char *usage)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? RB_EXIT_USAGE : 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (strcmp(argv[1], subs[i].name) == 0) {
            optind = 0; /* glibc: restart option parsing for the subcommand */
            return subs[i].fn(ctx, argc - 1, argv + 1);
        }
    }
    return cmd_usage(name, "unknown %s command '%s'", name, argv[1]);
}

int
cmd_as_user(struct store *s, const char *cmd, const char *email, struct user *u)
{
    char msg[RB_ERRMSG], *norm = user_email_normal(email, msg);
    enum rb_err e = norm ? store_user_get(s, 0, norm, u, NULL, msg) : RB_EINVAL;
    free(norm);
    if (e == RB_ENOTFOUND || e == RB_EINVAL)
        return cmd_usage(cmd, "--as %s: %s", email, msg);
    if (e)
        return cmd_fail(e, msg);
    if (u->disabled) {
        user_cleanup(u);
        return cmd_usage(cmd, "--as %s: the account is disabled", email);
    }
    return 0;
}
