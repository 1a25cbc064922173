/* SPDX-License-Identifier: MIT */
/* Terminal tables. */
#include "util/table.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

#include "util/mem.h"

void
table_init(struct table *t, size_t ncols, const char *const *head, int flex)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols < TABLE_MAX_COLS ? ncols : TABLE_MAX_COLS;
    for (size_t i = 0; i < t->ncols; i++) {
        t->right[i] = head[i][0] == '>';
        t->head[i] = head[i] + (t->right[i] ? 1 : 0);
    }
    t->flex = flex;
}

void
table_cleanup(struct table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

void
table_add(struct table *t, const char *const *cells)
{
    xgrow(&t->cells, &t->cap, (t->nrows + 1) * t->ncols, sizeof *t->cells);
    for (size_t i = 0; i < t->ncols; i++) {
        char *c = xstrdup(cells[i] ? cells[i] : "");
        /* one line per row */
        for (char *p = c; *p; p++)
            if (*p == '\n' || *p == '\t' || *p == '\r')
                *p = ' ';
        t->cells[t->nrows * t->ncols + i] = c;
    }
    t->nrows++;
}

size_t
text_width(const char *s)
{
    size_t w = 0;
    utf8proc_ssize_t k;
    utf8proc_int32_t cp;
    while (*s) {
        k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
        if (k <= 0) {
            s++;
            w++;
            continue;
        }
        w += (size_t)(utf8proc_charwidth(cp) > 0 ? utf8proc_charwidth(cp) : 0);
        s += k;
    }
    return w;
}

/* Prints s padded or cut to exactly w characters. */
static void
put_cell(FILE *out, const char *s, size_t w, bool right, bool last)
{
    size_t sw = text_width(s);
    if (sw <= w) {
        if (right)
            fprintf(out, "%*s%s", (int)(w - sw), "", s);
        else
            fprintf(out, "%s%*s", s, last ? 0 : (int)(w - sw), "");
        return;
    }
    /* cut to w-1 characters and an ellipsis */
    {
        size_t used = 0;
        const char *p = s;
        while (*p) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
            size_t cw;
            if (k <= 0)
                k = 1, cp = '?';
            cw = (size_t)(utf8proc_charwidth(cp) > 0 ? utf8proc_charwidth(cp) : 0);
            if (used + cw + 1 > w)
                break;
            fwrite(p, 1, (size_t)k, out);
            used += cw;
            p += k;
        }
        fputs("…", out);
        used++;
        if (!last)
            fprintf(out, "%*s", (int)(w - used), "");
    }
}

void
table_print(const struct table *t, FILE *out, size_t width)
{
    size_t w[TABLE_MAX_COLS], total = 0;

    for (size_t c = 0; c < t->ncols; c++) {
        w[c] = text_width(t->head[c]);
        for (size_t r = 0; r < t->nrows; r++) {
            size_t cw = text_width(t->cells[r * t->ncols + c]);
            if (cw > w[c])
                w[c] = cw;
        }
        total += w[c] + (c ? 2 : 0);
    }
    if (width && total > width && t->flex >= 0 && (size_t)t->flex < t->ncols) {
        size_t over = total - width, f = (size_t)t->flex;
        w[f] = w[f] > over + 8 ? w[f] - over : 8;
    }
    for (size_t c = 0; c < t->ncols; c++) {
        if (c)
            fputs("  ", out);
        put_cell(out, t->head[c], w[c], t->right[c], c + 1 == t->ncols);
    }
    fputc('\n', out);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                fputs("  ", out);
            put_cell(out, t->cells[r * t->ncols + c], w[c], t->right[c], c + 1 == t->ncols);
        }
        fputc('\n', out);
    }
}

size_t
term_width(int fd)
{
    struct winsize ws;
    if (!isatty(fd))
        return 0;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}
