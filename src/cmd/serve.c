/* SPDX-License-Identifier: MIT */
/*
 * `rubric serve`: the JSON API over HTTP (http/server.c). On start it makes a fresh store
 * usable at once: the built-in bank and roles are loaded when it has none, and the first
 * admin is created when it has no user (the password printed once, or taken from
 * RUBRIC_ADMIN_PASSWORD).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/auth.h"
#include "core/mail.h"
#include "core/notify.h"
#include "core/seed.h"
#include "http/server.h"

static const struct option serve_opts[] = {{"listen", required_argument, NULL, 'l'},
                                           {"db", required_argument, NULL, 'd'},
                                           {"config", required_argument, NULL, 'c'},
                                           {"print-config", no_argument, NULL, 'p'},
                                           {"retention-days", required_argument, NULL, 'r'},
                                           {"help", no_argument, NULL, 'h'},
                                           {0}};
static const struct cmd_spec serve_spec = {
    "serve", "h", serve_opts,
    "usage: rubric serve [--listen ADDR:PORT] [--db URL] [--config FILE] [--print-config]\n"
    "                    [--retention-days N]\n\n"
    "Serves the JSON API (/api/v1, described at /api/openapi.json), /healthz, /readyz and\n"
    "/metrics. Settings come from the defaults, then the config file (`key = value` lines),\n"
    "then RUBRIC_<KEY> environment variables, then these flags; --print-config shows the\n"
    "result and exits. On a store with no questions, roles or users it loads the built-in\n"
    "bank and roles and creates an admin (RUBRIC_ADMIN_EMAIL, default admin@example.org;\n"
    "password from RUBRIC_ADMIN_PASSWORD, else printed once). SIGTERM or Ctrl-C stops it\n"
    "after the requests in flight (shutdown_grace seconds at most).\n\n"
    "  --listen ADDR:PORT  default 127.0.0.1:8080 ([::1]:8080 for IPv6)\n"
    "  --db URL            the store (default: --db given to rubric, RUBRIC_DB, or\n"
    "                      sqlite:./rubric.db)\n"
    "  --config FILE       settings file\n"
    "  --print-config      print the effective settings and exit\n"
    "  --retention-days N  erase candidates N days after a final stage (hired, rejected,\n"
    "                      withdrawn), on start and hourly; 0: never (the default)\n\n"
    "Settings (file keys; environment RUBRIC_ and the key in capitals):\n"
    "  listen, db, uploads, threads (0: one per core), max_connections,\n"
    "  connection_timeout (s), json_max and upload_max (bytes; K, M, G allowed),\n"
    "  session_hours, cookie_secure (true behind TLS), shutdown_grace (s), access_log,\n"
    "  retention_days (0: never), audit_retention_days (0: never),\n"
    "  max_connections_per_ip (0: no cap), head_timeout and body_timeout (s),\n"
    "  parse_workers, parse_queue, hash_workers, hash_queue, trusted_proxies,\n"
    "  metrics_listen (admin, off or ADDR:PORT); docs/SECURITY.md says what each one\n"
    "  stops; smtp_url (smtp:// or smtps://), smtp_from, smtp_user, smtp_password,\n"
    "  mail_retry_seconds: invites and notifications by email (README, \"Email and\n"
    "  calendar\"); job_lease_seconds: a screening whose server is silent this long is\n"
    "  taken over by another server of the store\n"};

/* Loads what a fresh store lacks (core/seed, as the command line does) and the first admin. */
static int
bootstrap(const char *db)
{
    struct store *s;
    struct seed_result seeded;
    struct user *users = NULL;
    size_t nusers = 0;
    char msg[RB_ERRMSG];
    enum rb_err e = store_open(db, &s, msg);
    int rc = 0;

    if (e)
        return cmd_fail(e, msg);
    /* Servers started together on an empty store all find it empty, and the writes of all
     * but the first then meet what the first made (a question, a role, the admin): that is
     * what they were making, so a conflict is looked at again once, not fatal. */
    for (int again = 0; (e = seed_builtin(s, SEED_ALL, &seeded, msg)) == RB_ECONFLICT && !again;)
        again = 1;
    if (e)
        goto out;
    if (seeded.questions)
        fprintf(stderr, "rubric: loaded the built-in bank: %zu questions\n", seeded.questions);
    if (seeded.roles)
        fprintf(stderr, "rubric: loaded the built-in roles: %zu\n", seeded.roles);
    if ((e = store_user_list(s, &users, &nusers, msg)))
        goto out;
    if (!nusers) {
        const char *email = getenv("RUBRIC_ADMIN_EMAIL");
        const char *pw = getenv("RUBRIC_ADMIN_PASSWORD");
        char made[CRYPTO_TOKEN_MAX];
        long long id;
        if (!email || !*email)
            email = "admin@example.org";
        if (!pw || !*pw) {
            crypto_token("", made);
            made[24] = '\0';
            pw = made;
        }
        e = auth_user_add(s, email, "Administrator", USER_ADMIN, pw, strlen(pw), &id, msg);
        if (!e) {
            fprintf(stderr, "rubric: created the first admin, %s", email);
            if (pw == made)
                fprintf(stderr,
                        ", with the password %s (shown once: change it with "
                        "'rubric user passwd %s')",
                        made, email);
            fputc('\n', stderr);
        } else if (e == RB_ECONFLICT) {
            fprintf(stderr,
                    "rubric: the first admin, %s, was made by a server started at the "
                    "same time\n",
                    email);
            e = RB_OK;
        }
    }
    for (size_t i = 0; i < nusers; i++)
        user_cleanup(&users[i]);
    free(users);
out:
    store_close(s);
    if (e)
        rc = cmd_fail(e, msg);
    return rc;
}

