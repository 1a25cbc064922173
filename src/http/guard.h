/* SPDX-License-Identifier: MIT */
/*
 * The connection guard: what keeps slow or idle clients from holding the server. It knows
 * every open connection (by socket), whether a request is being answered on it, and since
 * when it has been waiting for a request's head or body. It cuts (shutdown(2), which the
 * server then sees as the client leaving) a connection whose head or body takes longer than
 * its deadline (a slow body is the slowloris of POST), and at
 * the connection limit it cuts the connection that has waited longest for its head to make
 * room for the new one, or the new one when every other is being answered. On SIGTERM it
 * cuts the connections that are not in a request, so that draining ends.
 *
 * It knows nothing of libmicrohttpd: server.c calls it from the daemon's callbacks.
 */
#ifndef RUBRIC_HTTP_GUARD_H
#define RUBRIC_HTTP_GUARD_H

#include <stdbool.h>
#include <stddef.h>

struct guard;
struct guard_conn;

/* A guard for at most max_conns connections at once (0: no limit) whose heads must arrive
 * within head_ms milliseconds and whose bodies within body_ms (0: no deadline). Free with
 * guard_free. */
struct guard *guard_new(unsigned max_conns, unsigned head_ms, unsigned body_ms);
/* Frees the guard and any connection it still holds. Accepts NULL. */
void guard_free(struct guard *g);

/* A new connection on socket fd: its head's clock starts now. Returns its record, which
 * stays valid until guard_close. Over the limit another connection, or this one, is cut. */
struct guard_conn *guard_open(struct guard *g, int fd);
/* The connection is closed (before its socket is): forgets it. Accepts NULL. */
void guard_close(struct guard *g, struct guard_conn *c);
/* Its head has arrived and a body follows: the body's clock starts now. */
void guard_body(struct guard *g, struct guard_conn *c);
/* Its request has arrived whole: it is being answered, with no deadline. */
void guard_busy(struct guard *g, struct guard_conn *c);
/* Its request was answered: the clock of the next head starts now. */
void guard_idle(struct guard *g, struct guard_conn *c);

/* Cuts every connection whose head or body is past its deadline; returns how many. */
size_t guard_sweep(struct guard *g);
/* Cuts every connection that is not in a request and has been waiting for a head at least
 * idle_ms; returns how many connections remain open (for draining). */
size_t guard_drain(struct guard *g, unsigned idle_ms);
/* Connections open now, and cut since the start. */
size_t guard_count(struct guard *g);
size_t guard_cut_total(struct guard *g);

#endif
