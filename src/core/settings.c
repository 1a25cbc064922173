/* SPDX-License-Identifier: MIT */
/* Settings from defaults, a file, the environment and flags (core/settings.h). */
#include "core/settings.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/fairness.h"
#include "core/selfid.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"

enum kind { K_TEXT, K_UINT, K_SIZE, K_BOOL };

struct key {
    const char *name;
    enum kind kind;
    size_t off;
    size_t n;          /* text: buffer size */
    unsigned long max; /* numbers: the largest allowed */
    const char *help;
};

#define TEXT(f) K_TEXT, offsetof(struct settings, f), sizeof(((struct settings *)0)->f)
#define NUM(k, f) k, offsetof(struct settings, f), 0

static const struct key keys[] = {
    {"listen", TEXT(listen), 0, "address and port to listen on"},
    {"db", TEXT(db), 0, "store URL"},
    {"uploads", TEXT(uploads), 0, "folder for uploaded resumes"},
    {"threads", NUM(K_UINT, threads), 256, "request threads (0: one per core)"},
    {"max_connections", NUM(K_UINT, max_connections), 100000, "connections at once"},
    {"connection_timeout", NUM(K_UINT, connection_timeout), 3600, "seconds idle"},
    {"json_max", NUM(K_SIZE, json_max), 64ul << 20, "bytes of a JSON body"},
    {"upload_max", NUM(K_SIZE, upload_max), 1ul << 30, "bytes of an upload"},
    {"session_hours", NUM(K_UINT, session_hours), 24ul * 90, "hours a session lasts"},
    {"cookie_secure", NUM(K_BOOL, cookie_secure), 1, "Secure cookies (behind TLS)"},
    {"shutdown_grace", NUM(K_UINT, shutdown_grace), 600, "seconds to finish on SIGTERM"},
    {"access_log", NUM(K_BOOL, access_log), 1, "a JSON line per request on stderr"},
    {"retention_days", NUM(K_UINT, retention_days), 36500,
     "erase candidates N days after a final stage (0: never)"},
    {"audit_retention_days", NUM(K_UINT, audit_retention_days), 36500,
     "delete audit entries N days old (0: never)"},
    {"max_connections_per_ip", NUM(K_UINT, max_connections_per_ip), 100000,
     "connections at once from one address (0: no cap)"},
    {"head_timeout", NUM(K_UINT, head_timeout), 3600, "seconds to send a request's head"},
    {"body_timeout", NUM(K_UINT, body_timeout), 86400, "seconds to send a request's body"},
    {"parse_workers", NUM(K_UINT, parse_workers), 64, "threads reading uploaded resumes"},
    {"parse_queue", NUM(K_UINT, parse_queue), 10000, "uploads waiting to be read before 503"},
    {"hash_workers", NUM(K_UINT, hash_workers), 64, "threads hashing passwords"},
    {"hash_queue", NUM(K_UINT, hash_queue), 10000, "logins waiting to be hashed before 503"},
    {"trusted_proxies", TEXT(trusted_proxies), 0,
     "proxy addresses whose X-Forwarded-Proto is believed"},
    {"metrics_listen", TEXT(metrics_listen), 0, "/metrics: admin, off, or its own ADDR:PORT"},
    {"self_id_categories", TEXT(self_id_categories), 0,
     "self-identification asked for: NAME=ANSWER,ANSWER;NAME=..."},
    {"fairness_min_group", NUM(K_UINT, fairness_min_group), FAIRNESS_MIN_GROUP_MAX,
     "people a group needs to be shown in the fairness report"},
    {"smtp_url", TEXT(smtp_url), 0, "mail server: smtp://HOST:PORT or smtps://HOST:PORT"},
    {"smtp_from", TEXT(smtp_from), 0, "the address mail comes from"},
    {"smtp_user", TEXT(smtp_user), 0, "SMTP login (with smtp_password; TLS required)"},
    {"smtp_password", TEXT(smtp_password), 0, "SMTP password (never printed)"},
    {"mail_retry_seconds", NUM(K_UINT, mail_retry_seconds), 86400,
     "first retry of a failed email after N s, doubling"},
    {"job_lease_seconds", NUM(K_UINT, job_lease_seconds), 86400,
     "a screening whose server is silent N s is taken over"},
};

