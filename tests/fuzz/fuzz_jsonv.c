/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: HTTP request bodies as the API decodes and checks them (util/jsonv.c): any
 * bytes must give an object that passes, or an error naming what is wrong, never a crash,
 * leak or undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/jsonv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct field_spec login[] = {
    {"email", F_STRING, true, 254}, {"password", F_STRING, true, 1024}, {0}};
static const struct field_spec kit[] = {
    {"role", F_STRING, true, 64},   {"minutes", F_INT, false, 600},
    {"seed", F_INT, false, 0},      {"save", F_BOOL, false, 0},
    {"tags", F_ARRAY, false, 8},    {"meta", F_OBJECT, false, 0},
    {"weight", F_NUMBER, false, 0}, {0}};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char msg[512];
    json_t *v = http_decode_json((const char *)data, size, msg);
    const char *field;
    if (!v) {
        if (!msg[0])
            abort(); /* a refusal always says why */
        return 0;
    }
    for (int i = 0; i < 2; i++) {
        enum rb_err e = http_check_body(v, i ? kit : login, &field, msg);
        if (e && !msg[0])
            abort();
        if (!e && field)
            abort();
    }
    json_decref(v);
    return 0;
}
