/* SPDX-License-Identifier: MIT */
/* The mail queue's sender over SMTP (core/mail.h). */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mail.h"
#include "util/mem.h"

#define MESSAGE_MAX (1u << 20)

enum rb_err
mail_global_init(char *errmsg)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(errmsg, RB_ERRMSG, "libcurl could not start (TLS libraries)");
        return RB_EINTERNAL;
    }
    return RB_OK;
}

static bool
address_ok(const char *a)
{
    const char *at = a ? strchr(a, '@') : NULL;
    if (!at || at == a || !at[1] || strlen(a) > 254)
        return false;
    for (; *a; a++) {
        unsigned char c = (unsigned char)*a;
        if (c <= 0x20 || c >= 0x7F || strchr("<>()[]\\,;:\"", c))
            return false;
    }
    return true;
}

enum rb_err
mail_config_check(const struct mail_config *c, bool *configured, char *errmsg)
{
    *configured = false;
    if (!c->url || !*c->url)
        return RB_OK;
    if (strncmp(c->url, "smtp://", 7) != 0 && strncmp(c->url, "smtps://", 8) != 0) {
        snprintf(errmsg, RB_ERRMSG,
                 "smtp_url: '%.100s' is not smtp://HOST[:PORT] or smtps://HOST[:PORT]", c->url);
        return RB_EINVAL;
    }
    if (!address_ok(c->from)) {
        snprintf(errmsg, RB_ERRMSG,
                 "smtp_from: give the address mail comes from, such as "
                 "rubric@example.org");
        return RB_EINVAL;
    }
    if ((c->user && *c->user) != (c->password && *c->password)) {
        snprintf(errmsg, RB_ERRMSG, "smtp_user and smtp_password: give both or neither");
        return RB_EINVAL;
    }
    *configured = true;
    return RB_OK;
}

long long
mail_backoff(const struct mail_config *c, long long attempts)
{
    long long d = c->retry_seconds ? c->retry_seconds : 60;
    if (attempts >= MAIL_TRIES_MAX)
        return 0;
    for (long long i = 1; i < attempts && d < MAIL_BACKOFF_MAX; i++)
        d *= 2;
    return d < MAIL_BACKOFF_MAX ? d : MAIL_BACKOFF_MAX;
}

static void
base64(struct buf *out, const char *s, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = (const unsigned char *)s;
    size_t col = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        char q[4] = {tab[v >> 18 & 63], tab[v >> 12 & 63], i + 1 < n ? tab[v >> 6 & 63] : '=',
                     i + 2 < n ? tab[v & 63] : '='};
        buf_append(out, q, 4);
        if ((col += 4) == 76 && i + 3 < n) {
            buf_puts(out, "\r\n");
            col = 0;
        }
    }
    buf_puts(out, "\r\n");
}

/* a header's text: as is when it is printable ASCII, else one RFC 2047 encoded word per
 * 45 bytes (a UTF-8 character is never split) */
static void
header_text(struct buf *out, const char *s)
{
    bool plain = true;
    for (const char *p = s; *p; p++)
        plain = plain && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F;
    if (plain) {
        buf_puts(out, s);
        return;
    }
    for (size_t i = 0, n = strlen(s); i < n;) {
        size_t take = n - i > 45 ? 45 : n - i;
        while (i + take < n && ((unsigned char)s[i + take] & 0xC0) == 0x80)
            take--;
        buf_puts(out, i ? "\r\n =?UTF-8?B?" : "=?UTF-8?B?");
        base64(out, s + i, take);
        out->len -= 2; /* base64's line end */
        out->data[out->len] = '\0';
        buf_puts(out, "?=");
        i += take;
    }
}

static const char *
str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