void
settings_default(struct settings *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->listen, sizeof s->listen, "127.0.0.1:8080");
    snprintf(s->db, sizeof s->db, "%s", STORE_DEFAULT_URL);
    snprintf(s->uploads, sizeof s->uploads, "./uploads");
    s->max_connections = 1024;
    s->connection_timeout = 30;
    s->json_max = 1u << 20;
    s->upload_max = 50u << 20;
    s->session_hours = 12;
    s->shutdown_grace = 10;
    s->access_log = true;
    s->max_connections_per_ip = 64;
    s->head_timeout = 10;
    s->body_timeout = 120;
    s->parse_workers = 2;
    s->parse_queue = 8;
    s->hash_workers = 2;
    s->hash_queue = 64;
    snprintf(s->metrics_listen, sizeof s->metrics_listen, "admin");
    snprintf(s->self_id_categories, sizeof s->self_id_categories, "%s", SELFID_DEFAULT);
    s->fairness_min_group = FAIRNESS_MIN_GROUP;
    s->mail_retry_seconds = 60;
    s->job_lease_seconds = 120;
}

enum rb_err
settings_set(struct settings *s, const char *key, const char *value, char *errmsg)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const struct key *k = &keys[i];
        char *at = (char *)s + k->off, *end;
        unsigned long long v;
        if (strcmp(k->name, key) != 0)
            continue;
        if (k->kind == K_TEXT) {
            struct selfid_config sc;
            if (strlen(value) >= k->n || !*value) {
                snprintf(errmsg, RB_ERRMSG, "%s: 1 to %zu bytes", key, k->n - 1);
                return RB_EINVAL;
            }
            if (strcmp(key, "self_id_categories") == 0 && selfid_config_parse(value, &sc, errmsg))
                return RB_EINVAL;
            memcpy(at, value, strlen(value) + 1);
            return RB_OK;
        }
        if (k->kind == K_BOOL) {
            bool b;
            if (!strcmp(value, "true") || !strcmp(value, "1") || !strcmp(value, "yes"))
                b = true;
            else if (!strcmp(value, "false") || !strcmp(value, "0") || !strcmp(value, "no"))
                b = false;
            else {
                snprintf(errmsg, RB_ERRMSG, "%s: expected true or false, not '%s'", key, value);
                return RB_EINVAL;
            }
            memcpy(at, &b, sizeof b);
            return RB_OK;
        }
        errno = 0;
        v = strtoull(value, &end, 10);
        if (errno || end == value || !isdigit((unsigned char)*value)) {
            snprintf(errmsg, RB_ERRMSG, "%s: expected a whole number, not '%s'", key, value);
            return RB_EINVAL;
        }
        /* sizes may say K, M or G */
        if (k->kind == K_SIZE && (*end == 'K' || *end == 'k'))
            v <<= 10, end++;
        else if (k->kind == K_SIZE && (*end == 'M' || *end == 'm'))
            v <<= 20, end++;
        else if (k->kind == K_SIZE && (*end == 'G' || *end == 'g'))
            v <<= 30, end++;
        if (*end || v > k->max) {
            snprintf(errmsg, RB_ERRMSG, "%s: expected at most %lu, not '%s'", key, k->max, value);
            return RB_EINVAL;
        }
        if (!v && strcmp(key, "job_lease_seconds") == 0) {
            /* 0 would take every running job from its server at once */
            snprintf(errmsg, RB_ERRMSG, "%s: expected at least 1, not '%s'", key, value);
            return RB_EINVAL;
        }
        if (k->kind == K_UINT) {
            unsigned u = (unsigned)v;
            memcpy(at, &u, sizeof u);
        } else {
            size_t z = (size_t)v;
            memcpy(at, &z, sizeof z);
        }
        return RB_OK;
    }
    snprintf(errmsg, RB_ERRMSG, "unknown setting '%s' (see 'rubric serve --help')", key);
    return RB_EINVAL;
}

