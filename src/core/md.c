/* SPDX-License-Identifier: MIT */
/* Source slicing and plain text over cmark trees. */
#include "core/md.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

void
md_lines_init(struct md_lines *l, const char *s, size_t len)
{
    size_t cap = 0;
    l->src = s;
    l->len = len;
    l->starts = NULL;
    l->n = 0;
    xgrow(&l->starts, &cap, 1, sizeof *l->starts);
    l->starts[l->n++] = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n') {
            xgrow(&l->starts, &cap, l->n + 1, sizeof *l->starts);
            l->starts[l->n++] = i + 1;
        }
    }
}

void
md_lines_cleanup(struct md_lines *l)
{
    free(l->starts);
    l->starts = NULL;
}

char *
md_slice(const struct md_lines *l, int first, int col, int last, int indent)
{
    struct buf b;
    size_t n;
    const char *t;
    char *out;

    buf_init(&b, l->len + 1);
    for (int ln = first; ln <= last && ln >= 1 && (size_t)ln <= l->n; ln++) {
        size_t s = l->starts[ln - 1];
        size_t e = (size_t)ln < l->n ? l->starts[ln] - 1 : l->len;
        if (e > s && l->src[e - 1] == '\r')
            e--;
        if (ln == first) {
            if (col > 1)
                s += (size_t)col - 1 < e - s ? (size_t)col - 1 : e - s;
        } else {
            for (int k = 0; k < indent && s < e && l->src[s] == ' '; k++)
                s++;
            buf_putc(&b, '\n');
        }
        buf_append(&b, l->src + s, e - s);
    }
    n = b.len;
    t = text_trim(buf_str(&b), &n);
    out = xstrndup(t, n);
    buf_cleanup(&b);
    return out;
}

char *
md_block_source(const struct md_lines *l, cmark_node *n)
{
    return md_slice(l, cmark_node_get_start_line(n), 1, cmark_node_get_end_line(n), 0);
}

char *
md_item_source(const struct md_lines *l, cmark_node *item)
{
    cmark_node *first = cmark_node_first_child(item);
    int col, line;
    if (!first)
        return xstrdup("");
    line = cmark_node_get_start_line(first);
    col = cmark_node_get_start_column(first);
    return md_slice(l, line, col, cmark_node_get_end_line(item), col - 1);
}

static void
plain_text(cmark_node *n, struct buf *b)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            buf_puts(b, cmark_node_get_literal(c));
            break;
        case CMARK_NODE_HTML_INLINE:
            break; /* tags are not text */
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            buf_putc(b, ' ');
            break;
        default:
            plain_text(c, b);
        }
    }
}

char *
md_plain(cmark_node *n)
{
    struct buf b;
    size_t len;
    const char *t;
    char *out;

    buf_init(&b, 16u << 20);
    plain_text(n, &b);
    len = b.len;
    t = text_trim(buf_str(&b), &len);
    out = xstrndup(t, len);
    buf_cleanup(&b);
    return out;
}

char *
md_to_html(const char *md)
{
    /* cmark allocates with malloc; CMARK_OPT_SAFE (the default in 0.30) drops raw HTML and
     * dangerous links */
    char *h = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT | CMARK_OPT_SAFE);
    if (!h)
        abort();
    return h;
}
