/* SPDX-License-Identifier: MIT */
/* `rubric serve`'s server (http/server.c). */
#ifndef RUBRIC_HTTP_SERVER_H
#define RUBRIC_HTTP_SERVER_H

#include "core/settings.h"
#include "util/buf.h"

/* Serves the API until SIGTERM or SIGINT, then finishes requests in flight and returns.
 * ready, when not NULL, is called once the socket listens. RB_EIO when it cannot listen. */
enum rb_err http_serve(const struct settings *cfg, void (*ready)(const char *listen), char *errmsg);

/* Checks, before anything is written to the store, that the server could listen on
 * cfg->listen: RB_EINVAL for an address that is not ADDR:PORT, RB_EIO when the port cannot
 * be bound (in use, not this machine's, a privileged port); errmsg says which. */
enum rb_err http_check_listen(const struct settings *cfg, char *errmsg);

/* The Prometheus text of the server's counters. */
void http_metrics_text(struct buf *out);

#endif