enum rb_err
settings_file(struct settings *s, const char *path, char *errmsg)
{
    char *data, *line, *save = NULL;
    size_t len;
    int n = 0;
    enum rb_err rc = fs_read(path, 1u << 20, &data, &len, errmsg);
    if (rc)
        return rc;
    for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *eq, *k, *v, *e;
        char msg[RB_ERRMSG];
        n++;
        while (isspace((unsigned char)*line))
            line++;
        if (!*line || *line == '#')
            continue;
        if (!(eq = strchr(line, '='))) {
            snprintf(errmsg, RB_ERRMSG, "%s:%d: expected 'key = value'", path, n);
            rc = RB_EINVAL;
            break;
        }
        *eq = '\0';
        k = line;
        for (e = eq; e > k && isspace((unsigned char)e[-1]); e--)
            e[-1] = '\0';
        v = eq + 1;
        while (isspace((unsigned char)*v))
            v++;
        for (e = v + strlen(v); e > v && isspace((unsigned char)e[-1]); e--)
            e[-1] = '\0';
        if ((rc = settings_set(s, k, v, msg))) {
            snprintf(errmsg, RB_ERRMSG, "%s:%d: %.400s", path, n, msg);
            break;
        }
    }
    free(data);
    return rc;
}

enum rb_err
settings_env(struct settings *s, char *errmsg)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char name[64], msg[RB_ERRMSG];
        const char *v;
        size_t j = 0;
        j = (size_t)snprintf(name, sizeof name, "RUBRIC_");
        for (const char *p = keys[i].name; *p && j + 1 < sizeof name; p++)
            name[j++] = (char)toupper((unsigned char)*p);
        name[j] = '\0';
        if ((v = getenv(name)) && *v && settings_set(s, keys[i].name, v, msg)) {
            snprintf(errmsg, RB_ERRMSG, "%s: %.400s", name, msg);
            return RB_EINVAL;
        }
    }
    return RB_OK;
}

void
settings_print(const struct settings *s, FILE *out)
{
    enum { N = sizeof keys / sizeof keys[0] };
    char lines[N][RB_ERRMSG];
    size_t width = 0;

    /* every comment starts in one column, past the longest `key = value` */
    for (size_t i = 0; i < N; i++) {
        const struct key *k = &keys[i];
        const char *at = (const char *)s + k->off;
        char shown[RB_ERRMSG];
        size_t len;
        if (k->kind == K_TEXT && strcmp(k->name, "db") == 0)
            snprintf(lines[i], sizeof lines[i], "%s = %s", k->name,
                     store_url_redacted(at, shown, sizeof shown));
        else if (k->kind == K_TEXT && k->off == offsetof(struct settings, smtp_password))
            snprintf(lines[i], sizeof lines[i], "%s = %s", k->name, *at ? "(set)" : "");
        else if (k->kind == K_TEXT)
            snprintf(lines[i], sizeof lines[i], "%s = %s", k->name, at);
        else if (k->kind == K_BOOL)
            snprintf(lines[i], sizeof lines[i], "%s = %s", k->name,
                     *(const bool *)(const void *)at ? "true" : "false");
        else if (k->kind == K_UINT)
            snprintf(lines[i], sizeof lines[i], "%s = %u", k->name,
                     *(const unsigned *)(const void *)at);
        else
            snprintf(lines[i], sizeof lines[i], "%s = %zu", k->name,
                     *(const size_t *)(const void *)at);
        len = strlen(lines[i]);
        /* the comments line up, but a long value (a list) does not push them all away */
        if (len > width && len <= 48)
            width = len;
    }
    for (size_t i = 0; i < N; i++)
        fprintf(out, "%-*s  # %s\n", (int)width, lines[i], keys[i].help);
}
