/* SPDX-License-Identifier: MIT */
/* Strict decoding and checking of JSON request bodies (util/jsonv.h). */
#include "util/jsonv.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/text.h"

static const char *
type_name(enum field_type t)
{
    static const char *const names[] = {"a string", "a whole number", "true or false",
                                        "an array", "an object",      "a number"};
    return names[t];
}

static bool
has_type(const json_t *v, enum field_type t)
{
    switch (t) {
    case F_STRING:
        return json_is_string(v);
    case F_INT:
        return json_is_integer(v);
    case F_BOOL:
        return json_is_boolean(v);
    case F_ARRAY:
        return json_is_array(v);
    case F_OBJECT:
        return json_is_object(v);
    case F_NUMBER:
        return json_is_number(v);
    }
    return false;
}

enum rb_err
http_check_body(json_t *body, const struct field_spec *spec, const char **field, char *errmsg)
{
    const char *key;
    json_t *v;
    *field = NULL;
    if (!json_is_object(body)) {
        snprintf(errmsg, RB_ERRMSG, "the body must be a JSON object");
        return RB_EINVAL;
    }
    json_object_foreach(body, key, v)
    {
        const struct field_spec *f = spec;
        while (f->name && strcmp(f->name, key) != 0)
            f++;
        if (!f->name) {
            *field = key;
            snprintf(errmsg, RB_ERRMSG, "%.100s: unknown field", key);
            return RB_EINVAL;
        }
    }
    for (const struct field_spec *f = spec; f->name; f++) {
        v = json_object_get(body, f->name);
        *field = f->name;
        if (!v || json_is_null(v)) {
            if (f->required) {
                snprintf(errmsg, RB_ERRMSG, "%s: required", f->name);
                return RB_EINVAL;
            }
            continue;
        }
        if (!has_type(v, f->type)) {
            snprintf(errmsg, RB_ERRMSG, "%s: expected %s", f->name, type_name(f->type));
            return RB_EINVAL;
        }
        if (f->type == F_STRING) {
            size_t n = json_string_length(v);
            if (f->max && n > f->max) {
                snprintf(errmsg, RB_ERRMSG, "%s: at most %zu bytes", f->name, f->max);
                return RB_ETOOBIG;
            }
            if (memchr(json_string_value(v), '\0', n)) {
                snprintf(errmsg, RB_ERRMSG, "%s: contains a NUL character", f->name);
                return RB_EINVAL;
            }
        } else if (f->type == F_ARRAY && f->max && json_array_size(v) > f->max) {
            snprintf(errmsg, RB_ERRMSG, "%s: at most %zu items", f->name, f->max);
            return RB_ETOOBIG;
        } else if (f->type == F_INT && f->max &&
                   (json_integer_value(v) < 0 || (size_t)json_integer_value(v) > f->max)) {
            snprintf(errmsg, RB_ERRMSG, "%s: from 0 to %zu", f->name, f->max);
            return RB_EINVAL;
        }
    }
    *field = NULL;
    return RB_OK;
}

json_t *
json_decode_strict(const char *text, size_t len, const char *what, char *errmsg)
{
    json_error_t err;
    json_t *v;
    size_t bad;
    if (!len) {
        snprintf(errmsg, RB_ERRMSG, "%s is empty: it should hold a JSON object", what);
        return NULL;
    }
    /* jansson checks UTF-8 too, but says less about where */
    if (!text_utf8_valid(text, len, &bad)) {
        snprintf(errmsg, RB_ERRMSG, "%s is not valid UTF-8 (byte %zu)", what, bad);
        return NULL;
    }
    v = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    if (!v) {
        snprintf(errmsg, RB_ERRMSG, "malformed JSON at line %d, column %d: %s", err.line,
                 err.column, err.text);
        return NULL;
    }
    return v;
}

json_t *
http_decode_json(const char *body, size_t len, char *errmsg)
{
    json_t *v;
    if (!len) {
        snprintf(errmsg, RB_ERRMSG, "the body is empty: send a JSON object");
        return NULL;
    }
    v = json_decode_strict(body, len, "the body", errmsg);
    return v;
}
