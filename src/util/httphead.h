/* SPDX-License-Identifier: MIT */
/*
 * What the server reads itself from a request's head (libmicrohttpd splits the head into
 * headers; these read their values): a media type, a list of addresses, an ETag list. Pure
 * functions of NUL-terminated text, bounded by its length, fuzzed by
 * tests/fuzz/fuzz_httphead.c.
 */
#ifndef RUBRIC_UTIL_HTTPHEAD_H
#define RUBRIC_UTIL_HTTPHEAD_H

#include <stdbool.h>

/* Whether the Content-Type value ct (NULL: none) is the media type type, compared without
 * case, with nothing after it but optional whitespace and parameters: "application/json;
 * charset=utf-8" is application/json, "application/jsonp" is not. */
bool httphead_media_type_is(const char *ct, const char *type);

/* Whether addr is one of the addresses of list, separated by commas, spaces or tabs. */
bool httphead_address_listed(const char *list, const char *addr);

/* Whether an If-None-Match value (NULL: none) matches etag (a quoted strong tag, "\"...\""):
 * "*", or the tag anywhere in the list, weak (W/) or strong, as RFC 9110 compares for GET. */
bool httphead_etag_matches(const char *header, const char *etag);

#endif