static void
ready(const char *listen)
{
    fprintf(stderr, "rubric: serving on http://%s (API at /api/v1, OpenAPI at /api/openapi.json)\n",
            listen);
}

int
cmd_serve(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct settings cfg;
    const char *config = NULL, *listen = NULL, *db = NULL, *retention = NULL;
    bool print = false;
    char msg[RB_ERRMSG];
    int c, rc = 0;
    enum rb_err e;

    while ((c = cmd_getopt(&serve_spec, argc, argv, &rc)) > 0) {
        switch (c) {
        case 'l':
            listen = optarg;
            break;
        case 'd':
            db = optarg;
            break;
        case 'c':
            config = optarg;
            break;
        case 'p':
            print = true;
            break;
        case 'r':
            retention = optarg;
            break;
        }
    }
    if (c < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("serve", "unexpected argument '%s'", argv[optind]);
    settings_default(&cfg);
    snprintf(cfg.db, sizeof cfg.db, "%s", ctx->db_url);
    if (config && (e = settings_file(&cfg, config, msg)))
        return cmd_fail(e, msg);
    if ((e = settings_env(&cfg, msg)))
        return cmd_fail(e, msg);
    if (listen && settings_set(&cfg, "listen", listen, msg))
        return cmd_usage("serve", "%s", msg);
    if (db && settings_set(&cfg, "db", db, msg))
        return cmd_usage("serve", "%s", msg);
    if (retention && settings_set(&cfg, "retention_days", retention, msg))
        return cmd_usage("serve", "%s", msg);
    if (print) {
        settings_print(&cfg, stdout);
        return 0;
    }
    {
        struct mail_config mc = {
            cfg.smtp_url, cfg.smtp_from, cfg.smtp_user, cfg.smtp_password, 0, 0};
        bool on;
        if (mail_config_check(&mc, &on, msg))
            return cmd_usage("serve", "%s", msg);
        notify_set_from(on ? cfg.smtp_from : NULL);
    }
    /* a port that cannot be bound is refused before the store gets an admin */
    if ((e = http_check_listen(&cfg, msg)))
        return e == RB_EINVAL ? cmd_usage("serve", "%s", msg) : cmd_fail(e, msg);
    if ((rc = bootstrap(cfg.db)))
        return rc;
    if ((e = http_serve(&cfg, ready, msg)))
        return cmd_fail(e, msg);
    return 0;
}
