/* SPDX-License-Identifier: MIT */
/*
 * Format detection, text decoding, and the formats that are text underneath: plain text,
 * Markdown, HTML (libxml2's HTML parser, network off) and JSON Resume (jansson), rendered as
 * plain text in the layout of a one-column resume so that one parser reads every format.
 * DOCX and PDF are in docx.c and pdf.c.
 */
#include "extract/extract.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "extract/formats.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/text.h"

const struct extract_limits extract_default_limits = {
    .max_file = 20u << 20,
    .max_text = 2u << 20,
    .docx_max_entries = 2000,
    .docx_max_uncompressed = 20u << 20,
    .docx_max_ratio = 100,
    .pdf_cpu_seconds = 5,
    .pdf_memory = 512u << 20,
    .pdf_timeout_ms = 10000,
};

const char *
doc_format_name(enum doc_format f)
{
    static const char *const names[] = {"unknown",     "text", "markdown", "html",
                                        "json-resume", "docx", "pdf"};
    return (unsigned)f < sizeof names / sizeof names[0] ? names[f] : "unknown";
}

void
extracted_cleanup(struct extracted *e)
{
    if (e) {
        free(e->text);
        e->text = NULL;
        e->len = 0;
    }
}

/* ---- decoding ----------------------------------------------------------------------- */

/* Converts len bytes from charset to UTF-8 with iconv; NULL when they are not that. */
static char *
convert(const char *charset, const unsigned char *data, size_t len, size_t max, enum rb_err *rc)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    size_t cap = len * 3 + 16, inleft = len, outleft;
    char *out, *in, *op;

    if (cd == (iconv_t)-1) /* NOLINT(performance-no-int-to-ptr): iconv_open's error value */
        return NULL;
    /* iconv takes char ** but only reads the input */
    memcpy(&in, &data, sizeof in);
    if (cap > max + 16)
        cap = max + 16;
    out = xmalloc(cap + 1);
    op = out;
    outleft = cap;
    if (iconv(cd, &in, &inleft, &op, &outleft) == (size_t)-1) {
        if (errno == E2BIG)
            *rc = RB_ETOOBIG;
        free(out);
        iconv_close(cd);
        return NULL;
    }
    iconv_close(cd);
    *op = '\0';
    return out;
}

char *
extract_decode_text(const unsigned char *data, size_t len, size_t max, const char **note,
                    enum rb_err *rc)
{
    char *out;

    *note = NULL;
    *rc = RB_OK;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    } else if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0)) {
        out = convert("UTF-16", data, len, max, rc);
        if (out)
            *note = "converted from UTF-16";
        else if (*rc == RB_OK)
            *rc = RB_EINVAL;
        return out;
    }
    if (len > max) {
        *rc = RB_ETOOBIG;
        return NULL;
    }
    if (text_utf8_valid((const char *)data, len, NULL))
        return xstrndup((const char *)data, len);
    if (memchr(data, 0, len)) {
        *rc = RB_EINVAL; /* binary, not text */
        return NULL;
    }
    if ((out = convert("WINDOWS-1252", data, len, max, rc))) {
        *note = "converted from Windows-1252";
        return out;
    }
    if (*rc == RB_OK && (out = convert("ISO-8859-1", data, len, max, rc)))
        *note = "converted from Latin-1";
    return out;
}

/* ---- detection ---------------------------------------------------------------------- */

static bool
starts_with(const unsigned char *d, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(d, magic, n) == 0;
}

static bool
has_ci(const unsigned char *d, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if ((d[i] | 0x20) == (needle[0] | 0x20) && /* most bytes go no further */
            strncasecmp((const char *)d + i, needle, n) == 0)
            return true;
    return false;
}

