/* SPDX-License-Identifier: MIT */
/* Values of a request's head (util/httphead.h). */
#include "util/httphead.h"

#include <string.h>
#include <strings.h>

bool
httphead_media_type_is(const char *ct, const char *type)
{
    size_t n = strlen(type);
    if (!ct || strncasecmp(ct, type, n) != 0)
        return false;
    for (ct += n; *ct == ' ' || *ct == '\t'; ct++)
        ;
    return *ct == '\0' || *ct == ';';
}

bool
httphead_address_listed(const char *list, const char *addr)
{
    size_t n = strlen(addr);
    if (!n)
        return false;
    for (const char *p = list; *p;) {
        size_t len;
        p += strspn(p, ", \t");
        len = strcspn(p, ", \t");
        if (len == n && strncmp(p, addr, n) == 0)
            return true;
        p += len;
    }
    return false;
}

bool
httphead_etag_matches(const char *header, const char *etag)
{
    size_t n = strlen(etag);
    const char *p = header;
    if (!header || n < 2)
        return false;
    if (strcmp(header, "*") == 0)
        return true;
    /* the tag's inside and closing quote, preceded by its opening quote: W/"x" and "x" */
    while ((p = strstr(p, etag + 1))) {
        if (p > header && p[-1] == '"')
            return true;
        p++;
    }
    return false;
}
