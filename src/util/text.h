/* SPDX-License-Identifier: MIT */
/*
 * Unicode text helpers on UTF-8 (through utf8proc): validation, folding for comparison, and
 * word iteration. Input is text with its length; nothing here needs a NUL terminator.
 */
#ifndef RUBRIC_UTIL_TEXT_H
#define RUBRIC_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..n) is valid UTF-8 with no NUL byte; otherwise *bad (if not NULL) is the
 * offset of the first bad byte. */
bool text_utf8_valid(const char *s, size_t n, size_t *bad);

/* Returns a new copy of s[0..n) with every byte that is not valid UTF-8 (and NUL)
 * replaced by U+FFFD. */
char *text_utf8_clean(const char *s, size_t n);

/* The 1-based line number of offset off in s. */
int text_line_at(const char *s, size_t off);

/* Returns a new string (free with free()): s normalised (NFKC), case-folded and stripped of
 * accents, for comparing what people typed. Invalid UTF-8 is replaced, never an error. */
char *text_fold(const char *s, size_t n);

/* Calls fn for each word of s: a maximal run of letters, digits and marks (Unicode classes),
 * with '+' '#' kept at a word's end so that "C++" and "C#" stay words. Stops early when fn
 * returns nonzero and returns that value, else 0. */
typedef int (*text_word_fn)(const char *word, size_t len, void *ctx);
int text_words(const char *s, size_t n, text_word_fn fn, void *ctx);

/* Trims ASCII white space from both ends of s[0..*n): returns the new start, updates *n. */
const char *text_trim(const char *s, size_t *n);

/* 64-bit FNV-1a hash of s[0..n). */
uint64_t text_hash(const char *s, size_t n);

/* Returns a new lowercase ASCII slug of s (letters and digits joined by '-'), at most max
 * bytes, never empty ("x" if nothing is left). */
char *text_slug(const char *s, size_t n, size_t max);

/* An argument as a message may echo it: s itself when it is shorter than TEXT_CLIP_MAX
 * bytes, else its first bytes (cut at a character boundary) followed by "... (N bytes)" in
 * out, which must hold TEXT_CLIP_SIZE bytes. Returns s or out (borrowed). */
#define TEXT_CLIP_MAX 80
#define TEXT_CLIP_SIZE (TEXT_CLIP_MAX + 40)
const char *text_clip(const char *s, char *out);

#endif