enum doc_format
extract_detect(const char *name, const unsigned char *data, size_t len)
{
    size_t head = len < 2048 ? len : 2048, i = 0;
    const char *ext = name ? strrchr(name, '.') : NULL;

    if (!len)
        return FMT_UNKNOWN;
    if (starts_with(data, len, "%PDF-", 5) || (head > 5 && memmem(data, head, "%PDF-", 5)))
        return FMT_PDF;
    if (starts_with(data, len, "PK\x03\x04", 4))
        return FMT_DOCX;
    if (starts_with(data, len, "\xFF\xFE", 2) || starts_with(data, len, "\xFE\xFF", 2))
        return ext && (!strcasecmp(ext, ".md") || !strcasecmp(ext, ".markdown")) ? FMT_MARKDOWN
                                                                                 : FMT_TEXT;
    if (memchr(data, 0, head))
        return FMT_UNKNOWN; /* binary: images, old .doc, archives */
    if (starts_with(data, len, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < head && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
        i++;
    if (i < head && data[i] == '{')
        return FMT_JSON_RESUME; /* confirmed when parsed */
    if (has_ci(data, head, "<html") || has_ci(data, head, "<!doctype html") ||
        has_ci(data, head, "<body"))
        return FMT_HTML;
    if (ext && (!strcasecmp(ext, ".md") || !strcasecmp(ext, ".markdown")))
        return FMT_MARKDOWN;
    return FMT_TEXT;
}

/* ---- HTML --------------------------------------------------------------------------- */

static bool
is_block(const char *tag)
{
    static const char *const blocks[] = {
        "p",  "div", "br",         "li",      "h1",     "h2",     "h3",    "h4",      "h5",
        "h6", "tr",  "section",    "article", "header", "footer", "ul",    "ol",      "table",
        "dt", "dd",  "blockquote", "pre",     "hr",     "main",   "aside", "address", "title"};
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if (strcasecmp(tag, blocks[i]) == 0)
            return true;
    return false;
}

static void
newline(struct buf *b)
{
    if (b->len && b->data[b->len - 1] != '\n')
        buf_putc(b, '\n');
}

static void
html_walk(xmlNode *n, struct buf *b, int depth)
{
    for (; n && depth < 256; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            /* collapse runs of white space as a browser would */
            for (const xmlChar *c = n->content; c && *c; c++) {
                bool sp = *c == ' ' || *c == '\n' || *c == '\t' || *c == '\r';
                if (sp) {
                    if (b->len && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '\n')
                        buf_putc(b, ' ');
                } else {
                    buf_putc(b, (char)*c);
                }
            }
        } else if (n->type == XML_ELEMENT_NODE) {
            const char *tag = (const char *)n->name;
            if (!strcasecmp(tag, "script") || !strcasecmp(tag, "style") ||
                !strcasecmp(tag, "head") || !strcasecmp(tag, "noscript") ||
                !strcasecmp(tag, "template") || !strcasecmp(tag, "svg"))
                continue;
            if (is_block(tag))
                newline(b);
            if (!strcasecmp(tag, "li"))
                buf_puts(b, "- ");
            if (!strcasecmp(tag, "td") || !strcasecmp(tag, "th"))
                buf_puts(b, "\t"); /* cells stay apart, as in a DOCX table's row */
            html_walk(n->children, b, depth + 1);
            if (is_block(tag))
                newline(b);
        }
        if (b->len >= b->max)
            return;
    }
}

static enum rb_err
html_text(const unsigned char *data, size_t len, const struct extract_limits *lim,
          struct extracted *out, char *errmsg)
{
    htmlDocPtr doc;
    struct buf b;

    if (len > INT32_MAX)
        return RB_ETOOBIG;
    doc = htmlReadMemory((const char *)data, (int)len, NULL, NULL,
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET);
    if (!doc) {
        snprintf(errmsg, RB_ERRMSG, "unreadable HTML");
        return RB_EINVAL;
    }
    buf_init(&b, lim->max_text);
    html_walk(xmlDocGetRootElement(doc), &b, 0);
    xmlFreeDoc(doc);
    out->len = b.len;
    out->text = buf_take(&b);
    return RB_OK;
}

/* ---- JSON Resume -------------------------------------------------------------------- */

static const char *
jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? s : NULL;
}

static void
line(struct buf *b, const char *a, const char *sep, const char *c)
{
    if (a && c)
        buf_printf(b, "%s%s%s\n", a, sep, c);
    else if (a || c)
        buf_printf(b, "%s\n", a ? a : c);
}

/* JSON Resume (schema v1) as a one-column text resume. */
static enum rb_err
json_resume_text(const unsigned char *data, size_t len, const struct extract_limits *lim,
                 struct extracted *out, char *errmsg)
{
    json_error_t err;
    json_t *r = json_loadb((const char *)data, len, 0, &err), *basics, *a, *v, *h;
    struct buf b;
    size_t i, j;

