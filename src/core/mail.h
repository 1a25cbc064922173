/* SPDX-License-Identifier: MIT */
/*
 * Sending the mail queue (core/notify.h fills it) over SMTP with libcurl: smtp:// with
 * STARTTLS when the server offers it (required when a password is sent), smtps:// with TLS
 * from the first byte. A sender claims the rows that are due, sends each as one RFC 5322
 * message (a plain-text part, and the calendar invite as a second part), and records the
 * outcome: sent rows lose their body and attachment; a failed try is retried after a delay
 * that doubles from retry_seconds up to six hours, and given up after MAIL_TRIES_MAX tries
 * (at once when the server refuses it for good, with a 5xx answer).
 * A failure never touches the change that queued the row. Only this module includes curl.h.
 */
#ifndef RUBRIC_CORE_MAIL_H
#define RUBRIC_CORE_MAIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

#define MAIL_TRIES_MAX 12
#define MAIL_BACKOFF_MAX 21600LL /* six hours */
/* how long a claimed row is left to its sender before another may take it */
#define MAIL_LEASE 600

struct mail_config {
    const char *url;      /* smtp://host:port or smtps://host:port; NULL or "": not set */
    const char *from;     /* the envelope and From address */
    const char *user;     /* NULL: no login */
    const char *password; /* borrowed; never logged */
    unsigned retry_seconds;
    unsigned timeout; /* seconds for one message, connection included */
};

/* Once per process, before any thread sends (libcurl's global set-up). */
enum rb_err mail_global_init(char *errmsg);
/* Whether c names an SMTP server; RB_EINVAL saying what is wrong when it is set but bad
 * (scheme, from address). */
enum rb_err mail_config_check(const struct mail_config *c, bool *configured, char *errmsg);
/* Seconds to wait after a row's attempts-th failed try (1: the first); 0 once it has had
 * MAIL_TRIES_MAX tries (given up). */
long long mail_backoff(const struct mail_config *c, long long attempts);
/* The message of a queued row (store_outbox_claim's JSON) as sent: headers, then a
 * plain-text part and the attachment's part, base64, CRLF line ends. */
enum rb_err mail_message(const struct mail_config *c, json_t *row, long long now, struct buf *out,
                         char *errmsg);
/* Sends up to max due rows (now: unix seconds): *sent and *failed count them. An error of
 * the store is returned; an SMTP failure is recorded on its row only. */
enum rb_err mail_send_due(struct store *s, const struct mail_config *c, long long now, size_t max,
                          size_t *sent, size_t *failed, char *errmsg);

#endif
