/* SPDX-License-Identifier: MIT */
/*
 * DOCX: a ZIP archive (libzip, read from memory) whose word/document.xml holds the text
 * (libxml2, network and entity expansion off), with the page headers (word/header*.xml)
 * before it and the footers (word/footer*.xml) after it, as a reader sees them on the first
 * page: templates put the name and contact details there. A header or footer whose text is
 * already there (the first page's and the other pages' are often the same) is read once.
 * Text boxes are read where they are anchored, once: Word writes each twice, as a drawing and
 * as the VML copy for older readers (mc:Fallback), which is skipped. Limits before any byte
 * is inflated: the number of entries, the declared size of each part, the bytes of all parts
 * together, and the ratio of inflated to compressed size; and while inflating, the bytes
 * actually produced, in case the declared size lies.
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
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
/* headers and footers read, at most, each way */
#define PARTS_MAX 8

static void
newline(struct buf *b)
{
    if (b->len && b->data && b->data[b->len - 1] != '\n')
        buf_putc(b, '\n');
}

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
        /* the copy of a text box for readers without DrawingML: its text is read once, from
         * the mc:Choice beside it */
        if (strcmp(name, "Fallback") == 0 && n->ns && n->ns->href &&
            strcmp((const char *)n->ns->href, MC_NS) == 0)
            continue;
        if (strcmp(name, "tab") == 0)
            buf_putc(b, '\t');
        else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0)
            buf_putc(b, '\n');
        else if (strcmp(name, "txbxContent") == 0)
            newline(b); /* a box's lines are not the anchoring paragraph's */
        docx_walk(n->children, b, depth + 1);
        /* paragraphs and table cells end lines */
        if (strcmp(name, "p") == 0 || strcmp(name, "tc") == 0)
            buf_putc(b, '\n');
        if (b->len >= b->max)
            return;
    }
}

/* Reads the part at idx and appends its text to b; *budget is what may still be inflated
 * (the part's declared size is checked against it and taken from it). */
static enum rb_err
docx_part(zip_t *za, zip_int64_t idx, const struct extract_limits *lim, size_t *budget,
          struct buf *b, char *errmsg)
{
    zip_stat_t st;
    zip_file_t *zf = NULL;
    xmlDocPtr doc = NULL;
    char *xml = NULL;
    size_t got = 0;
    enum rb_err rc = RB_EINVAL;

    if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
        !(st.valid & ZIP_STAT_COMP_SIZE) || !(st.valid & ZIP_STAT_NAME)) {
        snprintf(errmsg, RB_ERRMSG, "corrupt archive (no size for entry %lld)", (long long)idx);
        goto out;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        snprintf(errmsg, RB_ERRMSG, "encrypted document");
        goto out;
    }
    if (st.size > *budget || (st.comp_size && st.size / st.comp_size > lim->docx_max_ratio)) {
        snprintf(errmsg, RB_ERRMSG,
                 "archive bomb: %s inflates to %llu bytes from %llu (limits %zu bytes in all, %ux)",
                 st.name, (unsigned long long)st.size, (unsigned long long)st.comp_size,
                 lim->docx_max_uncompressed, lim->docx_max_ratio);
        rc = RB_ETOOBIG;
        goto out;
    }
    *budget -= st.size;
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
    doc = xmlReadMemory(xml, (int)got, st.name, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        snprintf(errmsg, RB_ERRMSG, "corrupt document (%s is not well-formed XML)", st.name);
        goto out;
    }
    docx_walk(xmlDocGetRootElement(doc), b, 0);
    rc = RB_OK;
out:
    if (doc)
        xmlFreeDoc(doc);
    if (xml)
        xmlFree(xml);
    if (zf)
        zip_fclose(zf);
    return rc;
}

/* Whether name is word/PREFIXn.xml (word/header1.xml). */
static bool
part_named(const char *name, const char *prefix)
{
    size_t n = strlen(prefix), len = name ? strlen(name) : 0;
    return len > n + 4 && !strncmp(name, prefix, n) && !strcmp(name + len - 4, ".xml") &&
           strspn(name + n, "0123456789") == len - n - 4;
}

/* Appends the text of the headers or footers, each unless its text is in b already. */
static enum rb_err
docx_margins(zip_t *za, zip_int64_t entries, const char *prefix, const struct extract_limits *lim,
             size_t *budget, struct buf *b, char *errmsg)
{
    int parts = 0;
    for (zip_int64_t i = 0; i < entries && parts < PARTS_MAX; i++) {
        struct buf one;
        enum rb_err rc;
        if (!part_named(zip_get_name(za, (zip_uint64_t)i, 0), prefix))
            continue;
        parts++;
        buf_init(&one, b->max);
        rc = docx_part(za, i, lim, budget, &one, errmsg);
        if (rc) {
            buf_cleanup(&one);
            return rc;
        }
        while (one.len && (one.data[one.len - 1] == '\n' || one.data[one.len - 1] == ' '))
            one.data[--one.len] = '\0';
        if (one.len && !memmem(b->data ? b->data : "", b->len, one.data, one.len)) {
            newline(b);
            buf_append(b, one.data, one.len);
            buf_putc(b, '\n');
        }
        buf_cleanup(&one);
    }
    return RB_OK;
}

enum rb_err
docx_text(const unsigned char *data, size_t len, const struct extract_limits *lim,
          struct extracted *out, char *errmsg)
{
    zip_error_t zerr;
    zip_source_t *src;
    zip_t *za = NULL;
    zip_int64_t idx, n;
    size_t budget = lim->docx_max_uncompressed;
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
    buf_init(&b, lim->max_text);
    rc = docx_margins(za, n, "word/header", lim, &budget, &b, errmsg);
    if (!rc)
        rc = docx_part(za, idx, lim, &budget, &b, errmsg);
    if (!rc)
        rc = docx_margins(za, n, "word/footer", lim, &budget, &b, errmsg);
    if (rc) {
        buf_cleanup(&b);
        goto out;
    }
    out->len = b.len;
    out->text = buf_take(&b);
    rc = RB_OK;
out:
    zip_discard(za);
    return rc;
}