    if (!r) {
        snprintf(errmsg, RB_ERRMSG, "not valid JSON (line %d: %s)", err.line, err.text);
        return RB_EINVAL;
    }
    basics = json_object_get(r, "basics");
    if (!json_is_object(r) ||
        (!json_is_object(basics) && !json_is_array(json_object_get(r, "work")))) {
        json_decref(r);
        snprintf(errmsg, RB_ERRMSG, "JSON, but not a JSON Resume (no \"basics\" or \"work\")");
        return RB_EINVAL;
    }
    buf_init(&b, lim->max_text);
    if (json_is_object(basics)) {
        json_t *loc = json_object_get(basics, "location");
        line(&b, jstr(basics, "name"), "", NULL);
        line(&b, jstr(basics, "label"), "", NULL);
        line(&b, jstr(basics, "email"), "", NULL);
        line(&b, jstr(basics, "phone"), "", NULL);
        line(&b, jstr(basics, "url"), "", NULL);
        line(&b, jstr(loc, "city"), ", ", jstr(loc, "countryCode"));
        json_array_foreach(json_object_get(basics, "profiles"), i, v)
            line(&b, jstr(v, "url"), "", NULL);
        if (jstr(basics, "summary"))
            buf_printf(&b, "\nSummary\n%s\n", jstr(basics, "summary"));
    }
    a = json_object_get(r, "work");
    if (json_array_size(a))
        buf_puts(&b, "\nExperience\n");
    json_array_foreach(a, i, v)
    {
        buf_putc(&b, '\n');
        line(&b, jstr(v, "position"), ", ", jstr(v, "name") ? jstr(v, "name") : jstr(v, "company"));
        if (jstr(v, "startDate"))
            buf_printf(&b, "%s - %s\n", jstr(v, "startDate"),
                       jstr(v, "endDate") ? jstr(v, "endDate") : "Present");
        line(&b, jstr(v, "summary"), "", NULL);
        json_array_foreach(json_object_get(v, "highlights"), j, h) if (json_is_string(h))
            buf_printf(&b, "- %s\n", json_string_value(h));
    }
    a = json_object_get(r, "education");
    if (json_array_size(a))
        buf_puts(&b, "\nEducation\n");
    json_array_foreach(a, i, v)
    {
        buf_putc(&b, '\n');
        line(&b, jstr(v, "studyType"), " in ", jstr(v, "area"));
        line(&b, jstr(v, "institution"), "", NULL);
        if (jstr(v, "startDate"))
            buf_printf(&b, "%s - %s\n", jstr(v, "startDate"),
                       jstr(v, "endDate") ? jstr(v, "endDate") : "Present");
    }
    a = json_object_get(r, "skills");
    if (json_array_size(a))
        buf_puts(&b, "\nSkills\n");
    json_array_foreach(a, i, v)
    {
        buf_printf(&b, "%s%s", jstr(v, "name") ? jstr(v, "name") : "",
                   json_array_size(json_object_get(v, "keywords")) ? ": " : "");
        json_array_foreach(json_object_get(v, "keywords"), j, h) if (json_is_string(h))
            buf_printf(&b, "%s%s", j ? ", " : "", json_string_value(h));
        buf_putc(&b, '\n');
    }
    a = json_object_get(r, "projects");
    if (json_array_size(a))
        buf_puts(&b, "\nProjects\n");
    json_array_foreach(a, i, v)
    {
        line(&b, jstr(v, "name"), ": ", jstr(v, "description"));
        json_array_foreach(json_object_get(v, "highlights"), j, h) if (json_is_string(h))
            buf_printf(&b, "- %s\n", json_string_value(h));
    }
    a = json_object_get(r, "certificates");
    if (json_array_size(a))
        buf_puts(&b, "\nCertifications\n");
    json_array_foreach(a, i, v) line(&b, jstr(v, "name"), ", ", jstr(v, "issuer"));
    json_decref(r);
    if (b.len >= b.max) {
        buf_cleanup(&b);
        snprintf(errmsg, RB_ERRMSG, "too much text (limit %zu bytes)", lim->max_text);
        return RB_ETOOBIG;
    }
    out->len = b.len;
    out->text = buf_take(&b);
    return RB_OK;
}

/* ---- entry points ------------------------------------------------------------------- */

static bool
has_letters(const char *s, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n && letters < 20; i++)
        if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
            (unsigned char)s[i] >= 0xC0)
            letters++;
    return letters >= 20;
}

