/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: what the server reads itself from a request's head (util/httphead.h). The
 * input is split at its first two NUL bytes into a header value, a second value and the
 * rest; each function must answer without a crash, and its answer must agree with what its
 * contract says (a media type match starts with the type; a listed address is in the list;
 * a matching ETag is "*" or appears in the header).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/httphead.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 3), *a, *b;
    static const char *const types[] = {"application/json", "multipart/form-data"};
    char etag[80];
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = text[size + 1] = text[size + 2] = '\0';
    a = text;
    b = a + strlen(a) + 1;
    for (size_t i = 0; i < 2; i++)
        if (httphead_media_type_is(a, types[i]) && strncasecmp(a, types[i], strlen(types[i])) != 0)
            abort();
    if (httphead_address_listed(a, b) && (!*b || !strstr(a, b)))
        abort();
    /* a quoted tag made of the second value's first bytes */
    {
        size_t n = strcspn(b, "\"");
        if (n > 60)
            n = 60;
        etag[0] = '"';
        memcpy(etag + 1, b, n);
        etag[n + 1] = '"';
        etag[n + 2] = '\0';
        if (httphead_etag_matches(a, etag) && strcmp(a, "*") != 0 && !strstr(a, etag + 1))
            abort();
    }
    free(text);
    return 0;
}
