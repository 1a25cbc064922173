/* SPDX-License-Identifier: MIT */
/* Users: roles, addresses, password rules (core/user.h). */
#include "core/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/text.h"

char *
user_email_normal(const char *email, char *errmsg)
{
    size_t n = email ? strlen(email) : 0;
    const char *at = email ? strchr(email, '@') : NULL;
    char *out;

    if (!n || n > 254 || !at || at == email || !at[1] || strchr(at + 1, '@') ||
        !strchr(at + 1, '.') || at[1] == '.' || email[n - 1] == '.') {
        snprintf(errmsg, RB_ERRMSG, "email: expected an address such as name@example.org");
        return NULL;
    }
    for (const char *p = email; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"' || *p == '\\' ||
            *p == ',' || *p == ';') {
            snprintf(errmsg, RB_ERRMSG, "email: no spaces, quotes or brackets, please");
            return NULL;
        }
    if (!text_utf8_valid(email, n, NULL)) {
        snprintf(errmsg, RB_ERRMSG, "email: not valid UTF-8");
        return NULL;
    }
    out = xstrdup(email);
    for (char *p = out; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return out;
}

enum rb_err
user_password_check(const char *password, size_t len, char *errmsg)
{
    if (len < 10) {
        snprintf(errmsg, RB_ERRMSG, "password: at least 10 characters, please");
        return RB_EINVAL;
    }
    if (len > 1024) {
        snprintf(errmsg, RB_ERRMSG, "password: at most 1024 bytes");
        return RB_EINVAL;
    }
    if (!text_utf8_valid(password, len, NULL) || memchr(password, '\0', len)) {
        snprintf(errmsg, RB_ERRMSG, "password: not valid UTF-8");
        return RB_EINVAL;
    }
    return RB_OK;
}