enum rb_err
extract_buffer(const char *name, const unsigned char *data, size_t len,
               const struct extract_limits *lim, struct extracted *out, char *errmsg)
{
    enum rb_err rc = RB_OK;
    char *text;

    memset(out, 0, sizeof *out);
    if (!lim)
        lim = &extract_default_limits;
    if (!len) {
        snprintf(errmsg, RB_ERRMSG, "empty file");
        return RB_EINVAL;
    }
    if (len > lim->max_file) {
        snprintf(errmsg, RB_ERRMSG, "too large (%zu bytes, limit %zu)", len, lim->max_file);
        return RB_ETOOBIG;
    }
    out->format = extract_detect(name, data, len);
    switch (out->format) {
    case FMT_PDF:
        rc = pdf_text(data, len, lim, out, errmsg);
        break;
    case FMT_DOCX:
        rc = docx_text(data, len, lim, out, errmsg);
        break;
    case FMT_JSON_RESUME:
        rc = json_resume_text(data, len, lim, out, errmsg);
        break;
    case FMT_HTML:
        rc = html_text(data, len, lim, out, errmsg);
        break;
    case FMT_TEXT:
    case FMT_MARKDOWN:
        text = extract_decode_text(data, len, lim->max_text, &out->note, &rc);
        if (!text) {
            snprintf(errmsg, RB_ERRMSG,
                     rc == RB_ETOOBIG ? "too much text (limit %zu bytes)"
                                      : "not text in any encoding we read",
                     lim->max_text);
            return rc ? rc : RB_EINVAL;
        }
        out->text = text;
        out->len = strlen(text);
        break;
    case FMT_UNKNOWN:
        if (starts_with(data, len, "\xD0\xCF\x11\xE0", 4))
            snprintf(errmsg, RB_ERRMSG,
                     "an old Word .doc file: not a resume format we read "
                     "(save it as DOCX or PDF)");
        else if (starts_with(data, len, "\x89PNG", 4) ||
                 starts_with(data, len, "\xFF\xD8\xFF", 3) || starts_with(data, len, "GIF8", 4))
            snprintf(errmsg, RB_ERRMSG, "an image, not a resume format");
        else
            snprintf(errmsg, RB_ERRMSG, "not a resume format (binary content)");
        return RB_EINVAL;
    }
    if (rc)
        return rc;
    if (!out->len || !has_letters(out->text, out->len)) {
        snprintf(errmsg, RB_ERRMSG,
                 out->format == FMT_PDF ? "image-only PDF with no text layer"
                                        : "no text in the file");
        extracted_cleanup(out);
        return RB_EINVAL;
    }
    if (!text_utf8_valid(out->text, out->len, NULL)) {
        /* a PDF's text can carry broken sequences: replace them, and say so */
        char *clean = text_utf8_clean(out->text, out->len);
        free(out->text);
        out->text = clean;
        out->len = strlen(clean);
        out->note = "text with encoding damage (bad bytes replaced)";
    }
    return RB_OK;
}

enum rb_err
extract_read(const char *path, const struct extract_limits *lim, char **data, size_t *len,
             char *errmsg)
{
    enum rb_err rc;
    if (!lim)
        lim = &extract_default_limits;
    rc = fs_read(path, lim->max_file, data, len, errmsg);
    if (rc) {
        /* the caller names the file: keep only the reason */
        const char *reason = strstr(errmsg, ": ");
        if (rc == RB_ETOOBIG)
            snprintf(errmsg, RB_ERRMSG, "too large (limit %zu bytes)", lim->max_file);
        else if (reason)
            memmove(errmsg, reason + 2, strlen(reason + 2) + 1);
    }
    return rc;
}

enum rb_err
extract_file(const char *path, const struct extract_limits *lim, struct extracted *out,
             char *errmsg)
{
    char *data;
    size_t len;
    enum rb_err rc;

    memset(out, 0, sizeof *out);
    if (!lim)
        lim = &extract_default_limits;
    if ((rc = extract_read(path, lim, &data, &len, errmsg)))
        return rc;
    rc = extract_buffer(path, (const unsigned char *)data, len, lim, out, errmsg);
    free(data);
    return rc;
}

/* The first bytes of a SQLite database file. */
static const char sqlite_magic[16] = "SQLite format 3";

bool
extract_resume_candidate(const char *path)
{
    static const char *const companions[] = {"-wal", "-shm", "-journal"};
    const char *base = strrchr(path, '/');
    size_t len;

    base = base ? base + 1 : path;
    len = strlen(base);
    for (size_t i = 0; i < sizeof companions / sizeof companions[0]; i++) {
        size_t cl = strlen(companions[i]);
        if (len > cl && strcmp(base + len - cl, companions[i]) == 0)
            return false;
    }
    return true;
}

bool
extract_is_database(const void *data, size_t len)
{
    return len >= sizeof sqlite_magic && memcmp(data, sqlite_magic, sizeof sqlite_magic) == 0;
}

bool
extract_file_is_database(const char *path)
{
    char head[sizeof sqlite_magic];
    bool db = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        db = pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head &&
             extract_is_database(head, sizeof head);
        close(fd);
    }
    return db;
}
