/* SPDX-License-Identifier: MIT */
/*
 * The web application's files, built by Vite from web/ and compiled into the binary
 * (build/gen/webassets.c), served at every path that is not the API's.
 */
#ifndef RUBRIC_HTTP_STATIC_H
#define RUBRIC_HTTP_STATIC_H

#include <stdbool.h>

#include "http/http.h"
#include "util/embed.h"

/* The table tools/embed.c writes with -t web: names are "web/" and the path in dist/. */
extern const struct embedded_file web_files[];
extern const size_t web_nfiles;
const struct embedded_file *web_find(const char *name);

/* Answers a GET or HEAD of path from the app's files into res and returns true; false when
 * the path is the API's or another method (the caller answers 404 or 405). A file under
 * /assets/ (hashed names) is cached for a year; index.html, which every other path gets so
 * that deep links survive a reload, is revalidated each time. accept_encoding (may be NULL)
 * picks the gzip copy made at build time. */
bool static_serve(const char *method, const char *path, const char *accept_encoding,
                  struct http_res *res);

#endif
