/* SPDX-License-Identifier: MIT */
/*
 * `rubric mail send-pending|list`: the mail queue from the command line. send-pending is
 * the sender of `rubric serve` run once (for cron, or a machine where no server runs), with
 * the server's settings: a config file, then RUBRIC_SMTP_URL and the other RUBRIC_* names.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd/cmd.h"
#include "core/mail.h"
#include "core/notify.h"
#include "core/settings.h"

#define SEND_RUN_MAX 10000 /* messages one run sends at most */

static const struct option send_opts[] = {
    {"config", required_argument, NULL, 'c'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec send_spec = {
    "mail send-pending", "h", send_opts,
    "usage: rubric mail send-pending [--config FILE]\n\n"
    "Sends the queued emails that are due (invites, notifications) over SMTP, as the server's\n"
    "sender does, and records each outcome: a failed one is tried again later (the delay\n"
    "doubles from mail_retry_seconds, up to six hours; given up after " XSTR(
        MAIL_TRIES_MAX) " tries).\n"
                        "SMTP comes from the settings of 'rubric serve': smtp_url, smtp_from, "
                        "smtp_user,\n"
                        "smtp_password in FILE or RUBRIC_SMTP_URL, RUBRIC_SMTP_FROM, ... Exits "
                        "1 when a message\n"
                        "failed, 2 when SMTP is not configured.\n"};

static int
mail_send(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct settings cfg;
    struct mail_config mc;
    const char *config = NULL;
    struct store *s;
    size_t sent = 0, failed = 0;
    char msg[RB_ERRMSG];
    bool on;
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&send_spec, argc, argv, &rc)) > 0)
        if (ch == 'c')
            config = optarg;
    if (ch < 0)
        return rc;
    if (optind != argc)
        return cmd_usage("mail send-pending", "unexpected argument '%s'", argv[optind]);
    settings_default(&cfg);
    if (config && (e = settings_file(&cfg, config, msg)))
        return cmd_fail(e, msg);
    if ((e = settings_env(&cfg, msg)))
        return cmd_fail(e, msg);
    mc = (struct mail_config){cfg.smtp_url,      cfg.smtp_from,          cfg.smtp_user,
                              cfg.smtp_password, cfg.mail_retry_seconds, 60};
    if (mail_config_check(&mc, &on, msg))
        return cmd_usage("mail send-pending", "%s", msg);
    if (!on)
        return cmd_usage("mail send-pending",
                         "SMTP is not configured: set smtp_url and smtp_from (--config FILE, or "
                         "RUBRIC_SMTP_URL and RUBRIC_SMTP_FROM)");
    notify_set_from(cfg.smtp_from);
    if ((e = mail_global_init(msg)))
        return cmd_fail(e, msg);
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    while (sent + failed < SEND_RUN_MAX) {
        size_t n_sent, n_failed;
        if ((e = mail_send_due(s, &mc, (long long)time(NULL), 16, &n_sent, &n_failed, msg)))
            break;
        sent += n_sent;
        failed += n_failed;
        if (n_sent + n_failed < 16)
            break;
    }
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    printf("%zu sent, %zu failed%s\n", sent, failed,
           failed ? " (tried again later: see 'rubric mail list --pending')" : "");
    return failed ? RB_EXIT_PROBLEMS : 0;
}

static const struct option list_opts[] = {{"pending", no_argument, NULL, 'p'},
                                          {"json", no_argument, NULL, 'j'},
                                          {"limit", required_argument, NULL, 'l'},
                                          {"help", no_argument, NULL, 'h'},
                                          {0}};
static const struct cmd_spec list_spec = {
    "mail list", "h", list_opts,
    "usage: rubric mail list [--pending] [--limit N] [--json]\n\n"
    "The mail queue, newest first: kind, recipient, subject, tries, and when it was sent or\n"
    "why it failed last. Bodies are not shown (and are deleted once sent).\n\n"
    "  --pending  only what is not sent yet (due, waiting to be retried, or given up)\n"
    "  --limit N  at most N rows (default 50)\n"};

static int
mail_list(struct cmd_ctx *ctx, int argc, char **argv)
{
    bool pending = false, json = false;
    long limit = 50;
    struct store *s;
    json_t *items, *v;
    size_t total, i;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&list_spec, argc, argv, &rc)) > 0) {
        if (ch == 'p')
            pending = true;
        else if (ch == 'j')
            json = true;
        else if (ch == 'l' && !cmd_parse_int(optarg, 1, 10000, &limit))
            return cmd_usage("mail list", "bad --limit '%s': 1 to 10000", optarg);
    }
    if (ch < 0)
        return rc;
    if (optind != argc)
        return cmd_usage("mail list", "unexpected argument '%s'", argv[optind]);
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = store_outbox_list(s, pending, (size_t)limit, &items, &total, msg);
    store_close(s);
    if (e) {
        json_decref(items);
        return cmd_fail(e, msg);
    }
    if (json)
        return cmd_print_json(json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
    json_array_foreach(items, i, v)
    {
        const char *sent = json_string_value(json_object_get(v, "sent_at"));
        const char *err = json_string_value(json_object_get(v, "last_error"));
        printf("%6lld  %-20s  %-32s  %s\n         %s, %lld tr%s%s%s\n",
               (long long)json_integer_value(json_object_get(v, "id")),
               json_string_value(json_object_get(v, "kind")),
               json_string_value(json_object_get(v, "recipient")),
               json_string_value(json_object_get(v, "subject")),
               sent                                           ? "sent"
               : json_is_null(json_object_get(v, "next_try")) ? "given up"
                                                              : "waiting",
               (long long)json_integer_value(json_object_get(v, "attempts")),
               json_integer_value(json_object_get(v, "attempts")) == 1 ? "y" : "ies",
               err ? ": " : "", err ? err : "");
    }
    if (!total)
        printf("the mail queue is empty%s\n", pending ? " of unsent mail" : "");
    json_decref(items);
    return 0;
}

static const char mail_usage[] =
    "usage: rubric mail send-pending [--config FILE] | list [--pending]\n\n"
    "'rubric mail COMMAND --help' says more.\n";

static const struct cmd_sub sub[] = {{"send-pending", mail_send}, {"list", mail_list}};

int
cmd_mail(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "mail", sub, sizeof sub / sizeof sub[0], mail_usage);
}
