/* SPDX-License-Identifier: MIT */
/*
 * Request bodies as the API takes them: JSON decoded strictly (valid UTF-8, no duplicate
 * keys) and checked against a list of fields (names, types, limits, required), so that any
 * bad body gets an answer naming the field at fault. Pure functions: fuzzed by
 * tests/fuzz/fuzz_jsonv.c.
 */
#ifndef RUBRIC_UTIL_JSONV_H
#define RUBRIC_UTIL_JSONV_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* The flag every JSON answer and --json output is dumped with: reals with 15 significant
 * digits, so 6.2 prints as 6.2 (jansson's default of 17 prints 6.2000000000000002). Every
 * double with at most 15 significant digits reads back to the same double, and every figure
 * Rubric prints (scores, years, ratings, shares) is rounded well inside that. */
#define JSON_OUT_REAL JSON_REAL_PRECISION(15)

enum field_type { F_STRING, F_INT, F_BOOL, F_ARRAY, F_OBJECT, F_NUMBER };

struct field_spec {
    const char *name;
    enum field_type type;
    bool required;
    size_t max; /* strings: bytes; arrays: items; ints: the largest value (0: any) */
};

/* Checks that body is an object with only the fields of spec (NULL-name terminated), each
 * of its type and within its limit, strings without NUL. RB_EINVAL (RB_ETOOBIG for a limit)
 * with *field and errmsg naming the first at fault. */
enum rb_err http_check_body(json_t *body, const struct field_spec *spec, const char **field,
                            char *errmsg);

/* Decodes len bytes of text as JSON (UTF-8, no duplicate keys): a new reference, or NULL
 * with errmsg saying where it went wrong, calling the text what ("the file"). */
json_t *json_decode_strict(const char *text, size_t len, const char *what, char *errmsg);
/* The same for a request body, in the API's words ("send a JSON object"). */
json_t *http_decode_json(const char *body, size_t len, char *errmsg);

#endif