enum rb_err
mail_message(const struct mail_config *c, json_t *row, long long now, struct buf *out, char *errmsg)
{
    char date[64], boundary[64];
    const char *to = str(row, "recipient"), *body = str(row, "body"), *att = str(row, "attachment");
    const char *domain = strchr(c->from, '@') + 1;
    long long id = json_integer_value(json_object_get(row, "id"));
    time_t t = (time_t)now;
    struct tm tm;

    if (!address_ok(to)) {
        snprintf(errmsg, RB_ERRMSG, "the recipient is not an address mail can go to");
        return RB_EINVAL;
    }
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    snprintf(boundary, sizeof boundary, "rubric-%lld-%lld", id, now);
    buf_printf(out, "Date: %s\r\nFrom: Rubric <%s>\r\nTo: <%s>\r\nSubject: ", date, c->from, to);
    header_text(out, str(row, "subject") ? str(row, "subject") : "");
    buf_printf(out,
               "\r\nMessage-ID: <rubric-outbox-%lld-%lld@%s>\r\nMIME-Version: 1.0\r\n"
               "Auto-Submitted: auto-generated\r\n",
               id, now, domain);
    if (att) {
        buf_printf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n--%s\r\n", boundary,
                   boundary);
    }
    buf_puts(out, "Content-Type: text/plain; charset=utf-8\r\n"
                  "Content-Transfer-Encoding: base64\r\n\r\n");
    base64(out, body ? body : "", body ? strlen(body) : 0);
    if (att) {
        const char *type =
            str(row, "attachment_type") ? str(row, "attachment_type") : "application/octet-stream";
        buf_printf(out,
                   "--%s\r\nContent-Type: %s; name=\"invite.ics\"\r\n"
                   "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"
                   "Content-Transfer-Encoding: base64\r\n\r\n",
                   boundary, type);
        base64(out, att, strlen(att));
        buf_printf(out, "--%s--\r\n", boundary);
    }
    if (out->len >= out->max) {
        snprintf(errmsg, RB_ERRMSG, "the message is over %zu bytes", out->max);
        return RB_ETOOBIG;
    }
    return RB_OK;
}

struct reader {
    const char *p;
    size_t left;
};

static size_t
read_cb(char *dst, size_t size, size_t nitems, void *arg)
{
    struct reader *r = arg;
    size_t n = size * nitems < r->left ? size * nitems : r->left;
    memcpy(dst, r->p, n);
    r->p += n;
    r->left -= n;
    return n;
}

/* One message to one recipient; errmsg holds libcurl's or the server's words. RB_EIO when
 * a later try may succeed, RB_EINVAL when the server refused for good. */
static enum rb_err
smtp_send(const struct mail_config *c, const char *to, const struct buf *msg, char *errmsg)
{
    CURL *h = curl_easy_init();
    struct curl_slist *rcpt = NULL;
    struct reader r = {msg->data, msg->len};
    char from[300], rcpt_to[300], err[CURL_ERROR_SIZE] = "";
    CURLcode cc;
    long code = 0;

    if (!h) {
        snprintf(errmsg, RB_ERRMSG, "libcurl could not start a transfer");
        return RB_EIO;
    }
    snprintf(from, sizeof from, "<%s>", c->from);
    snprintf(rcpt_to, sizeof rcpt_to, "<%s>", to);
    rcpt = curl_slist_append(rcpt, rcpt_to);
    curl_easy_setopt(h, CURLOPT_URL, c->url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(h, CURLOPT_READDATA, &r);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg->len);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)(c->timeout ? c->timeout : 60));
    /* a password never crosses the network in clear: STARTTLS is required then */
    curl_easy_setopt(h, CURLOPT_USE_SSL,
                     c->user && *c->user ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
    if (c->user && *c->user) {
        curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
        curl_easy_setopt(h, CURLOPT_PASSWORD, c->password);
    }
    cc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(h);
    if (cc == CURLE_OK)
        return RB_OK;
    snprintf(errmsg, RB_ERRMSG, "%s%s%s", curl_easy_strerror(cc), *err ? ": " : "", err);
    if (code)
        snprintf(errmsg + strlen(errmsg), RB_ERRMSG - strlen(errmsg), " (SMTP %ld)", code);
    /* a 5xx answer is the server's final word (no such mailbox, refused): trying again
     * would only repeat it */
    return code >= 500 && code < 600 ? RB_EINVAL : RB_EIO;
}

enum rb_err
mail_send_due(struct store *s, const struct mail_config *c, long long now, size_t max, size_t *sent,
              size_t *failed, char *errmsg)
{
    json_t *rows, *row;
    size_t i;
    enum rb_err e = store_outbox_claim(s, now, now + MAIL_LEASE, max, &rows, errmsg);
    *sent = *failed = 0;
    if (e) {
        json_decref(rows);
        return e;
    }
    json_array_foreach(rows, i, row)
    {
        struct buf msg;
        char why[RB_ERRMSG];
        long long id = json_integer_value(json_object_get(row, "id"));
        long long tries = json_integer_value(json_object_get(row, "attempts")) + 1;
        enum rb_err se;
        buf_init(&msg, MESSAGE_MAX);
        se = mail_message(c, row, now, &msg, why);
        if (!se)
            se = smtp_send(c, str(row, "recipient"), &msg, why);
        buf_cleanup(&msg);
        if (!se) {
            (*sent)++;
            e = store_outbox_done(s, id, NULL, 0, errmsg);
        } else {
            long long wait = se == RB_EIO ? mail_backoff(c, tries) : 0; /* a bad row never heals */
            (*failed)++;
            e = store_outbox_done(s, id, why, wait ? now + wait : 0, errmsg);
        }
        if (e)
            break;
    }
    json_decref(rows);
    return e;
}
