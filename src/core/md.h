/* SPDX-License-Identifier: MIT */
/*
 * Markdown helpers on cmark's tree, shared by the bank parser and the importer: the plain
 * text of a node, and the source text of a block as the author wrote it (cmark gives line
 * numbers; text is cut from the original lines rather than re-rendered).
 */
#ifndef RUBRIC_CORE_MD_H
#define RUBRIC_CORE_MD_H

#include <cmark.h>
#include <stddef.h>

struct md_lines {
    const char *src;
    size_t len;
    size_t *starts; /* starts[i] is the offset of line i+1 */
    size_t n;
};

void md_lines_init(struct md_lines *l, const char *s, size_t len);
void md_lines_cleanup(struct md_lines *l);

/* Returns the text of lines first..last (1-based, inclusive) as a new string: the first line
 * from byte column col (1-based), the following ones without up to indent leading spaces;
 * white space trimmed at both ends. */
char *md_slice(const struct md_lines *l, int first, int col, int last, int indent);

/* The source of block n as written (new string). */
char *md_block_source(const struct md_lines *l, cmark_node *n);

/* The text of a list item as written, without its marker (new string). */
char *md_item_source(const struct md_lines *l, cmark_node *item);

/* Markdown to HTML with raw HTML suppressed (text from people, not trusted): a new string. */
char *md_to_html(const char *md);

/* The plain text of n's inlines, trimmed, soft breaks as spaces (new string). */
char *md_plain(cmark_node *n);

#endif
