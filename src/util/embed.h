/* SPDX-License-Identifier: MIT */
/*
 * Files compiled into the binary at build time (tools/embed.c writes the table): the built-in
 * bank, the synonyms and the SQL migrations, so an installed binary needs nothing beside it.
 */
#ifndef RUBRIC_UTIL_EMBED_H
#define RUBRIC_UTIL_EMBED_H

#include <stddef.h>

struct embedded_file {
    const char *name; /* relative to data/ or src/store/sql/, e.g. "bank/caching.md" */
    const unsigned char *data;
    size_t len;
};

extern const struct embedded_file embedded_files[];
extern const size_t embedded_nfiles;

/* Returns the embedded file called name, or NULL. */
const struct embedded_file *embed_find(const char *name);

/* Calls fn for each embedded file whose name starts with prefix and ends with suffix (in
 * the order they were embedded: by name). */
struct diags;
void embed_each(const char *prefix, const char *suffix,
                void (*fn)(void *ctx, const char *name, const char *data, size_t len,
                           struct diags *d),
                void *ctx, struct diags *d);

#endif
