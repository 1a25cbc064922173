/* SPDX-License-Identifier: MIT */
/*
 * DOCX: a ZIP archive (libzip, read from memory) whose word/document.xml holds the text
 * (libxml2, network and entity expansion off). Limits before any byte is inflated: the
 * number of entries, the declared size, and the ratio of inflated to compressed size; and
 * while inflating, the bytes actually produced, in case the declared size lies.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "extract/formats.h"
#include "util/buf.h"
#include "util/mem.h"

#define DOCUMENT "word/document.xml"

static void
docx_walk(xmlNode *n, struct buf *b, int depth)
{
    for (; n && depth < 512; n = n->next) {
        const char *name;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        name = (const char *)n->name;
        if (strcmp(name, "t") == 0) {
            xmlChar *t = xmlNodeGetContent(n);
            if (t)
                buf_puts(b, (const char *)t);
            xmlFree(t);
            continue;
        }
        if (strcmp(name, "tab") == 0)
            buf_putc(b, '\t');
        else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0)
            buf_putc(b, '\n');
        docx_walk(n->children, b, depth + 1);
        /* paragraphs and table cells end lines */
        if (strcmp(name, "p") == 0 || strcmp(name, "tc") == 0)
            buf_putc(b, '\n');
        if (b->len >= b->max)
            return;
    }
}

enum rb_err
docx_text(const unsigned char *data, size_t len, const struct extract_limits *lim,
          struct extracted *out, char *errmsg)
{
    zip_error_t zerr;
    zip_source_t *src;
    zip_t *za = NULL;
    zip_file_t *zf = NULL;
    zip_stat_t st;
    zip_int64_t idx, n;
    char *xml = NULL;
    size_t got = 0;
    xmlDocPtr doc = NULL;
    struct buf b;
    enum rb_err rc = RB_EINVAL;

    zip_error_init(&zerr);
    src = zip_source_buffer_create(data, len, 0, &zerr);
    if (!src || !(za = zip_open_from_source(src, ZIP_RDONLY, &zerr))) {
        if (src)
            zip_source_free(src);
        snprintf(errmsg, RB_ERRMSG, "corrupt archive (%s)", zip_error_strerror(&zerr));
        zip_error_fini(&zerr);
        return RB_EINVAL;
    }
    zip_error_fini(&zerr);
    n = zip_get_num_entries(za, 0);
    if (n < 0 || (zip_uint64_t)n > lim->docx_max_entries) {
        snprintf(errmsg, RB_ERRMSG, "archive bomb: %lld entries (limit %zu)", (long long)n,
                 lim->docx_max_entries);
        rc = RB_ETOOBIG;
        goto out;
    }
    idx = zip_name_locate(za, DOCUMENT, 0);
    if (idx < 0) {
        snprintf(errmsg, RB_ERRMSG, "not a resume format (a ZIP archive with no %s)", DOCUMENT);
        goto out;
    }
    if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
        !(st.valid & ZIP_STAT_COMP_SIZE)) {
        snprintf(errmsg, RB_ERRMSG, "corrupt archive (no size for %s)", DOCUMENT);
        goto out;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        snprintf(errmsg, RB_ERRMSG, "encrypted document");
        goto out;
    }
    if (st.size > lim->docx_max_uncompressed ||
        (st.comp_size && st.size / st.comp_size > lim->docx_max_ratio)) {
        snprintf(errmsg, RB_ERRMSG,
                 "archive bomb: %s inflates to %llu bytes from %llu (limits %zu bytes, %ux)",
                 DOCUMENT, (unsigned long long)st.size, (unsigned long long)st.comp_size,
                 lim->docx_max_uncompressed, lim->docx_max_ratio);
        rc = RB_ETOOBIG;
        goto out;
    }
    if (!(zf = zip_fopen_index(za, (zip_uint64_t)idx, 0))) {
        snprintf(errmsg, RB_ERRMSG, "corrupt archive (%s)", zip_strerror(za));
        goto out;
    }
    /* read no more than was declared (and allowed), whatever the stream says */
    xml = xmlMalloc(st.size + 1);
    if (!xml)
        abort();
    while (got < st.size) {
        zip_int64_t r = zip_fread(zf, xml + got, st.size - got);
        if (r < 0) {
            snprintf(errmsg, RB_ERRMSG, "corrupt archive (%s)", zip_file_strerror(zf));
            goto out;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    if (got > INT32_MAX) {
        rc = RB_ETOOBIG;
        goto out;
    }
    doc = xmlReadMemory(xml, (int)got, DOCUMENT, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        snprintf(errmsg, RB_ERRMSG, "corrupt document (%s is not well-formed XML)", DOCUMENT);
        goto out;
    }
    buf_init(&b, lim->max_text);
    docx_walk(xmlDocGetRootElement(doc), &b, 0);
    out->len = b.len;
    out->text = buf_take(&b);
    rc = RB_OK;
out:
    if (doc)
        xmlFreeDoc(doc);
    if (xml)
        xmlFree(xml);
    if (zf)
        zip_fclose(zf);
    zip_discard(za);
    return rc;
}
