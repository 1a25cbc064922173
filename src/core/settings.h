/* SPDX-License-Identifier: MIT */
/*
 * The settings: defaults, then an optional config file (`key = value` lines, '#' comments),
 * then RUBRIC_* environment variables, then command-line flags: each later one wins. Every
 * limit the server applies is here; the commands that share its folders and services (the
 * uploads folder, mail, fairness) read the same ones.
 */
#ifndef RUBRIC_CORE_SETTINGS_H
#define RUBRIC_CORE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/err.h"

struct settings {
    char listen[128];            /* ADDR:PORT; [v6]:PORT */
    char db[512];                /* store URL */
    char uploads[512];           /* folder for uploaded resumes */
    unsigned threads;            /* 0: one per core */
    unsigned max_connections;    /* all at once */
    unsigned connection_timeout; /* seconds idle (headers and bodies included) */
    size_t json_max;             /* bytes of a JSON body */
    size_t upload_max;           /* bytes of a multipart upload (all files) */
    unsigned session_hours;
    bool cookie_secure;      /* Secure cookies (behind TLS) */
    unsigned shutdown_grace; /* seconds to finish requests in flight on SIGTERM */
    bool access_log;
    unsigned retention_days;       /* erase candidates this long after a final stage; 0: never */
    unsigned audit_retention_days; /* delete audit entries this old; 0: never */
    /* what stops floods and slow clients (docs/SECURITY.md, "Server limits") */
    unsigned max_connections_per_ip; /* 0: no cap (behind a proxy, every client is its address) */
    unsigned head_timeout;           /* seconds for a whole request head (line and headers) */
    unsigned body_timeout;           /* seconds for a whole request body */
    unsigned parse_workers;          /* threads reading uploaded resumes (pdftotext) */
    unsigned parse_queue;            /* uploads waiting for them before 503 */
    unsigned hash_workers;           /* threads hashing passwords (argon2id) */
    unsigned hash_queue;             /* logins waiting for them before 503 */
    char trusted_proxies[512];       /* addresses whose X-Forwarded-Proto is believed */
    char metrics_listen[128];        /* "admin" (on listen, admins only), "off", or ADDR:PORT */
    /* fairness (docs/FAIRNESS.md) */
    char self_id_categories[1024]; /* NAME=ANSWER,ANSWER;... (core/selfid.h) */
    unsigned fairness_min_group;   /* groups smaller than this are not shown in the report */
    /* email (core/mail.h): no smtp_url, no sending; the queue keeps what waits */
    char smtp_url[256];          /* smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT */
    char smtp_from[256];         /* the address mail comes from */
    char smtp_user[256];         /* with smtp_password: a login, over TLS only */
    char smtp_password[256];     /* a secret: never printed or logged */
    unsigned mail_retry_seconds; /* the first retry's delay, doubling after */
    /* background jobs shared by every server of a store */
    unsigned job_lease_seconds; /* a running screening silent this long is taken over */
};

void settings_default(struct settings *s);
/* Applies the file at path (named in errors with its line). */
enum rb_err settings_file(struct settings *s, const char *path, char *errmsg);
/* Applies RUBRIC_LISTEN, RUBRIC_DB, RUBRIC_THREADS, ... (docs/CLI.md). */
enum rb_err settings_env(struct settings *s, char *errmsg);
/* Sets one setting by name ("json_max", "listen", ...); errmsg names it when the value is
 * bad or the name unknown. */
enum rb_err settings_set(struct settings *s, const char *key, const char *value, char *errmsg);
/* Writes every setting as `key = value`, smtp_password masked. */
void settings_print(const struct settings *s, FILE *out);

#endif
