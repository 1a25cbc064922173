/* SPDX-License-Identifier: MIT */
/*
 * The project-wide error codes. A function that can fail returns one of these; where the
 * user needs detail it also fills a message buffer. One table maps each code to a CLI exit
 * code, an HTTP status and a problem type, so the two front ends agree.
 */
#ifndef RUBRIC_UTIL_ERR_H
#define RUBRIC_UTIL_ERR_H

enum rb_err {
    RB_OK = 0,
    RB_EINVAL,       /* bad input: a file, a field or an argument */
    RB_ENOTFOUND,    /* the thing asked for does not exist */
    RB_EDENIED,      /* not allowed */
    RB_ETOOBIG,      /* over a configured limit */
    RB_EIO,          /* a file or directory could not be read or written */
    RB_ESTORE,       /* the store failed or refused (schema too new, locked, corrupt) */
    RB_ECONFLICT,    /* the change conflicts with what is stored */
    RB_EUSAGE,       /* the command line was wrong */
    RB_EINTERNAL,    /* a bug */
    RB_EAUTH,        /* who is asking is not known: no, wrong or expired credentials */
    RB_ERATE,        /* too many attempts: wait before trying again */
    RB_EMETHOD,      /* the resource exists, the method does not */
    RB_EUNSUPPORTED, /* a request body of a media type the route does not take */
    RB_EBUSY,        /* the work's queue is full: try again shortly */
    RB_EURI,         /* a request's URL is too long */
    RB_EHEAD,        /* a request's headers are too large */
};

/* Exit codes, documented in docs/CLI.md. */
enum {
    RB_EXIT_OK = 0,
    RB_EXIT_PROBLEMS = 1, /* the command ran and found problems, or input was invalid */
    RB_EXIT_USAGE = 2,
    RB_EXIT_NOTFOUND = 3,
    RB_EXIT_IO = 4,
    RB_EXIT_STORE = 5,
    RB_EXIT_PARTIAL = 6,
    RB_EXIT_INTERNAL = 70,
};

/* A short lowercase name ("not found"); static storage. */
const char *rb_err_str(enum rb_err e);
/* The CLI exit code for e. */
int rb_err_exit(enum rb_err e);
/* The HTTP status for e. */
int rb_err_http_status(enum rb_err e);
/* The stable problem type slug for e ("not-found"). */
const char *rb_err_type(enum rb_err e);

/* Size of the message buffers that carry detail next to an rb_err. */
#define RB_ERRMSG 512

#endif
