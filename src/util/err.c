/* SPDX-License-Identifier: MIT */
/* The error table: one row per code, read by both front ends. */
#include "util/err.h"

static const struct {
    const char *str;
    const char *type;
    int exit;
    int http;
} table[] = {
    [RB_OK] = {"ok", "ok", RB_EXIT_OK, 200},
    [RB_EINVAL] = {"invalid input", "invalid-input", RB_EXIT_PROBLEMS, 400},
    [RB_ENOTFOUND] = {"not found", "not-found", RB_EXIT_NOTFOUND, 404},
    [RB_EDENIED] = {"permission denied", "forbidden", RB_EXIT_PROBLEMS, 403},
    [RB_ETOOBIG] = {"too large", "too-large", RB_EXIT_PROBLEMS, 413},
    [RB_EIO] = {"input/output error", "io-error", RB_EXIT_IO, 500},
    [RB_ESTORE] = {"store error", "store-error", RB_EXIT_STORE, 503},
    [RB_ECONFLICT] = {"conflict", "conflict", RB_EXIT_PROBLEMS, 409},
    [RB_EUSAGE] = {"usage error", "bad-request", RB_EXIT_USAGE, 400},
    [RB_EINTERNAL] = {"internal error", "internal", RB_EXIT_INTERNAL, 500},
    [RB_EAUTH] = {"not authenticated", "unauthorized", RB_EXIT_PROBLEMS, 401},
    [RB_ERATE] = {"too many attempts", "rate-limited", RB_EXIT_PROBLEMS, 429},
    [RB_EMETHOD] = {"method not allowed", "method-not-allowed", RB_EXIT_USAGE, 405},
    [RB_EUNSUPPORTED] = {"unsupported media type", "unsupported-media-type", RB_EXIT_USAGE, 415},
    [RB_EBUSY] = {"busy", "busy", RB_EXIT_STORE, 503},
    [RB_EURI] = {"URL too long", "uri-too-long", RB_EXIT_USAGE, 414},
    [RB_EHEAD] = {"headers too large", "headers-too-large", RB_EXIT_USAGE, 431},
};

static int
valid(enum rb_err e)
{
    return (unsigned)e < sizeof table / sizeof table[0];
}

const char *
rb_err_str(enum rb_err e)
{
    return valid(e) ? table[e].str : "unknown error";
}

int
rb_err_exit(enum rb_err e)
{
    return valid(e) ? table[e].exit : RB_EXIT_INTERNAL;
}

int
rb_err_http_status(enum rb_err e)
{
    return valid(e) ? table[e].http : 500;
}

const char *
rb_err_type(enum rb_err e)
{
    return valid(e) ? table[e].type : "internal";
}
