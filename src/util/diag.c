/* SPDX-License-Identifier: MIT */
/* Diagnostics lists. */
#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

void
diags_init(struct diags *d, size_t max)
{
    memset(d, 0, sizeof *d);
    d->max = max ? max : 1000;
}

void
diags_cleanup(struct diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].msg);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

void
diags_add(struct diags *d, const char *file, int line, const char *fmt, ...)
{
    struct buf b;
    va_list ap;

    if (d->n >= d->max) {
        d->dropped++;
        return;
    }
    buf_init(&b, 4096);
    va_start(ap, fmt);
    if (buf_vprintf(&b, fmt, ap))
        buf_puts(&b, "(message too long)");
    va_end(ap);
    xgrow(&d->items, &d->cap, d->n + 1, sizeof *d->items);
    d->items[d->n].file = file ? xstrdup(file) : NULL;
    d->items[d->n].line = line;
    d->items[d->n].msg = buf_take(&b);
    d->n++;
}

size_t
diags_count(const struct diags *d)
{
    return d->n + d->dropped;
}

static int
cmp_place(const struct diag *x, const struct diag *y)
{
    int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
    if (c)
        return c;
    return (x->line > y->line) - (x->line < y->line);
}

void
diags_sort(struct diags *d)
{
    /* A stable insertion sort: lists are short, and problems at one place keep the order
     * in which they were found. */
    for (size_t i = 1; i < d->n; i++) {
        struct diag t = d->items[i];
        size_t j = i;
        for (; j > 0 && cmp_place(&d->items[j - 1], &t) > 0; j--)
            d->items[j] = d->items[j - 1];
        d->items[j] = t;
    }
}

void
diags_print(const struct diags *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct diag *g = &d->items[i];
        if (g->file && g->line)
            fprintf(out, "%s:%d: %s\n", g->file, g->line, g->msg);
        else if (g->file)
            fprintf(out, "%s: %s\n", g->file, g->msg);
        else
            fprintf(out, "%s\n", g->msg);
    }
    if (d->dropped)
        fprintf(out, "(%zu more problems not shown)\n", d->dropped);
}
